"""Unit tests of CascoClient's rules, with pytest-httpx standing in for the network."""

from __future__ import annotations

import logging
from typing import Any

import anyio
import attrs
import httpx
import pytest
from support import (
    ACCOUNT,
    BASE_URL,
    FAST_RETRY,
    PASSWORD,
    PAYMENT,
    FakeApi,
    envelope,
    error_envelope,
    make_jwt,
    quote_request,
)

import casco_async
from casco_async import (
    AmbiguousOutcomeError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    CascoClient,
    ConfigurationError,
    ConflictError,
    FileTokenStore,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    TokenSet,
    ValidationError,
)


@pytest.fixture
def api(httpx_mock: Any) -> FakeApi:
    fake = FakeApi()
    httpx_mock.add_callback(fake, is_reusable=True, is_optional=True)
    return fake


def client(**kwargs: Any) -> CascoClient:
    kwargs.setdefault("retry", FAST_RETRY)
    if "max_retries" in kwargs:
        kwargs["retry"] = attrs.evolve(kwargs["retry"], max_retries=kwargs.pop("max_retries"))
    return CascoClient(base_url=BASE_URL, account=ACCOUNT, password=PASSWORD, **kwargs)


def run(backend: str, fn: Any) -> Any:
    return anyio.run(fn, backend=backend)


# --- token lifecycle ---------------------------------------------------------------------------


async def test_authenticates_lazily_then_reuses_the_token(api: FakeApi) -> None:
    casco = client()
    assert api.calls["POST /auth"] == 0  # nothing happens before the first call
    async with casco:
        counties = await casco.nomenclature.counties()
        await casco.nomenclature.counties()
    assert counties[0].code == "CJ"
    assert api.calls["POST /auth"] == 1
    assert api.calls["GET /nomenclature/county"] == 2
    assert api.seen_tokens[0] is not None and api.seen_tokens[0] == api.seen_tokens[1]


async def test_close_revokes_the_token(api: FakeApi) -> None:
    async with client() as casco:
        await casco.nomenclature.counties()
        token = casco.tokens.current
    assert api.calls["DELETE /auth"] == 1
    assert token is not None and token.token not in api.valid_tokens
    assert casco.tokens.current is None


async def test_401_renews_once_and_replays(api: FakeApi) -> None:
    async with client() as casco:
        await casco.nomenclature.counties()
        api.valid_tokens.clear()  # the server forgets the token (e.g. restarted)
        counties = await casco.nomenclature.counties()
    assert counties[0].siruta == 127
    assert api.calls["PATCH /auth"] == 1
    assert api.calls["POST /auth"] == 1
    assert api.calls["GET /nomenclature/county"] == 3  # ok, 401, replay ok


async def test_failed_renewal_falls_back_to_authenticate(api: FakeApi) -> None:
    async with client() as casco:
        await casco.nomenclature.counties()
        api.valid_tokens.clear()
        api.refresh_tokens.clear()  # the refresh token is spent too
        await casco.nomenclature.counties()
    assert api.calls["PATCH /auth"] == 1
    assert api.calls["POST /auth"] == 2


async def test_persistent_401_is_an_authentication_error(api: FakeApi) -> None:
    api.script(
        "GET /nomenclature/county", *[httpx.Response(401, json=error_envelope(401, "no"))] * 2
    )
    async with client() as casco:
        with pytest.raises(AuthenticationError) as caught:
            await casco.nomenclature.counties()
    assert caught.value.status_code == 401
    assert api.calls["GET /nomenclature/county"] == 2  # one replay, not a loop


async def test_wrong_password_is_an_authentication_error(api: FakeApi) -> None:
    casco = CascoClient(base_url=BASE_URL, account=ACCOUNT, password="wrong", retry=FAST_RETRY)
    async with casco:
        with pytest.raises(AuthenticationError):
            await casco.nomenclature.counties()
    assert api.calls["GET /nomenclature/county"] == 0


async def test_token_is_renewed_before_it_expires(httpx_mock: Any) -> None:
    api = FakeApi(token_lifetime=30)  # inside an explicit 60 s margin: stale on arrival
    httpx_mock.add_callback(api, is_reusable=True)
    async with client(refresh_margin=60) as casco:
        for _ in range(3):
            await casco.nomenclature.counties()
    assert api.calls["POST /auth"] == 1
    assert api.calls["PATCH /auth"] == 2  # before the 2nd and 3rd calls, never after a 401
    assert len(set(api.seen_tokens)) == 3
    assert api.calls["GET /nomenclature/county"] == 3


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_single_flight_storm_500_callers_one_renewal(httpx_mock: Any, backend: str) -> None:
    api = FakeApi(renew_delay=0.05)
    httpx_mock.add_callback(api, is_reusable=True)
    failures: list[BaseException] = []

    async def main() -> None:
        async with client(max_concurrency=64) as casco:
            await casco.nomenclature.counties()
            current = casco.tokens.current
            assert current is not None
            # Make the token stale for everyone at once, as at an expiry.
            object.__setattr__(current, "expires_at", 0.0)

            async def one() -> None:
                try:
                    await casco.nomenclature.counties()
                except Exception as exc:  # collected, asserted below
                    failures.append(exc)

            async with anyio.create_task_group() as tg:
                for _ in range(500):
                    tg.start_soon(one)

    run(backend, main)
    assert failures == []
    assert api.calls["PATCH /auth"] == 1
    assert api.calls["POST /auth"] == 1
    assert api.calls["GET /nomenclature/county"] == 501


async def test_concurrent_401s_renew_once(api: FakeApi) -> None:
    async with client() as casco:
        await casco.nomenclature.counties()
        api.valid_tokens.clear()
        async with anyio.create_task_group() as tg:
            for _ in range(50):
                tg.start_soon(casco.nomenclature.counties)
    assert api.calls["PATCH /auth"] == 1  # only the first 401 renews; the rest reuse it


async def test_token_store_shares_a_session(api: FakeApi, tmp_path: Any) -> None:
    store = FileTokenStore(tmp_path / "tokens.json")
    async with client(token_store=store) as first:
        await first.nomenclature.counties()
    assert (tmp_path / "tokens.json").stat().st_mode & 0o777 == 0o600
    async with client(token_store=store) as second:
        await second.nomenclature.counties()
    assert api.calls["POST /auth"] == 1  # the second client reused the stored token
    assert api.calls["DELETE /auth"] == 0  # a shared session is not revoked on close
    stored = await store.load()
    assert stored is not None and stored.token in api.valid_tokens


async def test_token_is_not_sent_to_another_origin(api: FakeApi, httpx_mock: Any) -> None:
    api.script(
        "GET /nomenclature/county",
        httpx.Response(302, headers={"Location": "https://evil.example/steal"}),
    )
    async with client() as casco:
        with pytest.raises(ResponseValidationError):
            await casco.nomenclature.counties()
    assert all(r.url.host == "casco-qa.api.lifeishard.ro" for r in httpx_mock.get_requests())


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (500, InternalServerError),
    ],
)
async def test_status_errors_are_typed(
    api: FakeApi, status: int, error_type: type[APIStatusError]
) -> None:
    body = {**error_envelope(status, "nope"), "correlation_id": "corr-1"}
    api.script("GET /nomenclature/county", *[httpx.Response(status, json=body)] * 3)
    async with client() as casco:
        with pytest.raises(error_type) as caught:
            await casco.nomenclature.counties()
    assert caught.value.status_code == status
    assert caught.value.operation == "listCounties"
    assert caught.value.message == "nope"
    assert caught.value.correlation_id == "corr-1"


async def test_validation_error_carries_field_errors(api: FakeApi) -> None:
    body = error_envelope(400, "VALIDATION_ERROR", {"product.vehicle.vin": ["Too short."]})
    api.script("POST /offer", httpx.Response(400, json=body))
    async with client() as casco:
        with pytest.raises(ValidationError) as caught:
            await casco.products.quote(quote_request())
    assert caught.value.field_errors == {"product.vehicle.vin": ["Too short."]}
    assert api.calls["POST /offer"] == 1  # a 400 is never retried


async def test_error_envelope_under_http_200_is_an_error(api: FakeApi) -> None:
    api.script("GET /nomenclature/county", httpx.Response(200, json=error_envelope(404, "gone")))
    async with client() as casco:
        with pytest.raises(NotFoundError):
            await casco.nomenclature.counties()


async def test_an_error_envelope_with_a_unicode_digit_status_is_a_typed_error(api: FakeApi) -> None:
    # "²".isdigit() is true and int("²") raises: the answer must still become a typed error.
    body = {"error": True, "status": "²", "message": "odd", "data": None}
    api.script("GET /nomenclature/county", *[httpx.Response(200, json=body)] * 3)
    async with client(max_retries=0) as casco:
        with pytest.raises(InternalServerError):
            await casco.nomenclature.counties()


async def test_string_envelope_flags_from_the_docs_are_accepted(api: FakeApi) -> None:
    body = {"error": "false", "status": "200", "data": [{"id": 1, "code": "AB", "name": "Alba"}]}
    api.script("GET /nomenclature/county", httpx.Response(200, json=body))
    async with client() as casco:
        counties = await casco.nomenclature.counties()
    assert counties[0].name == "Alba"


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html>not json</html>"),
        httpx.Response(200, json=["not", "an", "envelope"]),
        httpx.Response(200, json=envelope("a string where a list belongs")),
        httpx.Response(200, json={"error": False, "status": 200}),
        httpx.Response(520, text="Cloudflare origin error"),
    ],
)
async def test_unusable_answers_are_response_validation_errors(
    api: FakeApi, response: httpx.Response
) -> None:
    api.script("GET /nomenclature/county", *[response] * 3)
    async with client(max_retries=0) as casco:
        with pytest.raises(ResponseValidationError):
            await casco.nomenclature.counties()


# --- retries -----------------------------------------------------------------------------------


async def test_transient_failures_are_retried(api: FakeApi, httpx_mock: Any) -> None:
    api.script(
        "GET /nomenclature/county",
        httpx.Response(503, json=error_envelope(503, "busy")),
        httpx.Response(502, text="bad gateway"),
    )
    async with client() as casco:
        counties = await casco.nomenclature.counties()
    assert counties[0].code == "CJ"
    assert api.calls["GET /nomenclature/county"] == 3


async def test_connection_errors_are_retried_then_raised(httpx_mock: Any) -> None:
    api = FakeApi()
    httpx_mock.add_callback(api, method="POST", is_reusable=True)
    httpx_mock.add_exception(httpx.ConnectError("refused"), method="GET", is_reusable=True)
    async with client(revoke_on_close=False) as casco:
        with pytest.raises(APIConnectionError) as caught:
            await casco.nomenclature.counties()
    assert not isinstance(caught.value, APITimeoutError)
    assert len(httpx_mock.get_requests(method="GET")) == 3  # first try + max_retries


async def test_timeouts_are_typed(httpx_mock: Any) -> None:
    api = FakeApi()
    httpx_mock.add_callback(api, method="POST", is_reusable=True)
    httpx_mock.add_exception(httpx.ReadTimeout("slow"), method="GET", is_reusable=True)
    async with client(max_retries=0, revoke_on_close=False) as casco:
        with pytest.raises(APITimeoutError):
            await casco.nomenclature.counties()


async def test_max_retries_zero_disables_retrying(api: FakeApi) -> None:
    api.script("GET /nomenclature/county", httpx.Response(503, json=error_envelope(503, "busy")))
    async with client(max_retries=0) as casco:
        with pytest.raises(InternalServerError):
            await casco.nomenclature.counties()
    assert api.calls["GET /nomenclature/county"] == 1


async def test_retry_after_longer_than_the_cap_is_surfaced(api: FakeApi) -> None:
    api.script(
        "GET /nomenclature/county",
        httpx.Response(429, json=error_envelope(429, "slow down"), headers={"Retry-After": "300"}),
    )
    async with client() as casco:
        with pytest.raises(RateLimitError) as caught:
            await casco.nomenclature.counties()
    assert caught.value.retry_after == 300
    assert api.calls["GET /nomenclature/county"] == 1


async def test_retry_after_is_honoured(api: FakeApi) -> None:
    api.script(
        "GET /nomenclature/county",
        httpx.Response(429, json=error_envelope(429, "slow"), headers={"Retry-After": "0.2"}),
    )
    async with client() as casco:
        started = anyio.current_time()
        await casco.nomenclature.counties()
        waited = anyio.current_time() - started
    assert waited >= 0.19  # a lower bound only: it waited at least what the server asked
    assert api.calls["GET /nomenclature/county"] == 2


async def test_issue_policy_is_never_retried_and_a_5xx_leaves_it_ambiguous(api: FakeApi) -> None:
    # A 503 after the request was sent does not prove the policy was not issued.
    api.script("POST /policy", httpx.Response(503, json=error_envelope(503, "busy")))
    async with client() as casco:
        with pytest.raises(AmbiguousOutcomeError) as caught:
            await casco.products.issue_policy(100001, PAYMENT)
    assert caught.value.status_code == 503 and caught.value.offer_id == 100001
    assert api.calls["POST /policy"] == 1


@pytest.mark.parametrize("exc", [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("cut")])
async def test_issue_policy_lost_answer_is_ambiguous(
    api: FakeApi, httpx_mock: Any, exc: Exception
) -> None:
    def lose(request: httpx.Request) -> httpx.Response:
        raise exc

    api.script("POST /policy", lose)
    async with client() as casco:
        with pytest.raises(AmbiguousOutcomeError) as caught:
            await casco.products.issue_policy(100001, PAYMENT)
    assert caught.value.offer_id == 100001
    assert api.calls["POST /policy"] == 1


async def test_issue_policy_connect_error_is_not_ambiguous(httpx_mock: Any) -> None:
    api = FakeApi()
    httpx_mock.add_callback(api, url=f"{BASE_URL}/auth?account={ACCOUNT}&password={PASSWORD}")
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=f"{BASE_URL}/policy")
    async with client(revoke_on_close=False) as casco:
        with pytest.raises(APIConnectionError) as caught:
            await casco.products.issue_policy(100001, PAYMENT)
    assert not isinstance(caught.value, AmbiguousOutcomeError)


# --- validation, options, safety ----------------------------------------------------------------


async def test_invalid_request_is_refused_before_sending(api: FakeApi) -> None:
    request = quote_request()
    del request["product"]["vehicle"]["vin"]
    request["product"]["motor"]["currency"] = "USD"
    async with client() as casco:
        with pytest.raises(ValidationError) as caught:
            await casco.products.quote(request)
    assert "product.vehicle.vin" in caught.value.field_errors
    assert "product.motor.currency" in caught.value.field_errors
    assert caught.value.status_code is None
    assert api.calls["POST /offer"] == 0 and api.calls["POST /auth"] == 0


async def test_models_and_mappings_are_accepted_alike(api: FakeApi) -> None:
    from casco_async_generated.models import QuoteRequest

    request = quote_request()
    async with client() as casco:
        from_mapping = await casco.products.quote(request)
        from_model = await casco.products.quote(QuoteRequest.from_dict(request))
    assert from_mapping[0].offer_id == from_model[0].offer_id == 100001
    sent = [r for r in api.calls.elements() if r == "POST /offer"]
    assert len(sent) == 2


async def test_models_and_mappings_send_the_same_bytes(api: FakeApi) -> None:
    # A validated mapping is sent as the JSON it is, without being built into models first: the
    # wire must be exactly what the model's own to_dict gives.
    import json

    from casco_async_generated.models import QuoteRequest

    request = quote_request()
    bodies: list[Any] = []

    def record(sent: httpx.Request) -> None:
        bodies.append(json.loads(sent.content))

    api.script("POST /offer", record, record)
    async with client() as casco:
        await casco.products.quote(request)
        await casco.products.quote(QuoteRequest.from_dict(request))
    assert bodies[0] == bodies[1] == QuoteRequest.from_dict(request).to_dict()


async def test_a_mapping_changed_during_a_retry_changes_nothing_sent(api: FakeApi) -> None:
    # The body is encoded once, when the call starts: a caller reusing its dict for the next
    # vehicle while this quote waits to be retried must not have the retry send that vehicle.
    request = quote_request()
    sent: list[bytes] = []

    def busy_then_change(answered: httpx.Request) -> httpx.Response:
        sent.append(answered.content)
        request["product"]["vehicle"]["vin"] = "CHANGEDAFTERSEND1"
        return httpx.Response(503, json=error_envelope(503, "busy"))

    def record(answered: httpx.Request) -> None:
        sent.append(answered.content)

    api.script("POST /offer", busy_then_change, record)
    async with client() as casco:
        await casco.products.quote(request)
    assert len(sent) == 2 and sent[0] == sent[1]
    assert b"CHANGEDAFTERSEND1" not in sent[1]


async def test_issue_policy_returns_the_policy(api: FakeApi) -> None:
    async with client() as casco:
        policy = await casco.products.issue_policy(100001, PAYMENT)
    assert (policy.series, policy.number) == ("RO/05/M3", 100234)


def test_plain_http_is_refused_for_remote_hosts() -> None:
    with pytest.raises(ConfigurationError):
        CascoClient(base_url="http://casco.example", account="a", password="b")
    CascoClient(base_url="http://127.0.0.1:8080", account="a", password="b")
    CascoClient(
        base_url="http://casco.example", account="a", password="b", allow_insecure_http=True
    )


def test_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASCO_BASE_URL", BASE_URL)
    monkeypatch.setenv("CASCO_ACCOUNT", ACCOUNT)
    monkeypatch.delenv("CASCO_PASSWORD", raising=False)
    with pytest.raises(ConfigurationError, match="CASCO_PASSWORD"):
        CascoClient.from_env()
    monkeypatch.setenv("CASCO_PASSWORD", PASSWORD)
    casco = CascoClient.from_env()
    assert str(casco.base_url).startswith(BASE_URL)


async def test_with_options_shares_the_pool_and_tokens(api: FakeApi) -> None:
    async with client() as casco:
        quick = casco.with_options(timeout=1.5, max_retries=0)
        await quick.nomenclature.counties()
        await casco.nomenclature.counties()
        await quick.aclose()  # a view does not close the shared pool
        await casco.nomenclature.counties()
    assert quick.options.timeout == httpx.Timeout(1.5)
    assert quick.options.retry.max_retries == 0 and casco.options.retry.max_retries == 2
    assert api.calls["POST /auth"] == 1


async def test_per_call_timeout_reaches_the_request(api: FakeApi, httpx_mock: Any) -> None:
    async with client() as casco:
        await casco.with_options(timeout=2.5).nomenclature.counties()
        await casco.products.quote(quote_request())
    county = httpx_mock.get_requests(method="GET")[0]
    offer = httpx_mock.get_requests(method="POST", url=f"{BASE_URL}/offer")[0]
    assert county.extensions["timeout"]["read"] == 2.5
    assert offer.extensions["timeout"]["read"] == casco_async.SLOW_TIMEOUT.read


async def test_secrets_never_reach_logs_reprs_or_errors(
    api: FakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    api.script("GET /nomenclature/county", httpx.Response(500, json=error_envelope(500, "boom")))
    async with client(max_retries=1) as casco:
        await casco.nomenclature.counties()
        tokens = casco.tokens.current
        assert tokens is not None
        texts += [repr(casco), repr(tokens), repr(casco.tokens), str(casco.nomenclature)]
        api.valid_tokens.clear()
        api.refresh_tokens.clear()
        api.script("GET /nomenclature/county", httpx.Response(404, json=error_envelope(404, "x")))
        try:
            await casco.nomenclature.counties()
        except NotFoundError as exc:
            texts += [str(exc), repr(exc)]
        secrets = {PASSWORD, tokens.token, tokens.refresh_token or "-"}
        current = casco.tokens.current
        assert current is not None
        secrets |= {current.token, current.refresh_token or "-"}
    texts += [record.getMessage() for record in caplog.records]
    assert any("listCounties" in text for text in texts)  # the logs did say something
    for text in texts:
        for secret in secrets:
            assert secret not in text


async def test_concurrency_is_limited_without_pool_timeouts(httpx_mock: Any) -> None:
    api = FakeApi()
    in_flight = 0
    peak = 0

    async def slow_counties(request: httpx.Request) -> httpx.Response | None:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await anyio.sleep(0.01)
        in_flight -= 1
        return None  # fall through to the default answer

    api.script("GET /nomenclature/county", *[slow_counties] * 200)  # type: ignore[arg-type]
    httpx_mock.add_callback(api, is_reusable=True)
    async with client(max_concurrency=8) as casco, anyio.create_task_group() as tg:
        for _ in range(200):
            tg.start_soon(casco.nomenclature.counties)
    assert 1 < peak <= 8
    assert api.calls["GET /nomenclature/county"] == 200


async def test_429_lowers_concurrency_for_a_while(api: FakeApi) -> None:
    api.script(
        "GET /nomenclature/county",
        httpx.Response(429, json=error_envelope(429, "slow"), headers={"Retry-After": "0"}),
    )
    async with client(max_concurrency=16) as casco:
        await casco.nomenclature.counties()
        limiter = casco._pipeline.connection.concurrency
        assert limiter.current_limit == 8  # halved by the 429, not yet recovered
        limiter._next_recovery = 0.0
        await casco.nomenclature.counties()
        assert limiter.current_limit == 9  # won back one slot after a success


async def test_rate_limit_spaces_request_starts(api: FakeApi) -> None:
    async with client(rate_limit=20) as casco:
        await casco.nomenclature.counties()
        started = anyio.current_time()
        for _ in range(5):
            await casco.nomenclature.counties()
        elapsed = anyio.current_time() - started
    assert elapsed >= 4 * (1 / 20) * 0.95  # lower bound: the limiter waited between starts


def test_tokenset_reads_jwt_exp_and_masks_repr() -> None:
    token = make_jwt(600, now=1_800_000_000)
    tokens = TokenSet.from_api(token, "ab" * 32, "2027-01-15 22:39:59")
    assert tokens.expires_at == 1_800_000_600
    assert token not in repr(tokens) and "ab" * 32 not in repr(tokens)
    fallback = TokenSet.from_api("not-a-jwt", None, "2027-07-01 12:00:00")
    assert fallback.expires_at == 1_814_432_400  # 09:00 UTC: Bucharest is UTC+3 in summer
    assert TokenSet.from_json(tokens.to_json()) == tokens


async def test_failed_authentication_is_not_retried_twice(httpx_mock: Any) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"), is_reusable=True)
    async with client(max_retries=2, revoke_on_close=False) as casco:
        with pytest.raises(APIConnectionError):
            await casco.nomenclature.counties()
    # POST /auth was tried 3 times (its own retries); the county call was not retried around it.
    requests = httpx_mock.get_requests()
    assert [r.url.path for r in requests] == ["/auth"] * 3


@pytest.mark.parametrize("status", [502, 504])
async def test_issue_policy_gateway_failure_is_ambiguous(api: FakeApi, status: int) -> None:
    api.script("POST /policy", httpx.Response(status, text="gateway"))
    async with client() as casco:
        with pytest.raises(AmbiguousOutcomeError) as caught:
            await casco.products.issue_policy(100001, PAYMENT)
    assert caught.value.status_code == status and caught.value.offer_id == 100001
    assert api.calls["POST /policy"] == 1
