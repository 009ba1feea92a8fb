"""How the sandbox answers: JSON and 5xx envelopes, outcome counting and body faults.

:class:`Observed` sends each operation's answer: it counts the outcome, slows the body down or
cuts the connection mid-body when the faults say so. Also the JSON-body parsing helper shared by
the API and the admin endpoints.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, Final

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from casco_async._messages import has_message
from casco_async._messages import message as _message
from casco_async.sandbox._envelope import encode_json
from casco_async.sandbox._faults import FaultDecision, SimulatedDisconnect
from casco_async.sandbox._state import SandboxState

logger = logging.getLogger("casco_async.sandbox")

JSON_MEDIA: Final = "application/json"


def json_response(
    content: bytes, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(content, status_code=status, headers=dict(headers or {}), media_type=JSON_MEDIA)


def server_error_response(
    status: int, lang: str, *, escape_slashes: bool, correlation_id: str | None = None
) -> Response:
    """A 5xx envelope with a ``correlation_id``, as the vendor's newer APIs send."""
    key = f"server_{status}" if has_message(f"server_{status}") else "server_5xx"
    body = {
        "error": True,
        "status": status,
        "message": _message(key, lang),
        "data": None,
        "correlation_id": correlation_id or str(uuid.uuid4()),
    }
    return json_response(encode_json(body, escape_slashes=escape_slashes), status)


def outcome_of(status: int) -> str:
    if status == 401:
        return "unauthorized"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    if status >= 400:
        return "client_error"
    return "ok"


def _pieces(body: bytes, size: int) -> Iterable[bytes]:
    with memoryview(body) as view:
        for start in range(0, len(body), size):
            yield bytes(view[start : start + size])


class Observed(Response):
    """Sends an inner response, counting its outcome and applying body faults.

    A slow body pauses before each piece of at most ``chunk_size`` bytes. A drop sends part of
    the body and raises :class:`SimulatedDisconnect`, which makes uvicorn close the connection.
    """

    def __init__(
        self,
        inner: Response,
        *,
        state: SandboxState,
        operation: str,
        decision: FaultDecision,
        chunk_size: int,
        request: Request,
        started: float,
    ) -> None:
        # Response.__init__ is not called: this object only forwards ``inner``.
        self.inner = inner
        self.status_code = inner.status_code
        self._state = state
        self._operation = operation
        self._decision = decision
        self._chunk_size = chunk_size
        self._request = request
        self._started = started

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        decision = self._decision
        slow = decision.slow_body
        dropping = decision.drop_after is not None
        if not dropping and slow <= 0:
            await self.inner(scope, receive, self._counting(send))
            return
        sent = 0
        cut: int | None = None  # None while dropping: cut after the first piece

        async def emit(piece: bytes) -> None:
            if slow > 0:
                await anyio.sleep(slow)
            await send({"type": "http.response.body", "body": piece, "more_body": True})

        async def faulty_send(message: Message) -> None:
            nonlocal sent, cut
            if message["type"] == "http.response.start":
                length = _content_length(message)
                if dropping:
                    wanted = -1 if decision.drop_after is None else decision.drop_after
                    if length is not None:
                        # Cut strictly inside a sized body, so that it is really incomplete.
                        cut = min(length // 2 if wanted < 0 else wanted, max(length - 1, 0))
                    elif wanted >= 0:
                        cut = wanted
                await self._counting(send)(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body: bytes = message.get("body", b"")
            size = self._chunk_size if slow > 0 else max(len(body), 1)
            for piece in _pieces(body, size):
                if dropping:
                    if cut is None:
                        await emit(piece)
                        raise SimulatedDisconnect(sent + len(piece))
                    room = cut - sent
                    if len(piece) >= room:
                        if room > 0:
                            await emit(piece[:room])
                            sent += room
                        raise SimulatedDisconnect(sent)
                await emit(piece)
                sent += len(piece)
            if not message.get("more_body", False):
                if dropping:
                    raise SimulatedDisconnect(sent)
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.inner(scope, receive, faulty_send)

    def _counting(self, send: Send) -> Send:
        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status = int(message["status"])
                dropped = self._decision.drop_after is not None
                outcome = "dropped" if dropped else outcome_of(status)
                self._state.record(self._operation, outcome)
                # Metadata only: no query string (it may carry a password), no header, no body.
                logger.info(
                    "%s %s %s -> %d %s (%.1f ms)",
                    self._operation,
                    self._request.method,
                    self._request.url.path,
                    status,
                    outcome,
                    (time.perf_counter() - self._started) * 1000,
                )
            await send(message)

        return counting_send


def _content_length(message: Message) -> int | None:
    for name, value in message.get("headers", []):
        if name.lower() == b"content-length":
            with contextlib.suppress(ValueError):
                return int(value)
    return None


def reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
