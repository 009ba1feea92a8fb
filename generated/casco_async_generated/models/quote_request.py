from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.product_data import ProductData
    from ..models.provider_data import ProviderData


T = TypeVar("T", bound="QuoteRequest")


@_attrs_define
class QuoteRequest:
    """
    Example:
        {'provider': {'organization': {'businessName': 'generali'}}, 'product': {'name': 'casco', 'motor': {'startDate':
            '2027-01-20', 'termTime': 12, 'installmentCount': 4, 'currency': 'RON', 'withoutTax': False, 'deductibles':
            {'partialDamage': 0, 'totalDamage': 0}}, 'coverages': [{'isIncluded': True, 'code': 'vehicle', 'insuredSum':
            95000}], 'policyholder': {'isLegalEntity': False, 'isForeignPerson': False, 'lastName': 'Popescu', 'firstName':
            'Andrei', 'taxId': '1850312120013', 'gender': 'm', 'birthdate': '1985-03-12', 'email':
            'andrei.popescu@example.ro', 'mobileNumber': '0722123456', 'drivingLicense': {'issueDate': '2004-06-01'},
            'identification': {'idType': 'CI', 'idNumber': 'CJ123456', 'issueAuthority': 'SPCLEP Cluj-Napoca', 'issueDate':
            '2020-05-10'}, 'address': {'country': 'RO', 'county': 'CJ', 'city': 'Cluj-Napoca', 'cityCode': 54975, 'street':
            'Strada Memorandumului', 'houseNumber': '28', 'postcode': '400114'}}, 'vehicle': {'licensePlate': 'CJ12ABC',
            'registrationType': 'registered', 'vin': 'UU1DJF00469123456', 'vehicleType': 'M1', 'brand': 'Dacia', 'model':
            'Duster', 'yearOfConstruction': 2022, 'engineDisplacement': 1461, 'enginePower': 85, 'totalWeight': 1820,
            'seats': 5, 'fuelType': 'diesel', 'firstRegistration': '2022-04-14', 'usageType': 'personal', 'identification':
            {'idNumber': 'J123456'}, 'currentMileage': 48000, 'color': 'gray', 'marketValue': 95000, 'isLeased': False,
            'isNew': False}}}

    """

    provider: ProviderData
    """ Data object representing a provider """
    product: ProductData
    """ Data object representing a product """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider = self.provider.to_dict()

        product = self.product.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider": provider,
                "product": product,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        provider = ProviderData.from_dict(d.pop("provider"))

        product = ProductData.from_dict(d.pop("product"))

        quote_request = cls(
            provider=provider,
            product=product,
        )

        quote_request.additional_properties = d
        return quote_request

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
from ..models.product_data import ProductData
from ..models.provider_data import ProviderData
