"""Tests of the incremental envelope decoder (casco_async._envelope_decoder).

The property tests write envelopes the way a PHP server may (``\\/``, ``\\uXXXX``, chunk_split
line breaks, any key order, extra keys, whitespace), cut them at random places, and check the
decoder against ``json.loads`` + strict base64 on the whole document.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
import json
import random
import re
import tracemalloc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from casco_async._envelope_decoder import (
    DecodeError,
    EnvelopeDecoder,
    Event,
    FileData,
    FileEnded,
    FileStarted,
    InvalidBase64Error,
    MalformedJSONError,
    TooLargeError,
    TruncatedError,
)

# --------------------------------------------------------------------------------------------
# Helpers


def split_at(doc: bytes, cuts: Iterable[int]) -> list[bytes]:
    """``doc`` cut at the given offsets (duplicates give empty chunks, which must be harmless)."""
    points = [0, *sorted(min(max(c, 0), len(doc)) for c in cuts), len(doc)]
    return [doc[a:b] for a, b in itertools.pairwise(points)]


def one_byte_chunks(doc: bytes) -> list[bytes]:
    return [doc[k : k + 1] for k in range(len(doc))]


@dataclass
class Result:
    """What a decoder run produced: per-file bytes, the envelope, events, metadata seen."""

    files: dict[int, bytes]
    envelope: Any
    # Events with consecutive FileData of one file merged, so chunkings can be compared.
    events: list[tuple[str, int]]
    meta_at_start: dict[int, dict[str, Any]] = field(default_factory=dict)


def run(chunks: Iterable[bytes], *, fast: bool = True) -> Result:
    """Feed ``chunks`` then close; check the event grammar on the way."""
    decoder = EnvelopeDecoder()
    decoder._fast_path = fast
    events: list[Event] = []
    meta: dict[int, dict[str, Any]] = {}
    for chunk in chunks:
        new = decoder.feed(chunk)
        for event in new:
            if isinstance(event, FileStarted):
                meta[event.index] = decoder.file_meta(event.index)
        events += new
    events += decoder.close()
    files: dict[int, bytes] = {}
    merged: list[tuple[str, int]] = []
    current: int | None = None
    for event in events:
        if isinstance(event, FileStarted):
            assert current is None, "FileStarted inside another file"
            assert event.index not in files, "file started twice"
            current = event.index
            files[event.index] = b""
            merged.append(("start", event.index))
        elif isinstance(event, FileData):
            assert current == event.index, "FileData outside its file"
            assert event.data, "empty FileData"
            files[event.index] += event.data
            if merged[-1] != ("data", event.index):
                merged.append(("data", event.index))
        else:
            assert isinstance(event, FileEnded)
            assert current == event.index, "FileEnded without FileStarted"
            current = None
            merged.append(("end", event.index))
    assert current is None
    return Result(files, decoder.envelope, merged, meta)


def outcome(chunks: Iterable[bytes], *, fast: bool = True) -> tuple[Any, ...]:
    """Comparable summary of a run: the result, or the error's class and offset."""
    try:
        result = run(chunks, fast=fast)
    except DecodeError as exc:
        return ("error", type(exc), exc.offset)
    return ("ok", result.files, result.envelope, result.events)


CANONICAL_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def reference(doc: bytes) -> tuple[dict[int, bytes], Any] | None:
    """The non-streaming decoding, or None if the document is invalid."""
    try:
        value = json.loads(doc.decode("utf-8", "surrogatepass"), parse_constant=_no_constant)
    except ValueError:
        return None
    files: dict[int, bytes] = {}
    data = value.get("data") if isinstance(value, dict) else None
    listed = data.get("files") if isinstance(data, dict) else None
    if isinstance(listed, list):
        for index, item in enumerate(listed):
            if isinstance(item, dict) and isinstance(item.get("content"), str):
                text = re.sub(r"[ \t\r\n]", "", item["content"])
                # a2b_base64's strict mode still accepts "=" after a complete quantum
                # ("QUJD=", "QUJD===="): the RFC 4648 form is checked first.
                if not CANONICAL_BASE64.fullmatch(text):
                    return None
                try:
                    files[index] = binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
                except (ValueError, UnicodeEncodeError):
                    return None
                item["content"] = None
    return files, value


# --------------------------------------------------------------------------------------------
# Writing envelopes like a PHP server (or a less usual one)


@dataclass
class Content:
    """Placeholder for a content string in a generated tree."""

    payload: bytes
    literal: str = ""  # the JSON string as written, quotes included
    before: dict[str, Any] = field(default_factory=dict)  # keys written before it


@dataclass
class Style:
    """How a document is written."""

    escape_slashes: bool
    ensure_ascii: bool
    u_escape_rate: float  # share of base64 characters written as \\uXXXX
    wrap: int | None  # chunk_split line length, or no line breaks
    line_break: str  # "\r\n", "\n", ... (JSON-escaped when written)
    whitespace: bool  # random whitespace between tokens
    rnd: random.Random


def write_content(payload: bytes, style: Style) -> str:
    rnd = style.rnd
    text = base64.b64encode(payload).decode("ascii")
    if style.wrap:
        lines = [text[k : k + style.wrap] for k in range(0, len(text), style.wrap)]
        text = style.line_break.join(lines)
        if lines and rnd.random() < 0.5:
            text += style.line_break  # chunk_split also ends with a line break
    out = []
    for ch in text:
        if rnd.random() < style.u_escape_rate:
            escape = f"\\u{ord(ch):04x}"
            out.append(escape.upper().replace("\\U", "\\u") if rnd.random() < 0.5 else escape)
        elif ch == "/" and style.escape_slashes:
            out.append("\\/")
        elif ch in "\r\n\t":
            out.append({"\r": "\\r", "\n": "\\n", "\t": "\\t"}[ch])
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def write(value: Any, style: Style) -> str:
    """Serialise ``value``; dict keys in random order; Content written by write_content."""
    rnd = style.rnd

    def ws() -> str:
        if not style.whitespace or rnd.random() < 0.5:
            return ""
        return "".join(rnd.choice(" \t\r\n") for _ in range(rnd.randint(1, 3)))

    def scalar(v: Any) -> str:
        text = json.dumps(v, ensure_ascii=style.ensure_ascii)
        # "/" only occurs inside strings in json.dumps output, so this is PHP's escaping.
        return text.replace("/", "\\/") if style.escape_slashes else text

    if isinstance(value, Content):
        value.literal = write_content(value.payload, style)
        return value.literal
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        parts = []
        for key in keys:
            item = value[key]
            if isinstance(item, Content):
                item.before = {k: value[k] for k in keys[: keys.index(key)]}
            parts.append(ws() + scalar(key) + ws() + ":" + ws() + write(item, style) + ws())
        return "{" + ",".join(parts) + ws() + "}"
    if isinstance(value, list):
        return "[" + ",".join(ws() + write(item, style) + ws() for item in value) + ws() + "]"
    return scalar(value)


def expected_tree(value: Any) -> Any:
    """The envelope the decoder should give: Content replaced by None."""
    if isinstance(value, Content):
        return None
    if isinstance(value, dict):
        return {k: expected_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expected_tree(v) for v in value]
    return value


def contents(value: Any) -> dict[int, Content]:
    files = value.get("data", {}).get("files", [])
    return {i: f["content"] for i, f in enumerate(files) if isinstance(f.get("content"), Content)}


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def extra_keys(reserved: set[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(
        st.text(max_size=8).filter(lambda k: k not in reserved), json_values, max_size=2
    )


@st.composite
def file_objects(draw: st.DrawFn) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "type": draw(st.sampled_from(["Offer", "Policy", "Green/Card"])),
        "name": draw(st.text(max_size=15)),
    }
    obj.update(draw(extra_keys({"type", "name", "content"})))
    if draw(st.integers(0, 9)):  # mostly with content
        obj["content"] = Content(draw(st.binary(max_size=300)))
    return obj


@st.composite
def envelopes(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"files": draw(st.lists(file_objects(), max_size=3))}
    data.update(draw(extra_keys({"files"})))
    root: dict[str, Any] = {"error": False, "status": 200, "data": data}
    root.update(draw(extra_keys({"error", "status", "data", "message"})))
    return root


@st.composite
def styles(draw: st.DrawFn) -> Style:
    return Style(
        escape_slashes=draw(st.booleans()),
        ensure_ascii=draw(st.booleans()),
        u_escape_rate=draw(st.sampled_from([0.0, 0.0, 0.05, 0.5])),
        wrap=draw(st.sampled_from([None, None, 76, 64, 5, 1])),
        line_break=draw(st.sampled_from(["\r\n", "\n", " ", "\t"])),
        whitespace=draw(st.booleans()),
        rnd=draw(st.randoms(use_true_random=False)),
    )


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, dict[str, Any]]:
    tree = draw(envelopes())
    doc = write(tree, draw(styles())).encode("utf-8")
    return doc, tree


def cuts_for(data: st.DataObject, doc: bytes) -> list[bytes]:
    """Random chunk boundaries (many small or a few), sometimes one byte at a time."""
    mode = data.draw(st.sampled_from(["random", "random", "bytes"]))
    if mode == "bytes":
        return one_byte_chunks(doc)
    return split_at(doc, data.draw(st.lists(st.integers(0, len(doc)), max_size=40)))


# --------------------------------------------------------------------------------------------
# Round trips


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_round_trip_any_chunking(
    document: tuple[bytes, dict[str, Any]], data: st.DataObject
) -> None:
    doc, tree = document
    chunks = cuts_for(data, doc)
    result = run(chunks)

    expected = {i: c.payload for i, c in contents(tree).items()}
    assert result.files == expected
    assert result.envelope == expected_tree(tree)
    # The envelope is json.loads minus the contents, and the contents are strict base64.
    ref = reference(doc)
    assert ref is not None
    assert result.files == ref[0]
    assert result.envelope == ref[1]
    # Metadata written before "content" is known when the file starts (keys written after it
    # may be known too, when they came in the same chunk).
    for index, content in contents(tree).items():
        seen = result.meta_at_start[index]
        assert content.before.items() <= seen.items()
        full = {k: v for k, v in tree["data"]["files"][index].items() if k != "content"}
        assert seen.items() <= full.items()
    # Same events whatever the chunking, and the reference (slow) path agrees.
    assert result.events == run([doc]).events
    assert outcome(chunks, fast=False) == outcome([doc])


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.booleans(), st.data())
def test_php_style_payload(payload: bytes, escape: bool, data: st.DataObject) -> None:
    """The exact server format (compact, PHP escaping), with chunk_split or not."""
    text = base64.b64encode(payload)
    if data.draw(st.booleans()):
        text = b"\\r\\n".join(text[k : k + 76] for k in range(0, len(text), 76)) + b"\\r\\n"
    if escape:
        text = text.replace(b"/", b"\\/")
    doc = (
        b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","name":"offer-123.pdf",'
        b'"content":"' + text + b'"}]}}'
    )
    result = run(cuts_for(data, doc))
    assert result.files == {0: payload}
    assert result.meta_at_start == {0: {"type": "Offer", "name": "offer-123.pdf"}}
    assert result.envelope["data"]["files"] == [
        {"type": "Offer", "name": "offer-123.pdf", "content": None}
    ]


def test_every_split_of_a_small_document() -> None:
    """Every single cut point, and every pair of cut points, of a document full of escapes."""
    doc = (
        b'{"data":{"files":[{"name":"a\\/b \\u00e9\\ud83d\\ude00","content":"QU\\/\\u0042\\r\\n'
        b'Q0Q=\\n"},{"content":"","type":null}]},"status":-1.5e+2,"x":[true,false,null,{}],'
        b'"error":false}'
    )
    want = outcome([doc])
    assert want[0] == "ok"
    assert want[1] == {0: base64.b64decode(b"QU/BQ0Q="), 1: b""}
    for a in range(len(doc) + 1):
        assert outcome(split_at(doc, [a])) == want
        for b in range(a, len(doc) + 1, 3):
            assert outcome(split_at(doc, [a, b])) == want
    assert outcome(one_byte_chunks(doc)) == want
    assert outcome(one_byte_chunks(doc), fast=False) == want


def test_large_chunks_are_cut_into_spans() -> None:
    """A whole multi-megabyte body in one feed still gives bounded FileData events."""
    payload = random.Random(1).randbytes(3_000_000)
    text = base64.b64encode(payload).replace(b"/", b"\\/")
    doc = b'{"data":{"files":[{"content":"' + text + b'"}]}}'
    decoder = EnvelopeDecoder()
    events = decoder.feed(doc) + decoder.close()
    sizes = [len(e.data) for e in events if isinstance(e, FileData)]
    assert len(sizes) > 2
    assert max(sizes) <= (1 << 20) * 3 // 4
    assert b"".join(e.data for e in events if isinstance(e, FileData)) == payload


def test_large_ordinary_strings_and_numbers() -> None:
    """Big non-content values are parsed in pieces, escapes and all, like json.loads."""
    rnd = random.Random(2)
    message = "".join(
        rnd.choice(["a", "/", '"', "\\", "é", "\U0001f600", "\n"]) for _ in range(300_000)
    )
    doc = (
        json.dumps(
            {"error": True, "status": 500, "message": message, "data": {"n": 10**400, "f": 1.5e300}}
        )
        .replace("/", "\\/")
        .encode()
    )
    for size in (1000, 4096, 65536):
        result = run(doc[k : k + size] for k in range(0, len(doc), size))
        assert result.envelope == json.loads(doc)
        assert result.files == {}


# --------------------------------------------------------------------------------------------
# Error envelopes and other shapes


def test_error_envelope() -> None:
    doc = (
        b'{"error":true,"status":400,"message":"VALIDATION_ERROR",'
        b'"data":{"product.vehicle.vin":["The vin field is required."]}}'
    )
    for chunks in ([doc], one_byte_chunks(doc)):
        result = run(chunks)
        assert result.events == []
        assert result.envelope == {
            "error": True,
            "status": 400,
            "message": "VALIDATION_ERROR",
            "data": {"product.vehicle.vin": ["The vin field is required."]},
        }


def test_content_elsewhere_is_an_ordinary_string() -> None:
    """Only data.files[i].content is streamed; a string "content" elsewhere is kept."""
    doc = (
        b'{"content":"QQ==","data":{"content":"QQ==","files":[{"content":null},'
        b'[{"content":"QQ=="}],{"meta":{"content":"QQ=="},"content":"QUI="}]},'
        b'"files":[{"content":"QQ=="}]}'
    )
    result = run([doc])
    assert result.files == {2: b"AB"}
    expected = json.loads(doc)
    expected["data"]["files"][2]["content"] = None
    assert result.envelope == expected


def test_other_top_level_values() -> None:
    for doc, value in [
        (b"[1, 2]", [1, 2]),
        (b' "x" ', "x"),
        (b"-0.5e-3", -0.5e-3),
        (b"12", 12),
        (b"null", None),
        (b"{}", {}),
    ]:
        assert run([doc]).envelope == value
        assert run(one_byte_chunks(doc)).envelope == value


def test_file_meta_and_api_misuse() -> None:
    decoder = EnvelopeDecoder()
    events = decoder.feed(b'{"data":{"files":[{"type":"Offer","name":"o.pdf","content":"QU')
    assert events == [FileStarted(0)]
    assert decoder.file_meta(0) == {"type": "Offer", "name": "o.pdf"}
    with pytest.raises(IndexError):
        decoder.file_meta(1)
    with pytest.raises(RuntimeError):
        _ = decoder.envelope
    assert decoder.feed(b'JD"') == [FileData(0, b"ABC"), FileEnded(0)]
    decoder.feed(b',"size":3}]}}')
    assert decoder.close() == []
    assert decoder.close() == []  # idempotent
    assert decoder.file_meta(0) == {"type": "Offer", "name": "o.pdf", "size": 3}
    assert decoder.envelope["data"]["files"][0]["content"] is None
    with pytest.raises(RuntimeError):
        decoder.feed(b" ")
    # The event repr never shows document content.
    assert "ABC" not in repr(FileData(0, b"ABC"))


def test_failed_decoder_stays_failed() -> None:
    decoder = EnvelopeDecoder()
    with pytest.raises(MalformedJSONError) as first:
        decoder.feed(b'{"a":]')
    with pytest.raises(MalformedJSONError) as again:
        decoder.feed(b"}")
    assert again.value is first.value
    with pytest.raises(MalformedJSONError):
        decoder.close()


def test_duplicate_content_is_refused() -> None:
    for doc in [
        b'{"data":{"files":[{"content":"QQ==","content":"QQ=="}]}}',
        b'{"data":{"files":[{"content":"QQ=="}],"files":[{"content":"QQ=="}]}}',
    ]:
        with pytest.raises(DecodeError):
            run([doc])


# --------------------------------------------------------------------------------------------
# Truncation


TRUNCATION_DOCS = [
    b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","name":"offer-1.pdf",'
    b'"content":"QUJD\\/\\u0041B\\r\\nC\\r\\nQQ=="},{"content":"","name":"e\\u00e9"}]}}',
    b' { "data" : { "files" : [ { "content" : "QU JD" , "n" : -12.5E+3 } ] } , "x" : true } ',
    b'{"error":true,"status":404,"message":"NOT_FOUND","data":null}',
]


@pytest.mark.parametrize("doc", TRUNCATION_DOCS)
def test_truncated_at_every_position(doc: bytes) -> None:
    assert outcome([doc])[0] == "ok"
    for end in range(len(doc.rstrip())):
        prefix = doc[:end]
        for chunks in ([prefix], one_byte_chunks(prefix)):
            for fast in (True, False):
                decoder = EnvelopeDecoder()
                decoder._fast_path = fast
                for chunk in chunks:
                    decoder.feed(chunk)  # a prefix of a valid document is never an error...
                with pytest.raises(TruncatedError):  # ...until the end is announced
                    decoder.close()


@settings(max_examples=150, deadline=None)
@given(documents(), st.data())
def test_truncated_random_document(
    document: tuple[bytes, dict[str, Any]], data: st.DataObject
) -> None:
    doc, _ = document
    doc = doc.rstrip()  # trailing whitespace can go without harm
    end = data.draw(st.integers(0, len(doc) - 1))
    decoder = EnvelopeDecoder()
    for chunk in cuts_for(data, doc[:end]):
        decoder.feed(chunk)
    with pytest.raises(TruncatedError):
        decoder.close()


# --------------------------------------------------------------------------------------------
# Invalid base64 and malformed JSON


def content_doc(literal: bytes) -> bytes:
    return b'{"data":{"files":[{"name":"x","content":"' + literal + b'"}]},"error":false}'


def assert_fails(doc: bytes, error: type[DecodeError]) -> None:
    """Same error (class and offset) whole, byte by byte, and on the reference path."""
    results = [
        outcome(chunks, fast=fast)
        for chunks in ([doc], one_byte_chunks(doc))
        for fast in (True, False)
    ]
    assert results[0][0] == "error" and results[0][1] is error, results[0]
    assert all(result == results[0] for result in results), results


@pytest.mark.parametrize(
    "literal",
    [
        b"QUJD!QUJD",
        b"QUJD-_==",
        b"QU\xc3\xa9D",  # é, as UTF-8
        b"QU\\u00e9D",  # é, escaped
        b"QUJD\\u0000",
        b"QUJD\\bQUJD",
        b"QUJD\\fQUJD",
        b'QUJD\\"QUJD',
        b"QUJD\\\\QUJD",
        b"QUJD\\\\/QUJD",
        b"QUJD\\u005cQUJD",
        b"QU\x7fJD",
        b"QUJD.QUJD",
    ],
)
def test_invalid_base64_character(literal: bytes) -> None:
    assert_fails(content_doc(literal), InvalidBase64Error)


@pytest.mark.parametrize(
    "literal",
    [
        b"QQ",  # padding missing
        b"QQ=",
        b"Q",
        b"QUJDQ",
        b"Q===",
        b"=QUJ",
        b"QUJD=",
        b"QU=D",
        b"QQ==QUJD",  # padding in the middle
        b"QQ==\\r\\nQUJD",
        b"QQ== QQ==",
        b"QQ==\\/",
        b"QUI==",
        b"QQ===",
        b"QUJD=",  # binascii's strict mode lets these two through
        b"QUJD====",
    ],
)
def test_bad_padding(literal: bytes) -> None:
    assert_fails(content_doc(literal), InvalidBase64Error)


@pytest.mark.parametrize(("alphabet", "longest"), [("A/= ", 6), ("A=", 12)])
def test_all_short_contents(alphabet: str, longest: int) -> None:
    """Every short string over a small alphabet: the fast path, the reference path and chunk
    boundaries agree, and accept exactly the RFC 4648 (padded) strings."""
    for length in range(longest + 1):
        for letters in itertools.product(alphabet, repeat=length):
            text = "".join(letters)
            doc = content_doc(text.replace("/", "\\/").encode())
            whole = outcome([doc])
            assert outcome([doc], fast=False) == whole
            assert outcome(split_at(doc, [40 + length // 2])) == whole
            valid = bool(CANONICAL_BASE64.fullmatch(text.replace(" ", "")))
            assert (whole[0] == "ok") == valid, text
            if whole[0] == "error":
                assert whole[1] is InvalidBase64Error, text


@pytest.mark.parametrize(
    "literal",
    [b"QQ==\\r\\n", b"QQ= =", b" QUI= ", b"\\u0051\\u0051\\u003d\\u003D", b"Q\\tQ\\n=\\r="],
)
def test_whitespace_around_padding_is_fine(literal: bytes) -> None:
    doc = content_doc(literal)
    for chunks in ([doc], one_byte_chunks(doc)):
        assert run(chunks).files[0] in (b"A", b"AB")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.data())
def test_invalid_character_anywhere(payload: bytes, data: st.DataObject) -> None:
    text = base64.b64encode(payload).decode()
    bad = data.draw(
        st.sampled_from(
            ["!", "-", "_", "*", ".", "é", "\\u00e9", "\\u0000", "\\b", '\\"', "\\\\", "\x7f"]
        )
    )
    at = data.draw(st.integers(0, len(text)))
    literal = (text[:at].replace("/", "\\/") + bad + text[at:].replace("/", "\\/")).encode()
    doc = content_doc(literal)
    with pytest.raises(InvalidBase64Error) as info:
        run(cuts_for(data, doc))
    # The error is located in the content, and its message shows none of it.
    start = doc.index(b'"content":"') + len(b'"content":"')
    assert info.value.offset is not None and start <= info.value.offset <= start + len(literal)
    if len(text) >= 8:
        assert text[:8] not in str(info.value)


@pytest.mark.parametrize(
    "doc",
    [
        b'{"a":}',
        b'{"a" 1}',
        b'{"a":1,}',
        b"[1,]",
        b"[1 2]",
        b"{,}",
        b'{"a":1}}',
        b'{"a":1} x',
        b'{"a":1}{}',
        b'{"a":01}',
        b'{"a":-}',
        b'{"a":1.}',
        b'{"a":.5}',
        b'{"a":+1}',
        b'{"a":1e}',
        b'{"a":tru}',
        b'{"a":nul,"b":1}',
        b'{"a":True}',
        b'{"a":NaN}',
        b'{"a":Infinity}',
        b"{'a':1}",
        b'{"a\x01":1}',
        b'{"a":"\\x"}',
        b'{"a":"\\u12G4"}',
        b'{"a":"\xff"}',
        b"{a:1}",
        b"]",
        b'\xef\xbb\xbf{"a":1}',
        content_doc(b"QUJD\\xQUJD"),
        content_doc(b"QUJD\\u00"),
        content_doc(b"QUJD\\uZZZZ"),
        content_doc(b"QUJD\nQUJD"),  # raw line break: JSON requires "\\n"
        content_doc(b"QUJD\x00"),
        content_doc(b'QUJD"QUJD'),
        b'{"data":{"files":[{"content":"QUJD" "x"}]}}',
    ],
)
def test_malformed_json(doc: bytes) -> None:
    assert_fails(doc, MalformedJSONError)
    assert reference(doc) is None


@pytest.mark.parametrize(
    ("doc", "error"),
    [
        (b"01", MalformedJSONError),
        (b"[01", MalformedJSONError),
        (b"[1" + b"2" * 5000 + b"]", MalformedJSONError),  # json.loads refuses it too
        (b"-", TruncatedError),
        (b"1.", TruncatedError),
        (b"[1e+", TruncatedError),
    ],
)
def test_numbers_at_the_end(doc: bytes, error: type[DecodeError]) -> None:
    """A number is checked when it ends, which for the last one is at close()."""
    for chunks in ([doc], one_byte_chunks(doc)):
        with pytest.raises(error):
            run(chunks)


def test_bytes_like_chunks() -> None:
    doc = content_doc(b"QUJD")
    chunks: list[Any] = [bytearray(doc[:20]), memoryview(doc)[20:40], doc[40:]]
    assert run(chunks).files == {0: b"ABC"}


def test_empty_body() -> None:
    for chunks in ([], [b""], [b"  \r\n"]):
        decoder = EnvelopeDecoder()
        for chunk in chunks:
            decoder.feed(chunk)
        with pytest.raises(TruncatedError):
            decoder.close()


MUTATION_BYTES = [*b'"\\/{}[],:=+ -.0aAzuQ\r\n\x00\xe9']


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_mutated_documents(document: tuple[bytes, dict[str, Any]], data: st.DataObject) -> None:
    """Corrupt a valid document: the decoder agrees with the reference, whatever the chunking.

    Errors (class and offset) do not depend on the chunking nor on the fast path.
    """
    doc, _ = document
    assume(doc)
    buf = bytearray(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(buf) - 1))
        kind = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = data.draw(st.sampled_from(MUTATION_BYTES))
        if kind == "insert":
            buf.insert(at, byte)
        elif kind == "delete":
            del buf[at]
        else:
            buf[at] = byte
    mutated = bytes(buf)
    whole = outcome([mutated])
    assert outcome(cuts_for(data, mutated)) == whole
    assert outcome([mutated], fast=False) == whole
    ref = reference(mutated)
    if whole[0] == "ok":
        assert ref is not None and (whole[1], whole[2]) == ref
    elif whole[1] is not TruncatedError:
        # Invalid, except possibly a duplicated content (which json.loads lets pass).
        assert ref is None or whole[1] is DecodeError
    else:
        assert ref is None


# --------------------------------------------------------------------------------------------
# Memory


def generated_document(
    payload_size: int, seed: int, chunk_size: int
) -> Iterator[tuple[bytes, bytes]]:
    """(body chunk of ``chunk_size`` bytes, payload bytes it carries), without building either."""
    rnd = random.Random(seed)
    pending = bytearray(
        b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","name":"big.pdf","content":"'
    )
    remaining = payload_size
    while remaining:
        raw = rnd.randbytes(min(remaining, 3 * 16384))
        remaining -= len(raw)
        pending += base64.b64encode(raw).replace(b"/", b"\\/")
        while len(pending) >= chunk_size:
            yield bytes(pending[:chunk_size]), raw
            raw = b""
            del pending[:chunk_size]
        if raw:
            yield b"", raw
    pending += b'"}]}}'
    yield bytes(pending), b""


def test_memory_stays_bounded() -> None:
    size = 50 * 1024 * 1024
    sent = hashlib.sha256()
    received = hashlib.sha256()
    total = 0
    tracemalloc.start()
    try:
        decoder = EnvelopeDecoder()
        tracemalloc.reset_peak()
        for chunk, raw in generated_document(size, seed=3, chunk_size=64 * 1024):
            sent.update(raw)
            for event in decoder.feed(chunk):
                if isinstance(event, FileData):
                    received.update(event.data)
                    total += len(event.data)
            del chunk, raw
        decoder.close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size
    assert received.digest() == sent.digest()
    assert peak < 2 * 1024 * 1024, f"peak traced memory {peak} bytes"


# --------------------------------------------------------------------------------------------
# Limits


def feed_all(decoder: EnvelopeDecoder, chunks: Iterable[bytes]) -> dict[int, bytes]:
    files: dict[int, bytes] = {}
    for chunk in chunks:
        for event in decoder.feed(chunk):
            if isinstance(event, FileData):
                files[event.index] = files.get(event.index, b"") + event.data
    decoder.close()
    return files


LIMITED_DOC = content_doc(base64.b64encode(bytes(range(256)) * 40))  # 10240 bytes


@pytest.mark.parametrize(
    ("limits", "fits"),
    [
        ({"max_file_size": 10240}, True),
        ({"max_file_size": 10239}, False),
        ({"max_metadata": 70}, True),
        ({"max_metadata": 40}, False),
        ({"max_files": 1}, True),
        ({"max_files": 0}, False),
        ({"max_depth": 4}, True),
        ({"max_depth": 3}, False),
    ],
)
def test_limits_bind_whatever_the_chunking(limits: dict[str, int], fits: bool) -> None:
    for chunks in ([LIMITED_DOC], split_at(LIMITED_DOC, range(0, len(LIMITED_DOC), 997))):
        decoder = EnvelopeDecoder(**limits)
        if fits:
            assert feed_all(decoder, chunks) == {0: bytes(range(256)) * 40}
        else:
            with pytest.raises(TooLargeError) as caught:
                feed_all(decoder, chunks)
            assert caught.value.offset is None
            with pytest.raises(TooLargeError):  # the decoder stays failed
                decoder.feed(b" ")


def test_a_file_over_the_cap_hands_out_nothing_past_it() -> None:
    decoder = EnvelopeDecoder(max_file_size=5000)
    handed = 0
    with pytest.raises(TooLargeError, match="larger than 5000"):
        for chunk in split_at(LIMITED_DOC, range(0, len(LIMITED_DOC), 1000)):
            handed += sum(len(e.data) for e in decoder.feed(chunk) if isinstance(e, FileData))
    assert 0 < handed <= 5000


def test_endless_spaces_in_content_stop_at_the_raw_cap() -> None:
    decoder = EnvelopeDecoder(max_file_size=1000, max_metadata=1000)
    decoder.feed(b'{"data":{"files":[{"content":"QUJD')
    fed = 0
    with pytest.raises(TooLargeError, match="content is longer than 5000 bytes"):
        while fed < 10_000:
            decoder.feed(b" " * 100)
            fed += 100
    assert fed <= 5100


def test_an_endless_string_stops_at_the_metadata_cap() -> None:
    decoder = EnvelopeDecoder(max_metadata=100_000)
    decoder.feed(b'{"data":{"files":[{"name":"')
    fed = 0
    with pytest.raises(TooLargeError, match="more than 100000 bytes besides"):
        while fed < 1_000_000:
            decoder.feed(b"n" * 4096)
            fed += 4096
    assert fed <= 104_096
