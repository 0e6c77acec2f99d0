"""Scoring crawls against the truth, and the printed table."""

from __future__ import annotations

from dataclasses import dataclass, field

from scraper.testweb import Expected


@dataclass(frozen=True)
class Row:
    metric: str
    peerwatch: float | int | str
    reference: float | int | str
    ratio: float | None
    target: str


@dataclass
class Accuracy:
    recall: float
    precision: float
    doc_recall: float
    doc_precision: float
    exact: float
    mistakes: list[str] = field(default_factory=list)


def _share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def accuracy(measured, truth: dict[str, Expected]) -> Accuracy:
    """'published' verdicts and feedback-report URLs against the truth of `truth`'s councils."""
    said = {c for c in truth if measured.verdicts.get(c) == "published"}
    real = {c for c, e in truth.items() if e.verdict == "published"}
    claimed = {(c, u) for c in truth for u in measured.reports.get(c, ())}
    expected = {
        (c, d.url) for c, e in truth.items() for d in e.documents if d.kind == "feedback_report"
    }
    exact = [c for c, e in truth.items() if measured.verdicts.get(c) == e.verdict]
    mistakes = [f"{c}: {e.verdict}{'/' + e.reason if e.reason else ''} -> {measured.verdicts.get(c)}"
                for c, e in sorted(truth.items()) if measured.verdicts.get(c) != e.verdict]  # fmt: skip
    return Accuracy(
        recall=_share(len(said & real), len(real)),
        precision=_share(len(said & real), len(said)),
        doc_recall=_share(len(claimed & expected), len(expected)),
        doc_precision=_share(len(claimed & expected), len(claimed)),
        exact=_share(len(exact), len(truth)),
        mistakes=mistakes,
    )


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def render_table(rows: list[Row], notes: list[str], machine: str) -> str:
    header = ("metric", "peerwatch", "reference", "ratio", "target")
    cells = [header] + [
        (r.metric, _cell(r.peerwatch), _cell(r.reference), "" if r.ratio is None else f"{r.ratio:.3f}", r.target)
        for r in rows
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", f"machine: {machine}", *(f"note: {n}" for n in notes)]
    return "\n".join(lines)
