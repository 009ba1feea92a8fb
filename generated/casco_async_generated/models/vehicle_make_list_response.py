from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vehicle_make import VehicleMake


T = TypeVar("T", bound="VehicleMakeListResponse")


@_attrs_define
class VehicleMakeListResponse:
    error: bool | str
    status: int | str
    data: list[VehicleMake]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: bool | str
        error = self.error

        status: int | str
        status = self.status

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "status": status,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error: bool | str = d.pop("error")

        status: int | str = d.pop("status")

        data = [VehicleMake.from_dict(data_item_data) for data_item_data in d.pop("data")]

        vehicle_make_list_response = cls(
            error=error,
            status=status,
            data=data,
        )

        vehicle_make_list_response.additional_properties = d
        return vehicle_make_list_response

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
from ..models.vehicle_make import VehicleMake
