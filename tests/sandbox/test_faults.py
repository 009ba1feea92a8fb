"""Fault injection: each kind, per server and per operation, reproducible from a seed."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator

import anyio
import httpx
import jwt
import pytest

from casco_async.sandbox import FaultConfig, Sandbox, SimulatedDisconnect
from casco_async.sandbox._faults import decide
from casco_async.testing import sample_payment, sample_quote_request

BASE = "http://sandbox"


@pytest.fixture
async def client(casco_sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=casco_sandbox.transport(), base_url=BASE) as c:
        yield c


def token(sandbox: Sandbox) -> dict[str, str]:
    return {"Token": sandbox.issue_token()}


# -------------------------------------------------------------------------------- the config


@pytest.mark.parametrize(
    "changes",
    [
        {"error_rate": 1.5},
        {"rate_limit_rate": -0.1},
        {"drop_rate": 2},
        {"latency_ms": -1},
        {"error_statuses": (404,)},
        {"error_statuses": ()},
        {"chunk_size": 0},
        {"token_lifetime": 0},
        {"document_size": -1},
        {"latency_ms": float("inf")},
        {"latency_ms": float("nan")},
        {"jitter_ms": float("inf")},
        {"slow_body_ms": 1e12},
        {"error_rate": float("nan")},
        {"token_lifetime": float("nan")},
        {"token_lifetime": float("inf")},
        {"retry_after": 10**10},
        {"chunk_size": 1 << 40},
        {"document_size": 1 << 40},
        {"drop_after_bytes": 1 << 40},
    ],
)
def test_fault_config_refuses_nonsense(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        FaultConfig(**changes)  # type: ignore[arg-type]


def test_fault_config_round_trips_through_json_and_checks_types() -> None:
    config = FaultConfig(latency_ms=5, error_statuses=(502,), drop_after_bytes=10, raw_pdf=True)
    assert FaultConfig.from_dict(config.to_dict()) == config
    for bad in ({"nope": 1}, {"raw_pdf": "yes"}, {"error_rate": True}, {"retry_after": 1.5}):
        with pytest.raises(ValueError):
            FaultConfig.from_dict(bad)


def test_unknown_operation_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="getQoute"):
        Sandbox(operation_faults={"getQoute": FaultConfig(error_rate=1)})
    with pytest.raises(ValueError):
        Sandbox().set_faults(operations={"nope": FaultConfig()})


def test_decisions_depend_only_on_seed_operation_and_call_number() -> None:
    config = FaultConfig(error_rate=0.3, rate_limit_rate=0.2, drop_rate=0.2, jitter_ms=10)
    forward = [decide(config, seed=1, operation="getQuote", call=n) for n in range(1, 201)]
    backward = [decide(config, seed=1, operation="getQuote", call=n) for n in range(200, 0, -1)]
    assert forward == backward[::-1]
    other_seed = [decide(config, seed=2, operation="getQuote", call=n) for n in range(1, 201)]
    assert forward != other_seed
    kinds = Counter(
        "429" if d.status == 429 else "5xx" if d.status else "drop" if d.drop_after else "ok"
        for d in forward
    )
    assert set(kinds) == {"429", "5xx", "drop", "ok"}
    assert all(0 <= d.delay <= 0.010 for d in forward)


def test_changing_one_rate_does_not_reshuffle_the_others() -> None:
    base = FaultConfig(error_rate=0.3)
    more = FaultConfig(error_rate=0.3, jitter_ms=50, slow_body_ms=1)
    errors = [decide(base, seed=5, operation="x", call=n).status for n in range(1, 100)]
    again = [decide(more, seed=5, operation="x", call=n).status for n in range(1, 100)]
    assert errors == again


# ---------------------------------------------------------------------------------- each kind


@pytest.mark.casco_sandbox(faults=FaultConfig(rate_limit_rate=1.0, retry_after=7))
async def test_rate_limited_with_retry_after(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    response = await client.get("/nomenclature/county", headers=token(casco_sandbox))
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert response.json() == {
        "error": True,
        "status": 429,
        "message": "Too many requests",
        "data": None,
    }
    assert casco_sandbox.stats()["listCounties"]["rate_limited"] == 1


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_replace_the_call(status: int) -> None:
    sandbox = Sandbox(
        operation_faults={"getQuote": FaultConfig(error_rate=1.0, error_statuses=(status,))}
    )
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:
        response = await client.post("/offer", json=sample_quote_request(), headers=token(sandbox))
    assert response.status_code == status
    body = response.json()
    assert body["error"] is True and body["status"] == status and body["correlation_id"]
    assert sandbox.offers() == []  # nothing happened on the server
    assert sandbox.stats()["getQuote"]["server_error"] == 1


async def test_a_server_error_after_processing_is_an_ambiguous_outcome(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    headers = token(casco_sandbox)
    offer = (await client.post("/offer", json=sample_quote_request(), headers=headers)).json()
    offer = offer["data"]["offers"][0]
    casco_sandbox.set_faults(
        operations={"issuePolicy": FaultConfig(error_rate=1.0, error_after_processing=True)}
    )
    body = {"offerId": offer["offerId"], "payment": sample_payment(offer)}
    response = await client.post("/policy", json=body, headers=headers)
    assert response.status_code >= 500
    # ...but the policy exists: a blind retry is refused.
    assert [p.offer_id for p in casco_sandbox.policies()] == [offer["offerId"]]
    casco_sandbox.set_faults(operations={})
    retry = await client.post("/policy", json=body, headers=headers)
    assert retry.status_code == 409


@pytest.mark.casco_sandbox(operation_faults={"getQuote": FaultConfig(drop_rate=1.0)})
async def test_a_dropped_connection_in_process(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    with pytest.raises(httpx.RemoteProtocolError) as raised:
        await client.post("/offer", json=sample_quote_request(), headers=token(casco_sandbox))
    assert isinstance(raised.value, SimulatedDisconnect)
    assert raised.value.sent > 0  # part of the body went out
    # The call was carried out before the cut.
    assert len(casco_sandbox.offers()) == 1
    stats = casco_sandbox.stats()["getQuote"]
    assert stats["dropped"] == 1 and stats["ok"] == 0


@pytest.mark.casco_sandbox(
    operation_faults={"downloadOffer": FaultConfig(drop_rate=1.0, drop_after_bytes=1000)}
)
async def test_a_dropped_document_download(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    headers = token(casco_sandbox)
    offer = (await client.post("/offer", json=sample_quote_request(), headers=headers)).json()
    with pytest.raises(SimulatedDisconnect) as raised:
        await client.get(f"/offer/{offer['data']['offers'][0]['offerId']}", headers=headers)
    assert raised.value.sent == 1000


@pytest.mark.casco_sandbox(faults=FaultConfig(latency_ms=150))
async def test_latency(casco_sandbox: Sandbox, client: httpx.AsyncClient) -> None:
    started = time.perf_counter()
    await client.get("/offer/1", headers=token(casco_sandbox))
    assert time.perf_counter() - started >= 0.15
    # Admin endpoints are never faulted.
    started = time.perf_counter()
    assert (await client.get("/_sandbox/stats")).status_code == 200
    assert time.perf_counter() - started < 0.1


@pytest.mark.casco_sandbox(
    operation_faults={"downloadOffer": FaultConfig(slow_body_ms=40, chunk_size=16 * 1024)}
)
async def test_slow_body_pauses_before_each_piece(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    headers = token(casco_sandbox)
    offer = (await client.post("/offer", json=sample_quote_request(), headers=headers)).json()
    started = time.perf_counter()
    response = await client.get(f"/offer/{offer['data']['offers'][0]['offerId']}", headers=headers)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    pieces = -(-len(response.content) // (16 * 1024))  # 64 KiB PDF -> ~87 KB of JSON
    assert pieces >= 5
    assert elapsed >= pieces * 0.04 * 0.9


@pytest.mark.casco_sandbox(operation_faults={"authenticate": FaultConfig(token_lifetime=5)})
async def test_accelerated_token_expiry(casco_sandbox: Sandbox, client: httpx.AsyncClient) -> None:
    response = await client.post("/auth", params={"account": "sandbox", "password": "sandbox"})
    data = response.json()["data"]
    claims = jwt.decode(data["token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 5
    casco_sandbox.advance_clock(6)
    assert (await client.get("/offer/1", headers={"Token": data["token"]})).status_code == 401
    # renewToken keeps the server's lifetime: only authenticate was configured.
    renewed = await client.patch("/auth", headers={"Token": f"Refresh {data['refresh_token']}"})
    claims = jwt.decode(renewed.json()["data"]["token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 12 * 3600


@pytest.mark.casco_sandbox(operation_faults={"downloadOffer": FaultConfig(error_rate=1.0)})
async def test_per_operation_faults_leave_the_others_alone(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    headers = token(casco_sandbox)
    assert (await client.post("/offer", json=sample_quote_request(), headers=headers)).is_success
    assert (await client.get("/offer/100001", headers=headers)).status_code >= 500
    assert (await client.get("/policy?series=X&number=1", headers=headers)).status_code == 404


async def test_faults_come_before_the_token_check(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    # A gateway rate-limits before the application looks at the token.
    casco_sandbox.set_faults(FaultConfig(rate_limit_rate=1.0))
    assert (await client.get("/offer/1")).status_code == 429


# -------------------------------------------------------------------------- reproducibility


async def outcomes(sandbox: Sandbox, calls: int, *, concurrent: bool = False) -> list[int]:
    headers = token(sandbox)
    statuses: list[int] = []
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:

        async def one() -> None:
            try:
                response = await client.get("/offer/1", headers=headers)
                statuses.append(response.status_code)
            except httpx.RemoteProtocolError:
                statuses.append(-1)

        if concurrent:
            async with anyio.create_task_group() as group:
                for _ in range(calls):
                    group.start_soon(one)
        else:
            for _ in range(calls):
                await one()
    return statuses


MIXED = FaultConfig(error_rate=0.3, rate_limit_rate=0.2, drop_rate=0.2, document_size=None)


async def test_same_seed_same_sequence_of_outcomes() -> None:
    first = await outcomes(Sandbox(faults=MIXED, seed=42), 60)
    second = await outcomes(Sandbox(faults=MIXED, seed=42), 60)
    third = await outcomes(Sandbox(faults=MIXED, seed=43), 60)
    assert first == second
    assert first != third
    assert {404, 429, -1} <= set(first) and any(s >= 500 for s in first)


async def test_reset_replays_the_sequence_and_counts_match() -> None:
    sandbox = Sandbox(faults=MIXED, seed=7)
    first = await outcomes(sandbox, 40)
    stats = sandbox.stats()["downloadOffer"]
    assert stats["calls"] == 40
    assert stats["dropped"] == first.count(-1)
    assert stats["rate_limited"] == first.count(429)
    assert stats["client_error"] == first.count(404)
    assert stats["server_error"] == sum(s >= 500 for s in first)
    sandbox.reset_stats()
    assert await outcomes(sandbox, 40) == first


async def test_concurrency_does_not_change_which_calls_fail() -> None:
    sequential = await outcomes(Sandbox(faults=MIXED, seed=11), 50)
    concurrent = await outcomes(Sandbox(faults=MIXED, seed=11), 50, concurrent=True)
    assert Counter(sequential) == Counter(concurrent)


async def test_faults_change_at_run_time_over_http(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    headers = token(casco_sandbox)
    assert (await client.get("/offer/1", headers=headers)).status_code == 404
    put = await client.put(
        "/_sandbox/faults",
        json={"operations": {"downloadOffer": {"error_rate": 1, "error_statuses": [503]}}},
    )
    assert put.status_code == 200
    assert (await client.get("/offer/1", headers=headers)).status_code == 503
    # Admin endpoints stay healthy whatever the faults.
    await client.put("/_sandbox/faults", json={"faults": {"error_rate": 1, "drop_rate": 1}})
    for path in ("/_sandbox/stats", "/_sandbox/faults", "/_sandbox/health"):
        assert (await client.get(path)).status_code == 200
    stats = (await client.get("/_sandbox/stats")).json()["data"]["downloadOffer"]
    assert stats == {
        "calls": 2,
        "ok": 0,
        "client_error": 1,
        "unauthorized": 0,
        "rate_limited": 0,
        "server_error": 1,
        "dropped": 0,
    }
