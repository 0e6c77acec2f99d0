"""Political control of each council by year, from Open Council Data UK (CC BY-SA 4.0).

The shipped copy (db/data/political-control.csv) is the project's
`political-control/control_by_year.csv` (see db/data/SOURCES.md): one row per council per year,
the seats each party held just after that year's May elections, and `control_by_seats` (the
party holding more than half the seats, else NOC). It is reference data, so `peerwatch init`
replaces the table with the file every time.
"""

from __future__ import annotations

import csv
from importlib import resources

from sqlite_utils import Database

CONTROL_FILE = "political-control.csv"
SEAT_COLUMNS = ("con", "lab", "ld", "green", "ukip", "ref", "pc", "snp", "other")


def control_rows() -> list[dict[str, object]]:
    """The shipped file as table rows."""
    text = resources.files("db.data").joinpath(CONTROL_FILE).read_text(encoding="utf-8")
    return [
        {
            "council_code": r["code"],
            "year": int(r["year"]),
            "total_seats": int(r["total"]),
            **{party: int(r[party]) for party in SEAT_COLUMNS},
            "control": r["control_by_seats"],
            "largest_party": r["largest_party"],
            "ocd_label": r["ocd_label"],
        }
        for r in csv.DictReader(text.splitlines())
    ]


def load_political_control(db: Database) -> int:
    """Replace `political_control` with the shipped rows (for councils in the register)."""
    known = {code for (code,) in db.execute("SELECT code FROM councils")}
    rows = [r for r in control_rows() if r["council_code"] in known]
    db.execute("DELETE FROM political_control")
    db.table("political_control").insert_all(rows)
    return len(rows)
