"""The PDF documents the sandbox serves: offers, policies and the general conditions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from casco_async.sandbox._pdf import PdfDocument
from casco_async.sandbox._state import SandboxConfig, StoredOffer, StoredPolicy


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def _person_name(person: Mapping[str, Any]) -> str:
    if person.get("isLegalEntity") or (person.get("businessName") and not person.get("lastName")):
        return str(person.get("businessName", "-"))
    return f"{person.get('lastName', '')} {person.get('firstName', '')}".strip() or "-"


def _vehicle_lines(product: Mapping[str, Any]) -> list[str]:
    vehicle = product.get("vehicle") or {}
    if not isinstance(vehicle, Mapping):
        return []
    return [
        f"Vehicle: {vehicle.get('brand', '-')} {vehicle.get('model', '-')}, "
        f"{vehicle.get('yearOfConstruction', '-')}, type {vehicle.get('vehicleType', '-')}",
        f"Registration: {vehicle.get('licensePlate', '-')}, VIN {vehicle.get('vin', '-')}",
        f"Usage: {vehicle.get('usageType', '-')}, market value {vehicle.get('marketValue', '-')}",
    ]


def _insurer_name(config: SandboxConfig, key: str) -> str:
    insurer = config.insurers.get(key)
    return insurer.display_name if insurer is not None else key


def offer_pdf(offer: StoredOffer, config: SandboxConfig, pad_to: int | None) -> PdfDocument:
    pricing = offer.pricing
    currency = pricing.currency
    holder = offer.product.get("policyholder") or {}
    lines = [
        f"Insurer: {_insurer_name(config, offer.insurer)} ({offer.insurer})",
        f"Product: {offer.product.get('name', 'casco')}",
        f"Offer code: {pricing.provider_offer_code}",
        f"Valid until: {pricing.offer_expiry_date.isoformat()}",
        f"Policyholder: {_person_name(holder) if isinstance(holder, Mapping) else '-'}",
        *_vehicle_lines(offer.product),
        f"Insured sum: {_money(pricing.insured_sum, currency)}",
        f"Period: {pricing.start_date.isoformat()} - {pricing.end_date.isoformat()}",
        f"Premium: {_money(pricing.premium_amount, currency)} "
        f"(net {_money(pricing.premium_amount_net, currency)})",
        f"Commission: {pricing.commission_percent}% = {_money(pricing.commission_value, currency)}",
        "Installments:",
        *(
            f"  {i.id}. {_money(i.amount, currency)} due {i.due_date.isoformat()}"
            for i in pricing.installments
        ),
        "Rating factors: " + ", ".join(f"{k} {v}" for k, v in pricing.factors.items()),
        pricing.notes,
    ]
    return PdfDocument(
        f"CASCO offer {offer.offer_id}",
        lines,
        author=_insurer_name(config, offer.insurer),
        created=datetime.fromtimestamp(offer.created, UTC),
        pad_to=pad_to,
        seed=offer.offer_id,
    )


def policy_pdf(
    policy: StoredPolicy,
    offer: StoredOffer | None,
    config: SandboxConfig,
    pad_to: int | None,
) -> PdfDocument:
    data = policy.data
    currency = str(data["currency"])
    payment = data.get("payment") or {}
    lines = [
        f"Insurer: {_insurer_name(config, policy.insurer)} ({policy.insurer})",
        f"Policy: series {policy.series} number {policy.number} (id {policy.policy_id})",
        f"Issued from offer {policy.offer_id}",
        f"Period: {data['startDate']} - {data['endDate']}",
        f"Premium: {_money(Decimal(str(data['premiumAmount'])), currency)}",
        f"Payment: {payment.get('method', '-')} {payment.get('amount', '-')} "
        f"{payment.get('currency', '-')} on {payment.get('date', '-')}, "
        f"document {payment.get('documentNumber', '-')}",
    ]
    if offer is not None:
        holder = offer.product.get("policyholder") or {}
        if isinstance(holder, Mapping):
            lines.append(f"Policyholder: {_person_name(holder)}")
        lines += _vehicle_lines(offer.product)
    return PdfDocument(
        f"CASCO policy {policy.series} {policy.number}",
        lines,
        author=_insurer_name(config, policy.insurer),
        created=datetime.fromtimestamp(policy.created, UTC),
        pad_to=pad_to,
        seed=policy.policy_id,
    )


def conditions_pdf(policy: StoredPolicy) -> PdfDocument:
    return PdfDocument(
        f"CASCO general conditions - {policy.insurer}",
        [
            "1. The insurer covers material damage to the insured vehicle and its theft.",
            "2. Partial damage is paid less the deductible agreed in the policy.",
            "3. A total loss is paid at the insured sum less the total-damage deductible.",
            "4. Claims must be notified within 48 hours of the event.",
            "This is a sandbox document and has no legal value.",
        ],
        author=policy.insurer,
        created=datetime.fromtimestamp(policy.created, UTC),
    )
