"""The command line: every command has help, list commands have --json, errors are one line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from monitor.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _main(*args: str) -> subprocess.CompletedProcess:
    """`peerwatch ARGS...` through its entry point `main`, in a subprocess (errors as a user sees them)."""
    return subprocess.run(
        [sys.executable, "-c", "from monitor.cli import main; main()", *args],
        capture_output=True,
        text=True,
    )


def _all_commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", list(_all_commands(cli)), ids=" ".join)
def test_every_command_has_help(run_cli, path):
    result = run_cli(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.parametrize("path", list(_all_commands(cli)), ids=" ".join)
def test_every_command_is_documented_in_the_readme(path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"peerwatch {' '.join(path)}" in readme


def test_match_prints_codes_as_json(run_cli):
    result = run_cli(
        "councils", "match", "Hull", "Kingston", "Shepway", "Kensington & Chelsea", "--json"
    )
    assert [m["codes"] for m in json.loads(result.output)] == [["KHL"], ["KTT"], ["SHE"], ["KEC"]]


def test_match_takes_a_date(run_cli):
    result = run_cli("councils", "match", "Somerset", "--on", "2020-05-01", "--json")
    assert json.loads(result.output)[0]["codes"] == ["SOM"]


def test_match_strict_exits_non_zero_when_unsure(run_cli):
    assert run_cli("councils", "match", "Somerset", "--strict").exit_code == 3


def test_list_filters_and_prints_json(run_cli):
    rows = json.loads(run_cli("councils", "list", "--type", "LBO", "--json").output)
    assert len(rows) == 32
    abolished = json.loads(run_cli("councils", "list", "--abolished", "--json").output)
    assert len(abolished) == 48


def test_show_unknown_code_is_a_one_line_error(db_path):
    proc = _main("--db", str(db_path), "councils", "show", "XXX")
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0
    assert re.match(r"Error: no council with code 'XXX'", proc.stderr)


def test_a_missing_database_is_a_one_line_error(tmp_path):
    proc = _main("--db", str(tmp_path / "none.db"), "councils", "list")
    assert proc.returncode == 1
    assert "peerwatch init" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_debug_shows_the_traceback(tmp_path):
    proc = _main("--debug", "--db", str(tmp_path / "none.db"), "councils", "list")
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr
