"""`peerwatch councils import`: validate a user CSV completely before touching the database.

A user points the crawler at a mirror or a test web, or adds a council the register lacks. The
whole file is parsed and checked first; only then are the overrides written, in one
transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlite_utils import Database

from db.errors import InputError
from db.register import (
    Council,
    council_from_db_row,
    council_to_row,
    load_councils,
    packaged_register,
    rebuild_links,
)

REQUIRED = ("code", "name", "website")
OPTIONAL = (
    "nice_name", "type", "type_code", "region", "county_code", "current", "start_date",
    "end_date", "replaced_by", "website_2016", "gss", "gov_uk_name", "alt_names", "notes",
)  # fmt: skip
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,15}$")
_DATE_COLUMNS = ("start_date", "end_date")
#: Spellings of `current` accepted, and what they mean.
_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


@dataclass(frozen=True)
class Override:
    """One validated row: the columns the user gave, nothing else."""

    code: str
    fields: dict[str, str]
    #: The CSV line it came from, for error messages.
    row: int = 0


def _check_url(value: str, row: int, column: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise InputError(
            f"invalid URL {value!r} (need http:// or https:// and a host)", row=row, column=column
        )


def parse_overrides(path: str | Path, known_codes: Collection[str] = ()) -> list[Override]:
    """Read and validate the whole file; raise InputError naming the first bad row and column.

    `replaced_by` must name councils in `known_codes` (the database's) or in the file."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 (byte {exc.start}, line {line}); save the file as UTF-8", row=line
        ) from None
    # The csv module splits records itself (newline=""): str.splitlines() would also split on
    # U+0085, U+2028 and other characters that may sit inside a quoted name.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    for col in REQUIRED:
        if col not in header:
            raise InputError(
                f"missing required column (need {', '.join(REQUIRED)})", row=1, column=col
            )
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    if unknown:
        raise InputError(
            f"unknown column (allowed: {', '.join(REQUIRED + OPTIONAL)})", row=1, column=unknown[0]
        )
    seen: dict[str, int] = {}
    out: list[Override] = []
    for line_no, row in enumerate(reader, start=2):
        if None in row:
            raise InputError("more values than columns", row=line_no)
        values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        code = values["code"].upper()
        if not _CODE.match(code):
            raise InputError(
                f"invalid code {values['code']!r} (2-16 letters, digits, - or _)",
                row=line_no,
                column="code",
            )
        if code in seen:
            raise InputError(
                f"duplicate code {code} (first on row {seen[code]})", row=line_no, column="code"
            )
        seen[code] = line_no
        if not values["name"]:
            raise InputError("empty name", row=line_no, column="name")
        _check_url(values["website"], line_no, "website")
        if values.get("website_2016"):
            _check_url(values["website_2016"], line_no, "website_2016")
        for col in _DATE_COLUMNS:
            if values.get(col):
                try:
                    dt.date.fromisoformat(values[col])
                except ValueError:
                    raise InputError(
                        f"invalid date {values[col]!r} (use YYYY-MM-DD)", row=line_no, column=col
                    ) from None
        if values.get("current"):
            flag = _BOOLEANS.get(values["current"].lower())
            if flag is None:
                raise InputError(
                    f"invalid current {values['current']!r} (use true or false)",
                    row=line_no,
                    column="current",
                )
            values["current"] = "true" if flag else "false"
        values["code"] = code
        out.append(Override(code, {k: v for k, v in values.items() if v or k in REQUIRED}, line_no))
    if not out:
        raise InputError("no rows", row=2)
    known = {c.upper() for c in known_codes} | set(seen)
    for o in out:
        for successor in _split(o.fields.get("replaced_by")):
            if successor.upper() not in known:
                raise InputError(
                    f"replaced_by names {successor!r}, which is neither in the register nor "
                    "in this file",
                    row=o.row,
                    column="replaced_by",
                )
    return out


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def apply_overrides(db: Database, overrides: list[Override], *, source_file: str) -> int:
    """Store overrides and merge them into councils, all in one transaction."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.atomic():
        db.table("council_overrides").upsert_all(
            (
                {
                    "code": o.code,
                    "fields": json.dumps(o.fields, sort_keys=True),
                    "imported_from": source_file,
                    "imported_at": now,
                }
                for o in overrides
            ),
            pk="code",
        )
        changed = load_councils(db, overridden_councils(db), source="import")
        rebuild_links(db)
    return changed


def stored_overrides(db: Database) -> dict[str, dict[str, str]]:
    """Every override the user has imported, by code."""
    return {r["code"]: json.loads(r["fields"]) for r in db.table("council_overrides").rows}


def overridden_councils(db: Database) -> list[Council]:
    """Register rows with the user's columns laid over them (or the user's row alone)."""
    register = {c.code: c for c in packaged_register()}
    out = []
    for code, fields in stored_overrides(db).items():
        if code in register:
            base = council_to_row(register[code], source="", now="")
        else:
            # A council the register lacks is current unless the user says it has ended.
            base = {"code": code, "current": "false" if fields.get("end_date") else "true"}
        base.update(fields)
        out.append(council_from_db_row(base))
    return out
