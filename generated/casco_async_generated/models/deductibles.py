from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Deductibles")


@_attrs_define
class Deductibles:
    partial_damage: float | None = None
    total_damage: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partial_damage = self.partial_damage

        total_damage = self.total_damage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if partial_damage is not None:
            field_dict["partialDamage"] = partial_damage
        if total_damage is not None:
            field_dict["totalDamage"] = total_damage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        partial_damage = d.pop("partialDamage", None)

        total_damage = d.pop("totalDamage", None)

        deductibles = cls(
            partial_damage=partial_damage,
            total_damage=total_damage,
        )

        deductibles.additional_properties = d
        return deductibles

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
