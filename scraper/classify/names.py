"""Recognise council names in titles, header blocks and report phrases.

Only the raw name string is returned; mapping it to a register code happens elsewhere, because
names drift (renames, "St Helens" vs "St. Helens", joint councils).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CAP = r"(?:[A-Z][\w'’.&-]*|St\.?)"
_JOIN = r"(?:and|&|of|upon|on|the|le|in|by|under|with)"
_SUFFIX = (
    r"(?:(?:Metropolitan\s+)?(?:Borough|City|County|District|Town|Parish|Unitary)\s+)?Councils?"
    r"|Corporation"
)
# "Bolton Council", "Babergh and Mid Suffolk District Councils", "City of London Corporation".
_SUFFIXED = re.compile(rf"\b{_CAP}(?:[ \t]+(?:{_CAP}|{_JOIN}))*?[ \t]+(?:{_SUFFIX})\b")
# "London Borough of Camden", "Royal Borough of Kingston upon Thames", "City of Westminster".
_PREFIXED = re.compile(
    rf"\b(?:(?:London|Royal)\s+Borough|City|Borough)\s+of\s+{_CAP}"
    rf"(?:[ \t]+(?:upon|and|on)[ \t]+{_CAP}|[ \t]+(?!Council\b){_CAP})*"
)

# Capitalised words that start a matched run but are not part of a council's own name.
_GENERIC = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "the",
        "to",
        "with",
        "this",
        "that",
        "our",
        "your",
        "each",
        "every",
        "all",
        "lga",
        "local",
        "government",
        "association",
        "corporate",
        "peer",
        "challenge",
        "review",
        "report",
        "feedback",
        "progress",
        "action",
        "plan",
        "executive",
        "summary",
        "appendix",
        "cabinet",
        "full",
        "council",
        "councils",
        "borough",
        "city",
        "county",
        "district",
        "town",
        "parish",
        "unitary",
        "metropolitan",
        "member",
        "members",
        "leader",
        "leaders",
        "chief",
        "officer",
        "officers",
        "senior",
        "principal",
        "meeting",
        "extraordinary",
        "annual",
        "special",
        "agenda",
        "item",
        "decision",
        "details",
        "issue",
        "minutes",
        "committee",
        "scrutiny",
        "overview",
        "policy",
        "performance",
        "resources",
        "team",
        "lead",
        "peers",
        "peer",
        "england",
        "english",
        "welcome",
        "dear",
        "introduction",
        "key",
        "findings",
        "recommendations",
    ]
)
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")


def _clean(name: str) -> str | None:
    """Trim leading generic words; None when nothing specific is left ("Full Council")."""
    name = _PARENTHETICAL.sub("", name).strip(" .,:;-–—'’")
    words = name.split()
    while words and words[0].lower().strip(".") in _GENERIC and not _is_prefixed(words):
        words.pop(0)
    core = [w for w in words if w.lower().strip(".") not in _GENERIC]
    return " ".join(words) if core else None


def _is_prefixed(words: list[str]) -> bool:
    """Keep "City of London" / "Royal Borough of …": there the generic word is the name."""
    return (
        len(words) > 2
        and words[1].lower() in {"of", "borough"}
        and words[0]
        in {
            "City",
            "Borough",
            "London",
            "Royal",
        }
    )


def names_in(text: str) -> list[str]:
    """Council names anywhere in a short string (title, header line, phrase), in order."""
    found: list[tuple[int, str]] = []
    for pattern in (_SUFFIXED, _PREFIXED):
        for match in pattern.finditer(text):
            cleaned = _clean(match.group(0))
            if cleaned:
                found.append((match.start(), cleaned))
    return dedupe(name for _, name in sorted(found))


def dedupe(names: Iterable[str]) -> list[str]:
    """Drop repeats and names contained in another (a joint name beats its parts)."""
    kept: list[str] = []
    for name in names:
        lowered = name.lower()
        if any(lowered in k.lower() for k in kept):
            continue
        kept = [k for k in kept if k.lower() not in lowered]
        kept.append(name)
    return kept
