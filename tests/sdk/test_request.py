"""`casco.request(method, path)`: any operation through the wrapped calls' pipeline, on the sandbox.

Each behaviour is checked in-process (`Sandbox.transport()`) and, where sockets matter (retries,
dropped connections, token replay), over a real socket with `SandboxServer`. The sandbox's
counters prove what reached the wire: how many attempts, and nothing at all for a refused call.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest
from support import FAST_RETRY, busy_connections

from casco_async import (
    AmbiguousOutcomeError,
    APIStatusError,
    CascoClient,
    ConfigurationError,
    InternalServerError,
    NotFoundError,
    ValidationError,
)
from casco_async._operations import (
    ALL_OPERATIONS,
    DOWNLOAD_OFFER,
    GET_QUOTE,
    ISSUE_POLICY,
    LIST_COUNTIES,
    OPERATIONS,
    Operation,
    find_operation,
    raw_operation,
)
from casco_async.sandbox import FaultConfig, Sandbox, SandboxServer
from casco_async.testing import sample_payment, sample_quote_request

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from openapi_document import load_document  # noqa: E402

ATTEMPTS = 1 + FAST_RETRY.max_retries
SERVER_ERROR = FaultConfig(error_rate=1.0, error_statuses=(503,))

Connect = Callable[..., CascoClient]


# The sandbox counts and faults each operation under its operationId; the tests name operations
# by wire, and these two helpers are the only place that translates.
def counted(sandbox: Sandbox, key: str) -> dict[str, int]:
    return sandbox.stats()[OPERATIONS[key].id]


def set_fault(sandbox: Sandbox, key: str, fault: FaultConfig) -> None:
    sandbox.set_faults(operations={OPERATIONS[key].id: fault})


def total_calls(sandbox: Sandbox) -> int:
    return sum(counts["calls"] for counts in sandbox.stats().values())


@pytest.fixture(params=["in-process", "socket"])
def wire(request: pytest.FixtureRequest) -> tuple[Sandbox, Connect]:
    """The sandbox, and how to build a client on it: in-process, or over a real socket."""
    if request.param == "socket":
        server: SandboxServer = request.getfixturevalue("casco_sandbox_server")
        base_url, transport = server.base_url, None
        sandbox = server.sandbox
    else:
        sandbox = request.getfixturevalue("casco_sandbox")
        base_url, transport = "http://localhost", sandbox.transport()

    def connect(**kwargs: Any) -> CascoClient:
        kwargs.setdefault("retry", FAST_RETRY)
        return CascoClient(
            base_url=base_url,
            account="sandbox",
            password="sandbox",
            transport=transport,
            **kwargs,
        )

    return sandbox, connect


@asynccontextmanager
async def in_process(sandbox: Sandbox) -> AsyncIterator[CascoClient]:
    async with CascoClient(
        base_url="http://localhost",
        account="sandbox",
        password="sandbox",
        transport=sandbox.transport(),
        retry=FAST_RETRY,
    ) as casco:
        yield casco


# --- the same answers as the wrapped calls -----------------------------------------------------


async def test_get_returns_the_data_the_wrapped_call_parses(
    wire: tuple[Sandbox, Connect],
) -> None:
    sandbox, connect = wire
    async with connect() as casco:
        raw = await casco.request("GET", "/nomenclature/county")
        wrapped = await casco.nomenclature.counties()
    assert isinstance(raw, list) and len(raw) == len(wrapped) > 40
    assert raw == [county.to_dict() for county in wrapped]
    assert counted(sandbox, "GET /nomenclature/county")["ok"] == 2
    assert counted(sandbox, "POST /auth")["calls"] == 1  # one session for both


async def test_post_offer_returns_offers(wire: tuple[Sandbox, Connect]) -> None:
    sandbox, connect = wire
    async with connect() as casco:
        data = await casco.request("POST", "/offer", json=sample_quote_request("allianz"))
    offers = data["offers"]
    assert offers and offers[0]["currency"] == "RON" and offers[0]["premiumAmount"] > 0
    assert [offer.offer_id for offer in sandbox.offers()] == [o["offerId"] for o in offers]


async def test_invalid_post_raises_the_servers_field_errors(
    wire: tuple[Sandbox, Connect],
) -> None:
    sandbox, connect = wire
    request = sample_quote_request()
    del request["product"]["policyholder"]
    async with connect() as casco:
        with pytest.raises(ValidationError) as caught:
            await casco.request("POST", "/offer", json=request)
    error = caught.value
    # Refused by the server (nothing is validated before sending), with the API's field paths.
    assert error.status_code == 400 and error.operation == "getQuote"
    assert "product.policyholder" in error.field_errors
    assert counted(sandbox, "POST /offer")["client_error"] == 1


async def test_unknown_path_is_a_typed_not_found(wire: tuple[Sandbox, Connect]) -> None:
    sandbox, connect = wire
    async with connect() as casco:
        with pytest.raises(NotFoundError) as caught:
            await casco.request("GET", "/nomenclature/planet")
    assert caught.value.status_code == 404
    assert caught.value.operation == "GET /nomenclature/planet"
    assert sandbox.stats()["unmatched"]["calls"] == 1  # a 4xx is not retried


async def test_wrong_method_on_a_known_path_is_a_typed_status_error(
    casco_sandbox: Sandbox,
) -> None:
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(APIStatusError) as caught:
            await casco.request("PUT", "/nomenclature/county")
    assert caught.value.status_code == 405
    assert casco_sandbox.stats()["unmatched"]["calls"] == 1


async def test_a_whole_policy_through_request_alone(casco_sandbox: Sandbox) -> None:
    async with in_process(casco_sandbox) as casco:
        quote = await casco.request("POST", "/offer", json=sample_quote_request())
        offer = quote["offers"][0]
        issued = await casco.request(
            "post",
            "/policy",
            json={"offerId": offer["offerId"], "payment": sample_payment(offer)},
        )
        policy = issued["policies"][0]
        documents = await casco.request(
            "GET",
            "/policy",
            # None is left out of the query; numbers are sent as the API's integers.
            params={"series": policy["series"], "number": policy["number"], "extra": None},
        )
    assert [stored.series for stored in casco_sandbox.policies()] == [policy["series"]]
    assert documents["files"] and documents["files"][0]["content"]


async def test_head_returns_none(casco_sandbox: Sandbox) -> None:
    async with in_process(casco_sandbox) as casco:
        assert await casco.request("HEAD", "/nomenclature/county") is None
        with pytest.raises(NotFoundError):
            await casco.request("HEAD", "/nomenclature/planet")


# --- retries and ambiguous outcomes -----------------------------------------------------------


async def test_a_5xx_on_a_get_is_retried(wire: tuple[Sandbox, Connect]) -> None:
    sandbox, connect = wire
    set_fault(sandbox, "GET /nomenclature/county", SERVER_ERROR)
    async with connect() as casco:
        with pytest.raises(InternalServerError) as caught:
            await casco.request("GET", "/nomenclature/county")
        assert caught.value.status_code == 503
    assert counted(sandbox, "GET /nomenclature/county")["server_error"] == ATTEMPTS


async def test_a_5xx_on_a_post_is_retried_only_when_declared_idempotent(
    wire: tuple[Sandbox, Connect],
) -> None:
    sandbox, connect = wire
    set_fault(sandbox, "POST /offer", SERVER_ERROR)
    async with connect() as casco:
        # Not declared idempotent, a 5xx after sending leaves the outcome open: not retried.
        with pytest.raises(AmbiguousOutcomeError):
            await casco.request("POST", "/offer", json=sample_quote_request())
        assert counted(sandbox, "POST /offer")["calls"] == 1
        with pytest.raises(InternalServerError):
            await casco.request("POST", "/offer", json=sample_quote_request(), idempotent=True)
        assert counted(sandbox, "POST /offer")["calls"] == 1 + ATTEMPTS


async def test_a_get_declared_not_idempotent_is_not_retried(casco_sandbox: Sandbox) -> None:
    set_fault(casco_sandbox, "GET /nomenclature/county", SERVER_ERROR)
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(AmbiguousOutcomeError):
            await casco.request("GET", "/nomenclature/county", idempotent=False)
    assert counted(casco_sandbox, "GET /nomenclature/county")["calls"] == 1


async def test_a_gateway_failure_on_a_post_is_ambiguous(casco_sandbox: Sandbox) -> None:
    set_fault(casco_sandbox, "POST /offer", FaultConfig(error_rate=1.0, error_statuses=(502,)))
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(AmbiguousOutcomeError) as caught:
            await casco.request("POST", "/offer", json=sample_quote_request())
        assert caught.value.status_code == 502 and caught.value.operation == "getQuote"
        # Declared safe to repeat, the same answer is an ordinary, retried server error.
        with pytest.raises(InternalServerError):
            await casco.request("POST", "/offer", json=sample_quote_request(), idempotent=True)
    assert counted(casco_sandbox, "POST /offer")["calls"] == 1 + ATTEMPTS


async def test_a_lost_answer_to_a_post_is_ambiguous_and_sent_once(
    casco_sandbox_server: SandboxServer,
) -> None:
    sandbox = casco_sandbox_server.sandbox
    set_fault(sandbox, "POST /offer", FaultConfig(drop_rate=1.0))
    async with CascoClient(
        base_url=casco_sandbox_server.base_url,
        account="sandbox",
        password="sandbox",
        retry=FAST_RETRY,
    ) as casco:
        with pytest.raises(AmbiguousOutcomeError):
            await casco.request("POST", "/offer", json=sample_quote_request())
        assert busy_connections(casco) == 0
    assert counted(sandbox, "POST /offer")["dropped"] == 1
    assert len(sandbox.offers()) == 1  # the offer was stored: the outcome really was unknown


async def test_a_view_brings_its_own_retry_rule(casco_sandbox: Sandbox) -> None:
    set_fault(casco_sandbox, "GET /nomenclature/county", SERVER_ERROR)
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(InternalServerError):
            await casco.with_options(max_retries=0).request("GET", "/nomenclature/county")
        assert counted(casco_sandbox, "GET /nomenclature/county")["calls"] == 1
        casco_sandbox.set_faults(operations={})
        assert await casco.with_options(max_retries=0).request("GET", "/nomenclature/county")
    assert counted(casco_sandbox, "POST /auth")["calls"] == 1  # the view shares the session


# --- tokens -----------------------------------------------------------------------------------


async def test_a_revoked_token_is_renewed_and_the_request_replayed(
    wire: tuple[Sandbox, Connect],
) -> None:
    sandbox, connect = wire
    async with connect() as casco:
        before = await casco.request("GET", "/nomenclature/county")
        tokens = casco.tokens.current
        assert tokens is not None
        # Someone else logs this session out: the next request meets a 401 and recovers.
        async with httpx.AsyncClient(transport=sandbox.transport()) as other:
            answer = await other.delete("http://localhost/auth", headers={"Token": tokens.token})
            assert answer.status_code == 200
        after = await casco.request("GET", "/nomenclature/county")
        renewed = casco.tokens.current
    assert after == before
    assert renewed is not None and renewed.token != tokens.token
    assert counted(sandbox, "GET /nomenclature/county")["unauthorized"] == 1
    assert counted(sandbox, "GET /nomenclature/county")["ok"] == 2
    assert counted(sandbox, "PATCH /auth")["ok"] + counted(sandbox, "POST /auth")["ok"] == 2


# --- refused before sending -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/nomenclature/county",
        "http://localhost/nomenclature/county",  # the right host, still a URL
        "//evil.example/nomenclature/county",
        "nomenclature/county",
        "",
        "/nomenclature/../auth",
        "/./nomenclature/county",
        "/nomenclature/county?lang=ro",
        "/nomenclature/county#top",
        "/nomenclature/ county",
        "/nomenclature\\county",
        "/auth",
    ],
)
async def test_a_path_that_is_not_under_the_base_url_is_refused(
    casco_sandbox: Sandbox, path: str
) -> None:
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(ConfigurationError):
            await casco.request("GET", path)
    # Not even a token was fetched: nothing reached the sandbox.
    assert total_calls(casco_sandbox) == 0


@pytest.mark.parametrize("method", ["FETCH", "CONNECT", "TRACE", "", "GET ", None, 7])
async def test_an_unknown_method_is_refused(casco_sandbox: Sandbox, method: Any) -> None:
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(ConfigurationError):
            await casco.request(method, "/nomenclature/county")
    assert total_calls(casco_sandbox) == 0


@pytest.mark.parametrize(
    "arguments",
    [
        {"params": [("series", "RO")]},
        {"params": {"series": ["RO", "GPM"]}},
        {"params": {"number": {"n": 1}}},
        {"params": {1: "RO"}},
        {"idempotent": "yes"},
    ],
)
async def test_bad_params_are_refused(casco_sandbox: Sandbox, arguments: dict[str, Any]) -> None:
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(ConfigurationError):
            await casco.request("GET", "/policy", **arguments)
    assert total_calls(casco_sandbox) == 0


async def test_a_body_that_is_not_json_is_refused(casco_sandbox: Sandbox) -> None:
    async with in_process(casco_sandbox) as casco:
        with pytest.raises(ValidationError) as caught:
            await casco.request("POST", "/offer", json={"premium": float("nan")})
    assert caught.value.status_code is None  # nothing was sent
    assert counted(casco_sandbox, "POST /offer")["calls"] == 0


def test_configuration_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="not one of"):
        raw_operation("FETCH", "/offer")


# --- one description of an operation ----------------------------------------------------------


def test_the_table_is_keyed_on_the_wire_as_the_pins_are() -> None:
    pins = load_document(ROOT / "openapi" / "pins.yaml")["operations"]
    assert set(OPERATIONS) == set(pins)
    for key, operation in OPERATIONS.items():
        assert operation.key == key
        assert operation.id == pins[key]["operationId"]


def _placeholder(parameter: inspect.Parameter) -> Any:
    if parameter.annotation is int:
        return 7
    if parameter.annotation is str:
        return "Dacia"
    body = mock.Mock()  # a generated model: only its to_dict() is called
    body.to_dict.return_value = {}
    return body


@pytest.mark.parametrize("operation", ALL_OPERATIONS, ids=lambda op: op.key)
def test_the_generated_builder_sends_the_tables_method_and_path(operation: Operation) -> None:
    assert operation.module is not None
    signature = inspect.signature(operation.module._get_kwargs)
    arguments = {
        name: _placeholder(parameter)
        for name, parameter in signature.parameters.items()
        if parameter.default is inspect.Parameter.empty
    }
    kwargs = operation.build(**arguments)
    assert kwargs["method"].upper() == operation.method
    assert find_operation(operation.method, kwargs["url"]) is operation


def test_a_path_finds_its_operation_by_template() -> None:
    assert find_operation("GET", "/offer/100001") is DOWNLOAD_OFFER
    assert find_operation("POST", "/offer") is GET_QUOTE
    assert find_operation("POST", "/policy") is ISSUE_POLICY
    assert find_operation("GET", "/nomenclature/county") is LIST_COUNTIES
    assert find_operation("GET", "/offer/1/pdf") is None
    assert find_operation("DELETE", "/offer/1") is None
    assert find_operation("GET", "/nomenclature/county/") is None


def test_a_raw_operation_borrows_the_tables_name_and_timeouts_not_its_retry_rule() -> None:
    quote = raw_operation("post", "/offer")
    # POST /offer is retried when wrapped (a repeat only stores another offer), but request()
    # cannot know a POST is safe: by default it follows the method.
    assert (quote.id, quote.slow, quote.idempotent) == ("getQuote", True, False)
    assert GET_QUOTE.idempotent
    assert raw_operation("POST", "/offer", idempotent=True).idempotent
    counties = raw_operation("GET", "/nomenclature/county")
    assert (counties.id, counties.slow, counties.idempotent) == ("listCounties", False, True)
    assert not raw_operation("GET", "/nomenclature/county", idempotent=False).idempotent
    new = raw_operation("DELETE", "/offer/7")
    # Unknown: named by its wire key, given the slow timeouts, retried as a DELETE.
    assert (new.id, new.slow, new.idempotent) == ("DELETE /offer/7", True, True)
    assert new.envelope is None and new.module is None
