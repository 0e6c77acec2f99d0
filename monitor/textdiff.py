"""What changed between two versions of a document's text, short enough for a digest line.

A hash says *that* a report changed; readers need *what*: a recommendation added, a paragraph
reworded, a section dropped. The texts are split into sentences (and headings, which carry no
full stop), compared with difflib, and the differences listed as "+" (added), "-" (removed)
and "~" (reworded: old -> new), headings as "section added/removed". The result is bounded,
so a rewritten 80-page report still makes one readable entry.
"""

from __future__ import annotations

import difflib
import re

#: Bounds of one change summary.
MAX_ITEMS = 6
MAX_SENTENCE_CHARS = 220
MAX_CHARS = 1200

_SENTENCE_END = re.compile(r"""(?<=[a-z)\]"'”’%][.!?;:])\s+(?=["'“‘(\[]?[A-Z0-9])""")
#: A line that is a heading: short ("4. Next steps"), and not ending like a sentence.
_HEADING = re.compile(r"^.{2,90}(?<![.!?;:])$")


def sentences(text: str) -> list[str]:
    """The text's sentences and headings, in order, whitespace folded."""
    out: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            out += [s for s in _SENTENCE_END.split(line) if s]
    return out


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SENTENCE_CHARS else text[: MAX_SENTENCE_CHARS - 1] + "…"


def _describe(sign: str, sentence: str) -> str:
    if _HEADING.match(sentence) and len(sentence.split()) <= 12:
        return f"section {'added' if sign == '+' else 'removed'}: {_clip(sentence)}"
    return f"{sign} {_clip(sentence)}"


def changes(old: str, new: str) -> list[str]:
    """Every difference between the two texts, one line each, in reading order."""
    a, b = sentences(old), sentences(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed, added = a[i1:i2], b[j1:j2]
        while removed and added and _similar(removed[0], added[0]):
            out.append(f"~ {_clip(removed.pop(0))} → {_clip(added.pop(0))}")
        out += [_describe("-", s) for s in removed]
        out += [_describe("+", s) for s in added]
    return out


def _similar(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(a=old, b=new, autojunk=False).ratio() >= 0.6


def change_summary(old: str, new: str) -> str:
    """`changes` bounded to `MAX_ITEMS` lines and `MAX_CHARS` characters, with a count of the
    rest; "" when the texts say the same."""
    lines = changes(old, new)
    shown: list[str] = []
    used = 0
    for line in lines[:MAX_ITEMS]:
        if used + len(line) > MAX_CHARS and shown:
            break
        shown.append(line)
        used += len(line) + 1
    rest = len(lines) - len(shown)
    if rest:
        shown.append(f"… and {rest} more change{'s' if rest > 1 else ''}")
    return "\n".join(shown)
