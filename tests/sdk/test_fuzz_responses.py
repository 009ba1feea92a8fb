"""Fuzzing what the API answers: whatever comes back, the SDK raises `CascoError` or returns.

Every one of the 13 operations is driven through a real `CascoClient` whose transport answers
that operation with a generated response (random bytes, random JSON, envelopes with wrong types,
huge numbers, deep nesting, near-valid `data` with a part replaced or removed, any status from
100 to 999 including non-IANA ones, odd headers) and answers everything else correctly. The only
acceptable outcomes are a typed `CascoError` or a value of the documented type — never
KeyError, AttributeError, TypeError, ValueError or RecursionError.

Documents get their own fuzzing: random and corrupted envelopes, chunked at random and possibly
cut mid-stream, saved to disk — either complete, checked PDFs or no file at all.
"""

from __future__ import annotations

import base64
import copy
import functools
import hashlib
import json
import os
import secrets
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from casco_async_generated.models import Policy
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

from casco_async import CascoClient, CascoError, DocumentInfo, RetryPolicy
from casco_async.sandbox import _nomenclature as nomenclature
from casco_async.sandbox._envelope import files_envelope_chunks
from casco_async.sandbox._pdf import render_pdf

# Retry-After is honoured up to 10 ms here, so a fuzzed 429 or 5xx costs one quick retry.
RETRY = RetryPolicy(max_retries=1, initial_delay=0.0, max_delay=0.001, max_retry_after=0.01)


def event(text: str) -> None:
    """Count an outcome in Hypothesis' statistics (outside Hypothesis: nothing)."""
    if currently_in_test_context():
        hypothesis_event(text)


# --- strategies ---------------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["", "true", "false", "200", "1", "0", "null", "NaN", "éè", "\u0000"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated(draw: st.DrawFn, value: Any) -> Any:
    """`value` with one to three of its parts replaced by junk, removed or retyped."""
    value = copy.deepcopy(value)
    for _ in range(draw(st.integers(1, 3))):
        value = _mutate(draw, value)
    return value


def _mutate(draw: st.DrawFn, node: Any) -> Any:
    if isinstance(node, dict) and node and draw(st.integers(0, 3)):
        key = draw(st.sampled_from(sorted(node)))
        action = draw(st.sampled_from(["descend", "descend", "delete", "retype"]))
        if action == "delete":
            del node[key]
        elif action == "retype":
            node[key] = draw(json_values)
        else:
            node[key] = _mutate(draw, node[key])
        return node
    if isinstance(node, list) and node and draw(st.integers(0, 3)):
        index = draw(st.integers(0, len(node) - 1))
        node[index] = _mutate(draw, node[index])
        return node
    return draw(json_values)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


def _files_body(count: int = 1) -> bytes:
    files = [("Offer", f"offer-{i}.pdf", [render_pdf(f"Offer {i}", ["x"])]) for i in range(count)]
    return b"".join(files_envelope_chunks(files))


@functools.cache
def valid_data() -> dict[str, Any]:
    """A correct `data` of each operation, as the sandbox would answer."""
    auth = {
        "token": make_jwt(30),
        "expires_at": "2030-01-01 00:00:00",
        "refresh_token": secrets.token_hex(32),
    }
    return {
        "authenticate": auth,
        "renewToken": auth,
        "deauthenticate": None,
        "getQuote": QUOTE_RESULT,
        "issuePolicy": POLICY_RESULT,
        "downloadOffer": json.loads(_files_body())["data"],
        "downloadPolicy": json.loads(_files_body(2))["data"],
        "listCountries": nomenclature.countries()[:3],
        "listCounties": nomenclature.counties()[:3],
        "listLocalities": nomenclature.localities(12)[:3],
        "listVehicleMakes": nomenclature.vehicle_makes()[:3],
        "listVehicleModels": nomenclature.vehicle_models("Dacia")[:3],
        "identifyVehicleCode": nomenclature.identify_vehicle(VEHICLE)[:2],
    }


def special_bodies(operation: str) -> st.SearchStrategy[bytes]:
    """Texts `json.dumps` cannot make: deep nesting, huge literals, bad encodings."""
    depth = st.sampled_from([2, 50, 900, 5_000, 100_000])
    digits = st.sampled_from([20, 400, 4_400, 50_000])
    return st.one_of(
        depth.map(lambda n: b"[" * n + b"]" * n),
        depth.map(lambda n: b'{"error":false,"status":200,"data":' + b"[" * n + b"]" * n + b"}"),
        depth.map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
        digits.map(lambda n: b'{"error":false,"status":' + b"9" * n + b',"data":[]}'),
        digits.map(lambda n: b'{"error":true,"status":' + b"4" * n + b',"message":"x"}'),
        digits.map(
            lambda n: (
                _dumps({"error": False, "status": 200, "data": None})[:-1]
                + b',"x":'
                + b"7" * n
                + b"}"
            )
        ),
        st.sampled_from(
            [
                b"",
                b"null",
                b"\xef\xbb\xbf{}",
                b'{"error":false,"status":200,"data":1e999}',
                b'{"error":false,"status":200,"data":[NaN,-Infinity]}',
                b'{"error":"\xff\xfe","status":200}',
                b'{"error":false,"status":200,"data":"\\ud800"}',
                b'{"error":false,"status":200,"data":[{"id":1e400,"name":"x","code":"y"}]}',
                b'{"error": false, "status": 200, "data": {"files": [{"content": "%%%"}]}}',
            ]
        ),
    )


def bodies(operation: str) -> st.SearchStrategy[bytes]:
    data = valid_data()[operation]
    junk_envelope = st.fixed_dictionaries(
        {},
        optional={
            "error": json_values,
            "status": json_values,
            "message": json_values,
            "data": json_values,
            "errors": json_values,
            "correlation_id": json_values,
        },
    )
    near_valid = st.builds(
        lambda error, status, data: {"error": error, "status": status, "data": data},
        st.sampled_from([False, "false", 0, True, "true", "1"]),
        st.sampled_from([200, "200", 400, "500", 404, 0, -1, 999, None]),
        mutated(data),
    )
    strategies = [
        st.binary(max_size=200),
        json_values.map(_dumps),
        junk_envelope.map(_dumps),
        near_valid.map(_dumps),
        near_valid.map(_dumps),
        special_bodies(operation),
    ]
    if operation in ("authenticate", "renewToken"):
        # Token pairs of every type and content: they end up in a header and in arithmetic.
        auth_data = st.fixed_dictionaries(
            {"token": st.text() | json_values | jwts},
            optional={"expires_at": st.text() | json_values, "refresh_token": json_values},
        )
        strategies.append(auth_data.map(lambda data: _dumps(envelope(data))))
    return st.one_of(*strategies)


def _jwt(claims: Any) -> str:
    def part(value: Any) -> str:
        return base64.urlsafe_b64encode(_dumps(value)).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


# JWTs whose claims the client reads without verifying: `exp` of any type and size.
jwts = st.one_of(
    st.fixed_dictionaries(
        {"exp": json_values | st.integers(min_value=10**300, max_value=10**400) | st.floats()}
    ),
    json_values,
).map(_jwt)

DEEP_JWT = "e30." + base64.urlsafe_b64encode(b"[" * 50_000 + b"]" * 50_000).decode() + ".c2ln"

statuses = st.one_of(
    st.just(200),
    st.just(200),
    st.sampled_from([201, 204, 301, 302, 304, 400, 401, 403, 404, 408, 409, 422, 429, 499]),
    st.sampled_from([500, 502, 503, 504, 520, 599, 600, 999]),
    st.integers(100, 999),
)
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
headers = st.fixed_dictionaries(
    {},
    optional={
        "content-type": st.sampled_from(
            ["application/json", "application/pdf", "application/octet-stream", "text/html"]
        )
        | header_text,
        "retry-after": st.sampled_from(
            ["0", "0.005", "-1", "nan", "inf", "1e309", "Wed, 21 Oct 2015 07:28:00 GMT"]
        )
        | header_text,
        "retry-after-ms": st.sampled_from(["1", "nan", "-5", "1e400"]) | header_text,
        "x-correlation-id": header_text,
        "content-disposition": header_text,
    },
)


@st.composite
def answers(draw: st.DrawFn) -> tuple[str, int, dict[str, str], bytes]:
    operation = draw(st.sampled_from(sorted(DRIVERS)))
    return operation, draw(statuses), draw(headers), draw(bodies(operation))


# --- the client under test ----------------------------------------------------------------------

ROUTES = {
    ("POST", "/auth"): "authenticate",
    ("PATCH", "/auth"): "renewToken",
    ("DELETE", "/auth"): "deauthenticate",
    ("POST", "/offer"): "getQuote",
    ("POST", "/policy"): "issuePolicy",
    ("GET", "/policy"): "downloadPolicy",
    ("GET", "/nomenclature/country"): "listCountries",
    ("GET", "/nomenclature/county"): "listCounties",
    ("GET", "/nomenclature/vehicle-make"): "listVehicleMakes",
    ("POST", "/helper/vehicle-code"): "identifyVehicleCode",
}


def operation_of(request: httpx.Request) -> str:
    path = request.url.path
    if path.startswith("/offer/"):
        return "downloadOffer"
    if path.startswith("/nomenclature/locality/"):
        return "listLocalities"
    if path.startswith("/nomenclature/vehicle-model/"):
        return "listVehicleModels"
    return ROUTES[(request.method, path)]


def good_answer(operation: str) -> httpx.Response:
    if operation in ("authenticate", "renewToken"):
        data = {
            "token": make_jwt(30),  # due for renewal at once (margin 60 s): PATCH /auth is used
            "expires_at": "2030-01-01 00:00:00",
            "refresh_token": secrets.token_hex(32),
        }
        return httpx.Response(200, json=envelope(data))
    if operation in ("downloadOffer", "downloadPolicy"):
        return httpx.Response(
            200, content=_files_body(), headers={"content-type": "application/json"}
        )
    return httpx.Response(200, json=envelope(valid_data()[operation]))


def client(handler: Callable[[httpx.Request], Coroutine[Any, Any, httpx.Response]]) -> CascoClient:
    return CascoClient(
        base_url=BASE_URL,
        account=ACCOUNT,
        password=PASSWORD,
        retry=RETRY,
        refresh_margin=60,
        transport=httpx.MockTransport(handler),
    )


Driver = Callable[[CascoClient, Path], Awaitable[object]]


async def _drive_renewal(casco: CascoClient, tmp: Path) -> object:
    await casco.nomenclature.counties()  # authenticates: a 30 s token, due for renewal
    return await casco.nomenclature.counties()  # renews (PATCH /auth) first


async def _drive_close(casco: CascoClient, tmp: Path) -> object:
    await casco.nomenclature.counties()
    await casco.aclose()  # DELETE /auth: best effort, must never raise
    return []


DRIVERS: dict[str, tuple[Driver, type | tuple[type, ...]]] = {
    "authenticate": (lambda c, t: c.nomenclature.counties(), list),
    "renewToken": (_drive_renewal, list),
    "deauthenticate": (_drive_close, list),
    "getQuote": (lambda c, t: c.products.quote(quote_request()), list),
    "issuePolicy": (lambda c, t: c.products.issue_policy(100001, PAYMENT), Policy),
    "downloadOffer": (lambda c, t: c.documents.save_offer(100001, t / "offer.pdf"), DocumentInfo),
    "downloadPolicy": (lambda c, t: c.documents.save_policy_files("RO/05/M3", 7, f"{t}/"), list),
    "listCountries": (lambda c, t: c.nomenclature.countries(), list),
    "listCounties": (lambda c, t: c.nomenclature.counties(), list),
    "listLocalities": (lambda c, t: c.nomenclature.localities(12), list),
    "listVehicleMakes": (lambda c, t: c.nomenclature.vehicle_makes(), list),
    "listVehicleModels": (lambda c, t: c.nomenclature.vehicle_models("Dacia"), list),
    "identifyVehicleCode": (lambda c, t: c.helper.identify_vehicle(VEHICLE), list),
}


def check_documents(directory: Path, ok: bool) -> None:
    """No temporary file ever stays; after a failure no file at all; after a success PDFs."""
    names = sorted(p.name for p in directory.rglob("*"))
    assert not [n for n in names if n.startswith(".casco-")], names
    if not ok:
        assert names == [], names
        return
    for path in directory.rglob("*.pdf"):
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def run_answer(answer: tuple[str, int, dict[str, str], bytes]) -> None:
    operation, status, extra_headers, body = answer
    driver, result_type = DRIVERS[operation]

    async def handler(request: httpx.Request) -> httpx.Response:
        target = operation_of(request)
        if target != operation:
            return good_answer(target)
        return httpx.Response(status, headers=extra_headers, content=body)

    async def main(directory: Path) -> bool:
        casco = client(handler)
        try:
            async with casco:
                result = await driver(casco, directory)
        except CascoError as error:
            event(f"{operation}: {type(error).__name__}")
            return False
        event(f"{operation}: returned")
        assert isinstance(result, result_type), f"{operation} returned {type(result).__name__}"
        return True

    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        ok = anyio.run(main, directory)
        check_documents(directory, ok)


@FAST
@given(answer=answers())
def test_any_answer_to_any_operation_is_a_typed_error_or_a_result(
    answer: tuple[str, int, dict[str, str], bytes],
) -> None:
    run_answer(answer)


@pytest.mark.soak
@SOAK
@given(answer=answers())
def test_any_answer_to_any_operation_soak(
    answer: tuple[str, int, dict[str, str], bytes],
) -> None:
    run_answer(answer)


@pytest.mark.parametrize("operation", sorted(DRIVERS))
def test_every_operation_survives_a_garbage_answer(operation: str) -> None:
    """The deterministic floor under the fuzzing: each operation, a few classic bad answers."""
    cases = [
        (200, {}, b"<html>502 Bad Gateway</html>"),
        (200, {}, b'{"error": false, "status": 200, "data": {"unexpected": true}}'),
        (200, {}, b'{"error": "true", "status": "abc", "message": 42}'),
        (520, {}, b"origin error"),
        (200, {"content-type": "application/pdf"}, b"%PDF-1.4 truncated"),
    ]
    for status, extra, body in cases:
        run_answer((operation, status, extra, body))


# --- regressions found by the fuzzing ------------------------------------------------------------


def _raises_only_casco_errors(operation: str, status: int, body: bytes) -> None:
    run_answer((operation, status, {}, body))


@pytest.mark.parametrize(
    ("operation", "status"), [("listCounties", 200), ("listCounties", 500), ("downloadOffer", 404)]
)
def test_deeply_nested_json_is_a_typed_error(operation: str, status: int) -> None:
    _raises_only_casco_errors(operation, status, b"[" * 100_000 + b"]" * 100_000)


@pytest.mark.parametrize(
    "data",
    [
        {"token": 5, "expires_at": "2030-01-01 00:00:00", "refresh_token": "r"},
        {"token": "not-a-jwt", "expires_at": 7, "refresh_token": "r"},
        {"token": "jeton-\u00e9", "expires_at": "2030-01-01 00:00:00", "refresh_token": "r"},
        {
            "token": _jwt({"exp": 10**400}),
            "expires_at": "2030-01-01 00:00:00",
            "refresh_token": "r",
        },
        {"token": DEEP_JWT, "expires_at": "2030-01-01 00:00:00", "refresh_token": "r"},
    ],
    ids=["token-int", "expires-int", "token-non-ascii", "jwt-exp-overflow", "jwt-deep-claims"],
)
def test_auth_data_of_the_wrong_types_is_a_typed_error(data: dict[str, Any]) -> None:
    _raises_only_casco_errors("authenticate", 200, json.dumps(envelope(data)).encode())


# --- documents ----------------------------------------------------------------------------------

GOOD_PDF = render_pdf("Offer 100001", ["Generali", "3120.55 RON"])
BIG_PDF = render_pdf("Conditions", ["General terms"], pad_to=120_000)

good_pdfs = st.sampled_from([GOOD_PDF, BIG_PDF])
bad_contents = st.one_of(
    good_pdfs.flatmap(
        lambda pdf: st.integers(0, len(pdf) - 1).map(lambda n: pdf[:n])  # truncated
    ),
    st.binary(max_size=300),
    st.binary(max_size=100).map(lambda junk: b"%PDF-1.7\n" + junk),  # no trailer
    st.binary(max_size=100).map(lambda junk: junk + b"\n%%EOF\n"),  # no header
)
file_contents = st.sampled_from(["good"] * 4 + ["bad"]).flatmap(
    lambda kind: good_pdfs if kind == "good" else bad_contents
)
file_names = st.one_of(
    st.sampled_from(
        ["offer.pdf", "../../etc/passwd", "/abs/x.pdf", "a\\b.pdf", "", ".", "..", "CON"]
    ),
    st.text(max_size=30),
)


@st.composite
def document_answers(draw: st.DrawFn) -> tuple[int, dict[str, str], list[bytes], bool]:
    """(status, headers, body chunks, whether the connection breaks after them)."""
    shape = draw(st.sampled_from(["envelope"] * 6 + ["raw", "raw", "junk"]))
    if shape == "envelope":
        files = [
            (
                draw(st.sampled_from(["Offer", "Policy", "Conditions"]) | st.text(max_size=8)),
                draw(file_names),
                [draw(file_contents)],
            )
            for _ in range(draw(st.sampled_from([1, 1, 2, 3, 0])))
        ]
        body = b"".join(
            files_envelope_chunks(files, escape_slashes=draw(st.booleans()), chunk_size=4096)
        )
        content_type = "application/json"
    elif shape == "raw":
        body, content_type = draw(file_contents), "application/pdf"
    else:
        body = draw(st.one_of(st.binary(max_size=200), json_values.map(_dumps)))
        content_type = draw(st.sampled_from(["application/json", "text/plain"]))
    corruption = draw(st.sampled_from(["none"] * 5 + ["truncate", "flip", "insert"]))
    if body and corruption == "truncate":
        body = body[: draw(st.integers(0, len(body) - 1))]
    elif body and corruption == "flip":
        at = draw(st.integers(0, len(body) - 1))
        body = body[:at] + bytes([body[at] ^ draw(st.integers(1, 255))]) + body[at + 1 :]
    elif corruption == "insert":
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(st.binary(min_size=1, max_size=8)) + body[at:]
    cuts = sorted(draw(st.lists(st.integers(0, len(body)), max_size=6)))
    chunks = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    status = draw(st.one_of(st.just(200), st.just(200), st.just(200), statuses))
    breaks = draw(st.sampled_from([False, False, False, True]))
    return status, {"content-type": content_type}, chunks, breaks


class ChunkStream(httpx.AsyncByteStream):
    def __init__(self, chunks: Iterable[bytes], fail: bool) -> None:
        self.chunks = list(chunks)
        self.fail = fail

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.fail:
            raise httpx.RemoteProtocolError("peer closed connection mid-body")


def run_document(answer: tuple[int, dict[str, str], list[bytes], bool], target: str) -> None:
    status, extra_headers, chunks, fail = answer

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth":
            return good_answer("authenticate")
        return httpx.Response(status, headers=extra_headers, stream=ChunkStream(chunks, fail))

    async def main(directory: Path) -> list[DocumentInfo] | None:
        casco = client(handler)
        try:
            async with casco:
                if target == "stream":
                    async with casco.documents.stream_offer(100001) as files:
                        async for document in files:
                            data = b"".join([chunk async for chunk in document])
                            assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
                    return []
                if target == "file":
                    info = await casco.documents.save_offer(100001, directory / "offer.pdf")
                    result = [info, *info.related]
                else:
                    result = await casco.documents.save_offer_files(100001, f"{directory}/")
        except CascoError as error:
            event(f"{target}: {type(error).__name__}")
            return None
        event(f"{target}: saved")
        return result

    with tempfile.TemporaryDirectory() as temporary:
        # The target sits one level down: a file that escapes it still lands in (and is cleaned
        # up with) the temporary directory, where it is noticed.
        directory = Path(temporary) / "target"
        directory.mkdir()
        infos = anyio.run(main, directory)
        escaped = sorted(set(os.listdir(temporary)) - {"target"})
        assert not escaped, f"written outside the target directory: {escaped}"
        check_documents(directory, infos is not None)
        for info in infos or []:
            assert info.path.parent == directory
            data = info.path.read_bytes()
            assert len(data) == info.size and hashlib.sha256(data).hexdigest() == info.sha256
        if infos is not None and target != "stream":
            assert len(infos) == len(os.listdir(directory))


@FAST
@given(answer=document_answers(), target=st.sampled_from(["file", "directory", "stream"]))
def test_document_answers_end_as_checked_pdfs_or_no_file(
    answer: tuple[int, dict[str, str], list[bytes], bool], target: str
) -> None:
    run_document(answer, target)


@pytest.mark.soak
@SOAK
@given(answer=document_answers(), target=st.sampled_from(["file", "directory", "stream"]))
def test_document_answers_soak(
    answer: tuple[int, dict[str, str], list[bytes], bool], target: str
) -> None:
    run_document(answer, target)


@pytest.mark.parametrize("kind", ["../escaped", "bad\x00type"], ids=["traversal", "nul"])
def test_a_server_document_type_never_places_a_file(kind: str) -> None:
    files = [("Offer", "offer.pdf", [GOOD_PDF]), (kind, "..", [GOOD_PDF])]
    body = b"".join(files_envelope_chunks(files))
    answer = (200, {"content-type": "application/json"}, [body], False)
    run_document(answer, "directory")
