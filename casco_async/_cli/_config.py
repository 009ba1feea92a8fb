"""The API client of a command, from the environment and ``--base-url``.

The password comes only from ``CASCO_PASSWORD``: a command-line argument would be visible to
every user of the machine (``ps``) and kept in shell history. Nothing here prints the password
or the account's tokens.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from casco_async._client import CascoClient
from casco_async._config import TEST_BASE_URL
from casco_async._errors import ConfigurationError
from casco_async._net import is_loopback

from ._errors import CliError

__all__ = ["Settings", "enable_debug_logging", "make_client", "settings_from"]


@attrs.frozen
class Settings:
    """Where and as whom to connect."""

    base_url: str
    account: str
    password: str = attrs.field(repr=False)


def settings_from(base_url: str | None, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from `base_url` (``--base-url``, wins) and ``CASCO_*`` variables.

    Raises:
        CliError: a setting is missing (exit 2), with the variable to set.
    """
    env = os.environ if environ is None else environ
    url = base_url or env.get("CASCO_BASE_URL", "").strip()
    if not url:
        raise CliError(
            "no API address configured",
            f"set CASCO_BASE_URL (e.g. {TEST_BASE_URL}) or pass --base-url",
        )
    account = env.get("CASCO_ACCOUNT", "").strip()
    if not account:
        raise CliError("CASCO_ACCOUNT is not set", "export CASCO_ACCOUNT=<broker account>")
    password = env.get("CASCO_PASSWORD", "")
    if not password:
        raise CliError(
            "CASCO_PASSWORD is not set",
            "export it in the environment (it is never a command-line option)",
        )
    return Settings(base_url=url, account=account, password=password)


def make_client(settings: Settings, **options: Any) -> CascoClient:
    """A `CascoClient` for `settings`; a bad URL becomes a one-line usage error."""
    url = httpx.URL(settings.base_url) if "://" in settings.base_url else None
    if url is not None and url.scheme == "http" and url.host and not is_loopback(url.host):
        # The SDK's own message names a Python argument; say it in command-line terms.
        raise CliError(
            f"{settings.base_url} is plain http to another machine: the password would travel "
            "unencrypted",
            "use an https:// URL",
        )
    try:
        return CascoClient(
            base_url=settings.base_url,
            account=settings.account,
            password=settings.password,
            **options,
        )
    except ConfigurationError as error:
        raise CliError(error.message, "correct CASCO_BASE_URL or --base-url") from None


def enable_debug_logging() -> None:
    """Send the SDK's own log (metadata only: operation, path, status, timing) to stderr.

    Only the ``casco_async`` logger: httpx's logger prints full request URLs, and the SDK's lines
    already say everything useful without them.
    """
    logger = logging.getLogger("casco_async")
    if any(getattr(handler, "_casco_cli", False) for handler in logger.handlers):
        return  # already on (main() called twice in one process, e.g. in tests)
    handler = logging.StreamHandler(sys.stderr)
    handler._casco_cli = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
