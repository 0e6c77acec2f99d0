"""Questions asked of the database, as functions that read like the questions."""

from __future__ import annotations

from sqlite_utils import Database

from db.register import councils_in_db
from db.resolver import Resolver


def resolver_for(db: Database) -> Resolver:
    """A resolver over the councils in this database, user overrides included."""
    return Resolver(councils_in_db(db))


def list_councils(
    db: Database,
    *,
    current: bool | None = None,
    type_: str | None = None,
    region: str | None = None,
) -> list[dict]:
    """Councils with their register facts, filtered."""
    where, params = [], []
    if current is not None:
        where.append("current = ?")
        params.append(int(current))
    if type_:
        where.append("(lower(type) = lower(?) OR lower(type_code) = lower(?))")
        params += [type_, type_]
    if region:
        where.append("lower(region) = lower(?)")
        params.append(region)
    sql = "SELECT code, name, type, region, current, end_date, replaced_by, website, source FROM councils"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return list(db.query(sql + " ORDER BY code", params))


def get_council(db: Database, code: str) -> dict | None:
    """One council's row, with successors, aliases and observations."""
    row = next(iter(db.table("councils").rows_where("code = ?", [code.upper()])), None)
    if row is None:
        return None
    row["successors"] = [
        r["successor_code"]
        for r in db.table("council_successors").rows_where("code = ?", [row["code"]])
    ]
    row["predecessors"] = [
        r["code"]
        for r in db.table("council_successors").rows_where("successor_code = ?", [row["code"]])
    ]
    row["observations"] = list(
        db.query(
            "SELECT observed_on, fact, source, name_as_published FROM observations WHERE council_code = ? ORDER BY observed_on",
            [row["code"]],
        )
    )
    return row
