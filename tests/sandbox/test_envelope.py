"""The vendor's JSON envelope as PHP writes it, and the streamed documents response."""

from __future__ import annotations

import base64
import json
import os
import random
import re
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casco_async.sandbox._envelope import (
    DEFAULT_ENVELOPE_CHUNK_SIZE,
    encode_json,
    error_envelope,
    files_envelope_chunks,
    rechunk,
    success_envelope,
)
from casco_async.sandbox._pdf import PdfDocument

# A '/' that is not the second character of a '\/' escape.
BARE_SLASH = re.compile(rb"(?<!\\)/")


def split(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def reference(files: list[tuple[str, str, bytes]], escape_slashes: bool = True) -> bytes:
    """The same response built in one piece through the non-streaming encoder."""
    data = {
        "files": [
            {"type": kind, "name": name, "content": base64.b64encode(content).decode()}
            for kind, name, content in files
        ]
    }
    return success_envelope(data, escape_slashes=escape_slashes)


# --------------------------------------------------------------------------- plain envelopes


def test_success_envelope_php_style() -> None:
    # What PHP's json_encode(["error"=>false,"status"=>200,"data"=>[...]]) prints.
    data = {"url": "https://x.ro/a/b", "name": "Ștefan", "n": 1, "ok": True, "none": None}
    assert success_envelope(data) == (
        b'{"error":false,"status":200,"data":{"url":"https:\\/\\/x.ro\\/a\\/b",'
        b'"name":"\\u0218tefan","n":1,"ok":true,"none":null}}'
    )


def test_error_envelope_validation_example() -> None:
    body = error_envelope(
        400, "VALIDATION_ERROR", {"product.vehicle.vin": ["The vin field is required."]}
    )
    assert body == (
        b'{"error":true,"status":400,"message":"VALIDATION_ERROR",'
        b'"data":{"product.vehicle.vin":["The vin field is required."]}}'
    )
    assert json.loads(body)["data"]["product.vehicle.vin"] == ["The vin field is required."]


def test_error_envelope_non_ascii_and_slash_escaped() -> None:
    body = error_envelope(409, "Există deja o poliță validă pentru 01/2025 😀")
    assert body.isascii()
    assert b"Exist\\u0103 deja o poli\\u021b\\u0103 valid\\u0103 pentru 01\\/2025" in body
    assert b"\\ud83d\\ude00" in body  # astral characters as a surrogate pair, like PHP
    assert body.endswith(b',"data":null}')
    assert json.loads(body)["message"] == "Există deja o poliță validă pentru 01/2025 😀"


def test_escape_slashes_off() -> None:
    assert success_envelope("a/b", escape_slashes=False) == (
        b'{"error":false,"status":200,"data":"a/b"}'
    )
    assert error_envelope(404, "a/b", escape_slashes=False).count(b"\\/") == 0


def test_backslash_before_slash_round_trips() -> None:
    value = {"path": "C:\\dir\\/x", "q": 'say "hi"'}
    assert json.loads(encode_json(value)) == value


def test_decimal_written_as_number() -> None:
    body = encode_json({"premiumAmount": Decimal("1234.50"), "commission": Decimal("8")})
    assert body == b'{"premiumAmount":1234.5,"commission":8.0}'


def test_unserialisable_rejected() -> None:
    with pytest.raises(TypeError):
        encode_json({"x": object()})
    with pytest.raises(ValueError):
        encode_json(float("nan"))


# --------------------------------------------------------------------------- streamed files


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 6, 7, 47, 48, 49, 1000, 1_000_003])
@pytest.mark.parametrize("escape", [True, False])
def test_single_file_round_trips(size: int, escape: bool) -> None:
    content = random.Random(size).randbytes(size)
    for piece in (1, 2, 3, 5, 64 * 1024):
        if size > 10_000 and piece < 1000:
            continue  # slow and adds nothing over the small sizes
        raw = b"".join(
            files_envelope_chunks(
                [("Offer", "offer-123.pdf", iter(split(content, piece)))],
                escape_slashes=escape,
                chunk_size=4096,
            )
        )
        parsed = json.loads(raw)
        assert parsed["error"] is False
        assert parsed["status"] == 200
        [file] = parsed["data"]["files"]
        assert file["type"] == "Offer"
        assert file["name"] == "offer-123.pdf"
        assert base64.b64decode(file["content"], validate=True) == content
        assert raw == reference([("Offer", "offer-123.pdf", content)], escape)


def test_escaping_covers_the_base64() -> None:
    content = bytes(range(256)) * 100  # base64 of this contains many '/'
    assert b"/" in base64.b64encode(content)
    escaped = b"".join(files_envelope_chunks([("Policy", "p/1.pdf", [content])]))
    assert b"\\/" in escaped
    assert BARE_SLASH.search(escaped) is None
    plain = b"".join(
        files_envelope_chunks([("Policy", "p/1.pdf", [content])], escape_slashes=False)
    )
    assert b"\\/" not in plain
    assert b"/" in plain
    assert json.loads(escaped) == json.loads(plain)


def test_multiple_files_in_order() -> None:
    files = [
        ("Offer", "offer-1.pdf", os.urandom(1)),
        ("Policy", "poliță/RO-05-M3.pdf", os.urandom(70_001)),
        ("Other", "empty.pdf", b""),
        ("Policy", "last.pdf", os.urandom(3)),
    ]
    raw = b"".join(
        files_envelope_chunks(((t, n, split(c, 999)) for t, n, c in files), chunk_size=1000)
    )
    assert raw.isascii()
    assert BARE_SLASH.search(raw) is None
    parsed = json.loads(raw)["data"]["files"]
    assert [(f["type"], f["name"], base64.b64decode(f["content"])) for f in parsed] == files
    assert raw == reference(files)


def test_no_files() -> None:
    raw = b"".join(files_envelope_chunks([]))
    assert raw == b'{"error":false,"status":200,"data":{"files":[]}}'


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 100, 4096, DEFAULT_ENVELOPE_CHUNK_SIZE])
def test_chunks_have_the_requested_size(chunk_size: int) -> None:
    content = os.urandom(50_000)
    chunks = list(files_envelope_chunks([("Offer", "o.pdf", [content])], chunk_size=chunk_size))
    assert all(len(c) == chunk_size for c in chunks[:-1])
    assert 0 < len(chunks[-1]) <= chunk_size


def test_accepts_bytearray_and_memoryview_pieces() -> None:
    content = os.urandom(1000)
    pieces: list[bytes | bytearray | memoryview] = [
        bytearray(content[:10]),
        memoryview(content[10:500]),
        content[500:],
    ]
    raw = b"".join(files_envelope_chunks([("Offer", "o.pdf", pieces)]))
    assert base64.b64decode(json.loads(raw)["data"]["files"][0]["content"]) == content


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        next(files_envelope_chunks([], chunk_size=0))


def test_content_consumed_lazily() -> None:
    """Nothing is read from a document before the response reaches it."""
    consumed: list[int] = []

    def content(index: int) -> Iterator[bytes]:
        consumed.append(index)
        yield b"x" * 10

    stream = files_envelope_chunks(
        ((f"T{i}", f"n{i}", content(i)) for i in range(3)), chunk_size=10
    )
    next(stream)
    assert consumed == []
    b"".join(stream)
    assert consumed == [0, 1, 2]


def test_big_pdf_streams_in_constant_memory() -> None:
    document = PdfDocument("Oferta", ["linie"], pad_to=30_000_000, seed=9)
    tracemalloc.start()
    try:
        total = 0
        tail = b""
        for chunk in files_envelope_chunks([("Offer", "o.pdf", document.iter_bytes())]):
            total += len(chunk)
            tail = (tail + chunk)[-100:]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total > 40_000_000  # 4/3 of the PDF, plus the '\/' escapes
    assert tail.endswith(b'"}]}}')
    assert peak < 8 * 1024 * 1024, peak


def test_streamed_pdf_decodes_to_the_same_pdf() -> None:
    document = PdfDocument("Oferta", ["linie"], pad_to=1_000_000, seed=4)
    raw = b"".join(files_envelope_chunks([("Offer", "offer-9.pdf", document.iter_bytes(77_777))]))
    [file] = json.loads(raw)["data"]["files"]
    assert base64.b64decode(file["content"]) == document.render()


# --------------------------------------------------------------------------- rechunk


def test_rechunk_rejects_bad_size_at_call() -> None:
    with pytest.raises(ValueError):
        rechunk([b"x"], 0)


def test_rechunk_yields_as_soon_as_a_chunk_is_complete() -> None:
    pulled: list[bytes] = []

    def parts() -> Iterator[bytes]:
        for part in (b"abc", b"defg", b"h"):
            pulled.append(part)
            yield part

    stream = rechunk(parts(), 4)
    assert next(stream) == b"abcd"
    assert pulled == [b"abc", b"defg"]
    assert list(stream) == [b"efgh"]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.binary(max_size=50), max_size=20), size=st.integers(1, 60))
def test_rechunk_property(parts: list[bytes], size: int) -> None:
    chunks = list(rechunk(parts, size))
    assert b"".join(chunks) == b"".join(parts)
    assert all(len(c) == size for c in chunks[:-1])
    assert all(0 < len(c) <= size for c in chunks)


# --------------------------------------------------------------------------- properties

file_strategy = st.tuples(
    st.sampled_from(["Offer", "Policy", "Pólița/x"]),
    st.text(max_size=20),
    st.binary(max_size=3000),
    st.integers(min_value=1, max_value=700),
)


@settings(max_examples=300, deadline=None)
@given(
    files=st.lists(file_strategy, max_size=4),
    escape=st.booleans(),
    chunk_size=st.integers(min_value=1, max_value=5000),
)
def test_streamed_equals_reference(
    files: list[tuple[str, str, bytes, int]], escape: bool, chunk_size: int
) -> None:
    """Whatever the content, its slicing and the output chunk size: byte-identical output."""
    stream = files_envelope_chunks(
        [(kind, name, split(content, piece)) for kind, name, content, piece in files],
        escape_slashes=escape,
        chunk_size=chunk_size,
    )
    chunks = list(stream)
    assert all(len(c) == chunk_size for c in chunks[:-1])
    raw = b"".join(chunks)
    plain = [(kind, name, content) for kind, name, content, _ in files]
    assert raw == reference(plain, escape)
    parsed = json.loads(raw)["data"]["files"]
    assert [(f["type"], f["name"], base64.b64decode(f["content"])) for f in parsed] == plain
    if escape:
        assert BARE_SLASH.search(raw) is None


@settings(max_examples=200, deadline=None)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    ),
    escape=st.booleans(),
)
def test_encode_json_round_trips_and_is_ascii(data: object, escape: bool) -> None:
    body = encode_json(data, escape_slashes=escape)
    assert body.isascii()
    assert json.loads(body) == data
    if escape:
        assert BARE_SLASH.search(body) is None
