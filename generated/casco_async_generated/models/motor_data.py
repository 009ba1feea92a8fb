from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_enum import CurrencyEnum
from ..models.installment_count_enum import InstallmentCountEnum

if TYPE_CHECKING:
    from ..models.deductibles import Deductibles
    from ..models.policy_reference import PolicyReference


T = TypeVar("T", bound="MotorData")


@_attrs_define
class MotorData:
    start_date: datetime.date
    term_time: int
    """ Term in months """
    installment_count: InstallmentCountEnum
    currency: CurrencyEnum
    renew_policy: PolicyReference | None = None
    mentions: str | None = None
    without_tax: bool | None = None
    deductibles: Deductibles | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start_date = self.start_date.isoformat()

        term_time = self.term_time

        installment_count = self.installment_count.value

        currency = self.currency.value

        renew_policy: dict[str, Any] | None = None
        if self.renew_policy is not None:
            renew_policy = self.renew_policy.to_dict()

        mentions = self.mentions

        without_tax = self.without_tax

        deductibles: dict[str, Any] | None = None
        if self.deductibles is not None:
            deductibles = self.deductibles.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "startDate": start_date,
                "termTime": term_time,
                "installmentCount": installment_count,
                "currency": currency,
            }
        )
        if renew_policy is not None:
            field_dict["renewPolicy"] = renew_policy
        if mentions is not None:
            field_dict["mentions"] = mentions
        if without_tax is not None:
            field_dict["withoutTax"] = without_tax
        if deductibles is not None:
            field_dict["deductibles"] = deductibles

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_date = datetime.date.fromisoformat(d.pop("startDate"))

        term_time = d.pop("termTime")

        installment_count = InstallmentCountEnum(d.pop("installmentCount"))

        currency = CurrencyEnum(d.pop("currency"))

        _renew_policy = d.pop("renewPolicy", None)
        renew_policy: PolicyReference | None
        if _renew_policy is None:
            renew_policy = None
        else:
            renew_policy = PolicyReference.from_dict(_renew_policy)

        mentions = d.pop("mentions", None)

        without_tax = d.pop("withoutTax", None)

        _deductibles = d.pop("deductibles", None)
        deductibles: Deductibles | None
        if _deductibles is None:
            deductibles = None
        else:
            deductibles = Deductibles.from_dict(_deductibles)

        motor_data = cls(
            start_date=start_date,
            term_time=term_time,
            installment_count=installment_count,
            currency=currency,
            renew_policy=renew_policy,
            mentions=mentions,
            without_tax=without_tax,
            deductibles=deductibles,
        )

        motor_data.additional_properties = d
        return motor_data

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
from ..models.deductibles import Deductibles
from ..models.policy_reference import PolicyReference
