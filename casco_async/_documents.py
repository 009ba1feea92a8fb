"""Offer and policy PDFs: streamed, decoded on the fly, written atomically.

The API sends documents as base64 inside its JSON envelope (`data.files[]`). Reading that whole
(133 MB of JSON for a 100 MB PDF), then `json` and `base64` copies, costs several times the
document's size. Here the answer is opened as a stream (`Pipeline.open`) and its body goes chunk
by chunk through `EnvelopeDecoder`, which hands out decoded PDF bytes; they are checked (`%PDF-`
header, `%%EOF` trailer), hashed and written to a temporary file beside the target, renamed into
place only once the whole answer is known to be good. Any failure — truncated body, bad base64,
dropped connection, error envelope, cancellation — removes the temporary files: no partial
document is ever left behind. A download that fails in a transient way is retried from scratch
by the retry rule.

A server that answers `application/pdf` bytes directly is accepted too.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any, BinaryIO

import anyio
import attrs

from . import _operations as ops
from ._envelope import check_envelope
from ._envelope_decoder import (
    DecodeError,
    EnvelopeDecoder,
    Event,
    FileData,
    FileEnded,
    FileStarted,
    TruncatedError,
)
from ._errors import APIConnectionError, DocumentError, ResponseValidationError
from ._pipeline import Pipeline, ResponseStream

__all__ = ["DocumentInfo", "DocumentStream", "Documents", "StreamedDocument", "safe_filename"]

ProgressCallback = Callable[[int], object]
"""Called with the number of decoded document bytes received so far."""

# Decoded bytes gathered before one write to disk (in a worker thread, off the event loop).
_WRITE_BATCH = 1 << 20
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newlines


@attrs.frozen
class DocumentInfo:
    """A document saved to disk.

    Attributes:
        path: Where it was written.
        name: The name the server gave it (before making it safe for the file system).
        type: The server's document type (`Offer`, `Policy`, …).
        size: Bytes written.
        sha256: Hex SHA-256 of the bytes written.
        related: Other files of the same answer, saved beside `path` (file-path mode only).
    """

    path: Path
    name: str
    type: str
    size: int
    sha256: str
    related: tuple[DocumentInfo, ...] = ()


def _clean_filename(name: object) -> str:
    text = unicodedata.normalize("NFC", name) if isinstance(name, str) else ""
    text = text.replace("\\", "/").split("/")[-1]  # no directories, either separator
    text = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "_", text).strip().strip(".")
    if len(text.encode()) > 200:
        _stem, dot, suffix = text.rpartition(".")
        keep = suffix if dot and len(suffix) <= 10 else ""
        text = text.encode()[:190].decode(errors="ignore") + (f".{keep}" if keep else "")
    return text


def safe_filename(name: object, fallback: str) -> str:
    """A file name that stays inside its directory whatever the server sent.

    The fallback is cleaned the same way: it may be built from server data too.
    """
    return _clean_filename(name) or _clean_filename(fallback) or "document.pdf"


def policy_filename(series: str, number: int) -> str:
    """The default file name of a policy's document."""
    return safe_filename(f"policy-{series.replace('/', '-')}-{number}.pdf", "policy.pdf")


class TempFile:
    """A temporary file beside its destination, hashed and checked as it is written."""

    def __init__(self, directory: Path, index: int) -> None:
        # Not mkstemp: its 0600 would make saved documents unlike every other file the user
        # creates. Mode 0666 filtered by the umask, and O_EXCL on a random name, as mkstemp does.
        while True:
            path = directory / f".casco-{secrets.token_hex(8)}.part"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
                break
            except FileExistsError:
                continue
        self.path = path
        self.index = index
        self.handle: BinaryIO = os.fdopen(fd, "wb")
        self.sha256 = hashlib.sha256()
        self.check = PdfCheck()
        self._batch: list[bytes] = []
        self._batched = 0

    async def write(self, data: bytes) -> None:
        self.check.update(data)
        self._batch.append(data)
        self._batched += len(data)
        if self._batched >= _WRITE_BATCH:
            await self.flush()

    def _write_sync(self, data: bytes) -> None:
        self.sha256.update(data)
        self.handle.write(data)

    async def flush(self) -> None:
        if self._batch:
            data = b"".join(self._batch)
            self._batch.clear()
            self._batched = 0
            await anyio.to_thread.run_sync(self._write_sync, data)

    async def finish(self) -> None:
        self.check.finish()
        await self.flush()
        await anyio.to_thread.run_sync(self._close_sync)

    def _close_sync(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.path.unlink(missing_ok=True)


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    stem, dot, suffix = name.rpartition(".")
    while candidate.lower() in taken:
        candidate = f"{stem}-{number}.{suffix}" if dot else f"{name}-{number}"
        number += 1
    taken.add(candidate.lower())
    return candidate


async def write_answer(
    answer: Answer,
    directory: Path,
    first_path: Path | None,
    progress: ProgressCallback | None,
) -> list[DocumentInfo]:
    """Write every file of `answer` into `directory` (the first one to `first_path`, if given).

    Each file goes to a temporary file beside its destination; only once the whole answer is
    known to be good are they renamed into place. Any failure removes them all.
    """
    temps: list[TempFile] = []
    written = 0
    try:
        current: TempFile | None = None
        while (event := await answer.next_event()) is not None:
            if isinstance(event, FileStarted):
                current = await anyio.to_thread.run_sync(TempFile, directory, event.index)
                temps.append(current)
            elif isinstance(event, FileData):
                assert current is not None
                await current.write(event.data)
                written += len(event.data)
                if progress is not None:
                    progress(written)
            elif isinstance(event, FileEnded):
                assert current is not None
                await current.finish()
        # The whole answer is good: only now do documents appear under their names.
        return _publish(answer, temps, directory, first_path)
    except BaseException:
        for temp in temps:
            temp.discard()
        raise


def _publish(
    answer: Answer, temps: list[TempFile], directory: Path, first_path: Path | None
) -> list[DocumentInfo]:
    taken: set[str] = {first_path.name.lower()} if first_path is not None else set()
    infos: list[DocumentInfo] = []
    try:
        for position, temp in enumerate(temps):
            kind, server_name = answer.final_meta(temp.index)
            if position == 0 and first_path is not None:
                final = first_path
            else:
                fallback = f"{kind.lower()}-{temp.index + 1}.pdf"
                final = directory / _unique(safe_filename(server_name, fallback), taken)
            os.replace(temp.path, final)
            infos.append(
                DocumentInfo(
                    path=final,
                    name=server_name,
                    type=kind,
                    size=temp.check.size,
                    sha256=temp.sha256.hexdigest(),
                )
            )
    except OSError as exc:
        # All or nothing: take back the documents already published.
        for info in infos:
            info.path.unlink(missing_ok=True)
        raise DocumentError(f"cannot save the document: {exc.strerror or exc}") from None
    return infos


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

    def __init__(self, stream: ResponseStream, default_type: str, default_name: str) -> None:
        self._stream = stream
        self._operation = stream.operation
        self._default_type = default_type
        self._default_name = default_name
        content_type = stream.headers.get("content-type", "").split(";")[0].strip().lower()
        self.raw = content_type in _RAW_PDF_TYPES
        self._decoder = EnvelopeDecoder()
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


class Documents:
    """Offer and policy PDFs: `save_*` to disk, or `stream_*` their decoded bytes."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def __repr__(self) -> str:
        return f"<Documents of {self._pipeline!r}>"

    async def save_offer(
        self,
        offer_id: int,
        target: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> DocumentInfo | list[DocumentInfo]:
        """Save an offer's PDF (`GET /offer/{id}`).

        `target` is a file path (returns its `DocumentInfo`; any further files of the answer
        are saved beside it and listed in `.related`) or a directory — an existing one, or a
        path ending in a separator — which receives every file under its server name (returns
        a list of `DocumentInfo`).
        """
        return await self._save(
            ops.DOWNLOAD_OFFER,
            {"id": offer_id},
            target,
            progress,
            default_type="Offer",
            default_name=f"offer-{offer_id}.pdf",
        )

    async def save_policy(
        self,
        series: str,
        number: int,
        target: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> DocumentInfo | list[DocumentInfo]:
        """Save a policy's PDFs (`GET /policy?series=&number=`); `target` as for `save_offer`."""
        return await self._save(
            ops.DOWNLOAD_POLICY,
            {"series": series, "number": number},
            target,
            progress,
            default_type="Policy",
            default_name=policy_filename(series, number),
        )

    def stream_offer(self, offer_id: int) -> AbstractAsyncContextManager[DocumentStream]:
        """An offer's files as a stream of decoded bytes::

            async with casco.documents.stream_offer(offer_id) as files:
                async for doc in files:          # doc.type, doc.name
                    async for chunk in doc:      # decoded PDF bytes
                        ...

        Opening is retried like any idempotent call; once bytes have reached the caller, a
        failure is raised instead (they cannot be taken back). Each document is checked as a
        PDF (header, then trailer at its end: `DocumentError`).
        """
        return self._stream(ops.DOWNLOAD_OFFER, {"id": offer_id}, "Offer", f"offer-{offer_id}.pdf")

    def stream_policy(
        self, series: str, number: int
    ) -> AbstractAsyncContextManager[DocumentStream]:
        """Like `stream_offer`, for a policy's files."""
        return self._stream(
            ops.DOWNLOAD_POLICY,
            {"series": series, "number": number},
            "Policy",
            policy_filename(series, number),
        )

    # --- internals ----------------------------------------------------------------------------

    @asynccontextmanager
    async def _stream(
        self,
        operation: ops.Operation[Any],
        arguments: dict[str, Any],
        default_type: str,
        default_name: str,
    ) -> AsyncIterator[DocumentStream]:
        pipeline = self._pipeline
        async with AsyncExitStack() as stack:
            # Retried until the answer starts; once bytes reach the caller they cannot be taken
            # back. A failed attempt closes its own answer as it leaves `pipeline.open`.
            async for attempt in pipeline.retrying(operation):
                with attempt:
                    stream = await stack.enter_async_context(
                        pipeline.open(operation, attempt=attempt.number, **arguments)
                    )
            yield DocumentStream(Answer(stream, default_type, default_name))

    async def _save(
        self,
        operation: ops.Operation[Any],
        arguments: dict[str, Any],
        target: str | os.PathLike[str],
        progress: ProgressCallback | None,
        *,
        default_type: str,
        default_name: str,
    ) -> DocumentInfo | list[DocumentInfo]:
        text = os.fspath(target)
        path = Path(text)
        to_directory = text.endswith(("/", os.sep)) or await anyio.Path(path).is_dir()
        infos = await self._save_all(
            operation,
            arguments,
            path if to_directory else path.parent,
            None if to_directory else path,
            progress,
            default_type=default_type,
            default_name=default_name,
        )
        if to_directory:
            return infos
        if not infos:
            raise ResponseValidationError("the answer holds no document", operation=operation.id)
        return attrs.evolve(infos[0], related=tuple(infos[1:]))

    async def _save_all(
        self,
        operation: ops.Operation[Any],
        arguments: dict[str, Any],
        directory: Path,
        first_path: Path | None,
        progress: ProgressCallback | None,
        *,
        default_type: str,
        default_name: str,
    ) -> list[DocumentInfo]:
        try:
            await anyio.Path(directory).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DocumentError(f"cannot create {directory}: {exc.strerror}") from None
        pipeline = self._pipeline
        # A transient failure anywhere in the download starts it again from scratch.
        async for attempt in pipeline.retrying(operation):
            with attempt:
                async with pipeline.open(operation, attempt=attempt.number, **arguments) as stream:
                    answer = Answer(stream, default_type, default_name)
                    return await write_answer(answer, directory, first_path, progress)
        raise AssertionError("unreachable: the retry loop returns or raises")
