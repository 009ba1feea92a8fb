"""The admin endpoints under ``/_sandbox/`` (outside the API's paths); never faulted.

Every setting is checked before anything is applied: a number that is not finite or out of its
range, or a body over `MAX_ADMIN_BODY` (413), is refused and the sandbox is left as it was.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from casco_async.sandbox._envelope import error_envelope, success_envelope
from casco_async.sandbox._faults import FaultConfig
from casco_async.sandbox._responses import json_response, reject_constant
from casco_async.sandbox._state import SandboxState

MAX_ADMIN_BODY = 64 * 1024
"""The largest admin request body, in bytes; a fault configuration takes well under 4 KiB."""
MAX_SEED = 2**64
"""Seeds are integers with ``-MAX_SEED < seed < MAX_SEED``."""


class _TooLarge(Exception):
    pass


class Admin:
    """Endpoints under ``/_sandbox/`` for tests and benchmarks; never faulted."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    @staticmethod
    def _ok(data: Any) -> Response:
        return json_response(success_envelope(data, escape_slashes=False))

    @staticmethod
    def _bad(field: str, message: str) -> Response:
        body = error_envelope(400, "VALIDATION_ERROR", {field: [message]}, escape_slashes=False)
        return json_response(body, 400)

    @staticmethod
    async def _body(request: Request) -> Any:
        declared = request.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > MAX_ADMIN_BODY:
            raise _TooLarge
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_ADMIN_BODY:
                raise _TooLarge  # read no further: the body is unbounded otherwise
        if not raw.strip():
            return {}
        return json.loads(bytes(raw), parse_constant=reject_constant)

    async def _read(self, request: Request) -> tuple[Any, Response | None]:
        """The JSON body, or the answer refusing it (413 too large, 400 not JSON)."""
        try:
            return await self._body(request), None
        except _TooLarge:
            return None, self._too_large()
        except (ValueError, RecursionError):
            return None, self._bad("", "The request body must be valid JSON.")

    @staticmethod
    def _too_large() -> Response:
        message = f"The request body is larger than {MAX_ADMIN_BODY} bytes."
        return json_response(error_envelope(413, message, escape_slashes=False), 413)

    def _faults_data(self) -> dict[str, Any]:
        faults, operations, seed = self.state.fault_settings()
        return {
            "seed": seed,
            "faults": faults.to_dict(),
            "operations": {name: config.to_dict() for name, config in operations.items()},
        }

    async def health(self, request: Request) -> Response:
        return self._ok({"status": "ok"})

    async def stats(self, request: Request) -> Response:
        return self._ok(self.state.stats())

    async def reset(self, request: Request) -> Response:
        body, refused = await self._read(request)
        if refused is not None:
            return refused
        if not isinstance(body, dict) or not isinstance(body.get("state", False), bool):
            return self._bad("state", "Must be a boolean.")
        self.state.reset_stats()
        if body.get("state"):
            self.state.clear()
        return self._ok(self.state.stats())

    async def get_faults(self, request: Request) -> Response:
        return self._ok(self._faults_data())

    async def put_faults(self, request: Request) -> Response:
        body, refused = await self._read(request)
        if refused is not None:
            return refused
        if not isinstance(body, dict):
            return self._bad("", "Must be a JSON object.")
        unknown = set(body) - {"faults", "operations", "seed"}
        if unknown:
            return self._bad(sorted(unknown)[0], "Unknown setting.")
        seed = body.get("seed")
        if seed is not None and (
            isinstance(seed, bool) or not isinstance(seed, int) or not -MAX_SEED < seed < MAX_SEED
        ):
            return self._bad("seed", "Must be an integer between -2**64 and 2**64, exclusive.")
        try:
            faults = FaultConfig.from_dict(body.get("faults") or {})
        except (TypeError, ValueError) as error:
            return self._bad("faults", str(error))
        operations_data = body.get("operations") or {}
        if not isinstance(operations_data, dict):
            return self._bad("operations", "Must be an object.")
        operations: dict[str, FaultConfig] = {}
        for name, value in operations_data.items():
            if name not in self.state.operation_ids:
                return self._bad(f"operations.{name}", "Unknown operationId.")
            try:
                operations[name] = FaultConfig.from_dict(value)
            except (TypeError, ValueError) as error:
                return self._bad(f"operations.{name}", str(error))
        self.state.set_faults(faults, operations=operations, seed=seed)
        return self._ok(self._faults_data())

    async def clock(self, request: Request) -> Response:
        body, refused = await self._read(request)
        if refused is not None:
            return refused
        advance: Any = body.get("advance", 0) if isinstance(body, dict) else None
        try:
            # Checks the value (finite, not negative) and the clock's horizon before applying.
            self.state.advance(advance)
        except ValueError as error:
            return self._bad("advance", f"Must be a number of seconds, not negative: {error}.")
        return self._ok({"now": self.state.now(), "today": self.state.today().isoformat()})

    async def insurer(self, request: Request) -> Response:
        key = request.path_params["key"]
        body, refused = await self._read(request)
        if refused is not None:
            return refused
        enabled = body.get("enabled") if isinstance(body, dict) else None
        if not isinstance(enabled, bool):
            return self._bad("enabled", "Must be a boolean.")
        try:
            self.state.set_insurer_enabled(key, enabled)
        except ValueError:
            body_bytes = error_envelope(404, "Unknown insurer", escape_slashes=False)
            return json_response(body_bytes, 404)
        return self._ok({"insurer": key, "enabled": enabled})
