"""The 2017 baseline: councils The MJ named as never having had a CPC, as dated observations.

Source: The MJ, "FoI poll shows 90 councils have yet to sign up to peer challenge" (2017). The
article carries no date; the matching FOI was answered on 1 August 2017 (Hastings BC log), so
observations are dated 2017-08-01 with `date_precision = "approximate"`. The list has 91 names;
abolished councils keep their own code and reach their successors through council_successors.
"""

from __future__ import annotations

import csv
from importlib import resources

from sqlite_utils import Database

BASELINE_FILE = "mj-2018-no-cpc.csv"
SOURCE = "The MJ, FoI poll shows 90 councils have yet to sign up to peer challenge (2017)"
SOURCE_URL = "https://themj.co.uk/foi-poll-90-councils-sign-peer-challenge"
OBSERVED_ON = "2017-08-01"
FACT = "no_cpc"


def baseline_rows() -> list[dict[str, str]]:
    """The 91 names as published, each with its register code."""
    text = resources.files("db.data").joinpath(BASELINE_FILE).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def load_baseline(db: Database) -> int:
    """Record each named council as "had no CPC as of 2017"; idempotent on a stable key."""
    rows = [
        {
            "key": f"mj2017:{r['code']}",
            "council_code": r["code"],
            "observed_on": OBSERVED_ON,
            "date_precision": "approximate",
            "fact": FACT,
            "name_as_published": r["name_as_published"],
            "source": SOURCE,
            "source_url": SOURCE_URL,
            "note": r.get("note", ""),
        }
        for r in baseline_rows()
    ]
    table = db.table("observations")
    ids = {r["key"]: r["id"] for r in table.rows_where(select="key, id")}
    for row in rows:
        if row["key"] in ids:
            table.update(ids[row["key"]], row)
        else:
            table.insert(row)
    return len(rows)
