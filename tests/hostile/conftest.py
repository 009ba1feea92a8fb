"""A hostile CascoApi: a raw asyncio TCP server of ours on 127.0.0.1, speaking HTTP/1.1 by hand.

Nothing in it is polite. Per route (``"POST /policy"``) a test picks a *behaviour*: an answer that
declares 1.5 GB, a chunked body that never ends, headers or a body at 1 byte/s, a 500 with a body
that never ends, garbage under 200, 204, 302, 520, 401, a `PATCH /auth` that never answers, a
token already expired on arrival, a field error that echoes the password. Routes without one
answer like the API (real-looking JWTs, small envelopes), so the client gets that far.

The server runs on its own event loop in a thread: its trickling keeps its own time whatever the
client's loop does, and a test measures the client alone (the server streams one reused chunk,
waiting for each write to drain, so it holds no growing buffer of its own).
"""

from __future__ import annotations

import asyncio
import dataclasses
import email.utils
import functools
import gzip
import json
import secrets
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from support import make_jwt

from casco_async import CascoClient

ACCOUNT = "broker.hostile"
PASSWORD = "pw-HOSTILE-PLANTED-7c41e9"

CHUNK = b"x" * 65536
DECLARED_HUGE = 1_500_000_000  # 1.5 GB announced; only streamed until the client hangs up


class HostileServer:
    """The server; `behave(route, name)` picks what `route` answers (see the `_b_*` methods)."""

    def __init__(self) -> None:
        self.behaviours: dict[str, str] = {}
        self.calls: Counter[str] = Counter()
        self.queries: list[str] = []
        self.issued: list[str] = []  # every token and refresh token handed out
        self.token_lifetime = 3600.0
        self.account = ACCOUNT
        self.password = PASSWORD
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._serial = 0

    # --- lifecycle (called from the test thread) -------------------------------------------

    def start(self) -> None:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(timeout=10)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def reset(self) -> None:
        """Every route answers like the API again; counters cleared; open connections cut."""
        self.behaviours.clear()
        self.calls.clear()
        self.queries.clear()
        self.issued.clear()
        self.token_lifetime = 3600.0
        asyncio.run_coroutine_threadsafe(self._cut(), self._loop).result(timeout=10)

    async def _cut(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, **options: Any) -> CascoClient:
        """A client of this server: no retries and no sign-out unless the test asks."""
        options.setdefault("max_retries", 0)
        options.setdefault("revoke_on_close", False)
        return CascoClient(base_url=self.base_url, account=ACCOUNT, password=PASSWORD, **options)

    def behave(self, route: str, behaviour: str) -> None:
        if not hasattr(self, f"_b_{behaviour.replace('-', '_')}"):
            raise ValueError(f"no behaviour {behaviour!r}")
        self.behaviours[route] = behaviour

    # --- the protocol -------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0") or 0)
                body = await reader.readexactly(length) if length else b""
                path, _, query = target.partition("?")
                route = f"{method} {path}"
                self.calls[route] += 1
                self.queries.append(query)
                behaviour = self.behaviours.get(route, "api")
                handler = getattr(self, f"_b_{behaviour.replace('-', '_')}")
                keep_open = await handler(Exchange(route, query, body, reader, writer))
                if not keep_open:
                    break
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass  # the client hung up: that is what a hostile answer is for
        except asyncio.CancelledError:
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    def _head(self, status: str, headers: dict[str, str]) -> bytes:
        self._serial += 1
        lines = [
            f"HTTP/1.1 {status}",
            f"Date: {email.utils.formatdate(usegmt=True)}",
            f"X-Correlation-Id: hostile-{self._serial}",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def _send(
        self,
        writer: asyncio.StreamWriter,
        status: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> bool:
        all_headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
        all_headers.update(headers or {})
        writer.write(self._head(status, all_headers) + body)
        await writer.drain()
        return True

    async def _json(self, writer: asyncio.StreamWriter, status: str, payload: Any) -> bool:
        return await self._send(writer, status, json.dumps(payload).encode())

    def tokens(self, lifetime: float | None = None) -> dict[str, Any]:
        life = self.token_lifetime if lifetime is None else lifetime
        token, refresh = make_jwt(life), secrets.token_hex(32)
        self.issued += [token, refresh]
        return {"token": token, "refresh_token": refresh, "expires_at": "2030-01-01 00:00:00"}

    async def _stream_forever(self, writer: asyncio.StreamWriter, *, chunked: bool) -> bool:
        frame = f"{len(CHUNK):x}\r\n".encode() + CHUNK + b"\r\n" if chunked else CHUNK
        while not writer.is_closing():
            writer.write(frame)
            await writer.drain()
        return False

    async def _trickle(self, writer: asyncio.StreamWriter, data: bytes) -> bool:
        for byte in data:
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(1.0)  # 1 byte/s: each byte resets a read timeout
        return False

    # --- behaviours: each answers one request; True keeps the connection open -----------------

    async def _b_api(self, ex: Exchange) -> bool:
        if ex.route in ("POST /auth", "PATCH /auth"):
            return await self._json(ex.writer, "200 OK", envelope(self.tokens()))
        if ex.route == "DELETE /auth":
            return await self._json(ex.writer, "200 OK", envelope(None))
        if ex.route == "GET /nomenclature/county":
            counties = [{"id": n, "code": f"C{n}", "name": f"County {n}"} for n in range(100)]
            return await self._json(ex.writer, "200 OK", envelope(counties))
        if ex.route == "POST /policy":
            return await self._json(ex.writer, "200 OK", envelope({"policies": [POLICY]}))
        return await self._json(ex.writer, "404 Not Found", failure(404, "no such route"))

    async def _b_expired_token(self, ex: Exchange) -> bool:
        return await self._json(ex.writer, "200 OK", envelope(self.tokens(lifetime=-600)))

    async def _b_declared_huge(self, ex: Exchange) -> bool:
        ex.writer.write(self._head("200 OK", {"Content-Length": str(DECLARED_HUGE)}))
        return await self._stream_forever(ex.writer, chunked=False)

    async def _b_endless_chunked(self, ex: Exchange) -> bool:
        ex.writer.write(self._head("200 OK", {"Transfer-Encoding": "chunked"}))
        return await self._stream_forever(ex.writer, chunked=True)

    async def _b_endless_close(self, ex: Exchange) -> bool:
        ex.writer.write(self._head("200 OK", {"Connection": "close"}))
        return await self._stream_forever(ex.writer, chunked=False)

    async def _b_error_500_endless(self, ex: Exchange) -> bool:
        ex.writer.write(self._head("500 Internal Server Error", {"Transfer-Encoding": "chunked"}))
        return await self._stream_forever(ex.writer, chunked=True)

    async def _b_error_500_declared(self, ex: Exchange) -> bool:
        head = {"Content-Length": str(DECLARED_HUGE)}
        ex.writer.write(self._head("500 Internal Server Error", head))
        return await self._stream_forever(ex.writer, chunked=False)

    async def _b_gzip_bomb_chunked(self, ex: Exchange) -> bool:
        head = {"Content-Encoding": "gzip", "Transfer-Encoding": "chunked"}
        ex.writer.write(self._head("200 OK", head))
        bomb = gzip_bomb()
        for start in range(0, len(bomb), len(CHUNK)):
            piece = bomb[start : start + len(CHUNK)]
            ex.writer.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            await ex.writer.drain()
        ex.writer.write(b"0\r\n\r\n")
        await ex.writer.drain()
        return True

    async def _b_gzipped(self, ex: Exchange) -> bool:
        counties = [{"id": n, "code": f"C{n}", "name": f"County {n}"} for n in range(100)]
        body = gzip.compress(json.dumps(envelope(counties)).encode())
        return await self._send(ex.writer, "200 OK", body, {"Content-Encoding": "gzip"})

    async def _b_gzip_bomb_declared(self, ex: Exchange) -> bool:
        # Its Content-Length (the compressed size) is well under the limit: only decoding tells.
        bomb = gzip_bomb()
        return await self._send(ex.writer, "200 OK", bomb, {"Content-Encoding": "gzip"})

    async def _b_trickle_headers(self, ex: Exchange) -> bool:
        ex.writer.write(b"HTTP/1.1 200 OK\r\n")
        return await self._trickle(ex.writer, b"X-Slow: " + b"a" * 10_000)

    async def _b_trickle_body(self, ex: Exchange) -> bool:
        ex.writer.write(self._head("200 OK", {"Content-Length": "10000"}))
        return await self._trickle(ex.writer, b'{"error": false, ' + b" " * 9_983)

    async def _b_hang(self, ex: Exchange) -> bool:
        await ex.reader.read()  # until the client gives up and closes
        return False

    async def _b_drop(self, ex: Exchange) -> bool:
        return False  # the request was read; the connection is closed without an answer

    async def _b_error_500(self, ex: Exchange) -> bool:
        payload = json.dumps(failure(500, "insurer failed after issuing")).encode()
        secret_headers = {"Set-Cookie": "session=s3ss10n-c00kie", "Token": "echoed-token-value"}
        return await self._send(ex.writer, "500 Internal Server Error", payload, secret_headers)

    async def _b_garbage_200(self, ex: Exchange) -> bool:
        page = b"<html><body>Welcome to the hotel Wi-Fi. Please log in.</body></html>"
        return await self._send(ex.writer, "200 OK", page, {"Content-Type": "text/html"})

    async def _b_empty_200(self, ex: Exchange) -> bool:
        return await self._send(ex.writer, "200 OK")

    async def _b_no_policy_200(self, ex: Exchange) -> bool:
        return await self._json(ex.writer, "200 OK", envelope({"policies": []}))

    async def _b_error_flag_200(self, ex: Exchange) -> bool:
        return await self._json(ex.writer, "200 OK", failure(503, "insurer unavailable"))

    async def _b_no_content(self, ex: Exchange) -> bool:
        ex.writer.write(self._head("204 No Content", {}))
        await ex.writer.drain()
        return True

    async def _b_redirect(self, ex: Exchange) -> bool:
        return await self._send(ex.writer, "302 Found", b"", {"Location": "http://127.0.0.1:9/x"})

    async def _b_status_520(self, ex: Exchange) -> bool:
        return await self._send(ex.writer, "520 Unknown", b"<html>origin error</html>")

    async def _b_unauthorized(self, ex: Exchange) -> bool:
        answer = failure(401, "Invalid or expired token")
        return await self._json(ex.writer, "401 Unauthorized", answer)

    async def _b_unauthorized_once(self, ex: Exchange) -> bool:
        self.behaviours.pop(ex.route, None)  # the next request on this route is answered normally
        return await self._b_unauthorized(ex)

    async def _b_echo_password(self, ex: Exchange) -> bool:
        # A server that puts what it was sent into its message and field errors.
        sent = dict(pair.split("=", 1) for pair in ex.query.split("&") if "=" in pair)
        echoed = sent.get("password", "")
        payload = failure(
            400,
            f"VALIDATION_ERROR: {echoed} is not the password",
            {"password": [f"'{echoed}' is not the password of {ACCOUNT}"]},
        )
        return await self._json(ex.writer, "400 Bad Request", payload)


BOMB_SIZE = 512 << 20  # 512 MiB of zeros: about 500 KB once gzipped (a ratio of ~1000)


@functools.cache
def gzip_bomb() -> bytes:
    """`BOMB_SIZE` zero bytes, gzipped: each 64 KiB network chunk of it decodes to ~64 MiB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1 << 20)
    parts = [compressor.compress(zeros) for _ in range(BOMB_SIZE >> 20)]
    return b"".join([*parts, compressor.flush()])


@dataclasses.dataclass
class Exchange:
    """One request as the server read it, and where to answer."""

    route: str
    query: str
    body: bytes
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter


POLICY = {
    "policyId": 1,
    "series": "RO/05/M3",
    "number": 100234,
    "startDate": "2027-01-01",
    "endDate": "2027-12-31",
    "premiumAmount": 1234.5,
    "currency": "RON",
}


def envelope(data: Any) -> dict[str, Any]:
    return {"error": False, "status": 200, "data": data}


def failure(status: int, message: str, data: Any = None) -> dict[str, Any]:
    return {"error": True, "status": status, "message": message, "data": data}


@pytest.fixture(scope="session")
def _hostile_server(secret_guard: Any) -> Iterator[HostileServer]:
    secret_guard.plant(PASSWORD)
    server = HostileServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def hostile(_hostile_server: HostileServer) -> Iterator[HostileServer]:
    """The hostile server, every route answering like the API until a test says otherwise."""
    _hostile_server.reset()
    yield _hostile_server
    _hostile_server.reset()


class PeakRss:
    """The peak resident set size of this process while the block runs, sampled every 5 ms."""

    def __init__(self) -> None:
        import psutil

        self._process = psutil.Process()
        self.baseline = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._process.memory_info().rss)
            time.sleep(0.005)

    def __enter__(self) -> PeakRss:
        self.baseline = self.peak = self._process.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)

    @property
    def growth(self) -> int:
        return self.peak - self.baseline


@pytest.fixture
def peak_rss() -> type[PeakRss]:
    return PeakRss
