"""Bulk results: the JSON Lines format, an append-only writer, and resuming.

One line per input ref, written whole and at once as it arrives::

    {"ref": "A-1", "status": "ok", "offers": [{"insurer": "generali", "offerId": 7, …}, …]}
    {"ref": "A-2", "status": "error",
     "error": {"type": "ValidationError", "message": "…", "status": 400, "field_errors": {…}}}

Each line is a single ``os.write`` on a file descriptor opened with ``O_APPEND``: the kernel puts
the whole line at the end of the file, so a process killed at any moment leaves complete lines
and at worst one incomplete last line. ``--resume`` reads the refs already present (refusing a
file whose lines are not result lines), drops an incomplete last line (its ref is quoted again)
and appends the rest. The one rewrite: with transient-error retry on (the default), the lines
holding a transient error are removed first — the file is written anew beside OUT and renamed
over it — so each ref still has exactly one line once it is quoted again. While a run writes,
the file is locked (``flock``) against a second run on the same file.

CSV results (one `_formats.csv_row` per line, after a header) follow the same rules; XLSX
results are written from a JSON Lines journal (``OUT.jsonl``) when the run ends.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casco_async._bulk import QuoteOutcome
from casco_async._errors import CascoError

from ._errors import EXIT_FAILED, CliError
from ._formats import (
    ROW_COLUMNS,
    OutFormat,
    csv_header,
    csv_row,
    is_transient,
    uncell,
    write_xlsx,
)
from ._inputs import InputProblem

if TYPE_CHECKING:
    from casco_async_generated.models import Offer

try:  # POSIX only: elsewhere two runs on one file are simply not prevented
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "ResultsFile",
    "describe_error",
    "encode_line",
    "error_record",
    "offer_record",
    "result_record",
]


def offer_record(insurer: str, offer: Offer) -> dict[str, Any]:
    """An offer as written in results: the API's fields (``to_dict``) plus its insurer."""
    return {"insurer": insurer, **offer.to_dict()}


def error_record(error: CascoError | InputProblem) -> dict[str, Any]:
    """An error as written in results: type, message, HTTP status, field errors."""
    if isinstance(error, InputProblem):
        return {
            "type": error.type,
            "message": error.message,
            "status": None,
            "field_errors": dict(error.field_errors),
        }
    return {
        "type": type(error).__name__,
        "message": error.message,
        "status": error.status_code,
        "field_errors": dict(error.field_errors),
    }


def _premium(item: tuple[str, Offer]) -> float:
    value = item[1].premium_amount
    return float(value) if isinstance(value, int | float) else math.inf


def result_record(
    ref: str, answers: Sequence[tuple[str, QuoteOutcome]], *, by_insurer: bool
) -> dict[str, Any]:
    """The result line of one ref from its insurers' outcomes.

    Single insurer (`by_insurer` false): ``ok`` with that quote's offers, or ``error`` with its
    error. By insurer (``--insurers``): ``ok`` when at least one insurer made an offer, with every
    offer cheapest first and ``errors`` by insurer; otherwise ``error`` with the insurers' common
    error if they all failed alike, else ``NoOffer``.
    """
    offers = sorted(
        ((insurer, offer) for insurer, outcome in answers for offer in outcome.offers or []),
        key=_premium,
    )
    errors = {insurer: out.error for insurer, out in answers if out.error is not None}
    ok = bool(offers) if by_insurer else not errors
    record: dict[str, Any] = {"ref": ref, "status": "ok" if ok else "error"}
    if ok:
        record["offers"] = [offer_record(insurer, offer) for insurer, offer in offers]
    else:
        records = [error_record(error) for error in errors.values()]
        if records and all(item == records[0] for item in records):
            record["error"] = records[0]
        else:
            record["error"] = {
                "type": "NoOffer",
                "message": "no insurer made an offer",
                "status": None,
                "field_errors": {},
            }
    if by_insurer:
        record["errors"] = {insurer: error_record(error) for insurer, error in errors.items()}
    return record


def describe_error(record: Mapping[str, Any]) -> str:
    """``Type: message: first.field: its message`` of an error record, for summaries."""
    message = str(record.get("message"))
    text = f"{record.get('type')}: {message}"
    fields = record.get("field_errors") or {}
    if fields:
        path, messages = next(iter(fields.items()))
        more = f" (+{len(fields) - 1} more)" if len(fields) > 1 else ""
        detail = " ".join(messages)
        # An insurer's refusal repeats its message under the field: name the field only.
        text += f" ({path}){more}" if detail == message else f": {path}: {detail}{more}"
    return text


def encode_line(record: Mapping[str, Any]) -> bytes:
    """One JSON line, UTF-8, ending in a newline."""
    try:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (from \\udXXX in a JSON input ref) cannot be UTF-8: escape it instead.
        return (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii")


class ResultsFile:
    """The OUT file of a bulk run, opened for appending.

    JSON Lines and CSV are appended line by line; XLSX cannot be appended, so its lines go to a
    JSON Lines journal beside it (``OUT.jsonl``, e.g. ``results.xlsx.jsonl``: the full results,
    kept) and the workbook is written from the journal when the run ends.

    Attributes:
        path: The file.
        done: Refs already in the file (when resuming).
        discarded: The incomplete last line that was removed on resume (b"" if none).
        retried: Refs whose line held a transient error, removed on resume to quote them again.
    """

    def __init__(
        self,
        path: Path,
        fd: int,
        done: set[str],
        discarded: bytes,
        *,
        created: bool,
        fmt: OutFormat = "jsonl",
        journal: Path | None = None,
        retried: Sequence[str] = (),
    ) -> None:
        self.path = path
        self._fd = fd
        self.done = done
        self.discarded = discarded
        self.retried = list(retried)
        self.written = 0
        self.format = fmt
        self.journal = journal
        self._created = created

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        resume: bool,
        fmt: OutFormat = "jsonl",
        retry_transient: bool = True,
    ) -> ResultsFile:
        """Open OUT: refuse a non-empty one unless `resume`, lock it, read what is done.

        With `resume` and `retry_transient`, lines holding a transient error (a 5xx, a timeout,
        a lost connection, a 429 — also an insurer's inside an ok line) are removed, so their
        refs are quoted again; every other ref keeps its line.

        Raises:
            CliError: OUT exists without ``--resume``, is in use, is not a results file of this
                format, or cannot be opened.
        """
        if path.is_dir():
            raise CliError(f"OUT {path} is a directory", "give a file path for the results")
        journal = path.with_name(path.name + ".jsonl") if fmt == "xlsx" else None
        target = journal if journal is not None else path
        size = _size(path)
        created = size is None
        if journal is not None:
            journal_size = _size(journal)
            if resume and size and not journal_size:
                raise CliError(
                    f"cannot resume {path}: its journal {journal} is missing or empty",
                    "restore the journal, or start a new OUT",
                )
            size = max(size or 0, journal_size or 0)
            created = journal_size is None
        if size and not resume:
            # Checked before opening for writing: without --resume OUT is never touched.
            raise CliError(
                f"OUT {path} exists", "pass --resume to continue it or choose another file"
            )
        fd = _open_append(target)
        try:
            _lock(fd, target)
            done: set[str] = set()
            discarded = b""
            retried: list[str] = []
            if resume:
                kind: OutFormat = "csv" if fmt == "csv" else "jsonl"
                done, discarded, retried, fd = _scan(fd, target, kind, retry_transient)
            if fmt == "csv" and os.fstat(fd).st_size == 0:
                _write_all(fd, csv_header(), target)
        except BaseException:
            os.close(fd)
            raise
        return cls(
            path, fd, done, discarded, created=created, fmt=fmt, journal=journal, retried=retried
        )

    def write(self, record: Mapping[str, Any]) -> None:
        """Append one result line (one write: a kill never leaves half of it but at the end)."""
        data = csv_row(record) if self.format == "csv" else encode_line(record)
        _write_all(self._fd, data, self.journal or self.path)
        self.written += 1

    def close(self, *, discard_if_empty: bool = False) -> None:
        """Flush to disk and close (the lock goes with the descriptor); XLSX: write the workbook.

        With `discard_if_empty`, a file this run created and never wrote to is removed: a run
        stopped before its first result (e.g. by refused credentials) leaves no empty OUT.

        Raises:
            CliError: the workbook cannot be written (the journal keeps every result).
        """
        # A file system without fsync still has the data: every line was written already.
        with contextlib.suppress(OSError):
            os.fsync(self._fd)
        target = self.journal or self.path
        try:
            if discard_if_empty and self._created and self.written == 0:
                with contextlib.suppress(OSError):
                    target.unlink()
                return
            if self.journal is not None:
                write_xlsx(self.path, _journal_records(self._fd))
        finally:
            os.close(self._fd)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CliError(f"cannot open {path}: {error.strerror}", "check the OUT path") from None


def _open_append(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as error:
        raise CliError(
            f"cannot open {path}: {error.strerror}",
            "check that its directory exists and is writable",
        ) from None


def _write_all(fd: int, data: bytes, path: Path) -> None:
    try:
        while data:
            written = os.write(fd, data)
            data = data[written:]
    except OSError as error:
        raise CliError(
            f"cannot write results to {path}: {error.strerror}",
            "free space or fix the file, then run again with --resume",
            EXIT_FAILED,
        ) from None


def _journal_records(fd: int) -> Iterator[dict[str, Any]]:
    with os.fdopen(os.dup(fd), "rb") as handle:
        handle.seek(0)
        for line in handle:
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                if isinstance(record, dict):
                    yield record


def _lock(fd: int, path: Path) -> None:
    if fcntl is None:  # pragma: no cover - Windows
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise CliError(
            f"{path} is being written by another casco-async run",
            "wait for it to finish or choose another OUT",
        ) from None
    except OSError:
        pass  # a file system without locks (some network mounts): carry on unprotected


def _jsonl_line(line: bytes) -> tuple[str, bool] | None:
    """(ref, transient) of a results line, or None if it is not one."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("ref"), str):
        return None
    status = record.get("status")
    if status == "ok" and isinstance(record.get("offers"), list):
        return record["ref"], is_transient(record)
    if status == "error" and isinstance(record.get("error"), dict):
        return record["ref"], is_transient(record)
    return None


def _csv_line(line: bytes) -> tuple[str, bool] | None:
    try:
        cells = next(csv.reader([line.decode("utf-8")]))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if len(cells) != len(ROW_COLUMNS) or cells[1] not in ("ok", "error"):
        return None
    return uncell(cells[0]), cells[ROW_COLUMNS.index("transient")] == "yes"


def _scan(
    fd: int, path: Path, fmt: OutFormat, retry_transient: bool
) -> tuple[set[str], bytes, list[str], int]:
    """Read OUT for ``--resume``: the refs done, the incomplete tail cut off, transient lines.

    Returns the descriptor to go on with: a new one when transient lines were removed (the
    file is rewritten beside and renamed over OUT, locked before the rename).

    Raises:
        CliError: a line is not a result line of `fmt` (not a results file, or damaged).
    """
    done: set[str] = set()
    retried: list[str] = []
    kept: list[bytes] = []
    offset = 0
    tail = b""
    parse = _csv_line if fmt == "csv" else _jsonl_line
    with os.fdopen(os.dup(fd), "rb") as handle:
        handle.seek(0)
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                # The tail of a run killed mid-write: drop it, its ref will be quoted again.
                tail = line
                break
            offset += len(line)
            if fmt == "csv" and number == 1:
                if line != csv_header():
                    raise CliError(
                        f"{path} is not a quote-bulk CSV results file (its header differs)",
                        "give --resume the OUT of an earlier run, or choose another OUT",
                    )
                kept.append(line)
                continue
            parsed = parse(line)
            if parsed is None:
                raise CliError(
                    f"line {number} of {path} is not a quote-bulk result line",
                    "give --resume the OUT of an earlier run (or repair that line)",
                )
            ref, transient = parsed
            if transient and retry_transient:
                retried.append(ref)
                continue
            done.add(ref)
            kept.append(line)
    if tail:
        os.truncate(fd, offset)
    if not retried:
        return done, tail, retried, fd
    fresh = path.with_name(f".{path.name}.resume")
    new_fd = _open_append(fresh)
    try:
        os.truncate(new_fd, 0)
        _lock(new_fd, fresh)
        _write_all(new_fd, b"".join(kept), fresh)
        os.fsync(new_fd)
        os.replace(fresh, path)
    except BaseException:
        os.close(new_fd)
        fresh.unlink(missing_ok=True)
        raise
    os.close(fd)
    return done, tail, retried, new_fd
