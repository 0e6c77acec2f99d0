"""The generalisation measurement (`python -m bench.varied`): its scoring, and one tiny real run."""

from __future__ import annotations

import json
from pathlib import Path

from bench.varied import compare, fold, main, seeds_from, summarise
from scraper.testweb.varied import HELD_OUT_SEEDS, SEEN_SEEDS, TUNING_SEEDS


def _row(code, state, expected, got, route=None, reason=None, got_reason=None, requests=10):
    return {
        "seed": 11, "code": code, "state": state, "route": route, "expected": expected,
        "expected_reason": reason, "got": got, "got_reason": got_reason, "requests": requests,
        "report_found": (got == "published") if state == "published" else None,
        "reports_claimed": [], "not_reports_claimed": [], "duplicate_spellings": 0,
        "variant": {"route": route, "search": "none"},
    }  # fmt: skip


def test_scores_count_the_worst_error_by_true_state_even_on_unreadable_sites():
    rows = [
        _row("A", "published", "published", "published", route="hub", requests=12),
        _row("B", "published", "published", "no_cpc", route="committee", requests=3),
        _row("C", "published", "unknown", "cpc_no_report", reason="consent_wall", requests=2),
        _row("D", "no_cpc", "no_cpc", "unknown", got_reason="shallow_check", requests=60),
        _row("E", "no_cpc", "no_cpc", "published", requests=20),
    ]
    s = summarise(rows)
    assert s["published_called_no_cpc_or_cpc_no_report"] == 2
    assert s["published_recall"] == 0.5
    assert s["published_precision"] == 0.5
    assert s["verdict_accuracy"] == 0.2
    assert s["unknown_by_reason"] == {"shallow_check": 1}
    assert s["requests_per_council"] == {"median": 12, "p95": 60, "max": 60}
    assert s["published_found_by_route"] == {"committee": "0/1", "hub": "1/1"}
    assert [f["code"] for f in s["failures"]] == ["B", "C", "D", "E"]
    assert s["failure_rate_by_variant"]["route"]['"committee"'] == "1/1"


def test_one_document_has_one_folded_spelling():
    assert fold("https://www.x.gov.uk/a%20b.pdf") == fold("http://x.gov.uk/a b.pdf")
    assert fold("http://c.gov.uk/D.ashx?k=a%2bb%3d") == fold("http://c.gov.uk/D.ashx?k=a+b=")
    assert fold("http://x.gov.uk/a.pdf") != fold("http://y.gov.uk/a.pdf")


def test_seed_groups_keep_tuning_and_held_out_apart():
    assert seeds_from("all") == {
        "tuning": TUNING_SEEDS, "seen": SEEN_SEEDS, "held_out": HELD_OUT_SEEDS
    }  # fmt: skip
    mixed = seeds_from(f"{TUNING_SEEDS[0]},{HELD_OUT_SEEDS[0]},7")
    assert mixed == {"tuning": (TUNING_SEEDS[0],), "held_out": (HELD_OUT_SEEDS[0],), "other": (7,)}


def test_a_development_run_never_crawls_a_held_out_seed():
    assert seeds_from("dev") == {"tuning": TUNING_SEEDS, "seen": SEEN_SEEDS}
    assert seeds_from("seen") == {"seen": SEEN_SEEDS}
    assert seeds_from(f"{SEEN_SEEDS[0]}") == {"seen": (SEEN_SEEDS[0],)}
    assert not set(HELD_OUT_SEEDS) & set(TUNING_SEEDS + SEEN_SEEDS)


def test_a_tiny_measurement_crawls_and_reports_text_and_json(tmp_path, capsys):
    out = tmp_path / "varied.json"
    assert main(["--seeds", "11", "--councils", "5", "--quiet", "--fast", "--workdir", str(tmp_path),
                 "--json", str(out)]) == 0  # fmt: skip
    text = capsys.readouterr().out
    assert "== tuning: seeds 11, 5 councils ==" in text
    assert "published called no_cpc or cpc_no_report" in text
    data = json.loads(out.read_text())
    assert data["groups"]["tuning"]["councils"] == 5
    assert data["groups"]["tuning"]["forbidden_requests"] == 0
    assert {r["code"] for r in data["councils"]} == {f"V011{i:02d}" for i in range(5)}
    assert all(r["requests"] > 0 for r in data["councils"])


def test_compare_puts_the_recorded_before_figures_beside_a_run(tmp_path):
    before = json.loads((Path(__file__).parents[1] / "bench" / "varied_before.json").read_text())
    after = {"seen": dict(before["groups"]["seen"], published_called_no_cpc_or_cpc_no_report=0)}
    text = compare(before["groups"], after)
    assert "== seen: before -> after ==" in text
    assert "published called no_cpc/cpc_no_report: 111 -> 0" in text
    assert "tuning" not in text
