"""The outermost ASGI layer: lifespan, unknown paths and methods, and last-resort 500s.

An unknown path or method gets a 404/405 envelope, a bug a 500 envelope with a
``correlation_id`` (the traceback goes to the log, never into the body).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.routing import BaseRoute, Route, Router
from starlette.types import Message, Receive, Scope, Send

from casco_async._messages import message as _message
from casco_async.sandbox._envelope import encode_json, error_envelope
from casco_async.sandbox._faults import SimulatedDisconnect
from casco_async.sandbox._responses import json_response, outcome_of
from casco_async.sandbox._state import UNMATCHED, SandboxState

logger = logging.getLogger("casco_async.sandbox")


class Edge:
    """The outermost ASGI layer: never lets an exception or a non-envelope answer out."""

    def __init__(self, router: Router, state: SandboxState) -> None:
        self.router = router
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1000})
            return
        # With "app" in the scope, Starlette's router raises HTTPException for 404/405 instead
        # of answering plain text, and this layer answers with the envelope.
        scope = {**scope, "app": self}
        started = completed = False

        async def tracking_send(message: Message) -> None:
            nonlocal started, completed
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                completed = True
            await send(message)

        try:
            await self.router(scope, receive, tracking_send)
        except HTTPException as error:
            if started:
                raise
            await self._unmatched(scope, error, send)
        except ClientDisconnect:
            return  # the client left while its body was read: nobody to answer
        except SimulatedDisconnect:
            raise
        except Exception:
            if started and not completed:
                raise  # half-sent: cutting the connection is all that is left
            correlation_id = str(uuid.uuid4())
            logger.exception("sandbox error; correlation_id=%s", correlation_id)
            if not started:
                body = {
                    "error": True,
                    "status": 500,
                    "message": "Internal server error",
                    "data": None,
                    "correlation_id": correlation_id,
                }
                await json_response(encode_json(body), 500)(scope, receive, send)

    async def _unmatched(self, scope: Scope, error: HTTPException, send: Send) -> None:
        self.state.next_call(UNMATCHED)
        self.state.record(UNMATCHED, outcome_of(error.status_code))
        headers = Request(scope).headers
        lang = headers.get("content-language", "en")
        if error.status_code == 405:
            allowed = _allowed_methods(self.router.routes, scope["path"])
            message, extra = _message("method", lang), {"Allow": ", ".join(allowed)}
        elif error.status_code == 404:
            message, extra = _message("not_found", lang), {}
        else:
            message, extra = str(error.detail), {}
        body = error_envelope(error.status_code, message)
        await json_response(body, error.status_code, extra)(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def _allowed_methods(routes: Iterable[BaseRoute], path: str) -> list[str]:
    methods: set[str] = set()
    for route in routes:
        if isinstance(route, Route) and route.methods and route.path_regex.match(path):
            methods |= route.methods
    return sorted(methods)


async def _lifespan(receive: Receive, send: Send) -> None:
    """Answer the lifespan protocol: the sandbox has nothing to start or stop."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
