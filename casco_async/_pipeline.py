"""The request pipeline: every call of every view of a client is sent from here.

    namespace method (_resources.py, _documents.py) or CascoClient.request
      → Pipeline.call / Pipeline.open
      → the retry loop (`Retrying`; the whole outcome rule is in _retry.py)
      → one attempt: concurrency and rate limits (_limits.py)
      → the generated request builder (`Operation.build`, _operations.py)
      → httpx with the token flow (_auth.py); httpx errors translated once, here; a 401
        renewed, then replayed once (idempotent) or raised (`RefusedBeforeProcessingError`)
      → the answer read within its size limit (`max_response_size`), the whole attempt within
        its deadline (`deadline`, and the call's `call_deadline`)
      → the envelope (_envelope.py) → the typed `data` of `Operation[T]`, or a typed error

No exception leaving the pipeline holds an httpx object: an httpx error is translated outside
its `except` block (so it is neither the `__cause__` nor the `__context__` of ours), and the
password reaches only the copy of the `POST /auth` request that httpx sends (`SecretQueryAuth`).
Every error is scrubbed of the client's secrets (`Pipeline.scrub`) before it reaches the caller.

A `Connection` is what the views of one client share (the connection pool, the limits, the
token flow, the closed flag); a `Pipeline` is one view of it with that view's `ClientOptions`.
"""

from __future__ import annotations

import json
import logging
import math
import random
import re
import ssl
import time
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import (
    AbstractContextManager,
    AsyncExitStack,
    aclosing,
    asynccontextmanager,
    nullcontext,
)
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import httpx

from ._auth import (
    SECRET_PLACEHOLDER,
    SecretHeaderAuth,
    SecretQueryAuth,
    TokenAuth,
    TokenManager,
    TokenSet,
    TokenStore,
    clock_offset,
)
from ._config import DEFAULT_TIMEOUT, SLOW_TIMEOUT, ClientOptions
from ._decoding import decoded
from ._envelope import (
    answer_too_large,
    as_int,
    correlation_id_of,
    error_from_response,
    is_success_status,
    json_object,
    parse_success,
    response_info,
)
from ._errors import (
    CascoError,
    ConfigurationError,
    RefusedBeforeProcessingError,
    ValidationError,
)
from ._limits import ConcurrencyLimiter, RateLimiter
from ._logging import has_secret_query, logger
from ._observe import observe_call, report_attempt, without_http_instrumentation
from ._operations import AUTHENTICATE, DEAUTHENTICATE, RENEW_TOKEN, RENEWAL_DEADLINE, Operation
from ._retry import Retrying, Settled, call_ends_at, deadline_error, transport_error
from ._secret import Secret
from ._transports import build_transport, check_custom_transport

if TYPE_CHECKING:
    from casco_async_generated.models import AuthData

__all__ = ["Connection", "Credentials", "Pipeline", "ResponseStream"]

T = TypeVar("T")

# Slots reserved in the connection pool beyond `max_concurrency`, for token calls that must not
# wait behind the requests that are waiting for them.
_POOL_HEADROOM = 2
# Error bodies are small; a server sending megabytes with an error status gets cut off here.
_MAX_ERROR_BODY = 1 << 20
# Set on a request's extensions by the client's request hook, as httpx hands it to the
# transport: from then on a non-idempotent request may have been carried out.
_SENT = "casco_async.sent"
# JWTs and 64-hex refresh tokens, masked in whatever an error carries from the server.
_TOKEN_LIKE = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+|\b[0-9a-fA-F]{64}\b")
# `DELETE /auth` on close (for any token still valid): never more than this.
_SIGN_OUT_SECONDS = 5
# Absolute URLs kept per path (Connection.url).
_MAX_CACHED_URLS = 256
# The request-builder arguments `Pipeline._build` handles itself; the rest go to httpx.Request.
_BUILT_ELSEWHERE = frozenset({"method", "url", "headers"})
# httpx's own logger: its INFO line per request is kept on the path that skips its client.
_httpx_logger = logging.getLogger("httpx")


class Connection:
    """What every view of one client shares: the pool, the limits, the token flow, `closed`."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        origin: httpx.URL,
        concurrency: ConcurrencyLimiter,
        rate: RateLimiter | None,
        revoke_on_close: bool,
        credentials: Credentials,
        tokens: TokenManager,
        transport: httpx.AsyncBaseTransport,
    ) -> None:
        self.http = http
        self.transport = transport
        self.origin = origin
        self.concurrency = concurrency
        self.rate = rate
        self.revoke_on_close = revoke_on_close
        self.credentials = credentials
        self.tokens = tokens
        self.auth = TokenAuth(tokens, origin)
        self.rng = random.Random()
        self.closed = False
        self._urls: dict[str, httpx.URL] = {}
        # The client's headers (User-Agent, Accept...) with their lower-case names, under every
        # request's own: they are fixed when the client is made.
        self.default_headers = tuple(
            (name.lower(), (name, value)) for name, value in http.headers.multi_items()
        )

    def url(self, path: str) -> httpx.URL:
        """`path` (``/offer``) as an absolute URL under the origin, made once per path: httpx
        merges a relative URL with its base URL at every request (~70 us)."""
        url = self._urls.get(path)
        if url is None:
            if len(self._urls) >= _MAX_CACHED_URLS:
                self._urls.clear()  # paths with ids (/offer/123) must not grow it for ever
            # httpx's own merge (AsyncClient._merge_url), done once.
            base, relative = self.http.base_url, httpx.URL(path)
            url = base.copy_with(raw_path=base.raw_path + relative.raw_path.lstrip(b"/"))
            self._urls[path] = url
        return url

    async def send(self, request: httpx.Request, auth: httpx.Auth | None) -> httpx.Response:
        """`request` sent with `auth` (the token flow when it is `self.auth`; None: as it is),
        its answer's body not read yet.

        The session's requests skip `httpx.AsyncClient.send` and go to the transport, as that
        method would hand them over (the request hook's mark, the request attached to the
        answer and to a transport error, httpx's INFO log line) minus what this client never
        uses: cookies (the API sets none), redirects (never followed) and the auth generator
        flow (the token is attached directly). About 0.1 ms of CPU per request. Another flow
        (`SecretQueryAuth`, the token calls') goes through httpx as it is.
        """
        if auth is not None and auth is not self.auth:
            return await self.http.send(request, auth=auth, stream=True)
        if auth is not None:
            await self.auth.attach(request)
        request.extensions[_SENT] = True  # what `_mark_sent` does on httpx's path
        try:
            response = await self.transport.handle_async_request(request)
        except httpx.RequestError as exc:
            exc.request = request  # as httpx's `request_context` does
            raise
        response.request = request
        if _httpx_logger.isEnabledFor(logging.INFO):
            _httpx_logger.info(
                'HTTP Request: %s %s "%s %d %s"',
                request.method,
                request.url,
                response.http_version,
                response.status_code,
                response.reason_phrase,
            )
        return response

    def __repr__(self) -> str:
        return f"Connection(origin={str(self.origin)!r}, closed={self.closed})"

    def scrub_text(self, text: str) -> str:
        """`text` with the password, the session's tokens and anything token-like masked."""
        tokens = self.tokens.current
        secrets = [self.credentials.password.reveal()]
        if tokens is not None:
            secrets += [tokens.token, tokens.refresh_token or ""]
        for secret in secrets:
            if len(secret) >= 4 and secret in text:
                text = text.replace(secret, "***")
        return _TOKEN_LIKE.sub("***", text)

    def scrub(self, error: CascoError) -> None:
        """Mask the secrets in everything `error` carries from the server, and cut its chain
        (in place): it tells the whole story, and what it was raised over — a cancellation met
        inside httpx, whose frames hold the request as sent — is not for an error tracker."""
        error.scrub(self.scrub_text)
        error.__cause__ = None
        error.__context__ = None


class ResponseStream:
    """An answer whose body is still to come; its transport failures arrive as typed errors.

    As httpx's transports hand out a stream that maps the network library's exceptions, this is
    the one place where httpx errors met while reading a body become `CascoError`s. `limit` is
    the most body bytes `read` accepts (the operation's, or the client's `max_response_size`).
    """

    def __init__(self, operation: Operation[Any], response: httpx.Response, limit: int) -> None:
        self.operation = operation
        self.response = response
        self.limit = limit

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers."""
        return self.response.headers

    async def read(self, limit: int | None = None) -> bytearray:
        """The whole body, or `ResponseTooLargeError` once more than `limit` bytes came.

        A `Content-Length` above the limit is refused before reading anything; an endless or
        undeclared body is cut off as soon as it passes the limit.
        """
        limit = self.limit if limit is None else limit
        declared = as_int(self.headers.get("content-length"))
        if declared is not None and declared > limit:
            raise answer_too_large(self.operation, self.status_code, self.headers, b"", limit)
        body = bytearray()
        failure: CascoError | None = None
        # Not through `chunks`: one async generator fewer on every answer's path.
        async with aclosing(decoded(self.response)) as pieces:  # closed at once when cut off
            try:
                async for piece in pieces:
                    body += piece
                    if len(body) > limit:
                        raise answer_too_large(
                            self.operation, self.status_code, self.headers, body, limit
                        )
            except httpx.HTTPError as exc:
                failure = self._broken_off(exc)
        if failure is not None:
            raise failure  # outside the except: the httpx error is not kept as __context__
        return body

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        """The body, chunk by chunk, as it arrives."""
        failure: CascoError | None = None
        try:
            # Decoded in bounded pieces: a compressed chunk cannot expand past the limit.
            async for chunk in decoded(self.response):
                yield chunk
        except httpx.HTTPError as exc:
            failure = self._broken_off(exc)
        if failure is not None:
            raise failure  # outside the except: the httpx error is not kept as __context__

    def _broken_off(self, exc: httpx.HTTPError) -> CascoError:
        """The typed error of a body that broke off (the headers came)."""
        failure = transport_error(self.operation, exc)
        _describe(failure, self.response)
        return failure


class Pipeline:
    """One view's way of sending: the shared `Connection` with this view's `ClientOptions`."""

    def __init__(self, connection: Connection, options: ClientOptions) -> None:
        self.connection = connection
        self.options = options

    @classmethod
    def create(
        cls,
        *,
        origin: httpx.URL,
        account: str,
        password: str,
        options: ClientOptions,
        max_concurrency: int,
        adaptive_concurrency: bool,
        rate_limit: float | None,
        refresh_margin: float | None,
        token_store: TokenStore | None,
        revoke_on_close: bool,
        verify: ssl.SSLContext | str | bool,
        transport: httpx.AsyncBaseTransport | None,
        headers: dict[str, str],
        transport_backend: str = "auto",
        proxy: str | httpx.URL | None = None,
        trust_env: bool = True,
    ) -> Pipeline:
        """A new connection (pool, limits, token flow) and its first view."""
        # The limits first: they check their arguments before any connection pool exists.
        concurrency = ConcurrencyLimiter(max_concurrency, adaptive=adaptive_concurrency)
        rate = RateLimiter(rate_limit) if rate_limit else None
        connections = max_concurrency + _POOL_HEADROOM
        if transport is None:
            transport = build_transport(
                transport_backend,
                origin=origin,
                verify=verify,
                proxy=proxy,
                trust_env=trust_env,
                connections=connections,
            )
        else:
            check_custom_transport(transport, proxy=proxy, connections=connections)
        http = httpx.AsyncClient(
            base_url=str(origin),
            headers=headers,
            transport=transport,
            trust_env=trust_env,
            # Never follow redirects: the Token header must not reach another host.
            follow_redirects=False,
            timeout=DEFAULT_TIMEOUT,
            event_hooks={"request": [_mark_sent]},
        )
        # The token calls run with the first view's options, whichever view needs a token.
        pipeline: Pipeline
        tokens = TokenManager(
            lambda: connection.credentials.authenticate(pipeline),
            lambda refresh_token: connection.credentials.renew(pipeline, refresh_token),
            refresh_margin=refresh_margin,
            store=token_store,
        )
        connection = Connection(
            http,
            origin,
            concurrency,
            rate,
            revoke_on_close,
            Credentials(account, password),
            tokens,
            transport,
        )
        pipeline = cls(connection, options)
        return pipeline

    def with_options(self, options: ClientOptions) -> Pipeline:
        """Another view of the same connection."""
        return Pipeline(self.connection, options)

    def __repr__(self) -> str:
        return f"Pipeline(base_url={str(self.connection.origin)!r})"

    @property
    def max_concurrency(self) -> int:
        """The most requests in flight at once."""
        return self.connection.concurrency.limit

    # --- sending -------------------------------------------------------------------------------

    def retrying(self, operation: Operation[Any]) -> Retrying:
        """The attempts of one call under this view's retry rule and deadline (`Retrying`)."""
        return Retrying(
            operation,
            self.options.retry,
            self.connection.rng,
            call_deadline=self.options.call_deadline,
            scrub=self.connection.scrub,
        )

    def max_answer(self, operation: Operation[Any]) -> int:
        """The most body bytes accepted for `operation` (client setting, else the operation's)."""
        return self.options.max_response_size or operation.max_answer

    def deadline(self, operation: Operation[Any]) -> float:
        """Seconds one attempt of `operation` may take (client setting, else the operation's)."""
        return self.options.deadline or operation.deadline

    async def call(self, operation: Operation[T], **arguments: Any) -> T:
        """Send with retries and parse: the typed `data` of the answer, or a typed error."""
        data, _ = await self.call_with_headers(operation, **arguments)
        return data

    async def call_with_headers(
        self, operation: Operation[T], *, auth: httpx.Auth | None = None, **arguments: Any
    ) -> tuple[T, httpx.Headers]:
        """Like `call`, with the headers of the answer that succeeded (the token calls read
        the server's `Date` from them). `auth` is for the token flow's own calls."""
        kwargs = _encoded(operation, operation.build(**arguments))
        with self.observed(operation):
            async for attempt in self.retrying(operation):
                with attempt:
                    async with self._send(operation, kwargs, attempt.number, auth=auth) as stream:
                        if is_success_status(stream.status_code):
                            body = await stream.read()
                        else:
                            body = await _error_body(stream)
                    failure: CascoError | None = None
                    try:
                        data = parse_success(operation, stream.status_code, stream.headers, body)
                    except CascoError as error:
                        # Raised from here, without the parser's frames: they, and this one's
                        # `body`, hold the raw answer, which may echo a secret the error masks.
                        failure = error.with_traceback(None)
                    if failure is not None:
                        del body
                        raise failure
                    return data, stream.headers
        raise AssertionError("unreachable: the retry loop returns or raises")

    def observed(self, operation: Operation[Any]) -> AbstractContextManager[None]:
        """Around one whole call (its retries included): what telemetry sees as the call."""
        return observe_call(operation, self.connection.origin.host)

    @asynccontextmanager
    async def open(
        self, operation: Operation[Any], *, attempt: int = 0, **arguments: Any
    ) -> AsyncIterator[ResponseStream]:
        """One attempt at a streamed answer: a good answer's body is left to the caller.

        An answer that is not a success by its HTTP status raises its typed error here, after
        reading at most 1 MiB of it. Not retried by itself: wrap it in `retrying` to choose what
        a retry covers (the whole download, or only the opening of a stream). The attempt's
        deadline covers the caller's reading of the body too.
        """
        kwargs = _encoded(operation, operation.build(**arguments))
        async with self._send(operation, kwargs, attempt) as stream:
            status = stream.status_code
            if not is_success_status(status):
                body = await _error_body(stream)
                error = error_from_response(
                    operation, status, json_object(body), stream.headers, body
                )
                del body  # the raw answer may echo a secret the error masks
                raise error
            yield stream

    @asynccontextmanager
    async def _send(
        self,
        operation: Operation[Any],
        kwargs: dict[str, Any],
        attempt: int,
        *,
        token: str | None = None,
        auth: httpx.Auth | None = None,
    ) -> AsyncIterator[ResponseStream]:
        """One attempt: the answer with its body not yet read, closed on exit.

        The concurrency slot is held until the body is read and the answer closed, so a
        streamed download counts against `max_concurrency` for its whole length. The attempt's
        deadline starts once the slot is held, and covers the body. `token` sends that token as
        it is, without the token flow or the limits (signing out on close); `auth` is the token
        flow's own calls' (`SecretQueryAuth`).
        """
        connection = self.connection
        if connection.closed and token is None:
            raise ConfigurationError("the client is closed")
        request = self._build(operation, kwargs)
        if token is not None:
            request.headers["Token"] = token
        call_ends = call_ends_at()
        async with AsyncExitStack() as stack:
            if operation.authenticated and token is None:
                # Token calls skip the limits: callers holding every slot may be waiting on them.
                if call_ends is None:  # no call deadline: no cancel scope to pay for
                    await self._hold_slot(stack)
                else:
                    with anyio.CancelScope(deadline=call_ends) as waiting:
                        await self._hold_slot(stack)
                    if waiting.cancelled_caught:
                        raise self._deadline_error(operation, request, whole_call=True)
                auth = connection.auth
            seconds = self.deadline(operation)
            ends = anyio.current_time() + seconds
            whole_call = call_ends is not None and call_ends < ends
            answered: httpx.Response | None = None
            with anyio.CancelScope(
                deadline=min(ends, math.inf if call_ends is None else call_ends)
            ) as scope:
                response = answered = await self._exchange(operation, request, auth, attempt)
                stack.push_async_callback(response.aclose)
                if response.status_code == 401 and operation.authenticated and token is None:
                    response = await self._refused(operation, request, response, attempt)
                    answered = response
                    stack.push_async_callback(response.aclose)
                if response.status_code == 429:
                    connection.concurrency.rate_limited()
                elif response.status_code < 400:
                    connection.concurrency.succeeded()
                yield ResponseStream(operation, response, self.max_answer(operation))
            if scope.cancelled_caught:
                error = self._deadline_error(operation, request, whole_call=whole_call)
                if answered is not None:  # the headers came, the body did not
                    _describe(error, answered)
                raise error

    async def _hold_slot(self, stack: AsyncExitStack) -> None:
        """A concurrency slot, held until `stack` closes; then the rate limit's turn."""
        connection = self.connection
        await stack.enter_async_context(connection.concurrency.slot())
        if connection.rate is not None:
            await connection.rate.wait()

    def _build(self, operation: Operation[Any], kwargs: dict[str, Any]) -> httpx.Request:
        connection = self.connection
        # What `AsyncClient.build_request` makes of these arguments (the client's headers under
        # the request's, its timeout as an extension), without merging the client's cookies (it
        # keeps none) and query parameters (it has none) each time.
        given: dict[str, str] = kwargs.get("headers") or {}
        if self.options.language:
            given = {**given, "Content-Language": self.options.language}
        # One list, one httpx.Headers (made by the request): each Headers copy and update
        # re-normalizes every name, several times per request.
        overridden = {name.lower() for name in given}
        headers = [pair for lower, pair in connection.default_headers if lower not in overridden]
        headers += given.items()
        return httpx.Request(
            kwargs["method"],
            connection.url(kwargs["url"]),
            headers=headers,
            extensions={"timeout": self._timeout_for(operation).as_dict()},
            # params, content (and whatever else the builder gives, as httpx.Request takes it)
            **{key: value for key, value in kwargs.items() if key not in _BUILT_ELSEWHERE},
        )

    async def _exchange(
        self,
        operation: Operation[Any],
        request: httpx.Request,
        auth: httpx.Auth | None,
        attempt: int,
    ) -> httpx.Response:
        """`request` sent, its answer's headers received; failures typed, never chained."""
        # A password in the query (POST /auth): no HTTP instrumentation may record the URL.
        hidden = has_secret_query(request.url)
        started = time.perf_counter()
        failure: BaseException | None = None
        try:
            with without_http_instrumentation() if hidden else nullcontext():
                response = await self.connection.send(request, auth)
        except httpx.HTTPError as exc:
            failure = transport_error(operation, exc)
        except CascoError as error:
            # Only the token flow raises these from inside httpx: its own calls have
            # already been through the retry rule.
            failure = Settled(error)
        if failure is not None:
            _log(operation, request, None, started, attempt)
            failed = failure.error if isinstance(failure, Settled) else failure
            report_attempt(attempt, None, type(failed).__name__, started)
            raise failure  # outside the except: no httpx object in the chain
        _log(operation, request, response.status_code, started, attempt)
        report_attempt(attempt, response.status_code, None, started)
        return response

    async def _refused(
        self,
        operation: Operation[Any],
        request: httpx.Request,
        response: httpx.Response,
        attempt: int,
    ) -> httpx.Response:
        """A 401 to the session's token: renew it (once, single-flight), then replay the
        request once if it is idempotent; else raise `RefusedBeforeProcessingError`."""
        stream = ResponseStream(operation, response, self.max_answer(operation))
        # Read (within the limit) and close it: that returns the connection to the pool before
        # we wait on the renewal lock.
        body = await _error_body(stream)
        await response.aclose()
        refusal = error_from_response(operation, 401, json_object(body), response.headers, body)
        del body  # the raw answer may echo a secret the error masks
        try:
            # Wrapped inline: no local of this frame holds the refused token in clear.
            await self.connection.tokens.rejected(
                Secret(request.headers["Token"]) if "Token" in request.headers else None
            )
        except CascoError as error:
            # The renewal's own error, already judged: the request was not carried out.
            raise Settled(error) from None
        if not operation.idempotent:
            # Never sent twice: the API refused the token before doing anything.
            raise RefusedBeforeProcessingError(
                "the API refused the session's token before processing the request, so it was "
                "not carried out; the token has been renewed: sending it again is safe",
                operation=operation.id,
                status_code=401,
                correlation_id=refusal.correlation_id,
                response_info=refusal.response_info,
            )
        request.extensions.pop(_SENT, None)
        return await self._exchange(operation, request, self.connection.auth, attempt)

    def _deadline_error(
        self, operation: Operation[Any], request: httpx.Request, *, whole_call: bool
    ) -> CascoError:
        seconds = self.options.call_deadline if whole_call else None
        return deadline_error(
            operation,
            seconds if seconds is not None else self.deadline(operation),
            sent=bool(request.extensions.get(_SENT)),
            whole_call=whole_call,
        )

    def _timeout_for(self, operation: Operation[Any]) -> httpx.Timeout:
        if self.options.timeout is not None:
            return self.options.timeout
        return SLOW_TIMEOUT if operation.slow else DEFAULT_TIMEOUT

    # --- closing -------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Revoke a still valid token (best effort, at most 5 s), close the connections; once."""
        connection = self.connection
        if connection.closed:
            return
        connection.closed = True
        # Shielded: closing inside a cancelled task must still release every connection.
        with anyio.CancelScope(shield=True):
            tokens = connection.tokens.current
            # However short its remaining life, a valid token is an open session: end it.
            if (
                connection.revoke_on_close
                and tokens is not None
                and tokens.seconds_left(connection.tokens.clock()) > 0
            ):
                with anyio.move_on_after(_SIGN_OUT_SECONDS):
                    await self._sign_out(tokens)
                await connection.tokens.forget()
            await connection.http.aclose()

    async def _sign_out(self, tokens: TokenSet) -> None:
        # One attempt, never retried: the session ends either way.
        try:
            with self.observed(DEAUTHENTICATE):
                async with self._send(
                    DEAUTHENTICATE, DEAUTHENTICATE.build(), 0, token=tokens.token
                ) as stream:
                    body = await stream.read()
                parse_success(DEAUTHENTICATE, stream.status_code, stream.headers, body)
        except (CascoError, Settled) as exc:
            logger.debug("deauthenticate failed: %s", type(exc).__name__)


class Credentials:
    """The account and password (kept out of every repr); they make the token flow's calls."""

    def __init__(self, account: str, password: str) -> None:
        self.account = account
        self.password = Secret(password)

    def __repr__(self) -> str:
        return f"Credentials(account={self.account!r}, password='***')"

    async def authenticate(self, pipeline: Pipeline) -> TokenSet:
        """`POST /auth` through `pipeline`: a new session.

        The request is built with a placeholder password, which `SecretQueryAuth` replaces on
        the copy handed to the network only.
        """
        return await _token_call(
            pipeline,
            AUTHENTICATE,
            auth=SecretQueryAuth("password", self.password),
            account=self.account,
            password=SECRET_PLACEHOLDER,
        )

    async def renew(self, pipeline: Pipeline, refresh_token: Secret) -> TokenSet:
        """`PATCH /auth` through `pipeline`: the session's next token pair.

        One attempt, within `RENEWAL_DEADLINE` (10 s) or a third of the client's `deadline`,
        whichever is shorter: a renewal that fails or hangs falls back to `POST /auth` at once,
        instead of stalling every caller waiting for it.
        """
        # A third of the client's own deadline if that is shorter: the caller waiting for the
        # token must have time left for `POST /auth` and for its own request.
        caller = pipeline.options.deadline
        deadline = RENEWAL_DEADLINE if caller is None else min(RENEWAL_DEADLINE, caller / 3)
        options = pipeline.options.changed(max_retries=0, deadline=deadline)
        # The request carries a placeholder; only httpx's copy has the refresh token.
        secret = Secret(f"Refresh {refresh_token.reveal()}")
        return await _token_call(
            pipeline.with_options(options),
            RENEW_TOKEN,
            auth=SecretHeaderAuth("Token", secret),
            token=f"Refresh {SECRET_PLACEHOLDER}",
        )


async def _token_call(
    pipeline: Pipeline,
    operation: Operation[AuthData],
    *,
    auth: httpx.Auth | None = None,
    **arguments: Any,
) -> TokenSet:
    """A token call; its times are planned on our clock, shifted by the server's `Date`."""
    clock = pipeline.connection.tokens.clock
    sent = clock()
    data, headers = await pipeline.call_with_headers(operation, auth=auth, **arguments)
    received = clock()
    return TokenSet.from_api(
        data.token,
        data.refresh_token,
        data.expires_at,
        received_at=received,
        clock_offset=clock_offset(headers.get("Date"), sent, received),
    )


def _encoded(operation: Operation[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The builder's arguments with its `json` body encoded, once for the whole call.

    The bytes are what httpx would send for ``json=`` (its encoder's options); made when the
    call starts, so every attempt sends the same bytes, whatever the caller does with its data
    meanwhile. Mappings that are not dicts are sent as the objects they are (json.dumps alone
    refuses them).

    Raises:
        ValidationError: the body cannot be encoded as JSON (NaN, infinity, bytes, an int too
            long for text): nothing was sent.
    """
    if kwargs.get("json") is None:
        return kwargs
    failure: CascoError | None = None
    try:
        content = _JSON_ENCODER.encode(kwargs["json"]).encode("utf-8")
    except (TypeError, ValueError) as exc:
        failure = ValidationError(
            f"the request body cannot be encoded as JSON ({type(exc).__name__})",
            operation=operation.id,
        )
    if failure is not None:
        raise failure
    headers = dict(kwargs.get("headers") or {})
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = "application/json"
    encoded = {key: value for key, value in kwargs.items() if key != "json"}
    encoded.update(content=content, headers=headers)
    return encoded


def _as_json(value: object) -> object:
    # json.dumps's `default`: called only for what it cannot encode by itself.
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


# httpx's own JSON encoding (httpx._content.encode_json), with Mappings as objects.
_JSON_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_as_json
)


async def _error_body(stream: ResponseStream) -> bytearray:
    """What an error answer's body says, read within its limit (1 MiB at most).

    Larger raises `ResponseTooLargeError` (with the status); a connection broken mid-body
    leaves what arrived: the status says enough.
    """
    try:
        return await stream.read(min(_MAX_ERROR_BODY, stream.limit))
    except CascoError as error:
        if error.status_code is not None:
            raise  # too large: typed, with the status
        return bytearray()


def _describe(error: CascoError, response: httpx.Response) -> None:
    """Give `error` (met after `response`'s headers arrived) their correlation id and status."""
    error.correlation_id = error.correlation_id or correlation_id_of(None, response.headers)
    if error.response_info is None:
        error.response_info = response_info(
            response.status_code, response.headers, None, complete=False
        )


async def _mark_sent(request: httpx.Request) -> None:
    """httpx's request hook: the request is being handed to the transport."""
    request.extensions[_SENT] = True


def _log(
    operation: Operation[Any],
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
