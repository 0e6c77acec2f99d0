"""Which visit a document is about: ONE rule (`db.visit_dates.visits_for`), every date precision
(day, month, year) for every document kind, and the visits evidence of every kind records.

Issue 10: an action plan dated only "October 2024" was stored as 2024-10-01, earlier than the
visit of 29-31 October, so it matched no visit and seven councils were told they had missed an
action plan they had published.
"""

from __future__ import annotations

import datetime as dt

import pytest
from monitor_factory import add_run, check, new_db_file

from db.connection import open_db
from db.register import Council
from db.runs import VISIT_KINDS, FoundDocument
from db.visit_dates import DateSpan, Visit, VisitEvidence, fold_visits, iso_at, visits_for
from monitor.config import DeadlineConfig
from monitor.deadlines import Doc, evaluate_deadlines, late_reports, missed_deadlines
from scraper.classify.records import DocKind, VisitDates

D = dt.date.fromisoformat
CFG = DeadlineConfig(applies_from="2020-01-01")
HYNDBURN = Council(code="HYN", name="Hyndburn Borough Council")
OCTOBER = Visit(D("2024-10-29"), D("2024-10-31"))
LATER = Visit(D("2029-06-04"), D("2029-06-07"))
EVERY_KIND = [k.value for k in DocKind]

#: The same date about the October 2024 visit, written at each precision.
ABOUT_OCTOBER = {"day": "2024-10-30", "month": "2024-10", "year": "2024"}


def test_spans_keep_their_precision():
    assert DateSpan.parse("2024-10-29") == DateSpan(D("2024-10-29"), D("2024-10-29"), "day")
    assert DateSpan.parse("2024-10") == DateSpan(D("2024-10-01"), D("2024-10-31"), "month")
    assert DateSpan.parse("2024") == DateSpan(D("2024-01-01"), D("2024-12-31"), "year")
    assert DateSpan.parse("2024-02") == DateSpan(D("2024-02-01"), D("2024-02-29"), "month")
    for bad in ("", None, "24-10", "2024-13", "2024-10-32", "October 2024", "2024/10"):
        assert DateSpan.parse(bad) is None
    assert DateSpan.between("2024-10-29", "2024-10-31").precision == "day"
    assert DateSpan.between("2024-10", "2024-10") == DateSpan.parse("2024-10")
    assert [iso_at(D("2024-10-29"), p) for p in ("day", "month", "year")] == [
        "2024-10-29",
        "2024-10",
        "2024",
    ]


def test_the_classifier_stores_a_month_only_visit_as_a_month():
    month = VisitDates(D("2024-10-01"), None, "month")
    assert (month.start_iso, month.end_iso) == ("2024-10", "2024-10")
    days = VisitDates(D("2024-10-29"), D("2024-10-31"), "day")
    assert (days.start_iso, days.end_iso) == ("2024-10-29", "2024-10-31")


@pytest.mark.parametrize("kind", EVERY_KIND)
@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_a_dated_document_belongs_to_the_visit_it_is_about(kind, precision):
    stated = DateSpan.parse(ABOUT_OCTOBER[precision])
    assert visits_for(stated, None, [OCTOBER, LATER]) == (OCTOBER,), (kind, precision)
    doc = Doc(kind, stated, seen_on=D("2030-01-01"))
    assert doc.visits([OCTOBER, LATER]) == (OCTOBER,)


@pytest.mark.parametrize("kind", EVERY_KIND)
@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("2025-03-12", (OCTOBER,)),  # a day after the visit: e.g. the plan's approval
        ("2025-03", (OCTOBER,)),  # a month after the visit
        ("2025", (OCTOBER,)),  # a year after the visit
        ("2024-09-30", ()),  # the day before: a notice of the CPC to come
        ("2024-09", ()),
        ("2023", ()),
    ],
)
def test_a_document_dated_outside_a_visit_belongs_to_the_last_visit_before_it(
    kind, stated, expected
):
    assert Doc(kind, DateSpan.parse(stated)).visits([OCTOBER, LATER]) == expected


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_a_vague_date_that_fits_two_visits_counts_for_both(kind):
    spring = Visit(D("2024-03-05"), D("2024-03-08"))
    assert Doc(kind, DateSpan.parse("2024")).visits([spring, OCTOBER]) == (spring, OCTOBER)


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_an_undated_document_belongs_to_the_last_visit_before_it_was_seen(kind):
    assert Doc(kind, seen_on=D("2025-02-01")).visits([OCTOBER, LATER]) == (OCTOBER,)
    assert Doc(kind, seen_on=D("2024-01-01")).visits([OCTOBER, LATER]) == ()
    assert Doc(kind).visits([OCTOBER, LATER]) == (LATER,)


@pytest.mark.parametrize("precision", ["day", "month", "year"])
@pytest.mark.parametrize(
    ("rule", "kind", "today"),
    [
        ("report", "feedback_report", "2025-02-01"),
        ("action_plan", "action_plan", "2025-04-01"),
        ("progress_review", "progress_review", "2025-11-01"),
    ],
)
def test_a_document_found_at_any_precision_meets_its_deadline(rule, kind, today, precision):
    assert {m.rule.name for m in missed_deadlines(HYNDBURN, [OCTOBER], [], D(today), CFG)} >= {rule}
    found = Doc(kind, DateSpan.parse(ABOUT_OCTOBER[precision]), seen_on=D("2030-01-01"))
    missed = missed_deadlines(HYNDBURN, [OCTOBER], [found], D(today), CFG)
    assert rule not in {m.rule.name for m in missed}


@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_visits_at_every_precision(precision):
    visit = fold_visits([VisitEvidence(DateSpan.parse(ABOUT_OCTOBER[precision]), "announcement")])
    (only,) = visit
    assert only.precision == precision
    missed = missed_deadlines(HYNDBURN, [only], [], D("2026-01-01"), CFG)
    if precision == "year":
        assert missed == []  # nothing is due for a visit we cannot date
    else:
        # A month-only visit ends on the month's last day: the deadline is never early.
        due = {m.rule.name: m.due.isoformat() for m in missed}
        assert due["report"] == ("2025-01-30" if precision == "day" else "2025-01-31")


def test_evidence_of_one_visit_folds_into_one_visit_at_the_best_precision():
    evidence = [
        VisitEvidence(DateSpan.parse("2024-10"), "action_plan"),
        VisitEvidence(DateSpan.between("2024-10-29", "2024-10-31"), "announcement"),
        VisitEvidence(DateSpan.parse("2024"), "committee_paper"),
        VisitEvidence(DateSpan.parse("2025-02"), "committee_paper"),  # approval, months later
        VisitEvidence(DateSpan.between("2019-01-15", "2019-01-18"), "feedback_report"),
    ]
    assert fold_visits(evidence) == [
        Visit(D("2019-01-15"), D("2019-01-18")),
        Visit(D("2024-10-29"), D("2024-10-31")),
    ]


def test_a_report_outranks_other_evidence_of_the_same_visit():
    evidence = [
        VisitEvidence(DateSpan.between("2024-10-22", "2024-10-22"), "committee_paper"),
        VisitEvidence(DateSpan.between("2024-10-29", "2024-10-31"), "feedback_report"),
    ]
    assert fold_visits(evidence) == [OCTOBER]


def test_a_late_report_needs_evidence_that_it_was_not_there_before():
    first_seen_late = Doc("feedback_report", DateSpan.parse("2024-10-29"), D("2025-06-01"))
    # peerwatch first looked after the due date: it cannot say the report was late
    assert late_reports([OCTOBER], [first_seen_late], CFG) == []
    missing_then = Doc(
        "feedback_report", DateSpan.parse("2024-10-29"), D("2025-06-01"), missing_on=D("2025-03-01")
    )
    (late,) = late_reports([OCTOBER], [missing_then], CFG)
    assert (late.due, late.seen_on) == (D("2025-01-31"), D("2025-06-01"))
    missing_in_time = Doc(
        "feedback_report", DateSpan.parse("2024-10-29"), D("2025-06-01"), missing_on=D("2025-01-02")
    )
    assert late_reports([OCTOBER], [missing_in_time], CFG) == []


# --- through the database, as the crawler commits runs --------------------------------------


@pytest.fixture
def db(tmp_path):
    database = open_db(new_db_file(tmp_path))
    yield database
    database.close()


def _found(url, code, kind, start, end=None):
    return FoundDocument(
        url=url,
        kind=kind,
        title=f"{kind} {start}",
        source="council",
        council_codes=(code,),
        content_hash=url,
        visit_start=start,
        visit_end=end or start,
    )


def _missed(events):
    return {(e.council_code, e.detail["rule"]) for e in events if e.kind == "deadline_missed"}


def test_a_month_only_action_plan_meets_the_deadline_of_a_visit_on_the_29th(db):
    """The demo's seven false accusations (ADU, BOL, CHE, FOE, HYN, KEC, WOT), in one."""
    add_run(
        db,
        [check("HYN")],
        [
            _found(
                "https://hyn.test/report.pdf", "HYN", "feedback_report", "2024-10-29", "2024-10-31"
            ),
            _found("https://hyn.test/plan.pdf", "HYN", "action_plan", "2024-10"),
        ],
    )
    events = evaluate_deadlines(db, CFG, now=dt.datetime(2025, 4, 2, 12, tzinfo=dt.UTC))
    assert ("HYN", "action_plan") not in _missed(events)
    row = db.execute(
        "SELECT action_plan_url, action_plan_overdue FROM council_deadlines WHERE council_code = 'HYN'"
    ).fetchone()
    assert row == ("https://hyn.test/plan.pdf", 0)


def test_a_council_with_a_dated_announcement_but_no_report_gets_its_report_deadline(db):
    add_run(
        db,
        [check("HYN", "cpc_no_report")],
        [_found("https://hyn.test/news", "HYN", "announcement", "2024-10-29", "2024-10-31")],
    )
    assert evaluate_deadlines(db, CFG, now=dt.datetime(2025, 1, 31, 12, tzinfo=dt.UTC)) == []
    due = db.execute(
        "SELECT last_visit_start, report_due, report_overdue FROM council_deadlines"
        " WHERE council_code = 'HYN'"
    ).fetchone()
    assert due == ("2024-10-29", "2025-01-31", 0)
    events = evaluate_deadlines(db, CFG, now=dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC))
    assert _missed(events) == {("HYN", "report")}
    assert "has not published its feedback report for the CPC of October 2024" in (
        events[0].summary
    )


@pytest.mark.parametrize("kind", VISIT_KINDS)
def test_every_visit_kind_records_a_visit(db, kind):
    add_run(
        db, [check("HYN", "cpc_no_report")], [_found("https://hyn.test/x", "HYN", kind, "2024-10")]
    )
    rows = db.execute("SELECT visit_start, visit_end, precision FROM cpc_visits").fetchall()
    assert rows == [("2024-10", "2024-10", "month")]


@pytest.mark.parametrize("kind", ["progress_review", "pre_challenge_notice"])
def test_a_progress_review_or_a_notice_dates_no_cpc(db, kind):
    """A progress review's date is often its own (about ten months after the CPC); a notice is
    of a CPC still to come. Neither may invent a CPC whose report is then 'missing'."""
    add_run(
        db,
        [check("BOL", "cpc_no_report")],
        [_found("https://bol.test/x", "BOL", kind, "2025-06-03")],
    )
    events = evaluate_deadlines(db, CFG, now=dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
    assert _missed(events) == set()


def test_a_report_known_only_from_the_lga_while_the_site_is_down_accuses_nothing(db):
    """Warrington in the demo: its own site down, its report on the LGA's pages. The action plan
    lives on the council's site, which nobody could read: it is not missing."""
    add_run(
        db,
        [check("WRT", site_ok=False)],
        [_found("https://lga.test/wrt", "WRT", "feedback_report", "2024-03-05", "2024-03-08")],
    )
    events = evaluate_deadlines(db, CFG, now=dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC))
    assert _missed(events) == set()
    row = db.execute(
        "SELECT report_overdue, action_plan_overdue, progress_review_overdue, cpc_overdue"
        " FROM council_deadlines WHERE council_code = 'WRT'"
    ).fetchone()
    assert row == (0, None, None, 0)


def test_a_report_found_after_a_check_that_missed_it_past_its_due_date_is_late(db):
    add_run(
        db,
        [check("HYN", "cpc_no_report")],
        [_found("https://hyn.test/news", "HYN", "announcement", "2024-10-29", "2024-10-31")],
    )
    add_run(
        db,
        [check("HYN")],
        [
            _found(
                "https://hyn.test/report.pdf", "HYN", "feedback_report", "2024-10-29", "2024-10-31"
            )
        ],
    )
    db.execute("UPDATE runs SET started_at = '2025-03-01T06:00:00+00:00' WHERE id = 1")
    db.execute("UPDATE runs SET started_at = '2025-04-01T06:00:00+00:00' WHERE id = 2")
    db.conn.commit()
    events = evaluate_deadlines(db, CFG, now=dt.datetime(2025, 4, 2, 12, tzinfo=dt.UTC))
    late = [e for e in events if e.kind == "report_late"]
    assert [(e.council_code, e.due_date) for e in late] == [("HYN", "2025-01-31")]
    assert ("HYN", "report") not in _missed(events)
    on_time = db.execute(
        "SELECT report_overdue, report_on_time FROM council_deadlines WHERE council_code = 'HYN'"
    ).fetchone()
    assert on_time == (0, 0)


def test_m010_turns_month_coded_days_back_into_months(db):
    """Databases written before issue 10 stored "October 2024" as 2024-10-01 with no end."""
    from db.schema import m010_visit_dates_at_their_precision

    add_run(
        db,
        [check("HYN")],
        [
            _found(
                "https://hyn.test/report.pdf", "HYN", "feedback_report", "2024-10-29", "2024-10-31"
            )
        ],
    )
    db.execute("INSERT INTO documents (id, url, kind, visit_start, first_seen_run) VALUES"
               " ('old', 'https://hyn.test/plan.pdf', 'action_plan', '2024-10-01', 1)")  # fmt: skip
    db.execute("INSERT INTO document_councils (document_id, council_code) VALUES ('old', 'HYN')")
    m010_visit_dates_at_their_precision(db)
    row = db.execute("SELECT visit_start, visit_end FROM documents WHERE id = 'old'").fetchone()
    assert row == ("2024-10", "2024-10")
    kept = db.execute("SELECT visit_start FROM documents WHERE id != 'old'").fetchone()
    assert kept == ("2024-10-29",)
    visits = db.execute(
        "SELECT visit_start, precision FROM cpc_visits WHERE evidence_document_id = 'old'"
    ).fetchall()
    assert visits == [("2024-10", "month")]


def test_a_second_copy_of_a_report_dated_more_precisely_is_not_a_second_publication(db):
    from monitor.diff import diff_pending

    add_run(
        db, [check("HYN")], [_found("https://hyn.test/r.pdf", "HYN", "feedback_report", "2024-10")]
    )
    add_run(
        db,
        [check("HYN")],
        [
            _found("https://hyn.test/r.pdf", "HYN", "feedback_report", "2024-10"),
            _found("https://lga.test/hyn", "HYN", "feedback_report", "2024-10-29", "2024-10-31"),
        ],
    )
    from monitor.config import Config

    new = diff_pending(db, Config().diff)
    kinds = [e.kind for events in new.values() for e in events]
    assert kinds.count("report_published") == 1 and "document_added" in kinds
