"""Build the wheel, install it with [sandbox,cli,otel] into a fresh virtual environment, run
every README block there.

What a new user does (`make wheel-check`): nothing of the source tree is importable there, so
a file missing from the wheel, an undeclared dependency or a README example that needs the
clone fails here. Every Python block of README.md runs, unchanged, by the same test file that
`make test` runs against the source tree (tests/tooling/test_readme.py, copied beside a copy of
the README): programs as scripts, test modules under pytest, fragments with an open client, each
against the installed sandbox (the installed pytest plugin's `casco_sandbox_server`, on
127.0.0.1). Added to the venv, at the dev extra's pins: the test runner, and the
OpenTelemetry SDK and httpx instrumentation that the README's tracing block imports (an
application's own packages, as the README says). Bounded: each
step has a timeout.

    python scripts/wheel_check.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README_TESTS = Path("tests/tooling/test_readme.py")
# Installed beside the wheel, at the dev extra's pins (one source of versions): the test runner
# the README's test file needs, and what the README's OpenTelemetry block says the application
# brings itself (the SDK and the httpx instrumentation; the `otel` extra is only the API).
_EXTRAS = "sandbox,cli,otel"
_RUNNER = ("pytest", "pytest-asyncio", "pytest-timeout")
_APPLICATION = ("opentelemetry-sdk", "opentelemetry-instrumentation-httpx")
# Settings of the project's own that the README's test file relies on, and nothing else.
_PYTEST_INI = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"


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


def dev_requirements(names: tuple[str, ...]) -> list[str]:
    """The dev extra's requirements for `names` (`pytest==…`, …)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = project["project"]["optional-dependencies"]["dev"]
    found = [req for req in dev if re.split(r"[=<>!~\[; ]", req, maxsplit=1)[0] in names]
    if len(found) != len(names):
        raise SystemExit(f"pyproject's dev extra does not pin all of {', '.join(names)}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it (default: a temp dir)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casco-wheel-") as temporary:
        work = (options.keep or Path(temporary)).resolve()
        work.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        wheel = build_wheel(work / "dist")
        print(f"built {wheel.name} ({wheel.stat().st_size // 1024} KiB)")
        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[{_EXTRAS}]"],
            check=True,
            timeout=600,
        )
        print(f"installed into {venv} with [{_EXTRAS}]")
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                *dev_requirements(_RUNNER + _APPLICATION),
            ],
            check=True,
            timeout=600,
        )
        # The README and its test file, in the layout the test file expects, and nothing else
        # of the clone: the package imported is the installed one (checked below).
        checkout = work / "readme"
        (checkout / README_TESTS.parent).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "README.md", checkout / "README.md")
        shutil.copy(ROOT / README_TESTS, checkout / README_TESTS)
        (checkout / "pytest.ini").write_text(_PYTEST_INI, encoding="utf-8")
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("CASCO_", "PYTHON", "PYTEST"))
        }
        where = subprocess.run(
            [str(python), "-c", "import casco_async; print(casco_async.__file__)"],
            cwd=checkout, env=env, capture_output=True, text=True, check=True, timeout=60,
        ).stdout.strip()  # fmt: skip
        if not Path(where).is_relative_to(venv):
            print(f"casco_async came from {where}, not from the wheel", file=sys.stderr)
            return 1
        result = subprocess.run(
            [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(README_TESTS)],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        print(result.stdout.rstrip())
        if result.returncode != 0:
            print(f"a README block failed from the wheel:\n{result.stderr}", file=sys.stderr)
            return 1
        print(f"wheel check passed in {time.monotonic() - started:.0f} s (every README block)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
