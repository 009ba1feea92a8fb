"""Every sandbox answer keeps to the project's OpenAPI document.

Two complementary proofs:

* a scripted tour that provokes, for each of the 13 operations, every status the document
  declares for it (success, each refusal, and the injected 429/500/502/503), and validates each
  answer's status, content type, headers and body against the document's schemas; the test fails
  if any declared (operation, status) pair was not produced;
* schemathesis, generating requests from the document and checking the answers with every
  one of its checks (configured by openapi/schemathesis.toml, as `make contract`'s longer run).

Off-contract on purpose, not covered here: the ``raw_pdf`` fault answers documents with
``application/pdf``, which the document does not declare (some servers do it anyway; the mode
tests the SDK's tolerance). tests/tooling/test_contract.py shows the validating proxy flagging it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
import support
from hypothesis import HealthCheck, Phase, settings
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from schemathesis.config import SchemathesisConfig
from support import VEHICLE

from casco_async.sandbox import OPERATION_IDS, FaultConfig, Sandbox
from casco_async.testing import sample_payment, sample_quote_request

DOCUMENT_PATH = Path(__file__).resolve().parents[2] / "openapi" / "casco-api.yaml"
# JSON or YAML, with the pinned operationIds and schema names whatever the vendor calls them.
DOCUMENT: dict[str, Any] = support.document()
BASE = "http://sandbox"

OPERATIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
    spec["operationId"]: (method.upper(), path, spec)
    for path, item in DOCUMENT["paths"].items()
    for method, spec in item.items()
    if isinstance(spec, dict) and "operationId" in spec
}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = DOCUMENT["components"][section][name]
    return node


def _validator(schema: dict[str, Any]) -> OAS30Validator:
    # The whole components section rides along, so "#/components/..." refs resolve.
    return OAS30Validator(
        {**schema, "components": DOCUMENT["components"]}, format_checker=oas30_format_checker
    )


def check_response(operation: str, response: httpx.Response) -> None:
    """Fail unless ``response`` is an answer the document declares for ``operation``."""
    _, _, spec = OPERATIONS[operation]
    declared = spec["responses"]
    status = str(response.status_code)
    assert status in declared, f"{operation}: status {status} not declared"
    answer = _resolve(declared[status])
    media = response.headers.get("content-type", "").split(";")[0].strip()
    assert media in answer["content"], f"{operation} {status}: content type {media}"
    body = response.json()
    errors = sorted(_validator(answer["content"][media]["schema"]).iter_errors(body), key=str)
    assert not errors, f"{operation} {status}: {errors[0].message} at {list(errors[0].path)}"
    for name, header in answer.get("headers", {}).items():
        value = response.headers.get(name)
        assert value is not None, f"{operation} {status}: header {name} missing"
        if header["schema"]["type"] == "integer":
            assert value.isdigit(), f"{operation} {status}: header {name}={value!r}"


class Tour:
    """Calls the sandbox and records which (operation, status) pairs were seen and valid."""

    def __init__(self, sandbox: Sandbox, client: httpx.AsyncClient) -> None:
        self.sandbox = sandbox
        self.client = client
        self.covered: set[tuple[str, int]] = set()

    async def call(self, operation: str, expected: int, **kwargs: Any) -> httpx.Response:
        method, path, _ = OPERATIONS[operation]
        url = kwargs.pop("url", path)
        response = await self.client.request(method, url, **kwargs)
        assert response.status_code == expected, f"{operation}: {response.text[:300]}"
        check_response(operation, response)
        self.covered.add((operation, expected))
        return response

    def token(self) -> dict[str, str]:
        return {"Token": self.sandbox.issue_token()}


@pytest.fixture
async def tour() -> AsyncIterator[Tour]:
    sandbox = Sandbox()
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:
        yield Tour(sandbox, client)


def minimal_requests(offer_id: int, series: str, number: int) -> dict[str, dict[str, Any]]:
    """A well-formed request for each operation (what a fault replaces)."""
    return {
        "authenticate": {"params": {"account": "sandbox", "password": "sandbox"}},
        "renewToken": {"headers": {"Token": "Refresh " + "0" * 64}},
        "deauthenticate": {},
        "getQuote": {"json": sample_quote_request()},
        "downloadOffer": {"url": f"/offer/{offer_id}"},
        "downloadPolicy": {"params": {"series": series, "number": number}},
        "issuePolicy": {"json": {"offerId": offer_id, "payment": {}}},
        "listCountries": {},
        "listCounties": {},
        "listLocalities": {"url": "/nomenclature/locality/12"},
        "listVehicleMakes": {},
        "listVehicleModels": {"url": "/nomenclature/vehicle-model/Dacia"},
        "identifyVehicleCode": {"json": VEHICLE},
    }


async def test_every_declared_status_of_every_operation_conforms(tour: Tour) -> None:
    sandbox = tour.sandbox
    auth = {"account": "sandbox", "password": "sandbox"}

    # -- authentication
    await tour.call("authenticate", 400)
    await tour.call("authenticate", 401, params={**auth, "password": "wrong"})
    pair = (await tour.call("authenticate", 200, params=auth)).json()["data"]
    refresh = {"Token": f"Refresh {pair['refresh_token']}"}
    await tour.call("renewToken", 200, headers=refresh)
    await tour.call("renewToken", 401, headers=refresh)  # spent
    doomed = tour.token()
    await tour.call("deauthenticate", 200, headers=doomed)
    await tour.call("deauthenticate", 401, headers=doomed)

    # -- quotes
    headers = tour.token()
    offers = []
    for insurer in ("generali", "groupama", "eazy_insure", "allianz"):
        body = sample_quote_request(insurer)
        response = await tour.call("getQuote", 200, json=body, headers=headers)
        offers.append(response.json()["data"]["offers"][0])
    await tour.call("getQuote", 400, json={"provider": {}}, headers=headers)
    await tour.call("getQuote", 400, json=sample_quote_request("nobody"), headers=headers)
    await tour.call("getQuote", 400, content=b"{", headers={**headers, "Content-Type": "x/y"})
    # A Content-Language outside the document's enum (en, ro), on each operation declaring it.
    for operation, body in (
        ("getQuote", sample_quote_request()),
        ("identifyVehicleCode", VEHICLE),
        ("issuePolicy", {"offerId": 1, "payment": {}}),
    ):
        aaa = {**headers, "Content-Language": "AAA"}
        refused_language = await tour.call(operation, 400, json=body, headers=aaa)
        assert "Content-Language" in refused_language.json()["data"]
    refused = sample_quote_request("allianz")
    refused["product"]["vehicle"]["usageType"] = "taxi"
    await tour.call("getQuote", 400, json=refused, headers=headers)
    sandbox.set_insurer_enabled("generali", False)
    await tour.call("getQuote", 403, json=sample_quote_request(), headers=headers)
    sandbox.set_insurer_enabled("generali", True)
    await tour.call("getQuote", 401, json=sample_quote_request())

    # -- policies and documents
    offer = offers[0]
    await tour.call("downloadOffer", 200, url=f"/offer/{offer['offerId']}", headers=headers)
    await tour.call("downloadOffer", 404, url="/offer/1", headers=headers)
    await tour.call("downloadOffer", 401, url=f"/offer/{offer['offerId']}")
    payment = sample_payment(offer)
    good = {"offerId": offer["offerId"], "payment": payment}
    await tour.call("issuePolicy", 400, json={"offerId": offer["offerId"]}, headers=headers)
    bad_payment = {**good, "payment": {**payment, "currency": "EUR"}}
    await tour.call("issuePolicy", 400, json=bad_payment, headers=headers)
    await tour.call("issuePolicy", 404, json={**good, "offerId": 1}, headers=headers)
    policy = (await tour.call("issuePolicy", 200, json=good, headers=headers)).json()
    policy = policy["data"]["policies"][0]
    await tour.call("issuePolicy", 409, json=good, headers=headers)
    await tour.call("issuePolicy", 401, json=good)
    query = {"series": policy["series"], "number": policy["number"]}
    await tour.call("downloadPolicy", 200, params=query, headers=headers)
    await tour.call("downloadPolicy", 400, params={"series": "X"}, headers=headers)
    await tour.call("downloadPolicy", 404, params={**query, "number": 1}, headers=headers)
    await tour.call("downloadPolicy", 401, params=query)

    # -- nomenclature and helper
    for operation, url in (
        ("listCountries", "/nomenclature/country"),
        ("listCounties", "/nomenclature/county"),
        ("listLocalities", "/nomenclature/locality/12"),
        ("listLocalities", "/nomenclature/locality/987654"),
        ("listVehicleMakes", "/nomenclature/vehicle-make"),
        ("listVehicleModels", "/nomenclature/vehicle-model/Dacia"),
        ("listVehicleModels", "/nomenclature/vehicle-model/No%20Such%2FMake"),
    ):
        await tour.call(operation, 200, url=url, headers=headers)
        await tour.call(operation, 401, url=url)
    junk = await tour.call("listLocalities", 400, url="/nomenclature/locality/abc", headers=headers)
    assert set(junk.json()["data"]) == {"county_code"}
    await tour.call("identifyVehicleCode", 200, json=VEHICLE, headers=headers)
    await tour.call("identifyVehicleCode", 400, json={"brand": 1}, headers=headers)
    await tour.call(
        "identifyVehicleCode", 400, json={"brand": 1}, headers={**headers, "Content-Language": "ro"}
    )
    await tour.call("identifyVehicleCode", 401, json=VEHICLE)

    # -- injected faults, for every operation
    requests = minimal_requests(offers[1]["offerId"], policy["series"], policy["number"])
    faults: list[tuple[int, FaultConfig]] = [
        (429, FaultConfig(rate_limit_rate=1.0, retry_after=2)),
        (500, FaultConfig(error_rate=1.0, error_statuses=(500,))),
        (502, FaultConfig(error_rate=1.0, error_statuses=(502,))),
        (503, FaultConfig(error_rate=1.0, error_statuses=(503,), error_after_processing=True)),
    ]
    for status, config in faults:
        for operation in OPERATION_IDS:
            sandbox.set_faults(operations={operation: config})
            kwargs = dict(requests[operation])
            kwargs["headers"] = {**tour.token(), **kwargs.get("headers", {})}
            await tour.call(operation, status, **kwargs)
    sandbox.set_faults(operations={})

    # -- an expired offer, last: it moves the clock
    sandbox.advance_clock(8 * 24 * 3600)
    expired = {"offerId": offers[1]["offerId"], "payment": sample_payment(offers[1])}
    await tour.call("issuePolicy", 409, json=expired, headers=tour.token())

    declared = {
        (operation, int(status))
        for operation, (_, _, spec) in OPERATIONS.items()
        for status in spec["responses"]
    }
    assert set(OPERATIONS) == set(OPERATION_IDS)
    assert declared - tour.covered == set()


# ------------------------------------------------------------------------------ schemathesis

SCHEMATHESIS_SANDBOX = Sandbox()
SCHEMATHESIS_CONFIG = DOCUMENT_PATH.with_name("schemathesis.toml")
schema = schemathesis.openapi.from_path(
    DOCUMENT_PATH, config=SchemathesisConfig.from_path(SCHEMATHESIS_CONFIG)
)


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    # No database replay, targeting or shrinking: a failure is reported as generated.
    phases=[Phase.explicit, Phase.generate],
)
def test_schemathesis_conformance(case: schemathesis.Case) -> None:
    # A fresh token per case: deauthenticate revokes the one it is given.
    headers = {"Token": SCHEMATHESIS_SANDBOX.issue_token()}
    if (case.operation.method.upper(), case.operation.path) == ("PATCH", "/auth"):
        headers = {}  # keep the generated "Refresh ..." header
    # No `checks`: every check schemathesis has (negative data rejected, positive accepted,
    # missing required header, unsupported method, ... besides the conformance checks).
    case.call_and_validate(app=SCHEMATHESIS_SANDBOX.app, headers=headers)
