"""Council websites built from parameters: ``build_site(SiteParams(...)) -> Site``.

A site is a tree of pages addressed by navigation trails ("Your council" > "Performance" >
"Peer challenge"). The CMS style decides URL shapes, document URLs and markup; faults bolt onto
any style. Nothing here is specific to one council, so a benchmark can generate thousands.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path

import jinja2

from . import documents, texts
from .model import (
    ExpectedDoc,
    Resource,
    Site,
    html,
    normalise_target,
    redirect,
)

TEMPLATES = Path(__file__).parent / "templates"
OVERSIZED_BYTES = 30 * 1024 * 1024

FAULTS = frozenset(
    {
        "down",  # every path answers 503
        "slow",  # the home page answers after the server's slow_seconds
        "robots_disallow_all",
        "bot_challenge",  # Cloudflare-style interstitial on every path but robots.txt
        "redirect_loop",  # / -> /home -> /
        "calendar_trap",  # endless /events/calendar?month=YYYY-MM
        "loopback_redirect",  # links that redirect to 127.0.0.1 and localhost
        "oversized_file",  # a 30 MB "PDF" streamed on the fly
        "corrupt_pdf",
        "rate_limited",  # 429 with a Retry-After of an hour on every path but robots.txt
        "connection_reset",  # every path but robots.txt resets the connection mid-body
        "throttled",  # the first two requests answer 429 Retry-After: 1, then all is well
        "private_redirect",  # links that redirect to private, link-local and odd IP literals
        "encrypted_pdf",  # a password-locked "CPC annex" PDF next to the real documents
        "zip_bomb_docx",  # a 300 KB .docx that inflates to 200 MB
        "javascript_only",  # every page is an empty app shell that needs JavaScript
        "consent_wall",  # every page but robots.txt is a cookie-consent interstitial
    }
)
#: Faults after which nothing on the site can be read, so its documents are not expected.
BLOCKING_FAULTS = frozenset(
    {
        "down",
        "slow",
        "robots_disallow_all",
        "bot_challenge",
        "redirect_loop",
        "rate_limited",
        "connection_reset",
        "javascript_only",
        "consent_wall",
    }
)
#: How a site offers its own search: a working HTML form, one robots.txt disallows, one that
#: only works in JavaScript (the results page is an empty app shell), or none at all.
SEARCH_KINDS = ("html", "robots_disallowed", "javascript", "none")
#: Where the sitemap is: none, /sitemap.xml (plain or an index), gzipped, or at an unusual path
#: announced only by a ``Sitemap:`` line in robots.txt.
SITEMAP_KINDS = (None, "plain", "index", "gzip", "robots_only")
#: Redirect targets of the ``private_redirect`` fault: none of them may ever be fetched.
PRIVATE_TARGETS = (
    ("Partner portal", "/partner-portal", "http://10.20.30.40/portal/"),
    ("Cloud status", "/status", "http://169.254.169.254/latest/meta-data/"),
    ("Office printers", "/printers", "http://192.168.1.20/"),
    ("IPv6 intranet", "/intranet-v6", "http://[::1]/admin"),
    ("Legacy system", "/legacy", "http://2130706433/"),
)
#: How many requests a ``throttled`` site turns away before it answers.
THROTTLED_REQUESTS = 2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.tests["heading"] = documents.is_heading
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def slugify(text: str, sep: str = "-") -> str:
    return re.sub(r"[^a-z0-9]+", sep, text.lower().replace("'", "")).strip(sep)


def number(*parts: str, lo: int = 1000, span: int = 9000) -> int:
    """A stable pseudo-id (CMS node numbers, file ids) derived from names, not from counters."""
    return lo + zlib.crc32("|".join(parts).encode()) % span


#: What many council CMSs answer, with status 200, for a file that is no longer there.
SOFT_404_PAGE = (
    "<html><head><title>Sorry, we can't find that page | Council</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/your-council">Your council</a></nav>'
    "<main><h1>Sorry, we can't find that page</h1>"
    "<p>The page you were looking for may have been moved or deleted.</p>"
    '<p>Try the <a href="/search">search</a> or go to the <a href="/">home page</a>.</p>'
    "</main></body></html>"
)


@dataclass(frozen=True)
class Doc:
    """A downloadable file linked from a page. ``kind`` + ``codes`` make it an expected document."""

    title: str
    slug: str
    paragraphs: tuple[str, ...]
    fmt: str = "pdf"  # pdf | docx | corrupt_pdf
    kind: str | None = None
    codes: tuple[str, ...] = ()
    pdf_title: str | None = None  # Title metadata, when it differs from the link text
    folder: str = "2025-01"  # upload month, used by some URL shapes
    gone: bool = False  # linked nowhere and answering 404 (a removed document)
    #: Linked nowhere and answering 200 with the site's "page not found" page (a soft 404).
    soft_gone: bool = False
    content_type: str | None = None  # served with this (wrong) Content-Type instead
    path: str | None = None  # its URL path (with query) when not the CMS style's usual shape

    @property
    def removed(self) -> bool:
        return self.gone or self.soft_gone

    @property
    def ext(self) -> str:
        return "docx" if self.fmt == "docx" else "pdf"

    @property
    def size_kb(self) -> int:
        """The size printed next to links: an estimate, so pages render without the file."""
        return sum(map(len, self.paragraphs)) // 1024 + 2

    def resource(self) -> Resource:
        served = self._resource()
        if self.content_type is None:
            return served
        return replace(served, content_type=self.content_type)

    def _resource(self) -> Resource:
        if self.gone:
            return html("<html><body><h1>Page not found</h1></body></html>", status=404)
        if self.soft_gone:
            return html(SOFT_404_PAGE)
        if self.fmt == "docx":
            body = documents.docx_bytes(self.pdf_title or self.title, self.paragraphs)
            ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            return Resource(body=body, content_type=ctype)
        if self.fmt == "corrupt_pdf":
            return Resource(
                body=documents.corrupt_pdf_bytes(self.title), content_type="application/pdf"
            )
        body = documents.pdf_bytes(self.pdf_title or self.title, self.paragraphs)
        return Resource(body=body, content_type="application/pdf")


@dataclass(frozen=True)
class PageSpec:
    """A content page. With ``kind`` + ``codes`` the page itself is an expected document."""

    trail: tuple[str, ...]
    title: str
    paragraphs: tuple[str, ...] = ()
    docs: tuple[Doc, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (text, absolute URL) to other hosts
    date: str | None = None
    kind: str | None = None
    codes: tuple[str, ...] = ()
    charset: str = "utf-8"
    in_sitemap: bool = True
    searchable: bool = True
    orphan: bool = False
    """Linked from no other page of the site (reachable only by search, sitemap or other hosts)."""


@dataclass(frozen=True)
class SiteParams:
    host: str
    name: str
    cms: str  # a key of STYLES
    pages: tuple[PageSpec, ...] = ()
    faults: frozenset[str] = frozenset()
    sitemap: str | None = "plain"  # plain | index | None
    footer_links: tuple[tuple[str, str], ...] = ()
    filler: bool = True  # add the usual bins / council tax / planning pages
    search: str = "html"  # one of SEARCH_KINDS
    nav_hidden: tuple[str, ...] = ()  # top-level sections left out of the main menu
    mega_menu: bool = False  # the main menu also lists each section's sub-pages
    aliases: tuple[str, ...] = ()  # other host names serving the same site (the bare domain)
    footer_trails: tuple[tuple[str, tuple[str, ...]], ...] = ()  # footer links to own pages

    def __post_init__(self) -> None:
        unknown = self.faults - FAULTS
        if unknown or self.cms not in STYLES:
            raise ValueError(f"{self.host}: unknown cms {self.cms!r} or faults {sorted(unknown)}")
        if self.search not in SEARCH_KINDS or self.sitemap not in SITEMAP_KINDS:
            raise ValueError(
                f"{self.host}: unknown search {self.search!r} or sitemap {self.sitemap!r}"
            )


# --- CMS styles: URL shapes and templates ---------------------------------------------------


@dataclass(frozen=True)
class Style:
    name: str
    template: str
    search_path: str = "/search"

    def page_path(self, trail: tuple[str, ...], leaf: bool) -> str:
        return "/" + "/".join(slugify(t) for t in trail)

    def doc_path(self, doc: Doc) -> str:
        return f"/sites/default/files/{doc.folder}/{doc.slug}.{doc.ext}"


class LocalGovDrupal(Style):
    pass


class Jadu(Style):
    def page_path(self, trail: tuple[str, ...], leaf: bool) -> str:
        top = f"/info/{number('jadu', trail[0], lo=20000, span=100)}/{slugify(trail[0], '_')}"
        if len(trail) == 1:
            return top
        return f"{top}/{number('jadu', *trail)}/{slugify(trail[-1], '_')}"

    def doc_path(self, doc: Doc) -> str:
        return f"/downloads/file/{number('jadu-file', doc.slug)}/{doc.slug}"


class Goss(Style):
    def page_path(self, trail: tuple[str, ...], leaf: bool) -> str:
        if leaf:
            words = re.sub(r"[^A-Za-z0-9]+", "-", trail[-1]).strip("-")
            return f"/article/{number('goss', *trail)}/{words}"
        return "/" + "/".join(slugify(t) for t in trail)

    def doc_path(self, doc: Doc) -> str:
        media = number("goss-media", doc.slug, lo=10000, span=90000)
        words = re.sub(r"[^A-Za-z0-9]+", "-", doc.title).strip("-")
        return f"/media/{media}/{words}/{doc.ext}/{doc.slug}.{doc.ext}?m=638712{media:06d}0000"


class Umbraco(Style):
    def page_path(self, trail: tuple[str, ...], leaf: bool) -> str:
        return super().page_path(trail, leaf) + "/"

    def doc_path(self, doc: Doc) -> str:
        return f"/media/{zlib.crc32(doc.slug.encode()):08x}/{doc.slug}.{doc.ext}"


class Plain(Style):
    def page_path(self, trail: tuple[str, ...], leaf: bool) -> str:
        slugs = [slugify(t, "_") for t in trail]
        if leaf:
            return "/" + "/".join(slugs[:-1] + [slugs[-1] + ".htm"])
        return "/" + "/".join(slugs) + "/index.htm"

    def doc_path(self, doc: Doc) -> str:
        return f"/docs/{doc.slug}.{doc.ext}"


STYLES: dict[str, Style] = {
    "localgov_drupal": LocalGovDrupal("localgov_drupal", "localgov_drupal.html.j2"),
    "jadu": Jadu("jadu", "jadu.html.j2", search_path="/site_search/results/"),
    "goss": Goss("goss", "goss.html.j2"),
    "umbraco": Umbraco("umbraco", "umbraco.html.j2"),
    "plain": Plain("plain", "plain.html.j2", search_path="/cgi-bin/search.pl"),
}


# --- building ---------------------------------------------------------------------------------


@dataclass
class _Node:
    trail: tuple[str, ...]
    path: str
    spec: PageSpec | None = None
    children: list[_Node] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.trail[-1] if self.trail else "Home"


def _filler_pages() -> tuple[PageSpec, ...]:
    return tuple(PageSpec((label,), label, (text,)) for label, text in texts.FILLER.items())


def build_site(params: SiteParams, *, loopback_port: int = 0) -> Site:
    """Render every page, document, robots.txt and sitemap of one council site."""
    style = STYLES[params.cms]
    site = Site(host=params.host, disallowed=("/admin/",), aliases=params.aliases)
    specs = params.pages + (_filler_pages() if params.filler else ())

    root = _Node((), "/")
    nodes: dict[tuple[str, ...], _Node] = {(): root}
    for spec in specs:
        if spec.orphan:
            nodes[spec.trail] = _Node(spec.trail, style.page_path(spec.trail, True), spec)
            continue
        for depth in range(1, len(spec.trail) + 1):
            trail = spec.trail[:depth]
            if trail not in nodes:
                leaf = depth == len(spec.trail)
                nodes[trail] = _Node(trail, style.page_path(trail, leaf))
                nodes[trail[:-1]].children.append(nodes[trail])
        nodes[spec.trail].spec = spec

    doc_urls: dict[Doc, str] = {}
    for spec in specs:
        for doc in spec.docs:
            doc_urls[doc] = site.add(doc.path or style.doc_path(doc), doc.resource)

    footer = (
        *((text, nodes[trail].path) for text, trail in params.footer_trails),
        *params.footer_links,
        ("Staff area", "/admin/login"),
        ("Follow us on Facebook", "http://www.facebook.com/" + slugify(params.name)),
    )
    extras = _fault_links(params, site, loopback_port)
    menu = [n for n in root.children if n.label not in params.nav_hidden]
    common = {
        "site_name": params.name,
        "host": params.host,
        "search_path": style.search_path,
        "search_kind": params.search,
        "nav": [(n.label, n.path) for n in menu],
        "mega": [[(c.label, c.path) for c in n.children] for n in menu] if params.mega_menu else [],
        "footer": list(footer),
    }

    for node in nodes.values():
        spec = node.spec
        crumbs = [
            (nodes[node.trail[:i]].label, nodes[node.trail[:i]].path)
            for i in range(len(node.trail))
        ]
        context = dict(
            common,
            title=spec.title if spec else (node.label if node.trail else params.name),
            paragraphs=spec.paragraphs if spec else (),
            date=spec.date if spec else None,
            docs=[
                (doc_urls[d], d.title, d.ext.upper(), d.size_kb) for d in spec.docs if not d.removed
            ]
            if spec
            else [],
            links=list(spec.links) if spec else [],
            children=[(c.label, c.path) for c in node.children],
            crumbs=crumbs,
            is_home=not node.trail,
            extras=extras if not node.trail else [],
            charset=spec.charset if spec else "utf-8",
            news=_latest_news(nodes) if not node.trail else [],
        )
        # Rendered on first request: a scale web of thousands of sites never renders most pages.
        site.add(node.path, partial(_render_page, style.template, context))

    if params.search == "javascript":
        site.handlers[style.search_path] = lambda query: html(render("app_shell.html.j2", **common))
    elif params.search != "none":
        site.handlers[style.search_path] = _search_handler(params, style, nodes, doc_urls, common)
    _add_robots_and_sitemaps(params, site, nodes, doc_urls)
    _apply_faults(params, site, nodes)
    if not params.faults & BLOCKING_FAULTS:
        site.expected_docs = _expected(site, nodes, doc_urls)
    return site


def _render_page(template: str, context: dict) -> Resource:
    return html(render(template, **context), charset=str(context["charset"]))


def _latest_news(nodes: Mapping[tuple[str, ...], _Node]) -> list[tuple[str, str, str]]:
    news = nodes.get(("News",))
    if not news:
        return []
    items = [(c.spec.title, c.path, c.spec.date or "") for c in news.children if c.spec]
    return items[:3]


def _fault_links(params: SiteParams, site: Site, port: int) -> list[tuple[str, str]]:
    extras: list[tuple[str, str]] = []
    if "calendar_trap" in params.faults:
        extras.append(("What's on: events calendar", "/events/calendar?month=2025-01"))
        site.handlers["/events/calendar"] = _calendar
    if "loopback_redirect" in params.faults:
        site.add("/staff-login", redirect(f"http://127.0.0.1:{port}/secret"))
        site.add("/intranet", redirect("http://localhost/intranet/admin"))
        site.forbidden_paths += ("/secret",)
        extras += [("Staff login", "/staff-login"), ("Intranet", "/intranet")]
    if "oversized_file" in params.faults:
        path = "/sites/default/files/local-plan/evidence-base-full.pdf"
        site.add(path, Resource(content_type="application/pdf", stream_length=OVERSIZED_BYTES))
        extras.append(("Local Plan evidence base (PDF, 30MB)", path))
    if "private_redirect" in params.faults:
        for label, path, target in PRIVATE_TARGETS:
            site.add(path, redirect(target))
            extras.append((label, path))
    if "encrypted_pdf" in params.faults:
        path = STYLES[params.cms].doc_path(Doc("annex", "corporate-peer-challenge-annex", ()))
        body = documents.encrypted_pdf_bytes(
            "Corporate peer challenge: confidential annex",
            ("# Corporate peer challenge", texts.cpc_report(params.name, "2024")[1]),
        )
        site.add(path, Resource(body=body, content_type="application/pdf"))
        extras.append(
            ("Corporate peer challenge: confidential annex (PDF, password protected)", path)
        )
    if "zip_bomb_docx" in params.faults:
        path = STYLES[params.cms].doc_path(
            Doc("pack", "corporate-peer-challenge-evidence-pack", (), fmt="docx")
        )
        ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        site.add(path, lambda: Resource(body=documents.zip_bomb_docx_bytes(), content_type=ctype))
        extras.append(("Corporate peer challenge evidence pack (Word)", path))
    if "corrupt_pdf" in params.faults:
        doc = Doc(
            "Annual Governance Statement 2023 to 2024",
            "annual-governance-statement-2023-24",
            (),
            fmt="corrupt_pdf",
        )
        extras.append(
            (doc.title + " (PDF)", site.add(STYLES[params.cms].doc_path(doc), doc.resource()))
        )
    return extras


def _calendar(query: Mapping[str, list[str]]) -> Resource:
    """A crawler trap: every month links to the next and previous one, forever."""
    month = (query.get("month") or ["2025-01"])[0]
    match = re.fullmatch(r"(\d{4})-(\d{2})", month)
    if not match:
        return html("<html><body><h1>Invalid month</h1></body></html>", status=404)
    year, mon = int(match[1]), int(match[2])
    nxt = f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"
    prv = f"{year - (mon == 1):04d}-{(mon - 2) % 12 + 1:02d}"
    body = render("calendar.html.j2", month=month, next=nxt, prev=prv)
    return html(body)


def _search_handler(params, style, nodes, doc_urls, common):
    searchable = [n for n in nodes.values() if n.spec and n.spec.searchable]

    def search(query: Mapping[str, list[str]]) -> Resource:
        q = (query.get("q") or [""])[0]
        words = q.lower().split()
        results = []
        for node in searchable if words else []:
            text = " ".join(
                (node.spec.title, *node.spec.paragraphs, *(d.title for d in node.spec.docs))
            ).lower()
            if all(w in text for w in words):
                results.append((node.spec.title, node.path))
                results += [(d.title, doc_urls[d]) for d in node.spec.docs if not d.removed]
        body = render("search.html.j2", query=q, results=results, **common)
        return Resource(body=body.encode(), conditional=False)

    return search


def _add_robots_and_sitemaps(params: SiteParams, site: Site, nodes, doc_urls) -> None:
    lines = ["User-agent: *"]
    if params.search == "robots_disallowed":
        site.disallowed += (STYLES[params.cms].search_path,)
    if "robots_disallow_all" in params.faults:
        lines.append("Disallow: /")
        site.disallowed = ("/",)
    else:
        lines += [f"Disallow: {prefix}" for prefix in site.disallowed]
    pages = [n for n in nodes.values() if not n.spec or n.spec.in_sitemap]
    docs = [
        url
        for n in pages
        if n.spec
        for d, url in doc_urls.items()
        if d in n.spec.docs and not d.removed
    ]
    page_urls = [site.url(n.path) for n in pages]
    lastmod = "2025-01-06"
    announced = "/sitemap.xml"
    if params.sitemap in ("gzip", "robots_only"):
        urlset = render(
            "urlset.xml.j2", urls=page_urls + [site.url(u) for u in docs], lastmod=lastmod
        )
        if params.sitemap == "gzip":
            announced = "/sitemap.xml.gz"
            body = gzip.compress(urlset.encode(), mtime=0)
            site.add(announced, Resource(body=body, content_type="application/x-gzip"))
        else:
            announced = "/sitemaps/sitemap-index-0.xml"
            site.add(announced, _xml(urlset))
    elif params.sitemap == "plain":
        site.add(
            "/sitemap.xml",
            _xml(
                render(
                    "urlset.xml.j2", urls=page_urls + [site.url(u) for u in docs], lastmod=lastmod
                )
            ),
        )
    elif params.sitemap == "index":
        parts = {
            "/sitemap-pages.xml": page_urls,
            "/sitemap-documents.xml": [site.url(u) for u in docs],
        }
        for path, urls in parts.items():
            site.add(path, _xml(render("urlset.xml.j2", urls=urls, lastmod=lastmod)))
        index = render(
            "sitemapindex.xml.j2", sitemaps=[site.url(p) for p in parts], lastmod=lastmod
        )
        site.add("/sitemap.xml", _xml(index))
    if params.sitemap:
        lines.append(f"\nSitemap: {site.url(announced)}")
    site.add(
        "/robots.txt",
        Resource(body=("\n".join(lines) + "\n").encode(), content_type="text/plain; charset=utf-8"),
    )


def _xml(text: str) -> Resource:
    return Resource(body=text.encode(), content_type="application/xml; charset=utf-8")


def _apply_faults(params: SiteParams, site: Site, nodes) -> None:
    faults = params.faults
    if "down" in faults:
        site.override = Resource(
            status=503,
            body=render("down.html.j2", site_name=params.name).encode(),
            headers=(("Retry-After", "3600"),),
            conditional=False,
        )
    if "bot_challenge" in faults:
        site.override = Resource(
            status=403,
            body=render("challenge.html.j2", host=params.host).encode(),
            headers=(
                ("cf-mitigated", "challenge"),
                ("Server", "cloudflare"),
                ("CF-RAY", "8f1d2c3b4a5e6f70-LHR"),
            ),
            conditional=False,
        )
        site.override_except = frozenset({"/robots.txt"})
    if "rate_limited" in faults:
        site.override = Resource(
            status=429,
            body=b"<html><body><h1>Too many requests</h1><p>Try again later.</p></body></html>",
            headers=(("Retry-After", "3600"),),
            conditional=False,
        )
        site.override_except = frozenset({"/robots.txt"})
    if "connection_reset" in faults:
        home = site.resolve(normalise_target("/"))
        site.override = Resource(body=home.body, reset_after=len(home.body) // 3, conditional=False)
        site.override_except = frozenset({"/robots.txt"})
    if "throttled" in faults:
        site.throttle_first = THROTTLED_REQUESTS
    if "javascript_only" in faults:
        # An app shell: 200 for every path, no text and no links until scripts run.
        site.override = html(render("app_shell.html.j2", site_name=params.name))
        site.override_except = frozenset({"/robots.txt"})
    if "consent_wall" in faults:
        site.override = html(render("consent.html.j2", site_name=params.name, host=params.host))
        site.override_except = frozenset({"/robots.txt"})
    if "redirect_loop" in faults:
        site.override = redirect("/home")
        site.override_except = frozenset({"/robots.txt", "/home"})
        site.add("/home", redirect("/"))
    if "slow" in faults:
        home = site.resolve(normalise_target("/"))
        site.resources[normalise_target("/")] = Resource(
            body=home.body, content_type=home.content_type, slow=True
        )


def _expected(site: Site, nodes, doc_urls) -> tuple[ExpectedDoc, ...]:
    out = []
    for node in nodes.values():
        spec = node.spec
        if spec and spec.kind and spec.codes:
            out.append(ExpectedDoc(site.url(node.path), spec.kind, spec.codes))
    for doc, key in doc_urls.items():
        if doc.kind and doc.codes and not doc.removed:
            out.append(ExpectedDoc(site.url(key), doc.kind, doc.codes))
    return tuple(out)
