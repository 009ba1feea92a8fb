from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.coverage import Coverage
    from ..models.motor_data import MotorData
    from ..models.person import Person
    from ..models.vehicle import Vehicle


T = TypeVar("T", bound="ProductData")


@_attrs_define
class ProductData:
    """Data object representing a product"""

    name: str
    """ Product name (`casco`; Groupama also `casco-leasing`) """
    motor: MotorData
    coverages: list[Coverage]
    policyholder: Person
    """ A policyholder, owner or driver. Required beyond `taxId` and `address` - the names for a person,
    `businessName` for a legal entity. """
    vehicle: Vehicle
    """ The insured vehicle. `engineDisplacement` is not required for electric vehicles or trailers; `enginePower`
    and `seats` are not required for trailers (O1-O4). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        motor = self.motor.to_dict()

        coverages = []
        for coverages_item_data in self.coverages:
            coverages_item = coverages_item_data.to_dict()
            coverages.append(coverages_item)

        policyholder = self.policyholder.to_dict()

        vehicle = self.vehicle.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "motor": motor,
                "coverages": coverages,
                "policyholder": policyholder,
                "vehicle": vehicle,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        motor = MotorData.from_dict(d.pop("motor"))

        coverages = [
            Coverage.from_dict(coverages_item_data) for coverages_item_data in d.pop("coverages")
        ]

        policyholder = Person.from_dict(d.pop("policyholder"))

        vehicle = Vehicle.from_dict(d.pop("vehicle"))

        product_data = cls(
            name=name,
            motor=motor,
            coverages=coverages,
            policyholder=policyholder,
            vehicle=vehicle,
        )

        product_data.additional_properties = d
        return product_data

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
from ..models.coverage import Coverage
from ..models.motor_data import MotorData
from ..models.person import Person
from ..models.vehicle import Vehicle
