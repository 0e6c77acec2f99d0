"""Events: what changed, stored once each under a unique key.

Every producer (the diff, the deadline rules) writes through `record`, which inserts with the
key's unique index and reports whether the event is new. That makes re-running a diff or a
deadline evaluation harmless.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlite_utils import Database

#: Digest sections, in reading order. Every event kind names exactly one of them.
SECTIONS = (
    "Newly published",
    "Other documents added, changed or removed",
    "Deadlines missed or met late",
    "Verdicts changed",
    "Sites that could not be checked",
)


@dataclass(frozen=True)
class EventKind:
    """One kind of event, once: the digest section that shows it, a plain-English label, and
    the templates of its key (which makes it idempotent) and its summary. Templates are filled
    from the facts of the rule that raises it (`monitor.rules`, `monitor.deadlines`)."""

    name: str
    section: str
    label: str
    key: str
    summary: str


#: THE table of event kinds. The diff rules and the deadline rules raise events only through
#: it (`make_event`); `tests/test_event_kinds.py` fails when a kind lacks a section, a label or
#: a README row.
KINDS: tuple[EventKind, ...] = (
    EventKind(
        "report_published",
        "Newly published",
        "report published",
        key="report_published:{council_code}:{document_id}",
        summary="{council_name} published its CPC feedback report: {title}",
    ),
    EventKind(
        "document_added",
        "Other documents added, changed or removed",
        "document found",
        key="document_added:{council_code}:{document_id}",
        summary="{council_name}: {kind_label} found: {title}",
    ),
    EventKind(
        "document_changed",
        "Other documents added, changed or removed",
        "document changed",
        key="document_changed:{council_code}:{document_id}:{run_id}",
        summary="{council_name}: {kind_label} changed: {title}",
    ),
    EventKind(
        "document_moved",
        "Other documents added, changed or removed",
        "document moved",
        key="document_moved:{council_code}:{document_id}:{run_id}",
        summary="{council_name}: {kind_label} moved to a new address: {title}",
    ),
    EventKind(
        # Keyed on the last sighting, so one disappearance is one event however many runs
        # keep confirming it.
        "document_removed",
        "Other documents added, changed or removed",
        "document removed",
        key="document_removed:{council_code}:{document_id}:{last_seen_run}",
        summary="{council_name}: {kind_label} no longer found: {title}",
    ),
    EventKind(
        "deadline_missed",
        "Deadlines missed or met late",
        "deadline missed",
        key="deadline_missed:{council_code}:{visit_start}:{rule}",
        summary="{council_name} has not published its {rule_label} for the CPC of "
        "{visit_month}: it was due by {due_long}",
    ),
    EventKind(
        "report_late",
        "Deadlines missed or met late",
        "report published late",
        key="report_late:{council_code}:{visit_start}",
        summary="{council_name} published its feedback report for the CPC of {visit_month} "
        "after it was due ({due_long}); first found {seen_long}",
    ),
    EventKind(
        "cpc_overdue",
        "Deadlines missed or met late",
        "CPC overdue",
        key="cpc_overdue:{council_code}:{due_key}",
        summary="{council_name} has had no CPC in the last {years} years ({due_words})",
    ),
    EventKind(
        "verdict_changed",
        "Verdicts changed",
        "verdict changed",
        key="verdict_changed:{council_code}:{run_id}",
        summary="{council_name}: {verdict_label} (was: {previous_label})",
    ),
    EventKind(
        "check_failing",
        "Sites that could not be checked",
        "site could not be checked",
        key="check_failing:{council_code}:{streak_start_run}",
        summary="{council_name}: site could not be checked for {unknown_streak} runs in a row: "
        "{reason_words}",
    ),
    EventKind(
        "check_recovered",
        "Sites that could not be checked",
        "site checked again",
        key="check_recovered:{council_code}:{run_id}",
        summary="{council_name}: site checked again after {unknown_streak_before} failed runs: "
        "{verdict_label}",
    ),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
#: Every event kind, in the order digests show them.
EVENT_KINDS = tuple(k.name for k in sorted(KINDS, key=lambda k: SECTIONS.index(k.section)))


def kind_problems(
    kinds: tuple[EventKind, ...], sections: tuple[str, ...], readme: str
) -> list[str]:
    """What is wrong with a kinds table: a kind without a digest section (its events would
    never be shown), without a label, or without a row in the README's event table."""
    problems = []
    for k in kinds:
        if k.section not in sections:
            problems.append(f"{k.name}: no digest section ({k.section!r})")
        if not k.label.strip():
            problems.append(f"{k.name}: no label")
        if f"| `{k.name}` |" not in readme:
            problems.append(f"{k.name}: no README row")
    return problems


@dataclass(frozen=True)
class Event:
    key: str
    kind: str
    council_code: str | None
    summary: str
    run_id: int | None = None
    document_id: str | None = None
    occurred_at: str = ""
    due_date: str | None = None
    detail: dict = field(default_factory=dict)
    id: int | None = None

    @classmethod
    def from_row(cls, row: dict) -> Event:
        return cls(
            id=row["id"],
            key=row["key"],
            kind=row["kind"],
            council_code=row["council_code"],
            summary=row["summary"] or "",
            run_id=row["run_id"],
            document_id=row["document_id"],
            occurred_at=row["occurred_at"] or "",
            due_date=row["due_date"],
            detail=json.loads(row["detail"] or "{}"),
        )


def make_event(
    kind: str,
    facts: dict,
    *,
    council_code: str | None,
    run_id: int | None,
    occurred_at: str = "",
    document_id: str | None = None,
    due_date: str | None = None,
    detail: dict | None = None,
) -> Event:
    """An event of `kind` with its key and summary filled from `facts` by the kinds table."""
    spec = KIND_BY_NAME[kind]
    return Event(
        key=spec.key.format(**facts),
        kind=kind,
        council_code=council_code,
        summary=spec.summary.format(**facts),
        run_id=run_id,
        document_id=document_id,
        occurred_at=occurred_at,
        due_date=due_date,
        detail=dict(detail or {}),
    )


def record(db: Database, event: Event) -> bool:
    """Store `event` unless its key is already stored; True if it was new."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO events"
        " (key, run_id, kind, council_code, document_id, occurred_at, due_date, summary, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            event.key,
            event.run_id,
            event.kind,
            event.council_code,
            event.document_id,
            event.occurred_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            event.due_date,
            event.summary,
            json.dumps(event.detail, sort_keys=True, ensure_ascii=False),
        ],
    )
    return cursor.rowcount == 1


def list_events(
    db: Database,
    *,
    since: str | None = None,
    kinds: tuple[str, ...] = (),
    run_ids: tuple[int, ...] = (),
    council: str | None = None,
) -> list[Event]:
    """Stored events, oldest first, filtered."""
    where, params = [], []
    if since:
        where.append("occurred_at >= ?")
        params.append(since)
    if kinds:
        where.append(f"kind IN ({', '.join('?' * len(kinds))})")
        params += list(kinds)
    if run_ids:
        where.append(f"run_id IN ({', '.join('?' * len(run_ids))})")
        params += list(run_ids)
    if council:
        where.append("council_code = ?")
        params.append(council.upper())
    sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    return [Event.from_row(r) for r in db.query(sql + " ORDER BY id", params)]
