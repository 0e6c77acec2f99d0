"""What both spiders share: the crawl session, and the host checks the middlewares ask for."""

from __future__ import annotations

import contextlib

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from scraper.crawl import quiet_handled_failures
from scraper.options import CrawlOptions, scrapy_settings
from scraper.session import CrawlSession

#: A request that only wakes the engine up; never scheduled or fetched.
WAKE_UP_URL = "data:,"
WAKE_UP = "peerwatch_wake_up"


def apply_to_settings(crawler, options: CrawlOptions) -> None:
    """The Scrapy settings these options change (timeout, autothrottle, proxy, delays, ...),
    set on the crawler at spider priority: `from_crawler` runs before Scrapy freezes the
    settings, so `scrapy crawl NAME -a timeout=10` means what `peerwatch crawl --timeout 10`
    does. `-s` settings (command-line priority) still win."""
    defaults = scrapy_settings(CrawlOptions())
    changed = {k: v for k, v in scrapy_settings(options).items() if defaults.get(k) != v}
    crawler.settings.setdict(changed, priority="spider")


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
            apply_to_settings(crawler, options)
            quiet_handled_failures()
            session = CrawlSession.open(
                crawler.settings.get("PEERWATCH_DB", "peerwatch.db"), options
            )
            spider.owns_session = True
        spider.session = session
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        crawler.signals.connect(spider._drop_wake_up, signal=signals.request_scheduled)
        return spider

    def wake_engine(self) -> None:
        """Have the engine look for work (and idleness) now rather than at its next heartbeat
        (5 s): `ExecutionEngine.crawl` always does, and `_drop_wake_up` drops this request
        before it reaches the scheduler (public APIs only: no engine internals)."""
        with contextlib.suppress(RuntimeError):  # the spider has closed: nothing to wake
            self.crawler.engine.crawl(Request(WAKE_UP_URL, meta={WAKE_UP: True}, dont_filter=True))

    @staticmethod
    def _drop_wake_up(request: Request, spider) -> None:
        if request.meta.get(WAKE_UP):
            raise IgnoreRequest("wake-up call")  # documented for request_scheduled (2.11.2)

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
