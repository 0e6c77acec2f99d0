"""Downloader middlewares: where politeness and safety are enforced for every request.

- `SiteGuardMiddleware` refuses off-site hosts, private addresses and redirect loops, and
  applies the configured proxy.
- `BotChallengeMiddleware` turns challenge interstitials into failures.
- `BackoffRetryMiddleware` is Scrapy's RetryMiddleware plus exponential backoff and Retry-After.
- `BudgetMiddleware` counts what really goes over the wire per council site and stops at budget.

Each refusal raises a subclass of `IgnoreRequest` carrying a `reason`, so the spider's errback
can say exactly why a council could not be checked.
"""

from __future__ import annotations

import email.utils
import logging
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task
from twisted.internet.error import DNSLookupError

from scraper.challenge import is_bot_challenge
from scraper.domains import host_of, private_address_reason
from scraper.resolver import PrivateAddressLookupError, public_address


class Refused(IgnoreRequest):
    """A request peerwatch will not make; `reason` is one of the unknown-verdict reasons."""

    reason = "refused"

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{self.reason}: {detail}" if detail else self.reason)
        self.detail = detail


class OffSite(Refused):
    reason = "offsite"


class PrivateAddress(Refused):
    reason = "private_address"


class RedirectLoop(Refused):
    reason = "redirect_loop"


class BotChallenge(Refused):
    reason = "bot_challenge"


class BudgetSpent(Refused):
    reason = "budget_exhausted"


class SiteGuardMiddleware:
    """Only the council's own hosts (and the LGA) are fetched, and never a private address:
    not by URL (IP literals, `localhost`) and not by what the host name resolves to."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.proxy = crawler.settings.get("PEERWATCH_PROXY") or ""
        #: Only for the bundled test web (a proxy on loopback serving made-up hosts): the proxy
        #: resolves host names, so they are not resolved and checked here (scraper/options.py).
        self.proxy_resolves_hosts = crawler.settings.getbool("PEERWATCH_PROXY_RESOLVES_HOSTS")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if reason := private_address_reason(request.url):
            raise PrivateAddress(f"{reason}: {request.url}")
        if request.url in request.meta.get("redirect_urls", ()):
            raise RedirectLoop(request.url)
        spider = self.crawler.spider
        if not spider.may_fetch(request):
            raise OffSite(request.url)
        if self.proxy and "proxy" not in request.meta:
            request.meta["proxy"] = self.proxy
        if not self.proxy_resolves_hosts and not request.url.startswith("data:"):
            await self._check_address(request)
        return None

    @staticmethod
    async def _check_address(request: Request) -> None:
        """Resolve the host (cached) and refuse a non-public answer. Failing to resolve is left
        to the download, which reports it as a DNS failure as before."""
        from twisted.internet import reactor  # the one Scrapy installed, not a default

        host = host_of(request.url)
        try:
            address = await maybe_deferred_to_future(reactor.resolve(host))
        except PrivateAddressLookupError as exc:
            raise PrivateAddress(f"{exc}: {request.url}") from None
        except DNSLookupError:
            return
        try:
            public_address(host, address)
        except PrivateAddressLookupError as exc:  # a resolver that does not check its answers
            raise PrivateAddress(f"{exc}: {request.url}") from None


class BotChallengeMiddleware:
    def process_response(self, request: Request, response: Response) -> Response:
        headers = {
            k.decode("latin-1").lower(): b", ".join(v).decode("latin-1")
            for k, v in response.headers.items()
        }
        if is_bot_challenge(response.status, headers, response.body):
            raise BotChallenge(f"{response.status} {request.url}")
        return response


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class _HandledFailureLog(logging.LoggerAdapter):
    """Scrapy's retry logger with ERROR lowered to INFO: a request that failed for good is a
    handled outcome here (the council is `unknown` with the reason), not an error to mail."""

    def process(self, msg, kwargs):
        return msg, kwargs  # keep Scrapy's own `extra`

    def log(self, level, msg, *args, **kwargs):
        super().log(min(level, logging.INFO), msg, *args, **kwargs)


_HANDLED_FAILURE_LOG = _HandledFailureLog(logging.getLogger("scrapy.downloadermiddlewares.retry"))


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries wait `backoff * 2**n` seconds, or as long as Retry-After asks when that is
    reasonable; a longer Retry-After means "not now", so the fetch fails instead."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.backoff = settings.getfloat("PEERWATCH_RETRY_BACKOFF")
        self.retry_after_max = settings.getfloat("PEERWATCH_RETRY_AFTER_MAX")

    async def process_response(self, request: Request, response: Response):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is not None and wait > self.retry_after_max:
            return response
        retry = self._retry_request(request, f"HTTP {response.status}")
        if retry is None:
            return response
        await self._sleep(wait if wait is not None else self._backoff(request))
        return retry

    async def process_exception(self, request: Request, exception: Exception):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry_request(request, exception)
        if retry is not None:
            await self._sleep(self._backoff(request))
        return retry

    def _retry_request(self, request: Request, reason) -> Request | None:
        """The retry of `request`, or None once retries are spent. Giving up is logged at
        INFO: the failure is handled (the council is `unknown` with the reason), so it must not
        reach the console or cron mail as an ERROR."""
        return get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=reason,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
            logger=_HANDLED_FAILURE_LOG,
        )

    def _backoff(self, request: Request) -> float:
        return self.backoff * 2 ** request.meta.get("retry_times", 0)

    @staticmethod
    async def _sleep(seconds: float) -> None:
        if seconds > 0:
            from twisted.internet import reactor  # the one Scrapy installed, not a default

            await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))


class BudgetMiddleware:
    """Per-site accounting of real network traffic, and the hard request budget."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        account = self.crawler.spider.account_for(host_of(request.url))
        if account is None:
            return None
        if not account.spend():
            raise BudgetSpent(request.url)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        account = self.crawler.spider.account_for(host_of(request.url))
        if account is not None:
            account.received(len(response.body))
        return response
