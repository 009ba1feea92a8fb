"""Reading ``quote-bulk`` input: JSON Lines or CSV, streamed, one `InputItem` per record.

Every record becomes an item with a **ref** (its key in the results) and either a quote request
or the problem that stops it from being one — a malformed record is that record's error, never
the end of the run. Nothing is held in memory but the refs seen so far (to catch duplicates).

JSON Lines: one object per line, ``{"ref": "A-1", "provider": {…}, "product": {…}}`` with
``provider`` and ``product`` exactly as the API's QuoteRequest. ``ref`` (a string, or an integer
taken as its decimal text) is optional; the default is the line number (``"17"``). Blank lines
are skipped.

CSV (UTF-8, a header row, comma- or semicolon-separated: the header row tells which, so the
``;`` files of Excel in a Romanian locale read as they are, decimal commas included): one quote
per line, flat columns mapped onto the QuoteRequest; an empty cell is an absent value (the
default, where the table gives one). A cell cannot hold a line break: each line is one record,
so a stray quote spoils only its own line (an error line for it), never the lines after it. The
default ref is the line number. Unknown columns are refused up front (a typo would otherwise
silently drop a value).

=========================  =============================================  ======================
column                     QuoteRequest field                             notes
=========================  =============================================  ======================
ref                        (the result's key)                             default: line number
insurer                    provider.organization.businessName             generali, groupama,
                                                                          eazy_insure, allianz
product                    product.name                                   default casco
                                                                          (groupama:
                                                                          casco-leasing)
start_date                 product.motor.startDate                        YYYY-MM-DD
term_months                product.motor.termTime                         1-12, default 12
installments               product.motor.installmentCount                 1, 2, 4, 12; default 1
currency                   product.motor.currency                         RON (default) or EUR
without_tax                product.motor.withoutTax                       true/false
deductible_partial         product.motor.deductibles.partialDamage        amount per claim
deductible_total           product.motor.deductibles.totalDamage          percent, 0-100
insured_sum                product.coverages[0] (code vehicle)            default: market_value
holder_last_name           product.policyholder.lastName                  a person
holder_first_name          product.policyholder.firstName                 a person
holder_cnp                 product.policyholder.taxId                     a person's CNP
holder_business_name       product.policyholder.businessName              a company
holder_cui                 product.policyholder.taxId                     a company's CUI
holder_registry_number     product.policyholder.companyRegistryNumber     e.g. J12/3345/2015
holder_caen                product.policyholder.caenCode
holder_birthdate           product.policyholder.birthdate                 YYYY-MM-DD
holder_gender              product.policyholder.gender                    m or f
holder_email               product.policyholder.email
holder_phone               product.policyholder.mobileNumber
holder_license_date        product.policyholder.drivingLicense.issueDate  YYYY-MM-DD
country                    …policyholder.address.country                  default RO
county                     …policyholder.address.county                   2 letters: CJ, B, …
city                       …policyholder.address.city
city_siruta                …policyholder.address.cityCode                 SIRUTA code
street                     …policyholder.address.street
house_number               …policyholder.address.houseNumber
postcode                   …policyholder.address.postcode
plate                      product.vehicle.licensePlate
vin                        product.vehicle.vin
registration               product.vehicle.registrationType               default registered
registration_certificate   product.vehicle.identification.idNumber
vehicle_type               product.vehicle.vehicleType                    default M1
brand                      product.vehicle.brand
model                      product.vehicle.model
year                       product.vehicle.yearOfConstruction
engine_cc                  product.vehicle.engineDisplacement             cm³
power_kw                   product.vehicle.enginePower                    kW
total_weight               product.vehicle.totalWeight                    kg
seats                      product.vehicle.seats
fuel                       product.vehicle.fuelType                       petrol, diesel, …
usage                      product.vehicle.usageType                      default personal
market_value               product.vehicle.marketValue
mileage                    product.vehicle.currentMileage                 km
color                      product.vehicle.color
first_registration         product.vehicle.firstRegistration              YYYY-MM-DD
vehicle_code               product.vehicle.vehicleCode
leased                     product.vehicle.isLeased                       true/false
is_new                     product.vehicle.isNew                          true/false
=========================  =============================================  ======================

A row with a ``holder_cui`` or ``holder_business_name`` is a company (``isLegalEntity: true``);
otherwise a person. Numbers use a dot for decimals; booleans are true/false, yes/no, da/nu, 1/0.

Duplicate refs: the first record with a ref is quoted under it; each later one becomes an error
result (type ``DuplicateRef``) under the ref ``<ref>#line<N>``, so that every record has exactly
one result and none is lost. The suffix depends only on the input, so ``--resume`` finds it again.
That form is reserved: a record whose own ref ends in ``#line<digits>`` is refused (an
``InputError`` under ``<ref>#line<N>``), so no real ref can ever take a duplicate's name.

A record without ``product.motor.startDate`` starts on the run's start date (``--start-date``,
default `default_start_date`: tomorrow in Europe/Bucharest, the API's "from today" rule).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, Literal

import attrs

from .._insurers import product_name_for
from .._validation import vendor_today
from ._errors import CliError

__all__ = [
    "CSV_COLUMNS",
    "InputItem",
    "InputProblem",
    "InputSource",
    "csv_columns_help",
    "default_start_date",
    "detect_format",
    "with_start_date",
]

Format = Literal["jsonl", "csv"]

# The form of a duplicate's synthetic ref; a record's own ref may not end like it.
_SYNTHETIC = re.compile(r"#line\d+$")


def default_start_date() -> str:
    """Tomorrow in Europe/Bucharest (``YYYY-MM-DD``): a start the API accepts all day long."""
    return (vendor_today() + timedelta(days=1)).isoformat()


def with_start_date(request: dict[str, Any], day: str) -> dict[str, Any]:
    """`request` with ``product.motor.startDate`` set to `day` if it has none (shapes kept)."""
    product = request.get("product")
    if not isinstance(product, dict):
        return request
    motor = product.setdefault("motor", {})
    if isinstance(motor, dict) and motor.get("startDate") in (None, ""):
        motor["startDate"] = day
    return request


@attrs.frozen
class InputProblem:
    """Why a record could not become a request: its result line's ``error``."""

    type: str
    message: str
    field_errors: dict[str, list[str]] = attrs.field(factory=dict)


@attrs.frozen
class InputItem:
    """One input record: a request, or the problem that stopped it."""

    ref: str
    line: int
    request: dict[str, Any] | None = None
    problem: InputProblem | None = None


def detect_format(path: str, explicit: str | None) -> Format:
    """``--format`` if given, else ``csv`` for a ``.csv`` file and JSON Lines for the rest."""
    if explicit is not None:
        return "csv" if explicit == "csv" else "jsonl"
    return "csv" if path.lower().endswith(".csv") else "jsonl"


# ------------------------------------------------------------------------------ CSV columns

_Kind = Literal["text", "int", "number", "bool", "date"]


@attrs.frozen
class _Column:
    name: str
    path: tuple[str, ...]
    kind: _Kind = "text"
    default: Any = None


_MOTOR = ("product", "motor")
_HOLDER = ("product", "policyholder")
_ADDRESS = (*_HOLDER, "address")
_VEHICLE = ("product", "vehicle")

CSV_COLUMNS: tuple[_Column, ...] = (
    _Column("ref", ()),
    _Column("insurer", ("provider", "organization", "businessName")),
    _Column("product", ("product", "name")),
    _Column("start_date", (*_MOTOR, "startDate"), "date"),
    _Column("term_months", (*_MOTOR, "termTime"), "int", 12),
    _Column("installments", (*_MOTOR, "installmentCount"), "int", 1),
    _Column("currency", (*_MOTOR, "currency"), "text", "RON"),
    _Column("without_tax", (*_MOTOR, "withoutTax"), "bool"),
    _Column("deductible_partial", (*_MOTOR, "deductibles", "partialDamage"), "number"),
    _Column("deductible_total", (*_MOTOR, "deductibles", "totalDamage"), "number"),
    _Column("insured_sum", (), "number"),
    _Column("holder_last_name", (*_HOLDER, "lastName")),
    _Column("holder_first_name", (*_HOLDER, "firstName")),
    _Column("holder_cnp", (*_HOLDER, "taxId")),
    _Column("holder_business_name", (*_HOLDER, "businessName")),
    _Column("holder_cui", (*_HOLDER, "taxId")),
    _Column("holder_registry_number", (*_HOLDER, "companyRegistryNumber")),
    _Column("holder_caen", (*_HOLDER, "caenCode")),
    _Column("holder_birthdate", (*_HOLDER, "birthdate"), "date"),
    _Column("holder_gender", (*_HOLDER, "gender")),
    _Column("holder_email", (*_HOLDER, "email")),
    _Column("holder_phone", (*_HOLDER, "mobileNumber")),
    _Column("holder_license_date", (*_HOLDER, "drivingLicense", "issueDate"), "date"),
    _Column("country", (*_ADDRESS, "country"), "text", "RO"),
    _Column("county", (*_ADDRESS, "county")),
    _Column("city", (*_ADDRESS, "city")),
    _Column("city_siruta", (*_ADDRESS, "cityCode"), "int"),
    _Column("street", (*_ADDRESS, "street")),
    _Column("house_number", (*_ADDRESS, "houseNumber")),
    _Column("postcode", (*_ADDRESS, "postcode")),
    _Column("plate", (*_VEHICLE, "licensePlate")),
    _Column("vin", (*_VEHICLE, "vin")),
    _Column("registration", (*_VEHICLE, "registrationType"), "text", "registered"),
    _Column("registration_certificate", (*_VEHICLE, "identification", "idNumber")),
    _Column("vehicle_type", (*_VEHICLE, "vehicleType"), "text", "M1"),
    _Column("brand", (*_VEHICLE, "brand")),
    _Column("model", (*_VEHICLE, "model")),
    _Column("year", (*_VEHICLE, "yearOfConstruction"), "int"),
    _Column("engine_cc", (*_VEHICLE, "engineDisplacement"), "int"),
    _Column("power_kw", (*_VEHICLE, "enginePower"), "int"),
    _Column("total_weight", (*_VEHICLE, "totalWeight"), "int"),
    _Column("seats", (*_VEHICLE, "seats"), "int"),
    _Column("fuel", (*_VEHICLE, "fuelType")),
    _Column("usage", (*_VEHICLE, "usageType"), "text", "personal"),
    _Column("market_value", (*_VEHICLE, "marketValue"), "number"),
    _Column("mileage", (*_VEHICLE, "currentMileage"), "int"),
    _Column("color", (*_VEHICLE, "color")),
    _Column("first_registration", (*_VEHICLE, "firstRegistration"), "date"),
    _Column("vehicle_code", (*_VEHICLE, "vehicleCode")),
    _Column("leased", (*_VEHICLE, "isLeased"), "bool"),
    _Column("is_new", (*_VEHICLE, "isNew"), "bool"),
)
"""The CSV columns, in the documented order (see the module docstring for the table)."""

_BY_NAME = {column.name: column for column in CSV_COLUMNS}


def csv_columns_help() -> str:
    """The column list for ``quote-bulk --help``: name → API field, wrapped to 100 columns."""
    lines = []
    for column in CSV_COLUMNS:
        target = ".".join(column.path) if column.path else ""
        if column.name == "ref":
            target = "(result key; default: the line number)"
        elif column.name == "insured_sum":
            target = "product.coverages[0].insuredSum (default: market_value)"
        elif column.name == "product":
            target = "product.name (default: casco; groupama: casco-leasing)"
        elif column.name in ("holder_cnp", "holder_cui"):
            target += " (a person's CNP)" if column.name == "holder_cnp" else " (a company's CUI)"
        default = f" [default {column.default}]" if column.default is not None else ""
        lines.append(f"  {column.name:<25} {target}{default}")
    return "\n".join(lines)


_TRUE = frozenset({"true", "yes", "da", "1", "y"})
_FALSE = frozenset({"false", "no", "nu", "0", "n"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _convert(kind: _Kind, text: str, *, decimal_comma: bool = False) -> Any:
    """A cell's value as JSON; ValueError with a message for the user.

    With `decimal_comma` (a ``;``-separated file) ``1234,56`` is the number 1234.56.
    """
    if decimal_comma and kind == "number" and re.fullmatch(r"[+-]?\d+,\d+", text):
        text = text.replace(",", ".")
    if kind == "text":
        return text
    if kind == "bool":
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"{text!r} is not true/false")
    if kind == "date":
        if not _DATE.fullmatch(text):
            raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    if kind == "int":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError(f"{text!r} is not a whole number")
        return int(text)
    if "," in text:
        raise ValueError(f"{text!r} is not a number (use a dot for decimals, no separators)")
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{text!r} is not a number")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a number")
    return int(value) if value == value.to_integral_value() else float(value)


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = target
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def _row_request(
    cells: Mapping[str, str], *, decimal_comma: bool = False
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The QuoteRequest of a CSV row, and the problems of its cells by column name."""
    request: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name, column in _BY_NAME.items():
        text = cells.get(name, "").strip()
        if not text:
            if column.default is not None:
                values[name] = column.default
            continue
        if any("\udc80" <= ch <= "\udcff" for ch in text):  # surrogate-escaped bad bytes
            problems[name] = ["not valid UTF-8 text"]
            continue
        try:
            values[name] = _convert(column.kind, text, decimal_comma=decimal_comma)
        except ValueError as error:
            problems[name] = [str(error)]
    if values.get("holder_cnp") is not None and values.get("holder_cui") is not None:
        problems["holder_cui"] = ["give holder_cnp (a person) or holder_cui (a company), not both"]
    company = "holder_cui" in values or "holder_business_name" in values
    for name, value in values.items():
        column = _BY_NAME[name]
        if column.path:
            _put(request, column.path, value)
    insurer = values.get("insurer")
    if "product" not in values:
        _put(request, ("product", "name"), product_name_for(str(insurer or "")))
    _put(request, (*_HOLDER, "isLegalEntity"), company)
    _put(request, (*_HOLDER, "isForeignPerson"), False)
    insured = values.get("insured_sum", values.get("market_value"))
    coverage: dict[str, Any] = {"isIncluded": True, "code": "vehicle"}
    if insured is not None:
        coverage["insuredSum"] = insured
    _put(request, ("product", "coverages"), [coverage])
    return request, problems


# ------------------------------------------------------------------------------- the source


class InputSource:
    """An opened INPUT (a path, or ``-`` for stdin): iterate it for `InputItem`s, once.

    Opening reads nothing but the CSV header, so an unreadable file or a bad header is a usage
    error before any request is sent.
    """

    def __init__(self, path: str, fmt: Format) -> None:
        self.path = path
        self.format = fmt
        self._first_line: dict[str, int] = {}
        try:
            if path == "-":
                self._binary: IO[bytes] = _stdin()
            else:
                if Path(path).is_dir():
                    raise CliError(f"cannot read {path}: it is a directory", "give an input file")
                self._binary = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as error:
            raise CliError(
                f"cannot read {path}: {error.strerror or error}", "check the INPUT path"
            ) from None
        self._header: list[str] = []
        self._text: io.TextIOWrapper | None = None
        self.delimiter = ","
        if fmt == "csv":
            self._open_csv()

    def _open_csv(self) -> None:
        self._text = io.TextIOWrapper(
            self._binary, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        try:
            first = self._text.readline()
        except OSError as error:
            raise CliError(f"cannot read {self.path}: {error}", "check the CSV file") from None
        # The header row decides the separator: Excel writes ';' where ',' is the decimal mark.
        self.delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            header = next(csv.reader([first], delimiter=self.delimiter, strict=True), None)
        except csv.Error as error:
            raise CliError(
                f"{self.path}: the CSV header row is malformed ({error})", "fix the header row"
            ) from None
        if not header or not any(cell.strip() for cell in header):
            raise CliError(f"{self.path} has no CSV header row", "add a header row of columns")
        names = [cell.strip().lower() for cell in header]
        unknown = [name for name in names if name not in _BY_NAME]
        if unknown:
            shown = ", ".join(repr(name) if name else "(empty)" for name in unknown)
            raise CliError(
                f"unknown CSV column(s) in {self.path}: {shown}",
                "use the columns listed by 'casco-async quote-bulk --help' "
                "(separated by ',' or ';')",
            )
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise CliError(
                f"CSV column(s) given twice in {self.path}: {', '.join(repeated)}",
                "keep one of each",
            )
        self._header = names

    @property
    def columns(self) -> list[str]:
        """The CSV header's column names (empty for JSON Lines)."""
        return list(self._header)

    def close(self) -> None:
        """Close the file (not stdin)."""
        if self.path != "-":
            self._binary.close()

    def count_records(self) -> int | None:
        """About how many records the file holds (lines), for a progress bar; None for stdin."""
        if self.path == "-":
            return None
        lines = 0
        last = b"\n"
        try:
            with open(self.path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    lines += chunk.count(b"\n")
                    last = chunk[-1:]
        except OSError:
            return None
        if last != b"\n":
            lines += 1
        return max(0, lines - 1) if self.format == "csv" else lines

    def __iter__(self) -> Iterator[InputItem]:
        records = self._csv_items() if self.format == "csv" else self._jsonl_items()
        for item in records:
            yield self._deduplicated(item)

    def _deduplicated(self, item: InputItem) -> InputItem:
        if _SYNTHETIC.search(item.ref):
            return self._renamed(
                item,
                InputProblem(
                    "InputError",
                    f"line {item.line}: ref {item.ref!r} ends in '#line<number>', the form "
                    "reserved for duplicates; this record was not quoted (rename the ref)",
                ),
            )
        first = self._first_line.get(item.ref)
        if first is None:
            self._first_line[item.ref] = item.line
            return item
        return self._renamed(
            item,
            InputProblem(
                "DuplicateRef",
                f"ref {item.ref!r} is already used on line {first}; this record was not quoted "
                "(give each record its own ref)",
            ),
        )

    def _renamed(self, item: InputItem, problem: InputProblem) -> InputItem:
        # Unique: its line number is, and no record's own ref has this form (see above).
        ref = f"{item.ref}#line{item.line}"
        self._first_line[ref] = item.line
        return InputItem(ref=ref, line=item.line, problem=problem)

    # ----- JSON Lines

    def _jsonl_items(self) -> Iterator[InputItem]:
        for number, raw in enumerate(self._binary, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield _bad(number, "the line is not valid UTF-8")
                continue
            yield _json_item(number, text)

    # ----- CSV

    def _csv_items(self) -> Iterator[InputItem]:
        assert self._text is not None
        comma = self.delimiter == ";"
        for line, text in enumerate(self._text, start=2):
            if not text.strip():
                continue
            try:
                row = next(csv.reader([text], delimiter=self.delimiter, strict=True))
                broken = None
            except csv.Error as error:
                # A stray quote: this line only (a cell never spans lines); the ref if readable.
                row = next(csv.reader([text], delimiter=self.delimiter), [])
                broken = f"line {line} is malformed CSV ({error}; a stray '\"'?)"
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(self._header, row, strict=False))
            ref_text = cells.get("ref", "").strip()
            ref = ref_text if ref_text and broken is None else str(line)
            if broken is not None:
                yield InputItem(ref=ref, line=line, problem=InputProblem("InputError", broken))
                continue
            if len(row) != len(self._header):
                yield InputItem(
                    ref=ref,
                    line=line,
                    problem=InputProblem(
                        "InputError",
                        f"line {line} has {len(row)} cells but the header has "
                        f"{len(self._header)} columns",
                    ),
                )
                continue
            request, problems = _row_request(cells, decimal_comma=comma)
            if problems:
                yield InputItem(
                    ref=ref,
                    line=line,
                    problem=InputProblem(
                        "InputError",
                        f"line {line}: bad value(s) in column(s) {', '.join(problems)}",
                        problems,
                    ),
                )
                continue
            yield InputItem(ref=ref, line=line, request=request)


def _stdin() -> IO[bytes]:
    """Standard input as bytes; a closed or missing one is a usage error."""
    stream = sys.stdin
    try:
        if stream is None:
            raise OSError("no standard input")
        os.fstat(stream.fileno())
        return stream.buffer
    except (OSError, ValueError, AttributeError):
        raise CliError(
            "INPUT is '-' but standard input is closed", "pipe the requests in, or give a file"
        ) from None


def _bad(line: int, message: str) -> InputItem:
    return InputItem(ref=str(line), line=line, problem=InputProblem("InputError", message))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_loads: Callable[[str], Any] = json.JSONDecoder(parse_constant=_reject_constant).decode


def _json_item(line: int, text: str) -> InputItem:
    try:
        value = _loads(text)
    except (ValueError, RecursionError) as error:
        return _bad(line, f"line {line} is not valid JSON ({error})")
    if not isinstance(value, dict):
        return _bad(line, f"line {line} is a JSON {type(value).__name__}, not an object")
    ref: Any = value.pop("ref", None)
    if ref is None:
        return InputItem(ref=str(line), line=line, request=value)
    if isinstance(ref, int) and not isinstance(ref, bool):
        ref = str(ref)
    if not isinstance(ref, str) or not ref.strip():
        return _bad(line, f"line {line}: 'ref' must be a non-empty string")
    return InputItem(ref=ref, line=line, request=value)
