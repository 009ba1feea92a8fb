"""Apply an OpenAPI Overlay 1.0 document to an OpenAPI document (`apply_overlay`).

The last step of ``scripts/prepare_document.py`` (``make generate``), which reads the files.

Overlay 1.0 semantics (https://spec.openapis.org/overlay/v1.0.0): actions run in order; each
`target` is an RFC 9535 JSONPath; `remove: true` deletes every matched node; otherwise `update`
is merged into every matched node (objects merge recursively, arrays append, other values
replace). Stricter than the standard, so that a correction can never switch itself off or do
something else than it says when the vendor's document changes:

* a target that matches nothing is an error;
* a target naming several members (``['Vehicle','VehicleData']``) must match each of them;
* an ``update`` never adds a property to a schema's ``properties``: it corrects fields that exist,
  so a field the vendor removed is never put back (remove the action instead).

Keys keep their original order, so `make generate` is deterministic.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import jsonpath


class OverlayError(Exception):
    """The overlay cannot be applied as written."""


def _merge(target: Any, update: Any, *, properties: bool = False) -> Any:
    """Merge ``update`` into ``target``; ``properties``: target is a schema's properties map."""
    if isinstance(target, dict) and isinstance(update, dict):
        for key, value in update.items():
            if properties and key not in target:
                raise OverlayError(f"would add property {key!r}, which the document does not have")
            if key in target:
                target[key] = _merge(target[key], value, properties=key == "properties")
            else:
                target[key] = copy.deepcopy(value)
        return target
    if isinstance(target, list) and isinstance(update, list):
        target.extend(copy.deepcopy(update))
        return target
    return copy.deepcopy(update)


_UNION = re.compile(r"\[\s*('[^']*'(?:\s*,\s*'[^']*')+)\s*\]")


def _alternatives(target: str) -> list[str]:
    """One target per member of each ``['a','b']`` union in ``target``."""
    alternatives = []
    for union in _UNION.finditer(target):
        for member in re.findall(r"'([^']*)'", union.group(1)):
            alternatives.append(target[: union.start()] + f"['{member}']" + target[union.end() :])
    return alternatives


def _parent_and_key(document: Any, parts: tuple[Any, ...]) -> tuple[Any, Any]:
    node = document
    for part in parts[:-1]:
        node = node[part]
    return node, parts[-1]


def apply_overlay(document: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of `document` with the overlay's actions applied in order."""
    if not str(overlay.get("overlay", "")).startswith("1."):
        raise OverlayError("not an Overlay 1.x document (missing `overlay: 1.0.0`)")
    result = copy.deepcopy(document)
    for number, action in enumerate(overlay.get("actions", []), start=1):
        target = action["target"]
        matches = list(jsonpath.finditer(target, result))
        if not matches:
            raise OverlayError(f"action {number}: target {target!r} matches nothing")
        for alternative in _alternatives(target):
            if not list(jsonpath.finditer(alternative, result)):
                raise OverlayError(
                    f"action {number}: target {target!r} matches only partly: not {alternative!r}"
                )
        if action.get("remove"):
            # Delete from the deepest path first so list indices stay valid.
            for match in sorted(matches, key=lambda m: m.parts, reverse=True):
                parent, key = _parent_and_key(result, match.parts)
                del parent[key]
        elif "update" in action:
            for match in matches:
                if not match.parts:
                    try:
                        _merge(result, action["update"])
                    except OverlayError as error:
                        raise OverlayError(f"action {number}: {error}") from None
                    continue
                parent, key = _parent_and_key(result, match.parts)
                try:
                    parent[key] = _merge(
                        parent[key], action["update"], properties=key == "properties"
                    )
                except OverlayError as error:
                    raise OverlayError(f"action {number}: target {target!r} {error}") from None
        else:
            raise OverlayError(f"action {number}: needs `update` or `remove: true`")
    return result
