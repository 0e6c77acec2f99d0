"""Turn a fetched body (HTML, PDF, DOCX or plain text) into plain text plus a title.

Servers mislabel documents, council PDFs are often restricted or broken, and a hostile or
careless site can serve a zip bomb, so extraction trusts the bytes over the headers and
reports problems in `ExtractedText.error` instead of raising. The text is also normalised so
that `content_fingerprint` changes only when the document's words change.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from typing import Literal
from urllib.parse import urlsplit

from docx import Document
from lxml import etree
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from scraper.classify.dates import mend_broken_dates
from scraper.classify.records import ExtractedText

Format = Literal["html", "pdf", "docx", "text"]

MAX_PDF_PAGES = 400
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_RATIO = 100  # deflate rarely beats ~20:1 on real Word XML; bombs reach 1000:1
TITLE_LINES = 3
TITLE_CHARS = 200
TITLE_SCAN_LINES = 8
HEADING_WORDS = 14

_DROP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "nav", "form"))
_CHROME_ROLES = re.compile(r"^(?:navigation|banner|contentinfo|search)$")
_CHROME_CLASSES = re.compile(r"cookie|consent|skip-?link|breadcrumb", re.I)
_BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "aside", "header", "footer", "h1", "h2", "h3",
    "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "blockquote", "pre",
    "figure", "figcaption", "address", "details", "summary", "caption",
))  # fmt: skip
# Site banners that the LGA edits independently of report content (domain notes 1.2).
_BANNER_LINE = re.compile(
    r"^(?:Resetting the relationship between local and national government"
    r"|Read our Local Government White Paper"
    r"|Visit our devolution and LGR hub)",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w:.-]+)", re.I)
# WHATWG: browsers decode these labels as windows-1252, and so do real pages' "£" and "–".
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.I)
_LETTERS = re.compile(r"[A-Za-z]{3}")
# Generic section headings, never a document's title.
_SECTION_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:introduction|executive\s+summary|summary|contents|foreword|"
    r"background|purpose|key\s+recommendations|recommendations)\s*:?$",
    re.I,
)
# Numbered paragraphs ("1. Purpose: to update Cabinet …") are prose, not headings.
_SENTENCE_START = re.compile(r"^\d+(?:\.\d+)*\.?\s+\w+\s*:\s+\S")
_RUNS_ON = re.compile(
    r"\s(?:and|or|the|a|an|of|to|in|on|at|for|with|by|from|that|which|during|is|are|was|were)$",
    re.I,
)


def extract_text(
    body: bytes, content_type: str | None, url: str, *, max_uncompressed: int = 50_000_000
) -> ExtractedText:
    """Extract text and a title from `body`; never raises on bad input."""
    fmt = sniff_format(body, content_type, url)
    if len(body) > max_uncompressed:
        return ExtractedText("", None, fmt, f"oversized: {len(body)} bytes")
    if body.startswith(b"\xd0\xcf\x11\xe0"):
        return ExtractedText("", None, "text", "unsupported: legacy OLE document (.doc/.xls)")
    try:
        if fmt == "pdf":
            return _from_pdf(body, max_uncompressed)
        if fmt == "docx":
            return _from_docx(body, max_uncompressed)
        if fmt == "html":
            return _from_html(body, content_type)
        return _from_plain(body, content_type)
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop a crawl
        return ExtractedText("", None, fmt, f"corrupt: {type(exc).__name__}: {exc}")


def content_fingerprint(text: str) -> str:
    """sha256 of whitespace-normalised text, so re-wrapping or re-indenting is not a change."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def sniff_format(body: bytes, content_type: str | None, url: str) -> Format:
    """Magic bytes first, then Content-Type, then URL suffix: servers lie about Content-Type."""
    head = body[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if re.match(rb"\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|body)\b", head, re.I):
        return "html"
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime == "application/pdf":
        return "pdf"
    if "wordprocessingml" in mime:
        return "docx"
    if mime in {"text/html", "application/xhtml+xml"}:
        return "html"
    if mime == "text/plain":
        return "text"
    path = urlsplit(url).path.lower()
    for suffix, fmt in ((".pdf", "pdf"), (".docx", "docx"), (".txt", "text")):
        if path.endswith(suffix):
            return fmt  # type: ignore[return-value]
    return "html" if re.search(rb"<(?:p|div|title|a)\b", head, re.I) else "text"


def _decode(body: bytes, content_type: str | None) -> str:
    """Declared charset (header, then meta), then UTF-8, then windows-1252, which never fails."""
    declared = []
    if match := _HEADER_CHARSET.search(content_type or ""):
        declared.append(match.group(1))
    if match := _META_CHARSET.search(body[:4096]):
        declared.append(match.group(1).decode("ascii", "ignore"))
    if body.startswith(b"\xef\xbb\xbf"):
        declared.insert(0, "utf-8-sig")
    for label in [*declared, "utf-8"]:
        label = label.lower()
        encoding = "windows-1252" if label in _AS_WINDOWS_1252 else label
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("windows-1252", errors="replace")


def _tidy_lines(text: str) -> str:
    """One line per block, single spaces, no blank lines and no LGA banners."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line and not _BANNER_LINE.match(line))


def _has_h1(element: etree._Element) -> bool:
    return next(element.iterdescendants("h1"), None) is not None


def _is_site_chrome(element: etree._Element) -> bool:
    tag = element.tag
    if tag in ("header", "footer"):
        # Article headers often hold the H1 and the "Feedback report: <dates>" line.
        return not _has_h1(element) and next(element.iterancestors("main", "article"), None) is None
    if _CHROME_ROLES.match(element.get("role", "")):
        return not _has_h1(element)
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(names.strip()) and bool(_CHROME_CLASSES.search(names))


def _is_dropped(element: etree._Element) -> bool:
    return element.tag in _DROP_TAGS or _is_site_chrome(element)


def _strings(element: etree._Element) -> str:
    """Every text node under `element`, joined with spaces (comments excluded)."""
    return " ".join(element.xpath(".//text()"))


def _from_html(body: bytes, content_type: str | None) -> ExtractedText:
    # lxml's HTML parser once, over the text decoded by our own rules: the same libxml2 tree
    # BeautifulSoup's "lxml" builder made, without building a Python object per node.
    text = _decode(body, content_type)
    root = (
        etree.fromstring(text.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
        if text.strip()
        else None
    )
    if root is None:
        return ExtractedText("", None, "html")
    h1 = next(root.iter("h1"), None)
    title = _tidy_lines(_strings(h1)) if h1 is not None else ""
    if not title and (head_title := next(root.iter("title"), None)) is not None:
        title = _tidy_lines(_strings(head_title))
    body_element = next(root.iter("body"), None)
    start = body_element if body_element is not None else root
    return ExtractedText(_tidy_lines(_block_text(start)), title or None, "html")


_NEWLINE, _SPACE = object(), object()


def _block_text(root: etree._Element) -> str:
    """Text with a line break around each block element and spaces between table cells,
    leaving out dropped elements (scripts, navigation, site chrome) but not the text after them.

    One iterative walk: inserting separators into the tree is quadratic on long pages.
    """
    parts: list[str] = []
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if node is _NEWLINE:
            parts.append("\n")
        elif node is _SPACE:
            parts.append(" ")
        elif isinstance(node, str):
            parts.append(node)
        else:
            tag = node.tag
            if not isinstance(tag, str) or _is_dropped(node):
                continue  # comments, processing instructions, dropped elements
            if tag == "br":
                parts.append("\n")
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
                stack.append(_NEWLINE)
            elif tag in ("td", "th"):
                stack.append(_SPACE)
            for child in reversed(node):
                if child.tail:
                    stack.append(child.tail)
                stack.append(child)
            if node.text:
                stack.append(node.text)
    return "".join(parts)


def _first_lines_title(text: str) -> str | None:
    """The heading lines that open the text, because PDF/DOCX Title metadata is often a reused
    template's. Page furniture and generic section headings ("1. Introduction") are skipped;
    the first line of prose ends the title, so body sentences never read as one. Dates that
    PDF extraction broke across lines ("18\nth\n– 21\nst\nJune 2019") are mended first."""
    opening = "\n".join(text.split("\n", 4 * TITLE_SCAN_LINES)[: 4 * TITLE_SCAN_LINES])
    lines = [line.strip() for line in mend_broken_dates(opening).splitlines()[:TITLE_SCAN_LINES]]
    picked: list[str] = []
    for index, line in enumerate(lines):
        if not _LETTERS.search(line) or _PAGE_NUMBER.match(line) or line.upper() == "OFFICIAL":
            continue
        if _SECTION_HEADING.match(line):
            if picked:
                break
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not _is_heading(line, following):
            break
        picked.append(line)
        if len(picked) == TITLE_LINES:
            break
    return " / ".join(picked)[:TITLE_CHARS] or None


def _is_heading(line: str, following: str) -> bool:
    """Short and not prose: "Corporate Peer Challenge", "Bolton Council", "9 – 12 July 2024".

    PDF text wraps sentences into short lines, so a line that ends on a joining word or runs
    on into a lower-case line is prose too.
    """
    return (
        len(line.split()) <= HEADING_WORDS
        and not line.endswith((".", ",", ";"))
        and not line[0].islower()
        and not _SENTENCE_START.match(line)
        and not _RUNS_ON.search(line)
        and not following[:1].islower()
    )


def _from_pdf(body: bytes, max_uncompressed: int) -> ExtractedText:
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            # Owner-only restrictions decrypt with the empty password; a user password cannot.
            return ExtractedText("", None, "pdf", "encrypted: needs a password")
        pages = reader.pages
        parts: list[str] = []
        size = 0
        for number, page in enumerate(pages):
            if number >= MAX_PDF_PAGES:
                break
            page_text = page.extract_text() or ""
            size += len(page_text)
            if size > max_uncompressed:
                return ExtractedText("", None, "pdf", "oversized: text exceeds limit")
            parts.append(page_text)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        return ExtractedText("", None, "pdf", f"corrupt: {type(exc).__name__}: {exc}")
    text = _tidy_lines("\n".join(parts))
    if not text:
        return ExtractedText("", None, "pdf", "no text layer (scanned image?)")
    return ExtractedText(text, _first_lines_title(text), "pdf")


def zip_bomb_reason(body: bytes, max_uncompressed: int) -> str | None:
    """Why this zip is unsafe to open, judged from its central directory before inflating.

    zipfile stops at each member's declared size (and fails the CRC), so declared sizes bound
    what python-docx can inflate.
    """
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            return f"zip bomb: {len(members)} members"
        total = sum(m.file_size for m in members)
        if total > max_uncompressed:
            return f"zip bomb: {total} bytes uncompressed"
        for member in members:
            if member.file_size > 1_000_000 and member.file_size > MAX_ZIP_RATIO * max(
                member.compress_size, 1
            ):
                return f"zip bomb: {member.filename} compresses {member.file_size // max(member.compress_size, 1)}:1"
        if "word/document.xml" not in archive.namelist():
            return "unsupported: zip archive is not a Word document"
    return None


def _from_docx(body: bytes, max_uncompressed: int) -> ExtractedText:
    try:
        reason = zip_bomb_reason(body, max_uncompressed)
    except zipfile.BadZipFile as exc:
        return ExtractedText("", None, "docx", f"corrupt: {exc}")
    if reason:
        return ExtractedText("", None, "docx", reason)
    document = Document(io.BytesIO(body))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    text = _tidy_lines("\n".join(lines))
    return ExtractedText(text, _first_lines_title(text), "docx")


def _from_plain(body: bytes, content_type: str | None) -> ExtractedText:
    text = _tidy_lines(_decode(body, content_type))
    return ExtractedText(text, _first_lines_title(text), "text")
