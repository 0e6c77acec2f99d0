"""Find CPC visit dates in report and page text.

Peer visits are written many ways (domain notes 2.3): en dashes, hyphens, "to",
"between … and …", ordinals, weekday prefixes, ranges across months and years, and month-only
phrases. The visit date starts the 3-, 5- and 12-month publication clocks, so we prefer the
most authoritative line ("Feedback report: …") over any date that merely sits near CPC words.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from scraper.classify.records import VisitDates

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# PDF text splits ordinals from their day: "10 th", "12\nth".
_DAY = _WEEKDAY + r"(?<!\d)(\d{1,2})(?:\s{0,2}(?:st|nd|rd|th)\b)?(?:\s+of)?"
_YEAR = r",?\s+((?:19|20)\d\d)(?!\d)"
_DASH = r"\s*(?:[-‐‑‒–—]+|to|until|till|and)\s*"

# Longest forms first: when two patterns match at the same place the longer one wins anyway,
# but this order also documents which shapes we recognise.
_CROSS_YEAR = re.compile(
    _DAY + r"\s+" + _MONTH + _YEAR + _DASH + _DAY + r"\s+" + _MONTH + _YEAR, re.I
)
_CROSS_MONTH = re.compile(_DAY + r"\s+" + _MONTH + _DASH + _DAY + r"\s+" + _MONTH + _YEAR, re.I)
_SAME_MONTH = re.compile(_DAY + _DASH + _DAY + r"\s+" + _MONTH + _YEAR, re.I)
_SINGLE_DAY = re.compile(_DAY + r"\s+" + _MONTH + _YEAR, re.I)
_MONTH_ONLY = re.compile(r"(?<![\w-])" + _MONTH + _YEAR, re.I)


@dataclass(frozen=True)
class DateMention:
    """One date or date range found in text, with where it sits so callers can read context."""

    dates: VisitDates
    start: int
    end: int
    raw: str


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _range(d1: str, m1: str, y1: str, d2: str, m2: str, y2: str) -> VisitDates:
    return VisitDates(date(int(y1), _month(m1), int(d1)), date(int(y2), _month(m2), int(d2)), "day")


def _same_month(d1: str, d2: str, m: str, y: str) -> VisitDates:
    end = date(int(y), _month(m), int(d2))
    start_day = int(d1)
    if start_day <= end.day:
        return VisitDates(end.replace(day=start_day), end, "day")
    # "30 - 2 March" means the range began in the previous month.
    previous = end.replace(day=1) - timedelta(days=1)
    return VisitDates(previous.replace(day=start_day), end, "day")


def _single(d: str, m: str, y: str) -> VisitDates:
    day = date(int(y), _month(m), int(d))
    return VisitDates(day, day, "day")


def _month_only(m: str, y: str) -> VisitDates:
    return VisitDates(date(int(y), _month(m), 1), None, "month")


_SHAPES: tuple[tuple[re.Pattern[str], Callable[..., VisitDates]], ...] = (
    (_CROSS_YEAR, _range),
    (_CROSS_MONTH, lambda d1, m1, d2, m2, y: _range(d1, m1, y, d2, m2, y)),
    (_SAME_MONTH, _same_month),
    (_SINGLE_DAY, _single),
    (_MONTH_ONLY, _month_only),
)


def _candidates(text: str) -> Iterator[DateMention]:
    for pattern, build in _SHAPES:
        for match in pattern.finditer(text):
            try:
                dates = build(*match.groups())
            except ValueError:  # e.g. "31 February": not a date, so not a visit
                continue
            if dates.start and dates.end and dates.end < dates.start:
                continue
            yield DateMention(dates, match.start(), match.end(), match.group(0))


def find_all_dates(text: str) -> list[DateMention]:
    """Every date or range in `text`, leftmost-longest, without overlaps, in reading order."""
    chosen: list[DateMention] = []
    taken_until = -1
    for mention in sorted(_candidates(text), key=lambda m: (m.start, -(m.end - m.start))):
        if mention.start >= taken_until:
            chosen.append(mention)
            taken_until = mention.end
    return chosen


_FEEDBACK_LINE = re.compile(r"(?:team\s+)?feedback(?:\s+report)?\s*[:–—-]\s*", re.I)
_HEADER_LINES = 15
_HEADING_CHARS = 60
_HEADER_NEIGHBOUR = re.compile(r"peer\s+(?:challenge|review)|feedback", re.I)
_CONTEXT_CHARS = 60

# Words just before a date that say "this is when the peer team was here".
_VISIT_CUES = re.compile(
    r"took place|take place|taking place|held|during|between|from|on site|visit\w*|"
    r"undert(?:ook|aken)|received|hosted|carried out|end of|over|in|on",
    re.I,
)
# Words that make a nearby date something else: publication, deadlines, meetings, history.
_OTHER_CUES = re.compile(
    r"publish\w*|deadline|no later than|by\s*$|meeting|committee|cabinet\s+on|dated|"
    r"first\s+took|previous|last\s+(?:cpc|peer)|return\w*|updated?|issued",
    re.I,
)
_PEER_WORDS = re.compile(r"peer\s+(?:challenge|review|team)|\bCPC\b|\bpeers\b", re.I)
_SENTENCE_REACH = 300
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _from_feedback_line(text: str) -> VisitDates | None:
    for match in _FEEDBACK_LINE.finditer(text):
        following = text[match.end() : match.end() + 80].split("\n", 1)[0]
        mentions = find_all_dates(following)
        if mentions and mentions[0].start <= 3:
            return mentions[0].dates
    return None


def _from_header_block(text: str) -> VisitDates | None:
    """Older PDFs open "Corporate Peer Challenge / <Council> / <dates> / Feedback Report".

    A lone single day is usually a committee meeting date, so it counts only beside a short
    heading line about the peer challenge or feedback.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_HEADER_LINES]
    for index, line in enumerate(lines):
        mentions = find_all_dates(line)
        if len(mentions) != 1 or mentions[0].dates.precision != "day":
            continue
        if (line[: mentions[0].start] + line[mentions[0].end :]).strip(" ,.-–—"):
            continue
        dates = mentions[0].dates
        neighbours = [n for n in lines[max(0, index - 1) : index + 2] if len(n) <= _HEADING_CHARS]
        if dates.start != dates.end or _HEADER_NEIGHBOUR.search(" ".join(neighbours)):
            return dates
    return None


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], looking at most a few hundred characters away."""
    window_start = max(0, start - _SENTENCE_REACH)
    before = text[window_start:start]
    left = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
    after = text[end : end + _SENTENCE_REACH]
    right = _SENTENCE_END.search(after)
    return before[left:] + text[start:end] + (after[: right.start()] if right else after)


def _phrase_score(text: str, mention: DateMention) -> int:
    before = text[max(0, mention.start - _CONTEXT_CHARS) : mention.start]
    before = before.rsplit("\n", 1)[-1]
    score = 0
    if _PEER_WORDS.search(_sentence_around(text, mention.start, mention.end)):
        score += 2
    if _VISIT_CUES.search(before[-25:]):
        score += 1
    if _OTHER_CUES.search(before):
        score -= 3
    if mention.dates.precision == "day":
        score += 1
    return score


def _from_phrases(text: str) -> VisitDates | None:
    scored = [(_phrase_score(text, m), -m.start, m) for m in find_all_dates(text)]
    good = [entry for entry in scored if entry[0] >= 3]
    if not good:
        return None
    return max(good, key=lambda entry: entry[:2])[2].dates


#: Opening lines in which dates broken across lines are mended (cover pages sit there).
MEND_LINES = 60
#: At most this many following lines are joined to one ("18", "th", "– 21", "st", "June 2019").
MEND_REACH = 6
_FRAGMENT_END = re.compile(
    r"(?:\d|\b(?:st|nd|rd|th)|[-‐‑‒–—]|\b(?:to|and|" + "|".join(_MONTHS) + r")\.?)\s*$", re.I
)
# Only a line's last characters can end a date fragment; searching a whole long line for a
# "$"-anchored pattern tries every position.
_FRAGMENT_TAIL = 24
_FRAGMENT_START = re.compile(
    r"^\s*(?:(?:st|nd|rd|th)\b|[-‐‑‒–—]|\d{1,4}\b|(?:" + "|".join(_MONTHS) + r")\b)", re.I
)


def mend_broken_dates(text: str, lines: int = MEND_LINES) -> str:
    """`text` with line breaks inside a date removed in its first `lines` lines.

    pypdf breaks cover-page dates wherever the layout did: "18\nth\n– 21\nst\nJune 2019",
    "29 November –\n1 December 2022". Lines are joined only when a date then reads across
    every join, from the first line on, so "Cabinet\n10 October 2023\n2. Report" stays as it
    is. Later lines are left alone, which bounds the work on huge files.
    """
    parts = text.split("\n", lines)
    rest = parts.pop() if len(parts) > lines else None
    mended: list[str] = []
    index = 0
    while index < len(parts):
        best, best_end = parts[index], index
        joined, cuts = parts[index], []
        end = index + 1
        while (
            end < len(parts)
            and end - index <= MEND_REACH
            and _FRAGMENT_END.search(joined[-_FRAGMENT_TAIL:])
            and _FRAGMENT_START.match(parts[end])
        ):
            cuts.append(len(joined.rstrip()))
            joined = f"{joined.rstrip()} {parts[end].lstrip()}"
            if any(m.start < cuts[0] and m.end > cuts[-1] for m in find_all_dates(joined)):
                best, best_end = joined, end
            end += 1
        mended.append(best)
        index = best_end + 1
    return "\n".join(mended if rest is None else [*mended, rest])


def parse_visit_dates(text: str) -> VisitDates | None:
    """The CPC visit dates in `text`, or None when no date is credibly the visit.

    Tries, in order of trust: the "Feedback report: …" line of LGA pages, a date standing
    alone on a line of the opening header block, then dates in sentences about the peer
    challenge ("took place", "between … and …", "in January 2019"). Dates broken across the
    opening lines are mended first.
    """
    text = mend_broken_dates(text)
    return _from_feedback_line(text) or _from_header_block(text) or _from_phrases(text)
