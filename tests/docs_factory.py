"""Build real PDF, DOCX and HTML bodies for tests and fixture sites.

Kept importable (no pytest) so other fixtures can reuse the builders: each returns bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from docx import Document
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

# fpdf2's core fonts are latin-1 only; map the typographic characters real reports use.
_LATIN1_SAFE = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})


def pdf_bytes(lines: Sequence[str], *, title: str | None = None, pages: int = 1) -> bytes:
    """A text PDF with `lines` on the first page (repeated on later pages), optional Title."""
    pdf = FPDF()
    if title is not None:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 8, line.translate(_LATIN1_SAFE), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def encrypted_pdf_bytes(lines: Sequence[str], *, user_password: str = "secret") -> bytes:
    """A PDF that needs `user_password` to open; "" gives an owner-restricted readable PDF."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(lines))))
    writer.encrypt(user_password=user_password, owner_password="owner-" + user_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt_pdf_bytes(lines: Sequence[str]) -> bytes:
    """A PDF cut off a third of the way through, like an interrupted download."""
    whole = pdf_bytes(lines)
    return whole[: len(whole) // 3]


def docx_bytes(paragraphs: Sequence[str], *, title: str | None = None) -> bytes:
    """A Word document with one paragraph per item; the first is styled as a heading."""
    document = Document()
    if title is not None:
        document.core_properties.title = title
    for index, text in enumerate(paragraphs):
        if index == 0:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx_bytes(uncompressed_size: int = 60_000_000) -> bytes:
    """A valid-looking DOCX whose one extra member inflates to `uncompressed_size` bytes."""
    out = io.BytesIO(docx_bytes(["Corporate Peer Challenge"]))
    chunk = b"\0" * 1_000_000
    with (
        zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/padding.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(uncompressed_size // len(chunk)):
            member.write(chunk)
    return out.getvalue()


def html_bytes(
    h1: str,
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    encoding: str = "utf-8",
    declare: str | None = None,
    chrome: bool = True,
) -> bytes:
    """An HTML page in `encoding`, declaring `declare` (default: `encoding`) in a meta tag.

    With `chrome`, it carries the LGA banners, a nav, a site header/footer and a script, as
    captured local.gov.uk pages do, so extractors can be checked for dropping them.
    """
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    site = (
        "<div class='banner'><p>Resetting the relationship between local and national "
        "government. <a href='/wp'>Read our Local Government White Paper</a></p></div>"
        "<div class='banner'>Visit our devolution and LGR hub</div>"
        "<header><a href='/'>Home</a> Site search</header>"
        "<nav><ul><li>Our support</li><li>Events</li></ul></nav>"
        "<script>var tracking = 1;</script><style>p {color: red}</style>"
    )
    page = (
        f"<!DOCTYPE html><html><head><meta charset='{declare or encoding}'>"
        f"<title>{title or h1} | Local Government Association</title></head><body>"
        f"{site if chrome else ''}<main><article><header><h1>{h1}</h1></header>{body}"
        f"</article></main>{'<footer>Copyright LGA</footer>' if chrome else ''}</body></html>"
    )
    return page.encode(encoding)
