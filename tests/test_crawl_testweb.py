"""End to end: `peerwatch crawl` over the fixture web, run once per scenario for the module.

The first crawl is checked council by council against the web's truth; an unchanged re-run
must transfer little (the HTTP cache revalidates); then the web changes ("second") and a
third crawl must see it, including a site that went down although its pages are cached.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

import pytest

from db.connection import open_db
from scraper.domains import registrable_domain
from scraper.testweb import TestWeb
from scraper.testweb.fixtures import COUNCILS, VERDICTS
from tests.crawl_helpers import BUDGET, prepare_db, run_crawl_subprocess


@dataclass
class Crawl:
    run_id: int
    checks: dict[str, dict]
    documents: dict[str, set[tuple[str, str]]]
    requests: list
    stdout: str


def _read_run(db, run_id: int, requests: list, stdout: str) -> Crawl:
    checks = {
        r["council_code"]: r for r in db.query("SELECT * FROM checks WHERE run_id = ?", [run_id])
    }
    documents: dict[str, set[tuple[str, str]]] = {}
    for row in db.query(
        "SELECT d.url, d.kind, dc.council_code FROM documents d "
        "JOIN document_councils dc ON dc.document_id = d.id WHERE d.last_seen_run = ?",
        [run_id],
    ):
        documents.setdefault(row["council_code"], set()).add((row["url"], row["kind"]))
    return Crawl(run_id, checks, documents, requests, stdout)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """Three crawls: first scenario, unchanged re-run, second scenario."""
    tmp = tmp_path_factory.mktemp("crawl")
    with TestWeb(slow_seconds=10) as web:
        db_path = prepare_db(web, tmp)
        out = {}
        for label, scenario in (("first", "first"), ("rerun", "first"), ("second", "second")):
            web.apply(scenario)
            web.clear_log()
            result = run_crawl_subprocess(web, db_path)
            db = open_db(db_path)
            run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
            out[label] = _read_run(db, run_id, list(web.requests), result.stdout)
            out[label].expected = web.expected()
            out[label].forbidden = web.forbidden_requests()
            db.close()
        out["db_path"] = db_path
        yield out


@pytest.mark.parametrize("code", list(COUNCILS))
def test_first_crawl_verdict(crawls, code):
    expected = crawls["first"].expected[code]
    check = crawls["first"].checks[code]
    assert (check["verdict"], check["reason"]) == (expected.verdict, expected.reason)


@pytest.mark.parametrize("code", list(COUNCILS))
def test_first_crawl_documents(crawls, code):
    expected = {(d.url, d.kind) for d in crawls["first"].expected[code].documents}
    assert crawls["first"].documents.get(code, set()) == expected


@pytest.mark.parametrize(
    "code", [c for c, v in VERDICTS["second"].items() if v != VERDICTS["first"][c]]
)
def test_second_scenario_changes_are_seen(crawls, code):
    expected = crawls["second"].expected[code]
    check = crawls["second"].checks[code]
    assert (check["verdict"], check["reason"]) == (expected.verdict, expected.reason)


def test_second_scenario_every_verdict(crawls):
    got = {c: (r["verdict"], r["reason"]) for c, r in crawls["second"].checks.items()}
    assert got == {c: (e.verdict, e.reason) for c, e in crawls["second"].expected.items()}


def test_removed_report_is_recorded_as_gone(crawls):
    db = open_db(crawls["db_path"])
    gone = list(
        db.query(
            "SELECT url, http_status FROM documents WHERE last_status_run = ? AND http_status = 404",
            [crawls["second"].run_id],
        )
    )
    assert [r["url"] for r in gone] == [
        "http://www.welhat.gov.uk/downloads/file/9386/peer-challenge-report-2019"
    ]


@pytest.mark.parametrize("label", ["first", "rerun", "second"])
def test_no_forbidden_request(crawls, label):
    assert crawls[label].forbidden == []


@pytest.mark.parametrize("label", ["first", "rerun", "second"])
def test_every_request_stays_on_allowed_hosts(crawls, label):
    allowed = {registrable_domain(c.host) for c in COUNCILS.values()} | {
        "local.gov.uk",
        "moderngov.co.uk",
    }
    assert {registrable_domain(r.host.split(":")[0]) for r in crawls[label].requests} <= allowed


@pytest.mark.parametrize("label", ["first", "rerun", "second"])
def test_every_budget_holds(crawls, label):
    per_domain = Counter(
        registrable_domain(r.host)
        for r in crawls[label].requests
        if "local.gov.uk" not in r.host and "moderngov" not in r.host
    )
    assert max(per_domain.values()) <= BUDGET
    assert all(c["requests"] <= BUDGET for c in crawls[label].checks.values())


def test_runs_are_complete_and_the_user_agent_names_peerwatch(crawls):
    db = open_db(crawls["db_path"])
    assert [r["status"] for r in db.query("SELECT status FROM runs ORDER BY id")] == [
        "complete"
    ] * 3
    agents = {r.user_agent for r in crawls["first"].requests}
    assert len(agents) == 1 and agents.pop().startswith("peerwatch/")


def test_unchanged_rerun_is_small_and_revalidates(crawls):
    first, rerun = crawls["first"], crawls["rerun"]
    assert sum(r.bytes_sent for r in rerun.requests) < 0.2 * sum(
        r.bytes_sent for r in first.requests
    )
    conditional = [r for r in rerun.requests if r.if_none_match or r.if_modified_since]
    assert len(conditional) > len(rerun.requests) / 2
    assert {c: r["verdict"] for c, r in rerun.checks.items()} == {
        c: r["verdict"] for c, r in first.checks.items()
    }


def test_requests_per_council_are_modest(crawls):
    per = [c["requests"] for c in crawls["first"].checks.values()]
    assert statistics.median(per) <= 20


def test_plain_progress_lines_without_a_terminal(crawls):
    assert "site BOL: searched" in crawls["first"].stdout
    # The site line says what the site did; the council's verdict (here from the LGA's pages)
    # is printed once the run is committed, in words.
    assert "site WRT: could not be checked: it was down" in crawls["first"].stdout
    assert "council WRT: report published (found on the LGA's pages" in crawls["first"].stdout
    assert (
        "site LEC: could not be checked: it answered with a bot challenge" in crawls["first"].stdout
    )


@pytest.mark.parametrize("label", ["first", "second"])
def test_every_negative_verdict_meets_the_coverage_standard(crawls, label):
    """Council by council: a no_cpc or cpc_no_report was earned by what the check searched."""
    import json

    from scraper.coverage import facts, from_dict
    from scraper.verdicts import coverage_gaps

    negative = {
        code: check
        for code, check in crawls[label].checks.items()
        if check["verdict"] in ("no_cpc", "cpc_no_report")
    }
    assert negative
    for code, check in negative.items():
        record = from_dict(json.loads(check["coverage"]))
        assert coverage_gaps(facts(record)) == (), (code, check["searched"])
        assert check["searched"] and check["coverage_missing"] is None
