"""Tables for people: rich on a terminal, aligned plain text anywhere else.

Plain text is what lands in CI logs, pipes and files, so it must read well without colours or box
drawing; rich (the ``cli`` extra) only decorates the same rows on a terminal.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import IO

__all__ = ["money", "print_table"]


def money(amount: float | int | None, currency: str = "") -> str:
    """``1234.50 RON``: two decimals, the currency after.

    No thousands separator: Romanian and English readers disagree on it, and a space would let
    a table wrap an amount in two.
    """
    if amount is None:
        return "-"
    return f"{amount:.2f} {currency}".rstrip()


def print_table(
    stream: IO[str],
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Collection[int] = (),
    wrap: Collection[int] = (),
    shrink: Collection[int] = (),
    fancy: bool = False,
) -> None:
    """Print `rows` under `headers`.

    Columns whose index is in `right` are right-aligned. With `fancy` (a terminal) rich draws
    the table to the terminal's width: only columns in `wrap` (wrapped) and `shrink` (cut with
    "…") give up width; the others always show in full.
    """
    if fancy and _print_rich(stream, title, headers, rows, right, wrap, shrink):
        return
    widths = [len(header) for header in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))

    def render(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    print(title, file=stream)
    print(render(headers), file=stream)
    print("  ".join("-" * width for width in widths), file=stream)
    for row in rows:
        print(render(row), file=stream)
    print(file=stream)


def _print_rich(
    stream: IO[str],
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Collection[int],
    wrap: Collection[int],
    shrink: Collection[int],
) -> bool:
    try:
        from rich import box
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        return False
    console = Console(file=stream)
    natural = [
        max([len(header), *(len(row[i]) for row in rows)]) for i, header in enumerate(headers)
    ]
    # rich shrinks only wrappable columns; the `shrink` ones get a share of what the fixed
    # columns leave (3 characters of padding and rule per column), cut with "…" beyond it.
    fixed = sum(width for i, width in enumerate(natural) if i not in shrink and i not in wrap)
    spare = console.width - fixed - 3 * len(headers) - sum(12 for i in wrap)
    wanted = sum(natural[i] for i in shrink) or 1
    table = Table(
        title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False
    )
    for index, header in enumerate(headers):
        limit = None
        if index in shrink and spare < wanted:
            limit = max(6, spare * natural[index] // wanted)
        table.add_column(
            header,
            justify="right" if index in right else "left",
            no_wrap=index not in wrap,
            overflow="fold" if index in wrap else "ellipsis",
            min_width=None if index in wrap or index in shrink else natural[index],
            max_width=limit,
        )
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return True
