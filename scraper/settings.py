"""Scrapy settings for `scrapy crawl lga|councils`, derived from the CrawlOptions defaults.

`peerwatch crawl` builds the same settings from its own options (scraper.crawl), so the
defaults live once, in scraper/options.py.
"""

from scraper.options import CrawlOptions, scrapy_settings

globals().update(scrapy_settings(CrawlOptions()))

#: Database the standalone `scrapy crawl` commits its run to.
PEERWATCH_DB = "peerwatch.db"
