"""Tracing a whole session leaks no secret: the standard httpx instrumentation, and ours.

`POST /auth` carries the account and the password in its query (the vendor's design); the
standard opentelemetry-instrumentation-httpx records a request's URL (``http.url``, ``url.full``)
when its span starts, before any request hook could rewrite it, and samplers and span
processors see it there. So the SDK sends that one request with OpenTelemetry's
``suppress_http_instrumentation`` switch on (casco_async/_observe.py): it gets no HTTP span.

Each session runs in a fresh interpreter (the instrumentation patches httpx process-wide, and
the semantic-convention mode is read once per process), with the real instrumentation package,
an `InMemorySpanExporter` and an `InMemoryMetricReader`, against the sandbox on a socket:
login, renewals (a refresh margin as long as the tokens' life renews before every call), a
quote carrying insurer credentials and a CNP, a policy, its PDF, a retried failure, logout.
Every span and metric is then searched for every secret of the run: the account, the password,
every token and refresh token the sandbox issued, the insurer credentials, the CNP, the PDF.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SESSION = r"""
import base64, json, sys
from pathlib import Path

import anyio
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from casco_async import CascoClient, InternalServerError, NotFoundError, telemetry
from casco_async.samples import sample_payment, sample_quote_request
from casco_async.sandbox import FaultConfig, Sandbox, SandboxServer
from casco_async.sandbox._auth import TokenAuthority

ACCOUNT, PASSWORD = "broker-otel-7f3a", "pw-OTEL-never-traced-91c4"
INSURER = {
    "account": "ins-acct-OTEL-5d21", "password": "ins-pw-OTEL-8e07", "code": "ins-code-OTEL-3b9f"
}
secrets = [ACCOUNT, PASSWORD, *INSURER.values()]

issue = TokenAuthority.issue
def planting(self, *args, **kwargs):
    issued = issue(self, *args, **kwargs)
    secrets.extend([issued.token, issued.refresh_token])
    return issued
TokenAuthority.issue = planting

exporter = InMemorySpanExporter()
tracer_provider = TracerProvider()
tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
reader = InMemoryMetricReader()
meter_provider = MeterProvider(metric_readers=[reader])
HTTPXClientInstrumentor().instrument(tracer_provider=tracer_provider, meter_provider=meter_provider)
if sys.argv[1] == "sdk":
    telemetry.instrument(tracer_provider=tracer_provider, meter_provider=meter_provider)

async def session(server: SandboxServer, out: Path) -> None:
    async with CascoClient(base_url=server.base_url, account=ACCOUNT, password=PASSWORD,
                           refresh_margin=120, max_retries=1) as casco:
        await casco.nomenclature.counties()
        request = sample_quote_request("generali")
        request["provider"]["authentication"] = INSURER
        secrets.append(request["product"]["policyholder"]["taxId"])  # the CNP
        offers = await casco.products.quote(request)
        policy = await casco.products.issue_policy(offers[0].offer_id, sample_payment(offers[0]))
        info = await casco.documents.save_policy(policy.series, policy.number, out / "p.pdf")
        pdf = Path(info.path).read_bytes()
        secrets.extend([base64.b64encode(pdf[:48]).decode(), pdf[9:40].hex()])
        try:
            await casco.documents.save_offer(999999999, out / "missing.pdf")
        except NotFoundError:
            pass
        server.sandbox.set_faults(operations={"listCountries": FaultConfig(error_rate=1.0)})
        try:
            await casco.nomenclature.countries()
        except InternalServerError:
            pass

out = Path(sys.argv[2])
with SandboxServer(Sandbox(accounts={ACCOUNT: PASSWORD}, token_lifetime=120)) as server:
    anyio.run(session, server, out)
tracer_provider.force_flush()
spans = [json.loads(span.to_json()) for span in exporter.get_finished_spans()]
metrics = json.loads(reader.get_metrics_data().to_json())
print(json.dumps({"spans": spans, "metrics": metrics, "secrets": secrets}))
"""


def traced_session(tmp_path: Path, mode: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    env.update(
        # Both attribute spellings of the URL (http.url and url.full), so both are checked.
        OTEL_SEMCONV_STABILITY_OPT_IN="http/dup",
        # Request and response headers captured, as the README says to: the Token sanitized.
        OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_CLIENT_REQUEST=".*",
        OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_CLIENT_RESPONSE=".*",
        OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SANITIZE_FIELDS="token,authorization,cookie",
    )
    script = tmp_path / "session.py"
    script.write_text(SESSION, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), mode, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    traced: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return traced


def leaks(traced: dict[str, Any]) -> list[str]:
    exported = json.dumps(traced["spans"]) + json.dumps(traced["metrics"])
    secrets = [s for s in traced["secrets"] if s]
    assert len(secrets) >= 12  # account, password, 3 insurer credentials, CNP, PDF, tokens
    return [secret for secret in secrets if secret in exported]


def http_spans(traced: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in traced["spans"] if s["kind"] == "SpanKind.CLIENT"]


@pytest.mark.parametrize("mode", ["httpx-only", "sdk"])
def test_a_traced_session_exports_no_secret(tmp_path: Path, mode: str) -> None:
    traced = traced_session(tmp_path, mode)
    assert leaks(traced) == []
    client = http_spans(traced)
    urls = [s["attributes"]["url.full"] for s in client]
    # The instrumentation did trace the session, in both URL spellings, with headers...
    assert any(u.endswith("/offer") for u in urls) and any("/policy" in u for u in urls)
    assert all(s["attributes"]["http.url"] == s["attributes"]["url.full"] for s in client)
    renewals = [s for s in client if s["attributes"]["http.request.method"] == "PATCH"]
    assert renewals and all(
        s["attributes"]["http.request.header.token"] == ["[REDACTED]"] for s in renewals
    )
    # ... except the one request with the password in its URL.
    assert not [u for u in urls if "/auth?" in u or "password" in u]
    assert any(s["attributes"]["http.request.method"] == "DELETE" for s in client)  # logout


def test_the_sdk_spans_and_metrics_describe_the_session(tmp_path: Path) -> None:
    traced = traced_session(tmp_path, "sdk")
    ours = [s for s in traced["spans"] if s["kind"] == "SpanKind.INTERNAL"]
    names = {s["name"] for s in ours}
    assert {"POST /auth", "PATCH /auth", "DELETE /auth", "POST /offer", "POST /policy"} <= names
    assert "GET /nomenclature/county" in names
    by_id = {s["context"]["span_id"]: s for s in ours}
    # Every HTTP span of an attempt nests under the SDK span of its call.
    for span in http_spans(traced):
        assert span["parent_id"] in by_id, span["name"]
    failed = next(s for s in ours if s["attributes"]["casco.operation"] == "listCountries")
    assert failed["status"]["status_code"] == "ERROR"
    assert failed["attributes"]["error.type"] == "InternalServerError"
    assert failed["attributes"]["casco.attempts"] == 2
    assert [e["name"] for e in failed["events"]] == ["casco.retry"]
    assert all(not s["events"] or s["events"][0]["name"] == "casco.retry" for s in ours)
    login = next(s for s in ours if s["name"] == "POST /auth")
    assert login["attributes"]["url.template"] == "/auth" and "url.full" not in login["attributes"]

    points = {
        metric["name"]: metric["data"]["data_points"]
        for resource in traced["metrics"]["resource_metrics"]
        for scope in resource["scope_metrics"]
        if scope["scope"]["name"] == "casco_async"
        for metric in scope["metrics"]
    }
    assert set(points) == {
        "casco.client.calls",
        "casco.client.call.duration",
        "casco.client.attempt.duration",
        "casco.client.retries",
        "casco.client.token.renewals",
        "casco.client.logins",
    }
    logins = {p["attributes"]["casco.outcome"]: p["value"] for p in points["casco.client.logins"]}
    assert logins == {"ok": 1}
    renewed = {
        p["attributes"]["casco.outcome"]: p["value"] for p in points["casco.client.token.renewals"]
    }
    assert renewed["ok"] >= 5  # before every call
    retries = points["casco.client.retries"]
    assert [(p["attributes"]["casco.operation"], p["value"]) for p in retries] == [
        ("listCountries", 1)
    ]
    quotes = [
        p for p in points["casco.client.calls"] if p["attributes"]["casco.operation"] == "getQuote"
    ]
    assert [(p["attributes"]["casco.outcome"], p["value"]) for p in quotes] == [("ok", 1)]
