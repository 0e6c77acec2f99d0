"""A real browser on a real `peerwatch serve`: headless Chromium opens council_status.

Skips when no Chromium is installed (CI installs Debian's `chromium` and sets
PEERWATCH_REQUIRE_BROWSER=1 so that it fails instead, see .ci/run). The
screenshot goes to $PEERWATCH_SCREENSHOT_DIR, else the test's temporary directory; its path is
printed and recorded as the test property `screenshot`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import publish_db
import pytest
from browser_helpers import run_chromium
from serve_helpers import serving

PAGE = "/peerwatch/council_status?check_outcome__not=not+checked"


@pytest.fixture
def served(tmp_path):
    """`peerwatch serve` on a free loopback port over the publish test database."""
    db = tmp_path / "peerwatch.db"
    publish_db.build(db)
    with serving(db) as base:
        yield base


def test_council_status_in_headless_chromium(chromium, served, tmp_path, record_property, capsys):
    url = served + PAGE

    dom = run_chromium(chromium, "--virtual-time-budget=5000", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    # a known council's row, with its verdict and its report as a link
    row = html.split('<td class="col-name type-str">Bolton Metropolitan Borough Council</td>')
    assert len(row) == 2, "Bolton's row is missing"
    bolton = row[0].rsplit("<tr>", 1)[1] + row[1].split("</tr>", 1)[0]
    assert '<td class="col-verdict type-str">published</td>' in bolton
    assert (
        'href="https://www.bolton.gov.uk/council/lga-corporate-peer-challenge-report.pdf"' in bolton
    )
    # the verdict facet, with counts over the councils peerwatch checked
    facet = html.split('data-column="verdict"', 1)[1].split("</ul>", 1)[0]
    counts = dict(re.findall(r">(\w+)</a> (\d+)</li>", facet))
    assert counts == {"published": "5", "cpc_no_report": "2", "no_cpc": "2", "unknown": "2"}

    shots = Path(os.environ.get("PEERWATCH_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    screenshot = shots / "council_status.png"
    shot = run_chromium(
        chromium, "--window-size=1400,2000", "--hide-scrollbars", f"--screenshot={screenshot}", url
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    record_property("screenshot", str(screenshot))
    with capsys.disabled():
        print(f"\nscreenshot: {screenshot}")
