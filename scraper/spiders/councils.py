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

from scraper.blockers import page_blocker
from scraper.classify import classify, extract_text
from scraper.classify.text import sniff_format
from scraper.discovery import committees, vocabulary
from scraper.discovery.documents import NEWS_CRUMB, page_kind
from scraper.discovery.links import (
    LIKELY,
    Link,
    advertised_size,
    link_score,
    looks_like_file,
    menu_links,
    page_links,
)
from scraper.discovery.platforms import ModernGov, detect_platform
from scraper.discovery.search import find_search
from scraper.discovery.sitemaps import is_gzipped, read_sitemap, robots_sitemaps
from scraper.domains import (
    COMMITTEE_HOST,
    COMMITTEE_PATH,
    host_of,
    is_committee_link,
    is_lga_host,
    url_key,
)
from scraper.middlewares import BudgetSpent, OffSite, Refused
from scraper.site_documents import Find, document_for, documents_from_files
from scraper.sitecheck import Candidate, SiteCheck, SiteResult
from scraper.sites import SiteRegistry
from scraper.soft404 import is_soft_404
from scraper.spiders.base import SessionSpider
from scraper.verdicts import SiteOutcome

#: Statuses the spider wants to see itself rather than have filtered (redirects stay automatic).
SEEN_STATUSES = [400, 401, 403, 404, 410, 429, 500, 502, 503, 504]
MAX_DEPTH = 6
#: Seed scores: known documents first, then search results, the sitemap, LGA-linked pages.
KNOWN_SCORE, SEARCH_SCORE, SITEMAP_SCORE, LGA_LINK_SCORE = 1.0, 0.9, 0.8, 0.7
ROBOTS_SCORE = 0.95
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

    def account_for(self, host: str):
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

    def pump(self, key: str):
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
        searched. Sites whose home page is still to come take it in `_seed`."""
        key = self.registry.key_for(code)
        site = self.sites.get(key) if key else None
        if site and site.home_ok and not site.done:
            site.coverage.lga_links += 1
            if self._add_lga_url(site, url):
                self._schedule(key)

    def _add_lga_url(self, site: SiteCheck, url: str) -> bool:
        if not site.owns(host_of(url)) and looks_like_file(url):
            site.allow_offsite_file(url)  # a council PDF on a CDN, linked by the LGA
        return site.add(url, LGA_LINK_SCORE, "page", 1)

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

    def parse(self, response: Response):
        key = response.meta["site"]
        site = self.sites[key]
        site.answered()
        role = response.meta["role"]
        if role == "home":
            if response.status >= 400:
                site.failure = status_reason(response.status)
            elif blocker := self._blocker(response):
                site.failure = blocker
            else:
                site.home_ok = True
                self._seed(site, response)
                yield from self._examine(site, response)
        elif role == "robots":
            self._read_robots(site, response)
        elif role == "sitemap":
            self._read_sitemap(site, response)
        elif role == "search":
            self._read_search(site, response)
        elif response.status in (404, 410):
            if role == "known":
                site.gone.append((response.url, response.status))
        elif response.status >= 400:
            if response.meta.get("score", 0) >= LIKELY:
                site.likely_failed.append(response.url)
        elif role == "known" and shows_page_not_found(response):
            site.soft_gone.append(response.meta.get("redirect_urls", [response.url])[0])
        else:
            self._note_section(site, response)
            yield from self._examine(site, response)
        yield from self.pump(key)

    def failed(self, failure):
        request = failure.request
        key = request.meta["site"]
        site = self.sites[key]
        site.answered()
        reason = failure_reason(failure.value)
        role = request.meta["role"]
        if role == "home":
            site.failure = "offsite_redirect" if isinstance(failure.value, OffSite) else reason
        elif role == "robots":
            pass
        elif role == "sitemap":
            site.coverage.sitemap(request.url, "conventional").status = (
                "absent" if reason == "robots_disallowed" else "failed"
            )
            self._sitemap_missing(site, request.url)
        elif role == "search":
            site.coverage.search = (
                "robots_disallowed" if reason == "robots_disallowed" else "failed"
            )
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

    @staticmethod
    def _blocker(response: Response) -> str | None:
        """A home page that is a JavaScript app shell or a consent wall shows nothing."""
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if "html" not in ctype and not response.body[:200].lstrip().startswith(b"<"):
            return None
        return page_blocker(response.body)

    # --- seeds: search, robots.txt and sitemaps --------------------------------------------

    def _seed(self, site: SiteCheck, home: Response) -> None:
        site.platform = detect_platform(home)
        terms = self.session.options.search_terms
        state, urls = find_search(home, terms)
        if not urls:
            urls = [u for t in terms if (u := site.platform.search_url(home.url, t))]
            state = "guessed" if urls else state
        # "failed" until a results page is read ("used"); a guessed URL that 404s is "absent".
        site.coverage.search = {"form": "failed", "guessed": "absent"}.get(state, state)
        for url in urls:
            site.add(url, SEARCH_SCORE, "search")
        site.coverage.search_url = urls[0] if urls else ""
        site.search_guessed = state == "guessed"
        # /sitemap.xml first; only when it is missing is robots.txt read for `Sitemap:` lines
        # (Scrapy reads robots.txt for its rules, but not for us).
        self._add_conventional_sitemap(site, home.url)
        for code in site.codes:
            for url in self.session.known_document_urls(code):
                site.add(url, KNOWN_SCORE, "known")
            for url in sorted(self.session.lga_council_links.get(code, ())):
                site.coverage.lga_links += 1
                self._add_lga_url(site, url)
        site.navigation += menu_links(home)

    def _read_robots(self, site: SiteCheck, response: Response) -> None:
        found = robots_sitemaps(response.body, response.url) if response.status == 200 else []
        for url in found:
            site.coverage.sitemap(url, "robots")
            site.add(url, SITEMAP_SCORE, "sitemap")

    def _add_conventional_sitemap(self, site: SiteCheck, page_url: str) -> None:
        parts = urlsplit(page_url)
        url = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
        site.coverage.sitemap(url, "conventional")
        site.add(url, SITEMAP_SCORE, "sitemap")

    def _sitemap_missing(self, site: SiteCheck, url: str) -> None:
        """The conventional sitemap is missing: the site may announce others in robots.txt."""
        entry = site.coverage.sitemap(url, "conventional")
        if entry.via == "conventional":
            parts = urlsplit(url)
            site.add(f"{parts.scheme}://{parts.netloc}/robots.txt", ROBOTS_SCORE, "robots")

    def _read_sitemap(self, site: SiteCheck, response: Response) -> None:
        entry = site.coverage.sitemap(response.url, "index")
        if response.status >= 400:
            entry.status = "absent" if response.status in (404, 410) else "failed"
            self._sitemap_missing(site, response.url)
            return
        entry.gzipped = is_gzipped(response.url, response.body)
        children, urls = read_sitemap(response.body)
        if not children and not urls:
            entry.status = "failed" if response.body.strip() else "absent"
            self._sitemap_missing(site, response.url)
            return
        entry.status = "found"
        entry.urls = len(children) + len(urls)
        for url in children:
            site.coverage.sitemap(url, "index")
            site.add(url, SITEMAP_SCORE, "sitemap")
        threshold = self.session.options.link_threshold
        for url in urls:
            link = Link(url, "")
            score = site.platform.adjust(link, link_score(link))
            if score > threshold:
                site.add(url, score, "page", 1)

    def _read_search(self, site: SiteCheck, response: Response) -> None:
        if response.status >= 400:
            if site.coverage.search != "used":
                site.coverage.search = (
                    "absent" if site.search_guessed and response.status in (404, 410) else "failed"
                )
            return
        if page_blocker(response.body) == "javascript_required":
            if site.coverage.search != "used":
                site.coverage.search = "javascript_only"
            return
        site.coverage.search = "used"
        site.coverage.pages_read += 1
        self._follow_links(site, response, on_cpc_page=False)

    # --- sections: hub, committee system, news ------------------------------------------------

    def _note_section(self, site: SiteCheck, response: Response) -> None:
        """Record what kind of page was read, for the coverage record."""
        coverage = site.coverage
        section = self._section(site, response)
        if response.meta.get("role") == "nav":
            coverage.navigation_read += 1
        if section == "hub":
            coverage.hub_read = True
            coverage.hub_url = coverage.hub_url or response.url
            site.navigation += menu_links(response, everything=True)
        elif section == "news":
            coverage.news_read = True
            coverage.news_host = coverage.news_host or host_of(response.url)
        placed = committees.system_and_level(response.url)
        if placed is None and (section == "committee" or is_committee_link(response.url)):
            # A committee system the level table does not know (pages under /committees): its
            # entry and the pages one level below are its committees, deeper ones its meetings.
            level = committees.other_level(response.meta.get("walk", 0), response.url)
            placed = ("moderngov" if ModernGov.detect(response) else "other", level)
        if placed is None:
            return
        system, level = placed
        committee = coverage.committee
        if committee.system in ("none_found", "other"):
            committee.system = system
        self._committee_found(site, response.url, "page")
        if level == "search":
            committee.searched = True
        else:
            setattr(committee, level, getattr(committee, level) + 1)
        if system == "moderngov" and not site.committee_search_added:
            site.committee_search_added = True
            for term in self.session.options.search_terms:
                site.add(committees.moderngov_search_url(response.url, term), 0.9, "page", 2)

    def _examine(self, site: SiteCheck, response: Response):
        """Classify the response; keep it if it is CPC material; follow its links."""
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        extracted = extract_text(response.body, ctype, response.url)
        moderngov = ModernGov.detect(response)  # once: _follow_links needs it too
        on_committee = is_committee_link(response.url) or moderngov
        if extracted.format == "html":
            site.coverage.pages_read += 1
        else:
            site.coverage.documents_read += 1
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
            find = Find(response.url, found, extracted, ctype, len(response.body), on_committee)
        if extracted.format != "html":
            if is_cpc:
                if find.file_kind("") == "feedback_report":
                    site.reports_found += 1
                site.files.append(find)
            return
        if not site.owns(host_of(response.url)):
            return  # an off-site URL that turned out to be a page: read, never crawled
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
        if kind == "feedback_report":
            site.reports_found += 1
        yield document_for(
            find, kind, site.codes, site.link_texts.get(find.url, ""), self.session.resolver
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
        on_council_site = not is_committee_link(response.url) and not moderngov
        on_news = response.meta.get("section") == "news"
        # Inside a committee system the level table does not know (pages under /committees):
        # its links deeper in the same section are walked too.
        # Inside a committee system the level table does not know (plain pages under a
        # "Committee meetings" link): the page's own links, not its menus, go one level down.
        walk = response.meta.get("walk", 0) + 1
        in_committee = self._section(site, response) == "committee" and not (
            moderngov or committees.system_and_level(response.url)
        )
        menu = {link.url for link in menu_links(response)} if in_committee else set()
        for link in links:
            score = platform.adjust(link, link_score(link, on_cpc_page=on_cpc_page, depth=depth))
            section = None
            host = host_of(link.url)
            if (
                in_committee
                and site.owns(host)
                and link.url not in menu
                and not platform.should_skip(link.url)
            ):
                section = "committee"
                score = self._walk_floor(site, committees.other_level(walk, link.url), score)
            elif on_council_site:
                section = vocabulary.section_of(link.text, link.url)
                if is_committee_link(link.url) and section != "news":
                    section = "committee"
                if section == "committee":
                    if not site.owns(host):
                        site.allow_committee_host(link.url)
                    self._committee_found(site, link.url, "link_text")
                    site.committee_urls.add(url_key(link.url))
                    score = max(score, vocabulary.COMMITTEE_SCORE)
                    entry = committees.entry_page(link.url)
                    if entry and entry != link.url:  # a calendar or a deep link: its list too
                        site.add(entry, score, "page", depth, "Committee structure", section)
                elif section == "hub":
                    site.coverage.hub_found = True
                    score = max(score, vocabulary.HUB_SCORE)
                elif section == "cpc_section":
                    score = max(score, vocabulary.CPC_SECTION_SCORE)
                elif section == "news" and site.owns(host):
                    site.coverage.news_found = True
                    score = max(score, vocabulary.NEWS_SCORE)
                    self._news_host(site, link.url)
                if on_news and vocabulary.CPC_HINT.search(link.text):
                    score = max(score, vocabulary.NEWS_RELEASE_SCORE)
                if (
                    not site.owns(host)
                    and looks_like_file(link.url)
                    and score > threshold
                    and not is_lga_host(host)
                ):
                    site.allow_offsite_file(link.url)
            placed = committees.system_and_level(link.url)
            max_depth = MAX_DEPTH
            if placed and (moderngov or not on_council_site or section == "committee"):
                score = self._walk_floor(site, placed[1], score)
                max_depth += committees.EXTRA_DEPTH
            too_big = (advertised_size(link.text) or 0) > self.session.options.download_maxsize
            if score > threshold and depth <= max_depth and not too_big:
                site.add(
                    link.url, score, "page", depth, link.text, section, walk if in_committee else 0
                )
            elif link.text:
                site.link_texts.setdefault(link.url, link.text)
        return links

    @staticmethod
    def _section(site: SiteCheck, response: Response) -> str | None:
        """The section a page belongs to: as its link said, or as a link to it said elsewhere
        (a committee page reached first through the sitemap or the menus)."""
        section = response.meta.get("section")
        if section is None and url_key(response.url) in site.committee_urls:
            return "committee"
        return section

    @staticmethod
    def _committee_found(site: SiteCheck, url: str, how: str) -> None:
        """Note the first way into the committee system: by its host (democracy.*,
        *.moderngov.co.uk), its path (/cmis, /committees) or a link's text."""
        committee = site.coverage.committee
        if committee.found_by:
            return
        if COMMITTEE_HOST.search(host_of(url)):
            how = "host"
        elif vocabulary.COMMITTEE_PATH.search(urlsplit(url).path) or COMMITTEE_PATH.search(url):
            how = "path"
        committee.found_by, committee.entry = how, url

    @staticmethod
    def _walk_floor(site: SiteCheck, level: str, score: float) -> float:
        """Keep the committee walk going past dull link texts, a few links per level."""
        floor, per_site = committees.WALK_FLOORS.get(level, (0.0, 0))
        if score >= floor or site.walk_floors.get(level, 0) >= per_site:
            return score
        site.walk_floors[level] = site.walk_floors.get(level, 0) + 1
        return floor

    def _news_host(self, site: SiteCheck, url: str) -> None:
        """A news host of the council's own domain (news.<council>.gov.uk): its sitemap too."""
        host = host_of(url)
        parts = urlsplit(url)
        if host != host_of(site.home_url) and host.startswith("news."):
            sitemap = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
            if not site.has_seen(sitemap):
                site.coverage.sitemap(sitemap, "news")
                site.add(sitemap, SITEMAP_SCORE - 0.1, "sitemap")
