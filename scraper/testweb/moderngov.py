"""modern.gov committee sites: committees, meetings, agenda items, decisions and report PDFs.

URL shapes follow the real product: ``mgListCommittees.aspx``, ``ieListMeetings.aspx?CId=``,
``ieListDocuments.aspx?CId=&MId=``, ``mgAi.aspx?ID=``, ``ieDecisionDetails.aspx?AIId=``,
``documents/s<id>/<Title>.pdf`` (relative links, titles with spaces) and the printed agenda pack
``mgConvert2PDF.aspx?ID=<id>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from . import documents
from .cms import Doc, number, render
from .model import ExpectedDoc, Resource, Site, html, redirect


@dataclass(frozen=True)
class AgendaItem:
    item_id: int
    title: str
    paragraphs: tuple[str, ...] = ()
    docs: tuple[Doc, ...] = ()
    decision: str | None = None


@dataclass(frozen=True)
class Meeting:
    committee: str
    date: str
    items: tuple[AgendaItem, ...]


@dataclass(frozen=True)
class CommitteeParams:
    host: str
    council: str
    council_url: str
    meetings: tuple[Meeting, ...]


def doc_path(doc: Doc) -> str:
    return f"/documents/s{number('mg', doc.slug, lo=1000, span=90000)}/{quote(doc.title)}.pdf"


def build_committee_site(params: CommitteeParams) -> Site:
    site = Site(host=params.host)
    base = {"council": params.council, "council_url": params.council_url}

    def page(title: str, paragraphs=(), links=(), docs=()) -> Resource:
        return html(
            render(
                "moderngov.html.j2",
                title=title,
                paragraphs=paragraphs,
                links=links,
                docs=docs,
                **base,
            )
        )

    committees: dict[str, list[tuple[int, Meeting]]] = {}
    for meeting in params.meetings:
        mid = number("mg-meeting", meeting.committee, meeting.date, lo=1000, span=9000)
        committees.setdefault(meeting.committee, []).append((mid, meeting))

    committee_links = []
    expected = []
    for name, meetings in committees.items():
        cid = number("mg-committee", name, lo=100, span=900)
        committee_links.append((name, f"ieListMeetings.aspx?CId={cid}"))
        meeting_links = []
        for mid, meeting in meetings:
            agenda = f"ieListDocuments.aspx?CId={cid}&MId={mid}"
            meeting_links.append((f"{name}, {meeting.date}", agenda))
            item_links = []
            pack: list[str] = [f"# {name} - {meeting.date}", "Agenda"]
            for n, item in enumerate(meeting.items, 1):
                docs = [(doc_path(d).lstrip("/"), d.title) for d in item.docs]
                item_links.append((f"{n}. {item.title}", f"mgAi.aspx?ID={item.item_id}"))
                pack += [f"# {n}. {item.title}", *item.paragraphs]
                links = (
                    [("View the decision", f"ieDecisionDetails.aspx?AIId={item.item_id}")]
                    if item.decision
                    else []
                )
                links.append((f"Meeting of {name}, {meeting.date}", agenda))
                site.add(
                    f"/mgAi.aspx?ID={item.item_id}",
                    page(f"Agenda item - {item.title}", item.paragraphs, links, docs),
                )
                if item.decision:
                    site.add(
                        f"/ieDecisionDetails.aspx?AIId={item.item_id}",
                        page(
                            f"Decision - {item.title}",
                            (
                                f"Decision maker: {name}",
                                f"Decision date: {meeting.date}",
                                item.decision,
                            ),
                            docs=docs,
                        ),
                    )
                for doc in item.docs:
                    key = site.add(doc_path(doc), doc.resource)
                    if doc.kind and doc.codes:
                        expected.append(ExpectedDoc(site.url(key), doc.kind, doc.codes))
            pack_id = mid * 10
            item_links.append(
                ("Printed agenda and reports (agenda pack)", f"mgConvert2PDF.aspx?ID={pack_id}")
            )
            site.add(
                f"/mgConvert2PDF.aspx?ID={pack_id}",
                Resource(
                    body=documents.pdf_bytes(
                        f"Agenda - {name}", tuple(pack), author="Democratic Services"
                    ),
                    content_type="application/pdf",
                ),
            )
            site.add(f"/{agenda}", page(f"Agenda for {name} on {meeting.date}", links=item_links))
        site.add(
            f"/ieListMeetings.aspx?CId={cid}",
            page(f"Browse meetings - {name}", links=meeting_links),
        )

    site.add("/mgListCommittees.aspx", page("Committee structure", links=committee_links))
    site.add("/", redirect("/mgListCommittees.aspx"))
    site.add("/robots.txt", Resource(body=b"User-agent: *\nAllow: /\n", content_type="text/plain"))
    site.expected_docs = tuple(expected)
    return site
