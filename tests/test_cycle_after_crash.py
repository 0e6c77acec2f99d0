"""A cycle after a crash says what it delivers (issue 10).

A cycle that died after its crawl committed left a run not yet diffed. The next cycle diffs it
with its own run and delivers its events; the digest it prints must show them, not "no changes"
(it printed only its own run's events, none, while delivering the dead run's)."""

from __future__ import annotations

from monitor_factory import NOW, CollectingChannel, add_run, check, doc, new_db_file

from db.connection import open_db
from monitor.config import Config
from monitor.cycle import process_runs
from monitor.digest import render


def test_the_printed_digest_shows_what_the_dead_cycle_left_behind(tmp_path):
    path = new_db_file(tmp_path)
    db = open_db(path)
    # The dead cycle: its crawl committed (a report found), then the process died.
    add_run(db, [check("BOL")], [doc("https://bolton.gov.uk/r.pdf", "BOL")])
    # This cycle's crawl: nothing new.
    add_run(db, [check("BOL")], [doc("https://bolton.gov.uk/r.pdf", "BOL")])
    db.close()
    channel = CollectingChannel(sends_empty=True)
    result = process_runs(path, Config(), now=NOW, channels=[channel])
    (sent,) = channel.messages
    assert {e.kind for e in sent.events} >= {"report_published"}
    printed = render(result.digest, "text")
    assert "no changes" not in printed
    assert "Bolton Metropolitan Borough Council published its CPC feedback report" in printed
    assert {e.key for e in result.digest.events} >= {e.key for e in sent.events}


def test_events_left_undelivered_by_a_dead_cycle_are_printed_when_delivered(tmp_path):
    path = new_db_file(tmp_path)
    db = open_db(path)
    add_run(db, [check("BOL")], [doc("https://bolton.gov.uk/r.pdf", "BOL")])
    db.close()
    # The dead cycle diffed, then died before delivering.
    process_runs(path, Config(), now=NOW, channels=[])
    db = open_db(path)
    add_run(db, [check("BOL")], [doc("https://bolton.gov.uk/r.pdf", "BOL")])
    db.close()
    channel = CollectingChannel(sends_empty=True)
    result = process_runs(path, Config(), now=NOW, channels=[channel])
    assert "published its CPC feedback report" in render(result.digest, "text")
