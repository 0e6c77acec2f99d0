"""Every tunable of a crawl, with its default, in one place.

The `[crawl]` section of the peerwatch TOML config maps onto these field names, and
`scrapy_settings` turns them into Scrapy settings, so `scrapy crawl` and `peerwatch crawl`
behave the same.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

LGA_INDEX_URL = (
    "https://www.local.gov.uk/our-support/council-assurance-and-peer-challenge/"
    "peer-challenges-we-offer/corporate-peer-3"
)
CONTACT_URL = "https://github.com/peerwatch/peerwatch#how-the-crawl-works"
SPIDERS = ("lga", "councils")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_loopback_url(value: str) -> bool:
    host = urlsplit(value).hostname or ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _typed(name: str, value: Any, default: Any) -> Any:
    """`value` as the type of the option's default; ValueError naming `crawl.<name>`."""

    def bad(what: str) -> ValueError:
        return ValueError(f"crawl.{name} must be {what}, got {value!r}")

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true or false")
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        return float(value)
    elif isinstance(default, tuple):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    elif (default is None or isinstance(default, str)) and not (
        isinstance(value, str) or (default is None and value is None)  # proxy may be None
    ):
        raise bad("a string")
    return value


@dataclass(frozen=True)
class CrawlOptions:
    #: Sent with every request; `{contact_url}` is filled in.
    user_agent: str = "peerwatch/0.1 (+{contact_url}; CPC publication monitor)"
    contact_url: str = CONTACT_URL
    #: Requests per council website (robots.txt, committee hosts and retries included).
    budget: int = 60
    download_maxsize: int = 25 * 1024 * 1024
    #: Seconds before one request is given up.
    timeout: float = 30.0
    lga_index_url: str = LGA_INDEX_URL
    #: Proxy for every request; without it `http_proxy` / `https_proxy` apply.
    proxy: str | None = None
    #: Only for the bundled test web, never in production: the proxy (which must be on
    #: loopback) resolves host names itself, so peerwatch does not resolve them and refuse
    #: private answers. The test web serves made-up hosts that no DNS knows.
    proxy_resolves_hosts: bool = False
    #: Requests in flight over all hosts, and per host. Politeness is per host (at most
    #: `per_host_concurrency` in flight, `download_delay` apart); the global limit only decides
    #: how many hosts are crawled side by side, and a council check is a few dozen requests to
    #: each of hundreds of hosts, so it is high.
    concurrency: int = 256
    per_host_concurrency: int = 2
    autothrottle: bool = True
    #: AutoThrottle's first delay per host; never below `download_delay` (0: start there).
    autothrottle_start_delay: float = 0.0
    autothrottle_max_delay: float = 30.0
    download_delay: float = 0.5
    #: Retries of 5xx / 429 / network errors, backing off `retry_backoff` * 2**n seconds.
    retry_times: int = 2
    retry_backoff: float = 2.0
    #: A Retry-After longer than this is not waited for: the fetch fails instead.
    retry_after_max: float = 120.0
    #: HTTP cache for conditional GETs; empty means `<database directory>/httpcache`.
    http_cache: bool = True
    http_cache_dir: str = ""
    #: Council codes to crawl; empty means every current council.
    councils: tuple[str, ...] = ()
    spiders: tuple[str, ...] = SPIDERS
    #: Words typed into a council site's own search box.
    search_terms: tuple[str, ...] = ("corporate peer challenge",)
    #: Links scoring at or below this are never followed (see scraper.classify.scoring).
    link_threshold: float = 0.0
    log_level: str = "WARNING"
    #: Keep every version of every CPC document found in the evidence archive
    #: (`<database directory>/archive`), at most this many bytes per document (all its
    #: versions) and in total; a version over a cap is listed but not stored.
    archive: bool = True
    archive_max_document_bytes: int = 200 * 1024 * 1024
    archive_max_total_bytes: int = 10 * 1024 * 1024 * 1024

    def __post_init__(self) -> None:
        for name in ("archive_max_document_bytes", "archive_max_total_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(
                    f"{name} must be a whole number of bytes (0 or more), got {value!r}"
                )

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> CrawlOptions:
        """Options from a config mapping, each value's type and range checked (ValueError naming
        the option, `crawl.<name>`); unknown keys are an error, lists become tuples."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown crawl option(s): {', '.join(unknown)}")
        defaults = cls()
        clean = {k: _typed(k, v, getattr(defaults, k)) for k, v in values.items()}
        options = replace(defaults, **clean)
        options.check_ranges()
        return options

    @classmethod
    def from_strings(cls, values: dict[str, str]) -> CrawlOptions:
        """Options from command-line strings (`scrapy crawl lga -a timeout=5 -a councils=BOL,CHE`),
        each cast to its field's type; lists are comma-separated."""
        defaults = cls()
        typed: dict[str, Any] = {}
        for key, raw in values.items():
            default = getattr(defaults, key, None)
            if isinstance(default, bool):
                flag = raw.strip().lower()
                if flag not in _TRUE + _FALSE:
                    raise ValueError(f"crawl.{key} must be true or false, got {raw!r}")
                typed[key] = flag in _TRUE
            elif isinstance(default, int | float):
                try:
                    typed[key] = type(default)(raw)
                except ValueError:
                    what = "an integer" if isinstance(default, int) else "a number"
                    raise ValueError(f"crawl.{key} must be {what}, got {raw!r}") from None
            elif isinstance(default, tuple):
                typed[key] = [part.strip() for part in raw.split(",") if part.strip()]
            else:
                typed[key] = raw
        return cls.from_mapping(typed)

    def check_ranges(self) -> None:
        """Raise ValueError naming the first option outside its range."""

        def fail(name: str, what: str) -> None:
            raise ValueError(f"crawl.{name} must {what}, got {getattr(self, name)!r}")

        for name in ("budget", "download_maxsize", "concurrency", "per_host_concurrency"):
            if getattr(self, name) < 1:
                fail(name, "be at least 1")
        for name in ("timeout", "autothrottle_max_delay"):
            if getattr(self, name) <= 0:
                fail(name, "be more than 0")
        for name in (
            "autothrottle_start_delay", "download_delay", "retry_times", "retry_backoff",
            "retry_after_max",
        ):  # fmt: skip
            if getattr(self, name) < 0:
                fail(name, "not be negative")
        if not self.spiders:
            fail("spiders", "name at least one spider")
        if not set(self.spiders) <= set(SPIDERS):
            fail("spiders", f"be {' or '.join(SPIDERS)}")
        if self.proxy and not _is_http_url(self.proxy):
            fail("proxy", "be an http:// URL such as http://proxy.example:3128")
        if self.proxy_resolves_hosts and not _is_loopback_url(self.proxy or ""):
            fail("proxy_resolves_hosts", "be false unless proxy is on loopback (the test web)")
        if not _is_http_url(self.lga_index_url):
            fail("lga_index_url", "be an http:// or https:// URL")
        if self.log_level.upper() not in LOG_LEVELS:
            fail("log_level", f"be one of {', '.join(LOG_LEVELS)}")
        if not self.user_agent.strip():
            fail("user_agent", "not be empty")

    @property
    def full_user_agent(self) -> str:
        return self.user_agent.format(contact_url=self.contact_url)


def scrapy_settings(options: CrawlOptions) -> dict[str, Any]:
    """The Scrapy settings for these options (politeness, safety, cache)."""
    return {
        "BOT_NAME": "peerwatch",
        "SPIDER_MODULES": ["scraper.spiders"],
        "NEWSPIDER_MODULE": "scraper.spiders",
        "USER_AGENT": options.full_user_agent,
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": options.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": options.per_host_concurrency,
        "DOWNLOAD_DELAY": options.download_delay,
        "AUTOTHROTTLE_ENABLED": options.autothrottle,
        # AutoThrottle starts each host at max(this, DOWNLOAD_DELAY) and never goes below it.
        "AUTOTHROTTLE_START_DELAY": max(options.autothrottle_start_delay, options.download_delay),
        "AUTOTHROTTLE_MAX_DELAY": options.autothrottle_max_delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        # Spider output goes to a synchronous pipeline: Scrapy's default of 100 parallel item
        # workers per response only costs asyncio tasks (~100 per response).
        "CONCURRENT_ITEMS": 4,
        # Scrapy re-reads and re-parses a callback's source for this check whenever the bound
        # method is new, i.e. on every response: a lint, not a crawl's job.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        "DOWNLOAD_TIMEOUT": options.timeout,
        "DOWNLOAD_MAXSIZE": options.download_maxsize,
        "DOWNLOAD_WARNSIZE": options.download_maxsize // 2,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": options.retry_times,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "PEERWATCH_RETRY_BACKOFF": options.retry_backoff,
        "PEERWATCH_RETRY_AFTER_MAX": options.retry_after_max,
        "PEERWATCH_PROXY": options.proxy or "",
        "PEERWATCH_PROXY_RESOLVES_HOSTS": options.proxy_resolves_hosts,
        # Every DNS answer is checked: a council host resolving to a private address is refused.
        "TWISTED_DNS_RESOLVER": "scraper.resolver.PublicOnlyResolver",
        "PEERWATCH_BUDGET": options.budget,
        "REDIRECT_MAX_TIMES": 5,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "HTTPCACHE_ENABLED": options.http_cache,
        "HTTPCACHE_DIR": options.http_cache_dir or "httpcache",
        "HTTPCACHE_POLICY": "scraper.httpcache.AlwaysRevalidatePolicy",
        "HTTPCACHE_STORAGE": "scraper.httpcache.SqliteCacheStorage",
        "HTTPCACHE_IGNORE_HTTP_CODES": [401, 403, 407, 408, 429, 500, 502, 503, 504],
        "DOWNLOADER_MIDDLEWARES": {
            # Guard first: nothing off-site or private gets as far as robots.txt or the cache.
            "scraper.middlewares.SiteGuardMiddleware": 50,
            "scraper.middlewares.BotChallengeMiddleware": 560,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "scraper.middlewares.BackoffRetryMiddleware": 550,
            "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
            "scraper.httpcache.FailureHonestCacheMiddleware": 900,
            # Closest to the network: counts what really goes over the wire, and stops at budget.
            "scraper.middlewares.BudgetMiddleware": 950,
        },
        "ITEM_PIPELINES": {"scraper.pipelines.SessionPipeline": 300},
        "LOG_LEVEL": options.log_level,
        "FEED_EXPORT_ENCODING": "utf-8",
    }
