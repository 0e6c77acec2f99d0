"""Build `england_shapes.json` (the map's council shapes) from the ONS boundaries.

Run by a developer when the boundaries change, never at run time:
    python monitor/publish/data/build_shapes.py ../shared/data/boundaries/uk-topo.json

Input: ONS's `uk-topojson` (ONSvisual/uk-topojson, super-generalised boundaries of about 200 m,
Open Government Licence v3.0), layers `ltla` (districts, unitaries, London and metropolitan
boroughs, City of London, Isles of Scilly) and `cty` (county councils), English areas valid in
2024: together the register's 317 current councils, joined on `gss`. Each shared border is one
TopoJSON arc, simplified once (Douglas-Peucker, tolerance one grid step of about 220 m), so
neighbours still meet exactly. Output: each area's outline as an SVG path in a fixed projection
(longitude scaled by cos 53 degrees), small enough to inline in a page: no tile server, no script.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

SCALE = 500  # grid units per degree of latitude (1 unit is about 220 m, the source's detail)
LON_FACTOR = math.cos(math.radians(53.0))
WEST, NORTH = -6.5, 55.9  # the projection's origin: north-west of England
TOLERANCE = 1.0  # grid units
YEAR = 2024
LONDON_GSS_PREFIX = "E09"
TIERS = {"ltla": "lower", "cty": "county"}


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * LON_FACTOR * SCALE, (NORTH - lat) * SCALE


def simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas-Peucker: keep the ends and every point further than TOLERANCE from the chord."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        worst, worst_at = 0.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            if length:
                distance = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            else:
                distance = math.hypot(x0 - x1, y0 - y1)
            if distance > worst:
                worst, worst_at = distance, i
        if worst_at is not None and worst > TOLERANCE:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(project(x * sx + tx, y * sy + ty))
        arcs.append(simplify(points))
    return arcs


def ring_path(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> str:
    points: list[tuple[int, int]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        for x, y in arc:
            p = (round(x), round(y))
            if not points or p != points[-1]:
                points.append(p)
    if len(points) < 4:
        return ""  # an island smaller than the grid
    (x0, y0), parts = points[0], []
    parts.append(f"M{x0} {y0}")
    for (px, py), (x, y) in zip(points, points[1:], strict=False):
        parts.append(f"l{x - px} {y - py}")
    return "".join(parts) + "z"


def geometry_path(arcs, geometry: dict) -> str:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return "".join(ring_path(arcs, ring) for polygon in polygons for ring in polygon)


def bounds(areas: list[dict]) -> list[int]:
    xs, ys = [], []
    for area in areas:
        for chunk in area["d"].split("M")[1:]:
            steps = chunk.rstrip("z").split("l")
            x, y = (int(v) for v in steps[0].split())
            xs.append(x)
            ys.append(y)
            for step in steps[1:]:
                dx, dy = (int(v) for v in step.split())
                x, y = x + dx, y + dy
                xs.append(x)
                ys.append(y)
    return [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]


def build(topo_path: Path) -> dict:
    topology = json.loads(topo_path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    areas = []
    for layer, tier in TIERS.items():
        for g in topology["objects"][layer]["geometries"]:
            props = g["properties"]
            if props["areacd"].startswith("E") and props.get("start", 0) <= YEAR <= props.get(
                "end", 9999
            ):
                areas.append(
                    {
                        "gss": props["areacd"],
                        "name": props["areanm"],
                        "tier": tier,
                        "d": geometry_path(arcs, g),
                    }
                )
    england = next(
        g
        for g in topology["objects"]["ctry"]["geometries"]
        if g["properties"]["areacd"] == "E92000001"
    )
    return {
        "england": geometry_path(arcs, england),
        "source": "Source: Office for National Statistics licensed under the Open Government "
        "Licence v.3.0. Contains OS data © Crown copyright and database right 2025.",
        "england_box": bounds(areas),
        "london_box": bounds([a for a in areas if a["gss"].startswith(LONDON_GSS_PREFIX)]),
        "areas": areas,
    }


if __name__ == "__main__":
    shapes = build(Path(sys.argv[1]))
    out = Path(__file__).with_name("england_shapes.json")
    out.write_text(json.dumps(shapes, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(out, len(shapes["areas"]), "areas,", out.stat().st_size, "bytes")
