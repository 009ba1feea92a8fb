from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.color_enum import ColorEnum
from ..models.fuel_type_enum import FuelTypeEnum
from ..models.vehicle_type_enum import VehicleTypeEnum

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
    vin: str | None = None
    """ Vehicle Identification Number (VIN) """
    motor_series: str | None = None
    """ Vehicle motor series (if applicable) """
    engine_displacement: int | None = None
    """ Engine displacement in cubic centimeters. Not required for electric vehicles or trailers """
    engine_power: int | None = None
    """ Engine power (kW). Not required for trailers """
    total_weight: int | None = None
    """ Total weight of the vehicle in kilograms """
    seats: int | None = None
    """ Number of seats in the vehicle. Not required for trailers """
    fuel_type: FuelTypeEnum | None = None
    """ Enum representing fuel types for vehicles """
    current_mileage: int | None = None
    """ Current mileage of the vehicle in kilometers """
    color: ColorEnum | None = None
    """ Enum representing colors for vehicles """
    market_value: float | str | None = None
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

        fuel_type: str | None = None
        if self.fuel_type is not None:
            fuel_type = self.fuel_type.value

        current_mileage = self.current_mileage

        color: str | None = None
        if self.color is not None:
            color = self.color.value

        market_value: float | str | None
        if self.market_value is None:
            market_value = None
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
        if vin is not None:
            field_dict["vin"] = vin
        if motor_series is not None:
            field_dict["motorSeries"] = motor_series
        if engine_displacement is not None:
            field_dict["engineDisplacement"] = engine_displacement
        if engine_power is not None:
            field_dict["enginePower"] = engine_power
        if total_weight is not None:
            field_dict["totalWeight"] = total_weight
        if seats is not None:
            field_dict["seats"] = seats
        if fuel_type is not None:
            field_dict["fuelType"] = fuel_type
        if current_mileage is not None:
            field_dict["currentMileage"] = current_mileage
        if color is not None:
            field_dict["color"] = color
        if market_value is not None:
            field_dict["marketValue"] = market_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vehicle_type = VehicleTypeEnum(d.pop("vehicleType"))

        brand = d.pop("brand")

        model = d.pop("model")

        year_of_construction = d.pop("yearOfConstruction")

        vin = d.pop("vin", None)

        motor_series = d.pop("motorSeries", None)

        engine_displacement = d.pop("engineDisplacement", None)

        engine_power = d.pop("enginePower", None)

        total_weight = d.pop("totalWeight", None)

        seats = d.pop("seats", None)

        _fuel_type = d.pop("fuelType", None)
        fuel_type: FuelTypeEnum | None
        if _fuel_type is None:
            fuel_type = None
        else:
            fuel_type = FuelTypeEnum(_fuel_type)

        current_mileage = d.pop("currentMileage", None)

        _color = d.pop("color", None)
        color: ColorEnum | None
        if _color is None:
            color = None
        else:
            color = ColorEnum(_color)

        market_value: float | str | None = d.pop("marketValue", None)

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
