"""Serving the sandbox over a real socket with uvicorn: in a thread, or as a command.

The socket is bound here, before uvicorn starts, so the port is known at once (``port=0`` picks a
free one) and connections made right after :meth:`SandboxServer.start` queue in the listen
backlog instead of being refused.

Command line (``python -m casco_async.sandbox``, wired as ``casco-async sandbox``): see
:func:`main`. Once listening it prints one line to stdout,
``casco-async sandbox listening on http://127.0.0.1:PORT``, which a parent process can read to
learn the port (``--port 0``); logs go to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from casco_async._net import is_loopback
from casco_async.sandbox._faults import (
    DEFAULT_DOCUMENT_SIZE,
    MAX_BYTES,
    MAX_DELAY_MS,
    MAX_LIFETIME,
    MAX_RETRY_AFTER,
    FaultConfig,
    check_range,
    install_drop_filter,
)
from casco_async.sandbox._state import SandboxConfig

if TYPE_CHECKING:
    import uvicorn

from casco_async.sandbox._app import Sandbox

__all__ = ["SandboxServer", "bind_socket", "is_loopback", "main"]

_PROG = "casco-async sandbox"


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (``port`` 0: a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio turns TCP_NODELAY on for accepted connections only when
    # the socket says it is TCP. Without it, a body written after its headers waited ~40 ms for
    # the client's delayed ACK (Nagle), on every keep-alive call.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(1024)
    except BaseException:
        sock.close()
        raise
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _uvicorn_config(app: Any, log_level: str | None) -> uvicorn.Config:
    import uvicorn  # lazy: only a served sandbox needs it

    return uvicorn.Config(
        app,
        # uvicorn's access log prints query strings, and POST /auth carries the password there:
        # the sandbox writes its own metadata-only lines instead.
        access_log=False,
        log_config=None,
        log_level=log_level,
        lifespan="on",
        # A client stuck in a 100 MB download must not hold the shutdown for ever.
        timeout_graceful_shutdown=2,
        server_header=False,
    )


class SandboxServer:
    """A :class:`~casco_async.sandbox.Sandbox` served by uvicorn in a background thread.

    Args:
        sandbox: the sandbox to serve (a new default one if omitted); its state stays live and
            can be inspected or re-configured while it serves.
        host: loopback address to listen on.
        port: TCP port; 0 picks a free one (see :attr:`port`).
        allow_remote: allow a non-loopback ``host``.

    Use as a context manager, or call :meth:`start` and :meth:`stop`::

        with SandboxServer() as server:
            httpx.get(server.base_url + "/_sandbox/health")
    """

    def __init__(
        self,
        sandbox: Sandbox | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        allow_remote: bool = False,
    ) -> None:
        if not allow_remote and not is_loopback(host):
            raise ValueError(f"refusing to listen on non-loopback host {host!r}")
        if sandbox is None:
            from casco_async.sandbox._app import Sandbox

            sandbox = Sandbox()
        #: The live sandbox behind the server (stats, faults, clock).
        self.sandbox = sandbox
        self._host = host
        self._port = port
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if self._socket is None:
            raise RuntimeError("the server is not started")
        return _url(self._socket)

    @property
    def port(self) -> int:
        """The TCP port once started."""
        if self._socket is None:
            raise RuntimeError("the server is not started")
        port: int = self._socket.getsockname()[1]
        return port

    def start(self, timeout: float = 10.0) -> SandboxServer:
        """Bind, start uvicorn in a daemon thread and wait until it accepts connections."""
        import uvicorn

        if self._thread is not None:
            raise RuntimeError("the server is already started")
        install_drop_filter()
        self._socket = bind_socket(self._host, self._port)
        self._server = uvicorn.Server(_uvicorn_config(self.sandbox.app, None))
        server, sock = self._server, self._socket

        def run() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as error:  # reported by start()/stop()
                self._error = error

        self._thread = threading.Thread(target=run, name="casco-sandbox-uvicorn", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the sandbox server did not start: {self._error!r}")
            time.sleep(0.005)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop uvicorn (open downloads are cut after 2 s) and close the socket."""
        server, thread = self._server, self._thread
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive() and server is not None:
                server.force_exit = True
                thread.join(timeout)
        if self._socket is not None:
            self._socket.close()
        self._thread = self._server = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# -------------------------------------------------------------------------------- command


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's would print the whole usage
        raise _UsageError(message)


def _number(
    low: float, high: float, *, integer: bool = False, low_open: bool = False
) -> Callable[[str], float]:
    """An argparse `type`: a finite number in range, or a one-line error naming the flag."""

    def parse(text: str) -> float:
        value: float | None = None
        with contextlib.suppress(ValueError):
            value = int(text) if integer else float(text)
        try:
            # Unparsable text (None) is refused with the same message as a number out of range.
            check_range("", value, low, high, integer=integer, low_open=low_open)
        except ValueError as error:
            # check_range's message, with the text as typed.
            expected = str(error).split(", not ")[0]
            raise argparse.ArgumentTypeError(f"{expected}, not {text!r}") from None
        assert value is not None
        return value

    return parse


_SECONDS = _number(0.0, MAX_LIFETIME, low_open=True)
_MILLISECONDS = _number(0.0, MAX_DELAY_MS)
_RATE = _number(0.0, 1.0)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=_PROG,
        description="Run the embedded CascoApi 1.0 sandbox under uvicorn.",
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    add(
        "--port",
        type=int,  # its range is checked after parsing, with the message the CLI documents
        default=8080,
        help="TCP port; 0 picks a free one (default 8080)",
    )
    add("--allow-remote", action="store_true", help="allow a non-loopback --host")
    add("--account", default="sandbox", help="account accepted by POST /auth (default sandbox)")
    add("--password", default="sandbox", help="its password (default sandbox)")
    # Every number is checked as it is parsed: `nan`, `inf` or out of range is a usage error.
    add("--token-lifetime", type=_SECONDS, default=12 * 3600, help="JWT lifetime in seconds")
    add("--latency-ms", type=_MILLISECONDS, default=0.0, help="fixed delay before each call")
    add("--jitter-ms", type=_MILLISECONDS, default=0.0, help="extra random delay, 0 to this")
    add("--fault-rate", type=_RATE, default=0.0, help="probability of a 500/502/503 answer")
    add("--rate-limit-rate", type=_RATE, default=0.0, help="probability of a 429 answer")
    add(
        "--retry-after",
        type=_number(0, MAX_RETRY_AFTER, integer=True),
        default=1,
        help="Retry-After seconds of a 429 (default 1)",
    )
    add("--drop-rate", type=_RATE, default=0.0, help="probability of a connection cut mid-body")
    add("--slow-body-ms", type=_MILLISECONDS, default=0.0, help="pause before each body piece")
    add(
        "--document-size",
        type=_number(0, MAX_BYTES, integer=True),
        default=DEFAULT_DOCUMENT_SIZE,
        help=f"pad offer/policy PDFs to this many bytes (default {DEFAULT_DOCUMENT_SIZE})",
    )
    add("--raw-pdf", action="store_true", help="serve documents as application/pdf bytes")
    add(
        "--seed",
        type=_number(-(2**64) + 1, 2**64 - 1, integer=True),
        default=0,
        help="seed of the fault decisions (default 0)",
    )
    add(
        "--log-level",
        default="warning",
        choices=["debug", "info", "warning", "error"],
        help="log level on stderr; info logs one metadata line per call (default warning)",
    )
    return parser


def _config(args: argparse.Namespace) -> SandboxConfig:
    if not args.account:
        raise ValueError("--account must not be empty")
    faults = FaultConfig(
        latency_ms=args.latency_ms,
        jitter_ms=args.jitter_ms,
        error_rate=args.fault_rate,
        rate_limit_rate=args.rate_limit_rate,
        retry_after=args.retry_after,
        drop_rate=args.drop_rate,
        slow_body_ms=args.slow_body_ms,
        document_size=args.document_size,
        raw_pdf=args.raw_pdf,
    )
    return SandboxConfig(
        accounts={args.account: args.password},
        token_lifetime=args.token_lifetime,
        faults=faults,
        seed=args.seed,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sandbox until interrupted; returns the exit status (2 on a usage error).

    Errors are reported on one line on stderr, e.g. ``casco-async sandbox: error: ...``.
    """
    try:
        args = _parser().parse_args(argv)
        if not 0 <= args.port <= 65535:
            raise ValueError(f"--port must be between 0 and 65535, not {args.port}")
        if not args.allow_remote and not is_loopback(args.host):
            raise ValueError(
                f"--host {args.host} is not a loopback address; add --allow-remote to expose "
                "the sandbox (it has no real security)"
            )
        config = _config(args)
    except SystemExit as leaving:  # --help
        return leaving.code if isinstance(leaving.code, int) else 0
    except (_UsageError, ValueError) as error:
        print(f"{_PROG}: error: {error}", file=sys.stderr)
        return 2
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as error:
        print(f"{_PROG}: error: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 2

    import uvicorn

    from casco_async.sandbox._app import Sandbox

    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install_drop_filter()
    server = uvicorn.Server(_uvicorn_config(Sandbox(config).app, args.log_level))
    # Printed only once the socket listens: a reader of this line can connect at once.
    print(f"{_PROG} listening on {_url(sock)}", flush=True)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0
