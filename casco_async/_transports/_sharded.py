"""httpx's own transport as several small pools: each request goes to the least-loaded one.

httpcore 1.0.9's pool serves a request by a pass over every connection it holds, once per
request waiting (encode/httpcore#1035): its CPU cost per request grows with the pool's size
times the requests in flight, about 4 ms a request at 50 in flight over 52 connections. The same
connections split over a few stock `httpx.AsyncHTTPTransport`s of a handful each make every pass
short. Each shard is httpx's transport unchanged, so its exceptions and timeouts reach the
pipeline as they always did (the "nothing sent" reading of `_retry._NOT_SENT` included), and
whatever patches that class in place (pytest-httpx, the OpenTelemetry instrumentation) still
sees every request.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator

import httpx

__all__ = ["CONNECTIONS_PER_SHARD", "ShardedTransport", "shard_sizes"]

CONNECTIONS_PER_SHARD = 6
"""About how many connections each shard holds. Measured on fastbulk's load (2,000 quotes at
c=50 over 52 connections), client CPU per quote: one pool 3.9 ms, shards of 26 1.6 ms, of 13
0.94, of 10 0.86, of 8 to 3 a flat 0.76-0.82 ms; 6 sits inside that floor with the fewest
shards, so keep-alive connections are spread over few pools."""


def shard_sizes(connections: int, per_shard: int = CONNECTIONS_PER_SHARD) -> list[int]:
    """`connections` split over shards of about `per_shard` each, as evenly as they go
    (one shard for a small pool): ``shard_sizes(52) == [7, 7, 7, 7, 6, 6, 6, 6]``."""
    return _split(connections, max(1, connections // per_shard))


def _split(total: int, count: int) -> list[int]:
    size, extra = divmod(total, count)
    return [size + 1 if index < extra else size for index in range(count)]


class _Released(httpx.AsyncByteStream):
    """A shard's answer body that gives its slot back once: when the body fails, or at `aclose`
    (read or not)."""

    def __init__(self, stream: httpx.AsyncByteStream, pool: ShardedTransport, index: int) -> None:
        self._stream = stream
        self._pool = pool
        self._index = index
        self._open = True

    def _release(self) -> None:
        if self._open:
            self._open = False
            self._pool.in_flight[self._index] -= 1

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._stream:
                yield chunk
        except GeneratorExit:
            raise  # the reader stopped early: the slot is given back at aclose
        except BaseException:
            # httpcore drops the connection of a failed body itself: the shard has it back.
            self._release()
            raise

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            self._release()


class ShardedTransport(httpx.AsyncBaseTransport):
    """`limits.max_connections` connections over `shard_sizes` stock httpx transports, all with
    the same TLS context and proxy; a request goes to the shard with the most free connections
    (the fewest requests in flight for its size; the first on a tie, so sequential calls keep
    reusing one warm connection). A request counts from its sending until its answer's stream
    is closed, so no request waits for a connection in one shard while another has one free.
    """

    def __init__(
        self,
        *,
        verify: ssl.SSLContext,
        limits: httpx.Limits,
        proxy: httpx.URL | None = None,
        per_shard: int = CONNECTIONS_PER_SHARD,
    ) -> None:
        total = limits.max_connections
        if total is None:  # no bound to split: one pool, as httpx would build it
            shard_limits = [limits]
        else:
            sizes = shard_sizes(total, per_shard)
            kept = limits.max_keepalive_connections
            keeps: list[int | None] = [None] * len(sizes)
            if kept is not None:
                keeps = list(_split(kept, len(sizes)))
            shard_limits = [
                httpx.Limits(
                    max_connections=size,
                    max_keepalive_connections=keep,
                    keepalive_expiry=limits.keepalive_expiry,
                )
                for size, keep in zip(sizes, keeps, strict=True)
            ]
        self.capacity: list[int] = [
            part.max_connections if part.max_connections is not None else 1 << 30
            for part in shard_limits
        ]
        """How many connections each shard may open."""
        self.in_flight: list[int] = [0] * len(shard_limits)
        """Requests sent through each shard whose answer's stream is not closed yet."""
        self.shards: list[httpx.AsyncHTTPTransport] = [
            httpx.AsyncHTTPTransport(verify=verify, proxy=proxy, limits=part)
            for part in shard_limits
        ]
        """The stock transports, in tie-breaking order."""

    def _least_loaded(self) -> int:
        in_flight, capacity = self.in_flight, self.capacity
        best, free = 0, capacity[0] - in_flight[0]
        for index in range(1, len(in_flight)):
            spare = capacity[index] - in_flight[index]
            if spare > free:
                best, free = index, spare
        return best

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        index = self._least_loaded()
        self.in_flight[index] += 1
        try:
            response = await self.shards[index].handle_async_request(request)
        except BaseException:  # an error, a timeout or a cancellation: nothing to close later
            self.in_flight[index] -= 1
            raise
        if response.is_closed:
            # Read in full as it was made (a mock's `httpx.Response(content=...)`): closing it
            # later would never reach its stream.
            self.in_flight[index] -= 1
            return response
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)  # an async transport's answer
        response.stream = _Released(stream, self, index)
        return response

    async def aclose(self) -> None:
        for shard in self.shards:
            await shard.aclose()
