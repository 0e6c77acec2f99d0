"""Moves, soft 404s and changed sentences, as the diff sees them from runs landed by db.runs."""

from __future__ import annotations

from dataclasses import replace

from monitor_factory import check, diffed_events, doc

OLD = "https://bolton.gov.uk/cpc/report.pdf"
NEW = "https://bolton.gov.uk/media/2025/cpc-report-final.pdf"
TEXT = "Recommendation 1: close the £4.2m gap.\nRecommendation 2: strengthen scrutiny."


def test_same_content_at_a_new_url_is_a_move_not_a_removal(db):
    diffed_events(db, [check("BOL")], [doc(OLD, "BOL")])
    moved = diffed_events(db, [check("BOL", gone=((OLD, 404),))], [doc(NEW, "BOL")])
    assert [(e.kind, e.detail["moved_from"]) for e in moved] == [("document_moved", OLD)]
    assert [r["url"] for r in db.query("SELECT url FROM documents")] == [NEW]
    for _ in range(3):  # later runs see it at its new address: nothing more happens
        assert diffed_events(db, [check("BOL")], [doc(NEW, "BOL")]) == []


def test_the_old_url_coming_back_later_is_a_new_document(db):
    diffed_events(db, [check("BOL")], [doc(OLD, "BOL")])
    diffed_events(db, [check("BOL")], [doc(NEW, "BOL")])
    again = diffed_events(db, [check("BOL")], [doc(NEW, "BOL"), doc(OLD, "BOL")])
    assert [e.kind for e in again] == ["document_added"]


def test_a_soft_404_is_a_removal_at_once(db):
    diffed_events(db, [check("BOL")], [doc(OLD, "BOL")])
    events = diffed_events(db, [check("BOL", soft_gone=(OLD,))], [])
    assert [e.kind for e in events] == ["document_removed"]


def test_a_soft_404_on_an_unknown_check_is_nothing(db):
    diffed_events(db, [check("BOL")], [doc(OLD, "BOL")])
    assert diffed_events(db, [check("BOL", "unknown", soft_gone=(OLD,))], []) == []


def test_a_change_carries_its_changed_sentences(db):
    diffed_events(db, [check("BOL")], [replace(doc(OLD, "BOL", content="v1"), text=TEXT)])
    revised = TEXT.replace("£4.2m", "£6.8m") + "\nRecommendation 3: publish the plan."
    (changed,) = diffed_events(
        db, [check("BOL")], [replace(doc(OLD, "BOL", content="v2"), text=revised)]
    )
    assert changed.kind == "document_changed"
    assert changed.detail["changes"].splitlines() == [
        "~ Recommendation 1: close the £4.2m gap. → Recommendation 1: close the £6.8m gap.",
        "+ Recommendation 3: publish the plan.",
    ]
