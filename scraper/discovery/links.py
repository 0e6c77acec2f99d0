"""Links out of a page, and how much each is worth following."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from scrapy.http import Response, TextResponse

from scraper.classify import is_cpc_landing_link
from scraper.discovery.files import looks_like_file  # noqa: F401 - one rule table, re-exported

#: Links found on a page that is itself about the CPC are worth more: its documents often
#: have terse link texts ("Download (PDF)").
ON_CPC_PAGE_BONUS = 0.3
#: Each hop from the home page costs a little, so a wide shallow site is read before a deep one.
DEPTH_COST = 0.03
#: A link scoring at least this is a likely CPC page: failing to fetch it leaves the check open.
LIKELY = 0.3


@dataclass(frozen=True)
class Link:
    url: str
    text: str


def page_links(response: Response) -> list[Link]:
    """Every http(s) link on an HTML page, absolute, without fragments, first text kept."""
    if not isinstance(response, TextResponse):
        return []
    base = response.urljoin("")
    found: dict[str, Link] = {}
    # lxml directly on the response's own parsed tree: no Selector object per anchor.
    for anchor in response.selector.root.xpath("//a[@href]"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if not url.startswith(("http://", "https://")):
            continue
        text = " ".join(" ".join(anchor.xpath(".//text()")).split())
        text = text or anchor.get("title", "")
        if url not in found or (text and not found[url].text):
            found[url] = Link(url, text)
    return list(found.values())


def link_score(link: Link, *, on_cpc_page: bool = False, depth: int = 0) -> float:
    score = is_cpc_landing_link(link.text, link.url)
    # The bonus is for the page's documents and related pages, not for the site's menus
    # (a mega-menu repeats every service on every page): files, or links that say something.
    if on_cpc_page and score > -0.3 and (score > 0 or looks_like_file(link.url)):
        score += ON_CPC_PAGE_BONUS
    return round(score - DEPTH_COST * depth, 3)


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(KB|MB|GB)\b", re.I)
_UNITS = {"kb": 1024, "mb": 1024**2, "gb": 1024**3}


def advertised_size(text: str) -> int | None:
    """Bytes a link text announces ("(PDF, 30MB)"), so a file over the cap is not even tried."""
    match = _SIZE.search(text)
    return int(float(match[1]) * _UNITS[match[2].lower()]) if match else None


#: Where a site's own navigation lives: header and footer menus, nav elements, mega-menus.
_MENU_XPATH = (
    "//nav//a[@href] | //header//a[@href] | //footer//a[@href] | "
    "//*[contains(@class,'menu') or contains(@id,'menu')]//a[@href]"
)


def menu_links(response: Response, *, everything: bool = False) -> list[Link]:
    """Links of the page's menus (or, with `everything`, all its links), in page order:
    what a breadth-first walk of the site's own navigation reads."""
    if not isinstance(response, TextResponse):
        return []
    if everything:
        return page_links(response)
    base = response.urljoin("")
    found: dict[str, Link] = {}
    for anchor in response.selector.root.xpath(_MENU_XPATH):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if url.startswith(("http://", "https://")) and url not in found:
            found[url] = Link(url, " ".join(" ".join(anchor.xpath(".//text()")).split()))
    return list(found.values())
