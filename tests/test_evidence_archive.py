"""End to end: the evidence archive over the fixture web, served by a running `peerwatch serve`.

Database A: "first", the same web again (nothing may grow), then "evidence" (Welwyn Hatfield's
report becomes a soft 404, Forest of Dean revises its report, Kensington & Chelsea moves
its). Database B: "first" then "second" (Welwyn Hatfield's report answers 404). After each
removal the archived copy is downloaded from a real `peerwatch serve` process over HTTP and
must be byte for byte what the council once served.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import feedparser
import pytest

from db.archive import ArchiveStore, archive_root
from db.connection import open_db
from monitor.config import Config, FeedConfig, PublishConfig
from monitor.digest import build_digest, render
from scraper.testweb import TestWeb
from tests.crawl_helpers import crawl_and_diff, prepare_db
from tests.serve_helpers import get, serving

#: Enough councils for every case, few enough to keep five crawls quick.
COUNCILS_A = ("BOL", "KEC", "FOE", "WEW", "TAN")
WEW_REPORT = "http://www.welhat.gov.uk/downloads/file/9386/peer-challenge-report-2019"


def crawl(web: TestWeb, db_path: Path, councils: tuple[str, ...]) -> int:
    """Crawl `councils` and diff: the run's id."""
    crawl_and_diff(web, db_path, councils=councils)
    db = open_db(db_path)
    try:
        return db.execute("SELECT max(id) FROM runs").fetchone()[0]
    finally:
        db.close()


def fetch_through(web: TestWeb, url: str) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": web.proxy_url}))
    with opener.open(url, timeout=10) as response:
        return response.read()


@dataclass
class Archive:
    bytes: int
    files: int
    rows: list[tuple]


def archive_state(db_path: Path) -> Archive:
    store = ArchiveStore(archive_root(db_path))
    files = sum(1 for p in (store.root / "sha256").rglob("*") if p.is_file())
    db = open_db(db_path)
    try:
        rows = db.execute(
            "SELECT sha256, url, first_seen_run, stored, size FROM archive ORDER BY sha256, url"
        ).fetchall()
    finally:
        db.close()
    return Archive(store.total_bytes(), files, rows)


@dataclass
class World:
    a: Path
    b: Path
    runs_a: dict[str, int] = field(default_factory=dict)
    runs_b: dict[str, int] = field(default_factory=dict)
    archive: dict[str, Archive] = field(default_factory=dict)
    originals: dict[str, bytes] = field(default_factory=dict)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with TestWeb(slow_seconds=10) as web:
        web.apply("first")
        world = World(
            a=prepare_db(web, tmp_path_factory.mktemp("a")),
            b=prepare_db(web, tmp_path_factory.mktemp("b")),
        )
        world.originals["WEW"] = fetch_through(web, WEW_REPORT)
        world.runs_a["first"] = crawl(web, world.a, COUNCILS_A)
        world.archive["first"] = archive_state(world.a)
        world.runs_a["rerun"] = crawl(web, world.a, COUNCILS_A)
        world.archive["rerun"] = archive_state(world.a)
        world.runs_b["first"] = crawl(web, world.b, ("WEW",))
        web.apply("second")
        world.archive["b_before_404"] = archive_state(world.b)
        world.runs_b["second"] = crawl(web, world.b, ("WEW",))
        world.archive["b_after_404"] = archive_state(world.b)
        web.apply("evidence")
        world.runs_a["evidence"] = crawl(web, world.a, COUNCILS_A)
        yield world


@pytest.fixture(scope="module")
def served(world):
    """One running `peerwatch serve` per database: {"a": base URL, "b": base URL}."""
    with serving(world.a) as a, serving(world.b) as b:
        yield {"a": a, "b": b}


def events(db_path: Path, run_id: int) -> list[dict]:
    db = open_db(db_path)
    try:
        return [dict(r) for r in db.query("SELECT * FROM events WHERE run_id = ?", [run_id])]
    finally:
        db.close()


def test_archive_keeps_only_accepted_cpc_documents(world):
    db = open_db(world.a)
    try:
        archived = {r[0] for r in db.execute("SELECT DISTINCT url FROM archive")}
        documents = {r[0] for r in db.execute("SELECT url FROM documents")}
        moved_from = {r[0] for r in db.execute("SELECT moved_from FROM documents") if r[0]}
    finally:
        db.close()
    assert archived and archived <= documents | moved_from
    assert WEW_REPORT in archived


def test_unchanged_rerun_adds_nothing_to_the_archive(world):
    first, rerun = world.archive["first"], world.archive["rerun"]
    assert first.bytes > 0
    assert (rerun.bytes, rerun.files, rerun.rows) == (first.bytes, first.files, first.rows)


def test_a_404_neither_empties_nor_rewrites_the_archive(world):
    """Every file and row kept before the 404 is still there, unchanged (the LGA spider may
    add others: "second" also brings a new LGA report)."""
    before, after = world.archive["b_before_404"], world.archive["b_after_404"]
    assert set(before.rows) <= set(after.rows)
    store = ArchiveStore(archive_root(world.b))
    wew = [r for r in before.rows if r[1] == WEW_REPORT]
    assert wew and store.path_for(wew[0][0]).read_bytes() == world.originals["WEW"]
    kinds = {e["kind"] for e in events(world.b, world.runs_b["second"])}
    assert "document_removed" in kinds


def _archived_copy(base: str, db_path: Path, code: str) -> str:
    status, _, body = get(f"{base}/{db_path.stem}/council_status.json?code={code}&_shape=array")
    assert status == 200
    (row,) = json.loads(body)
    assert row["report_archived_copy"].startswith("/-/archive/")
    return row["report_archived_copy"]


@pytest.mark.parametrize("how", ["404", "soft 404"])
def test_removed_report_downloads_byte_identical_from_serve(world, served, how):
    db_path, base = (world.b, served["b"]) if how == "404" else (world.a, served["a"])
    path = _archived_copy(base, db_path, "WEW")
    status, headers, body = get(base + path)
    assert status == 200
    assert body == world.originals["WEW"]
    assert headers["content-type"].startswith("application/pdf")
    assert headers.get("x-content-type-options") == "nosniff"


def test_archive_route_refuses_what_it_does_not_hold(served):
    assert get(served["a"] + "/-/archive/" + "0" * 64)[0] == 404
    assert get(served["a"] + "/-/archive/not-a-hash")[0] == 404


def test_soft_404_is_a_removal_not_a_change(world):
    wew = [e for e in events(world.a, world.runs_a["evidence"]) if e["council_code"] == "WEW"]
    kinds = {e["kind"] for e in wew}
    assert "document_removed" in kinds and "document_changed" not in kinds


def test_moved_report_is_one_document_not_a_removal(world):
    kec = [e for e in events(world.a, world.runs_a["evidence"]) if e["council_code"] == "KEC"]
    assert [e["kind"] for e in kec] == ["document_moved"]
    detail = json.loads(kec[0]["detail"])
    assert "feedback-report-2025.pdf" in detail["moved_from"]
    assert "feedback-report-2025-final.pdf" in detail["url"]


def test_changed_report_digest_shows_the_changed_sentences(world):
    db = open_db(world.a)
    try:
        config = Config(publish=PublishConfig(base_url="http://127.0.0.1:8001"))
        digest = build_digest(db, config, run_id=world.runs_a["evidence"])
    finally:
        db.close()
    text = render(digest, "text")
    assert "Forest of Dean District Council: feedback report changed" in text
    assert "+ Recommendation 3: publish a plan to reduce temporary accommodation costs." in text
    assert "£4.2m gap. → Recommendation 1" in text and "£6.8m gap" in text
    html = render(digest, "html")
    assert "Recommendation 3: publish a plan" in html and ">archived copy</a>" in html.lower()
    assert ". Archived copy: http://127.0.0.1:8001/-/archive/" in text


def test_recent_events_show_changes_and_archived_copy(world, served):
    base = served["a"]
    status, _, body = get(
        f"{base}/{world.a.stem}/recent_events.json?kind=document_changed&_shape=array"
    )
    assert status == 200
    (row,) = json.loads(body)
    assert "+ Recommendation 3" in row["changes"]
    assert row["archived_copy"].startswith("/-/archive/")
    status, _, page = get(f"{base}/{world.a.stem}/recent_events?kind=document_changed")
    assert status == 200 and b">archived copy</a>" in page


def test_council_feed_parses_and_holds_only_that_councils_events(world, served):
    db = open_db(world.a)
    try:
        keys = {r[0] for r in db.execute("SELECT key FROM events WHERE council_code = 'WEW'")}
        region = db.execute("SELECT region FROM councils WHERE code = 'WEW'").fetchone()[0]
        region_keys = {
            r[0]
            for r in db.execute(
                "SELECT e.key FROM events e JOIN councils c ON c.code = e.council_code"
                " WHERE c.region = ?",
                [region],
            )
        }
    finally:
        db.close()
    prefix = FeedConfig().id
    base = served["a"]
    url = f"{base}/-/feeds/council/WEW.atom"
    status, headers, body = get(url)
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert {e.id for e in feed.entries} == {f"{prefix}/{k}" for k in keys}
    assert any(link.rel == "self" and link.href == url for link in feed.feed.links)
    removed = next(e for e in feed.entries if "document_removed" in e.id)
    assert "archived copy" in removed.content[0].value and removed.summary
    status, _, body = get(f"{base}/-/feeds/region/{region.lower().replace(' ', '-')}.atom")
    by_region = feedparser.parse(body)
    assert status == 200 and not by_region.bozo
    assert {e.id for e in by_region.entries} == {f"{prefix}/{k}" for k in region_keys}
    status, _, body = get(f"{base}/-/feeds/all.atom")
    assert status == 200 and not feedparser.parse(body).bozo
    assert get(base + "/-/feeds/council/NOPE.atom")[0] == 404
    status, _, page = get(f"{base}/{world.a.stem}/council_status?code=WEW")
    assert b'href="/-/feeds/council/WEW.atom"' in page
