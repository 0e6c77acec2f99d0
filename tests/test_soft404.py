"""Soft 404s: "page not found" pages answered with 200, recognised by their wording (real
variety of UK public-sector sites), and real pages that mention the words left alone."""

from __future__ import annotations

import pytest

from scraper.soft404 import is_soft_404

SOFT_404S = [
    # (title, main heading, main text)
    (
        "Page not found - GOV.UK",
        "Page not found",
        "If you typed the web address, check it is correct.",
    ),
    ("Page not found | Bolton Council", "Page not found", "The requested page could not be found."),
    ("Sorry, we can't find that page | Welwyn Hatfield", "Sorry, we can't find that page", ""),
    ("Error 404 - Kensington and Chelsea", "Error 404", "Try the search."),
    ("404", "", ""),
    ("Oops! That page can’t be found. – Town Council", "Oops! That page can’t be found.", ""),
    ("Nothing found", "Nothing found", "It looks like nothing was found at this location."),
    (
        "Hyndburn Borough Council",
        "Hyndburn Borough Council",
        "Sorry, the page you were looking for could not be found. It may have been moved or deleted.",
    ),
    ("Council home", "", "We couldn't find the page you were looking for. Search our site."),
    (
        "Server Error in '/' Application.",
        "Server Error in '/' Application.",
        "The resource cannot be found.",
    ),
    ("Document not found", "Document not found", ""),
    ("Committee papers", "", "The requested document could not be found."),
    ("Our council", "This page no longer exists", ""),
]

REAL_PAGES = [
    (
        "Corporate Peer Challenge report",
        "Corporate Peer Challenge",
        "The peer team found 404 new homes were completed. " * 40,
    ),
    ("Planning application 22/0404/FUL", "Planning application 22/0404/FUL", "Decision: approved."),
    (
        "Peer challenge",
        "Corporate peer challenge",
        "The report was not found to contain errors. The council welcomed the findings.",
    ),
    ("Contact us", "Contact us", "Call 01234 567890 if you cannot find what you need. " * 40),
    (
        "Peer challenge action plan",
        "Action plan",
        "Recommendation 4: the page you requested on the intranet could not be found quickly. "
        * 30,
    ),
]


@pytest.mark.parametrize(("title", "heading", "text"), SOFT_404S)
def test_page_not_found_wording_is_a_soft_404(title, heading, text):
    assert is_soft_404(title, heading, text)


@pytest.mark.parametrize(("title", "heading", "text"), REAL_PAGES)
def test_real_pages_that_use_the_words_are_not(title, heading, text):
    assert not is_soft_404(title, heading, text)
