"""Sitemaps: a sitemap index gives more sitemaps, a urlset gives page and document URLs.

Sites announce sitemaps in robots.txt (`Sitemap:` lines, often at paths other than
/sitemap.xml) and serve them gzipped (`sitemap.xml.gz`); both are read here.
"""

from __future__ import annotations

import re

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

#: A sitemap this large is a database dump, not a map; its first entries are enough.
MAX_ENTRIES = 50_000
#: A gzipped sitemap may inflate to at most this (the sitemap protocol's own limit is 50 MB).
MAX_INFLATED = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


def read_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs); gzipped bodies are inflated; junk gives two empty lists."""
    if body[:2] == _GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=MAX_INFLATED)
        except Exception:  # noqa: BLE001 - a truncated or oversized archive
            return [], []
    try:
        sitemap = Sitemap(body)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk
        return [], []
    locs = [
        entry["loc"]
        for _, entry in zip(range(MAX_ENTRIES), sitemap, strict=False)
        if "loc" in entry
    ]
    if sitemap.type == "sitemapindex":
        return locs, []
    return [], locs


def robots_sitemaps(robots_txt: bytes, base_url: str) -> list[str]:
    """The `Sitemap:` URLs announced in a robots.txt, absolute."""
    return list(dict.fromkeys(sitemap_urls_from_robots(robots_txt, base_url=base_url)))


def is_gzipped(url: str, body: bytes) -> bool:
    return body[:2] == _GZIP_MAGIC or bool(re.search(r"\.gz(?:$|\?)", url))
