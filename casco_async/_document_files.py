"""Documents on disk: where a saved file goes, and how it gets there atomically.

Decoded bytes are checked (`PdfCheck`), hashed and written to a temporary file beside the target
(`TempFile`), renamed into place only once the whole answer is known to be good (`write_answer`).
Any failure — truncated body, bad base64, dropped connection, error envelope, cancellation —
removes the temporary files: no partial document is ever left behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import anyio
import attrs

from ._document_stream import Answer, PdfCheck
from ._envelope_decoder import FileData, FileEnded, FileStarted
from ._errors import DocumentError

__all__ = [
    "DocumentInfo",
    "ProgressCallback",
    "TempFile",
    "policy_filename",
    "safe_filename",
    "write_answer",
]

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
