"""Pages that stand in front of a site's content: JavaScript app shells and consent walls.

A council home page that shows nothing without JavaScript, or answers with a cookie-consent
wall, has not been searched however many requests went to it: reading it as content would turn
"we could not see the site" into "nothing published". Pure functions over a parsed page.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

#: A page with less visible text than this and almost no links shows nothing by itself.
SHELL_TEXT_CHARS = 200
SHELL_LINKS = 3
#: Consent walls as councils' consent platforms word them (GOV.UK cookie banner wording,
#: Civic Cookie Control, OneTrust, Google's "Before you continue").
CONSENT_WORDS = re.compile(
    r"\bcookies\s+on\b|\baccept\s+(?:all\s+|additional\s+)?cookies\b|\breject\s+(?:all\s+|"
    r"additional\s+)?cookies\b|\bcookie\s+(?:consent|preferences|settings|control)\b|"
    r"\bbefore\s+you\s+continue\b|\bwe\s+value\s+your\s+privacy\b|\bmanage\s+(?:cookie\s+)?"
    r"(?:consent|preferences)\b",
    re.I,
)
CONSENT_LINKS = 6


def _visible_text(root) -> str:
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return " ".join(" ".join(root.xpath("//body//text()")).split())


def page_blocker(body: bytes) -> str | None:
    """`javascript_required`, `consent_wall` or None for an HTML page that shows content."""
    try:
        root = lxml_html.fromstring(body)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    links = len(root.xpath("//body//a[@href]"))
    scripts = len(root.xpath("//script"))
    title = " ".join(root.xpath("//title//text()") + root.xpath("//h1//text()"))
    text = _visible_text(root)
    consent = CONSENT_WORDS.search(title) or CONSENT_WORDS.search(text[:600])
    if links < CONSENT_LINKS and consent and root.xpath("//form|//button"):
        return "consent_wall"
    if scripts and links < SHELL_LINKS and len(text) < SHELL_TEXT_CHARS:
        return "javascript_required"
    return None
