"""The API's namespaces as users see them: `casco.nomenclature`, `casco.helper`, `casco.products`.

Each method is one line of plumbing: turn the arguments into a generated request (validated the
same way whether they came as generated attrs models or as plain mappings read from JSON), and
hand it to the client's pipeline. Paths and schemas live only in the generated code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from casco_api_client.models import (
    Country,
    County,
    Locality,
    Offer,
    PaymentData,
    Policy,
    PolicyRequest,
    QuoteRequest,
    VehicleCodeMatch,
    VehicleData,
    VehicleMake,
    VehicleModel,
)

from . import _operations as ops
from ._errors import ResponseValidationError, ValidationError
from ._validation import validate

if TYPE_CHECKING:
    from ._client import CascoClient

__all__ = ["Helper", "Nomenclature", "Products", "as_request_model"]


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M")


def as_request_model(
    model: type[M], value: M | Mapping[str, Any], *, validate_first: bool = True
) -> M:
    """`value` as the generated model, after the API's validation rules.

    Accepts the generated attrs model or a plain mapping (e.g. JSON read from a file); both are
    validated the same way and raise `ValidationError` with the API's dotted field paths.
    """
    schema = model.__name__
    if isinstance(value, model):
        data = value.to_dict()  # type: ignore[attr-defined]
    elif isinstance(value, Mapping):
        data = dict(value)
    else:
        raise TypeError(f"expected {schema} or a mapping, got {type(value).__name__}")
    if validate_first:
        errors = validate(schema, data)
        if errors:
            raise ValidationError("VALIDATION_ERROR", field_errors=errors)
    try:
        parsed: M = model.from_dict(data)  # type: ignore[attr-defined]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # Even with validation off, a body the generated model cannot hold cannot be sent: say
        # precisely why, with the API's paths.
        raise ValidationError(
            f"{schema} cannot be built from the given data ({type(exc).__name__})",
            field_errors=validate(schema, data),
        ) from None
    return parsed


class _Namespace:
    def __init__(self, client: CascoClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class Nomenclature(_Namespace):
    """Reference lists: countries, counties, localities, vehicle makes and models."""

    async def countries(self) -> list[Country]:
        """ISO 3166 countries (`GET /nomenclature/country`)."""
        result: list[Country] = await self._client._call(
            ops.LIST_COUNTRIES, ops.LIST_COUNTRIES.build()
        )
        return result

    async def counties(self) -> list[County]:
        """Romania's counties (`GET /nomenclature/county`); `County.id` names localities."""
        result: list[County] = await self._client._call(
            ops.LIST_COUNTIES, ops.LIST_COUNTIES.build()
        )
        return result

    async def localities(self, county_code: int) -> list[Locality]:
        """Localities of a county, by the county's `id`; an unknown county gives []."""
        result: list[Locality] = await self._client._call(
            ops.LIST_LOCALITIES, ops.LIST_LOCALITIES.build(county_code=county_code)
        )
        return result

    async def vehicle_makes(self) -> list[VehicleMake]:
        """Vehicle makes (`GET /nomenclature/vehicle-make`)."""
        result: list[VehicleMake] = await self._client._call(
            ops.LIST_VEHICLE_MAKES, ops.LIST_VEHICLE_MAKES.build()
        )
        return result

    async def vehicle_models(self, make: str) -> list[VehicleModel]:
        """Models of a make, by name; an unknown make gives []."""
        result: list[VehicleModel] = await self._client._call(
            ops.LIST_VEHICLE_MODELS, ops.LIST_VEHICLE_MODELS.build(make=make)
        )
        return result


class Helper(_Namespace):
    """Helpers: vehicle-code identification."""

    async def identify_vehicle(
        self, vehicle: VehicleData | Mapping[str, Any]
    ) -> list[VehicleCodeMatch]:
        """Vehicle codes matching a vehicle's mechanical data, best first (may be empty)."""
        body = as_request_model(
            VehicleData, vehicle, validate_first=self._client.options.validate_requests
        )
        result: list[VehicleCodeMatch] = await self._client._call(
            ops.IDENTIFY_VEHICLE_CODE, ops.IDENTIFY_VEHICLE_CODE.build(body=body)
        )
        return result


class Products(_Namespace):
    """Quotes, and turning an offer into a policy."""

    async def quote(self, request: QuoteRequest | Mapping[str, Any]) -> list[Offer]:
        """The insurer's offers for a product (`POST /offer`), unwrapped from the envelope.

        `request` is a `QuoteRequest` or a mapping `{"provider": …, "product": …}` as in the API.
        Retried on transient failures: a quote creates nothing that a repeat could duplicate.
        """
        body = as_request_model(
            QuoteRequest, request, validate_first=self._client.options.validate_requests
        )
        result = await self._client._call(ops.GET_QUOTE, ops.GET_QUOTE.build(body=body))
        offers: list[Offer] = result.offers
        return offers

    async def issue_policy(self, offer_id: int, payment: PaymentData | Mapping[str, Any]) -> Policy:
        """Turn an offer into a policy (`POST /policy`). Never retried automatically.

        Raises:
            AmbiguousOutcomeError: the request was sent but no answer arrived (or a gateway
                answered 502/504); the policy may exist. Issuing the same offer again answers
                `ConflictError` if it does.
            ConflictError: the offer was already turned into a policy, or it expired.
        """
        payment_data = payment.to_dict() if isinstance(payment, PaymentData) else payment
        body = as_request_model(
            PolicyRequest,
            {"offerId": offer_id, "payment": payment_data},
            validate_first=self._client.options.validate_requests,
        )
        result = await self._client._call(
            ops.ISSUE_POLICY, ops.ISSUE_POLICY.build(body=body), offer_id=offer_id
        )
        policies: list[Policy] = result.policies
        if not policies:
            raise ResponseValidationError(
                "the API confirmed the policy but sent no policy data",
                operation=ops.ISSUE_POLICY.id,
            )
        return policies[0]
