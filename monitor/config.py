"""Configuration: one TOML file, read into dataclasses whose defaults are the documented defaults.

Every option and its default is listed in the README ("Configuration"). Secrets never live in
the file or the database: the SMTP password comes only from an environment variable, and
Apprise URLs (which often embed tokens) may come from `PEERWATCH_APPRISE_URLS` instead.

`load_config` validates everything up front and raises `PeerwatchError` with one line naming
the bad option, so a broken config stops a run before any crawl starts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from db.errors import PeerwatchError

#: Apprise URLs from the environment replace `[apprise] urls` (whitespace-separated).
APPRISE_URLS_ENV = "PEERWATCH_APPRISE_URLS"
EMPTY_DIGEST_MODES = ("line", "full", "silent")
DIGEST_FORMATS = ("text", "markdown", "html")
EMAIL_SECURITY = ("starttls", "tls", "none")


@dataclass(frozen=True)
class DiffConfig:
    #: Successful checks in a row without a document before it counts as removed.
    removed_after: int = 2
    #: Unknown checks in a row before `check_failing` is raised.
    failing_after: int = 2


@dataclass(frozen=True)
class DeadlineConfig:
    timezone: str = "Europe/London"
    report_months: int = 3
    action_plan_months: int = 5
    progress_review_months: int = 12
    cpc_every_years: int = 5
    #: CPC visits ending before this date are not held to the publication deadlines (the
    #: 3/5/12-month wording is the LGA's current rule; progress reviews published from 2023-04).
    applies_from: str = "2023-04-01"


@dataclass(frozen=True)
class DigestConfig:
    #: What a run with no events produces: one line, the full digest, or nothing at all.
    on_empty: str = "line"
    #: Digest format for stdout and the file channel.
    format: str = "text"


@dataclass(frozen=True)
class FileConfig:
    #: Write each digest here ("-" for stdout); empty disables the channel.
    path: str = ""
    format: str = "text"
    #: Append to the file instead of replacing it.
    append: bool = False


@dataclass(frozen=True)
class EmailConfig:
    enabled: bool = False
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    user: str = ""
    #: Name of the environment variable that holds the SMTP password.
    password_env: str = "PEERWATCH_SMTP_PASSWORD"
    sender: str = "peerwatch@localhost"
    to: tuple[str, ...] = ()
    subject_prefix: str = "[peerwatch]"
    timeout: float = 30.0

    def password(self) -> str | None:
        return os.environ.get(self.password_env) or None


@dataclass(frozen=True)
class AppriseConfig:
    urls: tuple[str, ...] = ()
    format: str = "markdown"
    #: Characters per message; 0 means the service's own limit (Apprise's `body_maxlen`).
    max_chars: int = 0
    #: Messages per digest at most; the last one links to the rest.
    max_parts: int = 5


@dataclass(frozen=True)
class FeedConfig:
    #: Atom file to write; empty disables the channel.
    path: str = ""
    title: str = "peerwatch: LGA Corporate Peer Challenge publication events"
    link: str = "https://github.com/peerwatch/peerwatch"
    #: Stable feed id (tag: URI); entry ids derive from event keys under it.
    id: str = "tag:peerwatch,2026:events"
    max_entries: int = 200
    #: The feed file's public URL (its rel="self"); empty means the feed `peerwatch serve`
    #: publishes at `<publish.base_url>/-/feeds/all.atom`.
    self_url: str = ""


@dataclass(frozen=True)
class PublishConfig:
    #: Public address of `peerwatch serve` (e.g. "https://peerwatch.example.org"); when set,
    #: each digest item links to its council's page, its archived copy and the feeds there,
    #: and chat messages link to the rest. Empty: no such links.
    base_url: str = ""


@dataclass(frozen=True)
class ScheduleConfig:
    #: Five-field crontab: minute hour day month day-of-week.
    cron: str = "0 6 * * mon"
    timezone: str = "Europe/London"
    jitter_s: int = 900
    misfire_grace_s: int = 6 * 3600
    #: Hard limit for one crawl subprocess; it is killed (with its children) after this.
    crawl_timeout_s: int = 4 * 3600
    #: APScheduler job store (SQLite); empty means `<db>.schedule.sqlite` beside the database.
    jobstore: str = ""
    #: Extra arguments for `peerwatch crawl`, e.g. ["--spider", "lga"].
    crawl_args: tuple[str, ...] = ()
    #: Replace the whole crawl command (advanced, for tests and mirrors); empty = peerwatch crawl.
    crawl_command: tuple[str, ...] = ()
    #: How long a run waits for another run's lock before giving up.
    lock_wait_s: float = 0.0


@dataclass(frozen=True)
class Config:
    crawl: dict[str, Any] = field(default_factory=dict)
    diff: DiffConfig = DiffConfig()
    deadlines: DeadlineConfig = DeadlineConfig()
    digest: DigestConfig = DigestConfig()
    file: FileConfig = FileConfig()
    email: EmailConfig = EmailConfig()
    apprise: AppriseConfig = AppriseConfig()
    feed: FeedConfig = FeedConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    publish: PublishConfig = PublishConfig()
    source: str = "(defaults)"
    #: The file this config was read from ("" for defaults); passed on to the crawl subprocess.
    path: str = ""

    def crawl_options(self, **overrides: Any):
        """The crawler's `CrawlOptions` built from `[crawl]` plus overrides (e.g. CLI flags)."""
        from scraper.options import CrawlOptions

        return CrawlOptions.from_mapping({**self.crawl, **overrides})


_SECTIONS = {
    "diff": DiffConfig,
    "deadlines": DeadlineConfig,
    "digest": DigestConfig,
    "file": FileConfig,
    "email": EmailConfig,
    "apprise": AppriseConfig,
    "feed": FeedConfig,
    "schedule": ScheduleConfig,
    "publish": PublishConfig,
}


def load_config(path: str | Path | None = None) -> Config:
    """Read and validate the config; no path (and no PEERWATCH_CONFIG) means all defaults."""
    path = path or os.environ.get("PEERWATCH_CONFIG")
    raw: dict[str, Any] = {}
    if path:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PeerwatchError(f"config {path}: file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise PeerwatchError(f"config {path}: invalid TOML: {exc}") from None
    config = config_from_dict(raw, source=str(path) if path else "(defaults)")
    return dataclasses.replace(config, path=str(path or ""))


def config_from_dict(raw: dict[str, Any], *, source: str = "(dict)") -> Config:
    """Build and validate a Config from parsed TOML."""
    unknown = set(raw) - set(_SECTIONS) - {"crawl"}
    if unknown:
        raise PeerwatchError(f"config {source}: unknown section [{sorted(unknown)[0]}]")
    sections = {
        name: _section(cls, raw.get(name, {}), name, source) for name, cls in _SECTIONS.items()
    }
    crawl = dict(raw.get("crawl", {}))
    _check_crawl(crawl, source)
    if env_urls := os.environ.get(APPRISE_URLS_ENV, "").split():
        sections["apprise"] = dataclasses.replace(sections["apprise"], urls=tuple(env_urls))
    config = Config(crawl=crawl, source=source, **sections)
    _validate(config)
    return config


def _section(cls: type, values: Any, name: str, source: str):
    if not isinstance(values, dict):
        raise PeerwatchError(f"config {source}: [{name}] must be a table")
    kinds = {f.name: f for f in fields(cls)}
    defaults = cls()
    out = {}
    for key, value in values.items():
        if key not in kinds:
            raise PeerwatchError(f"config {source}: unknown option {name}.{key}")
        expected = getattr(defaults, key)
        out[key] = _coerce(value, expected, f"{name}.{key}", source)
    return cls(**out)


def _coerce(value: Any, default: Any, option: str, source: str) -> Any:
    def bad(what: str) -> PeerwatchError:
        return PeerwatchError(f"config {source}: {option} must be {what}, got {value!r}")

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        return float(value)
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    if not isinstance(value, str):
        raise bad("a string")
    return value


def _check_crawl(crawl: dict[str, Any], source: str) -> None:
    """Accept only `CrawlOptions` fields, when the crawler is installed to ask."""
    try:
        from scraper.options import CrawlOptions
    except ImportError:
        return
    try:
        CrawlOptions.from_mapping(crawl)
    except (TypeError, ValueError) as exc:
        raise PeerwatchError(f"config {source}: {exc}") from None


#: Numeric options that count or size something: at least 1.
_AT_LEAST_ONE = (
    "diff.removed_after",
    "diff.failing_after",
    "deadlines.report_months",
    "deadlines.action_plan_months",
    "deadlines.progress_review_months",
    "deadlines.cpc_every_years",
    "schedule.crawl_timeout_s",
    "feed.max_entries",
    "apprise.max_parts",
    "email.port",
)
#: Numeric options that wait or limit (0 meaning none): not negative.
_NOT_NEGATIVE = (
    "schedule.jitter_s",
    "schedule.misfire_grace_s",
    "schedule.lock_wait_s",
    "apprise.max_chars",
)


def _option(c: Config, option: str):
    """The value of `section.name` in `c`."""
    section, name = option.split(".")
    return getattr(getattr(c, section), name)


def _validate(c: Config) -> None:
    def fail(msg: str) -> None:
        raise PeerwatchError(f"config {c.source}: {msg}")

    for option in _AT_LEAST_ONE:
        if (value := _option(c, option)) < 1:
            fail(f"{option} must be at least 1, got {value}")
    if c.email.port > 65535:
        fail(f"email.port must be at most 65535, got {c.email.port}")
    if c.email.timeout <= 0:
        fail(f"email.timeout must be more than 0, got {c.email.timeout}")
    for option in _NOT_NEGATIVE:
        if (value := _option(c, option)) < 0:
            fail(f"{option} must not be negative, got {value}")
    for option in ("deadlines.timezone", "schedule.timezone"):
        tz = _option(c, option)
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            fail(f"{option}: unknown time zone {tz!r}")
    try:
        dt.date.fromisoformat(c.deadlines.applies_from)
    except ValueError:
        fail(f"deadlines.applies_from must be a date YYYY-MM-DD, got {c.deadlines.applies_from!r}")
    if c.digest.on_empty not in EMPTY_DIGEST_MODES:
        fail(f"digest.on_empty must be one of {', '.join(EMPTY_DIGEST_MODES)}")
    for option, fmt in (
        ("digest.format", c.digest.format),
        ("file.format", c.file.format),
        ("apprise.format", c.apprise.format),
    ):
        if fmt not in DIGEST_FORMATS:
            fail(f"{option} must be one of {', '.join(DIGEST_FORMATS)}, got {fmt!r}")
    if c.email.security not in EMAIL_SECURITY:
        fail(f"email.security must be one of {', '.join(EMAIL_SECURITY)}")
    if c.email.enabled and not c.email.to:
        fail("email.to must list at least one address when email.enabled = true")
    if c.email.enabled and c.email.user and not c.email.password():
        fail(f"email.user is set but the environment variable {c.email.password_env} is empty")
    try:
        from monitor.scheduler import cron_trigger

        cron_trigger(c.schedule)
    except ValueError as exc:
        fail(f"schedule.cron {c.schedule.cron!r} is not a valid crontab: {exc}")
    if 0 < c.apprise.max_chars < 200:
        fail(
            f"apprise.max_chars must be 0 (the service's limit) or at least 200, got {c.apprise.max_chars}"
        )
    for option, url in (
        ("publish.base_url", c.publish.base_url),
        ("feed.self_url", c.feed.self_url),
    ):
        if url and not url.startswith(("http://", "https://")):
            fail(f"{option} must start with http:// or https://, got {url!r}")
    for url in c.apprise.urls:
        if "://" not in url:
            fail(f"apprise.urls: {url!r} is not a URL")
