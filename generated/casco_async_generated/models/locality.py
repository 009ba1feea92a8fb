from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Locality")


@_attrs_define
class Locality:
    id: int
    name: str
    rang: int | None = None
    """ 1 Bucharest, 2 municipality, 3 town, 4 commune, 5 village """
    county_code: str | None = None
    siruta: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        rang: int | None
        if self.rang is None:
            rang = None
        else:
            rang = self.rang

        county_code: str | None
        if self.county_code is None:
            county_code = None
        else:
            county_code = self.county_code

        siruta: int | None
        if self.siruta is None:
            siruta = None
        else:
            siruta = self.siruta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if rang is not None:
            field_dict["rang"] = rang
        if county_code is not None:
            field_dict["countyCode"] = county_code
        if siruta is not None:
            field_dict["siruta"] = siruta

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        rang: int | None = d.pop("rang", None)

        county_code: str | None = d.pop("countyCode", None)

        siruta: int | None = d.pop("siruta", None)

        locality = cls(
            id=id,
            name=name,
            rang=rang,
            county_code=county_code,
            siruta=siruta,
        )

        locality.additional_properties = d
        return locality

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
