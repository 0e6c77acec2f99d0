"""What a document's structure says: a report's parts, its cover page, the link it points at.

Length says nothing about what a page is: a council landing page can tell the story of the
visit in five hundred words, and a short HTML report is still the report. What separates
them is furniture only a report carries (rules.REPORT_PARTS) and, on a web page, whether it
mostly points at a file that is the report. Pure functions over strings and PageStructure.
"""

from __future__ import annotations

from dataclasses import dataclass

from scraper.classify import rules
from scraper.classify.dates import find_all_dates
from scraper.classify.page import PageLink, PageStructure


@dataclass(frozen=True)
class ReportEvidence:
    """The parts of a CPC report found in a text, strong and weak (see rules.ReportPart)."""

    strong: tuple[str, ...]
    weak: tuple[str, ...]

    @property
    def is_report(self) -> bool:
        return len(self.strong) >= rules.REPORT_MIN_STRONG

    @property
    def is_cpc_report(self) -> bool:
        """A report by structure *and* a CPC one: "Executive summary" and "Key
        recommendations" headings alone are any report's (an Annual Governance Statement
        has them too), so at least one strong part must be the CPC report's own."""
        return self.is_report and any(name not in rules.GENERIC_PARTS for name in self.strong)

    @property
    def names(self) -> tuple[str, ...]:
        return self.strong + self.weak


def has_cover_page(head: str) -> bool:
    """The opening lines read as a report's cover: what it is, a visit date standing alone
    on its line, and "Feedback report" ("Corporate Peer Challenge / North Tyneside Council /
    18th – 21st June 2019 / Feedback Report")."""
    lines = [line.strip() for line in head.splitlines()[: rules.COVER_LINES]]
    says_what = any(rules.COVER_WHAT.search(line) for line in lines)
    says_feedback = any(rules.COVER_FEEDBACK.search(line) for line in lines)
    return says_what and says_feedback and any(_is_date_line(line) for line in lines)


def _is_date_line(line: str) -> bool:
    mentions = find_all_dates(line)
    if len(mentions) != 1 or mentions[0].dates.precision != "day":
        return False
    rest = line[: mentions[0].start] + line[mentions[0].end :]
    return not rest.strip(" ,.:-–—").lower().removeprefix("feedback").strip(" :")


def report_evidence(text: str, head: str) -> ReportEvidence:
    """Which report parts `text` carries; a cover page in `head` is one more strong part.

    Bounded: the part patterns are per-line regexes over at most rules.SCAN_CHARS.
    """
    scanned = text[: rules.SCAN_CHARS]
    strong = [p.name for p in rules.REPORT_PARTS if p.strong and p.pattern.search(scanned)]
    weak = [p.name for p in rules.REPORT_PARTS if not p.strong and p.pattern.search(scanned)]
    if has_cover_page(head):
        strong.insert(0, "cover_page")
    return ReportEvidence(tuple(strong), tuple(weak))


def _link_score(link: PageLink) -> int:
    haystack = f"{link.text} {link.url}"
    return sum(weight for pattern, weight in rules.REPORT_LINK_WORDS if pattern.search(haystack))


def report_link(page: PageStructure) -> str | None:
    """The file (or LGA report page) a landing page points at that looks most like the
    report itself, if any; a file wins a tie with the LGA's page.

    Action plans, position statements, agendas and minutes are not the report, so a page
    that links only to those has no report link.
    """
    lga_pages = [link for link in page.links if rules.LGA_REPORT_URL.search(link.url)]
    candidates = [*page.file_links, *lga_pages]
    scored = [(_link_score(link), -index, link) for index, link in enumerate(candidates)]
    good = [entry for entry in scored if entry[0] >= rules.REPORT_LINK_MIN]
    return max(good, key=lambda entry: entry[:2])[2].url if good else None
