"""`CascoClient`: the one object users create. It only assembles; `_pipeline.py` sends.

The constructor checks its arguments and builds a `Pipeline` (the connection every view shares
plus this view's options, from _config.py); `with_options` makes another view of the same
connection through a private constructor path; the namespaces are cached properties that
receive the pipeline, never the client::

    user call → namespace method (_resources.py, _documents.py) or CascoClient.request
      → Pipeline.call / Pipeline.open (_pipeline.py) → … → typed result or typed error
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import AsyncIterable, Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, Unpack

import httpx

from ._auth import TokenManager, TokenStore
from ._config import ClientOptions, check_base_url
from ._decoding import ACCEPT_ENCODING
from ._errors import ConfigurationError
from ._logging import redact_httpx_urls
from ._operations import raw_request
from ._pipeline import Pipeline
from ._resources import Helper, Nomenclature, Products
from ._retry import RetryPolicy
from ._settings import ClientSettings, check_settings, required_environment
from ._transports import TransportBackend
from ._version import user_agent

if TYPE_CHECKING:
    from casco_async_generated.models import ProductData

    from ._bulk import BulkQuotes, QuoteComparison
    from ._documents import Documents

__all__ = ["CascoClient"]


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
        deadline: Seconds one attempt may take end to end — connect, send, the whole answer —
            however slowly the server trickles bytes (`DeadlineExceededError`). Default: per
            operation, 60 s; 300 s for calls an insurer answers; 900 s for documents.
        call_deadline: Seconds a whole call may take, retries and waits included. Default:
            no bound beyond `deadline` per attempt.
        max_response_size: The largest answer body accepted, in bytes, success or error
            (`ResponseTooLargeError`). Default: per operation, 16 MiB for nomenclature lists,
            4 MiB for the others (documents: `max_document_size`).
        max_concurrency: The most requests in flight at once.
        rate_limit: The most request starts per second (None: no limit).
        adaptive_concurrency: Whether a 429 lowers concurrency for a while.
        refresh_margin: Renew the token this many seconds before it expires. Default: a
            quarter of the token's lifetime, at most 60 s (a 12 h token renews a minute early,
            a 2 s token half a second early). A margin as long as the tokens' life renews
            before every call.
        token_store: Where to persist tokens (e.g. `FileTokenStore`) to share one session.
        revoke_on_close: Send `DELETE /auth` on close. Default: yes, unless a `token_store`
            is given (the stored session may be in use by other processes).
        language: ``"ro"`` for Romanian messages from the API (`Content-Language`); one of the
            values the document allows (``"en"``, ``"ro"``), else `ConfigurationError`.
        validate_requests: Check request bodies against the API's rules before sending.
        verify: TLS verification (True, a CA bundle path or an `ssl.SSLContext`).
        allow_insecure_http: Allow plain http to a non-loopback host.
        transport: A custom httpx transport (e.g. `httpx.ASGITransport` for the sandbox). It
            owns its connections: the client cannot size its pool (an `httpx.AsyncHTTPTransport`
            with fewer than ``max_concurrency + 2`` connections is warned about) nor apply
            `proxy` to it (refused: set the proxy on the transport).
        transport_backend: What the client's own transport sends with: ``"auto"`` (default:
            aiohttp under asyncio when it imports, httpx's own transport under trio),
            ``"aiohttp"`` or ``"httpx"``. Both keep the same timeouts, pool size and errors.
        proxy: An ``http://``, ``https://`` (or, with ``transport_backend="httpx"`` and
            ``httpx[socks]``, ``socks5://``) proxy for every request; credentials may be in
            the URL. Default: from ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` and
            ``NO_PROXY`` when `trust_env`.
        trust_env: Read the proxy variables and ``SSL_CERT_FILE``/``SSL_CERT_DIR``.
        headers: Extra headers sent with every request (a ``User-Agent`` here replaces the
            SDK's, ``casco-async/<version> httpx/<version> python/<version>``).
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
        deadline: float | None = None,
        call_deadline: float | None = None,
        max_response_size: int | None = None,
        max_concurrency: int = 32,
        rate_limit: float | None = None,
        adaptive_concurrency: bool = True,
        refresh_margin: float | None = None,
        token_store: TokenStore | None = None,
        revoke_on_close: bool | None = None,
        language: str | None = None,
        validate_requests: bool = True,
        verify: ssl.SSLContext | str | bool = True,
        allow_insecure_http: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        transport_backend: TransportBackend = "auto",
        proxy: str | httpx.URL | None = None,
        trust_env: bool = True,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if not account or not password:
            raise ConfigurationError("account and password are required")
        origin = check_base_url(base_url, allow_insecure_http)
        options = ClientOptions.create(
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            language=language,
            validate_requests=validate_requests,
            deadline=deadline,
            call_deadline=call_deadline,
            max_response_size=max_response_size,
        )
        redact_httpx_urls()
        pipeline = Pipeline.create(
            origin=origin,
            account=account,
            password=password,
            options=options,
            max_concurrency=max_concurrency,
            adaptive_concurrency=adaptive_concurrency,
            rate_limit=rate_limit,
            refresh_margin=refresh_margin,
            token_store=token_store,
            revoke_on_close=token_store is None if revoke_on_close is None else revoke_on_close,
            verify=verify,
            transport=transport,
            headers=_headers(headers),
            transport_backend=transport_backend,
            proxy=proxy,
            trust_env=trust_env,
        )
        self._assemble(pipeline, account, owner=True)

    def _assemble(self, pipeline: Pipeline, account: str, *, owner: bool) -> None:
        # Every view, the first included, is put together here and only here.
        self._pipeline = pipeline
        self._account = account
        self._owner = owner

    @classmethod
    def _view(cls, pipeline: Pipeline, account: str) -> Self:
        view = cls.__new__(cls)
        view._assemble(pipeline, account, owner=False)
        return view

    @classmethod
    def from_env(cls, **kwargs: Unpack[ClientSettings]) -> CascoClient:
        """Build from `CASCO_BASE_URL`, `CASCO_ACCOUNT` and `CASCO_PASSWORD` (+ keyword options).

        Keyword arguments win over the environment (e.g. ``base_url=`` from a command line).
        They are typed (`ClientSettings`) and checked at run time too, as they often come from
        a configuration file: an unknown option or a value of the wrong type raises
        `ConfigurationError` (``max_concurrency="lots"``).
        """
        check_settings(kwargs)
        if kwargs.get("base_url") is None:
            kwargs["base_url"] = required_environment("CASCO_BASE_URL")
        if kwargs.get("account") is None:
            kwargs["account"] = required_environment("CASCO_ACCOUNT")
        if kwargs.get("password") is None:
            kwargs["password"] = required_environment("CASCO_PASSWORD")
        return cls(**kwargs)

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        language: str | None = None,
        validate_requests: bool | None = None,
        deadline: float | None = None,
        call_deadline: float | None = None,
        max_response_size: int | None = None,
    ) -> CascoClient:
        """A view of this client with other options; it shares the pool, tokens and limits.

        Arguments left None keep this view's value; `max_retries` overrides the same field of
        `retry` (or of the current rule). Closing a view does nothing: the client it came from
        owns the connections.
        """
        options = self._pipeline.options.changed(
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            language=language,
            validate_requests=validate_requests,
            deadline=deadline,
            call_deadline=call_deadline,
            max_response_size=max_response_size,
        )
        return self._view(self._pipeline.with_options(options), self._account)

    @functools.cached_property
    def nomenclature(self) -> Nomenclature:
        """Counties, localities, countries, vehicle makes and models."""
        return Nomenclature(self._pipeline)

    @functools.cached_property
    def helper(self) -> Helper:
        """Vehicle-code identification."""
        return Helper(self._pipeline)

    @functools.cached_property
    def products(self) -> Products:
        """Quotes (one, many, or one product compared across insurers) and policies."""
        return Products(self._pipeline)

    @functools.cached_property
    def documents(self) -> Documents:
        """Offer and policy PDFs, streamed to disk or to the caller."""
        # Imported here: its streaming decoder and file writing are not every client's cost.
        from ._documents import Documents

        return Documents(self._pipeline)

    def quote_many(
        self,
        requests: Iterable[Any] | AsyncIterable[Any],
        *,
        concurrency: int | None = None,
    ) -> BulkQuotes:
        """Deprecated spelling of `casco.products.quote_many` (kept for one release)."""
        return self.products.quote_many(requests, concurrency=concurrency)

    async def compare_quotes(
        self,
        product: ProductData | Mapping[str, Any],
        insurers: Sequence[str] | None = None,
    ) -> QuoteComparison:
        """Deprecated spelling of `casco.products.compare` (kept for one release)."""
        return await self.products.compare(product, insurers)

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
        operation, arguments = raw_request(
            method, path, params=params, json=json, idempotent=idempotent
        )
        return await self._pipeline.call(operation, **arguments)

    def __repr__(self) -> str:
        return (
            f"CascoClient(base_url={str(self.base_url)!r}, account={self._account!r}, "
            f"password='***')"
        )

    @property
    def base_url(self) -> httpx.URL:
        """The API's base URL."""
        return self._pipeline.connection.origin

    @property
    def tokens(self) -> TokenManager:
        """The token manager (current token set, renewal counters)."""
        return self._pipeline.connection.tokens

    @property
    def options(self) -> ClientOptions:
        """This view's options."""
        return self._pipeline.options

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
        """Revoke a still valid token (best effort, at most 5 s), close the connections."""
        if self._owner:
            await self._pipeline.aclose()


def _headers(extra: Mapping[str, str] | None) -> dict[str, str]:
    """The SDK's User-Agent and Accept-Encoding, each replaced (whatever its case) by one in
    `extra`, and `extra`."""
    # Only what `decoded` decodes in bounded steps (see _decoding): no br/zstd bomb.
    headers = httpx.Headers({"User-Agent": user_agent(), "Accept-Encoding": ACCEPT_ENCODING})
    headers.update(extra or {})
    return dict(headers.items())
