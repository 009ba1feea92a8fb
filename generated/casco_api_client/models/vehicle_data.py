from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.color_enum import ColorEnum
from ..models.fuel_type_enum import FuelTypeEnum
from ..models.vehicle_type_enum import VehicleTypeEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="VehicleData")


@_attrs_define
class VehicleData:
    """A vehicle's mechanical data. `engineDisplacement` is not required for electric vehicles or trailers; `enginePower`
    and `seats` are not required for trailers (O1-O4).

    """

    vehicle_type: VehicleTypeEnum
    """ Enum representing vehicle types """
    brand: str
    """ Brand of the vehicle """
    model: str
    """ Model of the vehicle """
    year_of_construction: int
    """ Year the vehicle was constructed. Max. [current year] + 1 """
    vin: str | Unset = UNSET
    """ Vehicle Identification Number (VIN) """
    motor_series: str | Unset = UNSET
    """ Vehicle motor series (if applicable) """
    engine_displacement: int | Unset = UNSET
    """ Engine displacement in cubic centimeters. Not required for electric vehicles or trailers """
    engine_power: int | Unset = UNSET
    """ Engine power (kW). Not required for trailers """
    total_weight: int | Unset = UNSET
    """ Total weight of the vehicle in kilograms """
    seats: int | Unset = UNSET
    """ Number of seats in the vehicle. Not required for trailers """
    fuel_type: FuelTypeEnum | Unset = UNSET
    """ Enum representing fuel types for vehicles """
    current_mileage: int | Unset = UNSET
    """ Current mileage of the vehicle in kilometers """
    color: ColorEnum | Unset = UNSET
    """ Enum representing colors for vehicles """
    market_value: float | str | Unset = UNSET
    """ Market value of the vehicle (a number, or a decimal string as in the docs) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vehicle_type = self.vehicle_type.value

        brand = self.brand

        model = self.model

        year_of_construction = self.year_of_construction

        vin = self.vin

        motor_series = self.motor_series

        engine_displacement = self.engine_displacement

        engine_power = self.engine_power

        total_weight = self.total_weight

        seats = self.seats

        fuel_type: str | Unset = UNSET
        if not isinstance(self.fuel_type, Unset):
            fuel_type = self.fuel_type.value

        current_mileage = self.current_mileage

        color: str | Unset = UNSET
        if not isinstance(self.color, Unset):
            color = self.color.value

        market_value: float | str | Unset
        if isinstance(self.market_value, Unset):
            market_value = UNSET
        else:
            market_value = self.market_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vehicleType": vehicle_type,
                "brand": brand,
                "model": model,
                "yearOfConstruction": year_of_construction,
            }
        )
        if vin is not UNSET:
            field_dict["vin"] = vin
        if motor_series is not UNSET:
            field_dict["motorSeries"] = motor_series
        if engine_displacement is not UNSET:
            field_dict["engineDisplacement"] = engine_displacement
        if engine_power is not UNSET:
            field_dict["enginePower"] = engine_power
        if total_weight is not UNSET:
            field_dict["totalWeight"] = total_weight
        if seats is not UNSET:
            field_dict["seats"] = seats
        if fuel_type is not UNSET:
            field_dict["fuelType"] = fuel_type
        if current_mileage is not UNSET:
            field_dict["currentMileage"] = current_mileage
        if color is not UNSET:
            field_dict["color"] = color
        if market_value is not UNSET:
            field_dict["marketValue"] = market_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vehicle_type = VehicleTypeEnum(d.pop("vehicleType"))

        brand = d.pop("brand")

        model = d.pop("model")

        year_of_construction = d.pop("yearOfConstruction")

        vin = d.pop("vin", UNSET)

        motor_series = d.pop("motorSeries", UNSET)

        engine_displacement = d.pop("engineDisplacement", UNSET)

        engine_power = d.pop("enginePower", UNSET)

        total_weight = d.pop("totalWeight", UNSET)

        seats = d.pop("seats", UNSET)

        _fuel_type = d.pop("fuelType", UNSET)
        fuel_type: FuelTypeEnum | Unset
        if isinstance(_fuel_type, Unset):
            fuel_type = UNSET
        else:
            fuel_type = FuelTypeEnum(_fuel_type)

        current_mileage = d.pop("currentMileage", UNSET)

        _color = d.pop("color", UNSET)
        color: ColorEnum | Unset
        if isinstance(_color, Unset):
            color = UNSET
        else:
            color = ColorEnum(_color)

        def _parse_market_value(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        market_value = _parse_market_value(d.pop("marketValue", UNSET))

        vehicle_data = cls(
            vehicle_type=vehicle_type,
            brand=brand,
            model=model,
            year_of_construction=year_of_construction,
            vin=vin,
            motor_series=motor_series,
            engine_displacement=engine_displacement,
            engine_power=engine_power,
            total_weight=total_weight,
            seats=seats,
            fuel_type=fuel_type,
            current_mileage=current_mileage,
            color=color,
            market_value=market_value,
        )

        vehicle_data.additional_properties = d
        return vehicle_data

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
