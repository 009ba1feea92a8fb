#!/usr/bin/env python3
"""Fetch the vendor's OpenAPI document and report what its changes break for users.

Usage::

    python scripts/fetch_spec.py [--spec FILE_OR_URL] [--output PATH] [--pins PATH]
                                 [--overlay PATH] [--allow-breaking] [--allow-invalid]
                                 [--dry-run] [--timeout SECONDS]
    make spec [SPEC=FILE_OR_URL] [SPEC_FLAGS="--dry-run ..."]

``--spec`` (alias ``--url``) is a local file path, a ``file://`` URL or any http(s) URL, YAML or
JSON, OpenAPI 3.0 or 3.1; it defaults to the published document (:data:`DEFAULT_URL`).
``--output`` defaults to ``openapi/casco-api.yaml`` under the repository root (found from this
script's location, not from the current directory); ``--pins`` and ``--overlay`` default to the
``openapi/pins.yaml`` and ``openapi/overlay.yaml`` that ``make generate`` uses. ``--timeout``
(default 30 s) bounds the whole download: connecting, waiting and reading the body.

What it does, in order:

1. Reads the file, or downloads the URL with httpx (redirects followed).
2. Parses it with :mod:`openapi_document` (the generation step's reader) and refuses it unless it
   is OpenAPI 3.0 or 3.1 with a ``paths`` mapping. Swagger 2.0 is refused with the command that
   converts it (``npx swagger2openapi --yaml --outfile build/casco-api.v3.yaml FILE``, then
   ``make spec SPEC=build/casco-api.v3.yaml``): no converter library is installable here. Then
   validates it with ``openapi_spec_validator``: a document that does not validate is refused,
   unless ``--allow-invalid`` turns that into a warning.
3. Compares it with the document already at the output path, if any (:func:`compare`), and
   prints the report (:func:`format_report`): one line per change, ``+`` added, ``-`` removed,
   ``~`` changed, each marked with its class (below), then a one-line summary, or ``no drift``.
4. Writes the new bytes unchanged (vendor formatting kept; JSON is kept as JSON, which is valid
   YAML) to the output path atomically: a temporary file in the same directory, then
   ``os.replace``. Nothing is written on an error, with ``--dry-run``, or when the bytes are the
   same.

Classes
-------
Each line of the report ends with what the change means to users:

* ``[wire-breaking]`` -- a client of the old document can fail against the new one (rules below:
  an operation removed, a required field added, a type changed, an enum value removed...);
* ``[SDK-breaking, absorbed by pinning]`` -- a name the vendor chooses changed (an operationId, a
  tag, a schema name, the way the Token header is written) but ``make generate`` keeps today's
  generated name: both documents are run through ``scripts/prepare_document.py`` (3.1 -> 3.0,
  ``openapi/pins.yaml``, Token -> security scheme, overlay) and the generation copies carry the
  same operationId and tag for the same method + path, the same class name at the same schema
  position, the same Token form;
* ``[SDK-breaking, not absorbed]`` -- the generated code changes for users: the generation step
  fails on the new document (a pin that no longer applies, an overlay target gone), a name
  nobody pins changed, or a schema the SDK has a class for no longer sits where it did;
* ``[additive]`` -- a new operation, optional parameter or field, media type, status, enum value
  (in a request), schema or server;
* no mark -- compatible: relaxations, deprecations, version changes.

Schemas are matched by position (:func:`openapi_document.positions`: ``POST /offer request
product.vehicle``), not by name, and the Token header by meaning (a ``$ref``, an inline header and
an apiKey scheme are the same header on the wire), so that renames are not reported as removals.

Exit status:

* ``0`` -- nothing is wire-breaking or SDK-breaking-not-absorbed (absorbed renames and additions
  are fine), or ``--allow-breaking`` was given;
* ``1`` -- at least one change is wire-breaking or SDK-breaking and not absorbed. The new document
  **is written anyway** (unless ``--dry-run``) so that ``git diff`` shows what changed; one line on
  stderr says so. (``--fail-on-breaking`` is still accepted: it is the default now.)
* ``2`` -- error: a missing or unreadable file, an unreachable host, DNS failure, timeout, HTTP
  status >= 400, a body that is not YAML/JSON, not OpenAPI 3.0/3.1 or does not validate, Swagger
  2.0, an output path that cannot be written, a bad command line. One line
  ``fetch_spec: error: <what is wrong>; <how to fix>`` goes to stderr, no traceback, and nothing
  under ``openapi/`` is touched.

What is compared
----------------
* Operations, keyed by ``METHOD path``. Path template names do not count for matching
  (``/offer/{id}`` and ``/offer/{offerId}`` are the same operation; the rename is reported).
  For each operation: parameters (keyed by location and name; path-level parameters included,
  ``$ref`` resolved) -- added, removed, moved to another location, ``required`` changed, type or
  enum changed; the request body -- added, removed, ``required`` changed, media types added or
  removed, schema changed; responses -- status codes added or removed, media types added or
  removed, schema changed; newly ``deprecated``.
* ``components.schemas``: schemas added or removed; inside each schema (and inside inline
  request/response schemas) properties added, removed, retyped, made required or optional,
  enum values added or removed, nullability changed, recursively into inline objects and array
  items. A ``$ref`` to a schema is compared by the schema's name (``type Address -> Location``);
  the referenced schema is compared once, under its own name.
* The ``openapi`` and ``info.version`` versions and the ``servers`` URLs.

Added or removed operations and schemas show their ``x-source*`` markers (the reconstructed
document marks each element ``doc``, ``sibling`` or ``decision``), so the first download of the
real document shows which guesses were wrong: ``- GET /x: x-source doc, x-source-path decision``.

A type is written ``string``, ``string(date)``, ``array[Offer]``, ``oneOf[A|B]``, ``Offer`` (a
reference), ``any`` (no type given). Descriptions, examples and other prose are not compared.

Breaking rules
--------------
A change is *breaking* when a client written against the old document (or code using the SDK
generated from it) can fail against the new one. Where a schema is used decides some rules: a
schema is in the *request* direction when reached from parameters or request bodies, in the
*response* direction when reached from a 2xx response; a component schema that no operation uses
counts as both (to be safe); a schema reached only from error (non-2xx) responses counts as
neither, and no change inside it is breaking.

Always breaking: an operation removed; a parameter removed or moved to another location; a
request body removed; a success (2xx) response status removed; a media type removed from a request
body or a success response; a component schema removed; a server URL removed.

Breaking in a request or response schema (not in an error-only one): a property removed; a type
change (including a different ``$ref`` target, e.g. a success response now pointing at another
schema); an enum value removed.

Breaking by direction:

* a required parameter added, an optional parameter or request body becoming required, a required
  request body added;
* request direction: a required property added, a property becoming required, a property no longer
  accepting ``null``;
* response direction: a property becoming optional (the client can no longer rely on it), a new
  enum value (generated enums reject values they do not know), a property becoming nullable.

Not breaking: additions (operations, optional parameters, optional properties, schemas, media
types, status codes, error-response changes, servers), relaxations (required -> optional in a
request, optional -> required in a response), a path template rename (same wire format),
deprecation, version changes. An ``operationId`` change is an SDK change (see Classes).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, NoReturn
from urllib.parse import unquote

import httpx
import openapi_document as od
from openapi_spec_validator import validate as validate_openapi
from prepare_document import PrepareError, is_token_header, is_token_scheme, prepare

PROG: Final = "fetch_spec"
DEFAULT_URL: Final = "https://api.lifeishard.ro/redocusaurus/casco-api.yaml"
REPO_ROOT: Final = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT: Final = REPO_ROOT / "openapi" / "casco-api.yaml"
DEFAULT_PINS: Final = REPO_ROOT / "openapi" / "pins.yaml"
DEFAULT_OVERLAY: Final = REPO_ROOT / "openapi" / "overlay.yaml"
DEFAULT_TIMEOUT: Final = 30.0
#: Refuse bodies larger than this: an API document is a few hundred kilobytes.
MAX_BYTES: Final = 32 * 1024 * 1024

HTTP_METHODS: Final = od.METHODS
_SCHEMA_REF_PREFIX: Final = od.SCHEMA_REF_PREFIX
_DNS_MARKERS: Final = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated",
    "getaddrinfo failed",
    "non-recoverable failure in name resolution",
)

ChangeKind = Literal["added", "removed", "changed"]
_SYMBOLS: Final[dict[str, str]] = {"added": "+", "removed": "-", "changed": "~"}


# --------------------------------------------------------------------------------------------
# Errors and results
# --------------------------------------------------------------------------------------------


class FetchError(Exception):
    """A failure reported to the user as one line: what is wrong, then how to fix it."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(f"{problem}; {hint}")
        self.problem = problem
        self.hint = hint


class DocumentError(FetchError):
    """The bytes are not YAML/JSON, or not an OpenAPI 3 document."""


#: What a change means to users, in report order (see "Classes" in the module docstring).
Category = Literal["wire-breaking", "sdk-breaking", "absorbed", "additive", "compatible"]
_MARKS: Final[dict[str, str]] = {
    "wire-breaking": " [wire-breaking]",
    "sdk-breaking": " [SDK-breaking, not absorbed]",
    "absorbed": " [SDK-breaking, absorbed by pinning]",
    "additive": " [additive]",
    "compatible": "",
}


@dataclass(frozen=True)
class Change:
    """One difference between two documents.

    ``kind`` is ``added``, ``removed`` or ``changed``; ``target`` names what changed
    (``GET /offer/{id}``, ``schema Offer.premiumAmount``, ``POST /auth query param account``);
    ``detail`` says how (may be empty); ``breaking`` follows the wire rules in the module
    docstring; ``sdk`` is set for a change of the names the SDK is generated with: ``absorbed``
    when ``openapi/pins.yaml`` keeps today's generated name, ``broken`` when it does not.
    """

    kind: ChangeKind
    target: str
    detail: str = ""
    breaking: bool = False
    sdk: Literal["", "absorbed", "broken"] = ""

    @property
    def category(self) -> Category:
        """The class of the change: wire-breaking, SDK-breaking (absorbed or not), additive..."""
        if self.sdk == "broken":
            return "sdk-breaking"
        if self.sdk == "absorbed":
            return "absorbed"
        if self.breaking:
            return "wire-breaking"
        if self.kind == "added" or " added: " in self.detail:
            return "additive"
        return "compatible"

    @property
    def fails(self) -> bool:
        """True when the change makes the command exit 1: wire-breaking or not absorbed."""
        return self.category in ("wire-breaking", "sdk-breaking")

    def line(self) -> str:
        """One report line: ``~ schema Offer.x: type number -> string [wire-breaking]``."""
        text = f"{_SYMBOLS[self.kind]} {self.target}"
        if self.detail:
            text += f": {self.detail}"
        return text + _MARKS[self.category]


@dataclass(frozen=True)
class _Ctx:
    """Direction(s) a schema is used in; decides which changes are breaking."""

    request: bool
    response: bool

    @property
    def used(self) -> bool:
        """True when the schema matters to clients (not only reached from error responses)."""
        return self.request or self.response


_REQUEST: Final = _Ctx(request=True, response=False)
_SUCCESS: Final = _Ctx(request=False, response=True)
_ERROR: Final = _Ctx(request=False, response=False)
_BOTH: Final = _Ctx(request=True, response=True)


# --------------------------------------------------------------------------------------------
# Loading and checking
# --------------------------------------------------------------------------------------------

_NOT_OPENAPI_HINT: Final = (
    "check that --spec names the OpenAPI document itself (a YAML or JSON file or URL), "
    "not the HTML documentation page"
)
#: How to turn a Swagger 2.0 document into OpenAPI 3 (Mermade's swagger2openapi, from npm); no
#: Python converter is kept by the project, so the tool names the command instead of guessing.
SWAGGER_CONVERSION: Final = (
    "convert it first: npx swagger2openapi --yaml --outfile build/casco-api.v3.yaml {source} "
    "&& make spec SPEC=build/casco-api.v3.yaml"
)


def _one_line(text: str, limit: int = 240) -> str:
    """Collapse whitespace so that ``text`` fits on one line, and shorten it to ``limit``."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _looks_like_html(data: bytes) -> bool:
    """True when the body starts like an HTML or XML page."""
    head = data.lstrip()[:256].lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body"))


def load_document(data: bytes, source: str = "the document") -> dict[str, Any]:
    """Parse ``data`` (JSON or YAML) and check that it is an OpenAPI 3.0 or 3.1 document.

    Parsing and the version check are :mod:`openapi_document`'s (the generation step reads the
    document the same way); this adds the checks a download needs (empty body, HTML page, binary
    data) and a hint on how to fix each problem. Swagger 2.0 is refused with the command that
    converts it (:data:`SWAGGER_CONVERSION`).

    Raises :class:`DocumentError`. Full schema validation is not done here: see
    :func:`validation_warning`.
    """
    if not data.strip():
        raise DocumentError("the document is empty", _NOT_OPENAPI_HINT)
    if _looks_like_html(data):
        raise DocumentError("the body is an HTML page, not YAML or JSON", _NOT_OPENAPI_HINT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(
            "the document is not UTF-8 text (binary data?)", _NOT_OPENAPI_HINT
        ) from None
    try:
        doc = od.parse_document(text, source="the document")
        version = od.openapi_version(doc)
    except od.DocumentError as exc:
        raise DocumentError(_one_line(str(exc), 160), _NOT_OPENAPI_HINT) from None
    except (ValueError, RecursionError) as exc:  # e.g. YAML's `2020-13-45` is a bad date
        raise DocumentError(
            f"the document is neither JSON nor YAML: {_one_line(str(exc), 120)}", _NOT_OPENAPI_HINT
        ) from None
    if version == "2.0":
        raise DocumentError(
            f"{source} is a Swagger 2.0 document, not OpenAPI 3",
            SWAGGER_CONVERSION.format(source=source),
        )
    if not isinstance(doc.get("paths"), dict):
        raise DocumentError(
            "not an OpenAPI 3 document: 'paths' is missing or not a mapping", _NOT_OPENAPI_HINT
        )
    return {str(key): value for key, value in doc.items()}


def _stringify_keys(node: object) -> object:
    """Copy ``node`` with every mapping key turned into a string (YAML reads ``200:`` as int)."""
    if isinstance(node, Mapping):
        return {str(key): _stringify_keys(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_stringify_keys(item) for item in node]
    return node


def _has_remote_refs(node: object) -> bool:
    """True when any ``$ref`` points outside the document (validating it would fetch it)."""
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            return True
        return any(_has_remote_refs(value) for value in node.values())
    if isinstance(node, list):
        return any(_has_remote_refs(item) for item in node)
    return False


def validation_warning(doc: Mapping[str, Any]) -> str | None:
    """Validate ``doc`` with ``openapi_spec_validator``; return a one-line problem or ``None``.

    Documents with ``$ref`` to other files or URLs are not validated (that would download them).
    """
    if _has_remote_refs(doc):
        return "not fully validated: the document has $ref to other files or URLs"
    try:
        validate_openapi(_stringify_keys(doc))  # type: ignore[arg-type]
    except RecursionError:
        return "not fully validated: the document nests too deeply"
    except Exception as exc:  # the validator raises several unrelated exception types
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        where = getattr(exc, "json_path", None)
        suffix = f" at {where}" if isinstance(where, str) and where != "$" else ""
        return f"the document does not fully validate: {_one_line(str(message), 160)}{suffix}"
    return None


# --------------------------------------------------------------------------------------------
# Document helpers
# --------------------------------------------------------------------------------------------


def _as_map(value: object) -> dict[str, Any]:
    """Return ``value`` as a dict with string keys; anything that is not a mapping gives ``{}``."""
    if isinstance(value, Mapping):
        return {str(key): item for key, item in value.items()}
    return {}


def _pointer(doc: Mapping[str, Any], ref: str) -> object | None:
    """Follow a local JSON pointer (``#/a/b``) inside ``doc``; ``None`` when it goes nowhere."""
    node: object = doc
    for raw in ref[2:].split("/") if ref != "#" else []:
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            if part in node:
                node = node[part]
            elif part.isdigit() and int(part) in node:
                node = node[int(part)]
            else:
                return None
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _resolve(doc: Mapping[str, Any], node: object) -> dict[str, Any]:
    """Follow local ``$ref`` chains from ``node``; an unresolvable ``$ref`` is returned as is."""
    seen: set[str] = set()
    current = _as_map(node)
    while isinstance(current.get("$ref"), str):
        ref: str = current["$ref"]
        if not ref.startswith("#") or ref in seen:
            break
        seen.add(ref)
        target = _pointer(doc, ref)
        if not isinstance(target, Mapping):
            break
        current = _as_map(target)
    return current


def _ref_name(ref: str) -> str:
    """Name of a component schema reference, or the reference itself for anything else."""
    if ref.startswith(_SCHEMA_REF_PREFIX):
        return unquote(ref[len(_SCHEMA_REF_PREFIX) :]).replace("~1", "/").replace("~0", "~")
    return ref


def _is_null_schema(schema: object) -> bool:
    """True for ``{type: 'null'}`` (a member of a 3.1 ``anyOf`` that allows null)."""
    return isinstance(schema, Mapping) and schema.get("type") == "null" and len(schema) == 1


def _unwrap(schema: object) -> dict[str, Any]:
    """Strip wrappers that do not change a schema's type.

    ``allOf``/``anyOf``/``oneOf`` with a single member (after dropping ``{type: 'null'}``) and no
    other typing keys stand for that member: OpenAPI 3.0 documents write ``allOf: [$ref]`` to add
    a description next to a reference, 3.1 documents write ``anyOf: [$ref, {type: 'null'}]``.
    """
    current = _as_map(schema)
    for _ in range(16):
        if "$ref" in current or "type" in current or "properties" in current:
            return current
        for key in ("allOf", "anyOf", "oneOf"):
            members = current.get(key)
            if isinstance(members, list):
                kept = [member for member in members if not _is_null_schema(member)]
                if len(kept) == 1:
                    current = _as_map(kept[0])
                    break
        else:
            return current
    return current


def _is_nullable(schema: object) -> bool:
    """True when ``schema`` accepts ``null`` (3.0 ``nullable``, 3.1 type list or null member).

    A schema that constrains nothing (no type, enum, $ref or composition) accepts any value, null
    included, in both dialects: 3.0's ``nullable`` beside no ``type`` says nothing more.
    """
    current = _as_map(schema)
    if current.get("nullable") is True:
        return True
    constraining = ("type", "enum", "$ref", "allOf", "anyOf", "oneOf", "not", "properties")
    if not any(key in current for key in constraining):
        return True
    kind = current.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    for key in ("anyOf", "oneOf"):
        members = current.get(key)
        if isinstance(members, list) and any(_is_null_schema(member) for member in members):
            return True
    for key in ("allOf", "anyOf", "oneOf"):
        members = current.get(key)
        if isinstance(members, list) and len(members) == 1:
            return _is_nullable(members[0])
    return False


def _describe(schema: object, depth: int = 0) -> str:
    """Short type descriptor: ``string(date)``, ``array[Offer]``, ``Offer``, ``oneOf[A|B]``."""
    current = _unwrap(schema)
    if depth > 8:
        return "..."
    ref = current.get("$ref")
    if isinstance(ref, str):
        return _ref_name(ref)
    kind = current.get("type")
    if isinstance(kind, list):
        names = sorted(str(item) for item in kind if item != "null")
        kind = names[0] if len(names) == 1 else "|".join(names) if names else None
    if kind is None:
        for key in ("oneOf", "anyOf", "allOf"):
            members = current.get(key)
            if isinstance(members, list) and members:
                parts = sorted(
                    _describe(member, depth + 1)
                    for member in members
                    if not _is_null_schema(member)
                )
                if key == "allOf" and "properties" in current:
                    parts.append("object")
                return f"{key}[{'|'.join(parts)}]"
        if "properties" in current or "additionalProperties" in current:
            kind = "object"
        elif "items" in current:
            kind = "array"
        else:
            return "any"
    text = str(kind)
    fmt = current.get("format")
    if isinstance(fmt, str) and fmt:
        text += f"({fmt})"
    if kind == "array":
        text += f"[{_describe(current.get('items'), depth + 1)}]"
    return text


def _enum_values(schema: Mapping[str, Any]) -> dict[str, object]:
    """Enum values keyed by their JSON text (so that ``1``, ``True`` and ``'1'`` differ)."""
    values = schema.get("enum")
    if not isinstance(values, list):
        return {}
    return {json.dumps(value, sort_keys=True, default=str): value for value in values}


def _object_shape(schema: Mapping[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names of an object schema, merging inline ``allOf`` members.

    Members that are ``$ref`` are left out: they are compared under their own schema name.
    """
    properties = _as_map(schema.get("properties"))
    required_list = schema.get("required")
    required = {str(name) for name in required_list} if isinstance(required_list, list) else set()
    members = schema.get("allOf")
    if isinstance(members, list):
        for member in members:
            member_map = _as_map(member)
            if "$ref" in member_map:
                continue
            more_properties, more_required = _object_shape(member_map)
            for name, value in more_properties.items():
                properties.setdefault(name, value)
            required |= more_required
    return properties, required


def _iter_operations(
    doc: Mapping[str, Any],
) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """Yield ``(method, path, operation, path item)`` for every operation in ``doc``."""
    for path, raw_item in _as_map(doc.get("paths")).items():
        if path.startswith("x-"):
            continue
        item = _resolve(doc, raw_item)
        for method in HTTP_METHODS:
            if method in item and isinstance(item[method], Mapping):
                yield method, path, _as_map(item[method]), item


def _schema_usage(doc: Mapping[str, Any]) -> tuple[set[str], set[str], set[str]]:
    """Component schema names reached from requests, from 2xx responses, and from the rest."""
    request: set[str] = set()
    success: set[str] = set()
    error: set[str] = set()
    for _method, _path, operation, item in _iter_operations(doc):
        for node in (item.get("parameters"), operation.get("parameters")):
            _collect_schema_refs(doc, node, request, set())
        _collect_schema_refs(doc, operation.get("requestBody"), request, set())
        for status, response in _as_map(operation.get("responses")).items():
            target = success if _is_success(status) else error
            _collect_schema_refs(doc, response, target, set())
    return request, success, error


def _collect_schema_refs(
    doc: Mapping[str, Any], node: object, found: set[str], seen: set[str]
) -> None:
    """Add to ``found`` every component schema reachable from ``node`` through local refs."""
    stack: list[object] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Mapping):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref.startswith("#") and ref not in seen:
                seen.add(ref)
                if ref.startswith(_SCHEMA_REF_PREFIX):
                    found.add(_ref_name(ref))
                target = _pointer(doc, ref)
                if target is not None:
                    stack.append(target)
            stack.extend(value for key, value in current.items() if key != "$ref")
        elif isinstance(current, list):
            stack.extend(current)


def _is_success(status: str) -> bool:
    """True for 2xx status codes (``200``, ``204``, ``2XX``)."""
    return status.strip().startswith("2")


def _normalize_path(path: str) -> str:
    """Path with template names removed: ``/offer/{id}`` -> ``/offer/{}``."""
    return re.sub(r"\{[^}/]*\}", "{}", path)


# --------------------------------------------------------------------------------------------
# Diffing
# --------------------------------------------------------------------------------------------


class _Differ:
    """Compares two parsed documents; collects :class:`Change` objects in ``changes``."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []
        old_req, old_ok, old_err = _schema_usage(old)
        new_req, new_ok, new_err = _schema_usage(new)
        self.request_schemas = old_req | new_req
        self.success_schemas = old_ok | new_ok
        self.error_schemas = old_err | new_err

    def add(self, kind: ChangeKind, target: str, detail: str = "", breaking: bool = False) -> None:
        """Record one change."""
        self.changes.append(Change(kind, target, detail, breaking))

    # -- document -----------------------------------------------------------------------------

    def run(self) -> list[Change]:
        """Compare everything and return the changes in report order."""
        self.diff_header()
        self.diff_operations()
        self.diff_component_schemas()
        return self.changes

    def diff_header(self) -> None:
        """Versions and server URLs."""
        old_version, new_version = str(self.old.get("openapi")), str(self.new.get("openapi"))
        if old_version != new_version:
            self.add("changed", "document", f"openapi {old_version} -> {new_version}")
        old_info, new_info = _as_map(self.old.get("info")), _as_map(self.new.get("info"))
        if str(old_info.get("version")) != str(new_info.get("version")):
            self.add(
                "changed",
                "document",
                f"info.version {old_info.get('version')} -> {new_info.get('version')}",
            )
        old_servers, new_servers = _server_urls(self.old), _server_urls(self.new)
        for url in sorted(new_servers - old_servers):
            self.add("added", f"server {url}")
        for url in sorted(old_servers - new_servers):
            self.add("removed", f"server {url}", breaking=True)

    # -- operations ---------------------------------------------------------------------------

    def diff_operations(self) -> None:
        """Operations added, removed and changed."""
        old_ops = _operations_by_key(self.old)
        new_ops = _operations_by_key(self.new)

        def order(key: tuple[str, str]) -> tuple[str, int]:
            return key[1], HTTP_METHODS.index(key[0])

        for key in sorted(old_ops.keys() | new_ops.keys(), key=order):
            method = key[0].upper()
            if key not in old_ops:
                path, operation, _item = new_ops[key]
                self.add("added", f"{method} {path}", _x_source(operation))
            elif key not in new_ops:
                path, operation, _item = old_ops[key]
                self.add("removed", f"{method} {path}", _x_source(operation), breaking=True)
            else:
                self.diff_operation(method, old_ops[key], new_ops[key])

    def diff_operation(
        self,
        method: str,
        old: tuple[str, dict[str, Any], dict[str, Any]],
        new: tuple[str, dict[str, Any], dict[str, Any]],
    ) -> None:
        """Changes inside one operation present in both documents."""
        old_path, old_op, old_item = old
        new_path, new_op, new_item = new
        if old_path != new_path:
            self.add("changed", f"{method} {old_path}", f"path renamed to {new_path}")
        name = f"{method} {new_path}"
        if new_op.get("deprecated") is True and old_op.get("deprecated") is not True:
            self.add("changed", name, "deprecated")
        self.diff_parameters(
            name, _parameters(self.old, old_item, old_op), _parameters(self.new, new_item, new_op)
        )
        self.diff_request_body(name, old_op.get("requestBody"), new_op.get("requestBody"))
        self.diff_responses(name, old_op.get("responses"), new_op.get("responses"))

    def diff_parameters(
        self,
        operation: str,
        old: dict[tuple[str, str], dict[str, Any]],
        new: dict[tuple[str, str], dict[str, Any]],
    ) -> None:
        """Parameters added, removed, moved, made required or optional, retyped."""
        added = [key for key in new if key not in old]
        removed = [key for key in old if key not in new]
        for old_key in list(removed):
            same_name = [key for key in added if key[1].lower() == old_key[1].lower()]
            if len(same_name) == 1:
                new_key = same_name[0]
                removed.remove(old_key)
                added.remove(new_key)
                self.add(
                    "changed",
                    _param_label(operation, old[old_key]),
                    f"moved to {new_key[0]}",
                    breaking=True,
                )
                self.diff_parameter(
                    _param_label(operation, new[new_key]), old[old_key], new[new_key]
                )
        for key in added:
            param = new[key]
            required = _param_required(param)
            detail = _describe(_param_schema(param)) + (", required" if required else "")
            self.add("added", _param_label(operation, param), detail, breaking=required)
        for key in removed:
            self.add("removed", _param_label(operation, old[key]), breaking=True)
        for key in old:
            if key in new:
                self.diff_parameter(_param_label(operation, new[key]), old[key], new[key])

    def diff_parameter(self, target: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        """``required``, type and enum of one parameter."""
        old_required, new_required = _param_required(old), _param_required(new)
        if old_required != new_required:
            self.add(
                "changed",
                target,
                "optional -> required" if new_required else "required -> optional",
                breaking=new_required,
            )
        self.diff_schema(_param_schema(old), _param_schema(new), target, " ", "", _REQUEST)

    def diff_request_body(self, operation: str, old_raw: object, new_raw: object) -> None:
        """Request body added, removed, made required, media types and schemas."""
        target = f"{operation} request body"
        if old_raw is None and new_raw is None:
            return
        new_body = _resolve(self.new, new_raw)
        if old_raw is None:
            required = new_body.get("required") is True
            media = ", ".join(sorted(_as_map(new_body.get("content")))) or "no content"
            self.add("added", target, media + (", required" if required else ""), required)
            return
        if new_raw is None:
            self.add("removed", target, breaking=True)
            return
        old_body = _resolve(self.old, old_raw)
        old_required, new_required = old_body.get("required") is True, new_body.get("required")
        if old_required != (new_required is True):
            self.add(
                "changed",
                target,
                "optional -> required" if new_required is True else "required -> optional",
                breaking=new_required is True,
            )
        self.diff_content(target, old_body.get("content"), new_body.get("content"), _REQUEST)

    def diff_responses(self, operation: str, old_raw: object, new_raw: object) -> None:
        """Response status codes added or removed; media types and schemas of the others."""
        old, new = _as_map(old_raw), _as_map(new_raw)
        for status in sorted(new.keys() - old.keys()):
            self.add("added", f"{operation} response {status}")
        for status in sorted(old.keys() - new.keys()):
            self.add("removed", f"{operation} response {status}", breaking=_is_success(status))
        for status in sorted(old.keys() & new.keys()):
            ctx = _SUCCESS if _is_success(status) else _ERROR
            self.diff_content(
                f"{operation} response {status}",
                _resolve(self.old, old[status]).get("content"),
                _resolve(self.new, new[status]).get("content"),
                ctx,
            )

    def diff_content(self, target: str, old_raw: object, new_raw: object, ctx: _Ctx) -> None:
        """Media types added or removed, and the schema of each media type in both."""
        old, new = _as_map(old_raw), _as_map(new_raw)
        for media in sorted(new.keys() - old.keys()):
            self.add("added", f"{target} {media}")
        for media in sorted(old.keys() - new.keys()):
            self.add("removed", f"{target} {media}", breaking=ctx.used)
        for media in sorted(old.keys() & new.keys()):
            old_schema = _as_map(old[media]).get("schema")
            new_schema = _as_map(new[media]).get("schema")
            if old_schema is None and new_schema is None:
                continue
            self.diff_schema(old_schema, new_schema, f"{target} {media}", " ", "", ctx, "schema")

    # -- schemas ------------------------------------------------------------------------------

    def diff_component_schemas(self) -> None:
        """``components.schemas`` added, removed, and changed inside."""
        old = _as_map(_as_map(self.old.get("components")).get("schemas"))
        new = _as_map(_as_map(self.new.get("components")).get("schemas"))
        for name in sorted(old.keys() | new.keys()):
            if name not in old:
                self.add("added", f"schema {name}", _x_source(new[name]))
            elif name not in new:
                self.add("removed", f"schema {name}", _x_source(old[name]), breaking=True)
            else:
                self.diff_schema(old[name], new[name], f"schema {name}", ".", "", self.usage(name))

    def usage(self, name: str) -> _Ctx:
        """Direction(s) in which component schema ``name`` is used (see the module docstring)."""
        request = name in self.request_schemas
        response = name in self.success_schemas
        if not request and not response and name not in self.error_schemas:
            return _BOTH  # unused: assume the worst
        return _Ctx(request=request, response=response)

    def diff_schema(
        self,
        old: object,
        new: object,
        base: str,
        sep: str,
        path: str,
        ctx: _Ctx,
        label: str = "type",
    ) -> None:
        """Compare two schemas; recurse into properties and array items of inline schemas.

        ``base`` and ``path`` name the schema (``schema Offer`` + ``.`` + ``installments[].id``);
        ``ctx`` is its direction; ``label`` words a top-level type change.
        """
        target = f"{base}{sep}{path}" if path else base
        old_desc, new_desc = _describe(old), _describe(new)
        if old_desc != new_desc:
            self.add("changed", target, f"{label} {old_desc} -> {new_desc}", breaking=ctx.used)
            return
        old_nullable, new_nullable = _is_nullable(old), _is_nullable(new)
        if old_nullable != new_nullable:
            self.add(
                "changed",
                target,
                f"nullable {str(old_nullable).lower()} -> {str(new_nullable).lower()}",
                breaking=ctx.response if new_nullable else ctx.request,
            )
        old_map, new_map = _unwrap(old), _unwrap(new)
        if "$ref" in old_map or "$ref" in new_map:
            return  # same reference: the target is compared under its own name
        old_enum, new_enum = _enum_values(old_map), _enum_values(new_map)
        removed_values = [text for text in old_enum if text not in new_enum]
        added_values = [text for text in new_enum if text not in old_enum]
        if removed_values:
            self.add(
                "changed",
                target,
                f"enum {_plural(removed_values, 'value')} removed: {', '.join(removed_values)}",
                breaking=ctx.used,
            )
        if added_values:
            self.add(
                "changed",
                target,
                f"enum {_plural(added_values, 'value')} added: {', '.join(added_values)}",
                breaking=ctx.response,
            )
        self.diff_properties(old_map, new_map, base, sep, path, ctx)
        old_items, new_items = old_map.get("items"), new_map.get("items")
        if isinstance(old_items, Mapping) and isinstance(new_items, Mapping):
            self.diff_schema(old_items, new_items, base, sep, f"{path}[]", ctx)

    def diff_properties(
        self,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        base: str,
        sep: str,
        path: str,
        ctx: _Ctx,
    ) -> None:
        """Properties added, removed, made required or optional, and changed inside."""
        old_props, old_required = _object_shape(old)
        new_props, new_required = _object_shape(new)

        def child(name: str) -> str:
            return f"{path}.{name}" if path else name

        for name in new_props:
            if name not in old_props:
                required = name in new_required
                detail = _describe(new_props[name]) + (", required" if required else "")
                self.add(
                    "added", f"{base}{sep}{child(name)}", detail, breaking=required and ctx.request
                )
        for name in old_props:
            if name not in new_props:
                self.add(
                    "removed",
                    f"{base}{sep}{child(name)}",
                    _describe(old_props[name]),
                    breaking=ctx.used,
                )
        for name in old_props:
            if name not in new_props:
                continue
            was_required, is_required = name in old_required, name in new_required
            if was_required != is_required:
                self.add(
                    "changed",
                    f"{base}{sep}{child(name)}",
                    "optional -> required" if is_required else "required -> optional",
                    breaking=ctx.request if is_required else ctx.response,
                )
            self.diff_schema(old_props[name], new_props[name], base, sep, child(name), ctx)


def _plural(items: Sequence[object], word: str) -> str:
    """``word`` or ``word + 's'`` depending on ``len(items)``."""
    return word if len(items) == 1 else f"{word}s"


def _x_source(node: object) -> str:
    """The ``x-source*`` markers of a reconstructed element (``x-source decision``), or empty."""
    markers = [
        f"{key} {value}" for key, value in _as_map(node).items() if key.startswith("x-source")
    ]
    return ", ".join(markers)


def _server_urls(doc: Mapping[str, Any]) -> set[str]:
    """The ``servers[].url`` values of ``doc``."""
    servers = doc.get("servers")
    if not isinstance(servers, list):
        return set()
    return {str(_as_map(server).get("url")) for server in servers if "url" in _as_map(server)}


def _operations_by_key(
    doc: Mapping[str, Any],
) -> dict[tuple[str, str], tuple[str, dict[str, Any], dict[str, Any]]]:
    """Operations keyed by ``(method, path without template names)``.

    When two paths differ only by template names (not allowed by OpenAPI, but possible), the raw
    path is used for the key instead, so that nothing is lost.
    """
    items = list(_iter_operations(doc))
    counts: dict[tuple[str, str], int] = {}
    for method, path, _operation, _item in items:
        key = (method, _normalize_path(path))
        counts[key] = counts.get(key, 0) + 1
    result: dict[tuple[str, str], tuple[str, dict[str, Any], dict[str, Any]]] = {}
    for method, path, operation, item in items:
        key = (method, _normalize_path(path))
        if counts[key] > 1:
            key = (method, path)
        result[key] = (path, operation, item)
    return result


def _parameters(
    doc: Mapping[str, Any], item: Mapping[str, Any], operation: Mapping[str, Any]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Parameters of an operation keyed by ``(location, name)``; operation-level ones win.

    Header names are matched case-insensitively (``Token`` and ``token`` are the same header):
    their key holds the lower-cased name; reports show the name as written (:func:`_param_label`).
    """
    result: dict[tuple[str, str], dict[str, Any]] = {}
    for source in (item.get("parameters"), operation.get("parameters")):
        if not isinstance(source, list):
            continue
        for raw in source:
            param = _resolve(doc, raw)
            location, name = str(param.get("in", "?")), str(param.get("name", "?"))
            result[(location, name.lower() if location == "header" else name)] = param
    return result


def _param_label(operation: str, param: Mapping[str, Any]) -> str:
    """Report target of a parameter: ``POST /auth query param account``."""
    return f"{operation} {param.get('in', '?')} param {param.get('name', '?')}"


def _param_required(param: Mapping[str, Any]) -> bool:
    """Path parameters are always required; the others when ``required: true``."""
    return param.get("in") == "path" or param.get("required") is True


def _param_schema(param: Mapping[str, Any]) -> object:
    """The schema of a parameter (``schema``, or the first media type of ``content``)."""
    if "schema" in param:
        return param["schema"]
    for media in _as_map(param.get("content")).values():
        return _as_map(media).get("schema")
    return None


# --------------------------------------------------------------------------------------------
# Matching by wire position, and the names the SDK is generated with
# --------------------------------------------------------------------------------------------

_CANONICAL_TOKEN: Final = {"name": "Token", "in": "header", "required": True, "schema": {}}


def _token_schemes(doc: Mapping[str, Any]) -> set[str]:
    """Names of the apiKey security schemes that send the ``Token`` header."""
    schemes = _as_map(_as_map(doc.get("components")).get("securitySchemes"))
    return {name for name, raw in schemes.items() if is_token_scheme(_resolve(doc, raw))}


def _is_token_header(doc: Mapping[str, Any], raw: object) -> bool:
    # Resolved leniently first: a drift report must survive a broken $ref.
    return is_token_header(dict(doc), _resolve(doc, raw))


def token_form(doc: Mapping[str, Any], key: str) -> str:
    """How operation ``key`` sends the Token header: ``$ref``, ``inline``, ``scheme`` or ``none``.

    Path-level parameters count; a security requirement counts when it names an apiKey scheme
    for the header (the operation's own ``security``, else the document's).
    """
    method, _, path = key.partition(" ")
    item = _as_map(_as_map(doc.get("paths")).get(path))
    operation = _as_map(item.get(method.lower()))
    for raw in [*(operation.get("parameters") or ()), *(item.get("parameters") or ())]:
        if _is_token_header(doc, raw):
            return "$ref" if "$ref" in _as_map(raw) else "inline"
    schemes = _token_schemes(doc)
    requirements = operation.get("security", doc.get("security"))
    for requirement in requirements if isinstance(requirements, list) else ():
        if schemes & set(_as_map(requirement)):
            return "scheme"
    return "none"


def _canonical_token(doc: dict[str, Any]) -> None:
    """Write the Token header the same way on every operation that sends it (in place).

    A ``$ref``, an inline header and an apiKey security scheme put the same header on the wire:
    the wire comparison must not tell them apart.
    """
    for key, operation in od.operations(doc):
        form = token_form(doc, key)
        item = doc["paths"][key.partition(" ")[2]]
        for holder in (operation, item):
            if isinstance(holder.get("parameters"), list):
                kept = [p for p in holder["parameters"] if not _is_token_header(doc, p)]
                holder["parameters"] = kept
        if form != "none":
            operation.setdefault("parameters", []).append(dict(_CANONICAL_TOKEN))


def _rename_schemas(doc: dict[str, Any], renames: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``doc`` whose component schemas are renamed, every ``$ref`` with them."""
    result: dict[str, Any] = json.loads(json.dumps(doc, default=str))
    od.rename_schemas(result, renames)
    return result


def _name_at(doc: dict[str, Any], position: str) -> tuple[bool, str | None]:
    """``(found, schema name)`` at ``position``; the name is ``None`` for an inline schema."""
    try:
        return True, od.schema_name(od.locate(doc, position).node)
    except od.DocumentError:
        return False, None


def wire_views(
    old: Mapping[str, Any], new: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Copies of both documents that differ only where the wire differs.

    The Token header is written one way (:func:`_canonical_token`); the new document's schemas
    take the old names of the schemas sitting at the same position (:func:`od.positions`), and a
    schema one side writes inline gets the other side's name, so that a rename or an inlined
    schema is not reported as a removed schema and a changed type.
    """
    old_view: dict[str, Any] = json.loads(json.dumps(old, default=str))
    new_view: dict[str, Any] = json.loads(json.dumps(new, default=str))
    old_names = set(_as_map(_as_map(old_view.get("components")).get("schemas")))
    new_names = set(_as_map(_as_map(new_view.get("components")).get("schemas")))
    renames: dict[str, str] = {}
    inline: list[tuple[str, str]] = []
    for name, position in od.positions(old_view).items():
        found, new_name = _name_at(new_view, position)
        if not found or new_name == name:
            continue
        if new_name is None:
            inline.append((position, name))
        elif new_name not in renames and (name not in new_names or name in renames):
            renames[new_name] = name
    new_view = _rename_schemas(new_view, renames)
    for position, name in inline:
        if name not in _as_map(_as_map(new_view.get("components")).get("schemas")):
            od.hoist(new_view, position, name)
    for name, position in od.positions(new_view).items():
        found, old_name = _name_at(old_view, position)
        if found and old_name is None and name not in old_names:
            od.hoist(old_view, position, name)
    _canonical_token(old_view)
    _canonical_token(new_view)
    return old_view, new_view


def _generation_copy(
    doc: Mapping[str, Any], pins: dict[str, Any], overlay: dict[str, Any]
) -> dict[str, Any]:
    """What ``make generate`` generates from (``prepare_document.prepare``); may raise."""
    return prepare(json.loads(json.dumps(doc, default=str)), pins, overlay)


def sdk_changes(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    pins: dict[str, Any],
    overlay: dict[str, Any],
) -> tuple[list[Change], str | None]:
    """Changes of the names the SDK is generated with, each absorbed by pinning or not.

    Both documents go through the real generation step (``scripts/prepare_document.py``: 3.1 ->
    3.0, pins, Token -> security scheme, overlay). A vendor rename is *absorbed* when the
    generation copies still carry the same name at that place (method + path for operationIds
    and tags, the position for a schema, the Token form for security), *not absorbed* otherwise;
    a generation step that fails on the new document is not absorbed either. Returns the
    changes and a note when the check cannot be made (the saved document does not prepare).
    """
    try:
        gen_old = _generation_copy(old, pins, overlay)
    except PrepareError as exc:
        return [], f"SDK names not checked: the saved document does not prepare ({exc})"
    changes: list[Change] = []
    gen_new: dict[str, Any] | None
    try:
        gen_new = _generation_copy(new, pins, overlay)
    except PrepareError as exc:
        gen_new = None
        changes.append(
            Change("changed", "make generate", f"fails on the new document: {exc}", sdk="broken")
        )
    new_doc, old_doc = _as_map(new), _as_map(old)
    new_ops = dict(od.operations(new_doc))
    tokens: dict[tuple[str, str], list[str]] = {}
    for key, old_op in od.operations(old_doc):
        new_op = new_ops.get(key)
        if new_op is None:
            continue  # removed: the wire comparison reports it
        old_gen = od.find_operation(gen_old, key) or {}
        new_gen = (od.find_operation(gen_new, key) or {}) if gen_new is not None else {}
        for field, label in (("operationId", "operationId"), ("tags", "tag")):
            before, after = old_op.get(field), new_op.get(field)
            if before == after:
                continue
            kept = gen_new is not None and old_gen.get(field) == new_gen.get(field)
            shown = old_gen.get(field)
            shown = ", ".join(shown) if isinstance(shown, list) else shown
            changes.append(
                Change(
                    "changed",
                    key,
                    f"{label} {_names(before)} -> {_names(after)}"
                    + (f" (generated as {shown})" if kept else " (generated names change)"),
                    sdk="absorbed" if kept else "broken",
                )
            )
        forms = token_form(old_doc, key), token_form(new_doc, key)
        if forms[0] != forms[1]:
            kept = gen_new is not None and token_form(gen_old, key) == token_form(gen_new, key)
            tokens.setdefault(forms, []).append(key if kept else f"{key} (not absorbed)")
    for (before, after), keys in tokens.items():
        broken = [key for key in keys if key.endswith("(not absorbed)")]
        changes.append(
            Change(
                "changed",
                "Token header",
                f"{before} -> {after} on {len(keys)} {_plural(keys, 'operation')}"
                + (f": {', '.join(broken)}" if broken else " (generated as the security scheme)"),
                sdk="broken" if broken else "absorbed",
            )
        )
    for name, position in od.positions(old_doc).items():
        found, new_name = _name_at(new_doc, position)
        if found and new_name == name:
            continue
        generated = _name_at(gen_old, position)[1]
        if not found:
            changes.append(
                Change(
                    "removed",
                    f"schema {name}",
                    f"nothing sits at {position} any more (the SDK class {generated} goes)",
                    sdk="broken",
                )
            )
            continue
        kept = gen_new is not None and _name_at(gen_new, position)[1] == generated
        changes.append(
            Change(
                "changed",
                f"schema {name}",
                f"renamed {new_name or '(inline)'} at {position}"
                + (f" (generated as {generated})" if kept else " (generated class renamed)"),
                sdk="absorbed" if kept else "broken",
            )
        )
    return changes, None


def _names(value: object) -> str:
    """An operationId or a tag list, for a report line."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "(none)"
    return "(none)" if value is None else str(value)


def diff_documents(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every wire difference between two parsed OpenAPI 3 documents, classified.

    Schemas are matched by position and the Token header by meaning first (:func:`wire_views`),
    so that names the vendor chooses do not count as wire changes.
    """
    return _Differ(*wire_views(old, new)).run()


def compare(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    pins: dict[str, Any],
    overlay: dict[str, Any],
) -> tuple[list[Change], str | None]:
    """Wire changes then SDK name changes (:func:`sdk_changes`), and its note if any."""
    sdk, note = sdk_changes(old, new, pins, overlay)
    return [*diff_documents(old, new), *sdk], note


def format_report(changes: Sequence[Change]) -> str:
    """One line per change and a summary line, or ``no drift`` when there is no change."""
    if not changes:
        return "no drift"
    counts = {name: sum(1 for c in changes if c.category == name) for name in _MARKS}
    summary = (
        f"drift: {len(changes)} {_plural(changes, 'change')}: "
        f"{counts['wire-breaking']} wire-breaking, "
        f"{counts['sdk-breaking'] + counts['absorbed']} SDK-breaking "
        f"({counts['absorbed']} absorbed by pinning, {counts['sdk-breaking']} not absorbed), "
        f"{counts['additive']} additive, {counts['compatible']} compatible"
    )
    return "\n".join([*(change.line() for change in changes), summary])


# --------------------------------------------------------------------------------------------
# Network and files
# --------------------------------------------------------------------------------------------


def download(url: str, timeout: float) -> bytes:
    """GET ``url`` and return the (decoded) body; :class:`FetchError` on any failure.

    ``timeout`` bounds each network phase and also the whole download, so that a server that
    trickles bytes cannot hold the command forever.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(
            f"invalid URL {url!r} ({_one_line(str(exc), 80)})",
            "pass an http:// or https:// URL, or a file path",
        ) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(f"invalid URL {url!r}", "pass an http:// or https:// URL, or a file path")
    host = parsed.host
    deadline = time.monotonic() + timeout
    headers = {
        "Accept": "application/yaml, text/yaml, application/json;q=0.9, */*;q=0.5",
        "User-Agent": "casco-async-fetch-spec/1",
    }
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(timeout), follow_redirects=True, headers=headers
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                hint = (
                    "the server failed: try again later"
                    if response.status_code >= 500
                    else f"check SPEC (the published document is {DEFAULT_URL})"
                )
                reason = f" {response.reason_phrase}" if response.reason_phrase else ""
                raise FetchError(f"HTTP {response.status_code}{reason} from {response.url}", hint)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(
                        f"the body of {url} is larger than {MAX_BYTES // (1024 * 1024)} MiB",
                        "check SPEC: an OpenAPI document is much smaller",
                    )
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("overall deadline exceeded")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException:
        raise FetchError(
            f"timed out after {timeout:g} s fetching {url}",
            "check the network or the host, or raise --timeout",
        ) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects fetching {url}", "check SPEC") from None
    except httpx.ConnectError as exc:
        message = _one_line(str(exc), 120)
        if any(marker in message.lower() for marker in _DNS_MARKERS):
            raise FetchError(
                f"cannot resolve host {host} ({message})",
                "check the host name in SPEC and the DNS/network access of this machine",
            ) from None
        raise FetchError(
            f"cannot connect to {host} ({message or 'connection failed'})",
            "check SPEC and that the host is reachable from this network (proxy, firewall)",
        ) from None
    except httpx.HTTPError as exc:
        raise FetchError(
            f"download of {url} failed ({type(exc).__name__}: {_one_line(str(exc), 120)})",
            "check SPEC and the network, then try again",
        ) from None
    except httpx.InvalidURL as exc:  # e.g. a redirect to a malformed location
        raise FetchError(
            f"invalid URL while fetching {url} ({_one_line(str(exc), 80)})", "check SPEC"
        ) from None


_URL: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def read_source(source: str, timeout: float) -> bytes:
    """The bytes of ``source``: an http(s) URL (:func:`download`), a ``file://`` URL or a path."""
    if source.startswith("file://"):
        source = unquote(source.removeprefix("file://"))
    elif _URL.match(source):
        return download(source, timeout)
    try:
        return Path(source).expanduser().read_bytes()
    except FileNotFoundError:
        raise FetchError(
            f"no such file {source}", "check the path, or pass an http:// or https:// URL"
        ) from None
    except IsADirectoryError:
        raise FetchError(f"{source} is a directory", "pass the document file itself") from None
    except OSError as exc:
        raise FetchError(
            f"cannot read {source} ({exc.strerror or exc})", "check the file's permissions"
        ) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory + ``os.replace``.

    The file keeps its permissions when it exists (new files get 0644). On failure the temporary
    file is removed and ``path`` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def _looks_like_json(data: bytes) -> bool:
    """True when the body is JSON (it starts with ``{`` and parses as JSON)."""
    if not data.lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
        return False
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def _count(doc: Mapping[str, Any]) -> tuple[int, int]:
    """Number of operations and of component schemas in ``doc``."""
    operations = sum(1 for _ in _iter_operations(doc))
    schemas = len(_as_map(_as_map(doc.get("components")).get("schemas")))
    return operations, schemas


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Argument parser whose errors follow the one-line ``fetch_spec: error:`` format."""

    def error(self, message: str) -> NoReturn:
        """Print one error line and exit with status 2."""
        self.exit(2, f"{PROG}: error: {_one_line(message)}; see --help\n")


def _positive_float(text: str) -> float:
    """``--timeout`` value: a number of seconds greater than zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser."""
    parser = _Parser(
        prog=PROG,
        description="Fetch the vendor's OpenAPI document and report what its changes break.",
        epilog="Exit status: 0 nothing wire-breaking or SDK-breaking-not-absorbed, 1 such changes "
        "(document written anyway unless --dry-run), 2 error (nothing written).",
    )
    parser.add_argument(
        "--spec",
        "--url",
        dest="spec",
        default=DEFAULT_URL,
        metavar="FILE_OR_URL",
        help="the new document: a file path or an http(s) URL (default: %(default)s)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        metavar="PATH",
        help="where to save the document (default: openapi/casco-api.yaml in the repository)",
    )
    parser.add_argument(
        "--pins", type=Path, default=DEFAULT_PINS, metavar="PATH", help="default: %(default)s"
    )
    parser.add_argument(
        "--overlay", type=Path, default=DEFAULT_OVERLAY, metavar="PATH", help="default: %(default)s"
    )
    parser.add_argument(
        "--allow-breaking",
        action="store_true",
        help="exit 0 even when a change is wire-breaking or SDK-breaking and not absorbed",
    )
    parser.add_argument(
        "--fail-on-breaking", action="store_true", help=argparse.SUPPRESS
    )  # the default now; still accepted so that older scripts keep working
    parser.add_argument(
        "--allow-invalid",
        action="store_true",
        help="save a document that does not fully validate (a warning instead of an error)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="seconds allowed for the whole download (default: %(default)s)",
    )
    return parser


def _display(path: Path) -> str:
    """``path`` relative to the current directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _error(message: str) -> None:
    """Print one ``fetch_spec: error:`` line on stderr."""
    print(f"{PROG}: error: {_one_line(message, 400)}", file=sys.stderr)


def _generation_inputs(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any]]:
    """The pins and the overlay ``make generate`` uses; :class:`FetchError` when unreadable."""
    try:
        return od.load_document(args.pins), od.load_document(args.overlay)
    except od.DocumentError as exc:
        raise FetchError(str(exc), "pass --pins/--overlay files that make generate reads") from None


def _run(args: argparse.Namespace) -> int:
    """Body of :func:`main` once the arguments are parsed; raises :class:`FetchError`."""
    output: Path = args.output
    if output.is_dir():
        raise FetchError(f"--output {output} is a directory", "pass a file path")
    pins, overlay = _generation_inputs(args)
    data = read_source(args.spec, args.timeout)
    new_doc = load_document(data, args.spec)
    operations, schemas = _count(new_doc)
    print(
        f"read {args.spec} ({len(data)} bytes): OpenAPI {new_doc['openapi']}, "
        f"{operations} operations, {schemas} schemas"
    )
    warning = validation_warning(new_doc)
    if warning and not args.allow_invalid:
        raise FetchError(
            f"{args.spec}: {warning}",
            "fix the document, or pass --allow-invalid (make spec SPEC_FLAGS=--allow-invalid) "
            "to save it anyway",
        )
    if warning:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    if output.suffix.lower() in (".yaml", ".yml") and _looks_like_json(data):
        print(f"note: the document is JSON; it is saved as is in {output.name} (JSON is YAML)")

    old_data: bytes | None = None
    try:
        if output.exists():
            old_data = output.read_bytes()
    except OSError as exc:
        raise FetchError(
            f"cannot read {output} ({exc.strerror or exc})", "check the file's permissions"
        ) from None

    shown = _display(output)
    changes: list[Change] = []
    if old_data is None:
        print(f"no previous document at {shown}: nothing to compare")
    elif old_data == data:
        print(f"drift against {shown}:\nno drift (identical bytes); {shown} left unchanged")
        return 0
    else:
        try:
            old_doc = load_document(old_data, shown)
        except DocumentError as exc:
            print(
                f"{PROG}: warning: the previous {shown} is unusable ({exc.problem}); "
                "no drift report",
                file=sys.stderr,
            )
        else:
            changes, note = compare(old_doc, new_doc, pins, overlay)
            print(f"drift against {shown}:")
            print(format_report(changes))
            if not changes:
                print("(the text differs only in parts not compared: descriptions, examples...)")
            if note:
                print(note)

    if args.dry_run:
        print(f"--dry-run: {shown} left unchanged")
    else:
        try:
            write_atomically(output, data)
        except OSError as exc:
            raise FetchError(
                f"cannot write {output} ({exc.strerror or exc})",
                "check that the directory exists and is writable",
            ) from None
        print(f"wrote {shown}")

    failing = sum(1 for change in changes if change.fails)
    if failing and not args.allow_breaking:
        written = "left unchanged" if args.dry_run else "written anyway: review it with git diff"
        print(
            f"{PROG}: {failing} {_plural(range(failing), 'change')} break users "
            f"(wire-breaking or SDK-breaking not absorbed); {shown} {written}",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 breaking, 2 error)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    try:
        return _run(args)
    except FetchError as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        _error("interrupted; run the command again")
        return 130
    except Exception as exc:  # a bug, or something unforeseen: still one line, no traceback
        _error(
            f"unexpected {type(exc).__name__}: {exc}; "
            "please report this bug with the command line that triggered it"
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
