"""Vendor-style rewrites of ``openapi/casco-api.yaml`` for the drift tool's tests.

Each function rewrites a parsed document in place (and returns it) the way the vendor's own file
may differ from our reconstruction while describing the same wire: other operationIds, tags and
schema names, the Token header inline, no ``x-source`` marks, OpenAPI 3.1 spelling.
"""

from __future__ import annotations

from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
REF = "#/components/schemas/"


def _operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [item[method] for item in doc["paths"].values() for method in METHODS if method in item]


def rename_operation_ids(doc: dict[str, Any]) -> dict[str, Any]:
    """``getQuote`` -> ``vendorGetQuoteV2``."""
    for operation in _operations(doc):
        operation["operationId"] = f"vendor{operation['operationId'][:1].upper()}" + (
            f"{operation['operationId'][1:]}V2"
        )
    return doc


def rename_tags(doc: dict[str, Any]) -> dict[str, Any]:
    """``Products`` -> ``casco-products``, on the operations and in the tag list."""
    for operation in _operations(doc):
        operation["tags"] = [f"casco-{tag.lower()}" for tag in operation.get("tags", [])]
    doc["tags"] = [{"name": f"casco-{tag['name'].lower()}"} for tag in doc.get("tags", [])]
    return doc


def _rewrite_refs(node: Any, old: str, new: str) -> None:
    if isinstance(node, dict):
        if node.get("$ref") == REF + old:
            node["$ref"] = REF + new
        for value in node.values():
            _rewrite_refs(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _rewrite_refs(value, old, new)


def rename_schemas(doc: dict[str, Any]) -> dict[str, Any]:
    """``Person`` -> ``CascoPersonDto``, every ``$ref`` rewritten."""
    schemas = doc["components"]["schemas"]
    for name in list(schemas):
        _rewrite_refs(doc, name, f"Casco{name}Dto")
    doc["components"]["schemas"] = {f"Casco{n}Dto": s for n, s in schemas.items()}
    return doc


def inline_token(doc: dict[str, Any]) -> dict[str, Any]:
    """Write the ``Token`` header inline on each operation; drop the shared parameter."""
    token = doc["components"]["parameters"].pop("Token")
    for operation in _operations(doc):
        operation["parameters"] = [
            dict(token) if p.get("$ref") == "#/components/parameters/Token" else p
            for p in operation.get("parameters", [])
        ]
    return doc


def token_as_scheme(doc: dict[str, Any]) -> dict[str, Any]:
    """Declare the Token header as an apiKey scheme required by every operation but POST /auth."""
    inline_token(doc)
    doc["components"]["securitySchemes"] = {
        "JwtHeader": {"type": "apiKey", "in": "header", "name": "Token"}
    }
    for path, item in doc["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None or (method, path) == ("patch", "/auth"):
                continue  # PATCH /auth sends the refresh token in the header: kept as it is
            parameters = [p for p in operation.get("parameters", []) if p.get("name") != "Token"]
            operation["parameters"] = parameters
            if not any(p.get("name") == "Token" for p in operation.get("parameters", [])):
                operation["security"] = (
                    [] if (method, path) == ("post", "/auth") else [{"JwtHeader": []}]
                )
    return doc


def strip_x_source(node: Any) -> Any:
    """Remove every ``x-source*`` mark."""
    if isinstance(node, dict):
        for key in [k for k in node if str(k).startswith("x-source")]:
            del node[key]
        for value in node.values():
            strip_x_source(value)
    elif isinstance(node, list):
        for value in node:
            strip_x_source(value)
    return node


def _spell_31(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("nullable") is True and isinstance(node.get("type"), str):
            del node["nullable"]
            node["type"] = [node["type"], "null"]
        for value in node.values():
            _spell_31(value)
    elif isinstance(node, list):
        for value in node:
            _spell_31(value)


def to_openapi_31(doc: dict[str, Any]) -> dict[str, Any]:
    """``openapi: 3.1.0`` and ``type: [string, "null"]`` for typed nullable schemas."""
    doc["openapi"] = "3.1.0"
    _spell_31(doc)
    return doc


def pure_renames(doc: dict[str, Any]) -> dict[str, Any]:
    """Every rename at once: the vendor's file for the same wire."""
    for rewrite in (rename_operation_ids, rename_tags, rename_schemas, inline_token):
        rewrite(doc)
    return to_openapi_31(strip_x_source(doc))
