"""The transports the SDK sends with, behind httpx's API (`_choice.py` says which, and why)."""

from ._aiohttp import AiohttpTransport
from ._choice import (
    TRANSPORT_BACKENDS,
    AutoTransport,
    TransportBackend,
    aiohttp_available,
    build_transport,
    check_custom_transport,
    resolve_proxy,
)
from ._sharded import ShardedTransport

__all__ = [
    "TRANSPORT_BACKENDS",
    "AiohttpTransport",
    "AutoTransport",
    "ShardedTransport",
    "TransportBackend",
    "aiohttp_available",
    "build_transport",
    "check_custom_transport",
    "resolve_proxy",
]
