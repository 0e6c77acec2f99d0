"""A Scrapy DNS resolver for tests/test_ssrf.py: answers the made-up council host with
127.0.0.1, as a hostile or misconfigured DNS would, and other names as usual. Loaded by the
crawl subprocess through TWISTED_DNS_RESOLVER, so it imports nothing from the tests."""

from __future__ import annotations

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

EVIL_HOST = "www.ssrf-test.gov.uk"


class LoopbackDns(CachingThreadedResolver):
    def getHostByName(self, name, timeout=()):
        if name == EVIL_HOST:
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)
