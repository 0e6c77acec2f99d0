"""One table of event kinds (`monitor.events.KINDS`): every kind once, with its digest section,
plain-English label, key and summary, and a README row; the diff and deadline rules raise
events only through it; `deliver` marks sent only what a digest showed.

Issue 10: an event kind missing from the digest's sections was left out of every digest, yet
`deliver` marked it sent, so nobody ever saw it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
from pathlib import Path

import pytest
from monitor_factory import CollectingChannel, add_run, check, doc

from monitor import events as events_module
from monitor.config import Config
from monitor.deadlines import DEADLINE_EVENT_RULES, evaluate_deadlines
from monitor.delivery import deliver, pending_events
from monitor.diff import diff_pending
from monitor.digest import build_digest, render
from monitor.events import KINDS, SECTIONS, Event, EventKind, kind_problems, record
from monitor.rules import COUNCIL_RULES, DOCUMENT_RULES, CouncilFacts, DocumentFacts

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_kinds_table_is_complete():
    assert kind_problems(KINDS, SECTIONS, README) == []
    assert len({k.name for k in KINDS}) == len(KINDS)


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (dict(section="Not a section"), "no digest section"),
        (dict(label=""), "no label"),
        (dict(name="brand_new_kind"), "no README row"),
    ],
)
def test_a_kind_without_a_section_label_or_readme_row_fails(broken, problem):
    """The trap: a new kind added without a section (or label, or README row) is caught."""
    bad = dataclasses.replace(KINDS[0], **broken)
    found = kind_problems((*KINDS, bad), SECTIONS, README)
    assert any(problem in p for p in found), found


def test_every_rule_raises_a_kind_of_the_table():
    names = {k.name for k in KINDS}
    assert {r.kind for r in (*DOCUMENT_RULES, *COUNCIL_RULES)} <= names


def test_every_kind_of_the_table_has_exactly_one_rule():
    """Adding a kind is one row in KINDS plus one rule: a diff rule (`monitor.rules`) or a
    deadline rule (`monitor.deadlines.DEADLINE_EVENT_RULES`), as the README's layout says."""
    raisers = [r.kind for r in (*DOCUMENT_RULES, *COUNCIL_RULES)]
    raisers += [kind for kind, _ in DEADLINE_EVENT_RULES]
    assert sorted(raisers) == sorted(k.name for k in KINDS)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_every_kind_is_shown_under_its_section_in_every_digest_format(db, kind, fmt):
    event = Event(
        key=f"{kind.name}:test",
        kind=kind.name,
        council_code="BOL",
        summary=f"Bolton Metropolitan Borough Council: news of the kind {kind.label}",
        id=1,
    )
    digest = build_digest(db, Config(), events=[event])
    (section,) = [s for s in digest.sections if s.items]
    assert section.heading == kind.section and [i.label for i in section.items] == [kind.label]
    shown = render(digest, fmt)
    assert f"news of the kind {kind.label}".lower() in shown.lower()  # HTML capitalises it
    assert kind.section in shown


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("kind", [k for k in KINDS if k.name in {r.kind for r in DOCUMENT_RULES}])
def test_document_kinds_fill_from_document_facts(kind: EventKind):
    known = {f.name for f in dataclasses.fields(DocumentFacts)} | {"kind_label"}
    assert _fields(kind.key) | _fields(kind.summary) <= known


@pytest.mark.parametrize("kind", [k for k in KINDS if k.name in {r.kind for r in COUNCIL_RULES}])
def test_council_kinds_fill_from_council_facts(kind: EventKind):
    known = {f.name for f in dataclasses.fields(CouncilFacts)}
    known |= {"verdict_label", "previous_label", "reason_words"}
    assert _fields(kind.key) | _fields(kind.summary) <= known


def test_every_kind_raised_is_shown_in_exactly_one_section(db):
    add_run(db, [check("BOL"), check("RUS", "no_cpc"), check("HAS", "unknown")])
    add_run(
        db,
        [check("BOL", "cpc_no_report"), check("RUS"), check("HAS", "unknown")],
        [doc("https://rushcliffe.gov.uk/r.pdf", "RUS")],
    )
    diff_pending(db, Config().diff)
    evaluate_deadlines(db, Config().deadlines, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    d = build_digest(db, Config())
    shown = [i.event_id for s in d.sections for i in s.items]
    assert sorted(shown) == sorted(e.id for e in d.events)
    assert {e.kind for e in d.events} >= {"report_published", "verdict_changed", "check_failing"}


def test_deliver_marks_sent_only_what_the_digest_showed(db, monkeypatch):
    add_run(db, [check("RUS", "no_cpc")])
    diff_pending(db, Config().diff)
    record(db, Event(key="mystery:1", kind="mystery_kind", council_code="RUS", summary="?"))
    record(db, Event(key="known:1", kind="check_recovered", council_code="RUS", summary="back"))
    db.conn.commit()
    channel = CollectingChannel()
    (result,) = deliver(db, Config(), [channel])
    assert result.ok and result.events == 1
    # The unknown kind was in no section: it stays pending instead of being marked sent unseen.
    assert [e.kind for e in pending_events(db, "collect")] == ["mystery_kind"]
    assert "back" in render(channel.messages[0].digest, "text")


def test_a_kind_missing_from_the_sections_stays_pending(db, monkeypatch):
    """The trap as it happened: a kind whose section no digest shows is never marked sent."""
    patched = tuple(
        dataclasses.replace(k, section="Nowhere") if k.name == "check_recovered" else k
        for k in KINDS
    )
    monkeypatch.setattr(events_module, "KIND_BY_NAME", {k.name: k for k in patched})
    import monitor.digest as digest_module

    monkeypatch.setattr(digest_module, "KIND_BY_NAME", {k.name: k for k in patched})
    record(db, Event(key="known:2", kind="check_recovered", council_code="RUS", summary="back"))
    db.conn.commit()
    channel = CollectingChannel()
    deliver(db, Config(), [channel])
    assert [e.kind for e in pending_events(db, "collect")] == ["check_recovered"]


def test_readme_lists_exactly_the_kinds():
    monitoring = README.split("## Monitoring", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", monitoring, re.M))
    assert rows == {k.name for k in KINDS}
