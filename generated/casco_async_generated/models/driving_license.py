from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DrivingLicense")


@_attrs_define
class DrivingLicense:
    issue_date: datetime.date | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        issue_date: str | None = None
        if self.issue_date is not None:
            issue_date = self.issue_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if issue_date is not None:
            field_dict["issueDate"] = issue_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _issue_date = d.pop("issueDate", None)
        issue_date: datetime.date | None
        if _issue_date is None:
            issue_date = None
        else:
            issue_date = datetime.date.fromisoformat(_issue_date)

        driving_license = cls(
            issue_date=issue_date,
        )

        driving_license.additional_properties = d
        return driving_license

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
