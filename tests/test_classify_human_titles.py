"""human_title(): short titles for digests, Atom and Datasette, never PDF metadata or prose."""

from datetime import date

import pytest
from docs_factory import pdf_bytes

from scraper.classify import classify, extract_text, human_title
from scraper.classify.titles import MAX_CHARS

BOLTON = [
    "1. Introduction",
    "Corporate Peer Challenge (CPC) is a highly valued improvement and assurance tool that is "
    "delivered by the sector for the sector.",
    "It involves a team of senior local government councillors and officers spending four days "
    "at Bolton Council. The peer team were on site from 9 – 12 July 2024.",
]


def title_of(lines, link_text="", url="https://www.bolton.gov.uk/media/1/cpc-report.pdf"):
    body = pdf_bytes(lines, title="Diversity Peer Challenge Draft Report")
    extracted = extract_text(body, "application/pdf", url)
    found = classify(
        title=extracted.title or "", text=extracted.text, url=url, link_text=link_text,
        today=date(2025, 11, 1),
    )  # fmt: skip
    return human_title(extracted.title, link_text, found)


@pytest.mark.parametrize(
    ("lines", "link_text", "expected"),
    [
        (BOLTON, "Download the Corporate Peer Challenge Report (PDF) [543KB]",
         "Corporate Peer Challenge Report"),
        (BOLTON, "Download (PDF, 1.2 MB)", "Feedback report – Bolton Council (July 2024)"),
        (BOLTON, "", "Feedback report – Bolton Council (July 2024)"),
        (["Corporate Peer Challenge", "North Tyneside Council", "18th - 21st June 2019",
          "Feedback Report", "1. Executive Summary", "The peer team found ambition."],
         "", "Corporate Peer Challenge: North Tyneside Council, 18th - 21st June 2019"),
        (["Bolton Council: Corporate Peer Challenge Action Plan",
          "This action plan responds to the recommendations of the LGA Corporate Peer Challenge."],
         "", "Bolton Council: Corporate Peer Challenge Action Plan"),
        (["LGA Corporate Peer Challenge - verbal update",
          "1. Purpose: to update Cabinet on the LGA Corporate Peer Challenge at Hyndburn Borough "
          "Council."], "", "LGA Corporate Peer Challenge - verbal update"),
    ],
    ids=["link-text", "dull-link-made-title", "no-link-made-title", "header-block",
         "heading-line", "committee-heading"],
)  # fmt: skip
def test_pdf_titles_are_headings_link_texts_or_made_never_metadata_or_prose(
    lines, link_text, expected
):
    assert title_of(lines, link_text) == expected


def test_titles_are_at_most_160_characters_and_end_on_a_word():
    long_h1 = "LGA Corporate Peer Challenge – " + "Very Long Borough Council Name " * 10
    found = classify(title=long_h1, text="Corporate peer challenge feedback report.", url="")
    title = human_title(long_h1, "", found)
    assert len(title) <= MAX_CHARS == 160
    assert title.endswith("Name…") or title.endswith("Council…")
