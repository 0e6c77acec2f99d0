"""Parse the H1 of an LGA report page into (council, kind).

LGA pages live under opaque Drupal slugs that are reused across parent paths (domain notes
1.3), so the title is the only dependable key. The variants here are the ones seen in
captured pages; anything else (index, FAQs, samples, other peer challenge types) gives None.
"""

from __future__ import annotations

import re

from scraper.classify.records import DocKind

_SEP = r"\s*[:\-–—]\s*"
_CPC = r"(?:LGA\s+)?Corporate\s+Peer\s+(?:Challenge|Review)(?:\s+Report)?"
_PROGRESS = r"Progress\s+(?:Review(?:\s+Report)?|Report)"

# Most specific first: a progress-review title also matches the plain CPC shape.
_TITLE_SHAPES: tuple[tuple[re.Pattern[str], DocKind], ...] = (
    (
        re.compile(rf"^{_CPC}(?:{_SEP}|\s+){_PROGRESS}{_SEP}(?P<council>.+)$", re.I),
        DocKind.PROGRESS_REVIEW,
    ),
    (
        re.compile(rf"^(?P<council>.+?){_SEP}(?:{_CPC}\s+)?{_PROGRESS}$", re.I),
        DocKind.PROGRESS_REVIEW,
    ),
    (re.compile(rf"^{_CPC}{_SEP}(?P<council>.+)$", re.I), DocKind.FEEDBACK_REPORT),
)

_SITE_SUFFIX = re.compile(r"\s*\|\s*Local Government Association\s*$", re.I)
_TRAILING_YEAR = re.compile(r"\s*[(\[]?(?:19|20)\d\d(?:/\d\d)?[)\]]?\s*$")
# Not a council even when shaped like one: the LGA itself, the sample, and non-report pages.
_NOT_A_COUNCIL = re.compile(
    r"fictional|sample|example|local government association|^lga$|\bfaqs?\b|questions|"
    r"strengthen|approach|programme|guidance|annual report|reports?$|^progress (?:review|report)|"
    r"peer\s+(?:challenge|review)|town council|parish council",
    re.I,
)
_COUNCILISH = re.compile(
    r"\b(?:councils?|borough|city|county|district|corporation)\b|\s(?:and|&)\s", re.I
)
_CAPITALISED = re.compile(
    r"^(?:[A-Z][\w'’.-]*|and|of|upon|on|the|&)(?:\s+(?:[A-Z][\w'’.-]*|and|of|upon|on|the|&))*$"
)


def _council_or_none(raw: str) -> str | None:
    council = _TRAILING_YEAR.sub("", raw).strip(" .:–—-")
    if not council or _NOT_A_COUNCIL.search(council):
        return None
    if _COUNCILISH.search(council) or _CAPITALISED.match(council):
        return council
    return None


def parse_lga_title(title: str) -> tuple[str, DocKind] | None:
    """(council name, FEEDBACK_REPORT | PROGRESS_REVIEW) for a CPC report title, else None."""
    title = _SITE_SUFFIX.sub("", " ".join(title.split()))
    for pattern, kind in _TITLE_SHAPES:
        match = pattern.match(title)
        if match:
            council = _council_or_none(match.group("council"))
            return (council, kind) if council else None
    return None
