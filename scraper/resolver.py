"""DNS for the crawl: Scrapy's caching resolver, refusing every answer that is not a public
address (loopback, private, link-local, shared, reserved, multicast).

Checking URLs alone is not enough: a council host name (or one it redirects to) may resolve to
127.0.0.1, 10.x or the cloud metadata address 169.254.169.254. Two checks use `public_address`:

- `PublicOnlyResolver` (Scrapy's TWISTED_DNS_RESOLVER) checks the very answer the connection
  uses, so there is no gap between the check and the connect for a name to change its answer;
- `SiteGuardMiddleware` resolves every request's host before it is sent (redirects included,
  as they pass the middleware again), to refuse it with the reason `private_address`, and so
  that a request sent through a proxy, which resolves the name itself, is checked as well.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError


class PrivateAddressLookupError(DNSLookupError):
    """A host name resolved to an address the crawler must never connect to."""


def is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def public_address(name: str, address: str) -> str:
    """`address` if it is a public (globally routable) one; else PrivateAddressLookupError."""
    ip = ipaddress.ip_address(address)
    if not ip.is_global or ip.is_multicast:
        raise PrivateAddressLookupError(f"{name} resolves to {address}, not a public address")
    return address


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's default resolver (cached, with DNS_TIMEOUT), answers checked by
    `public_address`. IP literals pass untouched: the site guard refuses IP-literal URLs, so
    the only literal asked about is a configured proxy."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred:
        if is_ip_literal(name):
            return defer.succeed(name)
        return self.lookup(name, timeout).addCallback(lambda address: public_address(name, address))

    def lookup(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred:
        """The unchecked answer (Scrapy's caching threaded lookup)."""
        return super().getHostByName(name, timeout)
