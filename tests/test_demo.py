"""`peerwatch demo`: the whole product offline, run as a user would, output checked."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from monitor.publish.app import make_datasette, prepare_for_serving


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("demo") / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "demo", "--dir", str(directory)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return directory, proc.stdout


def test_demo_says_what_it_is_doing(demo):
    _, out = demo
    for step in (
        "1. Creating",
        "2. Fixture web up",
        "3. First crawl",
        "4. The web changes",
        "5. Second crawl",
        "6. The second run's digest",
    ):
        assert step in out


def test_demo_digest_reports_each_change_of_the_web(demo):
    _, out = demo
    digest = out.split("6. The second run's digest:", 1)[1]
    assert "Newly published (1)" in digest
    assert "Hyndburn Borough Council published its CPC feedback report" in digest
    assert "Welwyn Hatfield Borough Council: feedback report no longer found" in digest
    assert "Royal Borough of Kensington and Chelsea: progress review found" in digest
    assert (
        "Welwyn Hatfield Borough Council: had a CPC, has not published a report"
        " (was: report published)" in digest
    )
    # Rutland's site is down this run: it is listed once, as not checked, with what was known.
    assert (
        "Rutland County Council: site could not be checked: it was down (1 run in a row);"
        " last known" in digest
    )
    assert digest.count("Rutland") == 1
    assert "cpc_no_report" not in digest and "site_down" not in digest  # words, not codes


def test_demo_never_reports_an_unreachable_council_as_without_a_report_now(demo):
    directory, _ = demo
    conn = sqlite3.connect(directory / "peerwatch.db")
    latest = dict(
        conn.execute(
            "SELECT council_code, verdict FROM checks WHERE run_id = (SELECT max(id) FROM runs)"
        )
    )
    assert latest["RUT"] == "unknown"
    assert latest["WRT"] == "published"  # own site down, report known from the LGA
    removed = conn.execute(
        "SELECT count(*) FROM events WHERE kind = 'document_removed' AND council_code = 'RUT'"
    ).fetchone()[0]
    assert removed == 0


def test_demo_writes_a_valid_atom_feed(demo):
    directory, _ = demo
    feed = feedparser.parse(str(directory / "events.atom"))
    assert not feed.bozo, feed.bozo_exception
    assert any("Hyndburn" in e.title for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_demo_leaves_a_database_peerwatch_serve_can_open(demo):
    directory, _ = demo

    async def fetch():
        prepare_for_serving(directory / "peerwatch.db", immutable=True)
        ds = make_datasette(directory / "peerwatch.db")
        return await ds.client.get("/peerwatch/council_status.json?code=HYN&_shape=array")

    response = asyncio.run(fetch())
    assert response.status_code == 200
    assert response.json()[0]["verdict"] == "published"


def test_the_search_examples_find_documents_in_the_demo(demo):
    """The README's and the home page's search examples must find something in the demo."""
    directory, _ = demo
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    (readme_example,) = set(re.findall(r"documents\?_search=([\w+]+)", readme))

    async def fetch():
        prepare_for_serving(directory / "peerwatch.db", immutable=True)
        ds = make_datasette(directory / "peerwatch.db")
        home = (await ds.client.get("/")).text
        (phrase,) = re.findall(r'<input type="search" name="phrase" value="([^"]+)"', home)
        search = await ds.client.get(f"/peerwatch/documents.json?_search={readme_example}")
        mentioning = await ds.client.get(
            f"/peerwatch/documents_mentioning.json?_shape=array&phrase={phrase}"
        )
        return search.json()["rows"], mentioning.json()

    found, mentioning = asyncio.run(fetch())
    assert len(found) >= 3 and len(mentioning) >= 3
