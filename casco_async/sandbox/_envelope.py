"""The vendor's JSON envelope, serialised the way its PHP server does, including streamed documents.

The vendor answers ``{"error": false, "status": 200, "data": ...}`` on success and
``{"error": true, "status": 400, "message": "VALIDATION_ERROR", "data": {...}}`` on failure. Its
server is PHP, whose ``json_encode`` with default flags

* escapes ``/`` as ``\\/`` in every string (``JSON_UNESCAPED_SLASHES`` is not set),
* escapes every non-ASCII character as ``\\uXXXX`` with lowercase hex, astral characters as
  surrogate pairs (``JSON_UNESCAPED_UNICODE`` is not set),
* writes no whitespace between tokens.

Python's ``json.dumps(..., ensure_ascii=True, separators=(",", ":"))`` matches the last two, and
``/`` never occurs in its output outside a string, so replacing every ``/`` by ``\\/`` afterwards is
exact. A faithful fake must reproduce the ``\\/``: base64 contains ``/``, and a client that handles
the document bytes by hand instead of through a JSON parser would break on it.

Documents (offer and policy PDFs) are base64 inside that JSON. :func:`files_envelope_chunks` writes
such a response incrementally, so a fake server can send a document of any size in constant memory.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TypeAlias

__all__ = [
    "DEFAULT_ENVELOPE_CHUNK_SIZE",
    "Content",
    "encode_json",
    "error_envelope",
    "files_envelope_chunks",
    "rechunk",
    "success_envelope",
]

#: A document's content: its bytes as an iterable of pieces of any length.
Content: TypeAlias = Iterable[bytes | bytearray | memoryview]

#: Default size of the chunks yielded by :func:`files_envelope_chunks`.
DEFAULT_ENVELOPE_CHUNK_SIZE = 64 * 1024


def _default(value: object) -> object:
    """Serialise the few non-JSON types the sandbox hands over.

    ``Decimal`` becomes a float because the PHP server holds amounts as floats: PHP >= 7.1 prints a
    float with the shortest round-trip form (``serialize_precision = -1``), as Python's ``repr``
    does, so ``Decimal("1234.50")`` is written ``1234.5`` exactly like the vendor would.
    """
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def encode_json(value: Any, *, escape_slashes: bool = True) -> bytes:
    """Serialise ``value`` like PHP's ``json_encode`` with default flags (see the module doc).

    Args:
        value: JSON-compatible data; ``Decimal`` values are written as numbers.
        escape_slashes: write ``/`` as ``\\/`` (PHP's default); ``False`` mimics
            ``JSON_UNESCAPED_SLASHES``.
    """
    text = json.dumps(
        value, ensure_ascii=True, separators=(",", ":"), allow_nan=False, default=_default
    )
    if escape_slashes:
        text = text.replace("/", "\\/")
    return text.encode("ascii")


def success_envelope(data: Any, *, escape_slashes: bool = True) -> bytes:
    """``{"error":false,"status":200,"data":<data>}`` as the vendor writes it."""
    return encode_json({"error": False, "status": 200, "data": data}, escape_slashes=escape_slashes)


def error_envelope(
    status: int, message: str, data: Any = None, *, escape_slashes: bool = True
) -> bytes:
    """``{"error":true,"status":<status>,"message":<message>,"data":<data>}``.

    For a validation failure pass ``400``, ``"VALIDATION_ERROR"`` and a mapping of dotted field
    paths to lists of messages, e.g. ``{"product.vehicle.vin": ["The vin field is required."]}``.
    ``data`` defaults to ``null``.
    """
    envelope = {"error": True, "status": status, "message": message, "data": data}
    return encode_json(envelope, escape_slashes=escape_slashes)


def rechunk(parts: Iterable[bytes | bytearray], chunk_size: int) -> Iterator[bytes]:
    """Regroup ``parts`` into chunks of exactly ``chunk_size`` bytes (the last may be shorter).

    A chunk is yielded as soon as it is complete, so nothing is read ahead of need; memory holds
    at most one chunk plus one part.
    """
    if chunk_size <= 0:  # checked here, at the call, rather than at the first next()
        raise ValueError("chunk_size must be positive")
    return _rechunk(parts, chunk_size)


def _rechunk(parts: Iterable[bytes | bytearray], chunk_size: int) -> Iterator[bytes]:
    buffer = bytearray()
    for part in parts:
        buffer += part
        if len(buffer) < chunk_size:
            continue
        cut = len(buffer) - len(buffer) % chunk_size
        with memoryview(buffer) as view:
            for start in range(0, cut, chunk_size):
                yield bytes(view[start : start + chunk_size])
        del buffer[:cut]
    if buffer:
        yield bytes(buffer)


def _base64_pieces(content: Content, step: int, escape_slashes: bool) -> Iterator[bytes]:
    """Base64 of the concatenated ``content``, in pieces, never holding more than ~``step`` input.

    Base64 maps 3 input bytes to 4 characters, so encoding each piece separately gives the same text
    as encoding the whole only if every piece but the last is a multiple of 3 bytes long: the
    remainder (0-2 bytes) is carried over to the next piece. Large input chunks are cut into
    ``step``-byte slices (``step`` is a multiple of 3) to bound the size of each encoded piece.
    """
    carry = b""
    for chunk in content:
        data = carry + bytes(chunk) if carry else bytes(chunk)
        usable = len(data) - len(data) % 3
        with memoryview(data) as view:
            for start in range(0, usable, step):
                piece = binascii.b2a_base64(view[start : min(start + step, usable)], newline=False)
                yield piece.replace(b"/", b"\\/") if escape_slashes else piece
        carry = data[usable:]
    if carry:
        piece = binascii.b2a_base64(carry, newline=False)
        yield piece.replace(b"/", b"\\/") if escape_slashes else piece


def files_envelope_chunks(
    files: Iterable[tuple[str, str, Content]],
    *,
    escape_slashes: bool = True,
    chunk_size: int = DEFAULT_ENVELOPE_CHUNK_SIZE,
) -> Iterator[bytes]:
    """Stream a documents response: ``{"error":false,"status":200,"data":{"files":[...]}}``.

    Each file is ``(type, name, content)``, e.g. ``("Offer", "offer-123.pdf", iter_pdf(...))``,
    written as ``{"type":..,"name":..,"content":"<base64>"}``. The content iterators are consumed
    lazily, one file after the other, and base64-encoded on the fly; memory stays about
    ``chunk_size`` whatever the documents' sizes.

    Args:
        files: the documents, in order; any iterable (it is consumed once).
        escape_slashes: write ``/`` as ``\\/`` in all strings, base64 included (PHP's default).
        chunk_size: every yielded chunk has exactly this size, except the last one.
    """
    # ~3/4 of a chunk of input encodes to about one chunk of output; a multiple of 3 keeps every
    # intermediate base64 piece free of '=' padding.
    step = max(3, chunk_size * 3 // 4 // 3 * 3)
    return rechunk(_envelope_parts(files, step, escape_slashes), chunk_size)


def _envelope_parts(
    files: Iterable[tuple[str, str, Content]], step: int, escape_slashes: bool
) -> Iterator[bytes]:
    """The documents response as consecutive pieces of any size."""
    yield b'{"error":false,"status":200,"data":{"files":['
    for index, (kind, name, content) in enumerate(files):
        # The type and name go through the same encoder as everything else, so quoting and
        # escaping rules cannot diverge; only the content is hand-assembled.
        head = b'{"type":%s,"name":%s,"content":"' % (
            encode_json(kind, escape_slashes=escape_slashes),
            encode_json(name, escape_slashes=escape_slashes),
        )
        yield b"," + head if index else head
        yield from _base64_pieces(content, step, escape_slashes)
        yield b'"}'
    yield b"]}}"
