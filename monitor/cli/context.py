"""What every command receives: the database path, the config path and the debug flag."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db.connection import open_existing


@dataclass
class AppContext:
    db_path: str
    config_path: str | None = None
    debug: bool = False

    def open_db(self) -> Database:
        """The database, which `peerwatch init` must have created."""
        return open_existing(self.db_path)
