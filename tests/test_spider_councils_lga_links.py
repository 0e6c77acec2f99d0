"""The councils spider runs alongside the LGA spider: LGA links still reach every site."""

from __future__ import annotations

from types import SimpleNamespace

from scrapy.http import Request

from db.register import Council
from scraper.options import CrawlOptions
from scraper.spiders.base import WAKE_UP
from scraper.spiders.councils import LGA_LINK_SCORE, CouncilsSpider

HOME = "http://www.example-council.gov.uk/"
REPORT = "http://www.example-council.gov.uk/peer-challenge-report.pdf"


class FakeSession(SimpleNamespace):
    def record_site(self, codes, result):
        self.recorded.append((codes, result))

    def add_document(self, doc):
        self.documents.append(doc)

    def known_document_urls(self, code):
        return []


def spider_with_one_site(*, lga_pending: bool):
    council = Council(code="EXC", name="Example Council", website=HOME)
    session = FakeSession(
        options=CrawlOptions(),
        councils=[council],
        lga_pending=lga_pending,
        lga_listeners=[],
        lga_council_links={},
        recorded=[],
        documents=[],
    )
    spider = CouncilsSpider()
    spider.session = session
    crawled: list[Request] = []
    spider.crawler = SimpleNamespace(engine=SimpleNamespace(crawl=crawled.append))
    spider._build_sites()
    session.lga_listeners.append(spider)
    key = next(iter(spider.sites))
    site = spider.sites[key]
    site.home_ok = True  # home page read, frontier already empty
    return spider, session, key, site, crawled


def test_a_searched_site_waits_for_the_lga_then_follows_its_links():
    spider, session, key, site, crawled = spider_with_one_site(lga_pending=True)
    assert list(spider.pump(key)) == []
    assert not site.done and session.recorded == []  # parked, not finished

    session.lga_council_links["EXC"] = {REPORT}
    spider.lga_link("EXC", REPORT)
    assert [r.url for r in crawled] == [REPORT]
    assert crawled[0].meta["score"] == LGA_LINK_SCORE

    # The LGA ends while that request is in flight: the site finishes after it, not before.
    site.in_flight = 1
    session.lga_pending = False
    spider.lga_finished()
    assert not site.done
    site.in_flight = 0
    list(spider.pump(key))
    assert site.done and [codes for codes, _ in session.recorded] == [("EXC",)]


def test_without_the_lga_spider_a_dry_site_finishes_at_once():
    spider, session, key, site, crawled = spider_with_one_site(lga_pending=False)
    list(spider.pump(key))
    assert site.done and crawled == []


def test_a_parked_site_finishes_when_the_lga_brings_nothing_for_it():
    spider, session, key, site, crawled = spider_with_one_site(lga_pending=True)
    list(spider.pump(key))
    session.lga_pending = False
    spider.lga_finished()
    # Nothing crawled but the engine's wake-up call (dropped before the scheduler).
    assert site.done and [r for r in crawled if not r.meta.get(WAKE_UP)] == []
