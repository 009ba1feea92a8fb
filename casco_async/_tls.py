"""Recognising a failed TLS certificate check inside a transport exception.

httpx wraps the network library's error, which wraps `ssl.SSLCertVerificationError`; the SDK
reports such a failure as `TLSVerificationError` (never retried) instead of a plain, retried
connection error.
"""

from __future__ import annotations

import ssl

__all__ = ["certificate_failure"]


def certificate_failure(exc: BaseException) -> str | None:
    """The reason if `exc` (or an exception it came from) is a failed certificate check."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return str(current.verify_message or current.reason or "verification failed")
        current = current.__cause__ or current.__context__
    return None
