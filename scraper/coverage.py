"""What one check of a council searched, and how it went: the coverage record.

A verdict of "no CPC" or "no report" is only as good as the search behind it, so every check
keeps a record of what it read: the site's own search, each sitemap, the council hub, the
committee system and how far it was walked, the news section, the LGA, and the budget. The
record is stored with the check (`checks.coverage`, JSON), its `facts` feed the coverage
standard in `scraper.verdicts`, and `coverage_summary` is the one place its plain-English
wording comes from ("site search, sitemap, committee papers, news").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

#: How the site's own search went.
SEARCH_STATES = ("used", "absent", "robots_disallowed", "javascript_only", "failed")
#: How one sitemap went.
SITEMAP_STATES = ("found", "absent", "failed")
#: Committee systems peerwatch knows how to walk; `other` is one recognised by host or path only.
COMMITTEE_SYSTEMS = ("moderngov", "cmis", "other", "none_found")


@dataclass
class SitemapRead:
    url: str
    #: conventional (/sitemap.xml), robots (a `Sitemap:` line), index (a child), news (news host)
    via: str = "conventional"
    status: str = "absent"
    urls: int = 0
    gzipped: bool = False


@dataclass
class CommitteeCoverage:
    system: str = "none_found"
    #: How it was found: link_text, host, path, page (the page itself looked like one).
    found_by: str = ""
    entry: str = ""
    #: Pages read on it, by level: committee lists/details, meeting lists, agendas, documents.
    committees: int = 0
    meetings: int = 0
    agendas: int = 0
    documents: int = 0
    searched: bool = False

    @property
    def walked(self) -> bool:
        """Read as far as some meeting's papers (or searched with its own search)."""
        return self.searched or self.agendas > 0 or self.meetings > 0 or self.documents > 0


@dataclass
class Coverage:
    search: str = "absent"
    search_url: str = ""
    sitemaps: list[SitemapRead] = field(default_factory=list)
    hub_found: bool = False
    hub_read: bool = False
    hub_url: str = ""
    committee: CommitteeCoverage = field(default_factory=CommitteeCoverage)
    news_found: bool = False
    news_read: bool = False
    news_host: str = ""
    #: The conventional news path looked at when no link led to a news section: "" (not
    #: looked at), absent (not there), found, or failed (could not be fetched).
    news_probe: str = ""
    #: The breadth-first walk of the main menu and hub, done when the search ran dry: pages
    #: queued, read, and whether the walk had to stop short of the menu's end.
    navigation_queued: int = 0
    navigation_read: int = 0
    navigation_truncated: bool = False
    lga: str = "not_run"  # ok | failed | not_run
    lga_reports: int = 0
    lga_routes: dict[str, int] = field(default_factory=dict)
    lga_links: int = 0
    pages_read: int = 0
    documents_read: int = 0
    budget: int = 0
    requests: int = 0
    #: Filled in by the verdict: the parts of the coverage standard this check did not meet.
    missing: list[str] = field(default_factory=list)

    def sitemap(self, url: str, via: str) -> SitemapRead:
        for entry in self.sitemaps:
            if entry.url == url:
                return entry
        entry = SitemapRead(url, via)
        self.sitemaps.append(entry)
        return entry

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def facts(record: Coverage) -> frozenset[str]:
    """The facts the coverage standard (`scraper.verdicts.COVERAGE_STANDARD`) is written in."""
    out = set()
    if record.search == "used":
        out.add("site_search")
    if any(s.status == "found" and s.urls for s in record.sitemaps):
        out.add("sitemap")
    if record.hub_read:
        out.add("council_hub")
    if record.news_read:
        out.add("news")
    if news_absent(record):
        out.add("news_absent")
    if record.committee.system != "none_found" and record.committee.walked:
        out.add("committee_searched")
    if (
        record.committee.system == "none_found"
        and not record.committee.found_by
        and (record.hub_read or navigation_complete(record))
    ):
        out.add("committee_absent")
    return frozenset(out)


def news_absent(record: Coverage) -> bool:
    """The site has no news section, as far as an honest look can tell: no link to one on the
    home page's menus and footer, the council hub or the pages of the main menu walked, and
    nothing at the conventional path."""
    return (
        record.news_probe == "absent"
        and not record.news_found
        and not record.news_read
        and record.hub_read
        and record.navigation_read > 0
    )


def navigation_complete(record: Coverage) -> bool:
    """Every page of the main menu was read (no committee link there means none is linked)."""
    return (
        record.navigation_queued > 0
        and not record.navigation_truncated
        and record.navigation_read >= record.navigation_queued
    )


def coverage_summary(record: Coverage | Mapping[str, Any] | None) -> str:
    """What a check searched, in a few plain words: "site search, sitemap, committee papers,
    news". The one wording used by the status command, Datasette and the digest."""
    if record is None:
        return ""
    data = record.to_dict() if isinstance(record, Coverage) else record
    committee = data.get("committee") or {}
    parts = []
    if data.get("search") == "used":
        parts.append("site search")
    if any(s.get("status") == "found" and s.get("urls") for s in data.get("sitemaps") or ()):
        parts.append("sitemap")
    if data.get("hub_read"):
        parts.append("council pages")
    if committee.get("system", "none_found") != "none_found" or committee.get("found_by"):
        walked = (
            committee.get("searched")
            or committee.get("agendas")
            or committee.get("meetings")
            or committee.get("documents")
        )
        parts.append("committee papers" if walked else "committee system (not reached)")
    if data.get("news_read"):
        parts.append("news")
    elif data.get("news_probe") == "absent" and not data.get("news_found"):
        parts.append("no news section")
    if data.get("navigation_read"):
        parts.append("site menus")
    if data.get("lga") == "ok":
        parts.append("LGA")
    text = ", ".join(parts) or "home page only"
    missing = data.get("missing") or ()
    return f"{text}; not enough: {', '.join(missing)}" if missing else text


def from_dict(data: Mapping[str, Any]) -> Coverage:
    """A record read back from its JSON (unknown keys ignored, so old rows still load)."""
    known = Coverage.__dataclass_fields__
    values = {k: v for k, v in data.items() if k in known}
    values["sitemaps"] = [SitemapRead(**s) for s in data.get("sitemaps") or ()]
    values["committee"] = CommitteeCoverage(**(data.get("committee") or {}))
    return Coverage(**values)
