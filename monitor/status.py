"""The current picture per council: latest verdict, when checked, overdue CPC, missed deadlines."""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from db import council_latest
from db.queries import list_councils
from monitor.config import Config
from monitor.deadlines import council_states, deadline_row, today_in

#: Verdict shown for a council no diffable run has checked yet.
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
    now: dt.datetime | None = None,
) -> list[dict]:
    """One row per council: its latest check (unknown included) and deadline flags.

    The due dates and 1/0/None flags are `monitor.deadlines.deadline_row`'s, the values the
    `council_status` view shows from `council_deadlines`."""
    today = today_in(config.deadlines.timezone, now)
    started = dict(db.execute("SELECT id, started_at FROM runs").fetchall())
    latest = {
        code: {**row, "started_at": started.get(row["run_id"])}
        for code, row in council_latest.check_rows(
            db, {code: s.last_run for code, s in council_latest.load(db).items()}
        ).items()
    }
    states = {s.council.code: s for s in council_states(db, config.deadlines, today)}
    rows = []
    for c in list_councils(
        db, current=None if include_abolished else True, type_=type_, region=region
    ):
        check = latest.get(c["code"], {})
        state = states.get(c["code"])
        row = {
            "code": c["code"],
            "name": c["name"],
            "type": c["type"],
            "region": c["region"],
            "verdict": check.get("verdict") or UNCHECKED,
            "last_known_verdict": state.latest_verdict if state else None,
            "checked_at": check.get("started_at"),
            "run_id": check.get("run_id"),
            "reason": check.get("reason"),
            "searched": check.get("searched") or "",
            "coverage_missing": check.get("coverage_missing"),
            "coverage": json.loads(check["coverage"]) if check.get("coverage") else None,
            "report_url": check.get("report_url"),
            "last_cpc": state.visits[-1].start.isoformat() if state and state.visits else None,
            "cpc_overdue": bool(state and state.cpc_overdue),
            "deadlines_missed": [f"{m.rule.name} (due {m.due})" for m in state.missed]
            if state
            else [],
        }
        if state:
            latest_cpc = deadline_row(state, today, config.deadlines)
            row.update({k: latest_cpc[k] for k in LATEST_CPC_FIELDS})
        if verdict is None or row["verdict"] == verdict:
            rows.append(row)
    return rows
