"""A crawl session: what both spiders found, turned into one atomic run at the end.

The spiders hand their finds here; nothing touches the database until `finish`, which
computes every council's check (scraper.council_checks) and calls `db.runs.commit_run` once. A
process killed before that leaves only a `running` row, later marked `incomplete`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from sqlite_utils import Database

from db.connection import open_existing
from db.crawl_state import councils_to_check, known_documents_for, standing_lga_documents
from db.queries import resolver_for
from db.register import Council
from db.resolver import Resolver
from db.runs import (
    CouncilCheck,
    FoundDocument,
    RunStats,
    commit_run,
    document_id,
    fail_run,
    mark_abandoned_runs,
    start_run,
)
from scraper.council_checks import council_checks
from scraper.domains import host_of, registrable_domain
from scraper.evidence import EvidenceKeeper, open_evidence_keeper
from scraper.options import SPIDERS, CrawlOptions
from scraper.sitecheck import SiteResult

#: Progress callback: (event, details). Events: lga_done, site_done, finished.
Progress = Callable[[str, dict], None]


class LgaListener(Protocol):
    """A spider told of LGA links as the LGA spider finds them (the councils spider)."""

    def lga_link(self, code: str, url: str) -> None: ...

    def lga_finished(self) -> None: ...


@dataclass
class CrawlSession:
    db: Database
    options: CrawlOptions
    councils: list[Council]
    resolver: Resolver
    run_id: int
    progress: Progress | None = None
    lga_status: str = "not_run"  # not_run | ok | failed
    lga_failure: str = ""
    #: Council-site links seen on LGA report pages, per council: extra seeds for its check.
    lga_council_links: dict[str, set[str]] = field(default_factory=dict)
    #: True while the LGA spider, running alongside the councils spider, may still find links.
    lga_pending: bool = False
    #: Told of each new LGA link (`lga_link(code, url)`) and of the LGA's end (`lga_finished()`).
    lga_listeners: list[LgaListener] = field(default_factory=list)
    #: How the LGA spider reached each report (canonical URL -> routes: index, older_list,
    #: sitemap, search, pdf), for the coverage record and the run's note.
    lga_routes: dict[str, set[str]] = field(default_factory=dict)
    documents: dict[str, FoundDocument] = field(default_factory=dict)
    sites: dict[str, SiteResult] = field(default_factory=dict)
    requests: int = 0
    bytes: int = 0
    errors: int = 0
    started: float = field(default_factory=time.monotonic)
    closed_reasons: dict[str, str] = field(default_factory=dict)
    _by_domain: dict[str, tuple[str, ...]] | None = None
    #: Writes accepted documents to the evidence archive (None: archiving is off).
    evidence: EvidenceKeeper | None = None

    @classmethod
    def open(
        cls, db_path: str | Path, options: CrawlOptions, progress: Progress | None = None
    ) -> CrawlSession:
        db = open_existing(db_path)
        mark_abandoned_runs(db)
        councils = councils_to_check(db, options.councils)
        run_id = start_run(
            db,
            spider="+".join(s for s in SPIDERS if s in options.spiders),
            args={
                "councils": list(options.councils),
                "spiders": list(options.spiders),
                "budget": options.budget,
                "lga_index_url": options.lga_index_url,
            },
            councils_total=len(councils),
        )
        session = cls(db, options, councils, resolver_for(db), run_id, progress)
        session.lga_pending = "lga" in options.spiders
        session.evidence = open_evidence_keeper(db, db_path, options, run_id)
        return session

    def emit(self, event: str, **details: object) -> None:
        if self.progress:
            self.progress(event, details)

    def add_document(self, doc: FoundDocument) -> None:
        """Keep one document per URL; a second find adds its councils."""
        known = self.documents.get(doc.url)
        if known:
            codes = tuple(dict.fromkeys(known.council_codes + doc.council_codes))
            doc = replace(known, council_codes=codes)
        self.documents[doc.url] = doc

    def keep_evidence(self, url: str, response, extracted) -> None:
        """A response the classifier accepted as CPC material, to keep in the evidence
        archive as the version of the document at `url` (kept only if it becomes one)."""
        if self.evidence is not None:
            self.evidence.keep(url, document_id(url), response.body, extracted, response.headers)

    def add_lga_link(self, code: str, url: str) -> None:
        """A council-site link found on an LGA report page about council `code`."""
        links = self.lga_council_links.setdefault(code, set())
        if url not in links:
            links.add(url)
            for listener in list(self.lga_listeners):
                listener.lga_link(code, url)

    def end_lga(self) -> None:
        """The LGA spider is done (or never ran): no more LGA links will come."""
        if self.lga_pending:
            self.lga_pending = False
            for listener in list(self.lga_listeners):
                listener.lga_finished()

    def councils_for_url(self, url: str) -> tuple[str, ...]:
        """The councils whose website is on this URL's registrable domain (for LGA list links)."""
        if self._by_domain is None:
            self._by_domain = {}
            for council in self.councils:
                if council.website:
                    domain = registrable_domain(host_of(council.website))
                    self._by_domain[domain] = (*self._by_domain.get(domain, ()), council.code)
        return self._by_domain.get(registrable_domain(host_of(url)), ())

    def record_site(self, codes: tuple[str, ...], result: SiteResult) -> None:
        for code in codes:
            self.sites[code] = result
        self.requests += result.requests
        self.bytes += result.bytes
        self.errors += result.outcome.failure is not None
        self.emit(
            "site_done", codes=codes, failure=result.outcome.failure, requests=result.requests
        )

    def known_document_urls(self, code: str) -> list[str]:
        """Documents of this council found on its own sites by earlier runs, to re-check."""
        return known_documents_for(self.db, code)

    def checks(self) -> list[CouncilCheck]:
        """Every council's check; LGA documents of earlier runs stand in when the LGA failed."""
        found = list(self.documents.values())
        if self.lga_status != "ok":
            found += [d for d in standing_lga_documents(self.db) if d.url not in self.documents]
        return council_checks(self.councils, self.sites, found, self.lga_status, self.lga_routes)

    def lga_route_totals(self) -> dict[str, int]:
        """Reports the LGA spider found by each route (a report reached two ways counts twice)."""
        totals: dict[str, int] = {}
        for url, routes in self.lga_routes.items():
            if url in self.documents:
                for route in routes:
                    totals[route] = totals.get(route, 0) + 1
        return dict(sorted(totals.items()))

    def status(self) -> str:
        """`complete` when every spider ran to the end and the LGA was read; else `partial`."""
        every_spider = set(SPIDERS) <= set(self.options.spiders)
        finished = all(r == "finished" for r in self.closed_reasons.values())
        return "complete" if every_spider and finished and self.lga_status == "ok" else "partial"

    def finish(self) -> list[CouncilCheck]:
        """Commit the whole run in one transaction."""
        checks = self.checks()
        stats = RunStats(
            requests=self.requests,
            bytes=self.bytes,
            errors=self.errors,
            duration_s=time.monotonic() - self.started,
            extra={
                "lga": self.lga_status + (f": {self.lga_failure}" if self.lga_failure else ""),
                "spiders": self.closed_reasons,
                "documents": len(self.documents),
                "lga_routes": self.lga_route_totals(),
            },
        )
        documents = list(self.documents.values())
        if self.evidence is not None:
            documents = self.evidence.attach(documents)
        commit_run(
            self.db,
            self.run_id,
            checks=checks,
            documents=documents,
            stats=stats,
            status=self.status(),
        )
        if self.evidence is not None:
            self.evidence.discard_unused({d.url for d in documents})
        self.emit("finished", run_id=self.run_id, checks=checks)
        return checks

    def fail(self, note: str) -> None:
        fail_run(self.db, self.run_id, note)
        if self.evidence is not None:
            self.evidence.discard_unused(set())
