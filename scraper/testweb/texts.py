"""Wording for fixture pages and documents, taken from the shapes in the domain notes.

Each function returns a tuple of paragraphs; ``"# "`` marks a heading. Real phrasing matters here:
the classifier is tested against these texts, so the look-alikes reuse CPC vocabulary on purpose.
"""

from __future__ import annotations

CORE_ELEMENTS = (
    "Local priorities and outcomes",
    "Organisational and place leadership",
    "Governance and culture",
    "Financial planning and management",
    "Capacity for improvement",
)

CORE_COMPONENTS_PRE_2022 = (
    "Understanding of the local place and priority setting",
    "Leadership of place",
    "Organisational leadership and governance",
    "Financial planning and viability",
    "Capacity to deliver",
)


def cpc_report(council: str, dates: str, *, previous: str | None = None) -> tuple[str, ...]:
    """Body of a strengthened-format (2024+) CPC feedback report."""
    history = (
        f"This is {council}'s second Corporate Peer Challenge. The first took place in {previous}."
        if previous
        else f"This was {council}'s first Corporate Peer Challenge under the strengthened approach."
    )
    return (
        "# 1. Introduction",
        "Corporate Peer Challenge (CPC) is a highly valued improvement and assurance tool that is "
        "delivered by the sector for the sector. It involves a team of senior local government "
        "councillors and officers spending four days at "
        f"{council} to provide robust, strategic, and credible challenge and support.",
        "CPC assists councils in meeting part of their Best Value duty, with the UK Government "
        "expecting all local authorities to have a CPC at least every five years.",
        "This report outlines the key findings of the peer team and the recommendations that the "
        "council are required to action.",
        f"The peer team were on site from {dates}. {history}",
        "# 2. Executive summary",
        f"{council} is a well-led council with a clear sense of purpose. Staff and partners spoke "
        "positively about the direction set by the leadership.",
        "The peer team considered the following five themes which form the core components of all "
        "Corporate Peer Challenges: " + "; ".join(CORE_ELEMENTS) + ".",
        "# 3. Recommendations",
        "Recommendation 1: refresh the medium term financial strategy to close the £4.2m gap.",
        "Recommendation 2: strengthen the golden thread between the council plan and service plans.",
        "# 4. Next steps",
        "The LGA will publish the final report. The council will publish the report and an action "
        "plan within three months of the CPC, and a progress review will take place approximately "
        "ten months after the original CPC.",
    )


def cpc_report_2019(council: str, dates: str) -> tuple[str, ...]:
    """Body of an older (2018-19) CPC feedback report, with the header block of that era."""
    return (
        "# Corporate Peer Challenge",
        council,
        dates,
        "Feedback Report",
        "# 1. Executive Summary",
        f"{council} has made significant progress since the last peer challenge. The peer team "
        "found an ambitious council with strong partnerships.",
        "Peer challenges are delivered by experienced elected member and officer peers. The peer "
        "team looked at the five core components: " + "; ".join(CORE_COMPONENTS_PRE_2022) + ".",
        "# 2. Key recommendations",
        "Develop a clear narrative for the borough and communicate it consistently.",
    )


def progress_review(council: str, cpc_dates: str, review_date: str) -> tuple[str, ...]:
    return (
        "# 1. Introduction",
        f"The council undertook an LGA Corporate Peer Challenge (CPC) during {cpc_dates} and "
        "promptly published the full report with an action plan.",
        "The Progress Review is an integral part of the Corporate Peer Challenge process. Taking "
        "place approximately ten months after the CPC, it is designed to provide space for the "
        "council's senior leadership to update peers on its progress against the CPC "
        "recommendations.",
        f"The progress review took place on {review_date} at {council}.",
        "# 2. Summary of the approach",
        "The peer team reviewed the RAG rated CPC Action Plan and met the leader and chief executive.",
        "# 3. Progress against recommendations",
        "Good progress has been made on all recommendations; work on the financial strategy continues.",
    )


def action_plan(council: str, month: str) -> tuple[str, ...]:
    return (
        f"# {council}: Corporate Peer Challenge Action Plan",
        f"This action plan responds to the recommendations of the LGA Corporate Peer Challenge held "
        f"in {month}.",
        "Recommendation 1 | Action: refresh the medium term financial strategy | Owner: Director of "
        "Finance | Deadline: March 2025 | RAG: Amber",
        "Recommendation 2 | Action: align service plans to the council plan | Owner: Chief Executive "
        "| Deadline: June 2025 | RAG: Green",
    )


def landing(council: str, month: str, *, returning: str | None = None) -> tuple[str, ...]:
    paragraphs = [
        f"In {month} we invited the Local Government Association (LGA) to carry out a Corporate "
        "Peer Challenge. A team of experienced councillors and officers from other councils spent "
        f"four days at {council}.",
        "The peer team looked at the five core elements: " + "; ".join(CORE_ELEMENTS) + ".",
        "You can read the feedback report and our action plan below.",
    ]
    if returning:
        paragraphs.append(f"In {returning}, the LGA peer team will return to review our progress.")
    return tuple(paragraphs)


def cpc_taken_place_committee_paper(council: str, dates: str) -> tuple[str, ...]:
    """A cabinet report noting the CPC happened; the feedback report is still awaited."""
    return (
        "# LGA Corporate Peer Challenge - verbal update",
        f"1. Purpose: to update Cabinet on the LGA Corporate Peer Challenge which took place at "
        f"{council} between {dates}.",
        "2. The peer team presented their initial findings to the Leader and Chief Executive on the "
        "final day. The written feedback report has not yet been received from the LGA.",
        "3. Once received, the report and an action plan will be brought to Cabinet and published "
        "on the council's website.",
    )


def cpc_news_release(council: str, dates: str) -> tuple[str, ...]:
    return (
        f"A team of peers from the Local Government Association visited {council} from {dates} "
        "for a Corporate Peer Challenge.",
        'The Leader said: "We welcomed the peer team and look forward to their report, which we '
        'will publish along with an action plan."',
    )


def pre_challenge_notice(council: str, dates: str) -> tuple[str, ...]:
    return (
        "# LGA Corporate Peer Challenge",
        f"1. Purpose: to inform Cabinet that {council} will host an LGA Corporate Peer Challenge "
        f"which is due to take place from {dates}.",
        "2. A position statement will be prepared for the peer team in advance of the visit.",
        "3. Recommendation: that Cabinet notes the arrangements for the forthcoming peer challenge.",
    )


def finance_peer_challenge(council: str, dates: str) -> tuple[str, ...]:
    return (
        "# Finance Peer Challenge",
        f"The LGA Finance Peer Challenge at {council} took place on {dates}. The peer team focused "
        "on financial planning and management, financial resilience and the medium term financial "
        "strategy.",
        "Finance Peer Challenge is an alternative to a Corporate Peer Challenge within the sector "
        "support offer.",
    )


def childrens_services_peer_challenge(council: str, dates: str) -> tuple[str, ...]:
    return (
        "# Children's Services Peer Challenge",
        f"A Children's Services Peer Challenge took place at {council} on {dates}. The peer team "
        "examined early help, the front door and preparation for the next Ofsted ILACS inspection.",
        "The peer challenge is not an inspection; it is a sector-led improvement tool.",
    )


def planning_peer_review(council: str, dates: str) -> tuple[str, ...]:
    return (
        "# Planning Peer Review",
        f"The Planning Advisory Service (PAS) carried out a planning peer challenge at {council} "
        f"on {dates}. Peers spent three days on site looking at the planning service.",
        "The five themes were: vision and leadership; performance and management; community "
        "engagement; partnership working; achieving outcomes.",
    )


def communications_peer_review(council: str, dates: str) -> tuple[str, ...]:
    return (
        "# Communications Peer Review",
        f"The LGA communications peer review at {council} took place on {dates}. It reviewed the "
        "council's communications function, internal communications and resident engagement.",
    )


def adult_social_care_peer_challenge(council: str, dates: str) -> tuple[str, ...]:
    return (
        "# Adult social care peer challenge: preparation for assurance",
        f"Feedback report: {dates}",
        f"The peer challenge at {council} focused on preparation for CQC assurance of adult social "
        "care. Peer challenge is a sector-led improvement tool delivered by the LGA.",
    )


def fictional_sample(dates: str) -> tuple[str, ...]:
    return (
        "This is an example report for Fictional Borough Council, to show the strengthened format.",
        *cpc_report("Fictional Borough Council", dates),
    )


FILLER = {
    "Bins and recycling": "Find your collection day, report a missed bin or order a new container.",
    "Council tax": "Pay your council tax, apply for a discount or tell us you are moving home.",
    "Planning": "Search planning applications and comment on proposals near you.",
    "Parking": "Apply for a parking permit or pay a penalty charge notice.",
    "Housing": "Apply for social housing or get help if you are homeless.",
}
