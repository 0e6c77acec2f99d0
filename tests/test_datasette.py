"""Datasette over a realistic multi-run database: every view and canned query, row by row."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import publish_db
import pytest
from dateutil.relativedelta import relativedelta

from db.connection import open_db
from db.views import view_files
from monitor.publish.app import make_datasette, packaged_metadata, prepare_for_serving

DB = "peerwatch"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, publish_db.Scenario]:
    path = tmp_path_factory.mktemp("publish") / f"{DB}.db"
    scenario = publish_db.build(path)
    prepare_for_serving(path, immutable=True)
    return path, scenario


@pytest.fixture(scope="module")
def scenario(built) -> publish_db.Scenario:
    return built[1]


@pytest.fixture(scope="module")
def datasette(built):
    ds = make_datasette(built[0])
    yield ds
    for database in ds.databases.values():
        database.close()


@pytest.fixture(scope="module")
def get(datasette):
    def get(path: str, status: int = 200):
        # council_status without a query string redirects to its current councils
        response = asyncio.run(datasette.client.get(path, follow_redirects=True))
        assert response.status_code == status, (path, response.text[:500])
        return response

    return get


@pytest.fixture(scope="module")
def rows(get):
    """Rows of a table, view or canned query as dicts, keyed by `key` when given."""

    def rows(path: str, key: str | None = None, **params: str):
        sep = "&" if "?" in path else "?"
        query = "".join(f"&{k}={v}" for k, v in params.items())
        got = get(f"/{DB}/{path}.json{sep}_shape=array&_size=max{query}").json()
        return {r[key]: r for r in got} if key else got

    return rows


def _plus(day: dt.date, months: int) -> str:
    return (day + relativedelta(months=months)).isoformat()


# --- council_status -----------------------------------------------------------------------


def test_council_status_has_one_row_per_council(rows):
    status = rows("council_status", key="code")
    assert len(status) == 365
    assert status["DAV"]["current"] == 0 and status["DAV"]["check_outcome"] == "not checked"


def test_published_on_time_with_action_plan_and_progress_review(rows, scenario):
    bol = rows("council_status", key="code")["BOL"]
    start, end = scenario.bol_visit
    assert bol["name"] == "Bolton Metropolitan Borough Council"
    assert (bol["type"], bol["region"]) == ("Metropolitan district", "North West")
    assert (bol["verdict"], bol["last_visit_start"], bol["last_visit_end"]) == (
        "published",
        start.isoformat(),
        end.isoformat(),
    )
    assert bol["report_url"] == scenario.urls["BOL_report"]
    assert bol["action_plan_url"] == scenario.urls["BOL_plan"]
    assert bol["progress_review_url"] == scenario.urls["BOL_review"]
    assert bol["report_due"] == bol["action_plan_due"] == _plus(end, 3)
    assert bol["action_plan_latest"] == _plus(end, 5)
    assert bol["progress_review_due"] == _plus(end, 12)
    assert bol["next_cpc_due"] == _plus(end, 60)
    assert [bol[f"{k}_overdue"] for k in ("report", "action_plan", "progress_review", "cpc")] == [
        0,
        0,
        0,
        0,
    ]
    assert bol["report_first_seen"] == scenario.run_days[0].isoformat()
    assert bol["report_on_time"] == 1
    assert bol["check_outcome"] == "checked" and bol["named_in_2017"] == 1
    assert bol["last_checked"].startswith(scenario.run_days[-1].isoformat())


def test_due_dates_clamp_to_month_end_like_relativedelta(rows):
    nnt = rows("council_status", key="code")["NNT"]  # visit ended 30 November 2024
    assert (nnt["report_due"], nnt["action_plan_latest"], nnt["progress_review_due"]) == (
        "2025-02-28",
        "2025-04-30",
        "2025-11-30",
    )
    assert (nnt["verdict"], nnt["report_url"], nnt["report_overdue"]) == ("cpc_no_report", None, 1)
    assert nnt["reason"] == "LGA lists a CPC; no report found"


def test_joint_report_belongs_to_both_councils_with_month_precision_visit(rows, scenario):
    status = rows("council_status", key="code")
    for code in ("BAB", "MSU"):
        row = status[code]
        assert row["report_url"] == scenario.urls["BAB_MSU_report"]
        # A month-only visit keeps its precision (issue 10): never a 1st that compares early.
        assert (row["last_visit_start"], row["last_visit_end"]) == ("2023-02", "2023-02-28")
        assert row["report_due"] == "2023-05-28"
        # peerwatch started watching after the due date: timeliness cannot be judged
        assert row["report_on_time"] is None


def test_report_found_after_its_due_date_is_late(rows, scenario):
    wnt = rows("council_status", key="code")["WNT"]
    assert (wnt["verdict"], wnt["report_url"]) == ("published", scenario.urls["WNT_report"])
    assert wnt["report_first_seen"] == scenario.run_days[-1].isoformat()
    assert wnt["report_on_time"] == 0


def test_failed_check_is_unknown_and_keeps_the_known_report(rows, scenario):
    has = rows("council_status", key="code")["HAS"]
    assert (has["verdict"], has["last_known_verdict"]) == ("unknown", "published")
    assert has["check_outcome"] == "could not check"
    assert has["reason"] == "bot challenge (cf-turnstile) on every page"
    assert has["report_url"] == scenario.urls["HAS_report"] and has["report_overdue"] == 0
    assert has["action_plan_overdue"] is None  # cannot say while the site cannot be checked
    buc = rows("council_status", key="code")["BUC"]
    assert (buc["verdict"], buc["last_known_verdict"], buc["cpc_overdue"]) == (
        "unknown",
        None,
        None,
    )


def test_report_of_an_earlier_cpc_is_not_the_last_cpcs_report(rows, scenario):
    kec = rows("council_status", key="code")["KEC"]
    assert kec["last_visit_end"] == scenario.kec_visit[1].isoformat()
    assert (kec["report_url"], kec["report_overdue"], kec["report_on_time"]) == (None, 1, 0)


def test_removed_report_and_runs_not_complete_are_ignored(rows):
    status = rows("council_status", key="code")
    assert (status["CHE"]["report_url"], status["CHE"]["report_overdue"]) == (None, 1)
    assert status["ADU"]["verdict"] == "no_cpc"  # the still-running run said "published"
    assert (status["ADU"]["cpc_overdue"], status["ADU"]["report_overdue"]) == (1, None)


def test_council_status_facets_and_labels(get):
    data = get(f"/{DB}/council_status.json?check_outcome__not=not+checked").json()
    assert set(data["facet_results"]) == {"verdict", "type", "region"}
    verdicts = {f["value"]: f["count"] for f in data["facet_results"]["verdict"]["results"]}
    assert verdicts == {"published": 5, "cpc_no_report": 2, "no_cpc": 2, "unknown": 2}
    regions = {f["value"]: f["count"] for f in data["facet_results"]["region"]["results"]}
    assert regions["North West"] == 2


# --- the other views ------------------------------------------------------------------------


def test_councils_without_report(rows):
    without = rows("councils_without_report", key="code")
    assert {code: r["why"] for code, r in without.items()} == {
        "ADU": "no CPC found",
        "ROH": "no CPC found",
        "CHE": "CPC found, no report",
        "NNT": "CPC found, no report",
        "KEC": "report found only for an earlier CPC",
    }
    nnt_overdue = (dt.date.today() - dt.date(2025, 2, 28)).days
    assert without["NNT"]["days_overdue"] == nnt_overdue
    assert "HAS" not in without and "BUC" not in without  # unknown is never "not published"


def test_recent_events_last_twelve_months_with_names_and_links(rows, get, scenario):
    events = rows("recent_events")
    assert [e["kind"] for e in events] == [
        "deadline_missed",
        "document_removed",
        "check_failing",
        "document_added",
        "report_published",
    ]
    published = events[-1]
    assert published["council"] == "West Northamptonshire Council"
    assert published["document_url"] == scenario.urls["WNT_report"]
    assert (
        published["document_title"]
        == "LGA Corporate Peer Challenge - West Northamptonshire Council"
    )
    html = get(f"/{DB}/recent_events").text
    assert f'<a href="{scenario.urls["WNT_report"]}">' in html


def test_mj_2017_followup_reaches_successors(rows):
    mj = rows("mj_2017_followup", key="code")
    assert len(mj) == 91
    assert mj["DAV"]["still_exists"] == 0 and mj["DAV"]["abolished_on"] == "2021-04-01"
    assert (mj["DAV"]["now_part_of"], mj["DAV"]["verdict_now"]) == (
        "West Northamptonshire Council",
        "published",
    )
    assert mj["DAV"]["known_now"] == "published a CPC report since 2017"
    assert mj["NTH"]["verdict_now"] == "mixed"  # NNT cpc_no_report, WNT published
    assert mj["NTH"]["published_since_2017"] == 1
    assert mj["KET"]["known_now"] == "had a CPC since 2017, no report found"
    assert mj["WYO"]["known_now"] == "could not be checked on the last run"
    assert mj["ADU"]["known_now"] == "still no CPC found"
    assert mj["KEC"]["known_now"] == "had a CPC since 2017, no report found"
    assert mj["BOL"]["known_now"] == mj["MSU"]["known_now"] == "published a CPC report since 2017"
    assert mj["MSU"]["name_as_published"] == "Mid Suffolk"


def test_take_up_by_type_and_region(rows):
    by_region = rows("take_up_by_region", key="region")
    england = by_region["All current councils"]
    assert england["councils"] == 317
    # checked on their latest run: BOL, BAB, MSU, NNT, WNT, KEC, CHE, ADU, ROH; HAS and BUC
    # could not be checked; the rest never were. Shares are of the checked councils only.
    assert (england["councils_checked"], england["could_not_be_checked"]) == (9, 2)
    assert england["not_checked"] == 317 - 11
    # of those, all but ADU and ROH had a CPC in the last five years (HAS had one too, but
    # could not be checked, so it is in neither numerator nor denominator)
    assert england["with_cpc_in_last_5_years"] == 7
    assert england["pct_with_cpc_in_last_5_years"] == round(700 / 9, 1)
    # judged: BOL on time, WNT late, KEC not found by its due date
    assert (england["reports_judged_for_timeliness"], england["published_on_time"]) == (3, 1)
    assert england["pct_published_on_time"] == 33.3
    north_west = by_region["North West"]
    assert (north_west["with_cpc_in_last_5_years"], north_west["pct_published_on_time"]) == (
        2,
        100.0,
    )
    # a region nobody checked has no share, not a quotable "0.0%"
    north_east = by_region["North East"]
    assert (north_east["councils_checked"], north_east["pct_with_cpc_in_last_5_years"]) == (0, None)
    by_type = rows("take_up_by_type", key="council_type")
    assert by_type["All current councils"]["councils"] == 317
    unitary = by_type["Unitary authority"]
    assert (unitary["with_cpc_in_last_5_years"], unitary["verdict_unknown"]) == (3, 1)


# --- search and canned queries --------------------------------------------------------------


def test_documents_full_text_search(rows, scenario):
    found = rows("documents", _search="shared")
    assert [d["url"] for d in found] == [scenario.urls["BAB_MSU_report"]]
    assert {d["url"] for d in rows("documents", _search="resilience")} == {
        scenario.urls["BOL_report"],
        scenario.urls["WNT_report"],
    }


def test_search_index_follows_document_updates(tmp_path):
    path = tmp_path / "fts.db"
    publish_db.build(path)
    db = open_db(path)
    db.execute(
        "UPDATE documents SET text = 'now about leadership capacity' WHERE kind = 'action_plan'"
    )
    db.conn.commit()
    hits = db.execute(
        "SELECT d.kind FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
        "WHERE documents_fts MATCH 'capacity'"
    ).fetchall()
    db.close()
    assert hits == [("action_plan",)]


def test_documents_mentioning_a_phrase(rows, scenario):
    found = rows("documents_mentioning", phrase="financial+resilience")
    assert {d["url"] for d in found} == {scenario.urls["BOL_report"], scenario.urls["WNT_report"]}
    wnt = next(d for d in found if d["url"] == scenario.urls["WNT_report"])
    assert wnt["councils"] == "West Northamptonshire Council"
    assert "[financial resilience]" in wnt["excerpt"]
    joint = rows("documents_mentioning", phrase="mid+suffolk")
    assert joint[0]["councils"] == "Babergh District Council; Mid Suffolk District Council"
    assert rows("documents_mentioning", phrase="resilience+financial") == []
    assert rows("documents_mentioning", phrase="") == []
    assert rows("documents_mentioning", phrase="say+%22hi") == []  # a stray quote is no error


def test_councils_in_a_region_without_a_report(rows):
    assert [r["code"] for r in rows("region_without_report", region="north+west")] == ["CHE"]
    south_east = rows("region_without_report", region="South+East")
    assert {r["code"]: r["why"] for r in south_east} == {
        "ADU": "no CPC found",
        "ROH": "no CPC found",
    }
    assert rows("region_without_report", region="Atlantis") == []


def test_council_history(rows, scenario):
    bol = rows("council_history", council="BOL")
    whats = sorted(r["what"] for r in bol)
    assert whats == sorted(
        [
            "CPC visit",
            "CPC visit",  # the CPC and the progress review visit
            "found: feedback_report",
            "found: action_plan",
            "found: progress_review",
            "event: report_published",
            "event: document_added",
            "observed: no_cpc",
        ]
    )
    assert bol[0]["what"] == "event: document_added"  # newest first
    assert [r["date"] for r in bol] == sorted((r["date"] for r in bol), reverse=True)
    # by name, with the predecessors' history
    wnt = rows("council_history", council="west+northamptonshire")
    assert {r["council"] for r in wnt} == {"WNT", "DAV", "NOR", "SNR", "NTH"}
    assert {"event: report_published", "found: feedback_report"} <= {r["what"] for r in wnt}
    assert rows("council_history", council="Nowhere") == []


# --- presentation and safety ----------------------------------------------------------------


def test_home_page_tells_a_newcomer_where_to_start(get):
    html = get("/").text
    assert "Start here" in html
    assert f'<a href="/{DB}/council_status">council_status</a>' in html
    assert "CC BY 4.0" in html and "OGL v3.0" in html and "mySociety" in html


def test_internal_tables_hidden_and_all_views_listed(get):
    data = get(f"/{DB}.json").json()
    hidden = {t["name"] for t in data["tables"] if t["hidden"]}
    assert {"_sqlite_migrations", "council_aliases", "council_overrides", "documents_fts"} <= hidden
    assert {"councils", "documents", "events", "checks"}.isdisjoint(hidden)
    assert {v["name"] for v in data["views"]} == {v.name for v in view_files()}
    queries = {q["name"] for q in data["queries"]}
    assert queries == {"documents_mentioning", "region_without_report", "council_history"}


def test_every_view_in_the_database_has_its_file_metadata_and_readme_row(built):
    """A view is one .sql file in db/views plus its metadata and a row in the README's table."""
    with sqlite3.connect(built[0]) as conn:
        in_db = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='view'")}
    assert in_db == {v.name for v in view_files()}
    described = packaged_metadata()["database"]["tables"]
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    publishing = readme[readme.index("## Publishing with Datasette") :]
    for view in sorted(in_db):
        assert described.get(view, {}).get("description"), f"{view}: no metadata description"
        assert f"`{view}`" in publishing, f"{view}: no row in the README's view table"


def test_every_view_and_query_renders_as_html(get):
    for path in (
        *(v.name for v in view_files()),
        "documents?_search=resilience",
        "documents_mentioning?phrase=peer",
        "region_without_report?region=London",
        "council_history?council=KEC",
    ):
        assert "<table" in get(f"/{DB}/{path}").text, path


def test_document_urls_are_links_and_scraped_markup_never_runs(get, scenario):
    html = get(f"/{DB}/council_status?code=BOL").text
    assert f'<a href="{scenario.urls["BOL_report"]}">' in html
    for path in ("documents", "council_history?council=ROH", "documents_mentioning?phrase=notice"):
        page = get(f"/{DB}/{path}").text
        assert "&lt;script&gt;alert(" in page, path
        assert "<script>alert(" not in page and 'href="javascript:' not in page, path


def test_dates_sort_as_dates(rows):
    ordered = rows("council_status", _sort_desc="last_visit_end", last_visit_end__notblank="1")
    ends = [r["last_visit_end"] for r in ordered]
    assert ends == sorted(ends, reverse=True)
    assert all(dt.date.fromisoformat(e) for e in ends)


def test_immutable_serving_sees_writes_still_in_the_wal(tmp_path):
    path = tmp_path / "wal.db"
    publish_db.build(path)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE councils SET name = 'Adur (renamed)' WHERE code = 'ADU'")
    writer.commit()  # left open: closing the last connection would checkpoint the WAL itself
    try:
        assert (tmp_path / "wal.db-wal").stat().st_size > 0
        prepare_for_serving(path, immutable=True)
        ds = make_datasette(path)
        assert not ds.databases["wal"].is_mutable
        response = asyncio.run(ds.client.get("/wal/council_status.json?_shape=array&code=ADU"))
        assert response.json()[0]["name"] == "Adur (renamed)"
    finally:
        writer.close()
