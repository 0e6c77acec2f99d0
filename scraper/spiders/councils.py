"""The `councils` spider: each council's own website, searched for CPC material within a budget.

Per site, the home page comes first: if it cannot be read the council is `unknown` with the
reason, and nothing else is fetched. Then the site's search, its sitemap, documents found by
earlier runs and links from LGA report pages seed a best-first frontier; at most
`per_host_concurrency` requests per site are in flight, always the best-scoring ones, until the
frontier runs dry or the budget is spent. Every request ends in `parse` or `failed`, which
pump the site's next requests, so a site finishes exactly when its last request does.

The LGA spider runs alongside: its links to a council's site are added to that site's frontier
as they are found (`lga_link`), and a site whose frontier runs dry while the LGA spider is still
running waits (parked, no request in flight) until it ends (`lga_finished`), so no LGA link is
missed for having come late.
"""

from __future__ import annotations

from collections.abc import Iterator

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from db.runs import FoundDocument
from scraper.domains import host_of
from scraper.site_documents import documents_from_files
from scraper.site_responses import SEEN_STATUSES, read_failure, read_response
from scraper.site_seeds import LGA_LINK_SCORE, add_lga_url
from scraper.sitecheck import Candidate, SiteAccount, SiteCheck, SiteResult
from scraper.sites import SiteRegistry
from scraper.spiders.base import SessionSpider
from scraper.verdicts import SiteOutcome

__all__ = ["LGA_LINK_SCORE", "CouncilsSpider"]


class CouncilsSpider(SessionSpider):
    name = "councils"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.registry = SiteRegistry()
        self.sites = self.registry.sites
        #: Sites whose frontier ran dry while the LGA spider may still find links for them.
        self._parked: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    # --- sites and hosts --------------------------------------------------------------------

    def _build_sites(self) -> None:
        options = self.session.options
        for council in self.registry.add_councils(self.session.councils, options.budget):
            self.session.record_site((council.code,), SiteResult(SiteOutcome("no_website")))

    def site_for_host(self, host: str) -> SiteCheck | None:
        return self.registry.site_for_host(host)

    def account_for(self, host: str) -> SiteAccount | None:
        site = self.site_for_host(host)
        return site.account if site else None

    def may_fetch(self, request: Request) -> bool:
        key = request.meta.get("site")
        if key is None:  # robots.txt, fetched for a host a site request already passed
            return self.site_for_host(host_of(request.url)) is not None
        return self.sites[key].may_fetch(request.url)

    # --- scheduling -------------------------------------------------------------------------

    async def start(self):
        self._build_sites()
        self.session.lga_listeners.append(self)
        for key, site in self.sites.items():
            yield self._request(key, site.start())

    def _request(self, key: str, cand: Candidate) -> Request:
        return Request(
            cand.url,
            callback=self.parse,
            errback=self.failed,
            dont_filter=True,
            priority=int(-cand.priority * 100),
            meta={
                "site": key,
                "role": cand.role,
                "section": cand.section,
                "walk": cand.walk,
                # Not "depth": Scrapy's DepthMiddleware rewrites that one to the length of
                # the callback chain, which here is the order pump() happened to run in.
                "link_depth": cand.depth,
                "score": -cand.priority,
                "handle_httpstatus_list": SEEN_STATUSES,
            },
        )

    def pump(self, key: str) -> Iterator[Request | FoundDocument]:
        """The site's next requests; when none is left in flight, the site waits for LGA
        links or finishes."""
        site = self.sites[key]
        for cand in site.next_requests(self.session.options.per_host_concurrency):
            yield self._request(key, cand)
        if site.idle:
            if site.home_ok and self.session.lga_pending:
                self._parked.add(key)  # the LGA spider may still link to this site
                return
            yield from self.finish_site(site)

    # --- links from the LGA spider, running alongside -----------------------------------------

    def lga_link(self, code: str, url: str) -> None:
        """A link from an LGA report page: a seed for the council's site, if it is being
        searched. Sites whose home page is still to come take it in `seed_from_home`."""
        key = self.registry.key_for(code)
        site = self.sites.get(key) if key else None
        if site and site.home_ok and not site.done:
            site.coverage.lga_links += 1
            if add_lga_url(site, url):
                self._schedule(key)

    def lga_finished(self) -> None:
        """No more LGA links: the parked sites continue or finish."""
        for key in sorted(self._parked):
            self._schedule(key)
        self.wake_engine()  # re-check idleness now rather than at the next heartbeat

    def _schedule(self, key: str) -> None:
        """Pump a site outside a callback: its requests go to the engine, its documents
        straight to the session (as SessionPipeline would)."""
        self._parked.discard(key)
        for out in self.pump(key):
            if isinstance(out, Request):
                self.crawler.engine.crawl(out)
            else:
                self.session.add_document(out)

    def _idle(self, spider) -> None:
        if self.session.lga_pending and self._parked:
            raise DontCloseSpider("waiting for the LGA spider's links")

    def finish_site(self, site: SiteCheck) -> Iterator[FoundDocument]:
        site.finish()
        if site.files:
            resolver = self.session.resolver
            yield from documents_from_files(site.files, site.codes, site.link_texts, resolver)
        self.session.record_site(site.codes, site.result())

    def wrap_up(self, reason: str) -> None:
        if self in self.session.lga_listeners:
            self.session.lga_listeners.remove(self)
        for site in self.sites.values():
            if not site.done:
                if reason != "finished" and not site.failure:
                    site.failure = "interrupted"
                for doc in self.finish_site(site):
                    self.session.add_document(doc)

    # --- responses --------------------------------------------------------------------------

    def parse(self, response: Response) -> Iterator[Request | FoundDocument]:
        key = response.meta["site"]
        site = self.sites[key]
        site.answered()
        yield from read_response(site, response, self.session)
        yield from self.pump(key)

    def failed(self, failure: Failure) -> Iterator[Request | FoundDocument]:
        request = failure.request
        key = request.meta["site"]
        site = self.sites[key]
        site.answered()
        reason = read_failure(site, request, failure.value)
        self.logger.info("%s: %s (%s)", request.url, reason, failure.getErrorMessage())
        yield from self.pump(key)
