"""Prepare the copy of the CascoApi document that `make generate` generates the client from.

    python scripts/prepare_document.py DOCUMENT --pins PINS --overlay OVERLAY --output OUT

The vendor's document is never modified; its copy in build/ gets, in order:

1. **OpenAPI 3.1 spelled as 3.0** (``type: [x, "null"]`` -> ``type: x, nullable: true``, ``const``,
   ``examples``, numeric ``exclusiveMinimum``...), so that the generator and the request validator
   read one dialect whatever the vendor writes. Swagger 2.0 is refused with the command that
   converts it.
2. **Stable names** from ``openapi/pins.yaml``: each pinned operation, found by method + path, gets
   our operationId and tag; each pinned schema, found by its position (``"POST /offer request
   product.vehicle"``), gets our class name (renamed, or hoisted into ``components.schemas`` when
   the vendor wrote it inline). ``generated/`` thus keeps its module and class names whatever the
   vendor calls things.
3. **The Token header becomes the security scheme**, by meaning: a header parameter named
   ``Token`` (by ``$ref`` or inline, on the operation or its path) is removed and the operation
   requires the apiKey scheme instead, so no generated function takes a token argument. A
   document that already declares the scheme keeps it (renamed to ours). ``PATCH /auth`` keeps its
   explicit header: it carries the refresh token, not the JWT.
4. **The overlay** (``openapi/overlay.yaml``, Overlay 1.0) with its generation corrections; see
   ``scripts/apply_overlay.py`` for its strictness rules.

Anything that cannot be applied - a pin whose operation or position is gone, two pins landing on
one schema, a Token correction with nothing to correct, an overlay target that matches nothing or
only part of what it names - fails with one line naming it and exit status 2; no output is written.
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from apply_overlay import OverlayError, apply_overlay
from openapi_document import (
    METHODS,
    DocumentError,
    find_operation,
    hoist,
    load_document,
    locate,
    openapi_version,
    operations,
    rename_schemas,
    resolve,
    schema_name,
)

TOKEN_HEADER = "token"
TOKEN_MODES = ("jwt", "refresh", "none")
SWAGGER_CONVERSION = "npx swagger2openapi --yaml --outfile {path} {path}"


class PrepareError(Exception):
    """The document cannot be prepared as the pins and corrections say (one line, names it)."""


# --------------------------------------------------------------------------- walking schemas


def _schemas_in(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object nested in schema ``node`` (itself included), parents first."""
    if not isinstance(node, dict):
        return
    yield node
    for child in (node.get("properties") or {}).values():
        yield from _schemas_in(child)
    for keyword in ("items", "additionalProperties", "not"):
        yield from _schemas_in(node.get(keyword))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(keyword) or ():
            yield from _schemas_in(branch)


def _document_schemas(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every schema object of the document: components and those inline in operations."""
    components = document.get("components") or {}
    for schema in (components.get("schemas") or {}).values():
        yield from _schemas_in(schema)
    holders: list[Any] = [*(components.get("parameters") or {}).values()]
    holders += [*(components.get("requestBodies") or {}).values()]
    holders += [*(components.get("responses") or {}).values()]
    for item in (document.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        holders += item.get("parameters") or []
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                holders += operation.get("parameters") or []
                holders.append(operation.get("requestBody"))
                holders += (operation.get("responses") or {}).values()
    for holder in holders:
        if not isinstance(holder, dict):
            continue
        yield from _schemas_in(holder.get("schema"))
        for media in (holder.get("content") or {}).values():
            if isinstance(media, dict):
                yield from _schemas_in(media.get("schema"))
        for header in (holder.get("headers") or {}).values():
            if isinstance(header, dict):
                yield from _schemas_in(header.get("schema"))


# --------------------------------------------------------------------------- 1. OpenAPI 3.1


def _is_null_schema(node: Any) -> bool:
    return isinstance(node, dict) and node.get("type") == "null" and len(node) == 1


def _downgrade_schema(schema: dict[str, Any], where: str) -> None:
    types = schema.get("type")
    if isinstance(types, list):
        named = [t for t in types if t != "null"]
        if "null" in types:
            schema["nullable"] = True
        if len(named) == 1:
            schema["type"] = named[0]
        elif not named:
            raise PrepareError(f"{where}: a schema of type null alone has no OpenAPI 3.0 spelling")
        else:
            del schema["type"]
            schema.setdefault("anyOf", []).extend({"type": t} for t in named)
    for keyword in ("anyOf", "oneOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list) and any(_is_null_schema(b) for b in branches):
            schema[keyword] = [b for b in branches if not _is_null_schema(b)]
            schema["nullable"] = True
            remaining = schema[keyword]
            if len(remaining) == 1 and "$ref" in remaining[0]:
                # 3.0 ignores siblings of $ref: a nullable reference is allOf + nullable.
                del schema[keyword]
                schema["allOf"] = remaining
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    examples = schema.pop("examples", None)
    if isinstance(examples, list) and examples and "example" not in schema:
        schema["example"] = examples[0]
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        value = schema.get(exclusive)
        if isinstance(value, int | float) and not isinstance(value, bool):
            schema[bound] = value
            schema[exclusive] = True
    for keyword in ("$schema", "$id", "$comment"):
        schema.pop(keyword, None)


def downgrade_31(document: dict[str, Any]) -> dict[str, Any]:
    """Spell an OpenAPI 3.1 document in 3.0.3 (in place; returns it)."""
    for schema in _document_schemas(document):
        _downgrade_schema(schema, "OpenAPI 3.1")
    document["openapi"] = "3.0.3"
    for key in ("jsonSchemaDialect", "webhooks"):
        document.pop(key, None)
    info = document.get("info") or {}
    info.pop("summary", None)
    if isinstance(info.get("license"), dict):
        info["license"].pop("identifier", None)
    return document


# --------------------------------------------------------------------------- 2. stable names


def _pin_operations(document: dict[str, Any], pinned: dict[str, Any]) -> None:
    ours = {pin["operationId"] for pin in pinned.values()}
    for key, operation in operations(document):
        if key not in pinned and operation.get("operationId") in ours:
            raise PrepareError(
                f"{key}: its operationId {operation['operationId']!r} is the one pinned to another "
                "operation; rename it in openapi/pins.yaml"
            )
    tags: list[str] = []
    for key, pin in pinned.items():
        found = find_operation(document, key)
        if found is None:
            raise PrepareError(f"pin {key} ({pin['operationId']}): the document has no {key}")
        operation = found
        operation["operationId"] = pin["operationId"]
        operation["tags"] = [pin["tag"]]
        if pin["tag"] not in tags:
            tags.append(pin["tag"])
    used = {tag for _, operation in operations(document) for tag in operation.get("tags") or ()}
    kept = [t for t in document.get("tags") or () if isinstance(t, dict) and t.get("name") in used]
    kept_names = {t["name"] for t in kept}
    document["tags"] = [*({"name": t} for t in tags if t not in kept_names), *kept]


def _pin_schemas(document: dict[str, Any], pinned: dict[str, str]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    renames: dict[str, str] = {}
    inline: list[str] = []
    for name, position in pinned.items():
        try:
            slot = locate(document, position)
        except DocumentError as error:
            raise PrepareError(f"pin {name}: {error}") from None
        current = schema_name(slot.node)
        if current is None:
            inline.append(name)
        elif renames.setdefault(current, name) != name:
            raise PrepareError(
                f"pins {renames[current]} and {name} both land on the document's schema {current}"
            )
    for vendor_name in schemas:
        if vendor_name not in renames and vendor_name in pinned:
            raise PrepareError(
                f"pin {vendor_name}: the document's schema {vendor_name} sits elsewhere "
                f"than {pinned[vendor_name]!r}"
            )
    rename_schemas(document, renames)
    for name in inline:
        hoist(document, pinned[name], name)


def pin_names(document: dict[str, Any], pins: dict[str, Any]) -> dict[str, Any]:
    """Write the pinned operationIds, tags and schema names onto ``document`` (in place)."""
    _pin_operations(document, pins.get("operations") or {})
    _pin_schemas(document, pins.get("schemas") or {})
    return document


# --------------------------------------------------------------------------- 3. the Token header


def is_token_header(document: dict[str, Any], parameter: Any) -> bool:
    """``parameter`` (or what its ``$ref`` points to) is the ``Token`` header."""
    parameter = resolve(document, parameter)
    return (
        isinstance(parameter, dict)
        and parameter.get("in") == "header"
        and str(parameter.get("name", "")).lower() == TOKEN_HEADER
    )


def is_token_scheme(scheme: Any) -> bool:
    """``scheme`` is an apiKey security scheme for the ``Token`` header."""
    return (
        isinstance(scheme, dict)
        and scheme.get("type") == "apiKey"
        and scheme.get("in") == "header"
        and str(scheme.get("name", "")).lower() == TOKEN_HEADER
    )


def _adopt_scheme(document: dict[str, Any], ours: str) -> bool:
    """Make ``ours`` the Token apiKey scheme; True when the document already declared one."""
    schemes = document.setdefault("components", {}).setdefault("securitySchemes", {})
    existing = [name for name, scheme in schemes.items() if is_token_scheme(scheme)]
    for name in existing:
        del schemes[name]
    schemes[ours] = {"type": "apiKey", "in": "header", "name": "Token"}
    requirements = [document.get("security")]
    requirements += [op.get("security") for _, op in operations(document)]
    for requirement_list in requirements:
        for requirement in requirement_list or ():
            for name in existing:
                if name in requirement:
                    requirement[ours] = requirement.pop(name)
    return bool(existing)


def token_as_security_scheme(document: dict[str, Any], pins: dict[str, Any]) -> dict[str, Any]:
    """Turn every Token header into the security scheme (in place; idempotent)."""
    ours = pins.get("security_scheme") or "TokenAuth"
    pinned = pins.get("operations") or {}
    found = _adopt_scheme(document, ours)
    for path, item in (document.get("paths") or {}).items():
        shared = item.get("parameters") or []
        shared_token = [p for p in shared if is_token_header(document, p)]
        if shared_token:
            item["parameters"] = [p for p in shared if p not in shared_token]
            found = True
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            key = f"{method.upper()} {path}"
            mode = (pinned.get(key) or {}).get("token", "jwt")
            if mode not in TOKEN_MODES:
                raise PrepareError(f"pin {key}: token must be one of {', '.join(TOKEN_MODES)}")
            own = operation.get("parameters") or []
            token = [p for p in own if is_token_header(document, p)] or shared_token
            found = found or bool(token)
            others = [p for p in own if not is_token_header(document, p)]
            if mode == "refresh":
                if not token:
                    raise PrepareError(f"{key}: pinned `token: refresh` but has no Token header")
                # Inline: the component it may refer to is removed below.
                others.append(copy.deepcopy(resolve(document, token[0])))
            if others:
                operation["parameters"] = others
            else:
                operation.pop("parameters", None)
            if mode == "jwt":
                if "security" in operation:
                    operation["security"] = [{ours: []}]
            else:
                operation["security"] = []
    if not found:
        raise PrepareError(
            "Token correction: the document has no Token header parameter and no apiKey scheme "
            "for the Token header"
        )
    document["security"] = [{ours: []}]
    parameters = (document.get("components") or {}).get("parameters")
    if isinstance(parameters, dict):
        for name in [n for n, p in parameters.items() if is_token_header(document, p)]:
            del parameters[name]
        if not parameters:
            del document["components"]["parameters"]
    return document


# --------------------------------------------------------------------------- all steps


def prepare(
    document: dict[str, Any],
    pins: dict[str, Any],
    overlay: dict[str, Any],
    *,
    source: str = "the document",
) -> dict[str, Any]:
    """Return the generation copy of ``document`` (the argument is not modified)."""
    result = copy.deepcopy(document)
    try:
        version = openapi_version(result)
        if version == "2.0":
            raise PrepareError(
                f"{source} is Swagger 2.0; convert it to OpenAPI 3 first: "
                + SWAGGER_CONVERSION.format(path=source)
            )
        if version == "3.1":
            downgrade_31(result)
        pin_names(result, pins)
        token_as_security_scheme(result, pins)
        return apply_overlay(result, overlay)
    except (DocumentError, OverlayError) as error:
        raise PrepareError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: exit 0, or 2 with one line on stderr."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("document", type=Path)
    parser.add_argument("--pins", type=Path, required=True)
    parser.add_argument("--overlay", type=Path, required=True)
    parser.add_argument("--output", "-o", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        document = load_document(args.document)
        pins = load_document(args.pins)
        overlay = load_document(args.overlay)
        result = prepare(document, pins, overlay, source=str(args.document))
    except (DocumentError, PrepareError) as error:
        print(f"prepare_document: error: {error}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        yaml.safe_dump(result, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
