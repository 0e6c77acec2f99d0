"""The current picture per council: latest verdict, when checked, overdue CPC, missed deadlines.

It reads the `council_status` view (the latest check joined with `council_deadlines`, which
`monitor.deadlines` writes after every diff; the missed deadlines as `monitor.deadlines.missed_in`
reads them there), the `councils_without_report` view, and each council's latest check from
the fold of its history (`db.council_latest`), so `peerwatch status`, Datasette, the digest and
the events say the same thing.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from db import council_latest
from db.queries import list_councils
from db.without_report import codes_without_report
from monitor.config import Config
from monitor.deadlines import missed_in
from monitor.words import coverage_words, reason_words, verdict_words

#: Verdict shown for a council no counted run has checked yet.
UNCHECKED = "unchecked"
#: Deadline fields of the last CPC, as `council_status` in Datasette shows them.
LATEST_CPC_FIELDS = (
    "report_due",
    "action_plan_latest",
    "progress_review_due",
    "next_cpc_due",
    "report_overdue",
    "action_plan_overdue",
    "progress_review_overdue",
)


def council_status(
    db: Database,
    config: Config,
    *,
    verdict: str | None = None,
    type_: str | None = None,
    region: str | None = None,
    include_abolished: bool = False,
) -> list[dict]:
    """One row per council: its latest check (unknown included) and deadline flags as of the
    last deadline evaluation (`deadlines_as_of`)."""
    view = {r["code"]: r for r in db.query("SELECT * FROM council_status")}
    latest_checks = council_latest.latest_checks(db)
    without = codes_without_report(db)
    rows = []
    for c in list_councils(
        db, current=None if include_abolished else True, type_=type_, region=region
    ):
        v = view.get(c["code"], {})
        check = latest_checks.get(c["code"], {})
        row = {
            "code": c["code"],
            "name": c["name"],
            "type": c["type"],
            "region": c["region"],
            "verdict": v.get("verdict") or UNCHECKED,
            "verdict_words": verdict_words(v.get("verdict")),
            "last_known_verdict": v.get("last_known_verdict"),
            "checked_at": v.get("last_checked"),
            "run_id": check.get("run_id"),
            "reason": v.get("reason"),
            "reason_words": reason_words(v["reason"]) if v.get("reason") else "",
            "coverage": coverage_words(check) if check else "",
            "coverage_missing": check.get("coverage_missing") if check else None,
            "coverage_record": json.loads(check["coverage"]) if check.get("coverage") else None,
            "report_url": v.get("report_url"),
            "last_cpc": v.get("last_visit_start"),
            "cpc_overdue": v.get("cpc_overdue") == 1,
            "deadlines_missed": [f"{rule.label} (due {due})" for rule, due in missed_in(v)],
            "without_report": c["code"] in without,
            "deadlines_as_of": v.get("deadlines_as_of"),
        }
        row.update({k: v.get(k) for k in LATEST_CPC_FIELDS})
        if verdict is None or row["verdict"] == verdict:
            rows.append(row)
    return rows
