"""HTTP cache that saves bandwidth but never hides a failure.

Every cached page is revalidated with a conditional GET (ETag / Last-Modified), so an unchanged
re-run transfers headers only. Scrapy's RFC2616 policy would also serve a stale copy when the
server answers 5xx or the connection fails; that would report a down site as healthy, so both
are switched off here.

The cache lives in one SQLite file per spider (`<cache dir>/<spider>.sqlite`, WAL) rather than
Scrapy's directory of six files per response: creating those files cost more CPU than parsing
the page. A crash leaves at worst the last few writes unstored (a cache miss next time).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.project import data_path
from w3lib.http import headers_dict_to_raw, headers_raw_to_dict


class AlwaysRevalidatePolicy(RFC2616Policy):
    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        # Stale by decree, so every cached page is revalidated with a conditional GET.
        set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


def set_conditional_validators(request: Request, cached: Response) -> None:
    """Ask the server to answer 304 if the page is unchanged (RFC 9110 section 13.1)."""
    if etag := cached.headers.get(b"ETag"):
        request.headers[b"If-None-Match"] = etag
    if last_modified := cached.headers.get(b"Last-Modified"):
        request.headers[b"If-Modified-Since"] = last_modified


class FailureHonestCacheMiddleware(HttpCacheMiddleware):
    #: Network errors that Scrapy answers from the stale cached copy: none, ever.
    DOWNLOAD_EXCEPTIONS = ()


class SqliteCacheStorage:
    """Scrapy cache storage in one SQLite table per spider, keyed by request fingerprint."""

    def __init__(self, settings) -> None:
        self.cachedir = data_path(settings["HTTPCACHE_DIR"], createdir=True)
        self.expiration_secs = settings.getint("HTTPCACHE_EXPIRATION_SECS")
        self.db: sqlite3.Connection | None = None

    def open_spider(self, spider) -> None:
        path = Path(self.cachedir, f"{spider.name}.sqlite")
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last write is fine
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS responses (fingerprint TEXT PRIMARY KEY, stored REAL,"
            " url TEXT, status INTEGER, headers BLOB, body BLOB)"
        )
        self._fingerprinter = spider.crawler.request_fingerprinter

    def close_spider(self, spider) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _key(self, request: Request) -> str:
        return self._fingerprinter.fingerprint(request).hex()

    def retrieve_response(self, spider, request: Request) -> Response | None:
        row = self.db.execute(
            "SELECT stored, url, status, headers, body FROM responses WHERE fingerprint = ?",
            (self._key(request),),
        ).fetchone()
        if row is None:
            return None
        stored, url, status, raw_headers, body = row
        if 0 < self.expiration_secs < time.time() - stored:
            return None
        headers = Headers(headers_raw_to_dict(raw_headers))
        cls = responsetypes.from_args(headers=headers, url=url, body=body)
        request.meta["cache_timestamp"] = stored
        return cls(url=url, headers=headers, status=status, body=body)

    def store_response(self, spider, request: Request, response: Response) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
            (
                self._key(request),
                time.time(),
                response.url,
                response.status,
                headers_dict_to_raw(response.headers),
                response.body,
            ),
        )
