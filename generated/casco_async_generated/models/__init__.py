"""Contains all the data models used in inputs/outputs"""

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
