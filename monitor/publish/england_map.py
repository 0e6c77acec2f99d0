"""The map of England as inline SVG: one shape per current council, coloured by its status.

Shapes come from `data/england_shapes.json` (ONS boundaries, OGL v3.0, simplified by
`data/build_shapes.py`), joined to the register on the GSS code. Two-tier areas: the main
panel fills every district, unitary and borough, with the county boundaries drawn over them as
outlines only; the county councils get their own panel, so a county never hides its districts.
London's boroughs are repeated, enlarged, in an inset (by `<use>`, so each council is still one
`path[data-code]`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from markupsafe import Markup, escape

SHAPES_FILE = "england_shapes.json"


@dataclass(frozen=True)
class Colour:
    """A legend entry: its key, label and fill."""

    key: str
    label: str
    fill: str


#: Okabe-Ito colours; "could not be checked" and "not checked" are greys, never a verdict colour.
VERDICT_COLOURS = (
    Colour("published", "report published", "#009E73"),
    Colour("earlier_only", "report only for an earlier CPC", "#56B4E9"),
    Colour("cpc_no_report", "CPC found, no report", "#D55E00"),
    Colour("no_cpc", "no CPC found", "#E69F00"),
    Colour("unknown", "could not be checked", "#8c8c8c"),
    Colour("unchecked", "not checked yet", "#e3e3e3"),
)
YEARS_COLOURS = (
    Colour("0-2", "last CPC under 2 years ago", "#08519c"),
    Colour("2-4", "2 to 4 years ago", "#4292c6"),
    Colour("4-5", "4 to 5 years ago", "#9ecae1"),
    Colour("5+", "5 years or more (CPC overdue)", "#E69F00"),
    Colour("none", "no CPC known (checked)", "#D55E00"),
    Colour("unknown", "could not be checked, none known", "#8c8c8c"),
    Colour("unchecked", "not checked yet", "#e3e3e3"),
)
MODES = {"verdict": VERDICT_COLOURS, "years": YEARS_COLOURS}


@dataclass(frozen=True)
class CouncilShade:
    """What the map needs to know of one current council (a row of council_status)."""

    code: str
    name: str
    gss: str
    verdict: str | None
    status: str
    report_url: str | None
    last_visit_end: str | None


@cache
def shapes() -> dict:
    text = resources.files("monitor.publish.data").joinpath(SHAPES_FILE).read_text("utf-8")
    return json.loads(text)


def verdict_key(council: CouncilShade) -> str:
    if council.verdict is None:
        return "unchecked"
    if council.verdict == "published" and not council.report_url:
        return "earlier_only"
    return council.verdict


def years_since(last_visit_end: str | None, today: dt.date) -> float | None:
    if not last_visit_end:
        return None
    end = dt.date.fromisoformat(last_visit_end[:10])
    return (today - end).days / 365.25


def years_key(council: CouncilShade, today: dt.date) -> str:
    years = years_since(council.last_visit_end, today)
    if years is None:
        return {None: "unchecked", "unknown": "unknown"}.get(council.verdict, "none")
    if years < 2:
        return "0-2"
    if years < 4:
        return "2-4"
    return "4-5" if years < 5 else "5+"


def colour_key(council: CouncilShade, mode: str, today: dt.date) -> str:
    return years_key(council, today) if mode == "years" else verdict_key(council)


def render(
    councils: Iterable[CouncilShade], mode: str, today: dt.date, link
) -> tuple[Markup, Markup, dict[str, int]]:
    """The map's two panels (lower tier, counties) and the count of councils per legend key.

    `link(code)` gives the URL a shape leads to.
    """
    palette = {c.key: c for c in MODES[mode]}
    by_gss = {c.gss: c for c in councils}
    counts = dict.fromkeys(palette, 0)
    lower, county, outlines, london = [], [], [], []
    for area in shapes()["areas"]:
        council = by_gss.get(area["gss"])
        if council is None:
            continue
        key = colour_key(council, mode, today)
        counts[key] += 1
        extra = ""
        if mode == "years":
            years = years_since(council.last_visit_end, today)
            extra = f"; last CPC {years:.1f} years ago" if years is not None else ""
        path = (
            f'<a href="{escape(link(council.code))}"><path id="shape-{escape(council.code)}" '
            f'data-code="{escape(council.code)}" data-colour="{key}" '
            f'fill="{palette[key].fill}" d="{area["d"]}"><title>{escape(council.name)}: '
            f"{escape(council.status)}{extra}</title></path></a>"
        )
        if area["tier"] == "county":
            county.append(path)
            outlines.append(f'<path d="{area["d"]}"/>')
        else:
            lower.append(path)
            if area["gss"].startswith("E09"):
                london.append(f'<use href="#shape-{escape(council.code)}"/>')
    box = shapes()["england_box"]
    view = f"{box[0] - 10} {box[1] - 10} {box[2] + 20} {box[3] + 20}"
    lx, ly, lw, lh = shapes()["london_box"]
    inset = (
        f'<svg x="{box[0]}" y="{box[1] + box[3] * 0.62:.0f}" width="{box[2] * 0.36:.0f}" '
        f'height="{box[2] * 0.36 * lh / lw:.0f}" viewBox="{lx - 4} {ly - 4} {lw + 8} {lh + 8}">'
        f'<rect x="{lx - 4}" y="{ly - 4}" width="{lw + 8}" height="{lh + 8}" fill="#fff" '
        f'stroke="#333" stroke-width="1"/><g class="inset" stroke="#fff" stroke-width="0.6">'
        + "".join(london)
        + "</g></svg>"
    )
    main = Markup(
        f'<svg class="map" id="map-lower" role="img" viewBox="{view}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>Districts, unitaries and boroughs</title>'
        f'<g class="shapes" stroke="#fff" stroke-width="1.2" stroke-linejoin="round">'
        + "".join(lower)
        + '</g><g class="county-outlines" fill="none" stroke="#222" stroke-width="2.5" '
        'pointer-events="none">' + "".join(outlines) + "</g>" + inset + "</svg>"
    )
    counties = Markup(
        f'<svg class="map" id="map-county" role="img" viewBox="{view}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>County councils</title>'
        f'<path class="england" fill="#fff" stroke="#999" stroke-width="1.5" '
        f'd="{shapes()["england"]}"/>'
        f'<g class="shapes" stroke="#fff" stroke-width="2" stroke-linejoin="round">'
        + "".join(county)
        + "</g></svg>"
    )
    return main, counties, counts
