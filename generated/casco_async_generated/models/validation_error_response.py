from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.field_errors import FieldErrors


T = TypeVar("T", bound="ValidationErrorResponse")


@_attrs_define
class ValidationErrorResponse:
    """HTTP 400 with `message` VALIDATION_ERROR and dotted field paths in `data`."""

    error: bool | str
    status: int | str
    message: str
    data: FieldErrors
    """ Dotted field path (e.g. `product.policyholder.address.floor`) to its messages. """
    correlation_id: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: bool | str
        error = self.error

        status: int | str
        status = self.status

        message = self.message

        data = self.data.to_dict()

        correlation_id = self.correlation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "status": status,
                "message": message,
                "data": data,
            }
        )
        if correlation_id is not None:
            field_dict["correlation_id"] = correlation_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error: bool | str = d.pop("error")

        status: int | str = d.pop("status")

        message = d.pop("message")

        data = FieldErrors.from_dict(d.pop("data"))

        correlation_id = d.pop("correlation_id", None)

        validation_error_response = cls(
            error=error,
            status=status,
            message=message,
            data=data,
            correlation_id=correlation_id,
        )

        validation_error_response.additional_properties = d
        return validation_error_response

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
from ..models.field_errors import FieldErrors
