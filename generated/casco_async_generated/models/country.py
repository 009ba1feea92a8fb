from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Country")


@_attrs_define
class Country:
    iso2: str
    iso3: str
    name: str
    name_ro: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        iso2 = self.iso2

        iso3 = self.iso3

        name = self.name

        name_ro: str | None
        if self.name_ro is None:
            name_ro = None
        else:
            name_ro = self.name_ro

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "iso2": iso2,
                "iso3": iso3,
                "name": name,
            }
        )
        if name_ro is not None:
            field_dict["nameRO"] = name_ro

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        iso2 = d.pop("iso2")

        iso3 = d.pop("iso3")

        name = d.pop("name")

        name_ro: str | None = d.pop("nameRO", None)

        country = cls(
            iso2=iso2,
            iso3=iso3,
            name=name,
            name_ro=name_ro,
        )

        country.additional_properties = d
        return country

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
