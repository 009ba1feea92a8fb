from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuthData")


@_attrs_define
class AuthData:
    token: str
    """ JWT (HS256, issuer "Life is Hard") with `exp` and `iat` claims; send it as the `Token` header. """
    expires_at: str
    """ Naive `YYYY-MM-DD HH:MM:SS` in Europe/Bucharest local time; the JWT `exp` claim is the reliable expiry. """
    refresh_token: str
    """ 64 hexadecimal characters, single use """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        expires_at = self.expires_at

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
                "expires_at": expires_at,
                "refresh_token": refresh_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        token = d.pop("token")

        expires_at = d.pop("expires_at")

        refresh_token = d.pop("refresh_token")

        auth_data = cls(
            token=token,
            expires_at=expires_at,
            refresh_token=refresh_token,
        )

        auth_data.additional_properties = d
        return auth_data

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
