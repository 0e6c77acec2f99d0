"""The council register: the shipped CSV parsed into typed records, and loaded into SQLite.

The register ships inside the package (db/data/councils.csv, copied from the project's shared
data; see db/data/SOURCES.md for provenance). `peerwatch init` loads it; user overrides
(`peerwatch councils import`) live in `council_overrides` and are re-applied after every load,
so re-running init never undoes them and never deletes history.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

from sqlite_utils import Database

from db.names import alias_keys

REGISTER_FILE = "councils.csv"


@dataclass(frozen=True)
class Council:
    """One English principal council, current or abolished."""

    code: str
    name: str
    nice_name: str = ""
    type: str = ""
    type_code: str = ""
    region: str = ""
    county_code: str = ""
    current: bool = True
    start_date: str = ""
    end_date: str = ""
    replaced_by: tuple[str, ...] = ()
    website: str = ""
    website_2016: str = ""
    gss: str = ""
    former_gss: str = ""
    gov_uk_name: str = ""
    alt_names: tuple[str, ...] = ()
    notes: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this council goes by, official first."""
        seen: list[str] = []
        for n in (self.name, self.nice_name, self.gov_uk_name, *self.alt_names):
            if n and n not in seen:
                seen.append(n)
        return tuple(seen)

    def gone_from(self) -> dt.date | None:
        """First day the council no longer exists.

        The source uses two end-date conventions (last day, or the successor's vesting day);
        both mean "gone from 1 April of that year".
        """
        if not self.end_date:
            return None
        end = dt.date.fromisoformat(self.end_date)
        return dt.date(end.year, 4, 1) if end.month in (3, 4) else end

    def existed_on(self, day: dt.date, *, trust_start: bool) -> bool:
        """Whether the council existed on `day`.

        Most register start dates are register-entry dates, not creations, so the start is
        only trusted for councils created by a reorganisation (`trust_start`).
        """
        gone = self.gone_from()
        if gone and day >= gone:
            return False
        if trust_start and self.start_date:
            return day >= dt.date.fromisoformat(self.start_date)
        return True


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(";") if p.strip())


def council_from_row(row: dict[str, str]) -> Council:
    """Parse one CSV row (register columns) into a Council."""
    known = {f.name for f in fields(Council)}
    values: dict[str, object] = {k: (v or "").strip() for k, v in row.items() if k in known}
    values["current"] = str(row.get("current", "true")).strip().lower() not in ("false", "0", "no")
    values["replaced_by"] = _split(row.get("replaced_by"))
    values["alt_names"] = _split(row.get("alt_names"))
    return Council(**values)  # type: ignore[arg-type]


@cache
def packaged_register() -> tuple[Council, ...]:
    """The register shipped with peerwatch (365 councils, current and abolished)."""
    text = resources.files("db.data").joinpath(REGISTER_FILE).read_text(encoding="utf-8")
    return tuple(council_from_row(r) for r in csv.DictReader(text.splitlines()))


def council_to_row(c: Council, *, source: str, now: str) -> dict[str, object]:
    """A Council as a `councils` table row."""
    row: dict[str, object] = {f.name: getattr(c, f.name) for f in fields(Council)}
    row["current"] = int(c.current)
    row["replaced_by"] = ";".join(c.replaced_by)
    row["alt_names"] = ";".join(c.alt_names)
    row["source"] = source
    row["updated_at"] = now
    return row


def load_councils(db: Database, councils: Iterable[Council], *, source: str) -> int:
    """Upsert councils; returns rows changed. Successors and aliases are `rebuild_links`'s job.

    Rows whose content is unchanged are left alone, so `updated_at` tells when a council's
    data really changed.
    """
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    changed = 0
    table = db.table("councils")
    stored = {r["code"]: r for r in table.rows}
    for c in councils:
        row = council_to_row(c, source=source, now=now)
        existing = stored.get(c.code)
        if existing and all(
            existing.get(k) == v for k, v in row.items() if k not in ("updated_at", "source")
        ):
            continue
        table.upsert(row, pk="code")
        changed += 1
    return changed


def rebuild_links(db: Database) -> None:
    """Rebuild successors and aliases from the councils table (derived, never hand-edited)."""
    councils = [council_from_db_row(r) for r in db.table("councils").rows]
    known = {c.code for c in councils}
    db.execute("DELETE FROM council_successors")
    db.table("council_successors").insert_all(
        (
            {"code": c.code, "successor_code": s}
            for c in councils
            for s in c.replaced_by
            if s in known
        ),
        pk=("code", "successor_code"),
    )
    db.execute("DELETE FROM council_aliases")
    aliases: dict[tuple[str, str], dict[str, str]] = {}
    for c in councils:
        for name in c.names:
            for key in alias_keys(name):
                aliases.setdefault(
                    (key, c.code),
                    {"alias": name, "normalised": key, "code": c.code, "source": "register"},
                )
    db.table("council_aliases").insert_all(aliases.values(), pk=("normalised", "code"))


def council_from_db_row(row: dict[str, object]) -> Council:
    """Parse a `councils` table row back into a Council."""
    as_text = {k: ("" if v is None else str(v)) for k, v in row.items()}
    current = row.get("current")
    if not isinstance(current, str):
        as_text["current"] = "true" if current else "false"
    return council_from_row(as_text)


def councils_in_db(db: Database) -> tuple[Council, ...]:
    """All councils in the database (register plus user overrides)."""
    return tuple(council_from_db_row(r) for r in db.table("councils").rows_where(order_by="code"))


def register_metadata() -> dict[str, str]:
    """Provenance and licence attribution, stored in the database for Datasette and users."""
    prov = resources.files("db.data").joinpath("councils.provenance.json").read_text("utf-8")
    return {
        "register_source": (
            "Council register built from mySociety uk_local_authority_names_and_codes "
            "(data CC BY 4.0, credit mySociety), GOV.UK Local Links Manager (Crown copyright, "
            "MIT licence) and the openregister local-authority-data copy of local.direct.gov.uk "
            "(Crown copyright, Open Government Licence v3.0)."
        ),
        "register_licence": "CC BY 4.0 (mySociety data); OGL v3.0 and MIT (GOV.UK data)",
        "register_provenance": json.dumps(json.loads(prov)),
        "baseline_source": (
            'The MJ, "FoI poll shows 90 councils have yet to sign up to peer challenge", 2017, '
            "https://themj.co.uk/foi-poll-90-councils-sign-peer-challenge"
        ),
        "political_control_source": (
            "Political control by year 2016-2026: Open Council Data UK (opencouncildata.co.uk), "
            "CC BY-SA 4.0; control by seats (a party with more than half the seats, else NOC)."
        ),
    }
