"""Small, valid PDF 1.4 documents for the sandbox, of any size, produced as a stream.

The vendor sends offer and policy PDFs base64-encoded inside JSON; a real offer is about 700 KB and
larger ones exist. The sandbox needs documents that are

* real PDFs (a client may open them, and tests check them with a PDF reader);
* of a chosen size, up to hundreds of megabytes, to exercise streaming downloads;
* produced in constant memory with the size known before the first byte is sent (so a server can
  announce ``Content-Length`` or plan the base64 envelope);
* deterministic, so a test can compare what it downloaded with what the server meant to send.

The file is written by hand (no PDF library in the standard library): a catalog, a page tree, one
or more pages of Helvetica text (a title and lines of details), an information dictionary, a
classic cross-reference table with exact byte offsets, the trailer, ``startxref`` and ``%%EOF``.
Padding is one more stream object filled with deterministic pseudo-random bytes; it is placed after
every other object, so only its length and the cross-reference part that follows depend on it.
"""

from __future__ import annotations

import hashlib
import random
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from casco_async.sandbox._envelope import rechunk

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "PdfDocument",
    "iter_pdf",
    "pdf_text_bytes",
    "render_pdf",
]

#: Default (and recommended maximum) size of the chunks yielded by :meth:`PdfDocument.iter_bytes`.
DEFAULT_CHUNK_SIZE = 1024 * 1024

# Padding is drawn from the generator in fixed blocks, whatever the output chunk size, so that the
# bytes depend only on (seed, padding length) and never on how the caller slices the stream.
_PAD_BLOCK = 64 * 1024

# A4 portrait, in points (1/72 inch).
_PAGE_WIDTH = 595
_PAGE_HEIGHT = 842
_MARGIN = 56
_TITLE_SIZE = 16
_TITLE_LEADING = 20
_BODY_SIZE = 10
_BODY_LEADING = 14
_FOOTER_Y = 30
# Helvetica averages about half an em per character: ~96 characters of 10 pt fit in the 483 pt
# text width, ~55 of 16 pt. Wrapping a little earlier keeps lines inside the margin.
_BODY_WRAP = 92
_TITLE_WRAP = 52

# A fixed default creation date keeps documents byte-for-byte reproducible.
_DEFAULT_CREATED = datetime(2024, 1, 1, tzinfo=UTC)

# Romanian letters that WinAnsiEncoding (cp1252) lacks, in both the comma-below (correct) and the
# cedilla (legacy) forms; â, î, Â and Î exist in cp1252 and are kept.
_TRANSLITERATION = str.maketrans(
    {
        "ă": "a",
        "Ă": "A",
        "ș": "s",
        "Ș": "S",
        "ş": "s",
        "Ş": "S",
        "ț": "t",
        "Ț": "T",
        "ţ": "t",
        "Ţ": "T",
    }
)


def pdf_text_bytes(text: str) -> bytes:
    """Encode ``text`` for a Helvetica font with ``WinAnsiEncoding`` (cp1252).

    Romanian ă/ș/ț (and the cedilla forms ş/ţ) become ASCII letters; â and î are kept since cp1252
    has them. Any other character outside cp1252 is reduced to its base letters (``é`` would stay,
    ``ő`` becomes ``o``) or, failing that, ``?``. Control characters become spaces so that a stray
    newline cannot break the content stream layout.
    """
    out = bytearray()
    for char in text.translate(_TRANSLITERATION):
        if char < " " or char == "\x7f":
            out += b" "
            continue
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore")
            out += base if base else b"?"
    return bytes(out)


def _literal(raw: bytes) -> bytes:
    """A PDF literal string ``(...)`` for ``raw``, with ``\\``, ``(`` and ``)`` escaped.

    Bytes above 0x7E are written as octal escapes so the content stream stays plain ASCII, which
    makes the file easy to inspect and immune to any end-of-line translation.
    """
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"\\()":
            out += b"\\" + bytes([byte])
        elif byte > 0x7E:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    out += b")"
    return bytes(out)


def _info_string(text: str) -> bytes:
    """A PDF *text string* for the information dictionary.

    Printable ASCII stays a literal string; anything else becomes UTF-16BE with a byte-order mark
    (the standard's way to carry Unicode in text strings), so document properties keep the real
    Romanian spelling even though the page text is transliterated.
    """
    if all(" " <= c <= "~" for c in text):
        return _literal(text.encode("ascii"))
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _pdf_date(moment: datetime) -> bytes:
    """``D:YYYYMMDDHHmmSS+HH'mm'`` as the PDF standard defines dates (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    stamp = moment.strftime("%Y%m%d%H%M%S")
    return _literal(f"D:{stamp}{sign}{hours:02d}'{mins:02d}'".encode("ascii"))


def _wrap(text: str, width: int) -> list[str]:
    """Split ``text`` into display lines; an empty input keeps one (blank) line."""
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _content_stream(title: Sequence[str], body: Sequence[str], page: int, pages: int) -> bytes:
    """The drawing operators of one page: the title, the body lines and a page footer."""
    ops = [b"BT", b"/F2 %d Tf" % _TITLE_SIZE, b"%d TL" % _TITLE_LEADING]
    ops.append(b"%d %d Td" % (_MARGIN, _PAGE_HEIGHT - _MARGIN - _TITLE_SIZE))
    for line in title:
        ops.append(_literal(pdf_text_bytes(line)) + b" Tj T*")
    ops += [b"/F1 %d Tf" % _BODY_SIZE, b"%d TL" % _BODY_LEADING, b"T*"]
    for line in body:
        ops.append(_literal(pdf_text_bytes(line)) + b" Tj T*")
    ops.append(b"ET")
    footer = f"Page {page} / {pages}".encode("ascii")
    ops += [
        b"BT",
        b"/F1 8 Tf",
        b"%d %d Td" % (_MARGIN, _FOOTER_Y),
        _literal(footer) + b" Tj",
        b"ET",
    ]
    return b"\n".join(ops) + b"\n"


def _stream_object(number: int, data: bytes) -> bytes:
    """An indirect stream object with an exact ``/Length``."""
    head = b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(data))
    return head + data + b"\nendstream\nendobj\n"


class PdfDocument:
    """A deterministic PDF 1.4 document: a title, lines of details, optional padding.

    The layout (every byte except the padding payload) is computed on construction, so
    :attr:`size` is exact before anything is streamed. Padding bytes are generated lazily.

    Args:
        title: shown in bold at the top of every page and stored as the document title.
        lines: detail lines; long ones are wrapped, and as many pages as needed are made.
        author: stored in the information dictionary when given.
        created: creation date in the information dictionary (default 2024-01-01 UTC, fixed so
            that equal inputs give equal bytes).
        pad_to: target total size in bytes. If larger than the plain document, a padding stream
            object brings the file to exactly this size; if smaller, it is ignored (the document
            cannot shrink). See :attr:`size`.
        seed: seed of the pseudo-random padding bytes.
    """

    __slots__ = ("_head", "_pad_length", "_seed", "_tail", "size")

    #: Size in bytes of the whole file; equals ``pad_to`` whenever ``pad_to`` is not below the
    #: unpadded size.
    size: int

    def __init__(
        self,
        title: str,
        lines: Iterable[str] = (),
        *,
        author: str | None = None,
        created: datetime | None = None,
        pad_to: int | None = None,
        seed: int = 0,
    ) -> None:
        if pad_to is not None and pad_to < 0:
            raise ValueError("pad_to must not be negative")
        self._seed = seed
        objects = self._objects(title, list(lines), author, created or _DEFAULT_CREATED)
        self._head, self._pad_length, self._tail = self._layout(objects, pad_to or 0)
        self.size = len(self._head) + self._pad_length + len(self._tail)

    @staticmethod
    def _objects(
        title: str, lines: list[str], author: str | None, created: datetime
    ) -> list[bytes]:
        """The body objects 1..n, in number order (the padding object comes later)."""
        title_lines = _wrap(title, _TITLE_WRAP)
        body = [wrapped for line in lines for wrapped in _wrap(line, _BODY_WRAP)]
        usable = _PAGE_HEIGHT - 2 * _MARGIN - _TITLE_SIZE - _FOOTER_Y
        per_page = max(1, (usable - len(title_lines) * _TITLE_LEADING) // _BODY_LEADING - 1)
        chunks = [body[i : i + per_page] for i in range(0, len(body), per_page)] or [[]]

        # Fixed numbers: 1 catalog, 2 page tree, 3-4 fonts, 5 info; then a page and its content
        # stream for each page. The padding object, if any, takes the next number.
        first_page = 6
        kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(chunks)))
        info = [b"/Title " + _info_string(title), b"/Producer (casco-async sandbox)"]
        if author is not None:
            info.append(b"/Author " + _info_string(author))
        info += [b"/CreationDate " + _pdf_date(created), b"/ModDate " + _pdf_date(created)]
        dicts = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(chunks)),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold"
            b" /Encoding /WinAnsiEncoding >>",
            b"<< " + b" ".join(info) + b" >>",
        ]
        objects = [b"%d 0 obj\n%s\nendobj\n" % (n, d) for n, d in enumerate(dicts, start=1)]
        for i, chunk in enumerate(chunks):
            page_number = first_page + 2 * i
            objects.append(
                b"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d]"
                b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>\nendobj\n"
                % (page_number, _PAGE_WIDTH, _PAGE_HEIGHT, page_number + 1)
            )
            content = _content_stream(title_lines, chunk, i + 1, len(chunks))
            objects.append(_stream_object(page_number + 1, content))
        return objects

    @staticmethod
    def _layout(objects: list[bytes], pad_to: int) -> tuple[bytes, int, bytes]:
        """Split the file into (bytes before padding, padding length, bytes after padding).

        The size of everything around the padding depends on the padding length only through the
        digits of ``/Length`` and of ``startxref``, so the exact length is found by stepping down
        from an estimate. Any remainder (a few bytes where those digit counts change, or a target
        too small to hold the padding object's own syntax) is absorbed as spaces inside the
        trailer dictionary: that lies after the ``xref`` keyword, so it moves no offset.
        """
        # '%' plus four bytes >= 128 on line 2 tells transfer tools the file is binary.
        header = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        body = header + b"".join(objects)
        offsets = []
        position = len(header)
        for obj in objects:
            offsets.append(position)
            position += len(obj)
        # /ID is required by nothing in PDF 1.4 without encryption, but readers like it; derived
        # from the visible content so it is stable (padding does not change what the file shows).
        digest = hashlib.sha256(body).hexdigest()[:32].upper()
        file_id = digest.encode("ascii")

        def assemble(pad_length: int | None, gap: int) -> tuple[bytes, bytes]:
            entries = [*offsets]
            head = body
            tail_prefix = b""
            if pad_length is not None:
                number = len(objects) + 1
                entries.append(len(body))
                # The payload is referenced by no other object: readers ignore it, and no reader
                # has to parse hundreds of megabytes of it to show the pages.
                head = body + b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, pad_length)
                tail_prefix = b"\nendstream\nendobj\n"
            xref_offset = len(head) + (pad_length or 0) + len(tail_prefix)
            xref = [b"xref\n0 %d\n" % (len(entries) + 1), b"0000000000 65535 f \n"]
            xref += [b"%010d 00000 n \n" % offset for offset in entries]
            trailer = b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<%s> <%s>]%s >>\n" % (
                len(entries) + 1,
                file_id,
                file_id,
                b" " * gap,
            )
            tail = (
                tail_prefix + b"".join(xref) + trailer + b"startxref\n%d\n%%%%EOF\n" % xref_offset
            )
            return head, tail

        def total(pad_length: int | None) -> int:
            head, tail = assemble(pad_length, 0)
            return len(head) + (pad_length or 0) + len(tail)

        plain = total(None)
        if pad_to <= plain:
            head, tail = assemble(None, 0)
            return head, 0, tail
        smallest_padded = total(0)
        if pad_to < smallest_padded:
            head, tail = assemble(None, pad_to - plain)
            return head, 0, tail
        pad_length = pad_to - smallest_padded
        while total(pad_length) > pad_to:
            pad_length -= 1
        head, tail = assemble(pad_length, pad_to - total(pad_length))
        return head, pad_length, tail

    def _padding(self) -> Iterator[bytes]:
        """The padding payload, in blocks of at most 64 KiB.

        ``random.Random.randbytes`` produces ~250 MB/s, enough for 100 MB in well under a second,
        and unlike a repeated block the result does not compress, so it really costs its size.
        """
        rng = random.Random(self._seed)
        remaining = self._pad_length
        while remaining > 0:
            block = rng.randbytes(_PAD_BLOCK)
            yield block[:remaining] if remaining < _PAD_BLOCK else block
            remaining -= _PAD_BLOCK

    def iter_bytes(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[bytes]:
        """Yield the file in chunks of exactly ``chunk_size`` bytes (the last may be shorter).

        Memory use is bounded by about ``chunk_size`` plus one 64 KiB padding block, whatever
        the document size.
        """
        return rechunk(self._parts(), chunk_size)

    def _parts(self) -> Iterator[bytes]:
        """The file as (head, padding blocks..., tail), unchunked."""
        yield self._head
        yield from self._padding()
        yield self._tail

    def render(self) -> bytes:
        """The whole file as one ``bytes`` object (for small documents)."""
        return b"".join(self._parts())


def iter_pdf(
    title: str,
    lines: Iterable[str] = (),
    *,
    author: str | None = None,
    created: datetime | None = None,
    pad_to: int | None = None,
    seed: int = 0,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[bytes]:
    """Stream a PDF in chunks of at most ``chunk_size`` bytes; see :class:`PdfDocument`.

    Use ``PdfDocument(...).size`` when the total size is needed before streaming.
    """
    document = PdfDocument(title, lines, author=author, created=created, pad_to=pad_to, seed=seed)
    return document.iter_bytes(chunk_size)


def render_pdf(
    title: str,
    lines: Iterable[str] = (),
    *,
    author: str | None = None,
    created: datetime | None = None,
    pad_to: int | None = None,
    seed: int = 0,
) -> bytes:
    """Build a whole PDF in memory (see :class:`PdfDocument`); prefer :func:`iter_pdf` if big."""
    document = PdfDocument(title, lines, author=author, created=created, pad_to=pad_to, seed=seed)
    return document.render()
