"""HTTP cache that saves bandwidth but never hides a failure.

Every cached page is revalidated with a conditional GET (ETag / Last-Modified), so an unchanged
re-run transfers headers only. Scrapy's RFC2616 policy would also serve a stale copy when the
server answers 5xx or the connection fails; that would report a down site as healthy, so both
are switched off here.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Request, Response


class AlwaysRevalidatePolicy(RFC2616Policy):
    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        # Stale by decree; the parent adds If-None-Match / If-Modified-Since only on this path.
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


class FailureHonestCacheMiddleware(HttpCacheMiddleware):
    def process_exception(self, request: Request, exception: Exception) -> None:
        request.meta.pop("cached_response", None)
        return None
