"""What a classified document is, given where the crawl found it.

The classifier sees one document's text and the link text that led to it; the crawl also knows
the page around it. Agendas and council pages label the files they link ("Appendix 1 - Feedback
Report", "Peer Challenge Action Plan"), and those labels name the artefact; a page filed under
News is an announcement whatever its URL; and a CPC page that links to CPC files is a landing
page, however long. Short pages, committee cover reports and news releases by their wording
are the classifier's call.
"""

from __future__ import annotations

import re

from scraper.classify import Classification

#: Link texts that name the artefact behind the link (checked in this order).
LINK_STAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), kind)
    for pattern, kind in (
        (r"progress\s+(?:review|report)|revisit", "progress_review"),
        (r"position\s+statement", "position_statement"),
        (r"action\s+plan|delivery\s+plan|improvement\s+plan", "action_plan"),
        (r"feedback\s+report|final\s+report|full\s+report", "feedback_report"),
    )
)
#: On a council's own pages "Peer Challenge Report" is the report; on an agenda it may be the
#: officer's covering report, so there only the explicit labels above count.
COUNCIL_SITE_REPORT = re.compile(r"peer\s+(?:challenge|review)\s+report", re.I)
STAGE_KINDS = frozenset(kind for _, kind in LINK_STAGES)
NEWS_CRUMB = re.compile(r"^(?:news|press|press releases?|newsroom|media centre)$", re.I)


def stage_from_link(text: str, *, on_committee_system: bool = False) -> str | None:
    for pattern, kind in LINK_STAGES:
        if pattern.search(text):
            return kind
    if not on_committee_system and COUNCIL_SITE_REPORT.search(text):
        return "feedback_report"
    return None


#: A URL in a council's news section or on its news host (news.<council>.gov.uk).
NEWS_URL = re.compile(
    r"^https?://(?:news|newsroom|press)\.|/(?:news|newsroom|press-releases)/", re.I
)


def file_kind(
    cls: Classification, link_text: str, *, on_committee_system: bool, url: str = ""
) -> str:
    """The kind of a PDF/DOCX, from the classifier and the link text that led to it.

    A file is a document whatever its length, so the classifier's "landing page" (it cannot
    tell a short PDF at an extensionless URL from a web page) becomes what the link names, or
    the feedback report. Likewise a file the classifier calls a news release only because it
    sits on the news host or under /news/ (councils attach the report to the release): a
    release is a web page, a PDF there is the document the release links.
    """
    kind = str(cls.kind)
    overridable = STAGE_KINDS | {"landing_page"}
    if kind == "announcement" and NEWS_URL.search(url):
        kind = "landing_page"
    if on_committee_system:
        overridable |= {"committee_paper"}
    if kind not in overridable:
        return kind
    named = stage_from_link(link_text, on_committee_system=on_committee_system)
    return named or ("feedback_report" if kind == "landing_page" else kind)


def page_kind(cls: Classification, *, under_news: bool, links_to_cpc_files: bool) -> str | None:
    """The kind of an HTML page on a council site, or None for a landing page."""
    kind = str(cls.kind)
    if kind == "pre_challenge_notice":
        return kind
    if under_news or kind == "announcement":
        return "announcement"
    if links_to_cpc_files or kind == "landing_page":
        return None
    return kind
