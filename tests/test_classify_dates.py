"""Visit-date parsing over the wordings of domain notes 2.3 and the report pages of 1.3."""

from datetime import date

import pytest

from scraper.classify.dates import find_all_dates, mend_broken_dates, parse_visit_dates
from scraper.classify.records import VisitDates


def day_range(y1: int, m1: int, d1: int, y2: int, m2: int, d2: int) -> VisitDates:
    return VisitDates(date(y1, m1, d1), date(y2, m2, d2), "day")


def month(year: int, number: int) -> VisitDates:
    return VisitDates(date(year, number, 1), None, "month")


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("14–18 March 2022", day_range(2022, 3, 14, 2022, 3, 18)),
        ("20 - 23 June 2023", day_range(2023, 6, 20, 2023, 6, 23)),
        ("9 – 12 July 2024", day_range(2024, 7, 9, 2024, 7, 12)),
        ("17- 20 September 2024", day_range(2024, 9, 17, 2024, 9, 20)),
        ("15 to 18 January 2024", day_range(2024, 1, 15, 2024, 1, 18)),
        ("16 to 19 October 2023", day_range(2023, 10, 16, 2023, 10, 19)),
        ("between 10 and 12 March 2025", day_range(2025, 3, 10, 2025, 3, 12)),
        ("Monday 15 to Thursday 18 January 2024", day_range(2024, 1, 15, 2024, 1, 18)),
        ("18th – 21st June 2019", day_range(2019, 6, 18, 2019, 6, 21)),
        ("10th – 12th July 2018", day_range(2018, 7, 10, 2018, 7, 12)),
        ("31 January – 2 February 2018", day_range(2018, 1, 31, 2018, 2, 2)),
        ("25-28 March 2024", day_range(2024, 3, 25, 2024, 3, 28)),
        ("24-28 June 2024", day_range(2024, 6, 24, 2024, 6, 28)),
        ("30 December 2019 – 2 January 2020", day_range(2019, 12, 30, 2020, 1, 2)),
        ("6 November 2024", day_range(2024, 11, 6, 2024, 11, 6)),
        ("3 Sept. 2025", day_range(2025, 9, 3, 2025, 9, 3)),
        ("in January 2019", month(2019, 1)),
        ("In March 2024", month(2024, 3)),
        ("end of May 2025", month(2025, 5)),
    ],
)
def test_every_date_format_in_the_domain_notes_is_one_mention(wording, expected):
    mentions = find_all_dates(wording)
    assert [m.dates for m in mentions] == [expected]


@pytest.mark.parametrize(
    "wording",
    ["in 2019", "Report 2018/19", "Market 2024", "12 - 2024", "page 14 of 20"],
)
def test_things_that_are_not_dates_are_ignored(wording):
    assert find_all_dates(wording) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "LGA Corporate Peer Challenge Report: Cheshire East Council\n"
            "Feedback report: 25-28 March 2024\nPublished 12 July 2024",
            day_range(2024, 3, 25, 2024, 3, 28),
        ),
        (
            "LGA Corporate Peer Challenge – Progress Review: Rushcliffe Borough Council\n"
            "Feedback: 6 November 2024\nThe council undertook an LGA Corporate Peer Challenge "
            "(CPC) during 15 – 18 January 2024 and promptly published the full report.",
            day_range(2024, 11, 6, 2024, 11, 6),
        ),
        (
            "Forest of Dean District Council – Progress Review\n"
            "Team Feedback Report: 3 September 2025",
            day_range(2025, 9, 3, 2025, 9, 3),
        ),
        (
            "Corporate Peer Challenge\nForest of Dean District Council\n10th – 12th July 2018\n"
            "Feedback Report\n1. Executive Summary",
            day_range(2018, 7, 10, 2018, 7, 12),
        ),
        (
            "We undertook a Local Government Association (LGA) Corporate Peer Challenge review "
            "in January 2019. The report was published in April 2019.",
            month(2019, 1),
        ),
        (
            "LGA Corporate Peer Challenge in March 2024 … the report was published in July 2024.",
            month(2024, 3),
        ),
        (
            "The Corporate Peer Challenge took place between 10 and 12 March 2025. "
            "The 3 June Executive approved the publishing of the feedback report.",
            day_range(2025, 3, 10, 2025, 3, 12),
        ),
        (
            "Cabinet\n10 October 2023\nThe LGA Corporate Peer Challenge is due to take place "
            "from 15 – 18 January 2024.",
            day_range(2024, 1, 15, 2024, 1, 18),
        ),
        (
            "This is Bolton Council's second Corporate Peer Challenge. The first took place "
            "in June 2018.\nFeedback report: 9 – 12 July 2024",
            day_range(2024, 7, 9, 2024, 7, 12),
        ),
        (
            "The peer team visited the council at the end of May 2025 and met 80 people.",
            month(2025, 5),
        ),
    ],
)
def test_visit_dates_prefer_the_feedback_line_then_header_then_visit_phrases(text, expected):
    assert parse_visit_dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Council tax bills for 2024 are sent in March 2024.",
        "Cabinet\n10 October 2023\nReport of the Chief Executive",
        "The council must publish the peer challenge report by 17 December 2024.",
        "This is our second peer challenge. The first took place in June 2018.",
    ],
)
def test_dates_that_are_not_the_visit_give_none(text):
    assert parse_visit_dates(text) is None


@pytest.mark.parametrize(
    ("visit", "last"),
    [
        (day_range(2024, 3, 25, 2024, 3, 28), date(2024, 3, 28)),
        (VisitDates(date(2024, 11, 6), None, "day"), date(2024, 11, 6)),
        (month(2024, 2), date(2024, 2, 29)),
        (month(2019, 1), date(2019, 1, 31)),
        (VisitDates(None, None, "day"), None),
    ],
)
def test_last_day_ends_the_visit_and_a_month_visit_ends_on_the_months_last_day(visit, last):
    assert visit.last_day == last


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("10 th – 12th July 2018", day_range(2018, 7, 10, 2018, 7, 12)),
        ("10 th - 12 th July 2018", day_range(2018, 7, 10, 2018, 7, 12)),
        ("1 st – 3 rd March 2023", day_range(2023, 3, 1, 2023, 3, 3)),
        ("29 November – 1 December 2022", day_range(2022, 11, 29, 2022, 12, 1)),
    ],
)
def test_split_ordinals_and_month_spans_are_one_mention(wording, expected):
    assert [m.dates for m in find_all_dates(wording)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Corporate Peer Challenge\nNorth Tyneside Council\n18\nth\n– 21\nst\nJune 2019\n"
            "Feedback Report",
            day_range(2019, 6, 18, 2019, 6, 21),
        ),
        (
            "LGA Corporate Peer Challenge\nEastbourne Borough Council\n29 November –\n1 December "
            "2022\nFeedback report",
            day_range(2022, 11, 29, 2022, 12, 1),
        ),
        (
            "Corporate Peer Challenge\nForest of Dean District Council\n10 th – 12\nth July 2018\n"
            "Feedback Report",
            day_range(2018, 7, 10, 2018, 7, 12),
        ),
        ("Feedback report: 14 –\n18 March\n2022", day_range(2022, 3, 14, 2022, 3, 18)),
    ],
    ids=["ordinals-on-own-lines", "month-span-broken", "ordinal-broken", "feedback-line-broken"],
)
def test_cover_page_dates_broken_across_lines_by_pdf_extraction_are_mended(text, expected):
    assert parse_visit_dates(text) == expected


def test_mending_leaves_lines_alone_when_no_date_reads_across_them():
    text = "Cabinet\n10 October 2023\n2. Report of the Chief Executive\n3\nth floor"
    assert mend_broken_dates(text) == text


def test_mending_a_huge_text_touches_only_its_opening_lines():
    tail = "\n".join(["12", "th July 2018"] * 200_000)
    text = f"Corporate Peer Challenge\n{tail}"
    mended = mend_broken_dates(text)
    assert mended.endswith(tail[-1000:])
    assert len(mended) > len(text) - 100
