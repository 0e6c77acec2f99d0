"""Datasette over a database the real crawl built from the fixture web.

Two crawls (the web's "first" then "second" scenario), each followed by `peerwatch diff`, the
way `peerwatch run` chains them. The views must agree with the web's own truth.
"""

from __future__ import annotations

import asyncio

import pytest
from crawl_helpers import crawl_and_diff

from db.connection import open_db
from monitor.publish.app import make_datasette, prepare_for_serving
from scraper.testweb import TestWeb
from scraper.testweb.fixtures import COUNCILS

DB = "peerwatch"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """(database path, the web's expected truth for the second scenario)."""
    tmp = tmp_path_factory.mktemp("testweb")
    db_path = tmp / f"{DB}.db"
    with TestWeb(slow_seconds=10) as web:
        web.prepare_database(db_path)
        for scenario in ("first", "second"):
            web.apply(scenario)
            crawl_and_diff(web, db_path, timeout=180)
        expected = web.expected()
    prepare_for_serving(db_path, immutable=True)
    return db_path, expected


@pytest.fixture(scope="module")
def rows(crawled):
    ds = make_datasette(crawled[0])

    def rows(path: str, key: str | None = None, **params: str):
        query = "".join(f"&{k}={v}" for k, v in params.items())
        response = asyncio.run(ds.client.get(f"/{DB}/{path}.json?_shape=array&_size=max{query}"))
        assert response.status_code == 200, response.text[:500]
        got = response.json()
        return {r[key]: r for r in got} if key else got

    yield rows
    for database in ds.databases.values():
        database.close()


def test_every_fixture_council_has_the_webs_verdict_and_reason(crawled, rows):
    expected = crawled[1]
    status = rows("council_status", key="code")
    for code in COUNCILS:
        assert (status[code]["verdict"], status[code]["reason"]) == (
            expected[code].verdict,
            expected[code].reason,
        ), code


def test_report_urls_are_the_webs_feedback_reports(crawled, rows):
    expected = crawled[1]
    status = rows("council_status", key="code")
    for code in COUNCILS:
        reports = {d.url for d in expected[code].documents if d.kind == "feedback_report"}
        if expected[code].verdict == "published":
            assert status[code]["report_url"] in reports, code
            assert status[code]["report_overdue"] == 0, code
            assert status[code]["last_visit_end"] and status[code]["report_due"], code
        elif expected[code].verdict in ("no_cpc", "unknown"):
            assert status[code]["report_url"] is None, code
    # a joint report belongs to both councils
    assert status["BAB"]["report_url"] == status["MSU"]["report_url"]


def test_councils_without_report_never_include_unknown(crawled, rows):
    expected = crawled[1]
    without = {code for code in rows("councils_without_report", key="code") if code in COUNCILS}
    assert without == {
        code for code in COUNCILS if expected[code].verdict in ("no_cpc", "cpc_no_report")
    }


def test_recent_events_name_councils_and_link_documents(crawled, rows):
    events = rows("recent_events")
    published = {e["council_code"]: e for e in events if e["kind"] == "report_published"}
    assert "HYN" in published  # published between the two crawls
    assert published["HYN"]["council"] == "Hyndburn Borough Council"
    assert published["HYN"]["document_url"].startswith("http")
    assert all(e["council"] for e in events if e["council_code"])


def test_full_text_search_agrees_with_a_plain_scan(crawled, rows):
    db = open_db(crawled[0])
    scanned = {
        r[0] for r in db.execute("SELECT url FROM documents WHERE text LIKE '%golden thread%'")
    }
    db.close()
    assert scanned
    found = rows("documents_mentioning", phrase="golden+thread")
    assert {d["url"] for d in found} == scanned
    assert all(d["councils"] and "[golden thread]" in d["excerpt"].lower() for d in found)


def test_take_up_counts_the_checked_councils(crawled, rows):
    expected = crawled[1]
    england = rows("take_up_by_region", key="region")["All current councils"]
    verdicts = [expected[code].verdict for code in COUNCILS]  # only these were crawled
    for verdict in ("published", "cpc_no_report", "no_cpc", "unknown"):
        assert england[f"verdict_{verdict}"] == verdicts.count(verdict), verdict
    assert england["not_checked"] == england["councils"] - len(COUNCILS)
