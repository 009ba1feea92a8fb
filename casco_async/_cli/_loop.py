"""The event loop the CLI's commands run on.

uvloop where it is installed (it comes with the ``sandbox`` extra): the CLI owns its event loop,
and a bulk run's client CPU per quote is what bounds it (issue 12 measured 1.7 -> 1.5 s for
2,000 quotes at 50 in flight). asyncio's own loop otherwise. The library never chooses a loop:
an application's loop is its own.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio

__all__ = ["run"]

T = TypeVar("T")


def run(main: Callable[[], Awaitable[T]]) -> T:
    """`main()` run to completion on uvloop if installed, else on asyncio's loop."""
    options = {"use_uvloop": True} if importlib.util.find_spec("uvloop") is not None else {}
    return anyio.run(main, backend="asyncio", backend_options=options)
