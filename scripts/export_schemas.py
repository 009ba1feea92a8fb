"""Export the document's schemas and operation parameters as JSON for runtime validation.

    python scripts/export_schemas.py build/casco-api.generation.yaml \
        generated/casco_async_generated/schemas.json

`casco_async._validation` validates request bodies and parameters against this file, both in the
SDK (before sending) and in the embedded sandbox (to answer bad input like the vendor). The file is
derived from the document, never written by hand, so no schema exists twice.

Output: ``{"schemas": <components.schemas as they are, $refs kept as
"#/components/schemas/Name">, "operations": {"<METHOD> <path>": {"id", "method", "path", "body",
"query", "path_params", "headers"}}}``: operations are keyed by what goes over the wire
(``"POST /offer"``), never by a name the vendor chooses; ``id`` is the document's operationId
(after the generation step pinned it); ``path`` is the URL template (``/offer/{id}``),
``body`` the name of the JSON request body's schema (or null), and ``query`` /
``path_params`` / ``headers`` map each parameter's name to ``{"schema", "required"}`` (the
path parameters are not under ``path``, which names the template). ``headers`` holds the header
parameters other than ``Token`` (a credential, checked by authentication, never as a field),
e.g. ``Content-Language``, which the sandbox refuses outside the document's enum; cookie
parameters are left out.

The document may be OpenAPI 3.0 or 3.1 (the validator reads both spellings, e.g. ``nullable: true``
and ``type: [string, "null"]``). Every ``$ref`` in a schema must name a schema of
``components.schemas``: the validator follows no other reference.

After exporting, the hand-written business rules are checked against the result
(``casco_async._validation.check_rules``): a rule whose schema or field is no longer in the
document fails the export with one line naming the rule, and nothing is written, so
``make generate`` cannot produce an SDK in which a rule is silently skipped.

The output is deterministic (sorted keys, one-space indent, UTF-8, final newline): running the
script twice gives identical bytes, so `make check-generated` can compare it.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import importlib.machinery
import json
import sys
import types
from pathlib import Path
from typing import Any

import yaml
from openapi_document import METHODS, SCHEMA_REF_PREFIX, DocumentError
from openapi_document import resolve as _resolve

_SCHEMA_PREFIX = SCHEMA_REF_PREFIX
_PACKAGE_DIR = Path(__file__).resolve().parent.parent / "casco_async"
# Keywords whose values are data, not schemas: a "$ref" key inside an example is no reference.
_DATA_KEYWORDS = frozenset({"example", "examples", "default", "const", "enum"})


class ExportError(Exception):
    """The document cannot be exported as written."""


def _body_schema_name(document: dict[str, Any], operation: dict[str, Any], where: str) -> Any:
    """The schema name of the JSON request body, or None when the operation takes no body."""
    if "requestBody" not in operation:
        return None
    body = _resolve(document, operation["requestBody"])
    content = body.get("content", {})
    media = content.get("application/json")
    if media is None:
        raise ExportError(f"{where}: request body is not application/json")
    schema = media.get("schema", {})
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    # Only named schemas: the validator reports errors and applies business rules by schema name.
    if not isinstance(ref, str) or not ref.startswith(_SCHEMA_PREFIX):
        raise ExportError(f"{where}: request body schema must be a $ref to {_SCHEMA_PREFIX}<Name>")
    return ref[len(_SCHEMA_PREFIX) :]


def _check_refs(node: Any, schemas: dict[str, Any], where: str) -> None:
    """Every ``$ref`` under ``node`` names one of ``schemas`` (the validator follows no other)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref is not None:
            name = ref[len(_SCHEMA_PREFIX) :] if isinstance(ref, str) else None
            if not (isinstance(ref, str) and ref.startswith(_SCHEMA_PREFIX) and name in schemas):
                raise ExportError(f"{where}: $ref {ref!r} is not a schema of {_SCHEMA_PREFIX}")
        for key, child in node.items():
            if key not in _DATA_KEYWORDS:
                _check_refs(child, schemas, where)
    elif isinstance(node, list):
        for child in node:
            _check_refs(child, schemas, where)


def _without_extensions(node: Any, *, names: bool = False) -> Any:
    """A copy without ``x-`` keys (``x-source`` marks...): the validator reads none of them, and
    the vendor's own file, which has none, then exports the same bytes as our reconstruction.
    ``names``: ``node`` maps names to schemas (``properties``), whose keys are all kept."""
    if isinstance(node, list):
        return [_without_extensions(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: value
        if key in _DATA_KEYWORDS
        else _without_extensions(value, names=key == "properties")
        for key, value in node.items()
        if names or not (isinstance(key, str) and key.startswith("x-"))
    }


def export(document: dict[str, Any]) -> dict[str, Any]:
    """The ``{"schemas": ..., "operations": ...}`` mapping of an OpenAPI 3.0 or 3.1 ``document``."""
    schemas = _without_extensions(document.get("components", {}).get("schemas", {}), names=True)
    operations: dict[str, Any] = {}
    for path, path_item in document.get("paths", {}).items():
        path_item = _resolve(document, path_item)
        shared = path_item.get("parameters", [])
        for method in METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {path}"
            operation_id = operation.get("operationId")
            if not operation_id:
                raise ExportError(f"{where}: operationId is missing")
            if any(entry["id"] == operation_id for entry in operations.values()):
                raise ExportError(f"{where}: operationId {operation_id!r} is used twice")
            # Operation-level parameters override path-level ones with the same name and location.
            parameters: dict[tuple[str, str], dict[str, Any]] = {}
            for raw in [*shared, *operation.get("parameters", [])]:
                parameter = _resolve(document, raw)
                parameters[(parameter["in"], parameter["name"])] = parameter
            entry: dict[str, Any] = {
                "id": operation_id,
                "method": method.upper(),
                "path": path,
                "body": _body_schema_name(document, operation, where),
                "query": {},
                "path_params": {},
                "headers": {},
            }
            for (location, name), parameter in parameters.items():
                if location == "header" and name.lower() == "token":
                    continue
                if location not in ("query", "path", "header"):
                    continue
                key = {"query": "query", "path": "path_params", "header": "headers"}[location]
                entry[key][name] = {
                    "schema": parameter.get("schema", {}),
                    # Path parameters are always required (OpenAPI 3.0, "Parameter Object").
                    "required": bool(parameter.get("required", False)) or location == "path",
                }
            operations[where] = entry
    for name, schema in schemas.items():
        _check_refs(schema, schemas, f"components.schemas.{name}")
    for where, entry in operations.items():
        _check_refs([entry["query"], entry["path_params"], entry["headers"]], schemas, where)
    return {"schemas": schemas, "operations": operations}


def _validation_module() -> types.ModuleType:
    """This checkout's ``casco_async/_validation.py``, without importing the SDK.

    Loaded as a submodule of a private package whose path is ``casco_async/``: the SDK's
    ``__init__`` imports the generated client, which is what is being regenerated, while
    ``_validation`` and ``_tax_id`` need only the standard library.
    """
    package = "_casco_async_rules"
    if package not in sys.modules:
        spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
        spec.submodule_search_locations = [str(_PACKAGE_DIR)]
        module = types.ModuleType(package)
        module.__spec__ = spec
        module.__path__ = [str(_PACKAGE_DIR)]
        sys.modules[package] = module
    return importlib.import_module(f"{package}._validation")


def check_rules(exported: dict[str, Any]) -> None:
    """Fail when a business rule would be skipped with the exported schemas.

    Raises:
        ExportError: one line naming each rule and its missing schema or field.
    """
    validation = _validation_module()
    try:
        validation.check_rules(exported["schemas"], exported["operations"])
    except validation.RuleTargetError as exc:
        raise ExportError(str(exc)) from None


def _json_default(value: object) -> object:
    # YAML turns unquoted 2027-01-20 into a date; in JSON (and to OpenAPI tools) it is a string.
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(exported: dict[str, Any]) -> str:
    """The deterministic text written to the output file."""
    text = json.dumps(exported, sort_keys=True, indent=1, ensure_ascii=False, default=_json_default)
    return text + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", type=Path, help="build/casco-api.generation.yaml")
    parser.add_argument("output", type=Path, help="generated/casco_async_generated/schemas.json")
    args = parser.parse_args(argv)
    try:
        document = yaml.safe_load(args.document.read_text(encoding="utf-8"))
        exported = export(document)
        check_rules(exported)
        text = dumps(exported)
    except (OSError, yaml.YAMLError, ExportError, DocumentError, KeyError, TypeError) as exc:
        print(f"export_schemas: error: {exc}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # newline="\n": the same bytes on every platform.
    with args.output.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
