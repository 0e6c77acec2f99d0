"""Moves, soft 404s and changed sentences, as the diff sees them from runs landed by db.runs."""

from __future__ import annotations

from dataclasses import replace

import pytest
from monitor_factory import add_run, check, doc, new_db_file

from db.connection import open_db
from monitor.config import DiffConfig
from monitor.diff import diff_pending

OLD = "https://bolton.gov.uk/cpc/report.pdf"
NEW = "https://bolton.gov.uk/media/2025/cpc-report-final.pdf"
TEXT = "Recommendation 1: close the £4.2m gap.\nRecommendation 2: strengthen scrutiny."


@pytest.fixture
def db(tmp_path):
    database = open_db(new_db_file(tmp_path))
    yield database
    database.close()


def _run(db, checks, docs=()):
    add_run(db, checks, docs)
    return [e for events in diff_pending(db, DiffConfig()).values() for e in events]


def test_same_content_at_a_new_url_is_a_move_not_a_removal(db):
    _run(db, [check("BOL")], [doc(OLD, "BOL")])
    moved = _run(db, [check("BOL", gone=((OLD, 404),))], [doc(NEW, "BOL")])
    assert [(e.kind, e.detail["moved_from"]) for e in moved] == [("document_moved", OLD)]
    assert [r["url"] for r in db.query("SELECT url FROM documents")] == [NEW]
    for _ in range(3):  # later runs see it at its new address: nothing more happens
        assert _run(db, [check("BOL")], [doc(NEW, "BOL")]) == []


def test_the_old_url_coming_back_later_is_a_new_document(db):
    _run(db, [check("BOL")], [doc(OLD, "BOL")])
    _run(db, [check("BOL")], [doc(NEW, "BOL")])
    again = _run(db, [check("BOL")], [doc(NEW, "BOL"), doc(OLD, "BOL")])
    assert [e.kind for e in again] == ["document_added"]


def test_a_soft_404_is_a_removal_at_once(db):
    _run(db, [check("BOL")], [doc(OLD, "BOL")])
    events = _run(db, [check("BOL", soft_gone=(OLD,))], [])
    assert [e.kind for e in events] == ["document_removed"]


def test_a_soft_404_on_an_unknown_check_is_nothing(db):
    _run(db, [check("BOL")], [doc(OLD, "BOL")])
    assert _run(db, [check("BOL", "unknown", soft_gone=(OLD,))], []) == []


def test_a_change_carries_its_changed_sentences(db):
    _run(db, [check("BOL")], [replace(doc(OLD, "BOL", content="v1"), text=TEXT)])
    revised = TEXT.replace("£4.2m", "£6.8m") + "\nRecommendation 3: publish the plan."
    (changed,) = _run(db, [check("BOL")], [replace(doc(OLD, "BOL", content="v2"), text=revised)])
    assert changed.kind == "document_changed"
    assert changed.detail["changes"].splitlines() == [
        "~ Recommendation 1: close the £4.2m gap. → Recommendation 1: close the £6.8m gap.",
        "+ Recommendation 3: publish the plan.",
    ]
