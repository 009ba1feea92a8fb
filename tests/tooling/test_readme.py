"""Every Python block of README.md runs, unchanged, against a sandbox.

The convention (README.md, under "Use it", says it to readers):

* a block with ``anyio.run(`` / ``asyncio.run(`` is a program: it runs as a script in a fresh
  interpreter, in a temporary directory, with ``CASCO_BASE_URL``/``CASCO_ACCOUNT``/
  ``CASCO_PASSWORD`` pointing at a sandbox served on 127.0.0.1;
* a block defining ``test_`` functions is a test module: it runs with pytest in a temporary
  directory with no configuration of ours (the plugin must be found by its entry point, and the
  block must bring its own async runner);
* any other block continues the first example: it runs with top-level ``await`` in a namespace
  where ``casco`` is an open client and ``offer_id``, ``series``/``number`` (``s``/``n``),
  ``quote``, ``requests`` and ``product`` were made from the sandbox.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from casco_async import CascoClient
from casco_async.samples import sample_payment, sample_quote_request
from casco_async.sandbox import SandboxServer

README = Path(__file__).resolve().parents[2] / "README.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SUBPROCESS_SECONDS = 120


def blocks() -> list[tuple[int, str, str]]:
    """(line, kind, code) of every Python block of the README."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in _BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        code = match.group(1)
        if re.search(r"^(async )?def test_", code, re.MULTILINE):
            kind = "pytest"
        elif re.search(r"\b(anyio|asyncio)\.run\(", code):
            kind = "program"
        else:
            kind = "fragment"
        found.append((line, kind, code))
    return found


BLOCKS = blocks()


def test_the_readme_has_each_kind_of_block() -> None:
    # The reader's first example is a whole program, and the plugin's example is a test module.
    kinds = [kind for _, kind, _ in BLOCKS]
    assert kinds[0] == "program" and "pytest" in kinds and len(BLOCKS) >= 4


def sandbox_env(server: SandboxServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASCO_", "PYTEST_"))}
    env.update(CASCO_BASE_URL=server.base_url, CASCO_ACCOUNT="sandbox", CASCO_PASSWORD="sandbox")
    return env


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=_SUBPROCESS_SECONDS,
        check=False,
    )


@pytest.mark.parametrize(
    ("line", "code"),
    [(line, code) for line, kind, code in BLOCKS if kind == "program"],
    ids=lambda v: f"README.md:{v}" if isinstance(v, int) else "",
)
def test_a_program_block_runs_as_a_script(
    line: int, code: str, casco_sandbox_server: SandboxServer, tmp_path: Path
) -> None:
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    result = run([sys.executable, str(script)], tmp_path, sandbox_env(casco_sandbox_server))
    assert result.returncode == 0, f"README.md:{line}\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip(), "a README program shows its reader something"
    assert "sandbox" not in result.stdout + result.stderr  # the password is never printed


@pytest.mark.parametrize(
    ("line", "code"),
    [(line, code) for line, kind, code in BLOCKS if kind == "pytest"],
    ids=lambda v: f"README.md:{v}" if isinstance(v, int) else "",
)
def test_a_test_block_passes_under_pytest(
    line: int, code: str, casco_sandbox_server: SandboxServer, tmp_path: Path
) -> None:
    (tmp_path / "test_from_readme.py").write_text(code, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # none of our settings
    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_from_readme.py"],
        tmp_path,
        sandbox_env(casco_sandbox_server),
    )
    tests = len(re.findall(r"^(?:async )?def test_", code, re.MULTILINE))
    assert result.returncode == 0, f"README.md:{line}\n{result.stdout}\n{result.stderr}"
    assert f"{tests} passed" in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("line", "code"),
    [(line, code) for line, kind, code in BLOCKS if kind == "fragment"],
    ids=lambda v: f"README.md:{v}" if isinstance(v, int) else "",
)
async def test_a_fragment_block_runs_with_an_open_client(
    line: int,
    code: str,
    casco_sandbox_server: SandboxServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in sandbox_env(casco_sandbox_server).items():
        if name.startswith("CASCO_"):
            monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    compiled = compile(code, f"README.md:{line}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    async with CascoClient.from_env() as casco:
        quote = sample_quote_request()
        offers = await casco.products.quote(quote)
        kept = await casco.products.quote(quote)  # an offer not yet turned into a policy
        policy = await casco.products.issue_policy(offers[0].offer_id, sample_payment(offers[0]))
        namespace: dict[str, Any] = {
            "casco": casco,
            "offer_id": kept[0].offer_id,
            "series": policy.series,
            "number": policy.number,
            "s": policy.series,
            "n": policy.number,
            "quote": quote,
            "requests": [sample_quote_request(i) for i in ("generali", "groupama", "allianz")],
            "product": sample_quote_request()["product"],
        }
        result = eval(compiled, namespace)  # a coroutine when the block awaits
        if result is not None:
            await result
