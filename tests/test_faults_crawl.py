"""The fault suite, crawl side: every fault kind on its own council site, next to healthy ones.

One crawl (a subprocess, as the monitor runs it) covers a web of seeded synthetic councils
plus one hand-made council per fault. A site that cannot be read must end `unknown` with the
reason; a nuisance (trap, bomb, locked or broken file, private redirect, wrong Content-Type,
windows-1252) must not change the verdict; no council's verdict may differ from the truth;
nothing forbidden is fetched; every site stays inside its budget and the crawl ends in time.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from db.connection import open_db
from monitor.config import Config
from monitor.cycle import process_runs
from monitor.digest import render
from scraper.testweb import SiteParams, SyntheticCouncil, TestWeb, texts
from scraper.testweb.cms import Doc, PageSpec
from tests.consistency import problems
from tests.crawl_helpers import BUDGET, CRAWL_LIMIT_S, prepare_db, run_crawl_subprocess

SYNTHETIC = 16
DATES = "4 – 7 March 2024"
#: How long the hanging host holds its home page. Far longer than the crawler's attempts
#: (3 x the request timeout plus backoff), so that "given up before it answers" is told apart
#: from "waited" even on a loaded 2-core machine, where those attempts took 12-18 s.
SLOW_S = 30

#: Faults after which the site cannot be read: code, fault, expected reason.
BLOCKING = (
    ("F503", "down", "site_down"),
    ("F429", "rate_limited", "blocked"),
    ("FTMO", "slow", "timeout"),
    ("FRST", "connection_reset", "site_down"),
    ("FROB", "robots_disallow_all", "robots_disallowed"),
    ("FBOT", "bot_challenge", "bot_challenge"),
    ("FLOP", "redirect_loop", "redirect_loop"),
)
#: Faults a published council's site has beside its readable report: the verdict must hold.
NUISANCES = (
    ("FTRP", "calendar_trap"),
    ("FBIG", "oversized_file"),
    ("FCOR", "corrupt_pdf"),
    ("FENC", "encrypted_pdf"),
    ("FZIP", "zip_bomb_docx"),
    ("FPRV", "private_redirect"),
    ("FLBK", "loopback_redirect"),
    ("FTHR", "throttled"),
)


def _name(code: str) -> str:
    return f"{code.title()} District Council"


def _published(code: str, faults: frozenset[str] = frozenset(), **doc_kw) -> SyntheticCouncil:
    name = _name(code)
    report = Doc(
        "LGA Corporate Peer Challenge feedback report",
        f"{code.lower()}-cpc-feedback-report",
        texts.cpc_report(name, DATES),
        kind="feedback_report",
        codes=(code,),
        **doc_kw,
    )
    page = PageSpec(
        ("Your council", "Corporate peer challenge"),
        "Corporate Peer Challenge",
        texts.landing(name, "March 2024"),
        docs=(report,),
    )
    params = SiteParams(f"www.{code.lower()}.gov.uk", name, "localgov_drupal", (page,), faults)
    return SyntheticCouncil(code, name, params, "published")


def _html_report(code: str, charset: str) -> SyntheticCouncil:
    name = _name(code)
    page = PageSpec(
        ("Your council", "Performance", "Corporate peer challenge feedback report"),
        f"LGA Corporate Peer Challenge – {name}",
        ("Feedback report: " + DATES, *texts.cpc_report(name, DATES)),
        kind="feedback_report",
        codes=(code,),
        charset=charset,
    )
    params = SiteParams(f"www.{code.lower()}.gov.uk", name, "plain", (page,))
    return SyntheticCouncil(code, name, params, "published")


def _blocked(code: str, fault: str, reason: str) -> SyntheticCouncil:
    council = _published(code, frozenset({fault}))
    return SyntheticCouncil(code, council.name, council.params, "unknown", reason)


def fault_councils() -> list[SyntheticCouncil]:
    return [
        *(_blocked(code, fault, reason) for code, fault, reason in BLOCKING),
        *(_published(code, frozenset({fault})) for code, fault in NUISANCES),
        _published("FCTY", content_type="text/html; charset=utf-8"),
        _published("FOCT", content_type="application/octet-stream"),
        _html_report("FWIN", "windows-1252"),
    ]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    with TestWeb(slow_seconds=SLOW_S, synthetic=SYNTHETIC, seed=7, extra=fault_councils()) as web:
        db_path = prepare_db(web, tmp)
        started = time.monotonic()
        # Default retries (2): a throttled site turns away two requests before answering.
        result = run_crawl_subprocess(web, db_path, "--retry-times", "2", "--budget", str(BUDGET))
        elapsed = time.monotonic() - started
        db = open_db(db_path)
        run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
        checks = {
            r["council_code"]: r
            for r in db.query("SELECT * FROM checks WHERE run_id = ?", [run_id])
        }
        run = db.table("runs").get(run_id)
        db.close()
        yield {
            "db_path": db_path,
            "web": web,
            "checks": checks,
            "run": run,
            "elapsed": elapsed,
            "stderr": result.stderr,
            "requests": list(web.requests),
            "forbidden": web.forbidden_requests(),
            "truth": web.expected(),
            "hosts": {c.params.host: c.code for c in web._synthetic},
        }


@pytest.mark.parametrize(("code", "fault", "reason"), BLOCKING)
def test_unreadable_site_is_unknown_with_reason(crawl, code, fault, reason):
    check = crawl["checks"][code]
    assert (check["verdict"], check["reason"]) == ("unknown", reason), fault


@pytest.mark.parametrize(
    "code",
    [code for code, _ in NUISANCES] + ["FCTY", "FOCT", "FWIN"],
)
def test_nuisance_does_not_change_the_verdict(crawl, code):
    check = crawl["checks"][code]
    assert (check["verdict"], check["reason"]) == ("published", None)
    (report,) = crawl["truth"][code].documents
    assert check["report_url"] == report.url


def test_every_council_gets_its_true_verdict(crawl):
    wrong = {
        code: (truth.verdict, truth.reason, crawl["checks"][code]["verdict"])
        for code, truth in crawl["truth"].items()
        if code in crawl["checks"] and crawl["checks"][code]["verdict"] != truth.verdict
    }
    assert wrong == {}
    assert set(crawl["hosts"].values()) <= set(crawl["checks"])


def test_nothing_forbidden_is_fetched(crawl):
    assert [(r.host, r.target, r.forbidden) for r in crawl["forbidden"]] == []


def test_every_site_stays_inside_its_budget(crawl):
    per_site = Counter(
        crawl["hosts"][r.host] for r in crawl["requests"] if r.host in crawl["hosts"]
    )
    assert max(per_site.values()) <= BUDGET
    assert all(crawl["checks"][code]["requests"] <= BUDGET for code in per_site)


def test_the_run_completes_in_time(crawl):
    assert crawl["run"]["status"] in ("complete", "partial")
    assert crawl["elapsed"] < CRAWL_LIMIT_S


def test_retry_after_is_honoured(crawl):
    times = [r.time for r in crawl["requests"] if r.host == "www.fthr.gov.uk"]
    assert len(times) >= 3
    assert times[1] - times[0] >= 0.9 and times[2] - times[1] >= 0.9


def test_oversized_and_bomb_files_are_not_read_whole(crawl):
    big = [
        r for r in crawl["requests"] if r.host == "www.fbig.gov.uk" and "evidence-base" in r.target
    ]
    assert all(r.bytes_sent < 26 * 1024 * 1024 for r in big)


def test_a_hanging_site_is_given_up_before_it_answers(crawl):
    # The slow host holds its home page for SLOW_S; three attempts at TIMEOUT_S each are less.
    assert crawl["checks"]["FTMO"]["duration_s"] < SLOW_S


def test_the_monitor_tells_one_story_about_the_fault_web(crawl):
    """Issue 10: after the fault web's run, status, the views, the digest and the events agree
    for every council (`tests/consistency.py`); no unreadable site is accused of anything."""
    result = process_runs(crawl["db_path"], Config(), channels=[])
    assert result.digest is not None
    db = open_db(crawl["db_path"])
    try:
        text = render(result.digest, "text", on_empty="full") or ""
        assert problems(db, Config(), result.digest, text) == []
        blocked = {code for code, _, _ in BLOCKING}
        accused = {
            r[0]
            for r in db.execute(
                "SELECT council_code FROM events WHERE kind IN ('deadline_missed', 'cpc_overdue')"
            )
        }
        assert accused & blocked == set()
    finally:
        db.close()


def test_handled_failures_stay_off_the_console(crawl):
    # Every fault above is handled (a verdict with a reason): nothing for cron to mail.
    lines = crawl["stderr"].splitlines()
    assert not [line for line in lines if "Gave up retrying" in line]
    assert not [line for line in lines if "pypdf" in line]
    assert not [line for line in lines if "ERROR" in line or "Traceback" in line]
