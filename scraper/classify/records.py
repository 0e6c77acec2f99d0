"""Value types passed between extraction, classification and the rest of peerwatch.

Frozen so a verdict can be hashed, compared in tests and stored without defensive copies.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal


class DocKind(StrEnum):
    """Lifecycle artefact of a CPC (domain notes 2.3), as far as one document shows it."""

    FEEDBACK_REPORT = "feedback_report"
    ACTION_PLAN = "action_plan"
    PROGRESS_REVIEW = "progress_review"
    POSITION_STATEMENT = "position_statement"
    COMMITTEE_PAPER = "committee_paper"
    ANNOUNCEMENT = "announcement"
    PRE_CHALLENGE_NOTICE = "pre_challenge_notice"
    #: A short council page introducing the CPC and pointing at its documents: evidence that a
    #: CPC took place, never the report itself.
    LANDING_PAGE = "landing_page"


Precision = Literal["day", "month"]


@dataclass(frozen=True)
class VisitDates:
    """When the peer team was on site; month precision for "in January 2019" style wording."""

    start: date | None
    end: date | None
    precision: Precision

    @property
    def last_day(self) -> date | None:
        """Last day of the visit, which starts the 3/5/12-month publication clocks.

        With month precision the whole month is assumed, so deadlines are never early.
        """
        day = self.end or self.start
        if day is None or self.precision == "day":
            return day
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])

    @property
    def start_iso(self) -> str | None:
        """The first day as stored: "2024-10" when only the month is known (never "2024-10-01",
        which would compare as earlier than a visit on 29 October)."""
        return _iso_at(self.start, self.precision)

    @property
    def end_iso(self) -> str | None:
        return _iso_at(self.end or self.start, self.precision) if self.start else None


def _iso_at(day: date | None, precision: str) -> str | None:
    if day is None:
        return None
    return day.isoformat() if precision == "day" else f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class ExtractedText:
    """Plain text of a fetched body; `error` is set instead of raising on bad input."""

    text: str
    title: str | None
    format: Literal["html", "pdf", "docx", "text"]
    error: str | None = None


@dataclass(frozen=True)
class Classification:
    """Verdict on one document: is it CPC material, which artefact, whose, and why.

    - `reject_reason` says why a document is not CPC material: a look-alike review, or
      "passing_mention" for one that mentions the CPC without being about it (an Annual
      Governance Statement, a budget paper, a home page).
    - `council_names` come only from title-like positions (title, H1, cover-page lines) or
      the LGA's own "spending four days at <Council>" formula, and only names the resolver
      accepts when classify() is given `is_council`; a joint name is kept whole.
    - `report_link`: for a LANDING_PAGE whose HTML was given, the absolute URL of the file
      it points at that looks like the report itself (None when no link does). The crawl
      can fetch it as the report's candidate.
    - `report_parts`: the parts of a CPC report found in the text ("executive_summary",
      "cover_page", ...), the structural evidence behind a FEEDBACK_REPORT.
    """

    is_cpc: bool
    kind: DocKind | None
    reject_reason: str | None
    council_names: tuple[str, ...]
    visit: VisitDates | None
    score: float
    evidence: tuple[str, ...]
    report_link: str | None = None
    report_parts: tuple[str, ...] = ()
