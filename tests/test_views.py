"""Views live as one .sql file each and are created again, in dependency order, when they change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from db.connection import connect
from db.schema import migrate
from db.views import VIEWS_DIR, recreate_views, view_files


def _views(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}


def test_a_fresh_database_has_exactly_the_view_files():
    db = connect(":memory:")
    migrate(db)
    assert _views(db) == {v.name for v in view_files()}


def test_opening_an_up_to_date_database_writes_nothing():
    db = connect(":memory:")
    migrate(db)
    before = db.conn.total_changes
    migrate(db)
    assert db.conn.total_changes == before


def test_views_come_after_the_views_they_read():
    order = [v.name for v in view_files()]
    assert order.index("council_status") < order.index("councils_without_report")
    assert order.index("council_status") < order.index("mj_2017_followup")


def test_an_edited_view_file_is_created_again(tmp_path):
    db = connect(":memory:")
    migrate(db)
    views = tmp_path / "views"
    shutil.copytree(VIEWS_DIR, views)
    path = views / "recent_events.sql"
    path.write_text(path.read_text().replace("SELECT\n", "SELECT\n    'edited' AS marker,\n", 1))
    assert recreate_views(db, directory=views) is True
    assert "marker" in {c.name for c in db["recent_events"].columns}
    assert recreate_views(db, directory=views) is False


def test_a_view_file_must_create_the_view_it_is_named_after(tmp_path):
    (tmp_path / "wrong.sql").write_text("CREATE VIEW other AS SELECT 1;\n")
    with pytest.raises(ValueError, match="must start with CREATE VIEW wrong"):
        view_files(tmp_path)


def test_views_that_read_each_other_in_a_cycle_are_refused(tmp_path):
    (tmp_path / "a.sql").write_text("CREATE VIEW a AS SELECT * FROM b;\n")
    (tmp_path / "b.sql").write_text("CREATE VIEW b AS SELECT * FROM a;\n")
    with pytest.raises(ValueError, match="cycle: a, b"):
        view_files(tmp_path)


def test_which_runs_count_is_said_once():
    """`counted_runs` is the one definition of the runs whose results count: no SQL string
    (`IN ('complete', 'partial')`) or constant (`X = ("complete", "partial")`) elsewhere lists
    the statuses again; read the view instead."""
    statuses = r"""\(\s*['"]complete['"]\s*,\s*['"]partial['"]\s*\)"""
    again = re.compile(rf"\bIN\s*{statuses}|^\s*\w+(\s*:[^=]+)?\s*=\s*{statuses}")
    root = VIEWS_DIR.parents[1]
    spelled = {
        str(path.relative_to(root))
        for folder in ("db", "monitor", "scraper", "bench", "tests")
        for path in (root / folder).rglob("*")
        if path.suffix in (".py", ".sql")
        and path != Path(__file__)
        and any(again.search(line) for line in path.read_text(encoding="utf-8").splitlines())
    }
    assert spelled == {"db/views/counted_runs.sql"}
