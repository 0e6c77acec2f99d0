"""`peerwatch init`: create the database, load the register and the 2017 baseline.

Idempotent: running it again updates changed register rows, re-applies user overrides and
leaves runs, documents, events and deliveries untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from db.baseline import load_baseline
from db.connection import open_db
from db.importer import overridden_councils, stored_overrides
from db.political_control import load_political_control
from db.register import load_councils, packaged_register, rebuild_links, register_metadata


@dataclass(frozen=True)
class InitReport:
    councils: int
    changed: int
    observations: int


def initialise(db: Database) -> InitReport:
    """Load register, overrides and baseline into an open, migrated database, atomically."""
    register = packaged_register()
    with db.atomic():
        overridden = stored_overrides(db)
        plain = [c for c in register if c.code not in overridden]
        changed = load_councils(db, plain, source="register")
        changed += load_councils(db, overridden_councils(db), source="import")
        rebuild_links(db)
        observations = load_baseline(db)
        load_political_control(db)
        db.table("peerwatch_metadata").upsert_all(
            ({"key": k, "value": v} for k, v in register_metadata().items()), pk="key"
        )
    return InitReport(db.table("councils").count, changed, observations)


def init_path(path: str | Path) -> InitReport:
    """Create or update the database file at `path`."""
    db = open_db(path)
    try:
        return initialise(db)
    finally:
        db.close()
