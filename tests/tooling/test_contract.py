"""The fast part of `make contract` (scripts/contract.py), with no node: the document lint and
the validating proxy over the SDK's flows. schemathesis's part is
tests/sandbox/test_conformance.py."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
import support

lint_document = support.script("lint_document")
contract_proxy = support.script("contract_proxy")

DOCUMENT: dict[str, Any] = support.script("openapi_document").load_document(lint_document.DOCUMENT)


def test_the_document_is_lint_clean() -> None:
    assert lint_document.lint(DOCUMENT) == []


def test_the_lint_finds_what_issue_13_reported() -> None:
    document = copy.deepcopy(DOCUMENT)
    helper = document["paths"]["/helper/vehicle-code"]["post"]
    helper["requestBody"]["content"]["application/json"]["example"]["marketValue"] = "100000.00"
    del document["components"]["schemas"]["Driver"]["x-source"]
    links = document["paths"]["/offer"]["post"]["responses"]["200"]["links"]
    links["OfferDocuments"]["operationRef"] = "#/paths/~1offer~1%7Bnope%7D/get"
    links["OfferToPolicy"]["requestBody"] = {"offer": "$response.body#/data/offers/0/offerId"}
    found = lint_document.lint(document)
    assert len(found) == 4, found
    assert any("marketValue" in line and "not of type 'number'" in line for line in found)
    assert "components.schemas.Driver: no x-source" in found
    assert any("names no operation" in line for line in found)
    assert any("body field 'offer'" in line for line in found)


def test_the_sdk_flows_keep_to_the_document_on_both_sides() -> None:
    transport = contract_proxy.run()
    assert transport.violations == []
    operations = {key for key, _ in transport.exchanges}
    declared = {operation.key for operation in transport.contract.operations}
    assert operations == declared and len(declared) == 13
    statuses = {status for _, status in transport.exchanges}
    assert {200, 401, 403, 404, 409, 429, 500} <= statuses


def test_the_raw_pdf_mode_is_off_contract_and_the_proxy_says_so() -> None:
    transport = contract_proxy.run(raw_pdf=True)
    assert [(v.side, v.operation) for v in transport.violations] == [
        ("response", "GET /offer/{id}")
    ]
    assert "application/pdf" in transport.violations[0].message


def _answer(request: httpx.Request) -> httpx.Response:
    """A fake server: a body operation is refused, counties break the envelope's pin."""
    if request.method == "POST":
        refusal = {"error": True, "status": 400, "message": "VALIDATION_ERROR", "data": {}}
        return httpx.Response(400, json=refusal)
    if request.url.path == "/nomenclature/county":
        return httpx.Response(200, json={"error": "false", "status": 200, "data": []})
    return httpx.Response(200, json={"error": False, "status": 200, "data": []})


@pytest.mark.parametrize(
    ("request_kwargs", "expected"),
    [
        # What the issue saw the SDK send, and what a broken server answers.
        (
            {"method": "POST", "url": "/helper/vehicle-code", "json": {"marketValue": "1"}},
            "request",
        ),
        ({"method": "GET", "url": "/nomenclature/country"}, "request"),  # no Token
        (
            {
                "method": "GET",
                "url": "/nomenclature/county",
                "headers": {"Token": "a.b.c"},
            },
            "response",  # "error": "false" breaks the pinned envelope
        ),
        (
            {"method": "GET", "url": "/nomenclature/country?x=1", "headers": {"Token": "a.b.c"}},
            "request",  # an undeclared query parameter
        ),
        (
            {
                "method": "POST",
                "url": "/offer",
                "json": {},
                "headers": {"Token": "a.b.c", "Content-Language": "de"},
            },
            "request",
        ),
    ],
)
async def test_the_proxy_reports_each_side(request_kwargs: dict[str, Any], expected: str) -> None:
    transport = contract_proxy.ValidatingTransport(
        contract_proxy.Contract(DOCUMENT), httpx.MockTransport(_answer)
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://casco") as client:
        await client.request(**request_kwargs)
    assert transport.violations, "no violation reported"
    assert {violation.side for violation in transport.violations} == {expected}
