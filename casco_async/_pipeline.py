"""The request pipeline: every call of every view of a client is sent from here.

    namespace method (_resources.py, _documents.py) or CascoClient.request
      → Pipeline.call / Pipeline.open
      → the retry loop (`Retrying`; the whole outcome rule is in _retry.py)
      → one attempt: concurrency and rate limits (_limits.py)
      → the generated request builder (`Operation.build`, _operations.py)
      → httpx with the token flow (_auth.py); httpx errors translated once, here
      → the envelope (_envelope.py) → the typed `data` of `Operation[T]`, or a typed error

A `Connection` is what the views of one client share (the connection pool, the limits, the
token flow, the closed flag); a `Pipeline` is one view of it with that view's `ClientOptions`.
"""

from __future__ import annotations

import logging
import random
import ssl
import time
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import AsyncExitStack, aclosing, asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import httpx

from ._auth import TokenAuth, TokenManager, TokenSet, TokenStore, clock_offset
from ._config import DEFAULT_TIMEOUT, SLOW_TIMEOUT, ClientOptions
from ._envelope import error_from_response, is_iana_status, json_object, parse_success
from ._errors import CascoError, ConfigurationError, ValidationError
from ._limits import ConcurrencyLimiter, RateLimiter
from ._logging import logger
from ._operations import AUTHENTICATE, DEAUTHENTICATE, RENEW_TOKEN, Operation
from ._retry import Retrying, Settled, transport_error
from ._transports import build_transport, check_custom_transport

if TYPE_CHECKING:
    from casco_api_client.models import AuthData

__all__ = ["Connection", "Credentials", "Pipeline", "ResponseStream"]

T = TypeVar("T")

# Slots reserved in the connection pool beyond `max_concurrency`, for token calls that must not
# wait behind the requests that are waiting for them.
_POOL_HEADROOM = 2
# Error bodies are small; a server sending megabytes with an error status gets cut off here.
_MAX_ERROR_BODY = 1 << 20
# `DELETE /auth` on close (for any token still valid): never more than this.
_SIGN_OUT_SECONDS = 5
# Absolute URLs kept per path (Connection.url).
_MAX_CACHED_URLS = 256


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
    ) -> None:
        self.http = http
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

    def __repr__(self) -> str:
        return f"Connection(origin={str(self.origin)!r}, closed={self.closed})"


class ResponseStream:
    """An answer whose body is still to come; its transport failures arrive as typed errors.

    As httpx's transports hand out a stream that maps the network library's exceptions, this is
    the one place where httpx errors met while reading a body become `CascoError`s.
    """

    def __init__(self, operation: Operation[Any], response: httpx.Response) -> None:
        self.operation = operation
        self.response = response

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers."""
        return self.response.headers

    async def read(self) -> bytes:
        """The whole body."""
        try:
            return await self.response.aread()
        except httpx.HTTPError as exc:
            raise transport_error(self.operation, exc) from None

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        """The body, chunk by chunk, as it arrives."""
        try:
            async for chunk in self.response.aiter_bytes():
                yield chunk
        except httpx.HTTPError as exc:
            raise transport_error(self.operation, exc) from None


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
        """The attempts of one call under this view's retry rule (see `Retrying`)."""
        return Retrying(operation, self.options.retry, self.connection.rng)

    async def call(self, operation: Operation[T], **arguments: Any) -> T:
        """Send with retries and parse: the typed `data` of the answer, or a typed error."""
        data, _ = await self.call_with_headers(operation, **arguments)
        return data

    async def call_with_headers(
        self, operation: Operation[T], **arguments: Any
    ) -> tuple[T, httpx.Headers]:
        """Like `call`, with the headers of the answer that succeeded (the token calls read
        the server's `Date` from them)."""
        kwargs = operation.build(**arguments)
        async for attempt in self.retrying(operation):
            with attempt:
                async with self._send(operation, kwargs, attempt.number) as stream:
                    await stream.read()
                return parse_success(operation, stream.response), stream.headers
        raise AssertionError("unreachable: the retry loop returns or raises")

    @asynccontextmanager
    async def open(
        self, operation: Operation[Any], *, attempt: int = 0, **arguments: Any
    ) -> AsyncIterator[ResponseStream]:
        """One attempt at a streamed answer: a good answer's body is left to the caller.

        An error answer (by HTTP status) raises its typed error here, after reading at most
        1 MiB of it. Not retried by itself: wrap it in `retrying` to choose what a retry
        covers (the whole download, or only the opening of a stream).
        """
        kwargs = operation.build(**arguments)
        async with self._send(operation, kwargs, attempt) as stream:
            status = stream.status_code
            if status >= 400 or not is_iana_status(status):
                raise error_from_response(
                    operation, status, json_object(await _error_body(stream)), stream.headers
                )
            yield stream

    @asynccontextmanager
    async def _send(
        self,
        operation: Operation[Any],
        kwargs: dict[str, Any],
        attempt: int,
        *,
        token: str | None = None,
    ) -> AsyncIterator[ResponseStream]:
        """One attempt: the answer with its body not yet read, closed on exit.

        The concurrency slot is held until the body is read and the answer closed, so a
        streamed download counts against `max_concurrency` for its whole length. `token` sends
        that token as it is, without the token flow or the limits (signing out on close).
        """
        connection = self.connection
        if connection.closed and token is None:
            raise ConfigurationError("the client is closed")
        try:
            request = connection.http.build_request(
                **{**kwargs, "url": connection.url(kwargs["url"])},
                timeout=self._timeout_for(operation),
            )
        except (TypeError, ValueError) as exc:
            # json.dumps refused the body (NaN, infinity, bytes, a huge int): nothing was sent.
            raise ValidationError(
                f"the request body cannot be encoded as JSON ({type(exc).__name__})",
                operation=operation.id,
            ) from None
        if self.options.language:
            request.headers["Content-Language"] = self.options.language
        if token is not None:
            request.headers["Token"] = token
        async with AsyncExitStack() as stack:
            auth: httpx.Auth | None = None
            if operation.authenticated and token is None:
                # Token calls skip the limits: callers holding every slot may be waiting on them.
                await stack.enter_async_context(connection.concurrency.slot())
                if connection.rate is not None:
                    await connection.rate.wait()
                auth = connection.auth
            started = time.perf_counter()
            try:
                response = await connection.http.send(request, auth=auth, stream=True)
            except httpx.HTTPError as exc:
                _log(operation, request, None, started, attempt)
                raise transport_error(operation, exc) from None
            except CascoError as error:
                # Only the token flow raises these from inside httpx: its own calls have
                # already been through the retry rule.
                raise Settled(error) from None
            _log(operation, request, response.status_code, started, attempt)
            stack.push_async_callback(response.aclose)
            if response.status_code == 429:
                connection.concurrency.rate_limited()
            elif response.status_code < 400:
                connection.concurrency.succeeded()
            yield ResponseStream(operation, response)

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
            async with self._send(
                DEAUTHENTICATE, DEAUTHENTICATE.build(), 0, token=tokens.token
            ) as stream:
                await stream.read()
            parse_success(DEAUTHENTICATE, stream.response)
        except (CascoError, Settled) as exc:
            logger.debug("deauthenticate failed: %s", type(exc).__name__)


class Credentials:
    """The account and password (kept out of every repr); they make the token flow's calls."""

    def __init__(self, account: str, password: str) -> None:
        self.account = account
        self.password = password

    def __repr__(self) -> str:
        return f"Credentials(account={self.account!r}, password='***')"

    async def authenticate(self, pipeline: Pipeline) -> TokenSet:
        """`POST /auth` through `pipeline`: a new session."""
        return await _token_call(
            pipeline, AUTHENTICATE, account=self.account, password=self.password
        )

    async def renew(self, pipeline: Pipeline, refresh_token: str) -> TokenSet:
        """`PATCH /auth` through `pipeline`: the session's next token pair."""
        return await _token_call(pipeline, RENEW_TOKEN, token=f"Refresh {refresh_token}")


async def _token_call(
    pipeline: Pipeline, operation: Operation[AuthData], **arguments: Any
) -> TokenSet:
    """A token call; its times are planned on our clock, shifted by the server's `Date`."""
    clock = pipeline.connection.tokens.clock
    sent = clock()
    data, headers = await pipeline.call_with_headers(operation, **arguments)
    received = clock()
    return TokenSet.from_api(
        data.token,
        data.refresh_token,
        data.expires_at,
        received_at=received,
        clock_offset=clock_offset(headers.get("Date"), sent, received),
    )


async def _error_body(stream: ResponseStream) -> bytes:
    pieces: list[bytes] = []
    received = 0
    try:
        async with aclosing(stream.chunks()) as chunks:  # closed at once when cut off
            async for chunk in chunks:
                pieces.append(chunk)
                received += len(chunk)
                if received > _MAX_ERROR_BODY:
                    break
    except CascoError:
        pass  # the connection broke mid-body: the status says enough
    return b"".join(pieces)


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
