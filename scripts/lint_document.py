"""Lint openapi/casco-api.yaml without node: the part of `make contract` that `make test` runs.

    python scripts/lint_document.py [openapi/casco-api.yaml]

Checks, each reported as one line ``<where>: <what>``:

* the document is valid OpenAPI 3.0 (openapi-spec-validator, the kept Python validator);
* every example (of a media type, a schema, a parameter) validates against its schema, as
  Spectral's ``oas3-valid-media-example`` / ``oas3-valid-schema-example`` require (a vendor
  sample that breaks its schema belongs in an ``x-vendor-sample`` note, not in ``example``);
* every operation and every component schema says where it comes from (``x-source``);
* every link's ``operationRef`` names an operation of the document (by method and path, the
  wire, never by operationId), and every parameter it sets is one that operation declares.

Spectral (all ``spectral:oas`` rules, openapi/spectral.yaml) runs in `make contract` when node is
there; this script is what CI can always run. Exit status 0 when clean, 1 with findings.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openapi_document import find_operation, load_document, operation_key, operations, resolve
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

DOCUMENT = Path(__file__).resolve().parents[1] / "openapi" / "casco-api.yaml"


def _example_problems(
    document: dict[str, Any], schema: Any, example: Any, where: str
) -> Iterator[str]:
    validator = OAS30Validator(
        {**schema, "components": document.get("components", {})},
        format_checker=oas30_format_checker,
    )
    for error in sorted(validator.iter_errors(example), key=str)[:3]:
        at = "/".join(str(part) for part in error.absolute_path)
        yield f"{where}: example does not match its schema at '{at}': {error.message}"


def _schemas_with_examples(node: Any, where: str) -> Iterator[tuple[dict[str, Any], str]]:
    """Every (sub)schema carrying an ``example``, walked through properties, items and *Of."""
    if not isinstance(node, dict):
        return
    if "example" in node:
        yield node, where
    for name, child in (node.get("properties") or {}).items():
        yield from _schemas_with_examples(child, f"{where}.properties.{name}")
    if isinstance(node.get("items"), dict):
        yield from _schemas_with_examples(node["items"], f"{where}.items")
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, child in enumerate(node.get(keyword) or []):
            yield from _schemas_with_examples(child, f"{where}.{keyword}[{index}]")


def _operation_ref(document: dict[str, Any], ref: str) -> dict[str, Any] | None:
    """The operation a local ``operationRef`` (``#/paths/~1offer~1%7Bid%7D/get``) points at."""
    from urllib.parse import unquote

    if not ref.startswith("#/paths/"):
        return None
    parts = unquote(ref).removeprefix("#/paths/").split("/")
    if len(parts) != 2:
        return None
    path, method = parts[0].replace("~1", "/").replace("~0", "~"), parts[1]
    return find_operation(document, operation_key(method, path))


def lint(document: dict[str, Any]) -> list[str]:
    """Every finding in ``document`` (an empty list when it is clean)."""
    problems: list[str] = []
    try:
        validate(document)
    except OpenAPIValidationError as error:
        problems.append(f"openapi-spec-validator: {error.message}")
        return problems  # the checks below assume a well-formed document
    schemas = (document.get("components") or {}).get("schemas") or {}
    for name, schema in schemas.items():
        where = f"components.schemas.{name}"
        if "x-source" not in schema:
            problems.append(f"{where}: no x-source")
        for node, at in _schemas_with_examples(schema, where):
            problems.extend(_example_problems(document, node, node["example"], at))
    for where, operation in operations(document):
        if "x-source" not in operation:
            problems.append(f"{where}: no x-source")
        for raw in operation.get("parameters") or []:
            parameter = resolve(document, raw)
            if "example" in parameter:
                at = f"{where} parameter {parameter['name']}"
                schema = parameter.get("schema", {})
                problems.extend(_example_problems(document, schema, parameter["example"], at))
        body = resolve(document, operation.get("requestBody") or {})
        for media, content in (body.get("content") or {}).items():
            if "example" in content:
                at = f"{where} request {media}"
                problems.extend(
                    _example_problems(document, content["schema"], content["example"], at)
                )
        for status, raw in (operation.get("responses") or {}).items():
            response = resolve(document, raw)
            for media, content in (response.get("content") or {}).items():
                if "example" in content:
                    at = f"{where} response {status} {media}"
                    problems.extend(
                        _example_problems(document, content["schema"], content["example"], at)
                    )
            for link_name, raw_link in (response.get("links") or {}).items():
                problems.extend(
                    _link_problems(
                        document,
                        resolve(document, raw_link),
                        f"{where} response {status} link {link_name}",
                    )
                )
    return problems


def _link_problems(document: dict[str, Any], link: dict[str, Any], where: str) -> Iterator[str]:
    if "x-source" not in link:
        yield f"{where}: no x-source"
    if "operationId" in link:
        yield f"{where}: names an operationId; use operationRef (method and path)"
        return
    target = _operation_ref(document, str(link.get("operationRef", "")))
    if target is None:
        yield f"{where}: operationRef {link.get('operationRef')!r} names no operation"
        return
    declared = {resolve(document, raw)["name"] for raw in target.get("parameters") or []}
    for name in link.get("parameters") or {}:
        if name.split(".")[-1] not in declared:
            yield f"{where}: sets parameter {name!r}, which the operation does not declare"
    body = link.get("requestBody")
    if isinstance(body, dict):
        schema = resolve(
            document,
            resolve(document, target.get("requestBody") or {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {}),
        )
        for name in body:
            if name not in (schema.get("properties") or {}):
                yield f"{where}: sets body field {name!r}, which the request body does not have"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DOCUMENT
    problems = lint(load_document(path))
    for problem in problems:
        print(problem)
    print(
        f"{path.name}: {len(problems)} finding(s)"
        " (openapi-spec-validator, examples, x-source, links)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
