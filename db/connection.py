"""Opening the peerwatch database: one place that sets WAL, foreign keys and the lock wait."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from db.errors import PeerwatchError

DEFAULT_DB = "peerwatch.db"
#: How long a writer waits for another writer's lock before giving up with a clear error.
BUSY_TIMEOUT_MS = 30_000


class _Database(Database):
    """sqlite-utils' Database whose outermost `atomic()` block starts with BEGIN IMMEDIATE.

    A plain (deferred) BEGIN reads first and asks for the write lock later; if another writer
    holds it then, SQLite answers "database is locked" at once without using the busy
    timeout, because waiting could deadlock. Taking the write lock up front makes every
    writer wait its turn instead.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise


def connect(path: str | Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
    """Open (creating if needed) a database with WAL, foreign keys on and a lock wait.

    The lock wait turns "database is locked" races between the crawler, the scheduler and
    Datasette into a short wait instead of an error.
    """
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
        db = _Database(conn)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        db.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            db.enable_wal()
    except sqlite3.DatabaseError as exc:  # includes OperationalError: unable to open, locked
        raise PeerwatchError(f"cannot open database {path}: {exc}") from None
    return db


def _check_file(path: str | Path) -> None:
    """Refuse a file that exists but is empty: SQLite would silently make it a new database,
    hiding a truncated copy or a mistyped path. `peerwatch init` creates a missing file; an
    empty one must be deleted first (README, "Database")."""
    if str(path) == ":memory:":
        return
    p = Path(path)
    if p.is_file() and p.stat().st_size == 0:
        raise PeerwatchError(
            f"{path} is an empty file, not a peerwatch database: delete it and run "
            "`peerwatch init`, or give another --db"
        )


def open_db(path: str | Path, *, migrate: bool = True) -> Database:
    """Open the database and bring its schema up to date. A database made by a newer
    peerwatch (with a migration this version does not know) is refused, untouched."""
    from db.schema import migrate as apply_migrations
    from db.schema import unknown_migrations

    _check_file(path)
    db = connect(path)
    try:
        newer = unknown_migrations(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise PeerwatchError(f"cannot open database {path}: {exc}") from None
    if newer:
        db.close()
        raise PeerwatchError(
            f"{path} was made by a newer peerwatch (migration {newer[0]} is unknown to this "
            "version): upgrade peerwatch to use it; nothing was changed"
        )
    if migrate:
        apply_migrations(db)
    return db


def open_existing(path: str | Path) -> Database:
    """Open a database that `peerwatch init` must already have created."""
    if str(path) != ":memory:" and not Path(path).exists():
        raise PeerwatchError(f"no database at {path}: run `peerwatch init` first")
    return open_db(path)
