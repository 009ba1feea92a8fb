"""Smoke test of ``scripts/bench.py``: it runs, writes its JSON, and the numbers are sane.

Only the shape and the sign of the results are checked, never a speed goal: timings on a shared
machine are noise, and a timed assertion would make the suite flaky.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "scripts" / "bench.py"


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


def test_quick_overhead_and_imports(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--only", "overhead,imports", "--json", output],
        capture_output=True,
        text=True,
        timeout=110,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "overhead" in done.stdout and "imports" in done.stdout  # the table was printed

    results = json.loads(output.read_text(encoding="utf-8"))
    assert results["quick"] is True
    assert set(results["figures"]) == {"overhead", "imports"}
    machine = results["machine"]
    for key in ("cpu_model", "logical_cpus", "ram_gib", "python", "platform", "date"):
        assert machine[key], key
    assert _positive(results["sandbox"]["keepalive_rtt_median_ms"])

    overhead = results["figures"]["overhead"]
    assert {"name", "measured", "ratio", "goal", "passed", "values"} <= set(overhead)
    assert isinstance(overhead["passed"], bool)  # whichever way: no speed assertion here
    assert _positive(overhead["ratio"])
    values = overhead["values"]
    variants = {"casco_async", "httpx", "generated"}
    assert set(values["median_us"]) == variants
    for name in variants:
        assert values["calls_per_variant"][name] == results["settings"]["overhead_calls"]
        assert _positive(values["median_us"][name])
        assert _positive(values["p90_us"][name])
        assert _positive(values["client_cpu_per_call_us"][name])
    assert _positive(values["ratio_casco_httpx"])

    imports = results["figures"]["imports"]
    assert isinstance(imports["passed"], bool)  # whichever way: no speed assertion here
    assert _positive(imports["ratio"])
    for name in ("bare", "httpx", "casco_async"):
        assert _positive(imports["values"]["wall_median_ms"][name])
    for name in ("httpx", "casco_async"):
        assert _positive(imports["values"]["net_ms"][name])
        assert _positive(imports["values"]["importtime_cumulative_ms"][name])


def test_quick_fastcall_against_the_canned_server(tmp_path: Path) -> None:
    """The canned server starts, answers what the SDK parses on both transports, and stops."""
    output = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--only", "fastcall", "--json", output],
        capture_output=True,
        text=True,
        timeout=110,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(output.read_text(encoding="utf-8"))
    assert set(results["figures"]) == {"fastcall"}
    assert results["fast_server"]["pinning"]  # which CPUs, or why none
    assert "sandbox" not in results["figures"]["fastcall"]["title"]
    values = results["figures"]["fastcall"]["values"]
    variants = {
        "casco_async[aiohttp]",
        "raw aiohttp",
        "raw httpx over casco's aiohttp transport",
        "casco_async[httpx]",
        "raw httpx",
    }
    assert set(values["median_us"]) == variants
    assert all(_positive(values["median_us"][name]) for name in variants)
    assert set(values["ratios_casco_over_raw"]) == {"aiohttp", "httpx", "aiohttp_transport"}
