"""The questions a crawl asks the database: which councils, which known documents, which LGA
documents still stand."""

from __future__ import annotations

import pytest
from monitor_factory import add_run, check, doc

from db.crawl_state import councils_to_check, known_documents_for, standing_lga_documents
from db.errors import PeerwatchError

LGA_REPORT = "https://www.local.gov.uk/bolton-cpc-report"


def _document_id(db, url: str) -> int:
    return next(db.query("SELECT id FROM documents WHERE url = ?", [url]))["id"]


def test_without_codes_every_current_council_is_checked(db):
    councils = councils_to_check(db, ())
    assert councils and all(c.current for c in councils)


def test_given_codes_are_checked_once_each_in_the_order_given(db):
    assert [c.code for c in councils_to_check(db, ("man", "BOL", "MAN"))] == ["MAN", "BOL"]


def test_an_unknown_code_is_a_one_line_error(db):
    with pytest.raises(PeerwatchError, match="ZZZ"):
        councils_to_check(db, ("BOL", "ZZZ"))


def test_known_documents_are_the_councils_own_standing_ones_in_url_order(db):
    add_run(
        db,
        [check("BOL"), check("MAN")],
        [
            doc("https://www.bolton.gov.uk/z.pdf", "BOL"),
            doc("https://democracy.bolton.gov.uk/a.pdf", "BOL", source="committee", content="c"),
            doc("https://www.bolton.gov.uk/removed.pdf", "BOL", content="r"),
            doc(LGA_REPORT, "BOL", source="lga", content="l"),
            doc("https://www.manchester.gov.uk/m.pdf", "MAN", content="m"),
        ],
    )
    removed = _document_id(db, "https://www.bolton.gov.uk/removed.pdf")
    db.execute("UPDATE documents SET removed_run = 1 WHERE id = ?", [removed])
    assert known_documents_for(db, "BOL") == [
        "https://democracy.bolton.gov.uk/a.pdf",
        "https://www.bolton.gov.uk/z.pdf",
    ]


def test_standing_lga_documents_leave_out_the_gone_and_the_councils_own(db):
    gone = "https://www.local.gov.uk/gone-report"
    add_run(
        db,
        [check("BOL"), check("MAN")],
        [
            doc(LGA_REPORT, "BOL", "MAN", source="lga", visit="2023-05-02"),
            doc(gone, "MAN", source="lga", content="g"),
            doc("https://www.bolton.gov.uk/z.pdf", "BOL", content="c"),
        ],
    )
    db.execute("UPDATE documents SET http_status = 410 WHERE id = ?", [_document_id(db, gone)])
    [standing] = standing_lga_documents(db)
    assert (standing.url, standing.source, sorted(standing.council_codes)) == (
        LGA_REPORT,
        "lga",
        ["BOL", "MAN"],
    )
    assert (standing.visit_start, standing.kind) == ("2023-05-02", "feedback_report")
