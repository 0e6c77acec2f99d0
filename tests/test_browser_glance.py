"""The answer at a glance, in a real headless Chromium on a real `peerwatch serve`, offline,
over a database the real crawl built from the fixture web (two crawls, each followed by
`peerwatch diff`, as `peerwatch run` chains them).

Screenshots of the first screen (1400x900) go to $PEERWATCH_SCREENSHOT_DIR (the README's
docs/ when regenerating them), else the test's temporary directory.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from browser_helpers import Browser
from crawl_helpers import crawl_and_diff
from serve_helpers import serving

from monitor.publish.england_map import VERDICT_COLOURS
from scraper.testweb import TestWeb
from scraper.testweb.fixtures import COUNCILS

FILL = {c.key: c.fill for c in VERDICT_COLOURS}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, chromium) -> Path:
    db_path = tmp_path_factory.mktemp("glance") / "peerwatch.db"
    with TestWeb(slow_seconds=10) as web:
        web.prepare_database(db_path)
        for scenario in ("first", "second"):
            web.apply(scenario)
            crawl_and_diff(web, db_path, timeout=300)
    return db_path


@pytest.fixture(scope="module")
def browser(crawled, chromium):
    with serving(crawled, timeout=60) as base:
        chrome = Browser(chromium)
        try:
            yield base, chrome
        finally:
            chrome.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    directory = Path(os.environ.get("PEERWATCH_SCREENSHOT_DIR") or tmp_path_factory.mktemp("shots"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _sql(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_home_page_headline_numbers_are_the_sql_counts(crawled, browser, shots):
    base, chrome = browser
    chrome.open(base + "/")
    shown = chrome.evaluate(
        "Object.fromEntries([...document.querySelectorAll('[data-count]')]"
        ".map(e => [e.dataset.count, Number(e.textContent)]))"
    )
    counted = dict(
        _sql(
            crawled,
            "SELECT CASE status WHEN 'report published' THEN 'published'"
            " WHEN 'CPC found, no report' THEN 'cpc_no_report'"
            " WHEN 'report found only for an earlier CPC' THEN 'cpc_no_report'"
            " WHEN 'no CPC found' THEN 'no_cpc' WHEN 'could not be checked' THEN 'unknown'"
            " ELSE 'not_checked' END, count(*) FROM council_status WHERE current = 1 GROUP BY 1",
        )
    )
    assert shown["councils"] == sum(counted.values()) == 317
    for key in ("published", "cpc_no_report", "no_cpc", "unknown", "not_checked"):
        assert shown[key] == counted.get(key, 0), key
    assert shown["published"] > 0 and shown["unknown"] > 0
    (without,) = _sql(crawled, "SELECT count(*) FROM councils_without_report")[0]
    assert shown["without_report"] == without == shown["cpc_no_report"] + shown["no_cpc"]
    chrome.screenshot(shots / "home.png")


def test_council_status_first_screen_shows_ten_councils(crawled, browser, shots):
    base, chrome = browser
    chrome.open(base + "/peerwatch/council_status")
    assert chrome.evaluate("location.search") == "?current=1"  # current councils first
    visible = chrome.evaluate(
        "[...document.querySelectorAll('table.rows-and-columns tbody tr')]"
        ".filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length"
    )
    assert visible >= 10
    headers = chrome.evaluate(
        "[...document.querySelectorAll('table.rows-and-columns thead th')]"
        ".map(th => th.dataset.column)"
    )
    assert headers[:4] == ["code", "name", "status", "overdue"]
    assert headers.index("report_url") < headers.index("verdict")
    chrome.screenshot(shots / "council_status_first_screen.png")


def test_map_has_one_shape_per_current_council_in_its_colour(crawled, browser, shots):
    base, chrome = browser
    chrome.open(base + "/map")
    shapes = chrome.evaluate(
        "[...document.querySelectorAll('svg.map path[data-code]')]"
        ".map(p => [p.dataset.code, p.getAttribute('fill'), p.getBBox().width > 0])"
    )
    codes = [code for code, _, _ in shapes]
    current = {code for (code,) in _sql(crawled, "SELECT code FROM councils WHERE current = 1")}
    assert len(codes) == len(set(codes)) == len(current) and set(codes) == current
    assert all(drawn for _, _, drawn in shapes)
    fill = {code: colour for code, colour, _ in shapes}
    status = {
        code: (verdict, report_url)
        for code, verdict, report_url in _sql(
            crawled, "SELECT code, verdict, report_url FROM council_status WHERE current = 1"
        )
    }
    for verdict in ("published", "cpc_no_report", "no_cpc", "unknown"):
        known = [c for c in COUNCILS if status[c][0] == verdict]
        if verdict == "published":  # a report only for an earlier CPC has a colour of its own
            known = [c for c in known if status[c][1]]
        assert known, verdict
        for code in known:
            assert fill[code] == FILL[verdict], (code, verdict)
    assert fill["BIR"] == FILL["unchecked"]  # Birmingham is not in the fixture web
    chrome.screenshot(shots / "map.png")


def test_take_up_chart_drew_a_mark_per_quarter(crawled, browser, shots):
    base, chrome = browser
    chrome.open(base + "/charts")
    quarters = _sql(
        crawled,
        "SELECT count(pct_with_cpc_in_last_5_years) FROM take_up_over_time",
    )[0][0]
    marks = chrome.evaluate(
        "[...document.querySelectorAll('#take-up svg.chart .mark')]"
        ".map(m => m.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0).length"
    )
    assert quarters > 0 and marks == quarters
    bars = chrome.evaluate("document.querySelectorAll('#by-region svg.chart .mark').length")
    assert bars >= 1
    chrome.screenshot(shots / "charts.png")
