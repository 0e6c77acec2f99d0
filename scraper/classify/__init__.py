"""Classification layer: pure functions that decide what a fetched document is.

Nothing here touches the network, Scrapy or SQLite, so every rule can be tested with tables
of real wordings (see tests/test_classifier.py).
"""

from scraper.classify.classifier import classify
from scraper.classify.dates import find_all_dates, parse_visit_dates
from scraper.classify.lga_titles import parse_lga_title
from scraper.classify.page import PageLink, PageStructure, read_page
from scraper.classify.records import Classification, DocKind, ExtractedText, VisitDates
from scraper.classify.scoring import is_cpc_landing_link
from scraper.classify.text import content_fingerprint, extract_text
from scraper.classify.titles import human_title

__all__ = [
    "Classification",
    "DocKind",
    "ExtractedText",
    "PageLink",
    "PageStructure",
    "VisitDates",
    "classify",
    "content_fingerprint",
    "extract_text",
    "find_all_dates",
    "human_title",
    "is_cpc_landing_link",
    "parse_lga_title",
    "parse_visit_dates",
    "read_page",
]
