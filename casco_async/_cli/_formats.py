"""Results for spreadsheets: one flat row per ref, as CSV (appendable) or XLSX (written whole).

The JSON Lines record (see `_output`) is the full result; a spreadsheet gets the columns a person
reads: the cheapest offer, the error, the PDF. `ROW_COLUMNS` in that order, in the CSV header and
the XLSX ``results`` sheet; the XLSX also has an ``offers`` sheet, one row per offer of every ok
ref. Text that a spreadsheet would run as a formula (``=…``, ``+…``, ``-…``, ``@…``) is prefixed
with ``'``: a ref or a server message must never become a formula in the user's Excel.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final, Literal

from casco_async._errors import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
)
from casco_async._retry import is_retryable_status

from ._errors import CliError

__all__ = [
    "OUT_FORMATS",
    "ROW_COLUMNS",
    "OutFormat",
    "csv_header",
    "csv_row",
    "flat_row",
    "is_transient",
    "out_format",
    "uncell",
    "write_xlsx",
]

OutFormat = Literal["jsonl", "csv", "xlsx"]
OUT_FORMATS: tuple[OutFormat, ...] = ("jsonl", "csv", "xlsx")

ROW_COLUMNS = (
    "ref",
    "status",
    "insurer",
    "premium",
    "currency",
    "offer_id",
    "offers",
    "error_type",
    "error_status",
    "error_message",
    "insurer_errors",
    "pdf_path",
    "pdf_error",
    "transient",
)
"""The columns of a spreadsheet row; ``transient`` is ``yes`` when ``--resume`` re-quotes it."""

_OFFER_COLUMNS = ("ref", "insurer", "offer_id", "premium", "currency", "installments")

# Error types that say nothing about the request itself: the same request may well succeed later
# (a record keeps the error's type name; the SDK's retry rule reads the same classes).
_TRANSIENT_TYPES = frozenset(
    kind.__name__
    for kind in (APIConnectionError, APITimeoutError, InternalServerError, RateLimitError)
)


def out_format(path: Path, explicit: str | None) -> OutFormat:
    """``--out-format`` if given, else by OUT's extension (``.csv``, ``.xlsx``; else JSON Lines)."""
    if explicit is not None:
        if explicit not in OUT_FORMATS:
            raise CliError(f"unknown --out-format {explicit!r}", "use jsonl, csv or xlsx")
        return explicit
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    if suffix in (".xls", ".xlsm", ".ods"):
        raise CliError(f"cannot write {suffix} files", "use .xlsx, .csv or .jsonl for --out")
    return "jsonl"


def _error_transient(error: Any) -> bool:
    if not isinstance(error, Mapping):
        return False
    status = error.get("status")
    if error.get("type") in _TRANSIENT_TYPES:
        return True
    return isinstance(status, int) and is_retryable_status(status)


def is_transient(record: Mapping[str, Any]) -> bool:
    """Whether a result line holds a transient error: its own, or an insurer's in an ok line."""
    if record.get("status") == "error" and _error_transient(record.get("error")):
        return True
    errors = record.get("errors")
    return isinstance(errors, Mapping) and any(_error_transient(e) for e in errors.values())


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def flat_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The spreadsheet row of a result record (values: text, numbers, or None)."""
    offers = record.get("offers") or []
    best = offers[0] if offers else {}
    error = record.get("error") or {}
    errors = record.get("errors") or {}
    pdf = record.get("pdf") or {}
    pdf_error = record.get("pdf_error") or {}
    return {
        "ref": record.get("ref"),
        "status": record.get("status"),
        "insurer": best.get("insurer"),
        "premium": best.get("premiumAmount"),
        "currency": best.get("currency"),
        "offer_id": best.get("offerId"),
        "offers": len(offers) if record.get("status") == "ok" else None,
        "error_type": error.get("type"),
        "error_status": error.get("status"),
        "error_message": _one_line(error["message"]) if error.get("message") else None,
        "insurer_errors": "; ".join(
            f"{name}: {item.get('type')}: {_one_line(item.get('message'))}"
            for name, item in errors.items()
        )
        or None,
        "pdf_path": pdf.get("path"),
        "pdf_error": _one_line(pdf_error.get("message")) if pdf_error else None,
        "transient": "yes" if is_transient(record) else None,
    }


# A cell starting with one of these is run as a formula by spreadsheets: it gets a leading
# quote, and so does text that starts with a quote itself, so that `uncell` can tell them apart.
_QUOTED_START: Final = ("=", "+", "-", "@", "\t", "\r", "'")


def _cell(value: Any) -> Any:
    """A value safe in a spreadsheet: formula-looking text quoted, nested values as JSON."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text[:1] in _QUOTED_START else text


def uncell(text: str) -> str:
    """The text `_cell` quoted, as it was: only the quote `_cell` added is taken off."""
    return text[1:] if text[:1] == "'" and text[1:2] in _QUOTED_START else text


def _csv_text(cells: Iterable[Any]) -> str:
    buffer = io.StringIO()
    # One physical line per row: every cell is already on one line (see flat_row).
    csv.writer(buffer, lineterminator="\n").writerow(
        "" if cell is None else _cell(cell) for cell in cells
    )
    return buffer.getvalue()


def csv_header() -> bytes:
    """The CSV header line, after a UTF-8 BOM (Excel then reads the diacritics right)."""
    return ("\ufeff" + _csv_text(ROW_COLUMNS)).encode("utf-8")


def csv_row(record: Mapping[str, Any]) -> bytes:
    """One CSV line (UTF-8, ending in a newline) for a result record."""
    row = flat_row(record)
    text = _csv_text(row[name] for name in ROW_COLUMNS)
    return text.encode("utf-8", "backslashreplace")


def write_xlsx(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    """Write `records` as an XLSX workbook (sheets ``results`` and ``offers``), atomically.

    Raises:
        CliError: openpyxl is missing (the ``cli`` extra), or the file cannot be written.
    """
    try:
        from openpyxl import Workbook
    except ImportError:
        raise CliError(
            "writing .xlsx needs openpyxl (the cli extra)",
            "pip install 'casco-async[cli]', or use --out results.csv",
        ) from None
    book = Workbook(write_only=True)
    results = book.create_sheet("results")
    offers = book.create_sheet("offers")
    results.append(list(ROW_COLUMNS))
    offers.append(list(_OFFER_COLUMNS))
    for record in records:
        row = flat_row(record)
        results.append([_cell(row[name]) for name in ROW_COLUMNS])
        for offer in record.get("offers") or []:
            offers.append(
                [
                    _cell(record.get("ref")),
                    _cell(offer.get("insurer")),
                    _cell(offer.get("offerId")),
                    _cell(offer.get("premiumAmount")),
                    _cell(offer.get("currency")),
                    _cell(len(offer.get("installments") or []) or None),
                ]
            )
    partial = path.with_name(f".{path.name}.partial")
    try:
        book.save(partial)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CliError(
            f"cannot write {path}: {error.strerror or error}",
            "free space or choose another OUT, then run again with --resume",
        ) from None
