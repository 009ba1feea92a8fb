"""quote_many and compare_quotes with pytest-httpx: isolation, bounds, cancellation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

import anyio
import httpx
import pytest
from support import (
    ACCOUNT,
    BASE_URL,
    OFFER,
    PASSWORD,
    FakeApi,
    envelope,
    error_envelope,
    quote_request,
)

from casco_async import (
    CascoClient,
    NotFoundError,
    QuoteFailure,
    QuoteSuccess,
    RetryPolicy,
    ValidationError,
)


def client(**kwargs: Any) -> CascoClient:
    retry = RetryPolicy(max_retries=0)
    return CascoClient(base_url=BASE_URL, account=ACCOUNT, password=PASSWORD, retry=retry, **kwargs)


class PricedApi(FakeApi):
    """Answers each quote with a premium derived from the insurer; 'unknown' fails."""

    premiums: ClassVar[dict[str, float]] = {
        "generali": 3000.0,
        "groupama": 2500.0,
        "eazy_insure": 2700.0,
        "allianz": 4000.0,
    }

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.delay = delay
        self.in_flight = 0
        self.peak = 0
        self.products: dict[str, str] = {}

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/offer":
            return await super().__call__(request)
        self.calls["POST /offer"] += 1
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await anyio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        body = json.loads(request.content)
        insurer = body["provider"]["organization"]["businessName"]
        self.products[insurer] = body["product"]["name"]
        if insurer not in self.premiums:
            return httpx.Response(404, json=error_envelope(404, f"unknown insurer {insurer}"))
        offer = {**OFFER, "premiumAmount": self.premiums[insurer]}
        return httpx.Response(200, json=envelope({"provider": body["provider"], "offers": [offer]}))


@pytest.fixture
def api(httpx_mock: Any) -> PricedApi:
    fake = PricedApi(delay=0.005)
    httpx_mock.add_callback(fake, is_reusable=True, is_optional=True)
    return fake


async def test_every_item_gets_one_outcome_and_failures_stay_local(api: PricedApi) -> None:
    insurers = ["generali", "unknown", "allianz", "groupama"] * 10
    broken = quote_request()
    del broken["product"]["vehicle"]["vin"]
    items: list[Any] = [(f"r{i}", quote_request(name)) for i, name in enumerate(insurers)]
    items += [("bad", broken), ("not-a-request", ["a", "list"])]
    async with client() as casco, casco.quote_many(items, concurrency=5) as results:
        outcomes = [outcome async for outcome in results]
    by_tag = {o.tag: o for o in outcomes}
    assert len(outcomes) == len(items) == len(by_tag)
    assert all(by_tag[f"r{i}"].ok for i, n in enumerate(insurers) if n != "unknown")
    assert all(
        isinstance(by_tag[f"r{i}"].error, NotFoundError)
        for i, n in enumerate(insurers)
        if n == "unknown"
    )
    assert isinstance(by_tag["bad"].error, ValidationError)
    assert "product.vehicle.vin" in by_tag["bad"].error.field_errors
    assert isinstance(by_tag["not-a-request"].error, ValidationError)
    assert by_tag["r0"].cheapest is not None and by_tag["r0"].cheapest.premium_amount == 3000.0
    assert api.peak <= 5


async def test_tags_default_to_positions_and_direct_iteration_works(api: PricedApi) -> None:
    async with client() as casco:
        outcomes = [o async for o in casco.quote_many([quote_request()] * 3)]
    assert sorted(int(str(o.tag)) for o in outcomes) == [0, 1, 2]


async def test_input_is_read_lazily(api: PricedApi) -> None:
    pulled = 0
    handed_out = 0
    worst_gap = 0

    def endless() -> Iterator[dict[str, Any]]:
        nonlocal pulled
        request = quote_request()
        while True:
            pulled += 1
            yield request

    async with client() as casco, casco.quote_many(endless(), concurrency=4) as results:
        async for _ in results:
            handed_out += 1
            worst_gap = max(worst_gap, pulled - handed_out)
            if handed_out == 100:
                break
    # Never more than the in-flight requests plus the result buffer ahead of the consumer.
    assert worst_gap <= 4 + 4 + 1
    assert pulled < 120


async def test_leaving_early_cancels_the_rest(api: PricedApi) -> None:
    api.delay = 0.05
    async with client() as casco:
        async with casco.quote_many([quote_request()] * 1000, concurrency=10) as results:
            async for _ in results:
                break
        calls_at_exit = api.calls["POST /offer"]
        await anyio.sleep(0.2)
        assert api.calls["POST /offer"] == calls_at_exit  # nothing kept running
        assert api.in_flight == 0
    assert calls_at_exit <= 21


async def test_cancelling_the_consumer_leaves_nothing_running(api: PricedApi) -> None:
    api.delay = 0.05
    async with client() as casco:
        with anyio.move_on_after(0.12):
            async with casco.quote_many([quote_request()] * 1000, concurrency=10) as results:
                async for _ in results:
                    pass
        calls = api.calls["POST /offer"]
        await anyio.sleep(0.2)
        assert api.calls["POST /offer"] == calls and api.in_flight == 0


async def test_compare_quotes_sorts_by_premium_and_keeps_errors(api: PricedApi) -> None:
    product = quote_request()["product"]
    async with client() as casco:
        comparison = await casco.compare_quotes(
            product, insurers=["generali", "groupama", "unknown", "allianz"]
        )
    assert [o.insurer for o in comparison.offers] == ["groupama", "generali", "allianz"]
    assert comparison.cheapest is not None and comparison.cheapest.insurer == "groupama"
    assert list(comparison.errors) == ["unknown"]
    assert isinstance(comparison.errors["unknown"], NotFoundError)
    # Each insurer gets its own product name, as the CLI's --insurers sends it.
    assert api.products == {
        "generali": "casco",
        "groupama": "casco-leasing",
        "unknown": "casco",
        "allianz": "casco",
    }


async def test_compare_raises_a_product_invalid_for_every_insurer_once(api: PricedApi) -> None:
    product = quote_request()["product"]
    del product["vehicle"]["vin"]
    async with client() as casco:
        with pytest.raises(ValidationError) as raised:
            await casco.products.compare(product)
    assert "product.vehicle.vin" in raised.value.field_errors
    assert api.calls["POST /offer"] == 0  # nothing was sent


async def test_outcomes_are_successes_or_failures_told_apart_by_ok(api: PricedApi) -> None:
    items = [("good", quote_request()), ("gone", quote_request("unknown"))]
    async with client() as casco, casco.products.quote_many(items) as results:
        by_tag = {o.tag: o async for o in results}
    good, gone = by_tag["good"], by_tag["gone"]
    assert isinstance(good, QuoteSuccess) and good.ok is True and good.error is None
    assert good.cheapest is not None and good.cheapest.premium_amount == 3000.0
    assert isinstance(gone, QuoteFailure) and gone.ok is False and gone.offers is None
    assert isinstance(gone.error, NotFoundError) and gone.cheapest is None
