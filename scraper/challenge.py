"""Recognise bot-challenge interstitials (Cloudflare, Akamai, Imperva...) instead of reading them.

A challenge page is not the council's site: reading it as content would turn "we were blocked"
into "nothing published", which peerwatch must never say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Response headers that only challenge interstitials carry.
CHALLENGE_HEADERS = {"cf-mitigated": re.compile(r"challenge", re.I)}
#: Markers in the first part of a challenge page's HTML.
CHALLENGE_MARKERS = re.compile(
    rb"<title>\s*(?:Just a moment\.\.\.|Attention Required!|Access denied|Pardon Our Interruption)"
    rb"|cf-turnstile|challenges\.cloudflare\.com|cf-chl-|_Incapsula_Resource|"
    rb"Verifying you are human|ak-challenge|/_Incapsula_|px-captcha",
    re.I,
)
#: Challenge pages are small; a 200 page that merely mentions Cloudflare is content.
SNIFF_BYTES = 20_000
CHALLENGE_STATUSES = frozenset({403, 429, 503})


def is_bot_challenge(status: int, headers: Mapping[str, str], body: bytes) -> bool:
    """True when the response is an interstitial asking the client to prove it is human."""
    for name, pattern in CHALLENGE_HEADERS.items():
        if pattern.search(headers.get(name, "")):
            return True
    head = body[:SNIFF_BYTES]
    if status in CHALLENGE_STATUSES:
        return bool(CHALLENGE_MARKERS.search(head))
    return status == 200 and len(body) < SNIFF_BYTES and bool(CHALLENGE_MARKERS.search(head))
