"""The request and result models users touch, so that no import from `generated/` is needed.

    from casco_async.models import PaymentData, QuoteRequest

They are the generated attrs models of the API's schemas (named by `openapi/pins.yaml`, so the
vendor's own naming never reaches user code): build requests from them or from plain mappings,
and read results from them. The envelopes around the answers stay inside the SDK.
"""

import typing as _typing

if _typing.TYPE_CHECKING:
    from casco_async_generated.models import (
        Address,
        ColorEnum,
        Country,
        County,
        Coverage,
        CurrencyEnum,
        Deductibles,
        Driver,
        DrivingLicense,
        FuelTypeEnum,
        GenderEnum,
        IdTypeEnum,
        Installment,
        InstallmentCountEnum,
        Locality,
        MotorData,
        Offer,
        Organization,
        PaymentData,
        PaymentMethodEnum,
        Person,
        PersonIdentification,
        Policy,
        PolicyReference,
        ProductData,
        ProviderAuthentication,
        ProviderData,
        QuoteRequest,
        RegistrationTypeEnum,
        UsageTypeEnum,
        Vehicle,
        VehicleCodeMatch,
        VehicleData,
        VehicleIdentification,
        VehicleMake,
        VehicleModel,
        VehicleTypeEnum,
    )
else:
    # PEP 562: the generated models package imports a model's module when it is first asked
    # for, so `import casco_async.models` does not import every model, and each name is still
    # the generated class itself (`casco_async.models.Offer is casco_async_generated.models.Offer`).
    # Hidden from type checkers, which read the names above: a misspelt one stays an error.
    def __getattr__(name: str) -> _typing.Any:
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import casco_async_generated.models as generated

        value = getattr(generated, name)
        globals()[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


__all__ = [
    "Address",
    "ColorEnum",
    "Country",
    "County",
    "Coverage",
    "CurrencyEnum",
    "Deductibles",
    "Driver",
    "DrivingLicense",
    "FuelTypeEnum",
    "GenderEnum",
    "IdTypeEnum",
    "Installment",
    "InstallmentCountEnum",
    "Locality",
    "MotorData",
    "Offer",
    "Organization",
    "PaymentData",
    "PaymentMethodEnum",
    "Person",
    "PersonIdentification",
    "Policy",
    "PolicyReference",
    "ProductData",
    "ProviderAuthentication",
    "ProviderData",
    "QuoteRequest",
    "RegistrationTypeEnum",
    "UsageTypeEnum",
    "Vehicle",
    "VehicleCodeMatch",
    "VehicleData",
    "VehicleIdentification",
    "VehicleMake",
    "VehicleModel",
    "VehicleTypeEnum",
]
