"""Reading a page of a council's site: which section it is in, and which of its links to follow.

Sections (hub, committee system, news) come from link texts and URLs (scraper.discovery
.vocabulary, .committees); they raise link scores, feed the coverage record, and let a walk
through a committee system go deeper than the usual depth.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.http import Response

from scraper.discovery import committees, vocabulary
from scraper.discovery.links import (
    Link,
    advertised_size,
    link_score,
    looks_like_file,
    menu_links,
    page_links,
)
from scraper.discovery.platforms import ModernGov
from scraper.domains import (
    COMMITTEE_HOST,
    COMMITTEE_PATH,
    host_of,
    is_committee_link,
    is_lga_host,
    url_key,
)
from scraper.options import CrawlOptions
from scraper.site_seeds import add_news_sitemap
from scraper.sitecheck import SiteCheck

#: Link depth past which pages are not followed (a committee walk may go further).
MAX_DEPTH = 6


def note_section(site: SiteCheck, response: Response, options: CrawlOptions) -> None:
    """Record what kind of page was read, for the coverage record."""
    coverage = site.coverage
    site.read.add(url_key(response.url))
    section = page_section(site, response)
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
    note_committee_entry(site, response.url, "page")
    if level == "search":
        committee.searched = True
    else:
        setattr(committee, level, getattr(committee, level) + 1)
    if system == "moderngov" and not site.committee_search_added:
        site.committee_search_added = True
        for term in options.search_terms:
            site.add(committees.moderngov_search_url(response.url, term), 0.9, "page", 2)


def follow_links(
    site: SiteCheck,
    response: Response,
    options: CrawlOptions,
    *,
    on_cpc_page: bool,
    moderngov: bool | None = None,
) -> list[Link]:
    """Queue the page's links worth a request, with their sections; returns every link."""
    links = page_links(response)
    depth = response.meta.get("link_depth", 0) + 1
    if moderngov is None:
        moderngov = ModernGov.detect(response)
    platform = ModernGov() if moderngov else site.platform
    threshold = options.link_threshold
    on_council_site = not is_committee_link(response.url) and not moderngov
    on_news = response.meta.get("section") == "news"
    # Inside a committee system the level table does not know (pages under /committees):
    # its links deeper in the same section are walked too.
    # Inside a committee system the level table does not know (plain pages under a
    # "Committee meetings" link): the page's own links, not its menus, go one level down.
    walk = response.meta.get("walk", 0) + 1
    in_committee = page_section(site, response) == "committee" and not (
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
            level = committees.other_level(walk, link.url)
            score = walk_floor(site, level, score, link.text)
            if level != "committees" and url_key(link.url) in site.read:
                # read already (through the sitemap or search): part of the walk too
                committee = site.coverage.committee
                setattr(committee, level, getattr(committee, level) + 1)
        elif on_council_site:
            section = vocabulary.section_of(link.text, link.url)
            if is_committee_link(link.url) and section != "news":
                section = "committee"
            if section == "committee":
                if not site.owns(host):
                    site.allow_committee_host(link.url)
                note_committee_entry(site, link.url, "link_text")
                site.committee_urls.add(url_key(link.url))
                score = max(score, vocabulary.COMMITTEE_SCORE)
                entry = committees.entry_page(link.url)
                if entry and entry != link.url:  # a calendar or a deep link: its list too
                    site.add(entry, score, "page", depth, "Committee structure", section)
            elif section == "hub":
                site.coverage.hub_found = True
                site.hub_urls.add(url_key(link.url))
                if url_key(link.url) in site.read:  # read before a link called it the hub
                    site.coverage.hub_read = True
                score = max(score, vocabulary.HUB_SCORE)
            elif section == "cpc_section":
                score = max(score, vocabulary.CPC_SECTION_SCORE)
            elif section == "news" and site.owns(host):
                site.coverage.news_found = True
                score = max(score, vocabulary.NEWS_SCORE)
                add_news_sitemap(site, link.url)
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
            score = walk_floor(site, placed[1], score, link.text)
            max_depth += committees.EXTRA_DEPTH
        elif section == "committee" and in_committee:
            max_depth += committees.EXTRA_DEPTH  # meeting pages of the main CMS are deep too
        too_big = (advertised_size(link.text) or 0) > options.download_maxsize
        if score > threshold and depth <= max_depth and not too_big:
            site.add(
                link.url, score, "page", depth, link.text, section, walk if in_committee else 0
            )
        elif link.text:
            site.link_texts.setdefault(link.url, link.text)
    return links


def page_section(site: SiteCheck, response: Response) -> str | None:
    """The section a page belongs to: as its link said, or as a link to it said elsewhere
    (a committee page reached first through the sitemap or the menus)."""
    section = response.meta.get("section")
    if section is None and url_key(response.url) in site.committee_urls:
        return "committee"
    if section is None and url_key(response.url) in site.hub_urls:
        return "hub"
    if section is None and response.meta.get("role") != "search":
        return vocabulary.section_of_page(response.url)
    return section


def note_committee_entry(site: SiteCheck, url: str, how: str) -> None:
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


def walk_floor(site: SiteCheck, level: str, score: float, text: str = "") -> float:
    """Keep the committee walk going past dull link texts, a few links per level; the
    committees that take CPC reports (cabinet, executive, full council) and their meetings
    always. The walk
    earns the coverage a negative verdict needs; once a report is found the verdict needs
    none, and only links that score on their own are followed."""
    if site.reports_found:
        return score
    floor, per_site = committees.WALK_FLOORS.get(level, (0.0, 0))
    if level in committees.DECISION_MAKER_LEVELS and committees.DECISION_MAKERS.search(text):
        return max(score, floor + committees.DECISION_MAKER_BONUS)
    if score >= floor or site.walk_floors.get(level, 0) >= per_site:
        return score
    site.walk_floors[level] = site.walk_floors.get(level, 0) + 1
    return floor
