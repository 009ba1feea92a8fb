"""The sandbox PDFs: valid for a strict reader, exact sizes, streamed, reproducible."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from casco_async.sandbox._pdf import (
    DEFAULT_CHUNK_SIZE,
    PdfDocument,
    iter_pdf,
    pdf_text_bytes,
    render_pdf,
)

TITLE = "Ofertă CASCO nr. 123 — Generali"
LINES = [
    "Asigurat: Ștefan Țăranu, București, sector 1",
    "Vehicul: Dacia Logan (M1), VIN UU1ABC12345678901",
    "Primă: 4.888,16 RON in 4 rate",
    "Cale: C:\\oferte\\123 (copie) ) ( \\",
    "Înmatriculat în Râmnicu Vâlcea",
]


def read(data: bytes) -> PdfReader:
    """Open with pypdf in strict mode: any structural error raises instead of being repaired."""
    return PdfReader(io.BytesIO(data), strict=True)


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def check_xref(data: bytes) -> None:
    """Every in-use xref entry points at ``N 0 obj`` and ``startxref`` points at ``xref``."""
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))  # type: ignore[union-attr]
    assert data[startxref : startxref + 5] == b"xref\n"
    header = re.match(rb"xref\n0 (\d+)\n", data[startxref:])
    assert header is not None
    count = int(header.group(1))
    table = data[startxref + header.end() : startxref + header.end() + 20 * count]
    entries = [table[i : i + 20] for i in range(0, len(table), 20)]
    assert entries[0] == b"0000000000 65535 f \n"
    for number, entry in enumerate(entries[1:], start=1):
        assert re.fullmatch(rb"\d{10} 00000 n \n", entry), entry
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj\n" % number)
    assert b"/Size %d " % count in data[startxref:]


# --------------------------------------------------------------------------- content


def test_strict_reader_opens_and_extracts_title_and_details() -> None:
    data = render_pdf(TITLE, LINES)
    reader = read(data)
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "Oferta CASCO nr. 123 — Generali" in text
    assert "Asigurat: Stefan Taranu, Bucuresti, sector 1" in text
    assert "Vehicul: Dacia Logan (M1), VIN UU1ABC12345678901" in text
    assert "Prima: 4.888,16 RON in 4 rate" in text
    # Parentheses (balanced or not) and backslashes survive the literal-string escaping.
    assert "Cale: C:\\oferte\\123 (copie) ) ( \\" in text
    # â and î exist in WinAnsiEncoding and are kept.
    assert "Înmatriculat în Râmnicu Vâlcea" in text
    check_xref(data)


def test_file_structure() -> None:
    data = render_pdf(TITLE, LINES)
    assert data.startswith(b"%PDF-1.4\n")
    assert data.endswith(b"%%EOF\n")
    assert b"/BaseFont /Helvetica" in data
    assert b"/Encoding /WinAnsiEncoding" in data


def test_info_dictionary_keeps_unicode() -> None:
    created = datetime(2025, 3, 1, 10, 30, tzinfo=timezone(timedelta(hours=2)))
    reader = read(render_pdf(TITLE, LINES, author="Life Is Hard — broker", created=created))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == TITLE  # UTF-16 text string: the real diacritics
    assert meta.author == "Life Is Hard — broker"
    assert meta.producer == "casco-async sandbox"
    assert meta.creation_date == created


def test_many_lines_make_several_pages() -> None:
    lines = [f"Detaliu {i:04d}" for i in range(300)]
    reader = read(render_pdf("Poliță", lines))
    assert len(reader.pages) > 1
    texts = [page.extract_text() for page in reader.pages]
    assert all("Polita" in t for t in texts)  # the title heads every page
    found = [line for line in lines if any(line in t for t in texts)]
    assert found == lines
    assert f"Page {len(texts)} / {len(texts)}" in texts[-1]


def test_long_line_is_wrapped_not_lost() -> None:
    words = " ".join(f"cuvant{i}" for i in range(60))
    text = text_of(read(render_pdf("T", [words])))
    assert all(f"cuvant{i}" in text for i in range(60))


def test_empty_document_still_valid() -> None:
    reader = read(render_pdf("", []))
    assert len(reader.pages) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ăâîșț ĂÂÎȘȚ", b"a\xe2\xee\x73t A\xc2\xceST"),
        ("şţŞŢ", b"stST"),  # legacy cedilla forms
        ("é€", b"\xe9\x80"),  # in cp1252
        ("ő☃", b"o?"),  # decomposed to its base letter, or '?'
        ("a\nb\tc", b"a b c"),
    ],
)
def test_pdf_text_bytes(text: str, expected: bytes) -> None:
    assert pdf_text_bytes(text) == expected


# --------------------------------------------------------------------------- padding


def plain_size() -> int:
    return PdfDocument("Oferta", ["linie"]).size


@pytest.mark.parametrize("extra", [*range(0, 90), 1000, 8_999])
def test_padding_reaches_exact_size_near_plain_size(extra: int) -> None:
    """Targets just above the plain size cannot hold the padding object: whitespace fills."""
    target = plain_size() + extra
    document = PdfDocument("Oferta", ["linie"], pad_to=target)
    data = document.render()
    assert document.size == len(data) == target
    assert "linie" in text_of(read(data))
    check_xref(data)


@pytest.mark.parametrize(
    "target",
    [9_999, 10_000, 10_001, 99_998, 99_999, 100_000, 100_001, 999_999, 1_000_000, 1_048_577],
)
def test_padding_exact_across_digit_boundaries(target: int) -> None:
    """The /Length and startxref digit counts change here; the size must still be exact."""
    document = PdfDocument("Oferta", ["linie"], pad_to=target, seed=7)
    data = document.render()
    assert document.size == len(data) == target
    assert data.startswith(b"%PDF-")
    assert data.endswith(b"%%EOF\n")
    reader = read(data)
    assert "Oferta" in text_of(reader)
    check_xref(data)


def test_padding_object_is_a_well_formed_stream() -> None:
    data = render_pdf("Oferta", ["linie"], pad_to=200_000, seed=3)
    reader = read(data)
    size = int(str(reader.trailer["/Size"]))
    padding = reader.get_object(size - 1)
    payload = padding.get_data()  # type: ignore[union-attr]
    assert 190_000 < len(payload) < 200_000
    declared = re.search(rb"\n%d 0 obj\n<< /Length (\d+) >>\nstream\n" % (size - 1), data)
    assert declared is not None
    assert int(declared.group(1)) == len(payload)
    assert payload in data


def test_target_below_plain_size_is_ignored() -> None:
    plain = render_pdf("Oferta", ["linie"])
    assert render_pdf("Oferta", ["linie"], pad_to=10) == plain
    assert render_pdf("Oferta", ["linie"], pad_to=0) == plain
    assert PdfDocument("Oferta", ["linie"], pad_to=len(plain)).render() == plain


def test_negative_target_rejected() -> None:
    with pytest.raises(ValueError):
        PdfDocument("x", pad_to=-1)


def test_large_document_is_fast_and_constant_memory() -> None:
    target = 100_000_000
    document = PdfDocument("Oferta mare", ["linie"], pad_to=target, seed=1)
    assert document.size == target
    tracemalloc.start()
    try:
        began = time.perf_counter()
        total = 0
        first = last = b""
        for chunk in document.iter_bytes():
            assert len(chunk) <= DEFAULT_CHUNK_SIZE
            first = first or chunk
            last = chunk
            total += len(chunk)
        elapsed = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == target
    assert first.startswith(b"%PDF-1.4\n")
    assert last.endswith(b"%%EOF\n")
    assert peak < 8 * 1024 * 1024, peak  # a few chunks, not the 100 MB
    assert elapsed < 10, elapsed  # about half a second on a laptop


# --------------------------------------------------------------------------- streaming


@pytest.mark.parametrize("chunk_size", [1, 7, 1000, 4096, 65_536, 100_003, DEFAULT_CHUNK_SIZE])
def test_stream_equals_render_with_exact_chunks(chunk_size: int) -> None:
    document = PdfDocument(TITLE, LINES, pad_to=300_001, seed=5)
    chunks = list(document.iter_bytes(chunk_size))
    assert b"".join(chunks) == document.render()
    assert all(len(c) == chunk_size for c in chunks[:-1])
    assert 0 < len(chunks[-1]) <= chunk_size


def test_iter_pdf_matches_render_pdf() -> None:
    kwargs = {"pad_to": 2_500_000, "seed": 11, "author": "x"}
    chunks = list(iter_pdf(TITLE, LINES, **kwargs))  # type: ignore[arg-type]
    assert all(len(c) <= DEFAULT_CHUNK_SIZE for c in chunks)
    assert b"".join(chunks) == render_pdf(TITLE, LINES, **kwargs)  # type: ignore[arg-type]


def test_stream_can_be_restarted() -> None:
    document = PdfDocument("x", pad_to=150_000)
    assert b"".join(document.iter_bytes(4096)) == b"".join(document.iter_bytes(999))


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        next(PdfDocument("x").iter_bytes(0))


# --------------------------------------------------------------------------- determinism


def test_same_inputs_same_bytes() -> None:
    a = render_pdf(TITLE, LINES, pad_to=500_000, seed=42)
    b = render_pdf(TITLE, list(LINES), pad_to=500_000, seed=42)
    assert a == b


def test_seed_changes_padding_only() -> None:
    a = render_pdf(TITLE, LINES, pad_to=500_000, seed=1)
    b = render_pdf(TITLE, LINES, pad_to=500_000, seed=2)
    assert len(a) == len(b)
    assert a != b
    assert text_of(read(a)) == text_of(read(b))


def test_inputs_change_bytes() -> None:
    assert render_pdf("a", ["x"]) != render_pdf("a", ["y"])
    assert render_pdf("a", ["x"]) != render_pdf("b", ["x"])
    created = datetime(2030, 1, 1, tzinfo=UTC)
    assert render_pdf("a", ["x"]) != render_pdf("a", ["x"], created=created)
