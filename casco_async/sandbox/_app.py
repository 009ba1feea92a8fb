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
"""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import anyio
import httpx
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casco_async._validation import validate_operation
from casco_async.sandbox import _nomenclature as nomenclature
from casco_async.sandbox._auth import AuthError, AuthFailure, IssuedToken
from casco_async.sandbox._envelope import (
    encode_json,
    error_envelope,
    files_envelope_chunks,
    success_envelope,
)
from casco_async.sandbox._faults import (
    FaultConfig,
    FaultDecision,
    SimulatedDisconnect,
    decide,
    install_drop_filter,
)
from casco_async.sandbox._pdf import PdfDocument
from casco_async.sandbox._state import (
    OPERATION_IDS,
    UNMATCHED,
    SandboxConfig,
    SandboxState,
    StoredOffer,
    StoredPolicy,
)
from casco_async.sandbox._tariffs import InsurerRefusal, TariffInputError, price_quote

__all__ = ["Sandbox", "create_app"]

logger = logging.getLogger("casco_async.sandbox")

_JSON: Final = "application/json"

# ------------------------------------------------------------------------------------ messages

# key -> (English, Romanian). Romanian is chosen by the request header `Content-Language: ro`.
_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "validation": ("VALIDATION_ERROR", "VALIDATION_ERROR"),
    "token_missing": ("Missing token", "Lipsește tokenul"),
    "token_invalid": ("Invalid or expired token", "Token invalid sau expirat"),
    "token_expired": ("Expired token", "Token expirat"),
    "credentials": ("Invalid credentials", "Date de autentificare invalide"),
    "refresh_invalid": ("Invalid refresh token", "Token de reîmprospătare invalid"),
    "refresh_spent": (
        "Refresh token already used",
        "Tokenul de reîmprospătare a fost deja folosit",
    ),
    "refresh_expired": ("Expired refresh token", "Token de reîmprospătare expirat"),
    "not_found": ("Not found", "Resursa nu a fost găsită"),
    "method": ("Method not allowed", "Metodă nepermisă"),
    "offer_not_found": ("Offer not found", "Oferta nu a fost găsită"),
    "policy_not_found": ("Policy not found", "Polița nu a fost găsită"),
    "offer_expired": ("The offer has expired", "Oferta a expirat"),
    "policy_exists": (
        "A valid policy already exists for this offer",
        "Există deja o poliță validă pentru această ofertă",
    ),
    "insurer_disabled": (
        "Insurer not available for this account",
        "Asigurătorul nu este disponibil pentru acest cont",
    ),
    "insurer_unknown": ("Unknown insurer.", "Asigurător necunoscut."),
    "rate_limited": ("Too many requests", "Prea multe cereri"),
    "server_500": ("Internal server error", "Eroare internă a serverului"),
    "server_502": (
        "Bad gateway: the insurer did not answer",
        "Eroare de comunicare cu asigurătorul",
    ),
    "server_503": ("Service unavailable", "Serviciu indisponibil"),
    "server_5xx": ("Server error", "Eroare de server"),
    "body_json": (
        "The request body must be valid JSON.",
        "Corpul cererii trebuie să fie JSON valid.",
    ),
    "body_type": (
        "The request body must be JSON (Content-Type: application/json).",
        "Corpul cererii trebuie să fie JSON (Content-Type: application/json).",
    ),
    "body_size": ("The request body is too large.", "Corpul cererii este prea mare."),
    "payment_currency": (
        "The payment currency must be the offer's currency ({currency}).",
        "Moneda plății trebuie să fie moneda ofertei ({currency}).",
    ),
    "payment_amount": (
        "The payment must cover at least the first installment ({amount} {currency}).",
        "Plata trebuie să acopere cel puțin prima rată ({amount} {currency}).",
    ),
    "integer": (
        "This value should be of type integer.",
        "Această valoare trebuie să fie de tipul integer.",
    ),
}

# Where each insurer refusal points in the request, and its Romanian text (the tariff module
# writes English sentences only).
_REFUSALS: Final[Mapping[str, tuple[str | None, str]]] = {
    "PRODUCT_NOT_OFFERED": ("product.name", "Asigurătorul nu oferă acest produs."),
    "VEHICLE_TYPE_NOT_COVERED": (
        "product.vehicle.vehicleType",
        "Asigurătorul nu asigură acest tip de vehicul.",
    ),
    "USAGE_NOT_COVERED": (
        "product.vehicle.usageType",
        "Asigurătorul nu asigură vehiculele cu această destinație.",
    ),
    "VEHICLE_TOO_OLD": (
        "product.vehicle.yearOfConstruction",
        "Vehiculul este prea vechi pentru acest asigurător.",
    ),
    "MARKET_VALUE_TOO_HIGH": (
        "product.vehicle.marketValue",
        "Valoarea vehiculului depășește limita asigurătorului.",
    ),
    "DRIVER_TOO_YOUNG": ("product.vehicle.driver", "Conducătorul auto este prea tânăr."),
    "INSTALLMENTS_NOT_AVAILABLE": (
        "product.motor.installmentCount",
        "Asigurătorul nu oferă acest număr de rate pentru această durată.",
    ),
}

_AUTH_MESSAGES: Final[Mapping[AuthFailure, str]] = {
    AuthFailure.MISSING: "token_missing",
    AuthFailure.INVALID: "token_invalid",
    AuthFailure.REVOKED: "token_invalid",
    AuthFailure.EXPIRED: "token_expired",
    AuthFailure.CREDENTIALS: "credentials",
    AuthFailure.REFRESH_UNKNOWN: "refresh_invalid",
    AuthFailure.REFRESH_SPENT: "refresh_spent",
    AuthFailure.REFRESH_EXPIRED: "refresh_expired",
}


def _romanian(lang: str) -> bool:
    """``ro``, ``ro-RO``, ``ro_RO``: the forms the validation module accepts too."""
    return lang.strip().lower()[:2] == "ro"


def _message(key: str, lang: str, **params: object) -> str:
    english, romanian = _MESSAGES[key]
    return (romanian if _romanian(lang) else english).format(**params)


class _ApiError(Exception):
    """A refusal, answered with the vendor's error envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.data = data
        self.headers = dict(headers or {})


def _invalid(errors: Mapping[str, list[str]], lang: str) -> _ApiError:
    return _ApiError(400, _message("validation", lang), dict(errors))


# ------------------------------------------------------------------------------- responses


def _json_response(
    content: bytes, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(content, status_code=status, headers=dict(headers or {}), media_type=_JSON)


def _server_error(
    status: int, lang: str, *, escape_slashes: bool, correlation_id: str | None = None
) -> Response:
    """A 5xx envelope with a ``correlation_id``, as the vendor's newer APIs send."""
    key = f"server_{status}" if f"server_{status}" in _MESSAGES else "server_5xx"
    body = {
        "error": True,
        "status": status,
        "message": _message(key, lang),
        "data": None,
        "correlation_id": correlation_id or str(uuid.uuid4()),
    }
    return _json_response(encode_json(body, escape_slashes=escape_slashes), status)


def _outcome(status: int) -> str:
    if status == 401:
        return "unauthorized"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    if status >= 400:
        return "client_error"
    return "ok"


def _pieces(body: bytes, size: int) -> Iterable[bytes]:
    with memoryview(body) as view:
        for start in range(0, len(body), size):
            yield bytes(view[start : start + size])


class _Observed(Response):
    """Sends an inner response, counting its outcome and applying body faults.

    A slow body pauses before each piece of at most ``chunk_size`` bytes. A drop sends part of
    the body and raises :class:`SimulatedDisconnect`, which makes uvicorn close the connection.
    """

    def __init__(
        self,
        inner: Response,
        *,
        state: SandboxState,
        operation: str,
        decision: FaultDecision,
        chunk_size: int,
        request: Request,
        started: float,
    ) -> None:
        # Response.__init__ is not called: this object only forwards ``inner``.
        self.inner = inner
        self.status_code = inner.status_code
        self._state = state
        self._operation = operation
        self._decision = decision
        self._chunk_size = chunk_size
        self._request = request
        self._started = started

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        decision = self._decision
        slow = decision.slow_body
        dropping = decision.drop_after is not None
        if not dropping and slow <= 0:
            await self.inner(scope, receive, self._counting(send))
            return
        sent = 0
        cut: int | None = None  # None while dropping: cut after the first piece

        async def emit(piece: bytes) -> None:
            if slow > 0:
                await anyio.sleep(slow)
            await send({"type": "http.response.body", "body": piece, "more_body": True})

        async def faulty_send(message: Message) -> None:
            nonlocal sent, cut
            if message["type"] == "http.response.start":
                length = _content_length(message)
                if dropping:
                    wanted = -1 if decision.drop_after is None else decision.drop_after
                    if length is not None:
                        # Cut strictly inside a sized body, so that it is really incomplete.
                        cut = min(length // 2 if wanted < 0 else wanted, max(length - 1, 0))
                    elif wanted >= 0:
                        cut = wanted
                await self._counting(send)(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body: bytes = message.get("body", b"")
            size = self._chunk_size if slow > 0 else max(len(body), 1)
            for piece in _pieces(body, size):
                if dropping:
                    if cut is None:
                        await emit(piece)
                        raise SimulatedDisconnect(sent + len(piece))
                    room = cut - sent
                    if len(piece) >= room:
                        if room > 0:
                            await emit(piece[:room])
                            sent += room
                        raise SimulatedDisconnect(sent)
                await emit(piece)
                sent += len(piece)
            if not message.get("more_body", False):
                if dropping:
                    raise SimulatedDisconnect(sent)
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.inner(scope, receive, faulty_send)

    def _counting(self, send: Send) -> Send:
        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status = int(message["status"])
                dropped = self._decision.drop_after is not None
                outcome = "dropped" if dropped else _outcome(status)
                self._state.record(self._operation, outcome)
                # Metadata only: no query string (it may carry a password), no header, no body.
                logger.info(
                    "%s %s %s -> %d %s (%.1f ms)",
                    self._operation,
                    self._request.method,
                    self._request.url.path,
                    status,
                    outcome,
                    (time.perf_counter() - self._started) * 1000,
                )
            await send(message)

        return counting_send


def _content_length(message: Message) -> int | None:
    for name, value in message.get("headers", []):
        if name.lower() == b"content-length":
            with contextlib.suppress(ValueError):
                return int(value)
    return None


# ------------------------------------------------------------------------------------ calls


@dataclasses.dataclass
class _Call:
    """One call being handled."""

    request: Request
    lang: str
    faults: FaultConfig
    account: str = ""


_Handler = Callable[[_Call], Awaitable[Response]]

_INTEGER = re.compile(r"-?[0-9]+")


class _Api:
    """The operations' handlers around one :class:`SandboxState`."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.config = state.config
        # Nomenclature answers never change: encoded once per key.
        self._cache: dict[tuple[str, str], bytes] = {}

    # --------------------------------------------------------------------------- plumbing

    def endpoint(
        self, operation: str, handler: _Handler, *, authenticated: bool = True
    ) -> Callable[[Request], Awaitable[Response]]:
        """The Starlette endpoint of ``operation``: faults, token check, handler, errors.

        ``authenticated``: the ``Token`` header must carry a valid JWT (all but ``POST /auth``
        and ``PATCH /auth``, whose handlers check their own credentials).
        """

        async def endpoint(request: Request) -> Response:
            started = time.perf_counter()
            state = self.state
            call_number = state.next_call(operation)
            faults = state.faults_for(operation)
            decision = decide(faults, seed=state.seed, operation=operation, call=call_number)
            lang = request.headers.get("content-language", "en")
            if decision.delay > 0:
                await anyio.sleep(decision.delay)
            response = await self._respond(
                operation, handler, request, lang, faults, decision, authenticated
            )
            return _Observed(
                response,
                state=state,
                operation=operation,
                decision=decision,
                chunk_size=faults.chunk_size,
                request=request,
                started=started,
            )

        return endpoint

    async def _respond(
        self,
        operation: str,
        handler: _Handler,
        request: Request,
        lang: str,
        faults: FaultConfig,
        decision: FaultDecision,
        authenticated: bool,
    ) -> Response:
        escape = self.config.escape_slashes
        if decision.status == 429:
            return _json_response(
                error_envelope(429, _message("rate_limited", lang), escape_slashes=escape),
                429,
                {"Retry-After": str(faults.retry_after)},
            )
        if decision.status is not None and not decision.after_processing:
            return _server_error(decision.status, lang, escape_slashes=escape)
        call = _Call(request, lang, faults)
        try:
            if authenticated:
                call.account = self._account(request.headers.get("token"))
            response = await handler(call)
        except _ApiError as refusal:
            response = _json_response(
                error_envelope(
                    refusal.status, refusal.message, refusal.data, escape_slashes=escape
                ),
                refusal.status,
                refusal.headers,
            )
        except AuthError as refused:
            message = _message(_AUTH_MESSAGES[refused.failure], lang)
            response = _json_response(error_envelope(401, message, escape_slashes=escape), 401)
        except ClientDisconnect:
            raise
        except Exception:
            # A bug in the sandbox: the client gets an envelope, the log gets the traceback.
            correlation_id = str(uuid.uuid4())
            logger.exception("%s failed; correlation_id=%s", operation, correlation_id)
            response = _server_error(
                500, lang, escape_slashes=escape, correlation_id=correlation_id
            )
        if decision.status is not None:
            # error_after_processing: the call did happen (an offer stored, a policy issued),
            # but the client only learns of a server error.
            if isinstance(response, StreamingResponse):
                await _close(response)
            return _server_error(decision.status, lang, escape_slashes=escape)
        return response

    def _account(self, token: str | None) -> str:
        claims = self.state.tokens.verify(token)
        if claims.account not in self.config.accounts:
            raise AuthError(AuthFailure.INVALID)
        return claims.account

    def _lifetime(self, call: _Call) -> float:
        return call.faults.token_lifetime or self.config.token_lifetime

    def _ok(self, data: Any) -> Response:
        return _json_response(success_envelope(data, escape_slashes=self.config.escape_slashes))

    async def _json_body(self, call: _Call) -> Any:
        """The request body as JSON; a 400 envelope for anything else."""
        request, lang = call.request, call.lang
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != _JSON and not media_type.endswith("+json"):
            raise _invalid({"": [_message("body_type", lang)]}, lang)
        limit = self.config.max_body_size
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _invalid({"": [_message("body_size", lang)]}, lang)
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > limit:
                raise _invalid({"": [_message("body_size", lang)]}, lang)
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            # ValueError covers bad UTF-8, bad JSON, NaN/Infinity and oversized integers.
            raise _invalid({"": [_message("body_json", lang)]}, lang) from None

    def _check(
        self,
        call: _Call,
        operation: str,
        *,
        body: object = None,
        query: Mapping[str, object] | None = None,
    ) -> None:
        errors = validate_operation(
            operation, body=body, query=query, lang=call.lang, today=self.state.today()
        )
        if errors:
            raise _invalid(errors, call.lang)

    # ----------------------------------------------------------------------- authentication

    async def authenticate(self, call: _Call) -> Response:
        query = call.request.query_params
        account, password = query.get("account"), query.get("password")
        self._check(call, "authenticate", query={"account": account, "password": password})
        expected = self.config.accounts.get(account or "")
        # compare_digest also for unknown accounts, so timing says nothing about which exist.
        matches = hmac.compare_digest(
            (password or "").encode("utf-8"), (expected or "\x00").encode("utf-8")
        )
        if expected is None or not matches:
            raise AuthError(AuthFailure.CREDENTIALS)
        issued = self.state.tokens.issue(account or "", self._lifetime(call))
        return self._ok(issued.as_data())

    async def renew_token(self, call: _Call) -> Response:
        header = call.request.headers.get("token", "")
        scheme, _, refresh_token = header.strip().partition(" ")
        if scheme.lower() != "refresh" or not refresh_token.strip():
            raise AuthError(AuthFailure.MISSING if not header else AuthFailure.REFRESH_UNKNOWN)
        issued = self.state.tokens.renew(refresh_token.strip(), self._lifetime(call))
        return self._ok(issued.as_data())

    async def deauthenticate(self, call: _Call) -> Response:
        claims = self.state.tokens.verify(call.request.headers.get("token"))
        self.state.tokens.revoke(claims)
        return self._ok(None)

    # -------------------------------------------------------------------------------- quote

    async def get_quote(self, call: _Call) -> Response:
        body = await self._json_body(call)
        self._check(call, "getQuote", body=body)
        insurer = body["provider"]["organization"]["businessName"]
        product = body["product"]
        lang = call.lang
        if insurer not in self.config.insurers:
            field = "provider.organization.businessName"
            raise _invalid({field: [_message("insurer_unknown", lang)]}, lang)
        if not self.state.insurer_enabled(insurer):
            raise _ApiError(403, _message("insurer_disabled", lang))
        try:
            pricing = price_quote(
                insurer, product, today=self.state.today(), insurers=self.config.insurers
            )
        except InsurerRefusal as refusal:
            raise self._refusal(refusal, lang) from None
        except TariffInputError as error:
            raise _invalid({error.field: [error.message]}, lang) from None
        offer = self.state.add_offer(call.account, insurer, product, pricing)
        return self._ok(
            {"provider": {"organization": {"businessName": insurer}}, "offers": [offer.data]}
        )

    @staticmethod
    def _refusal(refusal: InsurerRefusal, lang: str) -> _ApiError:
        if refusal.reason == "INSURER_NOT_AVAILABLE":
            return _ApiError(403, _message("insurer_disabled", lang))
        field, romanian = _REFUSALS.get(refusal.reason, (None, refusal.message))
        message = romanian if _romanian(lang) else refusal.message
        # The document's 400 carries a field map; a refusal of no particular field gets the
        # message alone and an empty map (null would not match the document).
        return _ApiError(400, message, {field: [message]} if field else {})

    # ------------------------------------------------------------------------------- policy

    async def issue_policy(self, call: _Call) -> Response:
        body = await self._json_body(call)
        self._check(call, "issuePolicy", body=body)
        lang = call.lang
        offer = self._offer_by_number(body["offerId"], call.account)
        if offer is None:
            raise _ApiError(404, _message("offer_not_found", lang))
        if self.state.policy_for_offer(offer.offer_id) is not None:
            raise _ApiError(409, _message("policy_exists", lang))
        if self.state.offer_expired(offer):
            raise _ApiError(409, _message("offer_expired", lang))
        payment = body["payment"]
        pricing = offer.pricing
        if payment["currency"] != pricing.currency:
            message = _message("payment_currency", lang, currency=pricing.currency)
            raise _invalid({"payment.currency": [message]}, lang)
        first = pricing.installments[0].amount if pricing.installments else pricing.premium_amount
        if Decimal(str(payment["amount"])) < first:
            message = _message(
                "payment_amount", lang, amount=f"{first:.2f}", currency=pricing.currency
            )
            raise _invalid({"payment.amount": [message]}, lang)
        policy = self.state.add_policy(offer, payment)
        if policy is None:
            raise _ApiError(409, _message("policy_exists", lang))
        return self._ok({"policies": [policy.data]})

    def _offer_by_number(self, value: object, account: str) -> StoredOffer | None:
        """The offer of an ``offerId`` (a JSON number: ``100001.0`` is accepted)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        if not number.is_finite() or number != number.to_integral_value():
            return None
        return self.state.offer(int(number), account)

    # ---------------------------------------------------------------------------- documents

    async def download_offer(self, call: _Call) -> Response:
        raw_id = call.request.path_params["id"]
        offer = None
        if _INTEGER.fullmatch(raw_id):
            offer = self.state.offer(int(raw_id), call.account)
        if offer is None:
            raise _ApiError(404, _message("offer_not_found", call.lang))
        document = _offer_pdf(offer, self.config, call.faults.document_size)
        return self._documents([("Offer", f"offer-{offer.offer_id}.pdf", document)], call.faults)

    async def download_policy(self, call: _Call) -> Response:
        query = call.request.query_params
        series, number = query.get("series"), query.get("number")
        self._check(call, "downloadPolicy", query={"series": series, "number": number})
        policy = None
        if number is not None and _INTEGER.fullmatch(number.strip()):
            policy = self.state.policy(series or "", int(number), call.account)
        elif number is not None:
            raise _invalid({"number": [_message("integer", call.lang)]}, call.lang)
        if policy is None:
            raise _ApiError(404, _message("policy_not_found", call.lang))
        offer = self.state.offer(policy.offer_id, policy.account)
        name = f"policy-{policy.series.replace('/', '-')}-{policy.number}.pdf"
        files = [
            ("Policy", name, _policy_pdf(policy, offer, self.config, call.faults.document_size)),
            ("Conditions", f"conditions-{policy.insurer}-casco.pdf", _conditions_pdf(policy)),
        ]
        return self._documents(files, call.faults)

    def _documents(
        self, files: list[tuple[str, str, PdfDocument]], faults: FaultConfig
    ) -> Response:
        """Stream the files in the JSON envelope (or the first one as raw PDF bytes)."""
        chunk = faults.chunk_size
        if faults.raw_pdf:
            _, name, document = files[0]
            return StreamingResponse(
                document.iter_bytes(chunk),
                media_type="application/pdf",
                headers={
                    "Content-Length": str(document.size),
                    "Content-Disposition": f'attachment; filename="{name}"',
                },
            )
        parts = [(kind, name, document.iter_bytes(chunk)) for kind, name, document in files]
        return StreamingResponse(
            files_envelope_chunks(
                parts, escape_slashes=self.config.escape_slashes, chunk_size=chunk
            ),
            media_type=_JSON,
        )

    # -------------------------------------------------------------------------- nomenclature

    def _cached(self, key: tuple[str, str], build: Callable[[], Any]) -> Response:
        content = self._cache.get(key)
        if content is None:
            content = success_envelope(build(), escape_slashes=self.config.escape_slashes)
            if len(self._cache) < 4096:  # bounded: vehicle-model keys come from the client
                self._cache[key] = content
        return _json_response(content)

    async def list_countries(self, call: _Call) -> Response:
        return self._cached(("country", ""), nomenclature.countries)

    async def list_counties(self, call: _Call) -> Response:
        return self._cached(("county", ""), nomenclature.counties)

    async def list_localities(self, call: _Call) -> Response:
        raw = call.request.path_params["county_code"]
        # Not an integer: no county has that id, so an empty list (as PHP's (int) cast of the
        # segment would give), never an error the document does not declare.
        county_id = int(raw) if _INTEGER.fullmatch(raw) else None
        if county_id is None:
            return self._ok([])
        return self._cached(
            ("locality", str(county_id)), lambda: nomenclature.localities(county_id)
        )

    async def list_vehicle_makes(self, call: _Call) -> Response:
        return self._cached(("make", ""), nomenclature.vehicle_makes)

    async def list_vehicle_models(self, call: _Call) -> Response:
        make = call.request.path_params["make"]
        return self._cached(("model", make), lambda: nomenclature.vehicle_models(make))

    async def identify_vehicle_code(self, call: _Call) -> Response:
        body = await self._json_body(call)
        self._check(call, "identifyVehicleCode", body=body)
        return self._ok(nomenclature.identify_vehicle(body))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


async def _close(response: StreamingResponse) -> None:
    """Close a streaming body that will not be sent (its generator may hold resources)."""
    iterator = response.body_iterator
    aclose = getattr(iterator, "aclose", None)
    if aclose is not None:
        with contextlib.suppress(Exception):
            await aclose()


# ----------------------------------------------------------------------------------- PDFs


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def _person_name(person: Mapping[str, Any]) -> str:
    if person.get("isLegalEntity") or (person.get("businessName") and not person.get("lastName")):
        return str(person.get("businessName", "-"))
    return f"{person.get('lastName', '')} {person.get('firstName', '')}".strip() or "-"


def _vehicle_lines(product: Mapping[str, Any]) -> list[str]:
    vehicle = product.get("vehicle") or {}
    if not isinstance(vehicle, Mapping):
        return []
    return [
        f"Vehicle: {vehicle.get('brand', '-')} {vehicle.get('model', '-')}, "
        f"{vehicle.get('yearOfConstruction', '-')}, type {vehicle.get('vehicleType', '-')}",
        f"Registration: {vehicle.get('licensePlate', '-')}, VIN {vehicle.get('vin', '-')}",
        f"Usage: {vehicle.get('usageType', '-')}, market value {vehicle.get('marketValue', '-')}",
    ]


def _insurer_name(config: SandboxConfig, key: str) -> str:
    insurer = config.insurers.get(key)
    return insurer.display_name if insurer is not None else key


def _offer_pdf(offer: StoredOffer, config: SandboxConfig, pad_to: int | None) -> PdfDocument:
    pricing = offer.pricing
    currency = pricing.currency
    holder = offer.product.get("policyholder") or {}
    lines = [
        f"Insurer: {_insurer_name(config, offer.insurer)} ({offer.insurer})",
        f"Product: {offer.product.get('name', 'casco')}",
        f"Offer code: {pricing.provider_offer_code}",
        f"Valid until: {pricing.offer_expiry_date.isoformat()}",
        f"Policyholder: {_person_name(holder) if isinstance(holder, Mapping) else '-'}",
        *_vehicle_lines(offer.product),
        f"Insured sum: {_money(pricing.insured_sum, currency)}",
        f"Period: {pricing.start_date.isoformat()} - {pricing.end_date.isoformat()}",
        f"Premium: {_money(pricing.premium_amount, currency)} "
        f"(net {_money(pricing.premium_amount_net, currency)})",
        f"Commission: {pricing.commission_percent}% = {_money(pricing.commission_value, currency)}",
        "Installments:",
        *(
            f"  {i.id}. {_money(i.amount, currency)} due {i.due_date.isoformat()}"
            for i in pricing.installments
        ),
        "Rating factors: " + ", ".join(f"{k} {v}" for k, v in pricing.factors.items()),
        pricing.notes,
    ]
    return PdfDocument(
        f"CASCO offer {offer.offer_id}",
        lines,
        author=_insurer_name(config, offer.insurer),
        created=datetime.fromtimestamp(offer.created, UTC),
        pad_to=pad_to,
        seed=offer.offer_id,
    )


def _policy_pdf(
    policy: StoredPolicy,
    offer: StoredOffer | None,
    config: SandboxConfig,
    pad_to: int | None,
) -> PdfDocument:
    data = policy.data
    currency = str(data["currency"])
    payment = data.get("payment") or {}
    lines = [
        f"Insurer: {_insurer_name(config, policy.insurer)} ({policy.insurer})",
        f"Policy: series {policy.series} number {policy.number} (id {policy.policy_id})",
        f"Issued from offer {policy.offer_id}",
        f"Period: {data['startDate']} - {data['endDate']}",
        f"Premium: {_money(Decimal(str(data['premiumAmount'])), currency)}",
        f"Payment: {payment.get('method', '-')} {payment.get('amount', '-')} "
        f"{payment.get('currency', '-')} on {payment.get('date', '-')}, "
        f"document {payment.get('documentNumber', '-')}",
    ]
    if offer is not None:
        holder = offer.product.get("policyholder") or {}
        if isinstance(holder, Mapping):
            lines.append(f"Policyholder: {_person_name(holder)}")
        lines += _vehicle_lines(offer.product)
    return PdfDocument(
        f"CASCO policy {policy.series} {policy.number}",
        lines,
        author=_insurer_name(config, policy.insurer),
        created=datetime.fromtimestamp(policy.created, UTC),
        pad_to=pad_to,
        seed=policy.policy_id,
    )


def _conditions_pdf(policy: StoredPolicy) -> PdfDocument:
    return PdfDocument(
        f"CASCO general conditions - {policy.insurer}",
        [
            "1. The insurer covers material damage to the insured vehicle and its theft.",
            "2. Partial damage is paid less the deductible agreed in the policy.",
            "3. A total loss is paid at the insured sum less the total-damage deductible.",
            "4. Claims must be notified within 48 hours of the event.",
            "This is a sandbox document and has no legal value.",
        ],
        author=policy.insurer,
        created=datetime.fromtimestamp(policy.created, UTC),
    )


# ------------------------------------------------------------------------------------- admin


class _Admin:
    """Endpoints under ``/_sandbox/`` for tests and benchmarks; never faulted."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    @staticmethod
    def _ok(data: Any) -> Response:
        return _json_response(success_envelope(data, escape_slashes=False))

    @staticmethod
    def _bad(field: str, message: str) -> Response:
        body = error_envelope(400, "VALIDATION_ERROR", {field: [message]}, escape_slashes=False)
        return _json_response(body, 400)

    @staticmethod
    async def _body(request: Request) -> Any:
        raw = await request.body()
        if not raw.strip():
            return {}
        return json.loads(raw, parse_constant=_reject_constant)

    def _faults_data(self) -> dict[str, Any]:
        faults, operations, seed = self.state.fault_settings()
        return {
            "seed": seed,
            "faults": faults.to_dict(),
            "operations": {name: config.to_dict() for name, config in operations.items()},
        }

    async def health(self, request: Request) -> Response:
        return self._ok({"status": "ok"})

    async def stats(self, request: Request) -> Response:
        return self._ok(self.state.stats())

    async def reset(self, request: Request) -> Response:
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        if not isinstance(body, dict) or not isinstance(body.get("state", False), bool):
            return self._bad("state", "Must be a boolean.")
        self.state.reset_stats()
        if body.get("state"):
            self.state.clear()
        return self._ok(self.state.stats())

    async def get_faults(self, request: Request) -> Response:
        return self._ok(self._faults_data())

    async def put_faults(self, request: Request) -> Response:
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        if not isinstance(body, dict):
            return self._bad("", "Must be a JSON object.")
        unknown = set(body) - {"faults", "operations", "seed"}
        if unknown:
            return self._bad(sorted(unknown)[0], "Unknown setting.")
        seed = body.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            return self._bad("seed", "Must be an integer.")
        try:
            faults = FaultConfig.from_dict(body.get("faults") or {})
        except (TypeError, ValueError) as error:
            return self._bad("faults", str(error))
        operations_data = body.get("operations") or {}
        if not isinstance(operations_data, dict):
            return self._bad("operations", "Must be an object.")
        operations: dict[str, FaultConfig] = {}
        for name, value in operations_data.items():
            if name not in OPERATION_IDS:
                return self._bad(f"operations.{name}", "Unknown operationId.")
            try:
                operations[name] = FaultConfig.from_dict(value)
            except (TypeError, ValueError) as error:
                return self._bad(f"operations.{name}", str(error))
        self.state.set_faults(faults, operations=operations, seed=seed)
        return self._ok(self._faults_data())

    async def clock(self, request: Request) -> Response:
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        advance = body.get("advance", 0) if isinstance(body, dict) else None
        if isinstance(advance, bool) or not isinstance(advance, int | float) or advance < 0:
            return self._bad("advance", "Must be a number of seconds, not negative.")
        self.state.advance(float(advance))
        return self._ok({"now": self.state.now(), "today": self.state.today().isoformat()})

    async def insurer(self, request: Request) -> Response:
        key = request.path_params["key"]
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        enabled = body.get("enabled") if isinstance(body, dict) else None
        if not isinstance(enabled, bool):
            return self._bad("enabled", "Must be a boolean.")
        try:
            self.state.set_insurer_enabled(key, enabled)
        except ValueError:
            body_bytes = error_envelope(404, "Unknown insurer", escape_slashes=False)
            return _json_response(body_bytes, 404)
        return self._ok({"insurer": key, "enabled": enabled})


# -------------------------------------------------------------------------------------- edge


class _Edge:
    """The outermost ASGI layer: never lets an exception or a non-envelope answer out."""

    def __init__(self, router: Router, state: SandboxState) -> None:
        self.router = router
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1000})
            return
        # With "app" in the scope, Starlette's router raises HTTPException for 404/405 instead
        # of answering plain text, and this layer answers with the envelope.
        scope = {**scope, "app": self}
        started = completed = False

        async def tracking_send(message: Message) -> None:
            nonlocal started, completed
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                completed = True
            await send(message)

        try:
            await self.router(scope, receive, tracking_send)
        except HTTPException as error:
            if started:
                raise
            await self._unmatched(scope, error, send)
        except ClientDisconnect:
            return  # the client left while its body was read: nobody to answer
        except SimulatedDisconnect:
            raise
        except Exception:
            if started and not completed:
                raise  # half-sent: cutting the connection is all that is left
            correlation_id = str(uuid.uuid4())
            logger.exception("sandbox error; correlation_id=%s", correlation_id)
            if not started:
                body = {
                    "error": True,
                    "status": 500,
                    "message": "Internal server error",
                    "data": None,
                    "correlation_id": correlation_id,
                }
                await _json_response(encode_json(body), 500)(scope, receive, send)

    async def _unmatched(self, scope: Scope, error: HTTPException, send: Send) -> None:
        self.state.next_call(UNMATCHED)
        self.state.record(UNMATCHED, _outcome(error.status_code))
        headers = Request(scope).headers
        lang = headers.get("content-language", "en")
        if error.status_code == 405:
            allowed = _allowed_methods(self.router.routes, scope["path"])
            message, extra = _message("method", lang), {"Allow": ", ".join(allowed)}
        elif error.status_code == 404:
            message, extra = _message("not_found", lang), {}
        else:
            message, extra = str(error.detail), {}
        body = error_envelope(error.status_code, message)
        await _json_response(body, error.status_code, extra)(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def _allowed_methods(routes: Iterable[BaseRoute], path: str) -> list[str]:
    methods: set[str] = set()
    for route in routes:
        if isinstance(route, Route) and route.methods and route.path_regex.match(path):
            methods |= route.methods
    return sorted(methods)


async def _lifespan(receive: Receive, send: Send) -> None:
    """Answer the lifespan protocol: the sandbox has nothing to start or stop."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


# ------------------------------------------------------------------------------------ public


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
