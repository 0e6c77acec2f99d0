"""Where a site's search starts: the seeds from its home page, robots.txt and sitemaps.

Seed scores put known documents first, then search results, the sitemap, LGA-linked pages;
link scores (scraper.discovery.links) rank everything found after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.http import Response

from scraper.discovery.links import Link, link_score, looks_like_file, menu_links
from scraper.discovery.platforms import detect_platform
from scraper.discovery.search import find_search
from scraper.discovery.sitemaps import is_gzipped, read_sitemap, robots_sitemaps
from scraper.domains import host_of
from scraper.sitecheck import SiteCheck

if TYPE_CHECKING:
    from scraper.session import CrawlSession

KNOWN_SCORE, SEARCH_SCORE, SITEMAP_SCORE, LGA_LINK_SCORE = 1.0, 0.9, 0.8, 0.7
ROBOTS_SCORE = 0.95


def seed_from_home(site: SiteCheck, home: Response, session: CrawlSession) -> None:
    """The seeds a readable home page gives: its platform, the site search, the sitemap,
    documents found by earlier runs and links from LGA report pages; and its menus."""
    site.platform = detect_platform(home)
    terms = session.options.search_terms
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
    add_conventional_sitemap(site, home.url)
    for code in site.codes:
        for url in session.known_document_urls(code):
            site.add(url, KNOWN_SCORE, "known")
        for url in sorted(session.lga_council_links.get(code, ())):
            site.coverage.lga_links += 1
            add_lga_url(site, url)
    site.navigation += menu_links(home)


def add_lga_url(site: SiteCheck, url: str) -> bool:
    """A link from an LGA report page; a council file on a CDN may be fetched by its URL."""
    if not site.owns(host_of(url)) and looks_like_file(url):
        site.allow_offsite_file(url)  # a council PDF on a CDN, linked by the LGA
    return site.add(url, LGA_LINK_SCORE, "page", 1)


def read_robots_txt(site: SiteCheck, response: Response) -> None:
    """The sitemaps robots.txt announces (read only when /sitemap.xml is missing)."""
    found = robots_sitemaps(response.body, response.url) if response.status == 200 else []
    for url in found:
        site.coverage.sitemap(url, "robots")
        site.add(url, SITEMAP_SCORE, "sitemap")


def add_conventional_sitemap(site: SiteCheck, page_url: str) -> None:
    parts = urlsplit(page_url)
    url = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
    site.coverage.sitemap(url, "conventional")
    site.add(url, SITEMAP_SCORE, "sitemap")


def sitemap_missing(site: SiteCheck, url: str) -> None:
    """The conventional sitemap is missing: the site may announce others in robots.txt."""
    entry = site.coverage.sitemap(url, "conventional")
    if entry.via == "conventional":
        parts = urlsplit(url)
        site.add(f"{parts.scheme}://{parts.netloc}/robots.txt", ROBOTS_SCORE, "robots")


def read_sitemap_page(site: SiteCheck, response: Response, threshold: float) -> None:
    """A sitemap or sitemap index: its children are read, its pages scoring above `threshold`
    are queued."""
    entry = site.coverage.sitemap(response.url, "index")
    if response.status >= 400:
        entry.status = "absent" if response.status in (404, 410) else "failed"
        sitemap_missing(site, response.url)
        return
    entry.gzipped = is_gzipped(response.url, response.body)
    children, urls = read_sitemap(response.body)
    if not children and not urls:
        entry.status = "failed" if response.body.strip() else "absent"
        sitemap_missing(site, response.url)
        return
    entry.status = "found"
    entry.urls = len(children) + len(urls)
    for url in children:
        site.coverage.sitemap(url, "index")
        site.add(url, SITEMAP_SCORE, "sitemap")
    for url in urls:
        link = Link(url, "")
        score = site.platform.adjust(link, link_score(link))
        if score > threshold:
            site.add(url, score, "page", 1)


def add_news_sitemap(site: SiteCheck, url: str) -> None:
    """A news host of the council's own domain (news.<council>.gov.uk): its sitemap too."""
    host = host_of(url)
    parts = urlsplit(url)
    if host != host_of(site.home_url) and host.startswith("news."):
        sitemap = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
        if not site.has_seen(sitemap):
            site.coverage.sitemap(sitemap, "news")
            site.add(sitemap, SITEMAP_SCORE - 0.1, "sitemap")
