from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.id_type_enum import IdTypeEnum

T = TypeVar("T", bound="PersonIdentification")


@_attrs_define
class PersonIdentification:
    id_type: IdTypeEnum | None = None
    id_number: str | None = None
    issue_authority: str | None = None
    issue_date: datetime.date | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id_type: str | None = None
        if self.id_type is not None:
            id_type = self.id_type.value

        id_number = self.id_number

        issue_authority = self.issue_authority

        issue_date: str | None = None
        if self.issue_date is not None:
            issue_date = self.issue_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id_type is not None:
            field_dict["idType"] = id_type
        if id_number is not None:
            field_dict["idNumber"] = id_number
        if issue_authority is not None:
            field_dict["issueAuthority"] = issue_authority
        if issue_date is not None:
            field_dict["issueDate"] = issue_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _id_type = d.pop("idType", None)
        id_type: IdTypeEnum | None
        if _id_type is None:
            id_type = None
        else:
            id_type = IdTypeEnum(_id_type)

        id_number = d.pop("idNumber", None)

        issue_authority = d.pop("issueAuthority", None)

        _issue_date = d.pop("issueDate", None)
        issue_date: datetime.date | None
        if _issue_date is None:
            issue_date = None
        else:
            issue_date = datetime.date.fromisoformat(_issue_date)

        person_identification = cls(
            id_type=id_type,
            id_number=id_number,
            issue_authority=issue_authority,
            issue_date=issue_date,
        )

        person_identification.additional_properties = d
        return person_identification

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
