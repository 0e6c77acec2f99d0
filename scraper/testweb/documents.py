"""Byte-stable document bodies: PDFs (fpdf2), DOCX (python-docx), and deliberately broken files.

Paragraph convention shared with the HTML templates: a string starting with ``"# "`` is a heading.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache

from docx import Document
from fpdf import FPDF

#: Every generated file claims this creation time, so bytes (and ETags) are stable across runs.
FIXED_TIME = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
_ZIP_TIME = (2025, 1, 6, 9, 0, 0)


def is_heading(paragraph: str) -> bool:
    return paragraph.startswith("# ")


@lru_cache(maxsize=512)
def pdf_bytes(
    title: str, paragraphs: tuple[str, ...], *, author: str = "Local Government Association"
) -> bytes:
    """A text PDF whose Title metadata is ``title`` (which may lie about the body)."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for paragraph in paragraphs:
        if is_heading(paragraph):
            pdf.set_font("Helvetica", style="B", size=13)
            pdf.multi_cell(0, 7, paragraph[2:], new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", size=10)
            pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


@lru_cache(maxsize=64)
def docx_bytes(title: str, paragraphs: tuple[str, ...]) -> bytes:
    """A DOCX with fixed core properties and zip timestamps, so its bytes never change."""
    document = Document()
    props = document.core_properties
    props.title = title
    props.author = "Corporate Strategy Team"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.last_modified_by = "Corporate Strategy Team"
    props.revision = 1
    for paragraph in paragraphs:
        if is_heading(paragraph):
            document.add_heading(paragraph[2:], level=2)
        else:
            document.add_paragraph(paragraph)
    raw = io.BytesIO()
    document.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def corrupt_pdf_bytes(title: str) -> bytes:
    """Starts like a PDF, then stops: no xref, no trailer, a truncated stream."""
    good = pdf_bytes(title, ("# " + title, "This document could not be converted."))
    return good[: len(good) // 3] + b"\x00\xff\xfe garbage after truncation \x00" * 8


@lru_cache(maxsize=8)
def encrypted_pdf_bytes(title: str, paragraphs: tuple[str, ...]) -> bytes:
    """A real PDF locked with a user password: nothing can read its text without it."""
    pdf = FPDF()
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(title)
    # A fixed file id keeps the encryption key, hence the bytes and the ETag, stable.
    pdf.file_id = lambda: "<0123456789ABCDEF0123456789ABCDEF><0123456789ABCDEF0123456789ABCDEF>"
    pdf.set_encryption(owner_password="peerwatch-owner", user_password="peerwatch-user")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5, paragraph.removeprefix("# "), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


#: Uncompressed size of the zip bomb's document.xml; it deflates about 1000:1.
ZIP_BOMB_BYTES = 200 * 1024 * 1024


@lru_cache(maxsize=2)
def zip_bomb_docx_bytes(uncompressed: int = ZIP_BOMB_BYTES) -> bytes:
    """A small .docx whose document.xml inflates to ``uncompressed`` bytes of one long run."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>Corporate peer challenge "
    )
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in _DOCX_PARTS.items():
            target.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), data)
        info = zipfile.ZipInfo("word/document.xml", date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as member:
            member.write(head)
            block = b"peer " * (1024 * 1024 // 5)
            left = uncompressed - len(head) - len(tail)
            while left > 0:
                member.write(block[:left])
                left -= len(block)
            member.write(tail)
    return out.getvalue()


_DOCX_PARTS = {
    "[Content_Types].xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}


def oversized_chunks(total: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """``total`` bytes of PDF-looking filler, produced on the fly rather than stored."""
    header = b"%PDF-1.4\n% oversized fixture file\n"
    block = (b"0" * 63 + b"\n") * (chunk // 64)
    sent = 0
    first = header + block[len(header) :]
    while sent < total:
        piece = (first if sent == 0 else block)[: total - sent]
        sent += len(piece)
        yield piece
