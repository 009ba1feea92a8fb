"""What the client needs to know about each of the API's 13 operations, in one table.

Paths, parameters and schemas are not repeated here: each entry points at the generated module
(whose `_get_kwargs` builds the request) and the generated envelope model that parses the answer.
What the generator cannot know lives here: whether an automatic retry is safe, and how slow the
operation may be.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Protocol

import attrs
from casco_api_client.api.authentication import authenticate, deauthenticate, renew_token
from casco_api_client.api.helper import identify_vehicle_code
from casco_api_client.api.nomenclature import (
    list_counties,
    list_countries,
    list_localities,
    list_vehicle_makes,
    list_vehicle_models,
)
from casco_api_client.api.products import download_offer, download_policy, get_quote, issue_policy
from casco_api_client.models import (
    AuthResponse,
    CountryListResponse,
    CountyListResponse,
    DocumentsResponse,
    EmptyResponse,
    LocalityListResponse,
    PolicyResponse,
    QuoteResponse,
    VehicleCodeListResponse,
    VehicleMakeListResponse,
    VehicleModelListResponse,
)


class EnvelopeModel(Protocol):
    """A generated envelope model: `from_dict` parses the whole JSON answer."""

    @classmethod
    def from_dict(cls, src_dict: Any) -> Any: ...


@attrs.frozen
class Operation:
    """One API operation as the client sees it.

    Attributes:
        id: The document's operationId (used in errors, logs and sandbox counters).
        module: The generated module; its `_get_kwargs(...)` builds the request.
        envelope: The generated model of the success envelope.
        idempotent: Whether an automatic retry can never cause a second effect.
        slow: Whether an insurer is called behind it (a long read timeout by default).
    """

    id: str
    module: ModuleType = attrs.field(repr=False)
    envelope: type[EnvelopeModel] = attrs.field(repr=False)
    idempotent: bool = True
    slow: bool = False

    def build(self, **arguments: Any) -> dict[str, Any]:
        """The httpx request arguments, built by the generated code."""
        kwargs: dict[str, Any] = self.module._get_kwargs(**arguments)
        return kwargs


AUTHENTICATE = Operation("authenticate", authenticate, AuthResponse)
# Renewal spends the refresh token, but a repeat after a lost answer fails with 401 and the
# token logic then authenticates afresh: retrying it can never do harm.
RENEW_TOKEN = Operation("renewToken", renew_token, AuthResponse)
DEAUTHENTICATE = Operation("deauthenticate", deauthenticate, EmptyResponse)
GET_QUOTE = Operation("getQuote", get_quote, QuoteResponse, slow=True)
# Issuing a policy is not idempotent and the API has no idempotency key: never retried.
ISSUE_POLICY = Operation("issuePolicy", issue_policy, PolicyResponse, idempotent=False, slow=True)
DOWNLOAD_OFFER = Operation("downloadOffer", download_offer, DocumentsResponse, slow=True)
DOWNLOAD_POLICY = Operation("downloadPolicy", download_policy, DocumentsResponse, slow=True)
LIST_COUNTRIES = Operation("listCountries", list_countries, CountryListResponse)
LIST_COUNTIES = Operation("listCounties", list_counties, CountyListResponse)
LIST_LOCALITIES = Operation("listLocalities", list_localities, LocalityListResponse)
LIST_VEHICLE_MAKES = Operation("listVehicleMakes", list_vehicle_makes, VehicleMakeListResponse)
LIST_VEHICLE_MODELS = Operation("listVehicleModels", list_vehicle_models, VehicleModelListResponse)
IDENTIFY_VEHICLE_CODE = Operation(
    "identifyVehicleCode", identify_vehicle_code, VehicleCodeListResponse
)

ALL_OPERATIONS: tuple[Operation, ...] = (
    AUTHENTICATE,
    RENEW_TOKEN,
    DEAUTHENTICATE,
    GET_QUOTE,
    ISSUE_POLICY,
    DOWNLOAD_OFFER,
    DOWNLOAD_POLICY,
    LIST_COUNTRIES,
    LIST_COUNTIES,
    LIST_LOCALITIES,
    LIST_VEHICLE_MAKES,
    LIST_VEHICLE_MODELS,
    IDENTIFY_VEHICLE_CODE,
)
