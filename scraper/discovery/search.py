"""The council site's own search box: find the form on the home page and fill it in."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

from scrapy.http import Response, TextResponse

_QUERY_NAMES = ("q", "query", "search", "keys", "keywords", "term", "s", "searchtext", "k")


def search_urls(response: Response, terms: tuple[str, ...]) -> list[str]:
    """GET URLs for each term, from the first search form on the page."""
    if not isinstance(response, TextResponse):
        return []
    for form in response.xpath("//form"):
        method = (form.attrib.get("method") or "get").lower()
        action = form.attrib.get("action") or ""
        inputs = form.xpath(".//input[@name]")
        names = [i.attrib["name"] for i in inputs]
        is_search = (
            form.attrib.get("role") == "search"
            or "search" in action.lower()
            or any(i.attrib.get("type") == "search" for i in inputs)
        )
        field = next((n for n in names if n.lower() in _QUERY_NAMES), None)
        if method != "get" or not is_search or not field:
            continue
        target = urljoin(response.url, action or response.url)
        return [f"{target}{'&' if '?' in target else '?'}{urlencode({field: t})}" for t in terms]
    return []
