"""Committee systems as councils run them: modern.gov and CMIS, mounted on any host and path.

``add_moderngov`` and ``add_cmis`` add a whole committee system to a :class:`Site` under a path
prefix ("" for a host of its own such as democracy.<council>.gov.uk, "/moderngov" for a
sub-directory mount). Both serve the navigation chain of the real product, so a crawler has to
walk it to reach the papers:

- modern.gov: ``ieDocHome.aspx`` -> ``mgListCommittees.aspx`` -> ``mgCommitteeDetails.aspx?ID=``
  -> ``ieListMeetings.aspx?CommitteeId=`` -> ``ieListDocuments.aspx?CId=&MId=`` -> the item's
  ``documents/s<id>/<Title>.pdf``, its ``mgIssueHistoryHome.aspx?IId=`` and the printed pack
  ``mgConvert2PDF.aspx?ID=``; also ``mgCalendarMonthView.aspx`` and the document search
  ``ieSearchResults2.aspx?SS=`` (the endpoint that answers a plain GET).
- CMIS: ``/CMIS5/`` -> ``Committees.aspx`` -> committee details
  (``Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/<cid>/Default.aspx``) -> meeting
  (``Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/<mid>/Committee/<cid>/Default.aspx``)
  -> ``Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=<token>&...`` (opaque, percent-encoded
  query names, as captured from Derby's and Harborough's CMIS).

Pages that take a query are handlers keyed on their path, so a crawler that reorders or
re-encodes the query still gets the page.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from urllib.parse import quote

from . import documents
from .cms import Doc, number, render
from .model import NOT_FOUND, ExpectedDoc, Resource, Site, html, redirect


@dataclass(frozen=True)
class Item:
    """One agenda item: a title, its report's summary and its documents (appendices)."""

    title: str
    paragraphs: tuple[str, ...] = ()
    docs: tuple[Doc, ...] = ()


@dataclass(frozen=True)
class Sitting:
    """One meeting of one committee."""

    committee: str
    date: str  # "12 March 2024"
    items: tuple[Item, ...]


def _missing() -> Resource:
    return NOT_FOUND


@lru_cache(maxsize=64)
def _pack(title: str, paragraphs: tuple[str, ...]) -> Resource:
    body = documents.pdf_bytes(title, paragraphs, author="Democratic Services")
    return Resource(body=body, content_type="application/pdf")


def _expected(site: Site, key: str, doc: Doc) -> list[ExpectedDoc]:
    return [ExpectedDoc(site.url(key), doc.kind, doc.codes)] if doc.kind and doc.codes else []


def _group(sittings: tuple[Sitting, ...]) -> dict[str, list[Sitting]]:
    committees: dict[str, list[Sitting]] = {}
    for sitting in sittings:
        committees.setdefault(sitting.committee, []).append(sitting)
    return committees


def _one(query: Mapping[str, list[str]], *names: str) -> str:
    """The first value of the first of ``names`` present, case-insensitively (IIS is)."""
    lowered = {k.lower(): v for k, v in query.items()}
    for name in names:
        if lowered.get(name.lower()):
            return lowered[name.lower()][0]
    return ""


# --- modern.gov -------------------------------------------------------------------------------


def add_moderngov(
    site: Site, prefix: str, council: str, council_url: str, sittings: tuple[Sitting, ...]
) -> list[ExpectedDoc]:
    """Serve a modern.gov installation at ``prefix`` of ``site``; returns the expected documents."""
    base = {"council": council, "council_url": council_url}

    def page(title: str, paragraphs=(), links=(), docs=()) -> Resource:
        body = render(
            "moderngov.html.j2", title=title, paragraphs=paragraphs, links=links, docs=docs, **base
        )
        return html(body)

    expected: list[ExpectedDoc] = []
    committees = _group(sittings)
    cids = {name: number("mg-committee", council, name, lo=100, span=900) for name in committees}
    details: dict[str, Resource] = {}
    listings: dict[str, Resource] = {}
    agendas: dict[tuple[str, str], Resource] = {}
    issues: dict[str, Resource] = {}
    packs: dict[str, Callable[[], Resource]] = {}  # rendered on request: PDFs are slow to make
    searchable: list[tuple[str, str, str]] = []  # (text, link text, link)
    calendar: list[tuple[str, str]] = []
    for name, meetings in committees.items():
        cid = str(cids[name])
        details[cid] = page(
            name,
            (f"The {name} of {council}.", "Contact: Democratic Services."),
            links=[
                ("Browse meetings and agendas for this committee", f"ieListMeetings.aspx?CommitteeId={cid}"),
                ("Committee structure", "mgListCommittees.aspx"),
            ],
        )  # fmt: skip
        meeting_links = []
        for sitting in meetings:
            mid = str(number("mg-meeting", council, name, sitting.date, lo=1000, span=9000))
            agenda = f"ieListDocuments.aspx?CId={cid}&MId={mid}"
            meeting_links.append((f"{sitting.date} 6.30 pm", agenda))
            calendar.append((f"{name}, {sitting.date}", agenda))
            item_links: list[tuple[str, str]] = []
            docs: list[tuple[str, str]] = []
            pack: list[str] = [f"# {name} - {sitting.date}", "Agenda"]
            for n, item in enumerate(sitting.items, 1):
                iid = str(
                    number(
                        "mg-issue", council, name, sitting.date, item.title, lo=10000, span=80000
                    )
                )
                item_links.append((f"{n}. {item.title}", f"mgIssueHistoryHome.aspx?IId={iid}"))
                pack += [f"# {n}. {item.title}", *item.paragraphs]
                item_docs = []
                for doc in item.docs:
                    path = f"documents/s{number('mg-doc', council, doc.slug, lo=1000, span=90000)}/{quote(doc.title)}.pdf"
                    key = site.add(f"{prefix}/{path}", doc.resource)
                    expected += _expected(site, key, doc)
                    item_docs.append((path, doc.title))
                    docs.append((path, doc.title))
                issues[iid] = page(
                    f"Issue - items at meetings - {item.title}",
                    (f"Meeting: {sitting.date} - {name} (Item {n})", *item.paragraphs),
                    links=[(f"Meeting of {name}, {sitting.date}", agenda)],
                    docs=item_docs,
                )
                searchable.append((" ".join((item.title, *item.paragraphs, *(d.title for d in item.docs))),
                                   item.title, f"mgIssueHistoryHome.aspx?IId={iid}"))  # fmt: skip
            pack_id = str(int(mid) * 10)
            packs[pack_id] = partial(_pack, f"Agenda - {name}", tuple(pack))
            agendas[(cid, mid)] = page(
                f"Agenda for {name} on {sitting.date}, 6.30 pm",
                ("Venue: Council Chamber, Town Hall",),
                links=[
                    *item_links,
                    ("Agenda reports pack", f"mgConvert2PDF.aspx?ID={pack_id}&T=10"),
                ],
                docs=docs,
            )
        listings[cid] = page(f"Browse meetings - {name}", links=meeting_links)

    def by(table, *names):
        return lambda q: table.get(_one(q, *names), NOT_FOUND)

    site.handlers[f"{prefix}/mgCommitteeDetails.aspx"] = by(details, "ID")
    site.handlers[f"{prefix}/ieListMeetings.aspx"] = by(listings, "CommitteeId", "CId")
    site.handlers[f"{prefix}/ieListDocuments.aspx"] = lambda q: agendas.get(
        (_one(q, "CId"), _one(q, "MId")), NOT_FOUND
    )
    site.handlers[f"{prefix}/mgIssueHistoryHome.aspx"] = by(issues, "IId")
    site.handlers[f"{prefix}/mgConvert2PDF.aspx"] = lambda q: packs.get(_one(q, "ID"), _missing)()

    def search(query: Mapping[str, list[str]]) -> Resource:
        words = _one(query, "SS").lower().split()
        hits = [
            (t, u) for text, t, u in searchable if words and all(w in text.lower() for w in words)
        ]
        found = [f"{len(hits)} results found."] if hits else ["No results found."]
        return page(f"Search results for '{_one(query, 'SS')}'", found, links=hits)

    site.handlers[f"{prefix}/ieSearchResults2.aspx"] = search
    site.add(
        f"{prefix}/mgListCommittees.aspx",
        page("Committee structure", links=[(n, f"mgCommitteeDetails.aspx?ID={cids[n]}") for n in committees]),
    )  # fmt: skip
    site.add(f"{prefix}/mgCalendarMonthView.aspx", page("Calendar", links=calendar))
    home = page(
        "Committee meetings",
        (f"Welcome to the committee pages of {council}.",),
        links=[
            ("Committee structure", "mgListCommittees.aspx"),
            ("Calendar", "mgCalendarMonthView.aspx"),
            ("Search documents", "ieDocSearch.aspx"),
        ],
    )
    site.handlers[f"{prefix}/ieDocHome.aspx"] = lambda q: home
    site.add(
        f"{prefix}/ieDocSearch.aspx",
        html(
            f"<html><head><title>Search documents - {council}</title></head><body>"
            f'<form action="ieSearchResults2.aspx" method="get"><input name="SS">'
            f'<input type="hidden" name="DT" value="3"><button>Search</button></form></body></html>'
        ),
    )
    site.add(f"{prefix}/" if prefix else "/", redirect(f"{prefix}/ieDocHome.aspx"))
    return expected


# --- CMIS -------------------------------------------------------------------------------------

#: The opaque query names CMIS5 puts on every Document.ashx link (percent-encoded as served).
CMIS_DOC_QUERY = (
    "czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo={token}"
    "&rUzwRPf%2bZ3zd4E7Ikn8Lyw%3d%3d={check}"
    "&mCTIbCubSFfXsDGW9IXnlg%3d%3d=hFflUdN3100%3d"
)


def _token(*parts: str) -> str:
    raw = str(number("cmis-doc", *parts, lo=10**6, span=9 * 10**6)).encode() + b"\xfb\xff"
    return quote(base64.b64encode(raw).decode(), safe="")


def add_cmis(
    site: Site, prefix: str, council: str, council_url: str, sittings: tuple[Sitting, ...]
) -> list[ExpectedDoc]:
    """Serve a CMIS5 installation at ``prefix`` (e.g. "/CMIS5") of ``site``."""

    def page(title: str, paragraphs=(), links=(), rows=()) -> Resource:
        row_html = "".join(
            f'<tr class="CMIS_Grid_RowStyle"><td>{n}</td><td><a href="{u}">{t}</a></td>'
            f"<td>Public Document</td><td>{kb} Kb</td></tr>"
            for n, (t, u, kb) in enumerate(rows, 1)
        )
        body = (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - {council} - CMIS</title>'
            '<meta name="generator" content="DotNetNuke"></head><body class="CMIS">'
            f'<div id="dnn_ctr_Header"><a href="{prefix}/Home.aspx">Home</a> | <a href="{prefix}/Meetings.aspx">Meetings</a>'
            f' | <a href="{prefix}/Committees.aspx">Committees</a> | <a href="{prefix}/Search.aspx">Search</a></div>'
            f"<h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + ("<ul>" + "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in links) + "</ul>" if links else "")
            + (f'<table class="CMIS_Grid">{row_html}</table>' if rows else "")
            + f'<p><a href="{council_url}">{council} website</a></p></body></html>'
        )  # fmt: skip
        return html(body)

    expected: list[ExpectedDoc] = []
    files: dict[str, Resource] = {}
    committees = _group(sittings)
    recent = []
    committee_links = []
    for name, meetings in committees.items():
        cid = number("cmis-committee", council, name, lo=10, span=400)
        meeting_links = []
        for sitting in meetings:
            mid = number("cmis-meeting", council, name, sitting.date, lo=1000, span=9000)
            path = f"{prefix}/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/{mid}/Committee/{cid}/Default.aspx"
            meeting_links.append((f"{name} - {sitting.date}", path))
            recent.append((f"{sitting.date} - {name}", path))
            rows = []
            paragraphs = ["Venue: Council Chamber"]
            for n, item in enumerate(sitting.items, 1):
                paragraphs.append(f"{n}. {item.title}")
                paragraphs += list(item.paragraphs[:1])
                for doc in item.docs:
                    token = _token(council, doc.slug)
                    query = CMIS_DOC_QUERY.format(
                        token=token, check=_token("check", council, doc.slug)
                    )
                    files[base64.b64decode(_unquote(token)).hex()] = doc.resource
                    target = f"{prefix}/Document.ashx?{query}"
                    rows.append((doc.title, target, doc.size_kb))
                    expected += _expected(site, f"{prefix}/Document.ashx?{query}", doc)
            site.add(path, page(f"{name} - {sitting.date}", paragraphs, rows=rows))
        details = f"{prefix}/Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/{cid}/Default.aspx"
        site.add(details, page(name, (f"Meetings of the {name}.",), links=meeting_links))
        committee_links.append((name, details))

    def document(query: Mapping[str, list[str]]) -> Resource:
        token = _one(query, "czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo")
        try:
            return files.get(base64.b64decode(token).hex(), _missing)()
        except ValueError:
            return NOT_FOUND

    site.handlers[f"{prefix}/Document.ashx"] = document
    site.add(f"{prefix}/Committees.aspx", page("Committees", links=committee_links))
    site.add(
        f"{prefix}/Meetings.aspx",
        page("Meetings", ("Recent and forthcoming meetings.",), links=recent),
    )
    site.add(f"{prefix}/Search.aspx", page("Search", ("Search needs the form on this page.",)))
    home = page(
        "Home",
        (f"Committee meetings, agendas, reports and minutes of {council}.",),
        links=[
            ("Meetings", f"{prefix}/Meetings.aspx"),
            ("Committees", f"{prefix}/Committees.aspx"),
        ],
    )
    site.add(f"{prefix}/Home.aspx", home)
    site.add(f"{prefix}/", redirect(f"{prefix}/Home.aspx"))
    site.add(prefix, redirect(f"{prefix}/Home.aspx"))
    return expected


def _unquote(token: str) -> str:
    from urllib.parse import unquote

    return unquote(token)


def committee_robots(site: Site) -> None:
    """The robots.txt of a host that serves only a committee system: everything allowed."""
    site.add("/robots.txt", Resource(body=b"User-agent: *\nAllow: /\n", content_type="text/plain"))
