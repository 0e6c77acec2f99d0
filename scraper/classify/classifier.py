"""Decide whether a document is CPC material, which artefact it is, whose, and when.

The order of questions follows the cost of mistakes: a false "not published" is worst, so any
document that really calls itself a CPC is accepted unless its *title, URL or opening lines*
say it is a look-alike; stray mentions of finance or children's services deep in a real report
never reject it. A false "published" is next worst, so being a feedback report is never the
default: it is shown by what the document contains (a report's parts, its cover page), while
a council page about the CPC without them is a landing page, and a document that only
mentions the CPC (a governance statement, a budget paper, a home page) is not CPC material.
The patterns themselves live in `rules.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal
from urllib.parse import unquote, urlsplit

from scraper.classify import rules
from scraper.classify.dates import mend_broken_dates, parse_visit_dates
from scraper.classify.lga_titles import parse_lga_title
from scraper.classify.names import dedupe, names_in
from scraper.classify.page import PageStructure, read_page
from scraper.classify.records import Classification, DocKind, VisitDates
from scraper.classify.structure import ReportEvidence, report_evidence, report_link
from scraper.discovery.files import looks_like_file

Source = Literal["lga", "council", "committee"]
FileFormat = Literal["html", "pdf", "docx", "text"]
#: Does the register know this council name? (e.g. `lambda n: resolver.resolve(n).ok`)
NameCheck = Callable[[str], bool]
_PARISH = re.compile(r"\b(?:town|parish)\s+councils?$", re.I)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|$)")


def _is_prose(line: str) -> bool:
    """A sentence rather than a heading: long, ends in a full stop, or reads as running text."""
    words = line.split()
    return (
        len(words) > rules.HEADING_MAX_WORDS
        or line.rstrip().endswith((".", ";", ","))
        or (len(words) > 6 and len(rules.RUNNING_TEXT_WORDS.findall(line)) >= 3)
    )


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
    head: str  # opening lines of the text, dates broken across lines mended
    on_lga_site: bool
    is_file: bool  # a PDF/DOCX/plain-text file, never a web page

    @classmethod
    def build(
        cls,
        title: str,
        text: str,
        url: str,
        link_text: str,
        source: Source,
        file_format: FileFormat | None,
    ) -> _Document:
        opening = mend_broken_dates(text[: rules.SCAN_CHARS])
        lines = [line.strip() for line in opening.splitlines(False)[: 4 * rules.HEAD_LINES]]
        lines = [line for line in lines if line][: rules.HEAD_LINES]
        host = (urlsplit(url).hostname or "").lower()
        is_file = file_format in ("pdf", "docx", "text") or (
            file_format is None and looks_like_file(url)
        )
        return cls(
            title=f"{title}\n{link_text}".strip(),
            own_title=title.strip(),
            link_text=link_text.strip(),
            url=unquote(url),
            text=text,
            head="\n".join(lines),
            on_lga_site=source == "lga" or bool(rules.LGA_HOSTS.search(host)),
            is_file=is_file,
        )

    @property
    def title_lines(self) -> list[str]:
        """Title-like lines: the title's parts ("A / B / C" from PDF heading lines) and the
        opening heading lines of the text, before its first sentence; furniture skipped."""
        lines = [part.strip() for part in self.own_title.split(" / ") if part.strip()]
        for line in self.head.splitlines()[: rules.COVER_LINES]:
            if rules.FURNITURE_LINE.match(line):
                continue
            if _is_prose(line):
                break
            lines.append(line)
        return lines

    @property
    def first_sentence(self) -> str:
        """The first line of prose after the title lines, cut at its sentence end."""
        for line in self.head.splitlines():
            if _is_prose(line) and not rules.FURNITURE_LINE.match(line):
                sentence = line[: rules.SUBJECT_SENTENCE_CHARS]
                return re.split(r"(?<=[.!?])\s", sentence, maxsplit=1)[0]
        return ""

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


_NAME_LINE = re.compile(
    r"^(?:[A-Z][\w'’.&-]*|St\.?|and|of|upon|on|the|&)(?:\s+(?:[A-Z][\w'’.&-]*|St\.?|and|of|upon|"
    r"on|the|&)){0,7}$"
)


def _title_line_names(line: str, named: NameCheck | None) -> list[str]:
    """Council names in one title-like line: an LGA title's council, names ending "Council",
    or the whole line when it is only capitalised words (a cover's "South Hams and West
    Devon"), which needs the register's say-so when there is one."""
    found: list[str] = []
    if parsed := parse_lga_title(line):
        found.append(parsed[0])
    found += names_in(line)
    bare = line.strip(" .:–—-")
    if named and not found and _NAME_LINE.match(bare) and not parse_visit_dates(bare):
        found.append(bare)
    return found


def _cover_block_names(head: str) -> list[str]:
    """Without a register: the line between "Corporate Peer Challenge" and the visit dates
    on an old cover ("Corporate Peer Challenge / South Hams and West Devon / 5 – 8 November
    2018") is the council, even when it does not end in "Council"."""
    lines = head.splitlines()[: rules.COVER_LINES]
    return [
        line.strip()
        for before, line, after in zip(lines, lines[1:], lines[2:], strict=False)
        if rules.CPC_WORDS.fullmatch(before.strip())
        and parse_visit_dates(after)
        and not parse_visit_dates(line)
        and _NAME_LINE.match(line.strip())
    ]


def _formula_names(text: str) -> list[str]:
    """Names in the formulae reports use for their own council (rules.SUBJECT_COUNCIL_PHRASES)."""
    found: list[str] = []
    for anchor, side in rules.SUBJECT_COUNCIL_PHRASES:
        for match in anchor.finditer(text):
            # " ".join: PDF text wraps names across lines ("Warrington\nBorough Council").
            if side == "after":
                window = text[match.end() : match.end() + rules.NAME_REACH]
                found += names_in(" ".join(window.split()))[:1]
            else:
                window = text[max(0, match.start() - rules.NAME_REACH) : match.start()]
                found += names_in(" ".join(window.split()))[-1:]
    return found


def _council_names(
    doc: _Document, lga_title: tuple[str, DocKind] | None, named: NameCheck | None
) -> tuple[str, ...]:
    """Names from title-like positions; a report's formulae for its council only when those
    name nobody.

    Never from an ordinary sentence or a heading that merely looks like a name ("Follow-up
    visit, November 2018"): with a register (`named`), every name must be one it knows.
    """
    names: list[str] = [lga_title[0]] if lga_title else []
    for line in doc.title_lines:
        names += _title_line_names(line, named)
    if not named:
        names += _cover_block_names(doc.head)
    if named:
        names = [name for name in names if named(name)]
    if not names:
        names = _formula_names(doc.text[: rules.SCAN_CHARS])
        names = [name for name in names if named(name)] if named else names
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


def _subject(
    doc: _Document, source: Source, parts: ReportEvidence, page: PageStructure | None
) -> str | None:
    """Where the document shows the CPC is its subject, or None for a passing mention.

    A document is about the CPC when its title, its opening heading lines, a committee
    paper's "Title:/Subject:/Purpose:" line, its first sentence or its URL says so, or when
    it carries a report's parts. A web page whose content is mostly links (a home page) is
    about the CPC only by its own title; one that heads a section with the CPC and links to
    a file under it (a "council performance" page) is too.
    """
    if rules.SUBJECT_WORDS.search(doc.own_title):
        return "title"
    hub = page is not None and page.link_density > rules.HUB_LINK_DENSITY
    if not hub:
        if any(rules.SUBJECT_WORDS.search(line) for line in doc.title_lines[: rules.SUBJECT_LINES]):
            return "opening heading lines"
        labelled = [line for line in doc.head.splitlines() if rules.LABELLED_TITLE_LINE.match(line)]
        if any(rules.SUBJECT_WORDS.search(line) for line in labelled):
            return "title or purpose line"
        if rules.SUBJECT_WORDS.search(doc.first_sentence):
            return "first sentence"
        if rules.CPC_URL.search(urlsplit(doc.url).path):
            return "URL"
    if parts.is_cpc_report:
        return "report parts"
    if _is_committee_document(doc, source) and _cpc_agenda_item(doc):
        return "agenda item"
    if rules.PROGRESS_BOILERPLATE.search(doc.text[: rules.SCAN_CHARS]):
        return "progress review wording"
    if page and any(rules.SUBJECT_WORDS.search(h) for h in page.headings) and report_link(page):
        return "section heading over a report file"
    return None


def _is_committee_document(doc: _Document, source: Source) -> bool:
    """Committee papers, wherever they are hosted: a council may publish its CPC only in a
    full-council agenda pack on its own site (Arun, domain notes 2.1)."""
    return bool(
        source == "committee"
        or rules.COMMITTEE_URL.search(doc.url)
        or rules.COMMITTEE_TITLE.search(doc.own_title)
        or rules.COMMITTEE_HEAD_LINE.search(doc.head)
    )


def _cpc_agenda_item(doc: _Document) -> bool:
    """A numbered agenda item heading about the CPC anywhere in the (scanned) text."""
    return any(
        rules.AGENDA_ITEM_LINE.match(line)
        and rules.SUBJECT_WORDS.search(line)
        and not _is_prose(line)
        for line in doc.text[: rules.SCAN_CHARS].splitlines()
    )


def _is_landing_page(
    doc: _Document, source: Source, parts: ReportEvidence, page: PageStructure | None
) -> str | None:
    """Why a council web page about the CPC is a landing page, not the report (or None).

    Not by length: a page is the report only when it carries a report's parts itself, and
    even then not when it points at a file that is the report and carries few of them.
    """
    if source != "council" or doc.on_lga_site or doc.is_file:
        return None
    if rules.PROGRESS_BOILERPLATE.search(doc.text[: rules.SCAN_CHARS]):
        return None
    link = report_link(page) if page else None
    if parts.is_report:
        if link and len(parts.strong) < rules.HTML_REPORT_MIN_STRONG:
            return "page pointing at the report file"
        return None
    points_at_file = (
        bool(link) if page else bool(rules.FILE_POINTER.search(doc.text[: rules.SCAN_CHARS]))
    )
    if rules.REPORT_TITLE.search(doc.own_title) and parts.strong and not points_at_file:
        return None
    return "page about the CPC without a report's parts"


def _is_pre_challenge(doc: _Document, visit: VisitDates | None, today: date) -> bool:
    """A CPC is announced as coming, and no report exists yet (or the dates are still ahead)."""
    text = rules.WRAPPED_LINE.sub(" ", doc.text[: rules.SCAN_CHARS])
    future_sentences = [
        sentence
        for sentence in _SENTENCE.findall(text)
        if rules.PRE_CHALLENGE.search(sentence) and rules.PEER_WORDS.search(sentence)
    ]
    if not future_sentences or rules.PAST_CPC.search(text):
        return False
    visit_ahead = bool(visit and visit.start and visit.start > today)
    return visit_ahead or not rules.REPORT_WORDING.search(doc.text)


def _kind(
    doc: _Document,
    source: Source,
    visit: VisitDates | None,
    today: date,
    lga_title: tuple[str, DocKind] | None,
    parts: ReportEvidence,
    page: PageStructure | None,
) -> tuple[DocKind, str]:
    """The artefact and a short reason, asking the questions in priority order.

    A feedback report is never the fall-through: it needs an LGA report title, a report's
    parts or cover page, or (for a file) its own title or cover saying it is a CPC.
    """
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
    if landing := _is_landing_page(doc, source, parts, page):
        return DocKind.LANDING_PAGE, landing
    if rules.PROGRESS_BOILERPLATE.search(doc.text[: rules.SCAN_CHARS]):
        return DocKind.PROGRESS_REVIEW, "progress review boilerplate"
    if lga_title:
        return lga_title[1], "LGA title"
    if parts.strong:
        return DocKind.FEEDBACK_REPORT, "report parts: " + ", ".join(parts.strong)
    if doc.on_lga_site:
        return DocKind.FEEDBACK_REPORT, "LGA report body"
    if doc.is_file and doc.calls_itself_cpc:
        return DocKind.FEEDBACK_REPORT, "a file whose title or opening lines say CPC"
    return DocKind.LANDING_PAGE, "about the CPC without a report's parts"


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
    html: str | None = None,
    file_format: FileFormat | None = None,
    is_council: NameCheck | None = None,
) -> Classification:
    """Classify one document from its title (H1), extracted text and where it was found.

    `today` decides whether announced visit dates are still ahead; it defaults to the real
    date, so pass it in tests and replays. Optional, and better when given:
    - `html`: a web page's HTML, read for its structure (main content, links to files) when
      the text talks about the CPC at all; it lets a landing page name its `report_link`.
    - `file_format`: ExtractedText.format, so a PDF at an extensionless URL is known to be
      a file (otherwise the URL's shape decides).
    - `is_council`: the register's name check; council names it rejects are dropped.
    """
    today = today or date.today()
    doc = _Document.build(title, text, url, link_text, source, file_format)
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
    themes = sum(1 for theme in rules.CORE_THEMES if theme.search(doc.text[: rules.SCAN_CHARS]))
    if not title_is_cpc:
        if mentions == 0:
            return _reject("no_cpc_wording", evidence)
        if mentions == 1 and not lga_context and themes < rules.MIN_CORE_THEMES:
            return _reject("passing_mention", [*evidence, "one CPC mention, no LGA context"])

    page = read_page(html, url) if html and not doc.is_file else None
    parts = report_evidence(text, doc.head)
    lga_title = (
        (parse_lga_title(title) or parse_lga_title(title.split(" / ")[0])) if title else None
    )
    if not (doc.on_lga_site or lga_title):
        subject = _subject(doc, source, parts, page)
        if subject is None:
            return _reject("passing_mention", [*evidence, "CPC mentioned, not the subject"])
        evidence.append(f"subject: {subject}")
    names = _council_names(doc, lga_title, is_council)
    if names and all(_PARISH.search(name) for name in names):
        return _reject("parish_or_town_council", [*evidence, f"named {names[0]}"])
    if doc.on_lga_site and not lga_title and (why_not := _not_an_lga_report(doc, names, themes)):
        return _reject("lga_programme_page", [*evidence, why_not])

    visit = parse_visit_dates(text[: rules.SCAN_CHARS])
    kind, why = _kind(doc, source, visit, today, lga_title, parts, page)
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
        "report_parts": parts.is_report,
    }
    evidence += [name for name, present in found.items() if present and name != "cpc_in_title"]
    evidence.append(f"{kind}: {why}")
    link = report_link(page) if page and kind == DocKind.LANDING_PAGE else None
    return Classification(
        True, kind, None, names, visit, _score(found), tuple(evidence), link, parts.names
    )
