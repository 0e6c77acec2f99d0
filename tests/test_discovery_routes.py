"""Each discovery route on a small hand-made council site: committee papers (modern.gov, CMIS),
news host, CDN file, Liferay document URL, gzipped sitemap from robots.txt, the LGA's pre-2021
list; and sites that show nothing (JavaScript, consent wall, a bare page) are unknown."""

from __future__ import annotations

import json

import pytest

from db.connection import open_db
from scraper.coverage import facts, from_dict
from scraper.verdicts import coverage_gaps
from tests.discovery_web import DiscoveryWeb, build

CODES = [c.code for c in build()]
REPORTS = [c.code for c in build() if c.report]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    with DiscoveryWeb() as web:
        db_path = web.crawl(tmp_path_factory.mktemp("discovery"))
        db = open_db(db_path)
        run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
        checks = {
            r["council_code"]: r
            for r in db.query("SELECT * FROM checks WHERE run_id = ?", [run_id])
        }
        docs = {}
        for row in db.query(
            "SELECT d.url, d.kind, dc.council_code FROM documents d "
            "JOIN document_councils dc ON dc.document_id = d.id"
        ):
            docs.setdefault(row["council_code"], set()).add((row["url"], row["kind"]))
        note = json.loads(db.execute("SELECT note FROM runs WHERE id = ?", [run_id]).fetchone()[0])
        yield {
            "web": web,
            "checks": checks,
            "docs": docs,
            "requests": web.server.records(),
            "councils": {c.code: c for c in web.councils},
            "note": note,
            "db_path": db_path,
        }


@pytest.mark.parametrize("code", CODES)
def test_verdict_of_each_route(crawl, code):
    council = crawl["councils"][code]
    check = crawl["checks"][code]
    assert (check["verdict"], check["reason"]) == (council.verdict, council.reason), check[
        "searched"
    ]


@pytest.mark.parametrize("code", REPORTS)
def test_report_is_found_where_it_is_published(crawl, code):
    council = crawl["councils"][code]
    reports = {url for url, kind in crawl["docs"].get(code, ()) if kind == "feedback_report"}
    assert council.report in reports


def test_landing_pages_are_not_stored_as_reports(crawl):
    for code in ("LIF", "CDN"):
        urls = {url for url, _ in crawl["docs"].get(code, ())}
        assert not any(
            u.endswith("/peer-challenge") or u.endswith("corporate-peer-challenge") for u in urls
        )


def test_cdn_host_is_never_crawled_only_the_linked_file(crawl):
    targets = {r.target.split("?")[0] for r in crawl["requests"] if "amazonaws" in r.host}
    paths = {t.split("amazonaws.com")[-1] for t in targets}
    assert paths <= {"/robots.txt", "/uploads/cpc-feedback-report.pdf"}


def test_no_forbidden_request(crawl):
    assert [r for r in crawl["requests"] if r.forbidden] == []


def test_committee_walk_is_recorded(crawl):
    moderngov = from_dict(json.loads(crawl["checks"]["CMB"]["coverage"])).committee
    assert (moderngov.system, moderngov.found_by) == ("moderngov", "host")
    assert moderngov.meetings >= 1 and moderngov.agendas >= 1 and moderngov.documents >= 1
    cmis = from_dict(json.loads(crawl["checks"]["CMS"]["coverage"])).committee
    assert cmis.system == "cmis" and cmis.walked


def test_gzipped_sitemap_from_robots_txt_is_read(crawl):
    coverage = from_dict(json.loads(crawl["checks"]["GZB"]["coverage"]))
    gz = [s for s in coverage.sitemaps if s.via == "robots"]
    assert gz and gz[0].gzipped and gz[0].status == "found" and gz[0].urls == 2


def test_news_host_is_read_down_to_the_release_and_its_pdf(crawl):
    coverage = from_dict(json.loads(crawl["checks"]["NWS"]["coverage"]))
    assert coverage.news_read and coverage.news_host == "news.newsby.gov.uk"
    urls = {url for url, _ in crawl["docs"].get("NWS", ())}
    assert crawl["councils"]["NWS"].report in urls


def test_lga_routes_are_counted(crawl):
    assert crawl["note"]["lga_routes"].get("older_list", 0) >= 1
    coverage = from_dict(json.loads(crawl["checks"]["OLD"]["coverage"]))
    assert coverage.lga_reports == 1 and coverage.lga_routes == {"older_list": 1}


def test_shallow_check_says_what_was_missing(crawl):
    check = crawl["checks"]["BRE"]
    assert check["coverage_missing"] == (
        "committee papers; site search, sitemap, or council hub and news"
    )
    assert "not enough" in check["searched"]


def test_every_negative_verdict_meets_the_coverage_standard(crawl):
    for code, check in crawl["checks"].items():
        if check["verdict"] in ("no_cpc", "cpc_no_report"):
            record = from_dict(json.loads(check["coverage"]))
            assert coverage_gaps(facts(record)) == (), code


def test_status_shows_what_was_searched(crawl, monkeypatch):
    from click.testing import CliRunner

    from monitor.cli import cli

    out = CliRunner().invoke(cli, ["--db", str(crawl["db_path"]), "status", "--all", "--json"])
    rows = {r["code"]: r for r in json.loads(out.output)}
    assert rows["NIL"]["coverage"].startswith("site search")
    assert rows["NIL"]["coverage_record"]["search"] == "used"
    assert rows["BRE"]["reason"] == "shallow_check"
    assert "not enough: committee papers" in rows["BRE"]["coverage"]
    text = CliRunner().invoke(cli, ["--db", str(crawl["db_path"]), "status", "--all"]).output
    assert "site search" in text
    view = (
        open_db(crawl["db_path"])
        .execute("SELECT searched, coverage_missing FROM council_status WHERE code = 'BRE'")
        .fetchone()
    )
    assert view[1].startswith("committee papers")
