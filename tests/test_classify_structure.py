"""The classifier reads structure, not length (issue 9, causes 7 and 8): report files from
their cover page whatever their URL, landing pages however long, mentions that are not the
subject, council names only from title-like lines and the register, joint names whole."""

from datetime import date

import pytest
from classify_cases import RESOLVER, TODAY, council_page, is_council
from docs_factory import docx_bytes, pdf_bytes

from scraper.classify import classify, extract_text
from scraper.classify.page import MAX_HTML_CHARS, read_page
from scraper.classify.records import DocKind, VisitDates

JOINT_PROGRESS_REPORT = [
    "LGA Corporate Peer Challenge - Progress Report",
    "Babergh and Mid Suffolk District Councils",
    "Feedback: 18 January 2023",
    "1. Introduction",
    "The councils undertook an LGA Corporate Peer Challenge (CPC) during 14-18 March 2022 and "
    "promptly published the full report with an action plan.",
]


def codes(names: tuple[str, ...]) -> set[str]:
    return {code for name in names for code in RESOLVER.resolve(name).codes}


def from_file(body: bytes, content_type: str, url: str, **kwargs):
    extracted = extract_text(body, content_type, url)
    return classify(
        title=extracted.title or "",
        text=extracted.text,
        url=url,
        file_format=extracted.format,
        today=TODAY,
        **kwargs,
    )


@pytest.mark.parametrize("named", [None, is_council], ids=["shape-only", "with-register"])
def test_heading_only_joint_pdf_title_yields_the_joint_council_whole(named):
    url = "https://www.midsuffolk.gov.uk/documents/d/asset-library/cpc-progress-report"
    result = from_file(pdf_bytes(JOINT_PROGRESS_REPORT), "application/pdf", url, is_council=named)
    assert (result.is_cpc, result.kind) == (True, DocKind.PROGRESS_REVIEW), result.evidence
    assert result.council_names == ("Babergh and Mid Suffolk District Councils",)
    assert codes(result.council_names) == {"BAB", "MSU"}


@pytest.mark.parametrize(
    ("build", "content_type", "url"),
    [
        (pdf_bytes, "application/pdf", "https://www.fdean.gov.uk/media/3417/document.pdf"),
        (pdf_bytes, "application/octet-stream", "https://www.fdean.gov.uk/downloads/file/88"),
        (docx_bytes, "application/octet-stream", "https://www.fdean.gov.uk/media/3418/download"),
    ],
    ids=["pdf-opaque-name", "pdf-extensionless-jadu", "docx-extensionless"],
)
def test_a_file_that_opens_as_a_cpc_feedback_report_is_one_whatever_its_url_or_link(
    build, content_type, url
):
    body = build(
        [
            "Corporate Peer Challenge",
            "Forest of Dean District Council",
            "10 th – 12th July 2018",
            "Feedback Report",
            "1. Executive Summary",
            "The council has come a long way in a short time, and the peer team found a clear "
            "vision and a strong financial position.",
        ]
    )
    result = from_file(body, content_type, url, link_text="Read more", is_council=is_council)
    assert (result.is_cpc, result.kind) == (True, DocKind.FEEDBACK_REPORT), result.evidence
    assert "cover_page" in result.report_parts
    assert codes(result.council_names) == {"FOE"}
    assert result.visit == VisitDates(date(2018, 7, 10), date(2018, 7, 12), "day")


def test_a_follow_up_heading_or_a_sentence_is_never_taken_for_a_council_name():
    result = classify(
        title="Corporate Peer Challenge / Follow-up visit, November 2018",
        text="Corporate Peer Challenge\nFollow-up visit, November 2018\nDear Chief Executive,\n"
        "Thank you for inviting the peer team back. Bolton Council and Wigan Council officers "
        "joined the sessions.",
        url="https://www.example.gov.uk/media/1/letter.pdf",
        today=TODAY,
    )
    assert result.kind == DocKind.PROGRESS_REVIEW
    assert result.council_names == ()


def test_names_the_register_does_not_know_are_dropped_when_it_is_given():
    kwargs = dict(
        title="LGA Corporate Peer Challenge - Anytown Borough Council",
        text="Feedback report: 9 – 12 July 2024\n1. Executive summary",
        url="https://www.local.gov.uk/x/corporate-peer-301",
        source="lga",
        today=TODAY,
    )
    assert classify(**kwargs).council_names == ("Anytown Borough Council",)
    assert classify(**kwargs, is_council=is_council).council_names == ()


STORY = (
    "<p>In October 2023 the council welcomed a team of councillors and senior officers from "
    "other councils for a Local Government Association Corporate Peer Challenge. The peers "
    "spent four days meeting more than 160 people: councillors, staff, partners, businesses "
    "and residents. They gathered views from more than 50 meetings, visits and focus groups, "
    "and read our plans, budgets and performance reports before they arrived.</p>"
) * 5 + (
    "<p>The peer team found a council with ambition for its place and strong partnerships, "
    "and recommended a clearer long-term financial plan.</p><h2>Key recommendations</h2><ol>"
    "<li>Set out a long-term financial plan.</li><li>Invest in the workforce.</li></ol>"
)
LANDING = council_page(
    "Corporate Peer Challenge 2023",
    STORY + "<p><a href='/documents/20142/41855/CPC+Report+2023.pdf/0b8c2c1e-5f3a-8d6e'>"
    "Corporate Peer Challenge feedback report 2023</a></p><p><a href='/documents/20142/41855/"
    "Action+Plan.pdf/1a2b3c4d'>Action plan</a></p>",
)
LANDING_URL = "https://www.example.gov.uk/your-council/corporate-peer-challenge-2023"


@pytest.mark.parametrize("with_html", [True, False], ids=["html", "text-only"])
def test_a_long_landing_page_that_tells_the_story_is_a_landing_page_never_the_report(with_html):
    extracted = extract_text(LANDING.encode(), "text/html", LANDING_URL)
    assert len(extracted.text.split()) > 300
    result = classify(
        title=extracted.title or "",
        text=extracted.text,
        url=LANDING_URL,
        html=LANDING if with_html else None,
        today=TODAY,
    )
    assert (result.is_cpc, result.kind) == (True, DocKind.LANDING_PAGE), result.evidence
    expected_link = (
        "https://www.example.gov.uk/documents/20142/41855/CPC+Report+2023.pdf/0b8c2c1e-5f3a-8d6e"
    )
    assert result.report_link == (expected_link if with_html else None)


def test_a_council_html_report_with_a_pdf_download_link_is_still_the_report():
    html = council_page(
        "LGA Corporate Peer Challenge feedback report",
        "<p><a href='/media/881/report.pdf'>Download the PDF version of the report</a></p>"
        "<p>Feedback report: 14 - 17 June 2022</p><h2>1. Executive summary</h2><p>The council "
        "is well run.</p><h2>2. Key recommendations</h2><ol><li>Refresh the plan.</li></ol>"
        "<h2>3. Summary of the peer challenge approach</h2><p>The peer team was five peers.</p>",
    )
    url = "https://publications.example.gov.uk/reports/lga-corporate-peer-challenge-2022/"
    extracted = extract_text(html.encode(), "text/html", url)
    result = classify(
        title=extracted.title or "", text=extracted.text, url=url, html=html, today=TODAY
    )
    assert (result.kind, result.report_link) == (DocKind.FEEDBACK_REPORT, None), result.evidence


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Annual Governance Statement 2023/24",
            "Annual Governance Statement 2023/24\n1. Scope of responsibility\nThe Council is "
            "responsible for ensuring that its business is conducted lawfully.\n3. Review of "
            "effectiveness\nIn January 2024 the Council hosted an LGA Corporate Peer Challenge "
            "and published the feedback report.\n4. Significant governance issues\nDeliver the "
            "Corporate Peer Challenge action plan.",
        ),
        (
            "Medium Term Financial Strategy 2024/25 to 2027/28",
            "Medium Term Financial Strategy 2024/25 to 2027/28\n1. Introduction\nThis strategy "
            "sets the financial framework for the next four years.\n2. Context\nThe Local "
            "Government Association Corporate Peer Challenge recommended a sustainable plan. "
            "The corporate peer challenge action plan includes a capital review.",
        ),
    ],
    ids=["annual-governance-statement", "budget-paper"],
)
def test_a_document_that_mentions_the_cpc_twice_is_not_a_report(title, text):
    result = classify(
        title=title, text=text, url="https://www.example.gov.uk/media/9/doc.pdf", today=TODAY
    )
    assert (result.is_cpc, result.reject_reason) == (False, "passing_mention"), result.evidence


def test_a_home_page_of_links_is_not_about_the_cpc_it_links_to():
    links = "".join(f"<li><a href='/s{n}'>Service number {n} online</a></li>" for n in range(30))
    html = council_page(
        "Welcome to Example Council",
        f"<ul><li><a href='/news/cpc'>Corporate peer challenge report published</a></li>{links}"
        "</ul><p>The LGA corporate peer challenge team praised our ambition.</p>",
    )
    url = "https://www.example.gov.uk/"
    extracted = extract_text(html.encode(), "text/html", url)
    result = classify(
        title=extracted.title or "", text=extracted.text, url=url, html=html, today=TODAY
    )
    assert (result.is_cpc, result.reject_reason) == (False, "passing_mention"), result.evidence


def test_read_page_keeps_content_links_and_drops_menus():
    page = read_page(LANDING, LANDING_URL)
    assert page is not None
    urls = [link.url for link in page.links]
    assert not any(url.endswith(("/bins", "/council-tax", "/privacy")) for url in urls)
    assert [link.text for link in page.file_links] == [
        "Corporate Peer Challenge feedback report 2023",
        "Action plan",
    ]
    assert page.headings[0] == "Corporate Peer Challenge 2023"
    assert page.link_density < 0.1


@pytest.mark.parametrize(
    "href",
    [
        "/documents/20142/41855/Report.pdf/0b8c2c1e",
        "/downloads/file/8123/cpc-feedback-report",
        "/media/5530/peer-challenge-2024",
        "/sites/default/files/2024-07/lga_cpc_report",
        "/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=abc",
        "/Reports/cpc-report",
    ],
)
def test_read_page_knows_council_cms_document_urls(href):
    label = "Feedback report (PDF, 1.2 MB)" if href == "/Reports/cpc-report" else "Feedback"
    html = council_page("CPC", f"<p><a href='{href}'>{label}</a></p>")
    page = read_page(html, "https://www.example.gov.uk/cpc")
    assert page is not None and len(page.file_links) == 1


def test_pages_too_large_to_read_are_not_parsed():
    assert read_page("<p>x</p>" * (MAX_HTML_CHARS // 8 + 1), "https://x.gov.uk/") is None


@pytest.mark.parametrize(
    ("extra", "kind"),
    [
        ("", DocKind.FEEDBACK_REPORT),
        ("\nDownload the feedback report (PDF, 1.1MB)", DocKind.LANDING_PAGE),
    ],
    ids=["the-report-itself", "pointing-at-the-pdf"],
)
def test_a_page_titled_as_the_report_with_one_report_part_is_the_report_unless_it_points_away(
    extra, kind
):
    result = classify(
        title="Corporate Peer Challenge feedback report",
        text="Corporate Peer Challenge feedback report\nExecutive summary\nThe peer team found a "
        f"council that knows its communities and manages its money well.{extra}",
        url="https://www.example.gov.uk/council/corporate-peer-challenge/feedback-report",
        today=TODAY,
    )
    assert (result.is_cpc, result.kind) == (True, kind), result.evidence


def test_a_report_without_a_cover_names_its_council_by_the_reports_own_formula():
    result = classify(
        title="",
        text="1. Introduction\nThe council undertook an LGA Corporate Peer Challenge (CPC) during "
        "14–18 March 2022 and promptly published the full report with an action plan.\nThe "
        "progress review took place on 18 January 2023 at Babergh and Mid Suffolk District "
        "Councils.\nOfficers from Ipswich Borough Council joined the peer team.",
        url="https://www.midsuffolk.gov.uk/media/94a9a80c/cpc-progress-report-january-2023.pdf",
        is_council=is_council,
        today=TODAY,
    )
    assert result.kind == DocKind.PROGRESS_REVIEW
    assert result.council_names == ("Babergh and Mid Suffolk District Councils",)


def test_a_landing_page_may_point_at_the_lgas_page_for_the_report():
    lga = "https://www.local.gov.uk/our-support/council-assurance-and-peer-challenge/peer-challenges-we-offer/corporate-peer-59"
    html = council_page(
        "Corporate Peer Challenge 2024",
        "<p>In July 2024 the LGA carried out a corporate peer challenge of the council. You can "
        f"<a href='{lga}'>read the report on the LGA website</a>.</p>",
    )
    url = "https://www.example.gov.uk/council/corporate-peer-challenge"
    extracted = extract_text(html.encode(), "text/html", url)
    result = classify(
        title=extracted.title or "", text=extracted.text, url=url, html=html, today=TODAY
    )
    assert (result.kind, result.report_link) == (DocKind.LANDING_PAGE, lga)
