from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Coverage")


@_attrs_define
class Coverage:
    is_included: bool
    code: str
    """ Coverage code; only `vehicle` is documented """
    insured_sum: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_included = self.is_included

        code = self.code

        insured_sum = self.insured_sum

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "isIncluded": is_included,
                "code": code,
            }
        )
        if insured_sum is not None:
            field_dict["insuredSum"] = insured_sum

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        is_included = d.pop("isIncluded")

        code = d.pop("code")

        insured_sum = d.pop("insuredSum", None)

        coverage = cls(
            is_included=is_included,
            code=code,
            insured_sum=insured_sum,
        )

        coverage.additional_properties = d
        return coverage

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
