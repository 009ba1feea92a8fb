from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Locality")


@_attrs_define
class Locality:
    id: int
    name: str
    rang: int | None | Unset = UNSET
    """ 1 Bucharest, 2 municipality, 3 town, 4 commune, 5 village """
    county_code: None | str | Unset = UNSET
    siruta: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        rang: int | None | Unset
        if isinstance(self.rang, Unset):
            rang = UNSET
        else:
            rang = self.rang

        county_code: None | str | Unset
        if isinstance(self.county_code, Unset):
            county_code = UNSET
        else:
            county_code = self.county_code

        siruta: int | None | Unset
        if isinstance(self.siruta, Unset):
            siruta = UNSET
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
        if rang is not UNSET:
            field_dict["rang"] = rang
        if county_code is not UNSET:
            field_dict["countyCode"] = county_code
        if siruta is not UNSET:
            field_dict["siruta"] = siruta

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_rang(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rang = _parse_rang(d.pop("rang", UNSET))

        def _parse_county_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        county_code = _parse_county_code(d.pop("countyCode", UNSET))

        def _parse_siruta(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        siruta = _parse_siruta(d.pop("siruta", UNSET))

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
