"""The words real council sites use for the sections a CPC search must reach.

Link texts and paths seen on real council sites (search corpus "pages", 2026), e.g.
rbkc.gov.uk "Council and democracy" > "How the Council works" / "Councillors and committees"
("Committee agendas, reports and meeting calendars"); northnorthants.gov.uk "Councillors and
democracy" > "Councillors, meetings and committees"; stroud.gov.uk "council-and-democracy/
about-the-council"; denbighshire.gov.uk "Your council" > "About the council" > "How the council
works"; monmouthshire.gov.uk "democracy-councillors" > "Meetings, Minutes and Agendas";
portsmouth.gov.uk "the-council/council-meetings,-agendas-and-minutes"; sholland.gov.uk
"Council-and-Democracy"; democracy.rochdale.gov.uk (modern.gov). Domain notes 2.1: CPC pages sit
under "your council", "council and democracy", "performance", "transparency".

Each table is matched against "link text + URL path"; one place to add a newly seen label.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

#: The council / democracy hub: where a council describes itself, its plans and performance.
HUB = re.compile(
    r"\b(?:your|my|the|about\s+the|about\s+your|how\s+the|how\s+your)\s+council\b"
    r"|\bcouncil\s*(?:,\s*councillors\s*)?(?:and|&)\s*democracy\b"
    r"|\bcouncillors\s*(?:and|&)\s*democracy\b|\blocal\s+democracy\b|\bdemocracy\b"
    r"|\bcouncil\s+(?:information|structure)\b|\babout\s+us\b"
    r"|[/-](?:your-?council|my-?council|the-?council|council-and-democracy|councillors-and-democracy|"
    r"about-the-council|about-us|how-the-council-works|democracy|local-democracy)"
    r"(?:/|\.\w+)?$",
    re.I,
)
#: Entry links into a committee system on the council's own pages.
COMMITTEE = re.compile(
    r"\bcommittee\s+(?:meetings|papers|reports|information|structure)\b"
    r"|\b(?:meetings|agendas)\s*,\s*(?:agendas|minutes|reports)\b"
    r"|\b(?:agendas|meetings)\s*(?:,\s*\w+\s*)?(?:and|&)\s*(?:minutes|reports|decisions)\b"
    r"|\bcouncil\s+meetings\b|\bcouncillors\s*,?\s*(?:and\s+)?(?:committees|meetings)\b"
    r"|\bcommittees\s*(?:and|&)\s*meetings\b|\bmeetings\s*(?:and|&)\s*committees\b"
    r"|\bcalendar\s+of\s+meetings\b|^\s*(?:decisions|committees|meetings)\s*$"
    r"|\bdecisions\s+(?:and|&)\s+minutes\b|\bminutes\s+(?:and|&)\s+agendas\b",
    re.I,
)
#: The news section of the council site.
NEWS = re.compile(
    r"^\s*(?:latest\s+)?news\s*$|\bnews\s*(?:and|&)\s*(?:events|media|updates)\b|\bnewsroom\b"
    r"|\bpress\s+(?:releases?|office)\b|\bmedia\s+(?:centre|releases?)\b|\ball\s+news\b"
    r"|^https?://news\.|[/](?:news|newsroom|news-and-events|press-releases|media-centre)/?$",
    re.I,
)
#: Paths on the council's own hosts where committee systems are conventionally mounted.
COMMITTEE_PATH = re.compile(
    r"/(?:cmis\d*|moderngov|mgov|committees?|meetings|democracy/meetings|ieDocHome\.aspx|"
    r"mgListCommittees\.aspx)(?:/|$|\?)",
    re.I,
)

#: On a news page, a release about a visit by peers often says neither "corporate" nor
#: "challenge" in its title ("Peers praise council's ambition", "Council welcomes LGA review").
CPC_HINT = re.compile(
    r"\bpeers?\b|\bpeer[\s-]+(?:team|review|challenge)|\bLGA\b|local\s+government\s+association",
    re.I,
)

#: Sections where councils file their CPC pages (domain notes 2.1: "performance",
#: "transparency", "policies and plans"; Central Bedfordshire's "Transparency - other
#: information"): read even a few clicks from home.
CPC_SECTIONS = re.compile(
    r"\b(?:council\s+)?performance\b|\btransparency\b|\bpolicies\s*(?:,\s*plans)?\s*(?:and|&)\s*"
    r"(?:plans|strategies)\b|\bplans\s*,?\s*policies\b|\bcorporate\s+(?:plan|strategy)\b",
    re.I,
)
CPC_SECTION_SCORE = 0.15

#: Scores that make sure the crawl reads these sections (CPC links still come first).
HUB_SCORE = 0.32
COMMITTEE_SCORE = 0.35
NEWS_SCORE = 0.2
NEWS_RELEASE_SCORE = 0.4


@lru_cache(maxsize=65536)  # the same menus are on every page of a site
def section_of(text: str, url: str) -> str | None:
    """`hub`, `committee` or `news` for a link into one of those sections, else None."""
    path = urlsplit(url).path
    haystack = f"{text} {path}"
    if COMMITTEE.search(text) or COMMITTEE_PATH.search(path):
        return "committee"
    if NEWS.search(text) or NEWS.search(url) or NEWS.search(path):
        return "news"
    if HUB.search(haystack):
        return "hub"
    if CPC_SECTIONS.search(text):
        return "cpc_section"
    return None


@lru_cache(maxsize=65536)
def section_of_page(url: str) -> str | None:
    """The section a page's own address names (`/councillors-and-committees`, `/your-council`):
    a page reached first through the sitemap or search, before any link named it."""
    segments = [p for p in urlsplit(url).path.split("/") if p]
    while segments and re.fullmatch(r"(?:index|default)(?:\.\w+)?", segments[-1], re.I):
        segments.pop()
    if not segments:
        return None
    words = re.sub(r"\.\w+$", "", segments[-1])
    words = re.sub(r"[-_+]+", " ", words)
    section = section_of(words, url)
    return section if section in ("hub", "committee") else None
