"""What both spiders share: the crawl session, and the host checks the middlewares ask for."""

from __future__ import annotations

import scrapy
from scrapy import signals
from scrapy.http import Request

from scraper.options import CrawlOptions
from scraper.session import CrawlSession


class SessionSpider(scrapy.Spider):
    """A spider feeding a CrawlSession. Run by `peerwatch crawl`, it shares the session with
    the other spider; run alone (`scrapy crawl lga`), it opens its own session on the
    PEERWATCH_DB setting and commits it when it closes."""

    session: CrawlSession
    owns_session = False

    @classmethod
    def from_crawler(cls, crawler, *args, session: CrawlSession | None = None, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if session is None:
            given = {k: v for k, v in kwargs.items() if k in CrawlOptions.__dataclass_fields__}
            options = CrawlOptions.from_strings({**given, "spiders": cls.name})
            session = CrawlSession.open(
                crawler.settings.get("PEERWATCH_DB", "peerwatch.db"), options
            )
            spider.owns_session = True
        spider.session = session
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    def _closed(self, spider, reason: str) -> None:
        self.wrap_up(reason)
        self.session.closed_reasons[self.name] = reason
        if self.owns_session:
            self.session.finish()

    def wrap_up(self, reason: str) -> None:
        """Record whatever is still open when the spider closes."""

    def may_fetch(self, request: Request) -> bool:
        raise NotImplementedError

    def account_for(self, host: str):
        """The budget account of the site this host belongs to, if it has one."""
        return None
