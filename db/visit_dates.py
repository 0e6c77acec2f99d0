"""Dates known to a day, a month or a year, and which CPC visit a dated document is about.

Councils write "29-31 October 2024", "in January 2019" or "our 2019 peer challenge", so a date is
stored as ISO 8601 text at the precision it was written: "2024-10-29", "2024-10", "2024". The
length of the text is its precision, so it survives every table and view unchanged and never
turns into a first-of-month day that compares as earlier than the visit (issue 10).

`DateSpan` is such a date read back as the days it may mean. `visits_for` is THE rule that
decides which visit a document belongs to; the deadlines, the digest and `council_deadlines`
all ask it, and `tests/test_visit_dates.py` checks it with every precision and document kind.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
#: Coarser precision ranks higher.
_RANK = {"day": 0, "month": 1, "year": 2}
_PRECISION_BY_LENGTH: dict[int, Precision] = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True)
class DateSpan:
    """A date known to `precision`: the first and last day it may be."""

    first: dt.date
    last: dt.date
    precision: Precision

    @classmethod
    def parse(cls, text: str | None) -> DateSpan | None:
        """ "2024-10-29", "2024-10" or "2024" (anything else: None)."""
        text = (text or "").strip()
        precision = _PRECISION_BY_LENGTH.get(len(text))
        try:
            if precision == "day":
                day = dt.date.fromisoformat(text)
                return cls(day, day, "day")
            if precision == "month":
                year, month = int(text[:4]), int(text[5:7])
                if text[4] != "-":
                    return None
                end = calendar.monthrange(year, month)[1]
                return cls(dt.date(year, month, 1), dt.date(year, month, end), "month")
            if precision == "year":
                year = int(text)
                return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        except ValueError:
            return None
        return None

    @classmethod
    def between(cls, start: str | None, end: str | None) -> DateSpan | None:
        """A visit from its first and last day as stored (`end` may be missing); the coarser
        precision of the two."""
        first, last = cls.parse(start), cls.parse(end or start)
        if first is None:
            return None
        if last is None or last.last < first.first:
            last = first
        precision = max(first.precision, last.precision, key=_RANK.__getitem__)
        return cls(first.first, last.last, precision)

    def overlaps(self, other: DateSpan) -> bool:
        return self.first <= other.last and other.first <= self.last


def iso_at(day: dt.date | None, precision: str) -> str | None:
    """`day` written at `precision` ("2024-10" for month precision)."""
    if day is None:
        return None
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


@dataclass(frozen=True)
class Visit:
    """One CPC visit: its first day, its last day (the publication clocks start there; a month
    known only as a month ends on its last day, so a deadline is never early) and precision."""

    start: dt.date
    last_day: dt.date
    precision: Precision = "day"

    @property
    def span(self) -> DateSpan:
        return DateSpan(self.start, self.last_day, self.precision)

    @property
    def datable(self) -> bool:
        """Whether deadlines can be counted from it: a visit known only to its year cannot."""
        return self.precision != "year"

    @property
    def start_iso(self) -> str:
        return iso_at(self.start, self.precision) or ""

    @property
    def end_iso(self) -> str:
        return iso_at(self.last_day, self.precision) or ""


#: Two CPCs of one council are years apart (one every five years; the progress review follows
#: about ten months after, and is due at twelve). Evidence dated within this many months of a
#: visit better attested is about that visit, not a second CPC nobody else mentions.
SAME_VISIT_MONTHS = 12


@dataclass(frozen=True)
class VisitEvidence:
    """Something that dates a visit: a document's stated visit, or a check's report."""

    span: DateSpan
    #: The kind of document that says so; a feedback report outranks the rest.
    kind: str


def _months_apart(a: dt.date, b: dt.date) -> int:
    return abs((a.year - b.year) * 12 + a.month - b.month)


def fold_visits(evidence: Iterable[VisitEvidence]) -> list[Visit]:
    """The distinct visits the evidence describes, oldest first.

    Reports are read first, then the rest, each kind most precise first: a piece of evidence
    that overlaps a visit already known, or falls within `SAME_VISIT_MONTHS` of it, is about
    that visit (and makes it more precise if it is). Otherwise it is a visit of its own."""
    ordered = sorted(
        evidence,
        key=lambda e: (e.kind != "feedback_report", _RANK[e.span.precision], e.span.first),
    )
    visits: list[DateSpan] = []
    for e in ordered:
        span = e.span
        same = [
            i
            for i, v in enumerate(visits)
            if v.overlaps(span)
            or _months_apart(v.first, span.last) < SAME_VISIT_MONTHS
            or _months_apart(span.first, v.last) < SAME_VISIT_MONTHS
        ]
        if not same:
            visits.append(span)
            continue
        i = same[0]
        if _RANK[span.precision] < _RANK[visits[i].precision] and span.overlaps(visits[i]):
            visits[i] = span
    return sorted((Visit(v.first, v.last, v.precision) for v in visits), key=lambda v: v.start)


def visits_for(
    stated: DateSpan | None, seen_on: dt.date | None, visits: Sequence[Visit]
) -> tuple[Visit, ...]:
    """THE rule: the visits a document may be about.

    - It states a date: every visit that date may overlap (a year-only "2024" may mean either
      of two 2024 visits, and then it counts for both: a document never goes missing because
      its date was vague); if none overlaps, the latest visit that began on or before the
      date's last possible day (an action plan or progress review dated after its visit).
    - It states none: the latest visit that began on or before the day peerwatch first saw it.
    - Neither: the latest visit.
    A document dated before every visit is about none of them (a notice of a CPC to come)."""
    visits = sorted(visits, key=lambda v: v.start)
    if not visits:
        return ()
    if stated is not None:
        overlapping = tuple(v for v in visits if v.span.overlaps(stated))
        if overlapping:
            return overlapping
        day = stated.last
    elif seen_on is not None:
        day = seen_on
    else:
        return (visits[-1],)
    earlier = [v for v in visits if v.start <= day]
    return (earlier[-1],) if earlier else ()
