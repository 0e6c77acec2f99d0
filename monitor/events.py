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

#: Every event kind, in the order digests group them.
EVENT_KINDS = (
    "report_published",
    "document_added",
    "document_changed",
    "document_removed",
    "deadline_missed",
    "cpc_overdue",
    "verdict_changed",
    "check_failing",
    "check_recovered",
)


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
