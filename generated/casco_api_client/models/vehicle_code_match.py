from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VehicleCodeMatch")


@_attrs_define
class VehicleCodeMatch:
    code: str
    brand: str
    model: str
    version: None | str | Unset = UNSET
    year_from: int | None | Unset = UNSET
    year_to: int | None | Unset = UNSET
    engine_displacement: int | None | Unset = UNSET
    engine_power: int | None | Unset = UNSET
    fuel_type: None | str | Unset = UNSET
    market_value: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        brand = self.brand

        model = self.model

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        year_from: int | None | Unset
        if isinstance(self.year_from, Unset):
            year_from = UNSET
        else:
            year_from = self.year_from

        year_to: int | None | Unset
        if isinstance(self.year_to, Unset):
            year_to = UNSET
        else:
            year_to = self.year_to

        engine_displacement: int | None | Unset
        if isinstance(self.engine_displacement, Unset):
            engine_displacement = UNSET
        else:
            engine_displacement = self.engine_displacement

        engine_power: int | None | Unset
        if isinstance(self.engine_power, Unset):
            engine_power = UNSET
        else:
            engine_power = self.engine_power

        fuel_type: None | str | Unset
        if isinstance(self.fuel_type, Unset):
            fuel_type = UNSET
        else:
            fuel_type = self.fuel_type

        market_value: float | None | Unset
        if isinstance(self.market_value, Unset):
            market_value = UNSET
        else:
            market_value = self.market_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "brand": brand,
                "model": model,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if year_from is not UNSET:
            field_dict["yearFrom"] = year_from
        if year_to is not UNSET:
            field_dict["yearTo"] = year_to
        if engine_displacement is not UNSET:
            field_dict["engineDisplacement"] = engine_displacement
        if engine_power is not UNSET:
            field_dict["enginePower"] = engine_power
        if fuel_type is not UNSET:
            field_dict["fuelType"] = fuel_type
        if market_value is not UNSET:
            field_dict["marketValue"] = market_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        brand = d.pop("brand")

        model = d.pop("model")

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        def _parse_year_from(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year_from = _parse_year_from(d.pop("yearFrom", UNSET))

        def _parse_year_to(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year_to = _parse_year_to(d.pop("yearTo", UNSET))

        def _parse_engine_displacement(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        engine_displacement = _parse_engine_displacement(d.pop("engineDisplacement", UNSET))

        def _parse_engine_power(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        engine_power = _parse_engine_power(d.pop("enginePower", UNSET))

        def _parse_fuel_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fuel_type = _parse_fuel_type(d.pop("fuelType", UNSET))

        def _parse_market_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        market_value = _parse_market_value(d.pop("marketValue", UNSET))

        vehicle_code_match = cls(
            code=code,
            brand=brand,
            model=model,
            version=version,
            year_from=year_from,
            year_to=year_to,
            engine_displacement=engine_displacement,
            engine_power=engine_power,
            fuel_type=fuel_type,
            market_value=market_value,
        )

        vehicle_code_match.additional_properties = d
        return vehicle_code_match

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
