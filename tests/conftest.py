"""Suite-wide switches: the soak run, and the planted-secret guard on every log record.

* ``--run-soak`` selects the long reliability tests (marker ``soak``); without it they are
  deselected, so ``make test`` never runs them and ``make soak`` runs ``-m soak --run-soak``.
* The planted-secret guard formats every log record of the session (``casco_async``, ``httpx``
  and ``httpcore`` at DEBUG) and fails the session if one carries a planted secret: the suite's
  passwords, and every token or refresh token any sandbox or fake API issued during the run.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

_LOUD_LOGGERS = ("casco_async", "httpx", "httpcore")
# Secrets are tokens, passwords and hex strings: at least _KEY characters of this alphabet, so a
# secret in a record lies inside one run of it of at least that length.
_SECRET_CHARS = r"A-Za-z0-9_\-.~+/="
_KEY = 16
_SECRET = re.compile(f"[{_SECRET_CHARS}]{{{_KEY},}}")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-soak", action="store_true", help="run the long reliability tests (marker soak)"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "soak: long reliability test, run only with --run-soak")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-soak"):
        return
    kept = [item for item in items if item.get_closest_marker("soak") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


class SecretGuard(logging.Handler):
    """Formats every record it sees and remembers the runs of characters a secret could hide in.

    Checking happens in `leaks()`, against every secret planted so far, so a secret registered
    after the record that carried it is still caught. Runs are deduplicated: memory stays small.
    """

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.secrets: set[str] = set()
        self.records = 0
        self._runs: dict[str, str] = {}  # run -> the first record it appeared in

    def plant(self, *secrets: str | None) -> None:
        """Register secrets (None is ignored); they must look like passwords or tokens."""
        for secret in secrets:
            if secret is None:
                continue
            if not _SECRET.fullmatch(secret):
                raise ValueError("a planted secret needs 16+ characters of [A-Za-z0-9_-.~+/=]")
            self.secrets.add(secret)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a record that cannot be formatted carries nothing
            return
        self.records += 1
        for run in _SECRET.findall(text):
            self._runs.setdefault(run, text[:500])

    def leaks(self) -> list[str]:
        """The records (first of each) that carry a planted secret."""
        by_key: dict[str, list[str]] = {}
        for secret in self.secrets:
            by_key.setdefault(secret[:_KEY], []).append(secret)
        found: list[str] = []
        self.acquire()
        try:
            runs = list(self._runs.items())
        finally:
            self.release()
        for run, text in runs:
            for i in range(len(run) - _KEY + 1):
                candidates = by_key.get(run[i : i + _KEY])
                if candidates and any(secret in run for secret in candidates):
                    found.append(text)
                    break
        return found


def _planting(guard: SecretGuard, issue: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a token-issuing method so that everything it issues becomes a planted secret."""

    @functools.wraps(issue)
    def planted(*args: Any, **kwargs: Any) -> Any:
        issued = issue(*args, **kwargs)
        if isinstance(issued, dict):  # support.FakeApi.issue: the AuthData mapping
            tokens = (issued.get("token"), issued.get("refresh_token"))
        else:  # the sandbox's IssuedToken
            tokens = (issued.token, issued.refresh_token)
        guard.plant(*(t for t in tokens if isinstance(t, str) and _SECRET.fullmatch(t)))
        return issued

    return planted


@pytest.fixture(scope="session", autouse=True)
def secret_guard() -> Iterator[SecretGuard]:
    """The session's guard: plant more secrets with ``secret_guard.plant(...)``."""
    import support

    authority: Any = None
    try:
        from casco_async.sandbox._auth import TokenAuthority

        authority = TokenAuthority
    except ImportError:
        # No sandbox, so no sandbox token to plant; the tests that need one fail on their own,
        # and the others (the document's, the tools') still run.
        pass

    guard = SecretGuard()
    guard.plant(support.PASSWORD)
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in _LOUD_LOGGERS}
    root.addHandler(guard)
    for name in _LOUD_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    with pytest.MonkeyPatch.context() as patch:
        if authority is not None:
            patch.setattr(authority, "issue", _planting(guard, authority.issue))
        patch.setattr(support.FakeApi, "issue", _planting(guard, support.FakeApi.issue))
        yield guard
    root.removeHandler(guard)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    leaks = guard.leaks()
    assert not leaks, f"{len(leaks)} log record(s) carry a planted secret, e.g. {leaks[0]!r}"


@pytest.fixture(params=["aiohttp", "httpx"])
def transport_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test once per transport the default ``transport_backend="auto"`` can choose.

    ``httpx``: as on a machine without aiohttp (what trio always gets); ``aiohttp``: the asyncio
    default. Use with ``pytest.mark.usefixtures("transport_backend")`` or as an argument.
    """
    from casco_async._transports import _choice

    if request.param == "httpx":
        monkeypatch.setattr(_choice, "aiohttp_available", lambda: False)
    else:
        assert _choice.aiohttp_available()
    return str(request.param)
