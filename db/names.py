"""Council-name normalisation: pure string functions shared by the register and the resolver.

Councils appear in the wild as "Kensington & Chelsea", "Royal Borough of Kingston upon Thames",
"St. Helens", "LGA Corporate Peer Challenge - Bolton Council" or "Forest of Dean District
Council – Progress Review". Every form is reduced to a small set of keys; a name matches a
council when they share a key.
"""

from __future__ import annotations

import re
import unicodedata

#: Stripped from the front of a name (longest first), repeatedly.
PREFIXES = (
    "royal borough of",
    "london borough of",
    "metropolitan borough of",
    "borough of",
    "city and county of the",
    "city of",
    "county of",
)
#: Stripped from the end of a name (longest first), repeatedly.
SUFFIXES = (
    "metropolitan borough council",
    "metropolitan district council",
    "city and district council",
    "borough councils",
    "district councils",
    "borough council",
    "district council",
    "county council",
    "city council",
    "unitary authority",
    "unitary council",
    "london boro",
    "corporation",
    "councils",
    "council",
    "district",
    "city of",
    "ua",
)
#: Keys too generic to identify a council on their own.
STOP_KEYS = frozenset({"", "london", "city", "county", "borough", "district", "council", "the"})

#: LGA page titles wrap the council name: "LGA Corporate Peer Challenge - Bolton Council",
#: "LGA Corporate Peer Challenge – Progress Review: Rushcliffe Borough Council",
#: "Forest of Dean District Council – Progress Review".
_DASH = r"[-–—:|]"
_TITLE_PREFIX = re.compile(
    rf"^\s*(?:lga\s+)?corporate\s+peer\s+(?:challenge|review)(?:\s+report)?"
    rf"(?:\s*{_DASH}\s*progress\s+review(?:\s+report)?)?\s*{_DASH}\s*",
    re.IGNORECASE,
)
_TITLE_SUFFIX = re.compile(
    rf"\s*{_DASH}\s*(?:(?:lga\s+)?corporate\s+peer\s+(?:challenge|review)\s*)?"
    rf"(?:progress\s+review|feedback\s+report|team\s+feedback\s+report|report)?\s*$",
    re.IGNORECASE,
)


def strip_title_wrapping(text: str) -> str:
    """Remove LGA report-title wording around a council name."""
    out = _TITLE_PREFIX.sub("", text)
    if out != text or _DASH_RE.search(out):
        out = _TITLE_SUFFIX.sub("", out)
    return out.strip()


_DASH_RE = re.compile(_DASH)


def normalise(name: str) -> str:
    """Lower-case, fold punctuation and "&", collapse spaces, drop a leading "the"."""
    s = unicodedata.normalize("NFKC", name).lower()
    s = s.replace("&", " and ")
    s = re.sub(r"[’'`]", "", s)
    s = re.sub(r"[.,;()\[\]\"]", " ", s)
    s = re.sub(r"[-–—/]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def _strip_once(s: str) -> list[str]:
    """Every form of `s` with one prefix or one suffix removed."""
    out = [s[len(p) + 1 :] for p in PREFIXES if s.startswith(p + " ")]
    out += [s[: -len(suf) - 1] for suf in SUFFIXES if s.endswith(" " + suf)]
    return out


def key_variants(name: str) -> list[str]:
    """Keys for a name, most specific first: the full normalised form, then each stripping.

    Stripping explores every path ("st albans city and district council" gives both
    "st albans city and district" and "st albans"), breadth first so order means specificity.
    """
    frontier = [normalise(name)]
    out: list[str] = list(frontier)
    while frontier:
        nxt = [v for s in frontier for v in _strip_once(s) if v not in out]
        nxt = list(dict.fromkeys(nxt))
        out.extend(nxt)
        frontier = nxt
    return [k for k in out if k not in STOP_KEYS]


def alias_keys(name: str) -> set[str]:
    """Every key a register name contributes to the alias index."""
    return set(key_variants(name))


def split_joint(name: str) -> list[str] | None:
    """Split "A and B District Councils" / "A, B and C" into parts, or None if not joint-shaped.

    A trailing plural ("District Councils", "Councils") belongs to every part.
    """
    s = normalise(name)
    for suf in ("borough councils", "district councils", "councils"):
        if s.endswith(" " + suf):
            s = s[: -len(suf) - 1]
            break
    parts = [p.strip() for p in re.split(r",| and ", s) if p.strip()]
    return parts if len(parts) >= 2 else None


def is_plural_joint(name: str) -> bool:
    """ "Adur and Worthing Councils": the plural says several councils are meant."""
    return bool(re.search(r"\bcouncils\s*\)?\s*$", name.strip(), re.IGNORECASE))
