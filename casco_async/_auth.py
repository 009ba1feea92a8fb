"""Token lifecycle: authenticate lazily, renew before expiry, one renewal at a time.

The API authenticates every call with the header `Token: <JWT>`. `POST /auth` gives a JWT and a
single-use refresh token; `PATCH /auth` with `Token: Refresh <refresh_token>` gives a new pair and
spends the old refresh token, so two concurrent renewals would break the session. Hence:

- `TokenManager` holds the current `TokenSet` and renews it under one lock (single-flight): the
  callers that find the token stale wait for the one renewal in flight and then reuse its result.
- Renewal happens `refresh_margin` seconds before the JWT's `exp` (measured on the monotonic clock
  from the moment the token arrived), and on a 401 — but only if the token that failed is still the
  current one; otherwise another caller already replaced it.
- A renewal that fails falls back to a fresh `POST /auth`.
- `TokenAuth` is the `httpx.Auth` flow that applies this to each request, and never sends the
  token to another origin than the API's.
- A `TokenStore` persists tokens (e.g. to share one session between worker processes).
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import tempfile
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol, runtime_checkable

import anyio
import attrs
import httpx

from ._errors import CascoError, ResponseValidationError

__all__ = ["FileTokenStore", "TokenAuth", "TokenManager", "TokenSet", "TokenStore"]

# When neither the JWT nor `expires_at` can be read, assume a short life rather than the
# vendor's 12 hours: an early renewal costs one call, a late one costs a failed request.
_FALLBACK_LIFETIME = 15 * 60.0
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")


def _jwt_claim_exp(token: str) -> float | None:
    """The `exp` claim of a JWT, read without verifying it (the server verifies; we only plan)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        exp = claims.get("exp") if isinstance(claims, dict) else None
        if isinstance(exp, int | float) and not isinstance(exp, bool):
            value = float(exp)
            return value if math.isfinite(value) else None
    except (IndexError, ValueError, OverflowError, RecursionError):
        pass  # not a JWT we can read: the caller falls back to expires_at
    return None


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
        expires_at: Expiry as epoch seconds: the JWT's `exp` claim, else the vendor's
            `expires_at` (Europe/Bucharest local time), else a short default.
    """

    token: str = attrs.field(repr=False)
    refresh_token: str | None = attrs.field(repr=False, default=None)
    expires_at: float = attrs.field(default=0.0)

    @classmethod
    def from_api(cls, token: object, refresh_token: object, expires_at: object) -> TokenSet:
        """Build from the fields of the API's `AuthData`.

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
        expiry = _jwt_claim_exp(token)
        if expiry is None and expires_at:
            expiry = _bucharest_expiry(expires_at)
        if expiry is None:
            expiry = time.time() + _FALLBACK_LIFETIME
        return cls(token=token, refresh_token=refresh_token, expires_at=expiry)

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
            }
        )

    @classmethod
    def from_json(cls, text: str) -> TokenSet:
        """Inverse of `to_json`; raises ValueError on anything else."""
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("token"), str):
            raise ValueError("not a serialized TokenSet")
        refresh = data.get("refresh_token")
        expires = data.get("expires_at")
        return cls(
            token=data["token"],
            refresh_token=refresh if isinstance(refresh, str) else None,
            expires_at=float(expires) if isinstance(expires, int | float) else 0.0,
        )

    def __repr__(self) -> str:
        left = timedelta(seconds=int(self.seconds_left()))
        return f"TokenSet(token='***', refresh_token='***', expires_in={left})"


@runtime_checkable
class TokenStore(Protocol):
    """Where tokens are persisted between processes or restarts.

    `load` is called before the first authentication and again before each renewal (another
    process may have renewed already: its refresh token has then spent ours); `save` after every
    new token, and with None after `DELETE /auth`.
    """

    async def load(self) -> TokenSet | None:
        """The stored token set, or None."""

    async def save(self, tokens: TokenSet | None) -> None:
        """Store (or, with None, forget) the token set."""


class FileTokenStore:
    """A `TokenStore` in one file, written atomically with owner-only permissions (0600)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

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


Authenticate = Callable[[], Awaitable[TokenSet]]
Renew = Callable[[str], Awaitable[TokenSet]]


class TokenManager:
    """Holds the current token and renews it, one renewal at a time.

    Args:
        authenticate: Performs `POST /auth` and returns the new tokens.
        renew: Performs `PATCH /auth` with a refresh token and returns the new tokens.
        refresh_margin: Renew this many seconds before expiry.
        store: Optional persistence for the tokens.
    """

    def __init__(
        self,
        authenticate: Authenticate,
        renew: Renew,
        *,
        refresh_margin: float = 60.0,
        store: TokenStore | None = None,
    ) -> None:
        self._authenticate = authenticate
        self._renew = renew
        self._margin = refresh_margin
        self._store = store
        self._tokens: TokenSet | None = None
        # Created lazily: anyio binds a lock to the event loop that first uses it.
        self._lock: anyio.Lock | None = None
        self.renewals = 0
        self.authentications = 0

    def __repr__(self) -> str:
        return f"TokenManager(tokens={self._tokens!r})"

    @property
    def current(self) -> TokenSet | None:
        """The token set in use, if any."""
        return self._tokens

    def _fresh(self, tokens: TokenSet | None) -> bool:
        return tokens is not None and tokens.seconds_left() > self._margin

    def _lock_(self) -> anyio.Lock:
        if self._lock is None:
            self._lock = anyio.Lock()
        return self._lock

    async def get(self) -> TokenSet:
        """A token that is valid for at least `refresh_margin` seconds."""
        tokens = self._tokens
        if self._fresh(tokens):
            assert tokens is not None
            return tokens
        async with self._lock_():
            # Another caller may have renewed while we waited for the lock.
            if self._fresh(self._tokens):
                assert self._tokens is not None
                return self._tokens
            return await self._replace(self._tokens)

    async def rejected(self, failed: TokenSet) -> TokenSet:
        """The API answered 401 to `failed`: replace it, unless that already happened."""
        async with self._lock_():
            if self._tokens is not None and self._tokens.token != failed.token:
                return self._tokens
            return await self._replace(failed)

    async def forget(self) -> TokenSet | None:
        """Drop the current token (after `DELETE /auth`) and return what it was."""
        async with self._lock_():
            tokens, self._tokens = self._tokens, None
            if self._store is not None:
                await self._store.save(None)
            return tokens

    async def _replace(self, stale: TokenSet | None) -> TokenSet:
        if self._store is not None:
            stored = await self._store.load()
            # A token another process stored (or one saved before a restart) may be fresher.
            if stored is not None and (stale is None or stored.token != stale.token):
                if self._fresh(stored):
                    self._tokens = stored
                    return stored
                stale = stored
        tokens: TokenSet | None = None
        if stale is not None and stale.refresh_token:
            try:
                tokens = await self._renew(stale.refresh_token)
                self.renewals += 1
            except CascoError:
                tokens = None  # spent, revoked or expired refresh token: start over
        if tokens is None:
            tokens = await self._authenticate()
            self.authentications += 1
        self._tokens = tokens
        if self._store is not None:
            await self._store.save(tokens)
        return tokens


class TokenAuth(httpx.Auth):
    """The `httpx.Auth` flow that sets `Token: <JWT>` and recovers once from a 401.

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
        """Attach the token; on 401 renew (once, single-flight) and replay the request."""
        if (request.url.scheme, request.url.host, request.url.port) != self._origin:
            yield request  # not our API: no token
            return
        tokens = await self._manager.get()
        request.headers["Token"] = tokens.token
        response = yield request
        if response.status_code != 401:
            return
        # Read the (small) 401 body now: that returns the connection to the pool before we wait
        # on the renewal lock. (httpx reads it again after the flow; closing it would break that.)
        await response.aread()
        renewed = await self._manager.rejected(tokens)
        request.headers["Token"] = renewed.token
        yield request

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """casco_async is async-only."""
        raise RuntimeError("TokenAuth works with httpx.AsyncClient only")
