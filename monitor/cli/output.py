"""Printing: JSON for scripts, rich tables for people."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import click
from rich.console import Console
from rich.table import Table


def emit_json(data: object) -> None:
    """Print JSON to stdout (stable key order, UTF-8 kept readable)."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def emit_table(rows: Iterable[dict], columns: Sequence[str], *, title: str | None = None) -> None:
    """Print rows as a table; plain text when stdout is not a terminal."""
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(soft_wrap=True).print(table)
