"""Bulk quoting: a pool of workers running one quote function at bounded concurrency and memory.

Nothing here knows a client: `Products.quote_many` and `Products.compare` hand in their own
`quote` (one request → its offers). `BulkQuotes` runs a fixed number of workers that pull
requests from the input one at a time, so a million requests never become a million tasks or
a million results in memory: at most `concurrency` requests are in flight and `concurrency`
results wait for the consumer. Each item ends as a `QuoteOutcome` — offers, or the typed error
of that item alone.

The workers live in a task group owned by the `BulkQuotes` object; leaving its `async with`
block (normally, by `break`, by an error or by cancellation) cancels whatever is still running.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Hashable,
    Iterable,
    Mapping,
    Sequence,
)
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, TypeAlias

import anyio
import attrs

# The models package imports a model's module when the model is first used (PEP 562).
import casco_async_generated.models as generated

from ._errors import CascoError, ValidationError
from ._insurers import KNOWN_INSURERS, retarget

if TYPE_CHECKING:
    # For annotations only: anyio imports its streams and task groups on first use (as the
    # models package does its models), so importing them here would cost every import.
    from anyio.abc import TaskGroup
    from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
    from casco_async_generated.models import Offer, ProductData

__all__ = [
    "BulkQuotes",
    "InsurerOffer",
    "Quote",
    "QuoteComparison",
    "QuoteFailure",
    "QuoteOutcome",
    "QuoteSuccess",
    "compare_quotes",
]

# A string: `Offer` is only imported for type checkers (the models load on first use).
Quote: TypeAlias = "Callable[[Any], Awaitable[list[Offer]]]"
"""One quote request (a `QuoteRequest` or a mapping) → its offers, or a typed error."""


@attrs.frozen
class QuoteSuccess:
    """A request of a bulk run that the insurer answered with offers.

    `ok` is ``True`` as a literal type, so ``if outcome.ok:`` tells a type checker which of
    `QuoteSuccess` and `QuoteFailure` it holds: `offers` is then a list and `error` None.

    Attributes:
        tag: The item's tag: what was given as `(tag, request)`, else its position (0-based).
        request: The request as given.
        offers: The offers (empty if the insurer made none).
    """

    tag: Hashable
    request: Any = attrs.field(repr=False)
    offers: list[Offer]

    @property
    def ok(self) -> Literal[True]:
        """Always ``True``: the quote succeeded."""
        return True

    @property
    def error(self) -> None:
        """Always ``None`` (kept so that every outcome has both fields)."""
        return None

    @property
    def cheapest(self) -> Offer | None:
        """The offer with the lowest premium; None only if the insurer made no offer."""
        return min(self.offers, key=lambda o: o.premium_amount) if self.offers else None


@attrs.frozen
class QuoteFailure:
    """A request of a bulk run that failed, with its typed error (the others go on).

    Attributes:
        tag: The item's tag: what was given as `(tag, request)`, else its position (0-based).
        request: The request as given.
        error: The typed error (`ValidationError` with `field_errors`, `RateLimitError`, …).
    """

    tag: Hashable
    request: Any = attrs.field(repr=False)
    error: CascoError

    @property
    def ok(self) -> Literal[False]:
        """Always ``False``: the quote failed."""
        return False

    @property
    def offers(self) -> None:
        """Always ``None`` (kept so that every outcome has both fields)."""
        return None

    @property
    def cheapest(self) -> None:
        """Always ``None``."""
        return None


QuoteOutcome: TypeAlias = QuoteSuccess | QuoteFailure
"""The result of one request of a bulk run: narrow it with ``if outcome.ok:`` (or ``match``)."""


def _split(position: int, item: Any) -> tuple[Hashable, Any]:
    if isinstance(item, tuple) and len(item) == 2:
        return item[0], item[1]
    return position, item


class BulkQuotes:
    """Results of `casco.products.quote_many`, in completion order.

    Use as ``async with casco.products.quote_many(requests) as results: async for outcome in
    results``; iterating it directly also works when the loop runs to the end.

    Args:
        quote: Quotes one request (`Products.quote`).
        requests: The requests, or `(tag, request)` pairs; read lazily.
        concurrency: The number of workers, hence of requests in flight.
    """

    def __init__(
        self,
        quote: Quote,
        requests: Iterable[Any] | AsyncIterable[Any],
        concurrency: int,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._quote = quote
        self._requests = requests
        self._concurrency = concurrency
        self._task_group: TaskGroup | None = None
        self._receive: MemoryObjectReceiveStream[QuoteOutcome] | None = None

    async def __aenter__(self) -> Self:
        send, receive = anyio.create_memory_object_stream[QuoteOutcome](self._concurrency)
        self._receive = receive
        self._task_group = anyio.create_task_group()
        await self._task_group.__aenter__()
        self._task_group.start_soon(self._run, send)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        assert self._task_group is not None and self._receive is not None
        # Leaving early (break, error, cancellation): stop every worker still running.
        self._task_group.cancel_scope.cancel()
        self._receive.close()
        return await self._task_group.__aexit__(exc_type, exc, tb)

    def __aiter__(self) -> AsyncIterator[QuoteOutcome]:
        if self._receive is None:
            return self._iterate_owned()
        return _Outcomes(self._receive)

    async def _iterate_owned(self) -> AsyncIterator[QuoteOutcome]:
        async with self:
            assert self._receive is not None
            async for outcome in _Outcomes(self._receive):
                yield outcome

    def _next_input(self) -> Callable[[], Awaitable[tuple[Hashable, Any] | None]]:
        """The function each worker calls for its next (tag, request), None at the end."""
        requests = self._requests
        counter = itertools.count()
        if not isinstance(requests, AsyncIterable):
            items = iter(requests)

            async def next_item() -> tuple[Hashable, Any] | None:
                # `next` runs without awaiting, so no two workers are ever inside it at once.
                for item in items:
                    return _split(next(counter), item)
                return None

            return next_item
        aitems = aiter(requests)
        lock = anyio.Lock()  # one worker at a time advances an async input

        async def next_aitem() -> tuple[Hashable, Any] | None:
            async with lock:
                try:
                    item = await anext(aitems)
                except StopAsyncIteration:
                    return None
                return _split(next(counter), item)

        return next_aitem

    async def _run(self, send: MemoryObjectSendStream[QuoteOutcome]) -> None:
        next_input = self._next_input()

        async def worker(out: MemoryObjectSendStream[QuoteOutcome]) -> None:
            async with out:
                while (item := await next_input()) is not None:
                    tag, request = item
                    outcome = await self._quote_one(tag, request)
                    try:
                        # Without anyio's checkpoint while the buffer has room (one trip round
                        # the event loop per quote): the next quote's request awaits at once.
                        out.send_nowait(outcome)
                    except anyio.WouldBlock:
                        await out.send(outcome)
                    except anyio.BrokenResourceError:
                        # The consumer left the block while this quote's answer was being
                        # parsed (no checkpoint since then delivered the cancellation): there
                        # is no one to hand it to, and the workers are being cancelled.
                        return

        async with send, anyio.create_task_group() as workers:
            for _ in range(self._concurrency):
                workers.start_soon(worker, send.clone())

    async def _quote_one(self, tag: Hashable, request: Any) -> QuoteOutcome:
        try:
            offers = await self._quote(request)
        except CascoError as error:
            return QuoteFailure(tag, request, error)
        except (TypeError, ValueError) as error:
            # Not a request at all (e.g. a JSON line holding a list): that item's error only.
            return QuoteFailure(tag, request, ValidationError(str(error)))
        return QuoteSuccess(tag, request, offers)


class _Outcomes:
    """The outcomes as they arrive: one at once when it is there, else waited for."""

    __slots__ = ("_receive",)

    def __init__(self, receive: MemoryObjectReceiveStream[QuoteOutcome]) -> None:
        self._receive = receive

    def __aiter__(self) -> _Outcomes:
        return self

    async def __anext__(self) -> QuoteOutcome:
        try:
            try:
                # No anyio checkpoint when an outcome is ready (one trip round the event loop
                # per quote); a consumer waits, and so lets the workers run, once it has them all.
                return self._receive.receive_nowait()
            except anyio.WouldBlock:
                return await self._receive.receive()
        except anyio.EndOfStream:
            raise StopAsyncIteration from None


@attrs.frozen
class InsurerOffer:
    """An offer with the insurer that made it."""

    insurer: str
    offer: Offer


@attrs.frozen
class QuoteComparison:
    """One product quoted by several insurers.

    Attributes:
        offers: Every offer, cheapest first.
        errors: Each insurer that failed, with its typed error.
    """

    offers: list[InsurerOffer]
    errors: dict[str, CascoError]

    @property
    def cheapest(self) -> InsurerOffer | None:
        """The cheapest offer, if any insurer made one."""
        return self.offers[0] if self.offers else None


def _raise_common_error(
    check: Callable[[Mapping[str, Any]], object], requests: Sequence[Mapping[str, Any]]
) -> None:
    """Raise the `ValidationError` that every request fails with, if they all fail alike."""
    failures: list[ValidationError] = []
    for request in requests:
        try:
            check(request)
        except ValidationError as error:
            failures.append(error)
        else:
            return  # at least one insurer can be asked: each failure is that insurer's own
    if failures and all(
        (f.message, f.field_errors) == (failures[0].message, failures[0].field_errors)
        for f in failures
    ):
        raise failures[0]


def _premium(item: InsurerOffer) -> float:
    value = item.offer.premium_amount
    return float(value) if isinstance(value, int | float) else math.inf


async def compare_quotes(
    quote: Quote,
    product: ProductData | Mapping[str, Any],
    insurers: Sequence[str] | None = None,
    *,
    check: Callable[[Mapping[str, Any]], object] | None = None,
) -> QuoteComparison:
    """Send one product to several insurers at once; see `Products.compare`.

    `check` validates one request before anything is sent (raising `ValidationError`): a
    product that every insurer's request fails in the same way is one mistake of the caller,
    raised once, not the same error per insurer.
    """
    product_data = (
        product.to_dict() if isinstance(product, generated.ProductData) else dict(product)
    )
    chosen = list(insurers) if insurers is not None else list(KNOWN_INSURERS)
    # Each insurer's own product name, as the CLI's --insurers sends it (one rule, _insurers).
    requests = [(insurer, retarget({"product": product_data}, insurer)) for insurer in chosen]
    if check is not None:
        _raise_common_error(check, [request for _, request in requests])
    offers: list[InsurerOffer] = []
    errors: dict[str, CascoError] = {}
    async with BulkQuotes(quote, requests, max(1, len(requests))) as results:
        async for outcome in results:
            insurer = str(outcome.tag)
            if outcome.ok:
                offers.extend(InsurerOffer(insurer, offer) for offer in outcome.offers)
            else:
                errors[insurer] = outcome.error
    offers.sort(key=_premium)
    return QuoteComparison(offers=offers, errors={i: errors[i] for i in chosen if i in errors})
