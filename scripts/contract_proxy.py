"""A validating proxy between the SDK and the sandbox, and the SDK flows driven through it.

    python scripts/contract_proxy.py            # the flows over every operation; 0 = no violation

:class:`ValidatingTransport` sits in the client's path (an httpx transport wrapping the real
socket transport, so every byte the SDK sends and the sandbox answers passes through it) and
holds each exchange to openapi/casco-api.yaml - the document itself, not the generation copy
with its lenient overlay:

* request side (what the SDK sends): the operation exists (method and path), each declared
  path/query/header parameter is present when required and matches its schema, no undeclared
  query parameter, and a JSON body of a declared media type matching the body schema;
* response side (what the sandbox answers): the status is declared for the operation, the media
  type is declared for that status, the body matches its schema, declared headers are present.

:func:`sdk_flows` calls every operation through the public SDK (``CascoClient``), the success
paths and the refusals the SDK meets in use (401, 403, 404, 409, injected 429 and 5xx with
their retries), so "0 violations" means the SDK and the sandbox keep to the document on both
sides. The sandbox's opt-in ``raw_pdf`` mode is off-contract (it answers ``application/pdf``,
which the document does not declare); :func:`raw_pdf_violations` shows the proxy reporting it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, unquote

import httpx
from openapi_document import load_document, operations, resolve
from openapi_schema_validator import OAS30Validator, oas30_format_checker

DOCUMENT = Path(__file__).resolve().parents[1] / "openapi" / "casco-api.yaml"


class Violation(NamedTuple):
    """One way an exchange breaks the document."""

    side: str  # "request" (the client's fault) or "response" (the server's)
    operation: str  # "POST /offer", or the request line when no operation matches
    message: str


@dataclass(frozen=True)
class _Operation:
    key: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]


class Contract:
    """The document's operations, and the checks of one request or response against them."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.operations: list[_Operation] = []
        for key, spec in operations(document):
            path = key.partition(" ")[2]
            regex = re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
            self.operations.append(_Operation(key, re.compile(regex), spec))

    @classmethod
    def load(cls, path: Path = DOCUMENT) -> Contract:
        return cls(load_document(path))

    def resolve(self, node: Any) -> Any:
        """`node` with its local ``$ref`` chain followed."""
        return resolve(self.document, node)

    def match(self, method: str, path: str) -> tuple[_Operation, dict[str, str]] | None:
        for operation in self.operations:
            if not operation.key.startswith(method.upper() + " "):
                continue
            found = operation.pattern.fullmatch(path)
            if found:
                return operation, found.groupdict()
        return None

    def _errors(self, schema: Any, value: Any) -> list[str]:
        validator = OAS30Validator(
            {**schema, "components": self.document.get("components", {})},
            format_checker=oas30_format_checker,
        )
        found = sorted(validator.iter_errors(value), key=lambda error: list(error.absolute_path))
        return [
            f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
            for error in found[:3]
        ]

    def _typed(self, schema: Any, text: str) -> Any:
        """A parameter's text as the JSON value its schema's type names."""
        declared = self.resolve(schema).get("type")
        try:
            if declared == "integer" and re.fullmatch(r"-?[0-9]+", text):
                return int(text)
            if declared == "number":
                return float(text)
        except ValueError:
            return text
        if declared == "boolean" and text in ("true", "false"):
            return text == "true"
        return text

    def check_request(self, request: httpx.Request) -> tuple[str, list[Violation]]:
        """The operation key of ``request`` and how the request breaks the document."""
        # Matched on the raw path: an encoded "/" (%2F) stays inside its segment.
        raw_path = request.url.raw_path.split(b"?")[0].decode("ascii")
        line = f"{request.method} {raw_path}"
        matched = self.match(request.method, raw_path)
        if matched is None:
            return line, [Violation("request", line, "no such operation in the document")]
        operation, raw_values = matched
        path_values = {name: unquote(value) for name, value in raw_values.items()}
        key, spec = operation.key, operation.spec
        found: list[Violation] = []
        query = dict(parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True))
        declared_query: set[str] = set()
        for raw in spec.get("parameters") or []:
            parameter = self.resolve(raw)
            name, where = parameter["name"], parameter["in"]
            if where == "query":
                declared_query.add(name)
                value = query.get(name)
            elif where == "path":
                value = path_values.get(name)
            elif where == "header":
                value = request.headers.get(name)
            else:
                continue
            if value is None:
                if parameter.get("required") or where == "path":
                    found.append(Violation("request", key, f"{where} parameter {name} missing"))
                continue
            schema = parameter.get("schema", {})
            for error in self._errors(schema, self._typed(schema, value)):
                found.append(Violation("request", key, f"{where} parameter {name}: {error}"))
        for name in sorted(set(query) - declared_query):
            found.append(Violation("request", key, f"undeclared query parameter {name}"))
        body = self.resolve(spec.get("requestBody") or {})
        content = request.content
        if body:
            media = request.headers.get("content-type", "").split(";")[0].strip()
            declared = body.get("content") or {}
            if not content:
                if body.get("required"):
                    found.append(Violation("request", key, "request body missing"))
            elif media not in declared:
                found.append(Violation("request", key, f"request media type {media!r}"))
            else:
                try:
                    value = json.loads(content)
                except ValueError:
                    found.append(Violation("request", key, "request body is not JSON"))
                else:
                    for error in self._errors(declared[media]["schema"], value):
                        found.append(Violation("request", key, f"request body {error}"))
        elif content:
            found.append(Violation("request", key, "a body the operation does not take"))
        return key, found

    def check_response(self, key: str, response: httpx.Response) -> list[Violation]:
        """How ``response`` (its body read) to operation ``key`` breaks the document."""
        operation = next((op for op in self.operations if op.key == key), None)
        if operation is None:
            return []  # the request was already reported
        responses = operation.spec.get("responses") or {}
        status = str(response.status_code)
        declared = responses.get(status) or responses.get(f"{status[0]}XX")
        declared = declared or responses.get("default")
        if declared is None:
            return [Violation("response", key, f"status {status} not declared")]
        answer = self.resolve(declared)
        found: list[Violation] = []
        media = response.headers.get("content-type", "").split(";")[0].strip()
        content = answer.get("content") or {}
        if media not in content:
            found.append(Violation("response", key, f"{status}: media type {media!r} undeclared"))
        else:
            try:
                value = response.json()
            except ValueError:
                found.append(Violation("response", key, f"{status}: body is not JSON"))
            else:
                for error in self._errors(content[media].get("schema", {}), value):
                    found.append(Violation("response", key, f"{status}: body {error}"))
        for name, header in (answer.get("headers") or {}).items():
            value = response.headers.get(name)
            if value is None:
                found.append(Violation("response", key, f"{status}: header {name} missing"))
                continue
            schema = self.resolve(header).get("schema", {})
            for error in self._errors(schema, self._typed(schema, value)):
                found.append(Violation("response", key, f"{status}: header {name}: {error}"))
        return found


class ValidatingTransport(httpx.AsyncBaseTransport):
    """Passes every exchange through to ``inner`` and records how it breaks the document."""

    def __init__(self, contract: Contract, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.contract = contract
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.violations: list[Violation] = []
        self.exchanges: Counter[tuple[str, int]] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        key, problems = self.contract.check_request(request)
        self.violations.extend(problems)
        upstream = await self.inner.handle_async_request(request)
        try:
            raw = await upstream.aread()
        finally:
            await upstream.aclose()
        # The bytes as they came (still content-encoded): the client decodes them as usual.
        response = httpx.Response(
            upstream.status_code, headers=upstream.headers, content=raw, request=request
        )
        self.exchanges[(key, response.status_code)] += 1
        self.violations.extend(self.contract.check_response(key, response))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()

    def by_side(self) -> dict[str, int]:
        counts = Counter(violation.side for violation in self.violations)
        return {"request": counts["request"], "response": counts["response"]}


# ------------------------------------------------------------------------------------ flows


def _client(
    server: Any, transport: ValidatingTransport, password: str = "sandbox", **options: Any
) -> Any:
    from casco_async import CascoClient

    # The transport outlives each client: the run's findings are read after the flows.
    return CascoClient(
        base_url=server.base_url,
        account="sandbox",
        password=password,
        transport=_Borrowed(transport),
        max_retries=1,
        **options,
    )


class _Borrowed(httpx.AsyncBaseTransport):
    """``transport`` without its ``aclose`` (each client closes its transport on exit)."""

    def __init__(self, transport: ValidatingTransport) -> None:
        self.transport = transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.transport.handle_async_request(request)


VEHICLE: dict[str, Any] = {
    "vehicleType": "M1",
    "brand": "Dacia",
    "model": "Duster",
    "yearOfConstruction": 2022,
    "engineDisplacement": 1461,
    "enginePower": 85,
    "fuelType": "diesel",
    "seats": 5,
    "marketValue": "95000.00",  # the docs' string form: the SDK sends it as a number
}


async def sdk_flows(sandbox: Any, server: Any, transport: ValidatingTransport) -> None:
    """Every operation through the public SDK: successes and the refusals met in use."""
    from casco_async import CascoError
    from casco_async.sandbox import FaultConfig
    from casco_async.testing import sample_payment, sample_quote_request

    async with _client(server, transport) as casco:
        await casco.nomenclature.countries()
        counties = await casco.nomenclature.counties()
        await casco.nomenclature.localities(counties[0].id)
        await casco.nomenclature.localities(987654)  # unknown county: []
        await casco.nomenclature.vehicle_makes()
        await casco.nomenclature.vehicle_models("Dacia")
        await casco.nomenclature.vehicle_models("No Such/Make")
        await casco.helper.identify_vehicle(VEHICLE)
        offers = []
        for insurer in ("generali", "groupama", "eazy_insure", "allianz"):
            offers.append((await casco.products.quote(sample_quote_request(insurer)))[0])
        with tempfile.TemporaryDirectory() as folder:
            await casco.documents.save_offer(offers[0].offer_id, Path(folder) / "offer.pdf")
            policy = await casco.products.issue_policy(
                offers[0].offer_id, sample_payment(offers[0].to_dict())
            )
            await casco.documents.save_policy(
                policy.series, policy.number, Path(folder) / "policy.pdf"
            )
            for call in (
                casco.documents.save_offer(1, Path(folder) / "none.pdf"),  # 404
                casco.products.issue_policy(  # 409: the offer is already a policy
                    offers[0].offer_id, sample_payment(offers[0].to_dict())
                ),
            ):
                with contextlib.suppress(CascoError):
                    await call
        sandbox.set_insurer_enabled("generali", False)
        with contextlib.suppress(CascoError):
            await casco.products.quote(sample_quote_request("generali"))  # 403
        sandbox.set_insurer_enabled("generali", True)
        # Injected faults: 429 and 5xx answers (retried by the SDK, then given up).
        for config in (
            FaultConfig(rate_limit_rate=1.0, retry_after=0),
            FaultConfig(error_rate=1.0, error_statuses=(500, 502, 503)),
        ):
            sandbox.set_faults(operations={"listCounties": config})
            with contextlib.suppress(CascoError):
                await casco.nomenclature.counties()
        sandbox.set_faults(operations={})
    # A margin as long as a token's life: PATCH /auth before each call.
    async with _client(server, transport, refresh_margin=10 * 86400) as renewing:
        await renewing.nomenclature.countries()
        await renewing.nomenclature.counties()
    # Wrong credentials: 401.
    async with _client(server, transport, password="wrong") as refused:
        with contextlib.suppress(CascoError):
            await refused.nomenclature.countries()


async def raw_pdf_flow(sandbox: Any, server: Any, transport: ValidatingTransport) -> None:
    """One offer download in the sandbox's off-contract ``raw_pdf`` mode."""
    from casco_async.sandbox import FaultConfig
    from casco_async.testing import sample_quote_request

    async with _client(server, transport) as casco:
        offer = (await casco.products.quote(sample_quote_request()))[0]
        sandbox.set_faults(operations={"downloadOffer": FaultConfig(raw_pdf=True)})
        with tempfile.TemporaryDirectory() as folder:
            await casco.documents.save_offer(offer.offer_id, Path(folder) / "offer.pdf")


def run(*, raw_pdf: bool = False, document: Path = DOCUMENT) -> ValidatingTransport:
    """The flows (or the raw_pdf flow) against a fresh sandbox on a loopback socket; the
    transport holds the findings."""
    from casco_async.sandbox import Sandbox, SandboxServer

    sandbox = Sandbox()
    transport = ValidatingTransport(Contract.load(document))
    flow = raw_pdf_flow if raw_pdf else sdk_flows
    with SandboxServer(sandbox) as server:
        asyncio.run(flow(sandbox, server, transport))
    return transport


def summary(transport: ValidatingTransport) -> Iterator[str]:
    operations = {key for key, _ in transport.exchanges}
    total = sum(transport.exchanges.values())
    sides = transport.by_side()
    yield (
        f"validating proxy: {total} exchanges over {len(operations)} operations, "
        f"{sides['request']} request violation(s) (SDK), "
        f"{sides['response']} response violation(s) (sandbox)"
    )
    for (key, status), count in sorted(transport.exchanges.items()):
        yield f"  {key} -> {status}: {count}"
    for violation in transport.violations:
        yield f"  {violation.side}: {violation.operation}: {violation.message}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    transport = run(document=Path(args[0]) if args else DOCUMENT)
    for line in summary(transport):
        print(line)
    return 1 if transport.violations else 0


if __name__ == "__main__":
    sys.exit(main())
