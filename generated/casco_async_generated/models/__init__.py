"""Contains all the data models used in inputs/outputs"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .address import Address
    from .auth_data import AuthData
    from .auth_response import AuthResponse
    from .color_enum import ColorEnum
    from .country import Country
    from .country_list_response import CountryListResponse
    from .county import County
    from .county_list_response import CountyListResponse
    from .coverage import Coverage
    from .currency_enum import CurrencyEnum
    from .deductibles import Deductibles
    from .document_file import DocumentFile
    from .document_files import DocumentFiles
    from .documents_response import DocumentsResponse
    from .driver import Driver
    from .driving_license import DrivingLicense
    from .empty_response import EmptyResponse
    from .error_response import ErrorResponse
    from .field_errors import FieldErrors
    from .fuel_type_enum import FuelTypeEnum
    from .gender_enum import GenderEnum
    from .id_type_enum import IdTypeEnum
    from .installment import Installment
    from .installment_count_enum import InstallmentCountEnum
    from .language_enum import LanguageEnum
    from .locality import Locality
    from .locality_list_response import LocalityListResponse
    from .motor_data import MotorData
    from .offer import Offer
    from .organization import Organization
    from .payment_data import PaymentData
    from .payment_method_enum import PaymentMethodEnum
    from .person import Person
    from .person_identification import PersonIdentification
    from .policy import Policy
    from .policy_reference import PolicyReference
    from .policy_request import PolicyRequest
    from .policy_response import PolicyResponse
    from .policy_result import PolicyResult
    from .product_data import ProductData
    from .provider_authentication import ProviderAuthentication
    from .provider_data import ProviderData
    from .quote_request import QuoteRequest
    from .quote_response import QuoteResponse
    from .quote_result import QuoteResult
    from .registration_type_enum import RegistrationTypeEnum
    from .usage_type_enum import UsageTypeEnum
    from .validation_error_response import ValidationErrorResponse
    from .vehicle import Vehicle
    from .vehicle_code_list_response import VehicleCodeListResponse
    from .vehicle_code_match import VehicleCodeMatch
    from .vehicle_data import VehicleData
    from .vehicle_identification import VehicleIdentification
    from .vehicle_make import VehicleMake
    from .vehicle_make_list_response import VehicleMakeListResponse
    from .vehicle_model import VehicleModel
    from .vehicle_model_list_response import VehicleModelListResponse
    from .vehicle_type_enum import VehicleTypeEnum
else:
    import importlib as _importlib

    #: Model name -> the module (relative to this package) that defines it.
    _MODULES = {
        "Address": ".address",
        "AuthData": ".auth_data",
        "AuthResponse": ".auth_response",
        "ColorEnum": ".color_enum",
        "Country": ".country",
        "CountryListResponse": ".country_list_response",
        "County": ".county",
        "CountyListResponse": ".county_list_response",
        "Coverage": ".coverage",
        "CurrencyEnum": ".currency_enum",
        "Deductibles": ".deductibles",
        "DocumentFile": ".document_file",
        "DocumentFiles": ".document_files",
        "DocumentsResponse": ".documents_response",
        "Driver": ".driver",
        "DrivingLicense": ".driving_license",
        "EmptyResponse": ".empty_response",
        "ErrorResponse": ".error_response",
        "FieldErrors": ".field_errors",
        "FuelTypeEnum": ".fuel_type_enum",
        "GenderEnum": ".gender_enum",
        "IdTypeEnum": ".id_type_enum",
        "Installment": ".installment",
        "InstallmentCountEnum": ".installment_count_enum",
        "LanguageEnum": ".language_enum",
        "Locality": ".locality",
        "LocalityListResponse": ".locality_list_response",
        "MotorData": ".motor_data",
        "Offer": ".offer",
        "Organization": ".organization",
        "PaymentData": ".payment_data",
        "PaymentMethodEnum": ".payment_method_enum",
        "Person": ".person",
        "PersonIdentification": ".person_identification",
        "Policy": ".policy",
        "PolicyReference": ".policy_reference",
        "PolicyRequest": ".policy_request",
        "PolicyResponse": ".policy_response",
        "PolicyResult": ".policy_result",
        "ProductData": ".product_data",
        "ProviderAuthentication": ".provider_authentication",
        "ProviderData": ".provider_data",
        "QuoteRequest": ".quote_request",
        "QuoteResponse": ".quote_response",
        "QuoteResult": ".quote_result",
        "RegistrationTypeEnum": ".registration_type_enum",
        "UsageTypeEnum": ".usage_type_enum",
        "ValidationErrorResponse": ".validation_error_response",
        "Vehicle": ".vehicle",
        "VehicleCodeListResponse": ".vehicle_code_list_response",
        "VehicleCodeMatch": ".vehicle_code_match",
        "VehicleData": ".vehicle_data",
        "VehicleIdentification": ".vehicle_identification",
        "VehicleMake": ".vehicle_make",
        "VehicleMakeListResponse": ".vehicle_make_list_response",
        "VehicleModel": ".vehicle_model",
        "VehicleModelListResponse": ".vehicle_model_list_response",
        "VehicleTypeEnum": ".vehicle_type_enum",
    }

    def __getattr__(name):
        module = _MODULES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(module, __name__), name)
        globals()[name] = value  # later look-ups skip this function
        return value

    def __dir__():
        return sorted({*globals(), *__all__})


__all__ = (
    "Address",
    "AuthData",
    "AuthResponse",
    "ColorEnum",
    "Country",
    "CountryListResponse",
    "County",
    "CountyListResponse",
    "Coverage",
    "CurrencyEnum",
    "Deductibles",
    "DocumentFile",
    "DocumentFiles",
    "DocumentsResponse",
    "Driver",
    "DrivingLicense",
    "EmptyResponse",
    "ErrorResponse",
    "FieldErrors",
    "FuelTypeEnum",
    "GenderEnum",
    "IdTypeEnum",
    "Installment",
    "InstallmentCountEnum",
    "LanguageEnum",
    "Locality",
    "LocalityListResponse",
    "MotorData",
    "Offer",
    "Organization",
    "PaymentData",
    "PaymentMethodEnum",
    "Person",
    "PersonIdentification",
    "Policy",
    "PolicyReference",
    "PolicyRequest",
    "PolicyResponse",
    "PolicyResult",
    "ProductData",
    "ProviderAuthentication",
    "ProviderData",
    "QuoteRequest",
    "QuoteResponse",
    "QuoteResult",
    "RegistrationTypeEnum",
    "UsageTypeEnum",
    "ValidationErrorResponse",
    "Vehicle",
    "VehicleCodeListResponse",
    "VehicleCodeMatch",
    "VehicleData",
    "VehicleIdentification",
    "VehicleMake",
    "VehicleMakeListResponse",
    "VehicleModel",
    "VehicleModelListResponse",
    "VehicleTypeEnum",
)
