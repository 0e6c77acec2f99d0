"""What a classified document is, given where the crawl found it.

The classifier sees one document's text; the crawl also knows the link that led to it and the
page around it. Agendas label their appendices ("Appendix 1 - Feedback Report"), so on a
committee system a paper is a committee paper unless its link names the artefact it is; a
page filed under News is an announcement; and a short CPC page that links to CPC files is a
landing page, not the report itself.
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
#: An HTML page shorter than this is a landing page about the CPC, not the report itself.
REPORT_PAGE_MIN_WORDS = 200
NEWS_CRUMB = re.compile(r"^(?:news|press|press releases?|newsroom|media centre)$", re.I)


def stage_from_link(text: str, *, on_committee_system: bool = False) -> str | None:
    for pattern, kind in LINK_STAGES:
        if pattern.search(text):
            return kind
    if not on_committee_system and COUNCIL_SITE_REPORT.search(text):
        return "feedback_report"
    return None


def file_kind(cls: Classification, link_text: str, *, on_committee_system: bool) -> str:
    """The kind of a PDF/DOCX, from the classifier and the link text that led to it."""
    kind = str(cls.kind)
    if kind not in STAGE_KINDS and not (on_committee_system and kind == "committee_paper"):
        return kind
    named = stage_from_link(link_text, on_committee_system=on_committee_system)
    if on_committee_system:
        return named or "committee_paper"
    return named or kind


def page_kind(
    cls: Classification, *, words: int, under_news: bool, links_to_cpc_files: bool
) -> str | None:
    """The kind of an HTML page on a council site, or None for a landing page."""
    kind = str(cls.kind)
    if kind == "pre_challenge_notice":
        return kind
    if under_news or kind == "announcement":
        return "announcement"
    if links_to_cpc_files or words < REPORT_PAGE_MIN_WORDS:
        return None
    return kind
