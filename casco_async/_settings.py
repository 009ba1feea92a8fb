"""The keyword options of `CascoClient`, as one typed mapping, checked when they come from outside.

`CascoClient.from_env(**settings)` takes them as ``Unpack[ClientSettings]``, so a type checker
refuses ``max_concurrency="lots"``; and because settings built at run time (a config file, a
command line) escape the type checker, `check_settings` refuses them too, with a
`ConfigurationError` naming the option and the type it needs — never the value, which may be a
password.
"""

from __future__ import annotations

import os
import ssl
import types
from collections.abc import Mapping
from typing import Any, Literal, TypedDict, Union, get_args, get_origin, get_type_hints

import httpx

from ._auth import TokenStore
from ._errors import ConfigurationError
from ._retry import RetryPolicy
from ._transports import TransportBackend

__all__ = ["ClientSettings", "check_settings", "required_environment"]


class ClientSettings(TypedDict, total=False):
    """The keyword arguments of `CascoClient` (see its docstring), each optional here."""

    base_url: str
    account: str
    password: str
    timeout: float | httpx.Timeout | None
    max_retries: int | None
    retry: RetryPolicy | None
    deadline: float | None
    call_deadline: float | None
    max_response_size: int | None
    max_concurrency: int
    rate_limit: float | None
    adaptive_concurrency: bool
    refresh_margin: float | None
    token_store: TokenStore | None
    revoke_on_close: bool | None
    language: str | None
    validate_requests: bool
    verify: ssl.SSLContext | str | bool
    allow_insecure_http: bool
    transport: httpx.AsyncBaseTransport | None
    transport_backend: TransportBackend
    proxy: str | httpx.URL | None
    trust_env: bool
    headers: Mapping[str, str] | None


def check_settings(settings: Mapping[str, object]) -> None:
    """Refuse an unknown option, or a value not of its option's type (`ConfigurationError`)."""
    hints = get_type_hints(ClientSettings)
    for name, value in settings.items():
        hint = hints.get(name)
        if hint is None:
            raise ConfigurationError(
                f"unknown option {name!r}: CascoClient takes {', '.join(sorted(hints))}"
            )
        if not _matches(value, hint):
            raise ConfigurationError(
                f"option {name} must be {_describe(hint)}, not {type(value).__name__}"
            )


def required_environment(variable: str) -> str:
    """The value of an environment variable that must be set and not empty."""
    value = os.environ.get(variable)
    if not value:
        raise ConfigurationError(f"{variable} is not set")
    return value


def _members(hint: Any) -> tuple[Any, ...]:
    if get_origin(hint) in (Union, types.UnionType):
        return get_args(hint)
    return (hint,)


def _matches(value: object, hint: Any) -> bool:
    for member in _members(hint):
        origin = get_origin(member)
        if member is type(None):
            if value is None:
                return True
        elif member is float:
            # An int is a float to a type checker; a bool is not meant as a number.
            if isinstance(value, int | float) and not isinstance(value, bool):
                return True
        elif member is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return True
        elif origin is Literal:
            if any(value == choice and type(value) is type(choice) for choice in get_args(member)):
                return True
        elif origin is not None:
            # Mapping[str, str]: a mapping of strings (the only generic option).
            key_type, value_type = get_args(member)
            if isinstance(value, origin) and all(
                isinstance(k, key_type) and isinstance(v, value_type) for k, v in value.items()
            ):
                return True
        elif isinstance(value, member):
            return True
    return False


def _describe(hint: Any) -> str:
    names = []
    for member in _members(hint):
        if member is type(None):
            names.append("None")
        elif get_origin(member) is Literal:
            names.append(" or ".join(repr(choice) for choice in get_args(member)))
        elif get_origin(member) is not None:
            names.append(str(member).replace("collections.abc.", ""))
        else:
            names.append(member.__name__)
    return " or ".join(names)
