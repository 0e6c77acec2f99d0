"""Nothing contradicted: after each of the demo's two cycles, and after a crawl of the fault web,
`peerwatch status`, Datasette's views, the digest (built and printed) and the events tell one
story for every council (`tests/consistency.py` says what is compared)."""

from __future__ import annotations

import pytest
from consistency import problems

from db.connection import open_db
from monitor.demo import run_demo
from monitor.digest import render


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    found: dict[str, list[str]] = {}
    printed: list[str] = []

    def check(name, result, db_path, config):
        assert result.digest is not None
        db = open_db(db_path)
        try:
            text = render(result.digest, "text", on_empty="full") or ""
            found[name] = problems(db, config, result.digest, text)
            found[name + " digest"] = [result.digest]
        finally:
            db.close()

    result = run_demo(tmp_path_factory.mktemp("demo") / "out", echo=printed.append, on_cycle=check)
    return found, "\n".join(printed), result


@pytest.mark.parametrize("cycle", ["first", "second"])
def test_the_demo_never_contradicts_itself(demo, cycle):
    found, _, _ = demo
    assert found[cycle] == []


def test_the_demo_raises_no_false_action_plan_deadline(demo):
    """Issue 10: seven councils were told they had missed an action plan they had published."""
    _, _, result = demo
    db = open_db(result.db_path)
    try:
        # No action plan is called missing on a run where one had already been found (Hyndburn
        # publishes its plan only in the second cycle: missing in the first is true).
        false = db.execute(
            "SELECT e.council_code, e.run_id FROM events e"
            " JOIN document_councils dc ON dc.council_code = e.council_code"
            " JOIN documents d ON d.id = dc.document_id AND d.kind = 'action_plan'"
            " WHERE e.kind = 'deadline_missed' AND json_extract(e.detail, '$.rule') = 'action_plan'"
            " AND d.first_seen_run <= e.run_id"
        ).fetchall()
        assert false == []
        warrington = db.execute(
            "SELECT count(*) FROM events WHERE kind = 'deadline_missed' AND council_code = 'WRT'"
        ).fetchone()[0]
        assert warrington == 0  # its own site was never read: nothing it publishes is missing
        plans = dict(
            db.execute(
                "SELECT council_code, action_plan_overdue FROM council_deadlines"
                " WHERE council_code IN ('ADU', 'BOL', 'CHE', 'FOE', 'HYN', 'KEC', 'WOT')"
            ).fetchall()
        )
        assert plans == dict.fromkeys(("ADU", "BOL", "CHE", "FOE", "HYN", "KEC", "WOT"), 0)
    finally:
        db.close()


def test_the_demo_gives_the_announced_cpc_its_report_deadline(demo):
    """Hyndburn announced its October 2024 CPC but published no report in the first cycle: its
    report deadline passed, then the report appeared late."""
    _, _, result = demo
    db = open_db(result.db_path)
    try:
        kinds = {
            (r[0], r[1])
            for r in db.execute(
                "SELECT run_id, kind || ':' || coalesce(json_extract(detail, '$.rule'), '')"
                " FROM events WHERE council_code = 'HYN'"
            )
        }
        assert (1, "deadline_missed:report") in kinds
        assert (2, "report_late:report") in kinds
    finally:
        db.close()


def test_the_printed_digest_lists_one_council_per_line(demo):
    _, printed, result = demo
    digest = printed.split("6. The second run's digest:", 1)[1]
    section = digest.split("Councils still without a report", 1)[1].split("\n\n", 1)[0]
    lines = [line for line in section.splitlines()[1:] if line.strip()]
    assert len(lines) == len(result.second.digest.without_report) >= 3
    assert all(line.startswith("- ") and line.count("(") >= 1 for line in lines)
