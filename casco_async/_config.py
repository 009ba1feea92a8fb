"""What a client is configured with: the API's base URLs, default timeouts, and one view's options.

Constants and checks live here, apart from the client that assembles them (as httpx keeps its
`_config.py` apart from its client), so the constructor and `with_options` apply one set of rules.
"""

from __future__ import annotations

import math

import attrs
import httpx

from ._errors import ConfigurationError
from ._net import is_loopback
from ._retry import RetryPolicy

__all__ = [
    "DEFAULT_TIMEOUT",
    "PRODUCTION_BASE_URL",
    "SLOW_TIMEOUT",
    "TEST_BASE_URL",
    "ClientOptions",
    "as_timeout",
    "check_base_url",
]

TEST_BASE_URL = "https://casco-qa.api.lifeishard.ro"
"""The vendor's test environment."""
PRODUCTION_BASE_URL = "https://casco.api.lifeishard.ro"
"""The vendor's production environment (whitelisted IPs only)."""

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""Timeouts of quick calls (auth, nomenclature, helper): 10 s to connect, 30 s per read."""
SLOW_TIMEOUT = httpx.Timeout(30.0, connect=10.0, read=180.0)
"""Timeouts of calls an insurer answers (quotes, policies, documents): insurers can be slow."""


def check_base_url(base_url: str, allow_insecure_http: bool) -> httpx.URL:
    """`base_url` as a URL, or `ConfigurationError` if it cannot be the API's.

    Plain http is refused to a non-loopback host unless `allow_insecure_http`: the token and
    the password would cross the network in clear.
    """
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        raise ConfigurationError(f"base_url {base_url!r} is not a URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(
            f"base_url {base_url!r} must be an http(s) URL, e.g. {TEST_BASE_URL}"
        )
    if url.scheme == "http" and not is_loopback(url.host) and not allow_insecure_http:
        raise ConfigurationError(
            f"base_url {base_url!r} uses plain http to a non-loopback host: use https, "
            "or pass allow_insecure_http=True if you really mean it"
        )
    return url


def as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout | None:
    """Seconds as an `httpx.Timeout` (the same for connect, read, write and pool)."""
    if timeout is None or isinstance(timeout, httpx.Timeout):
        return timeout
    return httpx.Timeout(timeout)


@attrs.frozen
class ClientOptions:
    """The options of one view of a client (`CascoClient.options`); `with_options` changes them.

    Attributes:
        timeout: The timeout of every call, or None for the per-operation defaults.
        retry: The retry rule.
        language: The `Content-Language` sent (``"ro"`` for Romanian messages), or None.
        validate_requests: Whether requests are validated before sending.
        deadline: Seconds one attempt may take end to end (connect, send, the whole answer),
            or None for the per-operation defaults (60 s; 300 s for calls an insurer answers).
        call_deadline: Seconds a whole call may take, waiting for a slot, retries and backoff
            included, or None: no bound beyond `deadline` for each of at most
            `1 + max_retries` attempts.
        max_response_size: The largest answer body accepted, in bytes, or None for the
            per-operation defaults (16 MiB for nomenclature lists, 4 MiB otherwise).
    """

    timeout: httpx.Timeout | None
    retry: RetryPolicy
    language: str | None = attrs.field(validator=lambda _, __, value: _check_language(value))
    validate_requests: bool
    deadline: float | None = attrs.field(
        default=None, validator=lambda _, __, value: _check_seconds("deadline", value)
    )
    call_deadline: float | None = attrs.field(
        default=None, validator=lambda _, __, value: _check_seconds("call_deadline", value)
    )
    max_response_size: int | None = attrs.field(
        default=None, validator=lambda _, __, value: _check_size(value)
    )

    @classmethod
    def create(
        cls,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        language: str | None = None,
        validate_requests: bool = True,
        deadline: float | None = None,
        call_deadline: float | None = None,
        max_response_size: int | None = None,
    ) -> ClientOptions:
        """The options of a new client, from the constructor's arguments.

        `max_retries` overrides the same field of `retry` (default: `RetryPolicy()`).
        """
        return cls(
            timeout=as_timeout(timeout),
            retry=_retry_with(retry or RetryPolicy(), max_retries),
            language=language,
            validate_requests=validate_requests,
            deadline=deadline,
            call_deadline=call_deadline,
            max_response_size=max_response_size,
        )

    def changed(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        language: str | None = None,
        validate_requests: bool | None = None,
        deadline: float | None = None,
        call_deadline: float | None = None,
        max_response_size: int | None = None,
    ) -> ClientOptions:
        """These options with the arguments that are not None changed (`with_options`).

        `max_retries` overrides the same field of `retry`, or of the current rule.
        """
        return attrs.evolve(
            self,
            deadline=deadline if deadline is not None else self.deadline,
            call_deadline=call_deadline if call_deadline is not None else self.call_deadline,
            max_response_size=(
                max_response_size if max_response_size is not None else self.max_response_size
            ),
            timeout=as_timeout(timeout) if timeout is not None else self.timeout,
            retry=_retry_with(retry or self.retry, max_retries),
            language=language if language is not None else self.language,
            validate_requests=(
                validate_requests if validate_requests is not None else self.validate_requests
            ),
        )


def _check_language(language: str | None) -> None:
    """Refuse a ``Content-Language`` the document does not allow: the API would be sent a header
    outside its contract (``de``), at every call."""
    from ._validation import languages

    allowed = languages()
    if language is not None and language not in allowed:
        raise ConfigurationError(
            f"language {language!r} is not one the API accepts: use one of {', '.join(allowed)}"
        )


def _check_seconds(name: str, value: object) -> None:
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ConfigurationError(f"{name} must be a positive number of seconds, not {value!r}")


def _check_size(value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigurationError(
            f"max_response_size must be a positive number of bytes, not {value!r}"
        )


def _retry_with(retry: RetryPolicy, max_retries: int | None) -> RetryPolicy:
    return retry if max_retries is None else attrs.evolve(retry, max_retries=max_retries)
