"""Database files peerwatch did not make, or cannot read: one line naming the file, no damage."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from monitor_factory import sql_dump

from monitor.cli import cli


def _peerwatch(db_path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def _one_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_a_database_from_a_newer_peerwatch_is_refused_and_init_leaves_it_alone(db_path):
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('peerwatch', 'm999_from_the_future', '2031-01-01 00:00:00+00:00')"
        )
        conn.execute("UPDATE councils SET notes = 'future' WHERE code = 'BOL'")
    conn.close()
    before = sql_dump(db_path)
    for command in (["status"], ["init"], ["councils", "list"]):
        result = _peerwatch(db_path, *command)
        assert result.exit_code == 1
        line = _one_line(result)
        assert "made by a newer peerwatch" in line and str(db_path) in line
        assert "m999_from_the_future" in line
    assert sql_dump(db_path) == before


@pytest.mark.parametrize("command", [["status"], ["init"]])
def test_an_empty_file_is_refused_not_turned_into_a_database(tmp_path, command):
    path = tmp_path / "peerwatch.db"
    path.write_bytes(b"")
    result = _peerwatch(path, *command)
    assert result.exit_code == 1
    line = _one_line(result)
    assert str(path) in line and "empty" in line
    assert path.read_bytes() == b""


def test_a_file_that_is_not_a_database_is_named(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    result = _peerwatch(path, "status")
    assert result.exit_code == 1
    line = _one_line(result)
    assert str(path) in line and "not a" in line


def test_an_unopenable_path_is_named(tmp_path):
    path = tmp_path / "no-such-dir" / "peerwatch.db"
    result = _peerwatch(path, "init")
    assert result.exit_code == 1
    assert str(path) in _one_line(result)
