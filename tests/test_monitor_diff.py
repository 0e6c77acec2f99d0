"""Every diff rule, as tables: runs landed by db.runs on a real SQLite file, then diffed."""

from __future__ import annotations

import pytest
from monitor_factory import add_run, check, doc

from monitor.config import DiffConfig
from monitor.diff import diff_pending, diff_run, pending_runs
from monitor.rules import COUNCIL_RULES, DOCUMENT_RULES, CouncilFacts, DocumentFacts, raised

A = "https://bolton.gov.uk/cpc/report.pdf"
A2 = "https://www.local.gov.uk/corporate-peer-59"
PLAN = "https://bolton.gov.uk/cpc/action-plan.pdf"
JOINT = "https://midsuffolk.gov.uk/cpc.pdf"


def _kinds(events):
    return {(e.kind, e.council_code) for e in events}


# Each scenario: a list of runs (checks, documents, gone) and the events expected after each.
SCENARIOS = {
    "first report is published": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
    ],
    "a second copy of the same report is only added": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        (
            [check("BOL")],
            [doc(A, "BOL"), doc(A2, "BOL", source="lga")],
            {("document_added", "BOL")},
        ),
    ],
    "two copies found together: one publication": [
        (
            [check("BOL")],
            [doc(A, "BOL"), doc(A2, "BOL", source="lga")],
            {("report_published", "BOL"), ("document_added", "BOL")},
        ),
    ],
    "a report for a new CPC round is published again": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        (
            [check("BOL")],
            [doc(A, "BOL"), doc(A2, "BOL", visit="2029-01-10")],
            {("report_published", "BOL")},
        ),
    ],
    "an action plan is added": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        (
            [check("BOL")],
            [doc(A, "BOL"), doc(PLAN, "BOL", kind="action_plan")],
            {("document_added", "BOL")},
        ),
    ],
    "changed content at the same URL": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("BOL")], [doc(A, "BOL", content="v2")], {("document_changed", "BOL")}),
        ([check("BOL")], [doc(A, "BOL", content="v2")], set()),
    ],
    "removed after two successful checks without it": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("BOL", "cpc_no_report")], [], {("verdict_changed", "BOL")}),
        ([check("BOL", "cpc_no_report")], [], {("document_removed", "BOL")}),
        ([check("BOL", "cpc_no_report")], [], set()),
    ],
    "removed at once on 404": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("BOL", gone=((A, 404),))], [], {("document_removed", "BOL")}),
    ],
    "removed at once on 410": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("BOL", gone=((A, 410),))], [], {("document_removed", "BOL")}),
    ],
    "unknown is never missing, across three runs": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("BOL", "unknown")], [], set()),
        ([check("BOL", "unknown")], [], {("check_failing", "BOL")}),
    ],
    "a 404 on an unknown check removes nothing": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("BOL", "unknown", gone=((A, 404),))], [], set()),
    ],
    "an unknown check neither counts nor resets absence": [
        ([check("BOL")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("BOL")], [], set()),
        ([check("BOL", "unknown")], [], set()),
        ([check("BOL")], [], {("document_removed", "BOL")}),
    ],
    "a site that answers but the LGA did not: an LGA copy is not missing": [
        ([check("BOL")], [doc(A2, "BOL", source="lga")], {("report_published", "BOL")}),
        ([check("BOL", lga_ok=False)], [], set()),
        ([check("BOL", lga_ok=False)], [], set()),
    ],
    "verdict changes": [
        ([check("BOL", "no_cpc")], [], set()),
        ([check("BOL", "cpc_no_report")], [], {("verdict_changed", "BOL")}),
    ],
    "a short outage changes no verdict": [
        ([check("BOL", "no_cpc")], [], set()),
        ([check("BOL", "unknown")], [], set()),
        ([check("BOL", "no_cpc")], [], set()),
    ],
    "failing once per streak, then recovered": [
        ([check("BOL", "unknown")], [], set()),
        ([check("BOL", "unknown")], [], {("check_failing", "BOL")}),
        ([check("BOL", "unknown")], [], set()),
        ([check("BOL", "no_cpc")], [], {("check_recovered", "BOL")}),
        ([check("BOL", "unknown")], [], set()),
        ([check("BOL", "unknown")], [], {("check_failing", "BOL")}),
    ],
    "a council without a check is untouched": [
        ([check("BOL"), check("KHL", "no_cpc")], [doc(A, "BOL")], {("report_published", "BOL")}),
        ([check("KHL", "no_cpc")], [], set()),
        ([check("KHL", "no_cpc")], [], set()),
        ([check("KHL", "no_cpc")], [], set()),
    ],
    "a joint report is published for each council": [
        (
            [check("BAB"), check("MSU")],
            [doc(JOINT, "BAB", "MSU")],
            {("report_published", "BAB"), ("report_published", "MSU")},
        ),
    ],
}


@pytest.mark.parametrize("runs", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_diff_rules(db, runs):
    for number, (checks, documents, expected) in enumerate(runs, 1):
        add_run(db, checks, documents)
        new = diff_pending(db, DiffConfig())
        assert _kinds(sum(new.values(), [])) == expected, f"run {number}"


@pytest.mark.parametrize(("removed_after", "removed_on_run"), [(1, 2), (2, 3), (3, 4)])
def test_removed_after_is_a_setting(db, removed_after, removed_on_run):
    add_run(db, [check("BOL")], [doc(A, "BOL")])
    for run in range(2, 6):
        add_run(db, [check("BOL")], [])
        kinds = {
            e.kind
            for e in sum(diff_pending(db, DiffConfig(removed_after=removed_after)).values(), [])
        }
        assert ("document_removed" in kinds) == (run == removed_on_run)


def test_only_complete_and_partial_runs_are_diffed_in_order_once(db):
    first = add_run(db, [check("BOL")], [doc(A, "BOL")])
    failed = add_run(db, [check("BOL")], [], status="failed")
    partial = add_run(db, [check("BOL", "unknown")], [], status="partial")
    assert pending_runs(db) == [first, partial]
    assert list(diff_pending(db, DiffConfig())) == [first, partial]
    assert pending_runs(db) == []
    assert db.table("runs").get(failed)["diffed_at"] is None
    assert diff_pending(db, DiffConfig()) == {}


def test_rediffing_a_run_adds_nothing(db):
    add_run(db, [check("BOL")], [doc(A, "BOL")])
    run = add_run(db, [check("BOL", gone=((A, 404),))], [])
    diff_pending(db, DiffConfig())
    count = db.table("events").count
    assert diff_run(db, run, DiffConfig()) == []
    assert db.table("events").count == count


def test_events_carry_council_document_and_run(db):
    run = add_run(
        db, [check("BOL")], [doc(A, "BOL", title="LGA Corporate Peer Challenge - Bolton Council")]
    )
    (event,) = diff_pending(db, DiffConfig())[run]
    row = next(db.table("events").rows_where("key = ?", [event.key]))
    assert row["council_code"] == "BOL" and row["run_id"] == run and row["document_id"]
    assert "Bolton" in row["summary"] and "LGA Corporate Peer Challenge" in row["summary"]


def test_removed_document_is_marked(db):
    add_run(db, [check("BOL")], [doc(A, "BOL")])
    run = add_run(db, [check("BOL", gone=((A, 410),))], [])
    diff_pending(db, DiffConfig())
    assert next(db.table("documents").rows)["removed_run"] == run


DOC = dict(
    run_id=5,
    council_code="BOL",
    council_name="Bolton",
    document_id="d",
    kind="feedback_report",
    title="t",
    url="https://x",
    visit_start="2024-03-25",
    last_seen_run=5,
)
DOCUMENT_TABLE = [
    ({"is_new": True, "first_report_for_visit": True}, {"report_published"}),
    ({"is_new": True, "first_report_for_visit": False}, {"document_added"}),
    ({"is_new": True, "kind": "action_plan"}, {"document_added"}),
    ({"changed": True}, {"document_changed"}),
    ({"absent_checks": 1, "last_seen_run": 4}, set()),
    ({"absent_checks": 2, "last_seen_run": 3}, {"document_removed"}),
    ({"absent_checks": 2, "last_seen_run": 3, "check_known": False}, set()),
    ({"gone_status": 404, "last_seen_run": 4}, {"document_removed"}),
    ({"gone_status": 410, "last_seen_run": 4}, {"document_removed"}),
    ({"gone_status": 500, "last_seen_run": 4}, set()),
    ({"gone_status": 404, "check_known": False}, set()),
]


@pytest.mark.parametrize(("facts", "expected"), DOCUMENT_TABLE)
def test_document_rule_table(facts, expected):
    f = DocumentFacts(**{**DOC, **facts})
    assert {r.kind for r in raised(DOCUMENT_RULES, f, DiffConfig())} == expected


COUNCIL_TABLE = [
    ({"verdict": "published", "previous_verdict": None}, set()),
    ({"verdict": "published", "previous_verdict": "published"}, set()),
    ({"verdict": "published", "previous_verdict": "cpc_no_report"}, {"verdict_changed"}),
    ({"verdict": "unknown", "previous_verdict": "published", "unknown_streak": 1}, set()),
    ({"verdict": "unknown", "unknown_streak": 2, "streak_start_run": 4}, {"check_failing"}),
    ({"verdict": "no_cpc", "unknown_streak_before": 1, "previous_verdict": "no_cpc"}, set()),
    (
        {"verdict": "no_cpc", "unknown_streak_before": 2, "previous_verdict": "no_cpc"},
        {"check_recovered"},
    ),
    (
        {"verdict": "published", "unknown_streak_before": 3, "previous_verdict": "no_cpc"},
        {"check_recovered", "verdict_changed"},
    ),
]


@pytest.mark.parametrize(("facts", "expected"), COUNCIL_TABLE)
def test_council_rule_table(facts, expected):
    f = CouncilFacts(run_id=5, council_code="BOL", council_name="Bolton", **facts)
    assert {r.kind for r in raised(COUNCIL_RULES, f, DiffConfig())} == expected
