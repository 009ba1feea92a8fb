"""The sandbox tariffs: deterministic, sensible in every factor, refusing like insurers."""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casco_async.sandbox._tariffs import (
    EUR_RON_RATE,
    INSURERS,
    TAX_RATE,
    InsurerRefusal,
    Pricing,
    TariffInputError,
    birth_date_from_cnp,
    price_quote,
)

TODAY = date(2025, 2, 20)
START = date(2025, 3, 1)


def base_product() -> dict[str, Any]:
    """A 5-year-old petrol Dacia in Cluj, a 39-year-old owner: every insurer quotes it."""
    return {
        "name": "casco",
        "motor": {
            "startDate": START.isoformat(),
            "termTime": 12,
            "installmentCount": 1,
            "currency": "RON",
            "withoutTax": False,
            "deductibles": {"partialDamage": 500, "totalDamage": 10},
        },
        "coverages": [{"isIncluded": True, "code": "vehicle", "insuredSum": 100000}],
        "vehicle": {
            "vehicleType": "M1",
            "brand": "Dacia",
            "model": "Logan",
            "yearOfConstruction": 2020,
            "enginePower": 66,
            "engineDisplacement": 999,
            "fuelType": "petrol",
            "marketValue": "100000.00",
            "usageType": "personal",
            "currentMileage": 60000,
            "isNew": False,
            "isLeased": False,
        },
        "policyholder": {
            "isLegalEntity": False,
            "lastName": "Popescu",
            "firstName": "Ion",
            "taxId": "1850615123456",
            "address": {"county": "CJ", "city": "Cluj-Napoca", "cityCode": 54975, "street": "X"},
        },
    }


def quote(insurer: str = "generali", **changes: Any) -> Pricing:
    """Price the base product with some fields replaced (dotted paths as keyword names: a__b)."""
    product = base_product()
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        node = product
        for part in parents:
            node = node[part]
        node[leaf] = value
    return price_quote(insurer, product, today=TODAY)


ALL = sorted(INSURERS)


# --------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("insurer", ALL)
def test_same_input_same_quote(insurer: str) -> None:
    a = price_quote(insurer, base_product(), today=TODAY)
    b = price_quote(insurer, copy.deepcopy(base_product()), today=TODAY)
    assert a == b
    prefix = INSURERS[insurer].code_prefix
    assert re.fullmatch(rf"{prefix}-[0-9A-F]{{10}}", a.provider_offer_code)


def test_offer_code_follows_the_input() -> None:
    assert (
        quote().provider_offer_code != quote(vehicle__yearOfConstruction=2021).provider_offer_code
    )


def test_insurers_differ() -> None:
    quotes = {insurer: quote(insurer) for insurer in ALL}
    assert len({q.premium_amount for q in quotes.values()}) == len(ALL)
    assert len({q.provider_offer_code for q in quotes.values()}) == len(ALL)
    assert len({q.commission_percent for q in quotes.values()}) == len(ALL)


def test_amounts_are_decimal_cents() -> None:
    q = quote(motor__installmentCount=12)
    amounts = [q.premium_amount, q.premium_amount_net, q.commission_value]
    amounts += [i.amount for i in q.installments]
    for amount in amounts:
        assert isinstance(amount, Decimal)
        assert amount == amount.quantize(Decimal("0.01"))
        assert amount.as_tuple().exponent == -2


def test_factors_explain_the_premium() -> None:
    q = quote(motor__withoutTax=True)
    tariff = INSURERS["generali"]
    expected = Decimal(100000) * tariff.base_rate
    for value in q.factors.values():
        expected *= value
    assert q.premium_amount == expected.quantize(Decimal("0.01"))


# --------------------------------------------------------------------------- factors


def more_expensive(cheap: dict[str, Any], dear: dict[str, Any], insurer: str = "generali") -> None:
    low, high = quote(insurer, **cheap), quote(insurer, **dear)
    assert low.premium_amount < high.premium_amount, (low.factors, high.factors)


@pytest.mark.parametrize("insurer", ALL)
@pytest.mark.parametrize(
    ("cheap", "dear"),
    [
        # older vehicle
        ({"vehicle__yearOfConstruction": 2024}, {"vehicle__yearOfConstruction": 2020}),
        ({"vehicle__yearOfConstruction": 2020}, {"vehicle__yearOfConstruction": 2018}),
        # more power
        ({"vehicle__enginePower": 66}, {"vehicle__enginePower": 100}),
        ({"vehicle__enginePower": 100}, {"vehicle__enginePower": 140}),
        ({"vehicle__enginePower": 140}, {"vehicle__enginePower": 200}),
        ({"vehicle__enginePower": 200}, {"vehicle__enginePower": 300}),
        # fuel: batteries are dear to repair, LPG burns
        ({"vehicle__fuelType": "petrol"}, {"vehicle__fuelType": "hybrid"}),
        ({"vehicle__fuelType": "hybrid"}, {"vehicle__fuelType": "electric"}),
        ({"vehicle__fuelType": "diesel"}, {"vehicle__fuelType": "lpg"}),
        # commercial usage
        ({"vehicle__usageType": "personal"}, {"vehicle__usageType": "courier"}),
        ({"vehicle__usageType": "personal"}, {"vehicle__usageType": "cargoTransportation"}),
        # young and elderly drivers (CNPs: born 2003-05-05, 1985-06-15, 1950-01-01)
        ({"policyholder__taxId": "1850615123456"}, {"policyholder__taxId": "5030505123456"}),
        ({"policyholder__taxId": "1850615123456"}, {"policyholder__taxId": "1500101123456"}),
        ({"policyholder__taxId": "1990101123456"}, {"policyholder__taxId": "5030505123456"}),
        # county: Bucharest > Ilfov > Cluj > Sibiu
        ({"policyholder__address": {"county": "IF"}}, {"policyholder__address": {"county": "B"}}),
        ({"policyholder__address": {"county": "CJ"}}, {"policyholder__address": {"county": "IF"}}),
        ({"policyholder__address": {"county": "SB"}}, {"policyholder__address": {"county": "CJ"}}),
        # a lower deductible costs more
        (
            {"motor__deductibles": {"partialDamage": 1000, "totalDamage": 10}},
            {"motor__deductibles": {"partialDamage": 300, "totalDamage": 10}},
        ),
        (
            {"motor__deductibles": {"partialDamage": 300, "totalDamage": 10}},
            {"motor__deductibles": {"partialDamage": 0, "totalDamage": 10}},
        ),
        (
            {"motor__deductibles": {"partialDamage": 500, "totalDamage": 20}},
            {"motor__deductibles": {"partialDamage": 500, "totalDamage": 5}},
        ),
        (
            {"motor__deductibles": {"partialDamage": 500, "totalDamage": 5}},
            {"motor__deductibles": {"partialDamage": 500, "totalDamage": 0}},
        ),
        # more installments cost more
        ({"motor__installmentCount": 1}, {"motor__installmentCount": 2}),
        ({"motor__installmentCount": 2}, {"motor__installmentCount": 4}),
        ({"motor__installmentCount": 4}, {"motor__installmentCount": 12}),
        # a longer term costs more in total
        ({"motor__termTime": 1}, {"motor__termTime": 2}),
        ({"motor__termTime": 6}, {"motor__termTime": 7}),
        ({"motor__termTime": 11}, {"motor__termTime": 12}),
        # the levy
        ({"motor__withoutTax": True}, {"motor__withoutTax": False}),
        # a higher insured sum
        (
            {"coverages": [{"isIncluded": True, "code": "vehicle", "insuredSum": 80000}]},
            {"coverages": [{"isIncluded": True, "code": "vehicle", "insuredSum": 90000}]},
        ),
    ],
)
def test_factor_direction(insurer: str, cheap: dict[str, Any], dear: dict[str, Any]) -> None:
    more_expensive(cheap, dear, insurer)


@pytest.mark.parametrize(
    ("insurer", "usage"),
    [
        ("generali", "taxi"),
        ("groupama", "taxi"),
        ("generali", "carRental"),
        ("allianz", "carRental"),
        ("allianz", "drivingSchool"),
    ],
)
def test_risky_usage_costs_more(insurer: str, usage: str) -> None:
    more_expensive({}, {"vehicle__usageType": usage}, insurer)


def test_heavier_vehicle_types_cost_more_and_trailers_less() -> None:
    car = quote("groupama").premium_amount
    assert quote("groupama", vehicle__vehicleType="N1").premium_amount > car
    assert quote("groupama", vehicle__vehicleType="N3").premium_amount > car
    assert quote("groupama", vehicle__vehicleType="M1G").premium_amount > car
    trailer = quote("groupama", vehicle__vehicleType="O2", vehicle__enginePower=None)
    assert trailer.premium_amount < car


def test_short_term_costs_more_per_month() -> None:
    monthly = [quote(motor__termTime=m).premium_amount / m for m in range(1, 13)]
    assert monthly == sorted(monthly, reverse=True)
    assert quote(motor__termTime=12).factors["term"] == 1


def test_young_named_driver_counts() -> None:
    """With drivers listed, the youngest of them rates the policy, not the policyholder."""
    young = {"lastName": "A", "firstName": "B", "taxId": "6040202123456"}  # born 2004-02-02
    q = quote(vehicle__driver=[young])
    assert q.factors["driverAge"] == Decimal("1.35")
    older = {"lastName": "A", "firstName": "B", "taxId": "2700101123456"}
    assert quote(vehicle__driver=[older]).factors["driverAge"] == 1
    assert quote(vehicle__driver=[older, young]).premium_amount == q.premium_amount


def test_birthdate_preferred_over_cnp() -> None:
    q = quote(policyholder__birthdate="2002-01-01")  # the CNP says 1985
    assert q.factors["driverAge"] == Decimal("1.35")


def test_company_without_drivers_pays_any_driver_factor() -> None:
    company = {"isLegalEntity": True, "businessName": "SC X SRL", "taxId": "RO123456"}
    company["address"] = {"county": "CJ"}
    assert quote(policyholder=company).factors["driverAge"] == Decimal("1.10")
    driver = {"lastName": "A", "firstName": "B", "taxId": "1850615123456"}
    q = quote(policyholder=company, vehicle__driver=[driver])
    assert q.factors["driverAge"] == 1


def test_minimum_premium() -> None:
    tiny = [{"isIncluded": True, "code": "vehicle", "insuredSum": 1000}]
    for insurer in ALL:
        q = quote(insurer, coverages=tiny, vehicle__marketValue=1000, motor__withoutTax=True)
        assert q.premium_amount_net == INSURERS[insurer].minimum_premium


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize("insurer", ALL)
@pytest.mark.parametrize("count", [1, 2, 4, 12])
def test_installments_sum_to_premium(insurer: str, count: int) -> None:
    q = quote(insurer, motor__installmentCount=count)
    assert len(q.installments) == count
    assert [i.id for i in q.installments] == list(range(1, count + 1))
    assert sum(i.amount for i in q.installments) == q.premium_amount
    first, *rest = q.installments
    assert len({i.amount for i in rest}) <= 1  # equal, the rounding remainder is in the first
    assert all(0 <= first.amount - i.amount < Decimal("0.01") * count for i in rest)
    assert first.due_date == q.start_date
    step = 12 // count
    for i in q.installments:
        month = (START.month - 1 + (i.id - 1) * step) % 12 + 1
        assert i.due_date.month == month
        assert i.due_date <= q.end_date


def test_net_tax_and_commission() -> None:
    q = quote()
    assert q.premium_amount == (q.premium_amount_net * (1 + TAX_RATE)).quantize(Decimal("0.01"))
    assert q.commission_percent == INSURERS["generali"].commission_percent
    expected = (q.premium_amount_net * q.commission_percent / 100).quantize(Decimal("0.01"))
    assert q.commission_value == expected
    untaxed = quote(motor__withoutTax=True)
    assert untaxed.premium_amount == untaxed.premium_amount_net == q.premium_amount_net


@pytest.mark.parametrize("insurer", ALL)
def test_eur_is_ron_at_the_fixed_rate(insurer: str) -> None:
    euros = Decimal(20000)
    eur = quote(
        insurer,
        motor__currency="EUR",
        motor__deductibles={"partialDamage": 100, "totalDamage": 10},
        coverages=[{"isIncluded": True, "code": "vehicle", "insuredSum": euros}],
        vehicle__marketValue=euros,
    )
    ron = quote(
        insurer,
        motor__deductibles={"partialDamage": 100 * EUR_RON_RATE, "totalDamage": 10},
        coverages=[{"isIncluded": True, "code": "vehicle", "insuredSum": euros * EUR_RON_RATE}],
        vehicle__marketValue=euros * EUR_RON_RATE,
    )
    assert eur.currency == "EUR"
    assert ron.currency == "RON"
    assert eur.factors == ron.factors
    assert abs(eur.premium_amount * EUR_RON_RATE - ron.premium_amount) < Decimal("0.05")
    assert sum(i.amount for i in eur.installments) == eur.premium_amount


def test_eur_limits_are_converted() -> None:
    """Eazy takes at most 500,000 RON: 110,000 RON passes, 110,000 EUR does not."""
    value = [{"isIncluded": True, "code": "vehicle", "insuredSum": 110000}]
    quote("eazy_insure", coverages=value, vehicle__marketValue=110000)
    with pytest.raises(InsurerRefusal) as caught:
        quote("eazy_insure", coverages=value, vehicle__marketValue=110000, motor__currency="EUR")
    assert caught.value.reason == "MARKET_VALUE_TOO_HIGH"


def test_market_value_used_when_no_vehicle_coverage() -> None:
    excluded = [{"isIncluded": False, "code": "vehicle", "insuredSum": 1}]
    q = quote(coverages=excluded, vehicle__marketValue="95000.50")
    assert q.insured_sum == Decimal("95000.50")
    assert quote(coverages=[]).insured_sum == Decimal("100000.00")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2025-03-01", 12, "2026-02-28"),
        ("2025-03-15", 6, "2025-09-14"),
        ("2024-02-29", 12, "2025-02-28"),  # no 29 February in 2025: to the end of the month
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-01-30", 1, "2025-02-28"),
        ("2025-01-28", 1, "2025-02-27"),
        ("2025-05-31", 1, "2025-06-30"),
        ("2025-08-31", 1, "2025-09-30"),
        ("2025-07-31", 1, "2025-08-30"),
        ("2025-12-10", 1, "2026-01-09"),
    ],
)
def test_end_date(start: str, months: int, end: str) -> None:
    q = price_quote(
        "generali",
        {
            **base_product(),
            "motor": {**base_product()["motor"], "startDate": start, "termTime": months},
        },
        today=date(2024, 1, 1),
    )
    assert q.start_date == date.fromisoformat(start)
    assert q.end_date == date.fromisoformat(end)


@pytest.mark.parametrize(
    ("start", "expiry"),
    [
        (TODAY, TODAY),  # starts today: valid today only
        (TODAY + timedelta(days=1), TODAY),
        (TODAY + timedelta(days=10), TODAY + timedelta(days=9)),  # the day before the start
        (TODAY + timedelta(days=31), TODAY + timedelta(days=30)),
        (TODAY + timedelta(days=90), TODAY + timedelta(days=30)),  # at most 30 days
    ],
)
def test_offer_expiry(start: date, expiry: date) -> None:
    assert quote(motor__startDate=start.isoformat()).offer_expiry_date == expiry


def test_start_in_the_past_is_invalid() -> None:
    with pytest.raises(TariffInputError) as caught:
        quote(motor__startDate=(TODAY - timedelta(days=1)).isoformat())
    assert caught.value.field == "product.motor.startDate"


def test_offer_fields() -> None:
    q = quote(motor__installmentCount=2)
    fields = q.offer_fields()
    assert fields["providerOfferCode"] == q.provider_offer_code
    assert fields["premiumAmount"] == q.premium_amount
    assert fields["startDate"] == "2025-03-01"
    assert fields["endDate"] == "2026-02-28"
    assert fields["installments"][1] == {
        "id": 2,
        "amount": q.installments[1].amount,
        "dueDate": "2025-09-01",
    }
    assert fields["offerExpiryDate"] == "2025-02-28"


# --------------------------------------------------------------------------- refusals


def refused(reason: str, call: Callable[[], object]) -> InsurerRefusal:
    with pytest.raises(InsurerRefusal) as caught:
        call()
    assert caught.value.reason == reason
    assert str(caught.value) == caught.value.message
    return caught.value


def test_unknown_insurer() -> None:
    error = refused("INSURER_NOT_AVAILABLE", lambda: quote("omniasig"))
    assert error.insurer == "omniasig"
    assert "omniasig" in error.message


def test_disabled_insurer() -> None:
    insurers = {**INSURERS, "allianz": dataclasses.replace(INSURERS["allianz"], enabled=False)}
    error = refused(
        "INSURER_NOT_AVAILABLE",
        lambda: price_quote("allianz", base_product(), today=TODAY, insurers=insurers),
    )
    assert error.message == "The insurer Allianz (MyCar) is not available."
    price_quote("generali", base_product(), today=TODAY, insurers=insurers)
    assert INSURERS["allianz"].enabled  # the shared table is untouched


def test_product_names() -> None:
    quote("groupama", name="casco-leasing")
    quote("groupama", name="casco")
    for insurer in ("generali", "eazy_insure", "allianz"):
        refused("PRODUCT_NOT_OFFERED", functools.partial(quote, insurer, name="casco-leasing"))
    refused("PRODUCT_NOT_OFFERED", lambda: quote("groupama", name="rca"))


@pytest.mark.parametrize(
    ("insurer", "covered"),
    [("generali", False), ("groupama", True), ("eazy_insure", False), ("allianz", True)],
)
def test_trailers(insurer: str, covered: bool) -> None:
    def call() -> Pricing:
        return quote(
            insurer, vehicle__vehicleType="O3", vehicle__enginePower=None, vehicle__fuelType="none"
        )

    if covered:
        assert call().factors["enginePower"] == 1
    else:
        error = refused("VEHICLE_TYPE_NOT_COVERED", call)
        assert "O3" in error.message


def test_eazy_insures_only_cars_and_vans() -> None:
    for vehicle_type in ("L3e", "N3", "M3", "T"):
        call = functools.partial(quote, "eazy_insure", vehicle__vehicleType=vehicle_type)
        refused("VEHICLE_TYPE_NOT_COVERED", call)
    quote("eazy_insure", vehicle__vehicleType="N1")


@pytest.mark.parametrize(
    ("insurer", "usage"),
    [("eazy_insure", "taxi"), ("allianz", "taxi"), ("eazy_insure", "carRental")],
)
def test_usage_refused(insurer: str, usage: str) -> None:
    refused("USAGE_NOT_COVERED", lambda: quote(insurer, vehicle__usageType=usage))


@pytest.mark.parametrize("insurer", ALL)
def test_vehicle_age_limit(insurer: str) -> None:
    limit = INSURERS[insurer].max_vehicle_age
    quote(insurer, vehicle__yearOfConstruction=START.year - limit)
    error = refused(
        "VEHICLE_TOO_OLD",
        lambda: quote(insurer, vehicle__yearOfConstruction=START.year - limit - 1),
    )
    assert str(limit) in error.message


@pytest.mark.parametrize("insurer", ALL)
def test_market_value_cap(insurer: str) -> None:
    cap = INSURERS[insurer].max_market_value
    quote(insurer, vehicle__marketValue=cap)
    refused("MARKET_VALUE_TOO_HIGH", lambda: quote(insurer, vehicle__marketValue=cap + 1))


def test_driver_under_18() -> None:
    minor = {"lastName": "A", "firstName": "B", "taxId": "5080101123456"}  # born 2008
    refused("DRIVER_TOO_YOUNG", lambda: quote(vehicle__driver=[minor]))


@pytest.mark.parametrize(("count", "shortest"), [(1, 1), (2, 7), (4, 10), (12, 12)])
def test_installments_must_fit_the_term(count: int, shortest: int) -> None:
    quote(motor__installmentCount=count, motor__termTime=shortest)
    if shortest > 1:
        refused(
            "INSTALLMENTS_NOT_AVAILABLE",
            lambda: quote(motor__installmentCount=count, motor__termTime=shortest - 1),
        )


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"motor__termTime": 13}, "product.motor.termTime"),
        ({"motor__termTime": 0}, "product.motor.termTime"),
        ({"motor__installmentCount": 3}, "product.motor.installmentCount"),
        ({"motor__currency": "USD"}, "product.motor.currency"),
        ({"motor__startDate": "01.03.2025"}, "product.motor.startDate"),
        (
            {"motor__deductibles": {"partialDamage": -1, "totalDamage": 0}},
            "product.motor.deductibles.partialDamage",
        ),
        (
            {"motor__deductibles": {"partialDamage": 0, "totalDamage": 150}},
            "product.motor.deductibles.totalDamage",
        ),
        ({"vehicle__vehicleType": "X9"}, "product.vehicle.vehicleType"),
        ({"vehicle__yearOfConstruction": 2027}, "product.vehicle.yearOfConstruction"),
        ({"vehicle__enginePower": "strong"}, "product.vehicle.enginePower"),
        ({"vehicle__driver": [{"taxId": "123"}]}, "product.vehicle.driver.0.taxId"),
        ({"policyholder__taxId": "1851315123456"}, "product.policyholder.taxId"),
        ({"coverages": [], "vehicle__marketValue": None}, "product.coverages"),
    ],
)
def test_invalid_input(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(TariffInputError) as caught:
        quote(**changes)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("cnp", "born"),
    [
        ("1850615123456", date(1985, 6, 15)),
        ("2991231123456", date(1999, 12, 31)),
        ("5030101123456", date(2003, 1, 1)),
        ("6120229123456", date(2012, 2, 29)),
        ("3991231123456", date(1899, 12, 31)),
        ("7050505123456", date(2005, 5, 5)),
        ("8990505123456", date(1999, 5, 5)),
    ],
)
def test_birth_date_from_cnp(cnp: str, born: date) -> None:
    assert birth_date_from_cnp(cnp, reference=TODAY) == born


@pytest.mark.parametrize(
    "cnp", ["", "185061512345", "0850615123456", "1851315123456", "18506151234x5"]
)
def test_birth_date_from_bad_cnp(cnp: str) -> None:
    with pytest.raises(ValueError):
        birth_date_from_cnp(cnp)


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(
    insurer=st.sampled_from(ALL),
    insured_sum=st.decimals(min_value=1000, max_value=3_000_000, places=2),
    term=st.integers(min_value=1, max_value=12),
    count=st.sampled_from([1, 2, 4, 12]),
    currency=st.sampled_from(["RON", "EUR"]),
    year=st.integers(min_value=2000, max_value=2026),
    power=st.integers(min_value=30, max_value=400),
    partial=st.integers(min_value=0, max_value=1000),
    total=st.integers(min_value=0, max_value=100),
    start_in=st.integers(min_value=0, max_value=120),
    without_tax=st.booleans(),
)
def test_any_quote_is_consistent(
    insurer: str,
    insured_sum: Decimal,
    term: int,
    count: int,
    currency: str,
    year: int,
    power: int,
    partial: int,
    total: int,
    start_in: int,
    without_tax: bool,
) -> None:
    start = TODAY + timedelta(days=start_in)
    product = base_product()
    product["motor"].update(
        startDate=start.isoformat(),
        termTime=term,
        installmentCount=count,
        currency=currency,
        withoutTax=without_tax,
        deductibles={"partialDamage": partial, "totalDamage": total},
    )
    product["coverages"][0]["insuredSum"] = float(insured_sum)
    product["vehicle"].update(
        marketValue=str(insured_sum), yearOfConstruction=year, enginePower=power
    )
    try:
        q = price_quote(insurer, product, today=TODAY)
    except InsurerRefusal as refusal:
        assert refusal.reason in {
            "VEHICLE_TOO_OLD",
            "MARKET_VALUE_TOO_HIGH",
            "INSTALLMENTS_NOT_AVAILABLE",
        }
        return
    assert q == price_quote(insurer, product, today=TODAY)
    assert q.currency == currency
    assert q.premium_amount >= q.premium_amount_net > 0
    assert sum(i.amount for i in q.installments) == q.premium_amount
    assert all(i.amount > 0 for i in q.installments)
    assert q.start_date == start < q.end_date
    assert TODAY <= q.offer_expiry_date <= max(TODAY, start - timedelta(days=1))
    assert 0 < q.commission_value < q.premium_amount
