"""Request validation derived from the document: casco_async._validation, export_schemas.py.

The document's own request examples must pass; every schema keyword and every hand-written rule
has a failing case with its exact dotted path; random JSON never makes the validator raise; and
generated/casco_async_generated/schemas.json must match openapi/casco-api.yaml + overlay.yaml.
"""

from __future__ import annotations

import copy
import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casco_async import _validation
from casco_async._validation import validate, validate_operation

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "openapi" / "casco-api.yaml"
OVERLAY = ROOT / "openapi" / "overlay.yaml"
SCHEMAS_JSON = ROOT / "generated" / "casco_async_generated" / "schemas.json"

# The day of the document's payment example: its quote starts two days later (2027-01-20).
TODAY = datetime.date(2027, 1, 18)

BLANK = "This value should not be blank."
NOT_NULL = "This value should not be null."
CHOICE = "The value you selected is not a valid choice."
BAD_CNP = "This value is not a valid CNP."
BAD_CUI = "This value is not a valid CUI."
BAD_DATE = "This value is not a valid date."
BAD_NUMBER = "This value should be a valid number."


def of_type(name: str) -> str:
    return f"This value should be of type {name}."


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    # The document with the pinned schema names, whatever the vendor calls them.
    return support.document()


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    return obj


def _set(obj: Any, path: str, value: Any) -> Any:
    *parents, last = path.split(".")
    target = _get(obj, ".".join(parents)) if parents else obj
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return obj


def _delete(obj: Any, path: str) -> Any:
    *parents, last = path.split(".")
    target = _get(obj, ".".join(parents)) if parents else obj
    del target[last]
    return obj


@pytest.fixture
def quote(document: dict[str, Any]) -> dict[str, Any]:
    """The document's QuoteRequest example: a valid body to break one field of."""
    return copy.deepcopy(document["components"]["schemas"]["QuoteRequest"]["example"])


@pytest.fixture
def vehicle_data(document: dict[str, Any]) -> dict[str, Any]:
    """The document's helper request example (VehicleData)."""
    body = document["paths"]["/helper/vehicle-code"]["post"]["requestBody"]
    return copy.deepcopy(body["content"]["application/json"]["example"])


@pytest.fixture
def policy(document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(document["components"]["schemas"]["PolicyRequest"]["example"])


def check(schema: str, body: Any, **kwargs: Any) -> dict[str, list[str]]:
    kwargs.setdefault("today", TODAY)
    return validate(schema, body, **kwargs)


# ----------------------------------------------------------------------- the document's examples


def _request_examples(document: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """("METHOD /path", body schema, example) of every request body example in the document."""
    found = []
    schemas = document["components"]["schemas"]
    for path, path_item in document["paths"].items():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "requestBody" not in operation:
                continue
            media = operation["requestBody"]["content"]["application/json"]
            name = media["schema"]["$ref"].rsplit("/", 1)[1]
            for example in (media.get("example"), schemas[name].get("example")):
                if example is not None:
                    found.append((f"{method.upper()} {path}", name, example))
    return found


def test_every_request_body_example_is_valid(document: dict[str, Any]) -> None:
    examples = _request_examples(document)
    assert {name for _, name, _ in examples} == {"QuoteRequest", "PolicyRequest", "VehicleData"}
    for operation_id, name, example in examples:
        assert check(name, example) == {}, name
        assert validate_operation(operation_id, body=example, today=TODAY) == {}, operation_id


def test_every_parameter_example_is_valid(document: dict[str, Any]) -> None:
    parameters = document["components"]["parameters"]
    for template, path_item in document["paths"].items():
        for method, operation in path_item.items():
            wire = f"{method.upper()} {template}"
            query: dict[str, Any] = {}
            path: dict[str, Any] = {}
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter:
                    parameter = parameters[parameter["$ref"].rsplit("/", 1)[1]]
                if parameter["in"] == "query":
                    query[parameter["name"]] = parameter["example"]
                elif parameter["in"] == "path":
                    path[parameter["name"]] = parameter["example"]
            if not query and not path:
                continue
            found = validate_operation(wire, query=query, path=path)
            assert found == {}, wire
            # As the sandbox receives them: text from the URL.
            as_text = {name: str(value) for name, value in query.items()}
            path_text = {name: str(value) for name, value in path.items()}
            assert validate_operation(wire, query=as_text, path=path_text) == {}


def test_response_examples_are_valid_too(document: dict[str, Any]) -> None:
    # The overlay's lenient envelope accepts the docs' string forms as well.
    schemas = document["components"]["schemas"]
    for name in ("QuoteResponse", "PolicyResponse", "DocumentsResponse", "VehicleCodeListResponse"):
        assert check(name, schemas[name]["example"]) == {}, name
    sample = copy.deepcopy(schemas["QuoteResponse"]["example"])
    sample.update({"error": "false", "status": "200"})
    assert check("QuoteResponse", sample) == {}


# --------------------------------------------------------------------------- schema keywords


def test_required_missing_null_and_empty_string_are_blank(quote: dict[str, Any]) -> None:
    _delete(quote, "product.vehicle.vin")
    _set(quote, "product.policyholder.address.street", None)
    _set(quote, "product.policyholder.address.city", "")
    assert check("QuoteRequest", quote) == {
        "product.vehicle.vin": [BLANK],
        "product.policyholder.address.street": [BLANK],
        "product.policyholder.address.city": [BLANK],
    }


def test_required_false_and_zero_are_not_blank(quote: dict[str, Any]) -> None:
    _set(quote, "product.coverages.0.isIncluded", False)
    _set(quote, "product.policyholder.address.cityCode", 0)
    assert check("QuoteRequest", quote) == {}


def test_optional_null_is_refused_unless_nullable(quote: dict[str, Any]) -> None:
    _set(quote, "product.policyholder.email", None)
    assert check("QuoteRequest", quote) == {"product.policyholder.email": [NOT_NULL]}
    offer = {"offerId": 1, "premiumAmount": 1, "currency": "RON", "startDate": "2027-01-20"}
    offer |= {"endDate": "2028-01-19", "notes": None, "premiumAmountNet": None}
    assert check("Offer", offer) == {}


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("product.policyholder.address.floor", 2, "string"),
        ("product.policyholder.address.cityCode", "54975", "integer"),
        # Strict like PHP's is_int: a float with an integral value is not an integer.
        ("product.policyholder.address.cityCode", 54975.0, "integer"),
        ("product.policyholder.address.cityCode", True, "integer"),
        ("product.coverages.0.insuredSum", "95000", "number"),
        ("product.coverages.0.insuredSum", False, "number"),
        ("product.coverages.0.insuredSum", float("nan"), "number"),
        ("product.coverages.0.insuredSum", float("inf"), "number"),
        ("product.coverages.0.isIncluded", "true", "boolean"),
        ("product.coverages.0.isIncluded", 1, "boolean"),
        ("product.coverages", {"0": {}}, "array"),
        ("product.motor", "casco", "object"),
        ("product.motor", [], "object"),
        ("product.motor.installmentCount", 4.0, "integer"),
    ],
)
def test_type(quote: dict[str, Any], path: str, value: Any, expected: str) -> None:
    _set(quote, path, value)
    assert check("QuoteRequest", quote) == {path: [of_type(expected)]}


def test_integers_are_numbers(quote: dict[str, Any]) -> None:
    _set(quote, "product.coverages.0.insuredSum", 95000)
    _set(quote, "product.motor.deductibles.partialDamage", 150.5)
    assert check("QuoteRequest", quote) == {}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("product.vehicle.vehicleType", "X1"),
        ("product.vehicle.vehicleType", "m1"),
        ("product.vehicle.fuelType", "coal"),
        ("product.motor.installmentCount", 3),
        ("product.motor.currency", "USD"),
        ("product.policyholder.gender", "x"),
        ("product.policyholder.identification.idType", "CNP"),
    ],
)
def test_enum(quote: dict[str, Any], path: str, value: Any) -> None:
    _set(quote, path, value)
    assert check("QuoteRequest", quote) == {path: [CHOICE]}


def test_enum_of_integers_refuses_a_boolean(quote: dict[str, Any]) -> None:
    # True == 1 in Python; JSON tells them apart.
    _set(quote, "product.motor.installmentCount", True)
    assert check("QuoteRequest", quote) == {"product.motor.installmentCount": [of_type("integer")]}


def test_minimum(quote: dict[str, Any]) -> None:
    _set(quote, "product.coverages.0.insuredSum", -1)
    _set(quote, "product.motor.deductibles.totalDamage", -0.5)
    assert check("QuoteRequest", quote) == {
        "product.coverages.0.insuredSum": ["This value should be greater than or equal to 0."],
        "product.motor.deductibles.totalDamage": [
            "This value should be greater than or equal to 0."
        ],
    }


@pytest.mark.parametrize("term", [0, 13])
def test_minimum_and_maximum_give_one_range_message(quote: dict[str, Any], term: int) -> None:
    _set(quote, "product.motor.termTime", term)
    assert check("QuoteRequest", quote) == {
        "product.motor.termTime": ["This value should be between 1 and 12."]
    }


def test_min_items(quote: dict[str, Any]) -> None:
    _set(quote, "product.coverages", [])
    assert check("QuoteRequest", quote) == {
        "product.coverages": ["This collection should contain 1 element or more."]
    }


def test_pattern() -> None:
    auth = {"token": "a.b.c", "expires_at": "2027-01-15 22:39:59", "refresh_token": "XYZ"}
    assert check("AuthData", auth) == {"refresh_token": ["This value is not valid."]}
    auth["refresh_token"] = "0a" * 32
    assert check("AuthData", auth) == {}


@pytest.mark.parametrize("value", ["1985-02-30", "12.03.1985", "1985-3-12", "19850312", "x"])
def test_format_date(quote: dict[str, Any], value: str) -> None:
    _set(quote, "product.policyholder.birthdate", value)
    assert check("QuoteRequest", quote) == {"product.policyholder.birthdate": [BAD_DATE]}


def test_format_checks_refuse_the_empty_string(quote: dict[str, Any]) -> None:
    # The document forbids "" where it says format: date or email, so both sides refuse it
    # (Symfony's constraints would skip it; schemathesis found the sandbox accepting it).
    _set(quote, "product.policyholder.birthdate", "")
    _set(quote, "product.policyholder.email", "")
    assert check("QuoteRequest", quote) == {
        "product.policyholder.birthdate": [BAD_DATE],
        "product.policyholder.email": ["This value is not a valid email address."],
    }


@pytest.mark.parametrize("value", ["andrei", "andrei@", "@example.ro", "a b@example.ro", "a@ro"])
def test_format_email(quote: dict[str, Any], value: str) -> None:
    _set(quote, "product.policyholder.email", value)
    assert check("QuoteRequest", quote) == {
        "product.policyholder.email": ["This value is not a valid email address."]
    }


def test_nested_array_item_paths(quote: dict[str, Any]) -> None:
    quote["product"]["coverages"].append({"isIncluded": "yes", "insuredSum": -3})
    quote["product"]["vehicle"]["driver"] = [
        {"lastName": "Pop", "firstName": "Ana", "taxId": "2990101400018"},
        {"lastName": "Pop", "taxId": "2990101400018", "identification": {"idNumber": 7}},
    ]
    assert check("QuoteRequest", quote) == {
        "product.coverages.1.code": [BLANK],
        "product.coverages.1.isIncluded": [of_type("boolean")],
        "product.coverages.1.insuredSum": ["This value should be greater than or equal to 0."],
        "product.vehicle.driver.1.firstName": [BLANK],
        "product.vehicle.driver.1.identification.idNumber": [of_type("string")],
    }


def test_any_of_market_value(vehicle_data: dict[str, Any]) -> None:
    for good in ("100000.00", 100000, 99999.5):
        vehicle_data["marketValue"] = good
        assert check("VehicleData", vehicle_data) == {}
    vehicle_data["marketValue"] = [100000]
    assert check("VehicleData", vehicle_data) == {"marketValue": [of_type("number|string")]}


def test_unknown_properties_are_ignored(quote: dict[str, Any]) -> None:
    quote["extra"] = {"anything": [1, 2]}
    quote["product"]["vehicle"]["wheels"] = "four"
    assert check("QuoteRequest", quote) == {}


def test_body_of_the_wrong_type_is_reported_at_the_root() -> None:
    assert check("QuoteRequest", []) == {"": [of_type("object")]}
    assert check("QuoteRequest", None) == {"": [NOT_NULL]}


def test_multiple_errors_are_collected(quote: dict[str, Any]) -> None:
    _delete(quote, "provider")
    _set(quote, "product.motor.termTime", 24)
    _set(quote, "product.motor.currency", "USD")
    _set(quote, "product.policyholder.address.floor", 3)
    _set(quote, "product.vehicle.yearOfConstruction", "2022")
    _delete(quote, "product.vehicle.seats")
    found = check("QuoteRequest", quote)
    assert found == {
        "provider": [BLANK],
        "product.motor.termTime": ["This value should be between 1 and 12."],
        "product.motor.currency": [CHOICE],
        "product.policyholder.address.floor": [of_type("string")],
        "product.vehicle.yearOfConstruction": [of_type("integer")],
        "product.vehicle.seats": [BLANK],
    }


def test_unknown_schema_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        validate("NoSuchSchema", {})


# Keywords the current document does not use yet, on synthetic schemas.


def _synthetic(schema: dict[str, Any], value: Any, **schemas: Any) -> dict[str, list[str]]:
    validator = _validation._Validator(schemas, lang="en", today=TODAY)
    errors: dict[str, list[str]] = {}
    validator.walk(schema, value, "", errors)
    return errors


@pytest.mark.parametrize(
    ("schema", "value", "expected"),
    [
        (
            {"type": "array", "maxItems": 1},
            [1, 2],
            "This collection should contain 1 element or less.",
        ),
        (
            {"type": "array", "minItems": 2},
            [1],
            "This collection should contain 2 elements or more.",
        ),
        (
            {"type": "string", "minLength": 3},
            "ab",
            "This value is too short. It should have 3 characters or more.",
        ),
        (
            {"type": "string", "maxLength": 1},
            "ab",
            "This value is too long. It should have 1 character or less.",
        ),
        ({"type": "integer", "maximum": 5}, 6, "This value should be less than or equal to 5."),
        (
            {"type": "number", "minimum": 0, "exclusiveMinimum": True},
            0,
            "This value should be greater than 0.",
        ),
        (
            {"type": "number", "maximum": 1, "exclusiveMaximum": True},
            1,
            "This value should be less than 1.",
        ),
        (
            {"type": "string", "format": "date-time"},
            "2027-01-20",
            "This value is not a valid datetime.",
        ),
    ],
)
def test_other_keywords(schema: dict[str, Any], value: Any, expected: str) -> None:
    assert _synthetic(schema, value) == {"": [expected]}


def test_date_time_allof_oneof_additional_properties() -> None:
    assert _synthetic({"type": "string", "format": "date-time"}, "2027-01-20T10:00:00Z") == {}
    both = {"allOf": [{"type": "integer"}, {"minimum": 3}]}
    assert _synthetic(both, 2) == {"": ["This value should be greater than or equal to 3."]}
    either = {"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "integer"}]}
    a_schema = {"type": "object", "required": ["x"], "properties": {"x": {"type": "string"}}}
    assert _synthetic(either, 5, A=a_schema) == {}
    # No branch valid, the value's type matches a branch: that (closest) branch's errors.
    assert _synthetic(either, {"x": 1}, A=a_schema) == {"x": [of_type("string")]}
    mapping = {"type": "object", "additionalProperties": {"type": "array"}}
    assert _synthetic(mapping, {"a.b": [], "c": 1}) == {"c": [of_type("array")]}


# --------------------------------------------------------------------------- business rules


def test_year_of_construction_at_most_next_year(
    quote: dict[str, Any], vehicle_data: dict[str, Any]
) -> None:
    _set(quote, "product.vehicle.yearOfConstruction", TODAY.year + 1)
    vehicle_data["yearOfConstruction"] = TODAY.year + 1
    assert check("QuoteRequest", quote) == {}
    assert check("VehicleData", vehicle_data) == {}
    too_new = f"This value should be less than or equal to {TODAY.year + 1}."
    _set(quote, "product.vehicle.yearOfConstruction", TODAY.year + 2)
    vehicle_data["yearOfConstruction"] = TODAY.year + 2
    assert check("QuoteRequest", quote) == {"product.vehicle.yearOfConstruction": [too_new]}
    assert check("VehicleData", vehicle_data) == {"yearOfConstruction": [too_new]}


def test_year_of_construction_follows_today(vehicle_data: dict[str, Any]) -> None:
    vehicle_data["yearOfConstruction"] = 2031
    assert check("VehicleData", vehicle_data, today=datetime.date(2030, 12, 31)) == {}
    assert check("VehicleData", vehicle_data, today=datetime.date(2029, 12, 31)) != {}


def test_engine_displacement_not_required_for_electric_vehicles(
    quote: dict[str, Any], vehicle_data: dict[str, Any]
) -> None:
    for body, vehicle, prefix in (
        (quote, quote["product"]["vehicle"], "product.vehicle."),
        (vehicle_data, vehicle_data, ""),
    ):
        del vehicle["engineDisplacement"]
        schema = "QuoteRequest" if prefix else "VehicleData"
        assert check(schema, body) == {f"{prefix}engineDisplacement": [BLANK]}
        vehicle["fuelType"] = "electric"
        assert check(schema, body) == {}
        # Electric vehicles still have a power and seats.
        del vehicle["enginePower"]
        assert check(schema, body) == {f"{prefix}enginePower": [BLANK]}


@pytest.mark.parametrize("trailer", ["O1", "O2", "O3", "O4"])
def test_trailers_need_no_engine_or_seats(
    quote: dict[str, Any], vehicle_data: dict[str, Any], trailer: str
) -> None:
    for vehicle in (quote["product"]["vehicle"], vehicle_data):
        for name in ("engineDisplacement", "enginePower", "seats"):
            del vehicle[name]
        vehicle["vehicleType"] = trailer
        vehicle["fuelType"] = "none"
    assert check("QuoteRequest", quote) == {}
    assert check("VehicleData", vehicle_data) == {}


def test_non_trailers_need_power_and_seats(vehicle_data: dict[str, Any]) -> None:
    for name in ("engineDisplacement", "enginePower", "seats"):
        del vehicle_data[name]
    vehicle_data["vehicleType"] = "N1"
    assert check("VehicleData", vehicle_data) == {
        "engineDisplacement": [BLANK],
        "enginePower": [BLANK],
        "seats": [BLANK],
    }


@pytest.mark.parametrize("value", ["abc", "1e5", "100,000.00", " 100", "", "0x10", "1."])
def test_market_value_string_must_be_a_decimal(vehicle_data: dict[str, Any], value: str) -> None:
    vehicle_data["marketValue"] = value
    assert check("VehicleData", vehicle_data) == {"marketValue": [BAD_NUMBER]}


def test_market_value_string_in_vehicle(quote: dict[str, Any]) -> None:
    _set(quote, "product.vehicle.marketValue", "95000.50")
    assert check("QuoteRequest", quote) == {}
    _set(quote, "product.vehicle.marketValue", "95 000")
    assert check("QuoteRequest", quote) == {"product.vehicle.marketValue": [BAD_NUMBER]}


def test_natural_person_needs_names(quote: dict[str, Any]) -> None:
    _delete(quote, "product.policyholder.lastName")
    _set(quote, "product.policyholder.firstName", "")
    assert check("QuoteRequest", quote) == {
        "product.policyholder.lastName": [BLANK],
        "product.policyholder.firstName": [BLANK],
    }


def _company(quote: dict[str, Any], **fields: Any) -> dict[str, Any]:
    holder = quote["product"]["policyholder"]
    for name in ("lastName", "firstName", "gender", "birthdate", "drivingLicense"):
        holder.pop(name, None)
    holder.update({"isLegalEntity": True, "businessName": "Transporturi Demo SRL"})
    holder.update({"taxId": "14399840", "caenCode": "4941"})
    holder.update(fields)
    return quote


@pytest.mark.parametrize("cui", ["14399840", "RO14399840", "ro2816464", "2816464", "19"])
def test_legal_entity_needs_business_name_and_cui(quote: dict[str, Any], cui: str) -> None:
    assert check("QuoteRequest", _company(quote, taxId=cui)) == {}


def test_legal_entity_without_business_name(quote: dict[str, Any]) -> None:
    _company(quote)
    del quote["product"]["policyholder"]["businessName"]
    assert check("QuoteRequest", quote) == {"product.policyholder.businessName": [BLANK]}


@pytest.mark.parametrize("cui", ["14399841", "1", "12345678901", "RO 14399840", "1850312120013"])
def test_legal_entity_with_invalid_cui(quote: dict[str, Any], cui: str) -> None:
    assert check("QuoteRequest", _company(quote, taxId=cui)) == {
        "product.policyholder.taxId": [BAD_CUI]
    }


def test_foreign_legal_entity_tax_id_is_not_checked(quote: dict[str, Any]) -> None:
    _company(quote, taxId="DE811907980", isForeignPerson=True)
    assert check("QuoteRequest", quote) == {}


@pytest.mark.parametrize(
    "cnp",
    [
        "1850312120013",  # 1985-03-12, Cluj
        "2850312120015",
        "5050505123453",  # 2005-05-05
        "1960229123452",  # 1996-02-29, a leap day
        "7900101400013",  # a foreign resident
        "9800101400010",  # a foreigner
    ],
)
def test_valid_cnps(quote: dict[str, Any], cnp: str) -> None:
    _set(quote, "product.policyholder.taxId", cnp)
    quote["product"]["policyholder"].pop("birthdate")
    assert check("QuoteRequest", quote) == {}


@pytest.mark.parametrize(
    "cnp",
    [
        "1850312120016",  # wrong control digit
        "185031212001",  # 12 digits
        "18503121200133",  # 14 digits
        "0850312120013",  # no sex/century digit 0
        "1851312120014",  # month 13 (control digit right)
        "1970229123450",  # 1997-02-29 does not exist (control digit right)
        "5300101400011",  # born 2030-01-01, after today (control digit right)
        "185031212001A",
        # Full-width digits are digits to str.isdigit(), not to a CNP.
        "\uff11\uff18\uff15\uff10\uff13\uff11\uff12\uff11\uff12\uff10\uff10\uff11\uff13",
    ],
)
def test_invalid_cnps(quote: dict[str, Any], cnp: str) -> None:
    _set(quote, "product.policyholder.taxId", cnp)
    assert check("QuoteRequest", quote) == {"product.policyholder.taxId": [BAD_CNP]}


def test_invalid_cnp_examples_have_the_right_control_digit() -> None:
    # So that the cases above fail for their date, not their checksum.
    for cnp in ("1851312120014", "1970229123450", "5300101400011"):
        total = sum(int(d) * int(w) for d, w in zip(cnp, "279146358279", strict=False)) % 11
        assert (1 if total == 10 else total) == int(cnp[12]), cnp


def test_foreign_person_tax_id_is_not_a_cnp(quote: dict[str, Any]) -> None:
    _set(quote, "product.policyholder.taxId", "X1234567")
    _set(quote, "product.policyholder.isForeignPerson", True)
    assert check("QuoteRequest", quote) == {}


def test_rules_apply_to_the_vehicle_owner(quote: dict[str, Any]) -> None:
    quote["product"]["vehicle"]["owner"] = {
        "isLegalEntity": False,
        "taxId": "1850312120016",
        "address": {"county": "B", "city": "București", "cityCode": 179132, "street": "Lipscani"},
    }
    assert check("QuoteRequest", quote) == {
        "product.vehicle.owner.lastName": [BLANK],
        "product.vehicle.owner.firstName": [BLANK],
        "product.vehicle.owner.taxId": [BAD_CNP],
    }
    quote["product"]["vehicle"]["owner"] |= {"isLegalEntity": True, "taxId": "2816464"}
    assert check("QuoteRequest", quote) == {"product.vehicle.owner.businessName": [BLANK]}


def test_rules_apply_to_drivers(quote: dict[str, Any]) -> None:
    quote["product"]["vehicle"]["driver"] = [
        {"lastName": "Pop", "firstName": "Ana", "taxId": "2850312120015"},
        {"lastName": "Pop", "firstName": "Ion", "taxId": "1850312120016"},
    ]
    assert check("QuoteRequest", quote) == {"product.vehicle.driver.1.taxId": [BAD_CNP]}


def test_a_wrongly_typed_flag_does_not_pile_up_errors(quote: dict[str, Any]) -> None:
    _set(quote, "product.policyholder.isLegalEntity", "no")
    assert check("QuoteRequest", quote) == {
        "product.policyholder.isLegalEntity": [of_type("boolean")]
    }


def test_payment_amount_must_be_positive(policy: dict[str, Any]) -> None:
    policy["payment"]["amount"] = 0
    assert check("PolicyRequest", policy) == {
        "payment.amount": ["This value should be greater than 0."]
    }
    # A negative amount breaks the document's exclusive minimum: one message, not two.
    policy["payment"]["amount"] = -1
    assert check("PolicyRequest", policy) == {
        "payment.amount": ["This value should be greater than 0."]
    }


def test_payment_method_and_offer_id(policy: dict[str, Any]) -> None:
    policy["payment"]["method"] = "card"
    policy["offerId"] = "12345"
    assert check("PolicyRequest", policy) == {
        "payment.method": [CHOICE],
        "offerId": [of_type("number")],
    }


def test_start_date_from_today_to_one_year_ahead(quote: dict[str, Any]) -> None:
    path = "product.motor.startDate"
    for ok in (TODAY, datetime.date(2028, 1, 18)):
        _set(quote, path, ok.isoformat())
        assert check("QuoteRequest", quote) == {}, ok
    _set(quote, path, "2027-01-17")
    assert check("QuoteRequest", quote) == {
        path: ["This value should be greater than or equal to 2027-01-18."]
    }
    _set(quote, path, "2028-01-19")
    assert check("QuoteRequest", quote) == {
        path: ["This value should be less than or equal to 2028-01-18."]
    }
    _set(quote, path, "2027-02-30")
    assert check("QuoteRequest", quote) == {path: [BAD_DATE]}


def test_start_date_a_year_after_a_leap_day(quote: dict[str, Any]) -> None:
    leap = datetime.date(2028, 2, 29)
    _set(quote, "product.motor.startDate", "2029-02-28")
    assert check("QuoteRequest", quote, today=leap) == {}
    _set(quote, "product.motor.startDate", "2029-03-01")
    assert check("QuoteRequest", quote, today=leap) != {}


def test_today_defaults_to_a_date() -> None:
    assert isinstance(_validation.vendor_today(), datetime.date)


# --------------------------------------------------------------------------- Romanian


def test_romanian_messages(quote: dict[str, Any]) -> None:
    _delete(quote, "product.vehicle.vin")
    _set(quote, "product.policyholder.address.floor", 2)
    _set(quote, "product.vehicle.fuelType", "coal")
    _set(quote, "product.coverages.0.insuredSum", -1)
    _set(quote, "product.motor.termTime", 24)
    _set(quote, "product.policyholder.taxId", "1850312120016")
    _set(quote, "product.policyholder.email", "x")
    _set(quote, "product.policyholder.birthdate", "1985-13-01")
    expected = {
        "product.vehicle.vin": ["Această valoare nu trebuie să fie goală."],
        "product.policyholder.address.floor": ["Această valoare trebuie să fie de tipul string."],
        "product.vehicle.fuelType": ["Valoarea selectată nu este o opțiune validă."],
        "product.coverages.0.insuredSum": [
            "Această valoare trebuie să fie mai mare sau egală cu 0."
        ],
        "product.motor.termTime": ["Această valoare trebuie să fie între 1 și 12."],
        "product.policyholder.taxId": ["Această valoare nu este un CNP valid."],
        "product.policyholder.email": ["Această valoare nu reprezintă o adresă de e-mail validă."],
        "product.policyholder.birthdate": ["Această valoare nu reprezintă o dată validă."],
    }
    for lang in ("ro", "ro-RO", "RO", "ro_RO"):
        assert check("QuoteRequest", quote, lang=lang) == expected, lang
    english = check("QuoteRequest", quote, lang="de")
    assert english == check("QuoteRequest", quote)
    assert english["product.vehicle.vin"] == [BLANK]


def test_romanian_rule_messages(quote: dict[str, Any], policy: dict[str, Any]) -> None:
    _company(quote, taxId="14399841")
    _set(quote, "product.vehicle.yearOfConstruction", 2040)
    _set(quote, "product.vehicle.marketValue", "abc")
    assert check("QuoteRequest", quote, lang="ro") == {
        "product.policyholder.taxId": ["Această valoare nu este un CUI valid."],
        "product.vehicle.yearOfConstruction": [
            "Această valoare trebuie să fie mai mică sau egală cu 2028."
        ],
        "product.vehicle.marketValue": ["Această valoare nu reprezintă un număr valid."],
    }
    policy["payment"]["amount"] = 0
    policy["payment"]["email"] = None  # unknown: ignored
    policy["offerId"] = None
    assert check("PolicyRequest", policy, lang="ro") == {
        "offerId": ["Această valoare nu trebuie să fie goală."],
        "payment.amount": ["Această valoare trebuie să fie mai mare de 0."],
    }
    assert check("Person", {"taxId": "X", "address": {}, "email": None}, lang="ro")["email"] == [
        "Această valoare nu trebuie să fie nulă (null)."
    ]


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (1, "Această colecție trebuie să conțină cel puțin 1 element."),
        (2, "Această colecție trebuie să conțină cel puțin 2 elemente."),
        (19, "Această colecție trebuie să conțină cel puțin 19 elemente."),
        (20, "Această colecție trebuie să conțină cel puțin 20 de elemente."),
        (101, "Această colecție trebuie să conțină cel puțin 101 elemente."),
    ],
)
def test_romanian_plurals(limit: int, text: str) -> None:
    validator = _validation._Validator({}, lang="ro", today=TODAY)
    errors: dict[str, list[str]] = {}
    validator.walk({"type": "array", "minItems": limit}, [], "", errors)
    assert errors == {"": [text]}


# --------------------------------------------------------------------------- operations


def test_authenticate_needs_account_and_password() -> None:
    assert validate_operation("POST /auth", query={"password": "pw"}) == {"account": [BLANK]}
    assert validate_operation("POST /auth", query={"account": "", "password": "pw"}) == {
        "account": [BLANK]
    }
    assert validate_operation("POST /auth", query={"account": "a", "password": "pw"}) == {}
    assert validate_operation("POST /auth", lang="ro") == {
        "account": ["Această valoare nu trebuie să fie goală."],
        "password": ["Această valoare nu trebuie să fie goală."],
    }


def test_download_policy_needs_series_and_an_integer_number() -> None:
    assert validate_operation("GET /policy", query={"number": "100234"}) == {"series": [BLANK]}
    assert validate_operation("GET /policy", query={"series": "RO/05/M3", "number": "12a"}) == {
        "number": [of_type("integer")]
    }
    assert validate_operation("GET /policy", query={"series": "RO/05/M3", "number": 7}) == {}


@pytest.mark.parametrize("value", ["abc", "1.5", "12 ", "", 1.5, True, "9" * 5000])
def test_county_code_must_be_an_integer(value: Any) -> None:
    expected = BLANK if value == "" else of_type("integer")
    assert validate_operation(
        "GET /nomenclature/locality/{county_code}", path={"county_code": value}
    ) == {"county_code": [expected]}


@pytest.mark.parametrize("value", ["12", "-3", 12, "+4"])
def test_county_code_integers(value: Any) -> None:
    assert (
        validate_operation("GET /nomenclature/locality/{county_code}", path={"county_code": value})
        == {}
    )


def test_path_parameters_of_other_operations() -> None:
    assert validate_operation("GET /offer/{id}", path={"id": "x"}) == {"id": [of_type("integer")]}
    assert validate_operation("GET /offer/{id}", path={}) == {"id": [BLANK]}
    assert (
        validate_operation("GET /nomenclature/vehicle-model/{make}", path={"make": "Dacia"}) == {}
    )
    # Operations without parameters or body accept anything.
    assert validate_operation("GET /nomenclature/country", query={"x": "1"}, body=[1]) == {}


def test_operation_bodies(quote: dict[str, Any]) -> None:
    assert validate_operation("POST /offer") == {"provider": [BLANK], "product": [BLANK]}
    assert validate_operation("POST /policy", body=[]) == {"": [of_type("object")]}
    _set(quote, "product.coverages.0.insuredSum", "lots")
    assert validate_operation("POST /offer", body=quote, today=TODAY) == {
        "product.coverages.0.insuredSum": [of_type("number")]
    }


def test_unknown_operation_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        validate_operation("GET /no-such-operation")


# --------------------------------------------------------------------------- never raises

_SCHEMA_NAMES = sorted(json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))["schemas"])
_OPERATION_IDS = sorted(json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))["operations"])


def _property_names() -> list[str]:
    names: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for child in node.values():
                collect(child)
        elif isinstance(node, list):
            for child in node:
                collect(child)

    collect(json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))["schemas"])
    return sorted(names)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from(
        ["", "O1", "electric", "M1", "RON", "2027-01-20", "1850312120013", "14399840", "1e5"]
    )
)
_JSON = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(_property_names()) | st.text(), children, max_size=8)
    ),
    max_leaves=40,
)


def _is_field_errors(found: object) -> bool:
    return isinstance(found, dict) and all(
        isinstance(key, str)
        and isinstance(messages, list)
        and messages
        and all(isinstance(message, str) for message in messages)
        for key, messages in found.items()
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(_SCHEMA_NAMES),
    value=_JSON,
    lang=st.sampled_from(["en", "ro", "xx"]),
    today=st.dates(),
)
def test_random_json_never_raises(name: str, value: Any, lang: str, today: datetime.date) -> None:
    assert _is_field_errors(validate(name, value, lang=lang, today=today))


_QUOTE_EXAMPLE = support.document()["components"]["schemas"]["QuoteRequest"]["example"]


@settings(max_examples=300, deadline=None)
@given(
    target=st.sampled_from(
        ["product.policyholder", "product.vehicle", "product.motor", "product.coverages.0", ""]
    ),
    value=st.dictionaries(st.sampled_from(_property_names()), _JSON, max_size=6),
)
def test_random_fields_in_a_valid_quote_never_raise(target: str, value: dict[str, Any]) -> None:
    # Random values at known field names of a nearly valid body reach the business rules.
    quote = copy.deepcopy(_QUOTE_EXAMPLE)
    (_get(quote, target) if target else quote).update(value)
    assert _is_field_errors(check("QuoteRequest", quote))


@settings(max_examples=200, deadline=None)
@given(
    operation_id=st.sampled_from(_OPERATION_IDS),
    query=st.dictionaries(st.sampled_from(["account", "password", "series", "number"]), _JSON),
    path=st.dictionaries(st.sampled_from(["id", "county_code", "make"]), _JSON),
    body=_JSON,
)
def test_random_operation_calls_never_raise(
    operation_id: str, query: dict[str, Any], path: dict[str, Any], body: Any
) -> None:
    found = validate_operation(operation_id, query=query, path=path, body=body, today=TODAY)
    assert _is_field_errors(found)


# --------------------------------------------------------------------------- schemas.json


def test_schemas_json_is_up_to_date(tmp_path: Path) -> None:
    export_schemas = support.script("export_schemas")
    generation = tmp_path / "casco-api.generation.yaml"
    exported = tmp_path / "schemas.json"
    support.prepare_generation_copy(generation)
    assert export_schemas.main([str(generation), str(exported)]) == 0
    assert exported.read_bytes() == SCHEMAS_JSON.read_bytes(), (
        "generated/casco_async_generated/schemas.json is stale: run `make generate` and "
        "`python scripts/export_schemas.py build/casco-api.generation.yaml "
        "generated/casco_async_generated/schemas.json`"
    )
    # Deterministic: a second export gives the same bytes.
    again = tmp_path / "again.json"
    assert export_schemas.main([str(generation), str(again)]) == 0
    assert again.read_bytes() == exported.read_bytes()


def test_schemas_json_shape() -> None:
    exported = json.loads(SCHEMAS_JSON.read_text(encoding="utf-8"))
    assert exported["operations"]["POST /offer"] == {
        "id": "getQuote",
        "method": "POST",
        "path": "/offer",
        "body": "QuoteRequest",
        "query": {},
        "path_params": {},
        "headers": {
            "Content-Language": {
                "required": False,
                "schema": {"$ref": "#/components/schemas/LanguageEnum"},
            }
        },
    }
    assert exported["operations"]["GET /nomenclature/locality/{county_code}"]["path_params"] == {
        "county_code": {"required": True, "schema": {"type": "integer"}}
    }
    # Token is a credential, never a field: left out, as a header parameter or not.
    assert exported["operations"]["PATCH /auth"]["query"] == {}
    assert exported["operations"]["PATCH /auth"]["headers"] == {}
    assert exported["schemas"]["ProductData"]["properties"]["motor"] == {
        "$ref": "#/components/schemas/MotorData"
    }
    # The overlay's lenient marketValue is what is validated.
    assert "anyOf" in exported["schemas"]["VehicleData"]["properties"]["marketValue"]
    assert SCHEMAS_JSON.read_text(encoding="utf-8").endswith("}\n")


def test_export_refuses_an_inline_request_body() -> None:
    export_schemas = support.script("export_schemas")
    document = {
        "paths": {
            "/x": {
                "post": {
                    "operationId": "x",
                    "requestBody": {
                        "content": {"application/json": {"schema": {"type": "object"}}}
                    },
                }
            }
        }
    }
    with pytest.raises(export_schemas.ExportError):
        export_schemas.export(document)


def test_import_is_lazy() -> None:
    # Importing the module must not read schemas.json: the SDK imports it on every start.
    code = (
        "import casco_async._validation as v; "
        "assert v._document.cache_info().currsize == 0; "
        "v.validate('Coverage', {}); "
        "assert v._document.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_declared_headers_are_validated_where_given() -> None:
    # Content-Language is declared on the body operations: a value outside en/ro is refused
    # (issue 13: the sandbox answered 200 to "AAA"), in any case of the header's name.
    refused = validate_operation("POST /policy", body=None, headers={"content-language": "AAA"})
    assert refused["Content-Language"] == ["The value you selected is not a valid choice."]
    accepted = validate_operation("POST /policy", body=None, headers={"Content-Language": "ro"})
    assert "Content-Language" not in accepted
    # Not declared by the operation, or not given: nothing to say.
    assert validate_operation("GET /nomenclature/county", headers={"Content-Language": "AAA"}) == {}
    assert "Content-Language" not in validate_operation("POST /policy", body=None)
    assert "Token" not in validate_operation("PATCH /auth", headers={"Token": ""})
