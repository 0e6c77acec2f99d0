"""The varied fixture web: deterministic per seed, varied across seeds, every listed variant drawn,
truth consistent, and every report reachable over HTTP by its route -- and only by it."""

from __future__ import annotations

import gzip
import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx
import lxml.html
import pytest

from bench.varied import fold
from scraper.testweb import TestWeb
from scraper.testweb import varied as V
from scraper.testweb.synthetic import LEAVES, SERVICES, TOPICS
from scraper.testweb.texts import FILLER
from scraper.testweb.varied import (
    HELD_OUT_SEEDS,
    SEEN_SEEDS,
    TUNING_SEEDS,
    build_varied_web,
    draw_councils,
)

SEEDS = TUNING_SEEDS + SEEN_SEEDS + HELD_OUT_SEEDS


@pytest.fixture(scope="module")
def drawn():
    return [v for seed in SEEDS for _, _, v in draw_councils(seed)]


def test_tuning_and_held_out_seeds_are_disjoint_and_held_out_has_300_councils():
    assert not set(TUNING_SEEDS) & set(HELD_OUT_SEEDS)
    assert not set(SEEN_SEEDS) & set(HELD_OUT_SEEDS)
    assert len(HELD_OUT_SEEDS) * V.COUNCILS_PER_SEED >= 300
    assert "never be used to tune" in V.__doc__


def test_the_same_seed_builds_the_same_web():
    first, second = build_varied_web(12, councils=12), build_varied_web(12, councils=12)
    assert [(t.code, t.name, t.hosts, t.variant) for t in first.truths] == [
        (t.code, t.name, t.hosts, t.variant) for t in second.truths
    ]
    assert [(s.host, sorted(s.resources)) for s in first.sites] == [
        (s.host, sorted(s.resources)) for s in second.sites
    ]
    assert first.lga_older == second.lga_older
    some = first.sites[0]
    key = sorted(some.resources)[0]
    assert some.resolve(key).body == second.sites[0].resolve(key).body


def test_different_seeds_draw_different_councils_and_variants():
    a, b = draw_councils(11), draw_councils(101)
    assert [n for _, n, _ in a] != [n for _, n, _ in b]
    assert [v for *_, v in a] != [v for *_, v in b]
    assert {c for c, _, _ in a}.isdisjoint({c for c, _, _ in b})


LISTS = {
    "hub_label": V.HUB_LABELS,
    "hub_placement": V.HUB_PLACEMENTS,
    "hub_depth": V.HUB_DEPTHS,
    "hub_subsection": V.HUB_SUBSECTIONS,
    "search": V.SEARCH_KINDS,
    "sitemap": V.SITEMAPS,
    "committee": V.COMMITTEE_SYSTEMS,
    "committee_link_text": V.COMMITTEE_LINK_TEXTS,
    "news": V.NEWS_HOSTING,
    "doc_shape": V.DOC_SHAPES,
    "link_spelling": V.LINK_SPELLINGS,
    "route": V.ROUTES,
    "lga_list": V.LGA_LIST_KINDS,
    "landing_title": V.LANDING_TITLES,
    "landing_prose": V.LANDING_PROSE,
    "report_link_text": V.REPORT_LINK_TEXTS,
    "date_format": V.DATE_FORMATS,
    "access": tuple(V.ACCESS),
    "state": tuple(V.STATES),
    "evidence": V.NO_REPORT_EVIDENCE,
    "cms": V.STYLES,
    "cdn_host": V.CDN_HOSTS,
    "news_title_says_cpc": (True, False),
    "report_format": tuple(set(V.REPORT_FORMATS)),
}


@pytest.mark.parametrize("axis", sorted(LISTS))
def test_every_listed_variant_is_drawn_across_the_seeds(drawn, axis):
    seen = {getattr(v, axis) for v in drawn}
    assert set(LISTS[axis]) <= seen, set(LISTS[axis]) - seen


def test_every_committee_hosting_and_news_label_is_drawn(drawn):
    hosts = {v.committee_host for v in drawn}
    for system, hostings in V.COMMITTEE_HOSTING.items():
        for host, prefix in hostings:
            assert host + prefix in hosts, (system, host, prefix)
    labels = {v.news_label for v in drawn}
    assert {label for labels_ in V.NEWS_LABELS.values() for label in labels_} <= labels


@pytest.mark.parametrize(
    "axis", ["cms", "search", "sitemap", "committee", "news", "hub_placement", "access"]
)
def test_councils_without_a_cpc_appear_on_sites_of_every_shape(drawn, axis):
    shapes = {getattr(v, axis) for v in drawn if v.state == "no_cpc"}
    assert set(LISTS[axis]) <= shapes


def test_held_out_seeds_place_reports_by_every_route_several_times():
    held = [v for seed in HELD_OUT_SEEDS for _, _, v in draw_councils(seed)]
    for route in V.ROUTES:
        assert sum(v.route == route and v.access == "open" for v in held) >= 5, route


@pytest.fixture(scope="module")
def web():
    with TestWeb(varied_seed=TUNING_SEEDS[0]) as web:
        yield web


def test_truth_is_consistent_with_the_expected_documents(web):
    expected = web.expected()
    truth = web.varied_truth()
    assert len(truth) == V.COUNCILS_PER_SEED
    for code, t in truth.items():
        docs = expected[code].documents
        reports = [d for d in docs if d.kind == "feedback_report"]
        assert expected[code].verdict == t.verdict
        if t.variant.access != "open":
            assert (t.verdict, t.reason) == ("unknown", V.ACCESS_REASONS[t.variant.access])
            assert not docs, code
            continue
        assert (t.verdict, t.reason) == (t.state, None)
        assert (t.route is not None) == (t.state == "published")
        if t.state == "published":
            assert len(reports) == 1, (code, docs)
        else:
            assert not reports, code
        if t.state == "cpc_no_report":
            assert {d.kind for d in docs} & {"announcement", "committee_paper"}, code
        assert all(code in d.council_codes for d in docs)


def test_register_lists_every_varied_council_with_its_main_host(web, tmp_path):
    text = web.write_register_csv(tmp_path / "register.csv").read_text()
    for t in web.varied_truth().values():
        assert f"{t.code},{t.name},http://{t.host}/" in text


# --- reachability over HTTP ------------------------------------------------------------------


class Walker:
    """A plain HTTP client through the fixture proxy that follows links within given hosts,
    obeys robots.txt and records every link it sees (documents are seen, not fetched)."""

    def __init__(self, client: httpx.Client, hosts: set[str]) -> None:
        self.client = client
        self.hosts = hosts
        self.robots: dict[str, RobotFileParser] = {}
        self.fetched: set[str] = set()
        self.seen: set[str] = set()

    def get(self, url: str) -> httpx.Response:
        for _ in range(4):  # a throttled site answers its first requests with 429
            response = self.client.get(url)
            if response.status_code != 429:
                break
        return response

    def allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        if host not in self.robots:
            parser = RobotFileParser()
            response = self.get(f"http://{host}/robots.txt")
            parser.parse(response.text.splitlines() if response.status_code == 200 else [])
            self.robots[host] = parser
        return self.robots[host].can_fetch("*", url)

    def sitemap_urls(self, host: str) -> list[str]:
        self.allowed(f"http://{host}/")
        found = []
        queue = list(self.robots[host].site_maps() or [])
        while queue:
            response = self.get(queue.pop())
            body = response.content
            if body[:2] == b"\x1f\x8b":
                body = gzip.decompress(body)
            locs = re.findall(rb"<loc>([^<]+)</loc>", body)
            for loc in (u.decode() for u in locs):
                (queue if b"<sitemapindex" in body else found).append(loc)
        return found

    def walk(self, starts: list[str], limit: int = 600) -> set[str]:
        queue = deque(starts)
        while queue and len(self.fetched) < limit:
            url = queue.popleft()
            if url in self.fetched or urlsplit(url).hostname not in self.hosts:
                continue
            if not self.allowed(url) or "/events/calendar" in url:
                continue
            self.fetched.add(url)
            response = self.get(url)
            if response.is_redirect:
                queue.append(urljoin(url, response.headers["location"]))
                continue
            if "html" not in response.headers.get("content-type", ""):
                continue
            tree = lxml.html.fromstring(response.content)
            for anchor in tree.xpath("//a[@href]"):
                link = urljoin(url, anchor.get("href").strip()).split("#")[0]
                self.seen.add(fold(link))
                if anchor.text_content().strip() in SERVICE_LABELS:
                    continue
                if link.startswith("http://") and not _looks_like_document(link):
                    queue.append(link)
        return self.seen


#: Links to the generic service pages every site carries (bins, libraries, ... > forms, fees):
#: no report is ever placed below them, so the walk skips them to stay fast.
SERVICE_LABELS = frozenset((*SERVICES, *TOPICS, *LEAVES, *FILLER))


def _looks_like_document(url: str) -> bool:
    return bool(
        re.search(
            r"\.(pdf|docx)($|\?)|/downloads/file/|Download\.ashx|Document\.ashx|/documents/\d", url
        )
    )


@pytest.fixture(scope="module")
def client(web):
    with httpx.Client(proxy=web.proxy_url, timeout=10) as client:
        yield client


def _report(web, code: str) -> str:
    (doc,) = [d for d in web.expected()[code].documents if d.kind == "feedback_report"]
    return doc.url


def test_every_report_is_served_as_a_document_naming_its_council(web, client):
    for code, t in web.varied_truth().items():
        if t.state != "published" or t.variant.access != "open":
            continue
        response = Walker(client, set()).get(_report(web, code))
        assert response.status_code == 200, code
        assert response.content[:4] in (b"%PDF", b"PK\x03\x04") or t.name in response.text, code


def test_every_report_is_reachable_by_its_route_and_only_by_it(web, client):
    """Link-following from the home page reaches nav, hub, committee, news and CDN reports;
    search, sitemap and LGA-list reports need that channel and are not linked from the site."""
    published = [
        (code, t)
        for code, t in web.varied_truth().items()
        if t.state == "published" and t.variant.access == "open"
    ]
    assert len(published) >= 20
    with ThreadPoolExecutor(max_workers=4) as pool:  # the fixture server is threaded
        failures = [
            f for f in pool.map(lambda ct: _route_failure(web, client, *ct), published) if f
        ]
    assert not failures


def _route_failure(web, client, code: str, t) -> str | None:
    """None when the report is reached by its route and, for search/sitemap/LGA, only by it."""
    lga_older = (
        "http://www.local.gov.uk/our-support/peer-challenges/outcomes-peer-challenge-reports"
    )
    report = fold(_report(web, code))
    walker = Walker(client, set(t.hosts))
    by_links = walker.walk([f"http://{t.host}/"])
    if t.route in ("nav", "hub", "committee", "news", "cdn"):
        return None if report in by_links else f"{code} {t.route}: not reached by links"
    if report in by_links:
        return f"{code} {t.route}: reached by plain links too"
    if t.route == "search":
        path = {"jadu": "/site_search/results/", "plain": "/cgi-bin/search.pl"}.get(
            t.variant.cms, "/search"
        )
        start = f"http://{t.host}{path}?q=peer+challenge"
        found = walker.allowed(start) and report in walker.walk([start])
    elif t.route == "sitemap":
        urls = walker.sitemap_urls(t.host)
        found = report in {fold(u) for u in urls} | walker.walk(urls)
    else:
        page = client.get(lga_older).text
        links = [urljoin(lga_older, h) for h in lxml.html.fromstring(page).xpath("//a/@href")]
        mine = [u for u in links if fold(u) == report or urlsplit(u).hostname in t.hosts]
        lga = Walker(client, set(t.hosts))
        found = t.name in page and report in {fold(u) for u in mine} | lga.walk(mine, limit=10)
    return None if found else f"{code} {t.route}: not reached by its route"
