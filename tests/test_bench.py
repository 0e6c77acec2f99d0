"""Smoke test of the benchmarks at tiny sizes (the real figures come from `python -m bench`)."""

from __future__ import annotations

from bench.__main__ import main
from bench.history import run_history
from bench.report import Row, render_table


def test_history_bench_at_tiny_size(tmp_path):
    result = run_history(tmp_path / "h.db", councils=50, runs=4, echo=lambda _: None)
    assert result.db_bytes > 0 and result.diff_digest_s > 0
    assert result.unchanged_growth_rows.get("checks") == 50
    assert set(result.unchanged_growth_rows) <= {"runs", "checks", "events"}


def test_table_renders_every_row():
    table = render_table([Row("x", 1.5, 3, 0.5, "<= 1")], ["a note"], "test machine")
    assert "0.500" in table and "note: a note" in table and "machine: test machine" in table


def test_one_command_prints_the_table(tmp_path, capsys):
    assert main(["--skip-crawl", "--history-councils", "30", "--history-runs", "3", "--quiet",
                 "--workdir", str(tmp_path)]) == 0  # fmt: skip
    assert "diff + digest" in capsys.readouterr().out
