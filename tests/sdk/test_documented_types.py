"""The SDK sends what the document says, even where the vendor's own samples do not.

Found by a validating proxy (issue 13): the helper's `marketValue` went out as the docs' sample
string, and `language="de"` went out as `Content-Language: de`.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from support import document

from casco_async import CascoClient, ConfigurationError
from casco_async.models import VehicleData

BASE_URL = "https://casco.test"


def recording_client(bodies: list[Any]) -> CascoClient:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth":
            data = {"token": "a.b.c", "expires_at": "2099-01-01 00:00:00", "refresh_token": "r"}
            return httpx.Response(200, json={"error": False, "status": 200, "data": data})
        bodies.append(json.loads(request.content))
        return httpx.Response(200, json={"error": False, "status": 200, "data": []})

    return CascoClient(
        base_url=BASE_URL,
        account="broker",
        password="secret",
        transport=httpx.MockTransport(answer),
        revoke_on_close=False,
    )


def helper_example() -> dict[str, Any]:
    body = document()["paths"]["/helper/vehicle-code"]["post"]["requestBody"]
    example: dict[str, Any] = body["content"]["application/json"]["example"]
    return example


@pytest.mark.parametrize("as_model", [False, True])
async def test_a_decimal_string_market_value_is_sent_as_a_number(as_model: bool) -> None:
    vehicle = {**helper_example(), "marketValue": "100000.00"}
    bodies: list[Any] = []
    async with recording_client(bodies) as casco:
        await casco.helper.identify_vehicle(VehicleData.from_dict(vehicle) if as_model else vehicle)
    assert bodies[0]["marketValue"] == 100000.0
    assert isinstance(bodies[0]["marketValue"], float)


async def test_a_market_value_that_is_no_decimal_is_refused_before_sending() -> None:
    bodies: list[Any] = []
    async with recording_client(bodies) as casco:
        with pytest.raises(Exception, match="VALIDATION_ERROR"):
            await casco.helper.identify_vehicle({**helper_example(), "marketValue": "lots"})
    assert bodies == []


@pytest.mark.parametrize("language", ["de", "RO", "ro-RO", ""])
def test_a_language_the_document_does_not_allow_is_refused_at_construction(language: str) -> None:
    with pytest.raises(ConfigurationError, match="en, ro"):
        CascoClient(base_url=BASE_URL, account="a", password="p", language=language)
    casco = CascoClient(base_url=BASE_URL, account="a", password="p", language="ro")
    with pytest.raises(ConfigurationError):
        casco.with_options(language=language)
    assert casco.with_options(language="en").options.language == "en"


def test_the_quote_s_decimal_market_value_is_converted_in_a_copy_of_its_path_only() -> None:
    from casco_async._resources import request_body
    from casco_async.models import QuoteRequest
    from casco_async.testing import sample_quote_request

    body = sample_quote_request()
    body["product"]["vehicle"]["marketValue"] = "95000.50"
    before = json.dumps(body, sort_keys=True)
    sent = request_body(QuoteRequest, body).to_dict()
    assert sent["product"]["vehicle"]["marketValue"] == 95000.5
    assert json.dumps(body, sort_keys=True) == before  # the caller's body is left as it was
    assert body["product"]["vehicle"]["marketValue"] == "95000.50"
    sent["product"]["vehicle"]["marketValue"] = "95000.50"
    assert json.dumps(sent, sort_keys=True) == before  # nothing else differs
