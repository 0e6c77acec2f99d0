"""Committee systems: which one a URL belongs to, how deep in it a page sits, and how to walk it.

Many CPC reports are published only as committee papers (domain notes 2.2), so a check walks
the council's committee system through its own navigation down to the papers, and uses its
own search where it answers a plain GET. Two products cover most English councils:

- modern.gov: ieDocHome.aspx -> mgListCommittees.aspx -> mgCommitteeDetails.aspx?ID= ->
  ieListMeetings.aspx?CommitteeId= -> ieListDocuments.aspx?CId=&MId= -> documents/s<id>/<name>.pdf
  (also mgAi.aspx, mgIssueHistoryHome.aspx, ie/mgDecisionDetails.aspx; search ieDocSearch.aspx ->
  ieSearchResults2.aspx?SS=).
- CMIS (CMIS5, DotNetNuke): /CMIS5/ -> Committees.aspx -> .../ViewCMIS_CommitteeDetails/... ->
  .../ViewMeetingPublic/... -> Document.ashx?<opaque query>.

Others are recognised by host or path (democracy.*, committees.*, /committees, /meetings) and
walked on link scores alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlencode, urljoin

from scraper.discovery.files import looks_like_file

#: (system, level, URL pattern): the level of a page in its system's navigation.
LEVELS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (system, level, re.compile(pattern, re.I))
    for system, level, pattern in (
        ("moderngov", "search", r"ieSearchResults\d*\.aspx|mgSearch\w*\.aspx"),
        ("moderngov", "documents", r"/documents/[sbgi]\d+/|mgConvert2PDF\.aspx"),
        (
            "moderngov",
            "agendas",
            r"ieListDocuments\.aspx|mgAi\.aspx|mgIssueHistoryHome\.aspx|"
            r"(?:ie|mg)DecisionDetails\.aspx|ieIssueDetails\.aspx",
        ),
        ("moderngov", "meetings", r"ieListMeetings\.aspx|mgCalendar\w*\.aspx"),
        (
            "moderngov",
            "committees",
            r"ieDocHome\.aspx|mgListCommittees\.aspx|mgCommitteeDetails\.aspx|ieDocSearch\.aspx",
        ),
        ("cmis", "documents", r"/cmis\d*/.*document\.ashx|/document\.ashx\?"),
        ("cmis", "agendas", r"ViewMeetingPublic"),
        ("cmis", "meetings", r"/cmis\d*/meetings(?:\.aspx|/)"),
        ("cmis", "committees", r"ViewCMIS_CommitteeDetails|/cmis\d*/(?:committees\.aspx|$|home)"),
    )
)
#: Each level's lowest link score, so the walk goes on even when link texts are dull ("12
#: March 2024 6.30 pm"), and how many links of that level are given the floor per site:
#: the best-scoring committees (cabinet, council, scrutiny) and their latest meetings first.
WALK_FLOORS: dict[str, tuple[float, int]] = {
    "committees": (0.33, 4),
    "search": (0.5, 2),
    "meetings": (0.2, 3),
    "agendas": (0.12, 6),
    # Papers are linked by dull names ("Appendix A"): the first few of the meetings walked.
    "documents": (0.1, 8),
}
#: The committees a CPC report goes to (domain notes 1.1 and 2.2; real papers: Harrow
#: Cabinet 2023, Fareham Executive 2025, North Northamptonshire and Arun full Council, Tamworth
#: Cabinet, Huntingdonshire Cabinet): their pages and meetings are walked beyond the floors, in
#: any committee system. A committee named alone ("Council") or a meeting title that starts
#: with it ("Cabinet - 12 March 2024"); never "Council tax".
DECISION_MAKERS = re.compile(
    r"\b(?:cabinet|executive|full\s+council)\b|^\s*(?:the\s+)?council\b(?!\s+(?:tax|housing))",
    re.I,
)
DECISION_MAKER_BONUS = 0.05
#: The levels at which a link naming a decision maker is always walked: its committee page,
#: its meeting lists, and its meetings ("Cabinet - 3 February 2024" in a CMIS meeting list,
#: "Meeting: 20/09/2017 - Council" on modern.gov's issue pages): a report is an item of one
#: meeting, so a cap on meetings could stop the walk one meeting short of it.
DECISION_MAKER_LEVELS = frozenset({"committees", "meetings", "agendas"})
#: Committee systems are deep (hub > entry > committees > committee > meetings > agenda >
#: paper): links within one may go this many hops beyond the crawl's usual depth limit.
EXTRA_DEPTH = 4
#: modern.gov's document search answers a plain GET (the form on ieDocSearch.aspx).
MODERNGOV_SEARCH = ("ieSearchResults2.aspx", "SS")


#: Every committee-system URL above contains one of these (a cheap test before the patterns).
_MARKERS = (".aspx", ".ashx", "/documents/", "/cmis")


@lru_cache(maxsize=65536)
def system_and_level(url: str) -> tuple[str, str] | None:
    lowered = url.lower()
    if not any(marker in lowered for marker in _MARKERS):
        return None
    for system, level, pattern in LEVELS:
        if pattern.search(url):
            return system, level
    return None


def moderngov_search_url(page_url: str, term: str) -> str:
    """The document search of the modern.gov installation this page belongs to."""
    path, field = MODERNGOV_SEARCH
    return urljoin(page_url, path) + "?" + urlencode({field: term})


def entry_page(url: str) -> str | None:
    """The committee list of the modern.gov installation a link points into (a link to its
    calendar, which is never walked, or to one meeting), or None for other systems."""
    placed = system_and_level(url)
    if placed is None or placed[0] != "moderngov":
        return None
    return urljoin(url, "mgListCommittees.aspx")


def other_level(walk: int, url: str) -> str:
    """The level of a page of a committee system the table does not know, by how many links
    below its entry it was reached: the entry and its committees, then meetings, then agendas;
    files are papers."""
    if looks_like_file(url):
        return "documents"
    return ("committees", "committees", "meetings")[walk] if walk < 3 else "agendas"
