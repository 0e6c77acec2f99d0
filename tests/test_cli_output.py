"""What the command line prints, and how it exits: scraped text verbatim (never rich markup),
JSON on every command that prints results, distinct exit codes, helpful empty filters, quiet
consoles for handled failures, and an Atom file others can read."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from cycle_helpers import stub_crawl_config
from monitor_factory import add_run, check, doc, new_db_file

from db.connection import open_db
from monitor.cli import cli
from monitor.config import Config, FeedConfig, load_config
from monitor.cycle import run_cycle
from monitor.diff import diff_pending
from monitor.lock import run_lock

STUB = """
import sys
from db.connection import open_db
from db.runs import CouncilCheck, RunStats, commit_run, start_run
if sys.argv[2] != "0":
    sys.exit(int(sys.argv[2]))
db = open_db(sys.argv[1])
run = start_run(db, spider="stub", args={}, councils_total=1)
commit_run(db, run, checks=[CouncilCheck("RUS", "no_cpc")], documents=[], stats=RunStats(requests=3))
"""


def _peerwatch(db_path, *args, config=None):
    base = ["--db", str(db_path)] + (["--config", str(config)] if config else [])
    return CliRunner().invoke(cli, [*base, *args])


@pytest.fixture
def cycle_setup(tmp_path):
    db_path = new_db_file(tmp_path)

    def config(exit_code: int = 0, digest_path: str | None = None) -> Path:
        digest = digest_path or tmp_path / "digest.txt"
        return stub_crawl_config(tmp_path, STUB, "{db}", exit_code, digest=digest)

    return db_path, config


# --- scraped text is never rich markup --------------------------------------------------------


def test_square_brackets_in_scraped_titles_are_printed_verbatim(tmp_path):
    db_path = new_db_file(tmp_path)
    db = open_db(db_path)
    add_run(db, [check("BOL", "no_cpc")])
    title = "Peer challenge [draft] report [/] [bold]not bold[/bold]"
    add_run(db, [check("BOL")], [doc("http://www.bolton.gov.uk/cpc.pdf", "BOL", title=title)])
    diff_pending(db, Config().diff)
    db.close()
    result = _peerwatch(db_path, "events")
    assert result.exit_code == 0, result.output
    assert "[draft]" in result.output and "[/]" in result.output
    assert "[bold]not bold[/bold]" in result.output


def test_square_brackets_in_council_names_are_printed_verbatim(tmp_path):
    db_path = new_db_file(tmp_path)
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("code,name,website\nZZB,Bracket [/] Council [draft],http://b.example/\n")
    assert _peerwatch(db_path, "councils", "import", str(csv_path)).exit_code == 0
    result = _peerwatch(db_path, "councils", "list")
    assert result.exit_code == 0, result.output
    assert "Bracket [/] Council [draft]" in result.output


# --- JSON on every command that prints results ------------------------------------------------


def test_run_json(cycle_setup):
    db_path, config = cycle_setup
    result = _peerwatch(db_path, "run", "--json", config=config())
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["run_id"] == 1 and data["crawl_error"] is None
    assert data["deliveries"][0]["channel"] == "file" and data["digest"]["sections"] is not None


def test_digest_json(cycle_setup):
    db_path, config = cycle_setup
    assert _peerwatch(db_path, "run", config=config()).exit_code == 0
    result = _peerwatch(db_path, "digest", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["runs"][0]["id"] == 1 and any(w["code"] == "RUS" for w in data["without_report"])


def test_crawl_json(tmp_path):
    db_path = new_db_file(tmp_path)
    csv_path = tmp_path / "c.csv"
    # An IP-literal site is refused before any network traffic: a crawl that needs no web.
    csv_path.write_text("code,name,website\nZZL,Literal Council,http://127.0.0.1:9/\n")
    assert _peerwatch(db_path, "councils", "import", str(csv_path)).exit_code == 0
    result = _peerwatch(
        db_path, "crawl", "--json", "--council", "ZZL", "--spider", "councils", "--no-throttle",
        "--cache-dir", str(tmp_path / "cache"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["run_id"] == 1
    assert data["checks"] == [
        {"council_code": "ZZL", "verdict": "unknown", "reason": "private_address"}
    ]


def test_diff_deliver_and_init_json(cycle_setup, tmp_path):
    db_path, config = cycle_setup
    init = _peerwatch(tmp_path / "fresh.db", "init", "--json")
    assert init.exit_code == 0 and json.loads(init.stdout)["councils"] == 365
    db = open_db(db_path)
    add_run(db, [check("BOL", "no_cpc")])
    db.close()
    diff = _peerwatch(db_path, "diff", "--json", config=config())
    assert diff.exit_code == 0 and list(json.loads(diff.stdout)["new_events"]) == ["1"]
    deliver = _peerwatch(db_path, "deliver", "--json", config=config())
    assert deliver.exit_code == 0, deliver.output
    assert json.loads(deliver.stdout)[0]["channel"] == "file"


def test_schedule_check_and_councils_import_json(cycle_setup, tmp_path):
    db_path, config = cycle_setup
    check_out = _peerwatch(db_path, "schedule", "--check", "--json", config=config())
    assert check_out.exit_code == 0, check_out.output
    schedule = json.loads(check_out.stdout)
    assert schedule["timezone"] == "Europe/London" and len(schedule["next_runs"]) == 3
    assert all(when[:4].isdigit() and "T" in when for when in schedule["next_runs"])
    refused = _peerwatch(db_path, "schedule", "--json", config=config())
    assert refused.exit_code == 2 and "--check" in refused.output
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("code,name,website\nZZJ,Json Council,http://json.example/\n")
    imported = _peerwatch(db_path, "councils", "import", "--json", str(csv_path))
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout) == {"file": str(csv_path), "councils": 1, "changed": 1}


# --- exit codes ---------------------------------------------------------------------------------


def test_exit_codes_tell_locked_crawl_failed_and_delivery_failed_apart(cycle_setup, tmp_path):
    db_path, config = cycle_setup
    assert _peerwatch(db_path, "run", config=config()).exit_code == 0
    with run_lock(db_path):
        assert _peerwatch(db_path, "run", config=config()).exit_code == 4
    assert _peerwatch(db_path, "run", config=config(exit_code=3)).exit_code == 5
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    failed = _peerwatch(db_path, "run", config=config(digest_path=str(blocked / "digest.txt")))
    assert failed.exit_code == 6, failed.output
    assert _peerwatch(db_path, "councils", "show", "NOPE").exit_code == 1
    assert _peerwatch(db_path, "status", "--verdict", "bogus").exit_code == 2  # usage (click)


def test_exit_codes_are_documented_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ("`0`", "`1`", "`2`", "`3`", "`4`", "`5`", "`6`"):
        assert code in section


# --- filters that match nothing say why ---------------------------------------------------------


def test_an_unknown_council_type_names_the_valid_ones(tmp_path):
    db_path = new_db_file(tmp_path)
    result = _peerwatch(db_path, "councils", "list", "--type", "district")
    assert result.exit_code == 1
    assert "Non-metropolitan district" in result.output and "NMD" in result.output
    assert len(result.output.strip().splitlines()) == 1
    ok = _peerwatch(db_path, "councils", "list", "--type", "nmd", "--json")
    assert ok.exit_code == 0 and len(json.loads(ok.stdout)) > 150


# --- quiet consoles -----------------------------------------------------------------------------


def test_the_run_does_not_print_its_internal_crawl_command(cycle_setup):
    db_path, config = cycle_setup
    lines: list[str] = []
    many = [arg for code in ("BOL", "MEL", "RUS") * 8 for arg in ("--council", code)]
    run_cycle(db_path, load_config(config()), crawl_args=many, echo=lines.append)
    assert not any("--council" in line for line in lines), lines
    assert any(line.startswith("crawl:") for line in lines)


# --- the Atom feed is readable by a web server --------------------------------------------------


def test_the_atom_feed_is_world_readable(tmp_path):
    from monitor.channels.atom import write_feed

    old = os.umask(0o022)
    try:
        path = tmp_path / "public" / "events.atom"
        write_feed(FeedConfig(path=str(path)), [])
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
