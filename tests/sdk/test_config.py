"""`_config.py`: one set of option rules for the constructor and `with_options`."""

from __future__ import annotations

import httpx
import pytest

from casco_async import CascoClient, ClientOptions, ConfigurationError, RetryPolicy
from casco_async._config import check_base_url


def test_the_constructor_and_a_view_apply_max_retries_alike() -> None:
    rule = RetryPolicy(max_retries=5, initial_delay=0.1)
    casco = CascoClient(base_url="http://127.0.0.1:9", account="a", password="p", retry=rule)
    assert casco.options.retry == rule
    built = CascoClient(
        base_url="http://127.0.0.1:9", account="a", password="p", retry=rule, max_retries=1
    ).options
    # max_retries overrides the given rule's field, and keeps its backoff.
    assert built.retry == RetryPolicy(max_retries=1, initial_delay=0.1)
    assert casco.with_options(retry=rule, max_retries=1).options == built
    assert casco.with_options(max_retries=0).options.retry == RetryPolicy(
        max_retries=0, initial_delay=0.1
    )


def test_a_view_keeps_what_it_is_not_given() -> None:
    options = ClientOptions.create(timeout=3, language="ro", validate_requests=False)
    assert options.timeout == httpx.Timeout(3.0)
    view = options.changed(timeout=httpx.Timeout(1.0, read=9.0))
    assert view.timeout == httpx.Timeout(1.0, read=9.0)
    assert (view.retry, view.language, view.validate_requests) == (options.retry, "ro", False)
    assert options.changed() == options
    assert options.changed(validate_requests=True).validate_requests


@pytest.mark.parametrize(
    "base_url", ["casco-qa.api.lifeishard.ro", "ftp://casco.example", "http://casco.example"]
)
def test_base_urls_that_cannot_be_the_apis_are_refused(base_url: str) -> None:
    with pytest.raises(ConfigurationError):
        check_base_url(base_url, allow_insecure_http=False)


def test_plain_http_to_a_remote_host_only_when_insisted_on() -> None:
    assert check_base_url("http://casco.example", allow_insecure_http=True).host == "casco.example"
    assert check_base_url("http://[::1]:8080", allow_insecure_http=False).port == 8080
