"""Who has not published: ONE definition, the `councils_without_report` view.

A current council is without a report when its latest check (on a run in `counted_runs`)
found no CPC, found a CPC but no report, or found a report only for an earlier CPC than the
latest one known (`db/views/councils_without_report.sql`). A council whose latest check could
not see it (`unknown`) is NOT in the list: it is not known to be without a report now, and the
digest and `peerwatch status` show it under "could not be checked" with its last known verdict.

The digest, `peerwatch status` and Datasette all read the view through this function (or the
view itself), so the list cannot differ between them.
"""

from __future__ import annotations

from sqlite_utils import Database


def councils_without_report(db: Database) -> list[dict]:
    """The rows of the `councils_without_report` view, by code."""
    return list(db.query("SELECT * FROM councils_without_report ORDER BY code"))


def codes_without_report(db: Database) -> set[str]:
    return {r["code"] for r in councils_without_report(db)}
