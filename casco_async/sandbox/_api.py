"""The handlers of the 13 operations of CascoApi 1.0, and the plumbing around each call.

:meth:`Api.endpoint` wraps each operation: it counts the call, decides its faults from
``(seed, operationId, call number)``, waits the latency, answers an injected 429/5xx, checks the
``Token`` header, runs the handler and turns a refusal (:class:`ApiError`) into the vendor's
error envelope.
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
from collections.abc import Awaitable, Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import anyio
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse

from casco_async._messages import is_romanian as _romanian
from casco_async._messages import message as _message
from casco_async._validation import validate_operation
from casco_async.sandbox import _nomenclature as nomenclature
from casco_async.sandbox._auth import AuthError, AuthFailure
from casco_async.sandbox._documents import conditions_pdf, offer_pdf, policy_pdf
from casco_async.sandbox._envelope import error_envelope, files_envelope_chunks, success_envelope
from casco_async.sandbox._faults import FaultConfig, FaultDecision, decide
from casco_async.sandbox._messages import AUTH_MESSAGES, REFUSALS, ApiError, invalid_request
from casco_async.sandbox._pdf import PdfDocument
from casco_async.sandbox._responses import (
    JSON_MEDIA,
    Observed,
    json_response,
    reject_constant,
    server_error_response,
)
from casco_async.sandbox._state import SandboxState, StoredOffer
from casco_async.sandbox._tariffs import InsurerRefusal, TariffInputError, price_quote

logger = logging.getLogger("casco_async.sandbox")


@dataclasses.dataclass
class ApiCall:
    """One call being handled."""

    request: Request
    lang: str
    faults: FaultConfig
    account: str = ""


Handler = Callable[[ApiCall], Awaitable[Response]]

_INTEGER = re.compile(r"-?[0-9]+")


class Api:
    """The operations' handlers around one :class:`SandboxState`."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.config = state.config
        # Nomenclature answers never change: encoded once per key.
        self._cache: dict[tuple[str, str], bytes] = {}

    # --------------------------------------------------------------------------- plumbing

    def endpoint(
        self, operation: str, handler: Handler, *, authenticated: bool = True
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
            return Observed(
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
        handler: Handler,
        request: Request,
        lang: str,
        faults: FaultConfig,
        decision: FaultDecision,
        authenticated: bool,
    ) -> Response:
        escape = self.config.escape_slashes
        if decision.status == 429:
            return json_response(
                error_envelope(429, _message("rate_limited", lang), escape_slashes=escape),
                429,
                {"Retry-After": str(faults.retry_after)},
            )
        if decision.status is not None and not decision.after_processing:
            return server_error_response(decision.status, lang, escape_slashes=escape)
        call = ApiCall(request, lang, faults)
        try:
            if authenticated:
                call.account = self._account(request.headers.get("token"))
            response = await handler(call)
        except ApiError as refusal:
            response = json_response(
                error_envelope(
                    refusal.status, refusal.message, refusal.data, escape_slashes=escape
                ),
                refusal.status,
                refusal.headers,
            )
        except AuthError as refused:
            message = _message(AUTH_MESSAGES[refused.failure], lang)
            response = json_response(error_envelope(401, message, escape_slashes=escape), 401)
        except ClientDisconnect:
            raise
        except Exception:
            # A bug in the sandbox: the client gets an envelope, the log gets the traceback.
            correlation_id = str(uuid.uuid4())
            logger.exception("%s failed; correlation_id=%s", operation, correlation_id)
            response = server_error_response(
                500, lang, escape_slashes=escape, correlation_id=correlation_id
            )
        if decision.status is not None:
            # error_after_processing: the call did happen (an offer stored, a policy issued),
            # but the client only learns of a server error.
            if isinstance(response, StreamingResponse):
                await _close(response)
            return server_error_response(decision.status, lang, escape_slashes=escape)
        return response

    def _account(self, token: str | None) -> str:
        claims = self.state.tokens.verify(token)
        if claims.account not in self.config.accounts:
            raise AuthError(AuthFailure.INVALID)
        return claims.account

    def _lifetime(self, call: ApiCall) -> float:
        return call.faults.token_lifetime or self.config.token_lifetime

    def _ok(self, data: Any) -> Response:
        return json_response(success_envelope(data, escape_slashes=self.config.escape_slashes))

    async def _json_body(self, call: ApiCall) -> Any:
        """The request body as JSON; a 400 envelope for anything else."""
        request, lang = call.request, call.lang
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != JSON_MEDIA and not media_type.endswith("+json"):
            raise invalid_request({"": [_message("body_type", lang)]}, lang)
        limit = self.config.max_body_size
        declared = request.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > limit:
            raise invalid_request({"": [_message("body_size", lang)]}, lang)
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > limit:
                raise invalid_request({"": [_message("body_size", lang)]}, lang)
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=reject_constant)
        except (ValueError, RecursionError):
            # ValueError covers bad UTF-8, bad JSON, NaN/Infinity and oversized integers.
            raise invalid_request({"": [_message("body_json", lang)]}, lang) from None

    def _check(
        self,
        call: ApiCall,
        operation: str,
        *,
        body: object = None,
        query: Mapping[str, object] | None = None,
        path: Mapping[str, object] | None = None,
    ) -> None:
        # The headers go along: an operation that declares Content-Language refuses "AAA".
        errors = validate_operation(
            operation,
            body=body,
            query=query,
            path=path,
            headers=call.request.headers,
            lang=call.lang,
            today=self.state.today(),
        )
        if errors:
            raise invalid_request(errors, call.lang)

    # ----------------------------------------------------------------------- authentication

    async def authenticate(self, call: ApiCall) -> Response:
        query = call.request.query_params
        account, password = query.get("account"), query.get("password")
        self._check(call, "POST /auth", query={"account": account, "password": password})
        expected = self.config.accounts.get(account or "")
        # compare_digest also for unknown accounts, so timing says nothing about which exist.
        matches = hmac.compare_digest(
            (password or "").encode("utf-8"), (expected or "\x00").encode("utf-8")
        )
        if expected is None or not matches:
            raise AuthError(AuthFailure.CREDENTIALS)
        issued = self.state.tokens.issue(account or "", self._lifetime(call))
        return self._ok(issued.as_data())

    async def renew_token(self, call: ApiCall) -> Response:
        header = call.request.headers.get("token", "")
        scheme, _, refresh_token = header.strip().partition(" ")
        if scheme.lower() != "refresh" or not refresh_token.strip():
            raise AuthError(AuthFailure.MISSING if not header else AuthFailure.REFRESH_UNKNOWN)
        issued = self.state.tokens.renew(refresh_token.strip(), self._lifetime(call))
        return self._ok(issued.as_data())

    async def deauthenticate(self, call: ApiCall) -> Response:
        claims = self.state.tokens.verify(call.request.headers.get("token"))
        self.state.tokens.revoke(claims)
        return self._ok(None)

    # -------------------------------------------------------------------------------- quote

    async def get_quote(self, call: ApiCall) -> Response:
        body = await self._json_body(call)
        self._check(call, "POST /offer", body=body)
        insurer = body["provider"]["organization"]["businessName"]
        product = body["product"]
        lang = call.lang
        if insurer not in self.config.insurers:
            field = "provider.organization.businessName"
            raise invalid_request({field: [_message("insurer_unknown", lang)]}, lang)
        if not self.state.insurer_enabled(insurer):
            raise ApiError(403, _message("insurer_disabled", lang))
        try:
            pricing = price_quote(
                insurer, product, today=self.state.today(), insurers=self.config.insurers
            )
        except InsurerRefusal as refusal:
            raise self._refusal(refusal, lang) from None
        except TariffInputError as error:
            raise invalid_request({error.field: [error.message]}, lang) from None
        offer = self.state.add_offer(call.account, insurer, product, pricing)
        return self._ok(
            {"provider": {"organization": {"businessName": insurer}}, "offers": [offer.data]}
        )

    @staticmethod
    def _refusal(refusal: InsurerRefusal, lang: str) -> ApiError:
        if refusal.reason == "INSURER_NOT_AVAILABLE":
            return ApiError(403, _message("insurer_disabled", lang))
        field, romanian = REFUSALS.get(refusal.reason, (None, refusal.message))
        message = romanian if _romanian(lang) else refusal.message
        # The document's 400 carries a field map; a refusal of no particular field gets the
        # message alone and an empty map (null would not match the document).
        return ApiError(400, message, {field: [message]} if field else {})

    # ------------------------------------------------------------------------------- policy

    async def issue_policy(self, call: ApiCall) -> Response:
        body = await self._json_body(call)
        self._check(call, "POST /policy", body=body)
        lang = call.lang
        offer = self._offer_by_number(body["offerId"], call.account)
        if offer is None:
            raise ApiError(404, _message("offer_not_found", lang))
        if self.state.policy_for_offer(offer.offer_id) is not None:
            raise ApiError(409, _message("policy_exists", lang))
        if self.state.offer_expired(offer):
            raise ApiError(409, _message("offer_expired", lang))
        payment = body["payment"]
        pricing = offer.pricing
        if payment["currency"] != pricing.currency:
            message = _message("payment_currency", lang, currency=pricing.currency)
            raise invalid_request({"payment.currency": [message]}, lang)
        first = pricing.installments[0].amount if pricing.installments else pricing.premium_amount
        if Decimal(str(payment["amount"])) < first:
            message = _message(
                "payment_amount", lang, amount=f"{first:.2f}", currency=pricing.currency
            )
            raise invalid_request({"payment.amount": [message]}, lang)
        policy = self.state.add_policy(offer, payment)
        if policy is None:
            raise ApiError(409, _message("policy_exists", lang))
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

    async def download_offer(self, call: ApiCall) -> Response:
        raw_id = call.request.path_params["id"]
        offer = None
        if _INTEGER.fullmatch(raw_id):
            offer = self.state.offer(int(raw_id), call.account)
        if offer is None:
            raise ApiError(404, _message("offer_not_found", call.lang))
        document = offer_pdf(offer, self.config, call.faults.document_size)
        return self._documents([("Offer", f"offer-{offer.offer_id}.pdf", document)], call.faults)

    async def download_policy(self, call: ApiCall) -> Response:
        query = call.request.query_params
        series, number = query.get("series"), query.get("number")
        self._check(call, "GET /policy", query={"series": series, "number": number})
        policy = None
        if number is not None and _INTEGER.fullmatch(number.strip()):
            policy = self.state.policy(series or "", int(number), call.account)
        elif number is not None:
            raise invalid_request(
                {"number": [_message("type", call.lang, type="integer")]}, call.lang
            )
        if policy is None:
            raise ApiError(404, _message("policy_not_found", call.lang))
        offer = self.state.offer(policy.offer_id, policy.account)
        name = f"policy-{policy.series.replace('/', '-')}-{policy.number}.pdf"
        files = [
            ("Policy", name, policy_pdf(policy, offer, self.config, call.faults.document_size)),
            ("Conditions", f"conditions-{policy.insurer}-casco.pdf", conditions_pdf(policy)),
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
            media_type=JSON_MEDIA,
        )

    # -------------------------------------------------------------------------- nomenclature

    def _cached(self, key: tuple[str, str], build: Callable[[], Any]) -> Response:
        content = self._cache.get(key)
        if content is None:
            content = success_envelope(build(), escape_slashes=self.config.escape_slashes)
            if len(self._cache) < 4096:  # bounded: vehicle-model keys come from the client
                self._cache[key] = content
        return json_response(content)

    async def list_countries(self, call: ApiCall) -> Response:
        return self._cached(("country", ""), nomenclature.countries)

    async def list_counties(self, call: ApiCall) -> Response:
        return self._cached(("county", ""), nomenclature.counties)

    async def list_localities(self, call: ApiCall) -> Response:
        raw = call.request.path_params["county_code"]
        # Not an integer: the document's 400 VALIDATION_ERROR under "county_code".
        self._check(call, "GET /nomenclature/locality/{county_code}", path={"county_code": raw})
        county_id = int(raw) if _INTEGER.fullmatch(raw) else None
        if county_id is None:  # an integer in a spelling int() reads differently: no county
            return self._ok([])
        return self._cached(
            ("locality", str(county_id)), lambda: nomenclature.localities(county_id)
        )

    async def list_vehicle_makes(self, call: ApiCall) -> Response:
        return self._cached(("make", ""), nomenclature.vehicle_makes)

    async def list_vehicle_models(self, call: ApiCall) -> Response:
        make = call.request.path_params["make"]
        return self._cached(("model", make), lambda: nomenclature.vehicle_models(make))

    async def identify_vehicle_code(self, call: ApiCall) -> Response:
        body = await self._json_body(call)
        self._check(call, "POST /helper/vehicle-code", body=body)
        return self._ok(nomenclature.identify_vehicle(body))


async def _close(response: StreamingResponse) -> None:
    """Close a streaming body that will not be sent (its generator may hold resources)."""
    iterator = response.body_iterator
    aclose = getattr(iterator, "aclose", None)
    if aclose is not None:
        with contextlib.suppress(Exception):
            await aclose()
