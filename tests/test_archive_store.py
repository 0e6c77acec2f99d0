"""The evidence archive's store and caps: content-addressed, written once, bounded, and
holding nothing a committed document does not refer to."""

from __future__ import annotations

import hashlib

import pytest

from db.archive import MAIN_TEXT_TYPE, ArchiveLimits, ArchiveStore
from db.errors import PeerwatchError
from monitor.config import config_from_dict
from scraper.classify.records import ExtractedText
from scraper.evidence import EvidenceKeeper

PDF = ExtractedText(text="report", title="Report", format="pdf")
HEADERS = {
    "Content-Type": b"application/pdf",
    "ETag": b'"abc"',
    "Last-Modified": b"Mon, 06 Jan 2025 09:00:00 GMT",
}


def keeper(tmp_path, per_document=10_000, total=100_000) -> EvidenceKeeper:
    return EvidenceKeeper(ArchiveStore(tmp_path / "archive"), ArchiveLimits(per_document, total))


def test_same_bytes_are_stored_once_and_never_rewritten(tmp_path):
    k = keeper(tmp_path)
    body = b"%PDF-1.4 report v1"
    first = k.keep("https://a.example/r.pdf", "doc-a", body, PDF, HEADERS)
    path = k.store.path_for(first.sha256)
    mtime = path.stat().st_mtime_ns
    again = k.keep("https://b.example/moved.pdf", "doc-b", body, PDF, HEADERS)
    assert first.sha256 == again.sha256 == hashlib.sha256(body).hexdigest()
    assert path.stat().st_mtime_ns == mtime and path.read_bytes() == body
    assert path.relative_to(k.store.root).parts == ("sha256", first.sha256[:2], first.sha256[2:])
    assert (first.etag, first.last_modified, first.media_type) == (
        '"abc"',
        "Mon, 06 Jan 2025 09:00:00 GMT",
        "application/pdf",
    )
    assert k.store.total_bytes() == len(body)


def test_html_pages_are_kept_as_their_main_text(tmp_path):
    page = ExtractedText(text="Corporate Peer Challenge report text", title="T", format="html")
    copy = keeper(tmp_path).keep("https://a.example/cpc", "d", b"<html>menus</html>", page, {})
    assert copy.media_type == MAIN_TEXT_TYPE and copy.size == len(page.text)


def test_versions_over_a_cap_are_listed_not_stored(tmp_path):
    k = keeper(tmp_path, per_document=25, total=40)
    ok = k.keep("https://a.example/1.pdf", "doc", b"x" * 20, PDF, HEADERS)
    over_document = k.keep("https://a.example/1.pdf", "doc", b"y" * 20, PDF, HEADERS)
    other = k.keep("https://a.example/2.pdf", "doc2", b"z" * 15, PDF, HEADERS)
    over_total = k.keep("https://a.example/3.pdf", "doc3", b"w" * 15, PDF, HEADERS)
    assert ok.stored and other.stored
    assert not over_document.stored and "per-document" in over_document.note
    assert not over_total.stored and "total" in over_total.note
    assert not k.store.has(over_document.sha256) and not k.store.has(over_total.sha256)
    assert k.store.total_bytes() == 35


def test_files_no_committed_document_refers_to_are_deleted(tmp_path):
    k = keeper(tmp_path)
    kept = k.keep("https://a.example/report.pdf", "d1", b"report", PDF, HEADERS)
    dropped = k.keep("https://a.example/landing", "d2", b"landing page", PDF, HEADERS)
    k.discard_unused({"https://a.example/report.pdf"})
    assert k.store.has(kept.sha256) and not k.store.has(dropped.sha256)


@pytest.mark.parametrize(
    ("crawl", "message"),
    [
        ({"archive_max_total_bytes": -1}, "archive_max_total_bytes"),
        ({"archive_max_document_bytes": "big"}, "archive_max_document_bytes"),
    ],
)
def test_caps_are_validated_in_the_config(crawl, message):
    with pytest.raises(PeerwatchError, match=message):
        config_from_dict({"crawl": crawl})


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"apprise": {"max_chars": 50}}, "apprise.max_chars"),
        ({"apprise": {"max_parts": 0}}, "apprise.max_parts"),
        ({"publish": {"base_url": "ftp://x"}}, "publish.base_url"),
    ],
)
def test_chat_and_publish_options_are_validated(raw, message):
    with pytest.raises(PeerwatchError, match=message):
        config_from_dict(raw)


def test_sweep_removes_files_no_row_lists(tmp_path):
    store = ArchiveStore(tmp_path / "archive")
    kept, _ = store.put(b"committed report")
    left, _ = store.put(b"written by a crawl killed before its commit")
    assert store.sweep({kept}) == 1
    assert store.has(kept) and not store.has(left)
