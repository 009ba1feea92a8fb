from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.locality_list_response import LocalityListResponse
from ...models.validation_error_response import ValidationErrorResponse
from ...types import Response


def _get_kwargs(
    county_code: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/nomenclature/locality/{county_code}".format(
            county_code=quote(str(county_code), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | LocalityListResponse | ValidationErrorResponse | None:
    if response.status_code == 200:
        response_200 = LocalityListResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | LocalityListResponse | ValidationErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    county_code: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | LocalityListResponse | ValidationErrorResponse]:
    """List of localities filtered by county code

     An unknown county gives an empty list, not an error; a `county_code` that is not an integer is
    refused with 400 VALIDATION_ERROR (x-source decision).

    Args:
        county_code (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LocalityListResponse | ValidationErrorResponse]
    """

    kwargs = _get_kwargs(
        county_code=county_code,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    county_code: int,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | LocalityListResponse | ValidationErrorResponse | None:
    """List of localities filtered by county code

     An unknown county gives an empty list, not an error; a `county_code` that is not an integer is
    refused with 400 VALIDATION_ERROR (x-source decision).

    Args:
        county_code (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LocalityListResponse | ValidationErrorResponse
    """

    return sync_detailed(
        county_code=county_code,
        client=client,
    ).parsed


async def asyncio_detailed(
    county_code: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | LocalityListResponse | ValidationErrorResponse]:
    """List of localities filtered by county code

     An unknown county gives an empty list, not an error; a `county_code` that is not an integer is
    refused with 400 VALIDATION_ERROR (x-source decision).

    Args:
        county_code (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LocalityListResponse | ValidationErrorResponse]
    """

    kwargs = _get_kwargs(
        county_code=county_code,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    county_code: int,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | LocalityListResponse | ValidationErrorResponse | None:
    """List of localities filtered by county code

     An unknown county gives an empty list, not an error; a `county_code` that is not an integer is
    refused with 400 VALIDATION_ERROR (x-source decision).

    Args:
        county_code (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LocalityListResponse | ValidationErrorResponse
    """

    return (
        await asyncio_detailed(
            county_code=county_code,
            client=client,
        )
    ).parsed
