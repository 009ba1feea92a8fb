"""The sandbox's API behaviour, in-process: auth, quotes, policies, documents, errors, admin."""

from __future__ import annotations

import base64
import io
import json
import logging
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import anyio
import httpx
import jwt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from support import VEHICLE

from casco_async.sandbox import FaultConfig, Sandbox, create_app
from casco_async.sandbox._tariffs import INSURERS, price_quote
from casco_async.testing import sample_payment, sample_quote_request

BASE = "http://sandbox"
HOUR = 3600


@pytest.fixture
async def client(casco_sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=casco_sandbox.transport(), base_url=BASE) as c:
        yield c


async def login(
    client: httpx.AsyncClient, account: str = "sandbox", password: str = "sandbox"
) -> dict[str, str]:
    response = await client.post("/auth", params={"account": account, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def token_of(client: httpx.AsyncClient) -> dict[str, str]:
    return {"Token": (await login(client))["token"]}


async def quote(
    client: httpx.AsyncClient, headers: dict[str, str], insurer: str = "generali", **kw: Any
) -> dict[str, Any]:
    response = await client.post(
        "/offer", json=sample_quote_request(insurer, **kw), headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]["offers"][0]


async def issue(
    client: httpx.AsyncClient, headers: dict[str, str], offer: dict[str, Any]
) -> httpx.Response:
    body = {"offerId": offer["offerId"], "payment": sample_payment(offer)}
    return await client.post("/policy", json=body, headers=headers)


def assert_error(response: httpx.Response, status: int, message: str | None = None) -> Any:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] is True and body["status"] == status
    if message is not None:
        assert body["message"] == message
    return body["data"]


def files_of(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    files: list[dict[str, Any]] = response.json()["data"]["files"]
    return files


def pdf_text(content_b64: str) -> tuple[bytes, str]:
    raw = base64.b64decode(content_b64, validate=True)
    reader = PdfReader(io.BytesIO(raw))
    return raw, "\n".join(page.extract_text() for page in reader.pages)


# ---------------------------------------------------------------------------------------- auth


async def test_authenticate_issues_a_real_jwt_and_bucharest_expiry(
    client: httpx.AsyncClient,
) -> None:
    data = await login(client)
    claims = jwt.decode(data["token"], options={"verify_signature": False})
    assert claims["iss"] == "Life is Hard"
    assert claims["exp"] - claims["iat"] == 12 * HOUR
    assert jwt.get_unverified_header(data["token"])["alg"] == "HS256"
    local = datetime.fromtimestamp(claims["exp"], ZoneInfo("Europe/Bucharest"))
    assert data["expires_at"] == local.strftime("%Y-%m-%d %H:%M:%S")
    assert re.fullmatch(r"[0-9a-f]{64}", data["refresh_token"])
    # The token opens an authenticated operation (404: passed the token check).
    response = await client.get("/offer/1", headers={"Token": data["token"]})
    assert_error(response, 404, "Offer not found")


async def test_wrong_credentials_are_401_and_missing_ones_400(client: httpx.AsyncClient) -> None:
    wrong = await client.post("/auth", params={"account": "sandbox", "password": "nope"})
    assert_error(wrong, 401, "Invalid credentials")
    unknown = await client.post("/auth", params={"account": "ghost", "password": "sandbox"})
    assert_error(unknown, 401, "Invalid credentials")
    missing = await client.post("/auth")
    data = assert_error(missing, 400, "VALIDATION_ERROR")
    assert set(data) == {"account", "password"}
    only_account = await client.post("/auth", params={"account": "sandbox"})
    assert set(assert_error(only_account, 400)) == {"password"}


async def test_accounts_are_configurable() -> None:
    sandbox = Sandbox(accounts={"broker.demo": "s3cret"})
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:
        await login(client, "broker.demo", "s3cret")
        default = await client.post("/auth", params={"account": "sandbox", "password": "sandbox"})
        assert_error(default, 401)


async def test_renewal_rotates_and_a_spent_refresh_token_is_refused(
    client: httpx.AsyncClient,
) -> None:
    first = await login(client)
    renewed = await client.patch("/auth", headers={"Token": f"Refresh {first['refresh_token']}"})
    assert renewed.status_code == 200, renewed.text
    second = renewed.json()["data"]
    assert second["token"] != first["token"]
    assert second["refresh_token"] != first["refresh_token"]
    # The spent refresh token is refused; both JWTs still work.
    reuse = await client.patch("/auth", headers={"Token": f"Refresh {first['refresh_token']}"})
    assert_error(reuse, 401, "Refresh token already used")
    for token in (first["token"], second["token"]):
        assert (await client.get("/offer/1", headers={"Token": token})).status_code == 404
    # The new refresh token works once.
    again = await client.patch("/auth", headers={"Token": f"Refresh {second['refresh_token']}"})
    assert again.status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "", "Refresh ", "Refresh " + "0" * 64, "Bearer abc", "not-even-a-scheme"],
)
async def test_renewal_without_a_valid_refresh_token_is_401(
    client: httpx.AsyncClient, header: str | None
) -> None:
    headers = {} if header is None else {"Token": header}
    assert_error(await client.patch("/auth", headers=headers), 401)


async def test_a_jwt_is_not_a_refresh_token(client: httpx.AsyncClient) -> None:
    data = await login(client)
    assert_error(await client.patch("/auth", headers={"Token": data["token"]}), 401)


async def test_deauthenticate_revokes_the_token_and_its_refresh_token(
    client: httpx.AsyncClient,
) -> None:
    data = await login(client)
    headers = {"Token": data["token"]}
    response = await client.delete("/auth", headers=headers)
    assert response.status_code == 200
    assert response.json() == {"error": False, "status": 200, "data": None}
    assert_error(await client.get("/offer/1", headers=headers), 401, "Invalid or expired token")
    assert_error(await client.delete("/auth", headers=headers), 401)
    refresh = {"Token": f"Refresh {data['refresh_token']}"}
    assert_error(await client.patch("/auth", headers=refresh), 401)


async def test_tokens_expire_on_the_sandbox_clock(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    data = await login(client)
    headers = {"Token": data["token"]}
    casco_sandbox.advance_clock(12 * HOUR - 60)
    assert (await client.get("/offer/1", headers=headers)).status_code == 404
    casco_sandbox.advance_clock(61)
    assert_error(await client.get("/offer/1", headers=headers), 401, "Expired token")
    # The refresh token outlives the JWT: that is what it is for.
    renewed = await client.patch("/auth", headers={"Token": f"Refresh {data['refresh_token']}"})
    assert renewed.status_code == 200


@pytest.mark.casco_sandbox(token_lifetime=2)
async def test_short_token_lifetime_from_the_config(
    casco_sandbox: Sandbox, client: httpx.AsyncClient
) -> None:
    data = await login(client)
    claims = jwt.decode(data["token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] <= 3
    casco_sandbox.advance_clock(3)
    assert_error(await client.get("/offer/1", headers={"Token": data["token"]}), 401)


AUTHENTICATED = [
    ("DELETE", "/auth"),
    ("POST", "/offer"),
    ("GET", "/offer/100001"),
    ("GET", "/policy?series=RO%2F05%2FM3&number=100001"),
    ("POST", "/policy"),
    ("GET", "/nomenclature/country"),
    ("GET", "/nomenclature/county"),
    ("GET", "/nomenclature/locality/12"),
    ("GET", "/nomenclature/vehicle-make"),
    ("GET", "/nomenclature/vehicle-model/Dacia"),
    ("POST", "/helper/vehicle-code"),
]


@pytest.mark.parametrize(("method", "path"), AUTHENTICATED)
async def test_every_operation_needs_a_valid_token(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    foreign = Sandbox().issue_token()  # signed with another sandbox's key
    forged = jwt.encode(
        {"iss": "Life is Hard", "iat": 1, "exp": 4_000_000_000, "sub": "sandbox", "jti": "x"},
        "guessed-secret-guessed-secret-32",
        algorithm="HS256",
    )
    for headers in ({}, {"Token": "garbage"}, {"Token": foreign}, {"Token": forged}):
        response = await client.request(method, path, headers=headers, json={})
        assert_error(response, 401)


# ------------------------------------------------------------------------------------ quotes


@pytest.mark.parametrize("insurer", sorted(INSURERS))
async def test_quote_for_each_insurer_is_deterministic(
    casco_sandbox: Sandbox, client: httpx.AsyncClient, insurer: str
) -> None:
    headers = await token_of(client)
    response = await client.post("/offer", json=sample_quote_request(insurer), headers=headers)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["provider"] == {"organization": {"businessName": insurer}}
    (offer,) = data["offers"]
    expected = price_quote(
        insurer, sample_quote_request(insurer)["product"], today=casco_sandbox.today()
    )
    assert offer["offerId"] == 100001
    assert offer["premiumAmount"] == float(expected.premium_amount)
    assert offer["currency"] == "RON"
    assert [i["amount"] for i in offer["installments"]] == [
        float(i.amount) for i in expected.installments
    ]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", offer["startDate"])
    # Numbers are JSON numbers with at most 2 decimals.
    for key in ("premiumAmount", "premiumAmountNet", "commissionValue"):
        assert isinstance(offer[key], int | float)
        assert round(offer[key], 2) == offer[key]
    again = await quote(client, headers, insurer)
    assert again["offerId"] == 100002
    assert again["premiumAmount"] == offer["premiumAmount"]


async def test_groupama_accepts_both_product_names(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    body = sample_quote_request("groupama")
    body["product"]["name"] = "casco"
    assert (await client.post("/offer", json=body, headers=headers)).status_code == 200


async def test_unknown_insurer_is_400_at_business_name(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    body = sample_quote_request("omniasig")
    data = assert_error(await client.post("/offer", json=body, headers=headers), 400)
    assert list(data) == ["provider.organization.businessName"]


async def test_disabled_insurer_is_403(client: httpx.AsyncClient, casco_sandbox: Sandbox) -> None:
    headers = await token_of(client)
    casco_sandbox.set_insurer_enabled("allianz", False)
    response = await client.post("/offer", json=sample_quote_request("allianz"), headers=headers)
    assert_error(response, 403, "Insurer not available for this account")
    casco_sandbox.set_insurer_enabled("allianz", True)
    assert (await quote(client, headers, "allianz"))["offerId"] == 100001


@pytest.mark.casco_sandbox(disabled_insurers=frozenset({"groupama"}))
async def test_disabled_insurer_from_the_config(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    response = await client.post("/offer", json=sample_quote_request("groupama"), headers=headers)
    assert_error(response, 403)


async def test_product_not_offered_is_400_at_product_name(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    body = sample_quote_request("generali")
    body["product"]["name"] = "casco-leasing"
    data = assert_error(await client.post("/offer", json=body, headers=headers), 400)
    assert list(data) == ["product.name"]


async def test_insurer_refusal_points_at_its_field(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    body = sample_quote_request("allianz")
    body["product"]["vehicle"]["usageType"] = "taxi"
    response = await client.post("/offer", json=body, headers=headers)
    data = assert_error(response, 400)
    assert list(data) == ["product.vehicle.usageType"]
    assert "Allianz" in response.json()["message"]
    ro = await client.post("/offer", json=body, headers={**headers, "Content-Language": "ro"})
    assert assert_error(ro, 400)["product.vehicle.usageType"] != data["product.vehicle.usageType"]


async def test_validation_errors_have_dotted_paths_in_english_and_romanian(
    client: httpx.AsyncClient,
) -> None:
    headers = await token_of(client)
    body = sample_quote_request()
    del body["product"]["vehicle"]["vin"]
    body["product"]["policyholder"]["address"]["floor"] = 3
    body["product"]["coverages"][0]["insuredSum"] = -1
    english = assert_error(await client.post("/offer", json=body, headers=headers), 400)
    assert {
        "product.vehicle.vin",
        "product.policyholder.address.floor",
        "product.coverages.0.insuredSum",
    } <= set(english)
    ro_headers = {**headers, "Content-Language": "ro"}
    romanian = assert_error(await client.post("/offer", json=body, headers=ro_headers), 400)
    assert set(romanian) == set(english)
    assert romanian["product.vehicle.vin"] != english["product.vehicle.vin"]
    assert "valoare" in romanian["product.vehicle.vin"][0].lower()


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b'{"provider": NaN}', "application/json"),
        (b"\xff\xfe{}", "application/json"),
        (b"[" * 100_000, "application/json"),
        (b"{}", "text/plain"),
        (b"provider=x", "application/x-www-form-urlencoded"),
        (b"{}", None),
        (b"", "application/json"),
        (b"[]", "application/json"),
        (b"null", "application/json"),
        (b'"text"', "application/json"),
    ],
)
@pytest.mark.parametrize("path", ["/offer", "/policy", "/helper/vehicle-code"])
async def test_malformed_bodies_are_400_envelopes(
    client: httpx.AsyncClient, path: str, content: bytes, content_type: str | None
) -> None:
    headers = await token_of(client)
    if content_type is not None:
        headers["Content-Type"] = content_type
    response = await client.post(path, content=content, headers=headers)
    data = assert_error(response, 400, "VALIDATION_ERROR")
    assert isinstance(data, dict) and data
    assert "Traceback" not in response.text


@pytest.mark.casco_sandbox(max_body_size=1000)
async def test_an_oversized_body_is_400(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    response = await client.post("/offer", json={"x": "y" * 2000}, headers=headers)
    assert assert_error(response, 400)[""] == ["The request body is too large."]


# ----------------------------------------------------------------------------------- policies


async def test_policy_series_and_numbers(client: httpx.AsyncClient, casco_sandbox: Sandbox) -> None:
    headers = await token_of(client)
    offers = [await quote(client, headers, "generali") for _ in range(2)]
    offers.append(await quote(client, headers, "allianz"))
    policies = []
    for offer in offers:
        response = await issue(client, headers, offer)
        assert response.status_code == 200, response.text
        (policy,) = response.json()["data"]["policies"]
        policies.append(policy)
        assert policy["premiumAmount"] == offer["premiumAmount"]
        assert policy["startDate"] == offer["startDate"]
        assert policy["payment"] == sample_payment(offer)
    assert [(p["series"], p["number"]) for p in policies] == [
        ("RO/05/M3", 100001),
        ("RO/05/M3", 100002),
        ("ALZ/MC/2", 100001),
    ]
    assert [p["policyId"] for p in policies] == [5001, 5002, 5003]
    assert [p.offer_id for p in casco_sandbox.policies()] == [o["offerId"] for o in offers]


async def test_a_second_policy_for_an_offer_is_409(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    assert (await issue(client, headers, offer)).status_code == 200
    second = await issue(client, headers, offer)
    assert_error(second, 409, "A valid policy already exists for this offer")


async def test_concurrent_issues_for_one_offer_give_one_policy(
    client: httpx.AsyncClient, casco_sandbox: Sandbox
) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    statuses: list[int] = []

    async def one() -> None:
        statuses.append((await issue(client, headers, offer)).status_code)

    async with anyio.create_task_group() as group:
        for _ in range(5):
            group.start_soon(one)
    assert sorted(statuses) == [200, 409, 409, 409, 409]
    assert len(casco_sandbox.policies()) == 1


async def test_an_expired_offer_is_409(client: httpx.AsyncClient, casco_sandbox: Sandbox) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    casco_sandbox.advance_clock(8 * 24 * HOUR)  # the start date (a week ahead) has passed
    headers = {"Token": casco_sandbox.issue_token()}
    assert_error(await issue(client, headers, offer), 409, "The offer has expired")


async def test_unknown_offer_is_404(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = {"offerId": 999999, "currency": "RON", "premiumAmount": 10, "installments": []}
    assert_error(await issue(client, headers, offer), 404, "Offer not found")
    fractional = {"offerId": 100001.5, "payment": sample_payment(offer)}
    assert_error(await client.post("/policy", json=fractional, headers=headers), 404)


async def test_another_accounts_offer_is_404() -> None:
    sandbox = Sandbox(accounts={"a": "pa", "b": "pb"})
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:
        offer = await quote(client, {"Token": (await login(client, "a", "pa"))["token"]})
        other = {"Token": (await login(client, "b", "pb"))["token"]}
        assert_error(await issue(client, other, offer), 404)
        assert_error(await client.get(f"/offer/{offer['offerId']}", headers=other), 404)


async def test_an_integral_float_offer_id_is_accepted(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    body = {"offerId": float(offer["offerId"]), "payment": sample_payment(offer)}
    assert (await client.post("/policy", json=body, headers=headers)).status_code == 200


async def test_payment_must_match_the_offer(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    payment = sample_payment(offer) | {"currency": "EUR"}
    body = {"offerId": offer["offerId"], "payment": payment}
    data = assert_error(await client.post("/policy", json=body, headers=headers), 400)
    assert list(data) == ["payment.currency"]
    payment = sample_payment(offer) | {"amount": offer["installments"][0]["amount"] - 0.01}
    body = {"offerId": offer["offerId"], "payment": payment}
    data = assert_error(await client.post("/policy", json=body, headers=headers), 400)
    assert list(data) == ["payment.amount"]
    # Neither refusal used the offer up.
    assert (await issue(client, headers, offer)).status_code == 200


async def test_eur_quote_and_policy(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers, "groupama", currency="EUR")
    assert offer["currency"] == "EUR"
    response = await issue(client, headers, offer)
    assert response.json()["data"]["policies"][0]["currency"] == "EUR"


# ---------------------------------------------------------------------------------- documents


async def test_offer_document_is_a_real_pdf_with_escaped_slashes(
    client: httpx.AsyncClient,
) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    response = await client.get(f"/offer/{offer['offerId']}", headers=headers)
    (file,) = files_of(response)
    assert file["type"] == "Offer" and file["name"] == f"offer-{offer['offerId']}.pdf"
    # PHP escapes '/' and base64 carries some: the raw body has "\/", never a bare "/".
    assert b"\\/" in response.content
    assert b"/" not in response.content.replace(b"\\/", b"")
    raw, text = pdf_text(file["content"])
    assert raw.startswith(b"%PDF-")
    assert f"CASCO offer {offer['offerId']}" in text
    assert "Generali" in text and f"{offer['premiumAmount']:.2f}" in text
    assert "Dacia Duster" in text


async def test_policy_documents_are_several_pdfs(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    policy = (await issue(client, headers, offer)).json()["data"]["policies"][0]
    params = {"series": policy["series"], "number": policy["number"]}
    files = files_of(await client.get("/policy", params=params, headers=headers))
    assert [f["type"] for f in files] == ["Policy", "Conditions"]
    assert files[0]["name"] == "policy-RO-05-M3-100001.pdf"
    _, text = pdf_text(files[0]["content"])
    assert "RO/05/M3" in text and "100001" in text
    _, conditions = pdf_text(files[1]["content"])
    assert "general conditions" in conditions


async def test_unknown_documents_are_404_and_bad_queries_400(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    assert_error(await client.get("/offer/424242", headers=headers), 404, "Offer not found")
    assert_error(await client.get("/offer/abc", headers=headers), 404)
    unknown: dict[str, str | int] = {"series": "RO/05/M3", "number": 1}
    response = await client.get("/policy", params=unknown, headers=headers)
    assert_error(response, 404, "Policy not found")
    data = assert_error(await client.get("/policy", headers=headers), 400, "VALIDATION_ERROR")
    assert set(data) == {"series", "number"}
    bad = {"series": "RO/05/M3", "number": "abc"}
    assert set(assert_error(await client.get("/policy", params=bad, headers=headers), 400)) == {
        "number"
    }


@pytest.mark.casco_sandbox(
    faults=FaultConfig(document_size=300_000),
    operation_faults={"downloadPolicy": FaultConfig(document_size=120_000)},
)
async def test_documents_are_padded_per_server_and_per_operation(
    client: httpx.AsyncClient,
) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    (file,) = files_of(await client.get(f"/offer/{offer['offerId']}", headers=headers))
    raw, _ = pdf_text(file["content"])
    assert len(raw) == 300_000
    policy = (await issue(client, headers, offer)).json()["data"]["policies"][0]
    params = {"series": policy["series"], "number": policy["number"]}
    files = files_of(await client.get("/policy", params=params, headers=headers))
    assert len(pdf_text(files[0]["content"])[0]) == 120_000
    assert len(pdf_text(files[1]["content"])[0]) < 10_000  # conditions are not padded


@pytest.mark.casco_sandbox(faults=FaultConfig(raw_pdf=True, document_size=50_000))
async def test_raw_pdf_mode(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    response = await client.get(f"/offer/{offer['offerId']}", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert int(response.headers["content-length"]) == len(response.content) == 50_000
    assert "offer-100001.pdf" in response.headers["content-disposition"]
    assert PdfReader(io.BytesIO(response.content)).pages


@pytest.mark.casco_sandbox(escape_slashes=False)
async def test_unescaped_slashes_mode(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    offer = await quote(client, headers)
    response = await client.get(f"/offer/{offer['offerId']}", headers=headers)
    assert b"\\/" not in response.content
    pdf_text(files_of(response)[0]["content"])


# ------------------------------------------------------------------------ nomenclature, helper


async def test_nomenclature(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    countries = (await client.get("/nomenclature/country", headers=headers)).json()["data"]
    assert any(c["iso2"] == "RO" and c["iso3"] == "ROU" for c in countries)
    counties = (await client.get("/nomenclature/county", headers=headers)).json()["data"]
    assert len(counties) == 42
    cluj = next(c for c in counties if c["code"] == "CJ")
    response = await client.get(f"/nomenclature/locality/{cluj['id']}", headers=headers)
    localities = response.json()["data"]
    assert any(loc["name"] == "Cluj-Napoca" for loc in localities)
    empty = await client.get("/nomenclature/locality/999999", headers=headers)
    assert empty.status_code == 200 and empty.json()["data"] == []
    # Not an integer: the document's 400 (issue 13: it used to be 200 with []).
    junk = await client.get("/nomenclature/locality/abc", headers=headers)
    assert junk.status_code == 400
    assert junk.json()["data"] == {"county_code": ["This value should be of type integer."]}
    makes = (await client.get("/nomenclature/vehicle-make", headers=headers)).json()["data"]
    assert any(m["name"] == "Dacia" for m in makes)
    models = await client.get("/nomenclature/vehicle-model/Dacia", headers=headers)
    assert {m["make"] for m in models.json()["data"]} == {"Dacia"}
    assert any(m["name"] == "Duster" for m in models.json()["data"])
    none = await client.get("/nomenclature/vehicle-model/NoSuchMake", headers=headers)
    assert none.status_code == 200 and none.json()["data"] == []


async def test_vehicle_code_helper_validates_first(client: httpx.AsyncClient) -> None:
    headers = await token_of(client)
    vehicle = {
        "vehicleType": "M1",
        "brand": "Dacia",
        "model": "Duster",
        "yearOfConstruction": 2022,
        "engineDisplacement": 1461,
        "enginePower": 85,
        "seats": 5,
        "fuelType": "diesel",
        "marketValue": "95000.00",
    }
    response = await client.post("/helper/vehicle-code", json=vehicle, headers=headers)
    assert response.status_code == 200, response.text
    matches = response.json()["data"]
    assert matches and matches[0]["brand"] == "Dacia" and matches[0]["model"] == "Duster"
    invalid = {k: v for k, v in vehicle.items() if k != "brand"} | {"vehicleType": "Z9"}
    data = assert_error(
        await client.post("/helper/vehicle-code", json=invalid, headers=headers), 400
    )
    assert {"brand", "vehicleType"} <= set(data)


@pytest.mark.parametrize("make", ["a%0Ab", "%0A", "x%0D%0Ay%2Fz"])
async def test_a_make_with_a_newline_is_still_the_models_operation(
    client: httpx.AsyncClient, make: str
) -> None:
    # Found by schemathesis (issue 13): Starlette's ":path" stops at a newline, which answered
    # a 404 the operation does not declare.
    headers = await token_of(client)
    response = await client.get(f"/nomenclature/vehicle-model/{make}", headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["data"] == []


@pytest.mark.parametrize("brand", ["³", "²5", "①"])
async def test_a_brand_of_unicode_digits_is_no_make_id(
    client: httpx.AsyncClient, brand: str
) -> None:
    # Found by schemathesis: "³".isdigit() is true and int("³") raises, which answered 500.
    headers = await token_of(client)
    vehicle = {**VEHICLE, "brand": brand}
    response = await client.post("/helper/vehicle-code", json=vehicle, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["data"] == []


# ---------------------------------------------------------------------------- edge and admin


async def test_unknown_paths_and_methods_are_envelopes(
    client: httpx.AsyncClient, casco_sandbox: Sandbox
) -> None:
    assert_error(await client.get("/nope"), 404, "Not found")
    assert_error(await client.get("/auth/"), 404)  # no redirect to /auth
    response = await client.put("/auth")
    assert_error(response, 405, "Method not allowed")
    assert response.headers["allow"] == "DELETE, PATCH, POST"
    ro = await client.get("/nope", headers={"Content-Language": "ro"})
    assert ro.json()["message"] == "Resursa nu a fost găsită"
    assert casco_sandbox.stats()["unmatched"]["calls"] == 4


async def test_a_bug_is_a_500_envelope_with_a_correlation_id(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("casco_async.sandbox._nomenclature.counties", broken)
    headers = await token_of(client)
    with caplog.at_level(logging.ERROR, logger="casco_async.sandbox"):
        response = await client.get("/nomenclature/county", headers=headers)
    assert_error(response, 500, "Internal server error")
    correlation_id = response.json()["correlation_id"]
    assert "Traceback" not in response.text and "boom" not in response.text
    assert correlation_id in caplog.text and "RuntimeError" in caplog.text


async def test_admin_endpoints(client: httpx.AsyncClient, casco_sandbox: Sandbox) -> None:
    headers = await token_of(client)
    await client.get("/offer/1", headers=headers)
    stats = (await client.get("/_sandbox/stats")).json()["data"]
    assert stats == casco_sandbox.stats()
    assert stats["authenticate"]["ok"] == 1 and stats["downloadOffer"]["client_error"] == 1
    assert (await client.get("/_sandbox/health")).json()["data"] == {"status": "ok"}

    put = await client.put(
        "/_sandbox/faults",
        json={
            "faults": {"latency_ms": 1},
            "operations": {"getQuote": {"error_rate": 1}},
            "seed": 9,
        },
    )
    assert put.status_code == 200, put.text
    current = (await client.get("/_sandbox/faults")).json()["data"]
    assert current["seed"] == 9 and current["faults"]["latency_ms"] == 1
    assert current["operations"]["getQuote"]["error_rate"] == 1
    assert casco_sandbox.faults_for("getQuote").error_rate == 1
    assert casco_sandbox.faults_for("downloadOffer").latency_ms == 1
    bad: Any
    for bad in (
        {"faults": {"error_rate": 2}},
        {"faults": {"nonsense": 1}},
        {"operations": {"noSuchOperation": {}}},
        {"seed": "x"},
        {"extra": 1},
        [],
    ):
        assert_error(await client.put("/_sandbox/faults", json=bad), 400)
    cleared = (await client.put("/_sandbox/faults", json={})).json()["data"]
    assert cleared["operations"] == {} and cleared["faults"]["latency_ms"] == 0
    assert cleared["seed"] == 9  # kept unless given

    offer_count = len(casco_sandbox.offers())
    reset = await client.post("/_sandbox/reset")
    assert reset.json()["data"]["authenticate"]["calls"] == 0
    assert len(casco_sandbox.offers()) == offer_count
    assert (await client.post("/_sandbox/reset", json={"state": True})).status_code == 200
    assert casco_sandbox.offers() == []
    assert_error(await client.get("/offer/1", headers=headers), 401)  # tokens forgotten

    before = casco_sandbox.now()
    clock = await client.post("/_sandbox/clock", json={"advance": 3600})
    assert clock.json()["data"]["now"] >= before + 3600
    assert_error(await client.post("/_sandbox/clock", json={"advance": -1}), 400)

    off = await client.put("/_sandbox/insurers/eazy_insure", json={"enabled": False})
    assert off.status_code == 200
    headers = await token_of(client)
    body = sample_quote_request("eazy_insure")
    assert_error(await client.post("/offer", json=body, headers=headers), 403)
    assert_error(await client.put("/_sandbox/insurers/nobody", json={"enabled": False}), 404)


@pytest.mark.parametrize(
    "body",
    [
        b'{"faults": {"latency_ms": 1e400}}',  # JSON's 1e400 is float("inf")
        b'{"faults": {"jitter_ms": -1e400}}',
        b'{"faults": {"slow_body_ms": 1e400}}',
        b'{"faults": {"latency_ms": 1e12}}',  # finite, but 31 years per call
        b'{"faults": {"latency_ms": 1' + b"0" * 400 + b"}}",  # an int beyond float
        b'{"faults": {"error_rate": NaN}}',
        b'{"faults": {"retry_after": 10000000000}}',
        b'{"faults": {"chunk_size": 10000000000}}',
        b'{"faults": {"document_size": 100000000000000}}',
        b'{"faults": {"drop_after_bytes": -1}}',
        b'{"operations": {"authenticate": {"token_lifetime": 1e400}}}',
        b'{"operations": {"getQuote": {"latency_ms": 1e400}}}',
        b'{"faults": {"latency_ms": 5}, "operations": {"getQuote": {"error_rate": 7}}}',
        b'{"seed": 100000000000000000000000000000}',
    ],
)
async def test_admin_numbers_must_be_finite_and_in_range(
    client: httpx.AsyncClient, body: bytes
) -> None:
    before = (await client.get("/_sandbox/faults")).json()["data"]
    response = await client.put(
        "/_sandbox/faults", content=body, headers={"content-type": "application/json"}
    )
    assert_error(response, 400)
    after = await client.get("/_sandbox/faults")
    assert after.status_code == 200 and after.json()["data"] == before  # nothing applied
    headers = await token_of(client)  # and the sandbox still answers at once
    assert (await client.get("/nomenclature/county", headers=headers)).status_code == 200


async def test_admin_clock_refuses_infinite_or_absurd_advances(
    client: httpx.AsyncClient, casco_sandbox: Sandbox
) -> None:
    now = casco_sandbox.now()
    for body in (b'{"advance": 1e400}', b'{"advance": NaN}', b'{"advance": 1e300}'):
        response = await client.post(
            "/_sandbox/clock", content=body, headers={"content-type": "application/json"}
        )
        assert_error(response, 400)
    assert casco_sandbox.now() - now < 60
    # 100 years is the horizon: reachable, but not one second beyond it.
    assert (await client.post("/_sandbox/clock", json={"advance": 100 * 366 * 86400})).is_success
    assert_error(await client.post("/_sandbox/clock", json={"advance": 1}), 400)
    assert (await client.get("/_sandbox/stats")).status_code == 200
    with pytest.raises(ValueError, match="advance"):
        casco_sandbox.advance_clock(float("inf"))


async def test_admin_bodies_are_capped(client: httpx.AsyncClient) -> None:
    padding = b" " * (64 * 1024)
    body = b'{"faults": {"latency_ms": 5}}' + padding
    response = await client.put(
        "/_sandbox/faults", content=body, headers={"content-type": "application/json"}
    )
    assert_error(response, 413)

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"faults": {"latency_ms": 5}}'
        for _ in range(100):
            yield padding

    for path, method in (("/_sandbox/faults", "PUT"), ("/_sandbox/clock", "POST")):
        response = await client.request(method, path, content=chunked())
        assert_error(response, 413)
    assert (await client.get("/_sandbox/faults")).json()["data"]["faults"]["latency_ms"] == 0
    small = b'{"faults": {"latency_ms": 5}}' + b" " * 1000
    assert (await client.put("/_sandbox/faults", content=small)).status_code == 200


def test_sandbox_config_numbers_must_be_finite() -> None:
    from casco_async.sandbox import SandboxConfig

    for lifetime in (float("nan"), float("inf"), 0, -1, 1e12):
        with pytest.raises(ValueError, match="token_lifetime"):
            SandboxConfig(token_lifetime=lifetime)
        with pytest.raises(ValueError, match="token_lifetime"):
            FaultConfig(token_lifetime=lifetime)


async def test_no_secret_reaches_the_log(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    password = "pw-PLANTED-9f2b-sandbox"
    sandbox = Sandbox(accounts={"planted": password})
    with caplog.at_level(logging.DEBUG):
        async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as c:
            data = await login(c, "planted", password)
            renewed = await c.patch("/auth", headers={"Token": f"Refresh {data['refresh_token']}"})
            headers = {"Token": renewed.json()["data"]["token"]}
            offer = await quote(c, headers)
            document = await c.get(f"/offer/{offer['offerId']}", headers=headers)
            await c.delete("/auth", headers=headers)
    content = files_of(document)[0]["content"]
    # httpx itself logs request URLs (query included): that is the client's business; the
    # sandbox's own records are checked here.
    text = "\n".join(
        record.getMessage() for record in caplog.records if record.name.startswith("casco_async")
    )
    assert "authenticate POST /auth -> 200" in text  # the log is there...
    secrets = [password, data["token"], data["refresh_token"], headers["Token"], content[:40]]
    for secret in secrets:  # ...without any secret or document content
        assert secret not in text


# ------------------------------------------------------------------------- fuzzing the edge

_FUZZ_SANDBOX = Sandbox()
_FUZZ_TOKEN = _FUZZ_SANDBOX.issue_token(lifetime=10 * 365 * 24 * HOUR)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["provider", "product", "offerId", "payment", "brand", "vehicleType", "x"]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(["/offer", "/policy", "/helper/vehicle-code"]),
    body=st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode())),
    content_type=st.sampled_from(
        ["application/json", "application/json; charset=utf-8", "text/plain", "", "a/b+json"]
    ),
    with_token=st.booleans(),
    language=st.sampled_from(["en", "ro", "xx", ""]),
)
def test_random_bodies_never_cause_a_server_error(
    path: str, body: bytes, content_type: str, with_token: bool, language: str
) -> None:
    headers = {"Content-Type": content_type, "Content-Language": language}
    if with_token:
        headers["Token"] = _FUZZ_TOKEN

    async def call() -> httpx.Response:
        transport = _FUZZ_SANDBOX.transport()
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            return await client.post(path, content=body, headers=headers)

    response = anyio.run(call)
    assert response.status_code in ({400} if with_token else {401}), response.text
    envelope = response.json()
    assert envelope["error"] is True and envelope["status"] == response.status_code


@settings(max_examples=60, deadline=None)
@given(
    query=st.dictionaries(
        st.sampled_from(["account", "password", "x"]),
        st.text(st.characters(exclude_categories=["Cs"])),
        max_size=3,
    )
)
def test_random_auth_queries_are_400_or_401(query: dict[str, str]) -> None:
    async def call() -> httpx.Response:
        transport = _FUZZ_SANDBOX.transport()
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            return await client.post("/auth", params=query)

    response = anyio.run(call)
    expected = {200, 400, 401} if query.get("account") == "sandbox" else {400, 401}
    assert response.status_code in expected
    assert response.json()["error"] is (response.status_code != 200)


def test_today_is_bucharest_date(casco_sandbox: Sandbox) -> None:
    now = datetime.now(ZoneInfo("Europe/Bucharest")).date()
    assert casco_sandbox.today() in (now, now + timedelta(days=1))


def test_the_sandbox_runs_under_trio_too() -> None:
    sandbox = Sandbox()

    async def tour() -> list[int]:
        async with httpx.AsyncClient(transport=sandbox.transport(), base_url=BASE) as client:
            headers = await token_of(client)
            offer = await quote(client, headers)
            document = await client.get(f"/offer/{offer['offerId']}", headers=headers)
            return [document.status_code, len(files_of(document))]

    assert anyio.run(tour, backend="trio") == [200, 1]


async def test_create_app_is_a_working_asgi_factory() -> None:
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        await login(client)
        response = await client.get("/_sandbox/health")
        assert response.json()["data"] == {"status": "ok"}
