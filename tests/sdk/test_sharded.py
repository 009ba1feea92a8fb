"""The sharded httpx pool (`ShardedTransport`) over real sockets: where requests go, what it
counts, that its pool never grows past its size, and that failures reach the caller exactly as
httpx's own transport raises them.

The server is a raw asyncio one on 127.0.0.1 that holds its answers until told to, cuts a body
short, or never answers; each failure is produced on a stock `httpx.AsyncHTTPTransport` too, and
the two exceptions must be of the same type (the pipeline's "nothing sent" reading depends on it).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpcore
import httpx
import pytest
from support import ACCOUNT, PASSWORD, chosen_transport, loopback_server

from casco_async import CascoClient
from casco_async._transports import ShardedTransport
from casco_async._transports._choice import httpx_is_mocked
from casco_async._transports._sharded import CONNECTIONS_PER_SHARD, shard_sizes

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
BIG = 256 * 1024  # a body read in several pieces


@dataclass
class Server:
    """A raw HTTP/1.1 server: how it answers, what it saw."""

    answer: str = "ok"  # ok, big, cut, hang, trickle
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    requests: int = 0
    connections: int = 0
    port: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                await reader.readuntil(b"\r\n\r\n")  # the tests send no bodies
                self.requests += 1
                self.arrived.set()
                await self.gate.wait()
                if self.answer == "ok":
                    writer.write(OK)
                elif self.answer == "big":
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % BIG)
                    writer.write(b"x" * BIG)
                elif self.answer == "cut":  # 10 bytes announced, 5 sent, then closed
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst")
                    await writer.drain()
                    break
                elif self.answer == "trickle":  # headers and a first piece, then nothing
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst")
                    await writer.drain()
                    await asyncio.sleep(30)
                else:  # hang
                    await asyncio.sleep(30)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def seen(self, requests: int) -> None:
        """Until the server has read `requests` requests (5 s: a safety net, not a timer)."""
        with anyio.fail_after(5):
            while self.requests < requests:
                self.arrived.clear()
                await self.arrived.wait()


@asynccontextmanager
async def serving(answer: str = "ok", *, open_gate: bool = True) -> AsyncIterator[Server]:
    state = Server(answer)
    if open_gate:
        state.gate.set()
    async with loopback_server(state.handle) as state.port:
        yield state


def sharded(connections: int, **kwargs: Any) -> ShardedTransport:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return ShardedTransport(verify=httpx.create_ssl_context(), limits=limits, **kwargs)


def free(transport: ShardedTransport) -> list[int]:
    return [size - busy for size, busy in zip(transport.capacity, transport.in_flight, strict=True)]


def checked_out(transport: ShardedTransport) -> int:
    return sum(not c.is_idle() for shard in transport.shards for c in shard._pool.connections)


# --- how the pool is split ---------------------------------------------------------------------


@pytest.mark.parametrize("connections", range(1, 130))
def test_shard_sizes_split_the_pool_evenly_into_handfuls(connections: int) -> None:
    sizes = shard_sizes(connections)
    assert sum(sizes) == connections
    assert max(sizes) - min(sizes) <= 1
    if connections < 2 * CONNECTIONS_PER_SHARD:
        assert sizes == [connections]  # a small pool stays one pool
    else:
        assert CONNECTIONS_PER_SHARD <= min(sizes) <= max(sizes) < 2 * CONNECTIONS_PER_SHARD


def test_every_shard_gets_the_tls_context_proxy_and_its_share_of_the_limits() -> None:
    context = ssl.create_default_context()
    limits = httpx.Limits(max_connections=34, max_keepalive_connections=20, keepalive_expiry=7)
    proxy = httpx.URL("http://proxy.example:3128")
    transport = ShardedTransport(verify=context, limits=limits, proxy=proxy)
    pools = [shard._pool for shard in transport.shards]
    assert len(pools) == len(shard_sizes(34)) > 1
    assert [pool._max_connections for pool in pools] == transport.capacity == shard_sizes(34)
    assert sum(pool._max_keepalive_connections for pool in pools) == 20
    for pool in pools:
        assert isinstance(pool, httpcore.AsyncHTTPProxy)
        assert pool._proxy_url.host == b"proxy.example"
        assert pool._ssl_context is context
        assert pool._keepalive_expiry == 7

    unbounded = ShardedTransport(verify=context, limits=httpx.Limits(max_connections=None))
    assert len(unbounded.shards) == 1
    assert unbounded.shards[0]._pool._max_connections == sys.maxsize  # httpcore's "no bound"


async def test_the_sdk_sends_through_the_sharded_pool_sized_as_it_asked() -> None:
    async with (
        serving() as server,
        CascoClient(
            base_url=f"http://127.0.0.1:{server.port}",
            account=ACCOUNT,
            password=PASSWORD,
            max_concurrency=32,
            transport_backend="httpx",
        ) as casco,
    ):
        await casco._pipeline.connection.http.get("/x")
        transport = chosen_transport(casco)
        assert type(transport) is ShardedTransport
        assert sum(transport.capacity) == 34  # max_concurrency + 2, as before the split
        assert transport.in_flight == [0] * len(transport.shards)


def test_a_callers_own_transport_is_never_wrapped() -> None:
    own = httpx.AsyncHTTPTransport()
    casco = CascoClient(
        base_url="http://127.0.0.1:9", account=ACCOUNT, password=PASSWORD, transport=own
    )
    assert casco._pipeline.connection.http._transport is own


# --- where requests go -------------------------------------------------------------------------


async def test_requests_go_to_the_least_loaded_shard_and_never_past_the_pool() -> None:
    transport = sharded(20)  # shards of 7, 7 and 6
    assert transport.capacity == [7, 7, 6]
    async with (
        serving(open_gate=False) as server,
        httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(5, pool=0.2)) as http,
        anyio.create_task_group() as group,
    ):
        url = f"http://127.0.0.1:{server.port}/"
        for number in range(1, 21):
            group.start_soon(http.get, url)
            await server.seen(number)
            assert sum(transport.in_flight) == number
            # Each request went where the most connections were free: the shards stay level.
            assert max(free(transport)) - min(free(transport)) <= 1, transport.in_flight
        assert transport.in_flight == transport.capacity
        assert [len(shard._pool.connections) for shard in transport.shards] == [7, 7, 6]
        # All 20 connections busy: one more waits for one (here past its pool timeout), and
        # no shard opens a 21st.
        with pytest.raises(httpx.PoolTimeout):
            await http.get(url)
        assert server.connections == 20
        assert transport.in_flight == transport.capacity
        server.gate.set()
    assert transport.in_flight == [0, 0, 0]
    assert checked_out(transport) == 0


async def test_sequential_requests_reuse_the_first_shards_connection() -> None:
    transport = sharded(20)
    async with serving() as server, httpx.AsyncClient(transport=transport) as http:
        for _ in range(5):
            assert (await http.get(f"http://127.0.0.1:{server.port}/")).content == b"ok"
    assert server.connections == 1
    assert transport.in_flight == [0, 0, 0]


# --- what is counted, and what is raised -------------------------------------------------------


async def _read(http: httpx.AsyncClient, url: str) -> None:
    response = await http.get(url)
    assert response.content == b"ok"


async def _unread(http: httpx.AsyncClient, url: str) -> None:
    async with http.stream("GET", url) as response:
        assert response.status_code == 200  # closed without reading a byte


async def _one_piece(http: httpx.AsyncClient, url: str) -> None:
    async with http.stream("GET", url) as response:
        async for _ in response.aiter_raw(1024):
            break  # the reader stops early


async def _cancelled(http: httpx.AsyncClient, url: str) -> None:
    with anyio.move_on_after(0.1) as scope:
        await http.get(url)
    assert scope.cancelled_caught


async def _cancelled_in_body(http: httpx.AsyncClient, url: str) -> None:
    async with http.stream("GET", url) as response:
        with anyio.move_on_after(0.1) as scope:
            await response.aread()
        assert scope.cancelled_caught


CASES: dict[str, tuple[str, Callable[[httpx.AsyncClient, str], Awaitable[None]]]] = {
    "read": ("ok", _read),
    "never read": ("big", _unread),
    "read in part": ("big", _one_piece),
    "body cut short": ("cut", _read),
    "no answer (read timeout)": ("hang", _read),
    "cancelled before the answer": ("hang", _cancelled),
    "cancelled in the body": ("trickle", _cancelled_in_body),
    "nothing listening": ("closed", _read),
}


async def _attempt(
    transport: httpx.AsyncBaseTransport, answer: str, how: Callable[..., Awaitable[None]]
) -> BaseException | None:
    timeout = httpx.Timeout(5, read=0.2)
    async with serving(answer) as server, httpx.AsyncClient(transport=transport) as http:
        port = server.port
        if answer == "closed":
            with socket.socket() as unused:  # a port nothing listens on
                unused.bind(("127.0.0.1", 0))
                port = unused.getsockname()[1]
        http.timeout = timeout
        try:
            await how(http, f"http://127.0.0.1:{port}/")
        except Exception as error:
            return error
    return None


@pytest.mark.parametrize("case", list(CASES))
async def test_every_request_is_counted_until_its_answer_is_closed(case: str) -> None:
    answer, how = CASES[case]
    transport = sharded(20)
    error = await _attempt(transport, answer, how)
    assert transport.in_flight == [0, 0, 0]  # given back once: never left above, never below
    assert checked_out(transport) == 0
    # The same failure on httpx's own transport: the exception passes through unchanged.
    stock = await _attempt(httpx.AsyncHTTPTransport(), answer, how)
    assert type(error) is type(stock)
    if case in ("body cut short", "no answer (read timeout)", "nothing listening"):
        assert isinstance(error, httpx.TransportError)


async def test_a_failed_body_is_given_back_before_the_answer_is_closed() -> None:
    transport = sharded(20)
    async with serving("cut") as server, httpx.AsyncClient(transport=transport) as http:
        async with http.stream("GET", f"http://127.0.0.1:{server.port}/") as response:
            with pytest.raises(httpx.RemoteProtocolError):
                await response.aread()
            assert transport.in_flight == [0, 0, 0]  # httpcore dropped that connection
        assert transport.in_flight == [0, 0, 0]  # and closing did not give it back twice


# --- what patches httpx's transport in place still sees -----------------------------------------


class Pieces(httpx.AsyncByteStream):
    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"mock"
        yield b"ed"


@pytest.mark.parametrize("body", ["read in full", "streamed"])
async def test_a_class_level_patch_sees_every_shards_requests(body: str, monkeypatch: Any) -> None:
    """What pytest-httpx and the OpenTelemetry instrumentation do: patch the class's method."""
    gate = anyio.Event()
    senders: list[httpx.AsyncHTTPTransport] = []

    async def mocked(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        senders.append(self)
        await gate.wait()
        if body == "streamed":
            return httpx.Response(200, stream=Pieces())
        return httpx.Response(200, content=b"mocked")  # closed as it is made

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", mocked)
    assert httpx_is_mocked()
    transport = sharded(20)
    answers: list[bytes] = []

    async def get(http: httpx.AsyncClient) -> None:
        answers.append((await http.get("http://casco.invalid/")).content)

    async with httpx.AsyncClient(transport=transport) as http, anyio.create_task_group() as group:
        for _ in range(6):
            group.start_soon(get, http)
        await anyio.wait_all_tasks_blocked()
        gate.set()
    assert answers == [b"mocked"] * 6
    assert {id(sender) for sender in senders} == {id(shard) for shard in transport.shards}
    assert transport.in_flight == [0, 0, 0]


# --- trio ---------------------------------------------------------------------------------------


def test_under_trio_requests_spread_and_are_counted_back() -> None:
    """The trio path: 12 requests held open at once are spread, then all counted back."""

    async def main() -> tuple[list[int], list[int], int]:
        gate, arrived = anyio.Event(), [0]

        async def serve(stream: Any) -> None:
            async with stream:
                while True:
                    try:
                        await stream.receive()  # one small GET per read
                    except anyio.EndOfStream:
                        return
                    arrived[0] += 1
                    await gate.wait()
                    await stream.send(OK)

        transport = sharded(20)
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        async with anyio.create_task_group() as server:
            server.start_soon(listener.serve, serve)
            async with httpx.AsyncClient(transport=transport) as http:
                async with anyio.create_task_group() as group:
                    for _ in range(12):
                        group.start_soon(http.get, f"http://127.0.0.1:{port}/")
                    with anyio.fail_after(5):
                        while arrived[0] < 12:
                            await anyio.wait_all_tasks_blocked()
                    held = list(transport.in_flight)
                    gate.set()
                after = list(transport.in_flight)
                busy = checked_out(transport)
            server.cancel_scope.cancel()
        return held, after, busy

    held, after, busy = anyio.run(main, backend="trio")
    assert held == [5, 4, 3]  # over shards of 7, 7 and 6: 2, 3 and 3 connections left free
    assert after == [0, 0, 0]
    assert busy == 0
