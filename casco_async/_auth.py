"""Token lifecycle: authenticate lazily, renew before expiry, one renewal at a time.

The API authenticates every call with the header `Token: <JWT>`. `POST /auth` gives a JWT and a
single-use refresh token; `PATCH /auth` with `Token: Refresh <refresh_token>` gives a new pair and
spends the old refresh token, so two concurrent renewals would break the session. Hence:

- `TokenManager` holds the current `TokenSet` and renews it under one lock (single-flight): one
  renewal in flight at a time, whose result every caller then reuses.
- Renewal is due `min(60 s, lifetime / 4)` before the JWT's `exp` (the lifetime runs from the
  token's `iat`, or from its arrival), so a 12 h token renews a minute early and a 2 s token half a
  second early: at most one renewal per token, whatever its life. An explicit `refresh_margin`
  replaces that lead as given. A due token is still used while it is valid: the first caller that
  finds it due renews it, the others keep sending it meanwhile; only in its last moments (1 s, or
  half the lead if shorter: time for a request to arrive) do callers wait for the renewal.
- On a 401 the token is renewed too — but only if the token that failed is still the current
  one; otherwise another caller already replaced it.
- Times are planned on the local clock: when the server's `Date` header (on the answer to
  `POST`/`PATCH /auth`) shows its clock differs from ours, `exp` and `iat` are shifted by the
  difference once, as the token arrives.
- A token already expired when it arrives (a server clock behind ours that sent no usable
  `Date`, or a server bug) cannot be planned from its `exp`: it is planned like a token without
  one (`_FALLBACK_LIFETIME` from its arrival) and used until the API refuses it, then renewed
  once — not before every call.
- A renewal that fails falls back to a fresh `POST /auth` (the pipeline gives it one attempt
  under a short deadline of its own).
- `TokenAuth` is the `httpx.Auth` flow that attaches the token to each request, and never sends
  it to another origin than the API's; the pipeline handles a 401 (renew, then replay or not).
- `SecretQueryAuth` puts the password into the `POST /auth` query only on the request handed to
  the network: the request the SDK builds, keeps in its frames and could show in a traceback
  carries a placeholder.
- A `TokenStore` persists tokens (e.g. to share one session between worker processes).
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import json
import math
import os
import re
import tempfile
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import anyio
import attrs
import httpx

from ._errors import CascoError, ResponseValidationError
from ._logging import logger
from ._secret import Secret

if TYPE_CHECKING:
    import filelock

__all__ = [
    "SECRET_PLACEHOLDER",
    "FileTokenStore",
    "SecretHeaderAuth",
    "SecretQueryAuth",
    "TokenAuth",
    "TokenManager",
    "TokenSet",
    "TokenStore",
]

SECRET_PLACEHOLDER = "***"
"""What the SDK's own requests carry where a secret goes; `SecretQueryAuth` and
`SecretHeaderAuth` replace it."""

# When neither the JWT nor `expires_at` can be read, assume a short life rather than the
# vendor's 12 hours: an early renewal costs one call, a late one costs a failed request.
_FALLBACK_LIFETIME = 15 * 60.0
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")
# The default renewal lead: a quarter of the token's lifetime, but never more than a minute.
# A quarter leaves time for a slow renewal (and its retries) while a token is renewed at most
# once per lifetime; the minute keeps long tokens (the vendor's 12 h) in use almost to the end.
RENEWAL_FRACTION = 0.25
MAX_RENEWAL_LEAD = 60.0
# A due token is still sent until this long before its expiry (or half its lead, if shorter).
SEND_MARGIN = 1.0
# Clocks whose `Date` differs by less than this are taken to agree (see `clock_offset`).
DATE_TOLERANCE = 3.0


def _jwt_claims(token: str) -> tuple[float | None, float | None]:
    """The `exp` and `iat` claims of a JWT, read without verifying it (we only plan)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, OverflowError, RecursionError):
        return None, None  # not a JWT we can read: the caller falls back to expires_at
    if not isinstance(claims, dict):
        return None, None
    return _number(claims.get("exp")), _number(claims.get("iat"))


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            return None
        return number if math.isfinite(number) else None
    return None


def clock_offset(date: str | None, sent: float, received: float) -> float:
    """How far the server's clock is ahead of ours (negative: behind), from its `Date` header.

    `Date` has whole seconds, and servers cache it (uvicorn and nginx rewrite it about once a
    second), so a value within `DATE_TOLERANCE` of the exchange (`sent` to `received`, local
    clock) agrees with our clock and gives 0: rounding and caching never shift the plan. Beyond
    it, the offset is the middle of the second `Date` names minus the middle of the exchange.
    """
    if not date:
        return 0.0
    try:
        server = email.utils.parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError, OverflowError, IndexError):
        return 0.0  # an unreadable Date: plan on our own clock
    if not math.isfinite(server) or sent - DATE_TOLERANCE < server < received + DATE_TOLERANCE:
        return 0.0
    return (server + 0.5) - (sent + received) / 2


def _bucharest_expiry(expires_at: str) -> float | None:
    """`expires_at` is naive Europe/Bucharest local time, not UTC."""
    try:
        from zoneinfo import ZoneInfo

        naive = datetime.strptime(expires_at, "%Y-%m-%d %H:%M:%S")
        return naive.replace(tzinfo=ZoneInfo("Europe/Bucharest")).timestamp()
    except (ValueError, KeyError, OSError, ImportError):
        return None


@attrs.frozen
class TokenSet:
    """A JWT and its refresh token, as issued by `POST /auth` or `PATCH /auth`.

    Attributes:
        token: The JWT sent as the `Token` header.
        refresh_token: The single-use token for `PATCH /auth` (None once spent or unknown).
        expires_at: Expiry as epoch seconds on the local clock: the JWT's `exp` claim, else the
            vendor's `expires_at` (Europe/Bucharest local time), else a short default; shifted
            by the server's clock offset when there is one.
        issued_at: When the token's life began, on the local clock: its `iat` claim (shifted
            like `expires_at`), else its arrival; None when unknown (the manager then takes the
            moment it first holds the token).
    """

    token: str = attrs.field(repr=False)
    refresh_token: str | None = attrs.field(repr=False, default=None)
    expires_at: float = attrs.field(default=0.0)
    issued_at: float | None = attrs.field(default=None)

    @classmethod
    def from_api(
        cls,
        token: object,
        refresh_token: object,
        expires_at: object,
        *,
        received_at: float | None = None,
        clock_offset: float = 0.0,
    ) -> TokenSet:
        """Build from the fields of the API's `AuthData`.

        Args:
            token: `AuthData.token`.
            refresh_token: `AuthData.refresh_token`.
            expires_at: `AuthData.expires_at`.
            received_at: When the answer arrived (local epoch seconds; default: now).
            clock_offset: How far the server's clock is ahead of ours (see `clock_offset`):
                subtracted from the server's times.

        Raises:
            ResponseValidationError: the fields are not what the API documents.
        """
        # The token goes into an HTTP header: it must be printable ASCII.
        if not isinstance(token, str) or not token or not _HEADER_SAFE.fullmatch(token):
            raise ResponseValidationError("the API sent an unusable token")
        if refresh_token is not None and not isinstance(refresh_token, str):
            raise ResponseValidationError("the API sent an unusable refresh token")
        if expires_at is not None and not isinstance(expires_at, str):
            raise ResponseValidationError("the API sent an unusable expires_at")
        now = time.time() if received_at is None else received_at
        expiry, issued = _jwt_claims(token)
        if expiry is None and expires_at:
            expiry = _bucharest_expiry(expires_at)
        if expiry is not None:
            expiry -= clock_offset
        if expiry is None or expiry <= now:
            # No expiry, or one already past on arrival: nothing to plan from. Used until the
            # API refuses it (401), then renewed once — rather than renewed before every call.
            expiry, issued, clock_offset = now + _FALLBACK_LIFETIME, None, 0.0
        # An `iat` after the arrival (a clock a little ahead, within the Date rounding) would
        # shorten the lifetime and so the lead: the arrival is the later bound.
        start = now if issued is None else min(issued - clock_offset, now)
        return cls(token=token, refresh_token=refresh_token, expires_at=expiry, issued_at=start)

    @property
    def lifetime(self) -> float | None:
        """Seconds from `issued_at` to `expires_at` (None when `issued_at` is unknown)."""
        return None if self.issued_at is None else self.expires_at - self.issued_at

    def seconds_left(self, now: float | None = None) -> float:
        """Seconds until expiry (negative once expired)."""
        return self.expires_at - (time.time() if now is None else now)

    def to_json(self) -> str:
        """Serialize for a `TokenStore` (this text holds secrets: store it privately)."""
        return json.dumps(
            {
                "token": self.token,
                "refresh_token": self.refresh_token,
                "expires_at": self.expires_at,
                "issued_at": self.issued_at,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> TokenSet:
        """Inverse of `to_json`; raises ValueError on anything else."""
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("token"), str):
            raise ValueError("not a serialized TokenSet")
        refresh = data.get("refresh_token")
        expires = _number(data.get("expires_at"))
        return cls(
            token=data["token"],
            refresh_token=refresh if isinstance(refresh, str) else None,
            expires_at=0.0 if expires is None else expires,
            issued_at=_number(data.get("issued_at")),
        )

    def __repr__(self) -> str:
        left = timedelta(seconds=int(self.seconds_left()))
        return f"TokenSet(token='***', refresh_token='***', expires_in={left})"


@runtime_checkable
class TokenStore(Protocol):
    """Where tokens are persisted between processes or restarts.

    `load` is called before the first authentication and again before each renewal (another
    process may have renewed already: its refresh token has then spent ours); `save` after every
    new token, and with None after `DELETE /auth`. A store may also offer ``exclusive()``, an
    async context manager that `TokenManager` holds from that `load` to its `save` (see
    `FileTokenStore`), so that processes sharing the store log in and renew one at a time.
    """

    async def load(self) -> TokenSet | None:
        """The stored token set, or None."""

    async def save(self, tokens: TokenSet | None) -> None:
        """Store (or, with None, forget) the token set."""


class FileTokenStore:
    """A `TokenStore` in one file, written atomically with owner-only permissions (0600).

    Safe to share between processes: `exclusive` holds a lock file beside it (``<path>.lock``,
    an OS file lock through `filelock`, released by the OS if its holder dies) while a
    `TokenManager` reads the stored token, logs in or renews, and stores the result. So N
    processes starting together log in once (the others wait, then read that token), and a
    token due for renewal is renewed by one of them (the others find its successor stored).

    Args:
        path: The token file.
        lock_timeout: The longest wait for another process's login or renewal, in seconds;
            past it this process goes on unlocked (it may log in once more, never fail).
    """

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float = 120.0) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        if not math.isfinite(lock_timeout) or lock_timeout < 0:
            raise ValueError("lock_timeout must be a finite number of seconds, at least 0")
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"

    async def load(self) -> TokenSet | None:
        """Read the file; a missing or unreadable file means no token."""
        try:
            text = await anyio.Path(self.path).read_text(encoding="utf-8")
            return TokenSet.from_json(text)
        except (OSError, ValueError):
            return None

    async def save(self, tokens: TokenSet | None) -> None:
        """Replace the file atomically (or delete it for None)."""
        await anyio.to_thread.run_sync(self._save_sync, tokens)

    @contextlib.asynccontextmanager
    async def exclusive(self) -> AsyncGenerator[None, None]:
        """Hold the store's cross-process lock (load, log in or renew, save inside it).

        A new lock object per use: a second client of this process on the same file waits too
        (an OS file lock is per open file, not per process). Polled without blocking the event
        loop; a file system without locks, or a wait past `lock_timeout`, goes on unlocked.
        """
        import filelock  # here: only a FileTokenStore needs it, not every import of the SDK

        lock = _file_lock(self.lock_path)
        held = False
        if lock is not None:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    lock.acquire(timeout=0)
                    held = True
                    break
                except filelock.Timeout:
                    if time.monotonic() >= deadline:
                        logger.warning(
                            "token store %s stayed locked %.0f s; going on without the lock",
                            self.path,
                            self.lock_timeout,
                        )
                        break
                    await anyio.sleep(_LOCK_POLL)
                except OSError as error:  # no locks here (some network mounts): carry on
                    logger.debug("token store lock unavailable (%s)", type(error).__name__)
                    break
        try:
            yield
        finally:
            if held:
                assert lock is not None
                lock.release()

    def _save_sync(self, tokens: TokenSet | None) -> None:
        if tokens is None:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tokens-", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(tokens.to_json())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# How often a process waiting for another's login or renewal looks at the lock again.
_LOCK_POLL = 0.05


def _file_lock(path: Path) -> filelock.BaseFileLock | None:
    """A lock object on `path` (created 0600; kept on release, so no unlink race), or None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    import filelock

    # thread_local=False: acquired and released on the event loop's thread, whichever it is.
    return filelock.FileLock(path, mode=0o600, thread_local=False, preserve_lock_file=True)


Authenticate = Callable[[], Awaitable[TokenSet]]
Renew = Callable[[Secret], Awaitable[TokenSet]]


class TokenManager:
    """Holds the current token and renews it, one renewal at a time.

    Args:
        authenticate: Performs `POST /auth` and returns the new tokens.
        renew: Performs `PATCH /auth` with a refresh token and returns the new tokens.
        refresh_margin: Renew this many seconds before expiry. None (the default): a quarter
            of the token's lifetime, at most `MAX_RENEWAL_LEAD` (60 s).
        store: Optional persistence for the tokens.
        clock: The local clock, epoch seconds (`time.time`; tests pass a fake one).
    """

    def __init__(
        self,
        authenticate: Authenticate,
        renew: Renew,
        *,
        refresh_margin: float | None = None,
        store: TokenStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._authenticate = authenticate
        self._renew = renew
        self._margin = refresh_margin
        self._store = store
        self.clock = clock
        self._tokens: TokenSet | None = None
        # Created lazily: anyio binds a lock to the event loop that first uses it.
        self._lock: anyio.Lock | None = None
        # Set, before any await, by the caller that renews a token that is due but still
        # valid: the other callers then keep using that token instead of queueing.
        self._renewing = False
        self.renewals = 0
        self.authentications = 0

    def __repr__(self) -> str:
        return f"TokenManager(tokens={self._tokens!r})"

    @property
    def current(self) -> TokenSet | None:
        """The token set in use, if any."""
        return self._tokens

    def _lead(self, tokens: TokenSet) -> float:
        if self._margin is not None:
            return self._margin
        lifetime = tokens.lifetime
        lead = MAX_RENEWAL_LEAD if lifetime is None else max(lifetime, 0.0) * RENEWAL_FRACTION
        return min(MAX_RENEWAL_LEAD, lead)

    def renew_at(self, tokens: TokenSet) -> float:
        """When `tokens` becomes due for renewal (local epoch seconds)."""
        return tokens.expires_at - self._lead(tokens)

    def usable_until(self, tokens: TokenSet) -> float:
        """Until when `tokens` is sent while its successor is on the way (local epoch seconds).

        `SEND_MARGIN` (or half the lead, if shorter) before expiry: a request sent later could
        reach the server after the token died. From then on callers wait for the renewal.
        """
        return tokens.expires_at - min(SEND_MARGIN, self._lead(tokens) / 2)

    def _fresh(self, tokens: TokenSet | None) -> bool:
        return tokens is not None and self.clock() < self.renew_at(tokens)

    def _valid(self, tokens: TokenSet | None) -> bool:
        return tokens is not None and self.clock() < self.usable_until(tokens)

    def _lock_(self) -> anyio.Lock:
        if self._lock is None:
            self._lock = anyio.Lock()
        return self._lock

    async def get(self) -> TokenSet:
        """A token to send: the current one unless it is expired, renewed ahead of expiry.

        A token that is due but still valid (see `usable_until`) is returned at once to every
        caller but the one that renews it; only a token at its expiry (or none) makes callers
        wait for its successor.
        """
        tokens = self._tokens
        if tokens is not None and self._fresh(tokens):
            return tokens
        if tokens is not None and self._valid(tokens):
            if self._renewing:
                return tokens  # its successor is on the way; this one still works
            return await self._renew_ahead(tokens)
        async with self._lock_():
            current = self._tokens
            # Another caller replaced it while we waited for the lock: take that one, even if
            # it is already due (a margin longer than the token's life), rather than renew again.
            if current is not None and current is not tokens and self._valid(current):
                return current
            return await self._replace(current)

    async def _renew_ahead(self, tokens: TokenSet) -> TokenSet:
        self._renewing = True  # claimed before the first await: one renewal in flight
        try:
            async with self._lock_():
                current = self._tokens
                if current is not tokens and self._valid(current):
                    assert current is not None
                    return current  # replaced while we waited (a 401 elsewhere)
                try:
                    return await self._replace(current)
                except CascoError as error:
                    if not self._valid(current):
                        raise
                    assert current is not None
                    # The token still works: the next caller that finds it due tries again.
                    logger.debug(
                        "token renewal failed (%s); the current token is valid %.1f s more",
                        type(error).__name__,
                        current.seconds_left(self.clock()),
                    )
                    return current
        finally:
            self._renewing = False

    async def rejected(self, failed: TokenSet | Secret | None) -> TokenSet:
        """The API answered 401 to `failed` (a token set, or the token that was sent): replace
        it, unless that already happened."""
        # A `Secret`, not the token in clear: this frame is on the traceback of a failed renewal.
        sent = Secret(failed.token) if isinstance(failed, TokenSet) else failed
        async with self._lock_():
            current = self._tokens
            if current is not None and Secret(current.token) != sent:
                return current
            return await self._replace(failed if isinstance(failed, TokenSet) else current)

    async def forget(self) -> TokenSet | None:
        """Drop the current token (after `DELETE /auth`) and return what it was."""
        async with self._lock_():
            tokens, self._tokens = self._tokens, None
            if self._store is not None:
                await self._store.save(None)
            return tokens

    def _held(self, tokens: TokenSet) -> TokenSet:
        """`tokens` with a start of life, so that the lead can be planned from it."""
        if tokens.issued_at is not None:
            return tokens
        return attrs.evolve(tokens, issued_at=min(self.clock(), tokens.expires_at))

    async def _replace(self, stale: TokenSet | None) -> TokenSet:
        # A store shared between processes (FileTokenStore) is locked from its read to the
        # save of the new token: one process logs in or renews, the others then read its token.
        exclusive = getattr(self._store, "exclusive", None)
        if exclusive is None:
            return await self._replace_unlocked(stale)
        async with exclusive():
            return await self._replace_unlocked(stale)

    async def _replace_unlocked(self, stale: TokenSet | None) -> TokenSet:
        if self._store is not None:
            stored = await self._store.load()
            # A token another process stored (or one saved before a restart) may be fresher.
            if stored is not None and (stale is None or stored.token != stale.token):
                stored = self._held(stored)
                if self._fresh(stored):
                    self._tokens = stored
                    return stored
                stale = stored
        tokens: TokenSet | None = None
        if stale is not None and stale.refresh_token:
            try:
                # Wrapped: the renewal's frames hold a `Secret`, never the token in clear.
                tokens = await self._renew(Secret(stale.refresh_token))
                self.renewals += 1
            except CascoError:
                tokens = None  # spent, revoked or expired refresh token: start over
        if tokens is None:
            tokens = await self._authenticate()
            self.authentications += 1
        tokens = self._held(tokens)
        self._tokens = tokens
        if self._store is not None:
            await self._store.save(tokens)
        return tokens


class TokenAuth(httpx.Auth):
    """The `httpx.Auth` flow that sets `Token: <JWT>` on requests to the API's origin.

    A 401 is the pipeline's to handle (renew, then replay an idempotent request once, or raise
    for one that must not be sent twice): it reads the refused answer within its size limit.

    Args:
        manager: The shared `TokenManager`.
        origin: The API's origin (scheme, host, port): the token is never sent anywhere else.
    """

    requires_response_body = False

    def __init__(self, manager: TokenManager, origin: httpx.URL) -> None:
        self._manager = manager
        self._origin = (origin.scheme, origin.host, origin.port)

    def __repr__(self) -> str:
        return "TokenAuth()"

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Attach the current token (renewed ahead of expiry, single-flight)."""
        await self.attach(request)
        yield request

    async def attach(self, request: httpx.Request) -> None:
        """Set `request`'s ``Token`` header to the current token (renewed ahead of expiry,
        single-flight), if it goes to the API's origin: the flow without httpx's generator
        machinery, for the pipeline's own sending."""
        url = request.url
        if (url.scheme, url.host, url.port) == self._origin:
            tokens = await self._manager.get()
            request.headers["Token"] = tokens.token

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """casco_async is async-only."""
        raise RuntimeError("TokenAuth works with httpx.AsyncClient only")


class SecretQueryAuth(httpx.Auth):
    """The `httpx.Auth` flow that fills a secret into the query of the request sent.

    The SDK builds `POST /auth?account=…&password=***` (`SECRET_PLACEHOLDER`); this flow hands
    httpx a copy whose `password` is the real one. Only that copy — inside httpx, never kept by
    the SDK nor by its errors — holds the password, so the SDK's frames and exceptions cannot
    show it to an error tracker capturing locals.

    Args:
        name: The query parameter (``"password"``).
        secret: The secret (revealed at send time, never stored as a request).
    """

    requires_response_body = False

    def __init__(self, name: str, secret: Secret) -> None:
        self._name = name
        self._secret = secret

    def __repr__(self) -> str:
        return f"SecretQueryAuth({self._name!r}, '***')"

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Yield the copy of `request` with the secret in place of the placeholder."""
        yield httpx.Request(
            request.method,
            request.url.copy_set_param(self._name, self._secret.reveal()),
            headers=request.headers,
            content=request.content,
            extensions=request.extensions,
        )

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """casco_async is async-only."""
        raise RuntimeError("SecretQueryAuth works with httpx.AsyncClient only")


class SecretHeaderAuth(httpx.Auth):
    """The `httpx.Auth` flow that sets a secret header on the request sent (`PATCH /auth`'s
    `Token: Refresh <refresh_token>`), as `SecretQueryAuth` does a query parameter: the SDK
    builds the request with `SECRET_PLACEHOLDER`, only httpx's copy holds the secret.

    Args:
        name: The header (``"Token"``).
        secret: The header's whole value (revealed at send time).
    """

    requires_response_body = False

    def __init__(self, name: str, secret: Secret) -> None:
        self._name = name
        self._secret = secret

    def __repr__(self) -> str:
        return f"SecretHeaderAuth({self._name!r}, '***')"

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Yield the copy of `request` with the secret header in place of the placeholder."""
        name = self._name.lower()
        kept = [(key, value) for key, value in request.headers.multi_items() if key != name]
        yield httpx.Request(
            request.method,
            request.url,
            headers=[*kept, (self._name, self._secret.reveal())],
            content=request.content,
            extensions=request.extensions,
        )

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """casco_async is async-only."""
        raise RuntimeError("SecretHeaderAuth works with httpx.AsyncClient only")
