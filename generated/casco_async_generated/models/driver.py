from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vehicle_identification import VehicleIdentification


T = TypeVar("T", bound="Driver")


@_attrs_define
class Driver:
    last_name: str
    first_name: str
    tax_id: str
    identification: VehicleIdentification | None = None
    mobile_number: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_name = self.last_name

        first_name = self.first_name

        tax_id = self.tax_id

        identification: dict[str, Any] | None = None
        if self.identification is not None:
            identification = self.identification.to_dict()

        mobile_number = self.mobile_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "lastName": last_name,
                "firstName": first_name,
                "taxId": tax_id,
            }
        )
        if identification is not None:
            field_dict["identification"] = identification
        if mobile_number is not None:
            field_dict["mobileNumber"] = mobile_number

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        last_name = d.pop("lastName")

        first_name = d.pop("firstName")

        tax_id = d.pop("taxId")

        _identification = d.pop("identification", None)
        identification: VehicleIdentification | None
        if _identification is None:
            identification = None
        else:
            identification = VehicleIdentification.from_dict(_identification)

        mobile_number = d.pop("mobileNumber", None)

        driver = cls(
            last_name=last_name,
            first_name=first_name,
            tax_id=tax_id,
            identification=identification,
            mobile_number=mobile_number,
        )

        driver.additional_properties = d
        return driver

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
from ..models.vehicle_identification import VehicleIdentification
