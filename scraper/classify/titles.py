"""A short, human title for a classified document, for digests, Atom and Datasette.

The extracted title is the H1 of a page or the heading lines that open a PDF or DOCX (never its
Title metadata, which LGA templates reuse). When that says nothing useful ("Introduction",
"Report to Cabinet") a descriptive link text is next, and otherwise a title is made from what
the classifier found: "Feedback report – Bolton Council (July 2024)".
"""

from __future__ import annotations

import re

from scraper.classify.records import Classification, DocKind

MAX_CHARS = 160

KIND_LABELS: dict[DocKind, str] = {
    DocKind.FEEDBACK_REPORT: "Feedback report",
    DocKind.ACTION_PLAN: "Action plan",
    DocKind.PROGRESS_REVIEW: "Progress review",
    DocKind.POSITION_STATEMENT: "Position statement",
    DocKind.COMMITTEE_PAPER: "Committee paper",
    DocKind.ANNOUNCEMENT: "News release",
    DocKind.PRE_CHALLENGE_NOTICE: "Pre-challenge notice",
    DocKind.LANDING_PAGE: "Corporate Peer Challenge page",
}

# A title or link text worth showing names the CPC, an artefact or a council.
_DESCRIPTIVE = re.compile(
    r"peer\s+(?:challenge|review)|\bCPC\b|feedback|action\s+plan|delivery\s+plan|"
    r"progress\s+(?:review|report)|position\s+statement|\bcouncils?\b|\bborough\b",
    re.I,
)
# Link furniture: "(PDF)", "[543KB]", "PDF, 1.2 MB", "opens in a new window".
_LINK_FURNITURE = re.compile(
    r"\s*(?:[(\[]\s*(?:pdf|docx?|word|opens?\s+in\s+a?\s*new\s+(?:window|tab))[^)\]]*[)\]]|"
    r"[(\[]\s*[\d.,]+\s*[kmg]b\s*[)\]]|,?\s*(?:pdf|docx?)\s*,?\s*[\d.,]+\s*[kmg]b)",
    re.I,
)
_LINK_VERBS = re.compile(r"^(?:read|download|view|see|open)\s+(?:the\s+|our\s+)?", re.I)


def human_title(title: str | None, link_text: str, found: Classification) -> str:
    """At most MAX_CHARS: the heading if descriptive, else the link text, else a made one."""
    heading = " ".join((title or "").split())
    parts = [part.strip() for part in heading.split(" / ") if part.strip()]
    if parts and _DESCRIPTIVE.search(heading):
        joined = parts[0] + (": " + ", ".join(parts[1:]) if len(parts) > 1 else "")
        return _shorten(joined)
    link = _LINK_VERBS.sub("", _LINK_FURNITURE.sub("", " ".join(link_text.split()))).strip()
    if _DESCRIPTIVE.search(link):
        return _shorten(link[:1].upper() + link[1:])
    return _shorten(made_title(found) or heading or link)


def made_title(found: Classification) -> str | None:
    """ "<Kind> – <Council> (<visit month year>)", from the classification alone."""
    if found.kind is None:
        return None
    title = KIND_LABELS[found.kind]
    if found.council_names:
        title += f" – {' and '.join(found.council_names)}"
    day = found.visit.start if found.visit else None
    if day:
        title += f" ({day:%B %Y})"
    return title


def _shorten(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text[: MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"
