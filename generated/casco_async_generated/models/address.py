from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Address")


@_attrs_define
class Address:
    county: str
    """ 2-letter county code """
    city: str
    city_code: int
    """ SIRUTA code of the locality """
    street: str
    country: str | None = None
    """ ISO 3166-1 alpha-2 """
    house_number: str | None = None
    building: str | None = None
    staircase: str | None = None
    apartment: str | None = None
    floor: str | None = None
    postcode: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        county = self.county

        city = self.city

        city_code = self.city_code

        street = self.street

        country = self.country

        house_number = self.house_number

        building = self.building

        staircase = self.staircase

        apartment = self.apartment

        floor = self.floor

        postcode = self.postcode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "county": county,
                "city": city,
                "cityCode": city_code,
                "street": street,
            }
        )
        if country is not None:
            field_dict["country"] = country
        if house_number is not None:
            field_dict["houseNumber"] = house_number
        if building is not None:
            field_dict["building"] = building
        if staircase is not None:
            field_dict["staircase"] = staircase
        if apartment is not None:
            field_dict["apartment"] = apartment
        if floor is not None:
            field_dict["floor"] = floor
        if postcode is not None:
            field_dict["postcode"] = postcode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        county = d.pop("county")

        city = d.pop("city")

        city_code = d.pop("cityCode")

        street = d.pop("street")

        country = d.pop("country", None)

        house_number = d.pop("houseNumber", None)

        building = d.pop("building", None)

        staircase = d.pop("staircase", None)

        apartment = d.pop("apartment", None)

        floor = d.pop("floor", None)

        postcode = d.pop("postcode", None)

        address = cls(
            county=county,
            city=city,
            city_code=city_code,
            street=street,
            country=country,
            house_number=house_number,
            building=building,
            staircase=staircase,
            apartment=apartment,
            floor=floor,
            postcode=postcode,
        )

        address.additional_properties = d
        return address

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
