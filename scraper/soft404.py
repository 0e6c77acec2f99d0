"""Soft 404s: a removed document whose URL answers 200 with a "page not found" page.

Many council CMSs (and the CDNs in front of them) answer a missing page with status 200 and a
friendly error page, or redirect every dead link to one. Taken at face value that is a
*change* (the report's text became "Sorry, we can't find that page"); it is a removal. This is
a pure function over the page's title, main heading and main text, with the wording as data.

The wordings are the real variety of UK public-sector sites: the GOV.UK design system ("Page
not found", "If you typed the web address, check it is correct"), LocalGov Drupal ("The
requested page could not be found"), Jadu and GOSS themes ("Sorry, we couldn't find the page
you were looking for", "Error 404"), WordPress ("Oops! That page can't be found", "Nothing
found"), IIS/ASP.NET ("The resource cannot be found") and SharePoint/modern.gov ("The requested
document could not be found"). A page is a soft 404 when its title or heading says so, or when
its text is short and says so in a sentence; a long page that merely mentions "404" (a report
paragraph, a planning reference) is not.
"""

from __future__ import annotations

import re

#: A title or main heading that is itself the error (matched against the whole heading, with
#: the site name that titles often carry after a separator removed).
NOT_FOUND_HEADINGS: tuple[str, ...] = (
    r"(error )?404( error)?( - )?( page)?( not found)?",
    r"(error:? )?(the )?page (was )?(is )?not found",
    r"page cannot be found|page can ?not be found|page could not be found",
    r"(oops!? )?(that|this) page can[’']?t be found",
    r"(sorry, )?(we|we've) (can[’']?t|cannot|couldn[’']?t|could not) find (that|this|the) page",
    r"(document|file|resource|content) not found",
    r"not found",
    r"nothing (was )?found",
    r"(this |that |the )?page (no longer|does not|doesn[’']?t) exists?",
    r"sorry,? (this|that) page (isn[’']?t|is not) available",
)

#: Sentences that only error pages say; enough on a short page.
NOT_FOUND_PHRASES: tuple[str, ...] = (
    r"page (you|you've|you have) (requested|were looking for|are looking for|wanted)"
    r"( (could|can|cannot|can[’']?t|does|did))? ?(not|n[’']?t)? (be found|exist|found)",
    r"(we|we've) (can[’']?t|cannot|couldn[’']?t|could not|were unable to) find (that|this|the)"
    r" (page|document|file)",
    r"the requested (page|document|file|url|resource) (could not|cannot|can ?not|was not) be"
    r" (found|located)|the requested (page|document|file|url) was not found",
    r"the resource (you are looking for )?cannot be found",
    r"if you (typed|pasted|entered) the (web )?address,? check",
    r"(this|the) page (may|might) have been (moved|removed|deleted|renamed)",
    r"(page|document|file) (has been|was) (moved or deleted|removed or renamed|deleted)",
    r"it looks like nothing was found at this location",
    r"(error|http) 404",
)

#: Main text longer than this is a real page that happens to use the words.
SHORT_PAGE_CHARS = 1500

_SEPARATORS = re.compile(r"\s+[|\-–—:»]\s+")
_HEADING_RES = [re.compile(rf"^(?:{p})[.!]?$") for p in NOT_FOUND_HEADINGS]
_PHRASE_RES = [re.compile(p) for p in NOT_FOUND_PHRASES]


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _heading_says_not_found(heading: str) -> bool:
    """True when the heading, or any part of a "Page not found | Council" title, is the error."""
    text = _norm(heading)
    if not text:
        return False
    parts = [text, *(_norm(p) for p in _SEPARATORS.split(heading))]
    return any(r.match(part) for part in parts for r in _HEADING_RES)


def is_soft_404(title: str, heading: str, text: str) -> bool:
    """Whether an HTML page answered with status 200 is really a "page not found" page."""
    if _heading_says_not_found(heading) or _heading_says_not_found(title):
        return True
    body = _norm(text)
    return len(body) <= SHORT_PAGE_CHARS and any(r.search(body) for r in _PHRASE_RES)
