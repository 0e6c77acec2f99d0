"""What the classifier tests share: their "today", the LGA's report address, the wording every
CPC report opens with, and classify() called as of that day.

`TODAY` and `LGA` are the real-world table's own (`classify_cases`), so a case moved between the
table and a test file means the same thing in both.
"""

from __future__ import annotations

from classify_cases import LGA, TODAY

from scraper.classify import Classification, classify

__all__ = ["CPC_INTRO", "LGA", "THEMES", "TODAY", "classify_today"]

#: The LGA's standard opening paragraph of a CPC report.
CPC_INTRO = (
    "Corporate Peer Challenge (CPC) is a highly valued improvement and assurance tool that is "
    "delivered by the sector for the sector."
)
#: The five core elements every CPC considers (their names alone are not a look-alike review).
THEMES = (
    "The peer team considered the five core elements: Local priorities and outcomes; "
    "Organisational and place leadership; Governance and culture; Financial planning and "
    "management; Capacity for improvement."
)


def classify_today(title: str, text: str, url: str = "", **kwargs) -> Classification:
    """classify() as of `TODAY` (unless `today=` is given)."""
    kwargs.setdefault("today", TODAY)
    return classify(title=title, text=text, url=url, **kwargs)
