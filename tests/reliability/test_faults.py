"""Reliability against the sandbox under uvicorn: every idempotent operation x every fault kind,
`POST /policy` under faults, a leak check across every error path, and a mixed workload.

Fault kinds: 429 with Retry-After, 5xx, connection cut mid-body (each as a burst the retries
absorb and as one they cannot), a body slower than the read timeout, a token revoked behind the
client's back, and a renewal refused because its refresh token was spent elsewhere. After each:
the sandbox saw exactly the calls it should, only `CascoError`s came out, and no connection of
the pool is still checked out.

The sandbox decides each call's fate from ``(seed, operationId, call number)`` alone
(`casco_async.sandbox._faults.decide`), so the number of calls a retrying client must make is
known in advance: the first call the sandbox lets through, or ``max_retries + 1`` when none is.
The tests compute that oracle and compare it with the sandbox's own counters.
"""

from __future__ import annotations

import dataclasses
import ssl
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import psutil
import pytest
from support import FAST_RETRY, VEHICLE, busy_connections, pooled_connections

from casco_async import (
    AmbiguousOutcomeError,
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    CascoClient,
    CascoError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ValidationError,
)
from casco_async._secret import Secret
from casco_async.sandbox import FaultConfig, Sandbox, SandboxServer
from casco_async.sandbox._faults import decide
from casco_async.testing import sample_payment, sample_quote_request

# Every test runs on each transport the client can choose (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("transport_backend")
ACCOUNT = "broker.reliability"
PASSWORD = "pw-RELIABILITY-PLANTED-4d7e1c"
WRONG_PASSWORD = "pw-WRONG-PLANTED-0b9a3f"
MAX_RETRIES = FAST_RETRY.max_retries
# Built once: loading the CA bundle for every client would dominate these tests' run time.
TLS = ssl.create_default_context()
# A slow body pauses this long before each piece; the client gives up after SLOW_READ seconds.
SLOW_BODY_MS = 1500.0
SLOW_READ = 0.3


@dataclasses.dataclass(frozen=True)
class Documents:
    offer_id: int
    series: str
    number: int


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(secret_guard: Any) -> Iterator[SandboxServer]:
    """One sandbox server for the module; each test resets its faults and counters."""
    secret_guard.plant(PASSWORD, WRONG_PASSWORD)
    with SandboxServer(Sandbox(accounts={ACCOUNT: PASSWORD})) as running:
        yield running


@pytest.fixture(scope="module")
def documents(server: SandboxServer) -> Documents:
    """An offer and a policy to download."""

    async def create() -> Documents:
        async with connect(server) as casco:
            offer = (await casco.products.quote(sample_quote_request()))[0]
            policy = await casco.products.issue_policy(
                offer.offer_id, sample_payment(offer.to_dict())
            )
        return Documents(offer.offer_id, policy.series, policy.number)

    return anyio.run(create)


@pytest.fixture
def sandbox(server: SandboxServer) -> Sandbox:
    sandbox = server.sandbox
    sandbox.set_faults(FaultConfig(), operations={}, seed=0)
    sandbox.reset_stats()
    return sandbox


# --- helpers ------------------------------------------------------------------------------------


def connect(server: SandboxServer, **kwargs: Any) -> CascoClient:
    kwargs.setdefault("retry", FAST_RETRY)
    return CascoClient(
        base_url=server.base_url, account=ACCOUNT, password=PASSWORD, verify=TLS, **kwargs
    )


def expected_calls(config: FaultConfig, seed: int, operation: str) -> tuple[int, bool]:
    """(calls a retrying client makes, whether every one of them is faulted)."""
    for call in range(1, MAX_RETRIES + 2):
        if not decide(config, seed=seed, operation=operation, call=call).faulty:
            return call, False
    return MAX_RETRIES + 1, True


def recovering_seed(config: FaultConfig, operation: str) -> int:
    """A seed whose first call is faulted and a later one (within the retries) is not."""
    for seed in range(10_000):
        calls, exhausted = expected_calls(config, seed, operation)
        if calls > 1 and not exhausted:
            return seed
    raise AssertionError("no recovering seed")  # pragma: no cover


Call = Callable[[CascoClient, Documents, Path], Awaitable[object]]


async def _call_localities(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.nomenclature.localities(12)


async def _call_models(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.nomenclature.vehicle_models("Dacia")


async def _call_identify(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.helper.identify_vehicle(VEHICLE)


async def _call_quote(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.products.quote(sample_quote_request("allianz"))


async def _call_offer_pdf(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    # Called again and again on the same path: each save replaces the last, as asked.
    return await casco.documents.save_offer(docs.offer_id, tmp / "offer.pdf", overwrite=True)


async def _call_policy_pdf(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.documents.save_policy(docs.series, docs.number, f"{tmp}/policy/")


async def _call_countries(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.nomenclature.countries()


async def _call_counties(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.nomenclature.counties()


async def _call_makes(casco: CascoClient, docs: Documents, tmp: Path) -> object:
    return await casco.nomenclature.vehicle_makes()


# Every idempotent operation a user calls directly, by operationId.
USER_CALLS: dict[str, Call] = {
    "listCountries": _call_countries,
    "listCounties": _call_counties,
    "listLocalities": _call_localities,
    "listVehicleMakes": _call_makes,
    "listVehicleModels": _call_models,
    "identifyVehicleCode": _call_identify,
    "getQuote": _call_quote,
    "downloadOffer": _call_offer_pdf,
    "downloadPolicy": _call_policy_pdf,
}

# Probabilistic kinds: (FaultConfig field set to the rate, extra settings, error when exhausted,
# sandbox outcome counter of a faulted call).
RATE_KINDS: dict[str, tuple[str, dict[str, Any], type[CascoError], str]] = {
    "429": ("rate_limit_rate", {"retry_after": 0}, RateLimitError, "rate_limited"),
    "5xx": ("error_rate", {}, InternalServerError, "server_error"),
    "drop": ("drop_rate", {}, APIConnectionError, "dropped"),
}


def rate_config(kind: str, rate: float, **extra: Any) -> FaultConfig:
    field, settings, _, _ = RATE_KINDS[kind]
    return FaultConfig(**{field: rate, **settings, **extra})


async def warm_up(casco: CascoClient) -> None:
    """Authenticate with a call that is not under test (counters are reset afterwards)."""
    await casco.nomenclature.counties()


async def revoke_out_of_band(server: SandboxServer, casco: CascoClient) -> None:
    """Someone logs the client's session out: its token and refresh token die."""
    tokens = casco.tokens.current
    assert tokens is not None
    async with httpx.AsyncClient(base_url=server.base_url) as other:
        answer = await other.delete("/auth", headers={"Token": tokens.token})
    assert answer.status_code == 200


async def spend_refresh_out_of_band(server: SandboxServer, casco: CascoClient) -> None:
    """Another process renews first: the client's refresh token is spent."""
    tokens = casco.tokens.current
    assert tokens is not None and tokens.refresh_token
    async with httpx.AsyncClient(base_url=server.base_url) as other:
        answer = await other.patch("/auth", headers={"Token": f"Refresh {tokens.refresh_token}"})
    assert answer.status_code == 200


# --- the matrix: user operations ----------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RATE_KINDS))
@pytest.mark.parametrize("operation", list(USER_CALLS))
async def test_transient_faults_are_retried_exactly_as_decided(
    server: SandboxServer,
    sandbox: Sandbox,
    documents: Documents,
    tmp_path: Path,
    operation: str,
    kind: str,
) -> None:
    """A burst that ends within the retries succeeds; one that does not raises its typed error
    after exactly max_retries + 1 calls. Either way no connection stays checked out."""
    call = USER_CALLS[operation]
    _, _, error_type, outcome = RATE_KINDS[kind]
    half = rate_config(kind, 0.5)
    phases = [
        (half, recovering_seed(half, operation)),
        (rate_config(kind, 1.0), 0),
    ]
    async with connect(server) as casco:
        await warm_up(casco)
        for config, seed in phases:
            calls, exhausted = expected_calls(config, seed, operation)
            sandbox.reset_stats()
            sandbox.set_faults(operations={operation: config}, seed=seed)
            if exhausted:
                with pytest.raises(error_type):
                    await call(casco, documents, tmp_path)
            else:
                await call(casco, documents, tmp_path)
            assert busy_connections(casco) == 0
            stats = sandbox.stats()[operation]
            sandbox.set_faults(operations={})
            assert stats["calls"] == calls, (kind, seed)
            assert stats[outcome] == calls - (0 if exhausted else 1)
            assert stats["ok"] == (0 if exhausted else 1)
    assert sorted(p.name for p in tmp_path.glob("**/.casco-*")) == []  # no temporary left


@pytest.mark.parametrize("operation", list(USER_CALLS))
async def test_slow_body_beyond_the_timeout(
    server: SandboxServer,
    sandbox: Sandbox,
    documents: Documents,
    tmp_path: Path,
    operation: str,
) -> None:
    call = USER_CALLS[operation]
    async with connect(server) as casco:
        await warm_up(casco)
        sandbox.reset_stats()
        sandbox.set_faults(operations={operation: FaultConfig(slow_body_ms=SLOW_BODY_MS)})
        slow = casco.with_options(timeout=httpx.Timeout(10.0, read=SLOW_READ), max_retries=1)
        with pytest.raises(APITimeoutError):
            await call(slow, documents, tmp_path)
        assert busy_connections(casco) == 0
        stats = sandbox.stats()[operation]
        sandbox.set_faults(operations={})
        await call(casco, documents, tmp_path)  # the client still works
    assert stats["calls"] == 2  # the first try and one retry
    assert [p.name for p in tmp_path.glob("**/.casco-*")] == []


@pytest.mark.parametrize("operation", list(USER_CALLS))
async def test_revoked_token_recovers(
    server: SandboxServer,
    sandbox: Sandbox,
    documents: Documents,
    tmp_path: Path,
    operation: str,
) -> None:
    """401 → the renewal fails too (revoking spent the refresh token) → POST /auth → replay."""
    call = USER_CALLS[operation]
    async with connect(server) as casco:
        await warm_up(casco)
        await revoke_out_of_band(server, casco)
        sandbox.reset_stats()
        await call(casco, documents, tmp_path)
        assert busy_connections(casco) == 0
        stats = sandbox.stats()
    assert stats[operation]["unauthorized"] == 1 and stats[operation]["ok"] == 1
    assert stats[operation]["calls"] == 2
    assert stats["renewToken"]["calls"] == stats["renewToken"]["unauthorized"] == 1
    assert stats["authenticate"]["calls"] == stats["authenticate"]["ok"] == 1


@pytest.mark.parametrize("operation", list(USER_CALLS))
async def test_rejected_renewal_falls_back_to_authenticate(
    server: SandboxServer,
    sandbox: Sandbox,
    documents: Documents,
    tmp_path: Path,
    operation: str,
) -> None:
    """The token is due for renewal but its refresh token was spent elsewhere."""
    call = USER_CALLS[operation]
    # Tokens of 30 s with a 60 s margin: every call finds the token due for renewal.
    sandbox.set_faults(operations={"authenticate": FaultConfig(token_lifetime=30)})
    async with connect(server, refresh_margin=60) as casco:
        await warm_up(casco)
        await spend_refresh_out_of_band(server, casco)
        sandbox.reset_stats()
        await call(casco, documents, tmp_path)
        assert busy_connections(casco) == 0
        stats = sandbox.stats()
    assert stats[operation]["calls"] == stats[operation]["ok"] == 1
    assert stats["renewToken"]["calls"] == stats["renewToken"]["unauthorized"] == 1
    assert stats["authenticate"]["calls"] == stats["authenticate"]["ok"] == 1


# --- the matrix: token operations ---------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RATE_KINDS))
async def test_authenticate_faults(server: SandboxServer, sandbox: Sandbox, kind: str) -> None:
    """POST /auth is retried like any idempotent call, and only by its own retry loop."""
    _, _, error_type, _ = RATE_KINDS[kind]
    half = rate_config(kind, 0.5)
    for config, seed in [(half, recovering_seed(half, "authenticate")), (rate_config(kind, 1), 0)]:
        calls, exhausted = expected_calls(config, seed, "authenticate")
        sandbox.reset_stats()
        sandbox.set_faults(operations={"authenticate": config}, seed=seed)
        async with connect(server) as casco:
            if exhausted:
                with pytest.raises(error_type) as caught:
                    await casco.nomenclature.counties()
                assert caught.value.operation == "authenticate"
            else:
                await casco.nomenclature.counties()
            assert busy_connections(casco) == 0
            stats = sandbox.stats()
            sandbox.set_faults(operations={})
        assert stats["authenticate"]["calls"] == calls, (kind, seed)
        assert stats["listCounties"]["calls"] == (0 if exhausted else 1)


async def test_authenticate_slow_body(server: SandboxServer, sandbox: Sandbox) -> None:
    sandbox.set_faults(operations={"authenticate": FaultConfig(slow_body_ms=SLOW_BODY_MS)})
    async with connect(server, timeout=httpx.Timeout(10.0, read=SLOW_READ)) as casco:
        with pytest.raises(APITimeoutError):
            await casco.nomenclature.counties()
        assert busy_connections(casco) == 0
        stats = sandbox.stats()
    assert stats["authenticate"]["calls"] == MAX_RETRIES + 1
    assert stats["listCounties"]["calls"] == 0


@pytest.mark.parametrize("kind", [*RATE_KINDS, "slow"])
async def test_renewal_faults_never_fail_the_call(
    server: SandboxServer, sandbox: Sandbox, kind: str
) -> None:
    """A renewal that fails falls back to POST /auth after that one attempt (never retried: a
    hung or lost renewal must not stall its callers); the user's call succeeds."""
    if kind == "slow":
        phases = [(FaultConfig(slow_body_ms=SLOW_BODY_MS), 0)]
    else:
        half = rate_config(kind, 0.5)
        phases = [(half, recovering_seed(half, "renewToken")), (rate_config(kind, 1.0), 0)]
    for config, seed in phases:
        calls, renewed = 1, False  # the first renewal is faulted in every phase
        sandbox.set_faults(operations={"authenticate": FaultConfig(token_lifetime=30)})
        timeout = httpx.Timeout(10.0, read=SLOW_READ) if kind == "slow" else None
        async with connect(server, refresh_margin=60, timeout=timeout) as casco:
            await warm_up(casco)
            sandbox.reset_stats()
            sandbox.set_faults(
                operations={"authenticate": FaultConfig(token_lifetime=30), "renewToken": config},
                seed=seed,
            )
            await casco.nomenclature.countries()
            assert busy_connections(casco) == 0
            stats = sandbox.stats()
            sandbox.set_faults(operations={})
        assert stats["renewToken"]["calls"] == calls, (kind, seed)
        assert stats["authenticate"]["calls"] == (0 if renewed else 1)
        assert stats["listCountries"]["calls"] == stats["listCountries"]["ok"] == 1


@pytest.mark.parametrize("kind", [*RATE_KINDS, "slow"])
async def test_close_survives_a_failing_deauthenticate(
    server: SandboxServer, sandbox: Sandbox, kind: str
) -> None:
    """DELETE /auth on close is best effort: tried once, never raises, releases the pool."""
    config = FaultConfig(slow_body_ms=SLOW_BODY_MS) if kind == "slow" else rate_config(kind, 1.0)
    casco = connect(server, timeout=httpx.Timeout(10.0, read=SLOW_READ))
    await warm_up(casco)
    sandbox.set_faults(operations={"deauthenticate": config})
    await casco.aclose()
    assert pooled_connections(casco) == 0
    assert casco.tokens.current is None
    assert sandbox.stats()["deauthenticate"]["calls"] == 1


# --- POST /policy -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PolicyFault:
    config: FaultConfig
    error: type[CascoError]
    issued: bool  # whether the sandbox did issue the policy despite the failure


POLICY_FAULTS = {
    # Issued, then the answer trickles out slower than the read timeout.
    "timeout": PolicyFault(FaultConfig(slow_body_ms=SLOW_BODY_MS), AmbiguousOutcomeError, True),
    # Issued, then the connection is cut mid-answer.
    "drop": PolicyFault(FaultConfig(drop_rate=1.0), AmbiguousOutcomeError, True),
    # A 5xx instead of the call: nothing issued, and never retried; but the client cannot tell
    # it from a 5xx after processing (below), so the outcome is unknown either way.
    "500-before": PolicyFault(
        FaultConfig(error_rate=1.0, error_statuses=(500,)), AmbiguousOutcomeError, False
    ),
    "503-before": PolicyFault(
        FaultConfig(error_rate=1.0, error_statuses=(503,)), AmbiguousOutcomeError, False
    ),
    # A 500 after the policy was issued (the vendor failed on the way out).
    "500-after": PolicyFault(
        FaultConfig(error_rate=1.0, error_statuses=(500,), error_after_processing=True),
        AmbiguousOutcomeError,
        True,
    ),
    # A bad gateway after the policy was issued: a proxy answered, so the client cannot know.
    "502-after": PolicyFault(
        FaultConfig(error_rate=1.0, error_statuses=(502,), error_after_processing=True),
        AmbiguousOutcomeError,
        True,
    ),
    # A gateway timeout after the policy was issued: the client says it cannot know.
    "504-after": PolicyFault(
        FaultConfig(error_rate=1.0, error_statuses=(504,), error_after_processing=True),
        AmbiguousOutcomeError,
        True,
    ),
    "429": PolicyFault(FaultConfig(rate_limit_rate=1.0, retry_after=0), RateLimitError, False),
}


@pytest.mark.parametrize("name", list(POLICY_FAULTS))
async def test_issue_policy_is_sent_once_whatever_happens(
    server: SandboxServer, sandbox: Sandbox, name: str
) -> None:
    fault = POLICY_FAULTS[name]
    async with connect(server) as casco:
        offer = (await casco.products.quote(sample_quote_request("groupama")))[0]
        payment = sample_payment(offer.to_dict())
        sandbox.reset_stats()
        sandbox.set_faults(operations={"issuePolicy": fault.config})
        view = casco.with_options(timeout=httpx.Timeout(10.0, read=SLOW_READ))
        with pytest.raises(fault.error) as caught:
            await view.products.issue_policy(offer.offer_id, payment)
        assert sandbox.stats()["issuePolicy"]["calls"] == 1  # never retried
        assert busy_connections(casco) == 0
        if isinstance(caught.value, AmbiguousOutcomeError):
            assert caught.value.offer_id == offer.offer_id
        issued = [p for p in sandbox.policies() if p.offer_id == offer.offer_id]
        assert len(issued) == (1 if fault.issued else 0)
        # Asking again on purpose settles it: a conflict if the first call did issue it.
        sandbox.set_faults(operations={})
        if fault.issued:
            with pytest.raises(ConflictError):
                await casco.products.issue_policy(offer.offer_id, payment)
        else:
            policy = await casco.products.issue_policy(offer.offer_id, payment)
            assert policy.series == "GPM/CS/1"
        assert busy_connections(casco) == 0
    assert len([p for p in sandbox.policies() if p.offer_id == offer.offer_id]) == 1


async def test_issue_policy_when_authentication_fails_is_not_ambiguous(
    server: SandboxServer, sandbox: Sandbox
) -> None:
    """POST /auth answers 504 before POST /policy is sent: a plain server error, tried once."""
    async with connect(server) as casco:
        offer = (await casco.products.quote(sample_quote_request()))[0]
        await revoke_out_of_band(server, casco)  # the next call must authenticate afresh
        sandbox.reset_stats()
        sandbox.set_faults(
            operations={"authenticate": FaultConfig(error_rate=1.0, error_statuses=(504,))}
        )
        with pytest.raises(InternalServerError) as caught:
            await casco.products.issue_policy(offer.offer_id, sample_payment(offer.to_dict()))
        assert busy_connections(casco) == 0
        stats = sandbox.stats()
        sandbox.set_faults(operations={})
    assert not isinstance(caught.value, AmbiguousOutcomeError)
    assert caught.value.operation == "authenticate"
    assert stats["authenticate"]["calls"] == MAX_RETRIES + 1
    assert stats["issuePolicy"]["unauthorized"] == stats["issuePolicy"]["calls"] == 1


# --- no leak after any error path ---------------------------------------------------------------


def client_sockets(port: int) -> int:
    """ESTABLISHED TCP sockets of this process towards the sandbox's port (client side)."""
    return sum(
        1
        for connection in psutil.Process().net_connections(kind="tcp")
        if connection.raddr
        and connection.raddr.port == port
        and connection.status == psutil.CONN_ESTABLISHED
    )


async def test_every_error_path_leaves_the_pool_clean(
    server: SandboxServer, sandbox: Sandbox, documents: Documents, tmp_path: Path
) -> None:
    """One client through every kind of failure in turn; then nothing is checked out, every open
    socket is one of the pool's, and closing the client closes them all."""
    seen: list[str] = []

    async def expect(error: type[CascoError], call: Callable[[], Awaitable[object]]) -> None:
        try:
            await call()
        except CascoError as exc:
            assert isinstance(exc, error), f"{type(exc).__name__} instead of {error.__name__}"
            seen.append(type(exc).__name__)
            return
        raise AssertionError(f"{error.__name__} not raised")

    def faults(**operations: FaultConfig) -> None:
        sandbox.set_faults(operations=operations)

    async with connect(server, max_concurrency=4) as casco:
        slow = casco.with_options(timeout=httpx.Timeout(10.0, read=SLOW_READ), max_retries=0)
        quote = sample_quote_request()
        await warm_up(casco)
        faults(listCounties=FaultConfig(rate_limit_rate=1.0, retry_after=0))
        await expect(RateLimitError, casco.nomenclature.counties)
        faults(listCountries=FaultConfig(error_rate=1.0, error_statuses=(502,)))
        await expect(InternalServerError, casco.nomenclature.countries)
        faults(listVehicleMakes=FaultConfig(drop_rate=1.0))
        await expect(APIConnectionError, casco.nomenclature.vehicle_makes)
        faults(getQuote=FaultConfig(slow_body_ms=SLOW_BODY_MS))
        await expect(APITimeoutError, lambda: slow.products.quote(quote))
        faults(downloadOffer=FaultConfig(drop_rate=1.0, document_size=300_000))
        await expect(
            APIConnectionError,
            lambda: casco.documents.save_offer(documents.offer_id, tmp_path / "o.pdf"),
        )
        faults(downloadPolicy=FaultConfig(slow_body_ms=SLOW_BODY_MS))
        await expect(
            APITimeoutError,
            lambda: slow.documents.save_policy(documents.series, documents.number, tmp_path),
        )
        faults()
        await expect(NotFoundError, lambda: casco.documents.save_offer(1, tmp_path / "x.pdf"))
        await expect(
            ConflictError,
            lambda: casco.products.issue_policy(
                documents.offer_id, sample_payment({"currency": "RON", "premiumAmount": 1})
            ),
        )
        bad = sample_quote_request()
        bad["product"]["policyholder"]["address"]["floor"] = 3
        await expect(ValidationError, lambda: casco.products.quote(bad))  # refused locally
        await expect(
            ValidationError,
            lambda: casco.with_options(validate_requests=False).products.quote(bad),
        )
        faults(issuePolicy=FaultConfig(drop_rate=1.0))
        offer = (await casco.products.quote(quote))[0]
        await expect(
            AmbiguousOutcomeError,
            lambda: casco.products.issue_policy(offer.offer_id, sample_payment(offer.to_dict())),
        )
        # A streamed document abandoned half-way.
        faults(downloadOffer=FaultConfig(raw_pdf=True, document_size=300_000))
        with anyio.fail_after(30):
            async with casco.documents.stream_offer(documents.offer_id) as files:
                async for document in files:
                    async for _chunk in document:
                        break  # walk away mid-document
                    break
        # Cancelled while an answer trickles in, and in the middle of a download.
        faults(
            listLocalities=FaultConfig(slow_body_ms=SLOW_BODY_MS),
            downloadPolicy=FaultConfig(slow_body_ms=300, document_size=2_000_000),
        )
        with anyio.move_on_after(0.2) as scope:
            await casco.nomenclature.localities(12)
        assert scope.cancelled_caught
        with anyio.move_on_after(0.5) as scope:
            await casco.documents.save_policy(documents.series, documents.number, tmp_path)
        assert scope.cancelled_caught
        # A session revoked behind the client's back, with the fallback itself refused.
        faults()
        await revoke_out_of_band(server, casco)
        credentials = casco._pipeline.connection.credentials
        credentials.password = Secret(WRONG_PASSWORD)  # the fallback POST /auth fails too
        await expect(AuthenticationError, casco.nomenclature.counties)
        credentials.password = Secret(PASSWORD)
        await casco.nomenclature.counties()

        assert busy_connections(casco) == 0
        assert client_sockets(server.port) <= pooled_connections(casco)
    assert client_sockets(server.port) == 0
    assert len(seen) == 12
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # not one partial document


# --- a mixed workload under random faults -------------------------------------------------------


async def mixed_workload(
    server: SandboxServer, documents: Documents, directory: Path, calls: int, seed: int
) -> None:
    """`calls` calls of every operation at once, 10 % of all answers faulted (POST /auth too).

    Each call returns or raises a transient CascoError; the client's count of successes matches
    the server's per operation; nothing stays checked out and no temporary file stays behind.
    """
    sandbox = server.sandbox
    faults = FaultConfig(error_rate=0.04, rate_limit_rate=0.03, drop_rate=0.03, retry_after=0)
    operations = sorted(USER_CALLS)
    succeeded: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    sandbox.set_faults(faults, operations={}, seed=seed)
    sandbox.reset_stats()
    async with connect(server, max_concurrency=12) as casco:

        async def one(number: int) -> None:
            operation = operations[number % len(operations)]
            target = directory / str(number)
            try:
                await USER_CALLS[operation](casco, documents, target)
            except (RateLimitError, InternalServerError, APIConnectionError) as error:
                failed[type(error).__name__] += 1
                return
            succeeded[operation] += 1

        async with anyio.create_task_group() as group:
            for number in range(calls):
                group.start_soon(one, number)
        assert busy_connections(casco) == 0
        stats = sandbox.stats()
        sandbox.set_faults(FaultConfig(), seed=0)
    assert sum(succeeded.values()) + sum(failed.values()) == calls
    assert sum(succeeded.values()) > calls * 0.9  # three attempts beat a 10 % fault rate
    for operation in operations:
        assert stats[operation]["ok"] == succeeded[operation], operation
    assert [p for p in directory.rglob("*") if p.name.startswith(".casco-")] == []
    for path in directory.rglob("*.pdf"):
        assert path.read_bytes()[:5] == b"%PDF-"


async def test_mixed_workload_under_random_faults(
    server: SandboxServer, sandbox: Sandbox, documents: Documents, tmp_path: Path
) -> None:
    await mixed_workload(server, documents, tmp_path, calls=270, seed=21)


@pytest.mark.soak
async def test_mixed_workload_under_random_faults_soak(
    server: SandboxServer, sandbox: Sandbox, documents: Documents, tmp_path: Path
) -> None:
    await mixed_workload(server, documents, tmp_path, calls=5_000, seed=22)
