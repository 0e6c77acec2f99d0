"""Digests: one report per run (or per period), grouped the way readers act on it.

`build_digest` collects events and the current state into a `Digest`: the counts first, one
section per group of event kinds (`monitor.events.SECTIONS`; every kind names its section in
the kinds table), the councils whose sites could not be checked (events and current state in
ONE place, each council once), and the councils still without a report (the
`councils_without_report` view, `db.without_report`: the same list `peerwatch status` and
Datasette show). `render` turns it into text, Markdown or email-safe HTML with the jinja2
templates in `monitor/templates/`, one line per council in every format.

Titles and URLs come from scraped pages and are untrusted: HTML is autoescaped, Markdown is
escaped by a filter, every text field is folded to one line, and any URL that is not http(s)
(`javascript:`, `data:`) is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
from sqlite_utils import Database

from db import council_latest
from db.council_latest import WITHOUT_REPORT_VERDICTS
from db.without_report import councils_without_report
from monitor.config import Config
from monitor.deadlines import parse_day, today_in
from monitor.events import KIND_BY_NAME, SECTIONS, Event, list_events
from monitor.links import ALL_FEED_PATH, archived_copy_url
from monitor.words import coverage_words, not_checked_words, reason_words, verdict_label

BASELINE_FACT = "no_cpc"
#: The section that gathers every council whose site could not be checked.
NOT_CHECKED_SECTION = "Sites that could not be checked"


@dataclass(frozen=True)
class Item:
    """One change (one event), or one council's state in a list: always one line."""

    kind: str
    label: str
    council_code: str
    council_name: str
    summary: str
    #: The document the change is about (http(s) only), or "".
    url: str
    #: The council's page on the public `peerwatch serve` (`[publish] base_url`), or "".
    council_url: str
    due_date: str | None
    key: str
    event_id: int | None = None
    #: What happened, without the council's name in front (the card's heading names it).
    what: str = ""
    #: Further lines shown under the item (HTML card lines; indented in text and Markdown):
    #: `detail_lines` fills them, the one place to add e.g. an archived copy or an excerpt.
    extra: tuple[str, ...] = ()
    #: The document's archived copy on `peerwatch serve` (`[publish] base_url`), or "".
    archived: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...]
    #: Councils in this section's state that no event of this digest names (each once).
    councils: tuple[Item, ...] = ()

    @property
    def count(self) -> int:
        return len(self.items) + len(self.councils)


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
    #: Why it is listed, in words (the view's `why`), and how much of its site was seen.
    why: str = ""
    coverage: str = ""
    council_url: str = ""
    days_overdue: int | None = None


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
    runs: list[RunSummary]
    events: list[Event] = field(default_factory=list)
    #: The Atom feed of every event on `peerwatch serve`.
    feed_url: str = ""

    @property
    def empty(self) -> bool:
        return not self.events

    @property
    def counts(self) -> list[tuple[str, int]]:
        """What the digest holds, for the line at the top."""
        out = [(s.heading.lower(), s.count) for s in self.sections if s.count]
        out.append(("councils without a report", len(self.without_report)))
        return out

    @property
    def headline(self) -> str:
        """A short summary of the changes, for subjects and notification titles."""
        if self.empty:
            return "no changes"
        return "; ".join(f"{len(s.items)} {s.heading.lower()}" for s in self.sections if s.items)

    @property
    def shown_event_ids(self) -> set[int]:
        """Events that some section shows: only these may be marked delivered."""
        return {i.event_id for s in self.sections for i in s.items if i.event_id is not None}


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
                "SELECT id FROM counted_runs WHERE started_at >= ?",
                [since],
            )
        ]
        period = f"since {since}"
    else:
        run_ids = sorted({e.run_id for e in events if e.run_id is not None} | {run_id} - {None})
        if run_id is not None and run_ids == [run_id]:
            period = f"run {run_id}"
        else:
            period = f"runs {', '.join(map(str, run_ids))}" if run_ids else "pending events"
    names = dict(db.execute("SELECT code, name FROM councils").fetchall())
    link = council_link(db, config.publish.base_url)
    today = today_in(config.deadlines.timezone, now)
    latest = council_latest.load(db)
    items = [
        _item(e, names, link, config.publish.base_url) for e in events if e.kind in KIND_BY_NAME
    ]
    sections = []
    for heading in SECTIONS:
        mine = tuple(i for i in items if KIND_BY_NAME[i.kind].section == heading)
        councils: tuple[Item, ...] = ()
        if heading == NOT_CHECKED_SECTION:
            named = {i.council_code for i in mine}
            councils = tuple(
                c for c in not_checked_now(db, names, link, latest) if c.council_code not in named
            )
        sections.append(Section(heading, mine, councils))
    return Digest(
        title="peerwatch digest",
        period=period,
        generated_at=now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        sections=sections,
        without_report=without_report_list(db, today, link, latest=latest),
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
        feed_url=safe_url(f"{config.publish.base_url.rstrip('/')}{ALL_FEED_PATH}")
        if config.publish.base_url
        else "",
    )


def council_link(db: Database, base_url: str):
    """code -> the council's page (`council_history`) on the public Datasette, or ""."""
    if not base_url:
        return lambda code: ""
    path = next((r[2] for r in db.execute("PRAGMA database_list") if r[1] == "main"), "")
    name = Path(path).stem if path else "peerwatch"
    base = base_url.rstrip("/")
    return lambda code: (
        f"{base}/{quote(name)}/council_history?council={quote(code)}" if code else ""
    )


def detail_lines(event: Event) -> tuple[str, ...]:
    """Extra lines under an item, from the event's detail. The one place to add more (an
    archived copy, the sentences that changed): a change lists its changed sentences."""
    changes = str(event.detail.get("changes") or "").splitlines()
    return ("What changed:", *changes) if changes else ()


def _item(e: Event, names: dict[str, str], link, base_url: str = "") -> Item:
    code = e.council_code or ""
    return Item(
        kind=e.kind,
        label=KIND_BY_NAME[e.kind].label,
        council_code=code,
        council_name=names.get(code, code),
        summary=e.summary,
        url=safe_url(e.detail.get("url")),
        council_url=link(code),
        due_date=e.due_date,
        key=e.key,
        event_id=e.id,
        what=_without_name(e.summary, names.get(code, code)),
        extra=detail_lines(e),
        archived=safe_url(archived_copy_url(base_url, e.detail.get("archive_sha256") or "")),
    )


def _without_name(summary: str, name: str) -> str:
    if name and summary.startswith(name):
        rest = summary[len(name) :].lstrip(": ").strip()
        return rest[:1].upper() + rest[1:]
    return summary


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


def without_report_list(
    db: Database,
    today: dt.date,
    link=lambda code: "",
    *,
    latest: dict[str, council_latest.Latest] | None = None,
) -> list[WithoutReport]:
    """The digest's "still without a report": exactly the `councils_without_report` view's
    councils (`db.without_report`), each with how long it has been known."""
    latest = council_latest.load(db) if latest is None else latest
    history = {w.code: w for w in without_report_history(db, today, latest=latest)}
    checks = council_latest.latest_checks(db, latest)
    out = []
    for row in councils_without_report(db):
        code = row["code"]
        known = history.get(code)
        out.append(
            WithoutReport(
                code=code,
                name=row["name"],
                verdict=row["verdict"],
                since=known.since if known else "",
                since_source=known.since_source if known else "",
                known_for=known.known_for if known else "",
                last_checked=(row["last_checked"] or "")[:10],
                why=row["why"],
                coverage=coverage_words(checks.get(code, {})),
                council_url=link(code),
                days_overdue=row["days_overdue"],
            )
        )
    return sorted(out, key=lambda w: (w.since or "9999", w.code))


def not_checked_now(
    db: Database, names: dict[str, str], link, latest: dict[str, council_latest.Latest]
) -> list[Item]:
    """Current councils whose latest check could not see them, one line each, with what was
    last known about them."""
    current = {r[0] for r in db.execute("SELECT code FROM councils WHERE current = 1")}
    started = dict(db.execute("SELECT id, started_at FROM runs").fetchall())
    out = []
    for code, s in sorted(latest.items()):
        if s.last_verdict != "unknown" or code not in current:
            continue
        runs = f"{s.unknown_streak} run{'s' if s.unknown_streak != 1 else ''}"
        last = (
            f"last known ({(started.get(s.known_run) or '')[:10]}): "
            f"{verdict_label(s.known_verdict)}"
            if s.known_verdict
            else "never checked successfully"
        )
        out.append(
            Item(
                kind="",
                label="site could not be checked",
                council_code=code,
                council_name=names.get(code, code),
                summary=f"{names.get(code, code)}: {not_checked_words(s.last_reason)} "
                f"({runs} in a row); {last}",
                url="",
                council_url=link(code),
                due_date=None,
                key=f"not_checked:{code}",
                what=f"Site could not be checked: {reason_words(s.last_reason)} ({runs} in a row);"
                f" {last}",
            )
        )
    return out


def without_report_history(
    db: Database, today: dt.date, *, latest: dict[str, council_latest.Latest] | None = None
) -> list[WithoutReport]:
    """Current councils whose latest KNOWN verdict is `no_cpc` or `cpc_no_report`, each with
    the earliest date since which they are known to be without a report: the 2017 baseline if
    no report was ever seen, else the first run of the current streak. (Who is listed as
    without a report is the view's business, `without_report_list`; this says since when.)

    Reads each council's folded check history (`db.council_latest`, or `latest` when
    given), not every check."""
    latest = council_latest.load(db) if latest is None else latest
    started = {r[0]: r[1] for r in db.execute("SELECT id, started_at FROM runs").fetchall()}
    baseline = baseline_observations(db)
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


def baseline_observations(db: Database) -> dict[str, tuple[str, str]]:
    """Per council, the (date, source) of its earliest 2017 baseline observation of no CPC."""
    return {
        r["council_code"]: (r["observed_on"], r["source"])
        for r in db.query(
            "SELECT council_code, observed_on, source FROM observations WHERE fact = ?"
            " ORDER BY observed_on DESC",
            [BASELINE_FACT],
        )
    }


def _age(since: dt.date | None, today: dt.date) -> str:
    if since is None:
        return ""
    months = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
    if months >= 24:
        return f"{months // 12} years"
    if months >= 1:
        return f"{months} months"
    return f"{(today - since).days} days"


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("monitor", "templates"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters.update(
    safe_url=safe_url, oneline=oneline, md=md_escape, join_count=lambda c: f"{c[1]} {c[0]}"
)
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
