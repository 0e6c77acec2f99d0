"""Digests: one report per run (or per period), grouped the way readers act on it.

`build_digest` collects events and the current state (councils still without a report, checks
failing, the crawl summary) into a `Digest`; `render` turns it into text, Markdown or HTML with
the jinja2 templates in `monitor/templates/`. Titles and URLs come from scraped pages and are
untrusted: HTML is autoescaped, Markdown is escaped by a filter, every text field is folded to
one line, and any URL that is not http(s) (`javascript:`, `data:`) is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import jinja2
from sqlite_utils import Database

from db import council_latest
from db.council_latest import WITHOUT_REPORT_VERDICTS
from monitor.config import Config
from monitor.deadlines import parse_day, today_in
from monitor.events import Event, list_events

#: Digest sections: heading and the event kinds it gathers, in reading order.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Newly published", ("report_published",)),
    (
        "Other documents added, changed or removed",
        ("document_added", "document_changed", "document_removed"),
    ),
    ("Deadlines missed", ("deadline_missed", "cpc_overdue")),
    ("Verdicts changed", ("verdict_changed", "check_recovered")),
    ("Checks failing", ("check_failing",)),
)
BASELINE_FACT = "no_cpc"


@dataclass(frozen=True)
class Item:
    kind: str
    council_code: str
    summary: str
    url: str
    due_date: str | None
    key: str


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class WithoutReport:
    code: str
    name: str
    verdict: str
    since: str
    since_source: str
    known_for: str
    #: Date of the last check that could see the council's site.
    last_checked: str = ""
    #: Set when the latest check could not see the site: the verdict above is older news.
    not_checked_now: str = ""


@dataclass(frozen=True)
class RunSummary:
    id: int
    status: str
    started_at: str
    councils_checked: int
    councils_unknown: int
    requests: int
    duration: str


@dataclass
class Digest:
    title: str
    period: str
    generated_at: str
    sections: list[Section]
    without_report: list[WithoutReport]
    failing_now: list[dict]
    runs: list[RunSummary]
    events: list[Event] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.events

    @property
    def headline(self) -> str:
        """A short summary for subjects and notification titles."""
        if self.empty:
            return "no changes"
        parts = [f"{len(s.items)} {s.heading.lower()}" for s in self.sections if s.items]
        return "; ".join(parts)


def safe_url(url: object) -> str:
    """The URL if it is http(s), else "" (drops javascript:, data:, and anything odd)."""
    text = str(url or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in ("http", "https") and not re.search(r"[\s<>\"']", text) else ""


def oneline(value: object) -> str:
    """Fold whitespace and control characters, so a scraped title cannot forge extra lines."""
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", str(value or "")).strip()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(value: object) -> str:
    """Escape Markdown syntax so untrusted text cannot make links, images or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", oneline(value))


def build_digest(
    db: Database,
    config: Config,
    *,
    run_id: int | None = None,
    since: str | None = None,
    events: list[Event] | None = None,
    now: dt.datetime | None = None,
) -> Digest:
    """The digest of one run, of a period (`since`, ISO date), or of given events."""
    now = now or dt.datetime.now(dt.UTC)
    if events is None:
        if run_id is not None:
            events = list_events(db, run_ids=(run_id,))
        else:
            events = list_events(db, since=since)
    if since and run_id is None:
        run_ids = [
            r["id"]
            for r in db.query(
                "SELECT id FROM runs WHERE started_at >= ? AND status IN ('complete', 'partial')",
                [since],
            )
        ]
        period = f"since {since}"
    else:
        run_ids = sorted({e.run_id for e in events if e.run_id is not None} | {run_id} - {None})
        if run_id is not None:
            period = f"run {run_id}"
        else:
            period = f"runs {', '.join(map(str, run_ids))}" if run_ids else "pending events"
    names = dict(db.execute("SELECT code, name FROM councils").fetchall())
    sections = [
        Section(heading, tuple(_item(e) for e in events if e.kind in kinds))
        for heading, kinds in SECTIONS
    ]
    today = today_in(config.deadlines.timezone, now)
    latest = council_latest.load(db)
    return Digest(
        title="peerwatch digest",
        period=period,
        generated_at=now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        sections=sections,
        without_report=councils_without_report(db, today, latest=latest),
        failing_now=failing_now(db, config.diff.failing_after, names, latest=latest),
        runs=[
            _run_summary(r)
            for r in db.query(
                f"SELECT * FROM runs WHERE id IN ({', '.join('?' * len(run_ids))}) ORDER BY id",
                run_ids,
            )
        ]
        if run_ids
        else [],
        events=list(events),
    )


def _item(e: Event) -> Item:
    return Item(
        kind=e.kind,
        council_code=e.council_code or "",
        summary=e.summary,
        url=safe_url(e.detail.get("url")),
        due_date=e.due_date,
        key=e.key,
    )


def _run_summary(r: dict) -> RunSummary:
    seconds = int(r["duration_s"] or 0)
    return RunSummary(
        id=r["id"],
        status=r["status"],
        started_at=r["started_at"] or "",
        councils_checked=r["councils_checked"] or 0,
        councils_unknown=r["councils_unknown"] or 0,
        requests=r["requests"] or 0,
        duration=f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s",
    )


def councils_without_report(
    db: Database, today: dt.date, *, latest: dict[str, council_latest.Latest] | None = None
) -> list[WithoutReport]:
    """Current councils whose latest known verdict is `no_cpc` or `cpc_no_report`, each with
    the earliest date since which they are known to be without a report: the 2017 baseline if
    no report was ever seen, else the first run of the current streak.

    Reads each council's folded check history (`db.council_latest`, or `latest` when
    given), not every check."""
    latest = council_latest.load(db) if latest is None else latest
    started = {r[0]: r[1] for r in db.execute("SELECT id, started_at FROM runs").fetchall()}
    baseline = {
        r["council_code"]: (r["observed_on"], r["source"])
        for r in db.query(
            "SELECT council_code, observed_on, source FROM observations WHERE fact = ?"
            " ORDER BY observed_on DESC",
            [BASELINE_FACT],
        )
    }
    councils = {
        code: (name, current)
        for code, name, current in db.execute("SELECT code, name, current FROM councils")
    }
    out = []
    for code, s in sorted(latest.items()):
        verdict = s.known_verdict
        if verdict not in WITHOUT_REPORT_VERDICTS or not councils.get(code, ("", 0))[1]:
            continue
        last_checked = started[s.known_run][:10]
        if not s.ever_published and code in baseline:
            since, source = baseline[code]
        else:
            since = started[s.without_report_since_run][:10]
            source = "first run that found none"
        out.append(
            WithoutReport(
                code=code,
                name=councils[code][0],
                verdict=verdict,
                since=since,
                since_source=source,
                known_for=_age(parse_day(since), today),
                last_checked=last_checked,
                not_checked_now=(s.last_reason or "unknown") if s.last_verdict == "unknown" else "",
            )
        )
    return sorted(out, key=lambda w: (w.since, w.code))


def _age(since: dt.date | None, today: dt.date) -> str:
    if since is None:
        return ""
    months = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
    if months >= 24:
        return f"{months // 12} years"
    if months >= 1:
        return f"{months} months"
    return f"{(today - since).days} days"


def failing_now(
    db: Database,
    failing_after: int,
    names: dict[str, str],
    *,
    latest: dict[str, council_latest.Latest] | None = None,
) -> list[dict]:
    """Councils whose latest checks are `unknown` at least `failing_after` times in a row."""
    latest = council_latest.load(db) if latest is None else latest
    return [
        {"code": code, "name": names.get(code, code), "runs": s.unknown_streak,
         "reason": s.last_reason or ""}
        for code, s in sorted(latest.items())
        if s.unknown_streak and s.unknown_streak >= failing_after
    ]  # fmt: skip


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("monitor", "templates"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters.update(safe_url=safe_url, oneline=oneline, md=md_escape)
TEMPLATES = {"text": "digest.txt", "markdown": "digest.md", "html": "digest.html"}


def one_line(digest: Digest) -> str:
    """The whole message for a digest without events."""
    runs = "; ".join(
        f"{r.councils_checked} councils checked, {r.councils_unknown} unknown" for r in digest.runs
    )
    return f"peerwatch: no changes ({digest.period}{': ' + runs if runs else ''})."


def render(digest: Digest, fmt: str = "text", *, on_empty: str = "line") -> str | None:
    """The digest as `fmt`; for an empty digest, one line, the full digest or None per
    `on_empty` ("line", "full", "silent")."""
    if digest.empty and on_empty == "silent":
        return None
    if digest.empty and on_empty == "line":
        text = one_line(digest)
        if fmt == "html":
            return f"<p>{jinja2.utils.markupsafe.escape(text)}</p>\n"
        return text + "\n"
    return _ENV.get_template(TEMPLATES[fmt]).render(d=digest)
