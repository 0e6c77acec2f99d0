"""The LGA spider on saved pages: listing links, report attribution, the fictional sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from scrapy.http import HtmlResponse, Request

from db.runs import FoundDocument
from monitor.cli import cli
from scraper.options import CrawlOptions
from scraper.session import CrawlSession
from scraper.spiders.lga import LgaSpider
from scraper.testweb import TestWeb

FILES = Path(__file__).parent / "files"
NEW = "http://www.local.gov.uk/our-support/council-assurance-and-peer-challenge/peer-challenges-we-offer"


def response(name: str, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=(FILES / name).read_bytes(), request=Request(url))


@pytest.fixture
def spider(db_path, tmp_path):
    csv = TestWeb().write_register_csv(tmp_path / "register.csv")
    CliRunner().invoke(cli, ["--db", str(db_path), "councils", "import", str(csv)])
    session = CrawlSession.open(
        db_path, CrawlOptions(councils=("BOL",), lga_index_url=f"{NEW}/corporate-peer-3")
    )
    spider = LgaSpider()
    spider.session = session
    return spider


def test_index_yields_report_pages_pagination_and_older_list(spider):
    requests = list(spider.parse_listing(response("lga_index.html", f"{NEW}/corporate-peer-3")))
    urls = {r.url for r in requests}
    assert f"{NEW}/corporate-peer-59" in urls
    assert any("page=1" in u for u in urls)
    assert any("outcomes-peer-challenge-reports" in u for u in urls)


def test_mirror_links_are_fetched_once(spider):
    first = list(spider.follow("http://lb2.local.gov.uk/x/corporate-peer-194", spider.parse_report))
    again = list(spider.follow("http://www.local.gov.uk/x/corporate-peer-194", spider.parse_report))
    assert len(first) == 1 and again == []


def test_report_page_becomes_a_document_of_its_council(spider):
    url = f"{NEW}/corporate-peer-59"
    (doc,) = list(spider.parse_report(response("lga_report_bolton.html", url), canonical=url))
    assert isinstance(doc, FoundDocument)
    assert (doc.kind, doc.council_codes, doc.source) == ("feedback_report", ("BOL",), "lga")
    assert (doc.visit_start, doc.visit_end) == ("2024-07-09", "2024-07-12")


def test_fictional_sample_is_skipped(spider):
    url = f"{NEW}/corporate-peer-188"
    assert (
        list(spider.parse_report(response("lga_sample_fictional.html", url), canonical=url)) == []
    )
