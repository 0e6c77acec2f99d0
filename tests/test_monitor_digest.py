"""Digests: sections, the without-report list with the 2017 baseline, empty runs, and untrusted text."""

from __future__ import annotations

import re

import pytest
from monitor_factory import NOW, check, diffed_run, doc

from monitor.config import Config, DigestConfig
from monitor.digest import build_digest, md_escape, render, safe_url

EVIL_TITLE = '<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>'
EVIL_URL = "javascript:alert(document.cookie)"


def test_sections_and_crawl_summary(db):
    run = diffed_run(
        db,
        [check("BOL"), check("RUS", "no_cpc"), check("KHL", "cpc_no_report")],
        [
            doc(
                "https://bolton.gov.uk/report.pdf",
                "BOL",
                title="LGA Corporate Peer Challenge - Bolton",
            )
        ],
    )
    text = render(build_digest(db, Config(), run_id=run, now=NOW), "text")
    assert "Newly published (1)" in text
    assert "Bolton Metropolitan Borough Council published its CPC feedback report" in text
    assert "https://bolton.gov.uk/report.pdf" in text
    assert f"run {run} (complete" in text
    assert "3 councils checked, 0 could not be checked, 10 requests" in text
    assert "Councils still without a report (2)" in text


def test_without_report_counts_from_the_2017_baseline(db):
    run = diffed_run(
        db, [check("RUS", "no_cpc"), check("KHL", "cpc_no_report"), check("BUC", "no_cpc")]
    )
    d = build_digest(db, Config(), run_id=run, now=NOW)
    rows = {w.code: w for w in d.without_report}
    assert rows["RUS"].since == "2017-08-01" and rows["RUS"].known_for == "9 years"
    assert "The MJ" in rows["RUS"].since_source
    assert rows["KHL"].since == "2017-08-01"
    assert rows["BUC"].since_source == "first run that found none"  # not in the baseline
    assert "BOL" not in rows


def test_a_report_found_since_resets_the_baseline(db):
    diffed_run(db, [check("RUS", "published")], [doc("https://rushcliffe.gov.uk/r.pdf", "RUS")])
    run = diffed_run(db, [check("RUS", "cpc_no_report")])
    (row,) = build_digest(db, Config(), run_id=run, now=NOW).without_report
    assert row.since_source == "first run that found none"


def test_a_council_unchecked_this_run_is_listed_once_as_not_checked_not_as_without_report(db):
    diffed_run(db, [check("RUS", "no_cpc")])
    run = diffed_run(db, [check("RUS", "unknown", reason="site_down")])
    d = build_digest(db, Config(), run_id=run, now=NOW)
    assert d.without_report == []  # the view's definition: unknown now is not listed
    (section,) = [s for s in d.sections if s.heading == "Sites that could not be checked"]
    assert [i.council_code for i in section.councils] == ["RUS"]
    for fmt in ("text", "markdown", "html"):
        out = render(d, fmt, on_empty="full").replace("\\", "")
        assert "site could not be checked: it was down" in out.lower()
        assert "last known" in out and "no CPC found" in out
        assert out.count("Rushcliffe") == 1


def test_a_council_checked_again_after_failing_is_current_news(db):
    diffed_run(db, [check("RUS", "unknown", reason="timeout")])
    run = diffed_run(db, [check("RUS", "no_cpc")])
    (row,) = build_digest(db, Config(), run_id=run, now=NOW).without_report
    assert row.not_checked_now == ""


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("line", "peerwatch: no changes (run"), ("silent", None), ("full", "peerwatch digest: run")],
)
def test_emptydiffed_run(db, mode, expected):
    diffed_run(db, [check("RUS", "no_cpc")])
    run = diffed_run(db, [check("RUS", "no_cpc")])
    config = Config(digest=DigestConfig(on_empty=mode))
    text = render(build_digest(db, config, run_id=run, now=NOW), "text", on_empty=mode)
    if expected is None:
        assert text is None
    else:
        assert text.startswith(expected)
    if mode == "line":
        assert text.count("\n") == 1 and "1 councils checked, 0 unknown" in text


@pytest.fixture
def evil_digest(db):
    run = diffed_run(db, [check("BOL")], [doc(EVIL_URL, "BOL", title=EVIL_TITLE + "\nFAKE LINE")])
    return build_digest(db, Config(), run_id=run, now=NOW)


def test_html_escapes_titles_and_drops_javascript_urls(evil_digest):
    html = render(evil_digest, "html")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:alert(document.cookie)" not in html
    assert 'href="javascript' not in html


def test_markdown_cannot_make_links_or_html(evil_digest):
    md = render(evil_digest, "markdown")
    assert "<script>" not in md and "](javascript" not in md
    assert "\\[click\\]\\(javascript" in md


def test_text_folds_forged_lines(evil_digest):
    text = render(evil_digest, "text")
    assert "\nFAKE LINE" not in text and "javascript:alert(document" not in text


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://bolton.gov.uk/a.pdf", True),
        ("http://x.test/a", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ('https://x.test/"onmouseover="alert(1)', False),
        ("", False),
    ],
)
def test_safe_url(url, kept):
    assert bool(safe_url(url)) is kept


def test_md_escape():
    assert md_escape("[a](b) *c* <d>") == "\\[a\\]\\(b\\) \\*c\\* \\<d\\>"


def test_since_gathers_several_runs(db):
    diffed_run(db, [check("BOL")], [doc("https://bolton.gov.uk/r.pdf", "BOL")])
    diffed_run(db, [check("BOL")], [doc("https://bolton.gov.uk/r.pdf", "BOL", content="v2")])
    d = build_digest(db, Config(), since="2000-01-01", now=NOW)
    assert {e.kind for e in d.events} == {"report_published", "document_changed"}
    assert len(d.runs) == 2 and d.period == "since 2000-01-01"


def _section_lines(text: str, heading: str) -> list[str]:
    """The lines of one section of a text or Markdown digest, up to the next blank line after
    its items."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip("# ").startswith(heading))
    body = lines[start + 1 :]
    while body and not body[0].strip():
        body = body[1:]
    out = []
    for line in body:
        if not line.strip():
            break
        out.append(line)
    return out


@pytest.fixture
def busy(db):
    """Five councils without a report, two that could not be checked, and some changes."""
    codes = ["RUS", "KHL", "BUC", "MEL", "DAR"]
    diffed_run(db, [check(c, "no_cpc") for c in codes] + [check("BOL"), check("BEX", "no_cpc")])
    run = diffed_run(
        db,
        [check(c, "no_cpc") for c in codes]
        + [check("BOL", "unknown", reason="site_down"), check("BEX", "unknown", reason="timeout")],
        [doc("https://bolton.gov.uk/r.pdf", "BOL")],
    )
    return build_digest(db, Config(), run_id=run, now=NOW), codes


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_one_line_per_council_in_the_without_report_list(busy, fmt):
    """Issue 10: the list was one run-on line ("...(2017)- Melton Borough Council...")."""
    d, codes = busy
    text = render(d, fmt)
    lines = _section_lines(text, "Councils still without a report")
    assert len(lines) == len(codes), lines
    for line in lines:
        assert line.startswith("- ")
        assert len(re.findall(r"\(([A-Z]{3})\)", line)) == 1, line
    assert sorted(re.search(r"\(([A-Z]{3})\)", line)[1] for line in lines) == sorted(codes)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_one_line_per_item_and_per_council_in_every_section(busy, fmt):
    d, _ = busy
    text = render(d, fmt)
    for s in d.sections:
        if not s.count:
            continue
        lines = _section_lines(text, s.heading)
        assert len(lines) == s.count and all(line.startswith("- ") for line in lines), lines
    not_checked = _section_lines(text, "Sites that could not be checked")
    assert sorted(line.split(":")[0][2:] for line in not_checked) == [
        "Bolton Metropolitan Borough Council",
        "London Borough of Bexley",
    ]


def test_html_has_one_row_per_council_and_one_card_per_change(busy):
    d, codes = busy
    html = render(d, "html")
    assert "<script" not in html and "<style" not in html and "<link" not in html
    rows = re.findall(r"<tr><td[^>]*><b>.*?</b> \(([A-Z]{3})\):", html)
    assert sorted(rows) == sorted(codes)
    cards = html.count("border-left:4px solid")
    assert cards == sum(s.count for s in d.sections)


def test_counts_come_first(busy):
    d, codes = busy
    text = render(d, "text")
    second = text.splitlines()[1]
    assert second.startswith("In this digest: ")
    assert f"{len(codes)} councils without a report" in second
    assert "2 sites that could not be checked" in second


def test_items_link_to_the_council_page_when_a_public_url_is_set(db):
    from monitor.config import PublishConfig

    run = diffed_run(db, [check("RUS", "no_cpc")])
    config = Config(publish=PublishConfig(base_url="https://peerwatch.example.org/"))
    text = render(build_digest(db, config, run_id=run, now=NOW), "text", on_empty="full")
    assert "https://peerwatch.example.org/peerwatch/council_history?council=RUS" in text
    plain = render(build_digest(db, Config(), run_id=run, now=NOW), "text", on_empty="full")
    assert "council_history" not in plain
