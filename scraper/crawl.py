"""`run_crawl`: one run of the LGA and councils spiders, side by side, committed atomically.

The two spiders share no host. The councils spider starts at once; links found on LGA report
pages reach it as they are found (`CrawlSession.add_lga_link`), and a council site whose
frontier runs dry waits for the LGA spider to finish before it is closed, so every LGA link is
still followed. Verdicts are decided at commit time, once both spiders are done.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from scraper.options import SPIDERS, CrawlOptions, scrapy_settings
from scraper.session import CrawlSession, Progress

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
logger = logging.getLogger(__name__)


#: Loggers whose warnings are about failures the crawl handles (a broken PDF, a truncated body:
#: the document or site gets a reason). At WARNING they would reach the console, and cron would
#: mail every run; their errors still show. Retries given up are logged at INFO by
#: scraper.middlewares.BackoffRetryMiddleware for the same reason.
HANDLED_FAILURE_LOGGERS = ("pypdf", "scrapy.core.downloader.handlers.http11")


def quiet_handled_failures() -> None:
    for name in HANDLED_FAILURE_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


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
        quiet_handled_failures()  # after CrawlerProcess: its logging setup resets scrapy.* levels
        classes = spider_classes()
        from twisted.internet import defer, reactor

        def lga_ended(result):
            session.end_lga()  # also when the LGA crawl failed to start: never wait for it
            return result

        @defer.inlineCallbacks
        def side_by_side():
            try:
                crawls = []
                for name in SPIDERS:
                    if name in options.spiders:
                        crawl = process.crawl(classes[name], session=session)
                        if name == "lga":
                            crawl.addBoth(lga_ended)
                        crawls.append(crawl)
                results = yield defer.DeferredList(crawls, consumeErrors=True)
                for ok, failure in results:
                    if not ok:
                        logger.error("crawl failed: %s", failure.getTraceback())
            finally:
                reactor.stop()

        reactor.callWhenRunning(side_by_side)
        process.start(stop_after_crawl=False)
        if set(session.closed_reasons) != set(options.spiders):
            raise RuntimeError(f"crawl stopped early: {session.closed_reasons or 'no spider ran'}")
        session.finish()
    except BaseException as exc:
        session.fail(f"{type(exc).__name__}: {exc}")
        raise
    return session.run_id
