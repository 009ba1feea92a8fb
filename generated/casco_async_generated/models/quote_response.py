from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quote_result import QuoteResult


T = TypeVar("T", bound="QuoteResponse")


@_attrs_define
class QuoteResponse:
    """
    Example:
        {'error': False, 'status': 200, 'data': {'provider': {'organization': {'businessName': 'generali'}}, 'offers':
            [{'offerId': 12345, 'providerOfferCode': 'GEN-7F3A21C0', 'premiumAmount': 3120.55, 'premiumAmountNet': 2622.31,
            'currency': 'RON', 'startDate': '2027-01-20', 'endDate': '2028-01-19', 'commissionValue': 312.06,
            'commissionPercent': 10, 'installments': [{'id': 1, 'amount': 780.16, 'dueDate': '2027-01-20'}, {'id': 2,
            'amount': 780.13, 'dueDate': '2027-04-20'}, {'id': 3, 'amount': 780.13, 'dueDate': '2027-07-20'}, {'id': 4,
            'amount': 780.13, 'dueDate': '2027-10-20'}], 'offerExpiryDate': '2027-01-19', 'notes': None, 'pid':
            'https://casco-qa.api.lifeishard.ro/docs/generali/pid.pdf', 'toc': None, 'paymentLink': None}]}}

    """

    error: bool | str
    status: int | str
    data: QuoteResult
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: bool | str
        error = self.error

        status: int | str
        status = self.status

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "status": status,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error: bool | str = d.pop("error")

        status: int | str = d.pop("status")

        data = QuoteResult.from_dict(d.pop("data"))

        quote_response = cls(
            error=error,
            status=status,
            data=data,
        )

        quote_response.additional_properties = d
        return quote_response

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
from ..models.quote_result import QuoteResult
