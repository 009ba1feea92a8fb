"""A user's code type-checks with `mypy --strict`: the README's programs and its patterns.

mypy runs as a user's project would run it: in a directory of its own, none of our settings,
on the installed package. `assert_type` pins what the public API returns; a deliberate mistake
carries a ``type: ignore[code]`` that `--strict` (``warn_unused_ignores``) reports as unused
should the mistake stop being an error.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tooling.test_readme import BLOCKS

USER_CODE = """
from typing import assert_type

import anyio

from casco_async import (
    CascoClient,
    CascoError,
    ClientSettings,
    DocumentInfo,
    QuoteComparison,
    QuoteFailure,
    QuoteSuccess,
)
from casco_async.models import County, Offer, Policy
from casco_async.samples import sample_payment, sample_quote_request


async def main() -> None:
    settings: ClientSettings = {"max_concurrency": 8, "timeout": 5.0, "language": "ro"}
    async with CascoClient.from_env(**settings) as casco:
        assert_type(await casco.nomenclature.counties(), list[County])
        offers = await casco.products.quote(sample_quote_request("groupama"))
        assert_type(offers, list[Offer])
        policy = await casco.products.issue_policy(offers[0].offer_id, sample_payment(offers[0]))
        assert_type(policy, Policy)
        info = await casco.documents.save_policy(policy.series, policy.number, "policy.pdf")
        assert_type(info, DocumentInfo)
        files = await casco.documents.save_policy_files(policy.series, policy.number, "out/")
        assert_type(files, list[DocumentInfo])

        async with casco.products.quote_many([sample_quote_request()]) as results:
            async for outcome in results:
                if outcome.ok:
                    assert_type(outcome, QuoteSuccess)
                    assert_type(outcome.offers, list[Offer])
                    assert_type(outcome.cheapest, Offer | None)
                    assert_type(outcome.error, None)
                else:
                    assert_type(outcome, QuoteFailure)
                    assert_type(outcome.error, CascoError)
                    print(outcome.error.field_errors, outcome.error.correlation_id)

        comparison = await casco.products.compare(sample_quote_request()["product"])
        assert_type(comparison, QuoteComparison)

    CascoClient.from_env(max_concurrency="lots")  # type: ignore[arg-type]
    CascoClient.from_env(max_concurency=8)  # type: ignore[call-arg]


anyio.run(main)
"""


def test_user_code_and_the_readme_programs_pass_mypy_strict(tmp_path: Path) -> None:
    files = [tmp_path / "user_code.py"]
    files[0].write_text(USER_CODE, encoding="utf-8")
    for line, kind, code in BLOCKS:
        if kind == "program":
            files.append(tmp_path / f"readme_{line}.py")
            files[-1].write_text(code, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-color-output",
            "--cache-dir",
            str(tmp_path / "cache"),
            *(f.name for f in files),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"no issues found in {len(files)} source files" in result.stdout
