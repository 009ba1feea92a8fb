"""The retry rule, in one place: what is retried, and how long to wait.

Retried, for idempotent operations only (`Operation.idempotent`; for `CascoClient.request` the
HTTP method's unless the caller says otherwise): connection errors and timeouts, HTTP 408, 429
and 5xx (including non-IANA 5xx such as Cloudflare's 520). Never retried: `POST /policy` (not
idempotent, and the API has no idempotency key), and any other 4xx. The wait is full-jitter
exponential backoff (`uniform(0, min(max_delay, initial_delay * 2**attempt))`), or the server's
`Retry-After` when it sent one — unless that is longer than `max_retry_after`, in which case the
error is raised at once rather than stalling the caller.

The outcome of a failed attempt is decided here and nowhere else, by the type of what failed:

- retry: a transient `CascoError` of an idempotent operation, while attempts are left and the
  call's deadline (`call_deadline`) leaves time for the wait;
- ambiguous: a non-idempotent request that was sent but got no answer that proves its outcome
  (`AmbiguousOutcomeError`): a transport failure after the connection opened, a deadline reached
  after sending, and any answer but a registered 4xx refusal — 5xx, 3xx, 1xx, a status no
  registry knows (520), an unusable, empty, oversized or error-flagged 5xx 200, a 204;
- raise: everything else, and at once an error wrapped in `Settled` (one that already went
  through this rule, such as the token flow's own calls made inside another call).

Every error leaving an attempt is first passed to the pipeline's `scrub` (secrets masked).

The loop reads like stamina's `retry_context`: ``async for attempt in Retrying(...)``, then
``with attempt:`` around one try; a failure the rule retries is swallowed by the `Attempt` and
the iterator waits before handing out the next one.
"""

from __future__ import annotations

import contextvars
import random
from collections.abc import Callable
from types import TracebackType
from typing import Any

import anyio
import attrs
import httpx

from ._envelope import is_iana_status
from ._errors import (
    AmbiguousOutcomeError,
    APIConnectionError,
    APITimeoutError,
    CascoError,
    DeadlineExceededError,
    RateLimitError,
    TLSVerificationError,
)
from ._logging import logger
from ._operations import Operation
from ._tls import certificate_failure

__all__ = [
    "Attempt",
    "RetryPolicy",
    "Retrying",
    "Settled",
    "call_ends_at",
    "deadline_error",
    "is_retryable_status",
    "transport_error",
]

_RETRYABLE_STATUS = frozenset({408, 429})


def is_retryable_status(status: int | None) -> bool:
    """Whether an answer with this HTTP status may well succeed if sent again (408, 429, 5xx)."""
    return status is not None and (status in _RETRYABLE_STATUS or status >= 500)


# Bad gateway, gateway timeout: the answer comes from a proxy that may have passed the request on.
_GATEWAY_FAILURES = frozenset({502, 504})

# When the call being attempted must end (anyio's clock), for the pipeline's deadline of one
# attempt; set by `Attempt` around each try (a context variable: `Pipeline.open` is handed an
# attempt number, not the `Retrying`).
_CALL_ENDS_AT: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "casco_async_call_ends_at", default=None
)


def call_ends_at() -> float | None:
    """When the call being attempted must end (anyio's clock), or None: no call deadline."""
    return _CALL_ENDS_AT.get()


# The connection never opened: nothing reached the server, whatever the operation.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


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
        if isinstance(error, TLSVerificationError):
            return False  # the same certificate again: a retry cannot help
        if isinstance(error, APIConnectionError):
            return True
        return is_retryable_status(error.status_code)

    def delay(
        self, operation: Operation[Any], attempt: int, error: CascoError, rng: random.Random
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


class Settled(Exception):
    """Carries a `CascoError` that already went through the retry rule; raised unchanged.

    The pipeline wraps the errors of the token flow's own calls (made inside another call's
    `httpx` send) in it, so the outer call does not multiply their attempts.
    """

    def __init__(self, error: CascoError) -> None:
        super().__init__(type(error).__name__)
        self.error = error


def transport_error(operation: Operation[Any], exc: httpx.HTTPError) -> CascoError:
    """The typed error of a transport failure (called once, where httpx hands out a stream).

    A non-idempotent request whose connection had opened may have been carried out: its
    outcome is ambiguous. Anything else is a connection error or a timeout.
    """
    kind = type(exc).__name__
    refused = certificate_failure(exc)
    if refused is not None:
        return TLSVerificationError(
            f"the server's TLS certificate could not be verified ({refused})",
            operation=operation.id,
        )
    if not operation.idempotent and not isinstance(exc, _NOT_SENT):
        return AmbiguousOutcomeError(
            f"the request was sent but no answer arrived ({kind}): the outcome is unknown",
            operation=operation.id,
        )
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"the request timed out ({kind})", operation=operation.id)
    return APIConnectionError(f"the connection failed ({kind})", operation=operation.id)


def deadline_error(
    operation: Operation[Any], seconds: float, *, sent: bool, whole_call: bool
) -> CascoError:
    """The typed error of a deadline reached (`seconds` long, the attempt's or the call's).

    A non-idempotent request already handed to the network may have been carried out.
    """
    scope = "call" if whole_call else "attempt"
    if sent and not operation.idempotent:
        return AmbiguousOutcomeError(
            f"no complete answer within the {scope}'s deadline of {seconds:g} s after the "
            "request was sent: the outcome is unknown",
            operation=operation.id,
        )
    return DeadlineExceededError(
        f"the {scope} did not complete within its deadline of {seconds:g} s",
        deadline=seconds,
        operation=operation.id,
    )


def _unproven(operation: Operation[Any], error: CascoError) -> AmbiguousOutcomeError | None:
    """For a non-idempotent request: the ambiguous outcome `error` leaves, or None if it proves
    the request was refused (a registered 4xx) or never answered (no status: judged where the
    failure was met, by `transport_error` or `deadline_error`)."""
    status = error.status_code
    if isinstance(error, AmbiguousOutcomeError) or status is None:
        return None
    if 400 <= status < 500 and is_iana_status(status):
        return None
    who = "a gateway" if status in _GATEWAY_FAILURES else "the API"
    return AmbiguousOutcomeError(
        f"{who} answered {status} after the request was sent ({error.message}): "
        "the outcome is unknown",
        operation=operation.id,
        status_code=status,
        correlation_id=error.correlation_id,
        response_info=error.response_info,
    )


class Attempt:
    """One try of an operation; use as ``with attempt:`` around it (see `Retrying`)."""

    def __init__(self, retrying: Retrying, number: int) -> None:
        self._retrying = retrying
        self.number = number
        """0 for the first try, 1 for the first retry, …"""
        self._token: contextvars.Token[float | None] | None = None

    def __repr__(self) -> str:
        return f"<Attempt {self.number + 1} of {self._retrying.operation.id}>"

    def __enter__(self) -> Attempt:
        self._token = _CALL_ENDS_AT.set(self._retrying.ends_at)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if self._token is not None:
            _CALL_ENDS_AT.reset(self._token)
            self._token = None
        if exc is None:
            self._retrying.succeeded = True
            return False
        if isinstance(exc, Settled):
            self._retrying.scrub(exc.error)
            raise exc.error from None
        if not isinstance(exc, CascoError):
            return False  # cancellation, a bug: not ours to judge
        self._retrying.scrub(exc)
        delay = self._retrying.outcome(self.number, exc)
        if delay is None:
            return False  # raised as it is
        self._retrying.next_delay = delay
        self._retrying.last_error = exc
        return True  # retried: the iterator waits, then hands out the next attempt


class Retrying:
    """The attempts of one call: ``async for attempt in Retrying(...): with attempt: ...``.

    The iteration ends after the first attempt that succeeds; an attempt that fails in a way the
    rule does not retry raises its error out of the ``with`` block.

    Args:
        operation: What is attempted.
        policy: The retry rule.
        rng: The backoff's randomness.
        call_deadline: Seconds the whole call may take from the first attempt's start; a
            retry whose wait would end past it is not made (the last error is raised).
        scrub: Applied to every error leaving an attempt (the pipeline masks its secrets).
    """

    def __init__(
        self,
        operation: Operation[Any],
        policy: RetryPolicy,
        rng: random.Random,
        *,
        scrub: Callable[[CascoError], None],
        call_deadline: float | None = None,
    ) -> None:
        self.operation = operation
        self.policy = policy
        self.rng = rng
        self.call_deadline = call_deadline
        self.ends_at: float | None = None
        self.scrub = scrub
        self.succeeded = False
        self.next_delay: float | None = None
        self.last_error: CascoError | None = None
        self._number = -1

    def __aiter__(self) -> Retrying:
        return self

    async def __anext__(self) -> Attempt:
        # A class, not an async generator: a caller returning from inside the loop leaves
        # nothing suspended behind it to be finalized later.
        if self.succeeded:
            raise StopAsyncIteration
        if self._number < 0 and self.call_deadline is not None:
            self.ends_at = anyio.current_time() + self.call_deadline
        if self._number >= 0:
            if self.next_delay is None:
                # The body neither succeeded nor failed through `with attempt:` (a bug).
                raise RuntimeError("an attempt ended without entering `with attempt:`")
            delay, self.next_delay = self.next_delay, None
            error, self.last_error = self.last_error, None
            if self.ends_at is not None and anyio.current_time() + delay >= self.ends_at:
                # No time left for another attempt after the wait: the last failure stands.
                assert error is not None
                raise error
            await anyio.sleep(delay)
        self._number += 1
        return Attempt(self, self._number)

    def outcome(self, number: int, error: CascoError) -> float | None:
        """Seconds to wait before retrying after `error` on attempt `number`, or None to raise it.

        Raises:
            AmbiguousOutcomeError: a non-idempotent request was answered in a way that does
                not prove its outcome (see the module docstring).
        """
        operation = self.operation
        if not operation.idempotent:
            ambiguous = _unproven(operation, error)
            if ambiguous is not None:
                raise ambiguous from None
        delay = self.policy.delay(operation, number, error, self.rng)
        if delay is None:
            return None
        logger.info(
            "retrying %s in %.2fs (attempt %d failed: %s)",
            operation.id,
            delay,
            number + 1,
            type(error).__name__,
        )
        return delay
