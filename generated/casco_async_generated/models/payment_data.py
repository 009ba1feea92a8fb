from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_enum import CurrencyEnum
from ..models.payment_method_enum import PaymentMethodEnum

T = TypeVar("T", bound="PaymentData")


@_attrs_define
class PaymentData:
    """Data object representing a payment. It records how the premium was collected; it moves no money."""

    method: PaymentMethodEnum
    currency: CurrencyEnum
    amount: float
    """ The amount collected; more than 0 (x-source decision - a payment of 0 records none) """
    date: datetime.date
    document_number: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        currency = self.currency.value

        amount = self.amount

        date = self.date.isoformat()

        document_number = self.document_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "currency": currency,
                "amount": amount,
                "date": date,
                "documentNumber": document_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        method = PaymentMethodEnum(d.pop("method"))

        currency = CurrencyEnum(d.pop("currency"))

        amount = d.pop("amount")

        date = datetime.date.fromisoformat(d.pop("date"))

        document_number = d.pop("documentNumber")

        payment_data = cls(
            method=method,
            currency=currency,
            amount=amount,
            date=date,
            document_number=document_number,
        )

        payment_data.additional_properties = d
        return payment_data

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
