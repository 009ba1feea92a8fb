"""Fuzzing what callers send: any mapping is either sent as strict JSON or refused beforehand.

`products.quote`, `helper.identify_vehicle` and `products.issue_policy` get random mappings and
valid requests with parts replaced by random values (JSON values, NaN and infinities, huge and
negative numbers, Python objects JSON has no word for). The outcome must be one of two: the
request goes out as strict JSON (no NaN, parseable), or `ValidationError` is raised before
anything is sent. Any other exception is a bug.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import json
from typing import Any

import anyio
import httpx
import pytest
from hypothesis import event as hypothesis_event
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from support import (
    ACCOUNT,
    BASE_URL,
    PASSWORD,
    PAYMENT,
    POLICY_RESULT,
    QUOTE_RESULT,
    VEHICLE,
    envelope,
    make_jwt,
    quote_request,
)
from support import (
    FUZZ_FAST as FAST,
)
from support import (
    FUZZ_SOAK as SOAK,
)

from casco_async import CascoClient, RetryPolicy, ValidationError

PATHS = {"quote": "/offer", "identify": "/helper/vehicle-code", "issue": "/policy"}


def event(text: str) -> None:
    """Count an outcome in Hypothesis' statistics (outside Hypothesis: nothing)."""
    if currently_in_test_context():
        hypothesis_event(text)


# --- strategies ---------------------------------------------------------------------------------


class Huge:
    """Stands for ±10**|exponent| until `materialize`: Hypothesis cannot print such an int."""

    def __init__(self, exponent: int) -> None:
        self.exponent = exponent

    def __repr__(self) -> str:
        return f"Huge({self.exponent})"

    def value(self) -> int:
        number = 10 ** abs(self.exponent)
        return number if self.exponent > 0 else -number


def materialize(value: Any) -> Any:
    """`value` with every `Huge` replaced by its int."""
    if isinstance(value, Huge):
        return value.value()
    if isinstance(value, dict):
        return {materialize(k): materialize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [materialize(v) for v in value]
    return value


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 2**31, 2**63, -(2**63)]),
    st.sampled_from([5000, -4400]).map(lambda exponent: Huge(exponent)),
    st.floats(),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), 1e308, -0.0, 5e-324]),
    st.text(max_size=20),
    st.sampled_from(["", " ", "2027-01-20", "2027-02-30", "RON", "M1", "\u0000", "é" * 300]),
)
odd_python_values = st.sampled_from(
    [
        b"bytes",
        (1, 2),
        frozenset({1}),
        datetime.date(2027, 1, 20),
        datetime.datetime(2027, 1, 20, 12, 0),
        decimal.Decimal("12.50"),
        decimal.Decimal("NaN"),
        object(),
    ]
)
values = st.recursive(
    scalars | odd_python_values,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)


@st.composite
def mutated(draw: st.DrawFn, value: Any) -> Any:
    """The mapping `value` with one to three parts replaced by random values, removed or added.

    The top level stays a mapping: anything else is a programming error, which the SDK reports
    with TypeError by design (and `quote_many` turns into that item's ValidationError).
    """
    value = copy.deepcopy(value)
    for _ in range(draw(st.integers(1, 3))):
        value = _mutate(draw, value, root=True)
    return value


def _mutate(draw: st.DrawFn, node: Any, root: bool = False) -> Any:
    if isinstance(node, dict) and (root or (node and draw(st.integers(0, 4)))):
        if not node:
            node[draw(st.text(max_size=10))] = draw(values)
            return node
        key = draw(st.sampled_from(sorted(node, key=repr)))
        action = draw(st.sampled_from(["descend"] * 3 + ["delete", "replace", "add"]))
        if action == "delete":
            del node[key]
        elif action == "replace":
            node[key] = draw(values)
        elif action == "add":
            node[draw(st.text(max_size=10) | st.integers())] = draw(values)
        else:
            node[key] = _mutate(draw, node[key])
        return node
    if isinstance(node, list) and node and draw(st.integers(0, 3)):
        index = draw(st.integers(0, len(node) - 1))
        node[index] = _mutate(draw, node[index])
        return node
    return draw(values)


def inputs(valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        mutated(valid),
        mutated(valid),
        mutated(valid),
        st.dictionaries(st.text(max_size=12), values, max_size=6),
        st.just(valid),
    )


@st.composite
def calls(draw: st.DrawFn) -> tuple[str, tuple[Any, ...]]:
    """(kind, arguments) of one call."""
    kind = draw(st.sampled_from(sorted(PATHS)))
    if kind == "quote":
        return kind, (draw(inputs(quote_request())),)
    if kind == "identify":
        return kind, (draw(inputs(VEHICLE)),)
    offer_id = draw(st.one_of(st.integers(), st.just(100001), values))
    return kind, (offer_id, draw(inputs(PAYMENT)))


async def send(casco: CascoClient, kind: str, arguments: tuple[Any, ...]) -> object:
    if kind == "quote":
        return await casco.products.quote(*arguments)
    if kind == "identify":
        return await casco.helper.identify_vehicle(*arguments)
    return await casco.products.issue_policy(*arguments)


# --- the check ----------------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check(kind: str, arguments: tuple[Any, ...], validate: bool) -> None:
    arguments = tuple(materialize(argument) for argument in arguments)
    sent: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth":
            data = {"token": make_jwt(3600), "expires_at": "2030-01-01 00:00:00"}
            return httpx.Response(200, json=envelope({**data, "refresh_token": "r" * 64}))
        sent.append(request)
        if request.url.path == "/offer":
            return httpx.Response(200, json=envelope(QUOTE_RESULT))
        if request.url.path == "/policy":
            return httpx.Response(200, json=envelope(POLICY_RESULT))
        return httpx.Response(200, json=envelope([]))

    async def main() -> None:
        async with CascoClient(
            base_url=BASE_URL,
            account=ACCOUNT,
            password=PASSWORD,
            retry=RetryPolicy(max_retries=0),
            validate_requests=validate,
            transport=httpx.MockTransport(handler),
        ) as casco:
            try:
                await send(casco, kind, arguments)
            except ValidationError as error:
                event(f"{kind}: refused")
                assert error.status_code is None, "a local refusal must say nothing was sent"
                assert sent == [], "refused, yet sent"
                return
            event(f"{kind}: sent")
        assert [r.url.path for r in sent] == [PATHS[kind]]
        # What goes out is strict JSON: no NaN, no Infinity, nothing unparseable.
        json.loads(sent[0].content, parse_constant=_reject_constant)

    anyio.run(main)


@FAST
@given(call=calls(), validate=st.booleans())
def test_any_request_is_sent_as_json_or_refused_before_sending(
    call: tuple[str, tuple[Any, ...]], validate: bool
) -> None:
    check(*call, validate)


@pytest.mark.soak
@SOAK
@given(call=calls(), validate=st.booleans())
def test_any_request_soak(call: tuple[str, tuple[Any, ...]], validate: bool) -> None:
    check(*call, validate)


# --- regression found by the fuzzing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "arguments", "validate"),
    [
        ("identify", ({**VEHICLE, "engineDisplacement": Huge(5000)},), True),
        ("identify", ({**VEHICLE, "note": float("nan")},), True),
        ("identify", ({**VEHICLE, "note": b"bytes"},), True),
        ("issue", (100001, {**PAYMENT, "amount": float("inf")}), False),
    ],
    ids=["huge-int", "nan-extra-property", "bytes-extra-property", "infinity-unvalidated"],
)
def test_a_value_json_cannot_encode_is_refused_before_sending(
    kind: str, arguments: tuple[Any, ...], validate: bool
) -> None:
    check(kind, arguments, validate)
