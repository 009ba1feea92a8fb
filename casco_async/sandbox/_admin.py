"""The admin endpoints under ``/_sandbox/`` (outside the API's paths); never faulted."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from casco_async.sandbox._envelope import error_envelope, success_envelope
from casco_async.sandbox._faults import FaultConfig
from casco_async.sandbox._responses import json_response, reject_constant
from casco_async.sandbox._state import SandboxState


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
        raw = await request.body()
        if not raw.strip():
            return {}
        return json.loads(raw, parse_constant=reject_constant)

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
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        if not isinstance(body, dict) or not isinstance(body.get("state", False), bool):
            return self._bad("state", "Must be a boolean.")
        self.state.reset_stats()
        if body.get("state"):
            self.state.clear()
        return self._ok(self.state.stats())

    async def get_faults(self, request: Request) -> Response:
        return self._ok(self._faults_data())

    async def put_faults(self, request: Request) -> Response:
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        if not isinstance(body, dict):
            return self._bad("", "Must be a JSON object.")
        unknown = set(body) - {"faults", "operations", "seed"}
        if unknown:
            return self._bad(sorted(unknown)[0], "Unknown setting.")
        seed = body.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            return self._bad("seed", "Must be an integer.")
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
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        advance = body.get("advance", 0) if isinstance(body, dict) else None
        if isinstance(advance, bool) or not isinstance(advance, int | float) or advance < 0:
            return self._bad("advance", "Must be a number of seconds, not negative.")
        self.state.advance(float(advance))
        return self._ok({"now": self.state.now(), "today": self.state.today().isoformat()})

    async def insurer(self, request: Request) -> Response:
        key = request.path_params["key"]
        try:
            body = await self._body(request)
        except (ValueError, RecursionError):
            return self._bad("", "The request body must be valid JSON.")
        enabled = body.get("enabled") if isinstance(body, dict) else None
        if not isinstance(enabled, bool):
            return self._bad("enabled", "Must be a boolean.")
        try:
            self.state.set_insurer_enabled(key, enabled)
        except ValueError:
            body_bytes = error_envelope(404, "Unknown insurer", escape_slashes=False)
            return json_response(body_bytes, 404)
        return self._ok({"insurer": key, "enabled": enabled})
