"""Documents on disk: where a saved file goes, and how it gets there atomically.

Decoded bytes are checked (`PdfCheck`), hashed and written to a temporary file beside the target
(`TempFile`), moved into place only once the whole answer is known to be good (`write_answer`,
`publish`). Any failure — truncated body, bad base64, dropped connection, error envelope, full
or read-only disk, cancellation — removes the temporary files: no partial document is ever left
behind, and a file-system error is a `DocumentError` with the path. An existing file is never
replaced unless the caller asked (`overwrite`); names the server chose are made safe and
visible (`safe_filename`) and, when taken, get a ``-2`` suffix.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterator
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
    "check_free",
    "policy_filename",
    "publish",
    "related_filename",
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
        related: Other files of the same answer, saved beside `path` and named after it
            (`save_offer` and `save_policy`; the `*_files` methods list them all instead).
    """

    path: Path
    name: str
    type: str
    size: int
    sha256: str
    related: tuple[DocumentInfo, ...] = ()


# Removed from server names: control and format characters (bidi overrides such as U+202E,
# which make "fdp.exe" display as "exe.pdf"; zero-width characters; the BOM), surrogates,
# private-use and unassigned code points, line and paragraph separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
# Windows opens the device, not a file, for these stems whatever the extension ("nul.pdf").
_WINDOWS_DEVICE = re.compile(r"(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)")
# Bytes of a saved name: most file systems take 255; room is left for a "-NNN" suffix.
_MAX_NAME_BYTES = 200
_PDF = ".pdf"
# How many "-2", "-3", … names are tried before giving up on a free one.
_MAX_CANDIDATES = 1000


def _clean_filename(name: object) -> str:
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFC", name)
    text = text.replace("\\", "/").split("/")[-1]  # no directories, either separator
    text = "".join(
        " " if unicodedata.category(char) == "Zs" else char
        for char in text
        if unicodedata.category(char) not in _INVISIBLE
    )
    text = re.sub(" {2,}", " ", _WINDOWS_FORBIDDEN.sub("_", text))
    # No leading dot (a hidden file), no trailing dot or space (Windows drops them).
    text = text.strip(" .")
    extension = text[-len(_PDF) :] if text.lower().endswith(_PDF) else _PDF
    stem = text[: -len(_PDF)] if text.lower().endswith(_PDF) else text
    stem = stem.rstrip(" .")
    if not stem:
        return ""
    if _WINDOWS_DEVICE.fullmatch(stem.split(".")[0].rstrip(" ").lower()):
        stem = f"_{stem}"
    room = _MAX_NAME_BYTES - len(extension)
    if len(stem.encode()) > room:
        stem = stem.encode()[:room].decode(errors="ignore").rstrip(" .")
    return stem + extension


def safe_filename(name: object, fallback: str) -> str:
    """A visible, portable PDF file name that stays inside its directory whatever was sent.

    Only the last path component is kept; invisible characters (controls, bidi overrides,
    zero-width) are removed and characters Windows forbids replaced by ``_``; no leading or
    trailing dot or space; a Windows device name (``CON``, ``NUL``, ``COM1``…) gets a ``_``
    prefix; it ends in ``.pdf`` (added if missing) and takes at most 200 UTF-8 bytes. The
    fallback is cleaned the same way: it may be built from server data too.
    """
    return _clean_filename(name) or _clean_filename(fallback) or "document.pdf"


def policy_filename(series: str, number: int) -> str:
    """The default file name of a policy's document."""
    return safe_filename(f"policy-{series.replace('/', '-')}-{number}.pdf", "policy.pdf")


def related_filename(first: str, name: str) -> str:
    """The name of a further file of an answer, saved beside its first one (`first`).

    Named after the first file, so that the conditions PDF of one policy never takes the place
    of another's (the API names it after the insurer only): ``policy-X-7.pdf`` and
    ``policy-X-7-conditions-allianz-casco.pdf``.
    """
    stem = first[: -len(_PDF)] if first.lower().endswith(_PDF) else first
    if name.lower().startswith(f"{stem.lower()}-"):
        return name
    return safe_filename(f"{stem}-{name}", name)


def _candidates(name: str) -> Iterator[str]:
    """`name`, then ``name-2.pdf``, ``name-3.pdf``, … (a bounded number of them)."""
    yield name
    stem, extension = name[: -len(_PDF)], name[-len(_PDF) :]
    for number in range(2, _MAX_CANDIDATES + 1):
        suffix = f"-{number}"
        room = _MAX_NAME_BYTES - len(extension) - len(suffix)
        yield f"{stem.encode()[:room].decode(errors='ignore')}{suffix}{extension}"


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
        # Runs while another error propagates: closing flushes what is buffered, which fails
        # again on a full disk; the file must go all the same.
        with contextlib.suppress(OSError):
            if not self.handle.closed:
                self.handle.close()
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


def _disk_error(exc: OSError, what: str, path: Path) -> DocumentError:
    # The path and the system's reason, never document content.
    reason = exc.strerror or type(exc).__name__
    return DocumentError(f"cannot {what} {path}: {reason}", path=path, errno=exc.errno)


async def write_answer(
    answer: Answer,
    directory: Path,
    first_path: Path | None,
    progress: ProgressCallback | None,
    *,
    overwrite: bool = False,
) -> list[DocumentInfo]:
    """Write every file of `answer` into `directory` (the first one to `first_path`, if given).

    Each file goes to a temporary file beside its destination; only once the whole answer is
    known to be good are they moved into place. Any failure removes them all; a file-system
    error is a `DocumentError` naming the path. Without `overwrite` no existing file is
    replaced: `first_path` taken is an error, a server-chosen name taken gets a ``-2``
    suffix (see `publish`).
    """
    temps: list[TempFile] = []
    written = 0
    try:
        current: TempFile | None = None
        while (event := await answer.next_event()) is not None:
            try:
                if isinstance(event, FileStarted):
                    current = await anyio.to_thread.run_sync(TempFile, directory, event.index)
                    temps.append(current)
                elif isinstance(event, FileData):
                    assert current is not None
                    await current.write(event.data)
                elif isinstance(event, FileEnded):
                    assert current is not None
                    await current.finish()
            except OSError as exc:
                raise _disk_error(exc, "write a document in", directory) from exc
            if isinstance(event, FileData):
                written += len(event.data)
                if progress is not None:
                    progress(written)
        # The whole answer is good: only now do documents appear under their names.
        return publish(answer, temps, directory, first_path, overwrite=overwrite)
    except BaseException:
        for temp in temps:
            temp.discard()
        raise


def _place(source: Path, final: Path, *, overwrite: bool) -> bool:
    """Move `source` to `final`; False, and nothing moved, if `final` exists (no overwrite)."""
    if overwrite:
        os.replace(source, final)
        return True
    try:
        # A hard link fails atomically if the name is taken, where a rename would replace it.
        os.link(source, final)
    except FileExistsError:
        return False
    except OSError:
        # No hard links on this file system (FAT, some network shares): claim the name with
        # O_EXCL, then move the document onto the claim.
        try:
            fd = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            return False
        os.close(fd)
        try:
            os.replace(source, final)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(final)  # the claim is ours, and empty
            raise
        return True
    os.unlink(source)
    return True


def _exists(path: Path) -> DocumentError:
    return DocumentError(
        f"{path} already exists; choose another path, or pass overwrite=True to replace it",
        path=path,
    )


def check_free(path: Path) -> None:
    """`DocumentError` if `path` exists: a file the user named is replaced only on request."""
    if os.path.lexists(path):
        raise _exists(path)


def publish(
    answer: Answer,
    temps: list[TempFile],
    directory: Path,
    first_path: Path | None,
    *,
    overwrite: bool,
) -> list[DocumentInfo]:
    """Move the finished temporary files to their names; all of them, or none.

    The first file goes to `first_path` when given, else under its server name; the others
    beside it, named after it (`related_filename`). A server-chosen name that is taken —
    by an existing file, without `overwrite`, or by another file of the answer — becomes
    ``name-2.pdf``, ``name-3.pdf``…
    """
    taken: set[str] = set()
    infos: list[DocumentInfo] = []
    final = directory
    try:
        for position, temp in enumerate(temps):
            kind, server_name = answer.final_meta(temp.index)
            if position == 0 and first_path is not None:
                final = first_path
                if not _place(temp.path, final, overwrite=overwrite):
                    raise _exists(final)
            else:
                name = safe_filename(server_name, f"{kind.lower()}-{temp.index + 1}.pdf")
                if infos:
                    name = related_filename(infos[0].path.name, name)
                for candidate in _candidates(name):
                    final = directory / candidate
                    if candidate.lower() not in taken and _place(
                        temp.path, final, overwrite=overwrite
                    ):
                        break
                else:
                    raise DocumentError(
                        f"no free name for {name} in {directory}: {_MAX_CANDIDATES} are taken",
                        path=directory / name,
                    )
            taken.add(final.name.lower())
            infos.append(
                DocumentInfo(
                    path=final,
                    name=server_name,
                    type=kind,
                    size=temp.check.size,
                    sha256=temp.sha256.hexdigest(),
                )
            )
    except BaseException as exc:
        # All or nothing: take back the documents already published.
        for info in infos:
            with contextlib.suppress(OSError):
                info.path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _disk_error(exc, "save the document as", final) from exc
        raise
    return infos
