"""The sandbox's error messages in English and Romanian, and the refusal they travel in.

Romanian is chosen by the request header ``Content-Language: ro``; a refusal
(:class:`_ApiError`) is answered with the vendor's error envelope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from casco_async.sandbox._auth import AuthFailure

# key -> (English, Romanian). Romanian is chosen by the request header `Content-Language: ro`.
_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "validation": ("VALIDATION_ERROR", "VALIDATION_ERROR"),
    "token_missing": ("Missing token", "Lipsește tokenul"),
    "token_invalid": ("Invalid or expired token", "Token invalid sau expirat"),
    "token_expired": ("Expired token", "Token expirat"),
    "credentials": ("Invalid credentials", "Date de autentificare invalide"),
    "refresh_invalid": ("Invalid refresh token", "Token de reîmprospătare invalid"),
    "refresh_spent": (
        "Refresh token already used",
        "Tokenul de reîmprospătare a fost deja folosit",
    ),
    "refresh_expired": ("Expired refresh token", "Token de reîmprospătare expirat"),
    "not_found": ("Not found", "Resursa nu a fost găsită"),
    "method": ("Method not allowed", "Metodă nepermisă"),
    "offer_not_found": ("Offer not found", "Oferta nu a fost găsită"),
    "policy_not_found": ("Policy not found", "Polița nu a fost găsită"),
    "offer_expired": ("The offer has expired", "Oferta a expirat"),
    "policy_exists": (
        "A valid policy already exists for this offer",
        "Există deja o poliță validă pentru această ofertă",
    ),
    "insurer_disabled": (
        "Insurer not available for this account",
        "Asigurătorul nu este disponibil pentru acest cont",
    ),
    "insurer_unknown": ("Unknown insurer.", "Asigurător necunoscut."),
    "rate_limited": ("Too many requests", "Prea multe cereri"),
    "server_500": ("Internal server error", "Eroare internă a serverului"),
    "server_502": (
        "Bad gateway: the insurer did not answer",
        "Eroare de comunicare cu asigurătorul",
    ),
    "server_503": ("Service unavailable", "Serviciu indisponibil"),
    "server_5xx": ("Server error", "Eroare de server"),
    "body_json": (
        "The request body must be valid JSON.",
        "Corpul cererii trebuie să fie JSON valid.",
    ),
    "body_type": (
        "The request body must be JSON (Content-Type: application/json).",
        "Corpul cererii trebuie să fie JSON (Content-Type: application/json).",
    ),
    "body_size": ("The request body is too large.", "Corpul cererii este prea mare."),
    "payment_currency": (
        "The payment currency must be the offer's currency ({currency}).",
        "Moneda plății trebuie să fie moneda ofertei ({currency}).",
    ),
    "payment_amount": (
        "The payment must cover at least the first installment ({amount} {currency}).",
        "Plata trebuie să acopere cel puțin prima rată ({amount} {currency}).",
    ),
    "integer": (
        "This value should be of type integer.",
        "Această valoare trebuie să fie de tipul integer.",
    ),
}

# Where each insurer refusal points in the request, and its Romanian text (the tariff module
# writes English sentences only).
_REFUSALS: Final[Mapping[str, tuple[str | None, str]]] = {
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

_AUTH_MESSAGES: Final[Mapping[AuthFailure, str]] = {
    AuthFailure.MISSING: "token_missing",
    AuthFailure.INVALID: "token_invalid",
    AuthFailure.REVOKED: "token_invalid",
    AuthFailure.EXPIRED: "token_expired",
    AuthFailure.CREDENTIALS: "credentials",
    AuthFailure.REFRESH_UNKNOWN: "refresh_invalid",
    AuthFailure.REFRESH_SPENT: "refresh_spent",
    AuthFailure.REFRESH_EXPIRED: "refresh_expired",
}


def _romanian(lang: str) -> bool:
    """``ro``, ``ro-RO``, ``ro_RO``: the forms the validation module accepts too."""
    return lang.strip().lower()[:2] == "ro"


def _message(key: str, lang: str, **params: object) -> str:
    english, romanian = _MESSAGES[key]
    return (romanian if _romanian(lang) else english).format(**params)


class _ApiError(Exception):
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


def _invalid(errors: Mapping[str, list[str]], lang: str) -> _ApiError:
    return _ApiError(400, _message("validation", lang), dict(errors))
