"""Document answers from a hostile raw-socket server: bounded memory and disk, typed errors.

A server of ours on 127.0.0.1 answers `POST /auth` normally, then sends a document answer that
never ends (an endless file name, endless base64, endless spaces, endless nesting, endless raw
PDF bytes). Each download must stop with a `DocumentError` at its cap, leave no file, and the
process's RSS must not grow by more than 64 MiB while it runs.
"""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import anyio
import psutil
import pytest
from support import ACCOUNT, PASSWORD, envelope, make_jwt

from casco_async import CascoClient, DocumentError, RetryPolicy

MiB = 1 << 20
MAX_DOCUMENT = 8 * MiB
PIECE = 64 * 1024
SEND_CAP = 512 * MiB  # what one connection may send at most, so no test can run for ever


def forever(head: bytes, piece: bytes) -> Callable[[], Iterator[bytes]]:
    def body() -> Iterator[bytes]:
        yield head
        while True:
            yield piece

    return body


FILE_HEAD = b'{"error":false,"status":200,"data":{"files":[{"type":"Offer",'
PDF_START = base64.b64encode(b"%PDF-1.7\n")  # 12 characters: a whole number of quanta

CASES = {
    "endless name": (
        forever(FILE_HEAD + b'"name":"', b"n" * PIECE),
        "application/json",
        "more than 1048576 bytes besides its documents",
    ),
    "endless base64": (
        forever(FILE_HEAD + b'"name":"o.pdf","content":"' + PDF_START, b"A" * PIECE),
        "application/json",
        f"larger than {MAX_DOCUMENT} bytes",
    ),
    "endless spaces in content": (
        forever(FILE_HEAD + b'"content":"' + PDF_START, b" " * PIECE),
        "application/json",
        "content is longer than",
    ),
    "endless whitespace": (
        forever(b'{"error":false', b" " * PIECE),
        "application/json",
        "besides its documents",
    ),
    "endless nesting": (
        forever(b'{"error":false,"x":', b"[" * PIECE),
        "application/json",
        "nests more than",
    ),
    "endless small objects": (
        forever(b'{"error":false,"x":[', b"{}," * (PIECE // 3)),
        "application/json",
        "besides its documents",
    ),
    "endless raw pdf": (
        forever(b"%PDF-1.7\n", bytes(PIECE)),
        "application/pdf",
        f"larger than {MAX_DOCUMENT} bytes",
    ),
}


class HostileServer:
    """HTTP/1.1 by hand: `/auth` answered properly, `GET /offer/…` by `body()` until closed."""

    def __init__(self, body: Callable[[], Iterator[bytes]], content_type: str) -> None:
        self.body = body
        self.content_type = content_type
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sent = 0
        self._threads: list[threading.Thread] = []
        self._closing = threading.Event()
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def close(self) -> None:
        self._closing.set()
        for thread in [self._accepting, *self._threads]:
            thread.join(timeout=10)
        self.listener.close()

    def _accept(self) -> None:
        self.listener.settimeout(0.05)  # a blocked accept() would not notice close()
        while not self._closing.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(30)
            buffer = b""
            while True:
                while b"\r\n\r\n" not in buffer:
                    data = conn.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                method, path = head.split(b" ")[:2]
                if path.startswith(b"/offer/"):
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: "
                        + self.content_type.encode()
                        + b"\r\nConnection: close\r\n\r\n"
                    )
                    for piece in self.body():
                        conn.sendall(piece)
                        self.sent += len(piece)
                        if self.sent > SEND_CAP:
                            return
                    return
                tokens = {"token": make_jwt(3600), "expires_at": "", "refresh_token": "r"}
                answer = json.dumps(envelope(tokens if method == b"POST" else None)).encode()
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(answer)}\r\n\r\n".encode()
                    + answer
                )


class PeakRss:
    """The largest RSS of this process seen while the block runs (sampled every 5 ms)."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self) -> PeakRss:
        self.start = self.process.memory_info().rss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.005)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)

    @property
    def growth(self) -> int:
        return self.peak - self.start


@pytest.mark.usefixtures("transport_backend")  # streamed through each, in constant memory
@pytest.mark.parametrize("case", list(CASES))
async def test_a_never_ending_document_answer_stops_at_its_cap(case: str, tmp_path: Path) -> None:
    body, content_type, message = CASES[case]
    server = HostileServer(body, content_type)
    try:
        casco = CascoClient(
            base_url=f"http://127.0.0.1:{server.port}",
            account=ACCOUNT,
            password=PASSWORD,
            retry=RetryPolicy(max_retries=0),
        )
        async with casco:
            # fail_after is a safety net, not a measurement.
            with (
                PeakRss() as rss,
                anyio.fail_after(90),
                pytest.raises(DocumentError, match=message),
            ):
                await casco.documents.save_offer(
                    1, tmp_path / "o.pdf", max_document_size=MAX_DOCUMENT
                )
    finally:
        server.close()
    assert rss.growth <= 64 * MiB, f"RSS grew by {rss.growth / MiB:.1f} MiB"
    assert server.sent < SEND_CAP  # the client stopped reading, the server did not run out
    assert list(tmp_path.iterdir()) == []
