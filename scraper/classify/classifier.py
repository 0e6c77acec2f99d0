"""Decide whether a document is CPC material, which artefact it is, whose, and when.

The order of questions follows the cost of mistakes: a false "not published" is worst, so any
document that really calls itself a CPC is accepted unless its *title, URL or opening lines*
say it is a look-alike; stray mentions of finance or children's services deep in a real report
never reject it. The patterns themselves live in `rules.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal
from urllib.parse import unquote, urlsplit

from scraper.classify import rules
from scraper.classify.dates import parse_visit_dates
from scraper.classify.lga_titles import parse_lga_title
from scraper.classify.names import dedupe, names_in
from scraper.classify.records import Classification, DocKind, VisitDates

Source = Literal["lga", "council", "committee"]
_PARISH = re.compile(r"\b(?:town|parish)\s+councils?$", re.I)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|$)")
# What an LGA page can be; anything else under the report tree is about the programme.
LGA_REPORT_KINDS = (DocKind.FEEDBACK_REPORT, DocKind.PROGRESS_REVIEW)


@dataclass(frozen=True)
class _Document:
    """The zones the rules look at, computed once."""

    title: str  # title/H1 plus link text
    own_title: str  # title/H1 only: what the document calls itself
    link_text: str
    url: str
    text: str
    head: str  # opening lines of the text
    on_lga_site: bool

    @classmethod
    def build(cls, title: str, text: str, url: str, link_text: str, source: Source) -> _Document:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        host = (urlsplit(url).hostname or "").lower()
        return cls(
            title=f"{title}\n{link_text}".strip(),
            own_title=title.strip(),
            link_text=link_text.strip(),
            url=unquote(url),
            text=text,
            head="\n".join(lines[: rules.HEAD_LINES]),
            on_lga_site=source == "lga" or bool(rules.LGA_HOSTS.search(host)),
        )

    @property
    def calls_itself_cpc(self) -> bool:
        """Its own title, H1 or opening lines say Corporate Peer Challenge."""
        return bool(rules.CPC_WORDS.search(self.own_title) or rules.CPC_WORDS.search(self.head))


def _reject(reason: str, evidence: list[str]) -> Classification:
    return Classification(False, None, reason, (), None, 0.0, (*evidence, f"reject:{reason}"))


def _look_alike(doc: _Document, title_is_cpc: bool) -> tuple[str, str] | None:
    """(reason, where) for the first look-alike rule that fires.

    Opening lines count only when the title does not say CPC and the look-alike wording comes
    before any CPC wording: "Finance Peer Challenge … an alternative to a CPC" is a look-alike,
    "Corporate Peer Challenge … after the finance peer challenge" is not. The link that led
    here counts only when the document itself does not say CPC: link texts are short and a
    broad word in one ("SEND", "PAS") must not reject a real report.
    """
    first_cpc = rules.CPC_WORDS.search(doc.head)
    cpc_at = first_cpc.start() if first_cpc else len(doc.head)
    link_counts = bool(doc.link_text) and not doc.calls_itself_cpc
    for rule in rules.LOOK_ALIKES:
        if rule.lga_only and not doc.on_lga_site:
            continue
        if rule.title and rule.title.search(doc.own_title):
            return rule.reason, "title"
        if rule.title and link_counts and rule.title.search(doc.link_text):
            return rule.reason, "link text"
        if rule.url and rule.url.search(doc.url):
            return rule.reason, "url"
        if rule.anywhere and rule.anywhere.search(doc.text):
            return rule.reason, "text"
        body = rule.body.search(doc.head) if rule.body and not title_is_cpc else None
        if body and body.start() < cpc_at:
            return rule.reason, "opening lines"
    return None


def _cpc_mentions(doc: _Document) -> int:
    mentions = len(rules.CPC_WORDS.findall(doc.text))
    if rules.CPC_DEFINED.search(doc.text):
        mentions += len(rules.CPC_ACRONYM.findall(doc.text))
    return mentions


def _header_block_names(head: str) -> list[str]:
    """Names in "Corporate Peer Challenge / <Council> / <dates> / Feedback Report" blocks."""
    lines = head.splitlines()
    found: list[str] = []
    for index, line in enumerate(lines):
        named = names_in(line)
        if named and len(" ".join(named)) >= 0.6 * len(line):
            found.extend(named)
        elif (
            index
            and rules.CPC_WORDS.fullmatch(lines[index - 1].strip())
            and index + 1 < len(lines)
            and parse_visit_dates(lines[index + 1])
            and not parse_visit_dates(line)
        ):
            found.append(line.strip())  # joint names like "South Hams and West Devon"
    return found


def _phrase_names(text: str) -> list[str]:
    found: list[str] = []
    for anchor, side in rules.COUNCIL_PHRASES:
        for match in anchor.finditer(text):
            # " ".join: PDF text wraps names across lines ("Bolton\nCouncil").
            if side == "after":
                window = text[match.end() : match.end() + rules.NAME_REACH]
                named = names_in(" ".join(window.split()))[:1]
            else:
                window = text[max(0, match.start() - rules.NAME_REACH) : match.start()]
                named = names_in(" ".join(window.split()))[-1:]
            found += named
    return found


def _council_names(doc: _Document, lga_title: tuple[str, DocKind] | None) -> tuple[str, ...]:
    names: list[str] = [lga_title[0]] if lga_title else []
    names += names_in(doc.title)
    names += _header_block_names(doc.head)
    names += _phrase_names(doc.text[: rules.SCAN_CHARS])
    if not names:
        # Landing pages name the council in prose; later lines may list the peers' councils.
        names = names_in(doc.head)[:1]
    return tuple(dedupe(names))


def _first_line_index(pattern: re.Pattern[str], head: str) -> int | None:
    for index, line in enumerate(head.splitlines()):
        if pattern.search(line):
            return index
    return None


def _is_committee_paper(doc: _Document, source: Source) -> str | None:
    if rules.COMMITTEE_URL.search(doc.url):
        return "committee system URL"
    committee_line = _first_line_index(rules.COMMITTEE_HEAD_LINE, doc.head)
    report_line = _first_line_index(rules.REPORT_HEAD_LINE, doc.head)
    if committee_line is not None and (report_line is None or committee_line < report_line):
        return "officer report opening"
    if report_line is None and rules.COMMITTEE_TITLE.search(doc.title):
        return "committee title"
    if source == "committee" and report_line is None and committee_line is not None:
        return "committee source"
    if (
        source == "committee"
        and not rules.DOCUMENT_STRUCTURE.search(doc.text)
        and not rules.PROGRESS_BOILERPLATE.search(doc.text)
        and not any(pattern.search(doc.own_title) for pattern, _ in rules.TITLE_STAGES)
    ):
        return "committee paper without report structure"
    return None


def _is_landing_page(doc: _Document, source: Source) -> bool:
    """A short council web page about the CPC that is not itself a document."""
    return (
        source == "council"
        and not doc.on_lga_site
        and not rules.FILE_URL.search(doc.url)
        and len(doc.text.split()) < rules.LANDING_MAX_WORDS
        and not rules.DOCUMENT_STRUCTURE.search(doc.text)
        and not rules.PROGRESS_BOILERPLATE.search(doc.text)
    )


def _is_pre_challenge(doc: _Document, visit: VisitDates | None, today: date) -> bool:
    """A CPC is announced as coming, and no report exists yet (or the dates are still ahead)."""
    future_sentences = [
        sentence
        for sentence in _SENTENCE.findall(doc.text[: rules.SCAN_CHARS])
        if rules.PRE_CHALLENGE.search(sentence) and rules.PEER_WORDS.search(sentence)
    ]
    if not future_sentences:
        return False
    visit_ahead = bool(visit and visit.start and visit.start > today)
    return visit_ahead or not rules.REPORT_WORDING.search(doc.text)


def _kind(
    doc: _Document,
    source: Source,
    visit: VisitDates | None,
    today: date,
    lga_title: tuple[str, DocKind] | None,
) -> tuple[DocKind, str]:
    """The artefact and a short reason, asking the questions in priority order."""
    if _is_pre_challenge(doc, visit, today):
        return DocKind.PRE_CHALLENGE_NOTICE, "future visit wording"
    if committee := _is_committee_paper(doc, source):
        return DocKind.COMMITTEE_PAPER, committee
    if rules.ANNOUNCEMENT_URL.search(doc.url) or rules.ANNOUNCEMENT_WORDS.search(doc.head):
        return DocKind.ANNOUNCEMENT, "news page"
    stage_zone = f"{doc.title}\n{urlsplit(doc.url).path}"
    for pattern, kind in rules.TITLE_STAGES:
        if match := pattern.search(stage_zone):
            return kind, f"'{match.group(0)}' in title/URL"
    if _is_landing_page(doc, source):
        return DocKind.LANDING_PAGE, "short page without document structure"
    if rules.PROGRESS_BOILERPLATE.search(doc.text):
        return DocKind.PROGRESS_REVIEW, "progress review boilerplate"
    if lga_title:
        return lga_title[1], "LGA title"
    return DocKind.FEEDBACK_REPORT, "default"


def _not_an_lga_report(doc: _Document, names: tuple[str, ...], themes: int) -> str | None:
    """Why an LGA page whose title has no known report shape is not a council's CPC report.

    New title wordings must not hide a report (a false "not published"), so the body decides:
    CPC report boilerplate, or a "Feedback" line, about one named council, under a title that
    is not the programme's own (index, FAQs, "Strengthening CPC").
    """
    if rules.LGA_PROGRAMME_TITLE.search(doc.own_title):
        return "LGA programme page title"
    if not names:
        return "LGA page naming no council"
    if not names_in(doc.own_title) and len(names_in(doc.head)) > rules.LGA_LISTING_NAMES:
        return "LGA page listing several councils"
    has_report_body = rules.LGA_REPORT_BODY.search(doc.text) or themes >= rules.MIN_CORE_THEMES
    if not (has_report_body or "feedback" in doc.head.lower()):
        return "LGA page without report wording"
    return None


def _score(found: dict[str, bool]) -> float:
    total = sum(rules.EVIDENCE_WEIGHTS[name] for name, present in found.items() if present)
    return round(min(1.0, total), 3)


def classify(
    *,
    title: str,
    text: str,
    url: str = "",
    link_text: str = "",
    source: Source = "council",
    today: date | None = None,
) -> Classification:
    """Classify one document from its title (H1), extracted text and where it was found.

    `today` decides whether announced visit dates are still ahead; it defaults to the real
    date, so pass it in tests and replays.
    """
    today = today or date.today()
    doc = _Document.build(title, text, url, link_text, source)
    title_is_cpc = bool(
        rules.CPC_WORDS.search(doc.title) or rules.CPC_URL.search(urlsplit(doc.url).path)
    )
    evidence: list[str] = []
    if title_is_cpc:
        evidence.append("cpc wording in title/URL")

    if look_alike := _look_alike(doc, title_is_cpc):
        reason, where = look_alike
        return _reject(reason, [*evidence, f"{reason} in {where}"])

    mentions = _cpc_mentions(doc)
    lga_context = bool(rules.LGA_CONTEXT.search(f"{doc.title}\n{doc.text}\n{doc.url}"))
    themes = sum(1 for theme in rules.CORE_THEMES if theme.search(doc.text))
    if not title_is_cpc:
        if mentions == 0:
            return _reject("no_cpc_wording", evidence)
        if mentions == 1 and not lga_context and themes < rules.MIN_CORE_THEMES:
            return _reject("passing_mention", [*evidence, "one CPC mention, no LGA context"])

    lga_title = parse_lga_title(title) if title else None
    names = _council_names(doc, lga_title)
    if names and all(_PARISH.search(name) for name in names):
        return _reject("parish_or_town_council", [*evidence, f"named {names[0]}"])
    if doc.on_lga_site and not lga_title and (why_not := _not_an_lga_report(doc, names, themes)):
        return _reject("lga_programme_page", [*evidence, why_not])

    visit = parse_visit_dates(text[: rules.SCAN_CHARS])
    kind, why = _kind(doc, source, visit, today, lga_title)
    if doc.on_lga_site and not lga_title and kind not in LGA_REPORT_KINDS:
        return _reject("lga_programme_page", [*evidence, f"LGA page read as {kind}"])
    found = {
        "cpc_in_title": title_is_cpc,
        "cpc_in_text": mentions > 0,
        "lga_context": lga_context,
        "core_themes": themes >= rules.MIN_CORE_THEMES,
        "boilerplate": bool(rules.BOILERPLATE.search(text)),
        "visit_dates": visit is not None,
        "council_named": bool(names),
    }
    evidence += [name for name, present in found.items() if present and name != "cpc_in_title"]
    evidence.append(f"{kind}: {why}")
    return Classification(True, kind, None, names, visit, _score(found), tuple(evidence))
