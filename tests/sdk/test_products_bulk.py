"""Bulk quoting lives under `casco.products`; the client's old spellings delegate to it."""

from __future__ import annotations

from typing import Any

import pytest
from support import ACCOUNT, BASE_URL, FAST_RETRY, PASSWORD, FakeApi, quote_request

from casco_async import CascoClient


@pytest.fixture
def api(httpx_mock: Any) -> FakeApi:
    fake = FakeApi()
    httpx_mock.add_callback(fake, is_reusable=True, is_optional=True)
    return fake


def client() -> CascoClient:
    return CascoClient(base_url=BASE_URL, account=ACCOUNT, password=PASSWORD, retry=FAST_RETRY)


async def test_products_quote_many_gives_one_outcome_per_tag(api: FakeApi) -> None:
    requests = [("a", quote_request()), ("b", {"not": "a quote"}), ("c", quote_request())]
    async with client() as casco, casco.products.quote_many(requests, concurrency=2) as results:
        outcomes = {outcome.tag: outcome async for outcome in results}
    assert set(outcomes) == {"a", "b", "c"}
    assert outcomes["a"].ok and outcomes["c"].ok and not outcomes["b"].ok
    assert api.calls["POST /offer"] == 2  # the invalid item never left the client


async def test_products_compare_and_the_old_spellings_agree(api: FakeApi) -> None:
    product = quote_request()["product"]
    async with client() as casco:
        new = await casco.products.compare(product, ["generali", "allianz"])
        old = await casco.compare_quotes(product, ["generali", "allianz"])
        via_client = [o async for o in casco.quote_many([quote_request()])]
    assert [o.insurer for o in new.offers] == [o.insurer for o in old.offers]
    assert sorted(o.insurer for o in new.offers) == ["allianz", "generali"]
    assert new.errors == old.errors == {}
    assert len(via_client) == 1 and via_client[0].ok
    assert api.calls["POST /offer"] == 5
