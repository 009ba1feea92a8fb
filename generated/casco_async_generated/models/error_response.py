from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """A failed call. Newer vendor APIs also send `errors` and `correlation_id`."""

    error: bool | str
    status: int | str
    message: str | None = None
    data: Any | None = None
    """ Extra detail, any JSON value (null included); shape varies by error """
    errors: list[str] | None = None
    correlation_id: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: bool | str
        error = self.error

        status: int | str
        status = self.status

        message = self.message

        data = self.data

        errors: list[str] | None = None
        if self.errors is not None:
            errors = self.errors

        correlation_id = self.correlation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "status": status,
            }
        )
        if message is not None:
            field_dict["message"] = message
        if data is not None:
            field_dict["data"] = data
        if errors is not None:
            field_dict["errors"] = errors
        if correlation_id is not None:
            field_dict["correlation_id"] = correlation_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error: bool | str = d.pop("error")

        status: int | str = d.pop("status")

        message = d.pop("message", None)

        data = d.pop("data", None)

        errors: list[str] | None = d.pop("errors", None)

        correlation_id = d.pop("correlation_id", None)

        error_response = cls(
            error=error,
            status=status,
            message=message,
            data=data,
            errors=errors,
            correlation_id=correlation_id,
        )

        error_response.additional_properties = d
        return error_response

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
