"""The `lga` spider: every CPC report page the LGA publishes, attributed to register councils.

The index's list markup is not known for certain (domain notes 1.2), and the list may be built
by JavaScript, so nothing here depends on it: any link into the peer-challenge trees is a
candidate, pagination and the "published before 2021" list are followed by their link text or
query, the sitemap and the LGA's own site search add report pages the list misses, and each
page is identified from its own H1 and "Feedback report: <dates>" line. On list pages, PDF
links are followed (a PDF on the LGA's hosts is read here) and links to a council's own site
go to the councils spider. Mirror hosts are canonicalised to www.local.gov.uk, so each report is
fetched once; how each report was reached (index, older_list, sitemap, search) is recorded.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.http import Request, Response

from db.runs import FoundDocument
from scraper.classify import classify, content_fingerprint, extract_text, human_title
from scraper.discovery.files import looks_like_file
from scraper.discovery.links import page_links
from scraper.discovery.search import find_search
from scraper.discovery.sitemaps import read_sitemap
from scraper.domains import (
    canonical_lga_url,
    host_of,
    is_lga_host,
    registrable_domain,
    within,
)
from scraper.spiders.base import SessionSpider

REPORT_TREE = re.compile(r"/peer-challenges(?:-we-offer)?/|/peer-challenge", re.I)
REPORT_SLUG = re.compile(r"/corporate-peer[^/]*/?$", re.I)
LISTING_LINK = re.compile(r"\bnext\b|›|»|published before|older|previous years|archive", re.I)
OLDER_LIST = re.compile(r"published before|older|previous years|archive", re.I)
PAGER_QUERY = re.compile(r"(?:^|&)page=\d+")


class LgaSpider(SessionSpider):
    name = "lga"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.seen: set[str] = set()
        self.index_ok = False
        self.failure = ""

    @property
    def index_url(self) -> str:
        return self.session.options.lga_index_url

    def may_fetch(self, request: Request) -> bool:
        host = host_of(request.url)
        return is_lga_host(host) or within(host, registrable_domain(host_of(self.index_url)))

    async def start(self):
        self.seen.add(canonical_lga_url(self.index_url))
        yield Request(
            self.index_url,
            self.parse_listing,
            errback=self.index_failed,
            dont_filter=True,
            meta={"handle_httpstatus_all": True, "index": True, "route": "index"},
        )
        parts = urlsplit(self.index_url)
        yield Request(
            f"{parts.scheme}://{parts.netloc}/sitemap.xml",
            self.parse_sitemap,
            errback=self.ignore_failure,
            dont_filter=True,
        )

    def parse_listing(self, response: Response):
        if response.status != 200:
            if response.meta.get("index"):
                self.failure = f"index answered HTTP {response.status}"
            return
        route = response.meta.get("route", "index")
        if response.meta.get("index"):
            self.index_ok = True
            for url in find_search(response, self.session.options.search_terms)[1]:
                yield from self.follow(url, self.parse_listing, "search")
        for link in page_links(response):
            host = host_of(link.url)
            if not is_lga_host(host) and not self.may_fetch(Request(link.url)):
                self._to_councils(link.url)
                continue
            path = urlsplit(link.url).path
            query = urlsplit(link.url).query
            same_page = path.rstrip("/") == urlsplit(response.url).path.rstrip("/")
            if (same_page and PAGER_QUERY.search(query)) or (
                LISTING_LINK.search(link.text) and REPORT_TREE.search(path)
            ):
                older = route == "older_list" or bool(OLDER_LIST.search(link.text))
                yield from self.follow(
                    link.url, self.parse_listing, "older_list" if older else route
                )
            elif (REPORT_TREE.search(path) or looks_like_file(link.url)) and not same_page:
                yield from self.follow(link.url, self.parse_report, route)

    def _to_councils(self, url: str) -> None:
        """A list entry linking to a council's own site: a seed for that council's check."""
        for code in self.session.councils_for_url(url):
            self.session.add_lga_link(code, url)

    def parse_sitemap(self, response: Response):
        children, urls = read_sitemap(response.body)
        for url in children:
            yield from self.follow(url, self.parse_sitemap)
        for url in urls:
            if REPORT_SLUG.search(urlsplit(url).path):
                yield from self.follow(url, self.parse_report, "sitemap")

    def follow(self, url: str, callback, route: str = ""):
        canonical = canonical_lga_url(url)
        if callback == self.parse_report and route:
            self.session.lga_routes.setdefault(canonical, set()).add(route)
        if canonical in self.seen:
            return
        self.seen.add(canonical)
        yield Request(
            url,
            callback,
            errback=self.ignore_failure,
            dont_filter=True,
            meta={"route": route},
            cb_kwargs={"canonical": canonical} if callback == self.parse_report else {},
        )

    def parse_report(self, response: Response, canonical: str):
        if response.status != 200:
            return
        extracted = extract_text(
            response.body, response.headers.get("Content-Type", b"").decode("latin-1"), response.url
        )
        if extracted.format == "html":
            h1 = " ".join(" ".join(response.xpath("//h1//text()").getall()).split())
        else:  # a PDF on the "published before 2021" list: its own title
            h1 = extracted.title or ""
        # The classifier, not the title shape, decides: a new title wording must not hide a
        # report. It rejects the index, FAQs, samples and other peer challenges.
        found = classify(title=h1, text=extracted.text, url=canonical, source="lga")
        if not found.is_cpc or found.kind is None or not found.council_names:
            return
        visit = found.visit
        on = visit.start if visit else None
        codes: list[str] = []
        for name in found.council_names:
            match = self.session.resolver.resolve(name, on=on)
            if match.ok:
                codes = list(match.codes)
                break
        if not codes:
            self.logger.warning(
                "LGA report %s: council %r not in the register", canonical, found.council_names[0]
            )
            return
        self.session.keep_evidence(canonical, response, extracted)
        for link in page_links(response) if extracted.format == "html" else ():
            if not is_lga_host(host_of(link.url)):
                for code in codes:
                    self.session.add_lga_link(code, link.url)
        yield FoundDocument(
            url=canonical,
            kind=str(found.kind),
            title=human_title(h1, "", found),
            source="lga",
            council_codes=tuple(codes),
            content_hash=content_fingerprint(extracted.text),
            visit_start=visit.start_iso if visit else None,
            visit_end=visit.end_iso if visit else None,
            content_type="text/html"
            if extracted.format == "html"
            else response.headers.get("Content-Type", b"").decode("latin-1").split(";")[0],
            size=len(response.body),
            http_status=response.status,
            text=extracted.text,
        )

    def index_failed(self, failure):
        self.failure = f"index: {failure.getErrorMessage()}"

    def ignore_failure(self, failure):
        self.logger.info("LGA fetch failed: %s", failure.getErrorMessage())

    def wrap_up(self, reason: str) -> None:
        self.session.lga_status = "ok" if self.index_ok else "failed"
        self.session.lga_failure = self.failure
        self.session.emit(
            "lga_done",
            status=self.session.lga_status,
            reports=sum(1 for d in self.session.documents.values() if d.source == "lga"),
        )
        self.session.end_lga()
