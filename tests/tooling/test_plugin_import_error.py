"""A broken generated client fails the tests that need it, never the whole pytest session.

pytest loads ``casco_async.testing`` (entry point ``pytest11``) before collecting anything, so an
import of the SDK or of ``casco_async_generated`` at plugin import time would abort every test suite
that has casco-async installed as soon as ``generated/`` is broken (e.g. regenerated with renamed
modules). Here a subprocess runs pytest with a ``casco_async_generated`` that raises on import.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BROKEN = "generated client is broken: no module named casco_async_generated.api.products"

TESTS = """
def test_unrelated():
    assert sum([1, 2]) == 3


def test_needs_the_sandbox(casco_sandbox):
    assert casco_sandbox.stats()
"""


def test_a_broken_generated_client_errors_only_the_tests_using_the_fixtures(
    tmp_path: Path,
) -> None:
    shadow = tmp_path / "shadow" / "casco_async_generated"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text(f"raise ImportError({BROKEN!r})\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_tiny.py").write_text(TESTS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(shadow.parent)}
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "test_tiny.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    # 1: tests ran and some failed; 2/3/4 would be an interrupted session, an internal error
    # or a usage error (a plugin that cannot be imported is one of those).
    assert result.returncode == 1, output
    assert "PASSED test_tiny.py::test_unrelated" in output
    assert "ERROR test_tiny.py::test_needs_the_sandbox" in output
    assert "1 passed, 1 error" in output
    assert "casco_async.testing: the sandbox cannot be loaded: ImportError: " + BROKEN in output


def test_importing_the_plugin_imports_neither_the_sdk_nor_the_generated_client() -> None:
    code = (
        "import sys, casco_async.testing\n"
        "heavy = ['casco_async_generated', 'casco_async._client', 'casco_async.sandbox', 'httpx']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
