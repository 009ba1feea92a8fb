"""An answer's body decoded from its `Content-Encoding` in bounded steps (no decompression bomb).

httpx decodes gzip/deflate/br per network chunk, with no bound: one 64 KiB chunk of a gzip bomb
becomes 64 MiB before any size limit sees it. Here the raw bytes are decoded with zlib's
`max_length`, so each step yields at most `PIECE` bytes however high the compression ratio, and
the reader's size limit (`ResponseStream.read`, `max_document_size`) stops the answer after at
most one piece too many.

Why only gzip and deflate: they are what the SDK asks for (`ACCEPT_ENCODING`), the encodings
every API gateway speaks, and zlib (standard library) decodes them with a bounded output. br and
zstd would depend on optional packages whose bounded-output APIs vary by version; an answer in
an encoding that was not asked for is refused (`httpx.DecodingError`, mapped like any decoding
failure) rather than decoded without a bound.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncGenerator, Iterator

import httpx

__all__ = ["ACCEPT_ENCODING", "PIECE", "decoded"]

ACCEPT_ENCODING = "gzip, deflate"
"""The `Accept-Encoding` the SDK sends: the encodings it decodes in bounded steps."""

PIECE = 64 * 1024
"""The most decoded bytes one step produces (one compressed chunk may give many pieces)."""

_IDENTITY = frozenset({"", "identity"})


class _Inflater:
    """One gzip or deflate layer, decoded at most `PIECE` bytes at a time."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        # deflate is zlib-wrapped by the RFC, raw in some servers: tried wrapped first (as httpx).
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            yield from self._feed(data)
        except zlib.error:
            if self._gzip or self._started:
                raise httpx.DecodingError(f"the answer's {self._name} is corrupt") from None
            retry = True
        else:
            retry = False
        if retry:  # not zlib-wrapped from its first byte: raw deflate
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            yield from self._guarded(data)

    def _guarded(self, data: bytes) -> Iterator[bytes]:
        try:
            yield from self._feed(data)
        except zlib.error:
            raise httpx.DecodingError(f"the answer's {self._name} is corrupt") from None

    @property
    def _name(self) -> str:
        return "gzip" if self._gzip else "deflate"

    def _feed(self, data: bytes) -> Iterator[bytes]:
        inflater = self._zlib
        while not inflater.eof:
            piece = inflater.decompress(data, PIECE)
            if piece:
                self._started = True
                yield piece
            data = inflater.unconsumed_tail
            # Input left, or a full piece (zlib may hold more output): go on; else wait for more.
            if not data and len(piece) < PIECE:
                break

    def flush(self) -> Iterator[bytes]:
        yield from self._guarded(b"")


def _layers(header: str) -> list[_Inflater] | None:
    """The decoders for a `Content-Encoding`, the last applied first; None: nothing to do."""
    names = [name.strip().lower() for name in header.split(",")]
    names = [name for name in names if name not in _IDENTITY]
    if not names:
        return None
    for name in names:
        if name not in ("gzip", "x-gzip", "deflate"):
            raise httpx.DecodingError(
                f"the answer is encoded with {name!r}, which was not asked for "
                f"(Accept-Encoding: {ACCEPT_ENCODING})"
            )
    return [_Inflater(name) for name in reversed(names)]


def _through(layers: list[_Inflater], data: bytes, *, final: bool) -> Iterator[bytes]:
    """`data` through every layer, each piece passed on as soon as it is made."""
    if not layers:
        if data:
            yield data
        return
    first, rest = layers[0], layers[1:]
    for piece in first.feed(data):
        yield from _through(rest, piece, final=False)
    if final:
        for piece in first.flush():
            yield from _through(rest, piece, final=False)
        yield from _through(rest, b"", final=True)


async def decoded(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    """`response`'s body, decoded in pieces of at most `PIECE` bytes (raw if not encoded).

    Raises:
        httpx.DecodingError: corrupt data, or an encoding that was not asked for.
        httpx.HTTPError: the transport's own failures while reading.
    """
    if response.is_stream_consumed:
        # Read already (a transport that hands out complete answers, such as a test's mock):
        # httpx decoded it, and it is in memory; handed on in pieces all the same.
        content = response.content
        for start in range(0, len(content), PIECE):
            yield content[start : start + PIECE]
        return
    layers = _layers(response.headers.get("content-encoding", ""))
    if layers is None:
        async for chunk in response.aiter_raw():
            yield chunk
        return
    async for chunk in response.aiter_raw():
        for piece in _through(layers, chunk, final=False):
            yield piece
    for piece in _through(layers, b"", final=True):
        yield piece
