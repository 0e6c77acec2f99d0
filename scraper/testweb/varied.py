"""A fixture web that varies per seed, drawn from lists of real council-site variants.

Issue 9's measurement: peerwatch must find CPC reports on council sites built unlike its own
fixtures. Every council here draws, per seed, from lists of variants seen on real sites (the
domain notes, /work/shared/domain/cpc-publishing.md, and real pages found with the search
tool): what the council hub is called and where its link sits, how deep it is, what site search
and sitemaps exist, which committee system runs where, where news lives, how document URLs look,
how the landing page and the report are worded, where the report is placed, and whether the site
is readable at all.

Build one web per seed and read its truth::

    from scraper.testweb import TestWeb
    from scraper.testweb.varied import HELD_OUT_SEEDS, SEEN_SEEDS, TUNING_SEEDS

    with TestWeb(varied_seed=TUNING_SEEDS[0]) as web:
        web.prepare_database(tmp / "peerwatch.db")
        ...peerwatch crawl --proxy web.proxy_url --lga-index-url web.lga_index_url
               $(web.varied_council_args())...
        truth = web.varied_truth()        # code -> Truth (state, route, verdict, reason, variant)
        expected = web.expected()         # as for every council: verdict + documents

or, without a server, ``build_varied_web(seed)`` gives the councils, their sites and the LGA
additions. ``python -m bench.varied`` crawls tuning, seen and held-out seeds and scores them.

Truth per council (:class:`Truth`): ``state`` is what is true (``published``, ``cpc_no_report``,
``no_cpc``); ``route`` says where the report lives (``ROUTES``); ``verdict``/``reason`` is what an
honest crawler should say: the state, or ``unknown`` with a reason when the site cannot be read
(JavaScript-only, consent wall on every page, down). ``variant`` records every draw, so failures
can be grouped by variant.

Seeds: ``TUNING_SEEDS`` may be used to develop and tune crawl rules. ``SEEN_SEEDS`` were held
out once, then their failures were read (issue 9, second session): they are no longer a clean
measurement, so they may be used for development now, like the tuning seeds, and are reported
apart. ``HELD_OUT_SEEDS`` must never be used to tune a rule: they exist only to measure how the
rules generalise, once the rules are frozen. Look at their failures to file an issue, not to fit
a rule to them; once read, a held-out seed moves to ``SEEN_SEEDS`` and new held-out seeds are
drawn.
"""

from __future__ import annotations

import csv
import random
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from . import texts
from .cms import Doc, PageSpec, SiteParams, build_site, number, slugify
from .committees import Item, Sitting, add_cmis, add_moderngov, committee_robots
from .lga import HOST as LGA_HOST
from .model import ExpectedDoc, Resource, Site, html
from .synthetic import _services

#: Seeds rules may be tuned on.
TUNING_SEEDS = (11, 12, 13, 14)
#: Seeds that were held out, measured, and whose failures were then read: development seeds now
#: (101-106 read on 30 November 2026, 201-206 on 1 December 2026).
SEEN_SEEDS = (101, 102, 103, 104, 105, 106, 201, 202, 203, 204, 205, 206)
#: Seeds no rule may ever be tuned on: measurement only (6 x 60 = 360 councils).
HELD_OUT_SEEDS = (301, 302, 303, 304, 305, 306)
COUNCILS_PER_SEED = 60

# --- lists of real variants ------------------------------------------------------------------

#: Labels of the council/democracy hub on real sites (rbkc, stroud, sholland, northnorthants,
#: cheshireeast, somerset, tandridge, west-lindsey, hastings ...).
HUB_LABELS = (
    "The council",
    "Council, councillors and democracy",
    "About the council",
    "How the council works",
    "Local democracy",
    "Council and democracy",
    "Your council",
    "Councillors and democracy",
    "My council",
    "Council and Democracy",
)
#: Where the hub's link is: the main menu, a mega-menu panel under a parent, or the footer only.
HUB_PLACEMENTS = ("main_nav", "mega_menu", "footer")
#: Sections above the hub when it is 2 or 3 clicks from the home page.
HUB_PARENTS = ("About us", "Council", "Council information")
HUB_MIDDLES = ("Governance", "Council structure", "Information and transparency")
HUB_DEPTHS = (1, 2, 3)
#: Sub-sections of the hub holding the CPC page (None: directly under the hub).
HUB_SUBSECTIONS = (
    None,
    "Performance",
    "Council performance",
    "Plans, policies and strategies",
    "Transparency",
    "Finance and spending",
)
#: Top-level sections outside the hub where councils also put it (Bolton: finance and spending;
#: Wealden: policies and plans; Central Bedfordshire: transparency).
NAV_SECTIONS = (
    "Finance and spending",
    "Policies and plans",
    "Transparency - other information",
    "Performance and spending",
)
SEARCH_KINDS = ("html", "robots_disallowed", "javascript", "none")
SITEMAPS = ("none", "plain", "index", "gzip", "robots_only")
COMMITTEE_SYSTEMS = ("moderngov", "cmis", "cms_pages", "none")
#: Where each system is hosted ({d}: the council's domain without www, {s}: its slug).
COMMITTEE_HOSTING = {
    "moderngov": (
        ("democracy.{d}", ""),
        ("moderngov.{d}", ""),
        ("{s}.moderngov.co.uk", ""),
        ("edemocracy.{d}", ""),
        ("www.{d}", "/moderngov"),
    ),
    "cmis": (("cmis.{d}", "/CMIS5"), ("www.{d}", "/cmis5"), ("democracy.{d}", "/CMIS5"), ("www.{d}", "/dms")),
    "cms_pages": (("www.{d}", "/<hub>/<committee link text>/<committee>/<meeting>"),),
    "none": (("", ""),),
}  # fmt: skip
#: Where a link to the committee system first points, per system.
COMMITTEE_ENTRIES = {
    "moderngov": ("/ieDocHome.aspx?bcr=1", "/mgListCommittees.aspx", "/", "/mgCalendarMonthView.aspx"),
    "cmis": ("/", "/Meetings.aspx", "/Committees.aspx"),
    "cms_pages": ("",),
    "none": ("",),
}  # fmt: skip
#: Plain link texts to committee papers on real council sites.
COMMITTEE_LINK_TEXTS = (
    "Committee meetings",
    "Meetings, agendas and minutes",
    "Agendas, reports and minutes",
    "Councillors and committees",
    "Council meetings",
    "Committee papers",
    "Meetings and decisions",
)
NEWS_HOSTING = ("subdomain", "news_path", "newsroom_path", "none")
NEWS_LABELS = {
    "subdomain": ("News", "Newsroom", "Media centre"),
    "news_path": ("News",),
    "newsroom_path": ("Newsroom", "Press releases", "Latest news"),
    "none": ("",),
}
#: Press-release titles about the report; the last ones never say "peer challenge".
NEWS_TITLES_CPC = (
    "Council publishes peer challenge report",
    "LGA peer challenge praises council's ambition",
    "Peer review finds council on the right track",
)
NEWS_TITLES_PLAIN = (
    "Independent review praises council's strong leadership",
    "Review team gives positive feedback to the council",
    "Council welcomes findings of sector-led review",
)
NEWS_FILLER = (
    "Council sets budget for the year ahead",
    "New play area opens in the town park",
    "Bin collections over the bank holiday",
    "Have your say on the draft local plan",
    "Warm spaces open across the district",
    "Leisure centre refurbishment completed",
    "Council tax support scheme consultation",
    "Mayor's charity appeal raises record total",
    "Free tree giveaway for residents",
    "Roadworks on the high street next month",
    "Community grants now open",
    "Apprenticeships week celebrated",
)
#: Document URL shapes of the CMSs councils use, and documents on a CDN or object store.
DOC_SHAPES = ("liferay", "jadu", "goss", "umbraco", "drupal", "ashx")
CDN_HOSTS = (
    "{s}-prod.s3.eu-west-2.amazonaws.com",
    "{s}.files.svdcdn.com",
    "{s}cdn.blob.core.windows.net",
    "d3{h}.cloudfront.net",
)
#: How the link to the report is spelled: relative, absolute, the bare host, or twice (the
#: second time as https or on the bare host) -- all one document.
LINK_SPELLINGS = ("relative", "absolute", "bare_host", "https_twin", "bare_twin")
#: Where a published report lives. Each route is the only way to the report on its site
#: (nav and hub pages are in the sitemap and search only when ``indexed``).
ROUTES = ("nav", "hub", "search", "sitemap", "committee", "news", "lga_list", "cdn")
LGA_LIST_KINDS = ("pdf_on_council", "council_page", "pdf_on_lga")
#: Titles of the CPC landing page (domain notes, section 2.1); "Council performance" pages
#: carry the CPC as one section (Forest of Dean).
LANDING_TITLES = (
    "Corporate Peer Challenge",
    "LGA Corporate Peer Challenge {year}",
    "Local Government Association Corporate Peer Challenge",
    "Peer Review Report {year}/{next}",
    "LGA peer review",
    "Corporate peer challenge {year}",
    "Council performance",
)
LANDING_PROSE = ("short", "story", "standard")
REPORT_LINK_TEXTS = (
    "LGA Corporate Peer Challenge feedback report",
    "Corporate Peer Challenge Report",
    "Peer Challenge Report",
    "LGA's Feedback Report",
    "Feedback report",
    "Final report",
    "Peer Review Report {year}",
    "Read the full report",
    "Download the Corporate Peer Challenge Report (PDF)",
)
DATE_FORMATS = ("{a}–{b} {m} {y}", "{a} - {b} {m} {y}", "{a} – {b} {m} {y}", "{a}- {b} {m} {y}",
                "{a} to {b} {m} {y}", "{ao} – {bo} {m} {y}", "Monday {a} to Thursday {b} {m} {y}")  # fmt: skip
MONTHS = ("January", "February", "March", "June", "July", "September", "October", "November")
REPORT_FORMATS = ("pdf", "pdf", "pdf", "docx", "html")
#: Draws of the site's readability: the last three make the truth unknown.
ACCESS = {"open": 85, "javascript_only": 5, "consent_wall": 5, "bot_challenge": 2, "down": 3}
ACCESS_REASONS = {
    "javascript_only": "javascript_required",
    "consent_wall": "consent_wall",
    "bot_challenge": "bot_challenge",
    "down": "site_down",
}
#: PDF Title metadata of the report: the council's, a reused LGA template's (North Tyneside's
#: 2019 CPC PDF says "Diversity Peer Challenge Draft Report"), a Word file name, or none.
PDF_TITLES = (
    "Corporate Peer Challenge {name}",
    "Diversity Peer Challenge Draft Report",
    "Microsoft Word - {slug}.docx",
    "",
)
STATES = {"published": 60, "cpc_no_report": 12, "no_cpc": 28}
NO_REPORT_EVIDENCE = ("news", "committee", "hub_page")
LOOKALIKES = ("finance", "planning", "communications", "childrens", None, None)
NUISANCES = {"calendar_trap": 0.04, "private_redirect": 0.04, "throttled": 0.03}
STYLES = ("localgov_drupal", "jadu", "goss", "umbraco", "plain")

PLACE_STARTS = ("Ald", "Bel", "Cal", "Dor", "Elm", "Fen", "Gos", "Hol", "Kel", "Lin", "Mor",
                "Nor", "Ock", "Pel", "Ros", "Sal", "Tad", "Wen", "Wyc", "Yar", "Bram", "Chal")  # fmt: skip
PLACE_ENDS = ("borough", "caster", "chester", "don", "hurst", "minster", "port", "sey",
              "thorpe", "well", "worth", "ing")  # fmt: skip
KINDS = ("District Council", "Borough Council", "City Council", "County Council", "Council")


@dataclass(frozen=True)
class Variant:
    """Everything one council drew. ``asdict`` gives the record used to group failures."""

    access: str
    state: str
    route: str | None
    cms: str
    hub_label: str
    hub_placement: str
    hub_depth: int
    hub_subsection: str | None
    search: str
    sitemap: str
    committee: str
    committee_host: str
    committee_link_text: str
    news: str
    news_label: str
    news_title_says_cpc: bool | None
    doc_shape: str
    cdn_host: str | None
    link_spelling: str
    landing_title: str
    landing_prose: str
    report_link_text: str
    report_format: str
    date_format: str
    lga_list: str | None
    evidence: str | None
    lookalike: str | None
    indexed: bool
    pdf_title: str = ""
    report_cover: bool = True
    nuisances: tuple[str, ...] = ()


@dataclass(frozen=True)
class Truth:
    code: str
    name: str
    host: str
    hosts: tuple[str, ...]
    """Every host that belongs to this council (main, bare, committee, news, CDN host)."""
    state: str
    route: str | None
    verdict: str
    reason: str | None
    variant: Variant

    def variant_record(self) -> dict[str, object]:
        return asdict(self.variant)


@dataclass
class VariedWeb:
    seed: int
    truths: list[Truth] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    #: (list text, link URL, subtitle) entries for the LGA's "published before 2021" list
    lga_older: list[tuple[str, str, str]] = field(default_factory=list)
    #: files served by the LGA host (path -> resource) and their expected documents
    lga_files: dict[str, Callable[[], Resource]] = field(default_factory=dict)
    lga_expected: list[ExpectedDoc] = field(default_factory=list)

    def register_rows(self) -> list[tuple[str, str, str]]:
        return [(t.code, t.name, f"http://{t.host}/") for t in self.truths]


def is_tuning(seed: int) -> bool:
    return seed in TUNING_SEEDS


@lru_cache(maxsize=1)
def _register_places() -> frozenset[str]:
    """Words of real register names, so generated councils never collide with real ones."""
    path = Path(__file__).resolve().parents[2] / "db" / "data" / "councils.csv"
    words: set[str] = set()
    try:
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                words.update(w.lower() for w in row["name"].split())
    except OSError:
        pass
    return frozenset(words)


def draw_councils(seed: int, councils: int = COUNCILS_PER_SEED) -> list[tuple[str, str, Variant]]:
    """(code, name, variant) of every council of a seed: cheap, without building anything."""
    rng = random.Random(f"peerwatch-varied-{seed}")
    places = [
        a + b for a in PLACE_STARTS for b in PLACE_ENDS if (a + b).lower() not in _register_places()
    ]
    rng.shuffle(places)
    drawn = []
    for i in range(councils):
        place = places[i % len(places)] + ("" if i < len(places) else f" {i // len(places) + 1}")
        drawn.append((f"V{seed:03d}{i:02d}", f"{place} {rng.choice(KINDS)}", _draw(rng)))
    return drawn


def build_varied_web(seed: int, councils: int = COUNCILS_PER_SEED) -> VariedWeb:
    """Every council of one seed: sites (main, committee, news, CDN hosts), LGA additions, truth."""
    web = VariedWeb(seed)
    for code, name, variant in draw_councils(seed, councils):
        _council(random.Random(f"peerwatch-varied-{seed}-{code}"), web, code, name, variant)
    hosts = [h for site in web.sites for h in (site.host, *site.aliases)]
    assert len(hosts) == len(set(hosts)), "two councils share a host"
    return web


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _dates(rng: random.Random, year: int, fmt: str) -> tuple[str, str]:
    """(visit dates in one of the real formats, month and year)."""
    a = rng.randint(2, 14)
    b = a + rng.randint(2, 3)
    month = rng.choice(MONTHS)

    def ordinal(n: int) -> str:
        return (
            f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
        )

    text = fmt.format(a=a, b=b, ao=ordinal(a), bo=ordinal(b), m=month, y=year)
    return text, f"{month} {year}"


def _draw(rng: random.Random) -> Variant:
    access = _pick(rng, ACCESS)
    state = _pick(rng, STATES)
    route = rng.choice(ROUTES) if state == "published" else None
    if access != "open" and route in ("committee", "news", "lga_list"):
        route = rng.choice(("nav", "hub", "search", "sitemap", "cdn"))
    search = rng.choice(SEARCH_KINDS)
    sitemap = rng.choice(SITEMAPS)
    committee = rng.choice(COMMITTEE_SYSTEMS)
    news = rng.choice(NEWS_HOSTING)
    if route == "search":
        search = "html"
    if route == "sitemap" and sitemap == "none":
        sitemap = rng.choice(SITEMAPS[1:])
    if route == "committee" and committee == "none":
        committee = rng.choice(COMMITTEE_SYSTEMS[:3])
    if route == "news" and news == "none":
        news = rng.choice(NEWS_HOSTING[:3])
    evidence = rng.choice(NO_REPORT_EVIDENCE) if state == "cpc_no_report" else None
    if evidence == "committee" and committee == "none" or evidence == "news" and news == "none":
        evidence = "hub_page"
    if access != "open" and evidence in ("news", "committee"):
        evidence = "hub_page"
    host_pattern = "".join(rng.choice(COMMITTEE_HOSTING[committee]))
    nuisances = tuple(sorted(n for n, share in NUISANCES.items() if rng.random() < share))
    return Variant(
        access=access,
        state=state,
        route=route,
        cms=rng.choice(STYLES),
        hub_label=rng.choice(HUB_LABELS),
        hub_placement=rng.choice(HUB_PLACEMENTS),
        hub_depth=rng.choice(HUB_DEPTHS),
        hub_subsection=rng.choice(HUB_SUBSECTIONS),
        search=search,
        sitemap=sitemap,
        committee=committee,
        committee_host=host_pattern,
        committee_link_text=rng.choice(COMMITTEE_LINK_TEXTS),
        news=news,
        news_label=rng.choice(NEWS_LABELS[news]),
        news_title_says_cpc=rng.random() < 0.5 if route == "news" else None,
        doc_shape=rng.choice(DOC_SHAPES),
        cdn_host=rng.choice(CDN_HOSTS) if route == "cdn" else None,
        link_spelling=rng.choice(LINK_SPELLINGS),
        landing_title=rng.choice(LANDING_TITLES),
        landing_prose=rng.choice(LANDING_PROSE),
        report_link_text=rng.choice(REPORT_LINK_TEXTS),
        report_format=rng.choice(REPORT_FORMATS)
        if route in ("nav", "hub")
        else rng.choice(("pdf", "pdf", "docx")),
        date_format=rng.choice(DATE_FORMATS),
        lga_list=rng.choice(LGA_LIST_KINDS) if route == "lga_list" else None,
        evidence=evidence,
        lookalike=rng.choice(LOOKALIKES) if state == "no_cpc" else None,
        indexed=rng.random() < 0.5,
        pdf_title=rng.choice(PDF_TITLES),
        report_cover=rng.random() < 0.6,
        nuisances=nuisances if access == "open" else (),
    )


# --- building one council -----------------------------------------------------------------


class _Council:
    """The pieces of one council's web while they are assembled."""

    def __init__(self, rng: random.Random, code: str, name: str, v: Variant) -> None:
        self.rng = rng
        self.code = code
        self.codes = (code,)
        self.name = name
        self.v = v
        self.slug = slugify(name.split(" ")[0]) + ("" if "County" not in name else "shire")
        self.domain = f"{self.slug}.gov.uk"
        self.host = f"www.{self.domain}"
        self.pages: list[PageSpec] = []
        self.footer: list[tuple[str, str]] = []
        self.footer_trails: list[tuple[str, tuple[str, ...]]] = []
        self.hub_links: list[tuple[str, str]] = []
        self.extra_sites: list[Site] = []
        self.main_additions: list = []  # callables(site) run after build_site
        self.expected: list[ExpectedDoc] = []
        year = rng.choice((2019, 2020)) if v.route == "lga_list" else rng.randint(2021, 2024)
        self.year = year
        self.dates, self.month = _dates(rng, year, v.date_format)

    # trails

    @property
    def hub_trail(self) -> tuple[str, ...]:
        v = self.v
        parents = {1: (), 2: (HUB_PARENTS[number(self.name, lo=0, span=3)],),
                   3: (HUB_PARENTS[number(self.name, lo=0, span=3)], HUB_MIDDLES[number(self.name, "m", lo=0, span=3)])}  # fmt: skip
        return (*parents[v.hub_depth], v.hub_label)

    def landing_trail(self, title: str) -> tuple[str, ...]:
        v = self.v
        if v.route == "nav":
            return (NAV_SECTIONS[number(self.name, "nav", lo=0, span=len(NAV_SECTIONS))], title)
        sub = (v.hub_subsection,) if v.hub_subsection else ()
        return (*self.hub_trail, *sub, title)

    # documents

    def doc_path(self, slug: str, title: str, ext: str) -> str:
        shape = self.v.doc_shape
        n = number(self.name, slug, lo=1000, span=9000)
        if shape == "liferay":
            name = title.replace(" ", "+") + f".{ext}"
            return f"/documents/{number(self.name, lo=20000, span=9000)}/0/{name}/{uuid.UUID(int=n * 7919 + 13)}?t=1678{n:06d}"
        if shape == "jadu":
            return f"/downloads/file/{n}/{slug}"
        if shape == "goss":
            words = "-".join(title.split())
            return f"/media/{n + 10000}/{words}/{ext}/{slug}.{ext}?m=638712{n:06d}0000"
        if shape == "umbraco":
            return f"/media/{n}/{slug}.{ext}"
        if shape == "drupal":
            return f"/sites/default/files/{self.year}-0{n % 9 + 1}/{slug}.{ext}"
        return f"/Handlers/Download.ashx?IDMF={uuid.UUID(int=n * 104729 + 7)}"

    def report_doc(self, *, path: str | None = None, title: str | None = None) -> Doc:
        v = self.v
        body = (
            texts.cpc_report_2019(self.name, self.dates)
            if self.year <= 2020
            else texts.cpc_report(self.name, self.dates)
        )
        if v.report_cover and self.year > 2020:  # the strengthened format's cover page
            body = (
                "# LGA Corporate Peer Challenge",
                self.name,
                self.dates,
                "Feedback report",
                *body,
            )
        link = title or v.report_link_text.format(year=self.year)
        fmt = "docx" if v.report_format == "docx" else "pdf"
        slug = f"{self.slug}-cpc-feedback-report-{self.year}"
        return Doc(
            link,
            slug,
            body,
            fmt=fmt,
            kind="feedback_report",
            codes=self.codes,
            pdf_title=v.pdf_title.format(name=self.name, slug=slug) or " ",
            path=path or self.doc_path(slug, link, "docx" if fmt == "docx" else "pdf"),
        )

    def plan_doc(self) -> Doc:
        slug = f"{self.slug}-cpc-action-plan"
        title = "Action plan"
        return Doc(
            title,
            slug,
            texts.action_plan(self.name, self.month),
            kind="action_plan",
            codes=self.codes,
            path=self.doc_path(slug, title, "pdf"),
        )

    def landing_paragraphs(self) -> tuple[str, ...]:
        v = self.v
        if v.landing_prose == "short":
            return (
                f"{self.name} had an LGA Corporate Peer Challenge in {self.month}.",
                "The LGA's Feedback Report and our action plan are available below.",
            )
        if v.landing_prose == "story":
            return (
                f"We undertook a Local Government Association (LGA) Corporate Peer Challenge review in {self.month}.",
                "A corporate peer challenge is an improvement tool. A team of experienced councillors "
                "and senior officers from other councils spends several days with a council, talking "
                "to staff, councillors, residents and partners, and then shares what it found.",
                f"The peer team spent time with more than 150 people at {self.name}. They looked at the "
                "five core elements: " + "; ".join(texts.CORE_ELEMENTS) + ".",
                "The team found a council with a clear vision, good relationships with partners and "
                "staff who are proud to work here. They also made recommendations, including on our "
                "medium term financial plan and on how we use data.",
                "# What the peer team said",
                "The peer team said the council knows its communities well and has used that knowledge "
                "to shape its priorities. Members and officers work well together, and scrutiny is "
                "constructive. Partners told the team the council is a trusted convener of the place.",
                "The team also said the council needs to close a budget gap in later years of its "
                "medium term financial plan, to make better use of performance data, and to sharpen "
                "its programme management so that its transformation work delivers on time.",
                "# What happens next",
                "We have written an action plan in response to every recommendation, and we will report "
                "progress to Cabinet. The peer team will come back for a progress review about ten "
                "months after the challenge, and we will publish that report here too.",
                "We would like to thank the peer team, and everyone who gave their time to talk to them.",
                "To read the report in full, please use this link (PDF).",
            )
        return texts.landing(self.name, self.month)

    def link(self, path: str) -> str:
        """The report's href as this council spells it."""
        spelling = self.v.link_spelling
        if spelling == "absolute":
            return f"http://{self.host}{path}"
        if spelling == "bare_host":
            return f"http://{self.domain}{path}"
        return path

    def twin(self, path: str) -> tuple[tuple[str, str], ...]:
        """A second spelling of the same document's link, for the twin spellings."""
        if self.v.link_spelling == "https_twin":
            return (("Download this document (PDF)", f"https://{self.host}{path}"),)
        if self.v.link_spelling == "bare_twin":
            return (("Download this document (PDF)", f"http://{self.domain}{path}"),)
        return ()


def _council(rng: random.Random, web: VariedWeb, code: str, name: str, v: Variant) -> None:
    c = _Council(rng, code, name, v)
    committee_site = _committee_system(c)
    news_site = _news(c)
    _placement(c, web)
    _hub(c)
    if v.lookalike:
        look = {
            "finance": texts.finance_peer_challenge,
            "planning": texts.planning_peer_review,
            "communications": texts.communications_peer_review,
            "childrens": texts.childrens_services_peer_challenge,
        }[v.lookalike]
        c.pages.append(
            PageSpec((*c.hub_trail, "Peer reviews"), "Peer reviews", look(name, c.dates))
        )
    c.pages += _services(rng, name)
    nav_hidden = ()
    if v.hub_placement == "footer":
        top = c.hub_trail[0]
        nav_hidden = (top,)
        c.footer_trails.insert(0, (top, (top,)))
    params = SiteParams(
        c.host,
        name,
        v.cms,
        pages=tuple(c.pages),
        faults=frozenset(v.nuisances) | ({v.access} if v.access != "open" else set()),
        sitemap=None if v.sitemap == "none" else v.sitemap,
        footer_links=tuple(c.footer),
        footer_trails=tuple(c.footer_trails),
        search=v.search,
        nav_hidden=nav_hidden,
        mega_menu=v.hub_placement == "mega_menu",
        aliases=(c.domain,),
    )
    site = build_site(params)
    for add in c.main_additions:
        add(site)
    sites = [site, *(s for s in (committee_site, news_site) if s is not None), *c.extra_sites]
    hosts = tuple(dict.fromkeys(h for s in sites for h in (s.host, *s.aliases)))
    if v.access != "open":
        verdict, reason = "unknown", ACCESS_REASONS[v.access]
        for s in sites:  # what cannot be read is not expected
            s.expected_docs = ()
    else:
        verdict, reason = v.state, None
    web.sites += sites
    web.truths.append(Truth(code, name, c.host, hosts, v.state, v.route, verdict, reason, v))


def _hub(c: _Council) -> None:
    """The hub page itself: an intro and its links to committee papers (and the news)."""
    c.pages.append(
        PageSpec(
            c.hub_trail,
            c.v.hub_label,
            (f"Find out how {c.name} works, who your councillors are and how decisions are made.",),
            links=tuple(c.hub_links),
        )
    )


def _committee_system(c: _Council) -> Site | None:
    """Build the committee system (on its own host or mounted on the main one)."""
    v = c.v
    if v.committee == "none":
        return None
    host, _, prefix = v.committee_host.format(d=c.domain, s=c.slug).partition("/")
    prefix = "/" + prefix if prefix else ""
    sittings = list(_ordinary_sittings(c))
    item = _committee_cpc_item(c)
    if item is not None:
        sittings.insert(
            c.rng.randint(0, len(sittings)),
            Sitting(
                "Cabinet",
                f"{c.rng.randint(2, 27)} {c.rng.choice(MONTHS)} {c.year + (1 if c.year < 2024 else 0)}",
                (item, *_ordinary_items(c, 1)),
            ),
        )
    entry = c.rng.choice(COMMITTEE_ENTRIES[v.committee])
    if v.committee == "cms_pages":
        for s in sittings:
            trail = (*c.hub_trail, v.committee_link_text, s.committee, f"{s.committee} - {s.date}")
            docs = tuple(d for it in s.items for d in it.docs)
            paras = tuple(p for it in s.items for p in (f"# {it.title}", *it.paragraphs))
            c.pages.append(PageSpec(trail, f"{s.committee} - {s.date}", paras, docs=docs))
        return None
    url = f"http://{host}{prefix}{entry}"
    c.hub_links.append((v.committee_link_text, url))
    if c.rng.random() < 0.4:
        c.footer.append((v.committee_link_text, url))
    adder = add_moderngov if v.committee == "moderngov" else add_cmis
    if host == c.host:

        def mount(site: Site) -> None:
            site.expected_docs += tuple(
                adder(site, prefix, c.name, f"http://{c.host}/", tuple(sittings))
            )

        c.main_additions.append(mount)
        return None
    site = Site(host=host)
    site.expected_docs = tuple(adder(site, prefix, c.name, f"http://{c.host}/", tuple(sittings)))
    committee_robots(site)
    return site


COMMITTEES = ("Cabinet", "Full Council", "Overview and Scrutiny Committee", "Audit and Governance Committee", "Planning Committee")  # fmt: skip
ORDINARY_ITEMS = (
    ("Minutes of the previous meeting", "To approve the minutes of the previous meeting as a correct record."),
    ("Revenue budget monitoring - quarter 2", "The forecast outturn is an overspend of £1.2m, mainly in temporary accommodation."),
    ("Treasury management strategy", "The strategy sets the council's borrowing and investment limits for the year."),
    ("Annual Governance Statement", "The statement reviews the council's governance framework, internal control and risk management."),
    ("Local plan update", "An update on the examination of the local plan and the five-year housing land supply."),
    ("Corporate risk register", "The register lists the council's strategic risks and their mitigations."),
    ("Waste collection contract", "Approval to extend the waste collection contract by two years."),
)  # fmt: skip


def _ordinary_items(c: _Council, n: int) -> tuple[Item, ...]:
    picked = c.rng.sample(ORDINARY_ITEMS, n)
    return tuple(
        Item(t, (p,), docs=(Doc(t, f"{c.slug}-{slugify(t)}-{c.rng.randint(1, 99)}", (f"# {t}", p)),)
             if c.rng.random() < 0.5 else ())
        for t, p in picked
    )  # fmt: skip


def _ordinary_sittings(c: _Council):
    for committee in c.rng.sample(COMMITTEES, 3):
        for _ in range(c.rng.randint(1, 3)):
            date = f"{c.rng.randint(2, 27)} {c.rng.choice(MONTHS)} {c.rng.randint(2022, 2025)}"
            yield Sitting(committee, date, _ordinary_items(c, c.rng.randint(2, 4)))


CPC_ITEM_TITLES = (
    "LGA Corporate Peer Challenge – Report and Action Plan",
    "Local Government Association Corporate Peer Challenge - Report and Action Plan",
    "Report of the Corporate Peer Challenge",
    "Corporate Peer Challenge Report and Action Plan",
    "Local Government Association (LGA) Corporate Peer Challenge {year} - Outcome of Peer Challenge",
    "LGA Corporate Peer Challenge Report",
)


def _committee_cpc_item(c: _Council) -> Item | None:
    v = c.v
    if v.route == "committee":
        title = c.rng.choice(CPC_ITEM_TITLES).format(year=c.year)
        cover = (
            f"1. Purpose: to present the feedback report of the LGA Corporate Peer Challenge which took "
            f"place at {c.name} from {c.dates}, and the council's action plan in response.",
            "2. Recommendation: that Cabinet notes the report and approves the action plan for publication.",
        )
        report = c.report_doc(
            path="unused", title="Appendix 1 - LGA Corporate Peer Challenge Feedback Report"
        )
        report = Doc(report.title, report.slug, report.paragraphs, fmt="pdf", kind="feedback_report",
                     codes=c.codes, pdf_title=report.pdf_title)  # fmt: skip
        plan = Doc("Appendix 2 - Action Plan", f"{c.slug}-cpc-action-plan-appendix",
                   texts.action_plan(c.name, c.month), kind="action_plan", codes=c.codes)  # fmt: skip
        covering = Doc(title, f"{c.slug}-cpc-cover-report", (f"# {title}", *cover))
        return Item(title, cover, docs=(covering, report, plan))
    if v.evidence == "committee":
        body = texts.cpc_taken_place_committee_paper(c.name, c.dates)
        paper = Doc("LGA Corporate Peer Challenge - verbal update", f"{c.slug}-cpc-update", body,
                    kind="committee_paper", codes=c.codes)  # fmt: skip
        return Item("LGA Corporate Peer Challenge - update", body[1:2], docs=(paper,))
    if v.state == "no_cpc" and c.rng.random() < 0.3:
        body = texts.pre_challenge_notice(
            c.name, f"{c.rng.randint(2, 9)} – {c.rng.randint(10, 14)} March 2027"
        )
        return Item("LGA Corporate Peer Challenge", body[1:2],
                    docs=(Doc("LGA Corporate Peer Challenge", f"{c.slug}-cpc-notice", body),))  # fmt: skip
    return None


def _news(c: _Council) -> Site | None:
    """News releases on a news host or a news section; the CPC release when the route is news."""
    v = c.v
    if v.news == "none":
        return None
    releases: list[tuple[str, str, tuple[str, ...], tuple[Doc, ...]]] = []
    for t in c.rng.sample(NEWS_FILLER, c.rng.randint(6, 11)):
        date = f"{c.rng.randint(1, 28)} {c.rng.choice(MONTHS)} {c.rng.randint(2023, 2025)}"
        releases.append((t, date, (f"{t}. More details are on our website.",), ()))
    cpc_release = None
    if v.route == "news":
        title = c.rng.choice(NEWS_TITLES_CPC if v.news_title_says_cpc else NEWS_TITLES_PLAIN)
        body = (
            f"A team of peers from the Local Government Association (LGA) spent four days at {c.name} "
            f"in {c.month} for a Corporate Peer Challenge, and their feedback report is now published.",
            "The Leader said: \"The peer team's findings are a real endorsement of our staff, and we "
            'accept every recommendation."',
        )
        cpc_release = (title, f"{c.rng.randint(1, 28)} {c.rng.choice(MONTHS)} {c.year}", body)
    elif v.evidence == "news":
        title = f"Peer challenge team visits {c.name}"
        cpc_release = (title, f"{c.rng.randint(1, 28)} {c.rng.choice(MONTHS)} {c.year}",
                       texts.cpc_news_release(c.name, c.dates))  # fmt: skip
    if v.news in ("news_path", "newsroom_path"):
        label = v.news_label
        for t, date, paras, docs in releases:
            c.pages.append(PageSpec((label, t), t, paras, docs=docs, date=date))
        if cpc_release:
            title, date, body = cpc_release
            if v.route == "news":
                report = c.report_doc(title="Read the full report")
                c.pages.append(PageSpec((label, title), title, body, docs=(report,), date=date))
            else:
                c.pages.append(
                    PageSpec(
                        (label, title), title, body, date=date, kind="announcement", codes=c.codes
                    )
                )
        return None
    # a news subdomain, WordPress-shaped
    host = f"news.{c.domain}"
    site = Site(host=host)
    c.footer.append((v.news_label, f"http://{host}/"))
    items = [(t, d, p, None) for t, d, p, _ in releases]
    expected: list[ExpectedDoc] = []
    if cpc_release:
        title, date, body = cpc_release
        doc = None
        if v.route == "news":
            path = f"/wp-content/uploads/{c.year}/0{c.rng.randint(1, 9)}/{c.slug}-corporate-peer-challenge-report.pdf"
            doc = c.report_doc(path=path, title="Read the full report")
            site.add(path, doc.resource)
            expected.append(ExpectedDoc(site.url(path), "feedback_report", c.codes))
        items.insert(c.rng.randint(0, len(items)), (title, date, body, doc))
    per_page = 5
    listing = []
    for n, (t, d, p, doc) in enumerate(items):
        path = f"/{2024 - n // 4}/{(n % 12) + 1:02d}/{(n * 7) % 28 + 1:02d}/{slugify(t)}/"
        links = ""
        if doc is not None:
            links = f'<p><a href="{doc.path}">{doc.title}</a></p>'
        elif cpc_release and t == cpc_release[0]:
            expected.append(ExpectedDoc(site.url(path), "announcement", c.codes))
        body = "".join(f"<p>{x}</p>" for x in p)
        site.add(path, html(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{t} - {c.name} News</title>'
                            f'<meta name="generator" content="WordPress 6.4.3"></head><body class="single-post">'
                            f'<header><a href="/">{c.name} News</a> <a href="http://{c.host}/">Main website</a></header>'
                            f'<article><h1>{t}</h1><time>{d}</time>{body}{links}</article></body></html>'))  # fmt: skip
        listing.append((t, path, d))
    pages = [listing[i : i + per_page] for i in range(0, len(listing), per_page)]
    for i, chunk in enumerate(pages):
        nav = "".join(
            f'<a href="/page/{j + 1}/">{j + 1}</a> ' if j else '<a href="/">1</a> '
            for j in range(len(pages))
        )
        older = (
            f'<a class="next" href="/page/{i + 2}/">Older posts</a>' if i + 1 < len(pages) else ""
        )
        entries = "".join(
            f'<article><h2><a href="{u}">{t}</a></h2><time>{d}</time></article>'
            for t, u, d in chunk
        )
        body = html(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{c.name} News</title>'
                    f'<meta name="generator" content="WordPress 6.4.3"></head><body class="home blog">'
                    f'<header><a href="/">{c.name} News</a> <a href="http://{c.host}/">Main website</a>'
                    f'<form action="/" method="get"><input name="s"></form></header>'
                    f'<main>{entries}<nav>{nav}{older}</nav></main></body></html>')  # fmt: skip
        site.add("/" if i == 0 else f"/page/{i + 1}/", body)
    urls = "".join(f"<url><loc>http://{host}{u}</loc></url>" for _, u, _ in listing)
    site.add("/wp-sitemap.xml", Resource(
        body=f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://{host}/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>'.encode(),
        content_type="application/xml"))  # fmt: skip
    site.add("/wp-sitemap-posts-post-1.xml", Resource(
        body=f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
        content_type="application/xml"))  # fmt: skip
    site.add("/robots.txt", Resource(
        body=f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: http://{host}/wp-sitemap.xml\n".encode(),
        content_type="text/plain"))  # fmt: skip
    site.disallowed = ("/wp-admin/",)

    def search(query):
        words = (query.get("s") or [""])[0].lower().split()
        hits = [(t, u) for (t, d, p, _), (_, u, _) in zip(items, listing, strict=True)
                if words and all(w in " ".join((t, *p)).lower() for w in words)]  # fmt: skip
        entries = (
            "".join(f'<article><h2><a href="{u}">{t}</a></h2></article>' for t, u in hits)
            or "<p>Nothing found</p>"
        )
        return html(
            f"<html><head><title>Search results - {c.name} News</title></head><body>{entries}</body></html>"
        )

    site.handlers["/"] = search  # "/?s=..." (the plain "/" is a resource and wins)
    site.expected_docs = tuple(expected)
    return site


def _placement(c: _Council, web: VariedWeb) -> None:
    """Put the report (or the evidence of a CPC) where the variant says."""
    v = c.v
    if v.state == "cpc_no_report":
        if v.evidence == "hub_page":
            c.pages.append(
                PageSpec(
                    (*c.hub_trail, "Corporate Peer Challenge"),
                    "Corporate Peer Challenge",
                    (
                        f"In {c.month} we invited the Local Government Association (LGA) to carry out a "
                        f"Corporate Peer Challenge at {c.name}.",
                        "We will publish the peer team's feedback report and our action plan on this page "
                        "when we receive it.",
                    ),
                    kind="announcement",
                    codes=c.codes,
                )
            )
        return
    if v.state != "published" or v.route in ("committee", "news"):
        return  # committee and news placements are built with those systems
    if v.route == "lga_list":
        _lga_list(c, web)
        return
    title = v.landing_title.format(year=c.year, next=str(c.year + 1)[2:])
    paragraphs = c.landing_paragraphs()
    if title == "Council performance":
        paragraphs = (
            "How we are doing against the council plan, our annual report and independent reviews.",
            f"# Corporate Peer Challenge - {c.year}",
            *paragraphs,
        )
    orphan = v.route in ("search", "sitemap")
    indexed = v.indexed or v.route == "cdn"
    in_sitemap = v.route == "sitemap" or (v.route != "search" and indexed)
    searchable = v.route == "search" or (v.route != "sitemap" and indexed)
    trail = c.landing_trail(title)
    if orphan:
        trail = (f"{slugify(title)}-{c.year}",)
    if v.report_format == "html" and v.route in ("nav", "hub"):
        body = (
            texts.cpc_report_2019(c.name, c.dates)
            if c.year <= 2020
            else texts.cpc_report(c.name, c.dates)
        )
        c.pages.append(PageSpec((*trail, "Feedback report"), f"LGA Corporate Peer Challenge – {c.name}",
                                ("Feedback report: " + c.dates, *body), kind="feedback_report",
                                codes=c.codes, in_sitemap=in_sitemap, searchable=searchable))  # fmt: skip
        c.pages.append(PageSpec(trail, title, paragraphs, docs=(c.plan_doc(),),
                                in_sitemap=in_sitemap, searchable=searchable))  # fmt: skip
        return
    report = c.report_doc()
    plan = c.plan_doc()
    links: tuple[tuple[str, str], ...] = ()
    docs: tuple[Doc, ...] = (report, plan)
    if v.route == "cdn":
        cdn_host = v.cdn_host.format(s=c.slug, h=f"{number(c.name, 'cdn', lo=0, span=10**8):08x}")
        path = f"/{c.slug}/documents/{c.year}/{report.slug}.{report.ext}"
        if cdn_host.endswith("svdcdn.com"):
            path = f"/production/documents/{report.slug}.{report.ext}?dm={number(c.name, lo=10**9, span=10**9)}"
        cdn = Site(host=cdn_host)
        cdn.add(path, report.resource)
        cdn.expected_docs = (ExpectedDoc(cdn.url(path), "feedback_report", c.codes),)
        c.extra_sites.append(cdn)
        links = ((report.title, f"http://{cdn_host}{path}"),)
        docs = (plan,)
    elif v.link_spelling != "relative" or c.twin(report.path):
        # the report is linked as this council spells it, not in the CMS's document list
        path = report.path
        links = ((report.title, c.link(path)), *c.twin(path))
        docs = (plan,)
        c.main_additions.append(_serve_doc(report))
    c.pages.append(PageSpec(trail, title, paragraphs, docs=docs, links=links, orphan=orphan,
                            in_sitemap=in_sitemap, searchable=searchable))  # fmt: skip


def _serve_doc(doc: Doc):
    def add(site: Site) -> None:
        key = site.add(doc.path, doc.resource)
        site.expected_docs += (ExpectedDoc(site.url(key), doc.kind, doc.codes),)

    return add


def _lga_list(c: _Council, web: VariedWeb) -> None:
    """The report only on the LGA's list of reports published before 2021."""
    v = c.v
    report = c.report_doc(title="Corporate Peer Challenge feedback report")
    sub = f"Feedback report: {c.dates}"
    if v.lga_list == "pdf_on_lga":
        path = f"/sites/default/files/documents/{c.slug}-corporate-peer-challenge-{c.year}.pdf"
        report = Doc(report.title, report.slug, report.paragraphs, kind="feedback_report", codes=c.codes,
                     pdf_title=report.pdf_title, path=path)  # fmt: skip
        web.lga_files[path] = report.resource
        web.lga_expected.append(ExpectedDoc(f"http://{LGA_HOST}{path}", "feedback_report", c.codes))
        web.lga_older.append((c.name, path, sub))
        return
    c.main_additions.append(_serve_doc(report))
    if v.lga_list == "pdf_on_council":
        web.lga_older.append((c.name, f"http://{c.host}{report.path}", sub))
        return
    trail = (f"corporate-peer-challenge-{c.year}",)
    c.pages.append(PageSpec(trail, f"Corporate Peer Challenge {c.year}", c.landing_paragraphs(),
                            links=((report.title, report.path),), orphan=True, in_sitemap=False,
                            searchable=False))  # fmt: skip
    from .cms import STYLES as CMS_STYLES

    web.lga_older.append(
        (c.name, f"http://{c.host}{CMS_STYLES[v.cms].page_path(trail, True)}", sub)
    )
