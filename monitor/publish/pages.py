"""What peerwatch's own Datasette pages show: the home page's headline, the map, the charts.

Every figure is read from a view (council_status, take_up_*, cpc_visits_known), so a number
on these pages is the same number a reader gets from the view's table or JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from monitor.publish import charts, england_map
from monitor.publish.charts import Bar, Series

CHECKED = ("published", "cpc_no_report", "no_cpc")

#: Current councils by council_status's `status`: a report found only for an earlier CPC is
#: not "published" here but "a CPC without a report", so the second and third numbers add up
#: to councils_without_report.
HEADLINE_SQL = """
SELECT
    count(*) AS councils,
    count(CASE WHEN status = 'report published' THEN 1 END) AS published,
    count(CASE WHEN status IN ('CPC found, no report', 'report found only for an earlier CPC')
               THEN 1 END) AS cpc_no_report,
    count(CASE WHEN status = 'no CPC found' THEN 1 END) AS no_cpc,
    count(CASE WHEN status = 'could not be checked' THEN 1 END) AS unknown,
    count(CASE WHEN status = 'not checked yet' THEN 1 END) AS not_checked,
    (SELECT count(*) FROM councils_without_report) AS without_report,
    (SELECT max(started_at) FROM counted_runs) AS last_run,
    (SELECT max(as_of) FROM council_deadlines) AS deadlines_as_of
FROM council_status
WHERE current = 1
"""


@dataclass(frozen=True)
class Headline:
    """The home page's answer: current councils by their latest verdict."""

    councils: int
    published: int
    cpc_no_report: int
    no_cpc: int
    unknown: int
    not_checked: int
    without_report: int
    last_run: str | None
    deadlines_as_of: str | None


async def headline(db) -> Headline:
    row = (await db.execute(HEADLINE_SQL)).first()
    return Headline(**dict(row))


async def _rows(db, sql: str, params: dict | None = None) -> list[dict[str, Any]]:
    return [dict(r) for r in (await db.execute(sql, params or {})).rows]


# --- the map ---------------------------------------------------------------------------------


async def map_context(db, database: str, mode: str, base_url: str) -> dict[str, Any]:
    mode = mode if mode in england_map.MODES else "verdict"
    rows = await _rows(
        db,
        "SELECT s.code, s.name, c.gss, s.verdict, s.status, s.report_url, s.last_visit_end,"
        " s.deadlines_as_of FROM council_status s JOIN councils c ON c.code = s.code"
        " WHERE s.current = 1",
    )
    as_of = next((r["deadlines_as_of"] for r in rows if r["deadlines_as_of"]), None)
    today = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    councils = [
        england_map.CouncilShade(
            **{k: r[k] for k in ("code", "name", "gss", "verdict", "status", "report_url")},
            last_visit_end=r["last_visit_end"],
        )
        for r in rows
    ]
    lower_tier, counties, counts = england_map.render(
        councils, mode, today, lambda code: f"{base_url}/{database}/council_status?code={code}"
    )
    return {
        "mode": mode,
        "lower_tier_svg": lower_tier,
        "counties_svg": counties,
        "legend": [(c, counts[c.key]) for c in england_map.MODES[mode]],
        "councils": len(councils),
        "as_of": today.isoformat(),
        "source": england_map.shapes()["source"],
    }


# --- the charts ------------------------------------------------------------------------------


def _share_note(row: dict[str, Any], with_cpc: str) -> str:
    """The denominator in words: "7 of 9 checked; 2 could not be checked, 300 not checked"."""
    note = f"{row[with_cpc]} of {row['councils_checked']} checked"
    missing = [
        f"{row[k]} {label}"
        for k, label in (
            ("could_not_be_checked", "could not be checked"),
            ("not_checked", "not checked"),
        )
        if row[k]
    ]
    return note + ("; " + ", ".join(missing) if missing else "")


def _group_bars(rows: list[dict[str, Any]], key: str) -> list[Bar]:
    return [
        Bar(r[key], r["pct_with_cpc_in_last_5_years"], _share_note(r, "with_cpc_in_last_5_years"))
        for r in rows
    ]


def _control_bars(rows: list[dict[str, Any]], as_of: str) -> list[Bar]:
    return [
        Bar(r["party_name"], r["pct_with_cpc_in_5_years"], _share_note(r, "with_cpc_in_5_years"))
        for r in rows
        if r["control_as_of"] == as_of
    ]


def _on_time_note(over_time: list[dict[str, Any]]) -> str:
    judged = sum(r["reports_judged_for_timeliness"] for r in over_time)
    if not judged:
        return (
            "No report's timeliness can be judged yet: peerwatch must be watching before a "
            "report falls due to know whether it came on time."
        )
    on_time = sum(r["published_on_time"] for r in over_time)
    return (
        f"{on_time} of the {judged} last CPCs' reports whose timeliness peerwatch could judge "
        "(it was watching before the due date) were found by their due date."
    )


@dataclass(frozen=True)
class Figure:
    """One chart on the charts page, with the view it is drawn from."""

    anchor: str
    heading: str
    svg: Markup
    note: str
    view: str


async def charts_context(db) -> dict[str, Any]:
    over_time = await _rows(db, "SELECT * FROM take_up_over_time ORDER BY quarter_start")
    by_type = await _rows(db, "SELECT * FROM take_up_by_type")
    by_region = await _rows(db, "SELECT * FROM take_up_by_region")
    by_control = await _rows(db, "SELECT * FROM take_up_by_control")
    quarters = [r["quarter"] for r in over_time]
    checked = over_time[-1]["councils_checked"] if over_time else 0
    figures = [
        Figure(
            "take-up",
            "Councils with a CPC in the last five years",
            charts.line_chart(
                "Share of checked current councils with a CPC visit in the five years to each "
                "quarter's end",
                quarters,
                [
                    Series(
                        "% with a CPC in the last 5 years",
                        [r["pct_with_cpc_in_last_5_years"] for r in over_time],
                        charts.BLUE,
                    )
                ],
                "% of checked councils",
            ),
            f"Of the {checked} current councils checked on their latest run (councils that "
            "could not be checked are left out, as their visits may be missing).",
            "take_up_over_time",
        ),
        Figure(
            "reports",
            "CPC visits and reports found, per quarter",
            charts.column_chart(
                "CPC visits ending in each quarter, those whose feedback report was found, and "
                "reports peerwatch first found in the quarter",
                quarters,
                [
                    Series("CPC visits", [r["cpc_visits_ended"] for r in over_time], charts.GREY),
                    Series(
                        "with a report found",
                        [r["visits_with_report_found"] for r in over_time],
                        charts.GREEN,
                    ),
                    Series(
                        "reports first seen by peerwatch",
                        [r["reports_first_seen"] for r in over_time],
                        charts.ORANGE,
                    ),
                ],
                "count",
            ),
            "Visits by the quarter they ended; reports first seen by the quarter of the run "
            "that found them.",
            "take_up_over_time",
        ),
        Figure(
            "on-time",
            "Reports published on time",
            charts.column_chart(
                "Share of feedback reports found by their due date, by the quarter they fell due",
                quarters,
                [Series("% on time", [r["pct_published_on_time"] for r in over_time], charts.BLUE)],
                "% on time",
                share=True,
            ),
            _on_time_note(over_time),
            "take_up_over_time",
        ),
        Figure(
            "by-type",
            "By council type",
            charts.bar_chart(
                "Share with a CPC in the last five years, by council type",
                _group_bars(by_type, "council_type"),
            ),
            "Of the councils checked on their latest run; the others are counted beside each bar.",
            "take_up_by_type",
        ),
        Figure(
            "by-region",
            "By region",
            charts.bar_chart(
                "Share with a CPC in the last five years, by region",
                _group_bars(by_region, "region"),
            ),
            "Of the councils checked on their latest run; the others are counted beside each bar.",
            "take_up_by_region",
        ),
        Figure(
            "by-control-today",
            "By the party in control today",
            charts.bar_chart(
                "Share with a CPC in the last five years, by party in control today",
                _control_bars(by_control, "today"),
            ),
            "Seat-based control (a party with more than half the seats, else no overall "
            "control), Open Council Data UK.",
            "take_up_by_control",
        ),
        Figure(
            "by-control-2017",
            "By the party in control in 2017",
            charts.bar_chart(
                "Share with a CPC in the five years to 1 August 2017, by party in control in 2017",
                _control_bars(by_control, "2017"),
            ),
            "To check The MJ's 2017 finding (take-up 43% among Liberal Democrat-controlled "
            "councils, 27% among Conservative ones). Only councils checked on their latest run "
            "count, so abolished councils are left out.",
            "take_up_by_control",
        ),
    ]
    return {"figures": figures}
