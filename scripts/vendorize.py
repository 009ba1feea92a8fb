"""Rewrite openapi/casco-api.yaml the ways the vendor's own document will differ from ours.

    python scripts/vendorize.py SCENARIO[,SCENARIO...] [--document DOC] --output OUT

The rewrites start from the document's *canonical form* (:func:`canonical`: the names of
openapi/pins.yaml, OpenAPI 3.0, the Token header as one shared ``$ref`` parameter), so they work the
same whether openapi/ holds our reconstruction or the vendor's own file.

Each scenario changes names or spelling, never the wire (methods, paths, parameters, bodies,
statuses), except the three additive ones. ``make regen-check`` generates the client from each
rewrite and runs the public SDK against the sandbox; the tests of the generation step use them too.

Scenarios:
  operation-ids  the vendor's own operationIds (``postOffer``, ``getNomenclatureCounty``...)
  tags           the vendor's own tags
  schemas        every schema renamed (``VehicleData`` -> ``CascoVehicleDataDto``), $refs rewritten
  inline-token   the ``Token`` header written inline on each operation, no shared parameter
  mixed-token    inline on some operations, by ``$ref`` on the others
  token-scheme   already an apiKey security scheme; no Token header parameter at all
  no-sources     no ``x-source`` marks, no comments
  openapi31      OpenAPI 3.1 spelling: ``type: [x, "null"]`` instead of ``nullable``
  json           written as JSON
  new-field      additive: a new optional field on the vehicle
  new-enum       additive: a new fuel type value
  new-operation  additive: a new operation, ``GET /nomenclature/occupation``
  vendor         operation-ids, tags, schemas, inline-token, no-sources and json together
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from openapi_document import (
    DocumentError,
    load_document,
    locate,
    mappings,
    operations,
    rename_schemas,
    resolve,
)
from prepare_document import (
    downgrade_31,
    is_token_header,
    is_token_scheme,
    pin_names,
)

Document = dict[str, Any]
ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "openapi" / "casco-api.yaml"
PINS = ROOT / "openapi" / "pins.yaml"
TOKEN_PARAMETER = {
    "name": "Token",
    "in": "header",
    "required": True,
    "description": "The JWT received from POST /auth, as `Token: <JWT>`.",
    "schema": {"type": "string"},
}
NEW_OPERATION = "GET /nomenclature/occupation"
NEW_FUEL_TYPE = "hydrogen"
NEW_FIELD = "vendorNote"
VENDOR_TAGS = {
    "Authentication": "Auth",
    "Products": "Casco",
    "Nomenclature": "Nomenclatures",
    "Helper": "Helpers",
}


def _camel(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text)
    return "".join(word[:1].upper() + word[1:] for word in words)


def canonical(document: Document, pins: dict[str, Any]) -> Document:
    """The document with our stable names, in OpenAPI 3.0, the JWT header a shared ``$ref``.

    Whatever spelling the vendor used for the Token header (inline, ``$ref``, a security scheme),
    each operation pinned ``jwt`` gets ``$ref: '#/components/parameters/Token'`` first among its
    parameters, ``PATCH /auth`` its inline refresh header, ``POST /auth`` none; no scheme remains.
    """
    result = copy.deepcopy(document)
    if str(result.get("openapi", "")).startswith("3.1"):
        downgrade_31(result)
    pin_names(result, pins)
    modes = {key: pin.get("token", "jwt") for key, pin in (pins.get("operations") or {}).items()}
    components = result.setdefault("components", {})
    schemes = components.get("securitySchemes") or {}
    for name in [n for n, scheme in schemes.items() if is_token_scheme(scheme)]:
        del schemes[name]
    if "securitySchemes" in components and not schemes:
        del components["securitySchemes"]
    result.pop("security", None)
    for item in (result.get("paths") or {}).values():
        shared = item.get("parameters") or []
        shared_tokens = [p for p in shared if is_token_header(result, p)]
        if shared_tokens:
            item["parameters"] = [p for p in shared if p not in shared_tokens]
            if not item["parameters"]:
                del item["parameters"]
    jwt_header = copy.deepcopy(TOKEN_PARAMETER)
    for key, operation in operations(result):
        own = operation.get("parameters") or []
        tokens = [copy.deepcopy(resolve(result, p)) for p in own if is_token_header(result, p)]
        if tokens and modes.get(key, "jwt") == "jwt" and jwt_header == TOKEN_PARAMETER:
            jwt_header = tokens[0]  # keep the document's own wording of the header
        others = [p for p in own if not is_token_header(result, p)]
        operation.pop("security", None)
        mode = modes.get(key, "jwt")
        if mode == "jwt":
            others.insert(0, {"$ref": "#/components/parameters/Token"})
        elif mode == "refresh":
            refresh = tokens[0] if tokens else {**TOKEN_PARAMETER, "description": "Refresh"}
            others.insert(0, refresh)
        if others:
            operation["parameters"] = others
        else:
            operation.pop("parameters", None)
    parameters = components.setdefault("parameters", {})
    for name in [n for n, p in parameters.items() if is_token_header(result, p)]:
        del parameters[name]
    components["parameters"] = {"Token": jwt_header, **parameters}
    return result


def _token_parameter(document: Document) -> dict[str, Any]:
    return copy.deepcopy(document["components"]["parameters"]["Token"])


def _is_token_ref(parameter: Any) -> bool:
    return isinstance(parameter, dict) and parameter.get("$ref") == "#/components/parameters/Token"


def operation_ids(document: Document) -> Document:
    """``POST /offer`` -> ``postOffer``; ``GET /nomenclature/locality/{county_code}`` ->
    ``getNomenclatureLocalityByCountyCode``."""
    for key, operation in operations(document):
        method, _, path = key.partition(" ")
        parts = [f"By {p[1:-1]}" if p.startswith("{") else p for p in path.split("/") if p]
        operation["operationId"] = method.lower() + _camel(" ".join(parts))
    return document


def tags(document: Document) -> Document:
    """The vendor's own tag names, on the operations and in the tag list."""
    for _, operation in operations(document):
        operation["tags"] = [VENDOR_TAGS.get(t, t) for t in operation.get("tags") or ()]
    for tag in document.get("tags") or ():
        tag["name"] = VENDOR_TAGS.get(tag["name"], tag["name"])
    return document


def schemas(document: Document) -> Document:
    """Every schema gets another name (``Casco<Name>Dto``); every $ref follows."""
    renames = {name: f"Casco{name}Dto" for name in document["components"]["schemas"]}
    rename_schemas(document, renames)
    return document


def _inline(document: Document, keep_ref: Callable[[int], bool]) -> Document:
    token = _token_parameter(document)
    for number, (_, operation) in enumerate(operations(document)):
        parameters = operation.get("parameters") or []
        if not keep_ref(number):
            operation["parameters"] = [
                copy.deepcopy(token) if _is_token_ref(p) else p for p in parameters
            ]
    if not keep_ref(-1):
        del document["components"]["parameters"]["Token"]
    return document


def inline_token(document: Document) -> Document:
    """The Token header written out on each operation (as the vendor's generator would)."""
    return _inline(document, lambda number: False)


def mixed_token(document: Document) -> Document:
    """Token inline on every other operation, by $ref on the rest."""
    return _inline(document, lambda number: number == -1 or number % 2 == 0)


def token_scheme(document: Document) -> Document:
    """The Token header already declared as an apiKey security scheme, as a later
    document might; PATCH /auth keeps its refresh header."""
    for key, operation in operations(document):
        parameters = [p for p in operation.get("parameters") or () if not _is_token_ref(p)]
        if parameters:
            operation["parameters"] = parameters
        else:
            operation.pop("parameters", None)
        if key in ("POST /auth", "PATCH /auth"):
            operation["security"] = []
    del document["components"]["parameters"]["Token"]
    document["components"]["securitySchemes"] = {
        "jwt": {"type": "apiKey", "in": "header", "name": "Token"}
    }
    document["security"] = [{"jwt": []}]
    return document


def no_sources(document: Document) -> Document:
    """No ``x-source`` marks (the YAML dump drops the comments anyway)."""
    for mapping in mappings(document):
        for key in [k for k in mapping if isinstance(k, str) and k.startswith("x-source")]:
            del mapping[key]
    return document


def _nullable_to_31(node: dict[str, Any]) -> None:
    del node["nullable"]
    if isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    elif "allOf" in node and len(node["allOf"]) == 1:
        node["anyOf"] = [node.pop("allOf")[0], {"type": "null"}]
    elif "enum" in node or "$ref" in node or "anyOf" in node:
        node.setdefault("anyOf", []).append({"type": "null"})
    # Without a type, 3.1 already allows null: nothing to spell.


def openapi31(document: Document) -> Document:
    """OpenAPI 3.1: ``type: [x, "null"]`` where 3.0 says ``nullable: true``, and numeric
    ``exclusiveMinimum``/``exclusiveMaximum`` where 3.0 has a boolean beside the bound."""
    document["openapi"] = "3.1.0"
    for mapping in mappings(document):
        if mapping.get("nullable") is True:
            _nullable_to_31(mapping)
        for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
            if mapping.get(exclusive) is True and bound in mapping:
                mapping[exclusive] = mapping.pop(bound)  # 3.1: the bound itself, a number
    return document


def new_field(document: Document) -> Document:
    """A new optional field on the vehicle of ``POST /offer``."""
    vehicle = resolve(document, locate(document, "POST /offer request product.vehicle").node)
    vehicle["properties"][NEW_FIELD] = {"type": "string", "description": "Added by the vendor"}
    return document


def new_enum(document: Document) -> Document:
    """A new fuel type value, which the sandbox's tariffs do not price."""
    fuel = resolve(document, locate(document, "POST /offer request product.vehicle.fuelType").node)
    fuel["enum"].append(NEW_FUEL_TYPE)
    return document


def new_operation(document: Document) -> Document:
    """A new nomenclature operation (an occupation list), shaped like the counties one."""
    counties = copy.deepcopy(document["paths"]["/nomenclature/county"]["get"])
    counties["operationId"] = "listOccupations"
    counties["summary"] = "Occupations"
    counties["description"] = "The list of occupations"
    document["paths"]["/nomenclature/occupation"] = {"get": counties}
    return document


SCENARIOS: dict[str, Callable[[Document], Document]] = {
    "operation-ids": operation_ids,
    "tags": tags,
    "schemas": schemas,
    "inline-token": inline_token,
    "mixed-token": mixed_token,
    "token-scheme": token_scheme,
    "no-sources": no_sources,
    "openapi31": openapi31,
    "new-field": new_field,
    "new-enum": new_enum,
    "new-operation": new_operation,
}
VENDOR = ("operation-ids", "tags", "schemas", "inline-token", "no-sources")


def expand(names: str) -> list[str]:
    """``"vendor,openapi31"`` -> the scenario functions' names, in order; unknown names raise."""
    expanded: list[str] = []
    for name in filter(None, names.split(",")):
        if name == "vendor":
            expanded += [*VENDOR, "json"]
        elif name in SCENARIOS or name == "json":
            expanded.append(name)
        else:
            raise DocumentError(f"unknown scenario {name!r}; one of: {', '.join(SCENARIOS)}")
    return expanded


def rewrite(document: Document, names: str, pins: dict[str, Any]) -> tuple[Document, bool]:
    """Apply the scenarios to the canonical form of ``document``; also say whether JSON was
    asked for."""
    result = canonical(document, pins)
    wants_json = False
    for name in expand(names):
        if name == "json":
            wants_json = True
        else:
            result = SCENARIOS[name](result)
    return result, wants_json


def dumps(document: Document, *, as_json: bool) -> str:
    """The document as the vendor might publish it."""
    if as_json:
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("scenarios", help="comma-separated scenario names (see --help)")
    parser.add_argument("--document", type=Path, default=DOCUMENT)
    parser.add_argument("--output", "-o", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        pins = load_document(PINS)
        document, as_json = rewrite(load_document(args.document), args.scenarios, pins)
    except DocumentError as error:
        print(f"vendorize: error: {error}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(dumps(document, as_json=as_json), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
