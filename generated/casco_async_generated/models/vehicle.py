from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.color_enum import ColorEnum
from ..models.fuel_type_enum import FuelTypeEnum
from ..models.registration_type_enum import RegistrationTypeEnum
from ..models.usage_type_enum import UsageTypeEnum
from ..models.vehicle_type_enum import VehicleTypeEnum

if TYPE_CHECKING:
    from ..models.driver import Driver
    from ..models.person import Person
    from ..models.vehicle_identification import VehicleIdentification


T = TypeVar("T", bound="Vehicle")


@_attrs_define
class Vehicle:
    """The insured vehicle. `engineDisplacement` is not required for electric vehicles or trailers; `enginePower` and
    `seats` are not required for trailers (O1-O4).

    """

    vin: str
    """ Vehicle Identification Number """
    vehicle_type: VehicleTypeEnum
    """ Enum representing vehicle types """
    brand: str
    model: str
    year_of_construction: int
    """ Max. [current year] + 1 """
    usage_type: UsageTypeEnum
    market_value: float | str
    """ Market value of the vehicle (a number, or a decimal string as in the docs) """
    license_plate: str | None = None
    registration_type: RegistrationTypeEnum | None = None
    engine_displacement: int | None = None
    """ Cubic centimetres """
    engine_power: int | None = None
    """ kW """
    total_weight: int | None = None
    """ kg """
    seats: int | None = None
    fuel_type: FuelTypeEnum | None = None
    """ Enum representing fuel types for vehicles """
    first_registration: datetime.date | None = None
    identification: VehicleIdentification | None = None
    current_mileage: int | None = None
    color: ColorEnum | None = None
    """ Enum representing colors for vehicles """
    vehicle_code: str | None = None
    """ Code from POST /helper/vehicle-code (x-source decision) """
    is_leased: bool | None = None
    is_new: bool | None = None
    owner: Person | None = None
    """ A policyholder, owner or driver. Required beyond `taxId` and `address` - the names for a person,
    `businessName` for a legal entity. """
    driver: list[Driver] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vin = self.vin

        vehicle_type = self.vehicle_type.value

        brand = self.brand

        model = self.model

        year_of_construction = self.year_of_construction

        usage_type = self.usage_type.value

        market_value: float | str
        market_value = self.market_value

        license_plate = self.license_plate

        registration_type: str | None = None
        if self.registration_type is not None:
            registration_type = self.registration_type.value

        engine_displacement = self.engine_displacement

        engine_power = self.engine_power

        total_weight = self.total_weight

        seats = self.seats

        fuel_type: str | None = None
        if self.fuel_type is not None:
            fuel_type = self.fuel_type.value

        first_registration: str | None = None
        if self.first_registration is not None:
            first_registration = self.first_registration.isoformat()

        identification: dict[str, Any] | None = None
        if self.identification is not None:
            identification = self.identification.to_dict()

        current_mileage = self.current_mileage

        color: str | None = None
        if self.color is not None:
            color = self.color.value

        vehicle_code = self.vehicle_code

        is_leased = self.is_leased

        is_new = self.is_new

        owner: dict[str, Any] | None = None
        if self.owner is not None:
            owner = self.owner.to_dict()

        driver: list[dict[str, Any]] | None = None
        if self.driver is not None:
            driver = []
            for driver_item_data in self.driver:
                driver_item = driver_item_data.to_dict()
                driver.append(driver_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vin": vin,
                "vehicleType": vehicle_type,
                "brand": brand,
                "model": model,
                "yearOfConstruction": year_of_construction,
                "usageType": usage_type,
                "marketValue": market_value,
            }
        )
        if license_plate is not None:
            field_dict["licensePlate"] = license_plate
        if registration_type is not None:
            field_dict["registrationType"] = registration_type
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
        if first_registration is not None:
            field_dict["firstRegistration"] = first_registration
        if identification is not None:
            field_dict["identification"] = identification
        if current_mileage is not None:
            field_dict["currentMileage"] = current_mileage
        if color is not None:
            field_dict["color"] = color
        if vehicle_code is not None:
            field_dict["vehicleCode"] = vehicle_code
        if is_leased is not None:
            field_dict["isLeased"] = is_leased
        if is_new is not None:
            field_dict["isNew"] = is_new
        if owner is not None:
            field_dict["owner"] = owner
        if driver is not None:
            field_dict["driver"] = driver

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vin = d.pop("vin")

        vehicle_type = VehicleTypeEnum(d.pop("vehicleType"))

        brand = d.pop("brand")

        model = d.pop("model")

        year_of_construction = d.pop("yearOfConstruction")

        usage_type = UsageTypeEnum(d.pop("usageType"))

        market_value: float | str = d.pop("marketValue")

        license_plate = d.pop("licensePlate", None)

        _registration_type = d.pop("registrationType", None)
        registration_type: RegistrationTypeEnum | None
        if _registration_type is None:
            registration_type = None
        else:
            registration_type = RegistrationTypeEnum(_registration_type)

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

        _first_registration = d.pop("firstRegistration", None)
        first_registration: datetime.date | None
        if _first_registration is None:
            first_registration = None
        else:
            first_registration = datetime.date.fromisoformat(_first_registration)

        _identification = d.pop("identification", None)
        identification: VehicleIdentification | None
        if _identification is None:
            identification = None
        else:
            identification = VehicleIdentification.from_dict(_identification)

        current_mileage = d.pop("currentMileage", None)

        _color = d.pop("color", None)
        color: ColorEnum | None
        if _color is None:
            color = None
        else:
            color = ColorEnum(_color)

        vehicle_code = d.pop("vehicleCode", None)

        is_leased = d.pop("isLeased", None)

        is_new = d.pop("isNew", None)

        _owner = d.pop("owner", None)
        owner: Person | None
        if _owner is None:
            owner = None
        else:
            owner = Person.from_dict(_owner)

        _driver = d.pop("driver", None)
        driver: list[Driver] | None = None
        if _driver is not None:
            driver = [Driver.from_dict(driver_item_data) for driver_item_data in _driver]

        vehicle = cls(
            vin=vin,
            vehicle_type=vehicle_type,
            brand=brand,
            model=model,
            year_of_construction=year_of_construction,
            usage_type=usage_type,
            market_value=market_value,
            license_plate=license_plate,
            registration_type=registration_type,
            engine_displacement=engine_displacement,
            engine_power=engine_power,
            total_weight=total_weight,
            seats=seats,
            fuel_type=fuel_type,
            first_registration=first_registration,
            identification=identification,
            current_mileage=current_mileage,
            color=color,
            vehicle_code=vehicle_code,
            is_leased=is_leased,
            is_new=is_new,
            owner=owner,
            driver=driver,
        )

        vehicle.additional_properties = d
        return vehicle

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


# Imported after the class: a model that holds this one may be the one importing it.
from ..models.driver import Driver
from ..models.person import Person
from ..models.vehicle_identification import VehicleIdentification
