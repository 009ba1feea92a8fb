"""The generation step: pins, Token-by-meaning, 3.1 spelling and strict overlay corrections.

The vendor's document describes our wire with its own names. Whatever it calls things, the copy
`make generate` generates from must come out the same, and whatever can no longer be applied must
fail with one line naming it.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import openapi_document  # noqa: E402
import prepare_document  # noqa: E402
import vendorize  # noqa: E402
from prepare_document import PrepareError, prepare  # noqa: E402

PINS = openapi_document.load_document(ROOT / "openapi" / "pins.yaml")
# Our names, OpenAPI 3.0 and the Token header as a shared $ref, whatever openapi/ holds (our
# reconstruction or the vendor's own file): the rewrites below start from there.
RAW = openapi_document.load_document(ROOT / "openapi" / "casco-api.yaml")
DOCUMENT = vendorize.canonical(RAW, PINS)
OVERLAY = openapi_document.load_document(ROOT / "openapi" / "overlay.yaml")
RENAMES = [
    "operation-ids",
    "tags",
    "schemas",
    "inline-token",
    "mixed-token",
    "token-scheme",
    "no-sources",
    "vendor",
]


def without_sources(document: dict[str, Any]) -> dict[str, Any]:
    return vendorize.no_sources(copy.deepcopy(document))


def rewritten(scenarios: str) -> dict[str, Any]:
    """The document as the vendor would publish it, read back from its text (JSON or YAML)."""
    document, as_json = vendorize.rewrite(RAW, scenarios, PINS)
    return openapi_document.parse_document(vendorize.dumps(document, as_json=as_json))


BASELINE = without_sources(prepare(DOCUMENT, PINS, OVERLAY))


@pytest.mark.parametrize("scenario", RENAMES)
def test_a_renamed_document_prepares_to_the_same_copy(scenario: str) -> None:
    vendor = rewritten(scenario)
    assert without_sources(prepare(vendor, PINS, OVERLAY)) == BASELINE


def test_the_vendor_rewrite_really_renames_everything() -> None:
    vendor = rewritten("vendor")
    ids = {op["operationId"] for _, op in openapi_document.operations(vendor)}
    ours = {pin["operationId"] for pin in PINS["operations"].values()}
    assert not ids & ours
    assert not set(vendor["components"]["schemas"]) & set(PINS["schemas"])
    assert "parameters" not in vendor["components"] or "Token" not in vendor["components"].get(
        "parameters", {}
    )


def test_openapi_31_type_arrays_come_back_as_nullable() -> None:
    prepared = prepare(rewritten("openapi31"), PINS, OVERLAY)
    assert prepared["openapi"] == "3.0.3"
    offer = prepared["components"]["schemas"]["Offer"]["properties"]
    assert offer["notes"] == {"type": "string", "nullable": True}
    text = json.dumps(prepared)
    assert '"type": [' not in text
    assert '{"type": "null"}' not in text
    # Every typed nullable field of our own document is nullable in the prepared copy as well.
    ours = BASELINE["components"]["schemas"]
    theirs = without_sources(prepared)["components"]["schemas"]
    for name, schema in ours.items():
        for field, spec in (schema.get("properties") or {}).items():
            if spec.get("nullable") and "type" in spec:
                assert theirs[name]["properties"][field].get("nullable") is True, (name, field)


def test_openapi_31_nullable_reference_and_const() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["openapi"] = "3.1.0"
    motor = document["components"]["schemas"]["MotorData"]["properties"]
    motor["renewPolicy"] = {
        "anyOf": [{"$ref": "#/components/schemas/PolicyReference"}, {"type": "null"}]
    }
    vehicle = document["components"]["schemas"]["Vehicle"]["properties"]
    vehicle["licensePlate"] = {"type": "string", "const": "B-01-ABC"}
    schemas = prepare(document, PINS, OVERLAY)["components"]["schemas"]
    assert schemas["MotorData"]["properties"]["renewPolicy"] == {
        "allOf": [{"$ref": "#/components/schemas/PolicyReference"}],
        "nullable": True,
    }
    assert schemas["Vehicle"]["properties"]["licensePlate"] == {
        "type": "string",
        "enum": ["B-01-ABC"],
    }


def test_the_token_header_becomes_the_security_scheme_in_every_spelling() -> None:
    for scenario in ("inline-token", "mixed-token", "token-scheme", "vendor"):
        prepared = prepare(rewritten(scenario), PINS, OVERLAY)
        schemes = prepared["components"]["securitySchemes"]
        assert schemes == {"TokenAuth": {"type": "apiKey", "in": "header", "name": "Token"}}
        for key, operation in openapi_document.operations(prepared):
            names = [
                openapi_document.resolve(prepared, p)["name"]
                for p in operation.get("parameters") or ()
            ]
            if key == "PATCH /auth":
                # Renewal keeps its explicit header: it carries the refresh token.
                assert names == ["Token"], scenario
                assert operation["security"] == []
            else:
                assert "Token" not in names, (scenario, key)


def test_the_token_correction_is_idempotent() -> None:
    once = prepare_document.token_as_security_scheme(copy.deepcopy(DOCUMENT), PINS)
    twice = prepare_document.token_as_security_scheme(copy.deepcopy(once), PINS)
    assert twice == once


def test_a_document_without_any_token_fails_naming_the_correction() -> None:
    document = vendorize.token_scheme(copy.deepcopy(DOCUMENT))
    del document["components"]["securitySchemes"]
    del document["paths"]["/auth"]["patch"]["parameters"]
    with pytest.raises(PrepareError, match="PATCH /auth: pinned `token: refresh`"):
        prepare(document, PINS, OVERLAY)


def test_a_pinned_operation_that_is_gone_fails_naming_it() -> None:
    document = copy.deepcopy(DOCUMENT)
    del document["paths"]["/auth"]["delete"]
    with pytest.raises(PrepareError, match=r"^pin DELETE /auth \(deauthenticate\): .*no DELETE"):
        prepare(document, PINS, OVERLAY)


def test_a_pinned_schema_whose_position_is_gone_fails_naming_it() -> None:
    document = copy.deepcopy(DOCUMENT)
    del document["components"]["schemas"]["ProductData"]["properties"]["policyholder"]
    with pytest.raises(PrepareError, match=r"^pin Person: .*no field 'policyholder'"):
        prepare(document, PINS, OVERLAY)


def test_two_pins_on_one_schema_fail() -> None:
    document = copy.deepcopy(DOCUMENT)
    vehicle = document["components"]["schemas"]["Vehicle"]["properties"]
    vehicle["driver"]["items"] = {"$ref": "#/components/schemas/Person"}
    del document["components"]["schemas"]["Driver"]
    with pytest.raises(PrepareError, match="pins Person and Driver both land on"):
        prepare(document, PINS, OVERLAY)


def test_a_vendor_name_equal_to_another_pin_fails() -> None:
    document = copy.deepcopy(DOCUMENT)
    openapi_document.rename_schemas(document, {"Driver": "Stray"})
    document["components"]["schemas"]["Driver"] = {"type": "object"}
    with pytest.raises(PrepareError, match=r"pin Driver: .* sits elsewhere"):
        prepare(document, PINS, OVERLAY)


def test_an_inline_schema_is_hoisted_under_its_pinned_name() -> None:
    document = copy.deepcopy(DOCUMENT)
    schemas = document["components"]["schemas"]
    schemas["ProductData"]["properties"]["vehicle"] = schemas.pop("Vehicle")
    prepared = prepare(document, PINS, OVERLAY)
    product = prepared["components"]["schemas"]["ProductData"]["properties"]
    assert product["vehicle"] == {"$ref": "#/components/schemas/Vehicle"}
    assert "vin" in prepared["components"]["schemas"]["Vehicle"]["properties"]


def test_a_new_operation_keeps_its_own_names_and_gets_the_scheme() -> None:
    prepared = prepare(rewritten("new-operation"), PINS, OVERLAY)
    operation = prepared["paths"]["/nomenclature/occupation"]["get"]
    assert operation["operationId"] == "listOccupations"
    assert "parameters" not in operation  # its only parameter was the Token header
    assert "security" not in operation  # so it requires the document-wide scheme
    assert prepared["security"] == [{"TokenAuth": []}]


def test_a_correction_whose_field_the_vendor_removed_fails_and_is_not_put_back() -> None:
    document = copy.deepcopy(DOCUMENT)
    del document["components"]["schemas"]["VehicleData"]["properties"]["marketValue"]
    with pytest.raises(PrepareError, match=r"matches only partly: not .*'VehicleData'"):
        prepare(document, PINS, OVERLAY)


def test_an_overlay_update_may_not_add_a_property() -> None:
    overlay = {
        "overlay": "1.0.0",
        "actions": [
            {
                "target": "$.components.schemas.Vehicle.properties",
                "update": {"colour": {"type": "string"}},
            }
        ],
    }
    with pytest.raises(PrepareError, match="would add property 'colour'"):
        prepare(DOCUMENT, PINS, overlay)


def test_swagger_2_is_refused_with_the_conversion_command() -> None:
    with pytest.raises(PrepareError, match=r"Swagger 2\.0.*npx swagger2openapi"):
        prepare({"swagger": "2.0", "paths": {}}, PINS, OVERLAY, source="vendor.json")


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    script = ROOT / "scripts" / "prepare_document.py"
    return subprocess.run(
        [sys.executable, str(script), *arguments], capture_output=True, text=True, check=False
    )


def test_the_command_reads_json_in_a_yaml_named_file(tmp_path: Path) -> None:
    vendor, as_json = vendorize.rewrite(RAW, "vendor", PINS)
    source = tmp_path / "casco-api.yaml"
    source.write_text(vendorize.dumps(vendor, as_json=as_json), "utf-8")
    output = tmp_path / "out.yaml"
    pins, overlay = ROOT / "openapi" / "pins.yaml", ROOT / "openapi" / "overlay.yaml"
    result = run(str(source), "--pins", str(pins), "--overlay", str(overlay), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert without_sources(yaml.safe_load(output.read_text("utf-8"))) == BASELINE


def test_the_command_fails_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    document = copy.deepcopy(DOCUMENT)
    del document["paths"]["/offer"]
    source = tmp_path / "casco-api.json"
    source.write_text(json.dumps(document), "utf-8")
    output = tmp_path / "out.yaml"
    pins, overlay = ROOT / "openapi" / "pins.yaml", ROOT / "openapi" / "overlay.yaml"
    result = run(str(source), "--pins", str(pins), "--overlay", str(overlay), "-o", str(output))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("prepare_document: error: pin POST /offer (getQuote)")
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_every_schema_an_operation_reaches_is_pinned() -> None:
    assert set(openapi_document.positions(DOCUMENT)) == set(PINS["schemas"])
    keys = {key for key, _ in openapi_document.operations(RAW)}
    assert set(PINS["operations"]) <= keys


def test_the_canonical_form_of_the_canonical_form_is_itself() -> None:
    assert vendorize.canonical(DOCUMENT, PINS) == DOCUMENT
