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

import time
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DontCloseSpider,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from scrapy.http import Request, Response
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.web.client import ResponseFailed

from db.runs import FoundDocument
from scraper.classify import classify, content_fingerprint, extract_text, human_title
from scraper.classify.text import sniff_format
from scraper.discovery.documents import NEWS_CRUMB, file_kind, page_kind
from scraper.discovery.links import (
    LIKELY,
    Link,
    advertised_size,
    link_score,
    looks_like_file,
    page_links,
)
from scraper.discovery.platforms import ModernGov, detect_platform
from scraper.discovery.search import search_urls
from scraper.discovery.sitemaps import read_sitemap
from scraper.domains import host_of, is_committee_link, is_lga_host, registrable_domain
from scraper.middlewares import BudgetSpent, OffSite, Refused
from scraper.session import SiteResult
from scraper.sitecheck import Candidate, SiteAccount, SiteCheck
from scraper.soft404 import is_soft_404
from scraper.spiders.base import SessionSpider
from scraper.verdicts import SiteOutcome

#: Statuses the spider wants to see itself rather than have filtered (redirects stay automatic).
SEEN_STATUSES = [400, 401, 403, 404, 410, 429, 500, 502, 503, 504]
MAX_DEPTH = 6
#: Seed scores: known documents first, then search results, the sitemap, LGA-linked pages.
KNOWN_SCORE, SEARCH_SCORE, SITEMAP_SCORE, LGA_LINK_SCORE = 1.0, 0.9, 0.8, 0.7
#: A council's link into its committee system is worth following even when its text is dull
#: ("Council meetings"): committee papers are where many CPC reports are published.
COMMITTEE_ENTRY_SCORE = 0.35


def failure_reason(exc: BaseException) -> str:
    if isinstance(exc, Refused):
        return exc.reason
    if isinstance(exc, DownloadTimeoutError | TimeoutError | TCPTimedOutError):
        return "timeout"
    if isinstance(exc, CannotResolveHostError | DNSLookupError):
        return "dns"
    if "robots.txt" in str(exc):
        return "robots_disallowed"
    if isinstance(exc, DownloadCancelledError) or "maxsize" in str(exc).lower():
        return "too_large"
    if isinstance(
        exc,
        DownloadConnectionRefusedError
        | DownloadFailedError
        | ResponseDataLossError
        | ConnectError
        | ConnectionLost
        | ResponseFailed,
    ):
        return "site_down"
    return "fetch_failed"


def shows_page_not_found(response: Response) -> bool:
    """A 200 HTML response that is a "page not found" page (see scraper.soft404)."""
    ctype = response.headers.get("Content-Type", b"").decode("latin-1")
    if sniff_format(response.body, ctype, response.url) != "html":
        return False  # a PDF or DOCX is the document itself, never an error page
    extracted = extract_text(response.body, ctype, response.url)
    heading = " ".join(" ".join(response.xpath("//h1//text()").getall()).split())
    return is_soft_404(extracted.title or "", heading, extracted.text)


def status_reason(status: int) -> str:
    return "blocked" if status in (401, 403, 429) else "site_down"


class CouncilsSpider(SessionSpider):
    name = "councils"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sites: dict[str, SiteCheck] = {}
        self._by_domain: dict[str, SiteCheck] = {}
        self._by_host: dict[str, SiteCheck] = {}
        self._key_by_code: dict[str, str] = {}
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
        for council in self.session.councils:
            if not council.website:
                self.session.record_site((council.code,), SiteResult(SiteOutcome("no_website")))
                continue
            home = (
                council.website
                if council.website.endswith("/") or urlsplit(council.website).path
                else council.website + "/"
            )
            key = host_of(home)
            self._key_by_code[council.code] = key
            if key in self.sites:
                self.sites[key].codes += (council.code,)
                continue
            site = SiteCheck((council.code,), council.name, home, SiteAccount(options.budget))
            self.sites[key] = site
            self._by_domain.setdefault(site.domain, site)

    def site_for_host(self, host: str) -> SiteCheck | None:
        return self._by_host.get(host) or self._by_domain.get(registrable_domain(host))

    def account_for(self, host: str):
        site = self.site_for_host(host)
        return site.account if site else None

    def may_fetch(self, request: Request) -> bool:
        key = request.meta.get("site")
        if key is None:  # robots.txt, fetched for a host a site request already passed
            return self.site_for_host(host_of(request.url)) is not None
        return self.sites[key].may_fetch(request.url)

    def _allow_committee_host(self, site: SiteCheck, url: str) -> None:
        host = host_of(url)
        if host and not site.owns(host) and not is_lga_host(host) and is_committee_link(url):
            site.extra_hosts.add(host)
            self._by_host.setdefault(host, site)

    # --- scheduling -------------------------------------------------------------------------

    async def start(self):
        self._build_sites()
        self.session.lga_listeners.append(self)
        for key, site in self.sites.items():
            site.start_clock()
            site.seen.add(site.home_url)
            site.in_flight += 1
            yield self._request(key, Candidate(-2.0, -1, site.home_url, "home"))

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
                # Not "depth": Scrapy's DepthMiddleware rewrites that one to the length of
                # the callback chain, which here is the order pump() happened to run in.
                "link_depth": cand.depth,
                "score": -cand.priority,
                "handle_httpstatus_list": SEEN_STATUSES,
            },
        )

    def pump(self, key: str):
        site = self.sites[key]
        limit = self.session.options.per_host_concurrency
        while site.in_flight < limit and (cand := site.pop()):
            site.in_flight += 1
            yield self._request(key, cand)
        if site.in_flight == 0 and not site.done:
            if site.home_ok and self.session.lga_pending:
                self._parked.add(key)  # the LGA spider may still link to this site
                return
            yield from self.finish_site(site)

    # --- links from the LGA spider, running alongside -----------------------------------------

    def lga_link(self, code: str, url: str) -> None:
        """A link from an LGA report page: a seed for the council's site, if it is being
        searched. Sites whose home page is still to come take it in `_seed`."""
        key = self._key_by_code.get(code)
        site = self.sites.get(key) if key else None
        if site and site.home_ok and not site.done and site.add(url, LGA_LINK_SCORE, "page", 1):
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

    def finish_site(self, site: SiteCheck):
        site.done = True
        site.finished = site.finished or time.monotonic()
        yield from self._documents_from_files(site)
        self.session.record_site(
            site.codes,
            SiteResult(
                SiteOutcome(site.outcome_failure(), site.cpc_pages),
                requests=site.account.requests,
                bytes=site.account.bytes,
                duration_s=site.duration_s,
                gone=tuple(site.gone),
                soft_gone=tuple(site.soft_gone),
            ),
        )

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

    def parse(self, response: Response):
        key = response.meta["site"]
        site = self.sites[key]
        site.in_flight -= 1
        role = response.meta["role"]
        if role == "home":
            if response.status >= 400:
                site.failure = status_reason(response.status)
            else:
                site.home_ok = True
                self._seed(site, response)
                yield from self._examine(site, response)
        elif response.status in (404, 410):
            if role == "known":
                site.gone.append((response.url, response.status))
        elif response.status >= 400:
            if response.meta.get("score", 0) >= LIKELY and role != "sitemap":
                site.likely_failed.append(response.url)
        elif role == "known" and shows_page_not_found(response):
            site.soft_gone.append(response.meta.get("redirect_urls", [response.url])[0])
        elif role == "sitemap":
            children, urls = read_sitemap(response.body)
            for url in children:
                site.add(url, SITEMAP_SCORE, "sitemap")
            for url in urls:
                score = site.platform.adjust(Link(url, ""), link_score(Link(url, "")))
                if score > self.session.options.link_threshold:
                    site.add(url, score, "page", 1)
        elif role == "search":
            self._follow_links(site, response, on_cpc_page=False)
        else:
            yield from self._examine(site, response)
        yield from self.pump(key)

    def failed(self, failure):
        request = failure.request
        key = request.meta["site"]
        site = self.sites[key]
        site.in_flight -= 1
        reason = failure_reason(failure.value)
        role = request.meta["role"]
        if role == "home":
            site.failure = "offsite_redirect" if isinstance(failure.value, OffSite) else reason
        elif isinstance(failure.value, BudgetSpent | OffSite) or reason in (
            "private_address",
            "too_large",
        ):
            pass
        elif request.meta.get("score", 0) >= LIKELY and role in ("page", "known"):
            if reason == "robots_disallowed":
                site.failure = site.failure or reason
            else:
                site.likely_failed.append(request.url)
        self.logger.info("%s: %s (%s)", request.url, reason, failure.getErrorMessage())
        yield from self.pump(key)

    def _seed(self, site: SiteCheck, home: Response) -> None:
        site.platform = detect_platform(home)
        terms = self.session.options.search_terms
        urls = search_urls(home, terms) or [
            u for t in terms if (u := site.platform.search_url(home.url, t))
        ]
        for url in urls:
            site.add(url, SEARCH_SCORE, "search")
        parts = urlsplit(home.url)
        site.add(f"{parts.scheme}://{parts.netloc}/sitemap.xml", SITEMAP_SCORE, "sitemap")
        for code in site.codes:
            for url in self.session.known_document_urls(code):
                site.add(url, KNOWN_SCORE, "known")
            for url in sorted(self.session.lga_council_links.get(code, ())):
                site.add(url, LGA_LINK_SCORE, "page", 1)

    def _examine(self, site: SiteCheck, response: Response):
        """Classify the response; keep it if it is CPC material; follow its links."""
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        extracted = extract_text(response.body, ctype, response.url)
        moderngov = ModernGov.detect(response)  # once: _follow_links needs it too
        on_committee = is_committee_link(response.url) or moderngov
        found = None
        if not extracted.error and extracted.text:
            found = classify(
                title=extracted.title or "",
                text=extracted.text,
                url=response.url,
                link_text=site.link_texts.get(response.url, ""),
                source="committee" if on_committee else "council",
            )
        is_cpc = bool(found and found.is_cpc and found.kind)
        if is_cpc:
            self.session.keep_evidence(response.url, response, extracted)
        if extracted.format != "html":
            if is_cpc:
                site.files.append(
                    (response.url, (found, extracted, ctype, len(response.body), on_committee))
                )
            return
        links = self._follow_links(site, response, on_cpc_page=is_cpc, moderngov=moderngov)
        if not is_cpc or on_committee:
            return
        to_files = any(
            looks_like_file(link.url) and link_score(link, on_cpc_page=True) >= LIKELY
            for link in links
        )
        crumbs = " / ".join(
            response.xpath("//nav[contains(@class,'breadcrumb')]//a/text()").getall()
        )
        under_news = "/news/" in response.url.lower() or any(
            NEWS_CRUMB.match(c.strip()) for c in crumbs.split(" / ")
        )
        kind = page_kind(found, under_news=under_news, links_to_cpc_files=to_files)
        if kind is None:
            site.cpc_pages += 1
            return
        yield self._document(
            site, response.url, found, extracted, kind, ctype, len(response.body), "council"
        )

    def _follow_links(
        self,
        site: SiteCheck,
        response: Response,
        *,
        on_cpc_page: bool,
        moderngov: bool | None = None,
    ) -> list[Link]:
        links = page_links(response)
        depth = response.meta.get("link_depth", 0) + 1
        if moderngov is None:
            moderngov = ModernGov.detect(response)
        platform = ModernGov() if moderngov else site.platform
        threshold = self.session.options.link_threshold
        on_council_site = not is_committee_link(response.url)
        for link in links:
            score = platform.adjust(link, link_score(link, on_cpc_page=on_cpc_page, depth=depth))
            if on_council_site and is_committee_link(link.url):
                self._allow_committee_host(site, link.url)
                score = max(score, COMMITTEE_ENTRY_SCORE)
            too_big = (advertised_size(link.text) or 0) > self.session.options.download_maxsize
            if score > threshold and depth <= MAX_DEPTH and not too_big:
                site.add(link.url, score, "page", depth, link.text)
            elif link.text:
                site.link_texts.setdefault(link.url, link.text)
        return links

    def _documents_from_files(self, site: SiteCheck):
        for url, (found, extracted, ctype, size, on_committee) in site.files:
            kind = file_kind(found, site.link_texts.get(url, ""), on_committee_system=on_committee)
            source = "committee" if on_committee else "council"
            yield self._document(site, url, found, extracted, kind, ctype, size, source)

    def _document(self, site, url, found, extracted, kind, ctype, size, source) -> FoundDocument:
        codes = list(site.codes)
        for name in found.council_names:
            match = self.session.resolver.resolve(name)
            if match.status == "joint" and set(match.codes) & set(site.codes):
                codes += [c for c in match.codes if c not in codes]
        visit = found.visit
        return FoundDocument(
            url=url,
            kind=kind,
            title=human_title(extracted.title, site.link_texts.get(url, ""), found),
            source=source,
            council_codes=tuple(codes),
            content_hash=content_fingerprint(extracted.text),
            visit_start=visit.start_iso if visit else None,
            visit_end=visit.end_iso if visit else None,
            content_type=ctype.split(";")[0].strip(),
            size=size,
            text=extracted.text,
        )
