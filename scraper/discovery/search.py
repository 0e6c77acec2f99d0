"""The council site's own search box: find the form on the home page and fill it in.

A search box that only works with JavaScript (an input outside any GET form, or a form with
no query field) cannot be used, and the coverage record says so rather than "absent".
"""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

from scrapy.http import Response, TextResponse

_QUERY_NAMES = (
    "q", "query", "search", "keys", "keywords", "term", "s", "searchtext", "k", "ss",
    "searchterm", "search_api_fulltext", "text",
)  # fmt: skip


def find_search(response: Response, terms: tuple[str, ...]) -> tuple[str, list[str]]:
    """("form", GET URLs for each term) from the first usable search form on the page;
    ("javascript_only", []) when the page has a search box that no GET form submits;
    ("absent", []) when it has none."""
    if not isinstance(response, TextResponse):
        return "absent", []
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
        urls = [f"{target}{'&' if '?' in target else '?'}{urlencode({field: t})}" for t in terms]
        return "form", urls
    boxes = response.xpath(
        "//input[@type='search'] | //input[contains(translate(@name,'SEARCH','search'),'search')]"
        " | //*[@role='search']"
    )
    return ("javascript_only" if boxes else "absent"), []


def search_urls(response: Response, terms: tuple[str, ...]) -> list[str]:
    """GET URLs for each term, from the first search form on the page."""
    return find_search(response, terms)[1]
