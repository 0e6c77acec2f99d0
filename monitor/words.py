"""Plain English for the codes the crawler and the rules use, for digests, status and events.

A journalist forwards what peerwatch says; "cpc_no_report" and "site_down" are codes, not news.
Every reader-facing text takes its wording from here, so one verdict reads the same everywhere.
"""

from __future__ import annotations

import json

#: What a council's verdict says about it, as the end of "<council> ...".
VERDICT_WORDS = {
    "published": "has published its CPC report",
    "cpc_no_report": "had a CPC but has not published a report",
    "no_cpc": "has had no CPC that peerwatch could find",
    "unknown": "could not be checked",
    "unchecked": "has not been checked yet",
}

#: A verdict as a short label ("was: report published").
VERDICT_LABELS = {
    "published": "report published",
    "cpc_no_report": "had a CPC, has not published a report",
    "no_cpc": "no CPC found",
    "unknown": "could not be checked",
    "unchecked": "not checked yet",
}

#: Why a council's site could not be checked, as the end of "site could not be checked: ...".
REASON_WORDS = {
    "site_down": "it was down",
    "timeout": "it did not answer in time",
    "dns": "its address did not resolve",
    "robots_disallowed": "its robots.txt asks crawlers to stay out",
    "bot_challenge": "it answered with a bot challenge",
    "blocked": "it refused our requests",
    "redirect_loop": "it redirected in a loop",
    "offsite_redirect": "it redirected to another site",
    "budget_exhausted": "it was too big to search within the request budget",
    "fetch_failed": "too many of its pages failed to load",
    "too_large": "its pages were too large to read",
    "interrupted": "the crawl was stopped before it finished",
    "no_website": "no website is known for it",
    "site_not_checked": "it was not part of this run",
}


def verdict_words(verdict: str | None) -> str:
    """Plain words for a verdict code ("cpc_no_report" -> "had a CPC but has not ...")."""
    if not verdict:
        return VERDICT_WORDS["unchecked"]
    return VERDICT_WORDS.get(verdict, verdict.replace("_", " "))


def verdict_label(verdict: str | None) -> str:
    """A short label for a verdict code ("cpc_no_report" -> "had a CPC, has not published ...")."""
    if not verdict:
        return VERDICT_LABELS["unchecked"]
    return VERDICT_LABELS.get(verdict, verdict.replace("_", " "))


def reason_words(reason: str | None) -> str:
    """Plain words for why a site could not be checked ("site_down" -> "it was down")."""
    if not reason:
        return "the reason was not recorded"
    return REASON_WORDS.get(reason, reason.replace("_", " "))


def not_checked_words(reason: str | None) -> str:
    """ "site could not be checked: it was down"."""
    return f"site could not be checked: {reason_words(reason)}"


def coverage_words(check: dict) -> str:
    """How much of the council's site its latest check saw, in a few words.

    HOOK (issue 10 / branch i9crawl): i9crawl adds a per-check coverage record with its own
    plain-English summary; when it lands, return that summary here. This is the one place the
    digest and `status` ask. Until then: the reason a site could not be checked, or how many
    requests the search of a site with no CPC found took."""
    if check.get("coverage") and (
        check.get("verdict") != "unknown" or check.get("reason") == "shallow_check"
    ):
        from scraper.coverage import coverage_summary

        return coverage_summary(json.loads(check["coverage"]))
    if check.get("verdict") == "unknown":
        return not_checked_words(check.get("reason"))
    if check.get("verdict") == "no_cpc":
        if not check.get("site_ok", 1):
            return "only the LGA's pages were searched"
        requests = check.get("requests") or 0
        return f"site searched ({requests} requests)" if requests else "site searched"
    return ""
