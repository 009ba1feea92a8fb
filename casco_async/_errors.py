"""The typed error tree: every failure the SDK reports is a `CascoError`.

    CascoError
    ├── ConfigurationError            bad client settings (also a ValueError)
    ├── APIStatusError                the API answered with an error (HTTP status or `error: true`)
    │   ├── BadRequestError           400
    │   │   └── ValidationError       400 VALIDATION_ERROR, or refused before sending
    │   ├── AuthenticationError       401
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404
    │   ├── ConflictError             409
    │   ├── UnprocessableEntityError  422
    │   ├── RateLimitError            429 (`retry_after`)
    │   └── InternalServerError       5xx
    ├── APIConnectionError            no usable answer (DNS, refused, reset, protocol error)
    │   └── APITimeoutError
    ├── ResponseValidationError       an answer that cannot be understood (body, shape, status)
    ├── AmbiguousOutcomeError         POST /policy sent, outcome unknown: check before retrying
    └── DocumentError                 a downloaded document failed an integrity check

Messages never carry tokens, passwords or document content: they come from the API's `message`
field or are written here.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AmbiguousOutcomeError",
    "AuthenticationError",
    "BadRequestError",
    "CascoError",
    "ConfigurationError",
    "ConflictError",
    "DocumentError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "UnprocessableEntityError",
    "ValidationError",
]


class CascoError(Exception):
    """Root of every error raised by casco_async.

    Attributes:
        message: What went wrong, in words (the API's `message` where it sent one).
        operation: The API operation (its operationId, e.g. ``getQuote``), when known.
        status_code: The HTTP status (or the envelope's `status` for `error: true` under 200).
        field_errors: Dotted field path → messages, for validation failures; else empty.
        correlation_id: The vendor's correlation/request id, when it sent one.
    """

    def __init__(
        self,
        message: str,
        *,
        operation: str | None = None,
        status_code: int | None = None,
        field_errors: Mapping[str, list[str]] | None = None,
        correlation_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation
        self.status_code = status_code
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})
        self.correlation_id = correlation_id

    def __str__(self) -> str:
        parts = [self.message]
        if self.operation:
            parts.append(f"operation={self.operation}")
        if self.status_code is not None:
            parts.append(f"status={self.status_code}")
        if self.correlation_id:
            parts.append(f"correlation_id={self.correlation_id}")
        text = " ".join([parts[0], f"({', '.join(parts[1:])})"]) if len(parts) > 1 else parts[0]
        if self.field_errors:
            details = "; ".join(
                f"{path}: {' '.join(msgs)}" for path, msgs in self.field_errors.items()
            )
            text = f"{text}: {details}"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class ConfigurationError(CascoError, ValueError):
    """The client was configured in a way that cannot work (missing URL, insecure HTTP, …)."""


class APIStatusError(CascoError):
    """The API answered, and the answer is an error."""


class BadRequestError(APIStatusError):
    """HTTP 400: the API refused the request."""


class ValidationError(BadRequestError):
    """The request is invalid; `field_errors` maps dotted paths to messages.

    Raised by the API (HTTP 400 ``VALIDATION_ERROR``) and by the client before sending, with the
    same paths (then `status_code` is None: nothing was sent).
    """


class AuthenticationError(APIStatusError):
    """HTTP 401: wrong credentials, or a token that stayed invalid after one renewal."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403: the account may not do this (e.g. an insurer not enabled for it)."""


class NotFoundError(APIStatusError):
    """HTTP 404: no such offer, policy or resource."""


class ConflictError(APIStatusError):
    """HTTP 409: e.g. a policy already exists for this offer, or the offer expired."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422."""


class RateLimitError(APIStatusError):
    """HTTP 429; `retry_after` is the server's requested wait in seconds, when it sent one."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        operation: str | None = None,
        status_code: int | None = 429,
        correlation_id: str | None = None,
    ) -> None:
        super().__init__(
            message, operation=operation, status_code=status_code, correlation_id=correlation_id
        )
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """HTTP 5xx: the API or the insurer behind it failed."""


class APIConnectionError(CascoError):
    """No usable answer: the connection failed, was reset, or broke the protocol."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, write, read or waiting for a pooled connection)."""


class ResponseValidationError(CascoError):
    """The answer cannot be understood: not JSON, wrong shape, or a status outside IANA's list."""


class AmbiguousOutcomeError(CascoError):
    """A non-idempotent request (POST /policy) was sent but its outcome is unknown.

    The policy may or may not have been issued. Never resend blindly: issuing the same offer
    again is answered with `ConflictError` when the first attempt did succeed, so a resend is
    safe only as a deliberate check. `offer_id` names the offer concerned.
    """

    def __init__(
        self,
        message: str,
        *,
        offer_id: int | None = None,
        operation: str | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message, operation=operation, status_code=status_code)
        self.offer_id = offer_id


class DocumentError(CascoError):
    """A downloaded document is unusable (bad base64, truncated, not a PDF, unsafe name)."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The error class for an HTTP (or envelope) status code."""
    if status_code in _BY_STATUS:
        return _BY_STATUS[status_code]
    if status_code >= 500:
        return InternalServerError
    return APIStatusError


class TLSVerificationError(APIConnectionError):
    """The server's TLS certificate could not be verified: not the API, or not as expected.

    A self-signed or expired certificate, a wrong host name, or a TLS-inspecting proxy whose CA
    this machine does not trust. Never retried: a retry meets the same certificate. Nothing was
    sent (the handshake comes first), so even ``POST /policy`` is certainly not carried out.
    """
