"""Score links so the crawler follows the ones likely to lead to CPC material first.

Council sites bury CPC pages under "your council", "performance", "transparency" or
"policies and plans" (domain notes 2.1), so those hub words earn a little; CPC words earn a
lot; calendars, news archives, logins and social media cost, because they are large and
never hold the report.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

# (pattern, weight) applied to "link text + URL"; each pattern counts once.
LINK_WEIGHTS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern, re.I), weight)
    for pattern, weight in (
        (r"corporate[\s_-]*peer", 0.6),
        (r"\bCPC\b", 0.4),
        (r"peer[\s_-]*(?:challenge|review)", 0.45),
        (r"feedback[\s_-]*report|final[\s_-]*report|full[\s_-]*report", 0.25),
        (r"action[\s_-]*plan|delivery[\s_-]*plan", 0.2),
        (r"progress[\s_-]*(?:review|report)|revisit|position[\s_-]*statement", 0.2),
        (r"\bLGA\b|local[\s_-]*government[\s_-]*association", 0.15),
        (r"(?:^|[^\d])20[12]\d(?:[^\d]|$)", 0.05),
        (r"mgAi\.aspx|ie(?:Issue|Decision)Details|mgDecisionDetails|ieListDocuments", 0.15),
        (r"/documents/s\d+/", 0.1),
        (r"\bcorporate\b", 0.1),
        (r"\bperformance\b", 0.1),
        (r"your[\s_-]*council|council[\s_-]*(?:and|&)[\s_-]*democracy|about[\s_-]*(?:the|us)", 0.1),
        (r"transparency|policies[\s_-]*(?:and|&)[\s_-]*plans|strategies", 0.1),
        (r"calendar|/events?\b|what'?s[\s_-]*on", -0.4),
        (r"/news/(?:19|20)\d\d|news[\s_-]*archive|/\d{4}/\d{2}/", -0.3),
        (r"log[\s_-]*in|sign[\s_-]*in|my[\s_-]*account|register\b", -0.5),
        (r"facebook|twitter|x\.com|linkedin|instagram|youtube|tiktok|mailto:|tel:", -0.8),
        (r"planning[\s_-]*applications?|bin[\s_-]*collection|council[\s_-]*tax|parking", -0.5),
        (r"\b(?:finance|planning|adult[\s_-]*social|children'?s|send|equality)[\s_-]*peer", -0.6),
    )
)


def _lowercased(pattern: str) -> str:
    """The pattern's literal letters in lower case; escapes (\\d, \\b, \\D...) untouched."""
    return re.sub(r"\\.|[A-Z]", lambda m: m[0] if m[0][0] == "\\" else m[0].lower(), pattern)


#: The same patterns, case-sensitive, for lower-cased ASCII haystacks: on ASCII text this is
#: exactly re.I matching, and several times faster (re.I defeats the literal-prefix scan).
_ASCII_WEIGHTS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(_lowercased(pattern.pattern)), weight) for pattern, weight in LINK_WEIGHTS
)


@lru_cache(maxsize=65536)  # the same menus and footers are on every page of a site
def is_cpc_landing_link(link_text: str, url: str) -> float:
    """How likely a link leads to CPC material, clamped to -1..1; above ~0.3 is worth a fetch."""
    haystack = f"{link_text} {unquote(url)}"
    if haystack.isascii():
        haystack = haystack.lower()
        weights = _ASCII_WEIGHTS
    else:
        weights = LINK_WEIGHTS
    score = sum(weight for pattern, weight in weights if pattern.search(haystack))
    return max(-1.0, min(1.0, score))
