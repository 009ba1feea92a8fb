"""A progress bar on stderr when it is a terminal, and nothing otherwise.

Scripts and CI logs get no carriage-return noise: only the final summary. ``rich`` (the ``cli``
extra) draws the bar; without it the command still works, silently.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import IO, Any

__all__ = ["Progress", "is_terminal"]


def is_terminal(stream: IO[str]) -> bool:
    """Whether `stream` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


class Progress:
    """Counts finished items (ok / failed) and shows them as a bar while stderr is a terminal.

    Args:
        label: The text left of the bar.
        total: The number of items expected, if known.
        enabled: Draw the bar (default: when stderr is a terminal).
        words: What the two counts are called on the bar.
    """

    def __init__(
        self,
        label: str,
        total: int | None,
        *,
        enabled: bool | None = None,
        words: tuple[str, str] = ("ok", "failed"),
    ) -> None:
        self.ok = 0
        self.failed = 0
        self._label = label
        self._total = total
        self._bar: Any = None
        self._task: Any = None
        if enabled if enabled is not None else is_terminal(sys.stderr):
            self._bar = _rich_bar(*words)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=self._total, ok=0, failed=0)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def skip(self, count: int = 1) -> None:
        """Record `count` items that needed no work (already done)."""
        if self._bar is not None:
            self._bar.update(self._task, advance=count)

    def advance(self, ok: bool = True, count: int = 1) -> None:
        """Record `count` finished items."""
        if ok:
            self.ok += count
        else:
            self.failed += count
        if self._bar is not None:
            self._bar.update(self._task, advance=count, ok=self.ok, failed=self.failed)


def _rich_bar(ok_word: str, failed_word: str) -> Any:
    try:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )
    except ImportError:  # the cli extra is not installed: no bar, same results
        return None
    return RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            f"[green]{ok_word} {{task.fields[ok]}}[/] [red]{failed_word} {{task.fields[failed]}}[/]"
        ),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )
