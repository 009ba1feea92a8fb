from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.document_files import DocumentFiles


T = TypeVar("T", bound="DocumentsResponse")


@_attrs_define
class DocumentsResponse:
    """Offer or policy documents; each file's PDF is base64 in `content`, and `/` may be escaped as `\\/` by the vendor's
    PHP.

        Example:
            {'error': False, 'status': 200, 'data': {'files': [{'type': 'Offer', 'name': 'offer-12345.pdf', 'content':
                'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKJSVFT0YK'}]}}

    """

    error: bool | str
    status: int | str
    data: DocumentFiles
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: bool | str
        error = self.error

        status: int | str
        status = self.status

        data = self.data.to_dict()

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

        data = DocumentFiles.from_dict(d.pop("data"))

        documents_response = cls(
            error=error,
            status=status,
            data=data,
        )

        documents_response.additional_properties = d
        return documents_response

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
from ..models.document_files import DocumentFiles
