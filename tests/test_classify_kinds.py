"""classify() on the wordings the crawl got wrong, LGA pages with unfamiliar titles, and link
texts that must not reject a real CPC (real shapes from domain notes 1.3, 2.1-2.3)."""

import pytest
from classify_helpers import CPC_INTRO, LGA, THEMES, classify_today
from docs_factory import pdf_bytes

from scraper.classify import extract_text
from scraper.classify.records import DocKind

PROGRESS = (
    "The council undertook an LGA Corporate Peer Challenge (CPC) during 14–18 March 2022 and "
    "promptly published the full report with an action plan.\nThe Progress Review is an "
    "integral part of the Corporate Peer Challenge process. Taking place approximately ten "
    "months after the CPC, it is designed to provide space for the council's senior leadership "
    "to update peers on its progress."
)


KINDS = [
    (
        "committee-paper-purpose-line",
        dict(
            title="LGA Corporate Peer Challenge - verbal update",
            text="LGA Corporate Peer Challenge - verbal update\n1. Purpose: to update Cabinet on "
            "the LGA Corporate Peer Challenge which took place at Hyndburn Borough Council "
            "between 29th and 31st October 2024.\n2. The peer team presented their initial "
            "findings to the Leader and Chief Executive on the final day. The written feedback "
            "report has not yet been received from the LGA.",
            url="https://democracy.hyndburnbc.gov.uk/documents/s55816/cpc-update.pdf",
            source="committee",
        ),
        DocKind.COMMITTEE_PAPER,
    ),
    (
        "committee-paper-purpose-line-on-council-site",
        dict(
            title="",
            text="1. Purpose: to update Cabinet on the LGA Corporate Peer Challenge which took "
            "place at Hyndburn Borough Council between 29th and 31st October 2024.",
            url="https://www.hyndburnbc.gov.uk/downloads/file/1234/cpc-cabinet-update",
        ),
        DocKind.COMMITTEE_PAPER,
    ),
    (
        "committee-paper-cabinet-is-asked-to-note",
        dict(
            title="Report to Cabinet",
            text="Report to Cabinet\nCabinet is asked to note the LGA Corporate Peer Challenge "
            "feedback report and agree the action plan.",
            url="https://democracy.northtyneside.gov.uk/documents/s26902/Cabinet%20report.pdf",
            source="committee",
        ),
        DocKind.COMMITTEE_PAPER,
    ),
    (
        "committee-cover-without-report-structure",
        dict(
            title="LGA Corporate Peer Challenge - verbal update",
            text="LGA Corporate Peer Challenge - verbal update\nThe feedback report is attached "
            "at Appendix 1 and the action plan at Appendix 2.",
            url="https://democracy.adur-worthing.gov.uk/documents/s82413/cover.pdf",
            source="committee",
        ),
        DocKind.COMMITTEE_PAPER,
    ),
    (
        "progress-report-pdf-mentioning-its-action-plan",
        dict(
            title="",
            text=f"1. Introduction\n{PROGRESS}",
            url="https://www.midsuffolk.gov.uk/media/94a9a80c/cpc-progress-report-january-2023.pdf",
            link_text="LGA Corporate Peer Challenge - Progress Report",
        ),
        DocKind.PROGRESS_REVIEW,
    ),
    (
        "goss-article-news-release",
        dict(
            title="Peer challenge team visits Hyndburn",
            text="A team of peers from the Local Government Association visited Hyndburn Borough "
            "Council from 29 – 31 October 2024 for a Corporate Peer Challenge.\nThe Leader said: "
            '"We welcomed the peer team and look forward to their report, which we will publish '
            'along with an action plan."',
            url="https://www.hyndburnbc.gov.uk/article/6914/Peer-challenge-team-visits-Hyndburn",
        ),
        DocKind.ANNOUNCEMENT,
    ),
    (
        "news-release-quoting-a-councillor",
        dict(
            title="Council welcomes peer challenge feedback",
            text="Councillor Jane Smith, Leader of the Council, said the LGA corporate peer "
            "challenge in January 2020 recognised real progress.",
            url="https://www.example.gov.uk/article/5121/Council-welcomes-peer-challenge-feedback",
        ),
        DocKind.ANNOUNCEMENT,
    ),
    (
        "goss-article-progress-review-is-not-news",
        dict(
            title="Introduction",
            text=PROGRESS,
            url="https://www.gateshead.gov.uk/article/35196/Introduction",
        ),
        DocKind.PROGRESS_REVIEW,
    ),
    (
        "landing-page-welwyn",
        dict(
            title="Peer challenge",
            text="We undertook a Local Government Association (LGA) Corporate Peer Challenge "
            "review in January 2019.\nPeer Challenge Report\nPeer Challenge Action Plan",
            url="https://www.welhat.gov.uk/Reports/peer-challenge",
        ),
        DocKind.LANDING_PAGE,
    ),
    (
        "landing-page-with-core-elements",
        dict(
            title="LGA Corporate Peer Challenge 2024",
            text="In March 2024 we invited the Local Government Association (LGA) to carry out a "
            "Corporate Peer Challenge. A team of experienced councillors and officers spent four "
            f"days at Cheshire East Council.\n{THEMES}\nYou can read the feedback report and our "
            "action plan below.",
            url="https://www.cheshireeast.gov.uk/council_and_democracy/your_council/"
            "lga-corporate-peer-challenge-2024.aspx",
        ),
        DocKind.LANDING_PAGE,
    ),
    (
        "short-html-report-page-is-not-a-landing-page",
        dict(
            title="LGA Corporate Peer Challenge – Tandridge District Council",
            text="Feedback report: 9 – 12 July 2024\n1. Executive summary\nThe peer team found a "
            "council with a clear plan.",
            url="https://tandridge.gov.uk/Your-council/Corporate-Peer-Challenge/feedback",
        ),
        DocKind.FEEDBACK_REPORT,
    ),
    (
        "short-pdf-is-never-a-landing-page",
        dict(
            title="Corporate Peer Challenge",
            text="Corporate Peer Challenge\nThe LGA corporate peer challenge found a council "
            "with strong partnerships.",
            url="https://www.welhat.gov.uk/media/1234/peer-challenge-letter.pdf",
        ),
        DocKind.FEEDBACK_REPORT,
    ),
]


@pytest.mark.parametrize(("kwargs", "kind"), [c[1:] for c in KINDS], ids=[c[0] for c in KINDS])
def test_kind_of_committee_papers_progress_reports_news_and_landing_pages(kwargs, kind):
    result = classify_today(**kwargs)
    assert (result.is_cpc, result.kind) == (True, kind), result.evidence


def test_progress_report_pdf_title_is_not_its_action_plan_sentence():
    body = pdf_bytes(["1. Introduction", *PROGRESS.splitlines()], title="Action Plan template")
    extracted = extract_text(body, "application/pdf", "https://x.gov.uk/media/1/report.pdf")
    assert extracted.title is None
    result = classify_today(
        title="", text=extracted.text, url="https://x.gov.uk/media/1/report.pdf"
    )
    assert result.kind == DocKind.PROGRESS_REVIEW, result.evidence


# LGA pages whose titles match none of the known shapes (lga_titles.py).
LGA_NEW_TITLES = [
    (
        "feedback-dash-council",
        "Corporate Peer Challenge feedback – Anytown Borough Council",
        f"1. Introduction\n{CPC_INTRO} It involves a team of senior local government councillors "
        "and officers spending four days at Anytown Borough Council to provide robust, strategic, "
        "and credible challenge and support.",
        DocKind.FEEDBACK_REPORT,
        ("Anytown Borough Council",),
    ),
    (
        "council-first-with-year",
        "Anytown Borough Council: corporate peer challenge 2025",
        f"{CPC_INTRO}\nThis report outlines the key findings of the peer team and the "
        "recommendations that the council are required to action.",
        DocKind.FEEDBACK_REPORT,
        ("Anytown Borough Council",),
    ),
    (
        "progress-review-with-year",
        "Anytown District Council progress review 2025",
        PROGRESS,
        DocKind.PROGRESS_REVIEW,
        ("Anytown District Council",),
    ),
    (
        "no-title-named-in-body-by-core-elements",
        "",
        f"The peer team spent four days at Anytown City Council. {THEMES}",
        DocKind.FEEDBACK_REPORT,
        ("Anytown City Council",),
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "kind", "names"),
    [c[1:] for c in LGA_NEW_TITLES],
    ids=[c[0] for c in LGA_NEW_TITLES],
)
def test_lga_report_with_an_unfamiliar_title_is_accepted_from_its_body(title, text, kind, names):
    result = classify_today(title=title, text=text, url=f"{LGA}/corporate-peer-201", source="lga")
    assert (result.is_cpc, result.kind, result.council_names) == (True, kind, names), (
        result.evidence
    )


LISTING = "\n".join(
    f"LGA Corporate Peer Challenge - {council}\nFeedback report: 9 – 12 July 2024"
    for council in (
        "Bolton Council",
        "Warrington Borough Council",
        "Cheshire East Council",
        "West Suffolk Council",
        "Rushcliffe Borough Council",
    )
)
LGA_NOT_REPORTS = [
    ("index", "Corporate Peer Challenge reports", f"{CPC_INTRO}\n{LISTING}", "corporate-peer-3"),
    ("outcomes", "Outcomes: peer challenge reports", LISTING, "outcomes-peer-challenge-reports"),
    ("unfamiliar-listing", "Latest feedback", f"{CPC_INTRO}\n{LISTING}", "corporate-peer-4"),
    ("strengthening", "Strengthening Corporate Peer Challenge", f"{CPC_INTRO} From April 2024 "
     "we have delivered our newly strengthened CPC programme.", "corporate-peer-0"),
    ("faqs", "Strengthened Corporate Peer Challenge: frequently asked questions", "Why has CPC "
     "been strengthened? Bolton Council asked. spending four days at a council", "corporate-peer-1"),
    ("no-council", "Corporate Peer Challenge feedback", f"{CPC_INTRO} {THEMES}", "corporate-peer-7"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "text", "slug"), [c[1:] for c in LGA_NOT_REPORTS], ids=[c[0] for c in LGA_NOT_REPORTS]
)
def test_lga_programme_pages_with_report_wording_are_still_rejected(title, text, slug):
    result = classify_today(title=title, text=text, url=f"{LGA}/{slug}", source="lga")
    assert (result.is_cpc, result.reject_reason) == (False, "lga_programme_page"), result.evidence


@pytest.mark.parametrize(
    ("title", "url", "reason"),
    [
        ("Sample CPC feedback – Fictional Borough Council", f"{LGA}/corporate-peer-188",
         "fictional_sample"),
        ("LGA corporate peer challenge report 2022", "https://www.local.gov.uk/about/"
         "who-we-are-and-what-we-do/lga-corporate-peer-challenge-report", "lga_own_cpc"),
        ("Adult social care peer challenge – Devon County Council", f"{LGA}/adult-social-care-peer-6",
         "adult_social_care_peer"),
    ],
)  # fmt: skip
def test_lga_look_alikes_with_report_boilerplate_are_rejected(title, url, reason):
    council = title.rsplit("– ", 1)[-1] if "–" in title else "the LGA"
    text = f"{CPC_INTRO} spending four days at {council}. {THEMES}"
    result = classify_today(title=title, text=text, url=url, source="lga")
    assert (result.is_cpc, result.reject_reason) == (False, reason), result.evidence


BOLTON_REPORT = (
    "LGA Corporate Peer Challenge - Bolton Council\nFeedback report: 9 – 12 July 2024\n"
    f"1. Introduction\n{CPC_INTRO}"
)


@pytest.mark.parametrize(
    "link_text",
    [
        "Children's services and SEND: peer challenge reports",
        "CQC assurance and corporate peer challenge",
        "PAS and LGA peer reports",
        "DMA review and corporate peer challenge",
        "Finance peer review documents",
    ],
)
@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("LGA Corporate Peer Challenge - Bolton Council", BOLTON_REPORT),
        ("", BOLTON_REPORT),  # a PDF without heading lines: its opening lines say CPC
    ],
    ids=["own-title", "opening-lines"],
)
def test_link_text_alone_cannot_reject_a_document_that_says_cpc(link_text, title, text):
    result = classify_today(
        title=title,
        text=text,
        link_text=link_text,
        url="https://www.bolton.gov.uk/media/1234/bolton-cpc-2024.pdf",
    )
    assert (result.is_cpc, result.kind) == (True, DocKind.FEEDBACK_REPORT), result.evidence


def test_link_text_still_rejects_a_document_that_does_not_say_cpc_itself():
    filler = "\n".join(f"Finding {n}: the service is improving." for n in range(30))
    result = classify_today(
        title="Peer review report 2023",
        text=f"Peer review report 2023\n{filler}\nThis followed our LGA corporate peer challenge.",
        link_text="SEND peer review report",
        url="https://www.wiltshire.gov.uk/media/9/peer-review-2023.pdf",
    )
    assert (result.is_cpc, result.reject_reason) == (False, "childrens_services_peer")
    assert "childrens_services_peer in link text" in result.evidence
