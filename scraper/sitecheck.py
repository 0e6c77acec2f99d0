"""One council website's check: its hosts, budget, best-first frontier and what it found.

Councils that share a website (Adur and Worthing) share one SiteCheck, one budget and one
outcome. The check is `searched` once the home page was read and the frontier ran dry; it
fails, with a reason for the `unknown` verdict, when the home page cannot be read or the budget
runs out while likely CPC links are still waiting.
"""

from __future__ import annotations

import heapq
import itertools
import time
from dataclasses import dataclass, field

from scraper.discovery.links import LIKELY
from scraper.discovery.platforms import ModernGov, Platform
from scraper.domains import host_of, is_committee_link, is_lga_host, registrable_domain, within


@dataclass
class SiteAccount:
    """Requests and bytes that really went over the wire, against the budget."""

    budget: int
    requests: int = 0
    bytes: int = 0

    def spend(self) -> bool:
        if self.requests >= self.budget:
            return False
        self.requests += 1
        return True

    def received(self, size: int) -> None:
        self.bytes += size

    @property
    def exhausted(self) -> bool:
        return self.requests >= self.budget


@dataclass(order=True)
class Candidate:
    priority: float
    seq: int
    url: str = field(compare=False)
    role: str = field(compare=False)  # page | sitemap | search | known
    depth: int = field(compare=False, default=0)


@dataclass
class SiteCheck:
    codes: tuple[str, ...]
    name: str
    home_url: str
    account: SiteAccount
    domain: str = ""
    extra_hosts: set[str] = field(default_factory=set)
    platform: Platform = field(default_factory=Platform)
    frontier: list[Candidate] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    link_texts: dict[str, str] = field(default_factory=dict)
    in_flight: int = 0
    home_ok: bool = False
    failure: str | None = None
    likely_failed: list[str] = field(default_factory=list)
    gone: list[tuple[str, int]] = field(default_factory=list)
    #: Known documents whose URL now shows a "page not found" page with status 200.
    soft_gone: list[str] = field(default_factory=list)
    cpc_pages: int = 0
    files: list[tuple[str, object]] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    done: bool = False
    _seq: itertools.count = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.domain = registrable_domain(host_of(self.home_url))

    def owns(self, host: str) -> bool:
        return within(host, self.domain) or host in self.extra_hosts

    def may_fetch(self, url: str) -> bool:
        return self.owns(host_of(url)) and not is_lga_host(host_of(url))

    def add(
        self, url: str, score: float, role: str = "page", depth: int = 0, text: str = ""
    ) -> bool:
        if text and len(text) > len(self.link_texts.get(url, "")):
            self.link_texts[url] = text
        platform = ModernGov() if is_committee_link(url) else self.platform
        if url in self.seen or not self.may_fetch(url) or platform.should_skip(url):
            return False
        self.seen.add(url)
        heapq.heappush(self.frontier, Candidate(-score, next(self._seq), url, role, depth))
        return True

    def pop(self) -> Candidate | None:
        if not self.frontier or self.account.exhausted:
            return None
        return heapq.heappop(self.frontier)

    @property
    def likely_left(self) -> bool:
        return any(-c.priority >= LIKELY for c in self.frontier)

    def outcome_failure(self) -> str | None:
        """Why this site could not be checked, or None when it was searched properly."""
        if self.failure:
            return self.failure
        if not self.home_ok:
            return "site_down"
        if self.account.exhausted and self.likely_left:
            return "budget_exhausted"
        if self.likely_failed:
            return "fetch_failed"
        return None

    def start_clock(self) -> None:
        if not self.started:
            self.started = time.monotonic()

    @property
    def duration_s(self) -> float:
        return (self.finished or time.monotonic()) - (self.started or time.monotonic())
