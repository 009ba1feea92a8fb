"""The typed error tree: every failure the SDK reports is a `CascoError`.

    CascoError
    ├── ConfigurationError            bad client settings (also a ValueError)
    ├── APIStatusError                the API answered with an error (HTTP status or `error: true`)
    │   ├── BadRequestError           400
    │   │   └── ValidationError       400 VALIDATION_ERROR, or refused before sending
    │   ├── AuthenticationError       401
    │   │   └── RefusedBeforeProcessingError  401 to POST /policy: not done, token renewed
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404
    │   ├── ConflictError             409
    │   ├── UnprocessableEntityError  422
    │   ├── RateLimitError            429 (`retry_after`)
    │   └── InternalServerError       5xx
    ├── APIConnectionError            no usable answer (DNS, refused, reset, protocol error)
    │   └── APITimeoutError
    │       └── DeadlineExceededError an attempt or a call took longer than its deadline
    ├── ResponseValidationError       an answer that cannot be understood (body, shape, status)
    │   └── ResponseTooLargeError     an answer larger than the operation accepts
    ├── AmbiguousOutcomeError         POST /policy sent, outcome unknown: check before retrying
    └── DocumentError                 a downloaded document failed an integrity check

Messages never carry tokens, passwords or document content: they come from the API's `message`
field (scrubbed of the client's secrets) or are written here. An error made from an answer keeps
a redacted, size-capped copy of it for support tickets (`ResponseInfo`: status, headers without
credentials or cookies, the first bytes of the body) and never an httpx object: those hold the
request's URL, and `POST /auth` carries the password in its query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

import attrs

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
    "DeadlineExceededError",
    "DocumentError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RefusedBeforeProcessingError",
    "ResponseInfo",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "UnprocessableEntityError",
    "ValidationError",
]


def _frozen_headers(headers: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(headers))


@attrs.frozen
class ResponseInfo:
    """A redacted, size-capped copy of an answer, kept on the error made from it.

    Safe to log or attach to a support ticket: credentials, cookies and the client's secrets
    are masked, and the body is cut to its first `PREVIEW_BYTES` bytes.

    Attributes:
        status_code: The HTTP status.
        headers: The answer's headers; the values of credential and cookie headers are ``***``.
        body_preview: The start of the body, decoded as UTF-8 (undecodable bytes replaced).
        body_size: How many body bytes were read (the body may have been cut off earlier).
        truncated: Whether `body_preview` is shorter than what the server sent or announced.
    """

    PREVIEW_BYTES = 2048

    status_code: int
    headers: Mapping[str, str] = attrs.field(converter=_frozen_headers)
    body_preview: str = ""
    body_size: int = 0
    truncated: bool = False

    def scrubbed(self, scrub: Callable[[str], str]) -> ResponseInfo:
        """This copy with `scrub` applied to every header value and to the body preview."""
        return attrs.evolve(
            self,
            headers={name: scrub(value) for name, value in self.headers.items()},
            body_preview=scrub(self.body_preview),
        )


class CascoError(Exception):
    """Root of every error raised by casco_async.

    Attributes:
        message: What went wrong, in words (the API's `message` where it sent one).
        operation: The API operation (its operationId, e.g. ``getQuote``), when known.
        status_code: The HTTP status (or the envelope's `status` for `error: true` under 200).
        field_errors: Dotted field path → messages, for validation failures; else empty.
        correlation_id: The vendor's correlation/request id, when it sent one.
        response_info: A redacted, size-capped copy of the answer (`ResponseInfo`), when the
            error was made from one; also reachable as `headers` and `body_preview`.
    """

    def __init__(
        self,
        message: str,
        *,
        operation: str | None = None,
        status_code: int | None = None,
        field_errors: Mapping[str, list[str]] | None = None,
        correlation_id: str | None = None,
        response_info: ResponseInfo | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation
        self.status_code = status_code
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})
        self.correlation_id = correlation_id
        self.response_info = response_info

    @property
    def headers(self) -> Mapping[str, str]:
        """The answer's headers, redacted (empty when no answer was received)."""
        return self.response_info.headers if self.response_info is not None else {}

    @property
    def body_preview(self) -> str | None:
        """The start of the answer's body, redacted and capped (None without an answer)."""
        return self.response_info.body_preview if self.response_info is not None else None

    def scrub(self, scrub: Callable[[str], str]) -> None:
        """Apply `scrub` to every text this error carries from the server (in place).

        The pipeline calls it with a function that masks the client's secrets, so that a
        server echoing the password in a message or a field error does not get it printed.
        """
        self.message = scrub(self.message)
        self.args = (self.message, *self.args[1:])
        self.field_errors = {
            scrub(path): [scrub(text) for text in texts]
            for path, texts in self.field_errors.items()
        }
        if self.correlation_id is not None:
            self.correlation_id = scrub(self.correlation_id)
        if self.response_info is not None:
            self.response_info = self.response_info.scrubbed(scrub)

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


class RefusedBeforeProcessingError(AuthenticationError):
    """HTTP 401 to a request that is never replayed (`POST /policy`): it was not carried out.

    The API checks the token before it does anything, so nothing was done; the client has
    renewed its token meanwhile, so sending the same request again is safe.
    """


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
        response_info: ResponseInfo | None = None,
    ) -> None:
        super().__init__(
            message,
            operation=operation,
            status_code=status_code,
            correlation_id=correlation_id,
            response_info=response_info,
        )
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """HTTP 5xx: the API or the insurer behind it failed."""


class APIConnectionError(CascoError):
    """No usable answer: the connection failed, was reset, or broke the protocol."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, write, read or waiting for a pooled connection)."""


class DeadlineExceededError(APITimeoutError):
    """An attempt (or the whole call, retries included) took longer than its deadline.

    A server that keeps sending a byte now and then never trips a read timeout; the deadline
    bounds the whole exchange. `deadline` is the limit that was reached, in seconds.
    """

    def __init__(self, message: str, *, deadline: float, operation: str | None = None) -> None:
        super().__init__(message, operation=operation)
        self.deadline = deadline


class ResponseValidationError(CascoError):
    """The answer cannot be understood: not JSON, wrong shape, or a status outside IANA's list."""


class ResponseTooLargeError(ResponseValidationError):
    """The answer (success or error) is larger than the operation accepts; it was cut off.

    `limit` is the size in bytes that was exceeded (`max_response_size`, or the operation's
    default); `status_code` is the status the oversized answer came with.
    """

    def __init__(
        self,
        message: str,
        *,
        limit: int,
        operation: str | None = None,
        status_code: int | None = None,
        correlation_id: str | None = None,
        response_info: ResponseInfo | None = None,
    ) -> None:
        super().__init__(
            message,
            operation=operation,
            status_code=status_code,
            correlation_id=correlation_id,
            response_info=response_info,
        )
        self.limit = limit


class AmbiguousOutcomeError(CascoError):
    """A non-idempotent request (POST /policy) was sent but its outcome is unknown.

    The policy may or may not have been issued. Never resend blindly: issuing the same offer
    again is answered with `ConflictError` when the first attempt did succeed, so a resend is
    safe only as a deliberate check. `offer_id` names the offer concerned; `status_code`,
    `correlation_id` and `response_info` describe the answer that left the outcome open, if one
    arrived (quote the correlation id to the vendor's support).
    """

    def __init__(
        self,
        message: str,
        *,
        offer_id: int | None = None,
        operation: str | None = None,
        status_code: int | None = None,
        correlation_id: str | None = None,
        response_info: ResponseInfo | None = None,
    ) -> None:
        super().__init__(
            message,
            operation=operation,
            status_code=status_code,
            correlation_id=correlation_id,
            response_info=response_info,
        )
        self.offer_id = offer_id


class DocumentError(CascoError):
    """A document cannot be had: unusable (bad base64, truncated, not a PDF, too large) or not
    saved (a file-system error, or its file exists and `overwrite` was not asked).

    Attributes:
        path: The file or directory concerned when saving failed, else None.
        errno: The system's error number when saving failed (`errno.ENOSPC`…), else None. It
            is kept here because the client cuts every error's chain (`__cause__`).
    """

    def __init__(
        self,
        message: str,
        *,
        operation: str | None = None,
        path: Path | None = None,
        errno: int | None = None,
    ) -> None:
        super().__init__(message, operation=operation)
        self.path = path
        self.errno = errno


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
