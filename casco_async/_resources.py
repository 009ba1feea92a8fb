"""The API's namespaces as users see them: `casco.nomenclature`, `casco.helper`, `casco.products`.

Each method is one line of plumbing: turn the arguments into a generated request (validated the
same way whether they came as generated attrs models or as plain mappings read from JSON), and
hand it to the pipeline, whose `call` returns the operation's typed `data`. A namespace holds the
pipeline of the view it belongs to (as openai-python's resources hold their client's request
functions), never the client. Paths and schemas live only in the generated code.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

# The models package imports a model's module when the model is first used (PEP 562): the
# request models are read from it at call time, not imported here with the SDK.
import casco_async_generated.models as generated

from . import _operations as ops
from ._envelope import correlation_id_of
from ._errors import AmbiguousOutcomeError, ValidationError
from ._pipeline import Pipeline

if TYPE_CHECKING:
    from casco_async_generated.models import (
        Country,
        County,
        Locality,
        Offer,
        PaymentData,
        Policy,
        ProductData,
        QuoteRequest,
        VehicleCodeMatch,
        VehicleData,
        VehicleMake,
        VehicleModel,
    )

    from ._bulk import BulkQuotes, QuoteComparison

__all__ = [
    "Helper",
    "Namespace",
    "Nomenclature",
    "Products",
    "ValidatedBody",
    "as_request_model",
    "request_body",
]


M = TypeVar("M")


def as_request_model(
    model: type[M], value: M | Mapping[str, Any], *, validate_first: bool = True
) -> M:
    """`value` as the generated model, after the API's validation rules.

    Accepts the generated attrs model or a plain mapping (e.g. JSON read from a file); both are
    validated the same way and raise `ValidationError` with the API's dotted field paths.
    """
    return _built(model, _checked(model, value, validate_first=validate_first))


@attrs.frozen
class ValidatedBody:
    """A request body that passed the API's validation rules, in the JSON form it is sent in.

    The generated request builders read their body only through `to_dict()`, so this stands in
    for the model: a body already checked against the document need not be built into attrs
    models only to be turned back into the same JSON (a third of a quote's own CPU cost).
    The pipeline encodes it once, when the call starts (`_pipeline._encoded`), so a caller changing
    its mapping afterwards changes nothing that is sent, retries included.
    """

    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The body as JSON data (what the model's `to_dict` would give)."""
        return self.data


def request_body(
    model: type[M], value: M | Mapping[str, Any], *, validate_first: bool = True
) -> M | ValidatedBody:
    """What a namespace method hands the generated builder as `body`.

    Validated (the default): the checked JSON data itself (`ValidatedBody`). Unvalidated: the
    generated model, whose construction is then the only check (`as_request_model`).
    """
    data = _checked(model, value, validate_first=validate_first)
    return ValidatedBody(data) if validate_first else _built(model, data)


def _checked(model: type[Any], value: object, *, validate_first: bool) -> dict[str, Any]:
    """`value` (the model or a mapping) as JSON data, refused with the API's field errors."""
    schema = model.__name__
    if isinstance(value, model):
        data: dict[str, Any] = value.to_dict()
    elif isinstance(value, Mapping):
        data = dict(value)
    else:
        raise TypeError(f"expected {schema} or a mapping, got {type(value).__name__}")
    if validate_first:
        # Imported at the first request, not with the client (schemas.json is read then too).
        from ._validation import validate

        errors = validate(schema, data)
        if errors:
            raise ValidationError("VALIDATION_ERROR", field_errors=errors)
    return _as_documented(schema, data)


def _built(model: type[M], data: dict[str, Any]) -> M:
    schema = model.__name__
    try:
        parsed: M = model.from_dict(data)  # type: ignore[attr-defined]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        from ._validation import validate

        # Even with validation off, a body the generated model cannot hold cannot be sent: say
        # precisely why, with the API's paths.
        raise ValidationError(
            f"{schema} cannot be built from the given data ({type(exc).__name__})",
            field_errors=validate(schema, data),
        ) from None
    return parsed


# Where the document says number but the vendor's own sample sends a decimal string (the overlay
# accepts both): the SDK sends the document's type.
_DECIMAL_STRINGS: Final[Mapping[str, tuple[str, ...]]] = {
    "VehicleData": ("marketValue",),
    "QuoteRequest": ("product", "vehicle", "marketValue"),
}


def _as_documented(schema: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with a decimal string sent as the number the document says (``"100000.00"`` ->
    ``100000.0``); anything else, including a string that is no decimal, is left as it is."""
    path = _DECIMAL_STRINGS.get(schema)
    if path is None:
        return data
    *parents, field = path
    holder: Any = data
    for key in parents:
        holder = holder.get(key) if isinstance(holder, Mapping) else None
    value = holder.get(field) if isinstance(holder, Mapping) else None
    if not isinstance(value, str):
        return data
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return data
    if not number.is_finite():
        return data
    # Copies of the dicts on the way down only: the caller's data is left as it is, and the
    # rest of the body (shared, never written) is not copied per request.
    converted = target = dict(data)
    for key in parents:
        target[key] = dict(target[key])
        target = target[key]
    target[field] = float(number)
    return converted


class Namespace:
    """A group of the API's operations, sent through the pipeline of one client view."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._pipeline!r}>"

    @property
    def _validate(self) -> bool:
        return self._pipeline.options.validate_requests


class Nomenclature(Namespace):
    """Reference lists: countries, counties, localities, vehicle makes and models."""

    async def countries(self) -> list[Country]:
        """ISO 3166 countries (`GET /nomenclature/country`)."""
        return await self._pipeline.call(ops.LIST_COUNTRIES)

    async def counties(self) -> list[County]:
        """Romania's counties (`GET /nomenclature/county`); `County.id` names localities."""
        return await self._pipeline.call(ops.LIST_COUNTIES)

    async def localities(self, county_code: int) -> list[Locality]:
        """Localities of a county, by the county's `id`; an unknown county gives []."""
        return await self._pipeline.call(ops.LIST_LOCALITIES, county_code=county_code)

    async def vehicle_makes(self) -> list[VehicleMake]:
        """Vehicle makes (`GET /nomenclature/vehicle-make`)."""
        return await self._pipeline.call(ops.LIST_VEHICLE_MAKES)

    async def vehicle_models(self, make: str) -> list[VehicleModel]:
        """Models of a make, by name; an unknown make gives []."""
        return await self._pipeline.call(ops.LIST_VEHICLE_MODELS, make=make)


class Helper(Namespace):
    """Helpers: vehicle-code identification."""

    async def identify_vehicle(
        self, vehicle: VehicleData | Mapping[str, Any]
    ) -> list[VehicleCodeMatch]:
        """Vehicle codes matching a vehicle's mechanical data, best first (may be empty)."""
        body = request_body(generated.VehicleData, vehicle, validate_first=self._validate)
        return await self._pipeline.call(ops.IDENTIFY_VEHICLE_CODE, body=body)


class Products(Namespace):
    """Quotes (one, many, or one product across insurers), and turning an offer into a policy."""

    async def quote(self, request: QuoteRequest | Mapping[str, Any]) -> list[Offer]:
        """The insurer's offers for a product (`POST /offer`), unwrapped from the envelope.

        `request` is a `QuoteRequest` or a mapping `{"provider": …, "product": …}` as in the API.
        Retried on transient failures: a quote creates nothing that a repeat could duplicate.
        """
        body = request_body(generated.QuoteRequest, request, validate_first=self._validate)
        result = await self._pipeline.call(ops.GET_QUOTE, body=body)
        return result.offers

    def quote_many(
        self,
        requests: Iterable[Any] | AsyncIterable[Any],
        *,
        concurrency: int | None = None,
    ) -> BulkQuotes:
        """Quote many requests; results arrive in completion order, one per request.

        Each item of `requests` is a quote request (a `QuoteRequest` or a mapping) or a
        `(tag, request)` pair; each result is a `QuoteOutcome` with its tag (default: the item's
        position) and either offers or that item's typed error — one failure never stops the
        rest. At most `concurrency` requests (default: `max_concurrency`) are in flight and
        the input is read lazily, so memory stays bounded for any input size::

            async with casco.products.quote_many(requests, concurrency=20) as results:
                async for outcome in results:
                    ...

        Leaving the `async with` block early cancels whatever is still running.
        """
        from ._bulk import BulkQuotes  # here: bulk runs are not every client's cost

        return BulkQuotes(self.quote, requests, concurrency or self._pipeline.max_concurrency)

    async def compare(
        self,
        product: ProductData | Mapping[str, Any],
        insurers: Sequence[str] | None = None,
    ) -> QuoteComparison:
        """Send one product to several insurers at once (default: all `KNOWN_INSURERS`).

        Each insurer gets its own product name (as the CLI's ``--insurers`` sends it). Returns
        every offer sorted by premium, cheapest first, with each failing insurer's typed error
        beside them.

        Raises:
            ValidationError: the product is invalid for every insurer alike (nothing is sent);
                an error of only some insurers is theirs, in `QuoteComparison.errors`.
        """
        from ._bulk import compare_quotes

        return await compare_quotes(self.quote, product, insurers, check=self._check_quote)

    def _check_quote(self, request: Mapping[str, Any]) -> QuoteRequest:
        # The same validation `quote` applies, without sending.
        return as_request_model(generated.QuoteRequest, request, validate_first=self._validate)

    async def issue_policy(self, offer_id: int, payment: PaymentData | Mapping[str, Any]) -> Policy:
        """Turn an offer into a policy (`POST /policy`). Never retried automatically.

        Raises:
            AmbiguousOutcomeError: the request was sent but no answer proves what happened (no
                answer, a deadline reached, 5xx, a redirect, a status no registry knows, an
                unusable or empty 200, a 204); the policy may exist, and `offer_id` names the
                offer. Issuing the same offer again answers `ConflictError` if it does.
            RefusedBeforeProcessingError: the API refused the token (401): nothing was done,
                the token was renewed, sending again is safe.
            ConflictError: the offer was already turned into a policy, or it expired.
        """
        payment_data = payment.to_dict() if isinstance(payment, generated.PaymentData) else payment
        body = request_body(
            generated.PolicyRequest,
            {"offerId": offer_id, "payment": payment_data},
            validate_first=self._validate,
        )
        try:
            result, headers = await self._pipeline.call_with_headers(ops.ISSUE_POLICY, body=body)
            if not result.policies:
                # A success without the policy proves nothing: it may or may not exist.
                raise AmbiguousOutcomeError(
                    "the API answered success but sent no policy: the outcome is unknown",
                    operation=ops.ISSUE_POLICY.id,
                    status_code=200,
                    correlation_id=correlation_id_of(None, headers),
                )
        except AmbiguousOutcomeError as error:
            # The pipeline knows operations, not offers: the offer concerned is named here.
            error.offer_id = offer_id
            raise
        return result.policies[0]
