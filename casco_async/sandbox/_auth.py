"""Sandbox tokens: real HS256 JWTs and single-use, rotating refresh tokens.

The vendor's token is a JWT (HS256, issuer "Life is Hard", ``iat``/``exp`` in epoch seconds) sent
as the ``Token`` header; ``expires_at`` is a naive Europe/Bucharest local time. Renewal spends the
refresh token and hands out a new pair, while the previous JWT stays valid until it expires.

Expiry is checked against the sandbox clock (which a test can move forward), not against the wall
clock, so that expiry can be tested without waiting.
"""

from __future__ import annotations

import math
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

import jwt

__all__ = [
    "ISSUER",
    "AuthError",
    "AuthFailure",
    "IssuedToken",
    "TokenAuthority",
    "TokenClaims",
    "bucharest_local",
]

#: The ``iss`` claim of the vendor's tokens.
ISSUER = "Life is Hard"

_BUCHAREST = ZoneInfo("Europe/Bucharest")
# Sweeping expired records on every issue would be quadratic under load; every N issues is enough.
_SWEEP_EVERY = 256


def bucharest_local(epoch: float) -> str:
    """``YYYY-MM-DD HH:MM:SS`` in Europe/Bucharest local time, as the vendor's ``expires_at``."""
    return datetime.fromtimestamp(epoch, _BUCHAREST).strftime("%Y-%m-%d %H:%M:%S")


class AuthFailure(Enum):
    """Why a token or a credential was refused (all answered with 401)."""

    MISSING = "missing"
    INVALID = "invalid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    CREDENTIALS = "credentials"
    REFRESH_UNKNOWN = "refresh_unknown"
    REFRESH_SPENT = "refresh_spent"
    REFRESH_EXPIRED = "refresh_expired"


class AuthError(Exception):
    """A refused token or credential; ``failure`` says why."""

    def __init__(self, failure: AuthFailure) -> None:
        super().__init__(failure.value)
        self.failure = failure


@dataclass(frozen=True)
class IssuedToken:
    """A token pair as issued by ``POST /auth`` or ``PATCH /auth``."""

    token: str
    refresh_token: str
    account: str
    #: The JWT's ``exp`` claim (epoch seconds).
    expires: int

    def as_data(self) -> dict[str, Any]:
        """The ``AuthData`` object of the answer."""
        return {
            "token": self.token,
            "expires_at": bucharest_local(self.expires),
            "refresh_token": self.refresh_token,
        }


@dataclass(frozen=True)
class TokenClaims:
    """What a valid JWT says."""

    account: str
    token_id: str
    issued: int
    expires: int


@dataclass
class _Refresh:
    account: str
    token_id: str
    expires: float
    spent: bool = False


class TokenAuthority:
    """Issues, checks, renews and revokes the sandbox's tokens (thread-safe).

    Args:
        clock: the sandbox clock (epoch seconds).
        secret: the HS256 key; random by default, so tokens of one sandbox mean nothing to
            another.
        refresh_lifetime: seconds a refresh token can be used.
    """

    def __init__(
        self,
        clock: Callable[[], float],
        *,
        secret: bytes | None = None,
        refresh_lifetime: float = 30 * 86400,
    ) -> None:
        self._clock = clock
        # 32 bytes: PyJWT warns about shorter HMAC keys.
        self._fixed_secret = secret is not None
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self._refresh_lifetime = refresh_lifetime
        self._lock = threading.Lock()
        self._refresh: dict[str, _Refresh] = {}
        # token id -> exp, kept until the token would have expired anyway.
        self._revoked: dict[str, int] = {}
        self._issued_count = 0

    def issue(self, account: str, lifetime: float) -> IssuedToken:
        """A new JWT for ``account`` valid ``lifetime`` seconds, and its refresh token."""
        now = self._clock()
        issued = int(now)
        # Whole seconds, like the vendor's claims; rounded up so that a lifetime below one second
        # still gives a token that is valid now.
        expires = issued + max(math.ceil(lifetime), 1)
        token_id = uuid.uuid4().hex
        token = jwt.encode(
            {"iss": ISSUER, "iat": issued, "exp": expires, "sub": account, "jti": token_id},
            self._secret,
            algorithm="HS256",
        )
        refresh_token = secrets.token_hex(32)
        with self._lock:
            self._refresh[refresh_token] = _Refresh(account, token_id, now + self._refresh_lifetime)
            self._issued_count += 1
            if self._issued_count % _SWEEP_EVERY == 0:
                self._sweep(now)
        return IssuedToken(token, refresh_token, account, expires)

    def verify(self, token: str | None) -> TokenClaims:
        """The claims of a valid, unexpired, unrevoked JWT.

        Raises:
            AuthError: missing, malformed, badly signed, expired or revoked.
        """
        if not token:
            raise AuthError(AuthFailure.MISSING)
        try:
            payload = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                issuer=ISSUER,
                # Time claims are checked below against the sandbox clock, which may run ahead.
                options={
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                    "require": ["iss", "iat", "exp", "sub", "jti"],
                },
            )
        except jwt.PyJWTError:
            raise AuthError(AuthFailure.INVALID) from None
        expires, issued = payload.get("exp"), payload.get("iat")
        account, token_id = payload.get("sub"), payload.get("jti")
        if not (
            isinstance(expires, int)
            and isinstance(issued, int)
            and isinstance(account, str)
            and isinstance(token_id, str)
        ):
            raise AuthError(AuthFailure.INVALID)
        if self._clock() >= expires:
            raise AuthError(AuthFailure.EXPIRED)
        with self._lock:
            if token_id in self._revoked:
                raise AuthError(AuthFailure.REVOKED)
        return TokenClaims(account, token_id, issued, expires)

    def renew(self, refresh_token: str | None, lifetime: float) -> IssuedToken:
        """Spend ``refresh_token`` and issue a new pair for its account.

        Raises:
            AuthError: unknown, already used, expired, or its token was revoked.
        """
        if not refresh_token:
            raise AuthError(AuthFailure.MISSING)
        now = self._clock()
        with self._lock:
            record = self._refresh.get(refresh_token)
            if record is None:
                raise AuthError(AuthFailure.REFRESH_UNKNOWN)
            if record.spent:
                raise AuthError(AuthFailure.REFRESH_SPENT)
            if now >= record.expires:
                raise AuthError(AuthFailure.REFRESH_EXPIRED)
            # Spent before the new pair exists: of two concurrent renewals only one can win.
            record.spent = True
            account = record.account
        return self.issue(account, lifetime)

    def revoke(self, claims: TokenClaims) -> None:
        """Invalidate a token and the refresh token issued with it."""
        with self._lock:
            self._revoked[claims.token_id] = claims.expires
            for record in self._refresh.values():
                if record.token_id == claims.token_id:
                    record.spent = True

    def clear(self) -> None:
        """Forget every refresh token; with a random key, also invalidate every issued JWT."""
        with self._lock:
            self._refresh.clear()
            if not self._fixed_secret:
                self._secret = secrets.token_bytes(32)
                self._revoked.clear()

    def _sweep(self, now: float) -> None:
        """Drop records that can no longer matter (caller holds the lock)."""
        self._refresh = {k: r for k, r in self._refresh.items() if r.expires > now}
        self._revoked = {k: exp for k, exp in self._revoked.items() if exp > now}
