"""The planted-secret guard (tests/conftest.py) works, and a whole session at DEBUG leaks nothing.

The session guard checks every log record of the run at the end; these tests prove that it would
catch a leak, that it is wired to the loggers and to every token the sandbox issues, and check a
run through the token lifecycle and the error paths on the spot, where a failure is easy to read.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from casco_async import (
    AmbiguousOutcomeError,
    CascoClient,
    CascoError,
    InternalServerError,
    RetryPolicy,
)
from casco_async.sandbox import FaultConfig, Sandbox, SandboxServer
from casco_async.testing import sample_payment, sample_quote_request

# Every test runs on each transport the client can choose (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("transport_backend")
ACCOUNT = "broker.secrets"
PASSWORD = "pw-SECRETS-PLANTED-55e2d1"
TLS = ssl.create_default_context()


def test_the_guard_catches_a_planted_secret_wherever_it_hides(secret_guard: Any) -> None:
    guard = type(secret_guard)()  # a private guard: this test's leaks must not fail the session
    logger = logging.getLogger("reliability.guard-self-test")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(guard)
    early, late, unrelated = "pw-EARLY-PLANTED-1111", "tok.LATE-PLANTED-2222", "not-a-secret-3333"
    try:
        guard.plant(early)
        logger.debug("GET /auth?account=x&password=%s", early)  # in the arguments
        try:
            raise RuntimeError(f"Token: Refresh {late}")
        except RuntimeError:
            logger.exception("renewal failed")  # in a traceback
        logger.info("nothing to see: %s", unrelated)
        assert len(guard.leaks()) == 1  # `late` is not planted yet
        guard.plant(late)  # planted after the record: still caught
        leaks = guard.leaks()
    finally:
        logger.removeHandler(guard)
    assert len(leaks) == 2
    assert any("password=" in text for text in leaks)
    assert any("renewal failed" in text for text in leaks)
    assert not any("nothing to see" in text for text in leaks)
    assert guard.records == 3
    with pytest.raises(ValueError):
        guard.plant("short")  # too short to be told apart from ordinary text


@pytest.fixture
def server(secret_guard: Any) -> Iterator[SandboxServer]:
    secret_guard.plant(PASSWORD)
    with SandboxServer(Sandbox(accounts={ACCOUNT: PASSWORD})) as running:
        yield running


async def test_a_run_through_tokens_and_errors_logs_no_secret(
    server: SandboxServer, secret_guard: Any
) -> None:
    """Authenticate, renew (30 s tokens), recover from a revoked token, fail in several ways:
    every token of the run is planted, the loggers are at DEBUG, and no record carries one."""
    for name in ("casco_async", "httpx", "httpcore"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.DEBUG
    sandbox = server.sandbox
    records = secret_guard.records
    errors: list[CascoError] = []
    sandbox.set_faults(operations={"authenticate": FaultConfig(token_lifetime=30)})
    async with CascoClient(
        base_url=server.base_url,
        account=ACCOUNT,
        password=PASSWORD,
        refresh_margin=60,  # every call renews first
        retry=RetryPolicy(max_retries=1, initial_delay=0.001, max_delay=0.002),
        verify=TLS,
    ) as casco:
        await casco.nomenclature.counties()
        await casco.nomenclature.countries()  # renewed
        tokens = casco.tokens.current
        assert tokens is not None
        assert {tokens.token, tokens.refresh_token} <= secret_guard.secrets  # auto-planted
        async with httpx.AsyncClient(base_url=server.base_url) as other:
            await other.delete("/auth", headers={"Token": tokens.token})  # revoked elsewhere
        offer = (await casco.products.quote(sample_quote_request()))[0]
        sandbox.set_faults(operations={"listCounties": FaultConfig(error_rate=1.0)})
        try:
            await casco.nomenclature.counties()
        except InternalServerError as error:
            errors.append(error)
        sandbox.set_faults(operations={"issuePolicy": FaultConfig(drop_rate=1.0)})
        try:
            await casco.products.issue_policy(offer.offer_id, sample_payment(offer.to_dict()))
        except AmbiguousOutcomeError as error:
            errors.append(error)
        texts = [repr(casco), repr(casco.tokens), *map(str, errors), *map(repr, errors)]
    assert len(errors) == 2
    stats = sandbox.stats()
    assert stats["renewToken"]["ok"] >= 1 and stats["authenticate"]["ok"] >= 2
    assert secret_guard.records > records + 20  # the run was logged, in detail
    assert secret_guard.leaks() == []
    for text in texts:
        assert not [secret for secret in secret_guard.secrets if secret in text], text
