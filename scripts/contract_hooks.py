"""schemathesis hooks for `make contract` (loaded as SCHEMATHESIS_HOOKS=contract_hooks).

Every generated call gets a fresh token from the sandbox's ``POST /auth``, because
``DELETE /auth`` revokes the token it is given (one shared token would turn every later case
into a 401). A case without a ``Token`` header (schemathesis's missing_required_header check)
and ``PATCH /auth`` (whose ``Token`` is the generated ``Refresh ...`` value) are left alone.
"""

from __future__ import annotations

import os
from typing import Any

import httpx
import schemathesis

ACCOUNT = os.environ.get("CASCO_CONTRACT_ACCOUNT", "sandbox")
PASSWORD = os.environ.get("CASCO_CONTRACT_PASSWORD", "sandbox")


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Put a fresh JWT in the case's ``Token`` header."""
    if (case.method.upper(), case.path) == ("PATCH", "/auth"):
        return
    headers = dict(case.headers or {})
    if "Token" not in headers:
        return
    answer = httpx.post(
        f"{case.operation.base_url}/auth",
        params={"account": ACCOUNT, "password": PASSWORD},
        timeout=10,
    )
    answer.raise_for_status()
    headers["Token"] = answer.json()["data"]["token"]
    case.headers = headers
