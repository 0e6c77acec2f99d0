"""Every council website being checked in one crawl, found by its key, a council's code or a host.

Councils that share a website share one SiteCheck. A host belongs to the site whose registrable
domain it is under, or to the site that claimed it (a committee system or a CDN on another
domain: scraper.sitecheck.HostIndex).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from db.register import Council
from scraper.domains import host_of, registrable_domain
from scraper.sitecheck import HostIndex, SiteAccount, SiteCheck


class SiteRegistry:
    def __init__(self) -> None:
        #: Host of the home page -> its check.
        self.sites: dict[str, SiteCheck] = {}
        self.hosts = HostIndex()
        self._by_domain: dict[str, SiteCheck] = {}
        self._key_by_code: dict[str, str] = {}

    def add_councils(self, councils: list[Council], budget: int) -> list[Council]:
        """A check per website; returns the councils that have none."""
        without_website = []
        for council in councils:
            if not council.website:
                without_website.append(council)
                continue
            home = (
                council.website
                if council.website.endswith("/") or urlsplit(council.website).path
                else council.website + "/"
            )
            key = host_of(home)
            self._key_by_code[council.code] = key
            if key in self.sites:
                self.sites[key].codes += (council.code,)
                continue
            site = SiteCheck(
                (council.code,), council.name, home, SiteAccount(budget), hosts=self.hosts
            )
            self.sites[key] = site
            self._by_domain.setdefault(site.domain, site)
        return without_website

    def key_for(self, code: str) -> str | None:
        """The key of the site council `code` is checked on."""
        return self._key_by_code.get(code)

    def site_for_host(self, host: str) -> SiteCheck | None:
        return (
            self.hosts.committee.get(host)
            or self._by_domain.get(registrable_domain(host))
            or self.hosts.offsite.get(host)
        )
