"""The evidence archive: every version of every CPC document, kept after the council removes it.

Files live beside the database, content-addressed (`<db dir>/archive/sha256/ab/cdef...`), so a
version seen on many runs or at many URLs is stored once and an unchanged re-run writes no byte.
A file is written once and never rewritten: a 304 (the cache hands back the same body) finds it
already there, and a later 404 never reaches the archive at all, since only documents the
classifier accepted are handed to it.

The `archive` table (migration m013) says what each file is: the URL it was fetched from, the
document, first and last run it was seen, the HTTP headers that identify a version
(Content-Type, Last-Modified, ETag) and its size. A version over the per-document or total cap
is listed with `stored = 0` and the reason, never silently dropped.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

ARCHIVE_DIR = "archive"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: What the archive serves as itself; anything else is sent as a download.
SERVABLE_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/vnd.oasis.opendocument.text",
    "text/plain",
)
#: HTML documents are archived as their extracted main text: the page's menus, banners and
#: cookie notices change every week and are not the evidence.
MAIN_TEXT_TYPE = "text/plain; charset=utf-8"


def archive_root(db_path: str | Path) -> Path:
    """The archive directory of the database at `db_path`."""
    return Path(db_path).resolve().parent / ARCHIVE_DIR


def archive_path(sha256: str) -> str:
    """The archive-relative URL path of a version, as served by `peerwatch serve`."""
    return f"/-/archive/{sha256}"


@dataclass(frozen=True)
class ArchivedCopy:
    """One version of a document as fetched: what the archive keeps (or why it did not)."""

    sha256: str
    size: int
    #: Content-Type as the server sent it.
    content_type: str
    #: What the bytes are (sniffed), which the archive serves them as.
    media_type: str = "application/octet-stream"
    last_modified: str = ""
    etag: str = ""
    stored: bool = True
    #: Why the file was not stored (a cap), when `stored` is False.
    note: str = ""


@dataclass(frozen=True)
class ArchiveLimits:
    max_document_bytes: int
    max_total_bytes: int


class ArchiveStore:
    """The content-addressed files under one archive directory."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if not SHA256.match(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.root / "sha256" / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store `data` unless already there; (its sha256, whether a new file was written).
        Written to a temporary file and renamed, so a reader never sees half a file."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha)
        if path.is_file():
            return sha, False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, True

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def files(self) -> list[Path]:
        base = self.root / "sha256"
        return [p for p in base.rglob("*") if p.is_file()] if base.exists() else []

    def sweep(self, keep: set[str]) -> int:
        """Delete files (and temporaries) not in `keep`: what a crawl killed before its commit
        left behind. Returns how many were deleted."""
        removed = 0
        for path in self.files():
            if path.parent.name + path.name not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def total_bytes(self) -> int:
        """Bytes on disk in the archive (what "storage grows with changes only" measures)."""
        return sum(p.stat().st_size for p in self.files())


def stored_bytes(db: Database) -> tuple[int, dict[str, int]]:
    """Bytes of stored files in total, and per document, from the `archive` table."""
    if "archive" not in db.table_names():
        return 0, {}
    total = db.execute(
        "SELECT coalesce(sum(size), 0) FROM"
        " (SELECT sha256, max(size) AS size FROM archive WHERE stored GROUP BY sha256)"
    ).fetchone()[0]
    per_document = dict(
        db.execute(
            "SELECT document_id, sum(size) FROM (SELECT DISTINCT document_id, sha256, size"
            " FROM archive WHERE stored) GROUP BY document_id"
        ).fetchall()
    )
    return int(total), per_document


def stored_hashes(db: Database) -> set[str]:
    """The sha256 of every file the `archive` table says is stored."""
    if "archive" not in db.table_names():
        return set()
    return {r[0] for r in db.execute("SELECT DISTINCT sha256 FROM archive WHERE stored")}


def record_copy(db: Database, run_id: int, document_id: str, url: str, copy: ArchivedCopy) -> None:
    """Note that `copy` was seen at `url` on run `run_id` (first sighting inserts, later ones
    move `last_seen_run`). Called inside the run's commit transaction."""
    db.execute(
        "INSERT INTO archive (sha256, url, document_id, first_seen_run, last_seen_run,"
        " content_type, media_type, last_modified, etag, size, stored, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (sha256, url) DO UPDATE SET last_seen_run = excluded.last_seen_run,"
        " document_id = excluded.document_id,"
        " stored = max(archive.stored, excluded.stored),"
        " note = CASE WHEN max(archive.stored, excluded.stored) THEN '' ELSE excluded.note END",
        [
            copy.sha256,
            url,
            document_id,
            run_id,
            run_id,
            copy.content_type,
            copy.media_type,
            copy.last_modified,
            copy.etag,
            copy.size,
            int(copy.stored),
            copy.note,
        ],
    )
