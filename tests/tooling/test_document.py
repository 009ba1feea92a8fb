"""The CascoApi document, and the generated client built from it.

The document validates; it has the contract's 13 operations with their exact methods and paths,
each pinned in openapi/pins.yaml; and for every operation the generated client builds the
documented request and parses the documented example answer (pytest-httpx). Everything here finds
an operation by method + path, so it holds for the vendor's own file as for our reconstruction.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from casco_async_generated import AuthenticatedClient
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from openapi_document import load_document  # noqa: E402
from openapi_document import operations as document_operations  # noqa: E402

# JSON or YAML, our reconstruction or the vendor's own file: found by wire, never by name.
DOCUMENT: dict[str, Any] = load_document(ROOT / "openapi" / "casco-api.yaml")
PINS: dict[str, Any] = load_document(ROOT / "openapi" / "pins.yaml")
BASE_URL = "https://casco-qa.api.lifeishard.ro"

# The contract's 13 operations, by method and path.
CONTRACT = {
    "POST /auth",
    "DELETE /auth",
    "PATCH /auth",
    "POST /offer",
    "GET /offer/{id}",
    "GET /policy",
    "POST /policy",
    "GET /nomenclature/country",
    "GET /nomenclature/county",
    "GET /nomenclature/locality/{county_code}",
    "GET /nomenclature/vehicle-make",
    "GET /nomenclature/vehicle-model/{make}",
    "POST /helper/vehicle-code",
}


def operations() -> dict[str, dict[str, Any]]:
    return dict(document_operations(DOCUMENT))


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
    assert set(operations()) >= CONTRACT
    # Each is pinned (its generated module keeps its name whatever the vendor calls it).
    assert set(PINS["operations"]) == CONTRACT


def test_source_marks_are_all_or_nothing() -> None:
    # Our reconstruction marks where each part comes from; the vendor's own file has no marks.
    # A document with some marks but not all is a half-edited reconstruction.
    sources = {"doc", "sibling", "decision"}
    marks = [op.get("x-source") for op in operations().values()]
    marks += [schema.get("x-source") for schema in DOCUMENT["components"]["schemas"].values()]
    if any(mark is not None for mark in marks):
        assert all(mark in sources for mark in marks), marks


def test_every_operation_but_login_requires_the_token_header() -> None:
    schemes = (DOCUMENT.get("components") or {}).get("securitySchemes") or {}
    token_schemes = {
        name
        for name, scheme in schemes.items()
        if scheme.get("type") == "apiKey"
        and scheme.get("in") == "header"
        and scheme.get("name", "").lower() == "token"
    }
    for key, operation in operations().items():
        if key not in CONTRACT:
            continue
        headers = [resolve(p)["name"].lower() for p in operation.get("parameters", [])]
        security = operation.get("security", DOCUMENT.get("security")) or []
        by_scheme = any(token_schemes & set(requirement) for requirement in security)
        if key == "POST /auth":
            assert "token" not in headers and not by_scheme
        else:
            assert "token" in headers or by_scheme, key


# Pinned schema class names by position: "POST /offer request" -> "QuoteRequest".
POSITIONS = {position: name for name, position in PINS["schemas"].items()}


def example_arguments(key: str, operation: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of the generated function, from the document's own examples."""
    arguments: dict[str, Any] = {}
    for parameter in map(resolve, operation.get("parameters", [])):
        if parameter["in"] in ("path", "query") and "example" in parameter:
            arguments[snake(parameter["name"])] = parameter["example"]
    body = operation.get("requestBody")
    if body is not None:
        media = body["content"]["application/json"]
        example = media.get("example", resolve(media["schema"]).get("example"))
        model_name = POSITIONS[f"{key} request"]
        model = getattr(importlib.import_module("casco_async_generated.models"), model_name)
        arguments["body"] = model.from_dict(example)
    return arguments


def example_answer(operation: dict[str, Any]) -> Any:
    media = operation["responses"]["200"]["content"]["application/json"]
    return media.get("example", resolve(media["schema"]).get("example"))


@pytest.mark.parametrize("key", sorted(CONTRACT))
async def test_the_generated_client_builds_the_request_and_parses_the_example(
    key: str, httpx_mock: Any
) -> None:
    method, _, path = key.partition(" ")
    operation = operations()[key]
    answer = example_answer(operation)
    assert answer is not None, f"{key}: the document has no example answer"
    httpx_mock.add_response(json=answer)
    pin = PINS["operations"][key]
    module = importlib.import_module(
        f"casco_async_generated.api.{snake(pin['tag'])}.{snake(pin['operationId'])}"
    )
    arguments = example_arguments(key, operation)
    if key == "PATCH /auth":
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
    # An optional field's null reads as None and a None is not written back (the models' rule,
    # tests/sdk/test_typed_models.py): compare what the example says, its nulls aside.
    assert without_nulls(parsed.to_dict()).get("data") == without_nulls(answer).get("data")


def without_nulls(value: Any) -> Any:
    """`value` with every null member of an object left out, at any depth."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value
