"""A scriptable in-memory CascoApi for unit tests with pytest-httpx.

It issues real-looking JWTs (with `exp`), rotates single-use refresh tokens and answers every
route of the document with a minimal envelope. Tests queue exact answers per route with `script`
to provoke each rule of the client.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import inspect
import json
import secrets
import time
from collections import Counter, defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx

BASE_URL = "https://casco-qa.api.lifeishard.ro"
ACCOUNT = "broker.test"
PASSWORD = "pw-PLANTED-SECRET-9f2b"


def make_jwt(lifetime: float, *, now: float | None = None) -> str:
    """An HS256-shaped JWT whose payload has `iat` and `exp` (signature not checked here)."""
    issued = time.time() if now is None else now

    def b64(data: dict[str, Any]) -> str:
        raw = json.dumps(data).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    header = b64({"typ": "JWT", "alg": "HS256"})
    claims = b64(
        {
            "iss": "Life is Hard",
            "iat": int(issued),
            "exp": int(issued + lifetime),
            "jti": secrets.token_hex(8),
        }
    )
    return f"{header}.{claims}.{secrets.token_urlsafe(16)}"


def envelope(data: Any, status: int = 200) -> dict[str, Any]:
    return {"error": False, "status": status, "data": data}


def error_envelope(status: int, message: str, data: Any = None) -> dict[str, Any]:
    return {"error": True, "status": status, "message": message, "data": data}


Responder = Callable[[httpx.Request], httpx.Response | None]


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def loopback_server(handle: Handler) -> AsyncIterator[int]:
    """`handle` serving every connection on 127.0.0.1; yields the port. On exit the server
    closes and every connection's task still running is cancelled (a hung answer too)."""
    tasks: set[asyncio.Task[Any]] = set()

    async def tracked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            tasks.add(task)
        await handle(reader, writer)

    server = await asyncio.start_server(tracked, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        for task in list(tasks):
            task.cancel()
        await server.wait_closed()


class FakeApi:
    """The routes of the CascoApi, in memory. Register with `httpx_mock.add_callback(api)`."""

    def __init__(self, *, token_lifetime: float = 3600.0, renew_delay: float = 0.0) -> None:
        self.token_lifetime = token_lifetime
        self.renew_delay = renew_delay
        self.valid_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.calls: Counter[str] = Counter()
        self.scripts: dict[str, deque[Responder | httpx.Response]] = defaultdict(deque)
        self.seen_tokens: list[str | None] = []

    def script(self, route: str, *answers: Responder | httpx.Response) -> None:
        """Queue answers for `route` ("GET /nomenclature/county"); used before the default."""
        self.scripts[route].extend(answers)

    def issue(self) -> dict[str, Any]:
        token = make_jwt(self.token_lifetime)
        refresh = secrets.token_hex(32)
        self.valid_tokens.add(token)
        self.refresh_tokens.add(refresh)
        return {"token": token, "expires_at": "2030-01-01 00:00:00", "refresh_token": refresh}

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        route = f"{request.method} {request.url.path}"
        self.calls[route] += 1
        if route.startswith("PATCH /auth") and self.renew_delay:
            await anyio.sleep(self.renew_delay)
        queue = self.scripts.get(route)
        while queue:
            answer = queue.popleft()
            response = answer(request) if callable(answer) else answer
            if inspect.isawaitable(response):
                response = await response
            if response is not None:
                return response
        return self.default(request, route)

    def default(self, request: httpx.Request, route: str) -> httpx.Response:
        if route == "POST /auth":
            params = request.url.params
            if params.get("account") == ACCOUNT and params.get("password") == PASSWORD:
                return httpx.Response(200, json=envelope(self.issue()))
            return httpx.Response(401, json=error_envelope(401, "Invalid credentials"))
        if route == "PATCH /auth":
            header = request.headers.get("Token", "")
            refresh = header.removeprefix("Refresh ")
            if header.startswith("Refresh ") and refresh in self.refresh_tokens:
                self.refresh_tokens.discard(refresh)
                return httpx.Response(200, json=envelope(self.issue()))
            return httpx.Response(401, json=error_envelope(401, "Invalid refresh token"))
        token = request.headers.get("Token")
        self.seen_tokens.append(token)
        if token not in self.valid_tokens:
            return httpx.Response(401, json=error_envelope(401, "Invalid or expired token"))
        if route == "DELETE /auth":
            self.valid_tokens.discard(token)
            return httpx.Response(200, json=envelope(None))
        if route == "GET /nomenclature/county":
            return httpx.Response(
                200,
                json=envelope(
                    [{"id": 12, "code": "CJ", "name": "Cluj", "siruta": 127, "country": "RO"}]
                ),
            )
        if route == "POST /offer":
            return httpx.Response(200, json=envelope(QUOTE_RESULT))
        if route == "POST /policy":
            return httpx.Response(200, json=envelope(POLICY_RESULT))
        return httpx.Response(404, json=error_envelope(404, "Not found"))


OFFER = {
    "offerId": 100001,
    "providerOfferCode": "GEN-1",
    "premiumAmount": 3120.55,
    "premiumAmountNet": 2622.31,
    "currency": "RON",
    "startDate": "2027-01-20",
    "endDate": "2028-01-19",
    "commissionValue": 312.06,
    "commissionPercent": 10,
    "installments": [{"id": 1, "amount": 3120.55, "dueDate": "2027-01-20"}],
    "offerExpiryDate": "2027-01-19",
    "notes": None,
    "pid": None,
    "toc": None,
    "paymentLink": None,
}
QUOTE_RESULT = {"provider": {"organization": {"businessName": "generali"}}, "offers": [OFFER]}
POLICY_RESULT = {
    "policies": [
        {
            "policyId": 5501,
            "series": "RO/05/M3",
            "number": 100234,
            "startDate": "2027-01-20",
            "endDate": "2028-01-19",
            "premiumAmount": 3120.55,
            "currency": "RON",
        }
    ]
}
PAYMENT = {
    "method": "receipt",
    "currency": "RON",
    "amount": 3120.55,
    "date": "2027-01-18",
    "documentNumber": "CH-1",
}


def document() -> dict[str, Any]:
    """The project's OpenAPI document (JSON or YAML) with the stable names of openapi/pins.yaml.

    Tests name schemas as the generated client does (``QuoteRequest``), whatever the vendor's own
    file calls them; nothing else is changed (no overlay, the Token header as the vendor wrote it).
    Each call returns a new copy, which the caller may change.
    """
    import copy

    return copy.deepcopy(_pinned_document())


@functools.cache
def _pinned_document() -> dict[str, Any]:
    from pathlib import Path

    load_document = script("openapi_document").load_document
    prepare_document = script("prepare_document")
    root = Path(__file__).parent.parent / "openapi"
    loaded = load_document(root / "casco-api.yaml")
    if str(loaded.get("openapi", "")).startswith("3.1"):
        prepare_document.downgrade_31(loaded)
    pinned: dict[str, Any] = prepare_document.pin_names(loaded, load_document(root / "pins.yaml"))
    return pinned


def script(name: str) -> Any:
    """The module ``scripts/<name>.py`` (the scripts import each other by plain name)."""
    import importlib
    import sys
    from pathlib import Path

    scripts = str(Path(__file__).parent.parent / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module(name)


def prepare_generation_copy(target: Any) -> None:
    """Write the generation copy of openapi/casco-api.yaml to ``target`` (as `make generate`)."""
    from pathlib import Path

    root = Path(__file__).parent.parent / "openapi"
    arguments = [str(root / "casco-api.yaml"), "--pins", str(root / "pins.yaml")]
    arguments += ["--overlay", str(root / "overlay.yaml"), "--output", str(target)]
    assert script("prepare_document").main(arguments) == 0


def quote_request(insurer: str = "generali", **product_changes: Any) -> dict[str, Any]:
    """The document's own QuoteRequest example, starting tomorrow (so it stays valid)."""
    import copy
    import datetime

    request = copy.deepcopy(document()["components"]["schemas"]["QuoteRequest"]["example"])
    request["provider"]["organization"]["businessName"] = insurer
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    request["product"]["motor"]["startDate"] = tomorrow.isoformat()
    request["product"].update(product_changes)
    return request


VEHICLE: dict[str, Any] = {
    "vehicleType": "M1",
    "brand": "Dacia",
    "model": "Duster",
    "yearOfConstruction": 2022,
    "engineDisplacement": 1461,
    "enginePower": 85,
    "fuelType": "diesel",
    "seats": 5,
}
"""A valid helper body (VehicleData) the sandbox's catalogue matches."""


def chosen_transport(casco: Any) -> Any:
    """The transport a CascoClient's first request chose (aiohttp's or httpx's), or None."""
    return casco._pipeline.connection.http._transport.chosen


def busy_connections(casco: Any) -> int:
    """Connections of a CascoClient's pool still checked out (a leak once a call returned)."""
    transport = chosen_transport(casco)
    if transport is None:
        return 0
    from casco_async._transports import ShardedTransport

    if isinstance(transport, ShardedTransport):
        # The connections checked out, or the answers not closed as each shard counts them (a
        # count below 0, given back twice, is as wrong as one left above).
        pools = [shard._pool for shard in transport.shards]
        busy = sum(1 for pool in pools for c in pool.connections if not c.is_idle())
        return max(busy, sum(abs(count) for count in transport.in_flight))
    # aiohttp's: the answers handed out and not closed, and the connector's checked-out ones.
    session = transport._session
    acquired = len(session.connector._acquired) if session is not None else 0
    return max(transport.open_responses, acquired)


def pooled_connections(casco: Any) -> int:
    """Connections a CascoClient's pool holds, idle or not (0 once closed)."""
    transport = chosen_transport(casco)
    if transport is None:
        return 0
    from casco_async._transports import ShardedTransport

    if isinstance(transport, ShardedTransport):
        return sum(len(shard._pool.connections) for shard in transport.shards)
    session = transport._session
    if session is None or session.connector is None or session.connector.closed:
        return 0
    connector = session.connector
    return len(connector._acquired) + sum(len(idle) for idle in connector._conns.values())


def _fuzz_settings() -> tuple[Any, Any]:
    from hypothesis import HealthCheck, settings

    fast = settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    return fast, settings(fast, max_examples=3_000)


FUZZ_FAST, FUZZ_SOAK = _fuzz_settings()
"""Hypothesis settings of the fuzz tests: the fast subset (make test) and the soak run."""


def __getattr__(name: str) -> Any:
    # FAST_RETRY needs the SDK; importing it lazily keeps `support` importable (and the tests that
    # need no SDK running) when the generated client is broken.
    if name == "FAST_RETRY":
        from casco_async import RetryPolicy

        # The retry rule of every test: real retries, with waits too short to slow the suite.
        return RetryPolicy(max_retries=2, initial_delay=0.001, max_delay=0.005)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
