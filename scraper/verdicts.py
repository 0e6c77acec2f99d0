"""One council's verdict from what a run found: a pure function, no Scrapy, no SQLite.

The rules, in order (a false "has not published" is the worst mistake peerwatch can make):

1. A CPC feedback report for the council, from its own site, its committee system or the
   LGA, makes it `published`, whatever else failed.
2. Otherwise, if its site could not be checked properly, the verdict is `unknown` with the
   reason: a site failure never becomes `cpc_no_report` or `no_cpc`.
3. Otherwise, a negative verdict must be earned: if the check's coverage does not meet
   `COVERAGE_STANDARD`, the verdict is `unknown` with the reason `shallow_check` and the parts
   of the standard that were missing.
4. Otherwise evidence that a CPC took place (progress review, action plan, committee paper,
   news release, position statement, a landing page about it) without a report is
   `cpc_no_report`.
5. Otherwise `no_cpc`. A notice of a CPC still to come is not evidence that one took place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

REPORT_KINDS = frozenset({"feedback_report"})
EVIDENCE_KINDS = frozenset(
    {"progress_review", "action_plan", "committee_paper", "announcement", "position_statement"}
)


class DocumentLike(Protocol):
    url: str
    kind: str
    visit_start: str | None
    visit_end: str | None


#: What a check must have searched before it may say "no CPC" or "no report": every
#: requirement, each met by any one of its alternatives (a set of coverage facts that must all
#: hold, see `scraper.coverage.facts`). Committee papers are where many reports are published
#: (domain notes 2.2), so the committee system must be walked or shown absent; and the rest of
#: the site must have been searched by its own search, its sitemap, or its council hub and news
#: (a news section shown absent counts: some councils have none, and the hub and menus are then
#: all there is to read).
COVERAGE_STANDARD: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = (
    (
        "committee papers",
        (frozenset({"committee_searched"}), frozenset({"committee_absent"})),
    ),
    (
        "site search, sitemap, or council hub and news",
        (
            frozenset({"site_search"}),
            frozenset({"sitemap"}),
            frozenset({"council_hub", "news"}),
            frozenset({"council_hub", "news_absent"}),
        ),
    ),
)
SHALLOW = "shallow_check"


def coverage_gaps(facts: frozenset[str]) -> tuple[str, ...]:
    """The requirements of COVERAGE_STANDARD these facts do not meet (empty: the standard holds)."""
    return tuple(
        name
        for name, alternatives in COVERAGE_STANDARD
        if not any(needed <= facts for needed in alternatives)
    )


@dataclass(frozen=True)
class SiteOutcome:
    """How the check of a council's own site went. `failure` is None when it was searched."""

    failure: str | None = None
    #: Landing pages about the council's CPC (not documents themselves, but evidence of one).
    cpc_pages: int = 0
    #: Coverage facts of the check (`scraper.coverage.facts`); none means it proved nothing.
    facts: frozenset[str] = frozenset()


SITE_NOT_CHECKED = SiteOutcome("site_not_checked")


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str | None = None
    report: DocumentLike | None = None
    #: For `shallow_check`: the parts of the coverage standard the check did not meet.
    missing: tuple[str, ...] = ()


def decide(site: SiteOutcome, documents: Iterable[DocumentLike]) -> Verdict:
    """The verdict for one council from its site outcome and every document attributed to it
    (this run's finds plus LGA documents known from earlier runs when the LGA failed)."""
    documents = list(documents)
    reports = [d for d in documents if d.kind in REPORT_KINDS]
    if reports:
        return Verdict("published", None, latest_report(reports))
    if site.failure:
        return Verdict("unknown", site.failure)
    if missing := coverage_gaps(site.facts):
        return Verdict("unknown", SHALLOW, missing=missing)
    if site.cpc_pages or any(d.kind in EVIDENCE_KINDS for d in documents):
        return Verdict("cpc_no_report", None)
    return Verdict("no_cpc", None)


def latest_report(reports: list[DocumentLike]) -> DocumentLike:
    """The report of the most recent visit; the LGA's copy wins a tie (it is the canonical one)."""
    return max(
        reports,
        key=lambda d: (d.visit_start or "", "local.gov.uk/" in d.url, d.url),
    )
