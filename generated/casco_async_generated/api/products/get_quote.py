from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.language_enum import LanguageEnum
from ...models.quote_request import QuoteRequest
from ...models.quote_response import QuoteResponse
from ...models.validation_error_response import ValidationErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: QuoteRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(content_language, Unset):
        headers["Content-Language"] = str(content_language)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/offer",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | QuoteResponse | ValidationErrorResponse | None:
    if response.status_code == 200:
        response_200 = QuoteResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ErrorResponse.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | QuoteResponse | ValidationErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: QuoteRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> Response[ErrorResponse | QuoteResponse | ValidationErrorResponse]:
    """Get a quote

     A quote is obtained from the insurer for the product specified in the request.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (QuoteRequest):  Example: {'provider': {'organization': {'businessName':
            'generali'}}, 'product': {'name': 'casco', 'motor': {'startDate': '2027-01-20',
            'termTime': 12, 'installmentCount': 4, 'currency': 'RON', 'withoutTax': False,
            'deductibles': {'partialDamage': 0, 'totalDamage': 0}}, 'coverages': [{'isIncluded': True,
            'code': 'vehicle', 'insuredSum': 95000}], 'policyholder': {'isLegalEntity': False,
            'isForeignPerson': False, 'lastName': 'Popescu', 'firstName': 'Andrei', 'taxId':
            '1850312120013', 'gender': 'm', 'birthdate': '1985-03-12', 'email':
            'andrei.popescu@example.ro', 'mobileNumber': '0722123456', 'drivingLicense': {'issueDate':
            '2004-06-01'}, 'identification': {'idType': 'CI', 'idNumber': 'CJ123456',
            'issueAuthority': 'SPCLEP Cluj-Napoca', 'issueDate': '2020-05-10'}, 'address': {'country':
            'RO', 'county': 'CJ', 'city': 'Cluj-Napoca', 'cityCode': 54975, 'street': 'Strada
            Memorandumului', 'houseNumber': '28', 'postcode': '400114'}}, 'vehicle': {'licensePlate':
            'CJ12ABC', 'registrationType': 'registered', 'vin': 'UU1DJF00469123456', 'vehicleType':
            'M1', 'brand': 'Dacia', 'model': 'Duster', 'yearOfConstruction': 2022,
            'engineDisplacement': 1461, 'enginePower': 85, 'totalWeight': 1820, 'seats': 5,
            'fuelType': 'diesel', 'firstRegistration': '2022-04-14', 'usageType': 'personal',
            'identification': {'idNumber': 'J123456'}, 'currentMileage': 48000, 'color': 'gray',
            'marketValue': 95000, 'isLeased': False, 'isNew': False}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | QuoteResponse | ValidationErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        content_language=content_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: QuoteRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> ErrorResponse | QuoteResponse | ValidationErrorResponse | None:
    """Get a quote

     A quote is obtained from the insurer for the product specified in the request.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (QuoteRequest):  Example: {'provider': {'organization': {'businessName':
            'generali'}}, 'product': {'name': 'casco', 'motor': {'startDate': '2027-01-20',
            'termTime': 12, 'installmentCount': 4, 'currency': 'RON', 'withoutTax': False,
            'deductibles': {'partialDamage': 0, 'totalDamage': 0}}, 'coverages': [{'isIncluded': True,
            'code': 'vehicle', 'insuredSum': 95000}], 'policyholder': {'isLegalEntity': False,
            'isForeignPerson': False, 'lastName': 'Popescu', 'firstName': 'Andrei', 'taxId':
            '1850312120013', 'gender': 'm', 'birthdate': '1985-03-12', 'email':
            'andrei.popescu@example.ro', 'mobileNumber': '0722123456', 'drivingLicense': {'issueDate':
            '2004-06-01'}, 'identification': {'idType': 'CI', 'idNumber': 'CJ123456',
            'issueAuthority': 'SPCLEP Cluj-Napoca', 'issueDate': '2020-05-10'}, 'address': {'country':
            'RO', 'county': 'CJ', 'city': 'Cluj-Napoca', 'cityCode': 54975, 'street': 'Strada
            Memorandumului', 'houseNumber': '28', 'postcode': '400114'}}, 'vehicle': {'licensePlate':
            'CJ12ABC', 'registrationType': 'registered', 'vin': 'UU1DJF00469123456', 'vehicleType':
            'M1', 'brand': 'Dacia', 'model': 'Duster', 'yearOfConstruction': 2022,
            'engineDisplacement': 1461, 'enginePower': 85, 'totalWeight': 1820, 'seats': 5,
            'fuelType': 'diesel', 'firstRegistration': '2022-04-14', 'usageType': 'personal',
            'identification': {'idNumber': 'J123456'}, 'currentMileage': 48000, 'color': 'gray',
            'marketValue': 95000, 'isLeased': False, 'isNew': False}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | QuoteResponse | ValidationErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        content_language=content_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: QuoteRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> Response[ErrorResponse | QuoteResponse | ValidationErrorResponse]:
    """Get a quote

     A quote is obtained from the insurer for the product specified in the request.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (QuoteRequest):  Example: {'provider': {'organization': {'businessName':
            'generali'}}, 'product': {'name': 'casco', 'motor': {'startDate': '2027-01-20',
            'termTime': 12, 'installmentCount': 4, 'currency': 'RON', 'withoutTax': False,
            'deductibles': {'partialDamage': 0, 'totalDamage': 0}}, 'coverages': [{'isIncluded': True,
            'code': 'vehicle', 'insuredSum': 95000}], 'policyholder': {'isLegalEntity': False,
            'isForeignPerson': False, 'lastName': 'Popescu', 'firstName': 'Andrei', 'taxId':
            '1850312120013', 'gender': 'm', 'birthdate': '1985-03-12', 'email':
            'andrei.popescu@example.ro', 'mobileNumber': '0722123456', 'drivingLicense': {'issueDate':
            '2004-06-01'}, 'identification': {'idType': 'CI', 'idNumber': 'CJ123456',
            'issueAuthority': 'SPCLEP Cluj-Napoca', 'issueDate': '2020-05-10'}, 'address': {'country':
            'RO', 'county': 'CJ', 'city': 'Cluj-Napoca', 'cityCode': 54975, 'street': 'Strada
            Memorandumului', 'houseNumber': '28', 'postcode': '400114'}}, 'vehicle': {'licensePlate':
            'CJ12ABC', 'registrationType': 'registered', 'vin': 'UU1DJF00469123456', 'vehicleType':
            'M1', 'brand': 'Dacia', 'model': 'Duster', 'yearOfConstruction': 2022,
            'engineDisplacement': 1461, 'enginePower': 85, 'totalWeight': 1820, 'seats': 5,
            'fuelType': 'diesel', 'firstRegistration': '2022-04-14', 'usageType': 'personal',
            'identification': {'idNumber': 'J123456'}, 'currentMileage': 48000, 'color': 'gray',
            'marketValue': 95000, 'isLeased': False, 'isNew': False}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | QuoteResponse | ValidationErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        content_language=content_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: QuoteRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> ErrorResponse | QuoteResponse | ValidationErrorResponse | None:
    """Get a quote

     A quote is obtained from the insurer for the product specified in the request.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (QuoteRequest):  Example: {'provider': {'organization': {'businessName':
            'generali'}}, 'product': {'name': 'casco', 'motor': {'startDate': '2027-01-20',
            'termTime': 12, 'installmentCount': 4, 'currency': 'RON', 'withoutTax': False,
            'deductibles': {'partialDamage': 0, 'totalDamage': 0}}, 'coverages': [{'isIncluded': True,
            'code': 'vehicle', 'insuredSum': 95000}], 'policyholder': {'isLegalEntity': False,
            'isForeignPerson': False, 'lastName': 'Popescu', 'firstName': 'Andrei', 'taxId':
            '1850312120013', 'gender': 'm', 'birthdate': '1985-03-12', 'email':
            'andrei.popescu@example.ro', 'mobileNumber': '0722123456', 'drivingLicense': {'issueDate':
            '2004-06-01'}, 'identification': {'idType': 'CI', 'idNumber': 'CJ123456',
            'issueAuthority': 'SPCLEP Cluj-Napoca', 'issueDate': '2020-05-10'}, 'address': {'country':
            'RO', 'county': 'CJ', 'city': 'Cluj-Napoca', 'cityCode': 54975, 'street': 'Strada
            Memorandumului', 'houseNumber': '28', 'postcode': '400114'}}, 'vehicle': {'licensePlate':
            'CJ12ABC', 'registrationType': 'registered', 'vin': 'UU1DJF00469123456', 'vehicleType':
            'M1', 'brand': 'Dacia', 'model': 'Duster', 'yearOfConstruction': 2022,
            'engineDisplacement': 1461, 'enginePower': 85, 'totalWeight': 1820, 'seats': 5,
            'fuelType': 'diesel', 'firstRegistration': '2022-04-14', 'usageType': 'personal',
            'identification': {'idNumber': 'J123456'}, 'currentMileage': 48000, 'color': 'gray',
            'marketValue': 95000, 'isLeased': False, 'isNew': False}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | QuoteResponse | ValidationErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            content_language=content_language,
        )
    ).parsed
