"""A minimal HTTP/1.1 server of canned answers, for the client-bound figures of ``make bench``.

The sandbox validates, prices and stores every quote: on a 2-core machine its own CPU, not the
client's, bounds a bulk run. This server does nothing but wait and write bytes recorded
beforehand (an asyncio protocol, uvloop when installed), so what a benchmark measures against it
is the client. It runs in its own process, pinned to a core of its own by the caller where
``taskset`` exists.

    python scripts/bench_server.py --canned answers.json --latency-ms 20 --port-file port.txt

``answers.json`` maps ``"METHOD /path"`` (no query) to ``[status, body text]``; ``--latency-ms``
delays the answers of the routes named by ``--slow`` (default ``POST /offer``). Anything else
is a 404. Listens on 127.0.0.1 only; stops on SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
from pathlib import Path

_REASONS = {200: b"OK", 404: b"Not Found"}


class CannedProtocol(asyncio.Protocol):
    """One connection: read requests (keep-alive, one at a time), answer each from the table."""

    def __init__(self, answers: dict[bytes, bytes], slow: set[bytes], latency: float) -> None:
        self.answers = answers
        self.slow = slow
        self.latency = latency
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.loop = asyncio.get_running_loop()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no asyncio.Transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            method, target, _ = head.split(b"\r\n", 1)[0].split(b" ", 2)
            route = method + b" " + target.split(b"?", 1)[0]
            reply = self.answers.get(route, self.answers[b"404"])
            if route in self.slow and self.latency:
                self.loop.call_later(self.latency, self._write, reply)
            else:
                self._write(reply)

    def _write(self, reply: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


def _response(status: int, body: str) -> bytes:
    raw = body.encode()
    head = b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % (
        status,
        _REASONS.get(status, b"OK"),
        len(raw),
    )
    return head + raw


def load(canned: Path) -> dict[bytes, bytes]:
    """The whole answers, bytes ready to write, by ``METHOD /path`` (and ``404``)."""
    table = json.loads(canned.read_text(encoding="utf-8"))
    answers = {route.encode(): _response(status, body) for route, (status, body) in table.items()}
    answers[b"404"] = _response(404, '{"error": true, "status": 404, "message": "not found"}')
    return answers


async def serve(
    answers: dict[bytes, bytes], latency_ms: float, slow: list[str], port_file: Path
) -> None:
    slow_routes = {route.encode() for route in slow}
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CannedProtocol(answers, slow_routes, latency_ms / 1000),
        "127.0.0.1",
        0,
        backlog=1024,
    )
    _announce(port_file, server.sockets[0].getsockname()[1])
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with server:
        await stop.wait()


def _announce(port_file: Path, port: int) -> None:
    port_file.write_text(str(port), encoding="utf-8")  # the caller waits for this file


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--canned", type=Path, required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--slow", action="append", default=None)
    parser.add_argument("--port-file", type=Path, required=True)
    args = parser.parse_args()
    try:
        import uvloop
    except ImportError:
        runner = asyncio.run
    else:
        runner = uvloop.run
    runner(serve(load(args.canned), args.latency_ms, args.slow or ["POST /offer"], args.port_file))


if __name__ == "__main__":
    main()
