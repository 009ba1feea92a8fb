from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.language_enum import LanguageEnum
from ...models.validation_error_response import ValidationErrorResponse
from ...models.vehicle_code_list_response import VehicleCodeListResponse
from ...models.vehicle_data import VehicleData
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: VehicleData,
    content_language: LanguageEnum | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(content_language, Unset):
        headers["Content-Language"] = str(content_language)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/helper/vehicle-code",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse | None:
    if response.status_code == 200:
        response_200 = VehicleCodeListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

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
) -> Response[ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VehicleData,
    content_language: LanguageEnum | Unset = UNSET,
) -> Response[ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse]:
    """Identify a vehicles identification code based on it's mechanical data.

     Identify a vehicles identification code based on it's mechanical data. The matches come best first;
    no match gives an empty list.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (VehicleData): A vehicle's mechanical data. `engineDisplacement` is not required for
            electric vehicles or trailers; `enginePower` and `seats` are not required for trailers
            (O1-O4).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse]
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
    body: VehicleData,
    content_language: LanguageEnum | Unset = UNSET,
) -> ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse | None:
    """Identify a vehicles identification code based on it's mechanical data.

     Identify a vehicles identification code based on it's mechanical data. The matches come best first;
    no match gives an empty list.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (VehicleData): A vehicle's mechanical data. `engineDisplacement` is not required for
            electric vehicles or trailers; `enginePower` and `seats` are not required for trailers
            (O1-O4).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        content_language=content_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VehicleData,
    content_language: LanguageEnum | Unset = UNSET,
) -> Response[ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse]:
    """Identify a vehicles identification code based on it's mechanical data.

     Identify a vehicles identification code based on it's mechanical data. The matches come best first;
    no match gives an empty list.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (VehicleData): A vehicle's mechanical data. `engineDisplacement` is not required for
            electric vehicles or trailers; `enginePower` and `seats` are not required for trailers
            (O1-O4).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse]
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
    body: VehicleData,
    content_language: LanguageEnum | Unset = UNSET,
) -> ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse | None:
    """Identify a vehicles identification code based on it's mechanical data.

     Identify a vehicles identification code based on it's mechanical data. The matches come best first;
    no match gives an empty list.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (VehicleData): A vehicle's mechanical data. `engineDisplacement` is not required for
            electric vehicles or trailers; `enginePower` and `seats` are not required for trailers
            (O1-O4).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ValidationErrorResponse | VehicleCodeListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            content_language=content_language,
        )
    ).parsed
