"""The validator's fast path: compiled predicates that say exactly when the walker finds nothing.

`validate` and `validate_operation` return ``{}`` when a node's compiled predicate accepts the
value, and run the walker otherwise, so the walker stays the only source of messages. These tests
hold the predicate to ``accepts(x) == (walker(x) == {})`` on valid bodies of every body operation
mutated at random (fields deleted, set to null, "", wrong types, out-of-range numbers, bad dates,
CNPs and CUIs, unknown enum values, extra keys; trailers, electric vehicles, legal entities,
foreign persons, owners and drivers), on random JSON against every schema, on hand-written
schemas in OpenAPI 3.1 spelling and on operation calls with parameters and headers; and check
that a valid body never reaches the walker while an invalid one gets exactly the walker's errors.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import json
import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any
from unittest import mock

import pytest
import support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casco_async import _validation
from casco_async._insurers import KNOWN_INSURERS
from casco_async._validation import validate, validate_operation
from casco_async.samples import sample_quote_request

SCHEMAS_JSON = Path(__file__).resolve().parents[2] / "generated/casco_async_generated/schemas.json"
TODAY = datetime.date(2027, 1, 18)
START = TODAY + datetime.timedelta(days=7)
EXAMPLES = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# --------------------------------------------------------------------------- the two answers


def walker(schema_name: str, value: Any, today: datetime.date) -> dict[str, list[str]]:
    """The walker's errors alone, as `validate` gave them before the fast path."""
    schemas = _validation._document()["schemas"]
    found: dict[str, list[str]] = {}
    validator = _validation._Validator(schemas, lang="en", today=today)
    validator.walk(_validation._root(schema_name), value, "", found)
    return found


def accepts(schema_name: str, value: Any, today: datetime.date) -> bool:
    """The compiled predicate's answer."""
    schemas = _validation._document()["schemas"]
    validator = _validation._Validator(schemas, lang="en", today=today)
    return _validation._fast_accepts(schemas, _validation._root(schema_name), value, validator)


def assert_exact(schema_name: str, value: Any, today: datetime.date) -> None:
    errors = walker(schema_name, value, today)
    assert accepts(schema_name, value, today) == (errors == {}), errors
    assert validate(schema_name, value, today=today) == errors


# --------------------------------------------------------------------------- valid bodies

_CNP = "1850312120013"
_DRIVERS = [
    {"lastName": "Popescu", "firstName": "Ioana", "taxId": "2850312120015"},
    {"lastName": "Ionescu", "firstName": "Mihai", "taxId": "5050505123453", "mobileNumber": "07"},
]


def _quote(insurer: str = "generali") -> dict[str, Any]:
    return sample_quote_request(insurer, start=START)


def _legal_entity() -> dict[str, Any]:
    body = _quote()
    holder = body["product"]["policyholder"]
    for name in ("lastName", "firstName", "gender", "birthdate", "drivingLicense"):
        del holder[name]
    holder |= {"isLegalEntity": True, "businessName": "Transporturi SRL", "taxId": "RO14399840"}
    return body


def _foreign_person() -> dict[str, Any]:
    body = _quote()
    body["product"]["policyholder"] |= {"isForeignPerson": True, "taxId": "X1234567"}
    return body


def _with_owner_and_drivers() -> dict[str, Any]:
    body = _quote()
    vehicle = body["product"]["vehicle"]
    vehicle["owner"] = copy.deepcopy(body["product"]["policyholder"])
    vehicle["driver"] = copy.deepcopy(_DRIVERS)
    body["product"]["motor"]["renewPolicy"] = {"series": "RO/05", "number": 100234}
    body["provider"]["authentication"] = {"account": "a", "password": "p", "code": "c"}
    return body


def _trailer() -> dict[str, Any]:
    body = _quote()
    vehicle = body["product"]["vehicle"]
    vehicle["vehicleType"] = "O2"
    for name in ("engineDisplacement", "enginePower", "seats", "fuelType"):
        del vehicle[name]
    return body


def _electric() -> dict[str, Any]:
    body = _quote()
    body["product"]["vehicle"] |= {"fuelType": "electric", "marketValue": "95000.00"}
    del body["product"]["vehicle"]["engineDisplacement"]
    return body


def _document_quote() -> dict[str, Any]:
    example = support.document()["components"]["schemas"]["QuoteRequest"]["example"]
    example["product"]["motor"]["startDate"] = START.isoformat()
    return dict(example)


_VEHICLE_DATA = [
    dict(support.VEHICLE),
    dict(support.VEHICLE, vehicleType="O1", engineDisplacement=None) | {"marketValue": "1.5"},
    {k: v for k, v in support.VEHICLE.items() if k != "engineDisplacement"}
    | {"fuelType": "electric", "vin": "X", "marketValue": 30000.5, "color": "red"},
]
_PAYMENT = {
    "method": "broker receipt",
    "currency": "EUR",
    "amount": 780.16,
    "date": TODAY.isoformat(),
    "documentNumber": "CH-1",
}

#: (schema, a body the walker finds valid on TODAY); the mutation tests start from these.
VALID: list[tuple[str, dict[str, Any]]] = [
    *(("QuoteRequest", _quote(insurer)) for insurer in KNOWN_INSURERS),
    ("QuoteRequest", _document_quote()),
    ("QuoteRequest", _legal_entity()),
    ("QuoteRequest", _foreign_person()),
    ("QuoteRequest", _with_owner_and_drivers()),
    ("QuoteRequest", _trailer()),
    ("QuoteRequest", _electric()),
    ("VehicleData", _VEHICLE_DATA[0]),
    ("VehicleData", {k: v for k, v in _VEHICLE_DATA[1].items() if v is not None}),
    ("VehicleData", _VEHICLE_DATA[2]),
    ("PolicyRequest", {"offerId": 12345, "payment": _PAYMENT}),
    ("PolicyRequest", {"offerId": 1.5, "payment": _PAYMENT | {"amount": 1, "method": "pos"}}),
]


@pytest.mark.parametrize(("schema_name", "body"), VALID)
def test_the_corpus_is_valid_and_accepted(schema_name: str, body: dict[str, Any]) -> None:
    # Valid to the walker (so that the mutations start from a valid body) and to the predicate.
    assert walker(schema_name, body, TODAY) == {}
    assert accepts(schema_name, body, TODAY)


# --------------------------------------------------------------------------- mutations

_PROPERTY_NAMES = sorted(
    {
        name
        for schema in json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))["schemas"].values()
        for name in schema.get("properties", {})
    }
)
# Values that sit on the edges of the document's keywords and of the business rules.
_POOL: list[Any] = [
    None,
    "",
    " ",
    "x",
    0,
    -1,
    1,
    2,
    4,
    5,
    12,
    13,
    -0.5,
    1.5,
    10**30,
    -(10**30),
    1e308,
    math.inf,
    math.nan,
    True,
    False,
    [],
    [{}],
    {},
    "O1",
    "O4",
    "M1",
    "electric",
    "diesel",
    "hybrid",
    "RON",
    "USD",
    "ZZ",
    "personal",
    "m",
    "CI",
    "pos",
    TODAY.isoformat(),
    (TODAY - datetime.timedelta(days=1)).isoformat(),
    (TODAY + datetime.timedelta(days=365)).isoformat(),
    (TODAY + datetime.timedelta(days=366)).isoformat(),
    "2027-02-30",
    "20270120",
    "2027-01-20T10:00:00Z",
    _CNP,
    "1850312120014",
    "5300101400011",
    "7900101400013",
    "14399840",
    "RO14399840",
    "14399841",
    "95000.00",
    "1e5",
    "-1.5",
    "a@example.ro",
    "a@example",
    TODAY.year + 1,
    TODAY.year + 2,
    2028,
    {"series": "A", "number": 1},
    {"series": "", "number": "1"},
    copy.deepcopy(_DRIVERS),
    [{"lastName": "A", "firstName": "B", "taxId": "1850312120016"}],
    {"isLegalEntity": True, "businessName": "SRL", "taxId": "14399840", "address": {}},
    {"taxId": _CNP, "address": {"county": "CJ", "city": "C", "cityCode": 1, "street": "S"}},
]
# The pool's dicts and lists are copied on every draw: _mutate changes bodies in place, and a
# pool value changed by one example would make hypothesis's next draw differ from its record.
_POOLED = st.sampled_from(_POOL).map(copy.deepcopy)
_SCALARS = _POOLED | st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_JSON: st.SearchStrategy[Any] = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(_PROPERTY_NAMES) | st.text(max_size=4), children, max_size=5
        )
    ),
    max_leaves=12,
)
_KEYS = st.sampled_from(_PROPERTY_NAMES) | st.text(max_size=6)
# Half the values from the pool of edges, half random JSON.
_VALUES = _POOLED | _JSON
# The days the rules compare with: the corpus's own, the edges of the start-date window and of
# yearOfConstruction, leap days, and anything else.
_TODAYS = st.sampled_from(
    [
        TODAY,
        START,
        START + datetime.timedelta(days=1),
        START - datetime.timedelta(days=366),
        START - datetime.timedelta(days=365),
        datetime.date(2028, 2, 29),
        datetime.date(2024, 12, 31),
        datetime.date(2023, 1, 1),
    ]
) | st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2040, 12, 31))


_POOL_AS_WRITTEN = copy.deepcopy(_POOL)


@pytest.fixture(autouse=True)
def _pool_is_left_as_written() -> Iterator[None]:
    """Every test in this file reads _POOL; one that changed it would change the others' inputs."""
    yield
    assert _POOL == _POOL_AS_WRITTEN


def _spots(node: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key or index) of a body, at any depth."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield node, key
            yield from _spots(child)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield node, index
            yield from _spots(child)


def _mutate(data: st.DataObject, body: Any) -> Any:
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="mutations")):
        spots = list(_spots(body))
        if not spots:
            break
        container, key = data.draw(st.sampled_from(spots), label="where")
        action = data.draw(st.sampled_from(["delete", "replace", "add"]), label="action")
        if action == "delete":
            del container[key]
        elif action == "replace":
            container[key] = data.draw(_VALUES, label="value")
        elif isinstance(container, dict):
            container[data.draw(_KEYS, label="key")] = data.draw(_VALUES, label="value")
        else:
            container.append(data.draw(_VALUES, label="value"))
    return body


@EXAMPLES
@given(data=st.data(), today=_TODAYS)
def test_mutated_valid_bodies(data: st.DataObject, today: datetime.date) -> None:
    schema_name, body = data.draw(st.sampled_from(VALID), label="body")
    assert_exact(schema_name, _mutate(data, copy.deepcopy(body)), today)


def _set_each_spot(body: Any) -> Iterator[Any]:
    """``body`` with one field deleted or set to one value of _POOL, for every field in turn
    (changed in place and put back: the walker and the predicate only read)."""
    for container, key in list(_spots(body)):
        original = container[key]
        if isinstance(container, dict):
            del container[key]
            yield body
        for value in _POOL:
            container[key] = value
            yield body
        container[key] = original  # (a deleted key comes back last: order is not validated)


@pytest.mark.parametrize(
    ("schema_name", "body"),
    [
        ("QuoteRequest", _with_owner_and_drivers()),
        ("QuoteRequest", _legal_entity()),
        ("QuoteRequest", _trailer()),
        ("VehicleData", _VEHICLE_DATA[2]),
        ("PolicyRequest", {"offerId": 12345, "payment": _PAYMENT}),
    ],
    ids=["quote", "legal-entity", "trailer", "vehicle-data", "policy"],
)
def test_every_field_deleted_or_set_to_every_edge_value(
    schema_name: str, body: dict[str, Any]
) -> None:
    # Deterministic, so that no keyword of the document is left to chance: each field, at any
    # depth, deleted or replaced by each value of the pool.
    body = copy.deepcopy(body)
    for changed in _set_each_spot(body):
        errors = walker(schema_name, changed, TODAY)
        assert accepts(schema_name, changed, TODAY) == (errors == {}), (changed, errors)


@EXAMPLES
@given(
    schema_name=st.sampled_from(
        sorted(json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))["schemas"])
    ),
    value=_JSON,
    today=_TODAYS,
)
def test_random_json_against_every_schema(
    schema_name: str, value: Any, today: datetime.date
) -> None:
    assert_exact(schema_name, value, today)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("product.vehicle.vehicleType", "O3"),  # a trailer with an engine: fine
        ("product.vehicle.fuelType", "electric"),
        ("product.vehicle.engineDisplacement", None),
        ("product.vehicle.yearOfConstruction", TODAY.year + 1),
        ("product.vehicle.yearOfConstruction", TODAY.year + 2),
        ("product.vehicle.marketValue", "95000.5"),
        ("product.vehicle.marketValue", "95,000"),
        ("product.vehicle.marketValue", True),
        ("product.policyholder.isLegalEntity", True),
        ("product.policyholder.isLegalEntity", "yes"),
        ("product.policyholder.isForeignPerson", True),
        ("product.policyholder.taxId", "1850312120016"),
        ("product.policyholder.email", None),
        ("product.policyholder.address", MappingProxyType({"county": "CJ"})),
        ("product.motor.startDate", TODAY.isoformat()),
        ("product.motor.startDate", (TODAY - datetime.timedelta(days=1)).isoformat()),
        ("product.motor.startDate", (TODAY + datetime.timedelta(days=366)).isoformat()),
        ("product.motor.installmentCount", 4.0),
        ("product.motor.installmentCount", True),
        ("product.coverages", []),
        ("provider", None),
    ],
)
def test_single_changes(path: str, value: Any) -> None:
    body = _quote()
    *parents, last = path.split(".")
    target = body
    for part in parents:
        target = target[part]
    target[last] = value
    for today in (TODAY, START, datetime.date(2020, 1, 1)):
        assert_exact("QuoteRequest", body, today)


def test_a_mapping_that_is_not_a_dict_is_left_to_the_walker() -> None:
    # The predicate reads dicts only; another mapping is refused and the walker answers, valid or
    # not: the result is the walker's either way.
    body = _quote()
    body["product"]["policyholder"] = MappingProxyType(body["product"]["policyholder"])
    assert not accepts("QuoteRequest", body, TODAY)
    assert validate("QuoteRequest", body, today=TODAY) == walker("QuoteRequest", body, TODAY) == {}


# --------------------------------------------------------------------------- the fast path is taken


def _no_walking(*args: Any) -> None:
    raise AssertionError("the walker ran on a valid body")


@pytest.mark.parametrize(("schema_name", "body"), VALID)
def test_a_valid_body_never_reaches_the_walker(
    schema_name: str, body: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    validate(schema_name, body, today=TODAY)  # compiled before the walker is switched off
    monkeypatch.setattr(_validation._Validator, "walk", _no_walking)
    assert validate(schema_name, body, today=TODAY) == {}
    operation = {
        "QuoteRequest": "POST /offer",
        "VehicleData": "POST /helper/vehicle-code",
        "PolicyRequest": "POST /policy",
    }[schema_name]
    headers = {"content-language": "ro"}
    assert validate_operation(operation, body=body, headers=headers, today=TODAY) == {}


def test_valid_parameters_never_reach_the_walker(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, dict[str, Any]]] = [
        ("POST /auth", {"query": {"account": "sandbox", "password": "sandbox"}}),
        ("GET /policy", {"query": {"series": "RO/05", "number": "100234"}}),
        ("GET /nomenclature/locality/{county_code}", {"path": {"county_code": 12}}),
        ("GET /nomenclature/vehicle-model/{make}", {"path": {"make": "Dacia"}}),
        ("GET /offer/{id}", {"path": {"id": "7"}}),
        ("GET /nomenclature/county", {}),
    ]
    for operation, given_parts in calls:
        assert validate_operation(operation, **given_parts) == {}
    monkeypatch.setattr(_validation._Validator, "walk", _no_walking)
    for operation, given_parts in calls:
        assert validate_operation(operation, **given_parts) == {}, operation


def test_blank_and_bad_parameters_get_the_walkers_errors() -> None:
    blank = "This value should not be blank."
    assert validate_operation("POST /auth", query={"password": ""}) == {
        "account": [blank],
        "password": [blank],
    }
    assert validate_operation("GET /policy", query={"series": "A", "number": "x"}) == {
        "number": ["This value should be of type integer."]
    }
    assert validate_operation("POST /offer", body=_quote(), headers={"Content-Language": "de"}) == {
        "Content-Language": ["The value you selected is not a valid choice."]
    }


def test_an_invalid_body_gets_exactly_the_walkers_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    body = _quote()
    body["product"]["vehicle"]["vin"] = ""
    body["product"]["policyholder"]["taxId"] = "1850312120014"
    body["product"]["coverages"][0]["insuredSum"] = -1
    walks: list[str] = []
    walk = _validation._Validator.walk

    def counted(self: Any, schema: Any, value: Any, path: str, errors: Any) -> None:
        walks.append(path)
        walk(self, schema, value, path, errors)

    monkeypatch.setattr(_validation._Validator, "walk", counted)
    expected = {
        "product.coverages.0.insuredSum": ["This value should be greater than or equal to 0."],
        "product.policyholder.taxId": ["This value is not a valid CNP."],
        "product.vehicle.vin": ["This value should not be blank."],
    }
    assert validate("QuoteRequest", body, today=TODAY) == expected
    assert list(validate("QuoteRequest", body, today=TODAY)) == list(expected)  # the walker's order
    assert walks and walks[0] == ""
    romanian = validate("QuoteRequest", body, today=TODAY, lang="ro")
    assert romanian["product.vehicle.vin"] == ["Această valoare nu trebuie să fie goală."]


def test_nodes_are_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    body = _with_owner_and_drivers()
    validate("QuoteRequest", body, today=TODAY)
    compiled: list[object] = []
    node = _validation._Compiler._node

    def counted(self: Any, schema: Any) -> Any:
        compiled.append(schema)
        return node(self, schema)

    monkeypatch.setattr(_validation._Compiler, "_node", counted)
    for _ in range(3):
        assert validate("QuoteRequest", body, today=TODAY) == {}
    assert compiled == []


def test_today_is_the_callers() -> None:
    body = _quote()
    # The start date is a week after TODAY: valid from then back to a year before it.
    assert validate("QuoteRequest", body, today=START) == {}
    late = validate("QuoteRequest", body, today=START + datetime.timedelta(days=1))
    assert list(late) == ["product.motor.startDate"]
    early = START - datetime.timedelta(days=366)
    assert list(validate("QuoteRequest", body, today=early)) == ["product.motor.startDate"]
    # yearOfConstruction (START.year - 3) at most today's year + 1.
    long_ago = datetime.date(START.year - 5, 6, 1)
    assert "product.vehicle.yearOfConstruction" in validate("QuoteRequest", body, today=long_ago)


# --------------------------------------------------------------------------- operations


_OPERATIONS = sorted(json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))["operations"])
_BODIES = st.sampled_from([body for _, body in VALID]).map(copy.deepcopy) | _JSON


@EXAMPLES
@given(
    data=st.data(),
    operation=st.sampled_from(_OPERATIONS),
    query=st.dictionaries(st.sampled_from(["account", "password", "series", "number"]), _JSON),
    path=st.dictionaries(
        st.sampled_from(["id", "county_code", "make"]),
        _JSON | st.sampled_from(["12", "-3", "1.5", "abc", "", "0"]),
    ),
    headers=st.dictionaries(
        st.sampled_from(["Content-Language", "content-language", "Token"]),
        st.sampled_from(["en", "ro", "RO", "", "xx"]) | _JSON,
        max_size=1,
    ),
    today=_TODAYS,
)
def test_operation_calls_answer_as_the_walker_alone(
    data: st.DataObject,
    operation: str,
    query: dict[str, Any],
    path: dict[str, Any],
    headers: dict[str, Any],
    today: datetime.date,
) -> None:
    body = _mutate(data, data.draw(_BODIES)) if data.draw(st.booleans()) else data.draw(_BODIES)
    call = {"body": body, "query": query, "path": path, "headers": headers, "today": today}
    with mock.patch.object(_validation, "_fast_accepts", lambda *args: False):
        expected = validate_operation(operation, **call)
    assert validate_operation(operation, **call) == expected


# --------------------------------------------------------------------------- hand-written schemas

_REF = "#/components/schemas/"
# Constructs the document does not use (OpenAPI 3.1 spellings, const, allOf, oneOf, pattern,
# additionalProperties, ...) and the awkward ones (a $ref cycle, a dangling $ref, a bad pattern).
_SYNTHETIC_SCHEMAS: dict[str, Any] = {
    "Color": {"type": "string", "enum": ["red", "blue"]},
    "A": {"type": "object", "required": ["x"], "properties": {"x": {"type": "string"}}},
    "Node": {
        "type": "object",
        "required": ["v"],
        "properties": {"v": {"type": "integer"}, "next": {"$ref": _REF + "Node"}},
    },
    "Loop": {"$ref": _REF + "Loop2"},
    "Loop2": {"$ref": _REF + "Loop"},
    "VehicleData": {
        "type": "object",
        "properties": {
            "yearOfConstruction": {"type": ["integer", "null"]},
            "vehicleType": {"type": ["string", "null"]},
            "fuelType": {"type": "string"},
            "marketValue": {"type": ["number", "string"]},
        },
    },
    "Driver": {"type": "object", "properties": {"taxId": {"type": "string"}}},
}
_SYNTHETIC: list[Any] = [
    {"type": ["string", "null"]},
    {"type": ["integer", "string"]},
    {"type": "null"},
    {"type": ["string", "null"], "minLength": 2, "format": "date"},
    {"type": ["integer", "null"], "minimum": 1, "maximum": 12},
    {"anyOf": [{"type": "number"}, {"type": ["string", "null"]}, {"type": "null"}]},
    {"anyOf": [{"$ref": _REF + "Color"}, {"type": "null"}]},
    {
        "type": "object",
        "required": ["a", "b", "c"],
        "properties": {
            "a": {"type": ["string", "null"]},
            "b": {"type": "string"},
            "c": {"anyOf": [{"$ref": _REF + "Color"}, {"type": "null"}]},
            "e": {"type": "integer", "nullable": True},
        },
    },
    {"enum": ["a", None]},
    {"enum": [1, "1", 2.0, True, None, [1], {"k": 1}]},
    {"type": "integer", "enum": [1, 2, 4.0]},
    {"type": "boolean", "enum": [True]},
    {"const": "M1"},
    {"const": 3},
    {"const": True},
    {"const": 0},
    {"const": None},
    {"const": {"a": [1]}},
    {"type": "number", "exclusiveMinimum": 0},
    {"type": "number", "exclusiveMaximum": 10, "minimum": -1.5},
    {"type": "number", "minimum": 5, "exclusiveMinimum": 0},
    {"type": "number", "minimum": 0, "exclusiveMinimum": True},
    {"type": "integer", "maximum": 1, "exclusiveMaximum": True},
    {"minimum": 2},  # a bound without a type: only numbers are bounded
    {"type": "integer", "maximum": 5},
    {"type": "string", "minLength": 2},
    {
        "type": "object",
        "required": ["x", "y"],
        "properties": {"x": {}, "y": {"type": "string"}, "a": {"type": "string", "minLength": 3}},
    },
    {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}},
    {"type": "array", "items": {"$ref": _REF + "A"}},
    {"type": "string", "maxLength": 3, "pattern": "^[A-Z]+$"},
    {"type": "string", "format": "date-time"},
    {"type": "string", "format": "email", "minLength": 0},
    {"allOf": [{"type": "integer"}, {"minimum": 3}]},
    {"oneOf": [{"$ref": _REF + "A"}, {"type": "integer"}]},
    {"type": "object", "additionalProperties": {"type": "array"}},
    {  # an object node on the general path (allOf)
        "type": "object",
        "required": ["x"],
        "properties": {"x": {"type": "string"}},
        "allOf": [{"required": ["y"]}],
    },
    {"type": "object", "required": ["x", "y"], "properties": {"x": {"type": "string"}}},
    {"properties": {"x": {"type": "integer"}}, "required": ["x"]},  # no type: any value
    {"type": "strange"},
    {"type": ["integer", "strange"]},
    {"$ref": _REF + "Node"},
    {"$ref": _REF + "Loop"},  # the walker raises: never accepted
    {"$ref": _REF + "Missing"},  # the walker raises KeyError: never accepted
    {"type": "string", "pattern": "("},  # the walker raises re.error on a string
    {"$ref": _REF + "VehicleData"},  # the vehicle rule, on a 3.1 schema
    {"type": "array", "items": {"$ref": _REF + "Driver"}},  # the driver rule
    "not a schema",
    {},
]


class _Frozen(Mapping[str, Any]):
    """A mapping that is not a dict: the predicate leaves it to the walker."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


# Values on the edges of the keywords above.
_EDGES: list[Any] = [
    _Frozen({}),
    _Frozen({"x": 1}),
    _Frozen({"x": "s", "y": "s"}),
    None,
    "",
    "x",
    "AB",
    "ABCD",
    "red",
    "green",
    "M1",
    "1",
    "1.5",
    "2027-01-20",
    "2027-01-20T10:00:00Z",
    "2027-01-20T10:00:00",
    "a@b.ro",
    "O1",
    "electric",
    "1850312120016",
    0,
    1,
    2,
    3,
    5,
    10,
    12,
    13,
    -1,
    2999,
    0.0,
    0.5,
    1.5,
    3.0,
    -1.5,
    math.inf,
    True,
    False,
    [],
    [1],
    [1, 2],
    [1, 2, 3],
    ["x"],
    [{"x": "s"}],
    [{"taxId": "1850312120016"}],
    {},
    {"x": "s"},
    {"v": 1},
    {"v": 1, "next": {"v": "x"}},
    {"k": 1},
    {"a": [1]},
]


def _names(schema: Any) -> list[str]:
    """The property and required names a hand-written schema mentions, at any depth."""
    found: set[str] = set()
    if isinstance(schema, dict):
        found.update(schema.get("properties", {}), schema.get("required", []))
        for child in schema.values():
            found.update(_names(child))
    elif isinstance(schema, list):
        for child in schema:
            found.update(_names(child))
    return sorted(found)


def _values_for(schema: Any) -> st.SearchStrategy[Any]:
    edges = st.sampled_from(_EDGES).map(copy.deepcopy)
    names = _names([schema, *_referenced(schema)]) or ["x"]
    objects = st.dictionaries(st.sampled_from(names), edges | _JSON, max_size=len(names))
    return edges | objects | _JSON


def _referenced(schema: Any) -> list[Any]:
    return [
        _SYNTHETIC_SCHEMAS[ref.removeprefix(_REF)]
        for ref in _refs(schema)
        if ref.removeprefix(_REF) in _SYNTHETIC_SCHEMAS
    ]


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for child in node.values():
            yield from _refs(child)
    elif isinstance(node, list):
        for child in node:
            yield from _refs(child)


_MISSING = object()
_CANDIDATES: list[Any] = [_MISSING, None, "", "s", 1, 1.5, {"v": 1}, ["x"]]


def _edge_values(schema: Any) -> Iterator[Any]:
    """Every edge value, and for a schema naming few properties every object made of them."""
    yield from _EDGES
    names = _names([schema, *_referenced(schema)])
    if 0 < len(names) <= 3:
        for chosen in itertools.product(_CANDIDATES, repeat=len(names)):
            yield {n: v for n, v in zip(names, chosen, strict=True) if v is not _MISSING}
    for name in names:
        for value in _EDGES:
            yield {name: value}


def _check_hand_written(schema: Any, value: Any, today: datetime.date) -> None:
    validator = _validation._Validator(_SYNTHETIC_SCHEMAS, lang="en", today=today)
    try:
        errors: dict[str, list[str]] | None = {}
        validator.walk(schema, value, "", errors)  # type: ignore[arg-type]
    except Exception:  # a $ref cycle, a dangling $ref, a bad pattern: never accepted
        errors = None
    found = _validation._fast_accepts(_SYNTHETIC_SCHEMAS, schema, value, validator)
    if _holds_a_foreign_mapping(value):
        assert not found or errors == {}, (value, errors)  # refused: left to the walker
    else:
        assert found == (errors == {}), (value, errors)


def _holds_a_foreign_mapping(value: Any) -> bool:
    if isinstance(value, _Frozen):
        return True
    if isinstance(value, dict):
        return any(_holds_a_foreign_mapping(child) for child in value.values())
    if isinstance(value, list):
        return any(_holds_a_foreign_mapping(child) for child in value)
    return False


@pytest.mark.parametrize("schema", _SYNTHETIC, ids=lambda schema: json.dumps(schema)[:60])
def test_hand_written_schemas_on_edge_values(schema: Any) -> None:
    for value in _edge_values(schema):
        _check_hand_written(schema, copy.deepcopy(value), TODAY)


@pytest.mark.parametrize("schema", _SYNTHETIC, ids=lambda schema: json.dumps(schema)[:60])
@settings(EXAMPLES, max_examples=40)
@given(data=st.data(), today=_TODAYS)
def test_hand_written_schemas(schema: Any, data: st.DataObject, today: datetime.date) -> None:
    _check_hand_written(schema, data.draw(_values_for(schema), label="value"), today)
