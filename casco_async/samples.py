"""Valid sample requests: a quote every sandbox insurer accepts and the payment of its offer.

For trying the SDK (the README's examples use them), for demos and for tests. This module needs
only the standard library: no pytest, no sandbox, not even the generated client, so it can be
imported anywhere::

    from casco_async.samples import sample_payment, sample_quote_request

    offers = await casco.products.quote(sample_quote_request("groupama"))
    policy = await casco.products.issue_policy(offers[0].offer_id, sample_payment(offers[0]))

(`casco_async.testing`, the pytest plugin, re-exports both.)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

# The same insurer knowledge as the SDK's compare and the CLI's --insurers.
from ._insurers import product_name_for

__all__ = ["sample_payment", "sample_quote_request"]


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def sample_quote_request(
    insurer: str = "generali",
    *,
    start: date | None = None,
    currency: str = "RON",
    installments: int = 4,
    term_months: int = 12,
) -> dict[str, Any]:
    """A valid ``QuoteRequest`` body that every sandbox insurer accepts.

    A private Dacia Duster of a 40-year-old driver in Cluj; the start date defaults to a week
    from today (Europe/Bucharest), so the request never goes stale. Each call returns a new
    object that the caller may change.
    """
    start = start or datetime.now(ZoneInfo("Europe/Bucharest")).date() + timedelta(days=7)
    return {
        "provider": {"organization": {"businessName": insurer}},
        "product": {
            "name": product_name_for(insurer),
            "motor": {
                "startDate": start.isoformat(),
                "termTime": term_months,
                "installmentCount": installments,
                "currency": currency,
                "withoutTax": False,
                "deductibles": {"partialDamage": 0, "totalDamage": 0},
            },
            "coverages": [{"isIncluded": True, "code": "vehicle", "insuredSum": 95000}],
            "policyholder": {
                "isLegalEntity": False,
                "isForeignPerson": False,
                "lastName": "Popescu",
                "firstName": "Andrei",
                "taxId": "1850312120013",
                "gender": "m",
                "birthdate": "1985-03-12",
                "email": "andrei.popescu@example.ro",
                "mobileNumber": "0722123456",
                "drivingLicense": {"issueDate": "2004-06-01"},
                "identification": {
                    "idType": "CI",
                    "idNumber": "CJ123456",
                    "issueAuthority": "SPCLEP Cluj-Napoca",
                    "issueDate": "2020-05-10",
                },
                "address": {
                    "country": "RO",
                    "county": "CJ",
                    "city": "Cluj-Napoca",
                    "cityCode": 54975,
                    "street": "Strada Memorandumului",
                    "houseNumber": "28",
                    "postcode": "400114",
                },
            },
            "vehicle": {
                "licensePlate": "CJ12ABC",
                "registrationType": "registered",
                "vin": "UU1DJF00469123456",
                "vehicleType": "M1",
                "brand": "Dacia",
                "model": "Duster",
                "yearOfConstruction": start.year - 3,
                "engineDisplacement": 1461,
                "enginePower": 85,
                "totalWeight": 1820,
                "seats": 5,
                "fuelType": "diesel",
                "firstRegistration": f"{start.year - 3}-04-14",
                "usageType": "personal",
                "identification": {"idNumber": "J123456"},
                "currentMileage": 48000,
                "color": "gray",
                "marketValue": 95000,
                "isLeased": False,
                "isNew": False,
            },
        },
    }


def sample_payment(offer: _Model | Mapping[str, Any], *, method: str = "receipt") -> dict[str, Any]:
    """A ``PaymentData`` body that pays the first installment of ``offer``.

    ``offer`` is an `Offer` (as `casco.products.quote` returns) or its JSON mapping; the payment
    is dated today (Europe/Bucharest).
    """
    if not isinstance(offer, Mapping):
        offer = offer.to_dict()
    installments = offer.get("installments") or []
    amount = installments[0]["amount"] if installments else offer["premiumAmount"]
    return {
        "method": method,
        "currency": offer["currency"],
        "amount": amount,
        "date": datetime.now(ZoneInfo("Europe/Bucharest")).date().isoformat(),
        "documentNumber": f"SBX-{offer.get('offerId', 0)}",
    }
