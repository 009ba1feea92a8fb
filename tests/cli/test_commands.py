"""The single-call commands of ``casco-async`` against the sandbox under uvicorn, their help,
their one-line errors and exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from casco_async._cli import main
from casco_async.sandbox import FaultConfig, SandboxServer
from casco_async.testing import sample_payment, sample_quote_request


@pytest.fixture
def api(casco_sandbox_server: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    """The sandbox server, with the CASCO_* variables pointing at it."""
    monkeypatch.setenv("CASCO_BASE_URL", casco_sandbox_server.base_url)
    monkeypatch.setenv("CASCO_ACCOUNT", "sandbox")
    monkeypatch.setenv("CASCO_PASSWORD", "sandbox")
    return casco_sandbox_server


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("casco-async: error: ") and "; " in lines[0]
    assert "Traceback" not in err
    return lines[0]


def quote(server: SandboxServer, insurer: str = "allianz") -> dict[str, Any]:
    """A fresh offer from the sandbox (straight over HTTP, not through the command under test)."""
    base = server.base_url
    auth = httpx.post(f"{base}/auth", params={"account": "sandbox", "password": "sandbox"})
    token = auth.json()["data"]["token"]
    answer = httpx.post(
        f"{base}/offer", json=sample_quote_request(insurer), headers={"Token": token}
    )
    offer: dict[str, Any] = answer.json()["data"]["offers"][0]
    return offer


def issue_args(offer: dict[str, Any]) -> list[str]:
    payment = sample_payment(offer)
    return [
        "issue-policy",
        str(offer["offerId"]),
        "--method",
        "broker receipt",
        "--amount",
        str(payment["amount"]),
        "--date",
        payment["date"],
        "--document-number",
        "CH-1",
    ]


# ---------------------------------------------------------------------------- nomenclature


def test_nomenclature_lists_print_json(api: SandboxServer, capsys: Any) -> None:
    code, out, _ = run(capsys, "nomenclature", "counties")
    counties = json.loads(out)
    assert code == 0 and len(counties) == 42
    cluj = next(c for c in counties if c["code"] == "CJ")
    assert cluj == {"id": 12, "code": "CJ", "name": "Cluj", "siruta": 127, "country": "RO"}

    code, out, _ = run(capsys, "nomenclature", "localities", "12")
    by_id = json.loads(out)
    code_2, out, _ = run(capsys, "nomenclature", "localities", "cj")  # by 2-letter code too
    assert code == code_2 == 0 and json.loads(out) == by_id
    assert {"id": 54975, "name": "Cluj-Napoca", "rang": 2, "countyCode": "CJ", "siruta": 54975} in (
        by_id
    )

    code, out, _ = run(capsys, "nomenclature", "countries")
    assert code == 0 and any(
        c["iso2"] == "RO" and c["nameRO"] == "România" for c in json.loads(out)
    )

    code, out, _ = run(capsys, "nomenclature", "makes")
    assert code == 0 and {"id": 1, "name": "Dacia"} in json.loads(out)

    code, out, _ = run(capsys, "nomenclature", "models", "Dacia")
    assert code == 0 and {"id": 105, "make": "Dacia", "name": "Duster"} in json.loads(out)


def test_unknown_county_code_is_one_line(api: SandboxServer, capsys: Any) -> None:
    code, out, err = run(capsys, "nomenclature", "localities", "XY")
    assert code == 2 and out == ""
    assert "no county with code 'XY'" in one_error_line(err)


# ------------------------------------------------------------------------------- documents


def test_offer_pdf_to_a_file_and_to_a_directory(
    api: SandboxServer, capsys: Any, tmp_path: Path
) -> None:
    offer = quote(api)
    target = tmp_path / "one" / "offer.pdf"
    code, out, _ = run(capsys, "offer-pdf", str(offer["offerId"]), "-o", str(target))
    data = target.read_bytes()
    assert code == 0 and data.startswith(b"%PDF-")
    assert out == f"{target}  {len(data)} bytes  sha256 {hashlib.sha256(data).hexdigest()}\n"

    code, out, _ = run(capsys, "offer-pdf", str(offer["offerId"]), "-o", f"{tmp_path}/dir/")
    saved = tmp_path / "dir" / f"offer-{offer['offerId']}.pdf"
    assert code == 0 and out.startswith(f"{saved}  ") and saved.read_bytes() == data


def test_policy_pdf_saves_every_file_of_the_policy(
    api: SandboxServer, capsys: Any, tmp_path: Path
) -> None:
    offer = quote(api)
    code, out, _ = run(capsys, *issue_args(offer))
    policy = json.loads(out)
    code, out, _ = run(
        capsys, "policy-pdf", policy["series"], str(policy["number"]), "-o", f"{tmp_path}/p/"
    )
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2  # the policy and the insurer's conditions
    for line in lines:
        path, size, _, _, digest = line.split()
        data = Path(path).read_bytes()
        assert data.startswith(b"%PDF-") and len(data) == int(size)
        assert hashlib.sha256(data).hexdigest() == digest


def test_unknown_offer_is_not_found_exit_1(api: SandboxServer, capsys: Any, tmp_path: Path) -> None:
    code, out, err = run(capsys, "offer-pdf", "987654", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert "downloading offer 987654: not found" in line and "HTTP 404" in line
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------------- policies


def test_issue_policy_prints_the_policy_and_a_second_time_is_a_conflict(
    api: SandboxServer, capsys: Any
) -> None:
    offer = quote(api, "generali")
    code, out, err = run(capsys, *issue_args(offer))
    policy = json.loads(out)
    assert code == 0
    assert policy["series"] == "RO/05/M3" and isinstance(policy["number"], int)
    assert policy["payment"]["method"] == "broker receipt"
    assert f"policy-pdf RO/05/M3 {policy['number']}" in err

    code, out, err = run(capsys, *issue_args(offer))
    assert code == 1 and out == ""
    assert "conflict" in one_error_line(err)


def test_a_lost_policy_answer_exits_3_and_reissuing_tells_it_exists(
    api: SandboxServer, capsys: Any
) -> None:
    offer = quote(api)
    # The policy is issued, then the connection is cut while the answer is sent.
    api.sandbox.set_faults(operations={"issuePolicy": FaultConfig(drop_rate=1.0)})
    code, out, err = run(capsys, *issue_args(offer))
    assert code == 3 and out == ""
    line = one_error_line(err)
    assert "may or may not exist" in line and "run the same issue-policy command again" in line
    assert api.sandbox.stats()["issuePolicy"]["calls"] == 1  # never retried

    api.sandbox.set_faults(operations={})
    code, _, err = run(capsys, *issue_args(offer))
    assert code == 1 and "already exists" in one_error_line(err)


def test_a_500_after_the_policy_was_issued_exits_3_end_to_end(api: SandboxServer) -> None:
    # The console script in its own process, against the sandbox under uvicorn, whose fault
    # issues the policy and then answers 500 (a gateway failing after the insurer did its part).
    offer = quote(api)
    api.sandbox.set_faults(
        operations={
            "issuePolicy": FaultConfig(
                error_rate=1.0, error_statuses=(500,), error_after_processing=True
            )
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "casco_async._cli", *issue_args(offer)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    line = one_error_line(result.stderr)
    assert "may or may not exist" in line and "run the same issue-policy command again" in line
    assert "(HTTP 500)" in line and "correlation id" in line
    assert api.sandbox.stats()["issuePolicy"]["calls"] == 1  # sent once, never retried
    # It really was issued: the same command again is told so.
    api.sandbox.set_faults(operations={})
    again = subprocess.run(
        [sys.executable, "-m", "casco_async._cli", *issue_args(offer)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert again.returncode == 1 and "already exists" in one_error_line(again.stderr)


def test_bad_payment_amount_is_reported_with_its_field(api: SandboxServer, capsys: Any) -> None:
    offer = quote(api)
    args = issue_args(offer)
    args[args.index("--amount") + 1] = "1.00"  # less than the first installment
    code, _, err = run(capsys, *args)
    assert code == 2 and "payment.amount" in one_error_line(err)


# ------------------------------------------------------------------- usage and environment


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["offer-pdf", "abc", "-o", "x.pdf"], "argument OFFER_ID: 'abc' is not a whole number"),
        (["offer-pdf", "12"], "the following arguments are required: -o/--output"),
        (["quote-bulk", "in.jsonl", "--out", "o", "--concurrency", "0"], "must be at least 1"),
        (["issue-policy", "1", "--method", "cash"], "invalid choice: 'cash'"),
        (["nomenclature", "planets"], "invalid choice: 'planets'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_usage_errors_are_one_line_exit_2(args: list[str], expected: str, capsys: Any) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert expected in one_error_line(err)


def test_network_down_is_one_line_exit_1(
    capsys: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("CASCO_ACCOUNT", "sandbox")
    monkeypatch.setenv("CASCO_PASSWORD", "sandbox")
    code, _, err = run(
        capsys, "--base-url", f"http://127.0.0.1:{port}", "offer-pdf", "1", "-o", str(tmp_path)
    )
    assert code == 1
    assert "cannot reach the API at" in one_error_line(err)


def test_missing_password_and_insecure_url_are_configuration_errors(
    capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASCO_BASE_URL", "https://casco-qa.api.lifeishard.ro")
    monkeypatch.setenv("CASCO_ACCOUNT", "broker")
    monkeypatch.delenv("CASCO_PASSWORD", raising=False)
    code, _, err = run(capsys, "nomenclature", "counties")
    assert code == 2 and "CASCO_PASSWORD is not set" in one_error_line(err)

    monkeypatch.setenv("CASCO_PASSWORD", "pw-not-to-be-printed")
    code, _, err = run(capsys, "--base-url", "http://example.com", "nomenclature", "counties")
    line = one_error_line(err)
    assert code == 2 and "plain http" in line and "https://" in line
    assert "pw-not-to-be-printed" not in err


@pytest.mark.casco_sandbox(accounts={"broker": "s3cret-PLANTED-pw-7"})
def test_verbose_logs_metadata_and_never_the_password(casco_sandbox_server: SandboxServer) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASCO_")}
    env.update(CASCO_ACCOUNT="broker", CASCO_PASSWORD="s3cret-PLANTED-pw-7")
    result = subprocess.run(
        [sys.executable, "-m", "casco_async._cli", "--verbose", "--base-url",
         casco_sandbox_server.base_url, "nomenclature", "makes"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "listVehicleMakes GET /nomenclature/vehicle-make -> 200" in result.stderr
    assert "authenticate POST /auth -> 200" in result.stderr
    assert "s3cret-PLANTED-pw-7" not in result.stderr + result.stdout
    assert json.loads(result.stdout)[0].keys() == {"id", "name"}


# ------------------------------------------------------------------------------------ help


def test_help_of_every_command(capsys: Any) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in ("quote-bulk", "nomenclature", "offer-pdf", "policy-pdf", "issue-policy",
                 "sandbox", "demo", "CASCO_PASSWORD", "exit codes"):  # fmt: skip
        assert name in out
    code, out, _ = run(capsys, "quote-bulk", "--help")
    assert code == 0
    for text in ("--insurers", "--resume", "--pdf-dir", "holder_cnp", "city_siruta",
                 "DuplicateRef", "pdf_error", "exactly one line per input ref"):  # fmt: skip
        assert text in out
    for command in ("nomenclature", "offer-pdf", "policy-pdf", "issue-policy", "demo"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and f"usage: casco-async {command}" in out


def test_sandbox_is_delegated_to_the_sandbox_command(capsys: Any) -> None:
    code, out, _ = run(capsys, "sandbox", "--help")
    assert code == 0 and "--fault-rate" in out and "casco-async sandbox" in out
    code, _, err = run(capsys, "sandbox", "--port", "70000")
    assert code == 2 and err.startswith("casco-async sandbox: error: --port")


def test_the_console_script_module_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "casco_async._cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("casco-async ")
