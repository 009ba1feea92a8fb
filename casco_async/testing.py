"""pytest plugin: the CascoApi sandbox as fixtures, for testing code that calls the API.

Installed with casco-async (entry point ``pytest11``), so the fixtures are available in any test
suite once the ``sandbox`` extra is installed (``pip install 'casco-async[sandbox]'``)::

    async def test_quote(casco_sandbox):
        async with httpx.AsyncClient(transport=casco_sandbox.transport(),
                                     base_url="http://sandbox") as client:
            ...

    def test_against_a_socket(casco_sandbox_server):
        response = httpx.get(casco_sandbox_server.base_url + "/_sandbox/health")

Fixtures:

* ``casco_sandbox_config`` - the :class:`~casco_async.sandbox.SandboxConfig` of the sandbox;
  override it in a ``conftest.py``, or mark a test
  ``@pytest.mark.casco_sandbox(seed=7, faults=FaultConfig(error_rate=0.2))`` (the marker's
  keywords are :class:`~casco_async.sandbox.SandboxConfig` fields).
* ``casco_sandbox`` - a fresh :class:`~casco_async.sandbox.Sandbox` per test, in-process; its
  ``.app`` goes into ``httpx.ASGITransport(app=...)`` (or use ``.transport()``).
* ``casco_sandbox_server`` - the same sandbox served by uvicorn on 127.0.0.1 on a free port in a
  background thread: ``.base_url``, ``.port``, ``.sandbox`` (live stats and faults); stopped at
  teardown. Use it for streaming, memory and timeout tests, which in-process transports cannot
  exercise.

:class:`SandboxProcess` runs the sandbox in a separate Python process (benchmarks, kill tests).
:func:`sample_quote_request` and :func:`sample_payment` build valid request bodies (they live in
:mod:`casco_async.samples`, which needs no pytest, and are re-exported here).

This module imports only pytest and the standard library: the sandbox, the generated client,
starlette, uvicorn and httpx are imported inside the fixtures. So the plugin costs nothing to test
suites that do not use it, and a broken generated client (say, after regenerating from a new
document) fails the tests that use these fixtures, each with an error naming the import problem,
instead of aborting the whole session before its first test.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from types import ModuleType, TracebackType
from typing import IO, TYPE_CHECKING, Any

import pytest

# Standard library only (so it loads while the generated client is broken); re-exported here,
# where the plugin's users have always found them.
from casco_async.samples import sample_payment, sample_quote_request

if TYPE_CHECKING:
    from casco_async.sandbox import Sandbox, SandboxConfig, SandboxServer

__all__ = [
    "SandboxProcess",
    "casco_sandbox",
    "casco_sandbox_config",
    "casco_sandbox_server",
    "sample_payment",
    "sample_quote_request",
]

_LISTENING = re.compile(r"listening on (http://\S+)")


def _sandbox() -> ModuleType:
    """``casco_async.sandbox``, once it and the document it serves are known to load.

    A fixture that cannot have its sandbox fails (an error of each test using it) with the
    import problem in one line, rather than a traceback deep inside the sandbox.
    """
    try:
        import casco_async.sandbox as sandbox
        from casco_async.sandbox._document import document_operations

        document_operations()  # the generated client's schemas.json
    except (ImportError, OSError) as error:
        problem = f"{type(error).__name__}: {error}"
    else:
        return sandbox
    # Outside the except block: the one line is the whole report, without the chained traceback.
    pytest.fail(
        f"casco_async.testing: the sandbox cannot be loaded: {problem} (is the generated client "
        "casco_async_generated installed and up to date? `make generate`; the sandbox needs "
        "`pip install 'casco-async[sandbox]'`)",
        pytrace=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``casco_sandbox`` marker."""
    config.addinivalue_line(
        "markers",
        "casco_sandbox(**fields): SandboxConfig fields of the casco_sandbox fixture's sandbox",
    )


@pytest.fixture
def casco_sandbox_config(request: pytest.FixtureRequest) -> SandboxConfig:
    """The sandbox's configuration: defaults, plus the ``casco_sandbox`` marker's keywords."""
    marker = request.node.get_closest_marker("casco_sandbox")
    config: SandboxConfig = _sandbox().SandboxConfig(
        **(marker.kwargs if marker is not None else {})
    )
    return config


@pytest.fixture
def casco_sandbox(casco_sandbox_config: SandboxConfig) -> Sandbox:
    """A fresh in-process sandbox (default account ``sandbox``/``sandbox``)."""
    sandbox: Sandbox = _sandbox().Sandbox(casco_sandbox_config)
    return sandbox


@pytest.fixture
def casco_sandbox_server(casco_sandbox: Sandbox) -> Iterator[SandboxServer]:
    """``casco_sandbox`` served by uvicorn on 127.0.0.1 (free port), stopped at teardown."""
    with _sandbox().SandboxServer(casco_sandbox) as server:
        yield server


class SandboxProcess:
    """The sandbox in a separate process (``python -m casco_async.sandbox``).

    The server is started with ``--port 0`` and prints the URL it listens on; this class reads
    that line, so the port is always free and known. Extra command-line options go in ``args``
    (e.g. ``["--fault-rate", "0.1", "--seed", "3"]``). stderr goes to a temporary file, read
    with :meth:`stderr_text`.

    Example::

        with SandboxProcess(["--latency-ms", "20"]) as sandbox:
            httpx.get(sandbox.base_url + "/_sandbox/stats")
            sandbox.kill()          # e.g. to test a client facing a dead server

    Args:
        args: extra options of the sandbox command.
        host: loopback address to listen on.
        startup_timeout: seconds to wait for the URL line.
        env: environment of the process (default: this one's).
    """

    def __init__(
        self,
        args: Sequence[str] = (),
        *,
        host: str = "127.0.0.1",
        startup_timeout: float = 30.0,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.args = list(args)
        self.host = host
        self.startup_timeout = startup_timeout
        self.env = dict(env) if env is not None else None
        #: The running process (``None`` before :meth:`start`).
        self.process: subprocess.Popen[str] | None = None
        self._base_url: str | None = None
        self._stderr: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running server."""
        if self._base_url is None:
            raise RuntimeError("the sandbox process is not started")
        return self._base_url

    @property
    def pid(self) -> int:
        """The process id."""
        if self.process is None:
            raise RuntimeError("the sandbox process is not started")
        return self.process.pid

    def start(self) -> SandboxProcess:
        """Start the process and wait until it listens."""
        if self.process is not None:
            raise RuntimeError("the sandbox process is already started")
        command = [
            sys.executable,
            "-m",
            "casco_async.sandbox",
            "--host",
            self.host,
            "--port",
            "0",
            *self.args,
        ]
        # Closed by stop(): it outlives this method, as the process does.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            env=self.env,
        )
        # readline() blocks; a reader thread lets the wait have a timeout on every platform.
        lines: queue.Queue[str] = queue.Queue()
        stdout = self.process.stdout
        assert stdout is not None

        def read() -> None:
            for line in stdout:
                lines.put(line)
            lines.put("")

        threading.Thread(target=read, name="casco-sandbox-stdout", daemon=True).start()
        try:
            line = lines.get(timeout=self.startup_timeout)
        except queue.Empty:
            line = ""
        match = _LISTENING.search(line)
        if match is None:
            diagnostics = self.stderr_text()[-2000:]
            self.stop()
            raise RuntimeError(f"the sandbox process did not start: {diagnostics}")
        self._base_url = match.group(1)
        return self

    def stderr_text(self) -> str:
        """What the process wrote on stderr so far (for diagnostics)."""
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    def _admin(self, method: str, path: str, json: Any = None) -> Any:
        import httpx

        response = httpx.request(method, self.base_url + path, json=json, timeout=10.0)
        response.raise_for_status()
        return response.json()["data"]

    def stats(self) -> dict[str, dict[str, int]]:
        """The server's counters (``GET /_sandbox/stats``)."""
        stats: dict[str, dict[str, int]] = self._admin("GET", "/_sandbox/stats")
        return stats

    def set_faults(
        self,
        faults: Mapping[str, Any] | None = None,
        *,
        operations: Mapping[str, Mapping[str, Any]] | None = None,
        seed: int | None = None,
    ) -> None:
        """Replace the faults at run time (``PUT /_sandbox/faults``; fields as in FaultConfig)."""
        body: dict[str, Any] = {"faults": dict(faults or {}), "operations": dict(operations or {})}
        if seed is not None:
            body["seed"] = seed
        self._admin("PUT", "/_sandbox/faults", body)

    def reset(self, *, state: bool = False) -> None:
        """Zero the counters (``POST /_sandbox/reset``); ``state`` also forgets offers etc."""
        self._admin("POST", "/_sandbox/reset", {"state": state})

    def kill(self) -> None:
        """Kill the process at once (SIGKILL where available), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the process gracefully (SIGINT, then SIGKILL after ``timeout``)."""
        process = self.process
        if process is not None and process.poll() is None:
            # SIGINT lets uvicorn shut down cleanly; Windows has only terminate().
            if os.name == "posix":
                process.send_signal(signal.SIGINT)
            else:
                process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process is not None and process.stdout is not None:
            process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> SandboxProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
