"""The sandbox follows the document: routes, counters and priced enums come from schemas.json.

Doctored operation mappings stand in for a vendor's document: other operationIds, other names of
path parameters, an operation the sandbox does not implement, one it implements but the document
dropped, and enum values the tariffs have never seen.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import AsyncIterator, Mapping
from datetime import date, timedelta
from decimal import Decimal
from importlib.resources import files
from typing import Any

import httpx
import pytest

import casco_async.sandbox
from casco_async.sandbox import OPERATION_IDS, Sandbox, SandboxConfig, SandboxDocumentError
from casco_async.sandbox._app import _build_app
from casco_async.sandbox._document import (
    PRICED_FIELDS,
    document_operations,
    documented_values,
    enum_at,
)
from casco_async.sandbox._state import SandboxState
from casco_async.sandbox._tariffs import (
    DEFAULT_EXCHANGE_RATE,
    DEFAULT_FACTOR,
    TariffInputError,
    price_quote,
)
from casco_async.testing import sample_quote_request

BASE = "http://sandbox"


def schemas_json() -> dict[str, Any]:
    """A fresh copy of the generated client's schemas.json, to doctor."""
    text = files("casco_async_generated").joinpath("schemas.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def operations() -> dict[str, Any]:
    return schemas_json()["operations"]


def with_operation(ops: dict[str, Any], method: str, path: str, operation_id: str) -> None:
    ops[f"{method} {path}"] = {
        "id": operation_id,
        "method": method,
        "path": path,
        "query": {},
        "path_params": {},
        "body": None,
    }


def client_of(state: SandboxState) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=_build_app(state)), base_url=BASE)


@pytest.fixture
async def doctored() -> AsyncIterator[tuple[SandboxState, httpx.AsyncClient]]:
    """A sandbox whose document also has ``GET /foo`` (listFoo) and ``POST /foo/{name}``."""
    ops = operations()
    with_operation(ops, "GET", "/foo", "listFoo")
    with_operation(ops, "POST", "/foo/{name}", "createFoo")
    state = SandboxState(SandboxConfig(), ops)
    async with client_of(state) as client:
        yield state, client


# ------------------------------------------------------------------------------ operations


def test_operation_ids_are_the_documents() -> None:
    ids = tuple(operation["id"] for operation in operations().values())
    assert ids == OPERATION_IDS
    assert ids == casco_async.sandbox.OPERATION_IDS
    assert len(ids) == 13
    sandbox = Sandbox()
    assert set(sandbox.stats()) == {*ids, "unmatched"}
    assert sandbox.not_implemented == {}


def test_every_documented_operation_has_a_route_with_its_method_and_path() -> None:
    routes = {
        (method, getattr(route, "name", None))
        for route in _build_app(SandboxState(SandboxConfig())).router.routes
        for method in getattr(route, "methods", None) or ()
        # Starlette answers HEAD wherever GET is routed.
        if getattr(route, "name", None) in OPERATION_IDS and method != "HEAD"
    }
    expected = {(operation["method"], operation["id"]) for operation in operations().values()}
    assert routes == expected


async def test_a_documented_operation_without_a_handler_answers_501_naming_it(
    doctored: tuple[SandboxState, httpx.AsyncClient],
) -> None:
    state, client = doctored
    response = await client.get("/foo")
    assert response.status_code == 501
    assert response.json() == {
        "error": True,
        "status": 501,
        "message": "Not implemented by the sandbox: GET /foo (listFoo)",
        "data": None,
    }
    response = await client.post("/foo/bar", json={})
    assert response.status_code == 501
    assert response.json()["message"] == (
        "Not implemented by the sandbox: POST /foo/{name} (createFoo)"
    )
    stats = state.stats()
    assert stats["listFoo"]["calls"] == 1 and stats["listFoo"]["server_error"] == 1
    assert stats["createFoo"]["calls"] == 1
    # An undocumented path or method stays a 404/405, counted as unmatched.
    assert (await client.get("/bar")).status_code == 404
    assert (await client.put("/foo")).status_code == 405
    assert state.stats()["unmatched"]["calls"] == 2
    # The implemented operations keep working beside it.
    assert (
        await client.post("/auth", params={"account": "sandbox", "password": "sandbox"})
    ).json()["error"] is False


async def test_a_sandbox_on_a_document_with_a_new_operation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ops = operations()
    with_operation(ops, "GET", "/nomenclature/occupation", "listOccupations")
    monkeypatch.setattr("casco_async.sandbox._state.document_operations", lambda: ops)
    sandbox = Sandbox()
    assert sandbox.not_implemented == {"listOccupations": "GET /nomenclature/occupation"}
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:
        response = await client.get("/nomenclature/occupation")
    assert response.status_code == 501
    assert "GET /nomenclature/occupation (listOccupations)" in response.json()["message"]
    assert sandbox.stats()["listOccupations"]["server_error"] == 1


def test_a_handler_missing_from_the_document_fails_at_construction() -> None:
    ops = operations()
    del ops["GET /nomenclature/country"]
    del ops["POST /policy"]
    with pytest.raises(SandboxDocumentError) as raised:
        _build_app(SandboxState(SandboxConfig(), ops))
    message = str(raised.value)
    assert "GET /nomenclature/country" in message and "POST /policy" in message


def test_operations_are_malformed_loudly() -> None:
    ops = operations()
    ops["GET /nomenclature/county"]["id"] = "listCountries"  # a repeated operationId
    with pytest.raises(SandboxDocumentError, match="listCountries"):
        SandboxState(SandboxConfig(), ops)
    ops = operations()
    with_operation(ops, "GET", "/offer/{offerId}", "again")  # /offer/{id} by another name
    with pytest.raises(SandboxDocumentError, match=r"GET /offer/\{offerId\}"):
        _build_app(SandboxState(SandboxConfig(), ops))


async def test_other_operation_ids_and_parameter_names_change_only_the_counters() -> None:
    vendor: dict[str, Any] = {}
    for index, operation in enumerate(operations().values()):
        renamed = {**operation, "id": f"vendorOp{index}"}
        # The vendor may name path parameters as it likes: they are not on the wire.
        renamed["path"] = renamed["path"].replace("{county_code}", "{countyId}")
        renamed["path"] = renamed["path"].replace("{make}", "{makeName}")
        vendor[f"{renamed['method']} {renamed['path']}"] = renamed
    state = SandboxState(SandboxConfig(), vendor)
    ids = {operation["path"]: operation["id"] for operation in vendor.values()}
    async with client_of(state) as client:
        token = (
            await client.post("/auth", params={"account": "sandbox", "password": "sandbox"})
        ).json()["data"]["token"]
        headers = {"Token": token}
        localities = await client.get("/nomenclature/locality/12", headers=headers)
        assert localities.status_code == 200 and localities.json()["data"]
        models = await client.get("/nomenclature/vehicle-model/Dacia", headers=headers)
        assert models.status_code == 200 and models.json()["data"]
    stats = state.stats()
    assert stats[ids["/nomenclature/locality/{countyId}"]]["ok"] == 1
    assert stats[ids["/nomenclature/vehicle-model/{makeName}"]]["ok"] == 1
    assert "listLocalities" not in stats


def test_faults_are_keyed_by_the_documents_operation_ids() -> None:
    ops = operations()
    with_operation(ops, "GET", "/foo", "listFoo")
    state = SandboxState(SandboxConfig(), ops)
    state.set_faults(operations={"listFoo": casco_async.sandbox.FaultConfig(error_rate=1)})
    assert state.faults_for("listFoo").error_rate == 1
    with pytest.raises(ValueError, match="listFooo"):
        state.set_faults(operations={"listFooo": casco_async.sandbox.FaultConfig()})


# ------------------------------------------------------------------------------- the enums


def test_enums_are_found_by_position_whatever_the_schemas_are_called() -> None:
    document = schemas_json()
    renames = {name: f"Vendor{name}Dto" for name in document["schemas"]}
    text = json.dumps(document)
    for old, new in renames.items():
        text = text.replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    renamed = json.loads(text)
    renamed["schemas"] = {renames[k]: v for k, v in renamed["schemas"].items()}
    for operation in renamed["operations"].values():
        if operation["body"]:
            operation["body"] = renames[operation["body"]]
    for operation, field in PRICED_FIELDS:
        found = enum_at(renamed["schemas"], renamed["operations"], operation, field)
        assert found and found == documented_values()[field], field
    assert set(documented_values()["product.vehicle.fuelType"]) == {
        "petrol",
        "diesel",
        "electric",
        "hybrid",
        "lpg",
        "none",
    }
    assert enum_at(renamed["schemas"], renamed["operations"], "POST /offer", "product.nope") == (
        frozenset()
    )


TODAY = date(2025, 2, 20)


def product(**changes: Any) -> dict[str, Any]:
    request = sample_quote_request("generali", start=TODAY + timedelta(days=9))
    result: dict[str, Any] = copy.deepcopy(request["product"])
    for key, value in changes.items():
        section, _, name = key.partition("__")
        result[section][name] = value
    return result


@pytest.mark.parametrize(
    ("field", "change", "factor"),
    [
        ("product.vehicle.fuelType", {"vehicle__fuelType": "hydrogen"}, "fuelType"),
        ("product.vehicle.usageType", {"vehicle__usageType": "funeral"}, "usageType"),
        ("product.vehicle.vehicleType", {"vehicle__vehicleType": "M4"}, "vehicleType"),
    ],
)
def test_a_documented_value_the_tariff_does_not_know_gets_the_default_factor(
    field: str, change: dict[str, Any], factor: str
) -> None:
    documented: Mapping[str, Any] = {field: {*documented_values()[field], *change.values()}}
    priced = price_quote("generali", product(**change), today=TODAY, documented=documented)
    assert priced.factors[factor] == DEFAULT_FACTOR
    assert priced.premium_amount > 0
    # Not in the document either: still a refusal of the field.
    with pytest.raises(TariffInputError) as refused:
        price_quote("generali", product(**change), today=TODAY, documented={})
    assert refused.value.field == field


def test_a_documented_currency_without_a_rate_is_priced_at_the_default_rate() -> None:
    documented = {"product.motor.currency": {"RON", "EUR", "USD"}}
    usd = price_quote(
        "generali", product(motor__currency="USD"), today=TODAY, documented=documented
    )
    ron = price_quote(
        "generali", product(motor__currency="RON"), today=TODAY, documented=documented
    )
    assert Decimal(1) == DEFAULT_EXCHANGE_RATE
    assert usd.currency == "USD" and usd.premium_amount == ron.premium_amount


def test_a_documented_installment_count_is_spread_over_the_year() -> None:
    documented = {"product.motor.installmentCount": {1, 2, 4, 6, 12}}
    six = price_quote(
        "generali", product(motor__installmentCount=6), today=TODAY, documented=documented
    )
    assert len(six.installments) == 6
    assert sum(i.amount for i in six.installments) == six.premium_amount
    due = [i.due_date for i in six.installments]
    gaps = [(b.year - a.year) * 12 + b.month - a.month for a, b in itertools.pairwise(due)]
    assert gaps == [2] * 5
    with pytest.raises(TariffInputError):
        price_quote(
            "generali",
            product(motor__installmentCount=True),
            today=TODAY,
            documented={"product.motor.installmentCount": {1}},
        )


async def test_the_sandbox_quotes_a_new_enum_value_of_the_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = schemas_json()
    # The fuel enum, found by position, gets a value the tariffs do not price.
    vehicle = document["schemas"]["QuoteRequest"]
    assert vehicle  # the body of POST /offer
    document["schemas"]["FuelTypeEnum"]["enum"].append("hydrogen")
    monkeypatch.setattr("casco_async._validation._document", lambda: document)
    values = {
        field: enum_at(document["schemas"], document["operations"], operation, field)
        for operation, field in PRICED_FIELDS
    }
    monkeypatch.setattr("casco_async.sandbox._tariffs.documented_values", lambda: values)
    sandbox = Sandbox()
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:
        request = sample_quote_request("generali")
        request["product"]["vehicle"]["fuelType"] = "hydrogen"
        response = await client.post(
            "/offer", json=request, headers={"Token": sandbox.issue_token()}
        )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["offers"][0]["premiumAmount"] > 0
    assert sandbox.offers()[0].pricing.factors["fuelType"] == DEFAULT_FACTOR


def test_the_sandbox_reads_the_generated_clients_document() -> None:
    assert document_operations() == operations()
