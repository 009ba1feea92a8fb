"""What the sandbox reads from the document: its operations, and the enums of the fields it prices.

The source of truth is the generated client's ``schemas.json``: ``operations`` keyed by
``"METHOD /path"`` (each with its pinned ``id``, ``method``, ``path``, ``query``, ``path_params``
and ``body``) and ``schemas``. The sandbox finds everything by method, path and position (the
request body of ``POST /offer``, then ``product.vehicle.fuelType``), never by a name the vendor
chooses. The file is read once, on first use: importing the sandbox reads nothing, so a broken
``generated/`` shows where a sandbox is built, not in every import.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any, Final

__all__ = [
    "PRICED_FIELDS",
    "Operations",
    "SandboxDocumentError",
    "document_operation_ids",
    "document_operations",
    "documented_values",
    "enum_at",
    "operation_ids",
]

#: ``"METHOD /path"`` -> the operation as ``schemas.json`` describes it.
Operations = Mapping[str, Mapping[str, Any]]

_SCHEMA_PREFIX: Final = "#/components/schemas/"

#: The fields whose enums the tariffs price, by the operation whose request body holds them.
PRICED_FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("POST /offer", "product.vehicle.vehicleType"),
    ("POST /offer", "product.vehicle.usageType"),
    ("POST /offer", "product.vehicle.fuelType"),
    ("POST /offer", "product.motor.currency"),
    ("POST /offer", "product.motor.installmentCount"),
)


class SandboxDocumentError(RuntimeError):
    """The document and the sandbox disagree in a way the sandbox cannot serve.

    Raised when a sandbox is built: an operation the sandbox implements is not in the document
    (it would be silently unreachable), or the document's operations are malformed (a missing or
    repeated operationId). The message names each operation by ``METHOD /path``.
    """


@functools.cache
def _schemas_json() -> dict[str, Any]:
    from importlib.resources import files

    text = files("casco_async_generated").joinpath("schemas.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def document_operations() -> Operations:
    """The generated client's operations, ``"METHOD /path"`` -> operation (read once).

    Raises:
        ImportError: the generated client ``casco_async_generated`` cannot be imported.
    """
    operations: Operations = _schemas_json()["operations"]
    return operations


def operation_ids(operations: Operations) -> tuple[str, ...]:
    """The operationIds of ``operations``, in their order (the counters' and faults' keys).

    Raises:
        SandboxDocumentError: an operation has no ``id``, or two share one.
    """
    ids: list[str] = []
    for key, operation in operations.items():
        operation_id = operation.get("id")
        if not isinstance(operation_id, str) or not operation_id:
            raise SandboxDocumentError(f"operation {key} has no operationId")
        if operation_id in ids:
            raise SandboxDocumentError(f"operationId {operation_id!r} of {key} is not unique")
        ids.append(operation_id)
    return tuple(ids)


@functools.cache
def document_operation_ids() -> tuple[str, ...]:
    """:func:`operation_ids` of the generated client's document."""
    return operation_ids(document_operations())


def enum_at(
    schemas: Mapping[str, Any], operations: Operations, operation: str, field: str
) -> frozenset[object]:
    """The values the document allows at ``field`` of ``operation``'s request body.

    ``field`` is a dotted path (``"product.vehicle.fuelType"``); ``$ref``, ``allOf``, ``anyOf``
    and ``oneOf`` are followed, and the enums of every branch are joined. Empty when the field
    or its enum is not in the document (then no value beyond the sandbox's own is allowed).
    """
    declared = operations.get(operation) or {}
    body = declared.get("body")
    if not isinstance(body, str):
        return frozenset()
    nodes: list[Any] = [{"$ref": _SCHEMA_PREFIX + body}]
    for part in field.split("."):
        nodes = [
            branch["properties"][part]
            for node in nodes
            for branch in _branches(schemas, node)
            if isinstance(branch.get("properties"), Mapping) and part in branch["properties"]
        ]
    values: set[object] = set()
    for node in nodes:
        for branch in _branches(schemas, node):
            enum = branch.get("enum")
            if isinstance(enum, list):
                values.update(value for value in enum if value is not None)
    return frozenset(values)


def _branches(schemas: Mapping[str, Any], node: Any, depth: int = 0) -> list[Mapping[str, Any]]:
    """``node`` and the schemas it combines, with every ``$ref`` resolved."""
    if not isinstance(node, Mapping) or depth > 32:  # 32: far deeper than any real nesting
        return []
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_SCHEMA_PREFIX):
        return _branches(schemas, schemas.get(ref[len(_SCHEMA_PREFIX) :]), depth + 1)
    found: list[Mapping[str, Any]] = [node]
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(keyword) or ():
            found += _branches(schemas, branch, depth + 1)
    return found


@functools.cache
def documented_values() -> Mapping[str, frozenset[object]]:
    """The generated client's enums at :data:`PRICED_FIELDS`, by dotted field path."""
    document = _schemas_json()
    return {
        field: enum_at(document["schemas"], document["operations"], operation, field)
        for operation, field in PRICED_FIELDS
    }
