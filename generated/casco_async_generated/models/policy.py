from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.installment import Installment
    from ..models.payment_data import PaymentData
    from ..models.provider_data import ProviderData


T = TypeVar("T", bound="Policy")


@_attrs_define
class Policy:
    policy_id: int
    series: str
    number: int
    start_date: datetime.date
    end_date: datetime.date
    premium_amount: float
    currency: str
    payment: PaymentData | None = None
    """ Data object representing a payment. It records how the premium was collected; it moves no money. """
    installments: list[Installment] | None = None
    provider: ProviderData | None = None
    """ Data object representing a provider """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        policy_id = self.policy_id

        series = self.series

        number = self.number

        start_date = self.start_date.isoformat()

        end_date = self.end_date.isoformat()

        premium_amount = self.premium_amount

        currency = self.currency

        payment: dict[str, Any] | None = None
        if self.payment is not None:
            payment = self.payment.to_dict()

        installments: list[dict[str, Any]] | None = None
        if self.installments is not None:
            installments = []
            for installments_item_data in self.installments:
                installments_item = installments_item_data.to_dict()
                installments.append(installments_item)

        provider: dict[str, Any] | None = None
        if self.provider is not None:
            provider = self.provider.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "policyId": policy_id,
                "series": series,
                "number": number,
                "startDate": start_date,
                "endDate": end_date,
                "premiumAmount": premium_amount,
                "currency": currency,
            }
        )
        if payment is not None:
            field_dict["payment"] = payment
        if installments is not None:
            field_dict["installments"] = installments
        if provider is not None:
            field_dict["provider"] = provider

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        policy_id = d.pop("policyId")

        series = d.pop("series")

        number = d.pop("number")

        start_date = datetime.date.fromisoformat(d.pop("startDate"))

        end_date = datetime.date.fromisoformat(d.pop("endDate"))

        premium_amount = d.pop("premiumAmount")

        currency = d.pop("currency")

        _payment = d.pop("payment", None)
        payment: PaymentData | None
        if _payment is None:
            payment = None
        else:
            payment = PaymentData.from_dict(_payment)

        _installments = d.pop("installments", None)
        installments: list[Installment] | None = None
        if _installments is not None:
            installments = [
                Installment.from_dict(installments_item_data)
                for installments_item_data in _installments
            ]

        _provider = d.pop("provider", None)
        provider: ProviderData | None
        if _provider is None:
            provider = None
        else:
            provider = ProviderData.from_dict(_provider)

        policy = cls(
            policy_id=policy_id,
            series=series,
            number=number,
            start_date=start_date,
            end_date=end_date,
            premium_amount=premium_amount,
            currency=currency,
            payment=payment,
            installments=installments,
            provider=provider,
        )

        policy.additional_properties = d
        return policy

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class: a model that holds this one may be the one importing it.
from ..models.installment import Installment
from ..models.payment_data import PaymentData
from ..models.provider_data import ProviderData
