from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organization import Organization
    from ..models.provider_authentication import ProviderAuthentication


T = TypeVar("T", bound="ProviderData")


@_attrs_define
class ProviderData:
    """Data object representing a provider"""

    organization: Organization
    authentication: ProviderAuthentication | None = None
    """ The insurer credentials; optional since the vendor stores them. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        organization = self.organization.to_dict()

        authentication: dict[str, Any] | None = None
        if self.authentication is not None:
            authentication = self.authentication.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "organization": organization,
            }
        )
        if authentication is not None:
            field_dict["authentication"] = authentication

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        organization = Organization.from_dict(d.pop("organization"))

        _authentication = d.pop("authentication", None)
        authentication: ProviderAuthentication | None
        if _authentication is None:
            authentication = None
        else:
            authentication = ProviderAuthentication.from_dict(_authentication)

        provider_data = cls(
            organization=organization,
            authentication=authentication,
        )

        provider_data.additional_properties = d
        return provider_data

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
from ..models.organization import Organization
from ..models.provider_authentication import ProviderAuthentication
