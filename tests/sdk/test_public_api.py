"""The public surface: what `casco_async` exports is documented, and nothing private leaks out."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import casco_async
import casco_async.samples
import casco_async.sandbox
import casco_async.telemetry
import casco_async.testing

PACKAGES = [
    casco_async,
    casco_async.samples,
    casco_async.sandbox,
    casco_async.telemetry,
    casco_async.testing,
]


def public_objects() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for package in PACKAGES:
        for name in package.__all__:
            value = getattr(package, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                found.append((f"{package.__name__}.{name}", value))
    return found


@pytest.mark.parametrize(("name", "value"), public_objects(), ids=lambda v: str(v)[:60])
def test_every_public_name_is_documented(name: str, value: object) -> None:
    assert inspect.getdoc(value), f"{name} has no docstring"
    if not inspect.isclass(value):
        return
    for member_name, member in vars(value).items():
        if member_name.startswith("_"):
            continue
        target = member.fget if isinstance(member, property) else member
        if isinstance(target, classmethod | staticmethod):
            target = target.__func__
        if inspect.isfunction(target):
            assert inspect.getdoc(target), f"{name}.{member_name} has no docstring"


def test_exports_are_exactly_all() -> None:
    public = {n for n in dir(casco_async) if not n.startswith("_")}
    # Submodules imported by the package are attributes too; only they may be extra.
    extra = public - set(casco_async.__all__)
    assert all(inspect.ismodule(getattr(casco_async, n)) for n in extra), extra


def test_the_sample_builders_need_no_pytest() -> None:
    # A user's script or demo imports them; pytest is a test dependency, never a runtime one.
    code = (
        "import sys; sys.modules['pytest'] = None\n"
        "from casco_async.samples import sample_payment, sample_quote_request\n"
        "request = sample_quote_request('groupama')\n"
        "offer = {'offerId': 7, 'currency': 'RON', 'premiumAmount': 10.0}\n"
        "print(request['product']['name'], sample_payment(offer)['amount'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["casco-leasing", "10.0"]
