"""Bulk results: the JSON Lines format, an append-only writer, and resuming.

One line per input ref, written whole and at once as it arrives::

    {"ref": "A-1", "status": "ok", "offers": [{"insurer": "generali", "offerId": 7, …}, …]}
    {"ref": "A-2", "status": "error",
     "error": {"type": "ValidationError", "message": "…", "status": 400, "field_errors": {…}}}

Each line is a single ``os.write`` on a file descriptor opened with ``O_APPEND``: the kernel puts
the whole line at the end of the file, so a process killed at any moment leaves complete lines
and at worst one incomplete last line. Nothing is ever rewritten; ``--resume`` reads the refs
already present, drops an incomplete last line (its ref is quoted again) and appends the rest.
While a run writes, the file is locked (``flock``) against a second run on the same file.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from casco_api_client.models import Offer

from casco_async._bulk import QuoteOutcome
from casco_async._errors import CascoError

from ._errors import EXIT_FAILED, CliError
from ._inputs import InputProblem

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

    Attributes:
        path: The file.
        done: Refs already in the file (when resuming).
        discarded: The incomplete last line that was removed on resume (b"" if none).
    """

    def __init__(
        self, path: Path, fd: int, done: set[str], discarded: bytes, *, created: bool
    ) -> None:
        self.path = path
        self._fd = fd
        self.done = done
        self.discarded = discarded
        self.written = 0
        self._created = created

    @classmethod
    def open(cls, path: Path, *, resume: bool) -> ResultsFile:
        """Open OUT: refuse a non-empty one unless `resume`, lock it, read what is done.

        Raises:
            CliError: OUT exists without ``--resume``, is in use, is damaged or cannot be opened.
        """
        if path.is_dir():
            raise CliError(f"OUT {path} is a directory", "give a file path for the results")
        try:
            size = path.stat().st_size
            created = False
        except FileNotFoundError:
            size, created = 0, True
        except OSError as error:
            raise CliError(f"cannot open {path}: {error.strerror}", "check the OUT path") from None
        if size > 0 and not resume:
            # Checked before opening for writing: without --resume OUT is never touched.
            raise CliError(
                f"OUT {path} exists", "pass --resume to continue it or choose another file"
            )
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as error:
            raise CliError(
                f"cannot open {path}: {error.strerror}",
                "check that its directory exists and is writable",
            ) from None
        try:
            _lock(fd, path)
            done, discarded = _scan(fd, path) if resume else (set(), b"")
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, done, discarded, created=created)

    def write(self, record: Mapping[str, Any]) -> None:
        """Append one result line (one write: a kill never leaves half of it but at the end)."""
        data = encode_line(record)
        try:
            while data:
                written = os.write(self._fd, data)
                data = data[written:]
            self.written += 1
        except OSError as error:
            raise CliError(
                f"cannot write results to {self.path}: {error.strerror}",
                "free space or fix the file, then run again with --resume",
                EXIT_FAILED,
            ) from None

    def close(self, *, discard_if_empty: bool = False) -> None:
        """Flush to disk and close (the lock goes with the descriptor).

        With `discard_if_empty`, a file this run created and never wrote to is removed: a run
        stopped before its first result (e.g. by refused credentials) leaves no empty OUT.
        """
        # A file system without fsync still has the data: every line was written already.
        with contextlib.suppress(OSError):
            os.fsync(self._fd)
        if discard_if_empty and self._created and self.written == 0:
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(self._fd)


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


def _scan(fd: int, path: Path) -> tuple[set[str], bytes]:
    """The refs of OUT's complete lines; an incomplete last line is cut off and returned."""
    done: set[str] = set()
    offset = 0
    with os.fdopen(os.dup(fd), "rb") as handle:
        handle.seek(0)
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                # The tail of a run killed mid-write: drop it, its ref will be quoted again.
                os.truncate(fd, offset)
                return done, line
            offset += len(line)
            try:
                record = json.loads(line)
                ref = record["ref"] if isinstance(record, dict) else None
            except (ValueError, KeyError):
                ref = None
            if not isinstance(ref, str):
                raise CliError(
                    f"line {number} of {path} is not a result line",
                    "move the file aside or repair that line, then resume",
                )
            done.add(ref)
    return done, b""
