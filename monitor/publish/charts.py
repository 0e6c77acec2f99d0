"""Charts as inline SVG, drawn on the server: no script, no CDN, nothing to vendor.

Why not a charting plugin: datasette-vega ships a 2019 Vega bundle, is no longer maintained and
charts one table page at a time; datasette-dashboards ships Vega too, but draws in the browser
and its maps need datasette-leaflet's tile server, which an offline reader cannot reach. Bars,
lines and council shapes are rectangles, polylines and paths: drawing them here needs no script
in the page, nothing vendored to keep up to date, reads without JavaScript, prints, and is
tested by counting the `.mark` elements a chart drew.

Every mark carries a `<title>` (the browser's tooltip) with the exact figures, and every chart
is drawn from a view whose rows the page links to, so a number on a chart can be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
#: Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
BLUE, ORANGE, GREEN, GREY = "#0072B2", "#E69F00", "#009E73", "#999999"


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: a share (0-100, or None when nothing could be judged)."""

    label: str
    value: float | None
    note: str


@dataclass(frozen=True)
class Series:
    """Values over the categories of a column or line chart (None: nothing to show)."""

    name: str
    values: Sequence[float | None]
    colour: str


def _svg(height: int, title: str, body: list[str], width: int = WIDTH) -> Markup:
    return Markup(
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" {FONT}>'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def bar_chart(title: str, bars: Sequence[Bar], unit: str = "%") -> Markup:
    """Horizontal bars on a 0-100 scale, one per group, the figures beside and the counts
    (the denominator, and who is left out) under each bar."""
    label_w, bar_w, row_h = 190, 330, 38
    height = row_h * len(bars) + 26
    body = []
    for x in (0, 25, 50, 75, 100):
        gx = label_w + bar_w * x / 100
        body.append(
            f'<line x1="{gx:.1f}" y1="4" x2="{gx:.1f}" y2="{height - 20}" stroke="#ddd"/>'
            f'<text x="{gx:.1f}" y="{height - 6}" text-anchor="middle" fill="#555">'
            f"{x}{unit}</text>"
        )
    for i, bar in enumerate(bars):
        y = 6 + i * row_h
        body.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(bar.label)}</text>'
            f'<text x="{label_w + 2}" y="{y + 29}" font-size="11" fill="#555">'
            f"{escape(bar.note)}</text>"
        )
        if bar.value is None:
            body.append(
                f'<text x="{label_w + 4}" y="{y + 13}" fill="#555">no share: none checked</text>'
            )
            continue
        w = bar_w * max(0.0, min(bar.value, 100.0)) / 100
        body.append(
            f'<rect class="mark" x="{label_w}" y="{y + 2}" width="{w:.1f}" height="14" '
            f'fill="{BLUE}"><title>{escape(bar.label)}: {bar.value:g}{unit} '
            f"({escape(bar.note)})</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{bar.value:g}{unit}</text>'
        )
    return _svg(height, title, body, width=label_w + bar_w + 60)


def _axis_labels(categories: Sequence[str], x_of, y: float) -> list[str]:
    """Label the first quarter of each year (or every category when there are few)."""
    out = []
    for i, category in enumerate(categories):
        if len(categories) <= 12 or category.endswith("Q1") or i == 0:
            text = category if len(categories) <= 12 else category[:4]
            out.append(
                f'<text x="{x_of(i):.1f}" y="{y}" text-anchor="middle" fill="#555">'
                f"{escape(text)}</text>"
            )
    return out


def column_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    y_label: str,
    share: bool = False,
) -> Markup:
    """Columns per category, the series side by side, on a scale from 0 to the largest value
    (to 100 for a share)."""
    left, top, plot_w, plot_h = 44, 26, WIDTH - 60, 180
    largest = max([v for s in series for v in s.values if v is not None] + [1])
    top_value = 100 if share else _nice_ceiling(largest)
    slot = plot_w / max(len(categories), 1)
    col_w = max(slot * 0.8 / max(len(series), 1), 1.0)
    body = [_legend(series, left)]
    body += _y_axis(left, top, plot_w, plot_h, top_value, y_label)
    for s_index, s in enumerate(series):
        for i, value in enumerate(s.values):
            if not value:
                continue
            h = plot_h * value / top_value
            x = left + i * slot + slot * 0.1 + s_index * col_w
            body.append(
                f'<rect class="mark" x="{x:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{col_w:.1f}" height="{h:.1f}" fill="{s.colour}">'
                f"<title>{escape(categories[i])}: {value:g} {escape(s.name)}</title></rect>"
            )
    body += _axis_labels(categories, lambda i: left + (i + 0.5) * slot, top + plot_h + 16)
    return _svg(top + plot_h + 24, title, body)


def line_chart(
    title: str, categories: Sequence[str], series: Sequence[Series], y_label: str
) -> Markup:
    """A line per series on a 0-100 scale; a point per category with a value."""
    left, top, plot_w, plot_h = 44, 26, WIDTH - 60, 180
    step = plot_w / max(len(categories) - 1, 1)
    body = [_legend(series, left)]
    body += _y_axis(left, top, plot_w, plot_h, 100, y_label)
    for s in series:
        points = [
            (left + i * step, top + plot_h * (1 - v / 100), categories[i], v)
            for i, v in enumerate(s.values)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{s.colour}" stroke-width="2"/>'
            )
        for x, y, category, v in points:
            body.append(
                f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{s.colour}">'
                f"<title>{escape(category)}: {v:g}% {escape(s.name)}</title></circle>"
            )
    body += _axis_labels(categories, lambda i: left + i * step, top + plot_h + 16)
    return _svg(top + plot_h + 24, title, body)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50, ... (or 100 for shares) at least `value`."""
    step = 1.0
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _legend(series: Sequence[Series], left: int) -> str:
    items, x = [], left
    for s in series:
        items.append(
            f'<rect x="{x}" y="4" width="12" height="12" fill="{s.colour}"/>'
            f'<text x="{x + 16}" y="14">{escape(s.name)}</text>'
        )
        x += 24 + 7 * len(s.name)
    return "".join(items)


def _y_axis(left, top, plot_w, plot_h, top_value: float, label: str) -> list[str]:
    out = []
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        value = top_value * fraction
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">'
            f"{value:g}</text>"
        )
    out.append(
        f'<text x="12" y="{top + plot_h / 2:.1f}" transform="rotate(-90 12 {top + plot_h / 2:.1f})"'
        f' text-anchor="middle" fill="#555">{escape(label)}</text>'
    )
    return out
