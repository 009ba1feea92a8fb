"""Which transport a client sends with: aiohttp under asyncio, httpx's own (sharded) under trio.

``transport_backend="auto"`` (the default) decides at the first request, inside the running event
loop (a client may be built outside one): aiohttp when the loop is asyncio's and aiohttp imports,
httpx's own transport otherwise (trio, aiohttp missing, a socks proxy, or httpx's transport
patched in place: mocked by pytest-httpx or respx, or instrumented by OpenTelemetry, none of
which would see aiohttp's requests). ``"aiohttp"`` and
``"httpx"`` force one. httpx's own is `ShardedTransport`: its pool split over a few stock
`httpx.AsyncHTTPTransport`s, which whatever patches that class still sees. Whatever is chosen
gets the same pool size, TLS context and proxy, resolved once here.
"""

from __future__ import annotations

import ssl
import warnings
from typing import Literal, get_args

import httpx
import sniffio

from .._errors import ConfigurationError
from ._aiohttp import AiohttpTransport
from ._sharded import ShardedTransport

__all__ = [
    "TRANSPORT_BACKENDS",
    "AutoTransport",
    "TransportBackend",
    "aiohttp_available",
    "build_transport",
    "check_custom_transport",
    "httpx_is_mocked",
    "resolve_proxy",
]

TransportBackend = Literal["auto", "aiohttp", "httpx"]
"""The names `CascoClient(transport_backend=...)` accepts."""
TRANSPORT_BACKENDS: tuple[str, ...] = get_args(TransportBackend)


def aiohttp_available() -> bool:
    """Whether aiohttp can be imported (imported only when asked: it costs ~100 ms)."""
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        return False
    return True


def _socks_scheme(proxy: httpx.URL | None) -> str | None:
    """``socks5`` or ``socks5h`` for a socks proxy, else None."""
    return proxy.scheme if proxy is not None and proxy.scheme.startswith("socks") else None


def socksio_available() -> bool:
    """Whether httpx can reach a socks5:// proxy (its ``socks`` extra, socksio, is installed)."""
    import importlib.util  # only for a socks proxy: not on the import path of every client

    return importlib.util.find_spec("socksio") is not None


def resolve_proxy(
    origin: httpx.URL, proxy: str | httpx.URL | None, trust_env: bool
) -> httpx.URL | None:
    """The proxy every request to `origin` goes through, or None.

    An explicit `proxy` wins; else, with `trust_env`, the standard variables (``HTTPS_PROXY`` or
    ``HTTP_PROXY`` by the origin's scheme, then ``ALL_PROXY``; none when ``NO_PROXY`` covers the
    host), read once: the client talks to one origin only.
    """
    if proxy is not None:
        url = httpx.URL(proxy) if isinstance(proxy, str) else proxy
        if url.scheme not in ("http", "https", "socks5", "socks5h") or not url.host:
            # The URL itself is not echoed: its userinfo may hold the proxy's password.
            raise ConfigurationError(
                f"proxy must be an http(s):// or socks5:// URL with a host, not scheme "
                f"{url.scheme!r}, e.g. http://proxy.example:3128"
            )
        return url
    if not trust_env:
        return None
    import urllib.request  # not at import time: it brings http.client and email along

    found = urllib.request.getproxies_environment()
    # proxy_bypass_environment: the stdlib's NO_PROXY rule (undocumented, absent from typeshed).
    if urllib.request.proxy_bypass_environment(origin.host, found):  # type: ignore[attr-defined]
        return None
    value = found.get(origin.scheme) or found.get("all")
    if not value:
        return None
    if "://" not in value:
        value = f"http://{value}"  # HTTP_PROXY=proxy:3128, as curl reads it
    return resolve_proxy(origin, value, trust_env=False)


def httpx_is_mocked() -> bool:
    """Whether httpx's transport is patched in place: mocked by a test (pytest-httpx patches
    `httpx.AsyncHTTPTransport`, respx httpcore's pool) or instrumented (OpenTelemetry's httpx
    instrumentation wraps the same method). Either expects httpx to send, so "auto" keeps
    httpx's own transport."""
    import httpcore

    sender = httpx.AsyncHTTPTransport.handle_async_request
    pool = httpcore.AsyncConnectionPool.handle_async_request
    return (
        getattr(sender, "__module__", None) != "httpx._transports.default"
        or getattr(pool, "__module__", None) != "httpcore._async.connection_pool"
        or hasattr(sender, "__wrapped__")  # a wrapt wrapper reports the wrapped __module__
        or hasattr(pool, "__wrapped__")
    )


class AutoTransport(httpx.AsyncBaseTransport):
    """Picks aiohttp or httpx's own (sharded) transport at the first request (see the module
    doc)."""

    def __init__(
        self,
        backend: TransportBackend,
        *,
        ssl_context: ssl.SSLContext,
        limits: httpx.Limits,
        proxy: httpx.URL | None,
    ) -> None:
        self._backend = backend
        self._ssl_context = ssl_context
        self._limits = limits
        self._proxy = proxy
        self.chosen: httpx.AsyncBaseTransport | None = None
        """The transport in use, once the first request chose it."""

    def _choose(self) -> httpx.AsyncBaseTransport:
        backend = self._backend
        if backend == "auto":
            socks = _socks_scheme(self._proxy) is not None
            asyncio = sniffio.current_async_library() == "asyncio"
            fits = asyncio and not socks and not httpx_is_mocked()
            backend = "aiohttp" if fits and aiohttp_available() else "httpx"
        if backend == "aiohttp":
            if sniffio.current_async_library() != "asyncio":
                raise ConfigurationError(
                    "transport_backend='aiohttp' runs under asyncio only: "
                    "use 'auto' or 'httpx' under trio"
                )
            return AiohttpTransport(
                ssl_context=self._ssl_context, limits=self._limits, proxy=self._proxy
            )
        return ShardedTransport(verify=self._ssl_context, limits=self._limits, proxy=self._proxy)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self.chosen
        if transport is None:
            transport = self.chosen = self._choose()
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        if self.chosen is not None:
            await self.chosen.aclose()


def build_transport(
    backend: str,
    *,
    origin: httpx.URL,
    verify: ssl.SSLContext | str | bool,
    proxy: str | httpx.URL | None,
    trust_env: bool,
    connections: int,
) -> AutoTransport:
    """The SDK's transport for a client: `connections` in the pool, all of them kept alive."""
    if backend not in TRANSPORT_BACKENDS:
        raise ConfigurationError(
            f"transport_backend {backend!r} is not one of {', '.join(TRANSPORT_BACKENDS)}"
        )
    resolved = resolve_proxy(origin, proxy, trust_env)
    socks = _socks_scheme(resolved)
    if backend == "aiohttp":
        if not aiohttp_available():
            raise ConfigurationError(
                "transport_backend='aiohttp' needs aiohttp: pip install aiohttp, "
                "or use transport_backend='auto'"
            )
        if socks:
            raise ConfigurationError(
                "aiohttp cannot use a socks proxy: use transport_backend='httpx' "
                "(with pip install 'httpx[socks]')"
            )
    if socks and not socksio_available():
        # httpx would raise a bare ImportError at the first request; say so now, typed.
        raise ConfigurationError(f"a {socks}:// proxy needs socksio: pip install 'httpx[socks]'")
    return AutoTransport(
        backend,  # type: ignore[arg-type]  # checked against TRANSPORT_BACKENDS above
        ssl_context=httpx.create_ssl_context(verify=verify, trust_env=trust_env),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        proxy=resolved,
    )


def check_custom_transport(
    transport: httpx.AsyncBaseTransport, *, proxy: str | httpx.URL | None, connections: int
) -> None:
    """Refuse what a caller's own transport cannot honour; warn when its pool is too small.

    A custom transport owns its connections: the client can neither size its pool nor route it
    through a proxy. A `proxy` is refused (set it on the transport); an `httpx.AsyncHTTPTransport`
    whose pool is smaller than the client's concurrency makes calls queue for connections, hidden
    behind the pool timeout, so it is warned about.
    """
    if proxy is not None:
        raise ConfigurationError(
            "proxy= cannot be applied to a custom transport: configure the proxy on the "
            "transport itself (httpx.AsyncHTTPTransport(proxy=...))"
        )
    pool = getattr(transport, "_pool", None)
    size = getattr(pool, "_max_connections", None)
    if isinstance(size, int) and size < connections:
        warnings.warn(
            f"the custom transport's pool holds {size} connections, fewer than the "
            f"{connections} this client needs (max_concurrency + 2): calls will queue for a "
            f"connection; build it with httpx.Limits(max_connections={connections})",
            RuntimeWarning,
            stacklevel=4,
        )
