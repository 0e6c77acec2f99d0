"""Resolve the names councils go by in the wild to register codes — or say honestly that we can't.

One resolver serves the CLI, the spiders (LGA page titles, committee papers) and the MJ baseline.
It never guesses silently: a result is `matched`, `joint` (one name, several councils),
`ambiguous` (several candidates; give a date or a fuller name) or `no_match` (with the nearest
candidates). Fuzzy matching only accepts a clear winner and says so in `method`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from db.names import (
    is_plural_joint,
    key_variants,
    normalise,
    split_joint,
    strip_title_wrapping,
)
from db.register import Council

Status = Literal["matched", "joint", "ambiguous", "no_match"]

#: A fuzzy match is accepted only at or above this score, and this far ahead of the runner-up.
FUZZY_ACCEPT = 92.0
FUZZY_MARGIN = 6.0
#: Candidates below this score are not worth showing.
FUZZY_SHOW = 60.0

#: Names in common use that the register does not carry. Kept tiny and explained.
CURATED_ALIASES: dict[str, str] = {
    # In London usage "Kingston" is the Royal Borough; Kingston upon Hull goes by "Hull".
    "kingston": "KTT",
}


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    score: float = 100.0


@dataclass(frozen=True)
class Match:
    """The outcome of resolving one name."""

    query: str
    status: Status
    codes: tuple[str, ...] = ()
    method: str = ""
    candidates: tuple[Candidate, ...] = ()
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("matched", "joint")

    def as_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "status": self.status,
            "codes": list(self.codes),
            "method": self.method,
            "candidates": [c.__dict__ for c in self.candidates],
            "note": self.note,
        }


@dataclass
class Resolver:
    """An index of every council name key, built once from the register."""

    councils: Iterable[Council]
    _by_code: dict[str, Council] = field(init=False)
    _index: dict[str, dict[str, int]] = field(init=False)
    _created: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self._by_code = {c.code: c for c in self.councils}
        self._created = {s for c in self._by_code.values() for s in c.replaced_by}
        self._index = {}
        # Official and short names first: they decide whether an alt name is really joint.
        for c in self._by_code.values():
            for name in (c.name, c.nice_name):
                self._add(name, c.code)
        for c in self._by_code.values():
            for name in (c.gov_uk_name, *c.alt_names):
                if name and not self._names_other_councils(name, c.code):
                    self._add(name, c.code)
        for key, code in CURATED_ALIASES.items():
            if code in self._by_code:
                self._index.setdefault(key, {})[code] = 0
        self._keys = list(self._index)

    def _add(self, name: str, code: str) -> None:
        for level, key in enumerate(key_variants(name)):
            codes = self._index.setdefault(key, {})
            codes[code] = min(level, codes.get(code, level))

    def _names_other_councils(self, name: str, code: str) -> bool:
        """True for alt names like "adur and worthing borough council" listed under Worthing:
        they name two councils and must not resolve to one of them."""
        parts = split_joint(name)
        if not parts:
            return False
        hits = [self._exact(p) for p in parts]
        return all(len(h) == 1 for h in hits) and len({next(iter(h)) for h in hits}) > 1

    def _exact(self, name: str) -> set[str]:
        for key in key_variants(name):
            codes = self._index.get(key)
            if codes:
                best = min(codes.values())
                return {c for c, lvl in codes.items() if lvl == best}
        return set()

    def council(self, code: str) -> Council:
        return self._by_code[code]

    def resolve(self, name: str, *, on: dt.date | None = None) -> Match:
        """Resolve one name; `on` picks between councils that held the name at different times."""
        query = name
        name = strip_title_wrapping(name)
        if not normalise(name):
            return Match(query, "no_match", note="empty name")
        if is_plural_joint(name):
            joint = self._resolve_joint(query, name, on)
            if joint:
                return joint
        codes = self._exact(name)
        if codes:
            return self._decide(query, codes, "exact", on)
        joint = self._resolve_joint(query, name, on)
        if joint:
            return joint
        return self._fuzzy(query, name, on)

    def _resolve_joint(self, query: str, name: str, on: dt.date | None) -> Match | None:
        parts = split_joint(name)
        if not parts:
            return None
        codes: list[str] = []
        for part in parts:
            exact = self._exact(part)
            m = self._decide(part, exact, "exact", on) if exact else None
            if not m or m.status != "matched":
                return None
            codes.extend(c for c in m.codes if c not in codes)
        if len(codes) < 2:
            return None
        return Match(query, "joint", tuple(codes), "joint", self._cands(codes))

    def _decide(self, query: str, codes: set[str], method: str, on: dt.date | None) -> Match:
        ordered = sorted(codes)
        if len(ordered) > 1 and on is not None:
            alive = [c for c in ordered if self._existed(c, on)]
            if len(alive) == 1:
                return Match(
                    query, "matched", (alive[0],), method + "+date", note=self._note(alive[0], on)
                )
        if len(ordered) > 1:
            hint = "" if on else "; give a date (--on) to choose"
            return Match(
                query,
                "ambiguous",
                (),
                method,
                self._cands(ordered),
                note=f"{len(ordered)} councils go by this name{hint}",
            )
        code = ordered[0]
        return Match(query, "matched", (code,), method, note=self._note(code, on))

    def _existed(self, code: str, on: dt.date) -> bool:
        return self._by_code[code].existed_on(on, trust_start=code in self._created)

    def _note(self, code: str, on: dt.date | None) -> str:
        c = self._by_code[code]
        if not c.end_date:
            return ""
        succ = ", ".join(c.replaced_by) or "none recorded"
        when = f" (did not exist on {on.isoformat()})" if on and not self._existed(code, on) else ""
        return f"abolished {c.end_date}, replaced by {succ}{when}"

    def _fuzzy(self, query: str, name: str, on: dt.date | None) -> Match:
        key = key_variants(name)[-1] if key_variants(name) else normalise(name)
        hits = process.extract(key, self._keys, scorer=fuzz.WRatio, limit=12)
        best_by_code: dict[str, float] = {}
        for k, score, _ in hits:
            for code in self._index[k]:
                best_by_code[code] = max(score, best_by_code.get(code, 0.0))
        ranked = sorted(best_by_code.items(), key=lambda kv: -kv[1])
        if (
            ranked
            and ranked[0][1] >= FUZZY_ACCEPT
            and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= FUZZY_MARGIN)
        ):
            code, score = ranked[0]
            m = self._decide(query, {code}, f"fuzzy:{score:.0f}", on)
            return m
        shown = [(c, s) for c, s in ranked if s >= FUZZY_SHOW][:5]
        return Match(
            query,
            "no_match",
            (),
            "",
            tuple(Candidate(c, self._by_code[c].name, round(s, 1)) for c, s in shown),
            note="no council goes by this name" + ("; nearest shown" if shown else ""),
        )

    def _cands(self, codes: Iterable[str]) -> tuple[Candidate, ...]:
        return tuple(Candidate(c, self._by_code[c].name) for c in codes)
