"""The limits' options: checked when given, kept by views, defaulted per operation."""

from __future__ import annotations

import math
from typing import Any

import pytest

from casco_async import CascoClient, ConfigurationError


def client(**options: Any) -> CascoClient:
    return CascoClient(
        base_url="https://casco-qa.api.lifeishard.ro", account="a", password="p", **options
    )


@pytest.mark.parametrize(
    "options",
    [
        {"deadline": 0},
        {"deadline": -1.0},
        {"deadline": math.nan},
        {"deadline": math.inf},
        {"deadline": True},
        {"call_deadline": "soon"},
        {"max_response_size": 0},
        {"max_response_size": 1.5},
        {"max_response_size": False},
    ],
)
def test_a_limit_that_cannot_work_is_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError):
        client(**options)


def test_views_keep_or_change_the_limits() -> None:
    casco = client(deadline=5, call_deadline=12, max_response_size=1000)
    view = casco.with_options(max_response_size=2000)
    assert (view.options.deadline, view.options.call_deadline) == (5, 12)
    assert view.options.max_response_size == 2000
    assert casco.options.max_response_size == 1000
    with pytest.raises(ConfigurationError):
        casco.with_options(deadline=-1)


def test_per_operation_defaults() -> None:
    from casco_async._operations import LIST_COUNTIES, OPERATIONS, raw_operation

    pipeline = client()._pipeline
    assert pipeline.max_answer(LIST_COUNTIES) == 16 << 20
    assert pipeline.max_answer(OPERATIONS["POST /offer"]) == 4 << 20
    assert pipeline.deadline(LIST_COUNTIES) == 60
    assert pipeline.deadline(OPERATIONS["POST /policy"]) == 300
    assert pipeline.deadline(OPERATIONS["GET /offer/{id}"]) == 900
    # A raw request to a wrapped path keeps its limits; an unknown one gets a slow call's.
    assert raw_operation("GET", "/nomenclature/county").max_answer == 16 << 20
    assert raw_operation("GET", "/new/thing").deadline == 300
