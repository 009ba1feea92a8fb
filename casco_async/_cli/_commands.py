"""The single-call commands: ``nomenclature``, ``offer-pdf``, ``policy-pdf``, ``issue-policy``.

Each opens a client, makes its call(s) and prints the result: JSON on stdout for data, one line
per saved file for documents. SDK errors become one-line `CliError`s (see `_errors`).
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from casco_async._client import CascoClient
from casco_async._document_files import DocumentInfo
from casco_async._errors import CascoError

from ._config import Settings, make_client
from ._errors import EXIT_OK, CliError, from_casco_error, printable
from ._loop import run as run_loop

__all__ = [
    "download_offer",
    "download_policy",
    "issue_policy",
    "list_nomenclature",
    "print_json",
    "saved_lines",
]

T = TypeVar("T")


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def print_json(value: Any) -> None:
    """`value` as indented JSON on stdout (UTF-8 names kept readable, controls escaped).

    JSON escapes C0 controls itself; the others a terminal obeys (C1 controls such as CSI,
    bidi overrides, other format characters) are written as ``\\uXXXX`` escapes, same value.
    """
    text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


# C1 controls, and the format characters a terminal acts on (bidi overrides and isolates).
_UNSAFE_IN_JSON = re.compile("[\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _call(settings: Settings, what: str, action: Callable[[CascoClient], Awaitable[T]]) -> T:
    """Run `action` with a fresh client; SDK and file errors become `CliError`s."""

    async def run() -> T:
        async with make_client(settings) as casco:
            return await action(casco)

    try:
        return run_loop(run)
    except CascoError as error:
        raise from_casco_error(error, what, settings.base_url) from None


def list_nomenclature(settings: Settings, kind: str, argument: str | None) -> int:
    """``nomenclature countries|counties|localities COUNTY|makes|models MAKE``: JSON list."""

    async def fetch(casco: CascoClient) -> list[_Model]:
        names = casco.nomenclature
        if kind == "countries":
            return list(await names.countries())
        if kind == "counties":
            return list(await names.counties())
        if kind == "makes":
            return list(await names.vehicle_makes())
        if kind == "models":
            assert argument is not None
            return list(await names.vehicle_models(argument))
        assert argument is not None
        return list(await names.localities(await _county_id(casco, argument)))

    items = _call(settings, f"listing {kind}", fetch)
    print_json([item.to_dict() for item in items])
    return EXIT_OK


async def _county_id(casco: CascoClient, text: str) -> int:
    """A county's id from its id or its 2-letter code (``12`` or ``CJ``)."""
    if text.strip().isascii() and text.strip().isdigit():
        return int(text)
    wanted = text.strip().upper()
    for county in await casco.nomenclature.counties():
        if str(county.code).upper() == wanted:
            return int(county.id)
    raise CliError(
        f"no county with code {text!r}",
        "give a county id or 2-letter code from 'casco-async nomenclature counties'",
    )


def saved_lines(info: DocumentInfo) -> list[str]:
    """``<path>  <size> bytes  sha256 <hex>`` for each file saved (never the content)."""
    # The file names come from the server: shown escaped, never as terminal controls.
    return [
        f"{printable(str(doc.path))}  {doc.size} bytes  sha256 {doc.sha256}"
        for doc in (info, *info.related)
    ]


def _save(
    settings: Settings,
    what: str,
    target: str,
    action: Callable[[CascoClient], Awaitable[DocumentInfo]],
) -> int:
    try:
        info = _call(settings, what, action)
    except OSError as error:
        raise CliError(
            f"{what}: cannot write {target}: {error.strerror or error}",
            "choose a writable path for -o",
        ) from None
    for line in saved_lines(info):
        print(line)
    return EXIT_OK


def download_offer(
    settings: Settings, offer_id: int, target: str, *, overwrite: bool = False
) -> int:
    """``offer-pdf OFFER_ID -o PATH``: save the offer's PDF(s)."""
    return _save(
        settings,
        f"downloading offer {offer_id}",
        target,
        lambda casco: casco.documents.save_offer(offer_id, target, overwrite=overwrite),
    )


def download_policy(
    settings: Settings, series: str, number: int, target: str, *, overwrite: bool = False
) -> int:
    """``policy-pdf SERIES NUMBER -o PATH``: save the policy's PDFs."""
    return _save(
        settings,
        f"downloading policy {series} {number}",
        target,
        lambda casco: casco.documents.save_policy(series, number, target, overwrite=overwrite),
    )


def issue_policy(settings: Settings, offer_id: int, payment: dict[str, Any]) -> int:
    """``issue-policy OFFER_ID …``: turn the offer into a policy and print it as JSON."""

    async def issue(casco: CascoClient) -> _Model:
        return await casco.products.issue_policy(offer_id, payment)

    policy = _call(settings, f"issuing a policy for offer {offer_id}", issue)
    data = policy.to_dict()
    print_json(data)
    series, number = str(data.get("series")), data.get("number")
    print(
        f"casco-async: policy {printable(series)} {number} issued; its PDFs: "
        f"casco-async policy-pdf {shlex.quote(series)} {number} -o DIR/",
        file=sys.stderr,
    )
    return EXIT_OK


def resolve_target(text: str) -> str:
    """``-o`` as given; ``~`` expanded (a path ending in ``/`` means a directory)."""
    expanded = str(Path(text).expanduser())
    return expanded + "/" if text.endswith(("/", "\\")) and not expanded.endswith("/") else expanded
