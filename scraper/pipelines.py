"""Items (FoundDocument) go to the crawl session, which commits the whole run at the end."""

from __future__ import annotations

from db.runs import FoundDocument


class SessionPipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: FoundDocument) -> FoundDocument:
        self.crawler.spider.session.add_document(item)
        return item
