"""The sandbox's ASGI application: the 13 operations of CascoApi 1.0, faults and admin endpoints.

Layers, from the socket inwards:

1. :class:`_Edge` catches everything: an unknown path or method gets a 404/405 envelope, a bug a
   500 envelope with a ``correlation_id`` (the traceback goes to the log, never into the body).
2. A Starlette :class:`~starlette.routing.Router` maps method and path to an operation.
3. :meth:`_Api.endpoint` wraps each operation: it counts the call, decides its faults from
   ``(seed, operationId, call number)``, waits the latency, answers an injected 429/5xx, checks
   the ``Token`` header, runs the handler and turns a refusal (:class:`_ApiError`) into the
   vendor's error envelope.
4. :class:`_Observed` sends the answer: it counts the outcome, slows the body down or cuts the
   connection mid-body when the faults say so.

Admin endpoints live under ``/_sandbox/`` (outside the API's paths) and are never faulted.

Each layer has its module: ``_edge`` (1), ``_api`` (3; messages in ``_messages``, PDFs in
``_documents``), ``_responses`` (4) and ``_admin``; this one assembles them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

import httpx
from starlette.routing import BaseRoute, Route, Router
from starlette.types import ASGIApp

from casco_async.sandbox._admin import _Admin
from casco_async.sandbox._api import _Api, _Handler
from casco_async.sandbox._auth import IssuedToken
from casco_async.sandbox._edge import _Edge
from casco_async.sandbox._faults import FaultConfig, install_drop_filter
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

        Keys are the 13 operationIds plus ``unmatched`` (unknown paths and methods); each value
        has ``calls`` and the outcome counts ``ok``, ``client_error``, ``unauthorized``,
        ``rate_limited``, ``server_error`` and ``dropped``. A call still running is counted in
        ``calls`` only.
        """
        return self._state.stats()

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


def _build_app(state: SandboxState) -> _Edge:
    api = _Api(state)
    admin = _Admin(state)
    operations: list[tuple[str, str, str, _Handler]] = [
        ("/auth", "POST", "authenticate", api.authenticate),
        ("/auth", "PATCH", "renewToken", api.renew_token),
        ("/auth", "DELETE", "deauthenticate", api.deauthenticate),
        ("/offer", "POST", "getQuote", api.get_quote),
        ("/offer/{id}", "GET", "downloadOffer", api.download_offer),
        ("/policy", "GET", "downloadPolicy", api.download_policy),
        ("/policy", "POST", "issuePolicy", api.issue_policy),
        ("/nomenclature/country", "GET", "listCountries", api.list_countries),
        ("/nomenclature/county", "GET", "listCounties", api.list_counties),
        ("/nomenclature/locality/{county_code}", "GET", "listLocalities", api.list_localities),
        ("/nomenclature/vehicle-make", "GET", "listVehicleMakes", api.list_vehicle_makes),
        # ":path" so that a make with an encoded "/" still reaches the operation.
        (
            "/nomenclature/vehicle-model/{make:path}",
            "GET",
            "listVehicleModels",
            api.list_vehicle_models,
        ),
        ("/helper/vehicle-code", "POST", "identifyVehicleCode", api.identify_vehicle_code),
    ]
    public = {"authenticate", "renewToken"}
    routes: list[BaseRoute] = [
        Route(
            path,
            api.endpoint(operation, handler, authenticated=operation not in public),
            methods=[method],
            name=operation,
        )
        for path, method, operation, handler in operations
    ]
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
    return _Edge(Router(routes=routes, redirect_slashes=False), state)
