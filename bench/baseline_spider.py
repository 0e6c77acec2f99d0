"""The generic baseline peerwatch is measured against: a plain Scrapy CrawlSpider.

It is what one would write without knowing anything about councils or CPCs: start at each
council's home page, follow every same-domain link up to depth 3, and keep every link whose URL
or text mentions a peer challenge or peer review. Its verdict per council:

- `unknown` when the home page could not be fetched;
- `published` when a kept link also says "report" or "feedback";
- `cpc_no_report` when links were kept but none of them says so;
- `no_cpc` otherwise.

Politeness matches peerwatch's defaults (robots.txt, 2 requests per host, the same delay,
AutoThrottle, timeout and retries), so the comparison is about strategy, not manners.

Run: ``python -m bench.baseline_spider REGISTER.csv OUT.json [--timeout S]``; the proxy comes from
``http_proxy`` like any Scrapy crawl.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import defaultdict
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule

from scraper.options import CrawlOptions

KEYWORDS = re.compile(r"peer[\s_-]*(?:challenge|review)", re.I)
REPORT_WORDS = re.compile(r"report|feedback", re.I)
DEPTH = 3


class BaselineSpider(CrawlSpider):
    name = "baseline"
    #: Every link, documents included, is matched; only pages are followed (Scrapy's default
    #: extractor skips .pdf, .docx and other binary extensions).
    every_link = LinkExtractor(deny_extensions=())
    rules = (Rule(LinkExtractor(), callback="match_links", follow=True),)

    def __init__(self, councils: dict[str, str], **kwargs) -> None:
        """`councils`: code -> home page URL."""
        self.home = councils
        self.code_of = {urlsplit(url).hostname: code for code, url in councils.items()}
        self.start_urls = list(councils.values())
        self.allowed_domains = sorted(self.code_of)
        self.found: dict[str, dict[str, str]] = defaultdict(dict)
        self.home_ok: set[str] = set()
        super().__init__(**kwargs)

    async def start(self):
        for url in self.start_urls:
            yield Request(url, callback=self._parse, errback=self.home_failed, dont_filter=True)

    def parse_start_url(self, response):
        code = self.code_of.get(urlsplit(response.url).hostname or "")
        if code and response.status == 200:
            self.home_ok.add(code)
        return self.match_links(response)

    def home_failed(self, failure) -> None:
        self.logger.info("home page failed: %s", failure.request.url)

    def match_links(self, response):
        code = self.code_of.get(urlsplit(response.url).hostname or "")
        if code is None or not hasattr(response, "text"):
            return
        for link in self.every_link.extract_links(response):
            if KEYWORDS.search(link.url) or KEYWORDS.search(link.text or ""):
                self.found[code][link.url] = " ".join((link.text or "").split())
        return ()

    def verdicts(self) -> dict[str, dict]:
        out = {}
        for code in self.home:
            links = self.found.get(code, {})
            reports = [u for u, text in links.items() if REPORT_WORDS.search(u + " " + text)]
            if code not in self.home_ok:
                verdict = "unknown"
            elif reports:
                verdict = "published"
            elif links:
                verdict = "cpc_no_report"
            else:
                verdict = "no_cpc"
            out[code] = {"verdict": verdict, "reports": sorted(reports), "links": sorted(links)}
        return out


def settings(timeout: float) -> dict:
    """Scrapy defaults plus peerwatch's politeness and the depth limit."""
    o = CrawlOptions()
    return {
        "USER_AGENT": "peerwatch-bench-baseline/1",
        "ROBOTSTXT_OBEY": True,
        "DEPTH_LIMIT": DEPTH,
        "CONCURRENT_REQUESTS": o.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": o.per_host_concurrency,
        "DOWNLOAD_DELAY": o.download_delay,
        "AUTOTHROTTLE_ENABLED": o.autothrottle,
        "AUTOTHROTTLE_START_DELAY": o.autothrottle_start_delay,
        "AUTOTHROTTLE_MAX_DELAY": o.autothrottle_max_delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": o.download_maxsize,
        "RETRY_TIMES": o.retry_times,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("register", help="CSV with code and website columns")
    parser.add_argument("out", help="where to write the verdicts (JSON)")
    parser.add_argument("--timeout", type=float, default=CrawlOptions().timeout)
    parser.add_argument("--council", action="append", default=[], help="only these codes")
    args = parser.parse_args(argv)
    with open(args.register, newline="", encoding="utf-8") as f:
        councils = {r["code"]: r["website"] for r in csv.DictReader(f)}
    if args.council:
        councils = {c: councils[c] for c in args.council}
    process = CrawlerProcess(settings(args.timeout))
    crawler = process.create_crawler(BaselineSpider)
    process.crawl(crawler, councils=councils)
    process.start()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(crawler.spider.verdicts(), f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
