"""Read the structure of a candidate HTML page: its main content, headings and links.

Plain text cannot tell a council page that *points to* the report (a landing page) from the
report itself, and cannot tell a home page full of links from a page about one thing. The
HTML can: where the main content is, how much of it is links, and which links go to files.
BeautifulSoup reads it; this runs only on the few pages per site that already talk about the
CPC (see classifier.classify), so its speed does not matter, and pages over MAX_HTML_CHARS
are not read at all so one huge page cannot stall a crawl.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from scraper.classify import rules
from scraper.discovery.files import looks_like_file

#: Larger pages are not parsed for structure (the text rules still apply to them).
MAX_HTML_CHARS = 2_000_000
# Never content: scripts, menus, forms and site furniture.
_NOT_CONTENT = ("script", "style", "noscript", "template", "svg", "nav", "form", "iframe")
_CONTENT_ID = re.compile(r"^(?:main|content|main-content|maincontent|primary)$", re.I)
_CHROME_CLASS = re.compile(r"cookie|consent|breadcrumb|skip-?link|mega-?menu|site-header", re.I)


@dataclass(frozen=True)
class PageLink:
    """A link in the page's content: its visible text and absolute URL."""

    text: str
    url: str


@dataclass(frozen=True)
class PageStructure:
    """What a page's HTML shows beyond its text.

    `links` are those in the main content and its side panels ("Related documents"), never
    the site's menus; `words` and `link_words` count the main content only, so their ratio
    says whether the page is mostly pointers elsewhere (a hub or home page).
    """

    headings: tuple[str, ...]
    links: tuple[PageLink, ...]
    words: int
    link_words: int

    @property
    def link_density(self) -> float:
        return self.link_words / self.words if self.words else 0.0

    @property
    def file_links(self) -> tuple[PageLink, ...]:
        """Links to downloadable documents, by URL shape or by the "(PDF, 1 MB)" label."""
        return tuple(
            link
            for link in self.links
            if looks_like_file(link.url) or rules.FILE_LABEL.search(link.text)
        )


def _main_content(soup: BeautifulSoup) -> Tag:
    for found in (
        soup.find("main"),
        soup.find(attrs={"role": "main"}),
        soup.find("article"),
        soup.find(id=_CONTENT_ID),
    ):
        if isinstance(found, Tag):
            return found
    return soup.body or soup


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def read_page(html: str, url: str) -> PageStructure | None:
    """The page's structure, or None when it is too large to read or has no content."""
    if not html or len(html) > MAX_HTML_CHARS:
        return None
    soup = BeautifulSoup(html, "lxml")
    for element in soup.find_all(_NOT_CONTENT):
        element.decompose()
    for element in soup.find_all(class_=_CHROME_CLASS):
        if element.find("h1") is None:
            element.decompose()
    main = _main_content(soup)
    asides = [a for a in soup.find_all("aside") if a is not main and main not in a.parents]
    links: list[PageLink] = []
    seen: set[str] = set()
    for area in (main, *asides):
        for anchor in area.find_all("a", href=True):
            href = urljoin(url, anchor["href"].strip())
            if urlsplit(href).scheme not in ("http", "https") or href in seen:
                continue
            seen.add(href)
            links.append(PageLink(_text(anchor), href))
    headings = tuple(_text(h) for h in main.find_all(("h1", "h2", "h3", "h4")) if _text(h))
    words = len(_text(main).split())
    link_words = sum(len(_text(a).split()) for a in main.find_all("a"))
    if not words:
        return None
    return PageStructure(headings, tuple(links), words, link_words)
