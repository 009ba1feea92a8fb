from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.payment_data import PaymentData


T = TypeVar("T", bound="PolicyRequest")


@_attrs_define
class PolicyRequest:
    """
    Example:
        {'offerId': 12345, 'payment': {'method': 'receipt', 'currency': 'RON', 'amount': 780.16, 'date': '2027-01-18',
            'documentNumber': 'CH-000981'}}

    """

    offer_id: float
    """ The unique identifier of the offer """
    payment: PaymentData
    """ Data object representing a payment. It records how the premium was collected; it moves no money. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        offer_id = self.offer_id

        payment = self.payment.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "offerId": offer_id,
                "payment": payment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        offer_id = d.pop("offerId")

        payment = PaymentData.from_dict(d.pop("payment"))

        policy_request = cls(
            offer_id=offer_id,
            payment=payment,
        )

        policy_request.additional_properties = d
        return policy_request

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
from ..models.payment_data import PaymentData
