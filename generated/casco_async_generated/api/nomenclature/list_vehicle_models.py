from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.vehicle_model_list_response import VehicleModelListResponse
from ...types import Response


def _get_kwargs(
    make: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/nomenclature/vehicle-model/{make}".format(
            make=quote(str(make), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | VehicleModelListResponse | None:
    if response.status_code == 200:
        response_200 = VehicleModelListResponse.from_dict(response.json())

        return response_200

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
) -> Response[ErrorResponse | VehicleModelListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    make: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | VehicleModelListResponse]:
    """List of vehicle models filtered by vehicle make

     An unknown make gives an empty list.

    Args:
        make (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | VehicleModelListResponse]
    """

    kwargs = _get_kwargs(
        make=make,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    make: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | VehicleModelListResponse | None:
    """List of vehicle models filtered by vehicle make

     An unknown make gives an empty list.

    Args:
        make (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | VehicleModelListResponse
    """

    return sync_detailed(
        make=make,
        client=client,
    ).parsed


async def asyncio_detailed(
    make: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | VehicleModelListResponse]:
    """List of vehicle models filtered by vehicle make

     An unknown make gives an empty list.

    Args:
        make (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | VehicleModelListResponse]
    """

    kwargs = _get_kwargs(
        make=make,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    make: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | VehicleModelListResponse | None:
    """List of vehicle models filtered by vehicle make

     An unknown make gives an empty list.

    Args:
        make (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | VehicleModelListResponse
    """

    return (
        await asyncio_detailed(
            make=make,
            client=client,
        )
    ).parsed
