"""Drive a real headless Chromium over the DevTools protocol: open a page, read its layout,
take a screenshot of the first screen. Offline: the browser's own network features are off,
and the pages it opens are served on 127.0.0.1.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import connect

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
WIDTH, HEIGHT = 1400, 900


def find_chromium() -> str:
    """Chromium's path; skip (or fail under PEERWATCH_REQUIRE_BROWSER) when none is installed."""
    found = next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)
    if found is None:
        if os.environ.get("PEERWATCH_REQUIRE_BROWSER"):
            pytest.fail("PEERWATCH_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip(
            "no Chromium found (looked for " + ", ".join(CHROMIUM_NAMES) + "); "
            "install Debian's package: apt-get install -y chromium"
        )
    return found


def run_chromium(chromium: str, *args: str) -> subprocess.CompletedProcess:
    """One headless Chromium command (`--dump-dom URL`, `--screenshot=FILE URL`) with a fresh
    profile, to its end."""
    with tempfile.TemporaryDirectory(prefix="peerwatch-chromium-") as profile:
        return subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=90,
        )


class Browser:
    """One headless Chromium with one tab at 1400x900, driven over its DevTools socket."""

    def __init__(self, chromium: str) -> None:
        self._profile = tempfile.TemporaryDirectory(
            prefix="peerwatch-chromium-", ignore_cleanup_errors=True
        )
        self._process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile.name}",
             f"--window-size={WIDTH},{HEIGHT}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self._ids = itertools.count(1)
        port = self._devtools_port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            page = next(t for t in json.load(r) if t["type"] == "page")
        self._closing = contextlib.ExitStack()
        self._socket = self._closing.enter_context(
            connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30)
        )
        self.call("Page.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False,
        )  # fmt: skip

    def _devtools_port(self, timeout: float = 30) -> int:
        marker = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().splitlines()[0])
            if self._process.poll() is not None:
                raise AssertionError("Chromium exited before opening its DevTools port")
            time.sleep(0.1)
        raise AssertionError("Chromium did not open its DevTools port")

    def call(self, method: str, timeout: float = 60, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and return its result (events in between are skipped)."""
        message_id = next(self._ids)
        self._socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = json.loads(self._socket.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            if message.get("id") == message_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]

    def open(self, url: str, timeout: float = 60) -> None:
        """Navigate and wait for the page's load event (every script and image loaded)."""
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = json.loads(self._socket.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            if message.get("method") == "Page.loadEventFired":
                return
        raise AssertionError(f"{url} did not finish loading")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        """The first screen (1400x900), as a reader sees it on opening the page."""
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        """Stop Chromium and its helper processes (its own process group), then its profile."""
        self._closing.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGTERM)
        self._process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self._process.pid, 0)  # helpers still running
            except ProcessLookupError:
                break
            time.sleep(0.1)
        self._profile.cleanup()
