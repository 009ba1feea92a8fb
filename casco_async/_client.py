"""`CascoClient`: the one object users create, and the request pipeline every call runs through.

user call → namespace method (_resources.py, _documents.py), or CascoClient.request
  → CascoClient._call
  → retry loop (_with_retries; the rule is in _retry.py)
  → one attempt (_open): concurrency and rate limits (_limits.py)
  → generated request builder (_operations.py) → httpx with the token flow (_auth.py)
  → envelope parsing (_envelope.py) → generated model, or a typed error (_errors.py)

Base URLs, default timeouts and the options of a view (`ClientOptions`) are in _config.py.
"""

from __future__ import annotations

import logging
import os
import random
import ssl
import time
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Mapping,
    Sequence,
)
from contextlib import AsyncExitStack, asynccontextmanager
from types import TracebackType
from typing import Any, Self, TypeVar

import anyio
import httpx
from casco_api_client.models import ProductData

from ._auth import TokenAuth, TokenManager, TokenSet, TokenStore
from ._bulk import BulkQuotes, QuoteComparison, compare_quotes
from ._config import DEFAULT_TIMEOUT, SLOW_TIMEOUT, ClientOptions, check_base_url
from ._envelope import check_envelope, parse_success
from ._errors import (
    AmbiguousOutcomeError,
    APIConnectionError,
    APITimeoutError,
    CascoError,
    ConfigurationError,
    ValidationError,
)
from ._limits import ConcurrencyLimiter, RateLimiter
from ._logging import logger, redact_httpx_urls
from ._operations import AUTHENTICATE, DEAUTHENTICATE, RENEW_TOKEN, Operation, raw_request
from ._retry import RetryPolicy

__all__ = ["CascoClient"]

T = TypeVar("T")

# Bad gateway, gateway timeout: the answer comes from a proxy that may have passed the request on.
_GATEWAY_FAILURES = frozenset({502, 504})

# Slots reserved in the connection pool beyond `max_concurrency`, for token calls that must not
# wait behind the requests that are waiting for them.
_POOL_HEADROOM = 2


class _Shared:
    """The state every view of one client shares: pool, tokens, limits."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        origin: httpx.URL,
        concurrency: ConcurrencyLimiter,
        rate: RateLimiter | None,
        revoke_on_close: bool,
    ) -> None:
        self.http = http
        self.origin = origin
        self.concurrency = concurrency
        self.rate = rate
        self.revoke_on_close = revoke_on_close
        self.tokens: TokenManager | None = None
        self.auth: TokenAuth | None = None
        self.rng = random.Random()
        self.closed = False


class CascoClient:
    """Async client of the CascoApi 1.0.

    Use it as an async context manager; it authenticates on the first call, renews its token
    before expiry and says goodbye (`DELETE /auth`) on close::

        async with CascoClient(base_url=..., account=..., password=...) as casco:
            counties = await casco.nomenclature.counties()
            offers = await casco.products.quote(request)

    Args:
        base_url: The API's base URL (`TEST_BASE_URL`, `PRODUCTION_BASE_URL`, or a sandbox).
        account: The broker account.
        password: Its password (kept out of every repr, log line and error).
        timeout: Seconds or an `httpx.Timeout` for every call; default: `DEFAULT_TIMEOUT`, and
            `SLOW_TIMEOUT` for the calls an insurer answers.
        max_retries: Retries of idempotent calls after transient failures (0 disables);
            default 2. Overrides the same field of `retry`.
        retry: The full `RetryPolicy` (backoff and `Retry-After` cap).
        max_concurrency: The most requests in flight at once.
        rate_limit: The most request starts per second (None: no limit).
        adaptive_concurrency: Whether a 429 lowers concurrency for a while.
        refresh_margin: Renew the token this many seconds before it expires.
        token_store: Where to persist tokens (e.g. `FileTokenStore`) to share one session.
        revoke_on_close: Send `DELETE /auth` on close. Default: yes, unless a `token_store`
            is given (the stored session may be in use by other processes).
        language: ``"ro"`` for Romanian messages from the API (`Content-Language`).
        validate_requests: Check request bodies against the API's rules before sending.
        verify: TLS verification (True, a CA bundle path or an `ssl.SSLContext`).
        allow_insecure_http: Allow plain http to a non-loopback host.
        transport: A custom httpx transport (e.g. `httpx.ASGITransport` for the sandbox).
        headers: Extra headers sent with every request.
    """

    def __init__(
        self,
        *,
        base_url: str,
        account: str,
        password: str,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        max_concurrency: int = 32,
        rate_limit: float | None = None,
        adaptive_concurrency: bool = True,
        refresh_margin: float = 60.0,
        token_store: TokenStore | None = None,
        revoke_on_close: bool | None = None,
        language: str | None = None,
        validate_requests: bool = True,
        verify: ssl.SSLContext | str | bool = True,
        allow_insecure_http: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if not account or not password:
            raise ConfigurationError("account and password are required")
        origin = check_base_url(base_url, allow_insecure_http)
        concurrency = ConcurrencyLimiter(max_concurrency, adaptive=adaptive_concurrency)
        connections = max_concurrency + _POOL_HEADROOM
        redact_httpx_urls()
        http = httpx.AsyncClient(
            base_url=str(origin),
            headers=dict(headers or {}),
            verify=verify,
            transport=transport,
            # Never follow redirects: the Token header must not reach another host.
            follow_redirects=False,
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
            timeout=DEFAULT_TIMEOUT,
        )
        self._shared = _Shared(
            http,
            origin,
            concurrency,
            RateLimiter(rate_limit) if rate_limit else None,
            revoke_on_close=token_store is None if revoke_on_close is None else revoke_on_close,
        )
        self._account = account
        self._password = password
        self._options = ClientOptions.create(
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            language=language,
            validate_requests=validate_requests,
        )
        tokens = TokenManager(
            self._authenticate, self._renew, refresh_margin=refresh_margin, store=token_store
        )
        self._shared.tokens = tokens
        self._shared.auth = TokenAuth(tokens, origin)
        self._owner = True
        self._attach_namespaces()

    @classmethod
    def from_env(cls, **kwargs: Any) -> CascoClient:
        """Build from `CASCO_BASE_URL`, `CASCO_ACCOUNT` and `CASCO_PASSWORD` (+ keyword options).

        Keyword arguments win over the environment (e.g. ``base_url=`` from a command line).
        """
        names = {
            "base_url": "CASCO_BASE_URL",
            "account": "CASCO_ACCOUNT",
            "password": "CASCO_PASSWORD",
        }
        for argument, variable in names.items():
            if kwargs.get(argument) is None:
                value = os.environ.get(variable)
                if not value:
                    raise ConfigurationError(f"{variable} is not set")
                kwargs[argument] = value
        return cls(**kwargs)

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        language: str | None = None,
        validate_requests: bool | None = None,
    ) -> CascoClient:
        """A view of this client with other options; it shares the pool, tokens and limits.

        Arguments left None keep this view's value; `max_retries` overrides the same field of
        `retry` (or of the current rule). Closing a view does nothing: the client it came from
        owns the connections.
        """
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view._owner = False
        view._options = self._options.changed(
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            language=language,
            validate_requests=validate_requests,
        )
        view._attach_namespaces()
        return view

    def _attach_namespaces(self) -> None:
        # Each view gets its own namespaces: they call back into the view, with its options.
        from ._documents import Documents
        from ._resources import Helper, Nomenclature, Products

        self.nomenclature = Nomenclature(self)
        """Counties, localities, countries, vehicle makes and models."""
        self.helper = Helper(self)
        """Vehicle-code identification."""
        self.products = Products(self)
        """Quotes and policies."""
        self.documents = Documents(self)
        """Offer and policy PDFs, streamed to disk or to the caller."""

    def quote_many(
        self,
        requests: Iterable[Any] | AsyncIterable[Any],
        *,
        concurrency: int | None = None,
    ) -> BulkQuotes:
        """Quote many requests; results arrive in completion order, one per request.

        Each item of `requests` is a quote request (a `QuoteRequest` or a mapping) or a
        `(tag, request)` pair; each result is a `QuoteOutcome` with its tag (default: the item's
        position) and either offers or that item's typed error — one failure never stops the
        rest. At most `concurrency` requests (default: `max_concurrency`) are in flight and
        the input is read lazily, so memory stays bounded for any input size::

            async with casco.quote_many(requests, concurrency=20) as results:
                async for outcome in results:
                    ...

        Leaving the `async with` block early cancels whatever is still running.
        """
        return BulkQuotes(self, requests, concurrency or self._shared.concurrency.limit)

    async def compare_quotes(
        self,
        product: ProductData | Mapping[str, Any],
        insurers: Sequence[str] | None = None,
    ) -> QuoteComparison:
        """Send one product to several insurers at once (default: all `KNOWN_INSURERS`).

        Returns every offer sorted by premium, cheapest first, with each failing insurer's
        typed error beside them.
        """
        return await compare_quotes(self, product, insurers)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int | float | bool | None] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Call any operation of the API, wrapped by the SDK or not yet; returns `data` as JSON.

        The request runs through the same pipeline as every wrapped call: the token flow
        (renewed and replayed once on a 401), the concurrency and rate limits, this view's
        timeouts, language and retry rule, and the same typed errors from the error envelope
        (`ValidationError` with `field_errors` for a 400, `NotFoundError`, …). Nothing is
        validated before sending and the answer's `data` is not checked against a schema::

            counties = await casco.request("GET", "/nomenclature/county")
            offers = await casco.request("POST", "/offer", json=quote, idempotent=True)

        Args:
            method: GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS, in any case.
            path: The path under the base URL, e.g. ``"/offer/100001"``; never a URL, so the
                token cannot reach another host.
            params: The query; None values are left out.
            json: The JSON body, if any.
            idempotent: Whether retrying is safe. Default: by the method (GET, HEAD, OPTIONS,
                PUT and DELETE are retried; POST and PATCH are not, and a POST whose answer was
                lost raises `AmbiguousOutcomeError` as `issue_policy` does).

        Raises:
            ConfigurationError: a method, path or params that cannot be sent (nothing is sent).
        """
        operation, kwargs = raw_request(
            method, path, params=params, json=json, idempotent=idempotent
        )
        return await self._call(operation, kwargs)

    def __repr__(self) -> str:
        return (
            f"CascoClient(base_url={str(self._shared.origin)!r}, account={self._account!r}, "
            f"password='***')"
        )

    @property
    def base_url(self) -> httpx.URL:
        """The API's base URL."""
        return self._shared.origin

    @property
    def tokens(self) -> TokenManager:
        """The token manager (current token set, renewal counters)."""
        assert self._shared.tokens is not None
        return self._shared.tokens

    @property
    def options(self) -> ClientOptions:
        """This view's options."""
        return self._options

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Revoke the token (best effort, at most 5 s) and close the connections."""
        shared = self._shared
        if not self._owner or shared.closed:
            return
        shared.closed = True
        # Shielded: closing inside a cancelled task must still release every connection.
        with anyio.CancelScope(shield=True):
            tokens = shared.tokens.current if shared.tokens else None
            if shared.revoke_on_close and tokens is not None and tokens.seconds_left() > 5:
                with anyio.move_on_after(5):
                    try:
                        request = shared.http.build_request(
                            **DEAUTHENTICATE.build(), headers={"Token": tokens.token}
                        )
                        response = await shared.http.send(request)
                        check_envelope(DEAUTHENTICATE, response.status_code, {}, response.headers)
                    except (httpx.HTTPError, CascoError) as exc:
                        logger.debug("deauthenticate failed: %s", type(exc).__name__)
                if shared.tokens is not None:
                    await shared.tokens.forget()
            await shared.http.aclose()

    # --- the pipeline ------------------------------------------------------------------------

    def _timeout_for(self, operation: Operation) -> httpx.Timeout:
        if self._options.timeout is not None:
            return self._options.timeout
        return SLOW_TIMEOUT if operation.slow else DEFAULT_TIMEOUT

    async def _call(
        self,
        operation: Operation,
        kwargs: dict[str, Any],
        *,
        authenticated: bool = True,
        offer_id: int | None = None,
    ) -> Any:
        """Send with retries and parse: the generated model of `data`, or a typed error."""

        async def attempt(number: int) -> Any:
            async with self._open(
                operation, kwargs, number, authenticated=authenticated, offer_id=offer_id
            ) as response:
                await self._read(operation, response, offer_id)
            return parse_success(operation, response)

        return await self._with_retries(operation, attempt, offer_id=offer_id)

    async def _with_retries(
        self,
        operation: Operation,
        attempt: Callable[[int], Awaitable[T]],
        *,
        offer_id: int | None = None,
    ) -> T:
        """Run `attempt(0)`, `attempt(1)`, … until one succeeds or the retry rule says stop."""
        number = 0
        while True:
            try:
                return await attempt(number)
            except CascoError as error:
                if error.retries_exhausted:
                    raise
                if not operation.idempotent and error.status_code in _GATEWAY_FAILURES:
                    # A gateway answered, not the API: the request may have been carried out.
                    raise AmbiguousOutcomeError(
                        f"a gateway answered {error.status_code} after the request was sent: "
                        "the outcome is unknown",
                        offer_id=offer_id,
                        operation=operation.id,
                        status_code=error.status_code,
                    ) from None
                delay = self._options.retry.delay(operation, number, error, self._shared.rng)
                if delay is None:
                    raise
                logger.info(
                    "retrying %s in %.2fs (attempt %d failed: %s)",
                    operation.id,
                    delay,
                    number + 1,
                    type(error).__name__,
                )
            await anyio.sleep(delay)
            number += 1

    @asynccontextmanager
    async def _open(
        self,
        operation: Operation,
        kwargs: dict[str, Any],
        attempt: int,
        *,
        authenticated: bool = True,
        offer_id: int | None = None,
    ) -> AsyncIterator[httpx.Response]:
        """One attempt: the response with its body not yet read, closed on exit.

        The concurrency slot is held until the body is read and the response closed, so a
        streamed download counts against `max_concurrency` for its whole length.
        """
        shared = self._shared
        if shared.closed:
            raise ConfigurationError("the client is closed")
        try:
            request = shared.http.build_request(**kwargs, timeout=self._timeout_for(operation))
        except (TypeError, ValueError) as exc:
            # json.dumps refused the body (NaN, infinity, bytes, a huge int): nothing was sent.
            raise ValidationError(
                f"the request body cannot be encoded as JSON ({type(exc).__name__})",
                operation=operation.id,
            ) from None
        if self._options.language:
            request.headers["Content-Language"] = self._options.language
        async with AsyncExitStack() as stack:
            auth: httpx.Auth | None = None
            if authenticated:
                # Token calls skip the limits: callers holding every slot may be waiting on them.
                await stack.enter_async_context(shared.concurrency.slot())
                if shared.rate is not None:
                    await shared.rate.wait()
                auth = shared.auth
            started = time.perf_counter()
            try:
                response = await shared.http.send(request, auth=auth, stream=True)
            except httpx.HTTPError as exc:
                self._log(operation, request, None, started, attempt)
                raise self._transport_error(operation, exc, offer_id) from None
            except CascoError as error:
                # Only the token flow raises these from inside httpx: its own calls have
                # already been retried.
                error.retries_exhausted = True
                raise
            self._log(operation, request, response.status_code, started, attempt)
            stack.push_async_callback(response.aclose)
            if response.status_code == 429:
                shared.concurrency.rate_limited()
            elif response.status_code < 400:
                shared.concurrency.succeeded()
            yield response

    async def _read(
        self, operation: Operation, response: httpx.Response, offer_id: int | None = None
    ) -> bytes:
        """The whole body, with transport failures turned into typed errors."""
        try:
            return await response.aread()
        except httpx.HTTPError as exc:
            raise self._transport_error(operation, exc, offer_id) from None

    @staticmethod
    def _log(
        operation: Operation,
        request: httpx.Request,
        status: int | None,
        started: float,
        attempt: int,
    ) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return  # on the hot path: skip building the arguments
        logger.debug(
            "%s %s %s -> %s in %.1f ms (attempt %d)",
            operation.id,
            request.method,
            request.url.path,
            status if status is not None else "no response",
            (time.perf_counter() - started) * 1000,
            attempt + 1,
        )

    @staticmethod
    def _transport_error(
        operation: Operation, exc: httpx.HTTPError, offer_id: int | None
    ) -> CascoError:
        kind = type(exc).__name__
        # Nothing reached the server if the connection never opened: safe to report plainly.
        not_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
        if not operation.idempotent and not not_sent:
            return AmbiguousOutcomeError(
                f"the request was sent but no answer arrived ({kind}): the outcome is unknown",
                offer_id=offer_id,
                operation=operation.id,
            )
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(f"the request timed out ({kind})", operation=operation.id)
        return APIConnectionError(f"the connection failed ({kind})", operation=operation.id)

    # --- token calls (used by the TokenManager) ----------------------------------------------

    async def _authenticate(self) -> TokenSet:
        data = await self._call(
            AUTHENTICATE,
            AUTHENTICATE.build(account=self._account, password=self._password),
            authenticated=False,
        )
        return TokenSet.from_api(data.token, data.refresh_token, data.expires_at)

    async def _renew(self, refresh_token: str) -> TokenSet:
        data = await self._call(
            RENEW_TOKEN, RENEW_TOKEN.build(token=f"Refresh {refresh_token}"), authenticated=False
        )
        return TokenSet.from_api(data.token, data.refresh_token, data.expires_at)
