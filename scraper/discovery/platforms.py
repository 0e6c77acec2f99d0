"""Small per-CMS strategies for the platforms most English councils run on.

A platform knows how to recognise itself, where its search lives when the home page has no
usable form, which URLs are documents, which are never worth a request, and which links
deserve a nudge. The default `Platform` is a plain site; the rest only say what differs.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin

from scrapy.http import Response, TextResponse

from scraper.discovery.links import Link


class Platform:
    name = "generic"
    #: Matched against the generator meta tag and the page's own link URLs.
    generator: re.Pattern[str] | None = None
    url_hint: re.Pattern[str] | None = None
    search_path: str | None = None
    search_field = "q"
    #: Never fetched: large, endless or never the report.
    skip = re.compile(
        r"/(?:login|logout|user|account|admin|cart|basket)\b|[?&](?:print|share)=", re.I
    )
    boost: tuple[tuple[re.Pattern[str], float], ...] = ()

    @classmethod
    def detect(cls, response: Response) -> bool:
        if not isinstance(response, TextResponse):
            return False
        root = response.selector.root  # lxml directly: no Selector object per match
        if cls.generator:
            meta = " ".join(
                str(v)
                for v in root.xpath("//meta[@name='generator' or @name='Generator']/@content")
            )
            if cls.generator.search(meta):
                return True
        if cls.url_hint:
            hint = cls.url_hint
            return sum(1 for href in root.xpath("//a/@href")[:300] if hint.search(href)) >= 3
        return False

    def search_url(self, base: str, term: str) -> str | None:
        if not self.search_path:
            return None
        return urljoin(base, self.search_path) + "?" + urlencode({self.search_field: term})

    def should_skip(self, url: str) -> bool:
        return bool(self.skip.search(url))

    def adjust(self, link: Link, score: float) -> float:
        haystack = f"{link.text} {link.url}"
        return score + sum(weight for pattern, weight in self.boost if pattern.search(haystack))


class LocalGovDrupal(Platform):
    name = "localgov_drupal"
    generator = re.compile(r"drupal|localgov", re.I)
    search_path = "/search"
    boost = ((re.compile(r"/sites/default/files/.+\.pdf", re.I), 0.05),)


class Jadu(Platform):
    name = "jadu"
    generator = re.compile(r"jadu", re.I)
    url_hint = re.compile(r"/info/\d+/|/downloads/file/\d+/")
    search_path = "/site_search/results/"
    boost = ((re.compile(r"/downloads/file/\d+/", re.I), 0.05),)


class Goss(Platform):
    name = "goss"
    generator = re.compile(r"goss", re.I)
    url_hint = re.compile(r"/article/\d+/|/media/\d+/")
    search_path = "/search"
    boost = ((re.compile(r"/media/\d+/.+/(?:pdf|docx)/", re.I), 0.05),)


class Umbraco(Platform):
    name = "umbraco"
    generator = re.compile(r"umbraco", re.I)
    url_hint = re.compile(r"/media/[0-9a-f]{8}/")
    search_path = "/search"


class ModernGov(Platform):
    """modern.gov committee sites: committees > meetings > agenda items > papers.

    Agenda packs (mgConvert2PDF) repeat every paper of a meeting and can be huge, and the
    calendar is endless, so both are skipped; the decision-making committees come first.
    """

    name = "moderngov"
    generator = re.compile(r"modern\.gov", re.I)
    url_hint = re.compile(r"mgListCommittees|ieListMeetings|mgAi\.aspx", re.I)
    skip = re.compile(
        r"mgConvert2PDF|mgCalendar|mgMemberIndex|mgUserInfo|mgRss|ieListMeetings.*&Year=|"
        r"mgWebcast|mgEPetition|mgFindMember",
        re.I,
    )
    boost = (
        (
            re.compile(
                r"\b(?:cabinet|executive|full council|council\b|joint strategic|policy|scrutiny)",
                re.I,
            ),
            0.35,
        ),
        (re.compile(r"ieListMeetings|ieListDocuments", re.I), 0.1),
        (re.compile(r"/documents/s\d+/", re.I), 0.05),
    )


PLATFORMS: tuple[type[Platform], ...] = (ModernGov, LocalGovDrupal, Jadu, Goss, Umbraco)


def detect_platform(response: Response) -> Platform:
    for platform in PLATFORMS:
        if platform.detect(response):
            return platform()
    return Platform()
