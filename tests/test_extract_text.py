"""Text extraction from real PDF, DOCX and HTML bodies, including hostile and broken ones."""

import pytest
from docs_factory import (
    corrupt_pdf_bytes,
    docx_bytes,
    encrypted_pdf_bytes,
    html_bytes,
    pdf_bytes,
    zip_bomb_docx_bytes,
)

from scraper.classify.text import content_fingerprint, extract_text, sniff_format

NORTH_TYNESIDE = [
    "Corporate Peer Challenge",
    "North Tyneside Council",
    "18th – 21st June 2019",
    "Feedback Report",
    "1. Executive Summary",
    "The peer team found a council with clear ambition for the borough.",
]


def test_pdf_title_comes_from_the_first_lines_not_the_misleading_metadata():
    body = pdf_bytes(NORTH_TYNESIDE, title="Diversity Peer Challenge Draft Report")
    extracted = extract_text(body, "application/pdf", "https://example.gov.uk/cpc.pdf")
    assert extracted.error is None
    assert extracted.format == "pdf"
    assert extracted.title.startswith("Corporate Peer Challenge / North Tyneside Council")
    assert "Diversity" not in extracted.title + extracted.text
    assert "The peer team found" in extracted.text


def test_pdf_title_skips_page_numbers_and_protective_markings():
    body = pdf_bytes(["1", "OFFICIAL", "Corporate Peer Challenge", "Bolton Council"])
    assert extract_text(body, None, "x.pdf").title == "Corporate Peer Challenge / Bolton Council"


@pytest.mark.parametrize(
    ("make", "error_prefix"),
    [
        (lambda: encrypted_pdf_bytes(NORTH_TYNESIDE), "encrypted"),
        (lambda: corrupt_pdf_bytes(NORTH_TYNESIDE), "corrupt"),
        (lambda: b"%PDF-1.7\n this is not a pdf at all", "corrupt"),
        (lambda: zip_bomb_docx_bytes(), "zip bomb"),
        (lambda: zip_bomb_docx_bytes(5_000_000), "zip bomb"),
        (lambda: b"PK\x03\x04 truncated zip", "corrupt"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy word", "unsupported"),
    ],
    ids=["encrypted", "truncated", "garbage", "bomb-total", "bomb-ratio", "bad-zip", "doc"],
)
def test_bad_documents_report_an_error_instead_of_raising(make, error_prefix):
    extracted = extract_text(make(), "application/octet-stream", "https://example.gov.uk/f")
    assert extracted.error is not None and extracted.error.startswith(error_prefix)
    assert extracted.text == ""


def test_owner_restricted_pdf_with_empty_user_password_is_still_read():
    body = encrypted_pdf_bytes(NORTH_TYNESIDE, user_password="")
    extracted = extract_text(body, "application/pdf", "x.pdf")
    assert extracted.error is None
    assert "North Tyneside Council" in extracted.text


def test_oversized_body_is_refused_before_parsing():
    extracted = extract_text(pdf_bytes(NORTH_TYNESIDE), None, "x.pdf", max_uncompressed=100)
    assert extracted.error.startswith("oversized")


def test_docx_text_and_title_come_from_the_document_body():
    body = docx_bytes(
        ["Corporate Peer Challenge", "South Tyneside Council", "Progress Review"],
        title="Template from another council",
    )
    url = "https://www.southtyneside.gov.uk/download?id=1"
    extracted = extract_text(body, "application/octet-stream", url)
    assert extracted.error is None
    assert extracted.format == "docx"
    assert extracted.title == "Corporate Peer Challenge / South Tyneside Council / Progress Review"


def test_windows_1252_page_declared_as_latin_1_keeps_pound_and_en_dash():
    body = html_bytes(
        "LGA Corporate Peer Challenge – Bolton Council",
        ["Feedback report: 9 – 12 July 2024", "A £1.2m saving – on track."],
        encoding="windows-1252",
        declare="iso-8859-1",
    )
    extracted = extract_text(body, "text/html", "https://www.local.gov.uk/x")
    assert extracted.title == "LGA Corporate Peer Challenge – Bolton Council"
    assert "A £1.2m saving – on track." in extracted.text
    assert "Feedback report: 9 – 12 July 2024" in extracted.text


def test_undeclared_windows_1252_falls_back_from_utf8():
    body = "<html><body><h1>Peer challenge</h1><p>£5m – spent</p></body></html>"
    extracted = extract_text(body.encode("windows-1252"), "text/html", "https://x/")
    assert "£5m – spent" in extracted.text


def test_html_drops_scripts_navigation_site_chrome_and_lga_banners():
    body = html_bytes("LGA Corporate Peer Challenge - Bolton Council", ["Report body."])
    text = extract_text(body, "text/html; charset=utf-8", "https://www.local.gov.uk/x").text
    assert text.splitlines() == ["LGA Corporate Peer Challenge - Bolton Council", "Report body."]


def test_banner_edits_do_not_change_the_fingerprint():
    with_banner = html_bytes("Corporate peer challenge: Cheltenham Borough Council", ["Body."])
    without = html_bytes(
        "Corporate peer challenge: Cheltenham Borough Council", ["Body."], chrome=False
    )
    fingerprints = {
        content_fingerprint(extract_text(body, "text/html", "https://x/").text)
        for body in (with_banner, without)
    }
    assert len(fingerprints) == 1


def test_html_title_falls_back_to_the_title_element_without_h1():
    body = b"<html><head><title>Peer Challenge | Welwyn Hatfield</title></head><body><p>x</p></body></html>"
    assert extract_text(body, "text/html", "https://x/").title == "Peer Challenge | Welwyn Hatfield"


@pytest.mark.parametrize(
    ("body", "content_type", "url", "expected"),
    [
        (pdf_bytes(["x"]), "text/html", "https://x/page", "pdf"),
        (docx_bytes(["x"]), "application/octet-stream", "https://x/download", "docx"),
        (b"<!DOCTYPE html><html></html>", "application/pdf", "https://x/report.pdf", "html"),
        (b"plain words", "application/pdf", "https://x/a", "pdf"),
        (b"plain words", None, "https://x/report.PDF", "pdf"),
        (b"plain words", None, "https://x/notes.txt", "text"),
        (b"<p>fragment</p>", None, "https://x/page", "html"),
    ],
    ids=[
        "pdf-as-html",
        "docx-as-octet",
        "html-error-page-as-pdf",
        "trust-type",
        "suffix",
        "txt",
        "frag",
    ],
)
def test_format_sniffing_trusts_bytes_then_content_type_then_url(body, content_type, url, expected):
    assert sniff_format(body, content_type, url) == expected


def test_fingerprint_ignores_whitespace_but_not_words():
    assert content_fingerprint("a  b\n c") == content_fingerprint("a b c")
    assert content_fingerprint("a b c") != content_fingerprint("a b d")
