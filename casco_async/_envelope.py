"""Turn an HTTP answer into the envelope's payload, or into the right typed error.

The vendor wraps everything in `{"error": …, "status": …, "message": …, "data": …}`. The docs'
samples print `"false"`/`"200"` as strings while the live API sends a boolean and an integer, so
both are read. `error: true` is an error whatever the HTTP status says.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, TypeVar, cast

import httpx

from ._errors import (
    APIStatusError,
    CascoError,
    RateLimitError,
    ResponseValidationError,
    ValidationError,
    status_error_class,
)
from ._operations import Operation

T = TypeVar("T")

_CORRELATION_HEADERS = ("x-correlation-id", "x-request-id", "correlation-id")


def is_iana_status(status_code: int) -> bool:
    """Whether the status is one IANA registered (520, 499 and friends are not)."""
    try:
        HTTPStatus(status_code)
    except ValueError:
        return False
    return True


def truthy(value: object) -> bool:
    """The envelope's `error` flag, read leniently (`true`, `"true"`, `1`, `"1"`)."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII only: "²".isdigit() is true, and int() refuses it.
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks us to wait: `retry-after-ms`, `Retry-After` seconds or HTTP-date."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _field_errors(data: object) -> dict[str, list[str]]:
    if not isinstance(data, Mapping):
        return {}
    errors: dict[str, list[str]] = {}
    for path, messages in data.items():
        if isinstance(messages, str):
            errors[str(path)] = [messages]
        elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
            errors[str(path)] = list(messages)
        else:
            return {}  # not a field-error map: some other error detail
    return errors


def _correlation_id(payload: Mapping[str, Any] | None, headers: httpx.Headers) -> str | None:
    if payload is not None:
        for key in ("correlation_id", "correlationId"):
            value = payload.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value)
    for header in _CORRELATION_HEADERS:
        if header in headers:
            return headers[header]
    return None


def error_from_response(
    operation: Operation[Any],
    status_code: int,
    payload: Mapping[str, Any] | None,
    headers: httpx.Headers,
) -> CascoError:
    """The typed error for an error answer (`payload` is the parsed envelope, if it was one)."""
    correlation_id = _correlation_id(payload, headers)
    if not is_iana_status(status_code):
        return ResponseValidationError(
            f"unexpected HTTP status {status_code}",
            operation=operation.id,
            status_code=status_code,
            correlation_id=correlation_id,
        )
    message = ""
    field_errors: dict[str, list[str]] = {}
    if payload is not None:
        raw_message = payload.get("message")
        if isinstance(raw_message, str):
            message = raw_message
        errors = payload.get("errors")
        if not message and isinstance(errors, list):
            message = "; ".join(str(e) for e in errors if isinstance(e, str | int))
        field_errors = _field_errors(payload.get("data"))
    if not message:
        message = f"HTTP {status_code} {HTTPStatus(status_code).phrase}"
    if status_code == 429:
        return RateLimitError(
            message,
            retry_after=parse_retry_after(headers),
            operation=operation.id,
            correlation_id=correlation_id,
        )
    cls: type[APIStatusError] = status_error_class(status_code)
    if status_code == 400 and (field_errors or message == "VALIDATION_ERROR"):
        cls = ValidationError
    return cls(
        message,
        operation=operation.id,
        status_code=status_code,
        field_errors=field_errors,
        correlation_id=correlation_id,
    )


def json_object(body: bytes) -> dict[str, Any] | None:
    """`body` as a JSON object, or None if it is not one (not JSON, another type, too deep)."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None
    return payload if isinstance(payload, dict) else None


def envelope_payload(operation: Operation[Any], response: httpx.Response) -> dict[str, Any]:
    """The decoded envelope of a complete answer, or raise its typed error."""
    status_code = response.status_code
    payload = json_object(response.content)
    if payload is None:
        if status_code >= 400 or not is_iana_status(status_code):
            raise error_from_response(operation, status_code, None, response.headers)
        raise ResponseValidationError(
            "the answer is not a JSON envelope",
            operation=operation.id,
            status_code=status_code,
            correlation_id=_correlation_id(None, response.headers),
        )
    check_envelope(operation, status_code, payload, response.headers)
    return payload


def check_envelope(
    operation: Operation[Any], status_code: int, payload: Mapping[str, Any], headers: httpx.Headers
) -> None:
    """Raise the typed error if the HTTP status or the envelope says the call failed."""
    if status_code >= 400 or not is_iana_status(status_code):
        raise error_from_response(operation, status_code, payload, headers)
    if truthy(payload.get("error")):
        envelope_status = _as_int(payload.get("status"))
        if envelope_status is None or envelope_status < 400 or not is_iana_status(envelope_status):
            envelope_status = 400 if "data" in payload and _field_errors(payload["data"]) else 500
        raise error_from_response(operation, envelope_status, payload, headers)


def parse_success(operation: Operation[T], response: httpx.Response) -> T:
    """The typed `data` of a successful answer, or raise a typed error.

    `data` comes as the generated models of the operation's envelope; for an operation without
    one (`CascoClient.request`) as parsed JSON, and None for a successful HEAD (no body).
    """
    if operation.envelope is None and operation.method == "HEAD":
        check_envelope(operation, response.status_code, {}, response.headers)
        return cast(T, None)
    payload = envelope_payload(operation, response)
    if operation.envelope is None:
        return cast(T, payload.get("data"))
    try:
        envelope = operation.envelope.from_dict(payload)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResponseValidationError(
            f"the answer does not match the {operation.id} schema ({type(exc).__name__})",
            operation=operation.id,
            status_code=response.status_code,
        ) from None
    return cast(T, envelope.data)
