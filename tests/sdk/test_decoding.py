"""`decoded`: an answer's body decoded in bounded pieces (casco_async/_decoding.py)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest

from casco_async._decoding import ACCEPT_ENCODING, PIECE, decoded

TEXT = b'{"error": false, "data": "' + b"abc" * 50_000 + b'"}'


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


class _Parts(httpx.AsyncByteStream):
    def __init__(self, parts: list[bytes]) -> None:
        self.parts = parts

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self.parts:
            yield part


def _response(body: bytes, encoding: str | None, chunk: int = 1000) -> httpx.Response:
    headers = {"Content-Encoding": encoding} if encoding else {}
    parts = [body[i : i + chunk] for i in range(0, len(body), chunk)]
    return httpx.Response(200, headers=headers, stream=_Parts(parts))


async def _body(response: httpx.Response) -> list[bytes]:
    return [piece async for piece in decoded(response)]


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        (None, TEXT),
        ("identity", TEXT),
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)),
        ("deflate", _raw_deflate(TEXT)),  # raw deflate, as some servers send
        ("deflate, gzip", gzip.compress(zlib.compress(TEXT))),  # applied in that order
    ],
)
async def test_every_encoding_asked_for_is_decoded(encoding: str | None, body: bytes) -> None:
    pieces = await _body(_response(body, encoding))
    assert b"".join(pieces) == TEXT


async def test_no_piece_is_larger_than_piece_however_high_the_ratio() -> None:
    bomb = gzip.compress(bytes(20 * PIECE))
    pieces = await _body(_response(bomb, "gzip", chunk=len(bomb)))  # one network chunk
    assert sum(map(len, pieces)) == 20 * PIECE
    assert max(map(len, pieces)) <= PIECE and len(pieces) >= 20


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress"])
async def test_an_encoding_not_asked_for_is_refused(encoding: str) -> None:
    assert encoding not in ACCEPT_ENCODING
    with pytest.raises(httpx.DecodingError, match="not asked for"):
        await _body(_response(b"whatever", encoding))


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_corrupt_data_is_a_decoding_error(encoding: str) -> None:
    with pytest.raises(httpx.DecodingError, match="corrupt"):
        await _body(_response(b"\xff" * 100, encoding))


async def test_an_answer_read_already_is_handed_on_in_pieces() -> None:
    response = httpx.Response(200, content=TEXT)  # complete, as a mock transport gives it
    pieces = await _body(response)
    assert b"".join(pieces) == TEXT and max(map(len, pieces)) <= PIECE
