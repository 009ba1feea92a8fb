"""Request validation derived from the CascoApi document, shared by the SDK and the sandbox.

The SDK validates a request before sending it, and the embedded sandbox answers bad input with the
vendor's ``400 VALIDATION_ERROR``; both call this module so that they always agree. No schema is
written here: required fields, types, enums, bounds, ``minItems``, patterns and formats come from
``casco_async_generated/schemas.json``, which ``scripts/export_schemas.py`` exports from the
document (``build/casco-api.generation.yaml``, i.e. ``openapi/casco-api.yaml`` +
``openapi/overlay.yaml``).
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

A rule applies wherever the walker meets its schema by name (the generation step pins these names
onto the vendor's document, openapi/pins.yaml) and reads the fields it declares (``Rule``). So
that a rule is never silently skipped, ``check_rules`` refuses a schemas.json in which a rule's
schema is missing or no request reaches it, a field it reads is not among the schema's properties
(through ``$ref``, ``allOf``, ``anyOf`` and ``oneOf``) or cannot hold the type the rule reads, or
a value it compares with is no longer in the field's enum. ``scripts/export_schemas.py`` calls it,
so ``make generate`` fails naming the rule, and so does the first validation of a process: the
SDK and the sandbox cannot run with a dead rule (``RuleTargetError``).

OpenAPI 3.0 and 3.1 spellings are both read: ``nullable: true`` or ``"null"`` among the names of
a ``type`` array (``type: [string, "null"]``), ``type: "null"``, an ``anyOf``/``oneOf`` branch
that allows null, or ``null`` in ``enum``/``const`` all allow null; ``type: [integer, string]``
accepts either, with the anyOf message (``integer|string``) otherwise; ``const`` gives Symfony's
EqualTo message; ``exclusiveMinimum``/``exclusiveMaximum`` are either 3.0's booleans or 3.1's
bounds; ``example``/``examples`` are never checked.

Decisions, where the document and JSON Schema leave room (PHP/Symfony behaviour is the model):

* ``integer`` accepts only JSON integers: ``2.0`` is refused, as PHP's ``is_int`` refuses the
  float that ``json_decode("2.0")`` gives. ``number`` accepts integers and finite floats. JSON
  booleans are neither. NaN and infinities are not numbers (JSON cannot carry them).
* A required field that is missing, ``null`` or ``""`` gets "This value should not be blank."
  (Symfony ``NotBlank``, as in the vendor's example for ``product.vehicle.vin``); ``false``, ``0``
  and ``[]`` are not blank (``[]`` meets ``minItems`` instead).
* An optional field sent as ``null`` is refused unless the schema allows null (``nullable``, the
  3.0 document's word, or a 3.1 spelling above; the SDK omits unset fields rather than sending
  ``null``). A required field that allows null may be ``null``.
* ``format`` and ``pattern`` are checked on ``""`` too, as JSON Schema says: an optional
  ``birthdate: ""`` is refused although Symfony's Date, Email and Regex constraints skip empty
  strings, because the document forbids it and a validating proxy or schemathesis holds both
  sides to the document (issue 13); ``minLength`` is checked as well.
* Unknown properties are ignored, as the vendor ignores them.
* ``anyOf``/``oneOf``: valid when any branch is valid (``oneOf`` is not held to "exactly one").
  When none is, a value matching none of the branches' types gets one message listing them
  (``number|string``, Symfony's style); otherwise the errors of the closest branch are reported.
* "Today" (for ``startDate`` and ``yearOfConstruction``) is the date in Europe/Bucharest, the
  vendor's time zone, unless the caller passes ``today``.

Messages are Symfony's validator messages in English, or in Romanian with ``lang="ro"`` (also
``ro-RO``, ``ro_RO``); any other language gives English. The Romanian texts follow Symfony's
catalogue, written with "trebuie" where Symfony has "ar trebui".

Speed: the walker (`_Validator.walk`) is the one source of errors, but a valid value - nearly
every value the SDK sends - does not reach it. Each schema node is also compiled, once, into a
predicate that says exactly whether the walker would find nothing (business rules included, run
as they are), and `validate`/`validate_operation` return ``{}`` when it does; anything it cannot
decide goes to the walker (section "the fast path").
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, NamedTuple, TypeGuard

from . import _tax_id as tax_id
from ._messages import is_plural, plural_message
from ._messages import message as catalogue_message

__all__ = [
    "FieldErrors",
    "Rule",
    "RuleProblem",
    "RuleTargetError",
    "check_rules",
    "languages",
    "validate",
    "validate_operation",
    "vendor_today",
]


def languages() -> tuple[str, ...]:
    """The ``Content-Language`` values the document allows (its ``LanguageEnum``: en, ro)."""
    schema = _document()["schemas"].get("LanguageEnum") or {}
    return tuple(str(value) for value in schema.get("enum") or ())


#: Dotted field path -> messages; the ``data`` of the vendor's ``VALIDATION_ERROR`` answer.
FieldErrors = dict[str, list[str]]

_SCHEMA_PREFIX: Final = "#/components/schemas/"


@functools.cache
def _document() -> dict[str, Any]:
    """schemas.json, read once on first use (importing this module stays cheap).

    Raises:
        RuleTargetError: a business rule's schema or field is not in schemas.json. Raised, not
            warned: the SDK must not send requests that a dead rule would have refused. Not
            cached, so every call raises again.
    """
    from importlib.resources import files

    text = files("casco_async_generated").joinpath("schemas.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    check_rules(document["schemas"], document.get("operations"))
    return document


# --------------------------------------------------------------------------- messages


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


def _type_names(declared: object) -> tuple[str, ...] | None:
    """The type names of a ``type`` keyword: OpenAPI 3.0's one name or 3.1's array of names.

    None when there is no usable ``type`` (absent, or not text): no type constraint.
    """
    if isinstance(declared, str):
        return (declared,)
    if isinstance(declared, list | tuple) and declared:
        names = tuple(name for name in declared if isinstance(name, str))
        return names if len(names) == len(declared) else None
    return None


def _type_label(names: tuple[str, ...] | list[str]) -> str:
    """Type names as the type message shows them: ``integer|string``.

    ``null`` is left out beside other types: a null value is accepted before the type is checked,
    so the message is only ever about a non-null value.
    """
    shown = [name for name in names if name != "null"]
    return "|".join(shown or names)


def _is_string(value: object) -> bool:
    return isinstance(value, str)


def _is_boolean(value: object) -> bool:
    return isinstance(value, bool)


def _is_array(value: object) -> bool:
    return isinstance(value, list | tuple)


def _is_object(value: object) -> bool:
    return type(value) is dict or isinstance(value, Mapping)


def _is_null(value: object) -> bool:
    return value is None


#: OpenAPI ``type`` name -> the test of a parsed JSON value; one table for the walker and the
#: compiled fast path, so that both read a type alike.
_TYPE_CHECKS: Final[Mapping[str, Callable[[object], bool]]] = {
    "null": _is_null,
    "string": _is_string,
    "integer": _is_integer,
    "number": _is_number,
    "boolean": _is_boolean,
    "array": _is_array,
    "object": _is_object,
}


def _has_type(value: object, expected: str) -> bool:
    """Whether ``value`` (parsed JSON) is of the OpenAPI ``type`` ``expected``."""
    check = _TYPE_CHECKS.get(expected)
    return True if check is None else check(value)  # an unknown type name constrains nothing


def _literal(value: object) -> str:
    """A ``const`` as the message shows it: JSON text (``"M1"``, ``true``, ``null``), 0 not 0.0."""
    if _is_number(value):
        return _show(value)
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return str(value)


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


def _is_date(text: str) -> bool:
    return _parse_date(text) is not None


def _is_email(text: str) -> bool:
    return _compiled(_EMAIL_PATTERN).fullmatch(text) is not None


#: ``format`` -> (message key, check) of the formats that are checked; any other format (``float``,
#: ``password``) is an annotation. One table for the walker and the compiled fast path.
_FORMAT_CHECKS: Final[Mapping[str, tuple[str, Callable[[str], bool]]]] = {
    "date": ("date", _is_date),
    "date-time": ("datetime", _is_datetime),
    "email": ("email", _is_email),
}


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def vendor_today() -> datetime.date:
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


def _type_check(names: tuple[str, ...] | None) -> Callable[[object], bool] | None:
    """The type test of a node's type names (`_has_type` of any of them); None when the node
    does not constrain the type."""
    if names is None:
        return None
    checks = tuple(_TYPE_CHECKS.get(name) for name in names)
    if any(check is None for check in checks):  # an unknown type name lets anything through
        return None
    known = tuple(check for check in checks if check is not None)
    if len(known) == 1:
        return known[0]
    return lambda value: any(check(value) for check in known)


class _Enum:
    """The test of one ``enum``: ``any(_same(value, choice) ...)``, with set lookups where they
    are exact.

    A ``str`` value can equal only the choices that are ``str``; an ``int`` (not a bool) only the
    ``int`` and ``float`` ones, and for those Python's hash and ``==`` agree with `_same`.
    """

    __slots__ = ("choices", "numbers", "texts")

    def __init__(self, choices: list[Any]) -> None:
        self.choices = choices
        self.texts = frozenset(choice for choice in choices if type(choice) is str)
        self.numbers = frozenset(
            choice for choice in choices if type(choice) is int or type(choice) is float
        )

    def check(self, value: object) -> bool:
        kind = type(value)
        if kind is str:
            return value in self.texts
        if kind is int:
            return value in self.numbers
        return any(_same(value, choice) for choice in self.choices)


class _Bounds(NamedTuple):
    """A node's numeric bounds as they apply, read once per node by `_bounds_of`."""

    minimum: int | float | None  # None: no lower bound (absent, or not a number)
    maximum: int | float | None
    low_open: bool  # the lower bound itself is refused
    high_open: bool

    def too_low(self, value: float) -> bool:
        minimum = self.minimum
        return minimum is not None and (value < minimum or (self.low_open and value == minimum))

    def too_high(self, value: float) -> bool:
        maximum = self.maximum
        return maximum is not None and (value > maximum or (self.high_open and value == maximum))


def _bounds_of(schema: Mapping[str, Any]) -> _Bounds:
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    exclusive_low, exclusive_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    # OpenAPI 3.0: exclusiveMinimum/exclusiveMaximum are booleans modifying the bound.
    low_open = exclusive_low is True
    high_open = exclusive_high is True
    # OpenAPI 3.1 (JSON Schema 2020-12): they are bounds themselves; the stricter bound wins.
    if _is_number(exclusive_low) and not (_is_number(minimum) and minimum > exclusive_low):
        minimum, low_open = exclusive_low, True
    if _is_number(exclusive_high) and not (_is_number(maximum) and maximum < exclusive_high):
        maximum, high_open = exclusive_high, True
    return _Bounds(
        minimum if _is_number(minimum) else None,
        maximum if _is_number(maximum) else None,
        low_open,
        high_open,
    )


#: Exact types of parsed JSON that are not mappings: for them the walker skips the Mapping ABC's
#: isinstance, which costs several times more (per node, per value).
_NOT_MAPPINGS: Final = frozenset({int, float, bool, str, list, tuple, type(None)})


class _Facts(NamedTuple):
    """What `_Validator.walk` reads of one schema node, read once per node (not once per value:
    a bulk run walks the same few dozen nodes for every request)."""

    ref: str | None  # the schema a ``$ref`` names
    types: tuple[str, ...] | None
    type_check: Callable[[object], bool] | None  # `_type_check` of types: None, no constraint
    enum: _Enum | None
    has_const: bool
    typed: bool  # has ``type``, ``enum`` or ``const`` (a null value is then an error)
    bounds: _Bounds | None  # None without a numeric bound keyword
    string: bool  # has a string keyword
    properties: Mapping[str, Any]
    required: frozenset[str]
    required_only: tuple[str, ...]  # required names without a property schema, sorted
    all_of: list[Any] | None
    any_of: tuple[list[Any], ...]  # the non-empty ``anyOf`` then ``oneOf`` branch lists


_BOUND_KEYWORDS: Final = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_STRING_KEYWORDS: Final = ("minLength", "maxLength", "pattern", "format")
# id(schema) -> (schema, its facts). The schema is kept beside its facts so that an id is never
# reused by another node while cached; the nodes are the document's, loaded once.
_FACTS: dict[int, tuple[Mapping[str, Any], _Facts]] = {}
_MAX_FACTS: Final = 10_000


@functools.cache
def _root(schema_name: str) -> Mapping[str, Any]:
    """The one ``$ref`` node naming a schema (one node: its facts are read once)."""
    return {"$ref": _SCHEMA_PREFIX + schema_name}


def _facts(schema: Mapping[str, Any]) -> _Facts:
    cached = _FACTS.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    if len(_FACTS) >= _MAX_FACTS:
        _FACTS.clear()  # nodes from outside the document (never in the SDK's own use)
    ref = schema.get("$ref")
    properties = schema.get("properties")
    required = schema.get("required")
    enum = schema.get("enum")
    every = schema.get("allOf")
    properties = properties if isinstance(properties, Mapping) else {}
    required_names = (
        frozenset(name for name in required if isinstance(name, str))
        if isinstance(required, list)
        else frozenset()
    )
    types = _type_names(schema.get("type"))
    facts = _Facts(
        ref=ref.removeprefix(_SCHEMA_PREFIX) if isinstance(ref, str) else None,
        types=types,
        type_check=_type_check(types),
        enum=_Enum(enum) if isinstance(enum, list) else None,
        has_const="const" in schema,
        typed="type" in schema or "enum" in schema or "const" in schema,
        bounds=(
            _bounds_of(schema) if any(keyword in schema for keyword in _BOUND_KEYWORDS) else None
        ),
        string=any(keyword in schema for keyword in _STRING_KEYWORDS),
        properties=properties,
        required=required_names,
        required_only=tuple(sorted(required_names - set(properties))),
        all_of=every if isinstance(every, list) else None,
        any_of=tuple(
            branches
            for branches in (schema.get("anyOf"), schema.get("oneOf"))
            if isinstance(branches, list) and branches
        ),
    )
    _FACTS[id(schema)] = (schema, facts)
    return facts


# --------------------------------------------------------------------------- the walker


class _Validator:
    """Walks a value against the document's schemas, collecting field errors."""

    __slots__ = ("_lang", "_schemas", "today")

    def __init__(self, schemas: Mapping[str, Any], *, lang: str, today: datetime.date) -> None:
        self._schemas = schemas
        self._lang = lang
        self.today = today

    # ----- messages

    def add(self, errors: FieldErrors, path: str, key: str, **params: object) -> None:
        """Record message ``key`` at ``path`` (once)."""
        shown = {name: _show(value) for name, value in params.items()}
        if is_plural(key):
            limit = params.get("limit")
            count = limit if isinstance(limit, int) else 0
            message = plural_message(key, count, self._lang, **shown)
        else:
            message = catalogue_message(key, self._lang, **shown)
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

    def accepts_null(self, schema: Any, depth: int = 0) -> bool:
        """Whether ``schema`` explicitly allows ``null``.

        OpenAPI 3.0 says so with ``nullable: true``; 3.1 with ``"null"`` among the ``type`` names,
        a ``null`` in ``enum`` or ``const``, or a branch of ``anyOf``/``oneOf`` that allows it
        (``anyOf: [{$ref: ...}, {type: "null"}]``); ``allOf`` allows it when every branch does.
        A schema that says nothing about null does not allow it.
        """
        if depth > 64:  # a cycle through anyOf/allOf in the document, not a property of the value
            raise ValueError("schema cycle in schemas.json")
        resolved = self.resolve(schema)
        if not isinstance(resolved, Mapping):
            return False
        if resolved.get("nullable") is True:
            return True
        names = _type_names(resolved.get("type"))
        if names is not None and "null" not in names:
            return False
        if "const" in resolved:
            return resolved["const"] is None
        enum = resolved.get("enum")
        if isinstance(enum, list):
            return any(choice is None for choice in enum)
        if names is not None:
            return True
        for keyword in ("anyOf", "oneOf"):
            branches = resolved.get(keyword)
            if isinstance(branches, list) and any(
                self.accepts_null(branch, depth + 1) for branch in branches
            ):
                return True
        every = resolved.get("allOf")
        return (
            isinstance(every, list)
            and bool(every)
            and all(self.accepts_null(branch, depth + 1) for branch in every)
        )

    # ----- walking

    def walk(self, schema: Any, value: Any, path: str, errors: FieldErrors) -> None:
        """Check ``value`` against ``schema``; add errors under ``path``."""
        # `type(...) is dict` first: the document's nodes and parsed JSON are dicts, and an
        # isinstance check against the Mapping ABC costs several times more (per node, per value).
        if type(schema) is not dict and not isinstance(schema, Mapping):
            return
        facts = _facts(schema)
        name = facts.ref
        if name is not None:
            # OpenAPI 3.0: a $ref's sibling keywords are ignored. 3.1 allows them, but documents
            # use them for annotations (description, examples), which constrain nothing.
            self.walk(self._schemas[name], value, path, errors)
            if type(value) is dict or (
                type(value) not in _NOT_MAPPINGS and isinstance(value, Mapping)
            ):
                for rule in _RULES.get(name, ()):
                    rule.check(self, value, path, errors)
            return
        if value is None:
            if self.accepts_null(schema):
                return
            if facts.typed:
                self.add(errors, path, "null")
                return
        type_check = facts.type_check
        if type_check is not None and not type_check(value):
            self.add(errors, path, "type", type=_type_label(facts.types or ()))
            return
        enum = facts.enum
        if enum is not None and not enum.check(value):
            self.add(errors, path, "choice")
            return
        if facts.has_const and not _same(value, schema["const"]):
            # OpenAPI 3.1 (JSON Schema): Symfony's EqualTo message, which names the value.
            self.add(errors, path, "equal", value=_literal(schema["const"]))
            return
        if isinstance(value, str):
            if facts.string:  # without a string keyword there is nothing to check
                self._string(schema, value, path, errors)
        elif type(value) is dict or (
            type(value) not in _NOT_MAPPINGS and isinstance(value, Mapping)
        ):
            self._object(schema, facts, value, path, errors)
        elif isinstance(value, list | tuple):
            self._array(schema, value, path, errors)
        elif facts.bounds is not None and _is_number(value):
            self._bounds(facts.bounds, value, path, errors)
        if facts.all_of is not None:
            for branch in facts.all_of:
                self.walk(branch, value, path, errors)
        for branches in facts.any_of:
            self._any_of(branches, value, path, errors)

    def _bounds(self, bounds: _Bounds, value: float, path: str, errors: FieldErrors) -> None:
        too_low, too_high = bounds.too_low(value), bounds.too_high(value)
        if not (too_low or too_high):
            return
        minimum, maximum = bounds.minimum, bounds.maximum
        if (
            minimum is not None
            and maximum is not None
            and not (bounds.low_open or bounds.high_open)
        ):
            # Symfony's Range constraint: one message naming both ends.
            self.add(errors, path, "between", min=minimum, max=maximum)
        elif too_low:
            self.add(errors, path, "gt" if bounds.low_open else "gte", value=minimum)
        else:
            self.add(errors, path, "lt" if bounds.high_open else "lte", value=maximum)

    def _string(
        self, schema: Mapping[str, Any], value: str, path: str, errors: FieldErrors
    ) -> None:
        min_length, max_length = schema.get("minLength"), schema.get("maxLength")
        if _is_integer(min_length) and len(value) < min_length:
            self.add(errors, path, "length_min", limit=min_length)
        if _is_integer(max_length) and len(value) > max_length:
            self.add(errors, path, "length_max", limit=max_length)
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not _compiled(pattern).search(value):
            self.add(errors, path, "regex")
        fmt = schema.get("format")
        checked = _FORMAT_CHECKS.get(fmt) if isinstance(fmt, str) else None
        if checked is not None and not checked[1](value):
            self.add(errors, path, checked[0])

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
        self,
        schema: Mapping[str, Any],
        facts: _Facts,
        value: Mapping[Any, Any],
        path: str,
        errors: FieldErrors,
    ) -> None:
        properties = facts.properties
        required_names = facts.required
        for name, subschema in properties.items():
            present = name in value
            if not present and name not in required_names:
                continue  # an optional field left out: nothing to check, no path to build
            child = value.get(name)
            if name in required_names and (
                not present
                or (isinstance(child, str) and child == "")
                or (child is None and not self.accepts_null(subschema))
            ):
                self.add(errors, _join(path, name), "blank")
            else:
                self.walk(subschema, child, _join(path, name), errors)
        for name in facts.required_only:
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
        names: list[str] = []
        for branch in branches:
            resolved = self.resolve(branch)
            found = _type_names(resolved.get("type")) if isinstance(resolved, Mapping) else None
            if found is None:  # a branch without a type: no message can list the types
                names = []
                break
            names.extend(name for name in found if name not in names)
        if value is not None and names and not any(_has_type(value, name) for name in names):
            self.add(errors, path, "type", type=_type_label(names))
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
        declared = _type_names(resolved.get("type")) if isinstance(resolved, Mapping) else None
        expected = declared or ()
        try:
            if "integer" in expected and _compiled(_INTEGER_TEXT_PATTERN).fullmatch(value):
                return int(value)
            if "number" in expected and _compiled(_DECIMAL_PATTERN).fullmatch(value):
                if _compiled(_INTEGER_TEXT_PATTERN).fullmatch(value):
                    return int(value)
                return float(value)  # too many digits give inf, which is then not a number
        except ValueError:  # more digits than int() converts: left as text, a type error
            return value
        if "boolean" in expected and value in _BOOLEAN_TEXTS:
            return _BOOLEAN_TEXTS[value]
        return value


# --------------------------------------------------------------------------- business rules
#
# Rules the document can only say in prose. Each runs after the schema checks of the named
# schema's object, and leaves alone a field that already has an error (no duplicate messages).
# Each is declared in _RULE_SET below with the schema it applies to and the fields it reads, so
# that check_rules() can refuse a schemas.json in which a rule would silently never apply.

_Rule = Callable[[_Validator, Mapping[Any, Any], str, FieldErrors], None]

#: Trailers (no engine, no seats): vehicle types O1-O4. [contract: decision]
_TRAILER_TYPES: Final = frozenset({"O1", "O2", "O3", "O4"})


def _require(
    validator: _Validator,
    obj: Mapping[Any, Any],
    path: str,
    names: tuple[str, ...],
    errors: FieldErrors,
) -> None:
    for name in names:
        if _is_blank(obj.get(name)):  # the path is built only for a blank field
            where = _join(path, name)
            if where not in errors:
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
    latest = validator.today.year + 1
    if _is_integer(year) and year > latest:
        where = _join(path, "yearOfConstruction")
        if where not in errors:
            validator.add(errors, where, "lte", value=latest)
    vehicle_type, fuel = vehicle.get("vehicleType"), vehicle.get("fuelType")
    trailer = isinstance(vehicle_type, str) and vehicle_type in _TRAILER_TYPES
    if not trailer and fuel != "electric":
        _require(validator, vehicle, path, ("engineDisplacement",), errors)
    if not trailer:
        _require(validator, vehicle, path, ("enginePower", "seats"), errors)
    value = vehicle.get("marketValue")
    if isinstance(value, str) and not _compiled(_DECIMAL_PATTERN).fullmatch(value):
        where = _join(path, "marketValue")
        if where not in errors:
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
    number = person.get("taxId")
    where = _join(path, "taxId")
    if foreign or not isinstance(number, str) or number == "" or where in errors:
        return
    if legal and not tax_id.is_valid_cui(number):
        validator.add(errors, where, "cui")
    elif not legal and not tax_id.is_valid_cnp(number, today=validator.today):
        validator.add(errors, where, "cnp")


def _driver_rules(
    validator: _Validator, driver: Mapping[Any, Any], path: str, errors: FieldErrors
) -> None:
    """Driver (``vehicle.driver[]``): ``taxId`` is a valid CNP.

    [contract: drivers carry ``taxId``, the sibling RCA API's CNP; decision: a driver is a natural
    person and the schema has no ``isForeignPerson``, so the CNP is always checked - foreign
    residents have one too, starting with 7, 8 or 9.]
    """
    number = driver.get("taxId")
    where = _join(path, "taxId")
    if (
        isinstance(number, str)
        and number != ""
        and where not in errors
        and not tax_id.is_valid_cnp(number, today=validator.today)
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


@dataclass(frozen=True)
class Rule:
    """A hand-written business rule and what it needs from schemas.json to ever apply.

    Attributes:
        name: the rule's name in error messages (``"vehicle"``).
        schema: the schema name whose objects it checks, wherever they occur in a request; the
            generation step pins this name onto the vendor's document (openapi/pins.yaml).
        reads: each field the rule reads -> the JSON type it must be able to hold for the rule to
            act (``"integer"`` for a year compared with a number), or None when the rule acts on
            whatever the field holds (a "required unless" rule asks only whether it is blank).
        check: the rule itself.
        compares: field -> the values the rule compares it with; each must stay among the
            field's ``enum`` values when the schema has an enum.
    """

    name: str
    schema: str
    reads: Mapping[str, str | None]
    check: _Rule
    compares: Mapping[str, tuple[object, ...]] = field(default_factory=dict)


_VEHICLE_READS: Final[Mapping[str, str | None]] = {
    "yearOfConstruction": "integer",
    "vehicleType": "string",
    "fuelType": "string",
    "engineDisplacement": None,
    "enginePower": None,
    "seats": None,
    # Only a string is checked; a schema that no longer admits strings refuses them itself.
    "marketValue": None,
}
_VEHICLE_COMPARES: Final[Mapping[str, tuple[object, ...]]] = {
    "vehicleType": tuple(sorted(_TRAILER_TYPES)),
    "fuelType": ("electric",),
}

#: Every business rule, with its schema and the fields it reads.
_RULE_SET: Final[tuple[Rule, ...]] = (
    Rule("vehicle", "Vehicle", _VEHICLE_READS, _vehicle_rules, _VEHICLE_COMPARES),
    Rule("vehicle", "VehicleData", _VEHICLE_READS, _vehicle_rules, _VEHICLE_COMPARES),
    Rule(
        "person",
        "Person",
        {
            "isLegalEntity": "boolean",
            "isForeignPerson": "boolean",
            "businessName": None,
            "lastName": None,
            "firstName": None,
            "taxId": "string",
        },
        _person_rules,
    ),
    Rule("driver", "Driver", {"taxId": "string"}, _driver_rules),
    Rule("payment", "PaymentData", {"amount": "number"}, _payment_rules),
    Rule("motor", "MotorData", {"startDate": "string"}, _motor_rules),
)


def _rules_by_schema(rules: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    found: dict[str, tuple[Rule, ...]] = {}
    for rule in rules:
        found[rule.schema] = (*found.get(rule.schema, ()), rule)
    return found


#: Schema name -> its rules, as the walker applies them.
_RULES: Final[dict[str, tuple[Rule, ...]]] = _rules_by_schema(_RULE_SET)


# --------------------------------------------------------------------------- rule targets
#
# A rule applies only where the walker meets its schema by name, and reads only the fields it
# names: a renamed schema or field would make it stop applying without a word. check_rules()
# makes that a load error instead.

#: Keywords whose values are data, not schemas: a "$ref" inside an example is not a reference.
_DATA_KEYWORDS: Final = frozenset({"example", "examples", "default", "const", "enum"})


class RuleProblem(NamedTuple):
    """Why one business rule would not apply: its schema or a field it reads is not there."""

    rule: str
    schema: str
    field: str | None
    reason: str


class RuleTargetError(Exception):
    """schemas.json lacks what a business rule needs, so the rule would be silently skipped.

    ``problems`` lists each rule and its missing schema or field; the message is one line naming
    them. Fix the rule (casco_async/_validation.py) or the pin of the schema's name
    (openapi/pins.yaml) so that the rule applies again.
    """

    def __init__(self, problems: tuple[RuleProblem, ...]) -> None:
        self.problems = problems
        listed = "; ".join(
            f"business rule {problem.rule!r} on {problem.schema}: {problem.reason}"
            for problem in problems
        )
        super().__init__(
            f"{listed} (rules: casco_async/_validation.py; schema names: openapi/pins.yaml)"
        )


def _target(schemas: Mapping[str, Any], schema: Any) -> Any:
    """``schema`` with its ``$ref`` chain followed; None for a dangling or cyclic reference."""
    for _ in range(64):
        if not (isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str)):
            return schema
        schema = schemas.get(schema["$ref"].removeprefix(_SCHEMA_PREFIX))
    return None


def _branches(schema: Mapping[str, Any], keyword: str) -> list[Any]:
    found = schema.get(keyword)
    return found if isinstance(found, list) else []


def _properties(schemas: Mapping[str, Any], schema: Any, depth: int = 0) -> dict[str, list[Any]]:
    """Property name -> its schemas, through ``$ref`` and ``allOf``/``anyOf``/``oneOf``.

    The walker checks an object against all of these, and a rule runs on the object whichever
    branch declares the field, so a field in any of them counts.
    """
    resolved = _target(schemas, schema)
    found: dict[str, list[Any]] = {}
    if not isinstance(resolved, Mapping) or depth > 64:
        return found
    own = resolved.get("properties")
    if isinstance(own, Mapping):
        for name, subschema in own.items():
            found.setdefault(str(name), []).append(subschema)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in _branches(resolved, keyword):
            for name, subschemas in _properties(schemas, branch, depth + 1).items():
                found.setdefault(name, []).extend(subschemas)
    return found


def _admitted_types(schemas: Mapping[str, Any], schema: Any, depth: int = 0) -> set[str] | None:
    """The JSON types ``schema`` lets through, or None when it does not constrain the type."""
    resolved = _target(schemas, schema)
    if not isinstance(resolved, Mapping) or depth > 64:
        return None
    names = _type_names(resolved.get("type"))
    admitted = None if names is None else set(names)
    for keyword in ("anyOf", "oneOf"):
        union: set[str] | None = set()
        for branch in _branches(resolved, keyword):
            found = _admitted_types(schemas, branch, depth + 1)
            if found is None or union is None:
                union = None
            else:
                union |= found
        if union:
            admitted = union if admitted is None else admitted & union
    for branch in _branches(resolved, "allOf"):
        found = _admitted_types(schemas, branch, depth + 1)
        if found is not None:
            admitted = found if admitted is None else admitted & found
    return admitted


def _enum_values(schemas: Mapping[str, Any], schema: Any, depth: int = 0) -> list[Any] | None:
    """The values an ``enum``/``const`` allows, or None when the schema lists none."""
    resolved = _target(schemas, schema)
    if not isinstance(resolved, Mapping) or depth > 64:
        return None
    if "const" in resolved:
        return [resolved["const"]]
    if isinstance(resolved.get("enum"), list):
        return list(resolved["enum"])
    for keyword in ("anyOf", "oneOf"):
        branches = _branches(resolved, keyword)
        found = [_enum_values(schemas, branch, depth + 1) for branch in branches]
        if branches and all(values is not None for values in found):
            return [value for values in found for value in values or ()]
    for branch in _branches(resolved, "allOf"):
        values = _enum_values(schemas, branch, depth + 1)
        if values is not None:
            return values
    return None


def _refs(node: Any) -> Iterator[str]:
    """The schema names ``node`` references, at any depth."""
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SCHEMA_PREFIX):
            yield ref.removeprefix(_SCHEMA_PREFIX)
        for key, child in node.items():
            if key not in _DATA_KEYWORDS:
                yield from _refs(child)
    elif isinstance(node, list):
        for child in node:
            yield from _refs(child)


def _reached(schemas: Mapping[str, Any], operations: Mapping[str, Any]) -> set[str]:
    """The schema names some operation's request body or parameters reach."""
    pending: list[str] = []
    for declared in operations.values():
        if not isinstance(declared, Mapping):
            continue
        if isinstance(declared.get("body"), str):
            pending.append(declared["body"])
        for location in ("query", "path_params"):
            pending.extend(_refs(declared.get(location)))
    reached: set[str] = set()
    while pending:
        name = pending.pop()
        if name in reached or name not in schemas:
            continue
        reached.add(name)
        pending.extend(_refs(schemas[name]))
    return reached


def _admits(admitted: set[str] | None, needed: str) -> bool:
    # An integer is a number: a rule reading a number works on an integer field.
    return admitted is None or needed in admitted or (needed == "number" and "integer" in admitted)


def _rule_problems(
    rule: Rule, schemas: Mapping[str, Any], reached: set[str] | None
) -> Iterator[RuleProblem]:
    if rule.schema not in schemas:
        yield RuleProblem(
            rule.name, rule.schema, None, f"schema {rule.schema} is not in schemas.json"
        )
        return
    if reached is not None and rule.schema not in reached:
        yield RuleProblem(
            rule.name,
            rule.schema,
            None,
            f"schema {rule.schema} is not reached from any operation's request",
        )
    properties = _properties(schemas, {"$ref": _SCHEMA_PREFIX + rule.schema})
    for name, needed in rule.reads.items():
        where = f"{rule.schema}.{name}"
        if name not in properties:
            yield RuleProblem(
                rule.name, rule.schema, name, f"reads {where}, which is not among its properties"
            )
            continue
        if needed is not None:
            admitted: set[str] | None = set()
            for subschema in properties[name]:
                found = _admitted_types(schemas, subschema)
                admitted = None if found is None or admitted is None else admitted | found
            if not _admits(admitted, needed):
                yield RuleProblem(
                    rule.name,
                    rule.schema,
                    name,
                    f"reads {where} as {needed}, which its schema does not allow "
                    f"({_type_label(sorted(admitted or ()))})",
                )
        allowed: list[Any] = []
        for subschema in properties[name]:
            values = _enum_values(schemas, subschema)
            if values is None:
                allowed = []
                break
            allowed.extend(values)
        for value in rule.compares.get(name, ()):
            if allowed and not any(_same(value, choice) for choice in allowed):
                yield RuleProblem(
                    rule.name,
                    rule.schema,
                    name,
                    f"compares {where} with {_literal(value)}, which its enum no longer lists",
                )


def check_rules(
    schemas: Mapping[str, Any],
    operations: Mapping[str, Any] | None = None,
    *,
    rules: tuple[Rule, ...] = _RULE_SET,
) -> None:
    """Refuse schemas in which a business rule would be silently skipped.

    Every rule's schema must be among ``schemas`` (the ``components.schemas`` of schemas.json),
    every field it reads among that schema's properties (through ``$ref`` and ``allOf``/``anyOf``/
    ``oneOf``, as the validator walks them) and able to hold the type the rule reads, and every
    value it compares a field with among the field's enum values. Given ``operations`` (the
    ``operations`` of schemas.json), each rule's schema must also be reached from some request.

    Called by ``scripts/export_schemas.py`` (so ``make generate`` fails) and when the validator
    first loads schemas.json (so the SDK and the sandbox cannot run with a dead rule).

    Raises:
        RuleTargetError: naming each rule and its missing schema or field.
    """
    reached = None if operations is None else _reached(schemas, operations)
    problems = tuple(
        problem for rule in rules for problem in _rule_problems(rule, schemas, reached)
    )
    if problems:
        raise RuleTargetError(problems)


# --------------------------------------------------------------------------- the fast path
#
# Nearly every body validated is valid (the SDK checks each request before sending it, the sandbox
# each request it gets), and for a valid body all the walker's bookkeeping - error paths, message
# lookups, re-reading each node's keywords through `_facts` - is work thrown away: a bulk run of
# quotes spent a quarter of its client CPU there. So each schema node is also compiled, once, into
# a predicate that only answers "would the walker report nothing for this value?". `validate` and
# `validate_operation` return ``{}`` when it says yes, and otherwise run the walker, which stays
# the one source of every message, path and order.
#
# Exact by construction: each predicate takes the walker's branches in the walker's order over the
# same facts, type/format/bound checks and rules (the shared `_TYPE_CHECKS`, `_FORMAT_CHECKS`,
# `_Bounds`, `_RULES`). Whatever is awkward to mirror is refused (answered False), which only
# costs the walker's run: a non-dict mapping as an object, a node whose compilation or
# ``accepts_null`` raises, any exception while a predicate runs. A predicate may say False where
# the walker finds nothing; it must never say True where the walker finds an error.
#
# A business rule is run as it is, on a fresh errors dict, and accepts only if it adds nothing.
# That equals its run inside the walker: the walker reaches a rule after the schema checks of its
# object, and when the predicate gets that far, those checks (and all before them) found nothing,
# so the walker's errors dict would be empty too and every "field already has an error" test of
# the rule reads alike.
#
# The document's nodes are treated as immutable once loaded (as `_facts` already does); compiled
# predicates are kept per node, keyed by identity, for each schemas mapping the validator is given.

#: A compiled node: whether the walker would find no error in the value. The validator carries
#: ``today`` for the business rules.
_Accepts = Callable[[Any, _Validator], bool]


def _accept(value: Any, validator: _Validator) -> bool:
    return True


def _refuse(value: Any, validator: _Validator) -> bool:
    return False


def _every_check(checks: list[Callable[[str], bool]]) -> Callable[[str], bool] | None:
    """One string check made of several; None when there is none to make."""
    if not checks:
        return None
    if len(checks) == 1:
        return checks[0]
    every = tuple(checks)
    return lambda text: all(check(text) for check in every)


def _non_empty(text: str) -> bool:
    return len(text) >= 1


def _string_check(schema: Mapping[str, Any]) -> Callable[[str], bool] | None:
    """The walker's `_Validator._string`, as one test; None when it checks nothing."""
    checks: list[Callable[[str], bool]] = []
    min_length, max_length = schema.get("minLength"), schema.get("maxLength")
    if min_length == 1 and _is_integer(min_length):
        checks.append(_non_empty)  # the document's usual one, which a required field implies
    elif _is_integer(min_length):
        checks.append(lambda text: len(text) >= min_length)
    if _is_integer(max_length):
        checks.append(lambda text: len(text) <= max_length)
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        search = _compiled(pattern).search
        checks.append(lambda text: search(text) is not None)
    fmt = schema.get("format")
    checked = _FORMAT_CHECKS.get(fmt) if isinstance(fmt, str) else None
    if checked is not None:
        checks.append(checked[1])
    return _every_check(checks)


class _Compiler:
    """The acceptance predicates of one schemas mapping's nodes, each compiled on first use."""

    __slots__ = ("_compiled", "_dicts_only", "_exact", "_resolver", "_schemas")

    def __init__(self, schemas: Mapping[str, Any]) -> None:
        self._schemas = schemas
        # The walker's own `accepts_null` and `resolve`, read at compile time (today is unused).
        self._resolver = _Validator(schemas, lang="en", today=datetime.date.min)
        # id(node) -> (node, predicate); the node is kept so that its id is not reused meanwhile.
        self._compiled: dict[int, tuple[object, _Accepts]] = {}
        # predicate -> (T, check) where, for a value of exactly type T, the predicate equals
        # ``check(value)`` (None: True): an object's fields of the plain kinds skip the call.
        self._exact: dict[_Accepts, tuple[type, Callable[[Any], bool] | None]] = {}
        # Predicates that accept nothing but a dict: neither null nor a string, the values a
        # required field calls blank, so such a required field needs no blank test of its own.
        self._dicts_only: set[_Accepts] = set()

    def accepts(self, schema: Any) -> _Accepts:
        """The predicate of ``schema``, compiled on the first call for this node."""
        cached = self._compiled.get(id(schema))
        if cached is not None and cached[0] is schema:
            return cached[1]
        if len(self._compiled) >= _MAX_FACTS:
            self._compiled.clear()  # nodes from outside the document (never in the SDK's own use)
        # A node reached again while it is being compiled (a recursive schema) gets a stand-in
        # that calls the finished predicate: compiling stays finite, values are finite anyway.
        finished: list[_Accepts] = []

        def pending(value: Any, validator: _Validator) -> bool:
            return finished[0](value, validator)

        self._compiled[id(schema)] = (schema, pending)
        try:
            predicate = self._node(schema)
        except Exception:  # e.g. a pattern `re` cannot compile: the walker will say (or raise)
            predicate = _refuse
        finished.append(predicate)
        self._compiled[id(schema)] = (schema, predicate)
        return predicate

    def _accepts_null(self, schema: Any) -> bool | None:
        """The walker's `accepts_null`; None where it raises (then a null value is refused)."""
        try:
            return self._resolver.accepts_null(schema)
        except Exception:
            return None

    def _node(self, schema: Any) -> _Accepts:
        """`_Validator.walk` as a predicate, specialised to the node."""
        if type(schema) is not dict and not isinstance(schema, Mapping):
            return _accept
        facts = _facts(schema)
        if facts.ref is not None:
            return self._reference(facts.ref)
        null_ok = self._accepts_null(schema)
        typed = facts.typed
        type_ok = facts.type_check
        enum = facts.enum
        enum_ok = None if enum is None else enum.check
        has_const = facts.has_const
        const = schema.get("const")
        string_ok = _string_check(schema) if facts.string else None
        object_ok = self._object(schema, facts)
        array_ok = self._array(schema)
        bounds = facts.bounds
        every = tuple(self.accepts(branch) for branch in facts.all_of or ())
        any_of = tuple(tuple(self.accepts(branch) for branch in group) for group in facts.any_of)

        names = facts.types
        if not (has_const or every or any_of) and names is not None and len(names) == 1:
            shape = _shaped(names[0], type_ok, enum, string_ok, object_ok, array_ok, bounds)
            if shape is not None:
                accepts = shape.accepts
                if null_ok:
                    shaped = accepts
                    accepts = lambda value, validator: value is None or shaped(value, validator)  # noqa: E731
                # else a null value fails the type test, as in the walker
                if shape.exact is not None:
                    self._exact[accepts] = (shape.exact, shape.check)
                if shape.dicts_only and not null_ok:
                    self._dicts_only.add(accepts)
                return accepts

        def accepts_node(value: Any, validator: _Validator) -> bool:
            if value is None:
                if null_ok:
                    return True
                if null_ok is None or typed:
                    return False
            if type_ok is not None and not type_ok(value):
                return False
            if enum_ok is not None and not enum_ok(value):
                return False
            if has_const and not _same(value, const):
                return False
            if isinstance(value, str):
                if string_ok is not None and not string_ok(value):
                    return False
            # The walker's dispatch, less the branches without checks: a mapping then goes on to
            # the tests below, which can only refuse more (for a class that is two kinds at once).
            elif object_ok is not None and (type(value) is dict or isinstance(value, Mapping)):
                if not object_ok(value, validator):
                    return False
            elif array_ok is not None and isinstance(value, list | tuple):
                if not array_ok(value, validator):
                    return False
            elif (
                bounds is not None
                and _is_number(value)
                and (bounds.too_low(value) or bounds.too_high(value))
            ):
                return False
            for branch in every:
                if not branch(value, validator):
                    return False
            for group in any_of:  # loops, not any()/all(): no generator per value
                for branch in group:
                    if branch(value, validator):
                        break
                else:
                    return False
            return True

        return accepts_node

    def _reference(self, name: str) -> _Accepts:
        """A ``$ref`` node: its schema's predicate, then the business rules of that schema."""
        if name not in self._schemas:
            return _refuse  # the walker raises KeyError; let it
        target = self.accepts(self._schemas[name])
        checks = tuple(rule.check for rule in _RULES.get(name, ()))
        if not checks:
            return target

        def accepts_reference(value: Any, validator: _Validator) -> bool:
            if not target(value, validator):
                return False
            if type(value) is dict or isinstance(value, Mapping):
                for check in checks:
                    found: FieldErrors = {}
                    check(validator, value, "", found)
                    if found:
                        return False
            return True

        if target in self._dicts_only:  # it asks the target first
            self._dicts_only.add(accepts_reference)
        return accepts_reference

    def _object(self, schema: Mapping[str, Any], facts: _Facts) -> _Accepts | None:
        """`_Validator._object` as a predicate of a ``dict``; None when it checks nothing.

        It reads the dict's items once rather than looking up every property (most are optional
        and absent), which a dict allows: whether every required name is there is one ``keys()``
        comparison, done in C. Other mappings are refused, for the walker to decide.
        """
        properties = facts.properties
        extra = schema.get("additionalProperties")
        if not (properties or facts.required_only or isinstance(extra, Mapping)):
            return None
        fields: dict[str, _Accepts] = {}
        # name -> T: a value of exactly type T passes the field as it is (its predicate reduces
        # to the type test, and it cannot be blank), so the loop skips the call.
        plain: dict[str, type] = {}
        for name, subschema in properties.items():
            accepts = self.accepts(subschema)
            exact, check = self._exact.get(accepts, (None, None))
            if name in facts.required:
                null_ok = self._accepts_null(subschema)
                if accepts in self._dicts_only and null_ok is False:
                    fields[name] = accepts  # it refuses null and "" (blank) itself
                else:
                    fields[name] = _required_field(accepts, exact, check, null_ok)
                if exact is not None and exact is not str and check is None:
                    plain[name] = exact
            else:
                fields[name] = _optional_field(accepts, exact, check)
                if exact is not None and check is None:
                    plain[name] = exact
        required = frozenset(name for name in properties if name in facts.required)
        required_only = facts.required_only
        extra_ok = self.accepts(extra) if isinstance(extra, Mapping) else None
        plain_type, field_of = plain.get, fields.get

        if extra_ok is None and not required_only:

            def accepts_fields(value: Any, validator: _Validator) -> bool:
                if type(value) is not dict or not value.keys() >= required:
                    return False  # another mapping: the walker's; a required name missing: blank
                for name, child in value.items():
                    if type(child) is plain_type(name):  # never for a name not in `plain`
                        continue
                    field = field_of(name)
                    if field is not None and not field(child, validator):
                        return False
                return True  # names that are not properties are ignored

            return accepts_fields

        def accepts_object(value: Any, validator: _Validator) -> bool:
            if type(value) is not dict or not value.keys() >= required:
                return False
            for name, child in value.items():
                field = field_of(name)
                if field is not None:
                    if not field(child, validator):
                        return False
                elif extra_ok is not None and not extra_ok(child, validator):
                    return False  # not a property: ignored, unless additionalProperties says
            return not any(_is_blank(value.get(name)) for name in required_only)

        return accepts_object

    def _array(self, schema: Mapping[str, Any]) -> _Accepts | None:
        """`_Validator._array` as a predicate; None when it checks nothing."""
        min_items, max_items = schema.get("minItems"), schema.get("maxItems")
        low = min_items if _is_integer(min_items) else None
        high = max_items if _is_integer(max_items) else None
        items = schema.get("items")
        item_ok = self.accepts(items) if isinstance(items, Mapping) else None
        if low is None and high is None and item_ok is None:
            return None

        def accepts_array(value: Any, validator: _Validator) -> bool:
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                return False
            return item_ok is None or all(item_ok(item, validator) for item in value)

        return accepts_array


def _optional_field(
    accepts: _Accepts, exact: type | None, check: Callable[[Any], bool] | None
) -> _Accepts:
    """An optional property's check of the value it is given: the walker walks it."""
    if exact is None:
        return accepts
    if check is None:
        return lambda child, validator: type(child) is exact or accepts(child, validator)
    exact_ok = check
    return lambda child, validator: (
        exact_ok(child) if type(child) is exact else accepts(child, validator)
    )


def _required_field(
    accepts: _Accepts,
    exact: type | None,
    check: Callable[[Any], bool] | None,
    null_ok: bool | None,
) -> _Accepts:
    """A required property's check of its (present) value, as `_Validator._object` has it: ``""``
    is blank; ``None`` is blank unless the property allows null, then it is walked as null
    (``null_ok`` None: `accepts_null` raised, the walker will too)."""

    def required_field(child: Any, validator: _Validator) -> bool:
        if child is None:
            return null_ok is True and accepts(None, validator)
        if isinstance(child, str) and child == "":
            return False
        return accepts(child, validator)

    # The same for a value of the exact type, without the calls; of the exact types (str, int,
    # bool, dict) only a str can be blank, and an exact str is blank when it equals "" - which
    # also says all that minLength 1 says.
    if exact is str and check is _non_empty:
        check = None
    if exact is str:
        if check is None:
            return lambda child, validator: (
                child != "" if type(child) is str else required_field(child, validator)
            )
        text_ok = check
        return lambda child, validator: (
            (child != "" and text_ok(child))
            if type(child) is str
            else required_field(child, validator)
        )
    if exact is not None:
        if check is None:
            return lambda child, validator: type(child) is exact or required_field(child, validator)
        exact_ok = check
        return lambda child, validator: (
            exact_ok(child) if type(child) is exact else required_field(child, validator)
        )
    return required_field


def _accepts_string(value: Any, validator: _Validator) -> bool:
    return isinstance(value, str)


class _Shape(NamedTuple):
    """A node's predicate, and what it reduces to for a value of one exact type."""

    accepts: _Accepts
    exact: type | None  # for a value of exactly this type (a bool is not an int here) ...
    check: Callable[[Any], bool] | None  # ... the predicate is this check (None: True)
    dicts_only: bool = False  # the predicate refuses every value that is not a dict


def _shaped(
    name: str,
    type_ok: Callable[[object], bool] | None,
    enum: _Enum | None,
    string_ok: Callable[[str], bool] | None,
    object_ok: _Accepts | None,
    array_ok: _Accepts | None,
    bounds: _Bounds | None,
) -> _Shape | None:
    """The predicate of a node with one type name and no const/allOf/anyOf, when it has one of
    the document's common shapes; None for the general `_Compiler._node` predicate.

    After the type test only that type's checks can apply: the walker dispatches a string to the
    string keywords, a mapping to the object ones, and so on. The conditions below rule out the
    classes that are two of those at once (an ``int`` that is also a ``Mapping``), which the walker
    sends down its first matching branch. A null value fails every type test here (no ``null``).
    """
    if type_ok is None:
        return None
    if name == "string":
        if enum is None and string_ok is None:
            return _Shape(_accepts_string, str, None)
        if enum is None and string_ok is not None:
            text_ok = string_ok
            return _Shape(
                lambda value, validator: isinstance(value, str) and text_ok(value), str, text_ok
            )
        if string_ok is None and enum is not None:
            choice_ok = enum.check
            return _Shape(
                lambda value, validator: isinstance(value, str) and choice_ok(value),
                str,
                enum.texts.__contains__,
            )
        return None
    if name in ("integer", "number") and object_ok is None and array_ok is None:
        # An exact int passes both type tests (`_is_integer`, `_is_number`); a float is left to
        # the predicate (the number test also asks for a finite one).
        number_ok = type_ok
        if enum is None and bounds is None:
            return _Shape(lambda value, validator: number_ok(value), int, None)
        if enum is None and bounds is not None:
            too_low, too_high = bounds.too_low, bounds.too_high

            def within(value: Any) -> bool:
                return not too_low(value) and not too_high(value)

            return _Shape(lambda value, validator: number_ok(value) and within(value), int, within)
        if bounds is None and enum is not None:
            choice_ok = enum.check
            return _Shape(
                lambda value, validator: number_ok(value) and choice_ok(value),
                int,
                enum.numbers.__contains__,
            )
        return None
    if name == "boolean" and enum is None:
        return _Shape(lambda value, validator: isinstance(value, bool), bool, None)
    if name == "object" and enum is None:
        # A dict only: another mapping is left to the walker (as `_Compiler._object` does).
        if object_ok is None:
            return _Shape(lambda value, validator: type(value) is dict, dict, None, dicts_only=True)
        # The fields' predicate refuses anything but a dict itself.
        return _Shape(object_ok, None, None, dicts_only=True)
    if name == "array" and enum is None and object_ok is None:
        if array_ok is None:
            return _Shape(lambda value, validator: isinstance(value, list | tuple), None, None)
        items_ok = array_ok
        return _Shape(
            lambda value, validator: isinstance(value, list | tuple) and items_ok(value, validator),
            None,
            None,
        )
    return None


_MISSING: Final = object()
#: id(schemas) -> (schemas, its compiler): the document, or one a test put in its place.
_COMPILERS: dict[int, tuple[Mapping[str, Any], _Compiler]] = {}


def _compiler(schemas: Mapping[str, Any]) -> _Compiler:
    cached = _COMPILERS.get(id(schemas))
    if cached is not None and cached[0] is schemas:
        return cached[1]
    if len(_COMPILERS) >= 8:
        _COMPILERS.clear()
    compiler = _Compiler(schemas)
    _COMPILERS[id(schemas)] = (schemas, compiler)
    return compiler


def _fast_accepts(
    schemas: Mapping[str, Any], schema: Any, value: object, validator: _Validator
) -> bool:
    """Whether the walker would find no error in ``value`` against ``schema``, from the compiled
    predicate; False also when the predicate cannot tell (it raised): the walker then decides."""
    try:
        return _compiler(schemas).accepts(schema)(value, validator)
    except Exception:  # the walker reports (or raises) whatever this was
        return False


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
    validator = _Validator(schemas, lang=lang, today=today or vendor_today())
    root = _root(schema_name)
    if _fast_accepts(schemas, root, value, validator):
        return {}  # what the walker would find: nothing (see "the fast path")
    errors: FieldErrors = {}
    validator.walk(root, value, "", errors)
    return errors


def validate_operation(
    operation: str,
    *,
    body: object = None,
    query: Mapping[str, object] | None = None,
    path: Mapping[str, object] | None = None,
    headers: Mapping[str, object] | None = None,
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
    ``headers`` (names in any case) are validated only where given and declared by the operation
    (``Content-Language`` on the body operations; ``Token`` is never a field): the SDK sets its
    headers itself and refuses a bad language at construction, the sandbox passes what it got.

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
    schemas = document["schemas"]
    validator = _Validator(schemas, lang=lang, today=today or vendor_today())
    parts = (declared, validator, body, query, path, headers)
    if all(
        part.schema is not None and _fast_accepts(schemas, part.schema, part.value, validator)
        for part in _operation_parts(*parts)
    ):
        return {}  # what the walker would find: nothing (see "the fast path")
    errors: FieldErrors = {}
    for part in _operation_parts(*parts):
        if part.schema is None:
            validator.add(errors, part.path, "blank")
        else:
            validator.walk(part.schema, part.value, part.path, errors)
    return errors


class _Part(NamedTuple):
    """One value of a call to validate: a parameter, a header or the body."""

    path: str  # where its errors go: the parameter's or header's name, "" for the body
    schema: Any  # None: a required parameter left blank
    value: object  # a parameter's text already converted (`_Validator.parameter`)


#: The schema of a parameter that declares none: one node, so that its facts and predicate are
#: read once (a fresh ``{}`` per call would be a new node each time).
_NO_SCHEMA: Final[Mapping[str, Any]] = MappingProxyType({})


def _operation_parts(
    declared: Mapping[str, Any],
    validator: _Validator,
    body: object,
    query: Mapping[str, object] | None,
    path: Mapping[str, object] | None,
    headers: Mapping[str, object] | None,
) -> Iterator[_Part]:
    """What `validate_operation` checks, in its order: path and query parameters, the declared
    headers that are given, the body. The one reading of a call, for the fast path and the walker.
    """
    for given, parameters in ((path, declared["path_params"]), (query, declared["query"])):
        values: Mapping[str, object] = given or {}
        for name, spec in parameters.items():
            value = values.get(name)
            if _is_blank(value):
                if spec.get("required"):
                    yield _Part(name, None, None)
                continue
            schema = spec.get("schema", _NO_SCHEMA)
            yield _Part(name, schema, validator.parameter(schema, value))
    given_headers = {str(name).lower(): value for name, value in (headers or {}).items()}
    for name, spec in declared.get("headers", {}).items():
        value = given_headers.get(name.lower())
        if value is not None:
            schema = spec.get("schema", _NO_SCHEMA)
            yield _Part(name, schema, validator.parameter(schema, value))
    body_schema = declared.get("body")
    if isinstance(body_schema, str):
        yield _Part("", _root(body_schema), {} if body is None else body)
