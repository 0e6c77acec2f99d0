"""Each council's latest checks, folded into one row per council and kept in step run by run.

The diff, the digest, `peerwatch status` and the deadlines need, per council, a few facts
about its checks on counted runs (the `counted_runs` view): the latest check, the latest check
with a verdict other than `unknown`, how many `unknown` checks end its history and since which
run, whether any check ever found a report, where its current run of `no_cpc`/`cpc_no_report`
verdicts began, its first check, and what the latest known verdict and unknown streak were
before its latest check (what the diff compares the latest check with). Reading every check for
that costs O(councils x runs); this module folds the checks once, in run order, into
`council_latest` (one row per council, updated in place, so storage still grows only by
`checks` rows). It is the one fold of a council's history in peerwatch's code (the
`council_status` view takes each council's latest checks in SQL, for Datasette).

`council_latest` holds the fold over every check on a counted run with id up to
`council_latest_meta.through_run`. `commit_run`, the diff and `db.schema.migrate` call `sync`
to bring it up to date; readers call `load` (or `as_of`, the diff, for the run it diffs),
which folds any later counted runs in memory, so a reader never writes and never sees less
than the full history would give. Triggers (migration m008) delete the meta row whenever
something already folded changes (a check inserted, updated or deleted for a run up to
`through_run`; such a run inserted, deleted, or its status or start changed): without a meta
row `load` recomputes from the whole history and the next `sync` rewrites the table.
`recompute` is that full-history fold, the definition the table is tested against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields

from sqlite_utils import Database

#: Verdicts that say a council is without a report (the digest's list).
WITHOUT_REPORT_VERDICTS = ("no_cpc", "cpc_no_report")


@dataclass
class Latest:
    """One council's checks on counted runs, folded in run order."""

    council_code: str
    #: The latest check (any verdict) and its verdict and reason.
    last_run: int
    last_verdict: str
    last_reason: str | None = None
    #: How many `unknown` checks end the history (0 when the latest check is known).
    unknown_streak: int = 0
    #: The latest check with a verdict other than `unknown`, and that verdict.
    known_run: int | None = None
    known_verdict: str | None = None
    #: Some check found the council `published`.
    ever_published: int = 0
    #: First run of the trailing run of no_cpc/cpc_no_report verdicts among known checks
    #: (None unless `known_verdict` is one of them).
    without_report_since_run: int | None = None
    #: The check whose run started earliest (its date is the council's first check day).
    first_run: int | None = None
    #: First run of the `unknown` checks that end the history (None when the latest is known).
    unknown_since_run: int | None = None
    #: Before the latest check: the latest verdict other than `unknown`, and how many
    #: `unknown` checks ended the history (what the diff compares the latest check with).
    previous_known_verdict: str | None = None
    previous_unknown_streak: int = 0


COLUMNS = tuple(f.name for f in fields(Latest))


def _instant(timestamp: str | None) -> dt.datetime | None:
    if not timestamp:
        return None
    moment = dt.datetime.fromisoformat(timestamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _fold(
    state: dict[str, Latest],
    run_id: int,
    started: dt.datetime | None,
    starts: dict[int, dt.datetime | None],
    checks: Iterable[tuple[str, str, str | None]],
) -> None:
    """Fold one run's checks (council, verdict, reason) into `state`."""
    for code, verdict, reason in checks:
        s = state.get(code)
        if s is None:
            s = state[code] = Latest(code, run_id, verdict)
        s.previous_known_verdict, s.previous_unknown_streak = s.known_verdict, s.unknown_streak
        s.last_run, s.last_verdict, s.last_reason = run_id, verdict, reason
        if verdict == "unknown":
            if not s.unknown_streak:
                s.unknown_since_run = run_id
            s.unknown_streak += 1
        else:
            s.unknown_streak, s.unknown_since_run = 0, None
            if verdict not in WITHOUT_REPORT_VERDICTS:
                s.without_report_since_run = None
            elif s.known_verdict not in WITHOUT_REPORT_VERDICTS:
                s.without_report_since_run = run_id
            s.known_run, s.known_verdict = run_id, verdict
            if verdict == "published":
                s.ever_published = 1
        if started is not None:
            first = starts.get(s.first_run) if s.first_run is not None else None
            if first is None or started < first:
                s.first_run = run_id


def _counted_runs(db: Database, after: int, upto: int | None = None) -> list[int]:
    """Ids of the counted runs after `after` (and up to `upto`), in order."""
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM counted_runs WHERE id > ? AND id <= coalesce(?, id) ORDER BY id",
            [after, upto],
        ).fetchall()
    ]


def fold_runs(
    db: Database, state: dict[str, Latest], after: int, upto: int | None = None
) -> tuple[int, set[str]]:
    """Fold every counted run after `after` (up to `upto`) into `state`; the last run folded
    (or `after`) and the councils it touched."""
    starts = {
        run_id: _instant(started)
        for run_id, started in db.execute("SELECT id, started_at FROM runs").fetchall()
    }
    last, touched = after, set()
    for run_id in _counted_runs(db, after, upto):
        rows = db.execute(
            "SELECT council_code, verdict, reason FROM checks WHERE run_id = ?", [run_id]
        ).fetchall()
        _fold(state, run_id, starts.get(run_id), starts, rows)
        touched.update(r[0] for r in rows)
        last = run_id
    return last, touched


def recompute(db: Database, upto: int | None = None) -> dict[str, Latest]:
    """The fold over the whole check history (up to run `upto`), from nothing."""
    state: dict[str, Latest] = {}
    fold_runs(db, state, 0, upto)
    return state


def _stored(db: Database) -> tuple[dict[str, Latest], int] | None:
    meta = db.execute("SELECT through_run FROM council_latest_meta").fetchone()
    if meta is None:
        return None
    rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM council_latest").fetchall()
    return {r[0]: Latest(*r) for r in rows}, meta[0]


def load(db: Database) -> dict[str, Latest]:
    """Every checked council's state over all counted runs: the stored table plus any run
    committed since it was synced, or a full recomputation if it is stale. Read-only."""
    return as_of(db, None)


def as_of(db: Database, run_id: int | None) -> dict[str, Latest]:
    """Every checked council's state over the counted runs up to `run_id` (None: all of them):
    the stored table plus the runs after it when it holds nothing later, else (a stale table,
    or an earlier run diffed after a later one was folded) the fold from nothing. Read-only."""
    stored = _stored(db)
    if stored is None or (run_id is not None and stored[1] > run_id):
        return recompute(db, run_id)
    state, folded = stored
    fold_runs(db, state, folded, run_id)
    return state


def sync(db: Database) -> None:
    """Bring `council_latest` up to date with every counted run (call inside a transaction)."""
    meta = db.execute("SELECT through_run FROM council_latest_meta").fetchone()
    if meta is not None and not _counted_runs(db, meta[0]):
        return
    stored = _stored(db)
    if stored is None:
        state, folded = {}, 0
        db.execute("DELETE FROM council_latest")
    else:
        state, folded = stored
    last, touched = fold_runs(db, state, folded)
    changed = [astuple(state[code]) for code in sorted(touched)]
    db.conn.executemany(
        f"INSERT INTO council_latest ({', '.join(COLUMNS)})"
        f" VALUES ({', '.join('?' * len(COLUMNS))}) ON CONFLICT (council_code) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:]),
        changed,
    )
    db.execute("DELETE FROM council_latest_meta")
    db.execute("INSERT INTO council_latest_meta (id, through_run) VALUES (1, ?)", [last])


def latest_checks(db: Database, latest: dict[str, Latest] | None = None) -> dict[str, dict]:
    """Each council's latest check on a counted run, as its `checks` row (all columns)."""
    latest = load(db) if latest is None else latest
    return check_rows(db, {code: s.last_run for code, s in latest.items()})


def check_rows(db: Database, wanted: dict[str, int | None]) -> dict[str, dict]:
    """The `checks` rows (all columns) of council -> run pairs, by primary key."""
    by_run: dict[int, set[str]] = {}
    for code, run_id in wanted.items():
        if run_id is not None:
            by_run.setdefault(run_id, set()).add(code)
    out: dict[str, dict] = {}
    for run_id, codes in sorted(by_run.items()):
        if len(codes) > 500:
            cursor = db.execute("SELECT * FROM checks WHERE run_id = ?", [run_id])
        else:
            marks = ", ".join("?" * len(codes))
            cursor = db.execute(
                f"SELECT * FROM checks WHERE run_id = ? AND council_code IN ({marks})",
                [run_id, *sorted(codes)],
            )
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            record = dict(zip(names, row, strict=True))
            if record["council_code"] in codes:
                out[record["council_code"]] = record
    return out
