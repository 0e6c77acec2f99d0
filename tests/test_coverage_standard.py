"""The coverage standard as a table: what a check searched -> the verdict it may give.

No CPC found says "no CPC" only when the committee system was walked (or none was found on
pages that would link it) and the site was searched by its own search, its sitemap, or its
council hub and news; anything less is unknown/shallow_check with what was missing.
"""

from __future__ import annotations

import pytest

from scraper.coverage import (
    CommitteeCoverage,
    Coverage,
    SitemapRead,
    coverage_summary,
    facts,
    from_dict,
)
from scraper.verdicts import SiteOutcome, decide

COMMITTEE = "committee papers"
SITE = "site search, sitemap, or council hub and news"
WALKED = CommitteeCoverage("moderngov", "link_text", "http://democracy.x.gov.uk/", 2, 1, 1, 0)
ENTRY_ONLY = CommitteeCoverage("moderngov", "host", "http://democracy.x.gov.uk/", 1)
LINK_FAILED = CommitteeCoverage("none_found", "link_text", "http://democracy.x.gov.uk/")
SITEMAP = [SitemapRead("http://x.gov.uk/sitemap.xml", "conventional", "found", 120)]
EMPTY_SITEMAP = [SitemapRead("http://x.gov.uk/sitemap.xml", "conventional", "found", 0)]


class Doc:
    def __init__(self, kind: str) -> None:
        self.kind, self.url, self.visit_start, self.visit_end = (
            kind,
            "http://x.gov.uk/d",
            None,
            None,
        )


ROWS = [
    # (case, coverage, documents, verdict, reason, missing)
    ("home page only", Coverage(), [], "unknown", "shallow_check", (COMMITTEE, SITE)),
    ("search used, committee walked", Coverage(search="used", committee=WALKED), [], "no_cpc", None, ()),
    ("sitemap read, committee walked", Coverage(sitemaps=SITEMAP, committee=WALKED), [], "no_cpc", None, ()),
    ("empty sitemap is not a sitemap read", Coverage(sitemaps=EMPTY_SITEMAP, committee=WALKED), [], "unknown", "shallow_check", (SITE,)),
    ("hub and news, committee walked", Coverage(hub_read=True, news_read=True, committee=WALKED), [], "no_cpc", None, ()),
    ("hub without news is not enough", Coverage(hub_read=True, committee=WALKED), [], "unknown", "shallow_check", (SITE,)),
    ("hub and menus read, no news link anywhere, nothing at /news", Coverage(hub_read=True, committee=WALKED, navigation_queued=9, navigation_read=9, news_probe="absent"), [], "no_cpc", None, ()),
    ("news shown absent but the menus never walked", Coverage(hub_read=True, committee=WALKED, news_probe="absent"), [], "unknown", "shallow_check", (SITE,)),
    ("nothing at /news but a news link was seen and not read", Coverage(hub_read=True, committee=WALKED, navigation_queued=9, navigation_read=9, news_found=True, news_probe="absent"), [], "unknown", "shallow_check", (SITE,)),
    ("/news could not be fetched", Coverage(hub_read=True, committee=WALKED, navigation_queued=9, navigation_read=9, news_probe="failed"), [], "unknown", "shallow_check", (SITE,)),
    ("no news section, hub never read", Coverage(committee=WALKED, navigation_queued=9, navigation_read=9, news_probe="absent"), [], "unknown", "shallow_check", (SITE,)),
    ("search used, hub read, no committee system anywhere", Coverage(search="used", hub_read=True), [], "no_cpc", None, ()),
    ("search used, whole menu read, no committee system", Coverage(search="used", navigation_queued=8, navigation_read=8), [], "no_cpc", None, ()),
    ("search used, menu read in part, no committee system", Coverage(search="used", navigation_queued=24, navigation_read=24, navigation_truncated=True), [], "unknown", "shallow_check", (COMMITTEE,)),
    ("search used, a menu page failed, no committee system", Coverage(search="used", navigation_queued=8, navigation_read=7), [], "unknown", "shallow_check", (COMMITTEE,)),
    ("search used, committee absence never looked for", Coverage(search="used"), [], "unknown", "shallow_check", (COMMITTEE,)),
    ("committee entry read but never walked", Coverage(search="used", hub_read=True, committee=ENTRY_ONLY), [], "unknown", "shallow_check", (COMMITTEE,)),
    ("committee link found but could not be read", Coverage(search="used", hub_read=True, committee=LINK_FAILED), [], "unknown", "shallow_check", (COMMITTEE,)),
    ("search robots-disallowed, no sitemap", Coverage(search="robots_disallowed", committee=WALKED), [], "unknown", "shallow_check", (SITE,)),
    ("search javascript-only, no sitemap", Coverage(search="javascript_only", committee=WALKED), [], "unknown", "shallow_check", (SITE,)),
    ("evidence of a CPC, coverage met", Coverage(search="used", committee=WALKED), ["announcement"], "cpc_no_report", None, ()),
    ("evidence of a CPC, shallow", Coverage(committee=WALKED), ["announcement"], "unknown", "shallow_check", (SITE,)),
    ("a report needs no coverage", Coverage(), ["feedback_report"], "published", None, ()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("coverage", "kinds", "verdict", "reason", "missing"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_coverage_standard(coverage, kinds, verdict, reason, missing):
    got = decide(SiteOutcome(None, 0, facts(coverage)), [Doc(k) for k in kinds])
    assert (got.verdict, got.reason, got.missing) == (verdict, reason, missing)


def test_a_site_failure_is_its_own_reason_not_a_shallow_check():
    assert decide(SiteOutcome("javascript_required", 0, frozenset()), []).reason == (
        "javascript_required"
    )


def test_summary_wording():
    record = Coverage(search="used", sitemaps=SITEMAP, committee=WALKED, news_read=True)
    assert coverage_summary(record) == "site search, sitemap, committee papers, news"
    shallow = Coverage(missing=[COMMITTEE])
    assert coverage_summary(shallow) == "home page only; not enough: committee papers"
    assert coverage_summary(None) == ""
    no_news = Coverage(hub_read=True, committee=WALKED, news_probe="absent")
    assert coverage_summary(no_news) == "council pages, committee papers, no news section"


def test_record_round_trips_through_its_json_form():
    record = Coverage(search="used", sitemaps=SITEMAP, committee=WALKED, lga_routes={"index": 1})
    assert from_dict(record.to_dict()) == record
    assert coverage_summary(record.to_dict()) == coverage_summary(record)
