"""The sandbox's refusals: the insurer refusals' Romanian texts, and the error they travel in.

The messages themselves are in ``casco_async._messages``, one catalogue with request validation.

Romanian is chosen by the request header ``Content-Language: ro``; a refusal
(:class:`ApiError`) is answered with the vendor's error envelope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from casco_async._messages import message
from casco_async.sandbox._auth import AuthFailure

# Where each insurer refusal points in the request, and its Romanian text (the tariff module
# writes English sentences only).
REFUSALS: Final[Mapping[str, tuple[str | None, str]]] = {
    "PRODUCT_NOT_OFFERED": ("product.name", "Asigurătorul nu oferă acest produs."),
    "VEHICLE_TYPE_NOT_COVERED": (
        "product.vehicle.vehicleType",
        "Asigurătorul nu asigură acest tip de vehicul.",
    ),
    "USAGE_NOT_COVERED": (
        "product.vehicle.usageType",
        "Asigurătorul nu asigură vehiculele cu această destinație.",
    ),
    "VEHICLE_TOO_OLD": (
        "product.vehicle.yearOfConstruction",
        "Vehiculul este prea vechi pentru acest asigurător.",
    ),
    "MARKET_VALUE_TOO_HIGH": (
        "product.vehicle.marketValue",
        "Valoarea vehiculului depășește limita asigurătorului.",
    ),
    "DRIVER_TOO_YOUNG": ("product.vehicle.driver", "Conducătorul auto este prea tânăr."),
    "INSTALLMENTS_NOT_AVAILABLE": (
        "product.motor.installmentCount",
        "Asigurătorul nu oferă acest număr de rate pentru această durată.",
    ),
}

AUTH_MESSAGES: Final[Mapping[AuthFailure, str]] = {
    AuthFailure.MISSING: "token_missing",
    AuthFailure.INVALID: "token_invalid",
    AuthFailure.REVOKED: "token_invalid",
    AuthFailure.EXPIRED: "token_expired",
    AuthFailure.CREDENTIALS: "credentials",
    AuthFailure.REFRESH_UNKNOWN: "refresh_invalid",
    AuthFailure.REFRESH_SPENT: "refresh_spent",
    AuthFailure.REFRESH_EXPIRED: "refresh_expired",
}


class ApiError(Exception):
    """A refusal, answered with the vendor's error envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.data = data
        self.headers = dict(headers or {})


def invalid_request(errors: Mapping[str, list[str]], lang: str) -> ApiError:
    return ApiError(400, message("validation", lang), dict(errors))
