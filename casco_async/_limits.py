"""Client-side limits: how many requests run at once, and how many start per second.

Both are anyio primitives, so the client runs under asyncio and trio alike.

- `ConcurrencyLimiter` sits in front of httpx's connection pool. The pool is sized larger than
  the limiter (see `_pipeline.py`), so a request that gets a slot always gets a connection and no
  `PoolTimeout` happens under load. After a 429 it halves the number of slots and then wins them
  back one at a time, one per `recovery_interval` of calls without a 429 (AIMD, as TCP does).
- `RateLimiter` spaces request starts evenly at `rate` per second.
"""

from __future__ import annotations

import time

import anyio

__all__ = ["ConcurrencyLimiter", "RateLimiter"]


class ConcurrencyLimiter:
    """At most `limit` requests in flight, fewer for a while after the server says 429.

    Args:
        limit: The most requests in flight.
        adaptive: Whether 429 answers lower the limit for a while.
        recovery_interval: Seconds between each restored slot after a 429.
    """

    def __init__(self, limit: int, *, adaptive: bool = True, recovery_interval: float = 2.0):
        if limit < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.limit = limit
        self.adaptive = adaptive
        self.recovery_interval = recovery_interval
        self._limiter: anyio.CapacityLimiter | None = None
        self._next_recovery = 0.0

    def __repr__(self) -> str:
        return f"ConcurrencyLimiter(limit={self.limit}, current={self.current_limit})"

    def _capacity(self) -> anyio.CapacityLimiter:
        # Created lazily: anyio binds the limiter to the event loop that first uses it.
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.limit)
        return self._limiter

    @property
    def current_limit(self) -> int:
        """The number of slots right now (lower than `limit` after recent 429s)."""
        return int(self._limiter.total_tokens) if self._limiter is not None else self.limit

    @property
    def in_flight(self) -> int:
        """Requests holding a slot now."""
        return int(self._limiter.borrowed_tokens) if self._limiter is not None else 0

    def slot(self) -> _Slot:
        """``async with limiter.slot():`` holds one slot for the duration of the block."""
        return _Slot(self._capacity())

    def rate_limited(self) -> None:
        """The server answered 429: halve the slots (never below one)."""
        if not self.adaptive:
            return
        limiter = self._capacity()
        limiter.total_tokens = max(1, int(limiter.total_tokens) // 2)
        self._next_recovery = time.monotonic() + self.recovery_interval

    def succeeded(self) -> None:
        """A call went through: win back one slot if the last 429 is old enough."""
        if self._limiter is None or self._limiter.total_tokens >= self.limit:
            return
        now = time.monotonic()
        if now >= self._next_recovery:
            self._limiter.total_tokens = min(self.limit, int(self._limiter.total_tokens) + 1)
            self._next_recovery = now + self.recovery_interval


class _Slot:
    """One held slot (a plain class: this is on every request's path)."""

    __slots__ = ("_borrower", "_limiter")

    def __init__(self, limiter: anyio.CapacityLimiter) -> None:
        self._limiter = limiter
        # A fresh borrower per holder: CapacityLimiter forbids one task borrowing twice, and a
        # request may run inside a caller's task that already holds a slot.
        self._borrower = object()

    async def __aenter__(self) -> None:
        # A free slot is taken without anyio's checkpoint (a trip round the event loop, ~15 us
        # per request): the request that follows awaits the network at once, which is the
        # cancellation point. Only a caller that must wait for a slot waits in anyio.
        try:
            self._limiter.acquire_on_behalf_of_nowait(self._borrower)
        except anyio.WouldBlock:
            await self._limiter.acquire_on_behalf_of(self._borrower)

    async def __aexit__(self, *exc_info: object) -> None:
        self._limiter.release_on_behalf_of(self._borrower)


class RateLimiter:
    """Request starts spaced evenly at `rate` per second (no bursts)."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate_limit must be positive")
        self.rate = rate
        self._interval = 1.0 / rate
        self._next_start = 0.0

    def __repr__(self) -> str:
        return f"RateLimiter(rate={self.rate})"

    async def wait(self) -> None:
        """Wait for this caller's start time."""
        # Reserve the slot before sleeping (no await in between): callers get distinct times.
        now = time.monotonic()
        start = max(now, self._next_start)
        self._next_start = start + self._interval
        if start > now:
            await anyio.sleep(start - now)
