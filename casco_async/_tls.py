"""Recognising a failed TLS certificate check inside a transport exception.

httpx (or our aiohttp transport) wraps the network library's error, which wraps or is an
`ssl.SSLCertVerificationError`; the SDK
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
            # aiohttp's ClientConnectorCertificateError is one too (by its bases), without the
            # ssl attributes: the ssl error it carries has them.
            checked = getattr(current, "certificate_error", current)
            reason = getattr(checked, "verify_message", None) or getattr(checked, "reason", None)
            return str(reason or "verification failed")
        current = current.__cause__ or current.__context__
    return None
