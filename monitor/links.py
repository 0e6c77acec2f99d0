"""Addresses on `peerwatch serve` that digests, feeds and chat messages link to.

The plugin (`monitor.publish.plugin`) serves them; everything else builds links with these
functions, so a path is spelled in one place.
"""

from __future__ import annotations

import re

from db.archive import archive_path

FEEDS_PATH = "/-/feeds"
ALL_FEED_PATH = f"{FEEDS_PATH}/all.atom"


def region_slug(region: str) -> str:
    """ "North West" -> "north-west": the region's part of its feed URL."""
    return re.sub(r"[^a-z0-9]+", "-", region.lower()).strip("-")


def archived_copy_url(base_url: str, sha256: str) -> str:
    """The archived copy's address on `peerwatch serve`, or "" without a copy or a base."""
    return f"{base_url.rstrip('/')}{archive_path(sha256)}" if sha256 and base_url else ""
