"""Council-site discovery, safety and verdict rules on saved responses and tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request

from scraper.challenge import is_bot_challenge
from scraper.discovery.links import advertised_size, link_score, page_links
from scraper.discovery.platforms import detect_platform
from scraper.discovery.search import search_urls
from scraper.discovery.sitemaps import read_sitemap
from scraper.domains import canonical_lga_url, private_address_reason, registrable_domain
from scraper.middlewares import retry_after_seconds
from scraper.verdicts import SiteOutcome, decide

FILES = Path(__file__).parent / "files"


def response(name: str, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=(FILES / name).read_bytes(), request=Request(url))


GOSS_HOME = response("council_home_goss.html", "http://www.hyndburnbc.gov.uk/")
JADU_HOME = response("council_home_jadu.html", "http://www.babergh.gov.uk/")


def test_search_form_on_the_home_page_is_filled_in():
    assert search_urls(GOSS_HOME, ("corporate peer challenge",)) == [
        "http://www.hyndburnbc.gov.uk/search?q=corporate+peer+challenge"
    ]


@pytest.mark.parametrize(("page", "platform"), [(GOSS_HOME, "goss"), (JADU_HOME, "jadu")])
def test_platform_is_detected(page, platform):
    assert detect_platform(page).name == platform


def test_committee_link_is_found_on_the_home_page():
    urls = {link.url for link in page_links(GOSS_HOME)}
    assert "http://hyndburnbc.moderngov.co.uk/mgListCommittees.aspx" in urls


def test_sitemap_index_lists_child_sitemaps():
    children, urls = read_sitemap((FILES / "sitemap_index.xml").read_bytes())
    assert len(children) == 2 and urls == []


def test_bot_challenge_page_is_recognised():
    body = (FILES / "bot_challenge.html").read_bytes()
    assert is_bot_challenge(403, {}, body)
    assert is_bot_challenge(403, {"cf-mitigated": "challenge"}, b"")
    assert not is_bot_challenge(200, {}, (FILES / "council_news_hyndburn.html").read_bytes())


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("http://127.0.0.1:8080/secret", True),
        ("http://localhost/intranet", True),
        ("http://169.254.169.254/latest/meta-data", True),
        ("http://10.0.0.5/", True),
        ("http://[::1]/", True),
        ("http://2130706433/", True),
        ("http://8.8.8.8/", True),
        ("http://www.bolton.gov.uk/", False),
    ],
)
def test_private_and_ip_literal_urls_are_refused(url, refused):
    assert bool(private_address_reason(url)) is refused


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("my.northtyneside.gov.uk", "northtyneside.gov.uk"),
        ("hyndburnbc.moderngov.co.uk", "moderngov.co.uk"),
    ],
)
def test_registrable_domain_offline(host, domain):
    assert registrable_domain(host) == domain


def test_lga_mirrors_canonicalise():
    assert (
        canonical_lga_url("http://lb2.local.gov.uk/a/corporate-peer-194/")
        == "http://www.local.gov.uk/a/corporate-peer-194"
    )


@pytest.mark.parametrize(("value", "seconds"), [("120", 120.0), (None, None), ("soon", None)])
def test_retry_after(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_retry_after_http_date():
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412420.0) == 60.0


def test_links_score_cpc_first_and_traps_last():
    from scraper.discovery.links import Link

    assert (
        link_score(Link("http://x.gov.uk/corporate-peer-challenge", "Corporate Peer Challenge"))
        > 0.5
    )
    assert link_score(Link("http://x.gov.uk/events/calendar?month=2025-02", "Next month")) < 0
    assert advertised_size("Local Plan evidence base (PDF, 30MB)") == 30 * 1024**2


#: Coverage facts that meet the coverage standard (tests/test_coverage_standard.py has the table).
EARNED = frozenset({"committee_absent", "site_search"})


class Doc:
    def __init__(self, kind, url="http://x.gov.uk/d.pdf", visit_start=None):
        self.kind, self.url, self.visit_start, self.visit_end = kind, url, visit_start, None


@pytest.mark.parametrize(
    ("failure", "kinds", "pages", "verdict", "reason"),
    [
        (None, ["feedback_report"], 0, "published", None),
        ("site_down", ["feedback_report"], 0, "published", None),  # LGA report, site down
        ("site_down", [], 0, "unknown", "site_down"),
        ("bot_challenge", ["announcement"], 0, "unknown", "bot_challenge"),
        (None, ["committee_paper", "announcement"], 0, "cpc_no_report", None),
        (None, [], 1, "cpc_no_report", None),
        (None, ["pre_challenge_notice"], 0, "no_cpc", None),
        (None, [], 0, "no_cpc", None),
        ("budget_exhausted", [], 0, "unknown", "budget_exhausted"),
    ],
)
def test_verdict_rules(failure, kinds, pages, verdict, reason):
    got = decide(SiteOutcome(failure, pages, EARNED), [Doc(k) for k in kinds])
    assert (got.verdict, got.reason) == (verdict, reason)


def test_latest_report_is_the_check_report():
    old, new = (
        Doc("feedback_report", "http://a/old", "2019-01-15"),
        Doc("feedback_report", "http://a/new", "2024-07-09"),
    )
    assert decide(SiteOutcome(), [old, new]).report is new  # published needs no coverage


def _site_check():
    from scraper.sitecheck import SiteAccount, SiteCheck

    return SiteCheck(("X",), "X Council", "http://www.x.gov.uk/", SiteAccount(60))


def test_committee_walk_always_reads_the_committees_that_take_cpc_reports():
    from scraper.discovery.committees import WALK_FLOORS
    from scraper.site_links import walk_floor

    site = _site_check()
    floor, per_site = WALK_FLOORS["committees"]
    for n in range(per_site):  # the floors go to the first dull links met
        assert walk_floor(site, "committees", 0.0, f"Committee {n}") == floor
    assert walk_floor(site, "committees", 0.0, "Licensing Committee") == 0.0
    for text in ("Cabinet", "Full Council", "Executive", "Council", "Cabinet - 3 October 2024"):
        assert walk_floor(site, "committees", 0.0, text) > floor, text
    assert walk_floor(site, "committees", 0.0, "Council tax") == 0.0


def test_committee_walk_reads_every_meeting_of_the_committees_that_take_cpc_reports():
    """A CMIS committee page lists its meetings as "Cabinet - 23 January 2025": the cap on
    dull meeting links must not stop the walk one cabinet meeting short of the report."""
    from scraper.discovery.committees import WALK_FLOORS
    from scraper.site_links import walk_floor

    site = _site_check()
    floor, per_site = WALK_FLOORS["agendas"]
    for n in range(per_site):
        assert walk_floor(site, "agendas", 0.0, f"Planning Committee - {n} May 2024") == floor
    assert walk_floor(site, "agendas", 0.0, "Licensing Committee - 1 May 2024") == 0.0
    for text in (
        "Cabinet - 3 February 2024",
        "23 January 2025 - Cabinet",
        "Full Council - 18 January 2023",
    ):
        assert walk_floor(site, "agendas", 0.0, text) > floor, text
    assert walk_floor(site, "agendas", 0.0, "Council tax support - 1 May 2024") == 0.0


def test_committee_walk_needs_no_floors_once_a_report_is_found():
    from scraper.site_links import walk_floor

    site = _site_check()
    site.reports_found = 1
    assert walk_floor(site, "meetings", 0.05, "12 March 2024") == 0.05
    assert walk_floor(site, "committees", 0.0, "Cabinet") == 0.0
