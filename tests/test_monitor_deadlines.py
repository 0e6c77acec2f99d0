"""Deadline rules as tables: 3/5/12 months after the last visit day, the 5-year CPC, in London time."""

from __future__ import annotations

import datetime as dt

import pytest
from monitor_factory import add_run, check, doc

from db.register import Council
from monitor.config import DeadlineConfig
from monitor.deadlines import (
    Doc,
    Visit,
    evaluate_deadlines,
    is_cpc_overdue,
    missed_deadlines,
    today_in,
)

CFG = DeadlineConfig(applies_from="2020-01-01")
D = dt.date.fromisoformat
BOLTON = Council(code="BOL", name="Bolton Council")
GONE = Council(code="GNE", name="Gone DC", current=False, end_date="2024-03-31")
VISIT = Visit(D("2024-03-25"), D("2024-03-28"))
REPORT = Doc("feedback_report", D("2024-03-25"))
PLAN = Doc("action_plan", seen_on=D("2024-05-01"))
REVIEW = Doc("progress_review", D("2024-11-06"))

MISSED_TABLE = [
    ("report due on the day: not yet missed", BOLTON, [VISIT], [], "2024-06-28", set()),
    ("report missed the day after", BOLTON, [VISIT], [], "2024-06-29", {"report"}),
    ("action plan only missed after 5 months", BOLTON, [VISIT], [REPORT], "2024-08-28", set()),
    ("action plan missed", BOLTON, [VISIT], [REPORT], "2024-08-29", {"action_plan"}),
    (
        "progress review missed after 12 months",
        BOLTON,
        [VISIT],
        [REPORT, PLAN],
        "2025-03-29",
        {"progress_review"},
    ),
    ("all found", BOLTON, [VISIT], [REPORT, PLAN, REVIEW], "2026-01-01", set()),
    (
        "nothing found",
        BOLTON,
        [VISIT],
        [],
        "2026-01-01",
        {"report", "action_plan", "progress_review"},
    ),
    (
        "visit before the rules applied",
        BOLTON,
        [Visit(D("2019-01-14"), D("2019-01-17"))],
        [],
        "2026-01-01",
        set(),
    ),
    (
        "abolished: nothing due after it ceased",
        GONE,
        [Visit(D("2023-10-02"), D("2023-10-05"))],
        [],
        "2026-01-01",
        {"report", "action_plan"},
    ),
    (
        "30 November + 3 months is 28 February",
        BOLTON,
        [Visit(D("2022-11-28"), D("2022-11-30"))],
        [],
        "2023-02-28",
        set(),
    ),
    (
        "... and missed on 1 March",
        BOLTON,
        [Visit(D("2022-11-28"), D("2022-11-30"))],
        [],
        "2023-03-01",
        {"report"},
    ),
    (
        "a review dated after a later CPC belongs to the later CPC",
        BOLTON,
        [VISIT, Visit(D("2025-06-02"), D("2025-06-05"))],
        [
            REPORT,
            PLAN,
            Doc("feedback_report", D("2025-06-02")),
            Doc("action_plan", seen_on=D("2025-07-01")),
            Doc("progress_review", D("2026-04-01")),
        ],
        "2025-06-01",
        {"progress_review"},
    ),
]


@pytest.mark.parametrize(
    ("council", "visits", "docs", "today", "expected"),
    [row[1:] for row in MISSED_TABLE],
    ids=[row[0] for row in MISSED_TABLE],
)
def test_missed_deadlines(council, visits, docs, today, expected):
    missed = missed_deadlines(council, visits, docs, D(today), CFG)
    assert {m.rule.name for m in missed} == expected


def test_due_dates():
    missed = missed_deadlines(BOLTON, [VISIT], [], D("2026-01-01"), CFG)
    assert {m.rule.name: m.due.isoformat() for m in missed} == {
        "report": "2024-06-28",
        "action_plan": "2024-08-28",
        "progress_review": "2025-03-28",
    }


OVERDUE_TABLE = [
    (
        "CPC within five years",
        BOLTON,
        [VISIT],
        False,
        "published",
        "2029-03-28",
        (False, "2029-03-28"),
    ),
    (
        "no CPC for five years",
        BOLTON,
        [VISIT],
        False,
        "published",
        "2029-03-29",
        (True, "2029-03-28"),
    ),
    ("never had one", BOLTON, [], False, "no_cpc", "2026-01-01", (True, None)),
    (
        "report found but undated: cannot tell",
        BOLTON,
        [],
        False,
        "published",
        "2026-01-01",
        (False, None),
    ),
    ("never checked: not flagged", BOLTON, [], False, None, "2026-01-01", (False, None)),
    ("only unknown checks: not flagged", BOLTON, [], False, "unknown", "2026-01-01", (False, None)),
    (
        "abolished councils are expected nothing",
        GONE,
        [],
        False,
        "no_cpc",
        "2026-01-01",
        (False, None),
    ),
    (
        "a successor's clock starts at its creation",
        Council(code="NEW", name="New Council", start_date="2023-04-01"),
        [],
        True,
        "no_cpc",
        "2028-03-31",
        (False, "2028-04-01"),
    ),
    (
        "a successor overdue five years after creation",
        Council(code="NEW", name="New Council", start_date="2023-04-01"),
        [],
        True,
        "no_cpc",
        "2028-04-02",
        (True, "2028-04-01"),
    ),
]


@pytest.mark.parametrize(
    ("council", "visits", "reorganised", "verdict", "today", "expected"),
    [row[1:] for row in OVERDUE_TABLE],
    ids=[row[0] for row in OVERDUE_TABLE],
)
def test_cpc_overdue(council, visits, reorganised, verdict, today, expected):
    overdue, due = is_cpc_overdue(
        council, visits, D(today), CFG, reorganised=reorganised, latest_verdict=verdict
    )
    assert (overdue, due.isoformat() if due else None) == expected


@pytest.mark.parametrize(
    ("utc", "london_day"),
    [
        ("2024-06-28T22:59:00+00:00", "2024-06-28"),  # 23:59 BST
        ("2024-06-28T23:00:00+00:00", "2024-06-29"),  # midnight BST
        ("2024-12-31T23:30:00+00:00", "2024-12-31"),  # GMT in winter
    ],
)
def test_today_is_the_london_date(utc, london_day):
    assert today_in("Europe/London", dt.datetime.fromisoformat(utc)).isoformat() == london_day


def _evaluate(db, utc: str):
    return evaluate_deadlines(db, CFG, now=dt.datetime.fromisoformat(utc))


def test_deadline_events_from_the_database_in_london_time(db):
    add_run(
        db,
        [check("BOL")],
        [doc("https://bolton.gov.uk/r.pdf", "BOL", visit="2024-03-25", visit_end="2024-03-28")],
    )
    add_run(db, [check("RUS", "no_cpc")])
    assert {e.kind for e in _evaluate(db, "2024-06-28T22:59:00+00:00")} == {"cpc_overdue"}
    late = _evaluate(db, "2024-08-28T23:00:00+00:00")
    assert [(e.kind, e.council_code, e.due_date) for e in late] == [
        ("deadline_missed", "BOL", "2024-08-28")
    ]
    assert "action plan" in late[0].summary
    assert _evaluate(db, "2024-08-29T12:00:00+00:00") == []


def test_cpc_overdue_is_raised_once(db):
    add_run(db, [check("RUS", "no_cpc")])
    first = _evaluate(db, "2026-01-01T12:00:00+00:00")
    assert [(e.kind, e.council_code, e.due_date) for e in first] == [("cpc_overdue", "RUS", None)]
    assert _evaluate(db, "2026-02-01T12:00:00+00:00") == []


def test_a_visit_known_only_from_a_check_still_has_deadlines(db):
    add_run(db, [check("BOL", "cpc_no_report", visit_start="2024-01", visit_end="2024-01")])
    kinds = {e.detail.get("rule") for e in _evaluate(db, "2024-05-01T12:00:00+00:00")}
    assert kinds == {"report"}  # month precision: due 3 months after 31 January
    assert _evaluate(db, "2024-04-30T12:00:00+00:00") == []


def test_unknown_is_never_missing_until_checked_again(db):
    add_run(
        db,
        [check("BOL")],
        [doc("https://bolton.gov.uk/r.pdf", "BOL", visit="2024-03-25", visit_end="2024-03-28")],
    )
    add_run(db, [check("BOL", "unknown")])
    assert _evaluate(db, "2024-09-01T12:00:00+00:00") == []  # action plan due 2024-08-28
    add_run(db, [check("BOL")])
    again = _evaluate(db, "2024-09-02T12:00:00+00:00")
    assert [(e.kind, e.detail["rule"]) for e in again] == [("deadline_missed", "action_plan")]


def test_a_council_unknown_now_is_not_called_cpc_overdue_until_checked_again(db):
    add_run(db, [check("RUS", "no_cpc")])
    add_run(db, [check("RUS", "unknown", reason="site_down")])
    assert _evaluate(db, "2026-01-01T12:00:00+00:00") == []
    add_run(db, [check("RUS", "no_cpc")])
    again = _evaluate(db, "2026-01-02T12:00:00+00:00")
    assert [(e.kind, e.council_code) for e in again] == [("cpc_overdue", "RUS")]


def test_council_deadlines_is_rewritten_with_the_events(db):
    add_run(db, [check("BOL", "cpc_no_report", visit_start="2024-01", visit_end="2024-01")])
    _evaluate(db, "2024-05-01T12:00:00+00:00")
    row = db.execute(
        "SELECT as_of, report_due, report_overdue, action_plan_overdue, deadlines_missed"
        " FROM council_deadlines WHERE council_code = 'BOL'"
    ).fetchone()
    assert row == ("2024-05-01", "2024-04-30", 1, 0, 1)
