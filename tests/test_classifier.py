"""classify() over real wordings: CPC artefacts, look-alikes, councils and visit dates."""

from datetime import date

import pytest
from classify_helpers import CPC_INTRO, LGA, THEMES, classify_today
from docs_factory import pdf_bytes

from scraper.classify import extract_text
from scraper.classify.records import DocKind, VisitDates

# (case id, classify kwargs, expected kind, expected council names)
ACCEPTED = [
    (
        "lga-feedback-with-passing-finance-and-childrens-mentions",
        dict(
            title="LGA Corporate Peer Challenge - Bolton Council",
            text="LGA Corporate Peer Challenge - Bolton Council\nFeedback report: 9 – 12 July 2024\n"
            f"1. Introduction\n{CPC_INTRO} The peer team were spending four days at Bolton Council "
            "to provide robust, strategic, and credible challenge and support. The council had a "
            "finance peer challenge in 2021 and Ofsted rated children's services good; SEND "
            f"improvement continues. {THEMES}",
            url=f"{LGA}/corporate-peer-59",
            source="lga",
        ),
        DocKind.FEEDBACK_REPORT,
        ("Bolton Council",),
    ),
    (
        "lga-progress-review-title",
        dict(
            title="LGA Corporate Peer Challenge – Progress Review: Rushcliffe Borough Council",
            text="Feedback: 6 November 2024\nThe council undertook an LGA Corporate Peer Challenge "
            "(CPC) during 15 – 18 January 2024 and promptly published the full report with an "
            "action plan.",
            url=f"{LGA}/corporate-peer-106",
            source="lga",
        ),
        DocKind.PROGRESS_REVIEW,
        ("Rushcliffe Borough Council",),
    ),
    (
        "lga-council-first-progress-review-title",
        dict(
            title="Forest of Dean District Council – Progress Review",
            text="Team Feedback Report: 3 September 2025\nThe Progress Review is an integral part "
            "of the Corporate Peer Challenge process.",
            url="https://lb2.local.gov.uk/our-support/x/corporate-peer-194",
            source="lga",
        ),
        DocKind.PROGRESS_REVIEW,
        ("Forest of Dean District Council",),
    ),
    (
        "lga-corporate-peer-review-wording",
        dict(
            title="LGA Corporate Peer Review: Rushcliffe Borough Council",
            text="Feedback report: 15 – 18 January 2024\n1. Executive summary",
            url=f"{LGA}/corporate-peer-137",
            source="lga",
        ),
        DocKind.FEEDBACK_REPORT,
        ("Rushcliffe Borough Council",),
    ),
    (
        "lga-page-without-title-named-in-body",
        dict(
            title="",
            text=f"Feedback report: 17- 20 September 2024\n{CPC_INTRO} The team were spending four "
            "days at North Northamptonshire Council to provide robust challenge.",
            url=f"{LGA}/corporate-peer-66",
            source="lga",
        ),
        DocKind.FEEDBACK_REPORT,
        ("North Northamptonshire Council",),
    ),
    (
        "joint-council-title",
        dict(
            title="Corporate peer challenge: Babergh and Mid Suffolk District Councils",
            text="Feedback report: 14–18 March 2022\nBabergh and Mid Suffolk District Councils "
            "(BMSDCs) invited the LGA. Mid Suffolk District Council and Babergh worked jointly.",
            url="https://www.local.gov.uk/our-support/council-assurance-and-peer-support/"
            "peer-challenges-we-offer/corporate-peer-challenge-38",
            source="lga",
        ),
        DocKind.FEEDBACK_REPORT,
        ("Babergh and Mid Suffolk District Councils",),
    ),
    (
        "joint-council-pdf-header-block",
        dict(
            title="Corporate Peer Challenge / South Hams and West Devon / 5 – 8 November 2018",
            text="Corporate Peer Challenge\nSouth Hams and West Devon\n5 – 8 November 2018\n"
            "Feedback Report\n1. Executive Summary\nThe peer team found two councils sharing "
            "one workforce.",
            url="https://www.southhams.gov.uk/media/peer-review-report.pdf",
        ),
        DocKind.FEEDBACK_REPORT,
        ("South Hams and West Devon",),
    ),
    (
        "council-page-under-finance-section",
        dict(
            title="Corporate Peer Challenge",
            text="Peer Review report and recommendations. The LGA corporate peer challenge team "
            "visited Bolton Council in June 2018.",
            url="https://bolton.gov.uk/finance-spending/corporate-peer-challenge/1",
        ),
        DocKind.LANDING_PAGE,
        (),  # named only in a sentence: names come from title-like lines (issue 9, cause 8)
    ),
    (
        "council-landing-without-corporate-in-title",
        dict(
            title="Peer Challenge",
            text="We undertook a Local Government Association (LGA) Corporate Peer Challenge "
            "review in January 2019. Peer Challenge Report. Peer Challenge Action Plan.",
            url="https://www.welhat.gov.uk/Reports/peer-challenge",
        ),
        DocKind.LANDING_PAGE,
        (),
    ),
    (
        "council-year-page-is-not-the-lgas-own-cpc",
        dict(
            title="LGA Corporate Peer Challenge 2025",
            text="West Lindsey District Council welcomed the LGA corporate peer challenge team. "
            "Downloads: feedback report.",
            url="https://www.west-lindsey.gov.uk/council-democracy/lga-corporate-peer-challenge-2025",
        ),
        DocKind.LANDING_PAGE,
        (),  # named only in a sentence
    ),
    (
        "committee-appendix-that-is-the-report",
        dict(
            title="Appendix 1 / Corporate Peer Challenge / Coventry City Council",
            text="Appendix 1\nCorporate Peer Challenge\nCoventry City Council\n15th – 18th January "
            "2024\nFeedback Report\n1. Executive Summary\nThe peer team found",
            url="https://edemocracy.coventry.gov.uk/documents/s61234/Appendix%201.pdf",
            source="committee",
        ),
        DocKind.FEEDBACK_REPORT,
        ("Coventry City Council",),
    ),
    (
        "committee-cover-report",
        dict(
            title="Cabinet / 15 May 2018 / Report of the Chief Executive",
            text="Cabinet\n15 May 2018\nReport of the Chief Executive\nReport of the Corporate Peer "
            "Challenge\nPurpose of report\nThe LGA Corporate Peer Challenge took place 31 January "
            "– 2 February 2018.\nExecutive Summary",
            url="https://democracy.rushcliffe.gov.uk/documents/s1/report.pdf",
            source="committee",
        ),
        DocKind.COMMITTEE_PAPER,
        (),
    ),
    (
        "modern-gov-agenda-item-page",
        dict(
            title="Agenda item - Corporate Peer Challenge Report and Action Plan",
            text="Corporate Peer Challenge Report and Action Plan. The report had been published to "
            "comply with the 31st January 2025 deadline.",
            url="https://democracy.tamworth.gov.uk/mgAi.aspx?ID=17126",
            source="committee",
        ),
        DocKind.COMMITTEE_PAPER,
        (),
    ),
    (
        "decision-details-page",
        dict(
            title="Decision details: Local Government Association Corporate Peer Challenge - "
            "Report and Action Plan",
            text="Cabinet noted the LGA corporate peer challenge feedback report.",
            url="https://democracy.northtyneside.gov.uk/ieDecisionDetails.aspx?AIId=1011",
            source="committee",
        ),
        DocKind.COMMITTEE_PAPER,
        (),
    ),
    (
        "action-plan-pdf",
        dict(
            title="Corporate Peer Challenge Action Plan",
            text="Corporate Peer Challenge Action Plan\nRecommendation Action Owner Date\n"
            "1. Refresh the council plan",
            url="https://www.bromsgrove.gov.uk/media/cpc-action-plan.pdf",
        ),
        DocKind.ACTION_PLAN,
        (),
    ),
    (
        "delivery-plan-link",
        dict(
            title="Peer Challenge 2024",
            link_text="Peer Challenge Delivery Plan",
            text="Our LGA corporate peer challenge took place in 2024.",
            url="https://eastdevon.gov.uk/peer-challenge-2024/",
        ),
        DocKind.ACTION_PLAN,
        (),
    ),
    (
        "response-to-recommendations",
        dict(
            title="Our response to the recommendations of the Corporate Peer Challenge",
            text="Chelmsford City Council's response to the LGA corporate peer challenge.",
            url="https://chelmsford.gov.uk/your-council/corporate-peer-challenge/response",
        ),
        DocKind.ACTION_PLAN,
        (),  # named only in a sentence
    ),
    (
        "position-statement",
        dict(
            title="Corporate Peer Challenge position statement",
            text="North Hertfordshire Council position statement for the LGA corporate peer "
            "challenge in November 2024.",
            url="https://north-herts.gov.uk/files/cpc-position-statement.pdf",
        ),
        DocKind.POSITION_STATEMENT,
        (),  # named only in a sentence
    ),
    (
        "progress-review-position-statement",
        dict(
            title="Corporate Peer Challenge: Progress Review Position Statement",
            text="The LGA corporate peer challenge took place between 10 and 12 March 2025.",
            url="https://fareham.gov.uk/docs/pr-position.pdf",
        ),
        DocKind.POSITION_STATEMENT,
        (),
    ),
    (
        "peer-review-revisit",
        dict(
            title="LGA Peer Review Revisit - 2021",
            text="The LGA returned to review progress since our 2019 corporate peer challenge.",
            url="https://www.sthelens.gov.uk/article/3056/LGA-Corporate-Peer-Challenge-2019",
        ),
        DocKind.PROGRESS_REVIEW,
        (),
    ),
    (
        "progress-report-link",
        dict(
            title="Corporate peer challenge",
            link_text="Read the Progress Report",
            text="LGA Corporate Peer Challenge - Progress Report 18 January 2023.",
            url="https://midsuffolk.gov.uk/w/corporate-peer-challenge",
        ),
        DocKind.PROGRESS_REVIEW,
        (),
    ),
    (
        "progress-review-boilerplate-on-council-site",
        dict(
            title="Introduction",
            text="The Progress Review is an integral part of the Corporate Peer Challenge process. "
            "Taking place approximately ten months after the CPC, it is LGA led.",
            url="https://www.gateshead.gov.uk/article/35196/Introduction",
        ),
        DocKind.PROGRESS_REVIEW,
        (),
    ),
    (
        "news-release-after-the-visit",
        dict(
            title="LGA gives Camden a positive report in its corporate peer challenge",
            text="The LGA corporate peer challenge in January 2020 praised Camden's leadership. "
            "The report has been published.",
            url="https://news.camden.gov.uk/lga-gives-camden-a-positive-report-in-its-corporate-"
            "peer-challenge/",
        ),
        DocKind.ANNOUNCEMENT,
        (),
    ),
    (
        "kensington-return-visit-is-not-a-pre-challenge",
        dict(
            title="Local Government Association Corporate Peer Challenge",
            text="In July 2026, the LGA peer team will return to review our progress. Read the full "
            "report of our corporate peer challenge.",
            url="https://www.rbkc.gov.uk/council-councillors-and-democracy/local-government-"
            "association-corporate-peer-challenge",
        ),
        DocKind.LANDING_PAGE,
        (),
    ),
]


@pytest.mark.parametrize(
    ("kwargs", "kind", "names"), [case[1:] for case in ACCEPTED], ids=[c[0] for c in ACCEPTED]
)
def test_cpc_documents_are_accepted_with_kind_and_councils(kwargs, kind, names):
    result = classify_today(**kwargs)
    assert (result.is_cpc, result.reject_reason, result.kind) == (True, None, kind), result.evidence
    assert result.council_names == names


def test_pre_challenge_notice_with_dates_ahead():
    result = classify_today(
        title="LGA Corporate Peer Challenge",
        text="Rushcliffe Borough Council\nCabinet\n10 October 2023\nReport of the Chief Executive\n"
        "The LGA Corporate Peer Challenge is due to take place from 15 – 18 January 2024.",
        url="https://democracy.rushcliffe.gov.uk/ieIssueDetails.aspx?IId=5445&Opt=3&PlanId=0",
        source="committee",
        today=date(2023, 10, 10),
    )
    assert result.kind == DocKind.PRE_CHALLENGE_NOTICE
    assert result.visit == VisitDates(date(2024, 1, 15), date(2024, 1, 18), "day")
    assert result.council_names == ("Rushcliffe Borough Council",)


@pytest.mark.parametrize(
    ("today", "text", "kind"),
    [
        (
            date(2025, 11, 1),
            "Our LGA corporate peer challenge will take place 3 – 6 March 2026.",
            DocKind.PRE_CHALLENGE_NOTICE,
        ),
        (
            date(2026, 6, 1),
            "Our LGA corporate peer challenge will take place 3 – 6 March 2026.",
            DocKind.PRE_CHALLENGE_NOTICE,
        ),
        (
            date(2026, 6, 1),
            "Our LGA corporate peer challenge will take place 3 – 6 March 2026. The report has "
            "been published: read the full report.",
            DocKind.LANDING_PAGE,
        ),
        (
            date(2025, 11, 1),
            "The LGA peer team will be visiting us for our corporate peer challenge next spring.",
            DocKind.PRE_CHALLENGE_NOTICE,
        ),
    ],
    ids=["dates-ahead", "stale-notice-no-report", "report-published-since", "no-dates-no-report"],
)
def test_future_wording_is_a_pre_challenge_notice_only_without_a_report_or_with_dates_ahead(
    today, text, kind
):
    result = classify_today("Corporate Peer Challenge", text, "https://x.gov.uk/cpc", today=today)
    assert result.kind == kind, result.evidence


REJECTED = [
    ("finance", "Finance peer challenge: Bolton Council", "Feedback report: 1 - 3 May 2023. An "
     "alternative to a corporate peer challenge.", f"{LGA}/finance-peer-3", "finance_peer"),
    ("governance", "Governance Peer Challenge - Slough Borough Council", "Roles, responsibilities "
     "and relationships. Counts instead of a corporate peer challenge.", "", "governance_peer"),
    ("planning", "LGA peer review report", "Planning Advisory Service. Not a corporate peer "
     "challenge.", "https://www.local.gov.uk/pas/our-work/performance/planning-peer-review",
     "planning_peer"),
    ("adult-social-care", "Adult social care peer challenge: Devon County Council",
     "Feedback report: March 2024. LGA corporate peer challenge style.", f"{LGA}/adult-social-care-peer-6",
     "adult_social_care_peer"),
    ("childrens", "Children’s Services Peer Challenge - Haringey", "Ofsted ILACS. corporate peer "
     "challenge", "https://www.local.gov.uk/our-support/childrens-services/childrens-services-peer-challenge",
     "childrens_services_peer"),
    ("send", "SEND LGA Peer Review", "Wiltshire corporate peer review of SEND.", "",
     "childrens_services_peer"),
    ("communications", "Communications peer review 2022", "Harlow corporate peer challenge and "
     "communications review.", "", "communications_peer"),
    ("equality", "Equality Framework for Local Government peer challenge", "EFLG Achieving. "
     "corporate peer challenge", "", "equality_peer"),
    ("readi", "READI review", "Race Equality, Accessibility, Diversity and Inclusion. corporate peer "
     "review", "", "equality_peer"),
    ("dma", "Decision-Making Accountability review", "Cheshire East commissioned it alongside its "
     "corporate peer challenge.", "", "decision_making_accountability"),
    ("fire", "Fire and rescue peer challenge: Kent", "corporate peer challenge style", "",
     "fire_and_rescue"),
    ("town-council", "Corporate Peer Challenge: Houghton Regis Town Council", "NALC corporate "
     "peer challenge, March 2024.", "https://houghtonregis-tc.gov.uk/cpc", "parish_or_town_council"),
    ("lga-own", "LGA Corporate Peer Challenge 2022", "The LGA corporate peer challenge took place "
     "6–9 December 2022.", "https://www.local.gov.uk/about/who-we-are-and-what-we-do/lga-corporate-"
     "peer-challenge-report", "lga_own_cpc"),
    ("lga-own-action-plan", "LGA CPC progress review report action plan January 2024",
     "Corporate peer challenge (CPC) of the LGA.", "https://www.local.gov.uk/lga-cpc-progress-review-"
     "report-action-plan-january-2024", "lga_own_cpc"),
    ("fictional-sample", "Corporate peer challenge: sample report", "Feedback report: 24-28 June "
     "2024. Fictional Borough Council corporate peer challenge.", f"{LGA}/corporate-peer-188",
     "fictional_sample"),
    ("fictional-in-body", "LGA Corporate Peer Challenge - Fictional Borough Council", "x",
     f"{LGA}/corporate-peer-188", "fictional_sample"),
    ("culture", "Cultural Review report and action plan", "St Helens corporate peer challenge "
     "2019 and cultural review.", "", "culture_review"),
    ("remote", "LGA Remote Peer Support - 2021", "Followed our corporate peer challenge.", "",
     "remote_peer_support"),
    ("housing", "Housing peer review", "Not a corporate peer challenge.", "", "other_peer_topic"),
    ("lga-index", "Corporate Peer Challenge reports", "Following a Corporate Peer Challenge, the "
     "council will publish the final report. The LGA will also publish the final report.",
     f"{LGA}/corporate-peer-3", "lga_programme_page"),
    ("lga-faq", "Strengthened Corporate Peer Challenge: FAQs", "stronger focus on finance, data "
     "and evidence. corporate peer challenge", f"{LGA}/corporate-peer-1", "lga_programme_page"),
    ("no-cpc-wording", "Peer review", "A peer review of the waste service.", "", "no_cpc_wording"),
    ("passing-mention", "Council news", "Bins will be collected on Monday. Unlike our corporate "
     "peer challenge, this is routine.", "", "passing_mention"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "text", "url", "reason"), [r[1:] for r in REJECTED], ids=[r[0] for r in REJECTED]
)
def test_look_alikes_and_non_reports_are_rejected_with_a_reason(title, text, url, reason):
    result = classify_today(title, text, url, source="lga" if "local.gov.uk" in url else "council")
    assert (result.is_cpc, result.reject_reason) == (False, reason), result.evidence
    assert result.score == 0.0


def test_look_alike_only_in_opening_lines_rejects_when_nothing_calls_it_a_cpc():
    result = classify_today(
        "",
        "Finance Peer Challenge\nWorcester City Council\nThis counts as an alternative to a "
        "corporate peer challenge (CPC) under the LGA offer. The CPC is not needed.",
    )
    assert result.reject_reason == "finance_peer"
    assert "finance_peer in opening lines" in result.evidence


def test_cpc_themes_such_as_governance_and_culture_do_not_trigger_look_alikes():
    result = classify_today(
        "Corporate Peer Challenge", f"{THEMES} LGA Governance and culture review."
    )
    assert result.is_cpc


def test_pdf_with_misleading_metadata_title_is_classified_as_a_cpc_feedback_report():
    body = pdf_bytes(
        [
            "Corporate Peer Challenge",
            "North Tyneside Council",
            "18th – 21st June 2019",
            "Feedback Report",
            "1. Executive Summary",
            "The peer team found a council with ambition; the LGA thanks everyone involved.",
        ],
        title="Diversity Peer Challenge Draft Report",
    )
    extracted = extract_text(body, "application/pdf", "https://x/cpc.pdf")
    result = classify_today(extracted.title, extracted.text, "https://x/cpc.pdf")
    assert (result.is_cpc, result.kind) == (True, DocKind.FEEDBACK_REPORT)
    assert result.council_names == ("North Tyneside Council",)
    assert result.visit == VisitDates(date(2019, 6, 18), date(2019, 6, 21), "day")


def test_a_full_lga_report_scores_higher_than_a_bare_council_landing_page():
    rich = classify_today(**ACCEPTED[0][1])
    bare = classify_today(**ACCEPTED[8][1])
    assert 0.0 < bare.score < rich.score <= 1.0
