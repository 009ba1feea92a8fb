"""Read an OpenAPI document and find its parts by where they sit on the wire, not by their names.

The vendor's own document will describe the same wire as ours (methods, paths, bodies) with its
own operationIds, tags and schema names. Everything this project writes by hand therefore names a
part of the document by its *position*:

* an operation by ``"METHOD /path"`` (``"POST /offer"``);
* a schema by a position string ``"METHOD /path SLOT [FIELDS]"`` where SLOT is ``request``,
  ``response STATUS`` or ``parameter NAME``, and FIELDS is a dotted walk through properties, with
  ``[]`` for an array's items: ``"POST /offer request product.vehicle.driver[]"`` is the schema of
  one driver in the body of ``POST /offer``; ``"POST /auth response 200 data"`` the ``data`` of the
  authentication answer. The walk follows ``$ref``, ``allOf`` and single-branch wrappers.

``openapi/pins.yaml`` uses these positions to give operations and schemas stable names
(``scripts/prepare_document.py``); the drift tool uses them to match two documents' parts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_REF_PREFIX = "#/components/schemas/"
JSON_MEDIA = "application/json"


class DocumentError(Exception):
    """The document cannot be read, or a position cannot be found in it (one line, names it)."""


def parse_document(text: str, *, source: str = "document") -> dict[str, Any]:
    """Parse an OpenAPI document written as JSON or YAML; refuse anything but a mapping."""
    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
        raise DocumentError(f"{source} is neither JSON nor YAML: {first_line}") from None
    if not isinstance(document, dict):
        raise DocumentError(f"{source} is not an OpenAPI document (not a mapping)")
    return document


def load_document(path: Path) -> dict[str, Any]:
    """Read and parse the document at ``path`` (JSON or YAML, whatever its file name says)."""
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise DocumentError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise DocumentError(f"{path} is not UTF-8 text") from None
    return parse_document(text, source=str(path))


def openapi_version(document: dict[str, Any]) -> str:
    """``"3.0"``, ``"3.1"`` or ``"2.0"`` (Swagger); other values raise :class:`DocumentError`."""
    if str(document.get("swagger", "")).startswith("2."):
        return "2.0"
    version = str(document.get("openapi", ""))
    for known in ("3.0", "3.1"):
        if version == known or version.startswith(known + "."):
            return known
    raise DocumentError(f"not an OpenAPI 3.0/3.1 document (openapi: {version or 'missing'!s})")


def operation_key(method: str, path: str) -> str:
    """The wire name of an operation: ``"POST /offer"``."""
    return f"{method.upper()} {path}"


def operations(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every operation as ``("METHOD /path", operation object)``, in document order."""
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield operation_key(method, path), operation


def find_operation(document: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The operation for ``"METHOD /path"``, or None."""
    method, _, path = key.partition(" ")
    item = (document.get("paths") or {}).get(path)
    operation = item.get(method.lower()) if isinstance(item, dict) else None
    return operation if isinstance(operation, dict) else None


def mappings(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping nested in ``node`` (itself included), parents first.

    A parent's children are read after it has been handed out, so the caller may change it.
    """
    if isinstance(node, dict):
        yield node
        for value in list(node.values()):
            yield from mappings(value)
    elif isinstance(node, list):
        for value in list(node):
            yield from mappings(value)


def rewrite_refs(node: Any, rename: Callable[[str], str]) -> None:
    """Rewrite every ``$ref`` string nested in ``node`` through ``rename``."""
    for mapping in mappings(node):
        ref = mapping.get("$ref")
        if isinstance(ref, str):
            mapping["$ref"] = rename(ref)


def rename_schemas(document: dict[str, Any], renames: Mapping[str, str]) -> None:
    """Rename component schemas (``old -> new``; others keep their names) and every $ref to them."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    document.setdefault("components", {})["schemas"] = {
        renames.get(name, name): schema for name, schema in schemas.items()
    }

    def rename(ref: str) -> str:
        if not ref.startswith(SCHEMA_REF_PREFIX):
            return ref
        old = ref.removeprefix(SCHEMA_REF_PREFIX)
        return SCHEMA_REF_PREFIX + renames.get(old, old)

    rewrite_refs(document, rename)


def hoist(document: dict[str, Any], position: str, name: str) -> None:
    """Move the inline schema at ``position`` into ``components.schemas[name]``, leaving a
    ``$ref`` to it in its place (in place)."""
    slot = locate(document, position)
    document.setdefault("components", {}).setdefault("schemas", {})[name] = slot.node
    slot.holder[slot.key] = {"$ref": SCHEMA_REF_PREFIX + name}  # type: ignore[index]


def resolve(document: dict[str, Any], node: Any) -> Any:
    """Follow local ``$ref`` chains (``#/components/...``) to the object they point to."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#/"):
            raise DocumentError(f"cannot follow $ref {ref!r}")
        seen.add(ref)
        target: Any = document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise DocumentError(f"$ref {ref!r} points to nothing")
            target = target[part]
        node = target
    return node


def schema_name(node: Any) -> str | None:
    """The component name a schema slot refers to, looking through single-branch wrappers.

    ``{$ref: X}``, ``{allOf: [{$ref: X}], nullable: true}`` (3.0's nullable reference) and
    ``{anyOf: [{$ref: X}, {type: "null"}]}`` (3.1's) all name ``X``.
    """
    if not isinstance(node, dict):
        return None
    ref = node.get("$ref")
    if isinstance(ref, str):
        return ref.removeprefix(SCHEMA_REF_PREFIX) if ref.startswith(SCHEMA_REF_PREFIX) else None
    for keyword in ("allOf", "anyOf", "oneOf"):
        branches = node.get(keyword)
        if isinstance(branches, list):
            named = [b for b in branches if not (isinstance(b, dict) and b.get("type") == "null")]
            if len(named) == 1:
                return schema_name(named[0])
    return None


@dataclass(frozen=True)
class Slot:
    """Where a schema sits: ``holder[key]`` is the schema object (often a ``$ref``)."""

    holder: dict[str, Any] | list[Any]
    key: str | int

    @property
    def node(self) -> Any:
        """The schema object in the slot."""
        return self.holder[self.key]  # type: ignore[index]


_POSITION = re.compile(
    r"^(?P<method>[A-Z]+) (?P<path>/\S*) "
    r"(?:(?P<request>request)|response (?P<status>\S+)|parameter (?P<parameter>\S+))"
    r"(?: (?P<fields>\S+))?$"
)


def _media_schema_slot(document: dict[str, Any], holder: Any, where: str) -> Slot:
    content = resolve(document, holder).get("content") if isinstance(holder, dict) else None
    media = content.get(JSON_MEDIA) if isinstance(content, dict) else None
    if not isinstance(media, dict) or "schema" not in media:
        raise DocumentError(f"{where}: no {JSON_MEDIA} schema")
    return Slot(media, "schema")


def _step(document: dict[str, Any], node: Any, field: str, where: str) -> Slot:
    """The slot of ``field`` (a property name, or ``[]`` for items) inside schema ``node``."""
    node = resolve(document, node)
    if not isinstance(node, dict):
        raise DocumentError(f"{where}: not a schema")
    if field == "[]":
        if "items" in node:
            return Slot(node, "items")
    else:
        properties = node.get("properties")
        if isinstance(properties, dict) and field in properties:
            return Slot(properties, field)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(keyword) or ():
            try:
                return _step(document, branch, field, where)
            except DocumentError:
                continue
    raise DocumentError(f"{where}: no field {field!r}")


def locate(document: dict[str, Any], position: str) -> Slot:
    """The slot at ``position`` (see the module docstring); :class:`DocumentError` names it."""
    match = _POSITION.match(position)
    if match is None:
        raise DocumentError(f"position {position!r} is not 'METHOD /path SLOT [fields]'")
    key = operation_key(match["method"], match["path"])
    operation = find_operation(document, key)
    if operation is None:
        raise DocumentError(f"{position}: the document has no {key}")
    if match["request"]:
        slot = _media_schema_slot(document, operation.get("requestBody"), position)
    elif match["status"]:
        responses = operation.get("responses") or {}
        status = match["status"]
        response = responses.get(status, responses.get(int(status) if status.isdigit() else None))
        if response is None:
            raise DocumentError(f"{position}: {key} has no {status} response")
        slot = _media_schema_slot(document, response, position)
    else:
        wanted = match["parameter"].lower()
        parameters = [resolve(document, p) for p in operation.get("parameters") or ()]
        found = [p for p in parameters if str(p.get("name", "")).lower() == wanted]
        if not found or "schema" not in found[0]:
            raise DocumentError(f"{position}: {key} has no parameter {match['parameter']!r}")
        slot = Slot(found[0], "schema")
    for field in re.findall(r"\[\]|[^.\[\]]+", match["fields"] or ""):
        slot = _step(document, slot.node, field, position)
    return slot


def _walk_positions(
    document: dict[str, Any], node: Any, base: str, fields: str, found: dict[str, str]
) -> None:
    name = schema_name(node)
    if name is not None:
        if name in found:
            return
        found[name] = f"{base} {fields}" if fields else base
    target = resolve(document, node)
    if not isinstance(target, dict) or fields.count(".") + fields.count("[]") > 12:
        return
    if "items" in target:
        _walk_positions(document, target["items"], base, fields + "[]", found)
    for field, child in (target.get("properties") or {}).items():
        _walk_positions(document, child, base, f"{fields}.{field}" if fields else field, found)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in target.get(keyword) or ():
            _walk_positions(document, branch, base, fields, found)


def positions(document: dict[str, Any]) -> dict[str, str]:
    """A position for every component schema reachable from an operation (first found wins).

    Operations are visited in document order; within one, parameters, then the request body, then
    the responses in status order. Used to write ``openapi/pins.yaml`` and to match the schemas of
    two documents by where they sit.
    """
    found: dict[str, str] = {}
    for key, operation in operations(document):
        for parameter in operation.get("parameters") or ():
            parameter = resolve(document, parameter)
            if isinstance(parameter, dict) and "schema" in parameter:
                base = f"{key} parameter {parameter['name']}"
                _walk_positions(document, parameter["schema"], base, "", found)
        if operation.get("requestBody") is not None:
            try:
                slot = _media_schema_slot(document, operation["requestBody"], key)
            except DocumentError:
                pass
            else:
                _walk_positions(document, slot.node, f"{key} request", "", found)
        for status in sorted(operation.get("responses") or {}, key=str):
            try:
                slot = _media_schema_slot(document, operation["responses"][status], key)
            except DocumentError:
                continue
            _walk_positions(document, slot.node, f"{key} response {status}", "", found)
    return found
