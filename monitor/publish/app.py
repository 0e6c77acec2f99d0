"""Build the Datasette instance `peerwatch serve` runs, and the tests drive.

Immutable by default: Datasette then opens the file with `immutable=1`, which ignores the WAL,
so the WAL is checkpointed into the main file first (`prepare_for_serving`).
"""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from datasette.app import Datasette

from db.connection import open_existing
from db.errors import PeerwatchError

PUBLISH_DIR = Path(__file__).parent
#: peerwatch's pages and plugin (home page, map, charts, glossary), shipped in the package.
TEMPLATES_DIR = PUBLISH_DIR / "templates"
PLUGINS_DIR = PUBLISH_DIR / "plugins"

#: Datasette settings: facets on computed views need more than the 200 ms default, and
#: suggesting facets would run every column's query on every page of a view.
SETTINGS = {"facet_time_limit_ms": 1000, "sql_time_limit_ms": 5000, "suggest_facets": False}


def packaged_metadata() -> dict[str, Any]:
    text = resources.files("monitor.publish").joinpath("metadata.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def build_metadata(database_name: str) -> dict[str, Any]:
    """Datasette metadata with the database block filed under the served database's name."""
    metadata = copy.deepcopy(packaged_metadata())
    database = metadata.pop("database")
    metadata["description_html"] = metadata["description_html"].replace("{db}", database_name)
    metadata["databases"] = {database_name: database}
    return metadata


def prepare_for_serving(path: str | Path, *, immutable: bool) -> None:
    """Migrate the database (so the views exist) and, for immutable serving, empty the WAL."""
    db = open_existing(path)
    try:
        if immutable:
            busy, wal_frames, moved = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy or wal_frames != moved:
                raise PeerwatchError(
                    f"{path} is being written (a crawl running?): retry later, or serve with "
                    "--mutable to follow changes"
                )
    finally:
        db.close()


def register_plugin() -> None:
    """Register peerwatch's plugin (archive and feed routes) once per process."""
    from datasette.plugins import pm

    from monitor.publish import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="peerwatch")


def make_datasette(path: str | Path, *, immutable: bool = True) -> Datasette:
    """A Datasette over the database at `path` with peerwatch's metadata, settings and
    plugin."""
    register_plugin()
    path = str(path)
    return Datasette(
        files=[] if immutable else [path],
        immutables=[path] if immutable else [],
        metadata=build_metadata(Path(path).stem),
        settings=SETTINGS,
        template_dir=str(TEMPLATES_DIR),
        plugins_dir=str(PLUGINS_DIR),
    )
