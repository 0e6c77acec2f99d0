"""On a varied web (sites built unlike peerwatch's own fixtures), council by council: every
negative verdict was earned by a search that meets the coverage standard, and no council with a
published report is called `no_cpc` or `cpc_no_report` (issue 9's "truth first")."""

from __future__ import annotations

import json

import pytest

from bench.varied import main
from db.connection import open_db
from scraper.coverage import facts, from_dict
from scraper.verdicts import coverage_gaps

#: A development seed (never a held-out one) and enough councils for every kind of site.
SEED, COUNCILS = 12, 24


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    work = tmp_path_factory.mktemp("varied")
    out = work / "varied.json"
    assert main(["--seeds", str(SEED), "--councils", str(COUNCILS), "--quiet", "--fast",
                 "--workdir", str(work), "--json", str(out)]) == 0  # fmt: skip
    rows = {r["code"]: r for r in json.loads(out.read_text())["councils"]}
    db = open_db(work / f"seed-{SEED}" / "peerwatch.db")
    try:
        run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
        checks = {
            r["council_code"]: r
            for r in db.query("SELECT * FROM checks WHERE run_id = ?", [run_id])
        }
    finally:
        db.close()
    return rows, checks


def test_every_negative_verdict_meets_the_coverage_standard_council_by_council(crawled):
    rows, checks = crawled
    negatives = [
        c for c, check in checks.items() if check["verdict"] in ("no_cpc", "cpc_no_report")
    ]
    assert negatives, "the web should have councils without a report"
    for code in negatives:
        record = from_dict(json.loads(checks[code]["coverage"]))
        assert coverage_gaps(facts(record)) == (), (
            code,
            sorted(facts(record)),
            rows[code]["variant"],
        )


def test_no_published_council_is_called_without_a_report(crawled):
    rows, _ = crawled
    wrong = [
        c
        for c, r in rows.items()
        if r["state"] == "published" and r["got"] in ("no_cpc", "cpc_no_report")
    ]
    assert wrong == []
