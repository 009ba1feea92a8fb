"""``casco-async demo`` and its bundled fleet."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from casco_async._cli._demo import load_fleet
from casco_async._validation import validate
from casco_async.sandbox import _nomenclature as nomenclature


def test_demo_runs_in_well_under_a_minute_and_exits_0(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "demo"
    result = subprocess.run(
        [sys.executable, "-m", "casco_async._cli", "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=50,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "\x1b[" not in text  # not a terminal: plain text, no colours
    for heading in ("Cheapest offer per vehicle", "Per insurer", "Everything is in"):
        assert heading in text
    for insurer in ("generali", "groupama", "eazy_insure", "allianz"):
        assert any(line.startswith(insurer) for line in text.splitlines())
    assert "policy " in text and " issued" in text

    lines = [json.loads(line) for line in (out / "quotes.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == len({line["ref"] for line in lines}) == len(load_fleet())
    assert all(line["status"] == "ok" for line in lines)  # every vehicle gets some offer
    offers = sorted((out / "offers").iterdir())
    assert len(offers) == 5
    policy_files = sorted((out / "policy").iterdir())
    assert any(path.name.startswith("policy-") for path in policy_files)
    for path in offers + policy_files:
        assert path.read_bytes().startswith(b"%PDF-")
        assert len(PdfReader(path).pages) >= 1
        assert path.name in text  # the demo says where everything is


def test_demo_fleet_is_valid_realistic_and_dated_at_run_time() -> None:
    tomorrow = datetime.now(ZoneInfo("Europe/Bucharest")).date() + timedelta(days=1)
    fleet = load_fleet()
    assert len(fleet) >= 50
    assert len({ref for ref, _ in fleet}) == len(fleet)
    counties = {c["code"]: c for c in nomenclature.counties()}
    makes, usages, places = Counter[str](), Counter[str](), Counter[str]()
    companies = 0
    for ref, request in fleet:
        assert validate("QuoteRequest", request) == {}, ref  # CNP/CUI control digits included
        product = request["product"]
        assert product["motor"]["startDate"] == tomorrow.isoformat()
        address = product["policyholder"]["address"]
        locality = nomenclature.locality_by_siruta(address["cityCode"])
        assert locality is not None and locality["name"] == address["city"], ref
        assert address["county"] in counties and locality["countyCode"] == address["county"]
        vehicle = product["vehicle"]
        mechanical = ("vehicleType", "brand", "model", "yearOfConstruction", "engineDisplacement",
                      "enginePower", "fuelType", "seats", "totalWeight")  # fmt: skip
        matches = nomenclature.identify_vehicle({k: vehicle[k] for k in mechanical if k in vehicle})
        assert matches and matches[0]["code"] == vehicle["vehicleCode"], ref
        makes[vehicle["brand"]] += 1
        usages[vehicle["usageType"]] += 1
        places[address["county"]] += 1
        companies += bool(product["policyholder"]["isLegalEntity"])
    assert len(makes) >= 15 and len(usages) >= 6 and len(places) >= 25
    assert 10 <= companies <= len(fleet) - 10

    later = load_fleet("2030-01-02")  # the start date is a run-time choice, not data
    assert {r["product"]["motor"]["startDate"] for _, r in later} == {"2030-01-02"}
