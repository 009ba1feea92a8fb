from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.language_enum import LanguageEnum
from ...models.policy_request import PolicyRequest
from ...models.policy_response import PolicyResponse
from ...models.validation_error_response import ValidationErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PolicyRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(content_language, Unset):
        headers["Content-Language"] = str(content_language)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/policy",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PolicyResponse | ValidationErrorResponse | None:
    if response.status_code == 200:
        response_200 = PolicyResponse.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

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
) -> Response[ErrorResponse | PolicyResponse | ValidationErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PolicyRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> Response[ErrorResponse | PolicyResponse | ValidationErrorResponse]:
    """Transform the offer into a policy.

     The offer is transformed into a policy based on the offer identifier. Not idempotent; a second
    policy for the same offer is refused.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (PolicyRequest):  Example: {'offerId': 12345, 'payment': {'method': 'receipt',
            'currency': 'RON', 'amount': 780.16, 'date': '2027-01-18', 'documentNumber':
            'CH-000981'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PolicyResponse | ValidationErrorResponse]
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
    body: PolicyRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> ErrorResponse | PolicyResponse | ValidationErrorResponse | None:
    """Transform the offer into a policy.

     The offer is transformed into a policy based on the offer identifier. Not idempotent; a second
    policy for the same offer is refused.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (PolicyRequest):  Example: {'offerId': 12345, 'payment': {'method': 'receipt',
            'currency': 'RON', 'amount': 780.16, 'date': '2027-01-18', 'documentNumber':
            'CH-000981'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PolicyResponse | ValidationErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        content_language=content_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PolicyRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> Response[ErrorResponse | PolicyResponse | ValidationErrorResponse]:
    """Transform the offer into a policy.

     The offer is transformed into a policy based on the offer identifier. Not idempotent; a second
    policy for the same offer is refused.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (PolicyRequest):  Example: {'offerId': 12345, 'payment': {'method': 'receipt',
            'currency': 'RON', 'amount': 780.16, 'date': '2027-01-18', 'documentNumber':
            'CH-000981'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PolicyResponse | ValidationErrorResponse]
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
    body: PolicyRequest,
    content_language: LanguageEnum | Unset = UNSET,
) -> ErrorResponse | PolicyResponse | ValidationErrorResponse | None:
    """Transform the offer into a policy.

     The offer is transformed into a policy based on the offer identifier. Not idempotent; a second
    policy for the same offer is refused.

    Args:
        content_language (LanguageEnum | Unset): Language of messages
        body (PolicyRequest):  Example: {'offerId': 12345, 'payment': {'method': 'receipt',
            'currency': 'RON', 'amount': 780.16, 'date': '2027-01-18', 'documentNumber':
            'CH-000981'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PolicyResponse | ValidationErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            content_language=content_language,
        )
    ).parsed
