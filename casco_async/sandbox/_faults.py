"""Fault injection for the sandbox: what can go wrong with a call, decided reproducibly.

A :class:`FaultConfig` says how often each kind of fault happens (server errors, rate limiting,
dropped connections) and how the answer is shaped (latency, slow body, document size, raw PDF).
One config applies to the whole server and any operation can have its own, which then replaces
the server's for that operation.

Which call fails is decided by :func:`decide` from ``(seed, operationId, call number)`` only: the
n-th call of an operation meets the same fate whatever the order in which concurrent calls
arrive, so a test with a seed is reproducible even under concurrency.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_DOCUMENT_SIZE",
    "MAX_BYTES",
    "MAX_CHUNK_SIZE",
    "MAX_DELAY_MS",
    "MAX_LIFETIME",
    "MAX_RETRY_AFTER",
    "FaultConfig",
    "FaultDecision",
    "SimulatedDisconnect",
    "decide",
    "install_drop_filter",
]

#: Size of the body pieces the sandbox sends when it streams (documents, slow bodies).
DEFAULT_CHUNK_SIZE = 64 * 1024

#: Default size of offer and policy PDFs: padded with random bytes, so their base64 carries '/'
#: (escaped '\\/' by the vendor's PHP) and a download spans several chunks. The vendor's real
#: offers are about 700 KB.
DEFAULT_DOCUMENT_SIZE = 64 * 1024

_SERVER_ERROR_STATUSES = (500, 502, 503)


class SimulatedDisconnect(httpx.RemoteProtocolError):
    """Raised by the sandbox inside a response body to cut the connection on purpose.

    Under uvicorn the exception makes the server close the socket mid-body, and the client sees an
    incomplete response (``httpx.RemoteProtocolError``). In-process, ``httpx.ASGITransport``
    re-raises the application's exception to the caller; subclassing ``RemoteProtocolError``
    makes that look like the same transport failure to a client under test.
    """

    def __init__(self, sent: int) -> None:
        super().__init__(
            f"casco-async sandbox dropped the connection after {sent} body bytes (injected fault)"
        )
        #: Body bytes that were sent before the connection was cut.
        self.sent = sent


class _DropFilter(logging.Filter):
    """Hide uvicorn's "Exception in ASGI application" traceback for a deliberate cut."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, SimulatedDisconnect)


_FILTER_LOCK = threading.Lock()


def install_drop_filter() -> None:
    """Keep injected connection drops out of uvicorn's error log (idempotent).

    uvicorn logs every exception escaping the application with its traceback; a drop is one by
    design, and a benchmark with a 10 % drop rate would otherwise bury the real errors.
    """
    with _FILTER_LOCK:
        uvicorn_logger = logging.getLogger("uvicorn.error")
        if not any(isinstance(f, _DropFilter) for f in uvicorn_logger.filters):
            uvicorn_logger.addFilter(_DropFilter())


MAX_DELAY_MS = 600_000.0
"""The longest latency, jitter or pause per body piece: 10 minutes."""
MAX_RETRY_AFTER = 86_400
"""The longest `Retry-After`, in seconds: a day."""
MAX_BYTES = 4 << 30
"""The largest padded document, or cut position, in bytes."""
MAX_CHUNK_SIZE = 16 << 20
"""The largest body piece of a streamed answer."""
MAX_LIFETIME = 10 * 366 * 86_400.0
"""The longest token lifetime, in seconds: ten years."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_range(
    name: str,
    value: object,
    low: float,
    high: float,
    *,
    integer: bool = False,
    low_open: bool = False,
) -> None:
    """`ValueError` naming `name` unless `value` is a finite number in [low, high].

    `integer` asks for an int; `low_open` excludes `low` itself (a lifetime must be positive).
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not isinstance(value, int))
        or (isinstance(value, float) and not math.isfinite(value))
        or not (low < value if low_open else low <= value)
        or value > high
    ):
        kind = "an integer" if integer else "a finite number"
        where = f"above {_bound(low)} and at most" if low_open else f"between {_bound(low)} and"
        shown = repr(value)
        shown = shown if len(shown) <= 40 else f"{shown[:37]}..."
        raise ValueError(f"{name} must be {kind} {where} {_bound(high)}, not {shown}".lstrip())


def _bound(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


@dataclass(frozen=True, kw_only=True)
class FaultConfig:
    """Faults and response shaping for one server or one operation (all off by default).

    Rates are probabilities between 0 and 1, drawn independently for every call; at most one of
    rate limiting, server error and dropped connection happens to a call, in that order of
    precedence. Latency and slow bodies add to any outcome.

    Attributes:
        latency_ms: Fixed delay before the call is handled.
        jitter_ms: Extra random delay, uniform between 0 and this, added to ``latency_ms``.
        error_rate: Probability of a server error (``--fault-rate`` on the command line).
        error_statuses: The statuses a server error picks from, uniformly.
        error_after_processing: ``False``: the error replaces the call (nothing happens on the
            server). ``True``: the call is carried out (an offer is stored, a policy issued) and
            its answer is then replaced by the error - the ambiguous outcome a client must not
            resolve by blindly retrying a non-idempotent call.
        rate_limit_rate: Probability of a 429 answer with a ``Retry-After`` header.
        retry_after: Seconds announced in ``Retry-After``.
        drop_rate: Probability that the connection is cut while the body is sent (the call has
            been carried out).
        drop_after_bytes: Body bytes sent before the cut; by default half the body (or the first
            piece of a streamed document).
        slow_body_ms: Pause before each body piece (headers go out at once), to exercise read
            timeouts.
        chunk_size: Size of the body pieces of streamed documents and slow bodies.
        token_lifetime: Lifetime in seconds of the JWTs issued by ``authenticate`` and
            ``renewToken``, overriding the server's (short values simulate early expiry).
        document_size: Pad each offer or policy PDF to this many bytes (the conditions file is
            not padded); ``None`` leaves them at their natural size of about 3 KB.
        raw_pdf: Answer document downloads with ``application/pdf`` bytes of the main PDF
            instead of the JSON envelope, as some servers do.
    """

    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = _SERVER_ERROR_STATUSES
    error_after_processing: bool = False
    rate_limit_rate: float = 0.0
    retry_after: int = 1
    drop_rate: float = 0.0
    drop_after_bytes: int | None = None
    slow_body_ms: float = 0.0
    chunk_size: int = DEFAULT_CHUNK_SIZE
    token_lifetime: float | None = None
    document_size: int | None = DEFAULT_DOCUMENT_SIZE
    raw_pdf: bool = False

    def __post_init__(self) -> None:
        # Every number finite and in a range that keeps the sandbox usable: an infinite
        # latency or token lifetime would hang every call or fail every login until a restart.
        for name in ("error_rate", "rate_limit_rate", "drop_rate"):
            check_range(name, getattr(self, name), 0.0, 1.0)
        for name in ("latency_ms", "jitter_ms", "slow_body_ms"):
            check_range(name, getattr(self, name), 0.0, MAX_DELAY_MS)
        if (
            not self.error_statuses
            or len(self.error_statuses) > 100
            or any(not _is_int(s) or not 500 <= s <= 599 for s in self.error_statuses)
        ):
            raise ValueError("error_statuses must be a non-empty list of 5xx statuses")
        check_range("retry_after", self.retry_after, 0, MAX_RETRY_AFTER, integer=True)
        if self.drop_after_bytes is not None:
            check_range("drop_after_bytes", self.drop_after_bytes, 0, MAX_BYTES, integer=True)
        check_range("chunk_size", self.chunk_size, 1, MAX_CHUNK_SIZE, integer=True)
        if self.token_lifetime is not None:
            check_range("token_lifetime", self.token_lifetime, 0.0, MAX_LIFETIME, low_open=True)
        if self.document_size is not None:
            check_range("document_size", self.document_size, 0, MAX_BYTES, integer=True)

    def to_dict(self) -> dict[str, Any]:
        """The config as JSON-compatible data (the shape :meth:`from_dict` reads)."""
        data = dataclasses.asdict(self)
        data["error_statuses"] = list(self.error_statuses)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FaultConfig:
        """Build a config from JSON data; omitted fields keep their defaults.

        Raises:
            ValueError: an unknown field, a value of the wrong type or out of range; the message
                names the field.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a fault config must be a JSON object")
        fields = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in fields:
                raise ValueError(f"{name}: unknown fault setting")
            values[name] = _coerce(name, value)
        return cls(**values)


def _coerce(name: str, value: Any) -> Any:
    """Check one JSON value against the type of the field ``name`` (bool is not a number)."""

    def number(allow_none: bool = False) -> Any:
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name}: must be a number")
        try:
            return float(value)
        except OverflowError:  # an int beyond float's range (JSON 1e400 is already inf)
            raise ValueError(f"{name}: must be a finite number") from None

    def integer(allow_none: bool = False) -> Any:
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name}: must be an integer")
        return value

    if name in ("error_after_processing", "raw_pdf"):
        if not isinstance(value, bool):
            raise ValueError(f"{name}: must be a boolean")
        return value
    if name == "error_statuses":
        if not isinstance(value, list | tuple) or any(
            isinstance(s, bool) or not isinstance(s, int) for s in value
        ):
            raise ValueError(f"{name}: must be a list of integers")
        return tuple(value)
    if name in ("retry_after", "chunk_size"):
        return integer()
    if name in ("drop_after_bytes", "document_size"):
        return integer(allow_none=True)
    if name == "token_lifetime":
        return number(allow_none=True)
    return number()


@dataclass(frozen=True)
class FaultDecision:
    """The fate of one call, decided before it is handled."""

    #: Seconds to wait before handling the call.
    delay: float = 0.0
    #: 429 or a 5xx status to answer instead of (or, see ``after_processing``, after) the call.
    status: int | None = None
    #: Whether an injected 5xx comes after the call was carried out.
    after_processing: bool = False
    #: Cut the connection after this many body bytes (``-1``: the default cut).
    drop_after: int | None = None
    #: Seconds to wait before each body piece.
    slow_body: float = 0.0

    @property
    def faulty(self) -> bool:
        """Whether the call is answered with an injected error or a dropped connection."""
        return self.status is not None or self.drop_after is not None


def _rng(seed: int, operation: str, call: int) -> random.Random:
    """A generator that depends on (seed, operation, call number) and on nothing else."""
    digest = hashlib.sha256(f"{seed}\x00{operation}\x00{call}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def decide(config: FaultConfig, *, seed: int, operation: str, call: int) -> FaultDecision:
    """Decide the faults of the ``call``-th call (from 1) of ``operation``.

    Every draw is made whether or not its fault is enabled, always in the same order, so that
    changing one rate does not shift the random numbers of the others.
    """
    rng = _rng(seed, operation, call)
    jitter, limited, failed, status_pick, dropped = (rng.random() for _ in range(5))
    delay = (config.latency_ms + jitter * config.jitter_ms) / 1000.0
    slow = config.slow_body_ms / 1000.0
    if limited < config.rate_limit_rate:
        return FaultDecision(delay=delay, status=429, slow_body=slow)
    if failed < config.error_rate:
        statuses = config.error_statuses
        status = statuses[min(int(status_pick * len(statuses)), len(statuses) - 1)]
        return FaultDecision(
            delay=delay,
            status=status,
            after_processing=config.error_after_processing,
            slow_body=slow,
        )
    if dropped < config.drop_rate:
        cut = -1 if config.drop_after_bytes is None else config.drop_after_bytes
        return FaultDecision(delay=delay, drop_after=cut, slow_body=slow)
    return FaultDecision(delay=delay, slow_body=slow)
