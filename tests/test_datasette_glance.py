"""The answer at a glance through Datasette's own test client: the home page's numbers, the
plain-English status, current councils first, the map, the charts, the glossary, and the new
views row by row, including take-up by political control on a hand-made set of councils.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sqlite3
from pathlib import Path

import publish_db
import pytest

from db.bootstrap import init_path
from db.connection import open_db
from monitor.publish.app import make_datasette, prepare_for_serving
from monitor.publish.england_map import VERDICT_COLOURS, YEARS_COLOURS

DB = "peerwatch"


def _client(path: Path):
    ds = make_datasette(path)

    def get(url: str, status: int = 200):
        response = asyncio.run(ds.client.get(url))
        assert response.status_code == status, (url, response.text[:500])
        return response

    def rows(view: str, key: str | None = None, **params: str):
        query = "".join(f"&{k}={v}" for k, v in params.items())
        got = get(f"/{DB}/{view}.json?_shape=array&_size=max{query}").json()
        return {r[key]: r for r in got} if key else got

    return ds, get, rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("glance") / f"{DB}.db"
    scenario = publish_db.build(path)
    prepare_for_serving(path, immutable=True)
    ds, get, rows = _client(path)
    yield path, scenario, get, rows
    for database in ds.databases.values():
        database.close()


@pytest.fixture(scope="module")
def get(built):
    return built[2]


@pytest.fixture(scope="module")
def rows(built):
    return built[3]


# --- the home page and council_status ------------------------------------------------------


def test_home_page_headline_counts_current_councils_by_latest_verdict(get):
    html = get("/").text
    shown = dict(re.findall(r'data-count="(\w+)">(\d+)<', html))
    # the last CPC's report published: BOL BAB MSU WNT; a CPC without its report: NNT CHE and
    # KEC (its report is for an earlier CPC); no CPC: ADU ROH; could not check: HAS BUC; the
    # other 306 current councils never checked. The 2nd and 3rd are councils_without_report.
    assert shown == {
        "councils": "317",
        "published": "4",
        "cpc_no_report": "3",
        "no_cpc": "2",
        "unknown": "2",
        "not_checked": "306",
        "without_report": "5",
    }
    assert "Start here" in html and 'href="/map"' in html and 'href="/charts"' in html
    assert f'href="/{DB}/council_status?current=1&amp;status=report+published"' in html


def test_council_status_opens_on_current_councils(get, rows):
    response = get(f"/{DB}/council_status", status=302)
    assert response.headers["location"] == f"/{DB}/council_status?current=1"
    assert len(rows("council_status", current="1")) == 317
    assert len(rows("council_status", current="0")) == 48
    html = get(f"/{DB}/council_status?current=1").text
    assert "317 rows" in html and 'href="?current=0"' in html


def test_status_and_overdue_in_words(rows):
    status = rows("council_status", key="code")
    assert {c: status[c]["status"] for c in ("BOL", "KEC", "NNT", "ADU", "HAS", "DAV", "BIR")} == {
        "BOL": "report published",
        "KEC": "report found only for an earlier CPC",
        "NNT": "CPC found, no report",
        "ADU": "no CPC found",
        "HAS": "could not be checked",
        "DAV": "abolished, not checked",
        "BIR": "not checked yet",
    }
    assert status["NNT"]["overdue"].startswith("report")
    assert status["ADU"]["overdue"] == "CPC (none in 5 years)"
    assert status["BOL"]["overdue"] is None
    assert list(status["BOL"])[:6] == [
        "code", "name", "status", "overdue", "report_url", "last_visit_end",
    ]  # fmt: skip


def test_who_has_not_published_uses_the_status_words(rows):
    status = rows("council_status", key="code")
    without = rows("councils_without_report", key="code")
    assert set(without) == {"ADU", "ROH", "CHE", "NNT", "KEC"}
    for code, row in without.items():
        assert row["why"] == status[code]["status"]


def test_document_urls_show_as_short_links(get, built):
    scenario = built[1]
    html = get(f"/{DB}/council_status?code=BOL").text
    url = scenario.urls["BOL_report"]
    assert f'<a href="{url}">bolton.gov.uk › lga-corporate-peer-challenge-report.pdf</a>' in html


def test_column_descriptions_are_folded_and_canned_queries_hide_their_sql(get):
    html = get(f"/{DB}/council_status?current=1").text
    assert '<details class="pw-columns">' in html and 'href="/glossary"' in html
    history = get(f"/{DB}/council_history?council=BOL").text
    assert 'id="sql-editor"' not in history and "<table" in history


# --- map, charts, glossary -------------------------------------------------------------------


def _shapes(html: str) -> dict[str, tuple[str, str]]:
    return {
        code: (key, fill)
        for code, key, fill in re.findall(
            r'<path id="shape-\w+" data-code="(\w+)" data-colour="([\w+-]+)" fill="(#\w+)"', html
        )
    }


def test_map_one_shape_per_current_council_coloured_by_status(get):
    html = get("/map").text
    shapes = _shapes(html)
    assert len(shapes) == 317 and html.count("data-code=") == 317
    fill = {c.key: c.fill for c in VERDICT_COLOURS}
    expected = {
        "BOL": "published",
        "KEC": "earlier_only",
        "NNT": "cpc_no_report",
        "ADU": "no_cpc",
        "HAS": "unknown",
        "BIR": "unchecked",
        "LEC": "unchecked",  # a county, in its own panel
    }
    for code, key in expected.items():
        assert shapes[code] == (key, fill[key]), code
    assert "not checked yet (306)" in html and "report published (4)" in html


def test_map_by_years_since_the_last_cpc(get, built):
    scenario = built[1]
    shapes = _shapes(get("/map?colour=years").text)
    fill = {c.key: c.fill for c in YEARS_COLOURS}
    bol_years = (scenario.today - scenario.bol_visit[1]).days / 365.25
    assert bol_years < 2
    expected = {"BOL": "0-2", "CHE": "2-4", "ADU": "none", "BUC": "unknown", "BIR": "unchecked"}
    for code, key in expected.items():
        assert shapes[code] == (key, fill[key]), code


def test_charts_draw_every_figure_from_its_view(get, rows):
    html = get("/charts").text
    for anchor in ("take-up", "reports", "on-time", "by-type", "by-region", "by-control-today"):
        figure = html.split(f'<figure id="{anchor}">', 1)[1].split("</figure>", 1)[0]
        assert '<svg class="chart"' in figure, anchor
    take_up = html.split('<figure id="take-up">', 1)[1].split("</figure>", 1)[0]
    quarters = [
        r for r in rows("take_up_over_time") if r["pct_with_cpc_in_last_5_years"] is not None
    ]
    assert take_up.count('class="mark"') == len(quarters)
    by_region = html.split('<figure id="by-region">', 1)[1].split("</figure>", 1)[0]
    assert "7 of 9 checked; 2 could not be checked, 306 not checked" in by_region


def test_glossary_explains_status_deadlines_and_denominators(get):
    html = get("/glossary").text
    for words in ("report found only for an earlier CPC", "report_on_time", "councils_checked",
                  "Open Council Data UK", "Open Government Licence"):  # fmt: skip
        assert words in html, words


# --- the new views ---------------------------------------------------------------------------


def test_cpc_visits_known_with_days_quarters_and_control(rows, built):
    scenario = built[1]
    visits = {(r["council_code"], r["visit_start"]): r for r in rows("cpc_visits_known")}
    joint = visits[("BAB", "2023-02-01")]  # month-only dates become days
    assert (joint["visit_end"], joint["quarter"], joint["control_year"]) == (
        "2023-02-28",
        "2023 Q1",
        2022,  # February, before the May elections: the 2022 make-up
    )
    assert joint["report_url"] == scenario.urls["BAB_MSU_report"]
    # the last CPC known only from a check (no report anywhere) is a visit too
    assert visits[("NNT", "2024-11-26")]["report_url"] is None
    # a progress review is not a CPC
    bol = [v for (code, _), v in visits.items() if code == "BOL"]
    assert [v["visit_start"] for v in bol] == [scenario.bol_visit[0].isoformat()]
    assert bol[0]["report_on_time"] == 1


def test_take_up_over_time(rows, built):
    scenario = built[1]
    quarters = rows("take_up_over_time", key="quarter")

    def quarter(day: dt.date) -> str:
        return f"{day.year} Q{(day.month + 2) // 3}"

    now = quarters[quarter(dt.date.today())]
    # of the 9 checked current councils, all but ADU and ROH had a CPC in the last 5 years
    assert (now["councils_checked"], now["with_cpc_in_last_5_years"]) == (9, 7)
    assert now["pct_with_cpc_in_last_5_years"] == round(700 / 9, 1)
    first_run = quarters[quarter(scenario.run_days[0])]
    # BOL, BAB+MSU (one document), HAS and KEC's 2016 report; CHE's was removed since
    assert first_run["reports_first_seen"] == 4
    assert quarters["2023 Q1"]["cpc_visits_ended"] == 2  # BAB and MSU
    assert quarters["2023 Q1"]["visits_with_report_found"] == 2
    assert sum(q["reports_judged_for_timeliness"] for q in quarters.values()) == 3
    assert sum(q["published_on_time"] for q in quarters.values()) == 1


# --- take-up by political control, on councils made by hand -----------------------------------

TODAY_PARTY = {"BOL": "LD", "BUR": "CON", "ADU": "CON", "ARU": "LAB", "AMB": "NOC", "ASH": "CON"}
PARTY_2017 = {"BOL": "LD", "BUR": "LD", "ADU": "CON", "ARU": "CON", "AMB": "CON", "ASH": "CON"}
VISITS = {  # council: [(start, end, report found)]
    "BOL": [("2015-03-10", "2015-03-13", False), ("2024-06-10", "2024-06-13", True)],
    "ADU": [("2016-10-01", "2016-10-04", True)],
    "ARU": [("2011-01-01", "2011-01-02", False)],
    "AMB": [("2023-09-05", "2023-09-08", True)],
    "ASH": [("2016-02-01", "2016-02-04", False)],
}
VERDICTS = {
    "BOL": "published",
    "BUR": "no_cpc",
    "ADU": "published",
    "ARU": "cpc_no_report",
    "AMB": "published",
    "ASH": "unknown",
}
DEADLINES = {  # council: (last visit start, recent CPC, report on time)
    "BOL": ("2024-06-10", 1, 1),
    "AMB": ("2023-09-05", 1, 0),
    "ADU": ("2016-10-01", 0, None),
    "ARU": ("2011-01-01", 0, None),
    "BUR": (None, 0, None),
    "ASH": ("2016-02-01", None, None),
}


def _hand_made(path: Path) -> None:
    """Six councils; control 2014-2019 as in 2017, from 2020 as today; one complete run."""
    init_path(path)
    db = open_db(path)
    with db.atomic():
        db.execute("DELETE FROM political_control")
        db.table("political_control").insert_all(
            {
                "council_code": code,
                "year": year,
                "control": PARTY_2017[code] if year < 2020 else TODAY_PARTY[code],
            }
            for code in TODAY_PARTY
            for year in range(2014, 2027)
        )
        db.table("runs").insert(
            {"id": 1, "spider": "councils", "started_at": dt.date.today().isoformat() + "T06:00",
             "status": "complete"}
        )  # fmt: skip
        db.table("checks").insert_all(
            {"run_id": 1, "council_code": code, "verdict": verdict, "site_ok": 1, "lga_ok": 1}
            for code, verdict in VERDICTS.items()
        )
        for code, visits in VISITS.items():
            for start, end, report in visits:
                # every visit has its evidence: the report, or committee papers about the CPC
                doc = f"https://example.org/{code}/{start}.pdf"
                db.table("documents").insert(
                    {"id": doc, "url": doc, "kind": "feedback_report" if report else
                     "committee_paper", "title": "CPC", "visit_start": start, "visit_end": end,
                     "first_seen_run": 1}
                )  # fmt: skip
                db.table("document_councils").insert({"document_id": doc, "council_code": code})
                db.table("cpc_visits").insert(
                    {"id": f"{code}:{start}", "council_code": code, "visit_start": start,
                     "visit_end": end, "precision": "day", "evidence_document_id": doc}
                )  # fmt: skip
        db.table("council_deadlines").insert_all(
            {"council_code": code, "as_of": dt.date.today().isoformat(), "last_visit_start": start,
             "recent_cpc": recent, "report_on_time": on_time}
            for code, (start, recent, on_time) in DEADLINES.items()
        )  # fmt: skip
    db.close()


@pytest.fixture(scope="module")
def by_control(tmp_path_factory):
    path = tmp_path_factory.mktemp("control") / f"{DB}.db"
    _hand_made(path)
    ds, _, rows = _client(path)
    got = {(r["control_as_of"], r["party"]): r for r in rows("take_up_by_control")}
    for database in ds.databases.values():
        database.close()
    return got


def _pick(row: dict, *keys: str) -> tuple:
    return tuple(row[k] for k in keys)


def test_take_up_by_control_in_2017_reproduces_hand_figures(by_control):
    keys = ("councils", "councils_checked", "could_not_be_checked", "with_cpc_in_5_years",
            "pct_with_cpc_in_5_years")  # fmt: skip
    # LD: BOL (CPC March 2015, within five years of August 2017) and BUR (none): 1 of 2
    assert _pick(by_control[("2017", "LD")], *keys) == (2, 2, 0, 1, 50.0)
    # CON: ADU (2016) yes, ARU (2011) too early, AMB (2023) too late; ASH could not be
    # checked, so it counts in neither numerator nor denominator: 1 of 3
    assert _pick(by_control[("2017", "CON")], *keys) == (4, 3, 1, 1, 33.3)
    assert {p for a, p in by_control if a == "2017"} == {"LD", "CON"}


def test_take_up_by_control_today_reproduces_hand_figures(by_control):
    keys = ("councils", "councils_checked", "with_cpc_in_5_years", "pct_with_cpc_in_5_years",
            "reports_judged_for_timeliness", "published_on_time", "pct_published_on_time")  # fmt: skip
    assert _pick(by_control[("today", "LD")], *keys) == (1, 1, 1, 100.0, 1, 1, 100.0)
    assert _pick(by_control[("today", "CON")], *keys) == (3, 2, 0, 0.0, 0, 0, None)
    assert by_control[("today", "CON")]["could_not_be_checked"] == 1  # ASH
    assert _pick(by_control[("today", "LAB")], *keys) == (1, 1, 0, 0.0, 0, 0, None)
    assert _pick(by_control[("today", "NOC")], *keys) == (1, 1, 1, 100.0, 1, 0, 0.0)
    assert by_control[("today", "LD")]["party_name"] == "Liberal Democrat"


def test_take_up_by_control_at_each_visit_reproduces_hand_figures(by_control):
    keys = ("councils", "visits", "visits_with_report_found", "reports_judged_for_timeliness",
            "published_on_time")  # fmt: skip
    # BOL's visits of March 2015 (2014 make-up) and June 2024: both Liberal Democrat
    assert _pick(by_control[("each CPC visit", "LD")], *keys) == (1, 2, 1, 1, 1)
    # ADU October 2016 and ASH February 2016 (2015 make-up): Conservative
    assert _pick(by_control[("each CPC visit", "CON")], *keys) == (2, 2, 1, 0, 0)
    assert _pick(by_control[("each CPC visit", "NOC")], *keys) == (1, 1, 1, 1, 0)
    # ARU's January 2011 visit reads the 2010 make-up, which the data does not have
    assert _pick(by_control[("each CPC visit", "not known")], *keys) == (1, 1, 0, 0, 0)


def test_political_control_is_loaded_by_init(tmp_path):
    path = tmp_path / "init.db"
    init_path(path)
    with sqlite3.connect(path) as conn:
        count, councils = conn.execute(
            "SELECT count(*), count(DISTINCT council_code) FROM political_control"
        ).fetchone()
        westminster = dict(
            conn.execute(
                "SELECT year, control FROM political_control WHERE council_code = 'WSM'"
                " AND year IN (2021, 2022)"
            ).fetchall()
        )
    assert (count, councils) == (3658, 365)
    assert westminster == {2021: "CON", 2022: "LAB"}  # checked against the source README


def test_an_existing_database_gets_political_control_when_migrated(tmp_path):
    path = tmp_path / "old.db"
    init_path(path)
    with sqlite3.connect(path) as conn:  # as a database made before m012
        conn.execute("DROP TABLE political_control")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_political_control'")
    open_db(path).close()  # every open migrates
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM political_control").fetchone() == (3658,)


def test_pages_answer_on_a_database_never_crawled(tmp_path):
    path = tmp_path / f"{DB}.db"
    init_path(path)
    ds, get, rows = _client(path)
    try:
        assert 'data-count="not_checked">317<' in get("/").text
        assert get("/map").text.count("data-code=") == 317
        assert "timeliness can be judged yet" in get("/charts").text
        assert rows("take_up_over_time") == []
    finally:
        for database in ds.databases.values():
            database.close()


def test_a_visit_stated_at_a_coarser_precision_is_the_same_visit(tmp_path):
    path = tmp_path / f"{DB}.db"
    _hand_made(path)
    db = open_db(path)
    with db.atomic():
        for start in ("2024-06", "2024"):  # BOL's June 2024 visit, as other papers date it
            doc = f"https://example.org/BOL/paper-{start}.pdf"
            db.table("documents").insert(
                {"id": doc, "url": doc, "kind": "committee_paper", "visit_start": start,
                 "visit_end": start, "first_seen_run": 1}
            )  # fmt: skip
            db.table("document_councils").insert({"document_id": doc, "council_code": "BOL"})
            db.table("cpc_visits").insert(
                {"id": f"BOL:{start}", "council_code": "BOL", "visit_start": start,
                 "visit_end": start, "precision": "month" if len(start) == 7 else "year",
                 "evidence_document_id": doc}
            )  # fmt: skip
    db.close()
    with sqlite3.connect(path) as conn:
        bol = conn.execute(
            "SELECT visit_start, visit_end FROM cpc_visits_known WHERE council_code = 'BOL'"
            " ORDER BY visit_start"
        ).fetchall()
    assert bol == [("2015-03-10", "2015-03-13"), ("2024-06-10", "2024-06-13")]
