"""Handing accepted CPC documents to the evidence archive (`db.archive`) during a crawl.

The spiders call `CrawlSession.keep_evidence` once per response the classifier accepted as CPC
material; this module turns that response into the bytes to keep (the file as served; the main
text for an HTML page) and writes them, within the caps. Files written for a response that
never became a committed document are deleted again at the end of the run, so the archive
holds nothing but CPC material.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlite_utils import Database

from db.archive import (
    MAIN_TEXT_TYPE,
    ArchivedCopy,
    ArchiveLimits,
    ArchiveStore,
    archive_root,
    stored_bytes,
    stored_hashes,
)
from db.runs import FoundDocument
from scraper.classify.records import ExtractedText
from scraper.options import CrawlOptions

#: The media type of each extracted format: what the archive serves the file as, whatever
#: Content-Type the council's server sent (servers lie; the bytes were sniffed).
FORMAT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text": "text/plain",
    "html": MAIN_TEXT_TYPE,
}


def header(headers, name: str) -> str:
    """One response header as text ("" when absent); works on Scrapy `Headers` and dicts."""
    value = headers.get(name) if headers is not None else None
    if isinstance(value, bytes):
        return value.decode("latin-1").strip()
    return str(value or "").strip()


def evidence_bytes(body: bytes, extracted: ExtractedText) -> tuple[bytes, str]:
    """What to archive for a response and its media type: an HTML page's main text, else the
    file exactly as served."""
    if extracted.format == "html":
        return extracted.text.encode("utf-8"), MAIN_TEXT_TYPE
    return body, FORMAT_TYPES.get(extracted.format, "application/octet-stream")


@dataclass
class EvidenceKeeper:
    """Writes this run's evidence, within the caps, and remembers it per URL until commit."""

    store: ArchiveStore
    limits: ArchiveLimits
    #: Bytes already stored, in total and per document (from the database at the start).
    total: int = 0
    per_document: dict[str, int] = field(default_factory=dict)
    copies: dict[str, ArchivedCopy] = field(default_factory=dict)
    #: Files this run wrote (deleted again unless a committed document refers to them).
    written: set[str] = field(default_factory=set)

    def keep(
        self, url: str, document_id: str, body: bytes, extracted: ExtractedText, headers
    ) -> ArchivedCopy:
        data, media_type = evidence_bytes(body, extracted)
        sha = hashlib.sha256(data).hexdigest()
        size = len(data)
        note = ""
        if not self.store.has(sha):
            if self.per_document.get(document_id, 0) + size > self.limits.max_document_bytes:
                note = "over the per-document cap (crawl.archive_max_document_bytes)"
            elif self.total + size > self.limits.max_total_bytes:
                note = "over the total cap (crawl.archive_max_total_bytes)"
            else:
                sha, new = self.store.put(data)
                if new:
                    self.written.add(sha)
                    self.total += size
                    self.per_document[document_id] = self.per_document.get(document_id, 0) + size
        copy = ArchivedCopy(
            sha256=sha,
            size=size,
            content_type=header(headers, "Content-Type") or media_type,
            media_type=media_type,
            last_modified=header(headers, "Last-Modified"),
            etag=header(headers, "ETag"),
            stored=not note,
            note=note,
        )
        self.copies[url] = copy
        return copy

    def attach(self, documents: list[FoundDocument]) -> list[FoundDocument]:
        """The documents with the version this run kept of each."""
        return [replace(d, archive=self.copies.get(d.url)) for d in documents]

    def discard_unused(self, used_urls: set[str]) -> None:
        """Delete files this run wrote that no committed document refers to."""
        used = {c.sha256 for url, c in self.copies.items() if url in used_urls}
        for sha in self.written - used:
            self.store.remove(sha)
        self.written &= used


def open_evidence_keeper(
    db: Database, db_path: str | Path, options: CrawlOptions, run_id: int
) -> EvidenceKeeper | None:
    """The keeper for run `run_id` (None when `crawl.archive` is off). When no other crawl is
    running, files no `archive` row lists (left by a crawl killed before its commit) go first."""
    if not options.archive:
        return None
    store = ArchiveStore(archive_root(db_path))
    others = db.execute(
        "SELECT count(*) FROM runs WHERE status = 'running' AND id != ?", [run_id]
    ).fetchone()[0]
    if not others:
        store.sweep(stored_hashes(db))
    total, per_document = stored_bytes(db)
    return EvidenceKeeper(
        store,
        ArchiveLimits(options.archive_max_document_bytes, options.archive_max_total_bytes),
        total=total,
        per_document=per_document,
    )
