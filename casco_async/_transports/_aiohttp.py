"""An httpx transport that sends with aiohttp: httpx's API, aiohttp's connection pool.

httpcore 1.0's pool pass costs milliseconds of CPU per request at a few dozen connections in
flight (encode/httpcore#1035); aiohttp's connector costs a small fraction of that. This module is
the whole bridge, and it owns the one thing a bridge must get right for this SDK: which httpx
exception a failure becomes. The pipeline reads `httpx.ConnectError`, `httpx.ConnectTimeout` and
`httpx.PoolTimeout` as "nothing reached the server" (a `POST /policy` may then be reported as a
plain connection error), and every other transport error as "the request may have been carried
out" (`AmbiguousOutcomeError` for a non-idempotent call). So only failures aiohttp raises while
*getting* a connection map to the connect errors; a connection lost after the request was written
(`ServerDisconnectedError`, a reset, a cut body) maps to a read or protocol error, never to
`ConnectTimeout` (the mapping httpx-aiohttp 0.2.0 makes, and the reason this is ours).

asyncio only (aiohttp's limit): `_choice.py` picks httpx's own transport under trio.
"""

from __future__ import annotations

import base64
import functools
import ssl
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import aiohttp
    import yarl

__all__ = ["AiohttpTransport"]

# aiohttp adds these when the request lacks them; httpx already chose (or chose to omit) them,
# so the wire carries exactly the headers httpx built.
_SKIP_AUTO_HEADERS = ("Accept", "Accept-Encoding", "Content-Type", "User-Agent")


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Send httpx requests over one `aiohttp.ClientSession` (created on first use, in its loop).

    Args:
        ssl_context: The TLS settings (built by httpx from ``verify``, so both transports trust
            the same certificates).
        limits: The pool: ``max_connections`` (aiohttp's connector limit; aiohttp keeps every
            idle connection up to it) and ``keepalive_expiry``.
        proxy: An http(s) proxy for every request, or None.

    Timeouts come from each request (httpx's ``timeout`` extension): ``connect`` and ``pool``
    together bound getting a connection (aiohttp's ``connect``), ``connect`` alone a new socket,
    ``read`` each wait for data. aiohttp has no write timeout: ``write`` is not applied.
    """

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext,
        limits: httpx.Limits,
        proxy: httpx.URL | None = None,
    ) -> None:
        self._ssl_context = ssl_context
        self._limits = limits
        self._proxy = proxy
        self._session: aiohttp.ClientSession | None = None
        self._closed = False
        # One aiohttp.ClientTimeout per distinct (connect, pool, read): a client has a few.
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}
        self.open_responses = 0
        """Answers handed out whose body is not closed yet (each holds a connection)."""

    def _open_session(self) -> aiohttp.ClientSession:
        import aiohttp

        limit = self._limits.max_connections or 0  # 0: aiohttp's "no limit"
        connector = aiohttp.TCPConnector(
            ssl=self._ssl_context,
            limit=limit,
            limit_per_host=0,
            keepalive_timeout=self._limits.keepalive_expiry,
        )
        # httpx decodes Content-Encoding, keeps cookies and follows (here: never) redirects;
        # aiohttp must do none of it a second time.
        session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,  # the proxy was resolved once, from the environment if allowed
            timeout=aiohttp.ClientTimeout(total=None),
            skip_auto_headers=_SKIP_AUTO_HEADERS,
        )
        # aiohttp resends a GET, PUT or DELETE once when a reused connection drops; the retry
        # rule is ours alone (_retry.py), and the attempts the sandbox counts must be the ones
        # it decides. The switch is private (aiohttp's own test client sets it the same way).
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import aiohttp

        if self._closed:
            raise RuntimeError("the transport is closed")
        session = self._session
        if session is None:
            session = self._session = self._open_session()
        timeout = request.extensions.get("timeout", {})
        key = (timeout.get("connect"), timeout.get("pool"), timeout.get("read"))
        client_timeout = self._timeouts.get(key)
        if client_timeout is None:
            connect, pool, read = key
            client_timeout = self._timeouts[key] = aiohttp.ClientTimeout(
                total=None,
                connect=None if connect is None or pool is None else connect + pool,
                sock_connect=connect,
                sock_read=read,
            )
        body: Any = (
            request.content if isinstance(request.stream, httpx.ByteStream) else request.stream
        )
        # The names as httpx's own transport writes them (not multi_items' lower-cased ones),
        # decoded with the headers' encoding looked up once, not twice per header.
        encoding = request.headers.encoding
        headers = [
            (name.decode(encoding), value.decode(encoding)) for name, value in request.headers.raw
        ]
        proxy_headers = None
        proxy = self._proxy
        if proxy is not None and proxy.username:
            pair = f"{proxy.username}:{proxy.password}".encode()
            credentials = f"Basic {base64.b64encode(pair).decode('ascii')}"
            proxy = proxy.copy_with(username=None, password=None)
            if request.url.scheme == "https":
                proxy_headers = {"Proxy-Authorization": credentials}  # on the CONNECT only
            else:
                # Plain http goes to the proxy itself: aiohttp sends proxy_headers only when it
                # opens a tunnel, so the credentials ride on the request.
                headers.append(("Proxy-Authorization", credentials))
        failure: httpx.HTTPError | None = None
        try:
            response = await session.request(
                request.method,
                _yarl_url(str(request.url)),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                proxy=str(proxy) if proxy is not None else None,
                proxy_headers=proxy_headers,
                timeout=client_timeout,
            )
        except (aiohttp.ClientError, TimeoutError) as exc:
            failure = _mapped(exc, body=False)
        if failure is not None:
            raise failure
        self.open_responses += 1
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=_Body(self, response),
            extensions={
                "http_version": f"HTTP/{response.version.major}.{response.version.minor}".encode()
                if response.version
                else b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("ascii", "replace"),
            },
        )

    def released(self) -> None:
        """One answer's body was closed (called by its stream, once)."""
        self.open_responses -= 1

    async def aclose(self) -> None:
        self._closed = True
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()


@functools.lru_cache(maxsize=256)  # bounded: paths with ids (/offer/123) are many
def _yarl_url(text: str) -> yarl.URL:
    """`text` as yarl's URL, made once per URL: the client sends to a few paths, again and again."""
    import yarl

    return yarl.URL(text, encoded=True)


class _Body(httpx.AsyncByteStream):
    """An answer's body as it arrives (constant memory: aiohttp pauses the socket when its
    buffer is full); closing it returns the connection, or drops it when the body is unread."""

    def __init__(self, transport: AiohttpTransport, response: aiohttp.ClientResponse) -> None:
        self._transport = transport
        self._response = response
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        import aiohttp

        failure: httpx.HTTPError | None = None
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except (aiohttp.ClientError, TimeoutError) as exc:
            failure = _mapped(exc, body=True)
        if failure is not None:
            raise failure

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self._response.release()
            self._transport.released()


def _mapped(exc: BaseException, *, body: bool) -> httpx.HTTPError:
    """An aiohttp failure as the httpx exception the pipeline reads (see the module doc), with
    the aiohttp one as its cause.

    `body`: whether the answer's body was being read (the request is on the wire). A function
    called from the `except` clauses, not a context manager: this is on every request's path.
    """
    import aiohttp

    mapped: httpx.HTTPError
    cause: BaseException = exc
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        # Getting a connection (a free one from the pool, or a new socket) took too long.
        mapped = httpx.ConnectTimeout(str(exc) or "connect timed out")
    elif isinstance(exc, aiohttp.SocketTimeoutError):
        mapped = httpx.ReadTimeout(str(exc) or "read timed out")
    elif isinstance(exc, aiohttp.ClientConnectorCertificateError):
        # Chained to the ssl error itself: the pipeline finds a failed certificate check by it
        # (aiohttp's exception claims to be one but lacks its attributes).
        mapped = httpx.ConnectError(str(exc))
        cause = exc.certificate_error
    elif isinstance(exc, aiohttp.ClientConnectorError):
        # DNS, refused, unreachable, TLS handshake, the proxy unreachable: nothing was sent.
        mapped = httpx.ConnectError(str(exc))
    elif isinstance(exc, aiohttp.ClientHttpProxyError):
        mapped = httpx.ProxyError(str(exc))
    elif isinstance(exc, aiohttp.ServerDisconnectedError):
        # After the request was written (or while writing it): the outcome is unknown.
        mapped = httpx.RemoteProtocolError(
            "server disconnected without sending a complete response"
        )
    elif isinstance(exc, aiohttp.ClientPayloadError):
        mapped = httpx.RemoteProtocolError(f"the response body was cut off: {exc}")
    elif isinstance(exc, aiohttp.ClientResponseError):
        mapped = httpx.RemoteProtocolError(f"invalid response: {exc.message}")
    elif isinstance(exc, aiohttp.ClientOSError):
        error = httpx.ReadError if body else httpx.WriteError
        mapped = error(str(exc) or type(exc).__name__)
    elif isinstance(exc, aiohttp.InvalidURL):
        mapped = httpx.UnsupportedProtocol(str(exc))
    elif isinstance(exc, aiohttp.ClientError):
        mapped = httpx.TransportError(f"{type(exc).__name__}: {exc}")
    else:
        # A timeout aiohttp did not classify: the request may be on the wire.
        mapped = httpx.ReadTimeout("timed out")
    mapped.__cause__ = cause
    return mapped
