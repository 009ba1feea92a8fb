"""OpenAPI 3.1 spellings in the validator, business rules that refuse to be skipped, tax ids.

* Hand-written 3.1 schemas: ``type`` arrays, ``type: "null"``, ``const``, ``examples``, numeric
  ``exclusiveMinimum``; and the shipped schemas.json rewritten in 3.1 spelling validates alike.
* ``check_rules``: the shipped schemas.json passes; a renamed schema, a removed or retyped field,
  an enum value a rule compares with, or a schema no request reaches fails naming the rule; the
  validator refuses to load such a file; ``scripts/export_schemas.py`` fails with one line.
* ``casco_async._tax_id``: the CNP and CUI checks.
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import support
import yaml

from casco_async import _tax_id, _validation
from casco_async._validation import RuleTargetError, check_rules, validate

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_JSON = ROOT / "generated" / "casco_async_generated" / "schemas.json"
DOCUMENT = ROOT / "openapi" / "casco-api.yaml"
TODAY = datetime.date(2027, 1, 18)

NOT_NULL = "This value should not be null."
BLANK = "This value should not be blank."
CHOICE = "The value you selected is not a valid choice."
COVERAGE_BLANKS = {"code": [BLANK], "isIncluded": [BLANK]}


def of_type(name: str) -> str:
    return f"This value should be of type {name}."


@pytest.fixture
def shipped() -> dict[str, Any]:
    """schemas.json as shipped: a fresh copy to break."""
    loaded: dict[str, Any] = json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))
    return loaded


def _walk(schema: dict[str, Any], value: Any, **schemas: Any) -> dict[str, list[str]]:
    validator = _validation._Validator(schemas, lang="en", today=TODAY)
    errors: dict[str, list[str]] = {}
    validator.walk(schema, value, "", errors)
    return errors


def _problems(schemas: Mapping[str, Any], operations: Any = None) -> list[tuple[Any, ...]]:
    with pytest.raises(RuleTargetError) as caught:
        check_rules(schemas, operations)
    return [(p.rule, p.schema, p.field) for p in caught.value.problems]


# --------------------------------------------------------------------------- OpenAPI 3.1


NULLABLE_STRING = {"type": ["string", "null"]}
INTEGER_OR_STRING = {"type": ["integer", "string"]}


@pytest.mark.parametrize("value", [None, "", "text"])
def test_type_array_with_null_accepts_null_and_strings(value: Any) -> None:
    assert _walk(NULLABLE_STRING, value) == {}


@pytest.mark.parametrize("value", [5, 1.5, True, [], {}])
def test_type_array_with_null_refuses_other_types(value: Any) -> None:
    # "null" is not listed: the message is about the value, which is not null.
    assert _walk(NULLABLE_STRING, value) == {"": [of_type("string")]}


@pytest.mark.parametrize("value", [5, "5", ""])
def test_type_array_accepts_either_type(value: Any) -> None:
    assert _walk(INTEGER_OR_STRING, value) == {}


@pytest.mark.parametrize("value", [1.5, True, [1], {"a": 1}])
def test_type_array_lists_its_types_like_any_of(value: Any) -> None:
    assert _walk(INTEGER_OR_STRING, value) == {"": [of_type("integer|string")]}
    any_of = {"anyOf": [{"type": "integer"}, {"type": "string"}]}
    assert _walk(any_of, value) == _walk(INTEGER_OR_STRING, value)


def test_any_of_message_leaves_out_a_null_branch() -> None:
    schema = {"anyOf": [{"type": "number"}, {"type": ["string", "null"]}, {"type": "null"}]}
    assert _walk(schema, None) == {}
    assert _walk(schema, True) == {"": [of_type("number|string")]}


def test_type_array_without_null_refuses_null() -> None:
    assert _walk(INTEGER_OR_STRING, None) == {"": [NOT_NULL]}


def test_type_null() -> None:
    assert _walk({"type": "null"}, None) == {}
    assert _walk({"type": "null"}, "x") == {"": [of_type("null")]}
    assert _walk({"type": "null"}, 0) == {"": [of_type("null")]}


def test_type_array_keeps_the_other_keywords() -> None:
    schema = {"type": ["string", "null"], "minLength": 2, "format": "date"}
    assert _walk(schema, None) == {}
    assert _walk(schema, "2027-01-20") == {}
    assert _walk(schema, "x") == {
        "": [
            "This value is too short. It should have 2 characters or more.",
            "This value is not a valid date.",
        ]
    }
    bounded = {"type": ["integer", "null"], "minimum": 1, "maximum": 12}
    assert _walk(bounded, 13) == {"": ["This value should be between 1 and 12."]}


def test_required_field_typed_with_null_may_be_null() -> None:
    schema = {
        "type": "object",
        "required": ["a", "b"],
        "properties": {"a": NULLABLE_STRING, "b": {"type": "string"}},
    }
    assert _walk(schema, {"a": None, "b": "x"}) == {}
    assert _walk(schema, {"a": "", "b": None}) == {"a": [BLANK], "b": [BLANK]}
    # Before 3.1 was understood, the array type was ignored and its null refused.
    assert _walk(schema, {"b": "x", "a": 3}) == {"a": [of_type("string")]}


def test_any_of_with_a_null_branch_is_nullable() -> None:
    schemas = {"Color": {"type": "string", "enum": ["red", "blue"]}}
    nullable_ref = {"anyOf": [{"$ref": "#/components/schemas/Color"}, {"type": "null"}]}
    obj = {"type": "object", "required": ["c"], "properties": {"c": nullable_ref}}
    assert _walk(obj, {"c": None}, **schemas) == {}
    assert _walk(obj, {"c": "red"}, **schemas) == {}
    assert _walk(obj, {"c": "green"}, **schemas) == {"c": [CHOICE]}
    assert _walk(obj, {"c": 1}, **schemas) == {"c": [of_type("string")]}


def test_enum_listing_null_accepts_null() -> None:
    assert _walk({"enum": ["a", None]}, None) == {}
    assert _walk({"enum": ["a", "b"]}, None) == {"": [NOT_NULL]}


@pytest.mark.parametrize(
    ("const", "good", "bad", "shown"),
    [
        ("M1", "M1", "M2", '"M1"'),
        (3, 3, 3.5, "3"),
        (True, True, 1, "true"),
        (0, 0.0, False, "0"),
    ],
)
def test_const(const: Any, good: Any, bad: Any, shown: str) -> None:
    assert _walk({"const": const}, good) == {}
    assert _walk({"const": const}, bad) == {"": [f"This value should be equal to {shown}."]}


def test_const_null() -> None:
    assert _walk({"const": None}, None) == {}
    assert _walk({"const": "x"}, None) == {"": [NOT_NULL]}


def test_const_message_in_romanian() -> None:
    validator = _validation._Validator({}, lang="ro", today=TODAY)
    errors: dict[str, list[str]] = {}
    validator.walk({"const": "M1"}, "N1", "", errors)
    assert errors == {"": ['Această valoare trebuie să fie egală cu "M1".']}


def test_examples_are_ignored() -> None:
    schema = {"type": "integer", "examples": ["not an integer", {"$ref": "#/nowhere"}]}
    assert _walk(schema, 3) == {}
    assert _walk(schema, "not an integer") == {"": [of_type("integer")]}


@pytest.mark.parametrize(
    ("schema", "bad", "good", "expected"),
    [
        ({"type": "number", "exclusiveMinimum": 0}, 0, 0.5, "This value should be greater than 0."),
        ({"type": "number", "exclusiveMaximum": 10}, 10, 9.5, "This value should be less than 10."),
        # The stricter of minimum and exclusiveMinimum applies.
        (
            {"type": "number", "minimum": 5, "exclusiveMinimum": 0},
            4,
            5,
            "This value should be greater than or equal to 5.",
        ),
        (
            {"type": "number", "minimum": 0, "exclusiveMinimum": 0},
            0,
            1,
            "This value should be greater than 0.",
        ),
    ],
)
def test_numeric_exclusive_bounds(
    schema: dict[str, Any], bad: Any, good: Any, expected: str
) -> None:
    assert _walk(schema, bad) == {"": [expected]}
    assert _walk(schema, good) == {}


def test_parameters_with_type_arrays_are_converted() -> None:
    validator = _validation._Validator({}, lang="en", today=TODAY)
    assert validator.parameter({"type": ["integer", "null"]}, "12") == 12
    assert validator.parameter({"type": ["boolean", "null"]}, "true") is True
    assert validator.parameter({"type": ["number"]}, "1.5") == 1.5
    assert validator.parameter({"type": ["string", "null"]}, "12") == "12"


def test_rules_apply_to_schemas_written_in_31() -> None:
    vehicle = {
        "type": "object",
        "properties": {
            "yearOfConstruction": {"type": ["integer", "null"]},
            "vehicleType": {"type": ["string", "null"]},
        },
    }
    body = {"yearOfConstruction": 2999, "vehicleType": "O1"}
    assert _walk({"$ref": "#/components/schemas/VehicleData"}, body, VehicleData=vehicle) == {
        "yearOfConstruction": ["This value should be less than or equal to 2028."]
    }


def _to_31(node: Any) -> Any:
    """A 3.0 schema in 3.1 spelling: ``nullable: true`` becomes ``"null"`` among the types."""
    if isinstance(node, list):
        return [_to_31(child) for child in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _to_31(child) for key, child in node.items() if key != "nullable"}
    if node.get("nullable") is True and isinstance(node.get("type"), str):
        converted["type"] = [node["type"], "null"]
    if "example" in converted:
        converted["examples"] = [converted.pop("example")]
    return converted


def test_shipped_schemas_in_31_spelling_validate_alike(
    shipped: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    quote = support.document()["components"]["schemas"]["QuoteRequest"]["example"]
    offer = {"offerId": 1, "premiumAmount": 1, "currency": "RON", "startDate": "2027-01-20"}
    offer |= {"endDate": "2028-01-19", "notes": None, "premiumAmountNet": None}
    bad_offer = offer | {"notes": 5, "premiumAmountNet": "x", "currency": None}
    bad_quote = copy.deepcopy(quote)
    bad_quote["product"]["policyholder"]["email"] = None
    bad_quote["product"]["policyholder"]["taxId"] = "1850312120014"
    bad_quote["product"]["vehicle"]["yearOfConstruction"] = 2999
    cases = [("QuoteRequest", quote), ("Offer", offer), ("Offer", bad_offer)]
    cases.append(("QuoteRequest", bad_quote))
    as_30 = [validate(name, body, today=TODAY) for name, body in cases]
    converted = _to_31(shipped)
    assert "nullable" not in json.dumps(converted)
    check_rules(converted["schemas"], converted["operations"])
    monkeypatch.setattr(_validation, "_document", lambda: converted)
    assert [validate(name, body, today=TODAY) for name, body in cases] == as_30
    assert as_30[:2] == [{}, {}]
    assert as_30[2] == {
        "notes": [of_type("string")],
        "premiumAmountNet": [of_type("number")],
        "currency": [BLANK],
    }
    assert set(as_30[3]) == {
        "product.policyholder.email",
        "product.policyholder.taxId",
        "product.vehicle.yearOfConstruction",
    }


# --------------------------------------------------------------------------- rule targets


def test_shipped_schemas_json_satisfies_every_rule(shipped: dict[str, Any]) -> None:
    check_rules(shipped["schemas"], shipped["operations"])
    check_rules(shipped["schemas"])


def test_every_rule_is_declared_and_keyed_by_its_schema() -> None:
    declared = {(rule.schema, rule.check) for rule in _validation._RULE_SET}
    applied = {(name, rule.check) for name, rules in _validation._RULES.items() for rule in rules}
    assert declared == applied
    assert {rule.schema for rule in _validation._RULE_SET} == {
        "Vehicle",
        "VehicleData",
        "Person",
        "Driver",
        "PaymentData",
        "MotorData",
    }


class _Recording(Mapping[str, Any]):
    """A mapping that records which keys a rule reads."""

    def __init__(self, data: dict[str, Any], seen: set[str]) -> None:
        self._data, self._seen = data, seen

    def __getitem__(self, key: str) -> Any:
        self._seen.add(key)
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


# Objects that between them take each rule down every branch.
_RULE_INPUTS: dict[str, list[dict[str, Any]]] = {
    "vehicle": [
        {"vehicleType": "M1", "fuelType": "diesel", "yearOfConstruction": 2020},
        {"vehicleType": "O1", "marketValue": "1.5"},
    ],
    "person": [
        {"isLegalEntity": False, "taxId": "1850312120013"},
        {"isLegalEntity": True, "isForeignPerson": False, "taxId": "14399840"},
    ],
    "driver": [{"taxId": "1850312120013"}],
    "payment": [{"amount": 0}],
    "motor": [{"startDate": "2027-01-20"}],
}


@pytest.mark.parametrize("rule", _validation._RULE_SET, ids=lambda rule: rule.schema)
def test_each_rule_reads_exactly_the_fields_it_declares(rule: _validation.Rule) -> None:
    validator = _validation._Validator({}, lang="en", today=TODAY)
    seen: set[str] = set()
    for value in _RULE_INPUTS[rule.name]:
        rule.check(validator, _Recording(value, seen), "", {})
    assert seen == set(rule.reads)
    assert set(rule.compares) <= set(rule.reads)


def test_a_renamed_schema_fails_naming_the_rule(shipped: dict[str, Any]) -> None:
    schemas = shipped["schemas"]
    schemas["Individual"] = schemas.pop("Person")
    assert _problems(schemas) == [("person", "Person", None)]
    with pytest.raises(RuleTargetError, match=r"'person' on Person: schema Person is not in"):
        check_rules(schemas)


def test_a_removed_field_fails_naming_the_rule_and_field(shipped: dict[str, Any]) -> None:
    del shipped["schemas"]["VehicleData"]["properties"]["yearOfConstruction"]
    assert _problems(shipped["schemas"], shipped["operations"]) == [
        ("vehicle", "VehicleData", "yearOfConstruction")
    ]
    with pytest.raises(RuleTargetError) as caught:
        check_rules(shipped["schemas"])
    message = str(caught.value)
    assert "'vehicle' on VehicleData" in message
    assert "VehicleData.yearOfConstruction" in message
    assert "\n" not in message


def test_a_retyped_field_fails(shipped: dict[str, Any]) -> None:
    shipped["schemas"]["Driver"]["properties"]["taxId"] = {"type": "integer"}
    shipped["schemas"]["PaymentData"]["properties"]["amount"] = {"type": ["integer", "null"]}
    assert _problems(shipped["schemas"]) == [("driver", "Driver", "taxId")]
    with pytest.raises(RuleTargetError, match=r"reads Driver\.taxId as string.*\(integer\)"):
        check_rules(shipped["schemas"])


def test_a_compared_enum_value_that_is_gone_fails(shipped: dict[str, Any]) -> None:
    shipped["schemas"]["FuelTypeEnum"]["enum"].remove("electric")
    assert _problems(shipped["schemas"]) == [
        ("vehicle", "Vehicle", "fuelType"),
        ("vehicle", "VehicleData", "fuelType"),
    ]
    shipped["schemas"]["FuelTypeEnum"]["enum"].append("electric")
    shipped["schemas"]["FuelTypeEnum"]["enum"].append("hydrogen")  # an added value is fine
    check_rules(shipped["schemas"])


def test_a_schema_no_request_reaches_fails(shipped: dict[str, Any]) -> None:
    # The vendor inlined the driver's schema: Driver still exists, but nothing refers to it.
    vehicle = shipped["schemas"]["Vehicle"]["properties"]
    vehicle["driver"]["items"] = copy.deepcopy(shipped["schemas"]["Driver"])
    assert _problems(shipped["schemas"], shipped["operations"]) == [("driver", "Driver", None)]
    check_rules(shipped["schemas"])  # without operations, reachability is not asked


def test_fields_are_found_through_all_of_and_refs(shipped: dict[str, Any]) -> None:
    schemas = shipped["schemas"]
    person = schemas.pop("Person")
    schemas["PartyBase"] = person
    schemas["Person"] = {"allOf": [{"$ref": "#/components/schemas/PartyBase"}]}
    check_rules(schemas, shipped["operations"])
    del person["properties"]["isForeignPerson"]
    assert _problems(schemas) == [("person", "Person", "isForeignPerson")]


def test_every_problem_is_reported_at_once(shipped: dict[str, Any]) -> None:
    schemas = shipped["schemas"]
    del schemas["MotorData"]
    del schemas["Person"]["properties"]["taxId"]
    del schemas["Person"]["properties"]["lastName"]
    assert _problems(schemas) == [
        ("person", "Person", "lastName"),
        ("person", "Person", "taxId"),
        ("motor", "MotorData", None),
    ]


def test_the_validator_refuses_to_load_a_schemas_json_with_a_dead_rule(
    shipped: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.resources

    shipped["schemas"]["Individual"] = shipped["schemas"].pop("Person")
    text = json.dumps(shipped)

    class _Resource:
        def joinpath(self, name: str) -> _Resource:
            assert name == "schemas.json"
            return self

        def read_text(self, encoding: str) -> str:
            return text

    _validation._document.cache_clear()
    monkeypatch.setattr(importlib.resources, "files", lambda package: _Resource())
    try:
        for _ in range(2):  # raised on every use, not only the first
            with pytest.raises(RuleTargetError, match="'person' on Person"):
                validate("Coverage", {})
    finally:
        monkeypatch.undo()
        _validation._document.cache_clear()
    # Once the shipped file is back, the validator loads it again.
    assert validate("Coverage", {}) == COVERAGE_BLANKS


# --------------------------------------------------------------------------- export_schemas.py


def _generation_document(tmp_path: Path) -> dict[str, Any]:
    generation = tmp_path / "generation.yaml"
    support.prepare_generation_copy(generation)
    loaded: dict[str, Any] = yaml.safe_load(generation.read_text(encoding="utf-8"))
    return loaded


def _rename_refs(node: Any, old: str, new: str) -> None:
    if isinstance(node, dict):
        if node.get("$ref") == f"#/components/schemas/{old}":
            node["$ref"] = f"#/components/schemas/{new}"
        for child in node.values():
            _rename_refs(child, old, new)
    elif isinstance(node, list):
        for child in node:
            _rename_refs(child, old, new)


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        ("rename Person", "business rule 'person' on Person: schema Person is not in"),
        (
            "drop yearOfConstruction",
            "business rule 'vehicle' on VehicleData: reads VehicleData.yearOfConstruction",
        ),
    ],
)
def test_export_fails_with_one_line_naming_the_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], breakage: str, named: str
) -> None:
    document = _generation_document(tmp_path)
    schemas = document["components"]["schemas"]
    if breakage == "rename Person":
        schemas["Individual"] = schemas.pop("Person")
        _rename_refs(document, "Person", "Individual")
    else:
        del schemas["VehicleData"]["properties"]["yearOfConstruction"]
    source = tmp_path / "broken.yaml"
    source.write_text(yaml.safe_dump(document), encoding="utf-8")
    output = tmp_path / "schemas.json"
    export_schemas = support.script("export_schemas")
    assert export_schemas.main([str(source), str(output)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("export_schemas: error: ")
    assert named in lines[0]
    assert "Traceback" not in captured.err
    assert not output.exists()


def test_export_refuses_a_ref_the_validator_cannot_follow(tmp_path: Path) -> None:
    export_schemas = support.script("export_schemas")
    document = {
        "components": {
            "schemas": {
                "A": {"type": "object", "properties": {"b": {"$ref": "#/$defs/B"}}},
                "C": {"example": {"$ref": "not a reference, an example"}},
            }
        },
        "paths": {},
    }
    with pytest.raises(export_schemas.ExportError, match=r"components\.schemas\.A.*#/\$defs/B"):
        export_schemas.export(document)
    del document["components"]["schemas"]["A"]
    assert export_schemas.export(document)["schemas"].keys() == {"C"}


# --------------------------------------------------------------------------- tax ids


@pytest.mark.parametrize("cui", ["14399840", "RO14399840", "ro2816464", "2816464", "19"])
def test_valid_cuis(cui: str) -> None:
    assert _tax_id.is_valid_cui(cui)


@pytest.mark.parametrize(
    "cui", ["14399841", "1", "12345678901", "RO 14399840", "RO", "", "1439984O", "\uff11\uff14"]
)
def test_invalid_cuis(cui: str) -> None:
    assert not _tax_id.is_valid_cui(cui)


def test_cui_control_digit_ten_is_written_zero() -> None:
    # "8" padded to 000000008, weighted 7,5,3,2,1,7,5,3,2: 16; 16 x 10 mod 11 = 6.
    assert _tax_id.is_valid_cui("86")
    assert not _tax_id.is_valid_cui("85")
    body = next(
        str(n)
        for n in range(1, 1000)
        if sum(int(d) * int(w) for d, w in zip(str(n).zfill(9), "753217532", strict=True)) * 10 % 11
        == 10
    )
    assert _tax_id.is_valid_cui(body + "0")
    assert not _tax_id.is_valid_cui(body + "1")


def test_cnp_checks() -> None:
    assert _tax_id.is_valid_cnp("1850312120013", today=TODAY)
    assert not _tax_id.is_valid_cnp("1850312120014", today=TODAY)
    assert _tax_id.cnp_birth_date("1850312120013", today=TODAY) == datetime.date(1985, 3, 12)
    with pytest.raises(ValueError, match="13 digits"):
        _tax_id.cnp_birth_date("185031212001", today=TODAY)
