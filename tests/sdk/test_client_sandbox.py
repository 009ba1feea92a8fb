"""CascoClient against the sandbox under uvicorn: real sockets, real timeouts, asyncio and trio."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import anyio
import pytest
from pypdf import PdfReader
from support import FAST_RETRY, VEHICLE, busy_connections

from casco_async import (
    AmbiguousOutcomeError,
    APIConnectionError,
    APITimeoutError,
    CascoClient,
    ConflictError,
    NotFoundError,
    RateLimitError,
    ValidationError,
)
from casco_async.sandbox import FaultConfig, SandboxServer
from casco_async.testing import sample_payment, sample_quote_request

# Every test runs on each transport the client can choose (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("transport_backend")
BACKENDS = ["asyncio", "trio"]


def connect(server: SandboxServer, **kwargs: Any) -> CascoClient:
    kwargs.setdefault("retry", FAST_RETRY)
    return CascoClient(base_url=server.base_url, account="sandbox", password="sandbox", **kwargs)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_broker_day(casco_sandbox_server: SandboxServer, backend: str, tmp_path: Path) -> None:
    sandbox = casco_sandbox_server.sandbox

    async def main() -> None:
        async with connect(casco_sandbox_server) as casco:
            counties = await casco.nomenclature.counties()
            cluj = next(c for c in counties if c.code == "CJ")
            towns = await casco.nomenclature.localities(cluj.id)
            assert any(t.name == "Cluj-Napoca" for t in towns)
            assert await casco.nomenclature.localities(999) == []
            assert any(c.iso2 == "RO" for c in await casco.nomenclature.countries())
            assert any(m.name == "Dacia" for m in await casco.nomenclature.vehicle_makes())
            assert any(m.name == "Duster" for m in await casco.nomenclature.vehicle_models("Dacia"))
            matches = await casco.helper.identify_vehicle(VEHICLE)
            assert matches and matches[0].brand == "Dacia"
            comparison = await casco.compare_quotes(sample_quote_request()["product"])
            assert len(comparison.offers) >= 3 and comparison.cheapest is not None
            premiums = [o.offer.premium_amount for o in comparison.offers]
            assert premiums == sorted(premiums)
            offer = (await casco.products.quote(sample_quote_request("generali")))[0]
            policy = await casco.products.issue_policy(
                offer.offer_id, sample_payment(offer.to_dict())
            )
            with pytest.raises(ConflictError):
                await casco.products.issue_policy(offer.offer_id, sample_payment(offer.to_dict()))
            infos = await casco.documents.save_policy_files(
                policy.series, policy.number, f"{tmp_path}/"
            )
            assert isinstance(infos, list) and len(infos) >= 2  # the policy and its conditions
            for info in infos:
                assert hashlib.sha256(info.path.read_bytes()).hexdigest() == info.sha256
                assert PdfReader(info.path).pages
            assert busy_connections(casco) == 0
        stats = sandbox.stats()
        assert stats["authenticate"]["ok"] == 1
        assert stats["deauthenticate"]["ok"] == 1
        assert stats["issuePolicy"]["calls"] == 2

    anyio.run(main, backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_token_storm_across_expiry_renews_once(
    casco_sandbox_server: SandboxServer, backend: str
) -> None:
    sandbox = casco_sandbox_server.sandbox
    # The first token lives 62 s and is renewed 61 s before expiry: stale one second after
    # issue. Renewed tokens live the default 12 h, so exactly one renewal is right.
    sandbox.set_faults(operations={"authenticate": FaultConfig(token_lifetime=62)})
    failures: list[BaseException] = []

    async def main() -> None:
        async with connect(casco_sandbox_server, refresh_margin=61, max_concurrency=50) as casco:
            await casco.nomenclature.counties()
            await anyio.sleep(1.1)

            async def one() -> None:
                try:
                    await casco.nomenclature.vehicle_makes()
                except Exception as exc:  # collected and asserted below
                    failures.append(exc)

            async with anyio.create_task_group() as tg:
                for _ in range(300):
                    tg.start_soon(one)

    anyio.run(main, backend=backend)
    stats = sandbox.stats()
    assert failures == []
    assert stats["renewToken"]["calls"] == 1 and stats["renewToken"]["ok"] == 1
    assert stats["authenticate"]["calls"] == 1
    assert stats["listVehicleMakes"]["ok"] == 300


async def test_revoked_token_is_replaced(casco_sandbox_server: SandboxServer) -> None:
    sandbox = casco_sandbox_server.sandbox
    async with connect(casco_sandbox_server) as casco:
        await casco.nomenclature.counties()
        tokens = casco.tokens.current
        assert tokens is not None
        # Someone else logs this session out: the next call meets a 401 and recovers.
        async with CascoClient(
            base_url=casco_sandbox_server.base_url, account="sandbox", password="sandbox"
        ) as other:
            other.tokens._tokens = tokens
        await casco.nomenclature.counties()
    assert sandbox.stats()["listCounties"]["unauthorized"] == 1
    assert sandbox.stats()["renewToken"]["calls"] + sandbox.stats()["authenticate"]["calls"] >= 2


async def test_real_read_timeout_is_typed_and_leaks_nothing(
    casco_sandbox_server: SandboxServer,
) -> None:
    sandbox = casco_sandbox_server.sandbox
    sandbox.set_faults(operations={"listCounties": FaultConfig(slow_body_ms=1000)})
    async with connect(casco_sandbox_server, timeout=0.2) as casco:
        with pytest.raises(APITimeoutError):
            await casco.nomenclature.counties()
        assert busy_connections(casco) == 0
        assert len(await casco.nomenclature.vehicle_makes()) > 10  # the client still works
    assert sandbox.stats()["listCounties"]["calls"] == 3  # first try + 2 retries


async def test_dropped_connections_are_retried_then_raised(
    casco_sandbox_server: SandboxServer,
) -> None:
    sandbox = casco_sandbox_server.sandbox
    sandbox.set_faults(operations={"listCountries": FaultConfig(drop_rate=1.0)})
    async with connect(casco_sandbox_server) as casco:
        with pytest.raises(APIConnectionError):
            await casco.nomenclature.countries()
        assert busy_connections(casco) == 0
    assert sandbox.stats()["listCountries"]["dropped"] == 3


async def test_rate_limited_calls_are_retried_after_the_wait(
    casco_sandbox_server: SandboxServer,
) -> None:
    sandbox = casco_sandbox_server.sandbox
    sandbox.set_faults(operations={"listCounties": FaultConfig(rate_limit_rate=1.0, retry_after=0)})
    async with connect(casco_sandbox_server, max_concurrency=8) as casco:
        with pytest.raises(RateLimitError) as caught:
            await casco.nomenclature.counties()
        assert caught.value.retry_after == 0
        assert (
            casco._pipeline.connection.concurrency.current_limit == 1
        )  # halved three times from 8
    assert sandbox.stats()["listCounties"]["rate_limited"] == 3


async def test_policy_timeout_is_ambiguous_and_sent_once(
    casco_sandbox_server: SandboxServer,
) -> None:
    sandbox = casco_sandbox_server.sandbox
    async with connect(casco_sandbox_server) as casco:
        offer = (await casco.products.quote(sample_quote_request()))[0]
        # The policy is issued, then its answer trickles out slower than the read timeout.
        sandbox.set_faults(operations={"issuePolicy": FaultConfig(slow_body_ms=600)})
        with pytest.raises(AmbiguousOutcomeError) as caught:
            await casco.with_options(timeout=0.2).products.issue_policy(
                offer.offer_id, sample_payment(offer.to_dict())
            )
        assert caught.value.offer_id == offer.offer_id
        await anyio.sleep(0.6)  # let the server finish the call the client gave up on
        assert busy_connections(casco) == 0
        # The ambiguity is resolved by asking again on purpose: the policy does exist.
        sandbox.set_faults(operations={})
        with pytest.raises(ConflictError):
            await casco.products.issue_policy(offer.offer_id, sample_payment(offer.to_dict()))
    assert sandbox.stats()["issuePolicy"]["calls"] == 2


async def test_server_validation_matches_client_validation(
    casco_sandbox_server: SandboxServer,
) -> None:
    request = sample_quote_request()
    request["product"]["vehicle"]["yearOfConstruction"] = 2999
    request["product"]["policyholder"]["address"]["floor"] = 3
    async with connect(casco_sandbox_server) as casco:
        with pytest.raises(ValidationError) as local:
            await casco.products.quote(request)
        with pytest.raises(ValidationError) as remote:
            await casco.with_options(validate_requests=False).products.quote(request)
    assert local.value.status_code is None and remote.value.status_code == 400
    assert (
        set(local.value.field_errors)
        == set(remote.value.field_errors)
        == {
            "product.vehicle.yearOfConstruction",
            "product.policyholder.address.floor",
        }
    )


async def test_romanian_messages(casco_sandbox_server: SandboxServer) -> None:
    request = sample_quote_request()
    request["product"]["policyholder"]["address"]["floor"] = 3
    async with connect(casco_sandbox_server, language="ro", validate_requests=False) as casco:
        with pytest.raises(ValidationError) as caught:
            await casco.products.quote(request)
    assert caught.value.status_code == 400
    assert caught.value.field_errors == {
        "product.policyholder.address.floor": ["Această valoare trebuie să fie de tipul string."]
    }


# --- documents ----------------------------------------------------------------------------------


async def test_large_padded_offer_streams_to_disk(
    casco_sandbox_server: SandboxServer, tmp_path: Path
) -> None:
    sandbox = casco_sandbox_server.sandbox
    size = 20 * 1024 * 1024
    sandbox.set_faults(operations={"downloadOffer": FaultConfig(document_size=size)})
    progress: list[int] = []
    async with connect(casco_sandbox_server) as casco:
        offer = (await casco.products.quote(sample_quote_request()))[0]
        info = await casco.documents.save_offer(
            offer.offer_id, tmp_path / "offer.pdf", progress=progress.append
        )
    assert not isinstance(info, list)
    assert info.size == size == info.path.stat().st_size
    assert progress[-1] == size and len(progress) > 10
    assert info.path.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["offer.pdf"]


async def test_two_policies_saved_in_one_directory_keep_their_own_files(
    casco_sandbox_server: SandboxServer, tmp_path: Path
) -> None:
    # The sandbox, like the API, names the conditions file after the insurer only (issue 14).
    async with connect(casco_sandbox_server) as casco:
        infos = []
        for _ in range(2):
            offer = (await casco.products.quote(sample_quote_request("generali")))[0]
            policy = await casco.products.issue_policy(
                offer.offer_id, sample_payment(offer.to_dict())
            )
            infos.append(await casco.documents.save_policy(policy.series, policy.number, tmp_path))
        again = await casco.documents.save_policy(policy.series, policy.number, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 6, names  # two policies, two conditions, and the repeat beside them
    for info in infos:
        (conditions,) = info.related
        stem = info.path.name.removesuffix(".pdf")
        assert conditions.path.name.startswith(f"{stem}-conditions-")
        assert hashlib.sha256(conditions.path.read_bytes()).hexdigest() == conditions.sha256
    assert again.path.name == infos[1].path.name.replace(".pdf", "-2.pdf")  # nothing replaced


async def test_raw_pdf_server(casco_sandbox_server: SandboxServer, tmp_path: Path) -> None:
    sandbox = casco_sandbox_server.sandbox
    sandbox.set_faults(operations={"downloadOffer": FaultConfig(raw_pdf=True)})
    async with connect(casco_sandbox_server) as casco:
        offer = (await casco.products.quote(sample_quote_request()))[0]
        infos = await casco.documents.save_offer_files(offer.offer_id, f"{tmp_path}/")
    assert isinstance(infos, list) and len(infos) == 1
    assert PdfReader(infos[0].path).pages


async def test_download_drops_leave_no_partial_file(
    casco_sandbox_server: SandboxServer, tmp_path: Path
) -> None:
    sandbox = casco_sandbox_server.sandbox
    sandbox.set_faults(
        operations={"downloadOffer": FaultConfig(drop_rate=1.0, document_size=2_000_000)}
    )
    async with connect(casco_sandbox_server) as casco:
        offer = (await casco.products.quote(sample_quote_request()))[0]
        with pytest.raises(APIConnectionError):
            await casco.documents.save_offer(offer.offer_id, tmp_path / "offer.pdf")
        sandbox.set_faults(operations={})
        with pytest.raises(NotFoundError):
            await casco.documents.save_offer(999_999_999, tmp_path / "offer.pdf")
        assert busy_connections(casco) == 0
    assert list(tmp_path.iterdir()) == []
    assert sandbox.stats()["downloadOffer"]["dropped"] == 3


async def test_stream_policy_documents(casco_sandbox_server: SandboxServer) -> None:
    async with connect(casco_sandbox_server) as casco:
        offer = (await casco.products.quote(sample_quote_request()))[0]
        policy = await casco.products.issue_policy(offer.offer_id, sample_payment(offer.to_dict()))
        seen = []
        async with casco.documents.stream_policy(policy.series, policy.number) as files:
            async for doc in files:
                data = b"".join([chunk async for chunk in doc])
                seen.append((doc.type, data[:5], data.rstrip()[-5:]))
    assert seen[0] == ("Policy", b"%PDF-", b"%%EOF")
    assert len(seen) >= 2


async def test_in_process_sandbox_as_in_the_readme(casco_sandbox: Any) -> None:
    async with CascoClient(
        base_url="http://localhost",
        account="sandbox",
        password="sandbox",
        transport=casco_sandbox.transport(),
    ) as casco:
        offers = await casco.products.quote(sample_quote_request("allianz"))
    assert offers and offers[0].currency == "RON"
    assert casco_sandbox.stats()["getQuote"]["ok"] == 1
