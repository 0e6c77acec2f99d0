"""The LGA site (www.local.gov.uk and its mirrors): the CPC index, report pages and look-alikes.

Mirrors (``lb2.``, ``www2.``) serve identical content; the index links one report through a mirror
host, so a spider has to canonicalise to www.local.gov.uk (every page carries rel=canonical).
"""

from __future__ import annotations

from dataclasses import dataclass

from .cms import render
from .model import ExpectedDoc, Resource, Site, html, redirect

HOST = "www.local.gov.uk"
MIRRORS = ("lb2.local.gov.uk", "www2.local.gov.uk")
NEW = "/our-support/council-assurance-and-peer-challenge/peer-challenges-we-offer"
OLD = "/our-support/council-assurance-and-peer-support/peer-challenges-we-offer"
INDEX = NEW + "/corporate-peer-3"
OLDER_LIST = "/our-support/peer-challenges/outcomes-peer-challenge-reports"
PAGE_SIZE = 4

INDEX_TEXT = (
    "Following a Corporate Peer Challenge, the council will publish the final report as well as an "
    "action plan in response. The LGA will also publish the final report.",
    "The council will publish the final report and an action plan within three months of the CPC. "
    "Where this is not possible the action plan should be published no later than five months of "
    "the CPC.",
    "# Progress reviews",
    "Every CPC now includes a progress review, approximately ten months after the original CPC. "
    "The council will publish the progress review report no later than 12 months after the "
    "original CPC. The LGA will also publish all progress reviews from April 2023 onwards.",
)


@dataclass(frozen=True)
class LgaPage:
    path: str
    title: str
    paragraphs: tuple[str, ...]
    subtitle: str | None = None
    kind: str | None = None  # feedback_report | progress_review for expected documents
    codes: tuple[str, ...] = ()
    listing: str | None = None  # "index" | "older": which report list links to it
    list_text: str = ""
    link_host: str = HOST  # host used by the list link (a mirror, to force canonicalisation)
    in_sitemap: bool = True


def build_lga_site(
    pages: tuple[LgaPage, ...],
    *,
    older_links: tuple[tuple[str, str, str], ...] = (),
    files: tuple[tuple[str, Resource], ...] = (),
    extra_expected: tuple[ExpectedDoc, ...] = (),
) -> Site:
    """The LGA host. ``older_links`` are further (text, URL, subtitle) entries of the list of
    reports published before 2021 (council PDFs and pages, or ``files`` served here)."""
    site = Site(host=HOST, aliases=MIRRORS, disallowed=("/search", "/user/"))

    def page(
        path: str, title: str, paragraphs=(), subtitle=None, listing=None, pager=(), links=()
    ) -> Resource:
        crumbs = [("Home", "/"), ("Our support", "/our-support")]
        if path.startswith(NEW):
            crumbs += [("Peer challenges we offer", NEW)]
        body = render(
            "lga.html.j2",
            canonical=f"http://{HOST}{path}",
            title=title,
            subtitle=subtitle,
            paragraphs=paragraphs,
            listing=listing,
            pager=pager,
            links=links,
            crumbs=crumbs,
        )
        return html(body)

    for p in pages:
        site.add(p.path, page(p.path, p.title, p.paragraphs, p.subtitle))

    listed = [p for p in pages if p.listing == "index"]
    chunks = [listed[i : i + PAGE_SIZE] for i in range(0, len(listed), PAGE_SIZE)] or [[]]
    for n, chunk in enumerate(chunks):
        entries = [
            (
                p.list_text,
                f"http://{p.link_host}{p.path}" if p.link_host != HOST else p.path,
                p.subtitle or "",
            )
            for p in chunk
        ]
        pager = [(str(i + 1), INDEX + (f"?page={i}" if i else "")) for i in range(len(chunks))]
        if n + 1 < len(chunks):
            pager.append(("Next ›", f"{INDEX}?page={n + 1}"))
        links = [("View Corporate Peer Challenge reports published before 2021", OLDER_LIST)]
        target = INDEX + (f"?page={n}" if n else "")
        site.add(
            target,
            page(
                target,
                "Corporate Peer Challenge reports",
                INDEX_TEXT,
                listing=entries,
                pager=pager,
                links=links,
            ),
        )

    older = [(p.list_text, p.path, p.subtitle or "") for p in pages if p.listing == "older"]
    older += list(older_links)
    for path, resource in files:
        site.add(path, resource)
    site.add(
        OLDER_LIST,
        page(
            OLDER_LIST,
            "Outcomes: peer challenge reports",
            (
                "Councils can choose the timing of publication of their peer challenge reports. The vast majority of councils have published their reports or are planning to.",
            ),
            listing=older,
        ),
    )
    site.add(OLD + "/corporate-peer-3", redirect(INDEX, 301))

    offer = [(p.title, p.path) for p in pages if p.path.startswith(NEW) and p.listing is None]
    site.add(
        NEW,
        page(
            NEW,
            "Peer challenges we offer",
            ("Sector-led improvement support for councils.",),
            links=[("Corporate Peer Challenge reports", INDEX), *offer],
        ),
    )
    site.add(
        "/our-support/council-assurance-and-peer-challenge",
        page(
            "/our-support/council-assurance-and-peer-challenge",
            "Council assurance and peer challenge",
            links=[("Peer challenges we offer", NEW)],
        ),
    )
    site.add(
        "/our-support",
        page(
            "/our-support",
            "Our support",
            links=[
                (
                    "Council assurance and peer challenge",
                    "/our-support/council-assurance-and-peer-challenge",
                )
            ],
        ),
    )
    site.add(
        "/",
        page(
            "/",
            "Local Government Association",
            ("We are the national voice of local government.",),
            links=[("Our support", "/our-support"), ("Corporate Peer Challenge reports", INDEX)],
        ),
    )

    sitemap_urls = [f"http://{HOST}{p.path}" for p in pages if p.in_sitemap] + [
        f"http://{HOST}{INDEX}"
    ]
    site.add(
        "/sitemap.xml",
        Resource(
            body=render("urlset.xml.j2", urls=sitemap_urls, lastmod="2025-01-06").encode(),
            content_type="application/xml; charset=utf-8",
        ),
    )
    robots = "User-agent: *\nDisallow: /search\nDisallow: /user/\n\nSitemap: http://www.local.gov.uk/sitemap.xml\n"
    site.add(
        "/robots.txt", Resource(body=robots.encode(), content_type="text/plain; charset=utf-8")
    )
    site.expected_docs = tuple(
        ExpectedDoc(f"http://{HOST}{p.path}", p.kind, p.codes) for p in pages if p.kind and p.codes
    ) + tuple(extra_expected)
    return site
