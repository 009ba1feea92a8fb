"""Bulk quoting under injected faults: every request ends as exactly one outcome.

Against the sandbox under uvicorn, 10 % of quote calls fail (server errors and connections cut
mid-answer, seeded). `quote_many` must hand back one outcome per tag — offers, or that item's
typed error — and the client's view must add up with the server's counters.
"""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import busy_connections

from casco_async import (
    APIConnectionError,
    CascoClient,
    InternalServerError,
    RetryPolicy,
    ValidationError,
)
from casco_async.sandbox import FaultConfig, Sandbox, SandboxServer
from casco_async.testing import sample_quote_request

ACCOUNT = "broker.bulk"
PASSWORD = "pw-BULK-PLANTED-81f0aa"
INSURERS = ("generali", "groupama", "eazy_insure", "allianz")
FAULTS = FaultConfig(error_rate=0.05, drop_rate=0.05)  # 10 % of calls, in two kinds
TLS = ssl.create_default_context()


def requests(count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """`count` tagged requests, one in a hundred invalid (refused before sending)."""
    for number in range(count):
        request = sample_quote_request(INSURERS[number % len(INSURERS)])
        request["product"]["vehicle"]["marketValue"] = 60_000 + number
        if number % 100 == 99:
            request["product"]["policyholder"]["address"]["floor"] = 3  # must be a string
        yield f"item-{number:05d}", request


async def run_bulk(server: SandboxServer, count: int, seed: int) -> None:
    sandbox = server.sandbox
    sandbox.set_faults(operations={"getQuote": FAULTS}, seed=seed)
    retry = RetryPolicy(max_retries=2, initial_delay=0.001, max_delay=0.01)
    outcomes: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    offer_ids: set[int] = set()
    async with CascoClient(
        base_url=server.base_url,
        account=ACCOUNT,
        password=PASSWORD,
        retry=retry,
        max_concurrency=16,
        verify=TLS,
    ) as casco:
        async with casco.quote_many(requests(count), concurrency=16) as results:
            async for outcome in results:
                outcomes[str(outcome.tag)] += 1
                if outcome.ok:
                    assert outcome.offers
                    ids = {offer.offer_id for offer in outcome.offers}
                    assert not ids & offer_ids, "an offer reached two items"
                    offer_ids |= ids
                else:
                    error = outcome.error
                    assert isinstance(
                        error, InternalServerError | APIConnectionError | ValidationError
                    ), repr(error)
                    if isinstance(error, ValidationError):
                        assert error.status_code is None  # refused locally, never sent
                    errors[type(error).__name__] += 1
        assert busy_connections(casco) == 0
    stats = sandbox.stats()["getQuote"]
    # Every tag exactly once, none invented.
    assert set(outcomes) == {tag for tag, _ in requests(count)}
    assert set(outcomes.values()) == {1}
    # The client's view adds up with the server's.
    invalid = count // 100
    failed = sum(errors.values())
    assert errors["ValidationError"] == invalid
    assert len(offer_ids) == stats["ok"] == count - failed  # one offer per successful item
    assert stats["calls"] == stats["ok"] + stats["server_error"] + stats["dropped"]
    # Each failed item used up its three attempts; faults did happen, at roughly their rate.
    assert stats["server_error"] + stats["dropped"] >= 3 * (failed - invalid)
    assert stats["server_error"] > 0 and stats["dropped"] > 0


@pytest.fixture
def server(secret_guard: Any) -> Iterator[SandboxServer]:
    secret_guard.plant(PASSWORD)
    with SandboxServer(Sandbox(accounts={ACCOUNT: PASSWORD}, max_offers=20_000)) as running:
        yield running


@pytest.mark.usefixtures("transport_backend")
async def test_a_thousand_quotes_with_ten_percent_faults(server: SandboxServer) -> None:
    await run_bulk(server, 1_000, seed=11)


@pytest.mark.soak
@pytest.mark.usefixtures("transport_backend")
async def test_ten_thousand_quotes_with_ten_percent_faults(server: SandboxServer) -> None:
    await run_bulk(server, 10_000, seed=12)


# --- the CLI killed mid-run, then resumed (soak) ------------------------------------------------


def _lines(path: Path) -> list[bytes]:
    """The complete lines of OUT (a killed run may leave a torn last one)."""
    if not path.exists():
        return []
    return [line for line in path.read_bytes().splitlines(keepends=True) if line.endswith(b"\n")]


@pytest.mark.soak
def test_cli_bulk_killed_twice_then_resumed_loses_and_duplicates_nothing(
    server: SandboxServer, tmp_path: Path, secret_guard: Any
) -> None:
    """3,000 refs, 10 % faults, SIGKILL at a third and at two thirds, resumed each time: OUT
    ends with exactly one line per ref; no line is rewritten; no secret reaches stderr."""
    count = 3_000
    expected = {tag for tag, _ in requests(count)}
    source = tmp_path / "requests.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for tag, request in requests(count):
            handle.write(json.dumps({"ref": tag, **request}) + "\n")
    out = tmp_path / "results.jsonl"
    server.sandbox.set_faults(operations={"getQuote": FAULTS}, seed=13)
    env = {key: value for key, value in os.environ.items() if not key.startswith("CASCO_")}
    env.update(CASCO_BASE_URL=server.base_url, CASCO_ACCOUNT=ACCOUNT, CASCO_PASSWORD=PASSWORD)
    command = [sys.executable, "-m", "casco_async._cli", "quote-bulk", str(source)]
    command += ["--out", str(out), "--concurrency", "16"]
    errors: list[bytes] = []
    for number, kill_at in enumerate([count // 3, 2 * count // 3]):
        before = b"".join(_lines(out))
        with tempfile.TemporaryFile() as stderr:
            process = subprocess.Popen(
                command + (["--resume"] if number else []),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            try:
                deadline = time.monotonic() + 300
                while len(_lines(out)) < kill_at and time.monotonic() < deadline:
                    assert process.poll() is None, "the run ended before it could be killed"
                    time.sleep(0.05)
            finally:
                process.send_signal(signal.SIGKILL)
                process.wait(30)
            stderr.seek(0)
            errors.append(stderr.read())
        assert process.returncode == -signal.SIGKILL
        assert len(_lines(out)) >= kill_at
        assert out.read_bytes().startswith(before)  # what was written stays as it was
    last = subprocess.run([*command, "--resume"], env=env, capture_output=True, timeout=900)
    errors.append(last.stderr)
    assert last.returncode in (0, 1), last.stderr.decode(errors="replace")[-2000:]
    lines = [json.loads(line) for line in _lines(out)]
    assert out.read_bytes().endswith(b"\n")
    refs = Counter(line["ref"] for line in lines)
    assert set(refs) == expected, "a ref was lost"
    assert max(refs.values()) == 1, "a ref was answered twice"
    transient = {"InternalServerError", "APIConnectionError", "RateLimitError"}
    for line in lines:
        assert line["status"] == "ok" or line["error"]["type"] in transient | {"ValidationError"}
    invalid = [line for line in lines if line["ref"].endswith("99")]
    assert len(invalid) == count // 100
    assert all(line["error"]["type"] == "ValidationError" for line in invalid)
    # The CLI's stderr (outside the session's log guard) carries no password and no token.
    assert secret_guard.secrets  # every token the sandbox issued, planted by tests/conftest.py
    for text in errors:
        assert not [s for s in {PASSWORD, *secret_guard.secrets} if s.encode() in text]
