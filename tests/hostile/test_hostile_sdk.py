"""The SDK against a hostile server (tests/hostile/conftest.py): every answer ends typed, in
bounded time and memory, and no secret is reachable from what it raises.

Bounds checked on every hostile answer: the error's type, the time (the configured deadline plus
1 s) and the peak RSS growth of the process (64 MiB, for answers that announce or stream 1.5 GB).
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterator, Mapping
from typing import Any

import anyio
import httpx
import pytest
from support import PAYMENT

from casco_async import (
    AmbiguousOutcomeError,
    APIConnectionError,
    CascoError,
    DeadlineExceededError,
    InternalServerError,
    RefusedBeforeProcessingError,
    ResponseTooLargeError,
    ValidationError,
)
from casco_async._secret import Secret

MiB = 1 << 20
RSS_BUDGET = 64 * MiB
DEADLINE = 3.0
SLACK = 1.0  # time ≤ deadline + 1 s
COUNTIES = "GET /nomenclature/county"
POLICY = "POST /policy"


class Elapsed:
    def __enter__(self) -> Elapsed:
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.monotonic() - self.started


# --- bounded answers ----------------------------------------------------------------------------


@pytest.mark.parametrize("behaviour", ["declared-huge", "endless-chunked", "endless-close"])
async def test_a_huge_or_endless_answer_is_cut_at_the_operation_limit(
    hostile: Any, peak_rss: Any, behaviour: str
) -> None:
    async with hostile.client(deadline=30) as casco:
        await casco.nomenclature.counties()  # authenticated, imports warm: the baseline
        hostile.behave(COUNTIES, behaviour)
        with peak_rss() as rss, Elapsed() as elapsed, pytest.raises(ResponseTooLargeError) as err:
            await casco.nomenclature.counties()
    assert err.value.limit == 16 * MiB  # the nomenclature default
    assert err.value.status_code == 200 and err.value.operation == "listCounties"
    assert err.value.response_info is not None and err.value.response_info.truncated
    assert rss.growth <= RSS_BUDGET, f"{rss.growth / MiB:.1f} MiB"
    assert elapsed.seconds <= 30 + SLACK


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
@pytest.mark.parametrize("behaviour", ["gzip-bomb-chunked", "gzip-bomb-declared"])
async def test_a_decompression_bomb_is_cut_while_decoding(
    hostile: Any, peak_rss: Any, behaviour: str, backend: str
) -> None:
    # ~500 KB on the wire, 512 MiB decoded: the limit counts decoded bytes, and decoding goes
    # in bounded pieces, so no network chunk expands past it.
    async with hostile.client(max_response_size=MiB, transport_backend=backend) as casco:
        await casco.nomenclature.counties()
        hostile.behave(COUNTIES, behaviour)
        with peak_rss() as rss, pytest.raises(ResponseTooLargeError) as err:
            await casco.nomenclature.counties()
    assert err.value.limit == MiB and err.value.status_code == 200
    assert rss.growth <= RSS_BUDGET, f"{rss.growth / MiB:.1f} MiB"


async def test_a_gzipped_answer_is_decoded(hostile: Any) -> None:
    hostile.behave(COUNTIES, "gzipped")
    async with hostile.client() as casco:
        counties = await casco.nomenclature.counties()
    assert len(counties) == 100


@pytest.mark.parametrize("behaviour", ["error-500-endless", "error-500-declared"])
async def test_an_error_answer_with_a_huge_body_is_cut_at_1_mib(
    hostile: Any, peak_rss: Any, behaviour: str
) -> None:
    async with hostile.client(max_retries=2, retry=None, deadline=30) as casco:
        await casco.nomenclature.counties()
        hostile.behave(COUNTIES, behaviour)
        hostile.calls.clear()
        with peak_rss() as rss, pytest.raises(ResponseTooLargeError) as err:
            await casco.nomenclature.counties()
    assert err.value.status_code == 500 and err.value.limit == MiB
    # Still a 5xx of an idempotent call: retried like any other.
    assert hostile.calls[COUNTIES] == 3
    assert rss.growth <= RSS_BUDGET, f"{rss.growth / MiB:.1f} MiB"


async def test_max_response_size_is_the_clients_to_set(hostile: Any) -> None:
    async with hostile.client(max_response_size=1000) as casco:
        with pytest.raises(ResponseTooLargeError) as err:
            await casco.nomenclature.counties()  # about 5 KB
        assert err.value.limit == 1000
        roomier = casco.with_options(max_response_size=MiB)
        assert len(await roomier.nomenclature.counties()) == 100


# --- deadlines ----------------------------------------------------------------------------------


@pytest.mark.parametrize("behaviour", ["trickle-headers", "trickle-body"])
async def test_a_trickling_server_cannot_extend_the_deadline(hostile: Any, behaviour: str) -> None:
    # One byte a second never trips the 5 s read timeout: only the deadline ends it.
    async with hostile.client(timeout=5, deadline=DEADLINE) as casco:
        await casco.nomenclature.counties()
        hostile.behave(COUNTIES, behaviour)
        with Elapsed() as elapsed, pytest.raises(DeadlineExceededError) as err:
            await casco.nomenclature.counties()
    assert err.value.deadline == DEADLINE
    assert DEADLINE - 0.1 <= elapsed.seconds <= DEADLINE + SLACK
    if behaviour == "trickle-body":  # headers complete: their correlation id is kept
        assert (err.value.correlation_id or "").startswith("hostile-")


async def test_the_call_deadline_bounds_every_retry(hostile: Any) -> None:
    async with hostile.client(
        timeout=5, deadline=2, call_deadline=DEADLINE, max_retries=5
    ) as casco:
        await casco.nomenclature.counties()
        hostile.behave(COUNTIES, "trickle-body")
        hostile.calls.clear()
        with Elapsed() as elapsed, pytest.raises(DeadlineExceededError):
            await casco.nomenclature.counties()
    assert elapsed.seconds <= DEADLINE + SLACK
    assert 1 <= hostile.calls[COUNTIES] <= 2  # not the 6 attempts max_retries allows


# --- POST /policy tells the truth ---------------------------------------------------------------

UNPROVEN = [
    "error-500",
    "garbage-200",
    "empty-200",
    "no-policy-200",
    "error-flag-200",
    "no-content",
    "redirect",
    "status-520",
    "error-500-endless",
    "endless-chunked",
    "drop",
]


@pytest.mark.parametrize("behaviour", UNPROVEN)
async def test_post_policy_answered_without_proof_is_ambiguous_and_sent_once(
    hostile: Any, behaviour: str
) -> None:
    hostile.behave(POLICY, behaviour)
    async with hostile.client(max_retries=2, deadline=30) as casco:
        with pytest.raises(AmbiguousOutcomeError) as err:
            await casco.products.issue_policy(100001, PAYMENT)
    assert hostile.calls[POLICY] == 1
    assert err.value.offer_id == 100001
    if behaviour != "drop":  # an answer arrived: its correlation id is kept for support
        assert err.value.correlation_id is not None
        assert err.value.correlation_id.startswith("hostile-")
        assert err.value.status_code is not None


async def test_post_policy_trickled_past_its_deadline_is_ambiguous(hostile: Any) -> None:
    hostile.behave(POLICY, "trickle-body")
    async with hostile.client(timeout=5, deadline=DEADLINE, max_retries=2) as casco:
        with Elapsed() as elapsed, pytest.raises(AmbiguousOutcomeError) as err:
            await casco.products.issue_policy(100001, PAYMENT)
    assert hostile.calls[POLICY] == 1
    assert elapsed.seconds <= DEADLINE + SLACK
    # The headers came before the body stalled: their correlation id is kept.
    assert (err.value.correlation_id or "").startswith("hostile-")


async def test_a_401_on_post_policy_is_renewed_not_replayed(hostile: Any) -> None:
    async with hostile.client() as casco:
        await casco.nomenclature.counties()
        hostile.behave(POLICY, "unauthorized-once")
        hostile.calls.clear()
        with pytest.raises(RefusedBeforeProcessingError) as err:
            await casco.products.issue_policy(100001, PAYMENT)
        assert hostile.calls[POLICY] == 1  # the server saw it once
        assert hostile.calls["PATCH /auth"] == 1  # and the token was renewed
        assert err.value.status_code == 401
        assert err.value.correlation_id is not None
        # As the error says, sending it again is safe, and works with the renewed token.
        policy = await casco.products.issue_policy(100001, PAYMENT)
    assert policy.number == 100234 and hostile.calls[POLICY] == 2


async def test_a_401_on_an_idempotent_call_is_renewed_and_replayed_once(hostile: Any) -> None:
    async with hostile.client() as casco:
        await casco.nomenclature.counties()
        hostile.behave(COUNTIES, "unauthorized-once")
        hostile.calls.clear()
        assert len(await casco.nomenclature.counties()) == 100
    assert hostile.calls[COUNTIES] == 2 and hostile.calls["PATCH /auth"] == 1


# --- time: renewal and clocks -------------------------------------------------------------------


async def test_a_hung_renewal_falls_back_to_authenticate_within_its_deadline(
    hostile: Any,
) -> None:
    hostile.token_lifetime = 2.0
    deadline = 6.0  # the renewal gets a third of it: 2 s
    async with hostile.client(deadline=deadline) as casco:
        await casco.nomenclature.counties()
        hostile.behave("PATCH /auth", "hang")
        hostile.token_lifetime = 3600.0
        await anyio.sleep(1.9)  # past the token's usable life: the next call must wait for it
        hostile.calls.clear()
        with Elapsed() as elapsed:
            assert len(await casco.nomenclature.counties()) == 100
    assert hostile.calls["PATCH /auth"] == 1  # one attempt, not three
    assert hostile.calls["POST /auth"] == 1  # then a fresh session
    assert elapsed.seconds <= deadline / 3 + SLACK


async def test_a_token_expired_on_arrival_is_used_not_renewed_before_every_call(
    hostile: Any,
) -> None:
    hostile.behave("POST /auth", "expired-token")
    async with hostile.client() as casco:
        for _ in range(20):
            await casco.nomenclature.counties()
        assert hostile.calls["POST /auth"] == 1 and hostile.calls["PATCH /auth"] == 0
        # When the API does refuse it, it is renewed once and the call replayed.
        hostile.behave(COUNTIES, "unauthorized-once")
        for _ in range(5):
            await casco.nomenclature.counties()
    assert hostile.calls["PATCH /auth"] == 1 and hostile.calls["POST /auth"] == 1


# --- errors for support tickets -----------------------------------------------------------------


async def test_an_api_error_carries_status_correlation_id_and_a_redacted_answer(
    hostile: Any,
) -> None:
    async with hostile.client() as casco:
        await casco.nomenclature.counties()
        hostile.behave(COUNTIES, "error-500")
        with pytest.raises(InternalServerError) as err:
            await casco.nomenclature.counties()
    error = err.value
    info = error.response_info
    assert info is not None and error.status_code == info.status_code == 500
    assert error.correlation_id is not None and error.correlation_id.startswith("hostile-")
    assert error.headers["x-correlation-id"] == error.correlation_id
    assert error.headers["set-cookie"] == "***" and error.headers["token"] == "***"
    assert "s3ss10n" not in repr(info) and "echoed-token" not in repr(info)
    assert error.body_preview is not None and "insurer failed" in error.body_preview
    assert not info.truncated


async def test_the_body_preview_is_capped(hostile: Any) -> None:
    async with hostile.client() as casco:
        await casco.nomenclature.counties()
        hostile.behave(COUNTIES, "error-500-endless")
        with pytest.raises(ResponseTooLargeError) as err:
            await casco.nomenclature.counties()
    assert err.value.body_preview is not None and len(err.value.body_preview) == 2048


# --- no secret reachable ------------------------------------------------------------------------


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The exception and everything chained to it, cause and context alike (suppressed too)."""
    seen: set[int] = set()
    todo = [error]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]


def _captured(error: BaseException) -> list[str]:
    """What an error tracker capturing frame locals records (sentry's walk, made stricter: every
    chained exception, suppressed or not; containers walked, other objects by repr)."""
    texts: list[str] = []
    pending = list(_chain(error))

    def serialize(value: Any, depth: int) -> None:
        if isinstance(value, BaseException):
            pending.extend(_chain(value))
        if isinstance(value, str | bytes):
            texts.append(value if isinstance(value, str) else value.decode("latin-1"))
        elif isinstance(value, Mapping) and depth < 4:
            for key, item in list(value.items()):
                serialize(key, depth + 1)
                serialize(item, depth + 1)
        elif isinstance(value, list | tuple | set | frozenset) and depth < 4:
            for item in list(value):
                serialize(item, depth + 1)
        else:
            try:
                texts.append(repr(value))
            except Exception:  # a repr that fails is recorded as such by trackers too
                texts.append("<unrepresentable>")

    done: set[int] = set()
    while pending:
        exc = pending.pop()
        if id(exc) in done:
            continue
        done.add(id(exc))
        texts += [repr(exc), str(exc), "".join(traceback.format_exception_only(exc))]
        serialize(vars(exc), 0)
        for frame, _ in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename != __file__:  # the SDK's frames, not this test's
                serialize(dict(frame.f_locals), 0)
    return texts


@pytest.mark.parametrize(
    ("behaviour", "error_type"),
    [
        ("echo-password", ValidationError),
        ("drop", APIConnectionError),
        ("trickle-headers", DeadlineExceededError),
        ("error-500-endless", ResponseTooLargeError),
    ],
)
async def test_no_secret_is_reachable_from_an_error_of_post_auth(
    hostile: Any, behaviour: str, error_type: type[CascoError]
) -> None:
    password = hostile.password
    hostile.behave("POST /auth", behaviour)
    async with hostile.client(timeout=5, deadline=DEADLINE) as casco:
        with pytest.raises(error_type) as err:
            await casco.nomenclature.counties()
    assert hostile.calls["POST /auth"] >= 1
    assert password in "".join(hostile.queries)  # the server did receive it
    error = err.value
    assert not any(isinstance(e, httpx.HTTPError) for e in _chain(error))
    texts = _captured(error)
    assert len(texts) > 20  # the walk did see the frames
    leaks = [text for text in texts if password in text]
    assert not leaks, leaks[:3]
    assert password not in str(error) and password not in repr(error.field_errors)
    assert password not in (error.body_preview or "")
    if behaviour == "echo-password":
        assert error.field_errors["password"] == [f"'***' is not the password of {hostile.account}"]


@pytest.mark.parametrize(
    ("renewal", "error_type"),
    [("error-500", APIConnectionError), ("hang", APIConnectionError), ("drop", APIConnectionError)],
)
async def test_no_secret_is_reachable_from_an_error_of_a_failed_renewal(
    hostile: Any, renewal: str, error_type: type[CascoError]
) -> None:
    # A 401 makes the client renew: PATCH /auth fails (500, hangs past its deadline, drops),
    # the fallback POST /auth fails too. The error that reaches the caller must show neither
    # the password nor the refused token nor the refresh token that the renewal carried.
    async with hostile.client(timeout=5, deadline=DEADLINE) as casco:
        await casco.nomenclature.counties()
        token, refresh = hostile.issued
        hostile.behave(COUNTIES, "unauthorized")
        hostile.behave("PATCH /auth", renewal)
        hostile.behave("POST /auth", "drop")
        with pytest.raises(CascoError) as err:
            await casco.nomenclature.counties()
    assert hostile.calls["PATCH /auth"] == 1 and hostile.calls["POST /auth"] == 2
    assert isinstance(err.value, error_type)
    texts = _captured(err.value)
    assert len(texts) > 20  # the walk did see the frames
    for secret in (hostile.password, token, refresh):
        leaks = [text for text in texts if secret in text]
        assert not leaks, leaks[:3]


@pytest.mark.parametrize("renewal", ["error-500", "hang", "drop"])
async def test_no_secret_is_reachable_from_the_renewals_own_error(
    hostile: Any, renewal: str
) -> None:
    # The renewal's own error (swallowed by the token manager, which falls back to POST /auth,
    # but an error tracker may see it where it was raised): its frames carried the refresh token.
    async with hostile.client(timeout=5, deadline=DEADLINE) as casco:
        await casco.nomenclature.counties()
        token, refresh = hostile.issued
        hostile.behave("PATCH /auth", renewal)
        pipeline = casco._pipeline
        with pytest.raises(CascoError) as err:
            await pipeline.connection.credentials.renew(pipeline, Secret(refresh))
    assert hostile.calls["PATCH /auth"] == 1
    texts = _captured(err.value)
    assert len(texts) > 20
    for secret in (hostile.password, token, refresh):
        leaks = [text for text in texts if secret in text]
        assert not leaks, leaks[:3]


def test_a_secret_shows_nowhere_but_in_reveal() -> None:
    secret = Secret("s3cr3t-value")
    assert secret.reveal() == "s3cr3t-value"
    assert "s3cr3t" not in repr(secret) + str(secret) + f"{secret}" + repr([secret])
    assert (
        secret == Secret("s3cr3t-value") and secret != Secret("other") and secret != "s3cr3t-value"
    )
    assert bool(secret) and not Secret("")
