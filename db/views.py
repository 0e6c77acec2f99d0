"""Datasette's views: one `.sql` file each in `db/views/`, recreated after the migrations.

Migrations hold tables and triggers, which carry data and so must evolve step by step. A view
holds no data, so it is simply dropped and created again from its file whenever the files
change: changing a view is editing one file, and adding one is adding a file (plus its
metadata in `monitor/publish/metadata.yaml` and a README row). The order of creation is derived
from which view names each file mentions, so no list of views is kept anywhere else.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

VIEWS_DIR = Path(__file__).with_name("views")
#: Where the fingerprint of the view files last created is kept, so an unchanged database is
#: not written to on every open.
FINGERPRINT_KEY = "views_sha256"


@dataclass(frozen=True)
class ViewFile:
    """One view: its name (the file's stem) and its `CREATE VIEW` statement."""

    name: str
    sql: str


def view_files(directory: Path = VIEWS_DIR) -> list[ViewFile]:
    """Every view file, in an order where each view comes after the views it reads."""
    views = {}
    for path in sorted(directory.glob("*.sql")):
        sql = path.read_text(encoding="utf-8").strip()
        statement = re.sub(r"\A(?:--[^\n]*\n\s*)*", "", sql)
        if not re.match(rf"CREATE VIEW {re.escape(path.stem)}\b", statement, re.IGNORECASE):
            raise ValueError(f"{path}: must start with CREATE VIEW {path.stem}")
        views[path.stem] = ViewFile(path.stem, sql)
    return _dependency_order(views)


def _dependency_order(views: dict[str, ViewFile]) -> list[ViewFile]:
    reads = {
        name: {
            other
            for other in views
            if other != name and re.search(rf"\b{re.escape(other)}\b", view.sql)
        }
        for name, view in views.items()
    }
    ordered: list[ViewFile] = []
    placed: set[str] = set()
    while len(ordered) < len(views):
        ready = [n for n in views if n not in placed and reads[n] <= placed]
        if not ready:
            cycle = sorted(set(views) - placed)
            raise ValueError(f"views read each other in a cycle: {', '.join(cycle)}")
        for name in ready:
            ordered.append(views[name])
            placed.add(name)
    return ordered


def fingerprint(views: list[ViewFile]) -> str:
    """A hash of every view's SQL: when it changes, the views are created again."""
    digest = hashlib.sha256()
    for view in views:
        digest.update(view.sql.encode("utf-8") + b"\0")
    return digest.hexdigest()


def drop_views(db: Database) -> None:
    """Drop every view (a migration may rebuild a table a view reads)."""
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
        db.execute(f"DROP VIEW IF EXISTS [{name}]")


def recreate_views(db: Database, *, force: bool = False, directory: Path = VIEWS_DIR) -> bool:
    """Create the views from their files if they changed since last time; True if it did."""
    views = view_files(directory)
    wanted = fingerprint(views)
    existing = {
        name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
    }
    stored = db.execute(
        "SELECT value FROM peerwatch_metadata WHERE key = ?", [FINGERPRINT_KEY]
    ).fetchone()
    if not force and stored and stored[0] == wanted and existing == {v.name for v in views}:
        return False
    with db.atomic():
        drop_views(db)
        for view in views:
            db.execute(view.sql)
        db.execute(
            "INSERT OR REPLACE INTO peerwatch_metadata (key, value) VALUES (?, ?)",
            [FINGERPRINT_KEY, wanted],
        )
    return True
