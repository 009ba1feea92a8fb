"""Tokens of any lifetime (issue 13, part 1), on a fake clock.

Storms of concurrent callers cross real expiries of tokens that live 2 s, 30 s, 90 s and 12 h:
the manager renews at most twice per lifetime crossed, never sends an expired token, keeps one
renewal in flight at a time and lets the other callers go on with the still valid token while it
runs. A server whose clock is an hour behind or ahead (its `Date` header says so) is planned for,
and a token with seconds left is still revoked on close.
"""

from __future__ import annotations

import base64
import email.utils
import json
import math
import secrets
from collections import Counter
from typing import Any

import anyio
import anyio.lowlevel
import httpx
import pytest
from support import ACCOUNT, BASE_URL, FAST_RETRY, PASSWORD, FakeApi, envelope, error_envelope

from casco_async import APIConnectionError, CascoClient, TokenSet
from casco_async._auth import (
    MAX_RENEWAL_LEAD,
    RENEWAL_FRACTION,
    SEND_MARGIN,
    TokenManager,
    clock_offset,
)
from casco_async._secret import Secret

LIFETIMES = [2.0, 30.0, 90.0, 12 * 3600.0]
T0 = 1_800_000_000.37  # not a whole second: the claims are, as the vendor's
# Real seconds a fake renewal waits for the calls it expects to overlap it (never reached when
# the manager behaves: the calls arrive at once).
OVERLAP_WAIT = 5.0


class FakeClock:
    """Epoch seconds that move only when the test says so."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def jwt(*, exp: float, iat: float | None) -> str:
    """A JWT-shaped token with whole-second claims (the signature is not checked here)."""

    def b64(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims: dict[str, Any] = {"exp": int(exp), "jti": secrets.token_hex(8)}
    if iat is not None:
        claims["iat"] = int(iat)
    return f"{b64({'alg': 'HS256'})}.{b64(claims)}.{secrets.token_urlsafe(8)}"


def claim_exp(token: str) -> int:
    payload = token.split(".")[1]
    value = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["exp"]
    assert isinstance(value, int)
    return value


def lead(lifetime: float) -> float:
    return min(MAX_RENEWAL_LEAD, lifetime * RENEWAL_FRACTION)


# --- the manager alone ------------------------------------------------------------------------


class Storm:
    """Callers of one `TokenManager` against a fake issuer, with the counts a test asserts."""

    def __init__(self, lifetime: float, *, with_iat: bool = True) -> None:
        self.clock = FakeClock()
        self.lifetime = lifetime
        self.with_iat = with_iat
        self.manager = TokenManager(self.authenticate, self.renew, clock=self.clock)
        self.refresh_tokens: set[str] = set()
        self.in_flight = 0
        self.renewing = 0
        self.max_renewing = 0
        self.overlap: anyio.Event | None = None
        # For each renewal: the most calls in flight at once while it was running.
        self.overlaps: list[int] = []
        self.expired_sends = 0
        self.calls = 0

    def issue(self) -> TokenSet:
        now = self.clock()
        token = jwt(exp=now + self.lifetime, iat=now if self.with_iat else None)
        refresh = secrets.token_hex(16)
        self.refresh_tokens.add(refresh)
        return TokenSet.from_api(token, refresh, None, received_at=now)

    async def authenticate(self) -> TokenSet:
        await anyio.lowlevel.checkpoint()
        return self.issue()

    async def renew(self, secret: Secret) -> TokenSet:
        refresh_token = secret.reveal()
        assert refresh_token in self.refresh_tokens, "a spent refresh token was sent"
        self.refresh_tokens.discard(refresh_token)
        self.renewing += 1
        self.max_renewing = max(self.max_renewing, self.renewing)
        self.overlap = anyio.Event()
        self.overlaps.append(self.in_flight)
        if self.in_flight >= 2:
            self.overlap.set()
        # The renewal stays on the wire until two calls are being sent meanwhile.
        with anyio.move_on_after(OVERLAP_WAIT):
            await self.overlap.wait()
        self.renewing -= 1
        self.overlap = None
        return self.issue()

    async def call(self) -> None:
        tokens = await self.manager.get()
        self.calls += 1
        if self.clock() >= claim_exp(tokens.token):
            self.expired_sends += 1  # the server would answer 401
        self.in_flight += 1
        try:
            # A request takes a few turns of the event loop on the wire.
            for _ in range(3):
                await anyio.lowlevel.checkpoint()
            overlap = self.overlap
            if overlap is not None:
                self.overlaps[-1] = max(self.overlaps[-1], self.in_flight)
                if self.in_flight >= 2:
                    overlap.set()
                else:
                    with anyio.move_on_after(OVERLAP_WAIT):
                        await overlap.wait()  # a request on the wire during the renewal
            await anyio.lowlevel.checkpoint()
        finally:
            self.in_flight -= 1

    async def run(self, *, lifetimes: float, step: float, callers: int) -> None:
        end = T0 + lifetimes * self.lifetime
        while self.clock.now < end:
            async with anyio.create_task_group() as tg:
                for _ in range(callers):
                    tg.start_soon(self.call)
            self.clock.now += step


@pytest.mark.parametrize("with_iat", [True, False], ids=["iat", "arrival"])
@pytest.mark.parametrize("lifetime", LIFETIMES, ids=["2s", "30s", "90s", "12h"])
async def test_storm_across_expiries_renews_at_most_twice_per_lifetime(
    lifetime: float, with_iat: bool
) -> None:
    storm = Storm(lifetime, with_iat=with_iat)
    lifetimes = 3.5
    # Measured from its arrival, a token with whole-second claims may live a second less.
    planned = lifetime if with_iat else lifetime - 1
    # Waves close enough together that one lands while each due token is still sent (its lead
    # less the send margin); the manager is not told when they come.
    window = lead(planned) - min(SEND_MARGIN, lead(planned) / 2)
    step = min(lifetime / 8, window) * 0.97
    await storm.run(lifetimes=lifetimes, step=step, callers=8 if lifetime > 3600 else 30)
    crossed = math.ceil(lifetimes)
    assert storm.expired_sends == 0
    assert storm.manager.authentications == 1
    renewals = storm.manager.renewals
    assert math.floor(lifetimes) <= renewals <= 2 * crossed, renewals
    assert storm.max_renewing == 1
    # Every renewal ran while the others kept calling with the still valid token.
    assert len(storm.overlaps) == renewals and min(storm.overlaps) >= 2, storm.overlaps


async def test_a_due_token_is_used_while_one_renewal_runs() -> None:
    clock = FakeClock()
    release, started, served = anyio.Event(), anyio.Event(), anyio.Event()
    renewals: list[str] = []

    async def authenticate() -> TokenSet:
        return TokenSet.from_api(jwt(exp=clock() + 30, iat=clock()), "r1", None, received_at=T0)

    async def renew(refresh_token: Secret) -> TokenSet:
        renewals.append(refresh_token.reveal())
        started.set()
        await release.wait()
        return TokenSet.from_api(jwt(exp=clock() + 30, iat=clock()), "r2", None, received_at=T0)

    manager = TokenManager(authenticate, renew, clock=clock)
    first = await manager.get()
    clock.now = manager.renew_at(first) + 0.1  # due, with 7.4 s of life left
    got: list[TokenSet] = []
    async with anyio.create_task_group() as tg:
        tg.start_soon(manager.get)  # the renewer: blocked on `release`
        with anyio.fail_after(OVERLAP_WAIT):
            await started.wait()

        async def caller() -> None:
            got.append(await manager.get())
            if len(got) == 20:
                served.set()

        for _ in range(20):
            tg.start_soon(caller)
        with anyio.fail_after(OVERLAP_WAIT):
            await served.wait()
        # Twenty callers were served while the renewal is still outstanding.
        assert renewals == ["r1"] and {t.token for t in got} == {first.token}
        release.set()
    renewed = manager.current
    assert renewed is not None and renewed.token != first.token
    assert manager.renewals == 1


async def test_an_expired_token_makes_callers_wait_for_its_successor() -> None:
    clock = FakeClock()
    issued = Counter[str]()

    async def authenticate() -> TokenSet:
        issued["auth"] += 1
        return TokenSet.from_api(jwt(exp=clock() + 2, iat=clock()), "r", None, received_at=T0)

    async def renew(refresh_token: Secret) -> TokenSet:
        issued["renew"] += 1
        await anyio.lowlevel.checkpoint()
        return TokenSet.from_api(jwt(exp=clock() + 2, iat=clock()), "r", None, received_at=T0)

    manager = TokenManager(authenticate, renew, clock=clock)
    first = await manager.get()
    clock.now = first.expires_at + 0.01
    got: list[TokenSet] = []

    async def caller() -> None:
        got.append(await manager.get())

    async with anyio.create_task_group() as tg:
        for _ in range(50):
            tg.start_soon(caller)
    assert issued == {"auth": 1, "renew": 1}
    assert len(got) == 50 and all(t.expires_at > clock() for t in got)


async def test_a_failed_renewal_keeps_the_valid_token_and_an_expired_one_raises() -> None:
    clock = FakeClock()

    async def authenticate() -> TokenSet:
        if clock() > T0:
            raise APIConnectionError("down", operation="authenticate")
        return TokenSet.from_api(jwt(exp=clock() + 30, iat=clock()), "r", None, received_at=T0)

    async def renew(refresh_token: Secret) -> TokenSet:
        raise APIConnectionError("down", operation="renewToken")

    manager = TokenManager(authenticate, renew, clock=clock)
    first = await manager.get()
    clock.now = first.expires_at - 2
    assert await manager.get() is first  # the renewal failed; the token still works
    clock.now = first.expires_at
    with pytest.raises(APIConnectionError):
        await manager.get()


def test_the_default_lead_is_a_quarter_of_the_lifetime_at_most_a_minute() -> None:
    async def never() -> TokenSet:
        raise AssertionError

    manager = TokenManager(never, lambda _: never())
    for lifetime, expected in [(2, 0.5), (30, 7.5), (90, 22.5), (240, 60), (43200, 60)]:
        tokens = TokenSet.from_api(jwt(exp=T0 + lifetime, iat=T0), None, None, received_at=T0)
        assert tokens.expires_at - manager.renew_at(tokens) == pytest.approx(expected)
    fixed = TokenManager(never, lambda _: never(), refresh_margin=45)
    assert tokens.expires_at - fixed.renew_at(tokens) == 45


def test_clock_offset_reads_the_date_header() -> None:
    date = email.utils.formatdate(T0 - 3600, usegmt=True)
    assert clock_offset(date, T0 - 0.2, T0) == pytest.approx(-3600, abs=1)
    assert clock_offset(email.utils.formatdate(T0 + 3600, usegmt=True), T0, T0) == (
        pytest.approx(3600, abs=1)
    )
    # Within the header's one-second rounding and the exchange: our clock and theirs agree.
    assert clock_offset(email.utils.formatdate(T0, usegmt=True), T0 - 0.5, T0 + 0.5) == 0
    # A Date the server cached a second or two ago is no skew either.
    assert clock_offset(email.utils.formatdate(T0 - 2.2, usegmt=True), T0, T0) == 0
    assert clock_offset(email.utils.formatdate(T0 - 4, usegmt=True), T0, T0) == (
        pytest.approx(-4, abs=1)
    )
    assert clock_offset(None, T0, T0) == 0
    assert clock_offset("yesterday-ish", T0, T0) == 0


# --- the whole client, on a fake clock --------------------------------------------------------


class ClockedApi:
    """The token routes and one call, on a server clock `skew` seconds off the fake clock."""

    def __init__(self, clock: FakeClock, *, lifetime: float, skew: float = 0.0) -> None:
        self.clock = clock
        self.lifetime = lifetime
        self.skew = skew
        self.valid: set[str] = set()
        self.refresh: set[str] = set()
        self.calls: Counter[str] = Counter()

    def server_now(self) -> float:
        return self.clock() + self.skew

    def issue(self) -> httpx.Response:
        now = self.server_now()
        token = jwt(exp=now + self.lifetime, iat=now)
        refresh = secrets.token_hex(16)
        self.valid.add(token)
        self.refresh.add(refresh)
        data = {"token": token, "refresh_token": refresh, "expires_at": None}
        return httpx.Response(200, json=envelope(data), headers=self.date())

    def date(self) -> dict[str, str]:
        return {"Date": email.utils.formatdate(self.server_now(), usegmt=True)}

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        route = f"{request.method} {request.url.path}"
        self.calls[route] += 1
        await anyio.lowlevel.checkpoint()
        if route == "POST /auth":
            return self.issue()
        header = request.headers.get("Token", "")
        if route == "PATCH /auth":
            refresh = header.removeprefix("Refresh ")
            if refresh not in self.refresh:
                return httpx.Response(401, json=error_envelope(401, "Invalid refresh token"))
            self.refresh.discard(refresh)
            return self.issue()
        if header not in self.valid or self.server_now() >= claim_exp(header):
            self.calls["401"] += 1
            return httpx.Response(401, json=error_envelope(401, "Invalid or expired token"))
        if route == "DELETE /auth":
            self.valid.discard(header)
            return httpx.Response(200, json=envelope(None), headers=self.date())
        county = {"id": 12, "code": "CJ", "name": "Cluj", "siruta": 127, "country": "RO"}
        return httpx.Response(200, json=envelope([county]), headers=self.date())


def clocked_client(api: ClockedApi) -> CascoClient:
    casco = CascoClient(
        base_url=BASE_URL,
        account=ACCOUNT,
        password=PASSWORD,
        retry=FAST_RETRY,
        transport=httpx.MockTransport(api),
    )
    casco.tokens.clock = api.clock
    return casco


@pytest.mark.parametrize("skew", [-3600.0, 0.0, 3600.0], ids=["behind", "same", "ahead"])
@pytest.mark.parametrize("lifetime", [2.0, 30.0, 90.0], ids=["2s", "30s", "90s"])
async def test_client_storm_with_a_skewed_server_clock(lifetime: float, skew: float) -> None:
    """An hour behind: without the offset every token looks expired (a renewal per call); an
    hour ahead: every token looks good for an hour (401s once they expire). Neither happens."""
    clock = FakeClock()
    api = ClockedApi(clock, lifetime=lifetime, skew=skew)
    lifetimes = 3.5
    waves = 0
    async with clocked_client(api) as casco:
        while clock.now < T0 + lifetimes * lifetime:
            async with anyio.create_task_group() as tg:
                for _ in range(10):
                    tg.start_soon(casco.nomenclature.counties)
            waves += 1
            clock.now += lifetime / 8 * 0.97
        left = casco.tokens.current
        assert left is not None and left.seconds_left(clock()) > 0
    assert waves >= 28
    # Every call succeeded; the only extra sends are replays after a 401.
    assert api.calls["GET /nomenclature/county"] == 10 * waves + api.calls["401"]
    if skew == 0 or lifetime >= 30:
        assert api.calls["401"] == 0
    else:
        # `Date` has whole seconds: a skew is known to half a second, so the last half second
        # of a 2 s token can meet a 401 (replayed with its successor), never more than one wave.
        assert api.calls["401"] <= 10 * api.calls["PATCH /auth"]
    assert api.calls["POST /auth"] == 1
    assert 3 <= api.calls["PATCH /auth"] <= 2 * math.ceil(lifetimes)
    assert api.calls["DELETE /auth"] == 1  # the last token was still valid: revoked


async def test_a_token_with_seconds_left_is_revoked_on_close(httpx_mock: Any) -> None:
    api = FakeApi(token_lifetime=3)  # under the old 5 s floor
    httpx_mock.add_callback(api, is_reusable=True)
    async with CascoClient(
        base_url=BASE_URL, account=ACCOUNT, password=PASSWORD, retry=FAST_RETRY
    ) as casco:
        await casco.nomenclature.counties()
        tokens = casco.tokens.current
        assert tokens is not None and tokens.seconds_left() < 5
    assert api.calls["PATCH /auth"] == 0  # a 3 s token is fresh for its first 2.25 s
    assert api.calls["DELETE /auth"] == 1
    assert tokens.token not in api.valid_tokens


@pytest.mark.parametrize(("left", "revoked"), [(0.2, 1), (-0.2, 0)])
async def test_close_revokes_any_valid_token_and_skips_an_expired_one(
    left: float, revoked: int
) -> None:
    clock = FakeClock()
    api = ClockedApi(clock, lifetime=30)
    casco = clocked_client(api)
    await casco.nomenclature.counties()
    tokens = casco.tokens.current
    assert tokens is not None
    clock.now = tokens.expires_at - left
    await casco.aclose()
    assert api.calls["DELETE /auth"] == revoked
    assert api.calls["401"] == 0
