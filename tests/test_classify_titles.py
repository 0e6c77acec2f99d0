"""LGA report page titles (domain notes 1.3) parse to (council, kind); other pages give None."""

import pytest

from scraper.classify.lga_titles import parse_lga_title
from scraper.classify.records import DocKind

FEEDBACK = DocKind.FEEDBACK_REPORT
PROGRESS = DocKind.PROGRESS_REVIEW


@pytest.mark.parametrize(
    ("title", "council", "kind"),
    [
        ("Corporate peer challenge: Cheltenham Borough Council", "Cheltenham Borough Council", FEEDBACK),
        ("Corporate peer challenge: East Sussex County Council", "East Sussex County Council", FEEDBACK),
        ("LGA Corporate Peer Challenge - West Suffolk Council", "West Suffolk Council", FEEDBACK),
        ("LGA Corporate Peer Challenge - Bolton Council", "Bolton Council", FEEDBACK),
        ("LGA Corporate Peer Challenge: Warrington Borough Council", "Warrington Borough Council", FEEDBACK),
        ("LGA Corporate Peer Challenge Report: Cheshire East Council", "Cheshire East Council", FEEDBACK),
        ("LGA Corporate Peer Review: Rushcliffe Borough Council", "Rushcliffe Borough Council", FEEDBACK),
        ("LGA Corporate Peer Challenge – Progress Review: Rushcliffe Borough Council", "Rushcliffe Borough Council", PROGRESS),
        ("LGA Corporate Peer Challenge — Progress Review : Bolton Council", "Bolton Council", PROGRESS),
        ("LGA Corporate Peer Challenge Progress Review: Bolton Council", "Bolton Council", PROGRESS),
        ("Forest of Dean District Council – Progress Review", "Forest of Dean District Council", PROGRESS),
        ("Forest of Dean District Council-Progress Review", "Forest of Dean District Council", PROGRESS),
        ("Corporate peer challenge:Babergh and Mid Suffolk District Councils", "Babergh and Mid Suffolk District Councils", FEEDBACK),
        ("LGA Corporate Peer Challenge - Royal Borough of Kingston upon Thames", "Royal Borough of Kingston upon Thames", FEEDBACK),
        ("LGA Corporate Peer Challenge: North Northamptonshire Council | Local Government Association", "North Northamptonshire Council", FEEDBACK),
        ("  LGA   Corporate Peer Challenge  –  Somerset Council 2024 ", "Somerset Council", FEEDBACK),
    ],
)  # fmt: skip
def test_every_lga_report_title_variant_gives_council_and_kind(title, council, kind):
    assert parse_lga_title(title) == (council, kind)


@pytest.mark.parametrize(
    "title",
    [
        "Corporate Peer Challenge reports",
        "Strengthening Corporate Peer Challenge",
        "Corporate Peer Challenge: frequently asked questions",
        "Strengthened Corporate Peer Challenge - FAQs",
        "Corporate peer challenge: Fictional Borough Council",
        "LGA Corporate Peer Challenge 2022",
        "LGA Corporate Peer Challenge: Local Government Association",
        "Finance peer challenge: Bolton Council",
        "Planning peer challenge: Isle of Wight Council",
        "Adult social care peer challenge: Devon County Council",
        "Children's services peer challenge - Haringey Council",
        "Outcomes: peer challenge reports",
        "Corporate Peer Challenge: Houghton Regis Town Council",
        "Corporate peer challenge: the strengthened approach",
        "LGA Corporate and Finance Peer Challenge annual report 2022/23",
        "",
    ],
)
def test_non_report_lga_pages_give_none(title):
    assert parse_lga_title(title) is None
