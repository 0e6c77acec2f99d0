"""LGA publication deadlines and the five-yearly CPC expectation (domain notes 1.1).

From each CPC visit's last day: the feedback report is due after `report_months`, the action
plan at the latest after `action_plan_months`, the progress review after
`progress_review_months` (rules in `monitor.rules.DEADLINE_RULES`). A due date that has passed
without the document raises `deadline_missed`. A council that exists today, has been checked,
and has no CPC found within `cpc_every_years` raises `cpc_overdue`.

Abolished councils are expected nothing on or after the day they ceased to exist; a council
created by a reorganisation (it has predecessors) starts its own five-year clock on its start
date. "Today" is the date in `deadlines.timezone` (Europe/London), from an injectable clock.

Documents are matched to visits by date: a document belongs to the latest visit starting on
or before its own visit date or, if it states none, the date it was first seen.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlite_utils import Database

from db.register import Council, council_from_db_row
from monitor.config import DeadlineConfig
from monitor.events import Event, record
from monitor.rules import DEADLINE_RULES, DeadlineRule


@dataclass(frozen=True)
class Visit:
    start: dt.date
    last_day: dt.date


@dataclass(frozen=True)
class Doc:
    kind: str
    visit_start: dt.date | None = None
    #: When peerwatch first saw it; dates a document that states no visit.
    seen_on: dt.date | None = None


@dataclass(frozen=True)
class Missed:
    rule: DeadlineRule
    visit: Visit
    due: dt.date


def today_in(tz: str, now: dt.datetime | None = None) -> dt.date:
    """The calendar date in `tz` at `now` (default: the real now)."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return now.astimezone(ZoneInfo(tz)).date()


def parse_day(value: str | None, *, last: bool = False) -> dt.date | None:
    """A YYYY-MM-DD or YYYY-MM date; a bare month means its last day when `last`."""
    if not value:
        return None
    value = value.strip()
    try:
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def missed_deadlines(
    council: Council, visits: list[Visit], docs: list[Doc], today: dt.date, cfg: DeadlineConfig
) -> list[Missed]:
    """Deadlines of `council` that passed before `today` without the document."""
    applies_from = dt.date.fromisoformat(cfg.applies_from)
    visits = sorted(visits, key=lambda v: v.start)
    gone = council.gone_from()
    found: dict[Visit, set[str]] = {v: set() for v in visits}
    for doc in docs:
        visit = _visit_for(doc, visits)
        if visit is not None:
            found[visit].add(doc.kind)
    out = []
    for visit in visits:
        if visit.last_day < applies_from:
            continue
        for rule in DEADLINE_RULES:
            due = visit.last_day + relativedelta(months=rule.months(cfg))
            if (
                today > due
                and (gone is None or due < gone)
                and rule.document_kind not in found[visit]
            ):
                out.append(Missed(rule, visit, due))
    return out


def _visit_for(doc: Doc, visits: list[Visit]) -> Visit | None:
    day = doc.visit_start or doc.seen_on
    if not visits:
        return None
    if day is None:
        return visits[-1]
    earlier = [v for v in visits if v.start <= day]
    return earlier[-1] if earlier else None


def cpc_due(
    council: Council,
    visits: list[Visit],
    cfg: DeadlineConfig,
    *,
    reorganised: bool,
) -> dt.date | None:
    """When the next CPC is due: five years after the last visit (or, for a council created by
    a reorganisation, after its start). None means no CPC was ever found: due already."""
    starts = [v.last_day for v in visits]
    if reorganised and council.start_date:
        starts.append(dt.date.fromisoformat(council.start_date))
    if not starts:
        return None
    return max(starts) + relativedelta(years=cfg.cpc_every_years)


def is_cpc_overdue(
    council: Council,
    visits: list[Visit],
    today: dt.date,
    cfg: DeadlineConfig,
    *,
    reorganised: bool,
    latest_verdict: str | None,
) -> tuple[bool, dt.date | None]:
    """(overdue?, due date) for a council that exists today and has a known verdict.

    A council whose report was found but carries no visit date is not flagged: we cannot tell.
    """
    gone = council.gone_from()
    if latest_verdict in (None, "unknown") or (gone is not None and today >= gone):
        return False, None
    due = cpc_due(council, visits, cfg, reorganised=reorganised)
    if due is None:
        return latest_verdict == "no_cpc", None
    return today > due, due


def evaluate_deadlines(
    db: Database, cfg: DeadlineConfig, *, now: dt.datetime | None = None, run_id: int | None = None
) -> list[Event]:
    """Record `deadline_missed` and `cpc_overdue` events as of today; the new ones."""
    today = today_in(cfg.timezone, now)
    occurred = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    new: list[Event] = []
    with db.atomic():
        for state in council_states(db, cfg, today):
            c = state.council
            for m in state.missed:
                new += _record(
                    db,
                    Event(
                        key=f"deadline_missed:{c.code}:{m.visit.start}:{m.rule.name}",
                        kind="deadline_missed",
                        council_code=c.code,
                        summary=f"{c.name}: {m.rule.label} for the CPC of {m.visit.start:%B %Y} "
                        f"was due by {m.due:%-d %B %Y} and has not been found",
                        run_id=run_id,
                        occurred_at=occurred,
                        due_date=m.due.isoformat(),
                        detail={
                            "rule": m.rule.name,
                            "visit_start": m.visit.start.isoformat(),
                            "visit_last_day": m.visit.last_day.isoformat(),
                        },
                    ),
                )
            if state.cpc_overdue:
                due = state.cpc_due.isoformat() if state.cpc_due else None
                never = "no CPC has been found"
                new += _record(
                    db,
                    Event(
                        key=f"cpc_overdue:{c.code}:{due or 'never'}",
                        kind="cpc_overdue",
                        council_code=c.code,
                        summary=f"{c.name}: no CPC in the last {cfg.cpc_every_years} years "
                        f"({'next one was due by ' + due if due else never})",
                        run_id=run_id,
                        occurred_at=occurred,
                        due_date=due,
                    ),
                )
    return new


def _record(db: Database, event: Event) -> list[Event]:
    return [event] if record(db, event) else []


@dataclass(frozen=True)
class CouncilState:
    council: Council
    latest_verdict: str | None
    visits: tuple[Visit, ...]
    missed: tuple[Missed, ...]
    cpc_overdue: bool
    cpc_due: dt.date | None


def council_states(db: Database, cfg: DeadlineConfig, today: dt.date) -> list[CouncilState]:
    """Every council's deadline picture as of `today`."""
    councils = [council_from_db_row(r) for r in db.query("SELECT * FROM councils ORDER BY code")]
    reorganised = {
        r["successor_code"] for r in db.query("SELECT successor_code FROM council_successors")
    }
    verdicts = latest_known_checks(db)
    visits = _visits(db, verdicts)
    docs: dict[str, list[Doc]] = {}
    for r in db.query(
        "SELECT dc.council_code, d.kind, d.visit_start FROM documents d"
        " JOIN document_councils dc ON dc.document_id = d.id WHERE d.removed_run IS NULL"
    ):
        docs.setdefault(r["council_code"], []).append(
            Doc(r["kind"] or "", parse_day(r["visit_start"]))
        )
    out = []
    for c in councils:
        vs = visits.get(c.code, [])
        latest = verdicts.get(c.code, {}).get("verdict")
        overdue, due = is_cpc_overdue(
            c, vs, today, cfg, reorganised=c.code in reorganised, latest_verdict=latest
        )
        out.append(
            CouncilState(
                council=c,
                latest_verdict=latest,
                visits=tuple(vs),
                missed=tuple(missed_deadlines(c, vs, docs.get(c.code, []), today, cfg)),
                cpc_overdue=overdue,
                cpc_due=due,
            )
        )
    return out


def latest_known_checks(db: Database) -> dict[str, dict]:
    """Each council's latest check with a verdict other than `unknown`, on a diffable run."""
    rows = db.query(
        "SELECT c.* FROM checks c JOIN runs r ON r.id = c.run_id"
        " WHERE r.status IN ('complete', 'partial') AND c.verdict != 'unknown'"
        " ORDER BY c.run_id"
    )
    return {r["council_code"]: r for r in rows}


def _visits(db: Database, checks: dict[str, dict]) -> dict[str, list[Visit]]:
    """CPC visits per council: from `cpc_visits` (progress-review visits excluded, they are not
    CPCs) and from the latest check's visit dates (a CPC whose report is not found)."""
    out: dict[str, dict[dt.date, Visit]] = {}

    def add(code: str, start: str | None, end: str | None, precision: str | None) -> None:
        first = parse_day(start)
        month_only = precision == "month" or len((end or start or "").strip()) == 7
        last = parse_day(end or start, last=True)
        if first is None or last is None:
            return
        if month_only:
            last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
        out.setdefault(code, {})[first] = Visit(first, last)

    for r in db.query(
        "SELECT v.council_code, v.visit_start, v.visit_end, v.precision FROM cpc_visits v"
        " LEFT JOIN documents d ON d.id = v.evidence_document_id"
        " WHERE coalesce(d.kind, '') != 'progress_review'"
    ):
        add(r["council_code"], r["visit_start"], r["visit_end"], r["precision"])
    for code, check in checks.items():
        if check.get("visit_start"):
            add(code, check["visit_start"], check.get("visit_end"), None)
    return {code: sorted(v.values(), key=lambda x: x.start) for code, v in out.items()}
