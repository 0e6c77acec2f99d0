"""The CPC classification rule as data (domain notes §3 and 2.3).

Each table row pairs a pattern with what it means, so adding a look-alike or a stage word is a
one-line change with a test row beside it, and `classifier.py` only walks the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.classify.records import DocKind


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I | re.M)


CPC_WORDS = _rx(r"\bcorporate\s+peer\s+(?:challenge|review)s?\b")
CPC_DEFINED = re.compile(r"\(CPC\)")
CPC_ACRONYM = re.compile(r"\bCPC\b")
CPC_URL = _rx(r"corporate[-_]?peer|(?:^|[-_/])cpc(?:[-_./]|$)")
LGA_CONTEXT = _rx(r"\bLGA\b|Local Government Association|local\.gov\.uk")
LGA_HOSTS = _rx(r"(?:^|\.)(?:local\.gov\.uk|pas\.gov\.uk)$")
PEER_WORDS = _rx(r"peer\s+(?:challenge|review|team)|\bCPC\b|\bpeers\b")

CORE_THEMES = tuple(
    _rx(theme)
    for theme in (
        # 2022+ "five core elements"
        r"local priorities and outcomes",
        r"organisational and place leadership",
        r"governance and culture",
        r"financial planning and management",
        r"capacity for improvement",
        # pre-2022 "five core components"
        r"understanding of the local place and priority setting",
        r"leadership of place",
        r"organisational leadership and governance",
        r"financial planning and viability",
        r"capacity to deliver",
    )
)
MIN_CORE_THEMES = 3

BOILERPLATE = _rx(
    r"delivered by the sector for the sector|spending \w+ days at|"
    r"recommendations that the council are required to action|"
    r"five core (?:elements|components)|the peer team|Decorative graphic featuring arrows"
)


@dataclass(frozen=True)
class LookAlike:
    """A peer review that is not a CPC, and where its tell-tale wording shows.

    `title` is searched in the title, H1 and link text; `url` in the URL; `body` in the opening
    lines, and only when neither title nor opening lines call the document a CPC, because real
    CPC reports mention finance or children's services in passing.
    """

    reason: str
    title: re.Pattern[str] | None = None
    url: re.Pattern[str] | None = None
    body: re.Pattern[str] | None = None
    anywhere: re.Pattern[str] | None = None
    lga_only: bool = False


_OTHER_TOPICS = (
    r"housing|safeguarding|public\s+health|health|wellbeing|economic|growth|climate|digital|"
    r"transformation|scrutiny|audit|member|leadership\s+essentials|waste|transport|highways|"
    r"cyber|procurement|commercial|regeneration|customer|workforce|licensing|tourism|leisure|"
    r"libraries|museums|youth|education|schools|early\s+help|fostering|adoption|"
    r"commissioning|community\s+safety|asset\s+management"
)

LOOK_ALIKES: tuple[LookAlike, ...] = (
    LookAlike(
        "fictional_sample",
        title=_rx(r"\bfictional\b|\bsample\s+(?:cpc\s+)?report\b|\bexample\s+report\b"),
        anywhere=_rx(r"\bFictional\s+Borough\b"),
    ),
    LookAlike(
        "lga_own_cpc",
        title=_rx(
            r"^\s*LGA\s+(?:corporate\s+peer\s+challenge|CPC)(?:\s+(?:report|progress\s+review|"
            r"action\s+plan))*[\s:–-]*(?:(?:january|february|march|april|may|june|july|august|"
            r"september|october|november|december)\s+)?(?:20\d\d)?\s*$"
        ),
        url=_rx(r"/about/who-we-are|/lga-cpc-|/lga-corporate-peer-challenge-(?:report|20\d\d)"),
        lga_only=True,
    ),
    LookAlike(
        "finance_peer",
        title=_rx(r"\bfinanc\w*\s+(?:peer|review|resilience)|\bFPC\b"),
        url=_rx(r"financ\w*-peer"),
        body=_rx(r"\bfinanc\w*\s+peer\s+(?:challenge|review)"),
    ),
    LookAlike(
        "governance_peer",
        title=_rx(r"\bgovernance\s+(?:peer|review)|\bGPC\b"),
        url=_rx(r"governance-peer"),
        body=_rx(r"\bgovernance\s+peer\s+(?:challenge|review)"),
    ),
    LookAlike(
        "planning_peer",
        title=_rx(r"\bplanning\s+(?:peer|advisory|improvement|service\s+review)|\bPAS\b"),
        url=_rx(r"/pas/|planning-peer"),
        body=_rx(r"\bplanning\s+(?:peer\s+(?:challenge|review)|advisory\s+service)"),
    ),
    LookAlike(
        "adult_social_care_peer",
        title=_rx(r"adult\s+social\s+care|preparation\s+for\s+(?:CQC\s+)?assurance|\bCQC\b"),
        url=_rx(r"adult-social-care"),
        body=_rx(r"adult\s+social\s+care\s+peer|preparation\s+for\s+(?:CQC\s+)?assurance"),
    ),
    LookAlike(
        "childrens_services_peer",
        title=_rx(
            r"children[’']?s|\bSEND\b|\bOfsted\b|\bILACS\b|corporate\s+parenting|\bDCS\b|"
            r"resources\s+and\s+efficiency"
        ),
        url=_rx(r"children-?s-services|childrens-services|send-peer|/childrens-"),
        body=_rx(r"children[’']?s\s+(?:services|social\s+care)\s+peer|\bSEND\s+peer|\bILACS\b"),
    ),
    LookAlike(
        "communications_peer",
        title=_rx(r"\bcommunications?\s+(?:peer|review|health\s*check)|\bcomms\s+(?:peer|review)"),
        url=_rx(r"communications?-peer|comms-peer"),
        body=_rx(r"\bcommunications\s+peer\s+(?:challenge|review)"),
    ),
    LookAlike(
        "equality_peer",
        title=_rx(r"\bequalit(?:y|ies)\s+(?:peer|framework)|\bEFLG\b|\bREADI\b|diversity\s+peer"),
        url=_rx(r"equalit(?:y|ies)-peer|equalities-hub|\breadi\b"),
        body=_rx(
            r"equality\s+framework\s+for\s+local\s+government|\bEFLG\b|\bREADI\b|"
            r"equality\s+peer\s+challenge"
        ),
    ),
    LookAlike(
        "decision_making_accountability",
        title=_rx(r"decision[-\s]making\s+accountability|\bDMA\b"),
        body=_rx(r"decision[-\s]making\s+accountability"),
    ),
    LookAlike(
        "fire_and_rescue",
        title=_rx(r"\bfire\s+(?:and|&)\s+rescue|\bfire\s+(?:peer|authority)"),
        url=_rx(r"fire-(?:and-)?rescue|fire-peer"),
        body=_rx(r"fire\s+(?:and\s+rescue\s+)?peer\s+(?:challenge|review)"),
    ),
    LookAlike(
        "parish_or_town_council",
        title=_rx(r"\b(?:town|parish)\s+council\b|\bNALC\b"),
        body=_rx(r"\bNALC\b|National Association of Local Councils"),
    ),
    LookAlike(
        "culture_review",
        title=_rx(r"\bcultur(?:e|al)\s+(?:review|peer)"),
        body=_rx(r"\bcultural\s+review\b|\bculture\s+peer"),
    ),
    LookAlike(
        "remote_peer_support",
        title=_rx(r"remote\s+peer\s+support|recovery\s+and\s+renewal\s+panel"),
        url=_rx(r"remote-peer-support"),
        body=_rx(r"remote\s+peer\s+support|recovery\s+and\s+renewal\s+panel"),
    ),
    LookAlike(
        "other_peer_topic",
        title=_rx(rf"\b(?:{_OTHER_TOPICS})\s+peer\s+(?:challenge|review)"),
        body=_rx(rf"^.{{0,40}}\b(?:{_OTHER_TOPICS})\s+peer\s+(?:challenge|review)"),
    ),
)

# Stage words in the title, H1, link text or URL, most specific first:
# "Progress Review Position Statement" is a position statement, "progress review action plan"
# an action plan.
TITLE_STAGES: tuple[tuple[re.Pattern[str], DocKind], ...] = (
    (_rx(r"position[\s_-]+statement|self[\s_-]*assessment"), DocKind.POSITION_STATEMENT),
    (
        _rx(
            r"action[\s_-]+plan|delivery[\s_-]+plan|improvement[\s_-]+plan|"
            r"response[\s_-]+to[\s_-]+(?:the[\s_-]+)?(?:[\w'’]+[\s_-]+){0,4}?"
            r"(?:recommendations|peer)|management[\s_-]+response"
        ),
        DocKind.ACTION_PLAN,
    ),
    (
        _rx(
            r"progress[\s_-]+(?:review|report)|re-?visit|follow[\s_-]*up|check[\s_-]*in\b|"
            r"check[\s_-]*point"
        ),
        DocKind.PROGRESS_REVIEW,
    ),
)

# Body wording only progress reviews use (domain notes 1.3).
PROGRESS_BOILERPLATE = _rx(
    r"The Progress Review is an integral part|"
    r"undertook an LGA Corporate Peer Challenge \(CPC\) during .{0,80}?and promptly published|"
    r"RAG rated CPC Action Plan"
)

# Committee system pages are never the report itself, whatever their title says.
COMMITTEE_URL = _rx(
    r"mgAi\.aspx|ieDecisionDetails|mgDecisionDetails|ieListDocuments|ieIssueDetails|"
    r"mgIssueHistory|mgWhatsNew|ieListMeetings|mgCommitteeDetails|mgMeetingAttendance"
)
COMMITTEE_TITLE = _rx(
    r"\bagenda\b|\bminutes\b|^\s*(?:cabinet|executive|full\s+council|committee)\b|"
    r"^\s*report\s+of\b|decision\s+details|issue\s+details"
)
# Lines that open an officer's report to a committee: "Report of the Chief Executive",
# "1. Purpose: to update Cabinet on …", "Cabinet is asked to note …".
COMMITTEE_HEAD_LINE = _rx(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:report\s+(?:of|to|by|author)|"
    r"purpose(?:\s+of\s+(?:the\s+|this\s+)?report)?(?=\s*(?:[:.–-]|$))|"
    r"wards?\s+affected|key\s+decision|agenda\s+item|date\s+of\s+meeting|meeting\s+date|"
    r"portfolio\s+holder|decision\s+maker|lead\s+officer|contact\s+officer|"
    r"classification\s*:|exempt\s+information|for\s+decision|cabinet\s+member)\b|"
    r"\b(?:cabinet|council|committee|the\s+executive|members)\s+(?:is|are)\s+"
    r"(?:asked|recommended|invited)\s+to\b|"
    r"^\s*(?:\d+\.?\s*)?recommendations?\s*:\s*that\b"
)
# Lines showing that the document is the feedback report (for example a committee appendix).
REPORT_HEAD_LINE = _rx(
    r"^\s*(?:(?:team\s+)?feedback\s+report\b|feedback\s*:|\d?\.?\s*executive\s+summary\s*$|"
    r"key\s+recommendations\s*$)|delivered by the sector for the sector|spending \w+ days at"
)

ANNOUNCEMENT_URL = _rx(r"/news/|//news\.|/press[-_]?releases?/|/newsroom/|/media[-_]?centre/")
# A news release in the opening lines: the label, or a quote from a named office holder
# ("The Leader said: …"). GOSS sites serve news and content alike under /article/NNNN/, so
# the URL alone cannot say which a page is.
ANNOUNCEMENT_WORDS = _rx(
    r"press\s+release|news\s+release|media\s+release|"
    r"\b(?:leader|chief\s+executive|mayor|portfolio\s+holder|cabinet\s+member|spokesperson|"
    r"(?:cllr\.?|councillor)(?:\s+[\w'’-]+){1,3})(?:\s+of\s+the\s+council)?\s*,?\s+said\b"
)

# Wording that makes a page a document in its own right (used to tell an officer's cover
# report from the feedback report it introduces).
DOCUMENT_STRUCTURE = _rx(
    r"^\s*(?:(?:team\s+)?feedback\s+report\b|feedback\s*:|\d?\.?\s*executive\s+summary\s*$|"
    r"\d?\.?\s*key\s+recommendations\s*$|recommendation\s+\d)|"
    r"delivered by the sector for the sector|spending \w+ days at|"
    r"recommendations that the council are required to action"
)


@dataclass(frozen=True)
class ReportPart:
    """A part of a CPC feedback report, and whether it shows only in a report.

    A *strong* part is report furniture that council landing pages, news and committee papers
    do not carry: the "Executive summary" and "Key recommendations" headings, the LGA's
    "Feedback report: <dates>" line, the approach section, the report's own sentences about
    itself. A *weak* part is report wording that landing pages retell in their own words
    (the five core elements, the peer team and who was on it, the LGA's description of CPC):
    it supports a report but never makes one. Patterns are matched per line (re.M).
    """

    name: str
    pattern: re.Pattern[str]
    strong: bool


_NUMBERED = r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?"
REPORT_PARTS: tuple[ReportPart, ...] = (
    ReportPart("executive_summary", _rx(_NUMBERED + r"executive\s+summary\s*:?\s*$"), True),
    ReportPart("key_recommendations", _rx(_NUMBERED + r"key\s+recommendations\s*:?\s*$"), True),
    ReportPart(
        "feedback_dates_line",
        _rx(r"^\s*(?:team\s+)?feedback(?:\s+report)?\s*:\s*(?:\w+\s+)?\d{1,2}\b"),
        True,
    ),
    ReportPart(
        "approach_section",
        _rx(
            r"summary\s+of\s+the\s+(?:peer\s+challenge\s+)?approach|"
            + _NUMBERED
            + r"scope\s+and\s+focus\s*$"
        ),
        True,
    ),
    ReportPart(
        "report_about_itself",
        _rx(
            r"suggestions\s+and\s+observations\s+within\s+the\s+main\s+section|"
            r"following\s+are\s+the\s+peer\s+team[’']?s\s+key\s+recommendations|"
            r"this\s+report\s+outlines\s+the\s+key\s+findings|"
            r"recommendations\s+that\s+the\s+council\s+are\s+required\s+to\s+action"
        ),
        True,
    ),
    ReportPart(
        "numbered_theme_sections",
        _rx(
            r"^\s*\d+\.\d+\.?\s+(?:local\s+priorities|organisational\s+and\s+place|"
            r"governance\s+and\s+culture|financial\s+planning|capacity\s+(?:for|to))"
        ),
        True,
    ),
    ReportPart(
        "peer_team_findings",
        _rx(r"\bthe\s+peer\s+team\s+(?:found|considered|heard|saw|noted|were|was|would)\b"),
        False,
    ),
    ReportPart(
        "peer_team_members",
        _rx(r"\b(?:lead|member|officer)\s+peer\b|peer\s+challenge\s+manager"),
        False,
    ),
    # The LGA's "spending four days at <Council>", which landing pages and news retell.
    ReportPart("days_on_site", _rx(r"\b(?:spending|spent)\s+\w+\s+days\s+(?:at|with)\b"), False),
    ReportPart(
        "lga_description",
        _rx(
            r"delivered\s+by\s+the\s+sector,?\s+for\s+the\s+sector|"
            r"peers\s+used\s+their\s+experience|not\s+an\s+inspection|"
            r"five\s+core\s+(?:elements|components)"
        ),
        False,
    ),
)
#: Strong parts that make a text a report by its structure alone.
REPORT_MIN_STRONG = 2
#: Strong parts every kind of report has; alone they never make a document about the CPC.
GENERIC_PARTS = frozenset({"executive_summary", "key_recommendations"})
#: A page that points to a report file is a landing page unless it carries this many strong
#: parts itself (an HTML report with a "download the PDF" link).
HTML_REPORT_MIN_STRONG = 3

# The cover page of a report file: a line saying what it is, a visit date standing alone,
# and a "Feedback report" line, within the opening lines (domain notes 2.3).
COVER_LINES = 12
COVER_WHAT = _rx(r"corporate\s+peer\s+(?:challenge|review)|peer\s+(?:challenge|review)|\bCPC\b")
COVER_FEEDBACK = _rx(r"^\s*(?:team\s+)?feedback(?:\s+report)?\b|^\s*progress\s+(?:review|report)\b")

# Whether the CPC is the document's subject, or a passing mention (an Annual Governance
# Statement, a budget paper, a council plan, a home page). Its subject shows in its title,
# its opening heading lines, a committee paper's "Title:/Subject:/Purpose:" line or its
# first sentence; a mention deep in the body does not make it CPC material.
SUBJECT_WORDS = _rx(r"corporate\s+peer\s+(?:challenge|review)|peer\s+(?:challenge|review)|\bCPC\b")
# On a committee system, a numbered agenda item about the CPC makes the agenda, minutes or
# pack a committee paper about it ("7. LGA Corporate Peer Challenge - Feedback Report"),
# wherever the item sits (domain notes 2.2).
AGENDA_ITEM_LINE = _rx(
    r"^\s*(?:item\s+)?\d{1,3}[.)]?\s+"
    r"(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)\S"
)
#: Opening heading lines that can state the subject: a cover's first lines, not a table's
#: fourth row ("17 July 2024 LGA Corporate Peer Challenge action plan update").
SUBJECT_LINES = 3
SUBJECT_SENTENCE_CHARS = 300
LABELLED_TITLE_LINE = _rx(
    r"^\s*(?:\d+\.?\s*)?(?:title|subject|report\s+title|purpose(?:\s+of\s+(?:the\s+)?report)?|"
    r"item)\s*[:–-]"
)
# Lines that are page furniture in PDF text, never a title or a first sentence.
FURNITURE_LINE = _rx(
    r"^\s*(?:(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?|official(?:[\s-]+sensitive)?|"
    r"(?:not\s+)?protectively\s+marked|draft|confidential|www\.\S+)\s*$"
)
# A title-like line is a heading, not prose: at most this many words, no closing full stop,
# and not three or more of these running-text words ("we", "the", "was" ...).
HEADING_MAX_WORDS = 14
RUNNING_TEXT_WORDS = _rx(r"\b(?:the|a|an|is|are|was|were|has|have|we|our|to|of|this|that)\b")
#: A page whose main content is more than this share link text is a hub or home page.
HUB_LINK_DENSITY = 0.5

# Link labels that say the link is a file: "(PDF, 1.2 MB)", "[pdf] 5MB", "Word doc [135KB]".
FILE_LABEL = _rx(r"[(\[]\s*(?:pdf|docx?|word)\b|\b\d+(?:\.\d+)?\s*[kM]B\b")
# How much a file link looks like the report itself (the landing page's `report_link`).
REPORT_LINK_WORDS: tuple[tuple[re.Pattern[str], int], ...] = (
    (_rx(r"feedback|final\s+report|full\s+report|(?:challenge|review|cpc)\s+report"), 3),
    (_rx(r"corporate[\s_+-]*peer|peer[\s_+-]*(?:challenge|review)|\bcpc\b|\blga\b"), 2),
    (_rx(r"\breport\b"), 1),
    (_rx(r"action[\s_+-]*plan|delivery[\s_+-]*plan|position[\s_+-]*statement|minutes|agenda"), -4),
)
# The LGA's own page for a council's report: a landing page may point there instead of, or
# as well as, at a PDF ("You can read this on the LGA website").
LGA_REPORT_URL = _rx(r"^https?://(?:[\w-]+\.)*local\.gov\.uk/.*corporate-peer")
#: A file link scoring at least this is taken to be the report a landing page points at.
REPORT_LINK_MIN = 3
# A web page whose own title says it is the report ("Peer Challenge feedback report") is the
# report with a single strong part, unless it points at a file: in the text, a "(PDF, 1 MB)"
# label, "download" or "read the report" (when its HTML is not given to show the links).
REPORT_TITLE = _rx(
    r"feedback\s+report|(?:peer\s+(?:challenge|review)|\bcpc)\s+report|final\s+report|full\s+report"
)
FILE_POINTER = _rx(
    r"[(\[]\s*(?:pdf|docx?|word)\b|\b\d+(?:\.\d+)?\s*[kM]B\b|\bdownload|"
    r"read\s+(?:the|our)\s+(?:full\s+|final\s+)?(?:feedback\s+)?report|available\s+below"
)

# LGA pages under the report tree that are about the programme, not one council's report.
LGA_PROGRAMME_TITLE = _rx(
    r"\breports\s*$|^\s*outcomes\b|\bfaqs?\b|frequently\s+asked|\bquestions\b|strengthen|"
    r"\babout\b|\bguidance\b|\bprogramme\b|\bwe\s+offer\b|\bhow\s+to\b|\bapproach\b|"
    r"^\s*(?:LGA\s+)?corporate\s+peer\s+(?:challenge|review)s?\s*$"
)
# Body wording only an LGA CPC report or progress review carries (domain notes 1.3).
LGA_REPORT_BODY = _rx(
    r"highly valued improvement and assurance tool|spending \w+ days at|"
    r"recommendations that the council are required to action|"
    r"The Progress Review is an integral part|"
    r"undertook an LGA Corporate Peer Challenge \(CPC\) during"
)
#: More distinct councils than this in an LGA page's opening lines make it a list of reports.
LGA_LISTING_NAMES = 3

PRE_CHALLENGE = _rx(
    r"will\s+take\s+place|(?:is|are)\s+(?:due|scheduled|set)\s+to\s+(?:take\s+place|be\s+held|visit)|"
    r"due\s+to\s+take\s+place|will\s+be\s+visiting|will\s+visit|"
    r"will\s+be\s+(?:undertaking|held|conducted|carried\s+out|on\s+site)|"
    r"(?:is|has\s+been)\s+scheduled\s+for|forthcoming|upcoming|"
    r"will\s+(?:receive|host|undergo|have)\s+(?:an?|its|our|their)\s+(?:LGA\s+)?"
    r"(?:corporate\s+peer|CPC|peer\s+challenge)|"
    # committee wording for a CPC being arranged (West Lindsey 2024: "Proposals to hold an LGA
    # Corporate Peer Challenge", "proposals ... to undergo a Corporate Peer Challenge ... be
    # confirmed", "The current plan was for the LGA to hold the Corporate Peer Challenge")
    r"proposals?\s+(?:for\s+[\w ]{1,60}?\s+)?to\s+(?:hold|host|undergo|have)\b|"
    r"\bto\s+undergo\s+(?:an?\s+)?(?:LGA\s+)?(?:corporate\s+peer|CPC|peer\s+challenge)|"
    r"plan\s+(?:was|is)\s+for\s+the\s+LGA\s+to\s+(?:hold|carry\s+out|undertake)"
)
#: A CPC that has already happened, said in passing in a paper about the next one: the paper is
#: then evidence of that one (West Lindsey 2024: "The previous Corporate Peer Challenge took
#: place in January 2020"; Fareham 2025: "The Peer Challenge team visited the Council between").
PAST_CPC = _rx(
    r"(?:previous|last|earlier|most\s+recent)\s+(?:LGA\s+)?(?:corporate\s+)?peer\s+challenge\s+"
    r"(?:took\s+place|was\s+(?:held|undertaken|carried\s+out|in\b))|"
    r"peer\s+(?:challenge\s+)?team\s+(?:visited|was\s+on\s+site|spent)|"
    r"peer\s+challenge\s+(?:took\s+place|was\s+(?:held|undertaken|carried\s+out))\s+(?:in|on|from|between)\b"
)
#: A line break inside a sentence, as pypdf leaves it ("which is due\nto take place"): the
#: next line goes on in lower case.
WRAPPED_LINE = re.compile(r"(?<=[^\s.!?:;])[ \t]*\n[ \t]*(?=[a-z(])")
# Wording that only appears once a report exists.
REPORT_WORDING = _rx(
    r"key\s+(?:findings|recommendations)|recommendations\s+that\s+the\s+council\s+are\s+required|"
    r"executive\s+summary|the\s+peer\s+team\s+(?:found|considered|heard|saw|was|were|noted)|"
    r"feedback\s+report\s*:|(?:has|have)\s+(?:now\s+)?been\s+published|"
    r"published\s+(?:the|its|our)\s+(?:full\s+|final\s+)?(?:feedback\s+)?report|"
    r"read\s+the\s+(?:full\s+|final\s+)?report|delivered by the sector for the sector|"
    r"spending \w+ days at"
)

# Formulae that name the council a report is about, read only when no title-like line names
# one: the LGA's "… spending four days at Bolton Council to provide …", a progress review's
# "The progress review took place on 18 January 2023 at <Council>", "a corporate peer
# challenge of <Council>", "<Council>'s second Corporate Peer Challenge". Other sentences
# name the peers' own councils and partners, so no name is read from them.
SUBJECT_COUNCIL_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"\b(?:spending|spent)\s+\w+\s+days\s+(?:at|with)\b"), "after"),
    (_rx(r"\b(?:took\s+place|was\s+held)\b[^.\n]{0,60}?\s(?:at|with)\b"), "after"),
    (_rx(r"corporate\s+peer\s+(?:challenge|review)\s+(?:at|of|for|with)\b"), "after"),
    (
        _rx(
            r"[’']s\s+(?:(?:first|second|third|fourth|fifth|latest|recent)\s+)?(?:LGA\s+)?"
            r"corporate\s+peer\s+(?:challenge|review)"
        ),
        "before",
    ),
)
NAME_REACH = 90
# Visit dates and council phrases sit in the opening pages; this bounds time on huge files.
SCAN_CHARS = 200_000

# How much each piece of evidence adds to Classification.score.
EVIDENCE_WEIGHTS: dict[str, float] = {
    "cpc_in_title": 0.35,
    "cpc_in_text": 0.15,
    "lga_context": 0.1,
    "core_themes": 0.15,
    "boilerplate": 0.15,
    "visit_dates": 0.1,
    "council_named": 0.1,
    "report_parts": 0.15,
}
HEAD_LINES = 20
