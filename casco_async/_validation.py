"""Request validation derived from the CascoApi document, shared by the SDK and the sandbox.

The SDK validates a request before sending it, and the embedded sandbox answers bad input with the
vendor's ``400 VALIDATION_ERROR``; both call this module so that they always agree. No schema is
written here: required fields, types, enums, bounds, ``minItems``, patterns and formats come from
``casco_api_client/schemas.json``, which ``scripts/export_schemas.py`` exports from the document
(``build/casco-api.generation.yaml``, i.e. ``openapi/casco-api.yaml`` + ``openapi/overlay.yaml``).
Only the rules the document states in prose (its descriptions) or that the project contract adds
are written by hand, in the "business rules" section below, each with its source.

Result format - the vendor's ``data`` of a ``VALIDATION_ERROR``: a ``dict`` mapping a dotted field
path to a list of messages, e.g.::

    {"product.policyholder.address.floor": ["This value should be of type string."],
     "product.coverages.0.insuredSum": ["This value should be greater than or equal to 0."]}

* Paths are dotted from the root of the body; an array item is its index as a path segment
  (``product.coverages.0.insuredSum``, ``product.vehicle.driver.1.taxId``), the form of the
  vendor's sibling APIs' dotted keys, not Symfony's ``coverages[0]``.
* A query or path parameter is reported under its own name (``account``, ``county_code``).
* An error about the body as a whole (e.g. a JSON array sent instead of an object) is reported
  under the empty path ``""``.
* An empty dict means valid. All errors are collected, not just the first; a field has at most
  one message per distinct failure, and a value of the wrong type gets only the type message.

Business rules (hand-written; each rule function's docstring gives its source):

* Vehicle, VehicleData: ``yearOfConstruction`` <= current year + 1; ``engineDisplacement``
  required unless ``fuelType`` is ``electric`` or the vehicle is a trailer (O1-O4);
  ``enginePower`` and ``seats`` required unless a trailer; a ``marketValue`` string is a decimal.
* Person (policyholder, vehicle owner): names unless ``isLegalEntity``, ``businessName`` if it
  is; ``taxId`` a valid CNP (natural person) or CUI (legal entity) unless ``isForeignPerson``.
* Driver: ``taxId`` a valid CNP.
* PaymentData: ``amount`` > 0.
* MotorData: ``startDate`` from today to one year ahead.

Decisions, where the document and JSON Schema leave room (PHP/Symfony behaviour is the model):

* ``integer`` accepts only JSON integers: ``2.0`` is refused, as PHP's ``is_int`` refuses the
  float that ``json_decode("2.0")`` gives. ``number`` accepts integers and finite floats. JSON
  booleans are neither. NaN and infinities are not numbers (JSON cannot carry them).
* A required field that is missing, ``null`` or ``""`` gets "This value should not be blank."
  (Symfony ``NotBlank``, as in the vendor's example for ``product.vehicle.vin``); ``false``, ``0``
  and ``[]`` are not blank (``[]`` meets ``minItems`` instead).
* An optional field sent as ``null`` is refused unless the schema says ``nullable`` (the
  document's word; the SDK omits unset fields rather than sending ``null``).
* ``format`` and ``pattern`` are not checked on ``""`` (Symfony's Date, Email and Regex
  constraints skip empty strings); ``minLength`` is.
* Unknown properties are ignored, as the vendor ignores them.
* ``anyOf``/``oneOf``: valid when any branch is valid (``oneOf`` is not held to "exactly one").
  When none is, a value matching none of the branches' types gets one message listing them
  (``number|string``, Symfony's style); otherwise the errors of the closest branch are reported.
* "Today" (for ``startDate`` and ``yearOfConstruction``) is the date in Europe/Bucharest, the
  vendor's time zone, unless the caller passes ``today``.

Messages are Symfony's validator messages in English, or in Romanian with ``lang="ro"`` (also
``ro-RO``, ``ro_RO``); any other language gives English. The Romanian texts follow Symfony's
catalogue, written with "trebuie" where Symfony has "ar trebui".
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeGuard

from . import _cnp as cnp

__all__ = ["FieldErrors", "validate", "validate_operation"]

#: Dotted field path -> messages; the ``data`` of the vendor's ``VALIDATION_ERROR`` answer.
FieldErrors = dict[str, list[str]]

_SCHEMA_PREFIX: Final = "#/components/schemas/"


@functools.cache
def _document() -> dict[str, Any]:
    """schemas.json, read once on first use (importing this module stays cheap)."""
    from importlib.resources import files

    text = files("casco_api_client").joinpath("schemas.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


# --------------------------------------------------------------------------- messages

# key -> (English, Romanian). Placeholders use str.format names.
_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "blank": ("This value should not be blank.", "Această valoare nu trebuie să fie goală."),
    "null": ("This value should not be null.", "Această valoare nu trebuie să fie nulă (null)."),
    "type": (
        "This value should be of type {type}.",
        "Această valoare trebuie să fie de tipul {type}.",
    ),
    "choice": (
        "The value you selected is not a valid choice.",
        "Valoarea selectată nu este o opțiune validă.",
    ),
    "gte": (
        "This value should be greater than or equal to {value}.",
        "Această valoare trebuie să fie mai mare sau egală cu {value}.",
    ),
    "gt": (
        "This value should be greater than {value}.",
        "Această valoare trebuie să fie mai mare de {value}.",
    ),
    "lte": (
        "This value should be less than or equal to {value}.",
        "Această valoare trebuie să fie mai mică sau egală cu {value}.",
    ),
    "lt": (
        "This value should be less than {value}.",
        "Această valoare trebuie să fie mai mică de {value}.",
    ),
    "between": (
        "This value should be between {min} and {max}.",
        "Această valoare trebuie să fie între {min} și {max}.",
    ),
    "regex": ("This value is not valid.", "Această valoare nu este validă."),
    "date": ("This value is not a valid date.", "Această valoare nu reprezintă o dată validă."),
    "datetime": (
        "This value is not a valid datetime.",
        "Această valoare nu reprezintă o dată și oră validă.",
    ),
    "email": (
        "This value is not a valid email address.",
        "Această valoare nu reprezintă o adresă de e-mail validă.",
    ),
    "number": (
        "This value should be a valid number.",
        "Această valoare nu reprezintă un număr valid.",
    ),
    "cnp": ("This value is not a valid CNP.", "Această valoare nu este un CNP valid."),
    "cui": ("This value is not a valid CUI.", "Această valoare nu este un CUI valid."),
}

# key -> (English forms [one, other], Romanian forms [one, few, many]); Symfony's plural rules.
_PLURAL_MESSAGES: Final[dict[str, tuple[tuple[str, str], tuple[str, str, str]]]] = {
    "count_min": (
        (
            "This collection should contain {limit} element or more.",
            "This collection should contain {limit} elements or more.",
        ),
        (
            "Această colecție trebuie să conțină cel puțin {limit} element.",
            "Această colecție trebuie să conțină cel puțin {limit} elemente.",
            "Această colecție trebuie să conțină cel puțin {limit} de elemente.",
        ),
    ),
    "count_max": (
        (
            "This collection should contain {limit} element or less.",
            "This collection should contain {limit} elements or less.",
        ),
        (
            "Această colecție trebuie să conțină cel mult {limit} element.",
            "Această colecție trebuie să conțină cel mult {limit} elemente.",
            "Această colecție trebuie să conțină cel mult {limit} de elemente.",
        ),
    ),
    "length_min": (
        (
            "This value is too short. It should have {limit} character or more.",
            "This value is too short. It should have {limit} characters or more.",
        ),
        (
            "Această valoare este prea scurtă. Trebuie să aibă minim {limit} caracter.",
            "Această valoare este prea scurtă. Trebuie să aibă minim {limit} caractere.",
            "Această valoare este prea scurtă. Trebuie să aibă minim {limit} de caractere.",
        ),
    ),
    "length_max": (
        (
            "This value is too long. It should have {limit} character or less.",
            "This value is too long. It should have {limit} characters or less.",
        ),
        (
            "Această valoare este prea lungă. Trebuie să aibă maxim {limit} caracter.",
            "Această valoare este prea lungă. Trebuie să aibă maxim {limit} caractere.",
            "Această valoare este prea lungă. Trebuie să aibă maxim {limit} de caractere.",
        ),
    ),
}


def _is_romanian(lang: str) -> bool:
    # Content-Language may carry a region ("ro-RO") or come from a locale name ("ro_RO").
    return lang.strip().lower().replace("_", "-").split("-")[0] == "ro"


def _plural_index(count: int, romanian: bool) -> int:
    if not romanian:
        return 0 if count == 1 else 1
    # Symfony's Romanian rule: 1 -> one; 0 and n % 100 in 1..19 -> few; otherwise "de" form.
    if count == 1:
        return 0
    return 1 if count == 0 or 0 < count % 100 < 20 else 2


def _show(value: object) -> str:
    """A bound as the message shows it: 0 rather than 0.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------- value checks

# Regular expressions as text, compiled on first use by _compiled() (importing stays cheap).

_DATE_PATTERN: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATETIME_PATTERN: Final = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?"
)
# The WHATWG HTML "valid e-mail address" pattern, which Symfony's Email constraint uses by default
# (mode "html5"): a simple syntactic check, with a dot required in the domain.
_EMAIL_PATTERN: Final = (
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+"
)
# A decimal number as text: "100000.00", "95000", "-1.5"; no exponent, spaces or comma.
_DECIMAL_PATTERN: Final = r"[+-]?[0-9]+(\.[0-9]+)?"
# Query and path parameters arrive as text in the sandbox; these are the texts they accept.
_INTEGER_TEXT_PATTERN: Final = r"[+-]?[0-9]+"
_BOOLEAN_TEXTS: Final = {"true": True, "false": False, "1": True, "0": False}


def _is_integer(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> TypeGuard[int | float]:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _has_type(value: object, expected: str) -> bool:
    """Whether ``value`` (parsed JSON) is of the OpenAPI ``type`` ``expected``."""
    if expected == "string":
        return isinstance(value, str)
    if expected == "integer":
        return _is_integer(value)
    if expected == "number":
        return _is_number(value)
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "array":
        return isinstance(value, list | tuple)
    if expected == "object":
        return isinstance(value, Mapping)
    return True  # an unknown type name constrains nothing


def _same(left: object, right: object) -> bool:
    """JSON equality: booleans equal only booleans (Python has True == 1)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    try:
        return bool(left == right)
    except Exception:  # an exotic object's __eq__ must not break validation
        return False


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _parse_date(text: str) -> datetime.date | None:
    """``YYYY-MM-DD`` that names a real day, else None."""
    if not _compiled(_DATE_PATTERN).fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _is_datetime(text: str) -> bool:
    if not _compiled(_DATETIME_PATTERN).fullmatch(text):
        return False
    try:
        datetime.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def _today() -> datetime.date:
    """Today in Europe/Bucharest (the vendor's day), or the local day without a tz database."""
    try:
        from zoneinfo import ZoneInfo

        return datetime.datetime.now(ZoneInfo("Europe/Bucharest")).date()
    except (ImportError, KeyError, OSError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        return datetime.date.today()


def _one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# --------------------------------------------------------------------------- the walker


class _Validator:
    """Walks a value against the document's schemas, collecting field errors."""

    __slots__ = ("_romanian", "_schemas", "today")

    def __init__(self, schemas: Mapping[str, Any], *, lang: str, today: datetime.date) -> None:
        self._schemas = schemas
        self._romanian = _is_romanian(lang)
        self.today = today

    # ----- messages

    def add(self, errors: FieldErrors, path: str, key: str, **params: object) -> None:
        """Record message ``key`` at ``path`` (once)."""
        shown = {name: _show(value) for name, value in params.items()}
        if key in _PLURAL_MESSAGES:
            english, romanian = _PLURAL_MESSAGES[key]
            limit = params.get("limit")
            count = limit if isinstance(limit, int) else 0
            index = _plural_index(count, self._romanian)
            template = romanian[index] if self._romanian else english[index]
        else:
            template = _MESSAGES[key][1 if self._romanian else 0]
        message = template.format(**shown)
        bucket = errors.setdefault(path, [])
        if message not in bucket:
            bucket.append(message)

    # ----- schema resolution

    def resolve(self, schema: Any) -> Any:
        """Follow ``$ref`` chains to the schema they name."""
        seen = 0
        while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
            schema = self._schemas[schema["$ref"].removeprefix(_SCHEMA_PREFIX)]
            seen += 1
            if seen > 64:  # a $ref cycle in the document, not a property of the value
                raise ValueError("$ref cycle in schemas.json")
        return schema

    def _nullable(self, schema: Any) -> bool:
        resolved = self.resolve(schema)
        return isinstance(resolved, Mapping) and resolved.get("nullable") is True

    # ----- walking

    def walk(self, schema: Any, value: Any, path: str, errors: FieldErrors) -> None:
        """Check ``value`` against ``schema``; add errors under ``path``."""
        if not isinstance(schema, Mapping):
            return
        ref = schema.get("$ref")
        if isinstance(ref, str):
            # OpenAPI 3.0: a $ref's sibling keywords are ignored.
            name = ref.removeprefix(_SCHEMA_PREFIX)
            self.walk(self._schemas[name], value, path, errors)
            if isinstance(value, Mapping):
                for rule in _RULES.get(name, ()):
                    rule(self, value, path, errors)
            return
        if value is None:
            if schema.get("nullable") is True:
                return
            if "type" in schema or "enum" in schema:
                self.add(errors, path, "null")
                return
        expected = schema.get("type")
        if isinstance(expected, str) and not _has_type(value, expected):
            self.add(errors, path, "type", type=expected)
            return
        enum = schema.get("enum")
        if isinstance(enum, list) and not any(_same(value, choice) for choice in enum):
            self.add(errors, path, "choice")
            return
        if _is_number(value):
            self._bounds(schema, value, path, errors)
        elif isinstance(value, str):
            self._string(schema, value, path, errors)
        elif isinstance(value, list | tuple):
            self._array(schema, value, path, errors)
        elif isinstance(value, Mapping):
            self._object(schema, value, path, errors)
        every = schema.get("allOf")
        if isinstance(every, list):
            for branch in every:
                self.walk(branch, value, path, errors)
        for keyword in ("anyOf", "oneOf"):
            branches = schema.get(keyword)
            if isinstance(branches, list) and branches:
                self._any_of(branches, value, path, errors)

    def _bounds(
        self, schema: Mapping[str, Any], value: float, path: str, errors: FieldErrors
    ) -> None:
        minimum, maximum = schema.get("minimum"), schema.get("maximum")
        # OpenAPI 3.0: exclusiveMinimum/exclusiveMaximum are booleans modifying the bound.
        low_open = schema.get("exclusiveMinimum") is True
        high_open = schema.get("exclusiveMaximum") is True
        too_low = _is_number(minimum) and (value < minimum or (low_open and value == minimum))
        too_high = _is_number(maximum) and (value > maximum or (high_open and value == maximum))
        if not (too_low or too_high):
            return
        if _is_number(minimum) and _is_number(maximum) and not (low_open or high_open):
            # Symfony's Range constraint: one message naming both ends.
            self.add(errors, path, "between", min=minimum, max=maximum)
        elif too_low:
            self.add(errors, path, "gt" if low_open else "gte", value=minimum)
        else:
            self.add(errors, path, "lt" if high_open else "lte", value=maximum)

    def _string(
        self, schema: Mapping[str, Any], value: str, path: str, errors: FieldErrors
    ) -> None:
        min_length, max_length = schema.get("minLength"), schema.get("maxLength")
        if _is_integer(min_length) and len(value) < min_length:
            self.add(errors, path, "length_min", limit=min_length)
        if _is_integer(max_length) and len(value) > max_length:
            self.add(errors, path, "length_max", limit=max_length)
        if value == "":
            return  # Symfony's Regex, Date and Email constraints accept the empty string
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not _compiled(pattern).search(value):
            self.add(errors, path, "regex")
        fmt = schema.get("format")
        if fmt == "date" and _parse_date(value) is None:
            self.add(errors, path, "date")
        elif fmt == "date-time" and not _is_datetime(value):
            self.add(errors, path, "datetime")
        elif fmt == "email" and not _compiled(_EMAIL_PATTERN).fullmatch(value):
            self.add(errors, path, "email")

    def _array(
        self,
        schema: Mapping[str, Any],
        value: list[Any] | tuple[Any, ...],
        path: str,
        errors: FieldErrors,
    ) -> None:
        min_items, max_items = schema.get("minItems"), schema.get("maxItems")
        if _is_integer(min_items) and len(value) < min_items:
            self.add(errors, path, "count_min", limit=min_items)
        if _is_integer(max_items) and len(value) > max_items:
            self.add(errors, path, "count_max", limit=max_items)
        items = schema.get("items")
        if isinstance(items, Mapping):
            for index, item in enumerate(value):
                self.walk(items, item, _join(path, index), errors)

    def _object(
        self, schema: Mapping[str, Any], value: Mapping[Any, Any], path: str, errors: FieldErrors
    ) -> None:
        properties = schema.get("properties")
        properties = properties if isinstance(properties, Mapping) else {}
        required = schema.get("required")
        required_names = (
            {name for name in required if isinstance(name, str)}
            if isinstance(required, list)
            else set()
        )
        for name, subschema in properties.items():
            child_path = _join(path, name)
            present = name in value
            child = value.get(name)
            if name in required_names and (
                not present
                or (isinstance(child, str) and child == "")
                or (child is None and not self._nullable(subschema))
            ):
                self.add(errors, child_path, "blank")
            elif present:
                self.walk(subschema, child, child_path, errors)
        for name in sorted(required_names - set(properties)):
            if _is_blank(value.get(name)):
                self.add(errors, _join(path, name), "blank")
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping):
            for key, child in value.items():
                if key not in properties:
                    self.walk(extra, child, _join(path, str(key)), errors)

    def _any_of(self, branches: list[Any], value: Any, path: str, errors: FieldErrors) -> None:
        outcomes: list[FieldErrors] = []
        for branch in branches:
            branch_errors: FieldErrors = {}
            self.walk(branch, value, path, branch_errors)
            if not branch_errors:
                return
            outcomes.append(branch_errors)
        types = [self.resolve(branch) for branch in branches]
        names = [t.get("type") if isinstance(t, Mapping) else None for t in types]
        if (
            value is not None
            and all(isinstance(name, str) for name in names)
            and not any(_has_type(value, str(name)) for name in names)
        ):
            self.add(errors, path, "type", type="|".join(str(name) for name in names))
            return
        closest = min(outcomes, key=lambda found: sum(len(v) for v in found.values()))
        for where, messages in closest.items():
            bucket = errors.setdefault(where, [])
            bucket.extend(message for message in messages if message not in bucket)

    # ----- parameters

    def parameter(self, schema: Any, value: object) -> object:
        """A query/path parameter's text converted to the schema's scalar type, when it is one."""
        if not isinstance(value, str):
            return value
        resolved = self.resolve(schema)
        expected = resolved.get("type") if isinstance(resolved, Mapping) else None
        try:
            if expected == "integer" and _compiled(_INTEGER_TEXT_PATTERN).fullmatch(value):
                return int(value)
            if expected == "number" and _compiled(_DECIMAL_PATTERN).fullmatch(value):
                if _compiled(_INTEGER_TEXT_PATTERN).fullmatch(value):
                    return int(value)
                return float(value)  # too many digits give inf, which is then not a number
        except ValueError:  # more digits than int() converts: left as text, a type error
            return value
        if expected == "boolean" and value in _BOOLEAN_TEXTS:
            return _BOOLEAN_TEXTS[value]
        return value


# --------------------------------------------------------------------------- business rules
#
# Rules the document can only say in prose. Each runs after the schema checks of the named
# schema's object, and leaves alone a field that already has an error (no duplicate messages).

_Rule = Callable[[_Validator, Mapping[Any, Any], str, FieldErrors], None]

#: Trailers (no engine, no seats): vehicle types O1-O4. [contract: decision]
_TRAILER_TYPES: Final = frozenset({"O1", "O2", "O3", "O4"})

_CUI_WEIGHTS: Final = "753217532"


def _valid_cui(text: str) -> bool:
    """A Romanian company code (CUI/CIF): 2-10 digits, the last a control digit.

    An ``RO`` prefix (the VAT form) is accepted. The digits before the control digit, padded on the
    left to 9, are weighted 7,5,3,2,1,7,5,3,2; (sum x 10) modulo 11, with 10 written as 0, is the
    control digit.
    """
    digits = text[2:] if text[:2].upper() == "RO" else text
    if not _compiled(r"[0-9]{2,10}").fullmatch(digits):
        return False
    body = digits[:-1].zfill(9)
    control = sum(int(d) * int(w) for d, w in zip(body, _CUI_WEIGHTS, strict=True)) * 10 % 11
    return (0 if control == 10 else control) == int(digits[-1])


def _require(
    validator: _Validator,
    obj: Mapping[Any, Any],
    path: str,
    names: tuple[str, ...],
    errors: FieldErrors,
) -> None:
    for name in names:
        where = _join(path, name)
        if where not in errors and _is_blank(obj.get(name)):
            validator.add(errors, where, "blank")


def _vehicle_rules(
    validator: _Validator, vehicle: Mapping[Any, Any], path: str, errors: FieldErrors
) -> None:
    """Vehicle and VehicleData (the helper body).

    * ``yearOfConstruction`` at most current year + 1 [doc: seed, "Max. [current year] + 1"].
    * ``engineDisplacement`` required unless ``fuelType`` is ``electric`` or the vehicle is a
      trailer [doc: seed, "Not required for electric vehicles or trailers"].
    * ``enginePower`` and ``seats`` required unless a trailer [doc: seed, "Not required for
      trailers"]; trailers are O1-O4 [contract: decision].
    * ``marketValue`` sent as a string must be a decimal number [overlay: the docs' sample sends
      "100000.00"; the overlay allows number|string, the string must still be a number].
    """
    year = vehicle.get("yearOfConstruction")
    where = _join(path, "yearOfConstruction")
    latest = validator.today.year + 1
    if _is_integer(year) and where not in errors and year > latest:
        validator.add(errors, where, "lte", value=latest)
    vehicle_type, fuel = vehicle.get("vehicleType"), vehicle.get("fuelType")
    trailer = isinstance(vehicle_type, str) and vehicle_type in _TRAILER_TYPES
    if not trailer and fuel != "electric":
        _require(validator, vehicle, path, ("engineDisplacement",), errors)
    if not trailer:
        _require(validator, vehicle, path, ("enginePower", "seats"), errors)
    value = vehicle.get("marketValue")
    where = _join(path, "marketValue")
    if (
        isinstance(value, str)
        and where not in errors
        and not _compiled(_DECIMAL_PATTERN).fullmatch(value)
    ):
        validator.add(errors, where, "number")


def _person_rules(
    validator: _Validator, person: Mapping[Any, Any], path: str, errors: FieldErrors
) -> None:
    """Person (policyholder, vehicle owner).

    * ``lastName`` and ``firstName`` required unless ``isLegalEntity``; ``businessName`` required
      when ``isLegalEntity`` [doc: Person description; contract: sibling].
    * ``taxId``: a valid CNP for a natural person who is not ``isForeignPerson``; a valid CUI for
      a legal entity that is not ``isForeignPerson`` [contract: "taxId (CNP or CUI)"; the document:
      "CNP for a person or CUI for a company"]. A foreign person's tax id is not checked.
    """
    legal, foreign = person.get("isLegalEntity"), person.get("isForeignPerson")
    # A flag of the wrong type already has its error; which rules apply cannot be told.
    if not (legal is None or isinstance(legal, bool)):
        return
    if not (foreign is None or isinstance(foreign, bool)):
        return
    if legal:
        _require(validator, person, path, ("businessName",), errors)
    else:
        _require(validator, person, path, ("lastName", "firstName"), errors)
    tax_id = person.get("taxId")
    where = _join(path, "taxId")
    if foreign or not isinstance(tax_id, str) or tax_id == "" or where in errors:
        return
    if legal and not _valid_cui(tax_id):
        validator.add(errors, where, "cui")
    elif not legal and not cnp.is_valid(tax_id, today=validator.today):
        validator.add(errors, where, "cnp")


def _driver_rules(
    validator: _Validator, driver: Mapping[Any, Any], path: str, errors: FieldErrors
) -> None:
    """Driver (``vehicle.driver[]``): ``taxId`` is a valid CNP.

    [contract: drivers carry ``taxId``, the sibling RCA API's CNP; decision: a driver is a natural
    person and the schema has no ``isForeignPerson``, so the CNP is always checked - foreign
    residents have one too, starting with 7, 8 or 9.]
    """
    tax_id = driver.get("taxId")
    where = _join(path, "taxId")
    if (
        isinstance(tax_id, str)
        and tax_id != ""
        and where not in errors
        and not cnp.is_valid(tax_id, today=validator.today)
    ):
        validator.add(errors, where, "cnp")


def _payment_rules(
    validator: _Validator, payment: Mapping[Any, Any], path: str, errors: FieldErrors
) -> None:
    """PaymentData: ``amount`` greater than 0 [decision: a collected premium; the document's
    ``minimum: 0`` lets 0 through, which records no payment]."""
    amount = payment.get("amount")
    where = _join(path, "amount")
    if _is_number(amount) and where not in errors and amount <= 0:
        validator.add(errors, where, "gt", value=0)


def _motor_rules(
    validator: _Validator, motor: Mapping[Any, Any], path: str, errors: FieldErrors
) -> None:
    """MotorData: ``startDate`` from today to one year ahead, both included.

    [decision: insurers do not cover the past; an offer more than a year ahead would be priced on
    a tariff that may not exist yet. "Today" is the vendor's day, Europe/Bucharest.]
    """
    value = motor.get("startDate")
    where = _join(path, "startDate")
    if not isinstance(value, str) or where in errors:
        return
    start = _parse_date(value)
    if start is None:
        return
    latest = _one_year_after(validator.today)
    if start < validator.today:
        validator.add(errors, where, "gte", value=validator.today)
    elif start > latest:
        validator.add(errors, where, "lte", value=latest)


_RULES: Final[dict[str, tuple[_Rule, ...]]] = {
    "Vehicle": (_vehicle_rules,),
    "VehicleData": (_vehicle_rules,),
    "Person": (_person_rules,),
    "Driver": (_driver_rules,),
    "PaymentData": (_payment_rules,),
    "MotorData": (_motor_rules,),
}


# --------------------------------------------------------------------------- public API


def validate(
    schema_name: str,
    value: object,
    *,
    lang: str = "en",
    today: datetime.date | None = None,
) -> FieldErrors:
    """Validate ``value`` (parsed JSON) against the document's schema ``schema_name``.

    Applies the schema's keywords and the business rules of every named schema reached (e.g.
    ``validate("QuoteRequest", body)`` also checks the policyholder's CNP and the vehicle's year).

    Args:
        schema_name: a name under ``components.schemas`` (``"QuoteRequest"``, ``"VehicleData"``).
        value: the body as ``json.loads`` gives it (dicts, lists, str, int, float, bool, None).
        lang: ``"ro"`` for Romanian messages; anything else gives English.
        today: the day that date rules compare with; default today in Europe/Bucharest.

    Returns:
        Dotted field path -> messages (see the module docstring); empty when valid.

    Raises:
        KeyError: ``schema_name`` is not in the document.
    """
    schemas = _document()["schemas"]
    if schema_name not in schemas:
        raise KeyError(f"no schema {schema_name!r} in schemas.json")
    validator = _Validator(schemas, lang=lang, today=today or _today())
    errors: FieldErrors = {}
    validator.walk({"$ref": _SCHEMA_PREFIX + schema_name}, value, "", errors)
    return errors


def validate_operation(
    operation: str,
    *,
    body: object = None,
    query: Mapping[str, object] | None = None,
    path: Mapping[str, object] | None = None,
    lang: str = "en",
    today: datetime.date | None = None,
) -> FieldErrors:
    """Validate a call of ``operation`` (``"POST /offer"``): its body, query and path parameters.

    Operations are named by method and path template, as they go over the wire, so a vendor's
    renamed operationId changes nothing here.

    Parameters are reported under their names (``{"account": [...]}``), body fields under their
    dotted paths. Parameter values may be text, as the sandbox receives them from the URL
    (``"12"`` is a valid integer, ``"abc"`` is not), or Python values, as the SDK passes them.
    A missing, ``None`` or ``""`` required parameter is blank; unknown parameters are ignored.
    Header parameters are not validated (the SDK sets them itself).

    A missing body (``None``) of an operation that takes one is validated as ``{}``, so each
    required top-level field is reported, as a PHP server reading an empty body would. A body
    given to an operation without one is ignored.

    Raises:
        KeyError: ``operation`` is not in the document.
    """
    document = _document()
    declared = document["operations"].get(operation)
    if declared is None:
        raise KeyError(f"no operation {operation!r} in schemas.json")
    validator = _Validator(document["schemas"], lang=lang, today=today or _today())
    errors: FieldErrors = {}
    for given, parameters in ((path, declared["path_params"]), (query, declared["query"])):
        values: Mapping[str, object] = given or {}
        for name, spec in parameters.items():
            value = values.get(name)
            if _is_blank(value):
                if spec.get("required"):
                    validator.add(errors, name, "blank")
                continue
            schema = spec.get("schema", {})
            validator.walk(schema, validator.parameter(schema, value), name, errors)
    body_schema = declared.get("body")
    if isinstance(body_schema, str):
        validator.walk(
            {"$ref": _SCHEMA_PREFIX + body_schema}, {} if body is None else body, "", errors
        )
    return errors
