"""The retry rule, in one place: what is retried, and how long to wait.

Retried, for idempotent operations only (`Operation.idempotent`; for `CascoClient.request` the
HTTP method's unless the caller says otherwise): connection errors and timeouts, HTTP 408, 429
and 5xx (including non-IANA 5xx such as Cloudflare's 520). Never retried: `POST /policy` (not
idempotent, and the API has no idempotency key), and any other 4xx. The wait is full-jitter
exponential backoff (`uniform(0, min(max_delay, initial_delay * 2**attempt))`), or the server's
`Retry-After` when it sent one — unless that is longer than `max_retry_after`, in which case the
error is raised at once rather than stalling the caller.
"""

from __future__ import annotations

import random

import attrs

from ._errors import APIConnectionError, CascoError, RateLimitError
from ._operations import Operation

__all__ = ["RetryPolicy"]

_RETRYABLE_STATUS = frozenset({408, 429})


@attrs.frozen
class RetryPolicy:
    """When and how long to wait before trying an operation again.

    Attributes:
        max_retries: Retries after the first attempt (0 disables retrying).
        initial_delay: The backoff's first ceiling, in seconds.
        max_delay: The backoff's largest ceiling, in seconds.
        max_retry_after: The longest `Retry-After` honoured; a longer one is surfaced.
    """

    max_retries: int = attrs.field(default=2, validator=attrs.validators.ge(0))
    initial_delay: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    max_delay: float = attrs.field(default=8.0, validator=attrs.validators.ge(0))
    max_retry_after: float = attrs.field(default=60.0, validator=attrs.validators.ge(0))

    @staticmethod
    def is_retryable(error: CascoError) -> bool:
        """Whether the error is transient (ignoring the operation and the attempt count)."""
        if isinstance(error, APIConnectionError):
            return True
        status = error.status_code
        return status is not None and (status in _RETRYABLE_STATUS or status >= 500)

    def delay(
        self, operation: Operation, attempt: int, error: CascoError, rng: random.Random
    ) -> float | None:
        """Seconds to wait before retry number `attempt + 1`, or None to raise `error` now."""
        if not operation.idempotent or attempt >= self.max_retries:
            return None
        if not self.is_retryable(error):
            return None
        if isinstance(error, RateLimitError) and error.retry_after is not None:
            if error.retry_after > self.max_retry_after:
                return None
            return error.retry_after
        ceiling = min(self.max_delay, self.initial_delay * (2**attempt))
        return rng.uniform(0, ceiling)
