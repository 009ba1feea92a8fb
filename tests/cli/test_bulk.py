"""``casco-async quote-bulk`` end to end, against the sandbox served by uvicorn (real sockets).

The invariant under test everywhere: OUT holds exactly one line per input ref, none lost, none
twice — with malformed input, duplicates, injected faults, and a run killed with SIGKILL.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from casco_async._cli import main
from casco_async._cli._demo import load_fleet
from casco_async.sandbox import FaultConfig, SandboxServer


@pytest.fixture
def api(casco_sandbox_server: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    """The sandbox server, with the CASCO_* variables pointing at it."""
    monkeypatch.setenv("CASCO_BASE_URL", casco_sandbox_server.base_url)
    monkeypatch.setenv("CASCO_ACCOUNT", "sandbox")
    monkeypatch.setenv("CASCO_PASSWORD", "sandbox")
    return casco_sandbox_server


def env_for(server: SandboxServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASCO_")}
    env.update(CASCO_BASE_URL=server.base_url, CASCO_ACCOUNT="sandbox", CASCO_PASSWORD="sandbox")
    return env


def cli(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casco_async._cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write_jsonl(path: Path, requests: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests), "utf-8")
    return path


def fleet(count: int, *, insurer: str = "generali") -> list[dict[str, Any]]:
    """`count` valid requests (the demo fleet, cycled) with refs R-000…, for `insurer`."""
    vehicles = load_fleet()
    personal = [r for _, r in vehicles if r["product"]["vehicle"]["usageType"] == "personal"]
    requests = []
    for index in range(count):
        request = json.loads(json.dumps(personal[index % len(personal)]))
        request["provider"] = {"organization": {"businessName": insurer}}
        requests.append({"ref": f"R-{index:03d}", **request})
    return requests


def read_out(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), "OUT must end with a complete line"
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def refs_of(lines: list[dict[str, Any]]) -> Counter[str]:
    return Counter(line["ref"] for line in lines)


# ------------------------------------------------------------------------------ JSON Lines


def test_jsonl_with_malformed_lines_accounts_for_every_ref_once(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = fleet(4)
    bad_request = {"ref": "no-vehicle", "provider": good[0]["provider"], "product": {"name": "x"}}
    lines = [json.dumps(r) for r in good]
    lines += [
        "{not json",  # line 5
        "",  # blank: skipped, no ref
        "[1, 2, 3]",  # line 7
        json.dumps({"ref": "R-001", **{k: v for k, v in good[1].items() if k != "ref"}}),  # dup
        json.dumps(bad_request),  # line 9
        json.dumps({"ref": 42, **{k: v for k, v in good[2].items() if k != "ref"}}),  # int ref
        json.dumps({"ref": ["no"], "provider": {}, "product": {}}),  # line 11: bad ref
        "NaN",  # line 12
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"

    assert main(["quote-bulk", str(source), "--out", str(out), "--concurrency", "3"]) == 1

    results = read_out(out)
    by_ref = {line["ref"]: line for line in results}
    assert refs_of(results) == Counter(
        {ref: 1 for ref in ["R-000", "R-001", "R-002", "R-003", "5", "7", "R-001#line8"]}
        | {"no-vehicle": 1, "42": 1, "11": 1, "12": 1}
    )
    for ref in ["R-000", "R-001", "R-002", "R-003", "42"]:
        assert by_ref[ref]["status"] == "ok", by_ref[ref]
        offer = by_ref[ref]["offers"][0]
        assert offer["insurer"] == "generali" and isinstance(offer["offerId"], int)
        assert offer["premiumAmount"] > 0 and offer["currency"] == "RON"
    assert by_ref["5"]["error"]["type"] == "InputError"
    assert "not valid JSON" in by_ref["5"]["error"]["message"]
    assert "not an object" in by_ref["7"]["error"]["message"]
    assert by_ref["R-001#line8"]["error"]["type"] == "DuplicateRef"
    assert by_ref["no-vehicle"]["error"]["type"] == "ValidationError"
    assert "product.vehicle" in by_ref["no-vehicle"]["error"]["field_errors"]
    assert "'ref' must be" in by_ref["11"]["error"]["message"]
    assert by_ref["12"]["status"] == "error"
    summary = capsys.readouterr().err
    assert "11 refs written: 5 ok, 6 failed" in summary
    assert "requests/s" in summary and "cheapest offer per ref" in summary


# ------------------------------------------------------------------------------------- CSV


CSV_HEADER = [
    "ref", "insurer", "start_date", "installments", "deductible_partial", "holder_last_name",
    "holder_first_name", "holder_cnp", "holder_business_name", "holder_cui", "holder_birthdate",
    "holder_email", "holder_phone", "county", "city", "city_siruta", "street", "house_number",
    "plate", "vin", "vehicle_type", "brand", "model", "year", "engine_cc", "power_kw", "seats",
    "fuel", "usage", "market_value", "mileage", "leased",
]  # fmt: skip


def csv_row(**cells: str) -> list[str]:
    start = load_fleet()[0][1]["product"]["motor"]["startDate"]
    base = {
        "insurer": "groupama", "start_date": start, "installments": "2",
        "holder_last_name": "Popescu", "holder_first_name": "Andrei",
        "holder_cnp": "1850312120013", "holder_birthdate": "1985-03-12",
        "holder_email": "andrei@example.com", "holder_phone": "0722123456", "county": "CJ",
        "city": "Cluj-Napoca", "city_siruta": "54975", "street": "Strada Memorandumului",
        "house_number": "28", "plate": "CJ12ABC", "vin": "UU1DJF00469123456", "brand": "Dacia",
        "model": "Duster", "year": "2022", "engine_cc": "1461", "power_kw": "85", "seats": "5",
        "fuel": "diesel", "usage": "personal", "market_value": "95000.50", "mileage": "48000",
    }  # fmt: skip
    base.update(cells)
    return [base.get(column, "") for column in CSV_HEADER]


def test_csv_maps_columns_and_reports_bad_values_per_ref(
    api: SandboxServer, tmp_path: Path
) -> None:
    source = tmp_path / "fleet.csv"
    rows = [
        CSV_HEADER,
        csv_row(ref="person", deductible_partial="500"),  # line 2
        csv_row(  # line 3: a company, identified by its CUI
            ref="company",
            holder_last_name="",
            holder_first_name="",
            holder_cnp="",
            holder_birthdate="",
            holder_business_name="Transcarpat Logistic SRL",
            holder_cui="18547290",
            usage="distribution",
            leased="da",
        ),
        csv_row(ref="bad-values", year="20x2", market_value="95,000", start_date="2024-13-01"),
        csv_row(ref=""),  # line 5: no ref -> the line number
        csv_row(ref="person"),  # line 6: duplicate
        csv_row(ref="bad-cnp", holder_cnp="1850312120014"),  # control digit wrong
    ]
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerows(rows)
        handle.write("short-row,generali\n")  # line 8: 2 cells of 32
    out = tmp_path / "out.jsonl"

    assert main(["quote-bulk", str(source), "--out", str(out)]) == 1

    results = read_out(out)
    by_ref = {line["ref"]: line for line in results}
    assert refs_of(results) == Counter(
        ["person", "company", "bad-values", "5", "person#line6", "bad-cnp", "short-row"]
    )
    assert by_ref["person"]["status"] == "ok"
    assert by_ref["person"]["offers"][0]["insurer"] == "groupama"
    assert len(by_ref["person"]["offers"][0]["installments"]) == 2  # installments column
    assert by_ref["company"]["status"] == "ok", by_ref["company"]
    assert by_ref["5"]["status"] == "ok"
    bad = by_ref["bad-values"]["error"]
    assert bad["type"] == "InputError"
    assert set(bad["field_errors"]) == {"year", "market_value", "start_date"}
    assert by_ref["person#line6"]["error"]["type"] == "DuplicateRef"
    assert by_ref["bad-cnp"]["error"]["field_errors"] == {
        "product.policyholder.taxId": ["This value is not a valid CNP."]
    }
    assert "2 cells" in by_ref["short-row"]["error"]["message"]


def test_csv_with_an_unknown_column_is_refused_before_anything_is_sent(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "fleet.csv"
    source.write_text("ref,insurer,hodler_email\nA,generali,x@example.com\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["quote-bulk", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "hodler_email" in err and "--help" in err
    assert not out.exists()
    assert api.sandbox.stats()["getQuote"]["calls"] == 0


# -------------------------------------------------------------------------------- insurers


def test_insurers_quotes_each_record_with_each_insurer(api: SandboxServer, tmp_path: Path) -> None:
    vehicles = dict(load_fleet())
    taxi = vehicles["FLEET-034"]  # a taxi: eazy_insure and allianz refuse taxis
    trailer = vehicles["FLEET-045"]  # a semi-trailer: generali and eazy_insure refuse it
    car = vehicles["FLEET-001"]
    invalid = json.loads(json.dumps(car))
    invalid["product"]["vehicle"]["vin"] = ""
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"ref": "taxi", **taxi},
            {"ref": "trailer", **trailer},
            {"ref": "car", **car},
            {"ref": "invalid", **invalid},
        ],
    )
    out = tmp_path / "out.jsonl"

    code = main(["quote-bulk", str(source), "--out", str(out), "--insurers", "all"])

    assert code == 1  # the invalid record
    by_ref = {line["ref"]: line for line in read_out(out)}
    assert set(by_ref) == {"taxi", "trailer", "car", "invalid"}
    assert api.sandbox.stats()["getQuote"]["calls"] == 12  # 3 valid records x 4 insurers
    car_line = by_ref["car"]
    assert car_line["status"] == "ok" and car_line["errors"] == {}
    assert {o["insurer"] for o in car_line["offers"]} == {
        "generali",
        "groupama",
        "eazy_insure",
        "allianz",
    }
    premiums = [o["premiumAmount"] for o in car_line["offers"]]
    assert premiums == sorted(premiums)
    taxi_line = by_ref["taxi"]
    assert taxi_line["status"] == "ok"
    assert set(taxi_line["errors"]) == {"eazy_insure", "allianz"}
    assert {o["insurer"] for o in taxi_line["offers"]} == {"generali", "groupama"}
    assert "taxi" in taxi_line["errors"]["allianz"]["message"]
    assert set(by_ref["trailer"]["errors"]) == {"generali", "eazy_insure"}
    # Every insurer failed the same way: the line's error is that error, not a summary.
    invalid_line = by_ref["invalid"]
    assert invalid_line["status"] == "error"
    assert invalid_line["error"]["field_errors"] == {
        "product.vehicle.vin": ["This value should not be blank."]
    }
    assert set(invalid_line["errors"]) == {"generali", "groupama", "eazy_insure", "allianz"}


def test_unknown_insurer_is_a_usage_error(api: SandboxServer, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(1))
    out = tmp_path / "out.jsonl"
    assert main(["quote-bulk", str(source), "--out", str(out), "--insurers", "generali,axa"]) == 2
    assert not out.exists()


# ------------------------------------------------------------------------------------ PDFs


def test_pdf_dir_saves_the_cheapest_offer_of_each_ok_ref(
    api: SandboxServer, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    requests = fleet(3)
    requests[2]["ref"] = "fleet/2 ünsafe"
    source = write_jsonl(tmp_path / "in.jsonl", requests)
    out, pdfs = tmp_path / "out.jsonl", tmp_path / "pdfs"

    code = main(
        ["quote-bulk", str(source), "--out", str(out), "--pdf-dir", str(pdfs), "--insurers",
         "generali,groupama"]
    )  # fmt: skip

    assert code == 0
    results = read_out(out)
    assert len(results) == 3
    for line in results:
        pdf = line["pdf"]
        path = Path(pdf["path"])
        assert path.parent == pdfs  # an unsafe ref never escapes the directory
        assert pdf["offerId"] == line["offers"][0]["offerId"]  # the cheapest offer's PDF
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
        assert len(data) == pdf["size"] and hashlib.sha256(data).hexdigest() == pdf["sha256"]
        assert len(PdfReader(path).pages) >= 1
    assert sorted(p.name for p in pdfs.iterdir() if p.name.startswith("R-")) == [
        "R-000.pdf",
        "R-001.pdf",
    ]


def test_a_failed_pdf_keeps_the_line_ok_with_pdf_error(api: SandboxServer, tmp_path: Path) -> None:
    api.sandbox.set_faults(operations={"downloadOffer": FaultConfig(error_rate=1.0)})
    source = write_jsonl(tmp_path / "in.jsonl", fleet(2))
    out = tmp_path / "out.jsonl"

    code = main(["quote-bulk", str(source), "--out", str(out), "--pdf-dir", str(tmp_path / "p")])

    assert code == 1  # a PDF the user asked for is missing
    for line in read_out(out):
        assert line["status"] == "ok" and line["pdf"] is None
        assert line["pdf_error"]["type"] == "InternalServerError"
    assert list((tmp_path / "p").iterdir()) == []  # no partial PDF left behind


# ------------------------------------------------------------------------ OUT protections


def test_existing_out_without_resume_is_refused_and_untouched(
    casco_sandbox_server: SandboxServer, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(2))
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"ref":"old","status":"ok","offers":[]}\n')
    before = (out.read_bytes(), out.stat().st_mtime_ns)

    result = cli("quote-bulk", str(source), "--out", str(out), env=env_for(casco_sandbox_server))

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"casco-async: error: OUT {out} exists; pass --resume to continue it or choose another file"
    ]
    assert (out.read_bytes(), out.stat().st_mtime_ns) == before
    assert casco_sandbox_server.sandbox.stats()["getQuote"]["calls"] == 0


def test_missing_base_url_is_one_line_and_exit_2(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(1))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASCO_")}
    env.update(CASCO_ACCOUNT="sandbox", CASCO_PASSWORD="sandbox")

    result = cli("quote-bulk", str(source), "--out", str(tmp_path / "out.jsonl"), env=env)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "casco-async: error: no API address configured; set CASCO_BASE_URL "
        "(e.g. https://casco-qa.api.lifeishard.ro) or pass --base-url"
    ]
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.casco_sandbox(accounts={"broker": "right-password"})
def test_refused_credentials_stop_before_quoting(
    api: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("CASCO_ACCOUNT", "broker")
    monkeypatch.setenv("CASCO_PASSWORD", "wrong-password")
    source = write_jsonl(tmp_path / "in.jsonl", fleet(3))
    out = tmp_path / "out.jsonl"

    assert main(["quote-bulk", str(source), "--out", str(out)]) == 2

    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("casco-async: error: connecting to the API: the API ")
    assert "CASCO_PASSWORD" in err and "wrong-password" not in err
    assert not out.exists()  # nothing was written: no empty OUT left behind
    assert api.sandbox.stats()["getQuote"]["calls"] == 0


# ------------------------------------------------------------------------- kill and resume


def test_resume_after_sigkill_has_no_duplicate_and_no_missing_ref(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = api
    server.sandbox.set_faults(operations={"getQuote": FaultConfig(latency_ms=120)})
    requests = fleet(40)
    expected = {r["ref"] for r in requests}
    source = write_jsonl(tmp_path / "in.jsonl", requests)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "casco_async._cli", "quote-bulk", str(source), "--out", str(out),
         "--concurrency", "4"],
        env=env_for(server),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 8:
                break
            assert process.poll() is None, "the run ended before it could be killed"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(10)
    assert process.returncode == -signal.SIGKILL
    killed = out.read_bytes()
    done = {
        json.loads(line)["ref"] for line in killed.splitlines(keepends=True) if line[-1:] == b"\n"
    }
    assert 8 <= len(done) < 40
    # A torn write: the beginning of a line for a ref that is not done yet.
    torn = sorted(expected - done)[0]
    with out.open("ab") as handle:
        handle.write(json.dumps({"ref": torn, "status": "ok", "offers": []}).encode()[:25])
    server.sandbox.set_faults(operations={})

    assert main(["quote-bulk", str(source), "--out", str(out), "--resume"]) == 0

    err = capsys.readouterr().err
    assert "dropped an incomplete last line" in err
    assert f"{len(done)} skipped" in err
    lines = read_out(out)
    counts = refs_of(lines)
    assert set(counts) == expected
    assert max(counts.values()) == 1, [ref for ref, n in counts.items() if n > 1]
    assert all(line["status"] == "ok" for line in lines)
    assert out.read_bytes().startswith(killed[: killed.rfind(b"\n") + 1])  # nothing rewritten

    # Resuming a finished run quotes nothing and writes nothing.
    calls = server.sandbox.stats()["getQuote"]["calls"]
    assert main(["quote-bulk", str(source), "--out", str(out), "--resume"]) == 0
    assert server.sandbox.stats()["getQuote"]["calls"] == calls
    assert len(read_out(out)) == 40


# ---------------------------------------------------------------------------------- faults


@pytest.mark.casco_sandbox(
    seed=11,
    operation_faults={
        "getQuote": FaultConfig(
            error_rate=0.25, rate_limit_rate=0.1, retry_after=0, drop_rate=0.1, jitter_ms=20
        )
    },
)
def test_injected_faults_every_ref_accounted_for_exactly_once(
    api: SandboxServer, tmp_path: Path
) -> None:
    requests = fleet(36)
    source = write_jsonl(tmp_path / "in.jsonl", requests)
    out = tmp_path / "out.jsonl"

    code = main(["quote-bulk", str(source), "--out", str(out), "--concurrency", "12"])

    stats = api.sandbox.stats()["getQuote"]
    assert stats["server_error"] > 0 and stats["rate_limited"] > 0 and stats["dropped"] > 0
    lines = read_out(out)
    assert refs_of(lines) == Counter(r["ref"] for r in requests)
    failed = [line for line in lines if line["status"] == "error"]
    assert code == (1 if failed else 0)
    assert len(failed) < len(lines) // 2  # retries absorb most faults
    for line in failed:
        assert line["error"]["type"] in {
            "InternalServerError",
            "RateLimitError",
            "APIConnectionError",
        }


def test_an_api_that_stops_answering_stops_the_run_and_resume_completes_it(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.sandbox.set_faults(operations={"getQuote": FaultConfig(drop_rate=1.0)})
    requests = fleet(30)
    source = write_jsonl(tmp_path / "in.jsonl", requests)
    out = tmp_path / "out.jsonl"

    assert main(["quote-bulk", str(source), "--out", str(out), "--concurrency", "4"]) == 1

    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("casco-async: error: the API stopped answering") and "--resume" in last
    # Connection failures are not recorded as results: the refs stay to be quoted.
    assert not out.exists() or read_out(out) == []
    api.sandbox.set_faults(operations={})
    assert main(["quote-bulk", str(source), "--out", str(out), "--resume"]) == 0
    assert refs_of(read_out(out)) == Counter(r["ref"] for r in requests)
