"""`peerwatch councils list|show|match|import`."""

from __future__ import annotations

import datetime as dt

import click

from db.errors import PeerwatchError
from db.importer import apply_overrides, parse_overrides
from db.queries import get_council, list_councils, resolver_for
from monitor.cli.context import AppContext
from monitor.cli.output import emit_json, emit_table


@click.group()
def councils() -> None:
    """The council register: list, show, match names, import overrides."""


@councils.command("list")
@click.option(
    "--current/--abolished",
    "current",
    default=None,
    help="Only current or only abolished councils.",
)
@click.option("--type", "type_", help='Council type name or code, e.g. "London borough" or LBO.')
@click.option("--region", help='Region, e.g. "North West".')
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def list_cmd(
    app: AppContext, current: bool | None, type_: str | None, region: str | None, as_json: bool
) -> None:
    """List councils in the register."""
    db = app.open_db()
    rows = list_councils(db, current=current, type_=type_, region=region)
    if not rows:
        _explain_empty_filter(db, type_, region)
    if as_json:
        emit_json(rows)
    else:
        emit_table(
            rows,
            ["code", "name", "type", "region", "current", "website"],
            title=f"{len(rows)} councils",
        )


def _explain_empty_filter(db, type_: str | None, region: str | None) -> None:
    """A filter value that matches no council at all is a typo, not an answer: say which
    values exist (e.g. "district" is not a type; "Non-metropolitan district" or NMD is)."""
    if type_:
        types = sorted(
            {(r["type"], r["type_code"]) for r in db.query("SELECT type, type_code FROM councils")}
        )
        if not any(type_.lower() in (t.lower(), c.lower()) for t, c in types):
            valid = ", ".join(f"{t} ({c})" for t, c in types if t)
            raise PeerwatchError(f"no council type {type_!r}; types are: {valid}")
    if region:
        regions = sorted({r["region"] for r in db.query("SELECT region FROM councils")} - {""})
        if region.lower() not in (r.lower() for r in regions if r):
            raise PeerwatchError(f"no region {region!r}; regions are: {', '.join(regions)}")


@councils.command("show")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def show_cmd(app: AppContext, code: str, as_json: bool) -> None:
    """Show one council by register code (e.g. BOL)."""
    row = get_council(app.open_db(), code)
    if row is None:
        raise PeerwatchError(f"no council with code {code!r}; try `peerwatch councils match NAME`")
    if as_json:
        emit_json(row)
        return
    for key, value in row.items():
        click.echo(f"{key:>14}: {value}")


@councils.command("match")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Resolve as of this date (YYYY-MM-DD).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--strict", is_flag=True, help="Exit with status 3 if any name is ambiguous or unmatched."
)
@click.pass_obj
def match_cmd(
    app: AppContext, names: tuple[str, ...], on: dt.datetime | None, as_json: bool, strict: bool
) -> None:
    """Resolve council names as written in the wild to register codes.

    Says "ambiguous" (with candidates) or "no_match" rather than guessing.
    """
    resolver = resolver_for(app.open_db())
    day = on.date() if on else None
    matches = [resolver.resolve(n, on=day) for n in names]
    if as_json:
        emit_json([m.as_dict() for m in matches])
    else:
        for m in matches:
            shown = (
                ", ".join(m.codes) or ", ".join(f"{c.code} ({c.name})" for c in m.candidates) or "-"
            )
            extra = f"  [{m.note}]" if m.note else ""
            click.echo(f"{m.query}\t{m.status}\t{shown}{extra}")
    if strict and not all(m.ok for m in matches):
        raise SystemExit(3)


@councils.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def import_cmd(app: AppContext, csv_file: str, as_json: bool) -> None:
    """Add or override councils from a CSV with at least code,name,website.

    The whole file is checked first; a bad file changes nothing.
    """
    db = app.open_db()
    known = [r["code"] for r in db.query("SELECT code FROM councils")]
    overrides = parse_overrides(csv_file, known_codes=known)
    changed = apply_overrides(db, overrides, source_file=csv_file)
    if as_json:
        emit_json({"file": csv_file, "councils": len(overrides), "changed": changed})
        return
    click.echo(f"imported {len(overrides)} councils from {csv_file} ({changed} added or changed)")
