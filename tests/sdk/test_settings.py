"""`CascoClient.from_env(**settings)`: typed options (`ClientSettings`), checked at run time too."""

from __future__ import annotations

import inspect
from typing import Any, get_type_hints

import pytest

from casco_async import CascoClient, ClientSettings, ConfigurationError

ENV = {
    "CASCO_BASE_URL": "http://127.0.0.1:9",
    "CASCO_ACCOUNT": "acme",
    "CASCO_PASSWORD": "s3cret-Pa55",
}


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


def test_the_settings_are_exactly_the_constructors_keywords_with_its_types() -> None:
    # One list of options: a keyword added to CascoClient must be added to ClientSettings.
    signature = inspect.signature(CascoClient.__init__)
    keywords = [p for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]
    constructor = get_type_hints(CascoClient.__init__)
    settings = get_type_hints(ClientSettings)
    assert [p.name for p in keywords] == list(settings)
    assert {p.name: constructor[p.name] for p in keywords} == settings


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_concurrency": "lots"}, "option max_concurrency must be int, not str"),
        ({"max_concurrency": True}, "option max_concurrency must be int, not bool"),
        ({"timeout": "5"}, "option timeout must be float or Timeout or None, not str"),
        ({"rate_limit": [1]}, "option rate_limit must be float or None, not list"),
        ({"headers": {"X-Id": 7}}, "option headers must be Mapping[str, str] or None, not dict"),
        ({"verify": 1}, "option verify must be SSLContext or str or bool, not int"),
        ({"max_concurency": 8}, "unknown option 'max_concurency'"),
    ],
)
def test_a_wrong_option_is_a_configuration_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        CascoClient.from_env(**options)


def test_the_message_never_shows_the_value() -> None:
    with pytest.raises(ConfigurationError) as raised:
        CascoClient.from_env(password=b"s3cret-Pa55")  # type: ignore[arg-type]
    assert "s3cret" not in str(raised.value) and "password" in str(raised.value)


async def test_good_options_and_the_environment_make_a_client() -> None:
    async with CascoClient.from_env(
        max_concurrency=4, timeout=2, rate_limit=10, headers={"X-Team": "fleet"}, language="ro"
    ) as casco:
        assert str(casco.base_url) == "http://127.0.0.1:9"
        assert casco.options.language == "ro" and casco.options.timeout is not None
        assert "s3cret" not in repr(casco)


async def test_a_missing_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASCO_ACCOUNT")
    with pytest.raises(ConfigurationError, match="CASCO_ACCOUNT is not set"):
        CascoClient.from_env()
    async with CascoClient.from_env(account="given") as casco:  # a keyword fills it in
        assert "given" in repr(casco)
