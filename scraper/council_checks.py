"""Every council's check for the run: its site's outcome and the documents found for it, decided
(scraper.verdicts) and written down with the coverage record that says what was searched."""

from __future__ import annotations

from db.register import Council
from db.runs import CouncilCheck, FoundDocument
from scraper.coverage import Coverage, coverage_summary
from scraper.sitecheck import SiteResult
from scraper.verdicts import SITE_NOT_CHECKED, decide


def council_checks(
    councils: list[Council],
    sites: dict[str, SiteResult],
    documents: list[FoundDocument],
    lga_status: str,
    lga_routes: dict[str, set[str]],
) -> list[CouncilCheck]:
    """One check per council, in register order; `sites` is keyed by council code."""
    lga_ok = lga_status == "ok"
    by_code: dict[str, list[FoundDocument]] = {}
    for doc in documents:
        for code in doc.council_codes:
            by_code.setdefault(code, []).append(doc)
    checks = []
    for council in councils:
        site = sites.get(council.code)
        outcome = site.outcome if site else SITE_NOT_CHECKED
        found = by_code.get(council.code, [])
        verdict = decide(outcome, found)
        report = verdict.report
        coverage = council_coverage(site, found, verdict.missing, lga_status, lga_routes)
        checks.append(
            CouncilCheck(
                council_code=council.code,
                verdict=verdict.verdict,
                reason=verdict.reason,
                site_ok=outcome.failure is None,
                lga_ok=lga_ok,
                requests=site.requests if site else 0,
                bytes=site.bytes if site else 0,
                duration_s=site.duration_s if site else 0.0,
                visit_start=report.visit_start if report else None,
                visit_end=report.visit_end if report else None,
                report_url=report.url if report else None,
                gone=site.gone if site else (),
                coverage=coverage.to_dict() if coverage else None,
                searched=coverage_summary(coverage) if coverage else "",
                soft_gone=site.soft_gone if site else (),
            )
        )
    return checks


def council_coverage(
    site: SiteResult | None,
    documents: list[FoundDocument],
    missing: tuple[str, ...],
    lga_status: str,
    lga_routes: dict[str, set[str]],
) -> Coverage | None:
    """The site's coverage record, completed with what the LGA spider found for the council
    and the parts of the coverage standard that were missing (a copy per council)."""
    if site is None or site.coverage is None:
        return None
    coverage = Coverage(**{**vars(site.coverage)})
    coverage.lga = lga_status
    lga_docs = [d for d in documents if d.source == "lga"]
    coverage.lga_reports = sum(1 for d in lga_docs if d.kind == "feedback_report")
    routes: dict[str, int] = {}
    for doc in lga_docs:
        for route in sorted(lga_routes.get(doc.url, ())):
            routes[route] = routes.get(route, 0) + 1
    coverage.lga_routes = routes
    coverage.missing = list(missing)
    return coverage
