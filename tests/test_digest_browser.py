"""The HTML digest in a real browser: headless Chromium renders the email-safe layout (inline
styles, tables, no scripts), one card per change, the counts first. The screenshot goes to
$PEERWATCH_SCREENSHOT_DIR (docs/digest.png in the README comes from it), else the test's
temporary directory."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_helpers import run_chromium
from monitor_factory import NOW, add_run, check, doc, new_db_file

from db.connection import open_db
from monitor.config import Config, PublishConfig
from monitor.cycle import process_runs
from monitor.digest import render


@pytest.fixture
def digest_html(tmp_path) -> tuple[Path, int]:
    path = new_db_file(tmp_path)
    db = open_db(path)
    add_run(
        db,
        [check("BOL", "cpc_no_report"), check("RUS", "no_cpc"), check("BEX", "unknown")],
        [doc("https://bolton.gov.uk/announcement", "BOL", kind="announcement")],
    )
    add_run(
        db,
        [check("BOL"), check("RUS", "no_cpc"), check("BEX", "unknown", reason="site_down")],
        [
            doc("https://bolton.gov.uk/report.pdf", "BOL", title="LGA Corporate Peer Challenge"),
            doc("https://bolton.gov.uk/plan.pdf", "BOL", kind="action_plan", title="Action plan"),
        ],
    )
    db.close()
    config = Config(publish=PublishConfig(base_url="https://peerwatch.example.org"))
    result = process_runs(path, config, now=NOW, channels=[])
    html = render(result.digest, "html")
    out = tmp_path / "digest.html"
    out.write_text(html, encoding="utf-8")
    return out, sum(s.count for s in result.digest.sections)


def test_html_digest_in_headless_chromium(chromium, digest_html, tmp_path):
    page, changes = digest_html
    raw = page.read_text(encoding="utf-8")
    assert "<script" not in raw and "<style" not in raw and "<link" not in raw
    assert 'class="' not in raw  # inline styles only: mail clients drop stylesheets

    dom = run_chromium(chromium, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert html.count("border-left:4px solid") == changes >= 4
    assert "Open the document" in html
    assert "https://peerwatch.example.org/peerwatch/council_history?council=BOL" in html
    counts = re.findall(r"font-size:24px[^>]*>(\d+)</div>", html)
    assert counts and all(int(n) > 0 for n in counts)

    shots = Path(os.environ.get("PEERWATCH_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    screenshot = shots / "digest.png"
    shot = run_chromium(
        chromium,
        "--window-size=700,1400",
        "--hide-scrollbars",
        f"--screenshot={screenshot}",
        page.as_uri(),
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
