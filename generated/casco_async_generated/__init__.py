"""A client library for accessing CascoApi"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client
else:

    def __getattr__(name):
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from . import client

        return getattr(client, name)

    def __dir__():
        return sorted({*globals(), *__all__})


__all__ = (
    "AuthenticatedClient",
    "Client",
)
