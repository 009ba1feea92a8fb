"""The CascoApi document, and the generated client built from it.

The document validates; it has the contract's 13 operations with their exact methods and paths,
each marked with where it comes from; and for every operation the generated client builds the
documented request and parses the documented example answer (pytest-httpx).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from casco_api_client import AuthenticatedClient
from openapi_spec_validator import validate

ROOT = Path(__file__).parent.parent
DOCUMENT: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "casco-api.yaml").read_text("utf-8"))
BASE_URL = "https://casco-qa.api.lifeishard.ro"

# The contract's table: operationId -> (method, path).
CONTRACT = {
    "authenticate": ("POST", "/auth"),
    "deauthenticate": ("DELETE", "/auth"),
    "renewToken": ("PATCH", "/auth"),
    "getQuote": ("POST", "/offer"),
    "downloadOffer": ("GET", "/offer/{id}"),
    "downloadPolicy": ("GET", "/policy"),
    "issuePolicy": ("POST", "/policy"),
    "listCountries": ("GET", "/nomenclature/country"),
    "listCounties": ("GET", "/nomenclature/county"),
    "listLocalities": ("GET", "/nomenclature/locality/{county_code}"),
    "listVehicleMakes": ("GET", "/nomenclature/vehicle-make"),
    "listVehicleModels": ("GET", "/nomenclature/vehicle-model/{make}"),
    "identifyVehicleCode": ("POST", "/helper/vehicle-code"),
}
TAGS = {
    "authenticate": "authentication",
    "deauthenticate": "authentication",
    "renewToken": "authentication",
    "getQuote": "products",
    "downloadOffer": "products",
    "downloadPolicy": "products",
    "issuePolicy": "products",
    "listCountries": "nomenclature",
    "listCounties": "nomenclature",
    "listLocalities": "nomenclature",
    "listVehicleMakes": "nomenclature",
    "listVehicleModels": "nomenclature",
    "identifyVehicleCode": "helper",
}


def operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    found = {}
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            found[operation["operationId"]] = (method.upper(), path, operation)
    return found


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = DOCUMENT
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def test_the_document_is_valid_openapi() -> None:
    validate(DOCUMENT)


def test_the_13_operations_of_the_contract() -> None:
    found = {op_id: (method, path) for op_id, (method, path, _) in operations().items()}
    assert found == CONTRACT


def test_every_operation_and_schema_says_where_it_comes_from() -> None:
    sources = {"doc", "sibling", "decision"}
    for op_id, (_, _, operation) in operations().items():
        assert operation.get("x-source") in sources, op_id
    for name, schema in DOCUMENT["components"]["schemas"].items():
        assert schema.get("x-source") in sources, name


def test_the_token_is_a_header_parameter_of_each_operation_as_in_the_docs() -> None:
    for op_id, (_, _, operation) in operations().items():
        if op_id == "authenticate":
            continue
        names = [resolve(p)["name"] for p in operation.get("parameters", [])]
        assert "Token" in names, op_id


def example_arguments(operation: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of the generated function, from the document's own examples."""
    arguments: dict[str, Any] = {}
    for parameter in map(resolve, operation.get("parameters", [])):
        if parameter["in"] in ("path", "query") and "example" in parameter:
            arguments[snake(parameter["name"])] = parameter["example"]
    body = operation.get("requestBody")
    if body is not None:
        media = body["content"]["application/json"]
        example = media.get("example", resolve(media["schema"]).get("example"))
        model_name = media["schema"]["$ref"].split("/")[-1]
        model = getattr(importlib.import_module("casco_api_client.models"), model_name)
        arguments["body"] = model.from_dict(example)
    return arguments


def example_answer(operation: dict[str, Any]) -> Any:
    media = operation["responses"]["200"]["content"]["application/json"]
    return media.get("example", resolve(media["schema"]).get("example"))


@pytest.mark.parametrize("op_id", sorted(CONTRACT))
async def test_the_generated_client_builds_the_request_and_parses_the_example(
    op_id: str, httpx_mock: Any
) -> None:
    method, path, operation = operations()[op_id]
    answer = example_answer(operation)
    assert answer is not None, f"{op_id}: the document has no example answer"
    httpx_mock.add_response(json=answer)
    module = importlib.import_module(f"casco_api_client.api.{TAGS[op_id]}.{snake(op_id)}")
    arguments = example_arguments(operation)
    if op_id == "renewToken":
        arguments["token"] = "Refresh " + "a" * 64
    client = AuthenticatedClient(
        base_url=BASE_URL,
        token="jwt",
        prefix="",
        auth_header_name="Token",
        timeout=httpx.Timeout(5),
    )
    async with client:
        response = await module.asyncio_detailed(client=client, **arguments)
    request = httpx_mock.get_request()
    expected_path = path.format(**{k: v for k, v in arguments.items() if k != "body"})
    assert request.method == method
    assert request.url.path == expected_path
    for name, value in arguments.items():
        if name not in ("body", "token") and f"{{{name}}}" not in path:
            assert request.url.params[name] == str(value)
    if "body" in arguments:
        assert json.loads(request.content) == arguments["body"].to_dict()
    assert response.status_code == 200
    parsed = response.parsed
    assert parsed is not None and type(parsed).__name__.endswith("Response")
    assert parsed.to_dict()["data"] == answer["data"]
