"""``quote-bulk`` for business users and its edges, against the sandbox over real sockets.

The bundled fleet end to end (JSON Lines, CSV, XLSX), Excel's ``;`` CSV, ``--dry-run``,
``--start-date``, transient errors on ``--resume``, and the edges of issue 15 item 10: closed
stdin, a stray CSV quote, a ref that looks like a duplicate's name, a file that is not a results
file, escape sequences in input, URL userinfo, a PDF that cannot be written.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from casco_async._cli import main
from casco_async._cli._formats import ROW_COLUMNS
from casco_async._cli._inputs import CSV_COLUMNS, default_start_date
from casco_async.sandbox import FaultConfig, SandboxServer

from .test_bulk import env_for, fleet, read_out, write_jsonl


@pytest.fixture
def api(casco_sandbox_server: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    monkeypatch.setenv("CASCO_BASE_URL", casco_sandbox_server.base_url)
    monkeypatch.setenv("CASCO_ACCOUNT", "sandbox")
    monkeypatch.setenv("CASCO_PASSWORD", "sandbox")
    return casco_sandbox_server


def bundled_fleet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The fleet as a user gets it: ``casco-async example fleet > fleet.jsonl``."""
    assert main(["example", "fleet"]) == 0
    path = tmp_path / "fleet.jsonl"
    path.write_text(capsys.readouterr().out, "utf-8")
    return path


def csv_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the diacritics as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


# ------------------------------------------------------------------------- bundled fleet


def test_the_bundled_fleet_quotes_55_of_55_to_jsonl_csv_and_xlsx(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    source = bundled_fleet(tmp_path, capsys)
    assert len(source.read_text("utf-8").splitlines()) == 55
    tomorrow = default_start_date()

    jsonl, table, book = tmp_path / "r.jsonl", tmp_path / "r.csv", tmp_path / "r.xlsx"
    for out in (jsonl, table, book):
        assert main(["quote-bulk", str(source), "--out", str(out)]) == 0, capsys.readouterr()
        err = capsys.readouterr().err
        assert "55 refs written: 55 ok, 0 failed" in err
        assert f"start date {tomorrow}" in err and "tomorrow in Europe/Bucharest" in err

    lines = read_out(jsonl)
    assert len(lines) == 55 and {line["status"] for line in lines} == {"ok"}

    rows = csv_rows(table)
    assert list(rows[0]) == list(ROW_COLUMNS)
    assert len(rows) == 55 and {row["status"] for row in rows} == {"ok"}
    assert all(float(row["premium"]) > 0 and row["currency"] == "RON" for row in rows)

    workbook = load_workbook(book, read_only=True)
    results = list(workbook["results"].iter_rows(values_only=True))
    assert results[0] == ROW_COLUMNS and len(results) == 56
    assert {row[1] for row in results[1:]} == {"ok"}
    assert all(isinstance(row[3], float | int) and row[3] > 0 for row in results[1:])
    offers = list(workbook["offers"].iter_rows(values_only=True))
    assert len(offers) - 1 == sum(
        len(line["offers"]) for line in read_out(book.with_suffix(".xlsx.jsonl"))
    )


def test_the_bundled_fleet_with_every_insurer_and_a_start_date(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = bundled_fleet(tmp_path, capsys)
    out = tmp_path / "all.jsonl"
    start = (date.fromisoformat(default_start_date()) + timedelta(days=30)).isoformat()
    code = main(
        ["quote-bulk", str(source), "--out", str(out), "--insurers", "all",
         "--start-date", start, "--concurrency", "16"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    lines = read_out(out)
    assert len(lines) == 55 and all(line["status"] == "ok" for line in lines)
    assert f"start date {start}" in capsys.readouterr().err


def test_dry_run_validates_every_record_and_sends_nothing(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = bundled_fleet(tmp_path, capsys)
    good = source.read_text("utf-8").splitlines()
    broken = json.loads(good[3])
    broken["product"]["vehicle"]["vin"] = ""
    source.write_text("\n".join([*good, json.dumps(broken | {"ref": "BAD"}), "{nope"]) + "\n")
    before = api.sandbox.stats()

    assert main(["quote-bulk", str(source), "--dry-run"]) == 1

    err = capsys.readouterr().err
    assert "57 records read: 55 valid, 2 invalid; nothing sent, nothing written" in err
    assert "BAD" in err and "product.vehicle.vin" in err and "57  InputError" in err
    assert api.sandbox.stats() == before  # not one call, not even a login
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fleet.jsonl"]


# ----------------------------------------------------------------------------- CSV input

CSV_BASE = {
    "insurer": "groupama", "installments": "2", "holder_last_name": "Popescu",
    "holder_first_name": "Andrei", "holder_cnp": "1850312120013", "holder_birthdate": "1985-03-12",
    "holder_email": "andrei@example.com", "holder_phone": "0722123456", "county": "CJ",
    "city": "Cluj-Napoca", "city_siruta": "54975", "street": "Strada Memorandumului",
    "house_number": "28", "plate": "CJ12ABC", "vin": "UU1DJF00469123456", "brand": "Dacia",
    "model": "Duster", "year": "2022", "engine_cc": "1461", "power_kw": "85", "seats": "5",
    "fuel": "diesel", "usage": "personal", "market_value": "95000.50", "mileage": "48000",
}  # fmt: skip
HEADER = ["ref", *CSV_BASE]


def csv_text(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([{**CSV_BASE, **row}.get(column, "") for column in HEADER])
    return buffer.getvalue()


def test_semicolon_csv_from_excel_with_decimal_commas(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert {"ref", *CSV_BASE} <= {column.name for column in CSV_COLUMNS}
    source = tmp_path / "flota.csv"
    text = csv_text([{"ref": "A"}, {"ref": "B", "market_value": "81000,75"}], ";")
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # Excel: BOM, ';', CRLF
    out = tmp_path / "out.jsonl"

    assert main(["quote-bulk", str(source), "--out", str(out)]) == 0, capsys.readouterr().err
    assert [line["status"] for line in read_out(out)] == ["ok", "ok"]


def test_a_stray_quote_spoils_only_its_own_line(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = csv_text([{"ref": "A"}, {"ref": "B"}, {"ref": "C"}, {"ref": "D"}])
    lines = text.split("\r\n")
    lines[2] = lines[2].replace("Popescu", '"Popescu', 1)  # B: an opening quote never closed
    source = tmp_path / "in.csv"
    source.write_text("\r\n".join(lines), "utf-8")
    out = tmp_path / "out.jsonl"

    assert main(["quote-bulk", str(source), "--out", str(out)]) == 1
    by_ref = {line["ref"]: line for line in read_out(out)}
    assert sorted(by_ref) == ["3", "A", "C", "D"]  # B's line is line 3; none swallowed
    assert by_ref["3"]["error"]["type"] == "InputError"
    assert "malformed CSV" in by_ref["3"]["error"]["message"]
    assert all(by_ref[ref]["status"] == "ok" for ref in "ACD")


def test_a_real_ref_never_takes_a_duplicates_name(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    requests = fleet(3)
    requests[1]["ref"] = "R-000"  # line 2: a duplicate, named R-000#line2
    requests[2]["ref"] = "R-000#line2"  # line 3: a real record with that very name
    source = write_jsonl(tmp_path / "in.jsonl", requests)
    out = tmp_path / "out.jsonl"

    assert main(["quote-bulk", str(source), "--out", str(out)]) == 1
    lines = read_out(out)
    refs = [line["ref"] for line in lines]
    assert sorted(refs) == ["R-000", "R-000#line2", "R-000#line2#line3"]
    by_ref = {line["ref"]: line for line in lines}
    assert by_ref["R-000#line2"]["error"]["type"] == "DuplicateRef"
    assert "reserved for duplicates" in by_ref["R-000#line2#line3"]["error"]["message"]


def test_stdin_input_with_csv_output(casco_sandbox_server: SandboxServer, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    requests = "".join(json.dumps(request) + "\n" for request in fleet(3))
    result = subprocess.run(
        [sys.executable, "-m", "casco_async._cli", "quote-bulk", "-", "--out", str(out)],
        input=requests, env=env_for(casco_sandbox_server), capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(row["ref"] for row in csv_rows(out)) == ["R-000", "R-001", "R-002"]


def test_closed_stdin_is_one_line(casco_sandbox_server: SandboxServer, tmp_path: Path) -> None:
    env = env_for(casco_sandbox_server)
    result = subprocess.run(
        ["sh", "-c", f'exec "$0" -m casco_async._cli quote-bulk - --out {tmp_path}/o <&-',
         sys.executable],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "standard input is closed" in result.stderr


# ---------------------------------------------------------------------------- --resume


def test_resume_refuses_a_file_that_is_not_results(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(2))
    # An input file given as OUT by mistake: JSON Lines with ref keys, not results.
    out = write_jsonl(tmp_path / "wrong.jsonl", fleet(2))
    before = out.read_bytes()
    assert main(["quote-bulk", str(source), "--out", str(out), "--resume"]) == 2
    assert "not a quote-bulk result line" in capsys.readouterr().err
    assert out.read_bytes() == before

    wrong_csv = tmp_path / "wrong.csv"
    wrong_csv.write_text("ref,status\nR-000,ok\n", "utf-8")
    assert main(["quote-bulk", str(source), "--out", str(wrong_csv), "--resume"]) == 2
    assert "not a quote-bulk CSV results file" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_resume_quotes_transient_errors_again_unless_told_not_to(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(4))
    out = tmp_path / f"out{suffix}"
    # The first run meets a broken API for two quotes (5xx even after the SDK's retries).
    api.sandbox.set_faults(operations={"getQuote": FaultConfig(error_rate=1.0)})
    assert main(["quote-bulk", str(source), "--out", str(out), "--concurrency", "4"]) == 1
    first = capsys.readouterr().err
    assert "4 lines hold a transient error" in first and "--resume" in first

    api.sandbox.set_faults(operations={})
    kept = out.read_bytes()
    assert main(["quote-bulk", str(source), "--out", str(out), "--resume",
                 "--no-retry-transient"]) == 0  # fmt: skip
    assert "kept (--no-retry-transient)" in capsys.readouterr().err
    assert out.read_bytes() == kept  # nothing re-quoted, nothing written

    assert main(["quote-bulk", str(source), "--out", str(out), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "4 refs with a transient error" in err and "quoted again" in err
    if suffix == ".jsonl":
        lines = read_out(out)
        assert sorted(line["ref"] for line in lines) == ["R-000", "R-001", "R-002", "R-003"]
        assert {line["status"] for line in lines} == {"ok"}
    else:
        rows = csv_rows(out)
        assert sorted(row["ref"] for row in rows) == ["R-000", "R-001", "R-002", "R-003"]
        assert {row["status"] for row in rows} == {"ok"}


def test_transient_insurer_errors_inside_ok_lines_are_quoted_again(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(2))
    out = tmp_path / "out.jsonl"
    line = {
        "ref": "R-000", "status": "ok", "offers": [{"insurer": "allianz", "offerId": 1}],
        "errors": {"groupama": {"type": "InternalServerError", "message": "x", "status": 503,
                                "field_errors": {}}},
    }  # fmt: skip
    out.write_text(json.dumps(line) + "\n", "utf-8")
    code = main(["quote-bulk", str(source), "--out", str(out), "--resume", "--insurers",
                 "allianz,groupama"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    lines = read_out(out)
    assert sorted(item["ref"] for item in lines) == ["R-000", "R-001"]
    again = next(item for item in lines if item["ref"] == "R-000")
    assert {offer["insurer"] for offer in again["offers"]} == {"allianz", "groupama"}


# -------------------------------------------------------------------- terminal and errors


def test_escape_sequences_from_the_input_are_not_sent_to_the_terminal(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = fleet(1)[0] | {"ref": "\x1b]0;pwned\x07\x1b[2J\u202eREF"}
    request["product"]["vehicle"]["vin"] = ""
    source = write_jsonl(tmp_path / "in.jsonl", [request])
    assert main(["quote-bulk", str(source), "--out", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202eREF" in err


def test_url_userinfo_is_never_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASCO_ACCOUNT", "sandbox")
    monkeypatch.setenv("CASCO_PASSWORD", "sandbox")
    for url in (
        "http://admin:hunter2@127.0.0.1:9",
        "ftp://admin:hunter2@x",
        "http://admin:hunter2@",
    ):
        code = main(["--base-url", url, "nomenclature", "counties"])
        err = capsys.readouterr().err
        assert code in (1, 2) and err.startswith("casco-async: error:"), err
        assert "hunter2" not in err and "admin" not in err, err


def test_pdf_dir_on_a_full_disk_leaves_complete_results_and_a_summary(
    casco_sandbox_server: SandboxServer, tmp_path: Path
) -> None:
    # RLIMIT_FSIZE: no file of the run may grow past 16 KiB (EFBIG, as on a full disk), so
    # every PDF fails while the small results file still fits.
    source = write_jsonl(tmp_path / "in.jsonl", fleet(8))
    out = tmp_path / "out.jsonl"
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))\n"
        "from casco_async._cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "quote-bulk", str(source), "--out", str(out),
         "--pdf-dir", str(tmp_path / "pdfs")],
        env=env_for(casco_sandbox_server), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = read_out(out)
    assert len(lines) == 8 and all(line["status"] == "ok" for line in lines)
    assert all(line["pdf"] is None and line["pdf_error"] for line in lines)
    assert "8 refs written: 8 ok" in result.stderr and "PDFs: 0 saved" in result.stderr


# ----------------------------------------------------------------------------- options


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--rate-limit", "0"], "must be a positive number of requests per second"),
        (["--rate-limit", "nan"], "must be a positive number"),
        (["--timeout", "-1"], "must be a positive number of seconds"),
        (["--timeout", "1e9"], "more than an hour"),
        (["--start-date", "2026-02-30"], "not a real date"),
        (["--out-format", "ods"], "invalid choice"),
        ([], "quote-bulk needs --out"),
    ],
)
def test_bad_bulk_options_are_one_line(
    args: list[str], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(1))
    assert main(["quote-bulk", str(source), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err, err


def test_rate_limit_and_timeout_runs_complete(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", fleet(3))
    out = tmp_path / "out.jsonl"
    assert main(["quote-bulk", str(source), "--out", str(out), "--rate-limit", "50",
                 "--timeout", "30"]) == 0  # fmt: skip
    assert len(read_out(out)) == 3


def test_plain_progress_without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    from casco_async._cli import _progress

    monkeypatch.setattr(_progress, "_rich_bar", lambda *words: None)
    written = io.StringIO()
    monkeypatch.setattr(sys, "stderr", written)
    with _progress.Progress("quoting", 3, enabled=True) as progress:
        progress.advance(True)
        progress.advance(False)
        progress.skip()
    text = written.getvalue()
    assert text.endswith("quoting 3/3  ok 1  failed 1  skipped 1\n")
    assert text.startswith("\r")  # rewritten in place on a terminal


def test_bash_completion_offers_commands_options_and_choices(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "complete.bash"
    script.write_text(capsys.readouterr().out)
    probe = (
        f"source {script}\n"
        't(){ COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); COMPREPLY=(); _casco_async_complete;'
        ' echo "${COMPREPLY[*]}"; }\n'
        "t casco-async quo\nt casco-async quote-bulk --out-f\nt casco-async quote-bulk "
        '--out-format ""\nt casco-async nomenclature ""\n'
    )
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert result.stdout.splitlines() == [
        "quote-bulk",
        "--out-format",
        "jsonl csv xlsx",
        "countries counties localities makes models",
    ], result.stderr
    assert main(["completion", "zsh"]) == 0
    assert capsys.readouterr().out.startswith("#compdef casco-async\n")


def test_the_example_file_is_the_bundled_fleet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "fleet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 55
    assert all("startDate" not in json.loads(line)["product"]["motor"] for line in lines)


@pytest.fixture
def self_signed_server(tmp_path: Path) -> Iterator[tuple[str, list[int]]]:
    """A TLS server on 127.0.0.1 with a self-signed certificate; counts handshakes tried."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    attempts: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            attempts.append(1)
            conn.settimeout(5)
            try:
                with context.wrap_socket(conn, server_side=True):
                    pass
            except (ssl.SSLError, OSError):
                pass  # the client refuses our certificate: what this server is for

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{listener.getsockname()[1]}", attempts
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_a_tls_verification_failure_is_said_and_not_retried(
    self_signed_server: tuple[str, list[int]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, attempts = self_signed_server
    monkeypatch.setenv("CASCO_ACCOUNT", "sandbox")
    monkeypatch.setenv("CASCO_PASSWORD", "sandbox")
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    code = main(["--base-url", url, "nomenclature", "counties"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1, err
    assert "TLS certificate of the API" in err and "could not be verified" in err, err
    assert "SSL_CERT_FILE" in err
    assert len(attempts) == 1  # one handshake: a retry would meet the same certificate


def test_offer_pdf_refuses_to_replace_a_file_unless_overwrite(
    api: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_commands import quote

    offer_id = str(quote(api)["offerId"])
    target = tmp_path / "mine.pdf"
    target.write_bytes(b"the user's own file")

    assert main(["offer-pdf", offer_id, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--overwrite" in err, err
    assert target.read_bytes() == b"the user's own file"

    assert main(["offer-pdf", offer_id, "-o", str(target), "--overwrite"]) == 0
    assert target.read_bytes().startswith(b"%PDF-")


def test_the_demo_runs_twice_into_the_same_directory(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    for _ in range(2):  # "its demo files are replaced": no refusal, no offer-2.pdf pile-up
        result = subprocess.run(
            [sys.executable, "-m", "casco_async._cli", "demo", "--out", str(out), "--pdfs", "2"],
            capture_output=True, text=True, timeout=50,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert len(list((out / "offers").iterdir())) == 2


@pytest.mark.parametrize("ref", ["'A-1", "=SUM(A1)", "-7", "'=x", "plain"])
def test_a_csv_results_line_gives_back_the_ref_it_was_written_for(ref: str) -> None:
    # --resume reads refs back from a CSV results file: the formula quote `_cell` adds must come
    # off, and a ref that itself starts with a quote must come back with it (else --resume would
    # not see it done and quote it a second time).
    from casco_async._cli._formats import csv_row as results_csv_row
    from casco_async._cli._output import _csv_line

    line = results_csv_row({"ref": ref, "status": "error", "error": {"type": "RateLimitError"}})
    assert _csv_line(line.rstrip(b"\n")) == (ref, True)
