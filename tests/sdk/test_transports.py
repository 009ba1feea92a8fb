"""The client's transports over real sockets: which one is chosen (aiohttp's, or httpx's own as
`ShardedTransport`), how failures are typed on each, proxies, the User-Agent, custom transports.

The servers here are raw asyncio sockets on 127.0.0.1 that misbehave on purpose: they read a
whole request and then close without answering (the answer lost after the request was sent), never
answer, or are not there at all. What a lost `POST /policy` becomes is the point: ambiguous on
both transports, never a "nothing was sent" connection error.
"""

from __future__ import annotations

import asyncio
import base64
import json
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx
import pytest
from support import (
    ACCOUNT,
    FAST_RETRY,
    PASSWORD,
    FakeApi,
    busy_connections,
    chosen_transport,
    envelope,
    loopback_server,
)

from casco_async import (
    AmbiguousOutcomeError,
    APIConnectionError,
    APITimeoutError,
    CascoClient,
    ConfigurationError,
)
from casco_async._transports import AiohttpTransport, ShardedTransport

BACKENDS = ["aiohttp", "httpx"]
POLICY = {"offerId": 1, "payment": {}}


@dataclass
class Seen:
    """One request a raw server read."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


@dataclass
class RawServer:
    """What a raw server saw; `port` to connect to."""

    port: int
    seen: list[Seen] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [s.target.split("?")[0] for s in self.seen]


Behaviour = Callable[[Seen], Awaitable[bytes | None]]


def answer(body: Any, status: int = 200) -> bytes:
    raw = json.dumps(body).encode()
    head = (
        f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(raw)}\r\n\r\n"
    )
    return head.encode() + raw


async def auth_then(rest: Behaviour, seen: Seen) -> bytes | None:
    """`POST /auth` answered with a token, everything else by `rest`."""
    if seen.method == "POST" and seen.target.split("?")[0].endswith("/auth"):
        return answer(envelope(FakeApi().issue()))
    return await rest(seen)


async def drop(seen: Seen) -> bytes | None:
    return None  # close without a byte of answer: the request was read, the answer is lost


async def hang(seen: Seen) -> bytes | None:
    await asyncio.sleep(30)
    return None


async def ok(seen: Seen) -> bytes | None:
    return answer(envelope([]))


@asynccontextmanager
async def raw_server(behaviour: Behaviour) -> AsyncIterator[RawServer]:
    """An HTTP/1.1 server on 127.0.0.1 that answers each request with `behaviour` (None: close)."""
    server_state = RawServer(port=0)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, _, value = line.partition(":")
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                seen = Seen(method, target, headers, body)
                server_state.seen.append(seen)
                reply = await behaviour(seen)
                if reply is None:
                    break
                writer.write(reply)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async with loopback_server(handle) as server_state.port:
        yield server_state


def client(port: int, backend: str, **kwargs: Any) -> CascoClient:
    kwargs.setdefault("retry", FAST_RETRY)
    return CascoClient(
        base_url=f"http://127.0.0.1:{port}",
        account=ACCOUNT,
        password=PASSWORD,
        transport_backend=backend,  # type: ignore[arg-type]
        **kwargs,
    )


# --- which transport ---------------------------------------------------------------------------


def test_auto_is_aiohttp_under_asyncio_and_httpx_under_trio() -> None:
    async def chosen(library: str) -> type:
        # anyio's own sockets: the server runs under trio as well as under asyncio.
        async def serve(stream: Any) -> None:
            async with stream:
                await stream.receive()
                await stream.send(answer(envelope([])))

        listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        async with anyio.create_task_group() as group:
            group.start_soon(listener.serve, serve)
            casco = client(port, "auto")
            http = casco._pipeline.connection.http
            await http.get("/x")
            kind = type(chosen_transport(casco))
            await http.aclose()
            group.cancel_scope.cancel()
        return kind

    assert anyio.run(chosen, "asyncio", backend="asyncio") is AiohttpTransport
    assert anyio.run(chosen, "trio", backend="trio") is ShardedTransport


@pytest.mark.parametrize("backend", BACKENDS)
async def test_forced_backend_is_used(backend: str) -> None:
    async with (
        raw_server(lambda seen: auth_then(ok, seen)) as server,
        client(server.port, backend) as casco,
    ):
        assert await casco.request("GET", "/nomenclature/county") == []
        expected = AiohttpTransport if backend == "aiohttp" else ShardedTransport
        assert type(chosen_transport(casco)) is expected


def test_aiohttp_under_trio_is_refused() -> None:
    async def main() -> None:
        async with client(9, "aiohttp") as casco:
            with pytest.raises(ConfigurationError, match="asyncio only"):
                await casco.request("GET", "/nomenclature/county")

    anyio.run(main, backend="trio")


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="transport_backend 'curl'"):
        client(9, "curl")


# --- failures, typed the same on both transports ----------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
async def test_policy_answer_lost_after_sending_is_ambiguous(backend: str) -> None:
    async with (
        raw_server(lambda seen: auth_then(drop, seen)) as server,
        client(server.port, backend) as casco,
    ):
        with pytest.raises(AmbiguousOutcomeError):
            await casco.request("POST", "/policy", json=POLICY)
    # Sent once (never retried), and the server did read the whole request.
    assert server.paths().count("/policy") == 1
    policy = next(s for s in server.seen if s.target == "/policy")
    assert json.loads(policy.body) == POLICY


@pytest.mark.parametrize("backend", BACKENDS)
async def test_idempotent_answer_lost_is_a_retried_connection_error(backend: str) -> None:
    async with (
        raw_server(lambda seen: auth_then(drop, seen)) as server,
        client(server.port, backend) as casco,
    ):
        with pytest.raises(APIConnectionError) as caught:
            await casco.request("GET", "/nomenclature/county")
    assert not isinstance(caught.value, AmbiguousOutcomeError)
    assert server.paths().count("/nomenclature/county") == FAST_RETRY.max_retries + 1


@pytest.mark.parametrize("backend", BACKENDS)
async def test_policy_to_a_closed_port_is_not_ambiguous(backend: str) -> None:
    async with raw_server(lambda seen: auth_then(ok, seen)) as server:
        casco = client(server.port, backend, revoke_on_close=False)
        await casco.request("GET", "/nomenclature/county")  # logged in
    await anyio.sleep(0.1)  # the server is gone and its connections closed: nothing listens
    async with casco:
        with pytest.raises(APIConnectionError) as caught:
            await casco.request("POST", "/policy", json=POLICY)
    assert not isinstance(caught.value, AmbiguousOutcomeError)  # nothing reached a server
    assert "/policy" not in server.paths()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_read_timeout_is_typed_and_policy_ambiguous(backend: str) -> None:
    async with (
        raw_server(lambda seen: auth_then(hang, seen)) as server,
        client(server.port, backend, timeout=httpx.Timeout(5.0, read=0.2)) as casco,
    ):
        with pytest.raises(APITimeoutError):
            await casco.request("GET", "/nomenclature/county")
        with pytest.raises(AmbiguousOutcomeError):
            await casco.request("POST", "/policy", json=POLICY)
    assert server.paths().count("/nomenclature/county") == FAST_RETRY.max_retries + 1
    assert server.paths().count("/policy") == 1


async def test_aiohttp_pool_wait_is_a_not_sent_timeout() -> None:
    """The pool is full: the request never leaves, so it is a connect-phase timeout.

    aiohttp bounds the wait for a pooled connection and the connecting together: the request
    fails after ``pool + connect`` seconds at most.
    """
    async with raw_server(hang) as server:
        transport = AiohttpTransport(
            ssl_context=httpx.create_ssl_context(),
            limits=httpx.Limits(max_connections=1),
        )
        timeout = httpx.Timeout(5.0, connect=0.1, pool=0.2)
        async with httpx.AsyncClient(transport=transport, timeout=timeout) as http:
            url = f"http://127.0.0.1:{server.port}/"
            async with anyio.create_task_group() as group:
                group.start_soon(http.get, url)  # holds the only connection
                await anyio.sleep(0.1)
                with pytest.raises(httpx.ConnectTimeout):
                    await http.get(url)
                group.cancel_scope.cancel()


async def test_aiohttp_body_is_streamed_as_it_arrives() -> None:
    """The first bytes reach the caller while the server still holds the rest back."""
    release = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst")
        await writer.drain()
        await release.wait()
        writer.write(b"-rest")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport = AiohttpTransport(ssl_context=httpx.create_ssl_context(), limits=httpx.Limits())
    async with httpx.AsyncClient(transport=transport) as http:
        async with http.stream("GET", f"http://127.0.0.1:{port}/") as response:
            chunks = response.aiter_bytes()
            assert await anext(chunks) == b"first"
            assert transport.open_responses == 1
            release.set()
            assert b"".join([chunk async for chunk in chunks]) == b"-rest"
        assert transport.open_responses == 0
    server.close()
    await server.wait_closed()


# --- proxy, User-Agent ------------------------------------------------------------------------


def proxied(port: int, backend: str, **kwargs: Any) -> CascoClient:
    """A client of a host that does not resolve: only a proxy can reach it."""
    kwargs.setdefault("retry", FAST_RETRY)
    return CascoClient(
        base_url="http://casco.invalid",
        account=ACCOUNT,
        password=PASSWORD,
        allow_insecure_http=True,
        transport_backend=backend,  # type: ignore[arg-type]
        **kwargs,
    )


@pytest.mark.parametrize("backend", BACKENDS)
async def test_explicit_proxy_with_credentials(backend: str) -> None:
    async with raw_server(lambda seen: auth_then(ok, seen)) as proxy:
        url = f"http://agent:s3cret@127.0.0.1:{proxy.port}"
        async with proxied(proxy.port, backend, proxy=url, trust_env=False) as casco:
            assert await casco.request("GET", "/nomenclature/county") == []
    # The proxy got absolute-form targets for the API's host, with its credentials.
    assert [s.target.split("?")[0] for s in proxy.seen[:2]] == [
        "http://casco.invalid/auth",
        "http://casco.invalid/nomenclature/county",
    ]
    credentials = base64.b64encode(b"agent:s3cret").decode()
    assert proxy.seen[1].headers["proxy-authorization"] == f"Basic {credentials}"


@pytest.mark.parametrize("backend", BACKENDS)
async def test_environment_proxy_and_no_proxy(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with raw_server(lambda seen: auth_then(ok, seen)) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"127.0.0.1:{proxy.port}")
        monkeypatch.delenv("http_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        async with proxied(proxy.port, backend) as casco:
            assert await casco.request("GET", "/nomenclature/county") == []
        used = len(proxy.seen)
        assert used >= 2
        # NO_PROXY covers the host, or the environment is not trusted: straight to the host.
        for settings in ({"NO_PROXY": "casco.invalid"}, {}):
            for name, value in settings.items():
                monkeypatch.setenv(name, value)
            trust = bool(settings)
            async with proxied(proxy.port, backend, trust_env=trust, max_retries=0) as casco:
                with pytest.raises(APIConnectionError):
                    await casco.request("GET", "/nomenclature/county")
        assert len(proxy.seen) == used


@pytest.mark.parametrize("backend", BACKENDS)
async def test_user_agent_names_the_sdk_and_can_be_replaced(backend: str) -> None:
    async with (
        raw_server(lambda seen: auth_then(ok, seen)) as server,
        client(server.port, backend) as casco,
    ):
        await casco.request("GET", "/nomenclature/county")
        async with client(server.port, backend, headers={"user-agent": "fleet-tool/2"}) as casco:
            await casco.request("GET", "/nomenclature/county")
    agents = [s.headers["user-agent"] for s in server.seen if "county" in s.target]
    assert agents[0].startswith(f"casco-async/{__import__('casco_async').__version__} httpx/")
    assert " python/3." in agents[0]
    assert agents[1] == "fleet-tool/2"


@dataclass
class SocksProxy:
    """What a SOCKS5 server saw: the (host, port) of each CONNECT, the credentials it was given."""

    port: int
    targets: list[tuple[str, int]] = field(default_factory=list)
    credentials: list[tuple[str, str]] = field(default_factory=list)


@asynccontextmanager
async def socks5_server(upstream_port: int, *, password: bool) -> AsyncIterator[SocksProxy]:
    """A SOCKS5 server on 127.0.0.1 (RFC 1928; RFC 1929 username/password when `password`)
    that relays every CONNECT, whatever host it names, to 127.0.0.1:`upstream_port`."""
    state = SocksProxy(port=0)

    async def relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while chunk := await reader.read(65536):
                writer.write(chunk)
                await writer.drain()
        finally:
            writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            version, count = await reader.readexactly(2)
            methods = await reader.readexactly(count)
            wanted = 0x02 if password else 0x00
            if version != 5 or wanted not in methods:
                writer.write(b"\x05\xff")
                return
            writer.write(bytes([5, wanted]))
            if password:
                _, size = await reader.readexactly(2)
                user = (await reader.readexactly(size)).decode()
                (size,) = await reader.readexactly(1)
                state.credentials.append((user, (await reader.readexactly(size)).decode()))
                writer.write(b"\x01\x00")
            _, command, _, kind = await reader.readexactly(4)
            if command != 1:  # CONNECT only
                writer.write(b"\x05\x07\x00\x01" + bytes(6))
                return
            if kind == 3:  # a host name: what httpx sends
                (size,) = await reader.readexactly(1)
                host = (await reader.readexactly(size)).decode()
            else:
                host = "address"
                await reader.readexactly(4 if kind == 1 else 16)
            port = int.from_bytes(await reader.readexactly(2), "big")
            state.targets.append((host, port))
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
            writer.write(b"\x05\x00\x00\x01" + bytes(4) + bytes(2))
            await asyncio.gather(relay(reader, up_writer), relay(up_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async with loopback_server(handle) as state.port:
        yield state


@pytest.mark.parametrize("password", [False, True])
async def test_a_socks5_proxy_carries_every_call_through_the_sharded_pool(password: bool) -> None:
    async with (
        raw_server(lambda seen: auth_then(ok, seen)) as api,
        socks5_server(api.port, password=password) as socks,
    ):
        login = "agent:s0cks-secret@" if password else ""
        url = f"socks5://{login}127.0.0.1:{socks.port}"
        async with proxied(api.port, "auto", proxy=url, trust_env=False) as casco:
            counties = [casco.request("GET", "/nomenclature/county") for _ in range(12)]
            assert await asyncio.gather(*counties) == [[]] * 12
            # "auto" keeps httpx's own transport for socks (aiohttp has none), sharded.
            transport = chosen_transport(casco)
            assert isinstance(transport, ShardedTransport)
            assert sum(transport.in_flight) == 0
            assert busy_connections(casco) == 0
    # Every connection went through the proxy, to the API's host: the login and 12 calls.
    assert socks.targets and set(socks.targets) == {("casco.invalid", 80)}
    assert api.paths().count("/nomenclature/county") == 12
    assert api.paths()[0] == "/auth"
    assert socks.credentials == (
        [("agent", "s0cks-secret")] * len(socks.targets) if password else []
    )


def test_a_socks5_proxy_without_socksio_is_refused_when_the_client_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "socksio" else real(name, *a)
    )
    with pytest.raises(ConfigurationError, match=r"socks5:// proxy needs socksio") as caught:
        client(9, "auto", proxy="socks5://agent:s0cks-secret@127.0.0.1:1080")
    assert "s0cks-secret" not in str(caught.value)
    with pytest.raises(ConfigurationError, match="aiohttp cannot use a socks proxy"):
        client(9, "aiohttp", proxy="socks5://127.0.0.1:1080")


def test_proxy_option_is_checked() -> None:
    with pytest.raises(ConfigurationError, match="not scheme 'ftp'") as caught:
        client(9, "auto", proxy="ftp://user:pr0xy-secret@proxy.example")
    assert "pr0xy-secret" not in str(caught.value)  # the proxy's password is never echoed


# --- custom transports ------------------------------------------------------------------------


def test_custom_transport_cannot_take_a_proxy() -> None:
    with pytest.raises(ConfigurationError, match="custom transport"):
        client(9, "auto", transport=httpx.AsyncHTTPTransport(), proxy="http://127.0.0.1:3128")


def test_custom_transport_with_a_small_pool_is_warned_about() -> None:
    small = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=5))
    with pytest.warns(RuntimeWarning, match="fewer than the 34 this client needs"):
        client(9, "auto", transport=small, max_concurrency=32)
    big = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=40))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client(9, "auto", transport=big, max_concurrency=32)
        client(9, "auto", transport=httpx.MockTransport(lambda request: httpx.Response(200)))


async def test_auto_keeps_httpx_when_a_test_mocks_it(httpx_mock: Any) -> None:
    """pytest-httpx patches httpx's transport in place: "auto" must send through it (the
    sharded pool's shards are that class, so the patch sees them)."""
    api = FakeApi()
    httpx_mock.add_callback(api, is_reusable=True)
    async with CascoClient(
        base_url="https://casco-qa.api.lifeishard.ro", account=ACCOUNT, password=PASSWORD
    ) as casco:
        await casco.nomenclature.counties()
        assert type(chosen_transport(casco)) is ShardedTransport
        assert busy_connections(casco) == 0  # its answers, read in full when made, counted back
    assert api.calls["GET /nomenclature/county"] == 1
