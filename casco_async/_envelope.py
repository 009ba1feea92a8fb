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
    ResponseInfo,
    ResponseTooLargeError,
    ResponseValidationError,
    ValidationError,
    status_error_class,
)
from ._operations import Operation

T = TypeVar("T")

_CORRELATION_HEADERS = ("x-correlation-id", "x-request-id", "correlation-id")

# Header names whose values are credentials or session state: masked in `ResponseInfo`.
_SECRET_HEADER_MARKERS = ("token", "cookie", "auth", "secret", "password", "key", "session")
# A support view, not a copy: this many headers, each value cut to this many characters.
_MAX_HEADERS = 64
_MAX_HEADER_VALUE = 512


def response_info(
    status_code: int, headers: httpx.Headers, body: bytes | bytearray | None, *, complete: bool
) -> ResponseInfo:
    """A redacted, size-capped copy of an answer for its error (`CascoError.response_info`).

    `body` is what was read of the body, `complete` whether that is all of it.
    """
    shown: dict[str, str] = {}
    for name, value in headers.multi_items():
        if len(shown) >= _MAX_HEADERS:
            break
        key = name.lower()
        if any(marker in key for marker in _SECRET_HEADER_MARKERS):
            value = "***"
        shown[key] = value if key not in shown else f"{shown[key]}, {value}"
        shown[key] = shown[key][:_MAX_HEADER_VALUE]
    read = b"" if body is None else body
    preview = bytes(read[: ResponseInfo.PREVIEW_BYTES])
    return ResponseInfo(
        status_code=status_code,
        headers=shown,
        body_preview=preview.decode("utf-8", "replace"),
        body_size=len(read),
        truncated=not complete or len(read) > ResponseInfo.PREVIEW_BYTES,
    )


def answer_too_large(
    operation: Operation[Any],
    status_code: int,
    headers: httpx.Headers,
    prefix: bytes | bytearray,
    limit: int,
) -> ResponseTooLargeError:
    """The error of an answer cut off at `limit` bytes (`prefix` is what was read of it)."""
    return ResponseTooLargeError(
        f"the answer (HTTP {status_code}) is larger than the {_size(limit)} this operation "
        "accepts (max_response_size): it was cut off",
        limit=limit,
        operation=operation.id,
        status_code=status_code,
        correlation_id=correlation_id_of(None, headers),
        response_info=response_info(status_code, headers, prefix, complete=False),
    )


def _size(count: int) -> str:
    if count >= 1 << 20 and count % (1 << 20) == 0:
        return f"{count >> 20} MiB"
    if count >= 1 << 10 and count % (1 << 10) == 0:
        return f"{count >> 10} KiB"
    return f"{count} bytes"


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


def as_int(value: object) -> int | None:
    """`value` as a non-negative integer: an int, or a text of ASCII digits; else None."""
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


def correlation_id_of(payload: Mapping[str, Any] | None, headers: httpx.Headers) -> str | None:
    """The vendor's correlation id of an answer: from its envelope, else from its headers."""
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
    body: bytes | bytearray | None = None,
) -> CascoError:
    """The typed error for an error answer (`payload` is the parsed envelope, if it was one).

    `body` (what was read of it) goes, redacted and capped, into the error's `response_info`.
    """
    correlation_id = correlation_id_of(payload, headers)
    info = response_info(status_code, headers, body, complete=True)
    if not is_iana_status(status_code) or status_code < 400:
        # A redirect is never followed (the Token must not leave the API's origin), and a
        # status no registry knows (Cloudflare's 520) says nothing about the outcome.
        detail = "a redirect, which is not followed" if 300 <= status_code < 400 else "unexpected"
        return ResponseValidationError(
            f"unexpected HTTP status {status_code} ({detail})",
            operation=operation.id,
            status_code=status_code,
            correlation_id=correlation_id,
            response_info=info,
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
            response_info=info,
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
        response_info=info,
    )


def is_success_status(status_code: int) -> bool:
    """Whether the HTTP status can carry a success envelope: 2xx, and registered."""
    return 200 <= status_code < 300 and is_iana_status(status_code)


def json_object(body: bytes | bytearray) -> dict[str, Any] | None:
    """`body` as a JSON object, or None if it is not one (not JSON, another type, too deep)."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None
    return payload if isinstance(payload, dict) else None


def envelope_payload(
    operation: Operation[Any], status_code: int, headers: httpx.Headers, body: bytes | bytearray
) -> dict[str, Any]:
    """The decoded envelope of a complete answer, or raise its typed error."""
    payload = json_object(body)
    if payload is None:
        if not is_success_status(status_code):
            raise error_from_response(operation, status_code, None, headers, body)
        raise ResponseValidationError(
            "the answer is not a JSON envelope" + (" (it is empty)" if not body.strip() else ""),
            operation=operation.id,
            status_code=status_code,
            correlation_id=correlation_id_of(None, headers),
            response_info=response_info(status_code, headers, body, complete=True),
        )
    check_envelope(operation, status_code, payload, headers, body)
    return payload


def check_envelope(
    operation: Operation[Any],
    status_code: int,
    payload: Mapping[str, Any],
    headers: httpx.Headers,
    body: bytes | bytearray | None = None,
) -> None:
    """Raise the typed error if the HTTP status or the envelope says the call failed.

    Only a 2xx status can carry a success: a redirect, or a status outside IANA's list, is an
    error whatever its body says.
    """
    if not is_success_status(status_code):
        raise error_from_response(operation, status_code, payload, headers, body)
    if truthy(payload.get("error")):
        envelope_status = as_int(payload.get("status"))
        if envelope_status is None or envelope_status < 400 or not is_iana_status(envelope_status):
            envelope_status = 400 if "data" in payload and _field_errors(payload["data"]) else 500
        raise error_from_response(operation, envelope_status, payload, headers, body)


def parse_success(
    operation: Operation[T], status_code: int, headers: httpx.Headers, body: bytes | bytearray
) -> T:
    """The typed `data` of a complete answer (its status, headers and body), or a typed error.

    `data` comes as the generated models of the operation's envelope; for an operation without
    one (`CascoClient.request`) as parsed JSON, and None for a successful HEAD (no body).
    """
    if operation.envelope is None and operation.method == "HEAD":
        check_envelope(operation, status_code, {}, headers, body)
        return cast(T, None)
    payload = envelope_payload(operation, status_code, headers, body)
    if operation.envelope is None:
        return cast(T, payload.get("data"))
    try:
        envelope = operation.envelope.from_dict(payload)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResponseValidationError(
            f"the answer does not match the {operation.id} schema ({type(exc).__name__})",
            operation=operation.id,
            status_code=status_code,
            correlation_id=correlation_id_of(payload, headers),
            response_info=response_info(status_code, headers, body, complete=True),
        ) from None
    return cast(T, envelope.data)
