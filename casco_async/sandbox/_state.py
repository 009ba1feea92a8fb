"""The sandbox's configuration and its live state: clock, offers, policies, counters, faults.

Everything here is guarded by one lock: the sandbox may run under uvicorn in a background thread
while a test reads its counters or changes its faults from the main thread. No lock is held across
an ``await``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo

from casco_async.sandbox._auth import TokenAuthority
from casco_async.sandbox._document import (
    Operations,
    document_operation_ids,
    document_operations,
    operation_ids,
)
from casco_async.sandbox._faults import MAX_LIFETIME, FaultConfig, check_range
from casco_async.sandbox._tariffs import INSURERS, Insurer, Pricing

__all__ = [
    "MAX_CLOCK_OFFSET",
    "OPERATION_IDS",
    "OUTCOMES",
    "POLICY_SERIES",
    "UNMATCHED",
    "SandboxConfig",
    "SandboxState",
    "StoredOffer",
    "StoredPolicy",
    "offer_data",
    "policy_data",
]

_BUCHAREST = ZoneInfo("Europe/Bucharest")

MAX_CLOCK_OFFSET: Final = 100 * 366 * 86_400.0
"""How far ahead of the wall clock the sandbox clock may run: 100 years."""

if TYPE_CHECKING:
    #: The operationIds of the document's operations, in ``schemas.json``'s order. Read from the
    #: generated client on first access (see :func:`__getattr__`), never written here: a table
    #: kept by hand would drift from the document.
    OPERATION_IDS: tuple[str, ...]


def __getattr__(name: str) -> Any:
    # PEP 562: OPERATION_IDS is read from schemas.json when first asked for, so importing the
    # sandbox reads no file and a broken generated client shows where a sandbox is built.
    if name == "OPERATION_IDS":
        return document_operation_ids()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Counter key for requests that match no operation (unknown path or method).
UNMATCHED: Final = "unmatched"

#: How a call ended, as counted by :meth:`SandboxState.stats`.
OUTCOMES: Final[tuple[str, ...]] = (
    "ok",
    "client_error",
    "unauthorized",
    "rate_limited",
    "server_error",
    "dropped",
)

#: Policy series by insurer (``provider.organization.businessName``). Generali's is the one in
#: the vendor's samples; the others are made up in the same style. Each series numbers its
#: policies on its own.
POLICY_SERIES: Final[Mapping[str, str]] = {
    "generali": "RO/05/M3",
    "groupama": "GPM/CS/1",
    "eazy_insure": "EZI/CAS",
    "allianz": "ALZ/MC/2",
}


@dataclass(frozen=True, kw_only=True)
class SandboxConfig:
    """How a sandbox starts; the faults can be changed later at run time.

    Attributes:
        accounts: Account name -> password accepted by ``POST /auth``.
        token_lifetime: JWT lifetime in seconds (12 h, like the vendor's test API).
        refresh_token_lifetime: How long a refresh token can be used, in seconds.
        secret: HS256 key of the JWTs; random per sandbox by default.
        faults: Faults of every operation.
        operation_faults: Faults of single operations by operationId (as in the generated
            client's ``schemas.json``), each replacing ``faults`` for its operation.
        seed: Seed of the fault decisions.
        insurers: The insurers and their tariffs (default: the four of the contract).
        disabled_insurers: Insurers known but refused with 403 for this broker account.
        first_offer_id: Id of the first offer; later ones count up.
        first_policy_id: ``policyId`` of the first policy; later ones count up.
        first_policy_number: First policy number of each series.
        max_offers: Offers kept; beyond it the oldest are forgotten (and answer 404), so that a
            long benchmark runs in bounded memory.
        escape_slashes: Write ``/`` as ``\\/`` in JSON like the vendor's PHP does.
        public_base_url: Base of the ``pid`` and ``toc`` links in offers.
        max_body_size: Largest request body accepted, in bytes.
    """

    accounts: Mapping[str, str] = field(default_factory=lambda: {"sandbox": "sandbox"})
    token_lifetime: float = 12 * 3600
    refresh_token_lifetime: float = 30 * 86400
    secret: bytes | None = None
    faults: FaultConfig = field(default_factory=FaultConfig)
    operation_faults: Mapping[str, FaultConfig] = field(default_factory=dict)
    seed: int = 0
    insurers: Mapping[str, Insurer] = field(default_factory=lambda: dict(INSURERS))
    disabled_insurers: frozenset[str] = frozenset()
    first_offer_id: int = 100001
    first_policy_id: int = 5001
    first_policy_number: int = 100001
    max_offers: int = 100_000
    escape_slashes: bool = True
    public_base_url: str = "https://casco-qa.api.lifeishard.ro"
    max_body_size: int = 1024 * 1024

    def __post_init__(self) -> None:
        if not self.accounts:
            raise ValueError("at least one account is needed")
        check_range("token_lifetime", self.token_lifetime, 0.0, MAX_LIFETIME, low_open=True)
        check_range(
            "refresh_token_lifetime",
            self.refresh_token_lifetime,
            0.0,
            MAX_LIFETIME,
            low_open=True,
        )
        if self.max_offers <= 0 or self.max_body_size <= 0:
            raise ValueError("max_offers and max_body_size must be positive")
        if self.operation_faults:  # the document is read only when there is something to check
            _check_operations(self.operation_faults, document_operation_ids())


def _check_operations(operation_faults: Mapping[str, FaultConfig], known: Collection[str]) -> None:
    """Refuse unknown operationIds: a typo would otherwise silently disable a fault."""
    unknown = sorted(set(operation_faults) - set(known))
    if unknown:
        raise ValueError(f"unknown operationId(s): {', '.join(unknown)}")


@dataclass(frozen=True)
class StoredOffer:
    """An offer as the sandbox remembers it."""

    offer_id: int
    account: str
    insurer: str
    #: The request's ``product`` object (kept for the PDF and for inspection).
    product: Mapping[str, Any]
    pricing: Pricing
    #: The ``Offer`` object as answered.
    data: Mapping[str, Any]
    #: Sandbox time of creation (epoch seconds).
    created: float


@dataclass(frozen=True)
class StoredPolicy:
    """A policy issued by the sandbox."""

    policy_id: int
    series: str
    number: int
    account: str
    offer_id: int
    insurer: str
    #: The ``Policy`` object as answered.
    data: Mapping[str, Any]
    created: float


def offer_data(offer_id: int, insurer: str, pricing: Pricing, base_url: str) -> dict[str, Any]:
    """The ``Offer`` object of a quote answer."""
    base = base_url.rstrip("/")
    return {
        "offerId": offer_id,
        **pricing.offer_fields(),
        # Links carry '/', which the vendor's PHP escapes: clients meet escaped slashes here too.
        "pid": f"{base}/docs/{insurer}/casco-pid.pdf",
        "toc": f"{base}/docs/{insurer}/casco-conditions.pdf",
        "paymentLink": None,
    }


def policy_data(
    policy_id: int, series: str, number: int, offer: StoredOffer, payment: Mapping[str, Any]
) -> dict[str, Any]:
    """The ``Policy`` object of an issue answer."""
    pricing = offer.pricing
    return {
        "policyId": policy_id,
        "series": series,
        "number": number,
        "startDate": pricing.start_date.isoformat(),
        "endDate": pricing.end_date.isoformat(),
        "premiumAmount": pricing.premium_amount,
        "currency": pricing.currency,
        "payment": {
            key: payment[key]
            for key in ("method", "currency", "amount", "date", "documentNumber")
            if key in payment
        },
        "installments": offer.data.get("installments", []),
        "provider": {"organization": {"businessName": offer.insurer}},
    }


class SandboxState:
    """The live state of one sandbox (thread-safe).

    Args:
        config: how the sandbox starts.
        operations: the document's operations, ``"METHOD /path"`` -> operation as in
            ``schemas.json`` (default: the generated client's); the counters and faults are
            keyed by their operationIds.
    """

    def __init__(self, config: SandboxConfig, operations: Operations | None = None) -> None:
        self.config = config
        #: The document's operations this sandbox serves.
        self.operations: Operations = document_operations() if operations is None else operations
        #: Their operationIds, in order: the keys of :meth:`stats` (with ``unmatched``).
        self.operation_ids: tuple[str, ...] = operation_ids(self.operations)
        _check_operations(config.operation_faults, self.operation_ids)
        self._lock = threading.RLock()
        self._offset = 0.0
        self.tokens = TokenAuthority(
            self.now, secret=config.secret, refresh_lifetime=config.refresh_token_lifetime
        )
        self._faults = config.faults
        self._operation_faults: dict[str, FaultConfig] = dict(config.operation_faults)
        self._seed = config.seed
        self._disabled = set(config.disabled_insurers)
        self._offers: dict[int, StoredOffer] = {}
        self._policies: dict[tuple[str, int], StoredPolicy] = {}
        self._policy_by_offer: dict[int, StoredPolicy] = {}
        self._next_offer_id = config.first_offer_id
        self._next_policy_id = config.first_policy_id
        self._next_number: dict[str, int] = {}
        self._counters: dict[str, dict[str, int]] = {}
        self._reset_counters()

    # --------------------------------------------------------------------------------- clock

    def now(self) -> float:
        """Sandbox time in epoch seconds: the wall clock plus any :meth:`advance`."""
        return time.time() + self._offset

    def today(self) -> date:
        """The sandbox's date in Bucharest (offer expiry, pricing)."""
        return datetime.fromtimestamp(self.now(), _BUCHAREST).date()

    def advance(self, seconds: float) -> None:
        """Move the sandbox clock forward (tokens and offers expire without waiting).

        Raises:
            ValueError: ``seconds`` is negative, not finite, or would take the clock more than
                ``MAX_CLOCK_OFFSET`` ahead (dates would stop making sense); nothing changes.
        """
        check_range("advance", seconds, 0.0, MAX_CLOCK_OFFSET)
        with self._lock:
            if self._offset + seconds > MAX_CLOCK_OFFSET:
                raise ValueError(
                    f"the sandbox clock may run at most {MAX_CLOCK_OFFSET:g} seconds ahead"
                    f" (100 years); it is {self._offset:g} ahead already"
                )
            self._offset += seconds

    # -------------------------------------------------------------------------------- faults

    def set_faults(
        self,
        faults: FaultConfig | None = None,
        *,
        operations: Mapping[str, FaultConfig] | None = None,
        seed: int | None = None,
    ) -> None:
        """Replace the server's faults, the per-operation ones, and/or the seed.

        Arguments left ``None`` are kept as they are.
        """
        if operations is not None:
            _check_operations(operations, self.operation_ids)
        with self._lock:
            if faults is not None:
                self._faults = faults
            if operations is not None:
                self._operation_faults = dict(operations)
            if seed is not None:
                self._seed = seed

    def fault_settings(self) -> tuple[FaultConfig, dict[str, FaultConfig], int]:
        """(server faults, per-operation faults, seed)."""
        with self._lock:
            return self._faults, dict(self._operation_faults), self._seed

    def faults_for(self, operation: str) -> FaultConfig:
        """The faults in force for ``operation``."""
        with self._lock:
            return self._operation_faults.get(operation, self._faults)

    @property
    def seed(self) -> int:
        """Seed of the fault decisions."""
        return self._seed

    # ------------------------------------------------------------------------------ counters

    def _reset_counters(self) -> None:
        self._counters = {
            name: dict.fromkeys(("calls", *OUTCOMES), 0)
            for name in (*self.operation_ids, UNMATCHED)
        }

    def next_call(self, operation: str) -> int:
        """Count a call of ``operation`` and return its number (from 1)."""
        with self._lock:
            counters = self._counters[operation]
            counters["calls"] += 1
            return counters["calls"]

    def record(self, operation: str, outcome: str) -> None:
        """Count how a call ended (one of :data:`OUTCOMES`)."""
        with self._lock:
            self._counters[operation][outcome] += 1

    def stats(self) -> dict[str, dict[str, int]]:
        """A copy of the counters: operationId (or ``unmatched``) -> ``calls`` and outcomes."""
        with self._lock:
            return {name: dict(values) for name, values in self._counters.items()}

    def reset_stats(self) -> None:
        """Zero the counters; call numbers restart, so seeded faults replay from the start."""
        with self._lock:
            self._reset_counters()

    # ------------------------------------------------------------------------------ insurers

    def insurer_enabled(self, key: str) -> bool:
        """Whether ``key`` is known and not disabled for this broker."""
        insurer = self.config.insurers.get(key)
        with self._lock:
            return insurer is not None and insurer.enabled and key not in self._disabled

    def set_insurer_enabled(self, key: str, enabled: bool) -> None:
        """Switch an insurer off (403) or back on at run time."""
        if key not in self.config.insurers:
            raise ValueError(f"unknown insurer: {key}")
        with self._lock:
            if enabled:
                self._disabled.discard(key)
            else:
                self._disabled.add(key)

    # -------------------------------------------------------------------------------- offers

    def add_offer(
        self, account: str, insurer: str, product: Mapping[str, Any], pricing: Pricing
    ) -> StoredOffer:
        """Store a new offer under the next id."""
        with self._lock:
            offer_id = self._next_offer_id
            self._next_offer_id += 1
            offer = StoredOffer(
                offer_id=offer_id,
                account=account,
                insurer=insurer,
                product=product,
                pricing=pricing,
                data=offer_data(offer_id, insurer, pricing, self.config.public_base_url),
                created=self.now(),
            )
            self._offers[offer_id] = offer
            while len(self._offers) > self.config.max_offers:
                del self._offers[next(iter(self._offers))]
            return offer

    def offer(self, offer_id: int, account: str) -> StoredOffer | None:
        """The offer if it exists and belongs to ``account``."""
        with self._lock:
            offer = self._offers.get(offer_id)
        return offer if offer is not None and offer.account == account else None

    def offer_expired(self, offer: StoredOffer) -> bool:
        """Whether the offer's ``offerExpiryDate`` is past (it is valid through that day)."""
        return self.today() > offer.pricing.offer_expiry_date

    def offers(self) -> list[StoredOffer]:
        """Every offer kept, oldest first."""
        with self._lock:
            return list(self._offers.values())

    # ------------------------------------------------------------------------------ policies

    def policy_for_offer(self, offer_id: int) -> StoredPolicy | None:
        """The policy already issued for an offer."""
        with self._lock:
            return self._policy_by_offer.get(offer_id)

    def add_policy(self, offer: StoredOffer, payment: Mapping[str, Any]) -> StoredPolicy | None:
        """Issue the policy of ``offer``; ``None`` if one was issued meanwhile."""
        series = POLICY_SERIES.get(offer.insurer, offer.insurer.upper()[:3] + "/CASCO")
        with self._lock:
            # Checked again under the lock: two concurrent calls for one offer get one policy.
            if offer.offer_id in self._policy_by_offer:
                return None
            number = self._next_number.get(series, self.config.first_policy_number)
            self._next_number[series] = number + 1
            policy_id = self._next_policy_id
            self._next_policy_id += 1
            policy = StoredPolicy(
                policy_id=policy_id,
                series=series,
                number=number,
                account=offer.account,
                offer_id=offer.offer_id,
                insurer=offer.insurer,
                data=policy_data(policy_id, series, number, offer, payment),
                created=self.now(),
            )
            self._policies[(series, number)] = policy
            self._policy_by_offer[offer.offer_id] = policy
            return policy

    def policy(self, series: str, number: int, account: str) -> StoredPolicy | None:
        """The policy if it exists and belongs to ``account``."""
        with self._lock:
            policy = self._policies.get((series, number))
        return policy if policy is not None and policy.account == account else None

    def policies(self) -> list[StoredPolicy]:
        """Every policy issued, oldest first."""
        with self._lock:
            return list(self._policies.values())

    def clear(self) -> None:
        """Forget offers, policies and tokens; ids and numbers go on counting."""
        with self._lock:
            self._offers.clear()
            self._policies.clear()
            self._policy_by_offer.clear()
        self.tokens.clear()
