"""`council_latest` (the per-council fold of the check history) and the diff's council facts,
read from it, must give exactly what reading every check gives.

A seeded multi-run history (complete, partial and failed runs, long unknown streaks, documents
that disappear, answer 404 or come back) is built through the real `commit_run` and diff; after
every run the stored table, `load` and `recompute` are compared with a brute-force fold of every
check, and the digest's and deadlines' readers with the full-history code they replaced.
"""

from __future__ import annotations

import datetime as dt
import inspect
import random
import sqlite3

import pytest
from monitor_factory import add_run, check, doc, new_db_file

from db import council_latest, schema
from db.connection import open_db
from db.council_latest import WITHOUT_REPORT_VERDICTS, Latest
from monitor import deadlines, diff
from monitor.config import Config
from monitor.deadlines import parse_day
from monitor.diff import diff_pending
from monitor.digest import _age, baseline_observations, without_report_history
from monitor.rules import CouncilFacts

CONFIG = Config()
TODAY = dt.date(2026, 1, 5)
VERDICTS = ("published", "cpc_no_report", "no_cpc", "unknown")


def _codes(db, n=14) -> list[str]:
    return [r[0] for r in db.execute("SELECT code FROM councils WHERE current = 1 LIMIT ?", [n])]


def _build(db, seed: int, runs: int = 16, *, after_each=None, diff_every=1, before_diff=None):
    """A seeded history through `commit_run`, diffed after each run (or every `diff_every`
    runs, several then pending)."""
    rng = random.Random(seed)
    codes = _codes(db)
    verdict = {c: rng.choice(VERDICTS) for c in codes}
    # Two councils stay unknown for long stretches (beyond any window).
    stubborn = set(codes[:2])
    listed = {c: rng.random() < 0.6 for c in codes}
    for run in range(runs):
        for c in codes:
            r = rng.random()
            if c in stubborn:
                verdict[c] = "unknown" if 3 <= run <= 11 else rng.choice(VERDICTS[:3])
            elif r < 0.3:
                verdict[c] = rng.choice(VERDICTS)
            if rng.random() < 0.15:
                listed[c] = not listed[c]
        status = rng.choices(["complete", "partial", "failed"], [0.75, 0.15, 0.1])[0]
        checked = codes if status != "partial" else rng.sample(codes, len(codes) // 2)
        gone = {c for c in checked if not listed[c] and rng.random() < 0.2}
        checks = [
            check(
                c,
                verdict[c],
                reason=f"reason-{run}" if verdict[c] == "unknown" else None,
                report_url=f"https://{c.lower()}.example/cpc.pdf" if listed[c] else None,
                visit_start="2024-03-04" if verdict[c] == "cpc_no_report" else None,
                gone=((f"https://{c.lower()}.example/cpc.pdf", 404),) if c in gone else (),
            )
            for c in checked
        ]
        documents = [
            doc(
                f"https://{c.lower()}.example/cpc.pdf",
                c,
                content=f"v{run // 5}",
                source="lga" if c in codes[2:5] else "council",
            )
            for c in checked
            if listed[c] and verdict[c] != "unknown"
        ]
        add_run(db, checks, documents, status=status)
        # Runs a week apart, so days (streak starts, first checks) differ.
        db.execute(
            "UPDATE runs SET started_at = ? WHERE id = (SELECT max(id) FROM runs)",
            [(dt.datetime(2025, 1, 6, 6, tzinfo=dt.UTC) + dt.timedelta(days=7 * run)).isoformat()],
        )
        db.conn.commit()
        if (run + 1) % diff_every and run + 1 < runs:
            continue
        if before_diff:
            before_diff(db)
        diff_pending(db, CONFIG.diff)
        if after_each:
            after_each(db)


def _brute_force(db) -> dict[str, Latest]:
    """The definition: every check on a diffable run, per council, in run order."""
    history: dict[str, list[tuple]] = {}
    for row in db.execute(
        "SELECT c.council_code, c.run_id, c.verdict, c.reason, r.started_at FROM checks c"
        " JOIN counted_runs r ON r.id = c.run_id ORDER BY c.council_code, c.run_id"
    ):
        history.setdefault(row[0], []).append(row[1:])
    out = {}
    for code, checks in history.items():
        known = [c for c in checks if c[1] != "unknown"]
        tail = _unknown_tail(checks)
        before = [c for c in checks[:-1] if c[1] != "unknown"]
        since = None
        for c in reversed(known):
            if c[1] not in WITHOUT_REPORT_VERDICTS:
                break
            since = c[0]
        out[code] = Latest(
            council_code=code,
            last_run=checks[-1][0],
            last_verdict=checks[-1][1],
            last_reason=checks[-1][2],
            unknown_streak=tail,
            unknown_since_run=checks[-tail][0] if tail else None,
            previous_known_verdict=before[-1][1] if before else None,
            previous_unknown_streak=_unknown_tail(checks[:-1]),
            known_run=known[-1][0] if known else None,
            known_verdict=known[-1][1] if known else None,
            ever_published=int(any(c[1] == "published" for c in checks)),
            without_report_since_run=since,
            first_run=min(checks, key=lambda c: dt.datetime.fromisoformat(c[3]))[0],
        )
    return out


def _unknown_tail(checks: list[tuple]) -> int:
    """How many `unknown` checks end `checks` ((run, verdict, ...) tuples)."""
    tail = 0
    for c in reversed(checks):
        if c[1] != "unknown":
            break
        tail += 1
    return tail


def _stored_table(db) -> dict[str, Latest]:
    rows = db.execute(f"SELECT {', '.join(council_latest.COLUMNS)} FROM council_latest")
    return {r[0]: Latest(*r) for r in rows}


def _assert_in_step(db) -> None:
    truth = _brute_force(db)
    assert council_latest.recompute(db) == truth
    assert council_latest.load(db) == truth
    assert db.execute("SELECT through_run FROM council_latest_meta").fetchone() is not None
    assert _stored_table(db) == truth


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_council_latest_matches_the_full_history_after_every_run(db, seed):
    _build(db, seed, after_each=_assert_in_step)
    assert any(s.unknown_streak >= 5 for s in council_latest.load(db).values())


def _council_status(db) -> list[tuple]:
    return [tuple(r) for r in db.execute("SELECT * FROM council_status ORDER BY code")]


def _assert_council_status_reads_the_fold_as_the_checks_would(db) -> None:
    """`council_status` reads the fold when it holds every counted run (fast at 10,000 councils
    x 100 runs), and every check when it does not: both must give the same rows."""
    with db.atomic():
        council_latest.sync(db)
    fresh = "SELECT through_run >= (SELECT max(id) FROM counted_runs) FROM council_latest_meta"
    assert db.execute(fresh).fetchone() == (1,)
    from_fold = _council_status(db)
    with db.atomic():
        db.execute("DELETE FROM council_latest_meta")
    assert _council_status(db) == from_fold
    with db.atomic():
        council_latest.sync(db)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_council_status_gives_the_same_rows_from_the_fold_and_from_every_check(db, seed):
    _build(db, seed, after_each=_assert_council_status_reads_the_fold_as_the_checks_would)
    assert {r[2] for r in _council_status(db)} >= {"could not be checked", "no CPC found"}


def test_a_changed_past_makes_readers_recompute_until_the_next_sync(db):
    _build(db, 4, runs=8)
    # Anything already folded changes: the meta row goes, readers fall back to the full fold.
    folded = [r[0] for r in db.execute("SELECT id FROM counted_runs")]
    changes = [
        f"UPDATE checks SET verdict = 'published' WHERE run_id = {folded[1]}",
        f"DELETE FROM checks WHERE run_id = {folded[2]} AND rowid % 2 = 0",
        f"UPDATE runs SET started_at = '2020-01-01T00:00:00+00:00' WHERE id = {folded[3]}",
        f"UPDATE runs SET status = 'failed' WHERE id = {folded[0]}",
        "INSERT INTO checks (run_id, council_code, verdict)"
        f" SELECT {folded[1]}, code, 'no_cpc' FROM councils WHERE code NOT IN"
        f" (SELECT council_code FROM checks WHERE run_id = {folded[1]}) LIMIT 1",
    ]
    for sql in changes:
        with db.atomic():
            council_latest.sync(db)
        assert db.execute("SELECT count(*) FROM council_latest_meta").fetchone()[0] == 1
        db.execute(sql)
        db.conn.commit()
        assert db.execute("SELECT count(*) FROM council_latest_meta").fetchone()[0] == 0
        assert council_latest.load(db) == _brute_force(db)
    with db.atomic():
        council_latest.sync(db)
    _assert_in_step(db)


def test_runs_committed_out_of_order(db):
    codes = _codes(db, 3)
    early = add_run(db, [check(codes[0], "no_cpc")])
    db.execute("UPDATE runs SET status = 'running' WHERE id = ?", [early])
    db.conn.commit()  # a run still crawling ...
    add_run(db, [check(c, "unknown") for c in codes])  # ... while a later one is committed
    _assert_in_step(db)
    db.execute("UPDATE runs SET status = 'complete' WHERE id = ?", [early])
    db.conn.commit()
    assert council_latest.load(db) == _brute_force(db)
    add_run(db, [check(codes[1], "published")])
    _assert_in_step(db)


def test_new_rows_are_folded_by_readers_before_any_sync(db):
    codes = _codes(db, 4)
    add_run(db, [check(c, "no_cpc") for c in codes])
    # A run written without commit_run (as a bulk import would): readers still see it.
    run_id = db.execute("SELECT max(id) + 1 FROM runs").fetchone()[0]
    with db.atomic():
        db.execute(
            "INSERT INTO runs (id, spider, started_at, status) VALUES (?, 'x', ?, 'complete')",
            [run_id, "2025-02-01T06:00:00+00:00"],
        )
        for c in codes:
            db.execute(
                "INSERT INTO checks (run_id, council_code, verdict) VALUES (?, ?, 'unknown')",
                [run_id, c],
            )
    assert council_latest.load(db) == _brute_force(db)
    assert _stored_table(db) != _brute_force(db)
    with db.atomic():
        council_latest.sync(db)
    _assert_in_step(db)


def _migrated_again(tmp_path, seed: int, undo) -> tuple:
    """A seeded history whose file `undo(raw connection)` takes back to before some migrations,
    opened (so migrated) again; the database and the fold of its whole history."""
    path = new_db_file(tmp_path)
    db = open_db(path)
    _build(db, seed, runs=6)
    truth = _brute_force(db)
    db.close()
    raw = sqlite3.connect(path)
    undo(raw)
    raw.commit()
    raw.close()
    return open_db(path), truth


def test_migration_fills_the_table_of_an_existing_database(tmp_path):
    def before_m008(raw):
        raw.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm008_%' OR name LIKE 'm015_%'")
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'council_latest%'"
        ).fetchall():
            raw.execute(f"DROP TRIGGER {name}")
        raw.execute("DROP TABLE council_latest")
        raw.execute("DROP TABLE council_latest_meta")

    db, truth = _migrated_again(tmp_path, 5, before_m008)
    assert _stored_table(db) == truth
    db.close()


def test_a_table_from_before_m015_is_folded_again_with_the_new_columns(tmp_path):
    def before_m015(raw):
        raw.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm015_%'")
        for column in ("unknown_since_run", "previous_known_verdict", "previous_unknown_streak"):
            raw.execute(f"ALTER TABLE council_latest DROP COLUMN {column}")

    db, truth = _migrated_again(tmp_path, 9, before_m015)
    _assert_in_step(db)
    assert _stored_table(db) == truth
    db.close()


def test_the_migration_of_council_latest_runs_no_live_code():
    """A migration must do what it did when it shipped, whatever today's code does: m008
    leaves the fold to `migrate`, which runs after the last migration."""
    source = inspect.getsource(schema.m008_council_latest)
    assert "import" not in source and "sync(" not in source


# The full-history readers that council_latest replaced, kept as the reference.


def _old_councils_without_report(db, today):
    rows = db.query(
        "SELECT c.council_code, c.verdict, c.reason, r.started_at FROM checks c"
        " JOIN counted_runs r ON r.id = c.run_id"
        " ORDER BY c.council_code, c.run_id"
    )
    history, unknown_now = {}, {}
    for r in rows:
        code = r["council_code"]
        if r["verdict"] == "unknown":
            unknown_now[code] = r["reason"] or "unknown"
            continue
        unknown_now.pop(code, None)
        history.setdefault(code, []).append((r["verdict"], r["started_at"][:10]))
    baseline = baseline_observations(db)
    councils = {r["code"]: r for r in db.query("SELECT code, name, current FROM councils")}
    out = []
    for code, checks in sorted(history.items()):
        verdict = checks[-1][0]
        if verdict not in WITHOUT_REPORT_VERDICTS or not councils.get(code, {}).get("current"):
            continue
        ever_published = any(v == "published" for v, _ in checks)
        if not ever_published and code in baseline:
            since, source = baseline[code]
        else:
            streak_start = checks[-1][1]
            for v, day in reversed(checks):
                if v not in WITHOUT_REPORT_VERDICTS:
                    break
                streak_start = day
            since, source = streak_start, "first run that found none"
        out.append(
            (code, councils[code]["name"], verdict, since, source, _age(parse_day(since), today),
             checks[-1][1], unknown_now.get(code, ""))
        )  # fmt: skip
    return sorted(out, key=lambda w: (w[3], w[0]))


def _old_latest_known_checks(db):
    rows = db.query(
        "SELECT c.* FROM checks c JOIN counted_runs r ON r.id = c.run_id"
        " WHERE c.verdict != 'unknown' ORDER BY c.run_id"
    )
    return {r["council_code"]: r for r in rows}


def _old_deadline_check_history(db, tz):
    known_now, first = {}, {}
    for r in db.query(
        "SELECT c.council_code, c.verdict, c.site_ok, r.started_at FROM checks c"
        " JOIN counted_runs r ON r.id = c.run_id ORDER BY c.run_id"
    ):
        # Searched now: the latest check is known and read the council's own site (issue 10).
        known_now[r["council_code"]] = r["verdict"] != "unknown" and bool(r["site_ok"])
        day = deadlines._local_day(r["started_at"], tz)
        if day is not None:
            first[r["council_code"]] = min(first.get(r["council_code"], day), day)
    return known_now, first


def _compare_readers(db):
    new = [
        (w.code, w.name, w.verdict, w.since, w.since_source, w.known_for, w.last_checked,
         w.not_checked_now)
        for w in without_report_history(db, TODAY)
    ]  # fmt: skip
    assert new == _old_councils_without_report(db, TODAY)
    assert deadlines.latest_known_checks(db) == _old_latest_known_checks(db)
    tz = CONFIG.deadlines.timezone
    assert deadlines._check_history(db, tz) == _old_deadline_check_history(db, tz)


@pytest.mark.parametrize("seed", [6, 7])
def test_digest_and_deadline_readers_match_the_full_history_readers(db, seed):
    seen = set()

    def compare(db):
        _compare_readers(db)
        for w in without_report_history(db, TODAY):
            seen.add(("not checked now", bool(w.not_checked_now)))
            seen.add(("source", w.since_source))

    _build(db, seed, after_each=compare)
    # Both kinds of "since" and councils not checked now did occur.
    assert len(seen) == 4


def _events(db):
    return sorted(
        db.execute(
            "SELECT key, kind, council_code, document_id, run_id, summary, detail FROM events"
        ).fetchall()
    )


def _old_council_facts(db, run_id: int, names) -> list[CouncilFacts]:
    """The diff's council facts as it derived them before reading the fold: every check of
    each council checked on `run_id`, up to that run."""
    checked = {
        r[0] for r in db.execute("SELECT council_code FROM checks WHERE run_id = ?", [run_id])
    }
    history: dict[str, list[tuple]] = {}
    for row in db.execute(
        "SELECT c.council_code, c.run_id, c.verdict, c.reason FROM checks c"
        " JOIN counted_runs r ON r.id = c.run_id WHERE c.run_id <= ?"
        " ORDER BY c.council_code, c.run_id",
        [run_id],
    ):
        if row[0] in checked:
            history.setdefault(row[0], []).append(row[1:])
    out = []
    for code, checks in sorted(history.items()):
        current, before = checks[-1], checks[:-1]
        streak = _unknown_tail(checks)
        previous = next((c[1] for c in reversed(before) if c[1] != "unknown"), None)
        out.append(
            CouncilFacts(
                run_id=run_id,
                council_code=code,
                council_name=names.get(code, code),
                verdict=current[1],
                previous_verdict=previous,
                unknown_streak=streak,
                streak_start_run=checks[-streak][0] if streak else None,
                unknown_streak_before=_unknown_tail(before),
                reason=current[2],
            )
        )
    return out


def _council_facts(db, run_id: int, names) -> list[CouncilFacts]:
    verdicts = dict(
        db.execute("SELECT council_code, verdict FROM checks WHERE run_id = ?", [run_id])
    )
    return list(diff.council_facts(run_id, verdicts, council_latest.as_of(db, run_id), names))


@pytest.mark.parametrize("pending", [1, 2, 3])
def test_the_diff_reads_council_facts_of_every_run_from_the_fold(db, pending):
    """Runs diffed one by one (the stored fold is at the run) or `pending` at a time (it is
    past all but the last, which are folded again from the start): each run's council facts
    are what every check up to it says."""
    names = dict(db.execute("SELECT code, name FROM councils").fetchall())

    def compare_latest(db):
        run_id = db.execute("SELECT max(id) FROM counted_runs").fetchone()[0]
        assert _council_facts(db, run_id, names) == _old_council_facts(db, run_id, names)

    _build(db, 10 + pending, diff_every=pending, after_each=compare_latest)
    counted = [r[0] for r in db.execute("SELECT id FROM counted_runs")]
    assert len(counted) >= 10
    for run_id in counted:
        assert _council_facts(db, run_id, names) == _old_council_facts(db, run_id, names)


def _council_events(db) -> list[tuple]:
    return [e for e in _events(db) if e[3] is None]


@pytest.mark.parametrize("pending", [2, 3])
def test_several_pending_runs_raise_the_council_events_of_runs_diffed_one_by_one(tmp_path, pending):
    """`diff_pending` carries one fold from run to run; the council events are those of
    diffing after every run. (Document events may differ: a late diff reads today's rows.)"""
    results = []
    for every in (1, pending):
        directory = tmp_path / str(every)
        directory.mkdir()
        db = open_db(new_db_file(directory))
        _build(db, 13, diff_every=every)
        results.append(_council_events(db))
        db.close()
    assert results[0] == results[1]
    kinds = {e[1] for e in results[0]}
    assert {"check_failing", "check_recovered", "verdict_changed"} <= kinds


@pytest.mark.parametrize("seed", [8, 12])
def test_the_diff_raises_the_same_events_from_a_stale_fold(tmp_path, seed):
    """Same history diffed reading the stored fold, and with the fold made stale before every
    diff (read again from every check)."""
    results = []

    def stale(db):
        db.execute("DELETE FROM council_latest_meta")
        db.conn.commit()

    for name, before_diff in (("stored", None), ("stale", stale)):
        directory = tmp_path / name
        directory.mkdir()
        db = open_db(new_db_file(directory))
        _build(db, seed, before_diff=before_diff)
        results.append(
            (
                _events(db),
                db.execute("SELECT id, removed_run FROM documents ORDER BY id").fetchall(),
            )
        )
        db.close()
    assert results[0] == results[1]
    kinds = {e[1] for e in results[0][0]}
    assert {"document_removed", "check_failing", "check_recovered", "verdict_changed"} <= kinds
