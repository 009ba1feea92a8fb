from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="County")


@_attrs_define
class County:
    id: int
    """ Used as `county_code` in the localities path """
    code: str
    """ 2-letter code """
    name: str
    siruta: int | None = None
    country: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        code = self.code

        name = self.name

        siruta: int | None
        if self.siruta is None:
            siruta = None
        else:
            siruta = self.siruta

        country: str | None
        if self.country is None:
            country = None
        else:
            country = self.country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "code": code,
                "name": name,
            }
        )
        if siruta is not None:
            field_dict["siruta"] = siruta
        if country is not None:
            field_dict["country"] = country

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        code = d.pop("code")

        name = d.pop("name")

        siruta: int | None = d.pop("siruta", None)

        country: str | None = d.pop("country", None)

        county = cls(
            id=id,
            code=code,
            name=name,
            siruta=siruta,
            country=country,
        )

        county.additional_properties = d
        return county

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
