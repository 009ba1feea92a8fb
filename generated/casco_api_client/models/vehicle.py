from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.color_enum import ColorEnum
from ..models.fuel_type_enum import FuelTypeEnum
from ..models.registration_type_enum import RegistrationTypeEnum
from ..models.usage_type_enum import UsageTypeEnum
from ..models.vehicle_type_enum import VehicleTypeEnum
from ..types import UNSET, Unset

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
    license_plate: str | Unset = UNSET
    registration_type: RegistrationTypeEnum | Unset = UNSET
    engine_displacement: int | Unset = UNSET
    """ Cubic centimetres """
    engine_power: int | Unset = UNSET
    """ kW """
    total_weight: int | Unset = UNSET
    """ kg """
    seats: int | Unset = UNSET
    fuel_type: FuelTypeEnum | Unset = UNSET
    """ Enum representing fuel types for vehicles """
    first_registration: datetime.date | Unset = UNSET
    identification: VehicleIdentification | Unset = UNSET
    current_mileage: int | Unset = UNSET
    color: ColorEnum | Unset = UNSET
    """ Enum representing colors for vehicles """
    vehicle_code: str | Unset = UNSET
    """ Code from POST /helper/vehicle-code (x-source decision) """
    is_leased: bool | Unset = UNSET
    is_new: bool | Unset = UNSET
    owner: Person | Unset = UNSET
    """ A policyholder, owner or driver. Required beyond `taxId` and `address` - the names for a person,
    `businessName` for a legal entity. """
    driver: list[Driver] | Unset = UNSET
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

        registration_type: str | Unset = UNSET
        if not isinstance(self.registration_type, Unset):
            registration_type = self.registration_type.value

        engine_displacement = self.engine_displacement

        engine_power = self.engine_power

        total_weight = self.total_weight

        seats = self.seats

        fuel_type: str | Unset = UNSET
        if not isinstance(self.fuel_type, Unset):
            fuel_type = self.fuel_type.value

        first_registration: str | Unset = UNSET
        if not isinstance(self.first_registration, Unset):
            first_registration = self.first_registration.isoformat()

        identification: dict[str, Any] | Unset = UNSET
        if not isinstance(self.identification, Unset):
            identification = self.identification.to_dict()

        current_mileage = self.current_mileage

        color: str | Unset = UNSET
        if not isinstance(self.color, Unset):
            color = self.color.value

        vehicle_code = self.vehicle_code

        is_leased = self.is_leased

        is_new = self.is_new

        owner: dict[str, Any] | Unset = UNSET
        if not isinstance(self.owner, Unset):
            owner = self.owner.to_dict()

        driver: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.driver, Unset):
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
        if license_plate is not UNSET:
            field_dict["licensePlate"] = license_plate
        if registration_type is not UNSET:
            field_dict["registrationType"] = registration_type
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
        if first_registration is not UNSET:
            field_dict["firstRegistration"] = first_registration
        if identification is not UNSET:
            field_dict["identification"] = identification
        if current_mileage is not UNSET:
            field_dict["currentMileage"] = current_mileage
        if color is not UNSET:
            field_dict["color"] = color
        if vehicle_code is not UNSET:
            field_dict["vehicleCode"] = vehicle_code
        if is_leased is not UNSET:
            field_dict["isLeased"] = is_leased
        if is_new is not UNSET:
            field_dict["isNew"] = is_new
        if owner is not UNSET:
            field_dict["owner"] = owner
        if driver is not UNSET:
            field_dict["driver"] = driver

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.driver import Driver
        from ..models.person import Person
        from ..models.vehicle_identification import VehicleIdentification

        d = dict(src_dict)
        vin = d.pop("vin")

        vehicle_type = VehicleTypeEnum(d.pop("vehicleType"))

        brand = d.pop("brand")

        model = d.pop("model")

        year_of_construction = d.pop("yearOfConstruction")

        usage_type = UsageTypeEnum(d.pop("usageType"))

        def _parse_market_value(data: object) -> float | str:
            return cast(float | str, data)

        market_value = _parse_market_value(d.pop("marketValue"))

        license_plate = d.pop("licensePlate", UNSET)

        _registration_type = d.pop("registrationType", UNSET)
        registration_type: RegistrationTypeEnum | Unset
        if isinstance(_registration_type, Unset):
            registration_type = UNSET
        else:
            registration_type = RegistrationTypeEnum(_registration_type)

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

        _first_registration = d.pop("firstRegistration", UNSET)
        first_registration: datetime.date | Unset
        if isinstance(_first_registration, Unset):
            first_registration = UNSET
        else:
            first_registration = datetime.date.fromisoformat(_first_registration)

        _identification = d.pop("identification", UNSET)
        identification: VehicleIdentification | Unset
        if isinstance(_identification, Unset):
            identification = UNSET
        else:
            identification = VehicleIdentification.from_dict(_identification)

        current_mileage = d.pop("currentMileage", UNSET)

        _color = d.pop("color", UNSET)
        color: ColorEnum | Unset
        if isinstance(_color, Unset):
            color = UNSET
        else:
            color = ColorEnum(_color)

        vehicle_code = d.pop("vehicleCode", UNSET)

        is_leased = d.pop("isLeased", UNSET)

        is_new = d.pop("isNew", UNSET)

        _owner = d.pop("owner", UNSET)
        owner: Person | Unset
        if isinstance(_owner, Unset):
            owner = UNSET
        else:
            owner = Person.from_dict(_owner)

        _driver = d.pop("driver", UNSET)
        driver: list[Driver] | Unset = UNSET
        if _driver is not UNSET:
            driver = []
            for driver_item_data in _driver:
                driver_item = Driver.from_dict(driver_item_data)

                driver.append(driver_item)

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
