"""`peerwatch init`, migrations and the 2017 baseline."""

from __future__ import annotations

import sqlite3

from db.bootstrap import init_path
from db.connection import open_db
from db.schema import migrations


def _content(path) -> list[str]:
    """Every row of every table except the migration log, as SQL text (order-stable)."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "_sqlite_migrations" not in line]
    finally:
        conn.close()


def _without_timestamps(lines: list[str]) -> list[str]:
    return [line for line in lines if "updated_at" not in line]


def test_init_loads_365_councils_317_current(fresh_db):
    assert fresh_db.table("councils").count == 365
    assert fresh_db.execute("SELECT count(*) FROM councils WHERE current = 1").fetchone()[0] == 317


def test_init_records_successors_of_abolished_councils(fresh_db):
    rows = {(r["code"], r["successor_code"]) for r in fresh_db.table("council_successors").rows}
    assert ("WYO", "BUC") in rows
    assert ("NYK", "NYE") in rows
    assert ("NTH", "NNT") in rows and ("NTH", "WNT") in rows


def test_init_is_idempotent(db_path):
    before = _content(db_path)
    report = init_path(db_path)
    assert report.changed == 0
    assert _content(db_path) == before


def test_init_updates_a_changed_register_row_and_keeps_history(db_path):
    db = open_db(db_path)
    db.execute("UPDATE councils SET website = 'https://old.example.gov.uk/' WHERE code = 'BOL'")
    db.execute(
        "INSERT INTO runs (spider, started_at, status) VALUES ('councils', '2026-01-01', 'complete')"
    )
    db.conn.commit()
    db.close()
    report = init_path(db_path)
    db = open_db(db_path)
    assert report.changed == 1
    assert db.table("councils").get("BOL")["website"] == "http://www.bolton.gov.uk/"
    assert db.table("runs").count == 1


def test_the_2017_baseline_is_a_dated_observation_for_91_councils(fresh_db):
    rows = list(fresh_db.table("observations").rows_where("fact = 'no_cpc'"))
    assert len(rows) == 91
    assert {r["observed_on"] for r in rows} == {"2017-08-01"}
    assert all("The MJ" in r["source"] for r in rows)
    birmingham = next(r for r in rows if r["council_code"] == "BIR")
    assert birmingham["name_as_published"] == "Birmingham"


def test_abolished_baseline_councils_reach_their_successors(fresh_db):
    rows = fresh_db.query(
        "SELECT o.council_code, s.successor_code FROM observations o "
        "JOIN council_successors s ON s.code = o.council_code ORDER BY 1, 2"
    )
    pairs = {(r["council_code"], r["successor_code"]) for r in rows}
    assert ("HAG", "NYE") in pairs and ("WYO", "BUC") in pairs and ("KET", "NNT") in pairs


def test_register_attribution_is_stored_in_the_database(fresh_db):
    meta = {r["key"]: r["value"] for r in fresh_db.table("peerwatch_metadata").rows}
    assert "CC BY 4.0" in meta["register_licence"]
    assert "Open Government Licence" in meta["register_source"]


def test_migrations_build_an_empty_file_and_reapplying_changes_nothing(tmp_path):
    path = tmp_path / "empty.db"
    db = open_db(path)
    applied = [m.name for m in migrations.applied(db)]
    assert applied == [m.name for m in migrations._migrations]
    schema = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    migrations.apply(db)
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert migrations.pending(db) == []


def test_database_uses_wal_and_foreign_keys(fresh_db):
    assert fresh_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
