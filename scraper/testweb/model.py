"""Plain data shared by the site builders, the server and the public API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

Verdict = Literal["published", "cpc_no_report", "no_cpc", "unknown"]

DOC_KINDS = (
    "feedback_report",
    "action_plan",
    "progress_review",
    "position_statement",
    "committee_paper",
    "announcement",
    "pre_challenge_notice",
)
UNKNOWN_REASONS = (
    "site_down",
    "timeout",
    "robots_disallowed",
    "bot_challenge",
    "budget_exhausted",
    "dns",
    "redirect_loop",
    "blocked",
)

#: Last-Modified of everything in scenario "first"; resources that change later get a later date.
SCENARIO_TIMES = {
    "first": datetime(2025, 1, 6, 9, 0, tzinfo=UTC),
    "second": datetime(2025, 7, 7, 9, 0, tzinfo=UTC),
    "evidence": datetime(2025, 10, 6, 9, 0, tzinfo=UTC),
}


@dataclass(frozen=True)
class ExpectedDoc:
    url: str
    kind: str
    council_codes: tuple[str, ...]


@dataclass(frozen=True)
class Expected:
    verdict: Verdict
    reason: str | None
    documents: tuple[ExpectedDoc, ...]


@dataclass(frozen=True)
class RequestRecord:
    time: float
    method: str
    host: str
    target: str
    status: int
    bytes_sent: int
    user_agent: str | None
    if_none_match: str | None
    if_modified_since: str | None
    forbidden: str | None = None
    """Why this request should never have been made (``offsite``, ``loopback``, ``robots``,
    ``forbidden_path``), or None."""


@dataclass(frozen=True)
class Resource:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    last_modified: datetime = SCENARIO_TIMES["first"]
    conditional: bool = True
    """Send ETag/Last-Modified and honour conditional requests."""
    stream_length: int | None = None
    """Body generated on the fly (``documents.oversized_chunks``) instead of ``body``."""
    slow: bool = False
    """Hold the response for the server's ``slow_seconds`` before answering."""
    reset_after: int | None = None
    """Send the headers (full Content-Length) and this many body bytes, then reset the TCP
    connection: a server that dies mid-body."""


def html(body: str, *, status: int = 200, charset: str = "utf-8") -> Resource:
    return Resource(
        status=status, body=body.encode(charset), content_type=f"text/html; charset={charset}"
    )


def redirect(location: str, status: int = 302) -> Resource:
    return Resource(
        status=status,
        body=f'<html><body>Moved to <a href="{location}">{location}</a></body></html>'.encode(),
        headers=(("Location", location),),
        conditional=False,
    )


NOT_FOUND = html(
    "<html><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>",
    status=404,
)


def normalise_target(target: str) -> str:
    """One spelling per URL path: percent-encoding made canonical, query kept verbatim."""
    parts = urlsplit(target)
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~")
    return path + ("?" + parts.query if parts.query else "")


Handler = Callable[[Mapping[str, list[str]]], Resource]


@dataclass
class Site:
    """One host's worth of responses. ``override`` models whole-site faults (down, bot wall)."""

    host: str
    resources: dict[str, Resource | Callable[[], Resource]] = field(default_factory=dict)
    """Responses by normalised target; a callable is rendered on first request (big documents)."""
    handlers: dict[str, Handler] = field(default_factory=dict)
    override: Resource | None = None
    override_except: frozenset[str] = frozenset()
    disallowed: tuple[str, ...] = ()
    """robots.txt ``Disallow`` prefixes for ``User-agent: *``; fetching them is forbidden."""
    forbidden_paths: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    expected_docs: tuple[ExpectedDoc, ...] = ()
    throttle_first: int = 0
    """The site's first N requests (robots.txt included) answer 429 with ``Retry-After: 1``:
    a server that sheds load until the crawler backs off."""

    def add(self, target: str, resource: Resource | Callable[[], Resource]) -> str:
        key = normalise_target(target)
        self.resources[key] = resource
        return key

    def resolve(self, key: str) -> Resource | None:
        found = self.resources.get(key)
        if callable(found):
            found = self.resources[key] = found()
        return found

    def url(self, target: str) -> str:
        return f"http://{self.host}{normalise_target(target)}"

    def is_forbidden_path(self, path: str) -> str | None:
        if path != "/robots.txt" and any(path.startswith(prefix) for prefix in self.disallowed):
            return "robots"
        if any(path.startswith(prefix) for prefix in self.forbidden_paths):
            return "forbidden_path"
        return None
