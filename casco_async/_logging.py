"""Logging: metadata only, never secrets.

The SDK logs to the stdlib logger ``casco_async``: operation, method, path (never the query
string: `POST /auth` carries the password there), status, duration and attempt. httpx itself logs
every request URL at INFO level, query included; `redact_httpx_urls` installs a filter on the
``httpx`` logger that masks secret query parameters before any handler sees them.
"""

from __future__ import annotations

import logging

import httpx

__all__ = ["has_secret_query", "logger", "redact_httpx_urls", "redact_url"]

logger = logging.getLogger("casco_async")

_SECRET_MARKERS = ("password", "token", "secret")


def _is_secret(key: str) -> bool:
    return any(marker in key.lower() for marker in _SECRET_MARKERS)


def has_secret_query(url: httpx.URL) -> bool:
    """Whether the URL's query has a secret-looking parameter (``POST /auth?...&password=``)."""
    return bool(url.query) and any(_is_secret(key) for key in url.params)


def redact_url(url: httpx.URL) -> httpx.URL:
    """The URL with the values of secret-looking query parameters replaced by ***."""
    if not url.query:
        return url
    params = [(key, "***" if _is_secret(key) else value) for key, value in url.params.multi_items()]
    return url.copy_with(params=params)


class _RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(
                redact_url(a) if isinstance(a, httpx.URL) else a for a in record.args
            )
        return True


_FILTER = _RedactSecretsFilter()


def redact_httpx_urls() -> None:
    """Install (once) the filter that masks secret query parameters in httpx's own log lines."""
    httpx_logger = logging.getLogger("httpx")
    if _FILTER not in httpx_logger.filters:
        httpx_logger.addFilter(_FILTER)
