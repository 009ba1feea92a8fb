from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.policy_result import PolicyResult


T = TypeVar("T", bound="PolicyResponse")


@_attrs_define
class PolicyResponse:
    """
    Example:
        {'error': False, 'status': 200, 'data': {'policies': [{'policyId': 5501, 'series': 'RO/05/M3', 'number': 100234,
            'startDate': '2027-01-20', 'endDate': '2028-01-19', 'premiumAmount': 3120.55, 'currency': 'RON', 'payment':
            {'method': 'receipt', 'currency': 'RON', 'amount': 780.16, 'date': '2027-01-18', 'documentNumber': 'CH-000981'},
            'installments': [{'id': 1, 'amount': 780.16, 'dueDate': '2027-01-20'}], 'provider': {'organization':
            {'businessName': 'generali'}}}]}}

    """

    error: bool | str
    status: int | str
    data: PolicyResult
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

        data = PolicyResult.from_dict(d.pop("data"))

        policy_response = cls(
            error=error,
            status=status,
            data=data,
        )

        policy_response.additional_properties = d
        return policy_response

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
from ..models.policy_result import PolicyResult
