"""What a council site's response (or failed request) means for its check.

Every request of a site ends here, in `read_response` or `read_failure`, by its role: the home
page decides whether the site can be read at all; robots.txt, sitemaps and search results add
seeds; other pages and files are classified, kept when they are CPC material, and followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import (
    CannotResolveHostError,
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
from scraper.blockers import page_blocker
from scraper.classify import classify, extract_text
from scraper.classify.text import sniff_format
from scraper.discovery.documents import NEWS_CRUMB, page_kind
from scraper.discovery.links import LIKELY, link_score, looks_like_file
from scraper.discovery.platforms import ModernGov
from scraper.domains import host_of, is_committee_link
from scraper.middlewares import BudgetSpent, OffSite, Refused
from scraper.options import CrawlOptions
from scraper.site_documents import Find, document_for
from scraper.site_links import follow_links, note_section
from scraper.site_seeds import read_robots_txt, read_sitemap_page, seed_from_home, sitemap_missing
from scraper.sitecheck import SiteCheck
from scraper.soft404 import is_soft_404

if TYPE_CHECKING:
    from scraper.session import CrawlSession

#: Statuses the spider wants to see itself rather than have filtered (redirects stay automatic).
SEEN_STATUSES = [400, 401, 403, 404, 410, 429, 500, 502, 503, 504]


def read_response(
    site: SiteCheck, response: Response, session: CrawlSession
) -> Iterator[FoundDocument]:
    """Read one response of the site by its role; yields the documents it makes."""
    role = response.meta["role"]
    if role == "home":
        if response.status >= 400:
            site.failure = status_reason(response.status)
        elif blocker := home_blocker(response):
            site.failure = blocker
        else:
            site.home_ok = True
            seed_from_home(site, response, session)
            yield from examine(site, response, session)
    elif role == "robots":
        read_robots_txt(site, response)
    elif role == "sitemap":
        read_sitemap_page(site, response, session.options.link_threshold)
    elif role == "search":
        read_search(site, response, session.options)
    elif role == "news_probe" and (
        response.status >= 400
        or urlsplit(response.url).path in ("", "/")  # sent back to the home page
        or shows_page_not_found(response)
    ):
        site.coverage.news_probe = "absent" if response.status < 500 else "failed"
    elif response.status in (404, 410):
        if role == "known":
            site.gone.append((response.url, response.status))
    elif response.status >= 400:
        if response.meta.get("score", 0) >= LIKELY:
            site.likely_failed.append(response.url)
    elif role == "known" and shows_page_not_found(response):
        site.soft_gone.append(response.meta.get("redirect_urls", [response.url])[0])
    else:
        if role == "news_probe":
            site.coverage.news_probe = "found"
        note_section(site, response, session.options)
        yield from examine(site, response, session)


def read_failure(site: SiteCheck, request: Request, exc: BaseException) -> str:
    """Note a request that got no response; returns the reason, for the log."""
    reason = failure_reason(exc)
    role = request.meta["role"]
    if role == "home":
        site.failure = "offsite_redirect" if isinstance(exc, OffSite) else reason
    elif role == "robots":
        pass
    elif role == "sitemap":
        site.coverage.sitemap(request.url, "conventional").status = (
            "absent" if reason == "robots_disallowed" else "failed"
        )
        sitemap_missing(site, request.url)
    elif role == "search":
        site.coverage.search = "robots_disallowed" if reason == "robots_disallowed" else "failed"
    elif role == "news_probe":
        site.coverage.news_probe = "failed"
    elif isinstance(exc, BudgetSpent | OffSite) or reason in ("private_address", "too_large"):
        pass
    elif request.meta.get("score", 0) >= LIKELY and role in ("page", "known"):
        if reason == "robots_disallowed":
            site.failure = site.failure or reason
        else:
            site.likely_failed.append(request.url)
    return reason


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


def home_blocker(response: Response) -> str | None:
    """A home page that is a JavaScript app shell or a consent wall shows nothing."""
    ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
    if "html" not in ctype and not response.body[:200].lstrip().startswith(b"<"):
        return None
    return page_blocker(response.body)


def read_search(site: SiteCheck, response: Response, options: CrawlOptions) -> None:
    """A page of site search results: its links are followed, and the coverage record says
    whether the search worked."""
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
    follow_links(site, response, options, on_cpc_page=False)


#: The file a CPC landing page's structure names as the report (`Classification.report_link`).
REPORT_LINK_SCORE = 0.95


def examine(site: SiteCheck, response: Response, session: CrawlSession) -> Iterator[FoundDocument]:
    """Classify the response; keep it if it is CPC material; follow its links."""
    ctype = response.headers.get("Content-Type", b"").decode("latin-1")
    extracted = extract_text(response.body, ctype, response.url)
    moderngov = ModernGov.detect(response)  # once: follow_links needs it too
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
            html=response.text if extracted.format == "html" else None,
            file_format=extracted.format,
            is_council=lambda name: session.resolver.resolve(name).ok,
        )
    find: Find | None = None
    if found and found.is_cpc and found.kind:
        session.keep_evidence(response.url, response, extracted)
        find = Find(response.url, found, extracted, ctype, len(response.body), on_committee)
    if extracted.format != "html":
        if find:
            if find.file_kind("") == "feedback_report":
                site.reports_found += 1
            site.files.append(find)
        return
    if not site.owns(host_of(response.url)):
        return  # an off-site URL that turned out to be a page: read, never crawled
    links = follow_links(
        site, response, session.options, on_cpc_page=find is not None, moderngov=moderngov
    )
    if find is None or on_committee:
        return
    if found.report_link:  # the file this landing page points at, as its structure says
        if not site.owns(host_of(found.report_link)):
            site.allow_offsite_file(found.report_link)
        site.add(
            found.report_link, REPORT_LINK_SCORE, "page", response.meta.get("link_depth", 0) + 1
        )
    to_files = bool(found.report_link) or any(
        looks_like_file(link.url) and link_score(link, on_cpc_page=True) >= LIKELY for link in links
    )
    crumbs = " / ".join(response.xpath("//nav[contains(@class,'breadcrumb')]//a/text()").getall())
    under_news = "/news/" in response.url.lower() or any(
        NEWS_CRUMB.match(c.strip()) for c in crumbs.split(" / ")
    )
    kind = page_kind(found, under_news=under_news, links_to_cpc_files=to_files)
    if kind is None:
        site.cpc_pages += 1
        return
    if kind == "feedback_report":
        site.reports_found += 1
    yield document_for(find, kind, site.codes, site.link_texts.get(find.url, ""), session.resolver)
