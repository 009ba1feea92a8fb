"""A document answer as it streams: decoded files of the JSON envelope, or raw PDF bytes.

The body goes chunk by chunk through `EnvelopeDecoder`, which hands out decoded PDF bytes as
events; `Answer` turns the pipeline's `ResponseStream` into those events and checks the
envelope once the answer has ended, `DocumentStream` and `StreamedDocument` hand them to the
caller (`Documents.stream_*`), and `PdfCheck` checks each document as a PDF as its bytes pass.
A server that answers `application/pdf` bytes directly is accepted too.

Whatever the server sends, an answer costs bounded memory and disk: each document stops at
`max_document_size` decoded bytes, everything besides the documents (names, types, the rest of
the envelope) at `MAX_METADATA` bytes, an answer holds at most `MAX_FILES` files and nests at
most `MAX_DEPTH` deep; passing any of them is a `DocumentError` at once.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

from ._envelope import check_envelope
from ._envelope_decoder import (
    DecodeError,
    EnvelopeDecoder,
    Event,
    FileData,
    FileEnded,
    FileStarted,
    TooLargeError,
    TruncatedError,
)
from ._errors import APIConnectionError, DocumentError, ResponseValidationError
from ._pipeline import ResponseStream

__all__ = [
    "DEFAULT_MAX_DOCUMENT_SIZE",
    "MAX_DEPTH",
    "MAX_FILES",
    "MAX_METADATA",
    "Answer",
    "DocumentStream",
    "PdfCheck",
    "StreamedDocument",
]

DEFAULT_MAX_DOCUMENT_SIZE = 256 << 20
"""The largest document accepted by default, in decoded bytes (real ones are about 1 MB)."""
MAX_METADATA = 1 << 20
"""Body bytes of a document answer besides its documents' content: names, types, envelope."""
MAX_FILES = 16
"""Files in one document answer (the API sends one or two)."""
MAX_DEPTH = 32
"""Nesting of a document answer's JSON (the envelope needs 4 levels)."""

_RAW_PDF_TYPES = ("application/pdf", "application/octet-stream")
_TRAILER_WINDOW = 1024  # the PDF spec puts %%EOF within the last 1024 bytes


class PdfCheck:
    """Checks, as bytes arrive, that they form a complete PDF."""

    def __init__(self) -> None:
        self.size = 0
        self._head = b""
        self._tail = b""

    def update(self, data: bytes) -> None:
        """Take the next bytes; `DocumentError` as soon as they cannot start a PDF."""
        if len(self._head) < 5:
            self._head += data[: 5 - len(self._head)]
            if len(self._head) == 5 and self._head != b"%PDF-":
                raise DocumentError("the document is not a PDF (no %PDF- header)")
        self._tail = (self._tail + data[-_TRAILER_WINDOW:])[-_TRAILER_WINDOW:]
        self.size += len(data)

    def finish(self) -> None:
        """The document is complete: `DocumentError` unless it is a whole PDF."""
        if self._head != b"%PDF-":
            raise DocumentError("the document is not a PDF (no %PDF- header)")
        if b"%%EOF" not in self._tail:
            raise DocumentError("the PDF is truncated (no %%EOF trailer)")


class Answer:
    """The events of one document answer: decoded files of a JSON envelope, or raw PDF bytes."""

    def __init__(
        self,
        stream: ResponseStream,
        default_type: str,
        default_name: str,
        max_document_size: int = DEFAULT_MAX_DOCUMENT_SIZE,
    ) -> None:
        self._stream = stream
        self._operation = stream.operation
        self._default_type = default_type
        self._default_name = default_name
        self._max_document_size = max_document_size
        content_type = stream.headers.get("content-type", "").split(";")[0].strip().lower()
        self.raw = content_type in _RAW_PDF_TYPES
        self._decoder = EnvelopeDecoder(
            max_file_size=max_document_size,
            max_metadata=MAX_METADATA,
            max_files=MAX_FILES,
            max_depth=MAX_DEPTH,
        )
        self._events = self._produce().__aiter__()
        self.received = 0

    def meta(self, index: int) -> dict[str, Any]:
        """What is known so far of file `index` (type, name)."""
        if self.raw:
            return {"type": self._default_type, "name": self._raw_name()}
        try:
            return self._decoder.file_meta(index)
        except IndexError:
            return {}

    def _raw_name(self) -> str:
        disposition = self._stream.headers.get("content-disposition", "")
        match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', disposition)
        return match.group(1) if match else self._default_name

    async def next_event(self) -> Event | None:
        """The next event, or None at the end of a good answer (errors are raised)."""
        try:
            return await self._events.__anext__()
        except StopAsyncIteration:
            return None

    async def _body(self) -> AsyncIterator[bytes]:
        # Transport failures arrive typed: the pipeline's stream translates them.
        async for chunk in self._stream.chunks():
            self.received += len(chunk)
            yield chunk

    async def _produce(self) -> AsyncIterator[Event]:
        if self.raw:
            yield FileStarted(0)
            async for chunk in self._body():
                if self.received > self._max_document_size:
                    limit = self._max_document_size
                    raise self._too_large(f"the document is larger than {limit} bytes")
                yield FileData(0, chunk)
            yield FileEnded(0)
            return
        decoder = self._decoder
        try:
            async for chunk in self._body():
                for event in decoder.feed(chunk):
                    yield event
            for event in decoder.close():
                yield event
        except TooLargeError as exc:
            raise self._too_large(str(exc)) from None
        except TruncatedError:
            raise APIConnectionError(
                "the answer ended before the document was complete",
                operation=self._operation.id,
            ) from None
        except DecodeError as exc:
            raise DocumentError(
                f"the document cannot be decoded: {exc}", operation=self._operation.id
            ) from None
        envelope = decoder.envelope
        if not isinstance(envelope, dict):
            raise ResponseValidationError(
                "the answer is not a JSON envelope", operation=self._operation.id
            )
        check_envelope(self._operation, self._stream.status_code, envelope, self._stream.headers)
        files = (
            envelope.get("data", {}).get("files")
            if isinstance(envelope.get("data"), dict)
            else None
        )
        if not isinstance(files, list):
            raise ResponseValidationError(
                "the answer has no data.files list", operation=self._operation.id
            )

    def _too_large(self, what: str) -> DocumentError:
        return DocumentError(
            f"{what}: the download was stopped",
            operation=self._operation.id,
        )

    def final_meta(self, index: int) -> tuple[str, str]:
        """The type and server name of file `index`, once the answer has ended."""
        meta = self.meta(index)
        kind = meta.get("type")
        name = meta.get("name")
        return (
            kind if isinstance(kind, str) and kind else self._default_type,
            name if isinstance(name, str) and name else self._default_name,
        )


class StreamedDocument:
    """One file of a streamed answer; iterate it for its decoded PDF bytes.

    `type` and `name` are the server's, when it sent them before the content (the vendor does);
    otherwise they are None while streaming.
    """

    def __init__(self, answer: Answer, index: int) -> None:
        self._answer = answer
        self.index = index
        self._ended = False
        self._check = PdfCheck()

    def __repr__(self) -> str:
        return f"StreamedDocument(index={self.index}, type={self.type!r}, name={self.name!r})"

    @property
    def type(self) -> str | None:
        """The server's document type (`Offer`, `Policy`, …), if known yet."""
        value = self._answer.meta(self.index).get("type")
        return value if isinstance(value, str) else None

    @property
    def name(self) -> str | None:
        """The server's file name (unsafe as a path: see `safe_filename`), if known yet."""
        value = self._answer.meta(self.index).get("name")
        return value if isinstance(value, str) else None

    @property
    def size(self) -> int:
        """Decoded bytes so far."""
        return self._check.size

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._chunks()

    async def _chunks(self) -> AsyncIterator[bytes]:
        while not self._ended:
            event = await self._answer.next_event()
            if event is None:
                raise APIConnectionError("the answer ended inside a document")
            if isinstance(event, FileData):
                self._check.update(event.data)
                yield event.data
            elif isinstance(event, FileEnded):
                self._ended = True
                self._check.finish()

    async def _drain(self) -> None:
        async for _ in self:
            pass


class DocumentStream:
    """The files of one answer, in order: ``async for doc in stream``."""

    def __init__(self, answer: Answer) -> None:
        self._answer = answer
        self._current: StreamedDocument | None = None

    def __aiter__(self) -> DocumentStream:
        return self

    async def __anext__(self) -> StreamedDocument:
        if self._current is not None and not self._current._ended:
            await self._current._drain()  # the caller skipped the rest of this file
        while True:
            event = await self._answer.next_event()
            if event is None:
                raise StopAsyncIteration
            if isinstance(event, FileStarted):
                self._current = StreamedDocument(self._answer, event.index)
                return self._current
