from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VehicleCodeMatch")


@_attrs_define
class VehicleCodeMatch:
    code: str
    brand: str
    model: str
    version: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    engine_displacement: int | None = None
    engine_power: int | None = None
    fuel_type: str | None = None
    market_value: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        brand = self.brand

        model = self.model

        version: str | None
        if self.version is None:
            version = None
        else:
            version = self.version

        year_from: int | None
        if self.year_from is None:
            year_from = None
        else:
            year_from = self.year_from

        year_to: int | None
        if self.year_to is None:
            year_to = None
        else:
            year_to = self.year_to

        engine_displacement: int | None
        if self.engine_displacement is None:
            engine_displacement = None
        else:
            engine_displacement = self.engine_displacement

        engine_power: int | None
        if self.engine_power is None:
            engine_power = None
        else:
            engine_power = self.engine_power

        fuel_type: str | None
        if self.fuel_type is None:
            fuel_type = None
        else:
            fuel_type = self.fuel_type

        market_value: float | None
        if self.market_value is None:
            market_value = None
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
        if version is not None:
            field_dict["version"] = version
        if year_from is not None:
            field_dict["yearFrom"] = year_from
        if year_to is not None:
            field_dict["yearTo"] = year_to
        if engine_displacement is not None:
            field_dict["engineDisplacement"] = engine_displacement
        if engine_power is not None:
            field_dict["enginePower"] = engine_power
        if fuel_type is not None:
            field_dict["fuelType"] = fuel_type
        if market_value is not None:
            field_dict["marketValue"] = market_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        brand = d.pop("brand")

        model = d.pop("model")

        version: str | None = d.pop("version", None)

        year_from: int | None = d.pop("yearFrom", None)

        year_to: int | None = d.pop("yearTo", None)

        engine_displacement: int | None = d.pop("engineDisplacement", None)

        engine_power: int | None = d.pop("enginePower", None)

        fuel_type: str | None = d.pop("fuelType", None)

        market_value: float | None = d.pop("marketValue", None)

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
