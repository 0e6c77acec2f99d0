"""Small hand-made council sites, one per discovery route, served by the fixture server.

Each council publishes its CPC report (or nothing) in exactly one place the crawl must reach
by one route: committee papers only (modern.gov chain from a "Committee meetings" link on the
council hub; CMIS from "Meetings, agendas and minutes"), a news release on the news host, a PDF
on a CDN host, a Liferay document URL, an orphan page listed only in a gzipped sitemap that
only robots.txt announces, and the LGA's "published before 2021" list (a PDF on the LGA host
and a link to the council's own page). Others show nothing (JavaScript app shell, consent wall,
a bare page: unknown with the reason), or honestly nothing CPC (no_cpc, coverage met).
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from db.bootstrap import init_path
from db.connection import open_db
from db.importer import apply_overrides, parse_overrides
from scraper.testweb import documents, texts
from scraper.testweb.lga import HOST as LGA_HOST
from scraper.testweb.lga import INDEX as LGA_INDEX
from scraper.testweb.lga import OLDER_LIST, build_lga_site
from scraper.testweb.model import Resource, Site, html
from scraper.testweb.server import FixtureServer

DATES = "9 – 12 July 2024"


@dataclass
class Council:
    code: str
    name: str
    host: str
    verdict: str
    reason: str | None = None
    report: str | None = None  # URL of the feedback report the crawl must find
    sites: list[Site] = field(default_factory=list)


def page(title: str, *paragraphs: str, links=(), nav=(), search: str | None = None) -> Resource:
    menu = "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in nav)
    form = (
        f'<form action="{search}" method="get" role="search"><input type="search" name="q">'
        "<button>Search</button></form>"
        if search
        else ""
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    items = "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in links)
    return html(
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><header>{form}<nav class='main-nav'><ul>{menu}</ul></nav></header>"
        f"<main><h1>{title}</h1>{body}<ul>{items}</ul></main>"
        "<footer><a href='/contact'>Contact us</a></footer></body></html>"
    )


def pdf(title: str, council: str) -> Resource:
    body = documents.pdf_bytes(title, texts.cpc_report(council, DATES))
    return Resource(body=body, content_type="application/pdf")


def report_page(council: str) -> Resource:
    return page(
        f"LGA Corporate Peer Challenge – {council}",
        f"Feedback report: {DATES}",
        *[p.lstrip("# ") for p in texts.cpc_report(council, DATES)],
    )


def _search(site: Site, path: str = "/search") -> None:
    site.handlers[path] = lambda q: page("Search results", "No results found.")


def _home(site: Site, name: str, nav, *, search: bool = True, extra=()) -> None:
    site.add("/", page(name, f"Welcome to {name}.", links=extra, nav=nav, search="/search"))
    if search:
        _search(site)
    site.add("/contact", page("Contact us", "Call us."))
    site.add("/bins", page("Bins and recycling", "Find your collection day."))


def committee_only() -> Council:
    """modern.gov on democracy.<council>: hub -> "Committee meetings" -> the papers."""
    name, host = "Comby District Council", "www.comby.gov.uk"
    site, mg = Site(host), Site("democracy.comby.gov.uk")
    nav = (("Bins", "/bins"), ("Council and democracy", "/council-and-democracy"))
    _home(site, name, nav)
    site.add(
        "/council-and-democracy",
        page(
            "Council and democracy",
            "How the council works.",
            links=(("Committee meetings", "http://democracy.comby.gov.uk/ieDocHome.aspx"),),
            nav=nav,
        ),
    )
    doc = "/documents/s4521/" + quote("Appendix 1 - LGA peer team feedback.pdf")
    mg.add(
        "/ieDocHome.aspx",
        page("Committee meetings", links=(("Committee structure", "mgListCommittees.aspx"),)),
    )
    mg.add("/mgListCommittees.aspx", page("Committee structure", links=(("Licensing Committee", "mgCommitteeDetails.aspx?ID=7"), ("Cabinet", "mgCommitteeDetails.aspx?ID=3"))))  # fmt: skip
    mg.add("/mgCommitteeDetails.aspx?ID=3", page("Cabinet", links=(("Browse meetings and agendas for this committee", "ieListMeetings.aspx?CommitteeId=3"),)))  # fmt: skip
    mg.add("/mgCommitteeDetails.aspx?ID=7", page("Licensing Committee"))
    mg.add("/ieListMeetings.aspx?CommitteeId=3", page("Browse meetings - Cabinet", links=(("10 Sep 2024 6.30 pm", "ieListDocuments.aspx?CId=3&MId=88"),)))  # fmt: skip
    mg.add("/ieListDocuments.aspx?CId=3&MId=88", page("Agenda for Cabinet on 10 September 2024", "Item 5: Feedback from the peer team.", links=(("Appendix 1 (PDF)", doc.lstrip("/")),)))  # fmt: skip
    mg.add(doc, pdf("Appendix 1", name))
    return Council("CMB", name, host, "published", report=f"http://democracy.comby.gov.uk{doc}", sites=[site, mg])  # fmt: skip


def cmis_only() -> Council:
    """CMIS under /CMIS5 on the council's own host, from "Meetings, agendas and minutes"."""
    name, host = "Cmisby Borough Council", "www.cmisby.gov.uk"
    site = Site(host)
    nav = (("Bins", "/bins"), ("Meetings, agendas and minutes", "/CMIS5/Committees.aspx"))
    _home(site, name, nav)
    details = "/CMIS5/Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/12/Default.aspx"
    meeting = "/CMIS5/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/4411/Committee/12/Default.aspx"  # fmt: skip
    doc = "/CMIS5/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=Q2x6b&mCTIbCubSFfXsDGW9IXnlg%3d%3d=hFflUdN3100%3d"  # fmt: skip
    site.add("/CMIS5/Committees.aspx", page("Committees", links=(("Cabinet", details),)))
    site.add(details, page("Cabinet", links=(("Cabinet - 3 October 2024", meeting),)))
    site.add(meeting, page("Cabinet - 3 October 2024", "4. Peer team feedback", links=(("Appendix A", doc),)))  # fmt: skip
    site.add(doc, pdf("Appendix A", name))
    return Council("CMS", name, host, "published", report=f"http://{host}{doc}", sites=[site])


def news_only() -> Council:
    """A release on news.<council> whose title does not say "peer challenge"."""
    name, host = "Newsby District Council", "www.newsby.gov.uk"
    site, news = Site(host), Site("news.newsby.gov.uk")
    _home(site, name, (("Bins", "/bins"), ("News", "http://news.newsby.gov.uk/")))
    release = "/2024/10/peers-praise-newsby"
    doc = "/wp-content/uploads/2024/10/newsby-feedback.pdf"
    news.add("/", page("Newsroom", links=(("Peers praise Newsby's ambition", release), ("New bins", "/2024/09/bins"))))  # fmt: skip
    news.add(release, page("Peers praise Newsby's ambition", "A team of peers visited in July.", links=(("Read the team's feedback (PDF)", doc),)))  # fmt: skip
    news.add(doc, pdf("Feedback", name))
    return Council("NWS", name, host, "published", report=f"http://news.newsby.gov.uk{doc}", sites=[site, news])  # fmt: skip


def cdn_hosted() -> Council:
    """The council's page links the report on an object store: that file only is fetched."""
    name, host = "Cdnby District Council", "www.cdnby.gov.uk"
    site, cdn = Site(host), Site("cdnby-assets.s3.eu-west-2.amazonaws.com")
    _home(
        site, name, (("Bins", "/bins"), ("Corporate peer challenge", "/corporate-peer-challenge"))
    )
    doc = "http://cdnby-assets.s3.eu-west-2.amazonaws.com/uploads/cpc-feedback-report.pdf"
    site.add("/corporate-peer-challenge", page("Corporate peer challenge", "We had a corporate peer challenge in July 2024.", links=(("LGA corporate peer challenge feedback report (PDF)", doc),)))  # fmt: skip
    cdn.add("/uploads/cpc-feedback-report.pdf", pdf("Feedback report", name))
    cdn.add("/uploads/other.pdf", pdf("Other", name))
    return Council("CDN", name, host, "published", report=doc, sites=[site, cdn])


def cdn_hosted_without_extension() -> Council:
    """The report on an object store under a key without a file extension: only the landing
    page's structure (a "(PDF, 1.2 MB)" link labelled as the report) says it is a file."""
    name, host = "Keyby District Council", "www.keyby.gov.uk"
    site, cdn = Site(host), Site("d4keyby.cloudfront.net")
    _home(site, name, (("Bins", "/bins"), ("Corporate peer challenge", "/corporate-peer-challenge")))  # fmt: skip
    doc = "http://d4keyby.cloudfront.net/uploads/7f3e2a91c0b4"
    site.add("/corporate-peer-challenge", page("Corporate peer challenge", "We had a corporate peer challenge in July 2024.", links=(("Peer challenge feedback report (PDF, 1.2 MB)", doc),)))  # fmt: skip
    cdn.add("/uploads/7f3e2a91c0b4", pdf("Feedback report", name))
    return Council("CDX", name, host, "published", report=doc, sites=[site, cdn])


def liferay_document() -> Council:
    """Liferay: the PDF's URL ends in a UUID; the page linking it is a landing page."""
    name, host = "Lifby Borough Council", "www.lifby.gov.uk"
    site = Site(host)
    _home(site, name, (("Bins", "/bins"), ("Peer challenge", "/peer-challenge")))
    doc = "/documents/20142/1203/CPC+feedback+report.pdf/0a1b2c3d-4e5f-6789-abcd-ef0123456789?t=1719"  # fmt: skip
    site.add("/peer-challenge", page("Corporate peer challenge", "The LGA corporate peer challenge took place in July 2024.", links=(("Feedback report", doc),)))  # fmt: skip
    site.add(doc, pdf("Feedback report", name))
    return Council("LIF", name, host, "published", report=f"http://{host}{doc}", sites=[site])


def gz_sitemap_only() -> Council:
    """An orphan report page listed only in a gzipped sitemap announced in robots.txt."""
    name, host = "Gzby District Council", "www.gzby.gov.uk"
    site = Site(host)
    _home(site, name, (("Bins", "/bins"),), search=False)
    orphan = "/performance/lga-corporate-peer-challenge-2024"
    site.add(orphan, report_page(name))
    urlset = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>http://{host}{orphan}</loc></url><url><loc>http://{host}/bins</loc></url></urlset>"
    )  # fmt: skip
    site.add("/maps/site.xml.gz", Resource(body=gzip.compress(urlset.encode()), content_type="application/gzip"))  # fmt: skip
    site.add("/robots.txt", Resource(body=f"User-agent: *\nDisallow: /admin/\nSitemap: http://{host}/maps/site.xml.gz\n".encode(), content_type="text/plain"))  # fmt: skip
    return Council("GZB", name, host, "published", report=f"http://{host}{orphan}", sites=[site])


def lga_older_list() -> tuple[Council, Council]:
    """The LGA's pre-2021 list: a PDF on the LGA's host, and a link to a council's own page."""
    old = Council("OLD", "Oldby District Council", "www.oldby.gov.uk", "published", report=f"http://{LGA_HOST}/sites/default/files/documents/oldby-cpc-2019.pdf")  # fmt: skip
    link = Council("OLK", "Oldlink Borough Council", "www.oldlink.gov.uk", "published", report="http://www.oldlink.gov.uk/about/peer-review-2018")  # fmt: skip
    for council in (old, link):
        site = Site(council.host)
        _home(site, council.name, (("Bins", "/bins"), ("Your council", "/about")))
        site.add("/about", page("Your council", "About the council.", nav=(("Bins", "/bins"),)))
        council.sites.append(site)
    link.sites[0].add("/about/peer-review-2018", report_page(link.name))
    return old, link


def javascript_only() -> Council:
    site = Site("www.jsby.gov.uk")
    shell = html(
        '<!DOCTYPE html><html><head><title>Jsby</title><script defer src="/static/main.js">'
        "</script></head><body><noscript>You need to enable JavaScript to run this app."
        '</noscript><div id="root"></div></body></html>'
    )
    site.override, site.override_except = shell, frozenset({"/robots.txt"})
    return Council("JSB", "Jsby District Council", site.host, "unknown", "javascript_required", sites=[site])  # fmt: skip


def consent_wall() -> Council:
    site = Site("www.cookieby.gov.uk")
    wall = html(
        "<!DOCTYPE html><html><head><title>Cookies on Cookieby</title></head><body><main>"
        "<h1>Cookies on Cookieby District Council</h1><p>We use some essential cookies to make "
        "this website work.</p><p>You need to accept or reject additional cookies before you can "
        'continue.</p><form method="post" action="/cookie-consent"><button name="c" value="a">'
        "Accept additional cookies</button><button>Reject additional cookies</button></form>"
        "</main></body></html>"
    )
    site.override, site.override_except = wall, frozenset({"/robots.txt"})
    return Council("CKB", "Cookieby District Council", site.host, "unknown", "consent_wall", sites=[site])  # fmt: skip


def bare() -> Council:
    """A home page with no search, no sitemap, no menu: nothing to earn a negative verdict."""
    site = Site("www.bareby.gov.uk")
    site.add("/", page("Bareby District Council", "Welcome. Our offices are open 9 to 5."))
    return Council("BRE", "Bareby District Council", site.host, "unknown", "shallow_check", sites=[site])  # fmt: skip


def honest_nothing() -> Council:
    """Search, a council hub without a committee system, no CPC anywhere: no_cpc, earned."""
    name, host = "Nilby District Council", "www.nilby.gov.uk"
    site = Site(host)
    nav = (("Bins", "/bins"), ("Your council", "/your-council"))
    _home(site, name, nav)
    site.add("/your-council", page("Your council", "Our councillors and budget.", links=(("Budget 2025", "/your-council/budget"),), nav=nav))  # fmt: skip
    site.add("/your-council/budget", page("Budget 2025", "The council's budget."))
    return Council("NIL", name, host, "no_cpc", sites=[site])


def cmis_from_a_footer_hub() -> Council:
    """CMIS on cmis.<council>, linked ("Council meetings") only from a council hub three clicks
    from the home page by its footer; Cabinet, which took the report, is the last of many
    committees, and its meetings are linked by their dates."""
    name, host, cmis = "Footby District Council", "www.footby.gov.uk", "cmis.footby.gov.uk"
    site, system = Site(host), Site(cmis)
    site.add("/", html(
        f"<!DOCTYPE html><html><head><title>{name}</title></head><body><header><nav><ul>"
        "<li><a href='/bins'>Bins</a></li><li><a href='/parking'>Parking</a></li></ul></nav></header>"
        f"<main><h1>{name}</h1><p>Welcome.</p></main><footer><a href='/about-us'>About us</a> "
        "<a href='/contact'>Contact us</a></footer></body></html>"))  # fmt: skip
    site.add("/bins", page("Bins", "Find your collection day."))
    site.add("/parking", page("Parking", "Car parks and permits."))
    site.add("/contact", page("Contact us", "Call us."))
    site.add("/about-us", page("About us", "About the district.", links=(("Governance", "/about-us/governance"),)))  # fmt: skip
    site.add("/about-us/governance", page("Governance", "How we are governed.", links=(("Council and democracy", "/about-us/governance/council-and-democracy"),)))  # fmt: skip
    site.add("/about-us/governance/council-and-democracy", page("Council and democracy", "How decisions are made.", links=(("Council meetings", f"http://{cmis}/CMIS5/Committees.aspx"),)))  # fmt: skip
    committees = ("Audit Committee", "Licensing Committee", "Planning Committee",
                  "Standards Committee", "Overview and Scrutiny Committee", "Cabinet")  # fmt: skip
    details = "/CMIS5/Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/{}/Default.aspx"
    meeting = "/CMIS5/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/{}/Committee/{}/Default.aspx"  # fmt: skip
    doc = "/CMIS5/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=Rm9vdA&mCTIbCubSFfXsDGW9IXnlg%3d%3d=hFflUdN3100%3d"  # fmt: skip
    system.add("/CMIS5/Committees.aspx", page("Committees", links=tuple((c, details.format(n)) for n, c in enumerate(committees, 20))))  # fmt: skip
    for n, committee in enumerate(committees, 20):
        dates = ("4 March 2025", "2 December 2024", "3 October 2024")
        system.add(details.format(n), page(committee, links=tuple((d, meeting.format(100 * n + i, n)) for i, d in enumerate(dates))))  # fmt: skip
        for i, d in enumerate(dates):
            links = (("Minutes of the previous meeting", f"/CMIS5/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=m{n}{i}"),)  # fmt: skip
            if committee == "Cabinet" and i == 2:
                links = (("Appendix A", doc),)
            system.add(meeting.format(100 * n + i, n), page(f"{committee} - {d}", "1. Apologies for absence", links=links))  # fmt: skip
    system.add(doc, pdf("Appendix A", name))
    return Council(
        "CMF", name, host, "published", report=f"http://{cmis}{doc}", sites=[site, system]
    )


def cms_meeting_pages() -> Council:
    """Committee meetings as pages of the main CMS, under a hub three clicks deep: the report
    is a file on one Cabinet meeting's page, seven links from the home page."""
    name, host = "Meetby Borough Council", "www.meetby.gov.uk"
    site = Site(host)
    nav = (("Bins", "/bins"), ("Council", "/council"))
    _home(site, name, nav, search=False)
    hub = "/council/structure/council-and-democracy"
    site.add("/council", page("Council", "The council.", links=(("Council structure", "/council/structure"),), nav=nav))  # fmt: skip
    site.add("/council/structure", page("Council structure", "Our structure.", links=(("Council and democracy", hub),), nav=nav))  # fmt: skip
    site.add(hub, page("Council and democracy", "How decisions are made.", links=(("Committee meetings", f"{hub}/committee-meetings"),), nav=nav))  # fmt: skip
    committees = ("Planning Committee", "Licensing Committee", "Audit Committee", "Cabinet")
    site.add(f"{hub}/committee-meetings", page("Committee meetings", links=tuple((c, f"{hub}/committee-meetings/{c.lower().replace(' ', '-')}") for c in committees), nav=nav))  # fmt: skip
    doc = "/sites/default/files/2024-10/appendix-1.pdf"
    for committee in committees:
        slug = f"{hub}/committee-meetings/{committee.lower().replace(' ', '-')}"
        dates = ("4 March 2025", "2 December 2024", "3 October 2024", "1 July 2024")
        site.add(slug, page(committee, links=tuple((f"{committee} - {d}", f"{slug}/{d.lower().replace(' ', '-')}") for d in dates), nav=nav))  # fmt: skip
        for d in dates:
            links = (("Appendix 1 - LGA Corporate Peer Challenge feedback report", doc),) if (committee, d) == ("Cabinet", "1 July 2024") else ()  # fmt: skip
            site.add(f"{slug}/{d.lower().replace(' ', '-')}", page(f"{committee} - {d}", "1. Apologies for absence", links=links, nav=nav))  # fmt: skip
    site.add(doc, pdf("Appendix 1", name))
    return Council("CMP", name, host, "published", report=f"http://{host}{doc}", sites=[site])


def no_news_section() -> Council:
    """No site search, no sitemap, no news section (and nothing at /news): the council hub and
    the menus are all there is, and were read, so no_cpc is earned."""
    name, host = "Quietby District Council", "www.quietby.gov.uk"
    site = Site(host)
    nav = (("Bins", "/bins"), ("Parking", "/parking"), ("The council", "/the-council"))
    _home(site, name, nav, search=False)
    site.add("/parking", page("Parking", "Car parks.", nav=nav))
    site.add("/the-council", page("The council", "Our councillors and budget.", links=(("Budget 2025", "/the-council/budget"),), nav=nav))  # fmt: skip
    site.add("/the-council/budget", page("Budget 2025", "The council's budget.", nav=nav))
    return Council("QUI", name, host, "no_cpc", sites=[site])


def build() -> list[Council]:
    return [
        committee_only(),
        cmis_only(),
        news_only(),
        cdn_hosted(),
        cdn_hosted_without_extension(),
        liferay_document(),
        gz_sitemap_only(),
        *lga_older_list(),
        javascript_only(),
        consent_wall(),
        bare(),
        honest_nothing(),
        cmis_from_a_footer_hub(),
        cms_meeting_pages(),
        no_news_section(),
    ]


def lga_site() -> Site:
    """The fixture LGA with an empty index and a pre-2021 list of a PDF and a council link."""
    site = build_lga_site(())
    pdf_path = "/sites/default/files/documents/oldby-cpc-2019.pdf"
    site.add(pdf_path, pdf("Corporate Peer Challenge", "Oldby District Council"))
    site.add(
        OLDER_LIST,
        page(
            "Outcomes: peer challenge reports",
            "Councils can choose the timing of publication of their peer challenge reports.",
            links=(
                ("Oldby District Council (PDF)", pdf_path),
                ("Oldlink Borough Council", "http://www.oldlink.gov.uk/about/peer-review-2018"),
            ),
        ),
    )
    return site


class DiscoveryWeb:
    """The councils above and the LGA behind the fixture proxy."""

    def __init__(self) -> None:
        self.councils = build()
        self.server = FixtureServer(slow_seconds=5)
        self.server.set_sites([s for c in self.councils for s in c.sites] + [lga_site()])

    def __enter__(self) -> DiscoveryWeb:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()

    def crawl(self, tmp: Path) -> Path:
        db_path = tmp / "peerwatch.db"
        init_path(db_path)
        register = tmp / "register.csv"
        register.write_text(
            "code,name,website\n"
            + "".join(f"{c.code},{c.name},http://{c.host}/\n" for c in self.councils)
        )
        db = open_db(db_path)
        apply_overrides(db, parse_overrides(register), source_file=str(register))
        db.close()
        codes = [a for c in self.councils for a in ("--council", c.code)]
        command = [
            sys.executable, "-m", "monitor.cli", "--db", str(db_path), "crawl",
            "--proxy", f"http://127.0.0.1:{self.server.port}",
            "--lga-index-url", f"http://{LGA_HOST}{LGA_INDEX}",
            "--timeout", "3", "--retry-times", "0", "--no-throttle", *codes,
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr[-3000:]
        return db_path
