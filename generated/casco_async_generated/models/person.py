from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gender_enum import GenderEnum

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.driving_license import DrivingLicense
    from ..models.person_identification import PersonIdentification


T = TypeVar("T", bound="Person")


@_attrs_define
class Person:
    """A policyholder, owner or driver. Required beyond `taxId` and `address` - the names for a person, `businessName` for
    a legal entity.

    """

    tax_id: str
    """ CNP for a person or CUI for a company """
    address: Address
    is_legal_entity: bool | None = None
    business_name: str | None = None
    company_registry_number: str | None = None
    caen_code: str | None = None
    last_name: str | None = None
    first_name: str | None = None
    is_foreign_person: bool | None = None
    nationality: str | None = None
    citizenship: str | None = None
    gender: GenderEnum | None = None
    birthdate: datetime.date | None = None
    email: str | None = None
    mobile_number: str | None = None
    driving_license: DrivingLicense | None = None
    identification: PersonIdentification | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tax_id = self.tax_id

        address = self.address.to_dict()

        is_legal_entity = self.is_legal_entity

        business_name = self.business_name

        company_registry_number = self.company_registry_number

        caen_code = self.caen_code

        last_name = self.last_name

        first_name = self.first_name

        is_foreign_person = self.is_foreign_person

        nationality = self.nationality

        citizenship = self.citizenship

        gender: str | None = None
        if self.gender is not None:
            gender = self.gender.value

        birthdate: str | None = None
        if self.birthdate is not None:
            birthdate = self.birthdate.isoformat()

        email = self.email

        mobile_number = self.mobile_number

        driving_license: dict[str, Any] | None = None
        if self.driving_license is not None:
            driving_license = self.driving_license.to_dict()

        identification: dict[str, Any] | None = None
        if self.identification is not None:
            identification = self.identification.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "taxId": tax_id,
                "address": address,
            }
        )
        if is_legal_entity is not None:
            field_dict["isLegalEntity"] = is_legal_entity
        if business_name is not None:
            field_dict["businessName"] = business_name
        if company_registry_number is not None:
            field_dict["companyRegistryNumber"] = company_registry_number
        if caen_code is not None:
            field_dict["caenCode"] = caen_code
        if last_name is not None:
            field_dict["lastName"] = last_name
        if first_name is not None:
            field_dict["firstName"] = first_name
        if is_foreign_person is not None:
            field_dict["isForeignPerson"] = is_foreign_person
        if nationality is not None:
            field_dict["nationality"] = nationality
        if citizenship is not None:
            field_dict["citizenship"] = citizenship
        if gender is not None:
            field_dict["gender"] = gender
        if birthdate is not None:
            field_dict["birthdate"] = birthdate
        if email is not None:
            field_dict["email"] = email
        if mobile_number is not None:
            field_dict["mobileNumber"] = mobile_number
        if driving_license is not None:
            field_dict["drivingLicense"] = driving_license
        if identification is not None:
            field_dict["identification"] = identification

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tax_id = d.pop("taxId")

        address = Address.from_dict(d.pop("address"))

        is_legal_entity = d.pop("isLegalEntity", None)

        business_name = d.pop("businessName", None)

        company_registry_number = d.pop("companyRegistryNumber", None)

        caen_code = d.pop("caenCode", None)

        last_name = d.pop("lastName", None)

        first_name = d.pop("firstName", None)

        is_foreign_person = d.pop("isForeignPerson", None)

        nationality = d.pop("nationality", None)

        citizenship = d.pop("citizenship", None)

        _gender = d.pop("gender", None)
        gender: GenderEnum | None
        if _gender is None:
            gender = None
        else:
            gender = GenderEnum(_gender)

        _birthdate = d.pop("birthdate", None)
        birthdate: datetime.date | None
        if _birthdate is None:
            birthdate = None
        else:
            birthdate = datetime.date.fromisoformat(_birthdate)

        email = d.pop("email", None)

        mobile_number = d.pop("mobileNumber", None)

        _driving_license = d.pop("drivingLicense", None)
        driving_license: DrivingLicense | None
        if _driving_license is None:
            driving_license = None
        else:
            driving_license = DrivingLicense.from_dict(_driving_license)

        _identification = d.pop("identification", None)
        identification: PersonIdentification | None
        if _identification is None:
            identification = None
        else:
            identification = PersonIdentification.from_dict(_identification)

        person = cls(
            tax_id=tax_id,
            address=address,
            is_legal_entity=is_legal_entity,
            business_name=business_name,
            company_registry_number=company_registry_number,
            caen_code=caen_code,
            last_name=last_name,
            first_name=first_name,
            is_foreign_person=is_foreign_person,
            nationality=nationality,
            citizenship=citizenship,
            gender=gender,
            birthdate=birthdate,
            email=email,
            mobile_number=mobile_number,
            driving_license=driving_license,
            identification=identification,
        )

        person.additional_properties = d
        return person

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
from ..models.address import Address
from ..models.driving_license import DrivingLicense
from ..models.person_identification import PersonIdentification
