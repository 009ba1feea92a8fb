"""The four insurers' CASCO tariffs in the sandbox: deterministic premiums and realistic refusals.

Nothing here is any insurer's real tariff. The formulas only have to behave like one: every rating
factor moves the premium in the direction a real tariff would, the insurers disagree with one
another, and each declines some risks the way insurers do. All amounts are ``Decimal``.

Rating (all tables below are in RON; an EUR request is converted at :data:`EUR_RON_RATE`)::

    annual  = insured sum (RON) x insurer base rate
              x vehicle age  (1 + insurer age loading x years)
              x vehicle type x engine power x fuel x usage x youngest driver x county
              x partial-damage deductible x total-damage deductible
    annual  = max(annual, insurer minimum premium)
    net     = annual x term fraction x installment loading, converted to the policy currency
    premium = net                      if motor.withoutTax
              net x (1 + TAX_RATE)     otherwise

Input conventions (decisions; the API documentation does not say):

* ``coverages[]``: the insured sum is the ``insuredSum`` of the included coverage with code
  ``vehicle``; without one, ``vehicle.marketValue``. Other coverage codes are not priced.
* Amounts in the request (``insuredSum``, ``marketValue``, ``deductibles.partialDamage``) are in
  ``motor.currency``.
* ``motor.deductibles.partialDamage`` is an **amount** per partial-damage claim, in the policy
  currency (Romanian offers say "franșiză 150 EUR"); ``totalDamage`` is a **percentage** (0-100)
  of the insured sum retained on a total loss or theft ("franșiză 10 % la daună totală"). That is
  how Romanian CASCO offers quote them.
* ``motor.withoutTax``: the sandbox adds a fictitious levy of :data:`TAX_RATE` to the premium;
  ``premiumAmountNet`` is the premium before it, and with ``withoutTax: true`` the levy is not
  charged (premium == net). Commission is a percentage of the net premium.
* Driver age is that of the youngest ``vehicle.driver[]`` (their CNP gives the birth date); with no
  drivers listed, that of the policyholder (``birthdate``, else the CNP in ``taxId``); a legal
  entity without named drivers pays the "any driver" factor.
* The policy ends the day before the ``termTime``-month anniversary of the start date (at the end
  of the month when that day does not exist: 31 January + 1 month ends on 28/29 February).
* Installments fall every ``12 / installmentCount`` months from the start date; a plan whose last
  due date would fall after the end of a short-term policy is refused.
* The offer expires the day before the policy starts, or 30 days after today, whichever is earlier,
  but never before today.
* A value the document allows but these tables do not know (a new ``vehicleType``, ``usageType``
  or ``fuelType``, read from the document by position) is priced with :data:`DEFAULT_FACTOR`, a
  new ``currency`` at :data:`DEFAULT_EXCHANGE_RATE`, a new ``installmentCount`` every
  ``12 // count`` months (at least monthly): a vendor's new enum value is quoted, never refused.
  A value the document does not allow either is still a :class:`TariffInputError`.

Malformed input raises :class:`TariffInputError` (a ``ValueError`` naming the dotted field, for a
``VALIDATION_ERROR`` answer); an insurer declining the risk raises :class:`InsurerRefusal`.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from casco_async._tax_id import cnp_birth_date
from casco_async.sandbox._document import documented_values

__all__ = [
    "DEFAULT_EXCHANGE_RATE",
    "DEFAULT_FACTOR",
    "EUR_RON_RATE",
    "INSURERS",
    "OFFER_VALIDITY_DAYS",
    "TAX_RATE",
    "Installment",
    "Insurer",
    "InsurerRefusal",
    "Pricing",
    "TariffInputError",
    "birth_date_from_cnp",
    "price_quote",
]

#: Fixed EUR -> RON rate of the sandbox (about the BNR rate of 2024-2025). Fixed so that EUR
#: quotes are reproducible.
EUR_RON_RATE = Decimal("4.9750")

#: RON per unit of a currency the document allows but the sandbox has no rate for: at par, as
#: good as any other fictitious rate, and reproducible.
DEFAULT_EXCHANGE_RATE = Decimal(1)

_EXCHANGE_RATES: Mapping[str, Decimal] = {"RON": Decimal(1), "EUR": EUR_RON_RATE}

#: Rating factor of a ``vehicleType``, ``usageType`` or ``fuelType`` the document allows but the
#: tables below do not price: that of the reference risk (a passenger car, personal use, petrol).
DEFAULT_FACTOR = Decimal("1.00")

#: Fictitious levy added to the net premium unless ``motor.withoutTax`` is true.
TAX_RATE = Decimal("0.02")

#: An offer stays valid at most this many days (and never past the day before the start date).
OFFER_VALIDITY_DAYS = 30

_CENT = Decimal("0.01")
_FACTOR = Decimal("0.0001")
_ONE = Decimal(1)

_TRAILERS = frozenset({"O1", "O2", "O3", "O4"})
_MOTORCYCLES = frozenset({"L1e", "L2e", "L3e", "L4e", "L5e", "L6e", "L7e"})
_HEAVY = frozenset({"M2", "M2G", "M3", "M3G", "N2", "N2G", "N3", "N3G"})
_SPECIAL = frozenset({"T", "C", "R", "S"})

# Relative to a passenger car (M1). Off-road ("G") variants cost a little more; buses and trucks
# more; trailers far less (no engine, no driver error of their own); motorcycles more (theft).
_VEHICLE_TYPE_FACTORS: Mapping[str, Decimal] = {
    "M1": Decimal("1.00"),
    "M1G": Decimal("1.05"),
    "N1": Decimal("1.10"),
    "N1G": Decimal("1.15"),
    "M2": Decimal("1.25"),
    "M2G": Decimal("1.30"),
    "M3": Decimal("1.35"),
    "M3G": Decimal("1.40"),
    "N2": Decimal("1.20"),
    "N2G": Decimal("1.25"),
    "N3": Decimal("1.30"),
    "N3G": Decimal("1.35"),
    "O1": Decimal("0.50"),
    "O2": Decimal("0.55"),
    "O3": Decimal("0.65"),
    "O4": Decimal("0.70"),
    **dict.fromkeys(_MOTORCYCLES, Decimal("1.40")),
    "T": Decimal("0.90"),
    "C": Decimal("0.90"),
    "R": Decimal("0.60"),
    "S": Decimal("0.80"),
}

# Engine power bands in kW (upper bound inclusive): stronger cars crash harder and cost more.
_POWER_BANDS: tuple[tuple[int, Decimal], ...] = (
    (75, Decimal("1.00")),
    (110, Decimal("1.08")),
    (150, Decimal("1.18")),
    (220, Decimal("1.32")),
)
_POWER_ABOVE = Decimal("1.50")

# Commercial use means more kilometres, more drivers and more claims.
_USAGE_FACTORS: Mapping[str, Decimal] = {
    "personal": Decimal("1.00"),
    "passengerTransportation": Decimal("1.40"),
    "taxi": Decimal("1.80"),
    "carRental": Decimal("1.60"),
    "drivingSchool": Decimal("1.50"),
    "security": Decimal("1.30"),
    "courier": Decimal("1.35"),
    "cargoTransportation": Decimal("1.30"),
    "distribution": Decimal("1.30"),
}

# LPG adds a fire risk; electric and hybrid loadings are the insurer's own (batteries are costly
# to repair), see Insurer.electric_loading.
_FUEL_FACTORS: Mapping[str, Decimal] = {
    "petrol": Decimal("1.00"),
    "diesel": Decimal("1.00"),
    "lpg": Decimal("1.05"),
    "none": Decimal("1.00"),
}

# Claim frequency follows traffic density: Bucharest first, then Ilfov, then the large cities.
_COUNTY_FACTORS: Mapping[str, Decimal] = {
    "B": Decimal("1.25"),
    "IF": Decimal("1.15"),
    **dict.fromkeys(("CJ", "TM", "IS", "CT", "BV"), Decimal("1.08")),
}

# Youngest driver's age (upper bound exclusive): novices and the elderly claim more.
_DRIVER_AGE_BANDS: tuple[tuple[int, Decimal], ...] = (
    (25, Decimal("1.35")),
    (30, Decimal("1.15")),
    (65, Decimal("1.00")),
)
_DRIVER_AGE_ABOVE = Decimal("1.10")
# A company car with no named drivers may be driven by anyone.
_ANY_DRIVER = Decimal("1.10")
_MIN_DRIVER_AGE = 18

# Deductible discounts: concave curves, strictly decreasing premium, bounded discount.
# partial: 1 - 0.30 * r / (r + 1.5), r = deductible as a percentage of the insured sum
# total:   1 - 0.20 * p / (p + 10),  p = the total-damage deductible percentage
_PARTIAL_MAX_DISCOUNT = Decimal("0.30")
_PARTIAL_HALF_POINT = Decimal("1.5")
_TOTAL_MAX_DISCOUNT = Decimal("0.20")
_TOTAL_HALF_POINT = Decimal(10)

_INSTALLMENT_COUNTS = (1, 2, 4, 12)


@dataclass(frozen=True)
class Insurer:
    """One insurer of the sandbox and the parameters of its tariff.

    The instances in :data:`INSURERS` are immutable; to switch one off for a test, build a new
    mapping, e.g. ``{**INSURERS, "allianz": dataclasses.replace(INSURERS["allianz"],
    enabled=False)}``, and pass it to :func:`price_quote` as ``insurers``.
    """

    #: ``provider.organization.businessName`` in requests.
    key: str
    display_name: str
    #: Accepted ``product.name`` values.
    products: frozenset[str]
    #: Prefix of ``providerOfferCode``.
    code_prefix: str
    #: Annual premium as a fraction of the insured sum, for the reference risk (a new M1 car,
    #: <= 75 kW, petrol, personal use, a driver of 30-64, outside the big cities, no deductible).
    base_rate: Decimal
    #: Floor of the annual premium, in RON.
    minimum_premium: Decimal
    #: Premium increase per year of vehicle age (0.03 = +3 % a year).
    age_loading: Decimal
    #: Oldest vehicle accepted, in years (start year - year of construction).
    max_vehicle_age: int
    #: Highest market value (or insured sum) accepted, in RON.
    max_market_value: Decimal
    #: Surcharge for electric vehicles (hybrids pay half of it).
    electric_loading: Decimal
    #: Loading on short terms: term fraction = m/12 x (1 + loading x (12 - m) / 11). Below 11/12
    #: a longer term always costs more in total.
    short_term_loading: Decimal
    #: Surcharge for paying in 12 installments; n installments pay loading x (n - 1) / 11.
    installment_loading: Decimal
    #: Broker commission, percent of the net premium.
    commission_percent: Decimal
    excluded_vehicle_types: frozenset[str] = frozenset()
    excluded_usages: frozenset[str] = frozenset()
    enabled: bool = True


#: The insurers of the contract, by ``businessName``.
INSURERS: Mapping[str, Insurer] = {
    insurer.key: insurer
    for insurer in (
        Insurer(
            key="generali",
            display_name="Generali",
            products=frozenset({"casco"}),
            code_prefix="GEN",
            base_rate=Decimal("0.042"),
            minimum_premium=Decimal(650),
            age_loading=Decimal("0.030"),
            max_vehicle_age=15,
            max_market_value=Decimal(2_500_000),
            electric_loading=Decimal("0.12"),
            short_term_loading=Decimal("0.50"),
            installment_loading=Decimal("0.08"),
            commission_percent=Decimal(12),
            excluded_vehicle_types=_TRAILERS,
        ),
        Insurer(
            key="groupama",
            display_name="Groupama",
            # The manual names casco-leasing; the docs' sample sends casco with groupama.
            products=frozenset({"casco-leasing", "casco"}),
            code_prefix="GRP",
            base_rate=Decimal("0.039"),
            minimum_premium=Decimal(600),
            age_loading=Decimal("0.040"),
            max_vehicle_age=12,
            max_market_value=Decimal(1_500_000),
            electric_loading=Decimal("0.08"),
            short_term_loading=Decimal("0.40"),
            installment_loading=Decimal("0.06"),
            commission_percent=Decimal(10),
        ),
        Insurer(
            key="eazy_insure",
            display_name="Eazy Insurance",
            products=frozenset({"casco"}),
            code_prefix="EZI",
            base_rate=Decimal("0.034"),
            minimum_premium=Decimal(450),
            age_loading=Decimal("0.055"),
            max_vehicle_age=8,
            max_market_value=Decimal(500_000),
            electric_loading=Decimal("0.18"),
            short_term_loading=Decimal("0.60"),
            installment_loading=Decimal("0.10"),
            commission_percent=Decimal(15),
            # An online insurer for private cars and vans only.
            excluded_vehicle_types=_TRAILERS | _MOTORCYCLES | _HEAVY | _SPECIAL,
            excluded_usages=frozenset(
                {"taxi", "carRental", "drivingSchool", "passengerTransportation", "security"}
            ),
        ),
        Insurer(
            key="allianz",
            display_name="Allianz (MyCar)",
            products=frozenset({"casco"}),
            code_prefix="ALZ",
            base_rate=Decimal("0.046"),
            minimum_premium=Decimal(800),
            age_loading=Decimal("0.022"),
            max_vehicle_age=20,
            max_market_value=Decimal(4_000_000),
            electric_loading=Decimal("0.05"),
            short_term_loading=Decimal("0.45"),
            installment_loading=Decimal("0.07"),
            commission_percent=Decimal(8),
            excluded_vehicle_types=_MOTORCYCLES | frozenset({"R", "S"}),
            excluded_usages=frozenset({"taxi"}),
        ),
    )
}


class TariffInputError(ValueError):
    """The product data cannot be priced: a field is missing or out of range.

    ``field`` is the dotted path as the vendor writes it in a ``VALIDATION_ERROR`` (e.g.
    ``product.motor.termTime``), so a server can answer 400 with ``{field: [message]}``.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class InsurerRefusal(Exception):
    """The insurer declines to quote this risk.

    ``reason`` is a stable code for tests and servers (``INSURER_NOT_AVAILABLE``,
    ``PRODUCT_NOT_OFFERED``, ``VEHICLE_TYPE_NOT_COVERED``, ``USAGE_NOT_COVERED``,
    ``VEHICLE_TOO_OLD``, ``MARKET_VALUE_TOO_HIGH``, ``DRIVER_TOO_YOUNG``,
    ``INSTALLMENTS_NOT_AVAILABLE``); ``message`` is the vendor-style sentence.
    """

    def __init__(self, insurer: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.insurer = insurer
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Installment:
    """One installment of the premium: ``id`` counts from 1."""

    id: int
    amount: Decimal
    due_date: date


@dataclass(frozen=True)
class Pricing:
    """An insurer's quote for one product: the figures of an ``Offer``."""

    insurer: str
    #: Gross premium in ``currency`` (what the customer pays; the installments sum to it).
    premium_amount: Decimal
    #: Premium before the levy (:data:`TAX_RATE`); equals ``premium_amount`` with ``withoutTax``.
    premium_amount_net: Decimal
    commission_percent: Decimal
    #: ``premium_amount_net x commission_percent / 100``.
    commission_value: Decimal
    currency: str
    start_date: date
    #: ``start_date`` + ``termTime`` months - 1 day (the end of the month when that day is
    #: missing: 31 January + 1 month ends on 28/29 February).
    end_date: date
    installments: list[Installment]
    offer_expiry_date: date
    #: ``<prefix>-<10 hex digits>``, a hash of the insurer and the product data.
    provider_offer_code: str
    #: The insured sum used, in ``currency``.
    insured_sum: Decimal
    #: Every multiplier applied, by name (rounded to 4 places, as used), to explain a premium.
    factors: dict[str, Decimal] = field(default_factory=dict)
    #: A human-readable summary, suitable for the offer's ``notes``.
    notes: str = ""

    def offer_fields(self) -> dict[str, Any]:
        """The ``Offer`` members this pricing determines, with the API's names.

        Dates are ``YYYY-MM-DD`` strings and amounts ``Decimal`` (the sandbox envelope writes them
        as JSON numbers). ``offerId``, ``pid``, ``toc`` and ``paymentLink`` are the server's.
        """
        return {
            "providerOfferCode": self.provider_offer_code,
            "premiumAmount": self.premium_amount,
            "premiumAmountNet": self.premium_amount_net,
            "currency": self.currency,
            "startDate": self.start_date.isoformat(),
            "endDate": self.end_date.isoformat(),
            "commissionValue": self.commission_value,
            "commissionPercent": self.commission_percent,
            "installments": [
                {"id": i.id, "amount": i.amount, "dueDate": i.due_date.isoformat()}
                for i in self.installments
            ],
            "offerExpiryDate": self.offer_expiry_date.isoformat(),
            "notes": self.notes,
        }


# --------------------------------------------------------------------------- input helpers


def _lookup(product: Mapping[str, Any], path: str, *, required: bool = True) -> Any:
    """``product`` value at a dotted ``path`` (without the ``product.`` prefix)."""
    node: Any = product
    for part in path.split("."):
        if not isinstance(node, Mapping) or node.get(part) is None:
            if required:
                raise TariffInputError(f"product.{path}", "The field is required.")
            return None
        node = node[part]
    return node


def _decimal(value: Any, path: str) -> Decimal:
    """A finite number from JSON (int, float or numeric string such as ``"100000.00"``)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise TariffInputError(f"product.{path}", "The field must be a number.")
    try:
        # str() first: Decimal(0.1) would carry the binary representation error.
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise TariffInputError(f"product.{path}", "The field must be a number.") from None
    if not number.is_finite():
        raise TariffInputError(f"product.{path}", "The field must be a number.")
    return number


def _integer(value: Any, path: str) -> int:
    number = _decimal(value, path)
    if number != number.to_integral_value():
        raise TariffInputError(f"product.{path}", "The field must be an integer.")
    return int(number)


def _date(value: Any, path: str) -> date:
    """A date from ``YYYY-MM-DD`` (an ISO date-time is cut to its date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            pass
    raise TariffInputError(f"product.{path}", "The field must be a date (YYYY-MM-DD).")


def birth_date_from_cnp(cnp: str, *, reference: date | None = None) -> date:
    """Birth date encoded in a Romanian personal numeric code (CNP); see `casco_async._tax_id`.

    For 7, 8 and 9 (foreign residents) the latest century that puts the birth on or before
    ``reference`` (default: today) is taken. The check digit is not verified here.

    Raises:
        ValueError: not 13 digits, or no valid birth date on or before ``reference``.
    """
    return cnp_birth_date(cnp, today=reference or date.today())


def _shift_month(day: date, months: int) -> tuple[int, int, int]:
    """(year, month, days in that month) ``months`` calendar months after ``day``'s month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return year, month, calendar.monthrange(year, month)[1]


def _add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    year, month, last_day = _shift_month(day, months)
    return date(year, month, min(day.day, last_day))


def _period_end(start: date, months: int) -> date:
    """Last day of a policy of ``months`` months from ``start``: the day before the anniversary.

    When the anniversary does not exist (31 January + 1 month) the period runs to the end of the
    shorter month, so a month of cover is never a day short.
    """
    year, month, last_day = _shift_month(start, months)
    if start.day > last_day:
        return date(year, month, last_day)
    return date(year, month, start.day) - timedelta(days=1)


def _age(born: date, on: date) -> int:
    """Completed years from ``born`` to ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------- rating pieces


def _insured_sum(product: Mapping[str, Any]) -> Decimal:
    """The ``vehicle`` coverage's insured sum, else the vehicle's market value."""
    coverages = product.get("coverages") or []
    for index, coverage in enumerate(coverages):
        if isinstance(coverage, Mapping) and coverage.get("code") == "vehicle":
            if coverage.get("isIncluded") is False:
                continue
            return _decimal(coverage.get("insuredSum"), f"coverages.{index}.insuredSum")
    market_value = _lookup(product, "vehicle.marketValue", required=False)
    if market_value is None:
        raise TariffInputError(
            "product.coverages", "An included vehicle coverage or a market value is required."
        )
    return _decimal(market_value, "vehicle.marketValue")


def _driver_age_factor(product: Mapping[str, Any], start: date) -> tuple[Decimal, int | None]:
    """(factor, youngest age) of the drivers; age ``None`` when only a company drives."""
    births: list[date] = []
    drivers = _lookup(product, "vehicle.driver", required=False) or []
    for index, driver in enumerate(drivers):
        cnp = driver.get("taxId") if isinstance(driver, Mapping) else None
        try:
            births.append(birth_date_from_cnp(str(cnp), reference=start))
        except ValueError:
            raise TariffInputError(
                f"product.vehicle.driver.{index}.taxId", "The field must be a valid CNP."
            ) from None
    if not births and not _lookup(product, "policyholder.isLegalEntity", required=False):
        birthdate = _lookup(product, "policyholder.birthdate", required=False)
        if birthdate is not None:
            births.append(_date(birthdate, "policyholder.birthdate"))
        else:
            cnp = str(_lookup(product, "policyholder.taxId"))
            try:
                births.append(birth_date_from_cnp(cnp, reference=start))
            except ValueError:
                raise TariffInputError(
                    "product.policyholder.taxId", "The field must be a valid CNP."
                ) from None
    if not births:
        return _ANY_DRIVER, None
    youngest = min(_age(born, start) for born in births)
    for limit, factor in _DRIVER_AGE_BANDS:
        if youngest < limit:
            return factor, youngest
    return _DRIVER_AGE_ABOVE, youngest


def _power_factor(power: Decimal | None) -> Decimal:
    if power is None:  # trailers have no engine
        return _ONE
    for limit, factor in _POWER_BANDS:
        if power <= limit:
            return factor
    return _POWER_ABOVE


def _offer_code(insurer: Insurer, product: Mapping[str, Any]) -> str:
    """A stable code: the same insurer and product data always give the same code."""
    canonical = json.dumps(
        [insurer.key, product], sort_keys=True, separators=(",", ":"), default=str
    )
    return f"{insurer.code_prefix}-{hashlib.sha256(canonical.encode()).hexdigest()[:10].upper()}"


# --------------------------------------------------------------------------- the quote


@dataclass(frozen=True)
class _Risk:
    """What the tariff needs from the product data, parsed and range-checked."""

    start: date
    months: int
    count: int
    currency: str
    rate: Decimal
    without_tax: bool
    insured_sum: Decimal
    market_value: Decimal
    vehicle_type: str
    usage: str
    fuel: str
    vehicle_age: int
    power: Decimal | None
    county: str
    partial: Decimal
    total: Decimal


def _known(
    value: object,
    priced: Collection[object],
    documented: Mapping[str, Collection[object]],
    field: str,
) -> bool:
    """Whether the tariff prices ``value`` at ``field``, or the document allows it there."""
    if value in priced:
        return True
    allowed = documented.get(field, ())
    # bool is an int: True must not pass for an allowed 1.
    return not isinstance(value, bool) and value in allowed


def _read_risk(
    product: Mapping[str, Any], today: date, documented: Mapping[str, Collection[object]]
) -> _Risk:
    """Parse and range-check every field the tariff reads (:class:`TariffInputError` if bad).

    ``documented``: the document's enums by dotted field path; their values are accepted even
    where the tables below have no entry (see the module docstring).
    """
    start = _date(_lookup(product, "motor.startDate"), "motor.startDate")
    if start < today:
        raise TariffInputError("product.motor.startDate", "The start date cannot be in the past.")
    months = _integer(_lookup(product, "motor.termTime"), "motor.termTime")
    if not 1 <= months <= 12:
        raise TariffInputError("product.motor.termTime", "The term must be 1 to 12 months.")
    count = _integer(_lookup(product, "motor.installmentCount"), "motor.installmentCount")
    if count < 1 or not _known(
        count, _INSTALLMENT_COUNTS, documented, "product.motor.installmentCount"
    ):
        raise TariffInputError(
            "product.motor.installmentCount", "The installment count must be 1, 2, 4 or 12."
        )
    currency = _lookup(product, "motor.currency")
    if not isinstance(currency, str) or not _known(
        currency, _EXCHANGE_RATES, documented, "product.motor.currency"
    ):
        raise TariffInputError("product.motor.currency", "The currency must be RON or EUR.")

    insured_sum = _insured_sum(product)
    if insured_sum <= 0:
        raise TariffInputError("product.coverages", "The insured sum must be positive.")
    market_value = _lookup(product, "vehicle.marketValue", required=False)
    vehicle_type = _lookup(product, "vehicle.vehicleType")
    if not _known(vehicle_type, _VEHICLE_TYPE_FACTORS, documented, "product.vehicle.vehicleType"):
        raise TariffInputError("product.vehicle.vehicleType", "Unknown vehicle type.")
    usage = _lookup(product, "vehicle.usageType", required=False) or "personal"
    if not _known(usage, _USAGE_FACTORS, documented, "product.vehicle.usageType"):
        raise TariffInputError("product.vehicle.usageType", "Unknown usage type.")
    fuel = _lookup(product, "vehicle.fuelType", required=False) or "none"
    if not _known(
        fuel, (*_FUEL_FACTORS, "electric", "hybrid"), documented, "product.vehicle.fuelType"
    ):
        raise TariffInputError("product.vehicle.fuelType", "Unknown fuel type.")
    year = _integer(_lookup(product, "vehicle.yearOfConstruction"), "vehicle.yearOfConstruction")
    if year > start.year + 1:
        raise TariffInputError(
            "product.vehicle.yearOfConstruction", "The year of construction is in the future."
        )
    power = _lookup(product, "vehicle.enginePower", required=False)

    partial = _decimal(
        _lookup(product, "motor.deductibles.partialDamage", required=False) or 0,
        "motor.deductibles.partialDamage",
    )
    if not 0 <= partial <= insured_sum:
        raise TariffInputError(
            "product.motor.deductibles.partialDamage",
            "The deductible must be an amount between 0 and the insured sum.",
        )
    total = _decimal(
        _lookup(product, "motor.deductibles.totalDamage", required=False) or 0,
        "motor.deductibles.totalDamage",
    )
    if not 0 <= total <= 100:
        raise TariffInputError(
            "product.motor.deductibles.totalDamage", "The deductible must be a percentage (0-100)."
        )
    return _Risk(
        start=start,
        months=months,
        count=count,
        currency=currency,
        rate=_EXCHANGE_RATES.get(currency, DEFAULT_EXCHANGE_RATE),
        without_tax=bool(_lookup(product, "motor.withoutTax", required=False)),
        insured_sum=insured_sum,
        market_value=(
            insured_sum if market_value is None else _decimal(market_value, "vehicle.marketValue")
        ),
        vehicle_type=vehicle_type,
        usage=usage,
        fuel=fuel,
        # A car built in the start year, or sold as next year's model, is new.
        vehicle_age=max(0, start.year - year),
        power=None if power is None else _decimal(power, "vehicle.enginePower"),
        county=str(_lookup(product, "policyholder.address.county", required=False) or "").upper(),
        partial=partial,
        total=total,
    )


def _refuse(tariff: Insurer, reason: str, message: str) -> InsurerRefusal:
    return InsurerRefusal(tariff.key, reason, f"{tariff.display_name} {message}")


def _check_acceptance(tariff: Insurer, risk: _Risk, youngest: int | None) -> None:
    """Raise :class:`InsurerRefusal` if the insurer declines the risk (underwriting order)."""
    if risk.vehicle_type in tariff.excluded_vehicle_types:
        raise _refuse(
            tariff,
            "VEHICLE_TYPE_NOT_COVERED",
            f"does not insure vehicles of category {risk.vehicle_type}.",
        )
    if risk.usage in tariff.excluded_usages:
        raise _refuse(
            tariff, "USAGE_NOT_COVERED", f"does not insure vehicles used for {risk.usage}."
        )
    if risk.vehicle_age > tariff.max_vehicle_age:
        raise _refuse(
            tariff,
            "VEHICLE_TOO_OLD",
            f"does not insure vehicles older than {tariff.max_vehicle_age} years.",
        )
    if max(risk.market_value, risk.insured_sum) * risk.rate > tariff.max_market_value:
        raise _refuse(
            tariff,
            "MARKET_VALUE_TOO_HIGH",
            f"does not insure vehicles worth more than {tariff.max_market_value:,} RON.",
        )
    if youngest is not None and youngest < _MIN_DRIVER_AGE:
        raise _refuse(
            tariff, "DRIVER_TOO_YOUNG", f"does not insure drivers younger than {_MIN_DRIVER_AGE}."
        )


def _rating_factors(tariff: Insurer, risk: _Risk, driver_factor: Decimal) -> dict[str, Decimal]:
    """Every multiplier of the tariff, rounded to 4 places (the values then used as shown)."""
    if risk.fuel == "electric":
        fuel_factor = _ONE + tariff.electric_loading
    elif risk.fuel == "hybrid":
        fuel_factor = _ONE + tariff.electric_loading / 2
    else:
        fuel_factor = _FUEL_FACTORS.get(risk.fuel, DEFAULT_FACTOR)
    partial_ratio = risk.partial / risk.insured_sum * 100
    months = Decimal(risk.months)
    factors = {
        "vehicleAge": _ONE + tariff.age_loading * risk.vehicle_age,
        "vehicleType": _VEHICLE_TYPE_FACTORS.get(risk.vehicle_type, DEFAULT_FACTOR),
        "enginePower": _power_factor(risk.power),
        "fuelType": fuel_factor,
        "usageType": _USAGE_FACTORS.get(risk.usage, DEFAULT_FACTOR),
        "driverAge": driver_factor,
        "county": _COUNTY_FACTORS.get(risk.county, _ONE),
        "partialDamageDeductible": (
            _ONE - _PARTIAL_MAX_DISCOUNT * partial_ratio / (partial_ratio + _PARTIAL_HALF_POINT)
        ),
        "totalDamageDeductible": (
            _ONE - _TOTAL_MAX_DISCOUNT * risk.total / (risk.total + _TOTAL_HALF_POINT)
        ),
        # Not part of the annual premium: applied after the minimum premium.
        "term": months / 12 * (_ONE + tariff.short_term_loading * (12 - months) / 11),
        "installments": _ONE + tariff.installment_loading * (risk.count - 1) / 11,
    }
    return {
        name: value.quantize(_FACTOR, rounding=ROUND_HALF_UP) for name, value in factors.items()
    }


def price_quote(
    insurer: str,
    product: Mapping[str, Any],
    *,
    today: date,
    insurers: Mapping[str, Insurer] = INSURERS,
    documented: Mapping[str, Collection[object]] | None = None,
) -> Pricing:
    """Price ``product`` (a validated ``ProductData`` JSON object) with ``insurer``'s tariff.

    Args:
        insurer: ``provider.organization.businessName``.
        product: the request's ``product`` object, as decoded from JSON.
        today: the server's date (offer expiry, start date check); passed in for determinism.
        insurers: the insurers the server offers (to disable or tweak one in a test).
        documented: the values the document allows, by dotted field path
            (``"product.vehicle.fuelType"``); default: the generated client's document. A value
            allowed there but unknown to the tariff is priced with the defaults.

    Raises:
        InsurerRefusal: the insurer is unknown or disabled, or declines this risk.
        TariffInputError: a field needed for pricing is missing or out of range.
    """
    tariff = insurers.get(insurer)
    if tariff is None or not tariff.enabled:
        name = tariff.display_name if tariff is not None else insurer
        raise InsurerRefusal(
            insurer, "INSURER_NOT_AVAILABLE", f"The insurer {name} is not available."
        )
    product_name = _lookup(product, "name")
    if product_name not in tariff.products:
        raise _refuse(tariff, "PRODUCT_NOT_OFFERED", f"does not offer the product {product_name}.")

    risk = _read_risk(product, today, documented_values() if documented is None else documented)
    driver_factor, youngest = _driver_age_factor(product, risk.start)
    _check_acceptance(tariff, risk, youngest)
    end = _period_end(risk.start, risk.months)
    # At least monthly: a count above 12 then runs past the end and is refused below.
    step = max(1, 12 // risk.count)
    due_dates = [_add_months(risk.start, k * step) for k in range(risk.count)]
    if due_dates[-1] > end:
        raise _refuse(
            tariff,
            "INSTALLMENTS_NOT_AVAILABLE",
            f"does not offer {risk.count} installments on a {risk.months}-month policy.",
        )

    factors = _rating_factors(tariff, risk, driver_factor)
    annual = risk.insured_sum * risk.rate * tariff.base_rate
    for name, value in factors.items():
        if name not in ("term", "installments"):
            annual *= value
    # The minimum is an annual figure: a short term still pays its share of it.
    annual = max(annual, tariff.minimum_premium)
    net = _cents(annual * factors["term"] * factors["installments"] / risk.rate)
    premium = net if risk.without_tax else _cents(net * (_ONE + TAX_RATE))

    # Equal installments rounded down to the cent; the remainder goes into the first one, so the
    # installments always add up to the premium exactly.
    share = (premium / risk.count).quantize(_CENT, rounding=ROUND_DOWN)
    amounts = [premium - share * (risk.count - 1)] + [share] * (risk.count - 1)
    installments = [
        Installment(id=k + 1, amount=amount, due_date=due)
        for k, (amount, due) in enumerate(zip(amounts, due_dates, strict=True))
    ]

    latest = min(risk.start - timedelta(days=1), today + timedelta(days=OFFER_VALIDITY_DAYS))
    currency = risk.currency
    notes = (
        f"{tariff.display_name} CASCO, insured sum {risk.insured_sum:.2f} {currency}, "
        f"deductibles {risk.partial:.2f} {currency} partial damage / {risk.total}% total damage."
    )
    return Pricing(
        insurer=insurer,
        premium_amount=premium,
        premium_amount_net=net,
        commission_percent=tariff.commission_percent,
        commission_value=_cents(net * tariff.commission_percent / 100),
        currency=currency,
        start_date=risk.start,
        end_date=end,
        installments=installments,
        offer_expiry_date=max(today, latest),
        provider_offer_code=_offer_code(tariff, product),
        insured_sum=risk.insured_sum,
        factors=factors,
        notes=notes,
    )
