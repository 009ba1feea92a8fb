"""Progress on stderr: a bar on a terminal, a plain line now and then anywhere else.

On a terminal ``rich`` (the ``cli`` extra) draws a bar; without it a plain line is rewritten in
place (``quoting 120/500  ok 118  failed 2``). Scripts and CI logs get no carriage-return noise:
a plain line every `LOG_INTERVAL` seconds of a long run, then the final summary.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import IO, Any

__all__ = ["LOG_INTERVAL", "Progress", "is_terminal"]

LOG_INTERVAL = 10.0
"""Seconds between plain progress lines when stderr is not a terminal."""
_REDRAW = 0.2  # seconds between redraws of the plain line on a terminal


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
        self.skipped = 0
        self._label = label
        self._total = total
        self._words = words
        self._bar: Any = None
        self._task: Any = None
        terminal = enabled if enabled is not None else is_terminal(sys.stderr)
        if terminal:
            self._bar = _rich_bar(*words)
        # Without rich the same counts are plain text: in place on a terminal, else a log line.
        self._in_place = terminal
        self._interval = _REDRAW if terminal else LOG_INTERVAL
        # On a terminal the first count shows at once; in a log, after the first interval.
        self._shown_at = -_REDRAW if terminal else time.monotonic()
        self._drawn = False

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
        elif self._in_place and self._drawn:
            self._show(force=True)
            print(file=sys.stderr)

    def skip(self, count: int = 1) -> None:
        """Record `count` items that needed no work (already done)."""
        self.skipped += count
        if self._bar is not None:
            self._bar.update(self._task, advance=count)
        else:
            self._show()

    def advance(self, ok: bool = True, count: int = 1) -> None:
        """Record `count` finished items."""
        if ok:
            self.ok += count
        else:
            self.failed += count
        if self._bar is not None:
            self._bar.update(self._task, advance=count, ok=self.ok, failed=self.failed)
        else:
            self._show()

    def line(self) -> str:
        """The plain progress text: ``quoting 12/55  ok 11  failed 1``."""
        done = self.ok + self.failed + self.skipped
        of = f"/{self._total}" if self._total is not None else ""
        ok_word, failed_word = self._words
        text = f"{self._label} {done}{of}  {ok_word} {self.ok}  {failed_word} {self.failed}"
        return text + (f"  skipped {self.skipped}" if self.skipped else "")

    def _show(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._shown_at < self._interval:
            return
        self._shown_at = now
        try:
            if self._in_place:
                sys.stderr.write("\r\x1b[K" + self.line())
                self._drawn = True
            else:
                sys.stderr.write(self.line() + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):  # stderr went away: progress is not worth failing for
            pass


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
