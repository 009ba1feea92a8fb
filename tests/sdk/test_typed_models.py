"""The public models are typed for the SDK's users: py.typed, no `Unset`, no `Any` (issue 14).

A user's file that imports only from `casco_async` and `casco_async.models` is type-checked with
`mypy --strict --disallow-any-expr` as a user would run it: from a folder outside the project
(so none of its mypy configuration applies), against the package installed in this venv; and
with pyright's engine in strict mode with `reportAny` (basedpyright, whose wheel brings its own
Node.js: the `pyright` package needs node and fetches pyright from npm on first use). The
generated models' optional fields are `T | None`, and a None one is left out of the request, as
UNSET was: the wire does not change.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from support import quote_request

import casco_async.models as models
from casco_async.models import Offer, QuoteRequest

USER_FILE = textwrap.dedent(
    """
    import datetime

    from casco_async import CascoClient
    from casco_async.models import County, Installment, Offer, QuoteRequest


    async def quote_summary(casco: CascoClient, request: QuoteRequest) -> list[str]:
        offers = await casco.products.quote(request)
        reveal_type(offers)
        lines: list[str] = []
        for offer in offers:
            reveal_type(offer.premium_amount)
            reveal_type(offer.start_date)
            reveal_type(offer.installments)
            reveal_type(offer.offer_expiry_date)
            reveal_type(offer.notes)
            expires = offer.offer_expiry_date or datetime.date.max
            line = f"{offer.offer_id} {offer.premium_amount:.2f} {offer.currency} {expires}"
            for installment in offer.installments or []:
                reveal_type(installment)
                line += f" {installment.due_date.isoformat()}={installment.amount}"
            lines.append(line)
        return lines


    async def first_county(casco: CascoClient) -> County:
        counties = await casco.nomenclature.counties()
        reveal_type(counties)
        return counties[0]


    def plan(offer: Offer) -> list[Installment]:
        return offer.installments if offer.installments is not None else []


    BODY: dict[str, object] = {"provider": {"organization": {"businessName": "x"}}}
    REQUEST = QuoteRequest.from_dict(BODY)
    reveal_type(REQUEST)
    reveal_type(REQUEST.product)
    """
)

# What each reveal_type above must say, in order; `<P>` stands for the models' package path
# (mypy 2 prints `list[...]`, older versions `builtins.list[...]`).
EXPECTED = [
    r"(builtins\.)?list\[<P>\.offer\.Offer\]",
    r"(builtins\.)?float",
    r"datetime\.date",
    r"(builtins\.)?list\[<P>\.installment\.Installment\] \| None",
    r"datetime\.date \| None",
    r"(builtins\.)?str \| None",
    r"<P>\.installment\.Installment",
    r"(builtins\.)?list\[<P>\.county\.County\]",
    r"<P>\.quote_request\.QuoteRequest",
    r"<P>\.product_data\.ProductData",
]


def run_mypy(source: str, folder: Path) -> subprocess.CompletedProcess[str]:
    user = folder / "user_code.py"
    user.write_text(source, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--disallow-any-expr",
        "--no-color-output",
        "--config-file",
        str(folder / "no-config.ini"),  # absent: the project's pyproject.toml must not apply
        "--cache-dir",
        str(folder / ".mypy_cache"),
        str(user),
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=folder, check=False)


@pytest.mark.timeout(300)
def test_a_users_strict_mypy_sees_the_public_results_typed_without_any_or_unset(
    tmp_path: Path,
) -> None:
    (tmp_path / "no-config.ini").write_text("[mypy]\n", encoding="utf-8")
    result = run_mypy(USER_FILE, tmp_path)
    output = result.stdout + result.stderr
    revealed = re.findall(r'Revealed type is "([^"]*)"', output)
    errors = [line for line in output.splitlines() if ": error:" in line]
    assert errors == [], output
    assert result.returncode == 0 and "Success: no issues found" in output, output
    assert len(revealed) == len(EXPECTED), output
    package = re.escape(Offer.__module__.rpartition(".")[0].rpartition(".")[0]) + r"\.models"
    for got, want in zip(revealed, EXPECTED, strict=True):
        assert re.fullmatch(want.replace("<P>", package), got), (got, want)
        assert "Any" not in got and "Unset" not in got


@pytest.mark.timeout(300)
def test_the_same_check_fails_on_any_so_the_assertion_can_fail(tmp_path: Path) -> None:
    (tmp_path / "no-config.ini").write_text("[mypy]\n", encoding="utf-8")
    source = "from casco_async.models import Offer\n\nKEYS = Offer.from_dict({})['x']\n"
    result = run_mypy(source, tmp_path)
    assert 'Expression has type "Any"' in result.stdout, result.stdout


def run_pyright(source: str, folder: Path) -> subprocess.CompletedProcess[str]:
    (folder / "user_code.py").write_text(source, encoding="utf-8")
    config = {"typeCheckingMode": "strict", "reportAny": "error", "reportExplicitAny": "none"}
    (folder / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    basedpyright = Path(sys.executable).parent / "basedpyright"
    command = [str(basedpyright), "--pythonpath", sys.executable, "user_code.py"]
    return subprocess.run(command, capture_output=True, text=True, cwd=folder, check=False)


# pyright's names for the same types, in the same order as EXPECTED.
PYRIGHT_EXPECTED = [
    "list[Offer]",
    "float",
    "date",
    "list[Installment] | None",
    "date | None",
    "str | None",
    "Installment",
    "list[County]",
    "QuoteRequest",
    "ProductData",
]


@pytest.mark.timeout(300)
def test_pyright_strict_sees_the_same_types_without_any(tmp_path: Path) -> None:
    result = run_pyright(USER_FILE, tmp_path)
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout, result.stdout
    revealed = re.findall(r'Type of "[^"]*" is "([^"]*)"', result.stdout)
    assert revealed == PYRIGHT_EXPECTED, result.stdout


@pytest.mark.timeout(300)
def test_pyright_reports_any_so_the_assertion_can_fail(tmp_path: Path) -> None:
    source = "from casco_async.models import Offer\n\nKEYS = Offer.from_dict({})['x']\n"
    result = run_pyright(source, tmp_path)
    assert result.returncode == 1 and "reportAny" in result.stdout, result.stdout


def test_py_typed_ships_with_the_sdk_and_with_the_generated_models() -> None:
    package = Offer.__module__.partition(".")[0]
    assert files("casco_async").joinpath("py.typed").is_file()
    assert files(package).joinpath("py.typed").is_file()


def public_models() -> list[type[Any]]:
    return [getattr(models, name) for name in models.__all__ if attrs.has(getattr(models, name))]


@pytest.mark.parametrize("model", public_models(), ids=lambda m: m.__name__)
def test_no_public_model_field_is_typed_unset(model: type[Any]) -> None:
    annotations = {f.name: str(f.type) for f in attrs.fields(model)}
    assert [name for name, kind in annotations.items() if "Unset" in kind] == []
    optional = [f for f in attrs.fields(model) if f.default is not attrs.NOTHING]
    assert all(f.default is None or f.name == "additional_properties" for f in optional)


def test_missing_and_null_optional_fields_read_as_none_and_are_not_sent() -> None:
    wire = {
        "offerId": 7,
        "premiumAmount": 1200.5,
        "currency": "RON",
        "startDate": "2027-01-01",
        "endDate": "2027-12-31",
    }
    offer = Offer.from_dict({**wire, "notes": None})
    assert offer.notes is None and offer.installments is None and offer.offer_expiry_date is None
    assert offer.to_dict() == wire  # neither the missing fields nor the null one: no "null"s
    offer.installments = []
    offer.offer_expiry_date = offer.start_date
    assert offer.to_dict() == {**wire, "installments": [], "offerExpiryDate": "2027-01-01"}


def test_a_request_round_trips_to_the_same_body_and_drops_only_none_fields() -> None:
    body = quote_request()
    assert body["product"]["motor"]["withoutTax"] is False  # falsy, yet set: it must be sent
    request = QuoteRequest.from_dict(body)
    assert request.to_dict() == body
    request.product.motor.without_tax = None
    request.product.motor.deductibles = None
    motor = request.to_dict()["product"]["motor"]
    assert "withoutTax" not in motor and "deductibles" not in motor
    assert None not in motor.values()
