from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.documents_response import DocumentsResponse
from ...models.error_response import ErrorResponse
from ...models.validation_error_response import ValidationErrorResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    series: str,
    number: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["series"] = series

    params["number"] = number

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/policy",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DocumentsResponse | ErrorResponse | ValidationErrorResponse | None:
    if response.status_code == 200:
        response_200 = DocumentsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[DocumentsResponse | ErrorResponse | ValidationErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    series: str,
    number: int,
) -> Response[DocumentsResponse | ErrorResponse | ValidationErrorResponse]:
    """Download policy

     Download policy in PDF format. The PDF comes base64-encoded inside the JSON envelope
    (`data.files[]`).

    Args:
        series (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentsResponse | ErrorResponse | ValidationErrorResponse]
    """

    kwargs = _get_kwargs(
        series=series,
        number=number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    series: str,
    number: int,
) -> DocumentsResponse | ErrorResponse | ValidationErrorResponse | None:
    """Download policy

     Download policy in PDF format. The PDF comes base64-encoded inside the JSON envelope
    (`data.files[]`).

    Args:
        series (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentsResponse | ErrorResponse | ValidationErrorResponse
    """

    return sync_detailed(
        client=client,
        series=series,
        number=number,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    series: str,
    number: int,
) -> Response[DocumentsResponse | ErrorResponse | ValidationErrorResponse]:
    """Download policy

     Download policy in PDF format. The PDF comes base64-encoded inside the JSON envelope
    (`data.files[]`).

    Args:
        series (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentsResponse | ErrorResponse | ValidationErrorResponse]
    """

    kwargs = _get_kwargs(
        series=series,
        number=number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    series: str,
    number: int,
) -> DocumentsResponse | ErrorResponse | ValidationErrorResponse | None:
    """Download policy

     Download policy in PDF format. The PDF comes base64-encoded inside the JSON envelope
    (`data.files[]`).

    Args:
        series (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentsResponse | ErrorResponse | ValidationErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            series=series,
            number=number,
        )
    ).parsed
