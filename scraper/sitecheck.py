"""One council website's check: its hosts, budget, best-first frontier and what it found.

The check schedules itself: the home page first and alone (`start`), then the best candidates
while fewer than the per-site limit are in flight (`next_requests`), its menus when it runs dry
early, and `idle` when nothing is left in flight; the spider only turns candidates into
requests. Councils that share a website (Adur and Worthing) share one SiteCheck, one budget and
one outcome. The check is `searched` once the home page was read and the frontier ran dry; it
fails, with a reason for the `unknown` verdict, when the home page cannot be read or the budget
runs out while likely CPC links are still waiting.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from scraper.coverage import Coverage, facts
from scraper.discovery.links import LIKELY, Link
from scraper.discovery.platforms import ModernGov, Platform
from scraper.discovery.vocabulary import section_of
from scraper.domains import (
    host_of,
    is_committee_link,
    is_lga_host,
    registrable_domain,
    url_key,
    within,
)
from scraper.site_documents import Find
from scraper.verdicts import SiteOutcome, coverage_gaps

#: Pages of the main menu and council hub read, breadth first, when a check runs dry early.
NAVIGATION_MAX = 24
#: Where a council's news section conventionally is, looked at when no link led to one (most
#: council sites: /news; the coverage record then says whether it exists).
NEWS_PROBE_PATH = "/news"


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


@dataclass
class SiteResult:
    """What a finished check hands the session: its outcome, costs and coverage record."""

    outcome: SiteOutcome
    requests: int = 0
    bytes: int = 0
    duration_s: float = 0.0
    gone: tuple[tuple[str, int], ...] = ()
    coverage: Coverage | None = None
    soft_gone: tuple[str, ...] = ()


@dataclass
class HostIndex:
    """Hosts outside every site's own domain that a site has claimed, shared by all the sites:
    committee systems on other domains, and CDN hosts of documents its pages link to. The
    first site to claim a host keeps it."""

    committee: dict[str, SiteCheck] = field(default_factory=dict)
    offsite: dict[str, SiteCheck] = field(default_factory=dict)


@dataclass(order=True)
class Candidate:
    priority: float
    seq: int
    url: str = field(compare=False)
    role: str = field(compare=False)  # home | robots | sitemap | search | known | page | nav
    depth: int = field(compare=False, default=0)
    #: The section this link leads into: hub | committee | news | None.
    section: str | None = field(compare=False, default=None)
    #: Levels below the entry of a committee system the level table does not know.
    walk: int = field(compare=False, default=0)


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
    #: CPC files found, their kinds decided when the check ends (scraper.site_documents).
    files: list[Find] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    done: bool = False
    coverage: Coverage = field(default_factory=Coverage)
    #: Menu and hub links not worth a request on their scores: read breadth first only when
    #: the check runs dry before it meets the coverage standard.
    navigation: list[Link] = field(default_factory=list)
    navigated: bool = False
    #: Documents on other hosts (a CDN, an object store) linked from the council's own pages:
    #: these exact URLs may be fetched, their hosts are never crawled.
    offsite_files: set[str] = field(default_factory=set)
    #: Walk links given a floor score so far, per committee-system level.
    walk_floors: dict[str, int] = field(default_factory=dict)
    reports_found: int = 0
    #: The site search URL was guessed from the platform (no form on the home page).
    search_guessed: bool = False
    committee_search_added: bool = False
    #: Keys of URLs some link called a way into the committee system, or the council hub.
    committee_urls: set[str] = field(default_factory=set)
    hub_urls: set[str] = field(default_factory=set)
    #: Keys of the pages read so far (a hub link met after its page was read still counts).
    read: set[str] = field(default_factory=set)
    hosts: HostIndex = field(default_factory=HostIndex)
    #: URL key -> best score of the candidates still waiting in the frontier.
    _queued: dict[str, float] = field(default_factory=dict)
    _seq: itertools.count = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.domain = registrable_domain(host_of(self.home_url))
        self.coverage.budget = self.account.budget

    def owns(self, host: str) -> bool:
        return within(host, self.domain) or host in self.extra_hosts

    def allow_committee_host(self, url: str) -> None:
        """A committee system on another domain, linked from the council's pages: crawled
        as part of this site."""
        host = host_of(url)
        if host and not self.owns(host) and not is_lga_host(host):
            self.extra_hosts.add(host)
            self.hosts.committee.setdefault(host, self)

    def allow_offsite_file(self, url: str) -> None:
        """A document on a CDN or object store, linked from the council's own page: this
        URL (and its host's robots.txt) may be fetched, nothing else there."""
        host = host_of(url)
        if host and not is_lga_host(host):
            self.offsite_files.add(url_key(url))
            self.hosts.offsite.setdefault(host, self)

    def may_fetch(self, url: str) -> bool:
        host = host_of(url)
        if is_lga_host(host):
            return False
        return self.owns(host) or url_key(url) in self.offsite_files

    def add(
        self,
        url: str,
        score: float,
        role: str = "page",
        depth: int = 0,
        text: str = "",
        section: str | None = None,
        walk: int = 0,
    ) -> bool:
        if text and len(text) > len(self.link_texts.get(url, "")):
            self.link_texts[url] = text
        platform = ModernGov() if is_committee_link(url) else self.platform
        key = url_key(url)
        if key in self.seen:
            # Found again with a better score (a search result, then the CPC page linking it):
            # it moves up the queue if it is still waiting.
            if key in self._queued and score > self._queued[key] + 1e-9:
                self._queued[key] = score
                heapq.heappush(
                    self.frontier,
                    Candidate(-score, next(self._seq), url, role, depth, section, walk),
                )
            return False
        if not self.may_fetch(url) or platform.should_skip(url):
            return False
        self.seen.add(key)
        self._queued[key] = score
        heapq.heappush(
            self.frontier, Candidate(-score, next(self._seq), url, role, depth, section, walk)
        )
        return True

    def has_seen(self, url: str) -> bool:
        return url_key(url) in self.seen

    def coverage_gaps(self) -> tuple[str, ...]:
        return coverage_gaps(facts(self.coverage))

    def navigate(self) -> bool:
        """Queue the menu and hub links, breadth first (in the order they were met), once.
        True when something was queued."""
        if self.navigated or self.account.exhausted:
            return False
        self.navigated = True
        # The council's own sections first (hub words), then the rest in page order.
        ordered = sorted(self.navigation, key=lambda link: section_of(link.text, link.url) is None)
        queued = 0
        for link in ordered:
            if queued >= NAVIGATION_MAX:
                self.coverage.navigation_truncated = True
                break
            # Order kept: a tiny score that falls with each link queued.
            if self.add(link.url, 0.02 - queued * 0.0005, "nav", 1, link.text):
                queued += 1
        self.coverage.navigation_queued = queued
        # No news link anywhere so far: look where councils put it (only beside a menu walk,
        # which is what could show a news section absent).
        if (
            queued
            and not self.coverage.news_found
            and self.add(urljoin(self.home_url, NEWS_PROBE_PATH), 0.02, "news_probe", 1, "", "news")
        ):
            queued += 1
        return queued > 0

    def start(self) -> Candidate:
        """The home page, first and alone: nothing else is fetched before it is read."""
        self.start_clock()
        self.seen.add(url_key(self.home_url))
        self.in_flight += 1
        return Candidate(-2.0, -1, self.home_url, "home")

    def answered(self) -> None:
        """One of this site's requests ended, in a response or a failure."""
        self.in_flight -= 1

    def next_requests(self, limit: int) -> Iterator[Candidate]:
        """The best candidates while fewer than `limit` are in flight. Dry with budget left and
        no report: the site's own menus and hub, breadth first, before giving up (a report
        filed under an unscored section is found so)."""
        while True:
            while self.in_flight < limit and (cand := self.pop()):
                self.in_flight += 1
                yield cand
            if (
                self.in_flight == 0
                and not self.waiting
                and self.home_ok
                and not self.failure
                and not self.reports_found
                and self.navigate()
            ):
                continue
            return

    @property
    def idle(self) -> bool:
        """Nothing in flight, not finished: the check ends now (or waits for LGA links)."""
        return self.in_flight == 0 and not self.done

    def finish(self) -> None:
        self.done = True
        self.finished = self.finished or time.monotonic()

    def result(self) -> SiteResult:
        coverage = self.record_totals()
        return SiteResult(
            SiteOutcome(self.outcome_failure(), self.cpc_pages, facts(coverage)),
            requests=self.account.requests,
            bytes=self.account.bytes,
            duration_s=self.duration_s,
            gone=tuple(self.gone),
            coverage=coverage,
            soft_gone=tuple(self.soft_gone),
        )

    def pop(self) -> Candidate | None:
        while self.frontier and not self.account.exhausted:
            cand = heapq.heappop(self.frontier)
            if self._queued.pop(url_key(cand.url), None) is not None:
                return cand  # else: an entry superseded by a better-scored one, already taken
        return None

    @property
    def waiting(self) -> bool:
        """Candidates still to fetch."""
        return bool(self._queued)

    @property
    def likely_left(self) -> bool:
        return any(score >= LIKELY for score in self._queued.values())

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

    def record_totals(self) -> Coverage:
        self.coverage.requests = self.account.requests
        return self.coverage

    def start_clock(self) -> None:
        if not self.started:
            self.started = time.monotonic()

    @property
    def duration_s(self) -> float:
        return (self.finished or time.monotonic()) - (self.started or time.monotonic())
