"""Printing: JSON for scripts, rich tables for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

#: Table width when stdout is a pipe or file: rich would otherwise wrap at 80 columns.
PIPED_WIDTH = 240


def emit_json(data: object) -> None:
    """Print JSON to stdout (stable key order, UTF-8 kept readable)."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def emit_table(rows: Iterable[dict], columns: Sequence[str], *, title: str | None = None) -> None:
    """Print rows as a table; when piped, wide enough that rows never wrap (for grep and less)."""
    table = Table(title=Text(title) if title else None, show_lines=False)
    for col in columns:
        table.add_column(col)
    for row in rows:
        # Text, not str: scraped titles and names are data, never rich markup ("[/]" would
        # raise MarkupError, "[draft]" would vanish).
        table.add_row(*(Text("" if row.get(c) is None else str(row.get(c))) for c in columns))
    width = None if sys.stdout.isatty() else PIPED_WIDTH
    Console(soft_wrap=True, width=width).print(table)
