"""LGA publication deadlines and the five-yearly CPC expectation (domain notes 1.1).

From each CPC visit's last day: the feedback report is due after `report_months`, the action
plan at the latest after `action_plan_months`, the progress review after
`progress_review_months` (rules in `monitor.rules.DEADLINE_RULES`). A due date that has passed
without the document raises `deadline_missed`. A council that exists today, has been checked,
and has no CPC found within `cpc_every_years` raises `cpc_overdue`.

Abolished councils are expected nothing on or after the day they ceased to exist; a council
created by a reorganisation (it has predecessors) starts its own five-year clock on its start
date. "Today" is the date in `deadlines.timezone` (Europe/London), from an injectable clock.

Visits come from every piece of evidence that dates one (the report, an action plan, an
announcement, committee papers, the LGA's page), folded into distinct visits, and documents are
matched to visits by ONE rule (`db.visit_dates.visits_for`), both at the precision the date was
written (day, month or year). A visit known only to its year has nothing due.

Only evidence accuses: while a council's latest check is `unknown`, or could not read its own
site (a report known from the LGA alone), or it was never checked, no deadline of it counts as
missed; the key of a `deadline_missed` event is stable, so it is raised once the site is
searched again and the document is still not found. A report first found after its due date is
`report_late` only when a check that looked everywhere after the due date had not found it.

`evaluate_deadlines` also (re)writes the `council_deadlines` table, one row per council with
its latest CPC's due dates and overdue flags (`deadline_row`), in the same transaction as the
events and from the same `CouncilState`s, so the Datasette views (which read that table), the
events, `peerwatch status` and the digest cannot disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlite_utils import Database

from db import council_latest
from db.register import Council, council_from_db_row
from db.runs import CPC_VISIT_KINDS
from db.visit_dates import DateSpan, Visit, VisitEvidence, fold_visits, visits_for
from monitor.config import DeadlineConfig
from monitor.events import Event, make_event, record
from monitor.rules import DEADLINE_RULES, DeadlineRule


@dataclass(frozen=True)
class Doc:
    """A CPC document of one council, as the deadline rules see it."""

    kind: str
    #: The visit date it states, at its precision (a plain date means that day).
    stated: DateSpan | dt.date | None = None
    #: When peerwatch first saw it; dates a document that states no visit.
    seen_on: dt.date | None = None
    url: str | None = None
    #: The last day a check that looked everywhere (site and LGA) did not find it, before its
    #: first sighting: a report first found after its due date was late only if so.
    missing_on: dt.date | None = None

    def __post_init__(self) -> None:
        if isinstance(self.stated, dt.date):
            object.__setattr__(self, "stated", DateSpan(self.stated, self.stated, "day"))

    @property
    def span(self) -> DateSpan | None:
        return self.stated if isinstance(self.stated, DateSpan) else None

    def visits(self, visits: Sequence[Visit]) -> tuple[Visit, ...]:
        """The visits this document is about: `db.visit_dates.visits_for`, the one rule."""
        return visits_for(self.span, self.seen_on, visits)


@dataclass(frozen=True)
class Missed:
    rule: DeadlineRule
    visit: Visit
    due: dt.date


@dataclass(frozen=True)
class Late:
    """A feedback report found after its due date, with evidence that it was not there before."""

    visit: Visit
    due: dt.date
    seen_on: dt.date
    url: str | None


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


def due_date(visit: Visit, rule: DeadlineRule, cfg: DeadlineConfig) -> dt.date | None:
    """`rule`'s due date for `visit` (month ends clamp: 30 November + 3 months = 28 February);
    None for a visit known only to its year: nothing is due for a visit we cannot date."""
    if not visit.datable:
        return None
    return visit.last_day + relativedelta(months=rule.months(cfg))


def is_held(visit: Visit, cfg: DeadlineConfig) -> bool:
    """Whether the publication deadlines apply to this visit at all (`applies_from`)."""
    return visit.last_day >= dt.date.fromisoformat(cfg.applies_from)


def has_passed(due: dt.date, council: Council, today: dt.date) -> bool:
    """`due` is behind us and fell while the council still existed."""
    gone = council.gone_from()
    return today > due and (gone is None or due < gone)


def missed_deadlines(
    council: Council, visits: list[Visit], docs: list[Doc], today: dt.date, cfg: DeadlineConfig
) -> list[Missed]:
    """Deadlines of `council` that passed before `today` without the document."""
    visits = sorted(visits, key=lambda v: v.start)
    found = _found_kinds(visits, docs)
    out = []
    for visit in visits:
        if not is_held(visit, cfg):
            continue
        for rule in DEADLINE_RULES:
            due = due_date(visit, rule, cfg)
            if due is None:
                continue
            if has_passed(due, council, today) and rule.document_kind not in found[visit]:
                out.append(Missed(rule, visit, due))
    return out


def _found_kinds(visits: Sequence[Visit], docs: Iterable[Doc]) -> dict[Visit, set[str]]:
    found: dict[Visit, set[str]] = {v: set() for v in visits}
    for doc in docs:
        for visit in doc.visits(visits):
            found[visit].add(doc.kind)
    return found


REPORT_RULE = DEADLINE_RULES[0]


def late_reports(visits: list[Visit], docs: list[Doc], cfg: DeadlineConfig) -> list[Late]:
    """Visits whose feedback report was first found after its due date: a check that looked
    everywhere after the due date did not find it (peerwatch first watching after the due
    date proves nothing), or the report is itself dated after the due date."""
    out = []
    for visit in sorted(visits, key=lambda v: v.start):
        due = due_date(visit, REPORT_RULE, cfg)
        if due is None or not is_held(visit, cfg):
            continue
        reports = [d for d in docs if d.kind == "feedback_report" and visit in d.visits(visits)]
        if not reports:
            continue
        first = min(reports, key=lambda d: d.seen_on or dt.date.max)
        if any(d.seen_on is None or d.seen_on <= due for d in reports):
            continue  # some copy was there in time (or when it appeared is unknown)
        missing_late = first.missing_on is not None and first.missing_on > due
        dated_late = first.span is not None and first.span.first > due
        if missing_late or dated_late:
            out.append(Late(visit, due, first.seen_on, first.url))  # type: ignore[arg-type]
    return out


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
    """Record `deadline_missed`, `report_late` and `cpc_overdue` events as of today and rewrite
    `council_deadlines`, in one transaction; the new events."""
    today = today_in(cfg.timezone, now)
    occurred = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    new: list[Event] = []
    with db.atomic():
        states = council_states(db, cfg, today)
        _write_council_deadlines(db, states, today, cfg, occurred)
        for state in states:
            for event in deadline_events(state, cfg, run_id=run_id, occurred=occurred):
                if record(db, event):
                    new.append(event)
    return new


#: What one deadline rule finds in a council's state: (facts, due date, detail) per event.
Found = Iterable[tuple[dict, str | None, dict | None]]


def _missed(state: CouncilState, cfg: DeadlineConfig) -> Found:
    for m in state.missed:
        facts = _visit_facts(state.council, m.visit, m.due)
        facts |= {"rule": m.rule.name, "rule_label": m.rule.label}
        detail = {
            "rule": m.rule.name,
            "document_kind": m.rule.document_kind,
            "visit_start": m.visit.start_iso,
            "visit_last_day": m.visit.last_day.isoformat(),
        }
        yield facts, m.due.isoformat(), detail


def _late(state: CouncilState, cfg: DeadlineConfig) -> Found:
    for late in state.late:
        facts = _visit_facts(state.council, late.visit, late.due)
        facts |= {"seen_long": _long(late.seen_on)}
        detail = {
            "rule": REPORT_RULE.name,
            "document_kind": REPORT_RULE.document_kind,
            "visit_start": late.visit.start_iso,
            "first_seen": late.seen_on.isoformat(),
            "url": late.url,
        }
        yield facts, late.due.isoformat(), detail


def _cpc_overdue(state: CouncilState, cfg: DeadlineConfig) -> Found:
    if state.cpc_overdue:
        due = state.cpc_due.isoformat() if state.cpc_due else None
        facts = {
            "council_code": state.council.code,
            "council_name": state.council.name,
            "years": cfg.cpc_every_years,
            "due_key": due or "never",
            "due_words": f"the next one was due by {_long(state.cpc_due)}"
            if state.cpc_due
            else "no CPC has been found",
        }
        yield facts, due, None


#: The event kinds the deadline side raises, each with what raises it from a council's state
#: (the diff's kinds are raised by `monitor.rules.DOCUMENT_RULES` / `COUNCIL_RULES`). A new
#: deadline kind is a row here plus its row in `monitor.events.KINDS`.
DEADLINE_EVENT_RULES: tuple[tuple[str, Callable[[CouncilState, DeadlineConfig], Found]], ...] = (
    ("deadline_missed", _missed),
    ("report_late", _late),
    ("cpc_overdue", _cpc_overdue),
)


def deadline_events(
    state: CouncilState, cfg: DeadlineConfig, *, run_id: int | None, occurred: str
) -> list[Event]:
    """The events `state` calls for, built through the kinds table (`monitor.events`)."""
    return [
        make_event(
            kind,
            facts,
            council_code=state.council.code,
            run_id=run_id,
            occurred_at=occurred,
            due_date=due,
            detail=detail,
        )
        for kind, find in DEADLINE_EVENT_RULES
        for facts, due, detail in find(state, cfg)
    ]


def _visit_facts(council: Council, visit: Visit, due: dt.date) -> dict:
    return {
        "council_code": council.code,
        "council_name": council.name,
        "visit_start": visit.start_iso,
        "visit_month": f"{visit.start:%B %Y}"
        if visit.precision != "year"
        else str(visit.start.year),
        "due_long": _long(due),
    }


def _long(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def refresh_council_deadlines(
    db: Database, cfg: DeadlineConfig, *, now: dt.datetime | None = None
) -> None:
    """Rewrite `council_deadlines` as of today without recording events (a database whose
    events were written some other way)."""
    today = today_in(cfg.timezone, now)
    occurred = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    with db.atomic():
        _write_council_deadlines(db, council_states(db, cfg, today), today, cfg, occurred)


def _write_council_deadlines(
    db: Database, states: list[CouncilState], today: dt.date, cfg: DeadlineConfig, at: str
) -> None:
    db.execute("DELETE FROM council_deadlines")
    db.table("council_deadlines").insert_all(
        {**deadline_row(s, today, cfg), "as_of": today.isoformat(), "evaluated_at": at}
        for s in states
    )


def deadline_row(state: CouncilState, today: dt.date, cfg: DeadlineConfig) -> dict:
    """`state`'s latest CPC as `council_deadlines` holds it: its documents, due dates, and flags
    that are 1 (missed: exactly `state.missed`), 0 (found, or not due), or None (cannot be said:
    no visit known, a visit known only to its year or before `applies_from`, or the council's
    site cannot be searched now)."""
    c = state.council
    visits = list(state.visits)
    last = visits[-1] if visits else None
    # With no visit known, every document is shown (the verdict may rest on an undated report).
    docs = [d for d in state.docs if last is None or last in d.visits(visits)]
    picked = {rule.document_kind: _newest(docs, rule.document_kind) for rule in DEADLINE_RULES}
    row: dict = {
        "council_code": c.code,
        "last_visit_start": last.start_iso if last else None,
        "last_visit_end": last.last_day.isoformat() if last else None,
        "visits_known": len(visits),
        "report_url": _url(picked["feedback_report"]),
        "report_first_seen": _iso(picked["feedback_report"] and picked["feedback_report"].seen_on),
        "action_plan_url": _url(picked["action_plan"]),
        "progress_review_url": _url(picked["progress_review"]),
        "deadlines_missed": len(state.missed),
    }
    missed = {(m.visit, m.rule.name) for m in state.missed}
    for rule in DEADLINE_RULES:
        due = due_date(last, rule, cfg) if last else None
        row[due_column(rule)] = _iso(due)
        row[f"{rule.name}_overdue"] = _flag(
            state, last, rule, due, today, cfg, missed, found=picked[rule.document_kind] is not None
        )
    # The action plan is expected with the report; it only counts as missed at the latest date.
    row["action_plan_due"] = row["report_due"]
    next_cpc = cpc_due(c, visits, cfg, reorganised=state.reorganised)
    gone = c.gone_from()
    row["next_cpc_due"] = _iso(
        next_cpc if gone is None or next_cpc is None or next_cpc < gone else None
    )
    row["cpc_overdue"] = _cpc_flag(state, today)
    row["recent_cpc"] = int(
        last is not None and today <= last.last_day + relativedelta(years=cfg.cpc_every_years)
    )
    row["report_on_time"] = _on_time(state, last, picked["feedback_report"], cfg, missed)
    return row


def due_column(rule: DeadlineRule) -> str:
    """The `council_deadlines` column with the date after which `rule` counts as missed (for
    the action plan, its latest date: `action_plan_due` is when it is expected)."""
    return "action_plan_latest" if rule.name == "action_plan" else f"{rule.name}_due"


def missed_in(row: dict) -> list[tuple[DeadlineRule, str | None]]:
    """The deadlines a `council_deadlines` row (or a `council_status` row, which shows its
    columns) flags as missed, each with the date it was due by."""
    return [
        (rule, row.get(due_column(rule)))
        for rule in DEADLINE_RULES
        if row.get(f"{rule.name}_overdue") == 1
    ]


def _flag(
    state: CouncilState,
    last: Visit | None,
    rule: DeadlineRule,
    due: dt.date | None,
    today: dt.date,
    cfg: DeadlineConfig,
    missed: set[tuple[Visit, str]],
    *,
    found: bool,
) -> int | None:
    if last is None or due is None:
        return None
    if (last, rule.name) in missed:
        return 1
    if found:
        return 0
    if not is_held(last, cfg):
        return None
    if not has_passed(due, state.council, today):
        return 0
    return None  # passed and not found, but the council's site cannot be searched now


def _cpc_flag(state: CouncilState, today: dt.date) -> int | None:
    if state.cpc_overdue:
        return 1
    gone = state.council.gone_from()
    if state.latest_verdict is None or (gone is not None and today >= gone):
        return None
    # A report found without a visit date: whether a CPC is overdue cannot be told; nor can it
    # be called overdue while the council's site cannot be searched.
    return 0 if state.cpc_due is not None and today <= state.cpc_due else None


def _on_time(
    state: CouncilState,
    last: Visit | None,
    report: Doc | None,
    cfg: DeadlineConfig,
    missed: set[tuple[Visit, str]],
) -> int | None:
    """1 report found by its due date, 0 found late (`report_late`) or missed; None when it
    cannot be judged (peerwatch started watching after the due date, or the first sighting of
    the report is unknown)."""
    if last is None or not is_held(last, cfg):
        return None
    due = due_date(last, REPORT_RULE, cfg)
    if due is None:
        return None
    if any(late.visit == last for late in state.late):
        return 0
    if report is not None and report.seen_on is not None and report.seen_on <= due:
        return 1
    watching = state.first_checked is not None and state.first_checked <= due
    return 0 if watching and (last, REPORT_RULE.name) in missed else None


def _newest(docs: list[Doc], kind: str) -> Doc | None:
    """The document of `kind` to show: dated before undated, then the latest."""
    of_kind = [d for d in docs if d.kind == kind]
    return max(
        of_kind,
        key=lambda d: (
            d.span is not None,
            d.span.first if d.span else dt.date.min,
            d.seen_on or dt.date.min,
        ),
        default=None,
    )


def _url(doc: Doc | None) -> str | None:
    return doc.url if doc else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class CouncilState:
    council: Council
    latest_verdict: str | None
    visits: tuple[Visit, ...]
    missed: tuple[Missed, ...]
    cpc_overdue: bool
    cpc_due: dt.date | None
    docs: tuple[Doc, ...] = ()
    reorganised: bool = False
    #: Its latest check on a counted run searched its own site (verdict not `unknown`, site
    #: read): only then can a document be called missing.
    searched_now: bool = False
    #: Date (in `deadlines.timezone`) of its first check on a counted run.
    first_checked: dt.date | None = None
    late: tuple[Late, ...] = ()


def council_states(db: Database, cfg: DeadlineConfig, today: dt.date) -> list[CouncilState]:
    """Every council's deadline picture as of `today`."""
    councils = [council_from_db_row(r) for r in db.query("SELECT * FROM councils ORDER BY code")]
    reorganised = {
        r["successor_code"] for r in db.query("SELECT successor_code FROM council_successors")
    }
    latest = council_latest.load(db)
    verdicts = latest_known_checks(db, latest)
    visits = _visits(db, verdicts)
    docs = _docs(db, verdicts, cfg.timezone)
    searched, first_checked = _check_history(db, cfg.timezone, latest)
    out = []
    for c in councils:
        vs = visits.get(c.code, [])
        council_docs = docs.get(c.code, [])
        verdict = verdicts.get(c.code, {}).get("verdict")
        overdue, due = is_cpc_overdue(
            c, vs, today, cfg, reorganised=c.code in reorganised, latest_verdict=verdict
        )
        searched_now = searched.get(c.code, False)
        out.append(
            CouncilState(
                council=c,
                latest_verdict=verdict,
                visits=tuple(vs),
                # Unknown is never missing: what a check could not look at is not missing.
                missed=tuple(missed_deadlines(c, vs, council_docs, today, cfg))
                if searched_now
                else (),
                cpc_overdue=overdue and searched_now,
                cpc_due=due,
                docs=tuple(council_docs),
                reorganised=c.code in reorganised,
                searched_now=searched_now,
                first_checked=first_checked.get(c.code),
                late=tuple(late_reports(vs, council_docs, cfg)),
            )
        )
    return out


def _local_day(timestamp: str | None, tz: str) -> dt.date | None:
    if not timestamp:
        return None
    return today_in(tz, dt.datetime.fromisoformat(timestamp))


def _docs(db: Database, checks: dict[str, dict], tz: str) -> dict[str, list[Doc]]:
    """Documents found (not removed) per council, dated by their first sighting; plus the
    report a `published` check names when it is not a known document."""
    out: dict[str, list[Doc]] = {}
    known_urls: dict[str, set[str]] = {}
    missing_on = _last_looked_without(db)
    for r in db.query(
        "SELECT dc.council_code, d.id, d.kind, d.visit_start, d.visit_end, d.url, d.removed_run,"
        " r.started_at FROM documents d JOIN document_councils dc ON dc.document_id = d.id"
        " LEFT JOIN runs r ON r.id = d.first_seen_run"
    ):
        known_urls.setdefault(r["council_code"], set()).add(r["url"])
        if r["removed_run"] is None:
            out.setdefault(r["council_code"], []).append(
                Doc(
                    r["kind"] or "",
                    DateSpan.between(r["visit_start"], r["visit_end"]),
                    _local_day(r["started_at"], tz),
                    r["url"],
                    _local_day(missing_on.get((r["council_code"], r["id"])), tz),
                )
            )
    for code, check in checks.items():
        url = check.get("report_url")
        if check["verdict"] == "published" and url and url not in known_urls.get(code, set()):
            out.setdefault(code, []).append(
                Doc(
                    "feedback_report",
                    DateSpan.between(check.get("visit_start"), check.get("visit_end")),
                    url=url,
                )
            )
    return out


def _last_looked_without(db: Database) -> dict[tuple[str, str], str]:
    """(council, report id) -> start of the last run before the report's first sighting whose
    check of the council looked everywhere (site and LGA read, verdict known)."""
    return {
        (r[0], r[1]): r[2]
        for r in db.execute(
            "SELECT dc.council_code, d.id, max(r.started_at) FROM documents d"
            " JOIN document_councils dc ON dc.document_id = d.id"
            " JOIN checks c ON c.council_code = dc.council_code AND c.run_id < d.first_seen_run"
            " JOIN counted_runs r ON r.id = c.run_id"
            " WHERE d.kind = 'feedback_report'"
            " AND c.verdict != 'unknown' AND c.site_ok AND c.lga_ok"
            " GROUP BY dc.council_code, d.id"
        ).fetchall()
    }


def _check_history(
    db: Database, tz: str, latest: dict[str, council_latest.Latest] | None = None
) -> tuple[dict[str, bool], dict[str, dt.date]]:
    """Per council: whether its latest check searched its site, and its first check day."""
    latest = council_latest.load(db) if latest is None else latest
    started = dict(db.execute("SELECT id, started_at FROM runs").fetchall())
    last = council_latest.latest_checks(db, latest)
    searched = {
        code: s.last_verdict != "unknown" and bool(last.get(code, {}).get("site_ok"))
        for code, s in latest.items()
    }
    first: dict[str, dt.date] = {}
    for code, s in latest.items():
        day = _local_day(started.get(s.first_run), tz) if s.first_run is not None else None
        if day is not None:
            first[code] = day
    return searched, first


def latest_known_checks(
    db: Database, latest: dict[str, council_latest.Latest] | None = None
) -> dict[str, dict]:
    """Each council's latest check with a verdict other than `unknown`, on a counted run."""
    latest = council_latest.load(db) if latest is None else latest
    return council_latest.check_rows(db, {code: s.known_run for code, s in latest.items()})


def _visits(db: Database, checks: dict[str, dict]) -> dict[str, list[Visit]]:
    """CPC visits per council, folded from every piece of evidence (`db.visit_dates`): the
    visits documents state (`cpc_visits`, kinds in `db.runs.CPC_VISIT_KINDS`) and the visit of the
    report the latest known check names."""
    evidence: dict[str, list[VisitEvidence]] = {}

    def add(code: str, start: str | None, end: str | None, kind: str) -> None:
        span = DateSpan.between(start, end)
        if span is not None:
            evidence.setdefault(code, []).append(VisitEvidence(span, kind))

    marks = ", ".join("?" * len(CPC_VISIT_KINDS))
    for r in db.query(
        "SELECT v.council_code, v.visit_start, v.visit_end, d.kind FROM cpc_visits v"
        " JOIN documents d ON d.id = v.evidence_document_id"
        f" WHERE d.kind IN ({marks})",
        list(CPC_VISIT_KINDS),
    ):
        add(r["council_code"], r["visit_start"], r["visit_end"], r["kind"])
    for code, check in checks.items():
        if check.get("visit_start"):
            add(code, check["visit_start"], check.get("visit_end"), "feedback_report")
    return {code: fold_visits(ev) for code, ev in evidence.items()}
