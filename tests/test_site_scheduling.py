"""One site's check schedules its own requests; the registry finds a site by code or host; CPC
finds become documents with the partners a joint report names."""

from __future__ import annotations

from db.register import Council, packaged_register
from db.resolver import Resolver
from scraper.classify import Classification, DocKind, ExtractedText
from scraper.discovery.links import Link
from scraper.site_documents import Find, document_for, documents_from_files
from scraper.sitecheck import SiteAccount, SiteCheck
from scraper.sites import SiteRegistry

HOME = "http://www.x.gov.uk/"


def site(budget: int = 60) -> SiteCheck:
    return SiteCheck(("X",), "Xby", HOME, SiteAccount(budget))


def test_the_home_page_goes_first_and_alone():
    check = site()
    check.add(HOME + "report.pdf", 0.9)
    home = check.start()
    assert (home.url, home.role, check.in_flight) == (HOME, "home", 1)
    assert list(check.next_requests(limit=1)) == []  # nothing else before the home page is read


def test_the_best_candidates_go_while_fewer_than_the_limit_are_in_flight():
    check = site()
    for path, score in (("a", 0.3), ("b", 0.9), ("c", 0.6)):
        check.add(HOME + path, score)
    assert [c.url for c in check.next_requests(limit=2)] == [HOME + "b", HOME + "c"]
    check.answered()
    assert [c.url for c in check.next_requests(limit=2)] == [HOME + "a"]


def test_a_dry_check_reads_its_menus_once_before_it_is_idle():
    check = site()
    check.start()
    check.answered()
    check.home_ok = True
    check.navigation = [Link(HOME + "your-council", "Your council"), Link(HOME + "bins", "Bins")]
    # No news link was met: /news is looked at beside the menus (issue 9: a news section
    # shown absent counts towards the coverage standard).
    queued = list(check.next_requests(limit=4))
    assert sorted(c.role for c in queued) == ["nav", "nav", "news_probe"]
    assert {c.url for c in queued if c.role == "news_probe"} == {HOME + "news"}
    for _ in queued:
        check.answered()
    assert list(check.next_requests(limit=4)) == [] and check.idle


def test_a_dry_check_with_a_news_link_reads_only_its_menus():
    check = site()
    check.start()
    check.answered()
    check.home_ok = True
    check.coverage.news_found = True
    check.navigation = [Link(HOME + "your-council", "Your council"), Link(HOME + "bins", "Bins")]
    assert [c.role for c in check.next_requests(limit=4)] == ["nav", "nav"]


def test_a_check_with_its_report_found_does_not_read_its_menus():
    check = site()
    check.home_ok, check.reports_found = True, 1
    check.navigation = [Link(HOME + "your-council", "Your council")]
    assert list(check.next_requests(limit=4)) == [] and check.idle


def test_a_spent_budget_stops_the_queue():
    check = site(budget=1)
    check.add(HOME + "a", 0.9)
    check.account.spend()
    assert list(check.next_requests(limit=2)) == []
    assert check.outcome_failure() == "site_down"  # the home page was never read


def test_a_finished_check_reports_its_costs_and_what_it_lost():
    check = site()
    check.start()
    check.answered()
    check.home_ok = True
    check.account.spend()
    check.account.received(1200)
    check.gone.append((HOME + "old.pdf", 404))
    check.finish()
    result = check.result()
    assert check.done and not check.idle
    assert (result.requests, result.bytes, result.gone) == (1, 1200, ((HOME + "old.pdf", 404),))
    assert result.outcome.failure is None and result.coverage.requests == 1


def test_councils_sharing_a_website_share_one_check():
    registry = SiteRegistry()
    without = registry.add_councils(
        [
            Council(code="ADU", name="Adur", website="https://www.adur-worthing.gov.uk"),
            Council(code="WOT", name="Worthing", website="https://www.adur-worthing.gov.uk/"),
            Council(code="NOW", name="Nowhere", website=""),
        ],
        budget=60,
    )
    assert [c.code for c in without] == ["NOW"]
    [(key, shared)] = registry.sites.items()
    assert shared.codes == ("ADU", "WOT") and shared.home_url == "https://www.adur-worthing.gov.uk/"
    assert registry.key_for("WOT") == key and registry.key_for("NOW") is None


def test_a_host_belongs_to_its_domain_or_to_the_first_site_that_claimed_it():
    registry = SiteRegistry()
    registry.add_councils(
        [
            Council(code="A", name="A", website="https://www.a.gov.uk/"),
            Council(code="B", name="B", website="https://www.b.gov.uk/"),
        ],
        budget=60,
    )
    a, b = registry.sites.values()
    a.allow_committee_host("https://democracy.shared-host.co.uk/ieDocHome.aspx")
    b.allow_committee_host("https://democracy.shared-host.co.uk/mgListCommittees.aspx")
    b.allow_offsite_file("https://cdn.example-blob.net/b/report.pdf")
    assert registry.site_for_host("news.a.gov.uk") is a
    assert registry.site_for_host("democracy.shared-host.co.uk") is a
    assert registry.site_for_host("cdn.example-blob.net") is b
    assert b.may_fetch("https://cdn.example-blob.net/b/report.pdf")
    assert not b.may_fetch("https://cdn.example-blob.net/b/other.pdf")
    assert registry.site_for_host("www.c.gov.uk") is None


def _find(
    url: str, names: tuple[str, ...], *, on_committee: bool = False, kind=DocKind.FEEDBACK_REPORT
) -> Find:
    found = Classification(
        is_cpc=True,
        kind=kind,
        reject_reason=None,
        council_names=names,
        visit=None,
        score=1.0,
        evidence=(),
    )
    extracted = ExtractedText("Corporate Peer Challenge feedback report", "CPC report", "pdf")
    return Find(url, found, extracted, "application/pdf; qs=0.9", 2048, on_committee)


def test_a_joint_report_is_the_partners_document_too():
    resolver = Resolver(packaged_register())
    find = _find("https://www.adur-worthing.gov.uk/cpc.pdf", ("Adur and Worthing Councils",))
    doc = document_for(find, "feedback_report", ("ADU",), "Read the report", resolver)
    assert doc.council_codes == ("ADU", "WOT")
    assert (doc.source, doc.content_type, doc.size) == ("council", "application/pdf", 2048)


def test_a_joint_name_of_other_councils_adds_nobody():
    resolver = Resolver(packaged_register())
    find = _find("https://www.x.gov.uk/cpc.pdf", ("Babergh and Mid Suffolk District Councils",))
    doc = document_for(find, "feedback_report", ("ADU",), "", resolver)
    assert doc.council_codes == ("ADU",)


def test_a_short_file_is_what_the_link_to_it_names_when_the_check_ends():
    resolver = Resolver(packaged_register())
    plan = "https://democracy.x.gov.uk/documents/s123/plan.pdf"
    report = "https://democracy.x.gov.uk/documents/s124/report.pdf"
    files = [_find(u, (), on_committee=True, kind=DocKind.LANDING_PAGE) for u in (plan, report)]
    docs = documents_from_files(files, ("ADU",), {plan: "CPC action plan"}, resolver)
    assert [(d.url, d.kind, d.source) for d in docs] == [
        (plan, "action_plan", "committee"),
        (report, "feedback_report", "committee"),
    ]
