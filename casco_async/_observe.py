"""Observing calls: the hook that telemetry plugs into, and keeping secrets away from tracers.

The pipeline reports each call (`observe_call`, around the retry loop) and each attempt of it
(`report_attempt`, from the one place that sends) to the observers registered with
`add_observer`: `casco_async.telemetry` is one, turning them into OpenTelemetry spans and
metrics. With no observer registered the cost is one context-variable look-up per attempt.
What observers receive is metadata only: the operation (method, path template, name), the
attempt number, the status or the error's class name, durations. Never a URL with its query,
a header, a body or an error message.

`without_http_instrumentation` is for the requests that carry a secret in the URL (`POST /auth`
sends the password in its query: the vendor's design): while one is sent, the standard
OpenTelemetry HTTP instrumentations (opentelemetry-instrumentation-httpx, applied globally or
to one client) are told to stay out of it, through OpenTelemetry's own switch
(``suppress_http_instrumentation``), so the password reaches no span attribute, event or
sampler. The SDK's own span of that call (with telemetry on) still shows it, metadata only.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ._operations import Operation

__all__ = [
    "CallObserver",
    "CallRecord",
    "add_observer",
    "observe_call",
    "remove_observer",
    "report_attempt",
    "without_http_instrumentation",
]


class CallRecord(Protocol):
    """What an observer keeps of one call while it runs."""

    def attempt(self, number: int, status: int | None, error: str | None, seconds: float) -> None:
        """One attempt ended: its number (0 first), the HTTP status or the error class name."""

    def end(self, error: BaseException | None, seconds: float) -> None:
        """The call ended: None on success, else the error it raised."""


class CallObserver(Protocol):
    """Something told about every call of every client (e.g. `casco_async.telemetry`)."""

    def call(self, operation: Operation[Any], host: str) -> AbstractContextManager[CallRecord]:
        """Entered for the whole call, retries included; it yields the call's record."""


_observers: list[CallObserver] = []
_current: contextvars.ContextVar[list[CallRecord] | None] = contextvars.ContextVar(
    "casco_async_call", default=None
)


def add_observer(observer: CallObserver) -> None:
    """Tell `observer` about every call from now on (once, however often it is added)."""
    if observer not in _observers:
        _observers.append(observer)


def remove_observer(observer: CallObserver) -> None:
    """Stop telling `observer`."""
    if observer in _observers:
        _observers.remove(observer)


def observe_call(operation: Operation[Any], host: str) -> AbstractContextManager[None]:
    """Around one call (all its attempts): its observers' records are current meanwhile."""
    if not _observers:
        return _UNOBSERVED  # on every call's path: no generator to make and run
    return _observed(operation, host)


_UNOBSERVED: AbstractContextManager[None] = contextlib.nullcontext()


@contextlib.contextmanager
def _observed(operation: Operation[Any], host: str) -> Iterator[None]:
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        records = [stack.enter_context(o.call(operation, host)) for o in list(_observers)]
        token = _current.set(records)
        try:
            yield
        except BaseException as error:
            for record in records:
                record.end(error, time.perf_counter() - started)
            raise
        else:
            for record in records:
                record.end(None, time.perf_counter() - started)
        finally:
            _current.reset(token)


def report_attempt(number: int, status: int | None, error: str | None, started: float) -> None:
    """One attempt of the current call ended (`started`: its `time.perf_counter()`)."""
    records = _current.get()
    if records:
        seconds = time.perf_counter() - started
        for record in records:
            record.attempt(number, status, error, seconds)


_suppress: Callable[[], AbstractContextManager[None]] | None = None


def without_http_instrumentation() -> AbstractContextManager[None]:
    """A context in which OpenTelemetry's HTTP instrumentations record nothing (if installed)."""
    global _suppress
    if _suppress is None:
        try:
            from opentelemetry.instrumentation.utils import suppress_http_instrumentation
        except ImportError:
            # No OpenTelemetry instrumentation installed: nothing could record the URL.
            _suppress = contextlib.nullcontext
        else:
            _suppress = suppress_http_instrumentation
    return _suppress()
