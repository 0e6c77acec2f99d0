"""The fixture councils: one table of sites, documents and expected verdicts, per scenario.

Scenario "first" (see ``VERDICTS`` for the verdict of every council):

- BOL Bolton (LocalGov Drupal): report + action plan PDFs, LGA report and progress review pages;
  also links that redirect to 127.0.0.1 / localhost and a 30 MB streamed file.
- BAB Babergh (Jadu) + MSU Mid Suffolk (Umbraco): one joint CPC; each site has the joint report,
  Mid Suffolk the progress report; the LGA page sits in the old ``council-assurance-and-peer-support``
  tree.
- ADU Adur + WOT Worthing (Umbraco, one shared site): the report and action plan exist only as
  appendices on the joint modern.gov host democracy.adur-worthing.gov.uk.
- KEC Kensington and Chelsea (GOSS): report PDF, action plan as DOCX, LGA page
  (``corporate-peer-106``, a slug reused in the old tree for North Tyneside).
- CHE Cheshire East (LocalGov Drupal): sitemap index, an endless events calendar (crawler trap).
- WRT Warrington: own site always 503, report only on the LGA -> published.
- NTY North Tyneside (Umbraco): 2019 report PDF whose Title metadata says "Diversity Peer Challenge
  Draft Report"; cabinet papers on democracy.northtyneside.gov.uk.
- HYN Hyndburn (GOSS): news release + a cabinet paper on the off-domain hyndburnbc.moderngov.co.uk
  saying the CPC took place; no report -> cpc_no_report.
- DAR Dartford (plain): only a pre-challenge cabinet notice; LGA has a planning look-alike -> no_cpc.
- TAN Tandridge (plain): the report is an HTML page served as windows-1252; a corrupt PDF nearby.
- WEW Welwyn Hatfield (Jadu): 2019 report and action plan PDFs.
- FOE Forest of Dean (GOSS): report page only reachable via Your council > Council performance
  (not in sitemap or search); LGA progress review linked through the lb2.local.gov.uk mirror.
- BEX Bexley: 503 everywhere. BRY Bromley: home page hangs past any 5 s timeout.
  HIL Hillingdon: robots.txt disallows everything. LEC Leicestershire: Cloudflare challenge.
  HAV Havering: redirect loop. All -> unknown with the matching reason.
- RUT Rutland (Umbraco): finance and children's services look-alikes (+ LGA adult social care).
- HAR Harlow (LocalGov Drupal): communications and planning peer reviews (+ LGA finance).
- MEL Melton (plain): nothing at all -> no_cpc.

Scenario "second" (the demo's second crawl):

- HYN publishes: report + action plan on its site and a new LGA page (first in the index) -> published.
- WEW removes its report: the PDF answers 404 and its link goes; the page and action plan stay
  -> cpc_no_report.
- RUT's site goes down (503 everywhere) -> unknown site_down.
- KEC adds a progress review PDF (verdict unchanged).

Scenario "evidence" (what the evidence archive must survive, after "first"):

- WEW removes its report, but the PDF's URL answers 200 with a "Sorry, we can't find that
  page" page (a soft 404) -> cpc_no_report, and a removal rather than a change.
- FOE revises its report at the same URL: a sentence reworded, a recommendation added.
- KEC moves its report to a new URL (same file); the old URL answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import texts
from .cms import Doc, PageSpec, SiteParams, build_site
from .lga import NEW, OLD, LgaPage, build_lga_site
from .model import Site
from .moderngov import AgendaItem, CommitteeParams, Meeting, build_committee_site

SCENARIOS = ("first", "second", "evidence")
LGA = "http://www.local.gov.uk"


@dataclass(frozen=True)
class Council:
    code: str
    name: str
    host: str
    alt_names: str = ""


COUNCILS = {
    c.code: c
    for c in (
        Council(
            "BOL", "Bolton Metropolitan Borough Council", "www.bolton.gov.uk", "Bolton Council"
        ),
        Council("BAB", "Babergh District Council", "www.babergh.gov.uk"),
        Council("MSU", "Mid Suffolk District Council", "www.midsuffolk.gov.uk"),
        Council(
            "ADU", "Adur District Council", "www.adur-worthing.gov.uk", "Adur and Worthing Councils"
        ),
        Council(
            "WOT",
            "Worthing Borough Council",
            "www.adur-worthing.gov.uk",
            "Adur and Worthing Councils",
        ),
        Council(
            "KEC",
            "Royal Borough of Kensington and Chelsea",
            "www.rbkc.gov.uk",
            "Kensington & Chelsea",
        ),
        Council("CHE", "Cheshire East Council", "www.cheshireeast.gov.uk"),
        Council("WRT", "Warrington Borough Council", "www.warrington.gov.uk"),
        Council("NTY", "North Tyneside Council", "my.northtyneside.gov.uk"),
        Council("HYN", "Hyndburn Borough Council", "www.hyndburnbc.gov.uk"),
        Council("DAR", "Dartford Borough Council", "www.dartford.gov.uk"),
        Council("TAN", "Tandridge District Council", "www.tandridge.gov.uk"),
        Council("WEW", "Welwyn Hatfield Borough Council", "www.welhat.gov.uk"),
        Council("FOE", "Forest of Dean District Council", "www.fdean.gov.uk"),
        Council("BEX", "London Borough of Bexley", "www.bexley.gov.uk"),
        Council("BRY", "London Borough of Bromley", "www.bromley.gov.uk"),
        Council("HIL", "London Borough of Hillingdon", "www.hillingdon.gov.uk"),
        Council("LEC", "Leicestershire County Council", "www.leicestershire.gov.uk"),
        Council("HAV", "London Borough of Havering", "www.havering.gov.uk"),
        Council("RUT", "Rutland County Council", "www.rutland.gov.uk"),
        Council("HAR", "Harlow District Council", "www.harlow.gov.uk"),
        Council("MEL", "Melton Borough Council", "www.melton.gov.uk"),
    )
}

_FIRST = {
    "BOL": ("published", None),
    "BAB": ("published", None),
    "MSU": ("published", None),
    "ADU": ("published", None),
    "WOT": ("published", None),
    "KEC": ("published", None),
    "CHE": ("published", None),
    "WRT": ("published", None),
    "NTY": ("published", None),
    "HYN": ("cpc_no_report", None),
    "DAR": ("no_cpc", None),
    "TAN": ("published", None),
    "WEW": ("published", None),
    "FOE": ("published", None),
    "BEX": ("unknown", "site_down"),
    "BRY": ("unknown", "timeout"),
    "HIL": ("unknown", "robots_disallowed"),
    "LEC": ("unknown", "bot_challenge"),
    "HAV": ("unknown", "redirect_loop"),
    "RUT": ("no_cpc", None),
    "HAR": ("no_cpc", None),
    "MEL": ("no_cpc", None),
}
VERDICTS: dict[str, dict[str, tuple[str, str | None]]] = {
    "first": _FIRST,
    "second": {
        **_FIRST,
        "HYN": ("published", None),
        "WEW": ("cpc_no_report", None),
        "RUT": ("unknown", "site_down"),
    },
    "evidence": {**_FIRST, "WEW": ("cpc_no_report", None)},
}


def _report(council: str, dates: str, codes: tuple[str, ...], slug: str, **kw) -> Doc:
    previous = kw.pop("previous", None)
    title = kw.pop("title", "LGA Corporate Peer Challenge feedback report")
    return Doc(
        title,
        slug,
        texts.cpc_report(council, dates, previous=previous),
        kind="feedback_report",
        codes=codes,
        **kw,
    )


def _plan(council: str, month: str, codes: tuple[str, ...], slug: str, **kw) -> Doc:
    title = kw.pop("title", "Corporate Peer Challenge action plan")
    return Doc(
        title, slug, texts.action_plan(council, month), kind="action_plan", codes=codes, **kw
    )


def _lga_report(
    slug: str, title: str, subtitle: str, council: str, dates: str, codes, *, tree: str = NEW, **kw
) -> LgaPage:
    return LgaPage(
        f"{tree}/{slug}",
        title,
        texts.cpc_report(council, dates, previous=kw.pop("previous", None)),
        subtitle=subtitle,
        kind="feedback_report",
        codes=codes,
        listing=kw.pop("listing", "index"),
        list_text=kw.pop("list_text", council),
        **kw,
    )


def lga_pages(scenario: str) -> tuple[LgaPage, ...]:
    pages = [
        _lga_report(
            "corporate-peer-59",
            "LGA Corporate Peer Challenge - Bolton Council",
            "Feedback report: 9 – 12 July 2024",
            "Bolton Council",
            "9 – 12 July 2024",
            ("BOL",),
            previous="June 2018",
        ),
        LgaPage(
            f"{NEW}/corporate-peer-162",
            "LGA Corporate Peer Challenge – Progress Review: Bolton Council",
            texts.progress_review("Bolton Council", "9 – 12 July 2024", "3 June 2025"),
            subtitle="Feedback: 3 June 2025",
            kind="progress_review",
            codes=("BOL",),
            listing="index",
            list_text="Bolton Council – Progress Review",
        ),
        _lga_report(
            "corporate-peer-22",
            "LGA Corporate Peer Challenge Report: Cheshire East Council",
            "Feedback report: 25-28 March 2024",
            "Cheshire East Council",
            "25-28 March 2024",
            ("CHE",),
        ),
        _lga_report(
            "corporate-peer-39",
            "LGA Corporate Peer Challenge: Warrington Borough Council",
            "Feedback report: 5 - 8 March 2024",
            "Warrington Borough Council",
            "5 - 8 March 2024",
            ("WRT",),
        ),
        _lga_report(
            "corporate-peer-106",
            "LGA Corporate Peer Review: Royal Borough of Kensington and Chelsea",
            "Feedback report: 11 – 14 March 2025",
            "the Royal Borough of Kensington and Chelsea",
            "11 – 14 March 2025",
            ("KEC",),
            list_text="Royal Borough of Kensington and Chelsea",
        ),
        LgaPage(
            f"{NEW}/corporate-peer-194",
            "Forest of Dean District Council – Progress Review",
            texts.progress_review(
                "Forest of Dean District Council", "19 – 22 November 2024", "3 September 2025"
            ),
            subtitle="Team Feedback Report: 3 September 2025",
            kind="progress_review",
            codes=("FOE",),
            listing="index",
            list_text="Forest of Dean District Council – Progress Review",
            link_host="lb2.local.gov.uk",
            in_sitemap=False,
        ),
        _lga_report(
            "corporate-peer-challenge-38",
            "Corporate peer challenge: Babergh and Mid Suffolk District Councils",
            "Feedback report: 14–18 March 2022",
            "Babergh and Mid Suffolk District Councils (BMSDCs)",
            "14–18 March 2022",
            ("BAB", "MSU"),
            tree=OLD,
            list_text="Babergh and Mid Suffolk District Councils",
        ),
        LgaPage(
            f"{OLD}/corporate-peer-106",
            "Corporate peer challenge: North Tyneside Council",
            texts.cpc_report_2019("North Tyneside Council", "18th – 21st June 2019"),
            subtitle="Feedback report: 18th – 21st June 2019",
            kind="feedback_report",
            codes=("NTY",),
            listing="older",
            list_text="North Tyneside Council",
        ),
        LgaPage(
            f"{NEW}/corporate-peer-0",
            "Strengthening Corporate Peer Challenge",
            (
                "From April 2024, we have delivered our newly strengthened CPC programme. Developed a schedule to enable all English councils to have a CPC at least every five years.",
                "See our sample report for Fictional Borough Council.",
            ),
        ),
        LgaPage(
            f"{NEW}/corporate-peer-1",
            "Strengthened Corporate Peer Challenge: frequently asked questions",
            (
                "Why has CPC been strengthened? There is a stronger focus on finance, data and evidence, utilising LG Inform.",
                "Can councils change the report? Councils may only correct factual errors.",
            ),
        ),
        LgaPage(
            f"{NEW}/corporate-peer-188",
            "LGA Corporate Peer Challenge - Fictional Borough Council",
            texts.fictional_sample("24-28 June 2024"),
            subtitle="Feedback report: 24-28 June 2024",
        ),
        LgaPage(
            f"{NEW}/adult-social-care-peer-6",
            "Adult social care peer challenge: Rutland County Council",
            texts.adult_social_care_peer_challenge("Rutland County Council", "March 2024"),
            subtitle="Feedback report: March 2024",
        ),
        LgaPage(
            f"{NEW}/finance-peer-challenge-3",
            "Finance Peer Challenge: Harlow District Council",
            texts.finance_peer_challenge("Harlow District Council", "4 - 6 December 2023"),
            subtitle="Feedback report: 4 - 6 December 2023",
        ),
        LgaPage(
            f"{NEW}/planning-peer-challenge-2",
            "Planning peer challenge: Dartford Borough Council",
            texts.planning_peer_review("Dartford Borough Council", "12 – 14 September 2023"),
            subtitle="Feedback report: 12 – 14 September 2023",
        ),
    ]
    if scenario == "second":
        pages.insert(
            0,
            _lga_report(
                "corporate-peer-201",
                "LGA Corporate Peer Challenge - Hyndburn Borough Council",
                "Feedback report: 29 – 31 October 2024",
                "Hyndburn Borough Council",
                "29 – 31 October 2024",
                ("HYN",),
            ),
        )
    return tuple(pages)


def _bolton() -> SiteParams:
    codes = ("BOL",)
    return SiteParams(
        "www.bolton.gov.uk",
        "Bolton Council",
        "localgov_drupal",
        faults=frozenset({"loopback_redirect", "oversized_file"}),
        pages=(
            PageSpec(
                ("Finance and spending", "Corporate peer challenge"),
                "Corporate Peer Challenge",
                (
                    "# Peer Review report and recommendations",
                    *texts.landing("Bolton Council", "July 2024"),
                ),
                docs=(
                    _report(
                        "Bolton Council",
                        "9 – 12 July 2024",
                        codes,
                        "bolton-cpc-feedback-report-2024",
                        previous="June 2018",
                        folder="2024-10",
                    ),
                    _plan(
                        "Bolton Council",
                        "July 2024",
                        codes,
                        "bolton-cpc-action-plan-2024",
                        folder="2024-10",
                    ),
                ),
                links=(
                    ("Read the report on the LGA website", f"{LGA}{NEW}/corporate-peer-59"),
                    ("Progress review (LGA website)", f"{LGA}{NEW}/corporate-peer-162"),
                ),
            ),
            PageSpec(
                ("News", "Peer challenge praises Bolton's ambition"),
                "Peer challenge praises Bolton's ambition",
                (
                    "The LGA Corporate Peer Challenge report on Bolton Council has been published, together with the council's action plan.",
                ),
                date="14 October 2024",
                kind="announcement",
                codes=codes,
            ),
        ),
    )


def _babergh() -> SiteParams:
    codes = ("BAB", "MSU")
    return SiteParams(
        "www.babergh.gov.uk",
        "Babergh District Council",
        "jadu",
        pages=(
            PageSpec(
                ("Your council", "Performance", "Corporate peer challenge"),
                "LGA Corporate Peer Challenge",
                texts.landing("Babergh and Mid Suffolk District Councils", "March 2022"),
                docs=(
                    _report(
                        "Babergh and Mid Suffolk District Councils (BMSDCs)",
                        "14–18 March 2022",
                        codes,
                        "bmsdc-corporate-peer-challenge-feedback-report",
                        title="Babergh and Mid Suffolk Corporate Peer Challenge feedback report",
                    ),
                ),
            ),
        ),
    )


def _mid_suffolk() -> SiteParams:
    codes = ("BAB", "MSU")
    return SiteParams(
        "www.midsuffolk.gov.uk",
        "Mid Suffolk District Council",
        "umbraco",
        sitemap="index",
        pages=(
            PageSpec(
                ("Council and democracy", "Corporate peer challenge"),
                "Corporate Peer Challenge",
                (
                    *texts.landing("Babergh and Mid Suffolk District Councils", "March 2022"),
                    "LGA Corporate Peer Challenge - Progress Report. The peer team returned on 18 January 2023. Read the Progress Report.",
                ),
                docs=(
                    _report(
                        "Babergh and Mid Suffolk District Councils (BMSDCs)",
                        "14–18 March 2022",
                        codes,
                        "corporate-peer-challenge-feedback-report-2022",
                    ),
                    _plan(
                        "Babergh and Mid Suffolk District Councils",
                        "March 2022",
                        codes,
                        "corporate-peer-challenge-action-plan-2022",
                    ),
                    Doc(
                        "LGA Corporate Peer Challenge - Progress Report",
                        "cpc-progress-report-january-2023",
                        texts.progress_review(
                            "Babergh and Mid Suffolk District Councils",
                            "14–18 March 2022",
                            "18 January 2023",
                        ),
                        kind="progress_review",
                        codes=codes,
                    ),
                ),
            ),
        ),
    )


AW_DEMOCRACY = "democracy.adur-worthing.gov.uk"


def _adur_worthing() -> tuple[SiteParams, CommitteeParams]:
    codes = ("ADU", "WOT")
    council = "Adur and Worthing Councils"
    item = AgendaItem(
        4512,
        "LGA Corporate Peer Challenge - Report and Action Plan",
        (
            "To consider the feedback report of the LGA Corporate Peer Challenge held from 30 January – 2 February 2024 and approve the joint action plan.",
        ),
        docs=(
            Doc(
                "LGA Corporate Peer Challenge report",
                "aw-jsc-cpc-cover",
                texts.cpc_taken_place_committee_paper(council, "30 January – 2 February 2024")[:1]
                + (
                    "The feedback report is attached at Appendix 1 and the action plan at Appendix 2.",
                ),
                kind="committee_paper",
                codes=codes,
            ),
            _report(
                council,
                "30 January – 2 February 2024",
                codes,
                "aw-jsc-cpc-appendix-1",
                title="Appendix 1 - LGA CPC Feedback Report",
            ),
            _plan(
                council,
                "January 2024",
                codes,
                "aw-jsc-cpc-appendix-2",
                title="Appendix 2 - CPC Action Plan",
            ),
        ),
        decision="The Joint Strategic Committee noted the feedback report and approved the action plan for publication.",
    )
    committee = CommitteeParams(
        AW_DEMOCRACY,
        council,
        "http://www.adur-worthing.gov.uk/",
        (Meeting("Joint Strategic Committee", "9 April 2024", (item,)),),
    )
    site = SiteParams(
        "www.adur-worthing.gov.uk",
        council,
        "umbraco",
        footer_links=(
            ("Councillors and committees", f"http://{AW_DEMOCRACY}/mgListCommittees.aspx"),
        ),
        pages=(
            PageSpec(
                ("Council and democracy", "Corporate peer challenge"),
                "LGA Corporate Peer Challenge 2024",
                (
                    *texts.landing(council, "January 2024"),
                    "The report and action plan were considered by the Joint Strategic Committee on 9 April 2024.",
                ),
                links=(
                    (
                        "Joint Strategic Committee: report and action plan",
                        f"http://{AW_DEMOCRACY}/mgAi.aspx?ID=4512",
                    ),
                ),
            ),
        ),
    )
    return site, committee


def _kensington(scenario: str) -> SiteParams:
    codes = ("KEC",)
    council = "the Royal Borough of Kensington and Chelsea"
    docs = [
        _report(
            council,
            "11 – 14 March 2025",
            codes,
            "lga-corporate-peer-challenge-feedback-report-2025"
            + ("-final" if scenario == "evidence" else ""),
        ),
        _plan(council, "March 2025", codes, "corporate-peer-challenge-action-plan", fmt="docx"),
    ]
    paragraphs = texts.landing(council, "March 2025", returning="January 2026")
    if scenario == "second":
        docs.append(
            Doc(
                "LGA Corporate Peer Challenge progress review report",
                "lga-cpc-progress-review-2026",
                texts.progress_review(council, "11 – 14 March 2025", "20 January 2026"),
                kind="progress_review",
                codes=codes,
            )
        )
        paragraphs = (
            *paragraphs[:-1],
            "In January 2026 the LGA peer team returned to review our progress. Their progress review report is below.",
        )
    return SiteParams(
        "www.rbkc.gov.uk",
        "Royal Borough of Kensington and Chelsea",
        "goss",
        pages=(
            PageSpec(
                (
                    "Council, councillors and democracy",
                    "Local Government Association corporate peer challenge",
                ),
                "Local Government Association corporate peer challenge",
                paragraphs,
                docs=tuple(docs),
                links=(("LGA website: our feedback report", f"{LGA}{NEW}/corporate-peer-106"),),
            ),
        ),
    )


def _cheshire_east() -> SiteParams:
    codes = ("CHE",)
    return SiteParams(
        "www.cheshireeast.gov.uk",
        "Cheshire East Council",
        "localgov_drupal",
        sitemap="index",
        faults=frozenset({"calendar_trap"}),
        pages=(
            PageSpec(
                ("Council and democracy", "Your council", "LGA Corporate Peer Challenge 2024"),
                "LGA Corporate Peer Challenge 2024",
                (
                    "The council took part in an LGA Corporate Peer Challenge in March 2024. The report was published in July 2024.",
                    *texts.landing("Cheshire East Council", "March 2024")[1:],
                ),
                docs=(
                    _report(
                        "Cheshire East Council",
                        "25-28 March 2024",
                        codes,
                        "lga-cpc-feedback-report-2024",
                        folder="2024-07",
                    ),
                    _plan(
                        "Cheshire East Council",
                        "March 2024",
                        codes,
                        "lga-cpc-action-plan-2024",
                        folder="2024-07",
                    ),
                ),
            ),
        ),
    )


def _warrington() -> SiteParams:
    return SiteParams(
        "www.warrington.gov.uk",
        "Warrington Borough Council",
        "localgov_drupal",
        faults=frozenset({"down"}),
        pages=(
            PageSpec(
                ("LGA peer review July 2024",),
                "LGA peer review",
                texts.landing("Warrington Borough Council", "March 2024"),
            ),
        ),
    )


NTY_DEMOCRACY = "democracy.northtyneside.gov.uk"


def _north_tyneside() -> tuple[SiteParams, CommitteeParams]:
    codes = ("NTY",)
    council = "North Tyneside Council"
    report = Doc(
        "LGA Corporate Peer Challenge 2019 - Feedback Report",
        "north-tyneside-cpc-2019-feedback-report",
        texts.cpc_report_2019(council, "18th – 21st June 2019"),
        kind="feedback_report",
        codes=codes,
        pdf_title="Diversity Peer Challenge Draft Report",
    )
    item = AgendaItem(
        1011,
        "Local Government Association Corporate Peer Challenge - Report and Action Plan",
        (
            "Cabinet is asked to note the findings of the LGA Corporate Peer Challenge held 18th – 21st June 2019 and agree the action plan.",
        ),
        docs=(
            Doc(
                "Cabinet report - LGA Corporate Peer Challenge",
                "nt-cabinet-cpc-2019",
                (
                    "# Report to Cabinet",
                    "Cabinet is asked to note the LGA Corporate Peer Challenge feedback report and agree the action plan.",
                ),
                kind="committee_paper",
                codes=codes,
            ),
            _plan(
                council,
                "June 2019",
                codes,
                "nt-cabinet-cpc-2019-appendix-action-plan",
                title="Appendix 2 - Action Plan",
            ),
        ),
        decision="Cabinet noted the feedback report from the LGA Corporate Peer Challenge and agreed the action plan.",
    )
    committee = CommitteeParams(
        NTY_DEMOCRACY,
        council,
        "http://my.northtyneside.gov.uk/",
        (Meeting("Cabinet", "14 October 2019", (item,)),),
    )
    site = SiteParams(
        "my.northtyneside.gov.uk",
        council,
        "umbraco",
        footer_links=(("Council meetings", f"http://{NTY_DEMOCRACY}/mgListCommittees.aspx"),),
        pages=(
            PageSpec(
                ("Your council", "Performance", "LGA corporate peer challenge 2019"),
                "LGA Corporate Peer Challenge 2019",
                (
                    "In June 2019 the council hosted an LGA Corporate Peer Challenge. The feedback report is below; Cabinet agreed the action plan on 14 October 2019.",
                ),
                docs=(report,),
                links=(
                    (
                        "Cabinet, 14 October 2019",
                        f"http://{NTY_DEMOCRACY}/ieDecisionDetails.aspx?AIId=1011",
                    ),
                ),
            ),
        ),
    )
    return site, committee


HYN_MODERNGOV = "hyndburnbc.moderngov.co.uk"


def _hyndburn(scenario: str) -> tuple[SiteParams, CommitteeParams]:
    codes = ("HYN",)
    council = "Hyndburn Borough Council"
    dates = "29 – 31 October 2024"
    item = AgendaItem(
        2207,
        "LGA Corporate Peer Challenge - verbal update",
        ("Verbal update from the Chief Executive.",),
        docs=(
            Doc(
                "LGA Corporate Peer Challenge update",
                "hyndburn-cabinet-cpc-update",
                texts.cpc_taken_place_committee_paper(council, dates),
                kind="committee_paper",
                codes=codes,
            ),
        ),
    )
    committee = CommitteeParams(
        HYN_MODERNGOV,
        council,
        "http://www.hyndburnbc.gov.uk/",
        (Meeting("Cabinet", "13 November 2024", (item,)),),
    )
    pages = [
        PageSpec(
            ("News", "Peer challenge team visits Hyndburn"),
            "Peer challenge team visits Hyndburn",
            texts.cpc_news_release(council, dates),
            date="1 November 2024",
            kind="announcement",
            codes=codes,
        )
    ]
    if scenario == "second":
        pages.append(
            PageSpec(
                ("Your council", "Corporate peer challenge"),
                "LGA Corporate Peer Challenge",
                texts.landing(council, "October 2024"),
                docs=(
                    _report(council, dates, codes, "lga-corporate-peer-challenge-report-2024"),
                    _plan(
                        council,
                        "October 2024",
                        codes,
                        "lga-corporate-peer-challenge-action-plan-2024",
                    ),
                ),
                links=(("The report on the LGA website", f"{LGA}{NEW}/corporate-peer-201"),),
            )
        )
    site = SiteParams(
        "www.hyndburnbc.gov.uk",
        council,
        "goss",
        pages=tuple(pages),
        footer_links=(
            ("Council meetings and minutes", f"http://{HYN_MODERNGOV}/mgListCommittees.aspx"),
        ),
    )
    return site, committee


DAR_DEMOCRACY = "democracy.dartford.gov.uk"


def _dartford() -> tuple[SiteParams, CommitteeParams]:
    council = "Dartford Borough Council"
    item = AgendaItem(
        3310,
        "LGA Corporate Peer Challenge",
        ("To note the arrangements for the forthcoming LGA Corporate Peer Challenge.",),
        docs=(
            Doc(
                "LGA Corporate Peer Challenge",
                "dartford-cabinet-cpc-notice",
                texts.pre_challenge_notice(council, "3 – 6 March 2026"),
                kind="pre_challenge_notice",
                codes=("DAR",),
            ),
        ),
    )
    committee = CommitteeParams(
        DAR_DEMOCRACY,
        council,
        "http://www.dartford.gov.uk/",
        (Meeting("Cabinet", "20 November 2025", (item,)),),
    )
    site = SiteParams(
        "www.dartford.gov.uk",
        council,
        "plain",
        sitemap=None,
        footer_links=(("Committee meetings", f"http://{DAR_DEMOCRACY}/mgListCommittees.aspx"),),
    )
    return site, committee


def _tandridge() -> SiteParams:
    codes = ("TAN",)
    council = "Tandridge District Council"
    return SiteParams(
        "www.tandridge.gov.uk",
        council,
        "plain",
        faults=frozenset({"corrupt_pdf"}),
        pages=(
            PageSpec(
                ("Your council", "Corporate Peer Challenge"),
                "Corporate Peer Challenge",
                (
                    "Tandridge hosted an LGA Corporate Peer Challenge in July 2024. Read the LGA's Feedback Report below. We will publish our action plan by 17 December 2024.",
                ),
            ),
            PageSpec(
                ("Your council", "Corporate Peer Challenge", "LGA's Feedback Report"),
                "LGA Corporate Peer Challenge – Tandridge District Council",
                (
                    "Feedback report: 16 – 19 July 2024",
                    *texts.cpc_report(council, "16 – 19 July 2024"),
                ),
                charset="windows-1252",
                kind="feedback_report",
                codes=codes,
            ),
        ),
    )


def _welwyn_hatfield(scenario: str) -> SiteParams:
    codes = ("WEW",)
    council = "Welwyn Hatfield Borough Council"
    report = Doc(
        "Peer Challenge Report",
        "peer-challenge-report-2019",
        texts.cpc_report_2019(council, "15 – 18 January 2019"),
        kind="feedback_report",
        codes=codes,
        gone=scenario == "second",
        soft_gone=scenario == "evidence",
    )
    return SiteParams(
        "www.welhat.gov.uk",
        council,
        "jadu",
        pages=(
            PageSpec(
                ("Reports", "Peer challenge"),
                "Peer challenge",
                (
                    "We undertook a Local Government Association (LGA) Corporate Peer Challenge review in January 2019.",
                ),
                docs=(
                    report,
                    _plan(
                        council,
                        "January 2019",
                        codes,
                        "peer-challenge-action-plan-2019",
                        title="Peer Challenge Action Plan",
                    ),
                ),
            ),
        ),
    )


def _revised(doc: Doc, revised: bool) -> Doc:
    """The report reissued at the same URL: one recommendation reworded, one added."""
    if not revised:
        return doc
    paragraphs: list[str] = []
    for p in doc.paragraphs:
        if p.startswith("Recommendation 1:"):
            p = p.replace("to close the £4.2m gap", "to close the £6.8m gap set out in February")
        paragraphs.append(p)
        if p.startswith("Recommendation 2:"):
            paragraphs.append(
                "Recommendation 3: publish a plan to reduce temporary accommodation costs."
            )
    return replace(doc, paragraphs=tuple(paragraphs))


def _forest_of_dean(scenario: str) -> SiteParams:
    codes = ("FOE",)
    council = "Forest of Dean District Council"
    return SiteParams(
        "www.fdean.gov.uk",
        council,
        "goss",
        pages=(
            PageSpec(
                ("Your council", "Council performance", "Corporate Peer Challenge - 2024"),
                "Corporate Peer Challenge - 2024",
                texts.landing(council, "November 2024", returning="September 2025"),
                docs=(
                    _revised(
                        _report(
                            council,
                            "19 – 22 November 2024",
                            codes,
                            "corporate-peer-challenge-report-2024",
                        ),
                        scenario == "evidence",
                    ),
                    _plan(
                        council, "November 2024", codes, "corporate-peer-challenge-action-plan-2024"
                    ),
                ),
                links=(("Progress review report (LGA website)", f"{LGA}{NEW}/corporate-peer-194"),),
                in_sitemap=False,
                searchable=False,
            ),
        ),
    )


def _blocked(host: str, name: str, cms: str, fault: str) -> SiteParams:
    """A site whose CPC page exists but can never be read because of ``fault``."""
    return SiteParams(
        host,
        name,
        cms,
        faults=frozenset({fault}),
        pages=(
            PageSpec(
                ("Your council", "Corporate peer challenge"),
                "Corporate Peer Challenge",
                texts.landing(name, "May 2024"),
                docs=(_report(name, "13 – 16 May 2024", (), "corporate-peer-challenge-report"),),
            ),
        ),
    )


def _rutland(scenario: str) -> SiteParams:
    council = "Rutland County Council"
    return SiteParams(
        "www.rutland.gov.uk",
        council,
        "umbraco",
        faults=frozenset({"down"}) if scenario == "second" else frozenset(),
        pages=(
            PageSpec(
                ("Council and democracy", "Finance peer review"),
                "LGA Finance Peer Review",
                ("The LGA carried out a Finance Peer Challenge in September 2023.",),
                docs=(
                    Doc(
                        "Finance Peer Challenge feedback report",
                        "finance-peer-challenge-report",
                        texts.finance_peer_challenge(council, "19 – 21 September 2023"),
                    ),
                ),
            ),
            PageSpec(
                ("Children and families", "Children's services peer challenge"),
                "Children's Services Peer Challenge",
                texts.childrens_services_peer_challenge(council, "5 – 8 February 2024"),
            ),
        ),
    )


def _harlow() -> SiteParams:
    council = "Harlow District Council"
    return SiteParams(
        "www.harlow.gov.uk",
        council,
        "localgov_drupal",
        pages=(
            PageSpec(
                ("Your council", "Peer reviews"),
                "Peer reviews",
                (
                    "We commission peer reviews to help us improve. Reports from recent reviews are below.",
                ),
                docs=(
                    Doc(
                        "Communications peer review report October 2022",
                        "communications-peer-review-2022",
                        texts.communications_peer_review(council, "11 – 13 October 2022"),
                    ),
                    Doc(
                        "Planning peer review report",
                        "planning-peer-review-2023",
                        texts.planning_peer_review(council, "7 – 9 March 2023"),
                    ),
                ),
            ),
        ),
    )


def _melton() -> SiteParams:
    return SiteParams(
        "www.melton.gov.uk",
        "Melton Borough Council",
        "plain",
        pages=(
            PageSpec(
                ("Your council", "Performance"),
                "Council performance",
                ("Our annual performance report sets out how we did against the council plan.",),
            ),
        ),
    )


def site_params(scenario: str) -> tuple[list[SiteParams], list[CommitteeParams]]:
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; choose from {SCENARIOS}")
    aw, aw_committee = _adur_worthing()
    nty, nty_committee = _north_tyneside()
    hyn, hyn_committee = _hyndburn(scenario)
    dar, dar_committee = _dartford()
    sites = [
        _bolton(),
        _babergh(),
        _mid_suffolk(),
        aw,
        _kensington(scenario),
        _cheshire_east(),
        _warrington(),
        nty,
        hyn,
        dar,
        _tandridge(),
        _welwyn_hatfield(scenario),
        _forest_of_dean(scenario),
        _blocked("www.bexley.gov.uk", "London Borough of Bexley", "localgov_drupal", "down"),
        _blocked("www.bromley.gov.uk", "London Borough of Bromley", "goss", "slow"),
        _blocked(
            "www.hillingdon.gov.uk",
            "London Borough of Hillingdon",
            "umbraco",
            "robots_disallow_all",
        ),
        _blocked(
            "www.leicestershire.gov.uk",
            "Leicestershire County Council",
            "localgov_drupal",
            "bot_challenge",
        ),
        _blocked("www.havering.gov.uk", "London Borough of Havering", "jadu", "redirect_loop"),
        _rutland(scenario),
        _harlow(),
        _melton(),
    ]
    return sites, [aw_committee, nty_committee, hyn_committee, dar_committee]


def build(scenario: str, *, loopback_port: int = 0, **lga_extra) -> list[Site]:
    """Every fixture host (council sites, committee sites, the LGA) for one scenario;
    ``lga_extra`` goes to :func:`build_lga_site` (the varied web's LGA list entries)."""
    params, committees = site_params(scenario)
    sites = [build_site(p, loopback_port=loopback_port) for p in params]
    sites += [build_committee_site(c) for c in committees]
    sites.append(build_lga_site(lga_pages(scenario), **lga_extra))
    return sites
