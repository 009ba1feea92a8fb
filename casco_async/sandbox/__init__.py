"""The embedded CascoApi 1.0 sandbox: a faithful local stand-in for the vendor's test API.

It answers the 13 operations of CascoApi 1.0 with the same methods, paths, statuses and
envelopes (PHP-style JSON with ``\\/``, documents as base64 inside JSON), issues real HS256 JWTs
with rotating refresh tokens, prices quotes with four fictitious insurer tariffs, and can inject
faults (latency, 429, 5xx, dropped connections, slow bodies, short-lived tokens)
reproducibly from a seed.

It follows the generated client's document (``casco_async_generated/schemas.json``): one route per
documented operation, matched to its handler by method and path; counters and faults keyed by
the operationIds the document gives. A documented operation it does not implement answers a 501
envelope naming it (see :attr:`Sandbox.not_implemented`); a handler whose method and path the
document lacks is a :class:`SandboxDocumentError` when the sandbox is built.

In-process::

    from casco_async.sandbox import Sandbox

    sandbox = Sandbox()
    client = httpx.AsyncClient(transport=sandbox.transport(), base_url="http://sandbox")

Over a socket (uvicorn in a thread): :class:`SandboxServer`; as a command:
``casco-async sandbox --port 8080``. For pytest, see :mod:`casco_async.testing`.
"""

from typing import TYPE_CHECKING, Any

from casco_async.sandbox._app import Sandbox, create_app
from casco_async.sandbox._auth import IssuedToken
from casco_async.sandbox._document import SandboxDocumentError
from casco_async.sandbox._faults import FaultConfig, SimulatedDisconnect
from casco_async.sandbox._server import SandboxServer
from casco_async.sandbox._state import (
    OUTCOMES,
    POLICY_SERIES,
    SandboxConfig,
    StoredOffer,
    StoredPolicy,
)

__all__ = [
    "OPERATION_IDS",
    "OUTCOMES",
    "POLICY_SERIES",
    "FaultConfig",
    "IssuedToken",
    "Sandbox",
    "SandboxConfig",
    "SandboxDocumentError",
    "SandboxServer",
    "SimulatedDisconnect",
    "StoredOffer",
    "StoredPolicy",
    "create_app",
]

if TYPE_CHECKING:
    from casco_async.sandbox._state import OPERATION_IDS


def __getattr__(name: str) -> Any:
    # OPERATION_IDS comes from the generated client's schemas.json, read on first access.
    if name == "OPERATION_IDS":
        from casco_async.sandbox import _state

        return _state.OPERATION_IDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
