"""The sandbox's ASGI application: the document's operations, faults and admin endpoints.

Layers, from the socket inwards:

1. :class:`Edge` catches everything: an unknown path or method gets a 404/405 envelope, a bug a
   500 envelope with a ``correlation_id`` (the traceback goes to the log, never into the body).
2. A Starlette :class:`~starlette.routing.Router` maps method and path to an operation. Its
   routes are the document's operations (the generated client's ``schemas.json``), each matched
   to a handler by method and path; a documented operation without one answers 501.
3. :meth:`Api.endpoint` wraps each operation: it counts the call, decides its faults from
   ``(seed, operationId, call number)``, waits the latency, answers an injected 429/5xx, checks
   the ``Token`` header, runs the handler and turns a refusal (:class:`ApiError`) into the
   vendor's error envelope.
4. :class:`Observed` sends the answer: it counts the outcome, slows the body down or cuts the
   connection mid-body when the faults say so.

Admin endpoints live under ``/_sandbox/`` (outside the API's paths) and are never faulted.

Each layer has its module: ``_edge`` (1), ``_api`` (3; messages in ``_messages``, PDFs in
``_documents``), ``_responses`` (4) and ``_admin``; this one assembles them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any

import httpx
from starlette.convertors import Convertor, register_url_convertor
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, Router
from starlette.types import ASGIApp

from casco_async.sandbox._admin import Admin
from casco_async.sandbox._api import Api, ApiCall, Handler
from casco_async.sandbox._auth import IssuedToken
from casco_async.sandbox._document import Operations, SandboxDocumentError
from casco_async.sandbox._edge import Edge
from casco_async.sandbox._faults import FaultConfig, install_drop_filter
from casco_async.sandbox._messages import ApiError
from casco_async.sandbox._state import SandboxConfig, SandboxState, StoredOffer, StoredPolicy

__all__ = ["Sandbox", "create_app"]


class Sandbox:
    """An in-process CascoApi 1.0 server with its state, for tests, demos and benchmarks.

    Use :attr:`app` with ``httpx.ASGITransport`` in-process (:meth:`transport`), or serve it
    over a socket with :class:`~casco_async.sandbox.SandboxServer` or the ``casco-async sandbox``
    command. Every answer follows the project's OpenAPI document, errors included.

    Args:
        config: how the sandbox starts (default :class:`SandboxConfig`).
        **changes: fields of :class:`SandboxConfig` to override, e.g. ``Sandbox(seed=7)``.

    Example::

        sandbox = Sandbox(faults=FaultConfig(error_rate=0.1), seed=42)
        async with httpx.AsyncClient(transport=sandbox.transport(), base_url="http://sandbox") as c:
            token = (await c.post("/auth", params={"account": "sandbox",
                                                    "password": "sandbox"})).json()["data"]["token"]
    """

    def __init__(self, config: SandboxConfig | None = None, **changes: Any) -> None:
        config = config or SandboxConfig()
        if changes:
            config = dataclasses.replace(config, **changes)
        self._state = SandboxState(config)
        self._app = _build_app(self._state)
        # Whoever serves this app (our server, or `uvicorn --factory ...create_app`), its
        # deliberate connection drops must not flood uvicorn's error log.
        install_drop_filter()

    @property
    def config(self) -> SandboxConfig:
        """The configuration the sandbox was started with (faults may have changed since)."""
        return self._state.config

    @property
    def app(self) -> ASGIApp:
        """The ASGI application (for ``httpx.ASGITransport(app=...)`` or uvicorn)."""
        return self._app

    def transport(self) -> httpx.ASGITransport:
        """An ``httpx.ASGITransport`` to this sandbox, for an in-process ``httpx.AsyncClient``.

        In-process responses are read whole into memory and timeouts do not apply; use a server
        under uvicorn (``casco_sandbox_server``) for streaming, memory and timeout tests.
        """
        return httpx.ASGITransport(app=self._app)

    # -- faults and counters

    def set_faults(
        self,
        faults: FaultConfig | None = None,
        *,
        operations: Mapping[str, FaultConfig] | None = None,
        seed: int | None = None,
    ) -> None:
        """Change the faults at run time.

        Args:
            faults: the faults of every operation (``None`` keeps the current ones).
            operations: per-operation faults by operationId, replacing the previous mapping;
                each replaces ``faults`` for its operation (``None`` keeps the mapping).
            seed: seed of the fault decisions (``None`` keeps it).
        """
        self._state.set_faults(faults, operations=operations, seed=seed)

    def faults_for(self, operation: str) -> FaultConfig:
        """The faults in force for an operationId."""
        return self._state.faults_for(operation)

    def stats(self) -> dict[str, dict[str, int]]:
        """Calls per operation and their outcomes.

        Keys are the document's operationIds (``schemas.json``'s ``id`` of each operation, the
        same whatever the vendor calls it) plus ``unmatched`` (unknown paths and methods); each
        value has ``calls`` and the outcome counts ``ok``, ``client_error``, ``unauthorized``,
        ``rate_limited``, ``server_error`` and ``dropped``. A call still running is counted in
        ``calls`` only.
        """
        return self._state.stats()

    @property
    def not_implemented(self) -> dict[str, str]:
        """The document's operations this sandbox answers with a 501: operationId -> method and
        path (empty while the sandbox implements the whole document)."""
        matches = _matches(self._state.operations)
        return {
            str(operation["id"]): wire
            for wire, operation in ((_wire(op), op) for op in self._state.operations.values())
            if matches[wire] is None
        }

    def reset_stats(self) -> None:
        """Zero the counters; call numbers restart, so seeded faults repeat from the start."""
        self._state.reset_stats()

    # -- time, tokens, insurers, data

    def now(self) -> float:
        """The sandbox clock in epoch seconds."""
        return self._state.now()

    def today(self) -> date:
        """The sandbox's date in Europe/Bucharest (pricing, validation, offer expiry)."""
        return self._state.today()

    def advance_clock(self, seconds: float) -> None:
        """Move the sandbox clock forward: tokens and offers expire without waiting."""
        self._state.advance(seconds)

    def issue_token(self, account: str | None = None, *, lifetime: float | None = None) -> str:
        """A valid JWT without calling ``POST /auth`` (e.g. for a ``Token`` header in tests)."""
        return self.issue_token_pair(account, lifetime=lifetime).token

    def issue_token_pair(
        self, account: str | None = None, *, lifetime: float | None = None
    ) -> IssuedToken:
        """A token and its refresh token, as ``POST /auth`` would issue them."""
        account = account if account is not None else next(iter(self.config.accounts))
        if account not in self.config.accounts:
            raise ValueError(f"unknown account: {account}")
        return self._state.tokens.issue(account, lifetime or self.config.token_lifetime)

    def set_insurer_enabled(self, insurer: str, enabled: bool) -> None:
        """Refuse an insurer with 403 (``enabled=False``) or accept it again."""
        self._state.set_insurer_enabled(insurer, enabled)

    def offers(self) -> list[StoredOffer]:
        """The offers kept, oldest first."""
        return self._state.offers()

    def policies(self) -> list[StoredPolicy]:
        """The policies issued, oldest first (to settle an ambiguous ``POST /policy``)."""
        return self._state.policies()

    def clear(self) -> None:
        """Forget offers, policies and tokens (counters are kept; see :meth:`reset_stats`)."""
        self._state.clear()


def create_app(config: SandboxConfig | None = None) -> ASGIApp:
    """A fresh sandbox's ASGI application (``uvicorn --factory casco_async.sandbox:create_app``)."""
    return Sandbox(config).app


class _AnyText(Convertor[str]):
    """A path parameter of any text, newlines and "/" included (at least one character)."""

    regex = "(?s:.+)"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


_ANY_TEXT = "casco_any_text"
register_url_convertor(_ANY_TEXT, _AnyText())


@dataclasses.dataclass(frozen=True)
class _Implementation:
    """How the sandbox serves one operation of the document."""

    #: The :class:`Api` method that answers it.
    handler: Callable[[Api, ApiCall], Awaitable[Response]]
    #: No ``Token`` needed: the handler checks its own credentials (``POST``/``PATCH /auth``).
    public: bool = False
    #: Starlette converters of path parameters, by name in the table's template.
    converters: Mapping[str, str] = dataclasses.field(default_factory=dict)


#: The operations the sandbox implements, keyed on the wire: ``"METHOD /path template"``. Never
#: keyed on operationIds: those are the vendor's to rename. Counters and faults use the
#: operationId the document gives each operation.
_IMPLEMENTED: Mapping[str, _Implementation] = {
    "POST /auth": _Implementation(Api.authenticate, public=True),
    "PATCH /auth": _Implementation(Api.renew_token, public=True),
    "DELETE /auth": _Implementation(Api.deauthenticate),
    "POST /offer": _Implementation(Api.get_quote),
    "GET /offer/{id}": _Implementation(Api.download_offer),
    "GET /policy": _Implementation(Api.download_policy),
    "POST /policy": _Implementation(Api.issue_policy),
    "GET /nomenclature/country": _Implementation(Api.list_countries),
    "GET /nomenclature/county": _Implementation(Api.list_counties),
    "GET /nomenclature/locality/{county_code}": _Implementation(Api.list_localities),
    "GET /nomenclature/vehicle-make": _Implementation(Api.list_vehicle_makes),
    # Any text, an encoded "/" or a newline included, still reaches the operation (Starlette's
    # ":path" is ".*", which stops at a newline: schemathesis found the undeclared 404).
    "GET /nomenclature/vehicle-model/{make}": _Implementation(
        Api.list_vehicle_models, converters={"make": _ANY_TEXT}
    ),
    "POST /helper/vehicle-code": _Implementation(Api.identify_vehicle_code),
}


_PARAMETER = re.compile(r"\{([^{}:]+)(:[^{}]*)?\}")


def _shape(key: str) -> str:
    """``"GET /offer/{id}"`` -> ``"GET /offer/{}"``: path parameters' names are not on the wire."""
    return _PARAMETER.sub("{}", key)


def _route_path(template: str, converters: Mapping[str, str]) -> str:
    """``/a/{make}`` with ``{"make": "path"}`` -> ``/a/{make:path}`` (Starlette's syntax)."""

    def convert(match: re.Match[str]) -> str:
        name = match[1]
        return f"{{{name}:{converters[name]}}}" if name in converters else match[0]

    return _PARAMETER.sub(convert, template)


def _not_implemented(key: str, operation_id: str) -> Handler:
    message = f"Not implemented by the sandbox: {key} ({operation_id})"

    async def handler(call: ApiCall) -> Response:
        raise ApiError(501, message)

    return handler


def _wire(operation: Mapping[str, Any]) -> str:
    """``"METHOD /path"`` of a ``schemas.json`` operation."""
    return f"{str(operation['method']).upper()} {operation['path']}"


def _matches(operations: Operations) -> dict[str, str | None]:
    """Each documented operation (``"METHOD /path"``) -> its key in :data:`_IMPLEMENTED`.

    ``None`` for an operation the sandbox does not implement.

    Raises:
        SandboxDocumentError: an implemented operation is not in the document, or two
            documented operations differ only in the names of their path parameters.
    """
    by_shape = {_shape(key): key for key in _IMPLEMENTED}
    documented: dict[str, str] = {}
    for operation in operations.values():
        wire = _wire(operation)
        other = documented.setdefault(_shape(wire), wire)
        if other != wire:
            raise SandboxDocumentError(f"the document has both {other} and {wire}")
    missing = sorted(key for shape, key in by_shape.items() if shape not in documented)
    if missing:
        raise SandboxDocumentError(
            "the sandbox implements operations the document does not have: " + ", ".join(missing)
        )
    return {wire: by_shape.get(shape) for shape, wire in documented.items()}


def _build_app(state: SandboxState) -> Edge:
    """The ASGI app of ``state``: one route per operation of ``state.operations``.

    Each documented operation is matched to :func:`_implementations` by method and path (names
    of path parameters aside); one the sandbox does not implement answers a 501 envelope naming
    it. A path or method the document does not have stays a 404/405 envelope.

    Raises:
        SandboxDocumentError: the sandbox implements an operation the document does not have
            (it would be unreachable), or two documented operations have the same shape.
    """
    api = Api(state)
    admin = Admin(state)
    matches = _matches(state.operations)
    api_routes: list[Route] = []
    for operation in state.operations.values():
        wire = _wire(operation)
        method, _, path = wire.partition(" ")
        operation_id = str(operation["id"])
        table_key = matches[wire]
        handler: Handler
        if table_key is None:
            handler, public = _not_implemented(wire, operation_id), True
        else:
            implementation = _IMPLEMENTED[table_key]
            handler = functools.partial(implementation.handler, api)
            public = implementation.public
            # The table's template: its handler reads the path parameters by these names.
            path = _route_path(table_key.partition(" ")[2], implementation.converters)
        api_routes.append(
            Route(
                path,
                api.endpoint(operation_id, handler, authenticated=not public),
                methods=[method],
                name=operation_id,
            )
        )
    # Literal paths before templates, so that a documented "/offer/latest" is not taken for an
    # "/offer/{id}"; the order is otherwise the document's.
    api_routes.sort(key=lambda route: route.path.count("{"))
    routes: list[BaseRoute] = [*api_routes]
    routes += [
        Route("/_sandbox/health", admin.health, methods=["GET"]),
        Route("/_sandbox/stats", admin.stats, methods=["GET"]),
        Route("/_sandbox/reset", admin.reset, methods=["POST"]),
        Route("/_sandbox/faults", admin.get_faults, methods=["GET"]),
        Route("/_sandbox/faults", admin.put_faults, methods=["PUT"]),
        Route("/_sandbox/clock", admin.clock, methods=["POST"]),
        Route("/_sandbox/insurers/{key}", admin.insurer, methods=["PUT"]),
    ]
    # redirect_slashes would answer "/auth/" with a redirect; the vendor's router has no such
    # courtesy, and a client must not depend on it.
    return Edge(Router(routes=routes, redirect_slashes=False), state)
