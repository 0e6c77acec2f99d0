"""`run_crawl`: one run of the LGA spider then the councils spider, committed atomically."""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from scraper.options import SPIDERS, CrawlOptions, scrapy_settings
from scraper.session import CrawlSession, Progress

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


def spider_classes() -> dict[str, type]:
    from scraper.spiders.councils import CouncilsSpider
    from scraper.spiders.lga import LgaSpider

    return {"lga": LgaSpider, "councils": CouncilsSpider}


def run_crawl(db_path: str | Path, options: CrawlOptions, progress: Progress | None = None) -> int:
    """Crawl, commit the run, and return its id. A process killed midway leaves the run
    `running` (then `incomplete`), never half-written. Runs once per process (Twisted)."""
    unknown = set(options.spiders) - set(SPIDERS)
    if unknown:
        raise ValueError(f"unknown spider(s) {sorted(unknown)}; choose from {SPIDERS}")
    session = CrawlSession.open(db_path, options, progress)
    settings = scrapy_settings(options)
    settings["HTTPCACHE_DIR"] = str(
        Path(options.http_cache_dir or Path(db_path).resolve().parent / "httpcache").resolve()
    )
    try:
        if not is_reactor_installed():
            install_reactor(ASYNCIO_REACTOR)
        process = CrawlerProcess(settings)
        classes = spider_classes()
        from twisted.internet import defer, reactor

        @defer.inlineCallbacks
        def in_order():
            try:
                for name in SPIDERS:
                    if name in options.spiders:
                        yield process.crawl(classes[name], session=session)
            finally:
                reactor.stop()

        reactor.callWhenRunning(in_order)
        process.start(stop_after_crawl=False)
        if set(session.closed_reasons) != set(options.spiders):
            raise RuntimeError(f"crawl stopped early: {session.closed_reasons or 'no spider ran'}")
        session.finish()
    except BaseException as exc:
        session.fail(f"{type(exc).__name__}: {exc}")
        raise
    return session.run_id
