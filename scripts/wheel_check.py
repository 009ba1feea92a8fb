"""Build the wheel, install it with [sandbox,cli] into a fresh virtual environment, run the README.

What a new user does (`make wheel-check`): nothing of the source tree is importable there, so
a file missing from the wheel, an undeclared dependency or a README example that needs the
clone fails here. Bounded: each step has a timeout, and the sandbox it starts (the installed
`casco-async sandbox`, on 127.0.0.1) is stopped at the end.

    python scripts/wheel_check.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
_LISTENING = re.compile(r"listening on (http://\S+)")


def build_wheel(out: Path) -> Path:
    """`python -m build --wheel` (no isolation: the dev extra has the backend) into `out`."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("casco_async-*.whl")
    return wheel


def first_example() -> str:
    """The README's first Python block (the quickstart program)."""
    match = _BLOCK.search((ROOT / "README.md").read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit("README.md has no Python block")
    return match.group(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it (default: a temp dir)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casco-wheel-") as temporary:
        work = options.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        wheel = build_wheel(work / "dist")
        print(f"built {wheel.name} ({wheel.stat().st_size // 1024} KiB)")
        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[sandbox,cli]"],
            check=True,
            timeout=600,
        )
        print(f"installed into {venv} with [sandbox,cli]")
        example = work / "example.py"
        example.write_text(first_example(), encoding="utf-8")
        cli = python.parent / "casco-async"
        server = subprocess.Popen(
            [str(cli), "sandbox", "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline()  # the sandbox prints its URL first
            match = _LISTENING.search(line)
            if match is None:
                print(f"the installed sandbox did not start: {line!r}", file=sys.stderr)
                return 1
            env = {k: v for k, v in os.environ.items() if not k.startswith(("CASCO_", "PYTHON"))}
            env.update(
                CASCO_BASE_URL=match.group(1), CASCO_ACCOUNT="sandbox", CASCO_PASSWORD="sandbox"
            )
            result = subprocess.run(
                [str(python), str(example)],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        if result.returncode != 0:
            print(f"the README's first example failed:\n{result.stderr}", file=sys.stderr)
            return 1
        print(result.stdout.rstrip())
        print(f"wheel check passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
