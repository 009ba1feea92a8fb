"""Pieces of the command line without a server: results file, input mapping, names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from casco_async._cli._bulk_command import parse_insurers, pdf_name
from casco_async._cli._errors import CliError
from casco_async._cli._inputs import InputSource
from casco_async._cli._output import ResultsFile, encode_line
from casco_async._insurers import retarget


def test_resume_drops_an_incomplete_last_line_and_keeps_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    complete = (
        b'{"ref":"a","status":"ok","offers":[]}\n'
        b'{"ref":"b","status":"error","error":{"type":"ValidationError","status":400}}\n'
    )
    out.write_bytes(complete + b'{"ref":"c","sta')

    results = ResultsFile.open(out, resume=True)
    try:
        assert results.done == {"a", "b"}
        assert results.discarded == b'{"ref":"c","sta'
        results.write({"ref": "c", "status": "ok", "offers": []})
    finally:
        results.close()
    assert out.read_bytes() == complete + b'{"ref":"c","status":"ok","offers":[]}\n'


def test_a_damaged_line_in_the_middle_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    good = b'{"ref":"a","status":"ok","offers":[]}\n'
    original = good + b"not json\n" + good.replace(b'"a"', b'"b"')
    out.write_bytes(original)
    with pytest.raises(CliError) as caught:
        ResultsFile.open(out, resume=True)
    assert caught.value.code == 2 and "line 2" in caught.value.what
    assert out.read_bytes() == original


def test_a_second_run_on_the_same_out_is_refused_while_the_first_writes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = ResultsFile.open(out, resume=False)
    try:
        with pytest.raises(CliError) as caught:
            ResultsFile.open(out, resume=True)
        assert "another casco-async run" in caught.value.what
    finally:
        first.close()


def test_encode_line_is_one_utf8_line_even_with_a_lone_surrogate() -> None:
    assert encode_line({"ref": "Brașov"}) == '{"ref":"Brașov"}\n'.encode()
    line = encode_line({"ref": "\udc80x"})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line)["ref"] == "\udc80x"


def test_pdf_names_stay_inside_the_directory_and_apart() -> None:
    assert pdf_name("FLEET-001") == "FLEET-001.pdf"
    unsafe = [pdf_name(ref) for ref in ("../etc/passwd", "a/b", "a:b", "a b", "..", "")]
    assert all("/" not in name and not name.startswith(".") for name in unsafe)
    assert len(set(unsafe)) == len(unsafe)


def test_parse_insurers() -> None:
    assert parse_insurers("all") == ("generali", "groupama", "eazy_insure", "allianz")
    assert parse_insurers("allianz, generali") == ("allianz", "generali")
    for bad in ("generali,,allianz", "generali,generali", "generali,axa"):
        with pytest.raises(CliError):
            parse_insurers(bad)


def test_retarget_replaces_the_provider_and_the_product_name() -> None:
    request: dict[str, Any] = {
        "provider": {"organization": {"businessName": "generali"}, "authentication": {"x": 1}},
        "product": {"name": "casco", "motor": {}},
    }
    moved: dict[str, Any] = retarget(request, "groupama")
    assert moved["provider"] == {"organization": {"businessName": "groupama"}}
    assert moved["product"] == {"name": "casco-leasing", "motor": {}}
    assert request["product"]["name"] == "casco"  # the input is not changed


def test_csv_rows_map_to_nested_requests_with_defaults(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "\ufeffRef,insurer,holder_business_name,holder_cui,leased,market_value,year,without_tax\n"
        "A,allianz,Firma SRL,18547290,nu,120000.5,2021,yes\n"
        "\n"
        'B,groupama,,,,"80000",2020,\n',
        "utf-8",
    )
    items = list(InputSource(str(source), "csv"))
    assert [item.ref for item in items] == ["A", "B"]
    a, b = (item.request for item in items)
    assert a is not None and b is not None
    assert a["provider"] == {"organization": {"businessName": "allianz"}}
    assert a["product"]["name"] == "casco"
    holder = a["product"]["policyholder"]
    assert holder["isLegalEntity"] is True and holder["taxId"] == "18547290"
    assert holder["address"]["country"] == "RO"
    assert a["product"]["vehicle"]["isLeased"] is False
    assert a["product"]["vehicle"]["marketValue"] == 120000.5
    assert a["product"]["coverages"] == [
        {"isIncluded": True, "code": "vehicle", "insuredSum": 120000.5}
    ]
    assert a["product"]["motor"] == {
        "termTime": 12,
        "installmentCount": 1,
        "currency": "RON",
        "withoutTax": True,
    }
    assert b["product"]["name"] == "casco-leasing"
    assert b["product"]["policyholder"]["isLegalEntity"] is False
    assert b["product"]["vehicle"]["usageType"] == "personal"


def test_jsonl_bad_utf8_and_bom(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'\xef\xbb\xbf{"ref": "x", "provider": {}}\n{"ref": "\xff"}\n')
    items = list(InputSource(str(source), "jsonl"))
    assert items[0].ref == "x" and items[0].request == {"provider": {}}
    assert items[1].ref == "2" and items[1].problem is not None
    assert "UTF-8" in items[1].problem.message


def test_unreadable_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(CliError) as caught:
        InputSource(str(tmp_path / "missing.jsonl"), "jsonl")
    assert caught.value.code == 2 and "missing.jsonl" in caught.value.what
    with pytest.raises(CliError):
        InputSource(str(tmp_path), "jsonl")
    empty = tmp_path / "empty.csv"
    empty.write_text("", "utf-8")
    with pytest.raises(CliError) as caught:
        InputSource(str(empty), "csv")
    assert "header" in caught.value.what


def test_terminal_text_is_neutralised() -> None:
    from casco_async._cli._errors import CliError as Error
    from casco_async._cli._errors import printable

    assert printable("Brașov A-1") == "Brașov A-1"
    assert printable("\x1b[2J\x07\u202eok\x9b") == "\\x1b[2J\\x07\\u202eok\\x9b"
    line = Error("bad \x1b]0;t\x07 at https://me:secret@host/x", "fix").line()
    assert "\x1b" not in line and "secret" not in line and "https://host/x" in line


def test_printed_json_keeps_values_but_escapes_what_a_terminal_obeys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from casco_async._cli._commands import print_json

    value = {"name": "Brașov \u202eevil\x1b[31m\x9b"}
    print_json(value)
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out and "\x9b" not in out
    assert json.loads(out) == value and "Brașov" in out


def test_a_redirect_is_reported_as_a_redirect() -> None:
    from casco_async._cli._errors import from_casco_error
    from casco_async._errors import ResponseValidationError

    error = ResponseValidationError(
        "unexpected HTTP status 302", operation="downloadOffer", status_code=302
    )
    line = from_casco_error(error, "downloading offer 7", "https://u:p@api.example").line()
    assert "answered with a redirect (HTTP 302)" in line and "answer ended" not in line
    assert "u:p" not in line and from_casco_error(error, "x").code == 1


def test_the_cli_runs_on_uvloop_when_it_is_installed() -> None:
    import asyncio
    import importlib.util

    from casco_async._cli._loop import run

    async def loop_module() -> str:
        return type(asyncio.get_running_loop()).__module__

    expected = "uvloop" if importlib.util.find_spec("uvloop") is not None else "asyncio"
    assert run(loop_module).split(".")[0] == expected


def test_the_cli_falls_back_to_asyncio_without_uvloop(monkeypatch: Any) -> None:
    import asyncio
    import importlib.util

    from casco_async._cli import _loop

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "uvloop" else real(name)
    )

    async def loop_module() -> str:
        return type(asyncio.get_running_loop()).__module__

    assert _loop.run(loop_module).split(".")[0] == "asyncio"
