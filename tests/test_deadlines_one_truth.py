"""One truth for deadlines: Datasette's `council_status`, `peerwatch status` and the events agree.

Councils in different states are crawled (two runs), `evaluate_deadlines` runs once, then the
view's due dates and overdue flags are compared, council by council, with
`monitor.status.council_status`, with `missed_deadlines` and with the events recorded.
"""

from __future__ import annotations

import datetime as dt

import pytest
from monitor_factory import add_run, check, doc, new_db_file

from db.connection import open_db
from monitor.config import Config
from monitor.deadlines import council_states, evaluate_deadlines, missed_deadlines, today_in
from monitor.status import council_status

NOW = dt.datetime(2025, 6, 15, 12, 0, tzinfo=dt.UTC)
CONFIG = Config()
RULES = ("report", "action_plan", "progress_review")
FLAGS = tuple(f"{rule}_overdue" for rule in RULES) + ("cpc_overdue",)

#: code -> (report, action plan, progress review, CPC) overdue flags expected on NOW.
EXPECTED = {
    # report and action plan found; the progress review was due 2025-03-28
    "BOL": (0, 0, 1, 0),
    # CPC ended 30 November 2024, nothing found: report and action plan missed, review not due
    "NNT": (1, 1, 0, 0),
    # never had a CPC
    "ADU": (None, None, None, 1),
    # report known, site unreachable now: what is not found cannot be called missing
    "HAS": (0, None, None, 0),
    # never checked successfully
    "BUC": (None, None, None, None),
    # a report for 2016 only; the 2024 CPC has none
    "KEC": (1, 1, 0, 0),
    # a CPC before the rules applied (2023-04-01): report found, the rest not judged
    "BAB": (0, None, None, 0),
    # abolished in 2021, never checked
    "DAV": (None, None, None, None),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = open_db(new_db_file(tmp_path_factory.mktemp("one-truth")))
    first = [
        check("BOL"),
        check("NNT", "cpc_no_report", visit_start="2024-11-26", visit_end="2024-11-30"),
        check("ADU", "no_cpc"),
        check("HAS"),
        check("BUC", "unknown"),
        check("KEC", "cpc_no_report", visit_start="2024-10-07", visit_end="2024-10-10"),
        check("BAB"),
    ]
    documents = [
        doc("https://bolton.gov.uk/cpc.pdf", "BOL", visit="2024-03-25", visit_end="2024-03-28"),
        doc("https://bolton.gov.uk/plan.pdf", "BOL", kind="action_plan"),
        doc("https://hastings.gov.uk/cpc.pdf", "HAS", visit="2024-01-15", visit_end="2024-01-18"),
        doc("https://rbkc.gov.uk/cpc-2016.pdf", "KEC", visit="2016-03-08", visit_end="2016-03-11"),
        doc("https://babergh.gov.uk/cpc.pdf", "BAB", visit="2023-02", visit_end="2023-02"),
    ]
    add_run(database, first, documents)
    second = [c for c in first if c.council_code != "HAS"] + [check("HAS", "unknown")]
    add_run(database, second, documents)
    for run_id, day in ((1, "2024-05-01"), (2, "2025-06-09")):
        database.execute(
            "UPDATE runs SET started_at = ? WHERE id = ?", [f"{day}T06:00:00+00:00", run_id]
        )
    database.conn.commit()
    events = evaluate_deadlines(database, CONFIG.deadlines, now=NOW)
    yield database, events
    database.close()


def _view(database) -> dict[str, dict]:
    return {r["code"]: r for r in database.query("SELECT * FROM council_status")}


def test_the_view_shows_the_expected_flags(db):
    view = _view(db[0])
    assert {code: tuple(view[code][f] for f in FLAGS) for code in EXPECTED} == EXPECTED
    assert view["NNT"]["deadlines_as_of"] == "2025-06-15"
    assert (view["NNT"]["report_due"], view["NNT"]["action_plan_latest"]) == (
        "2025-02-28",
        "2025-04-30",
    )


def test_the_view_equals_peerwatch_status(db):
    view = _view(db[0])
    status = council_status(db[0], CONFIG, include_abolished=True)
    assert len(status) == len(view)
    for row in status:
        seen = view[row["code"]]
        for field in (
            "report_due",
            "action_plan_latest",
            "progress_review_due",
            "next_cpc_due",
            "report_overdue",
            "action_plan_overdue",
            "progress_review_overdue",
        ):
            assert seen[field] == row[field], (row["code"], field)
        assert (seen["cpc_overdue"] == 1) == row["cpc_overdue"], row["code"]
        assert seen["last_visit_start"] == row["last_cpc"], row["code"]


def test_the_views_flags_are_missed_deadlines_of_the_last_cpc(db):
    database, _ = db
    view = _view(database)
    today = today_in(CONFIG.deadlines.timezone, NOW)
    for state in council_states(database, CONFIG.deadlines, today):
        code = state.council.code
        last = state.visits[-1] if state.visits else None
        missed = (
            missed_deadlines(
                state.council, list(state.visits), list(state.docs), today, CONFIG.deadlines
            )
            if state.searched_now
            else []
        )
        flagged = {rule for rule in RULES if view[code][f"{rule}_overdue"] == 1}
        assert flagged == {m.rule.name for m in missed if m.visit == last}, code
        assert (view[code]["cpc_overdue"] == 1) == state.cpc_overdue, code


def test_the_events_say_what_the_view_flags(db):
    database, events = db
    view = _view(database)
    raised = {
        (e.council_code, e.detail["rule"], e.detail["visit_start"])
        for e in events
        if e.kind == "deadline_missed"
    }
    flagged = {
        (code, rule, row["last_visit_start"])
        for code, row in view.items()
        for rule in RULES
        if row[f"{rule}_overdue"] == 1
    }
    assert flagged == raised  # every missed deadline here belongs to a council's last CPC
    assert {e.council_code for e in events if e.kind == "cpc_overdue"} == {
        code for code, row in view.items() if row["cpc_overdue"] == 1
    }


def test_re_evaluating_rewrites_the_table_in_step(db):
    database, _ = db
    later = NOW + dt.timedelta(days=200)  # NNT's progress review (30 November) is now missed
    new = evaluate_deadlines(database, CONFIG.deadlines, now=later)
    assert [(e.council_code, e.detail["rule"]) for e in new if e.kind == "deadline_missed"] == [
        ("KEC", "progress_review"),
        ("NNT", "progress_review"),
    ]
    view = _view(database)
    assert (view["NNT"]["progress_review_overdue"], view["NNT"]["deadlines_as_of"]) == (
        1,
        "2026-01-01",
    )
    assert database.execute("SELECT count(*) FROM council_deadlines").fetchone()[0] == len(view)
