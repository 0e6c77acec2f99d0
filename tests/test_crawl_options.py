"""CrawlOptions from `scrapy crawl -a name=value` strings: typed like the TOML config."""

from __future__ import annotations

import pytest

from scraper.options import CrawlOptions, scrapy_settings


def test_strings_are_cast_to_each_fields_type():
    options = CrawlOptions.from_strings(
        {
            "timeout": "4.5",
            "budget": "12",
            "autothrottle": "false",
            "councils": "BOL, CHE",
            "lga_index_url": "http://x.test/i",
        }
    )
    assert options.timeout == 4.5
    assert options.budget == 12
    assert options.autothrottle is False
    assert options.councils == ("BOL", "CHE")
    assert options.lga_index_url == "http://x.test/i"


def test_unknown_option_is_an_error():
    with pytest.raises(ValueError, match="unknown crawl option"):
        CrawlOptions.from_strings({"tiemout": "4"})


def test_a_non_number_for_a_number_is_an_error():
    with pytest.raises(ValueError):
        CrawlOptions.from_strings({"budget": "lots"})


def test_default_politeness_many_hosts_in_parallel_each_one_gently():
    settings = scrapy_settings(CrawlOptions())
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
    assert settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["DOWNLOAD_DELAY"] == 0.5
    # AutoThrottle starts each host at the configured delay, never below it.
    assert settings["AUTOTHROTTLE_START_DELAY"] == settings["DOWNLOAD_DELAY"]
    assert settings["CONCURRENT_REQUESTS"] >= 128


def test_autothrottle_start_delay_follows_a_configured_download_delay():
    assert scrapy_settings(CrawlOptions(download_delay=2.0))["AUTOTHROTTLE_START_DELAY"] == 2.0
    slower = CrawlOptions(download_delay=0.5, autothrottle_start_delay=3.0)
    assert scrapy_settings(slower)["AUTOTHROTTLE_START_DELAY"] == 3.0


def test_scrapy_crawl_a_options_reach_the_crawler_settings(tmp_path):
    """`scrapy crawl councils -a timeout=7 ...`: options that are Scrapy settings apply."""
    from monitor_factory import new_db_file
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

    from scraper.spiders.councils import CouncilsSpider

    settings = Settings(scrapy_settings(CrawlOptions()), priority="project")
    settings.set("PEERWATCH_DB", str(new_db_file(tmp_path)), priority="project")
    crawler = Crawler(CouncilsSpider, settings)
    spider = CouncilsSpider.from_crawler(
        crawler,
        councils="BOL",
        timeout="7",
        autothrottle="false",
        proxy="http://127.0.0.1:3128",
        download_delay="0.25",
    )
    try:
        assert crawler.settings.getfloat("DOWNLOAD_TIMEOUT") == 7.0
        assert crawler.settings.getbool("AUTOTHROTTLE_ENABLED") is False
        assert crawler.settings.get("PEERWATCH_PROXY") == "http://127.0.0.1:3128"
        assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 0.25
        # Options that are not given keep the project's settings.
        assert crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    finally:
        spider.session.fail("test over")
