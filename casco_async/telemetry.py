"""OpenTelemetry tracing and metrics of every CascoClient call: opt-in, metadata only.

Needs the ``otel`` extra (``pip install 'casco-async[otel]'``, which brings opentelemetry-api;
your application brings the SDK and exporters)::

    from casco_async import telemetry

    telemetry.instrument()            # or instrument(tracer_provider=..., meter_provider=...)

Every call of every client is then a span named by its method and path template (``POST
/offer``, ``GET /nomenclature/locality/{countyCode}``, ``PATCH /auth`` for a renewal), of kind
INTERNAL, covering its retries; HTTP instrumentations (opentelemetry-instrumentation-httpx) nest
their CLIENT spans of each attempt under it. Its attributes: ``casco.operation`` (``getQuote``),
``http.request.method``, ``url.template``, ``server.address``, ``casco.attempts``, the last
``http.response.status_code``, and ``error.type`` (the class name) on failure; each retry is a
``casco.retry`` event with the attempt and why (a status or an error class).

Metrics: ``casco.client.calls`` (calls by operation and outcome), ``casco.client.call.duration``
(seconds, retries included), ``casco.client.attempt.duration`` (seconds per HTTP attempt),
``casco.client.retries`` (by operation and reason), ``casco.client.token.renewals`` and
``casco.client.logins`` (by outcome).

Never recorded: the URL's query, headers, bodies, error messages, exception events — so no
account, password, token, refresh token, insurer credential, CNP or document content reaches a
span or a metric. The password that ``POST /auth`` carries in its query is also kept from the
standard HTTP instrumentations: the SDK sends that one request with OpenTelemetry's
``suppress_http_instrumentation`` switch on, so it has no HTTP span at all (its SDK span above
says all there is to say).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

try:
    from opentelemetry import metrics, trace
    from opentelemetry.trace import SpanKind, Status, StatusCode
except ImportError as error:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "casco_async.telemetry needs OpenTelemetry: pip install 'casco-async[otel]'"
    ) from error

from ._observe import CallRecord, add_observer, remove_observer
from ._operations import AUTHENTICATE, RENEW_TOKEN, Operation

__all__ = ["instrument", "is_instrumented", "uninstrument"]

_SCOPE = "casco_async"


class _Record:
    """One call's span and measurements."""

    def __init__(self, observer: _Observer, operation: Operation[Any], span: trace.Span) -> None:
        self._observer = observer
        self._operation = operation
        self._span = span
        self._attempts = 0
        self._last_status: int | None = None
        self._last_reason: str | None = None
        self._attributes = {
            "casco.operation": operation.id,
            "http.request.method": operation.method,
            "url.template": operation.path,
        }

    def attempt(self, number: int, status: int | None, error: str | None, seconds: float) -> None:
        observer = self._observer
        self._attempts += 1
        if number > 0:
            reason = self._last_reason or "unknown"
            self._span.add_event(
                "casco.retry", {"casco.attempt": number + 1, "casco.retry.reason": reason}
            )
            observer.retries.add(1, {**self._attributes, "casco.retry.reason": reason})
        attempt_attributes: dict[str, str | int] = dict(self._attributes)
        if status is not None:
            attempt_attributes["http.response.status_code"] = status
            self._last_status = status
        if error is not None:
            attempt_attributes["error.type"] = error
        self._last_reason = error if error is not None else str(status)
        observer.attempt_duration.record(seconds, attempt_attributes)

    def end(self, error: BaseException | None, seconds: float) -> None:
        observer = self._observer
        span = self._span
        attributes: dict[str, str | int] = dict(self._attributes)
        span.set_attribute("casco.attempts", self._attempts)
        if self._last_status is not None:
            span.set_attribute("http.response.status_code", self._last_status)
        if error is None:
            attributes["casco.outcome"] = "ok"
        else:
            # The class name only: a message may quote what the caller sent.
            kind = type(error).__name__
            attributes["casco.outcome"] = "error"
            attributes["error.type"] = kind
            span.set_attribute("error.type", kind)
            span.set_status(Status(StatusCode.ERROR, kind))
        observer.calls.add(1, attributes)
        observer.call_duration.record(seconds, attributes)
        outcome = {"casco.outcome": attributes["casco.outcome"]}
        if self._operation is RENEW_TOKEN:
            observer.renewals.add(1, outcome)
        elif self._operation is AUTHENTICATE:
            observer.logins.add(1, outcome)


class _Observer:
    """Spans and instruments of one `instrument()`."""

    def __init__(
        self,
        tracer_provider: trace.TracerProvider | None,
        meter_provider: metrics.MeterProvider | None,
    ) -> None:
        from . import __version__

        self.tracer = trace.get_tracer(_SCOPE, __version__, tracer_provider)
        meter = metrics.get_meter(_SCOPE, __version__, meter_provider)
        self.calls = meter.create_counter(
            "casco.client.calls", unit="{call}", description="CascoApi calls, by outcome"
        )
        self.call_duration = meter.create_histogram(
            "casco.client.call.duration",
            unit="s",
            description="Duration of CascoApi calls, retries included",
        )
        self.attempt_duration = meter.create_histogram(
            "casco.client.attempt.duration", unit="s", description="Duration of HTTP attempts"
        )
        self.retries = meter.create_counter(
            "casco.client.retries", unit="{retry}", description="Retried attempts, by reason"
        )
        self.renewals = meter.create_counter(
            "casco.client.token.renewals", unit="{renewal}", description="Token renewals"
        )
        self.logins = meter.create_counter(
            "casco.client.logins", unit="{login}", description="Logins (POST /auth)"
        )

    @contextlib.contextmanager
    def call(self, operation: Operation[Any], host: str) -> Iterator[CallRecord]:
        with self.tracer.start_as_current_span(
            f"{operation.method} {operation.path}",
            kind=SpanKind.INTERNAL,
            attributes={
                "casco.operation": operation.id,
                "http.request.method": operation.method,
                "url.template": operation.path,
                "server.address": host,
            },
            # Exception events carry messages and tracebacks: the record sets error.type only.
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            yield _Record(self, operation, span)


_installed: _Observer | None = None


def instrument(
    *,
    tracer_provider: trace.TracerProvider | None = None,
    meter_provider: metrics.MeterProvider | None = None,
) -> None:
    """Trace and measure every call of every `CascoClient` from now on.

    Args:
        tracer_provider: Where spans go (default: OpenTelemetry's global provider).
        meter_provider: Where metrics go (default: the global provider).

    Calling it again replaces the providers; `uninstrument` stops.
    """
    global _installed
    uninstrument()
    _installed = _Observer(tracer_provider, meter_provider)
    add_observer(_installed)


def uninstrument() -> None:
    """Stop tracing and measuring (calls already under way finish their spans)."""
    global _installed
    if _installed is not None:
        remove_observer(_installed)
        _installed = None


def is_instrumented() -> bool:
    """Whether `instrument` is in effect."""
    return _installed is not None
