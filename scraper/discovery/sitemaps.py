"""Sitemaps: a sitemap index gives more sitemaps, a urlset gives page and document URLs."""

from __future__ import annotations

from scrapy.utils.sitemap import Sitemap

#: A sitemap this large is a database dump, not a map; its first entries are enough.
MAX_ENTRIES = 50_000


def read_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs); malformed XML gives two empty lists."""
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
