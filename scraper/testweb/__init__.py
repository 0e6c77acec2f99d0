"""peerwatch's fixture web: councils, the LGA and committee sites served on 127.0.0.1.

Use it as an HTTP proxy (Scrapy: ``http_proxy=web.proxy_url``) so crawls of real hostnames such as
``http://www.bolton.gov.uk/`` are answered locally::

    with TestWeb() as web:
        web.write_register_csv(tmp / "register.csv")
        ...crawl through web.proxy_url...
        assert not web.forbidden_requests()
        truth = web.expected()          # verdict + documents per council code
        web.apply("second")             # the web changes in place for a second crawl

Which council does what is described in :mod:`scraper.testweb.fixtures`. ``TestWeb(synthetic=N)``
adds N seeded scale-test councils (:mod:`scraper.testweb.synthetic`); ``TestWeb(varied_seed=S)``
adds the varied web of seed S (:mod:`scraper.testweb.varied`: sites drawn from lists of real
variants, for measuring generalisation; read its truth with ``web.varied_truth()``). Expected document URLs
are canonical: ``http://`` (the fixture web has no TLS), LGA mirrors folded to www.local.gov.uk,
paths percent-encoded as linked. Landing pages that only link to documents are not listed.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from db.bootstrap import init_path
from db.connection import open_db
from db.importer import apply_overrides, parse_overrides

from . import fixtures
from .cms import SiteParams, build_site
from .fixtures import COUNCILS, SCENARIOS, VERDICTS
from .lga import HOST as LGA_HOST
from .lga import INDEX as LGA_INDEX_PATH
from .model import SCENARIO_TIMES, Expected, ExpectedDoc, RequestRecord, Site
from .server import FixtureServer
from .synthetic import SyntheticCouncil, synthetic_councils
from .varied import Truth, VariedWeb, build_varied_web

__all__ = [
    "Expected",
    "ExpectedDoc",
    "RequestRecord",
    "SCENARIOS",
    "Site",
    "SiteParams",
    "SyntheticCouncil",
    "TestWeb",
    "Truth",
    "build_site",
]


class TestWeb:
    """The fixture web as a context manager: a proxy server in a background thread."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(
        self,
        *,
        latency: float = 0.0,
        scenario: str = "first",
        slow_seconds: float = 30.0,
        port: int = 0,
        synthetic: int = 0,
        seed: int = 0,
        extra: Sequence[SyntheticCouncil] = (),
        varied_seed: int | None = None,
        varied_councils: int | None = None,
    ) -> None:
        """``synthetic`` adds that many generated councils (same in every scenario) for benchmarks;
        ``extra`` adds hand-made ones (a site with one fault, say), with their truth;
        ``varied_seed`` adds the varied web of that seed (:mod:`scraper.testweb.varied`)."""
        self._server = FixtureServer(port=port, latency=latency, slow_seconds=slow_seconds)
        self._built: dict[str, list[Site]] = {}
        self._synthetic = synthetic_councils(synthetic, seed=seed) + list(extra)
        self._synthetic_sites = [build_site(c.params) for c in self._synthetic]
        self._varied: VariedWeb | None = None
        if varied_seed is not None:
            size = {} if varied_councils is None else {"councils": varied_councils}
            self._varied = build_varied_web(varied_seed, **size)
        self.scenario = scenario
        self.apply(scenario)

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> TestWeb:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> TestWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def lga_index_url(self) -> str:
        return f"http://{LGA_HOST}{LGA_INDEX_PATH}"

    def crawl_args(self) -> list[str]:
        """`peerwatch crawl` options that send the crawl to this web: its proxy (which alone
        knows the made-up hosts, so names are left to it) and its LGA index."""
        return [
            "--proxy", self.proxy_url, "--proxy-resolves-hosts", "--lga-index-url", self.lga_index_url,
        ]  # fmt: skip

    def hosts(self) -> list[str]:
        return sorted({h for s in self._sites() for h in (s.host, *s.aliases)})

    # --- scenarios and truth ---------------------------------------------------------------

    def apply(self, scenario: str) -> None:
        """Switch every site to ``scenario``; changed responses get a later Last-Modified."""
        self._server.set_sites(self._build(scenario))
        self.scenario = scenario

    def _build(self, scenario: str) -> list[Site]:
        if scenario not in self._built:
            lga_extra = {}
            if self._varied is not None:
                lga_extra = {
                    "older_links": tuple(self._varied.lga_older),
                    "files": tuple(self._varied.lga_files.items()),
                    "extra_expected": tuple(self._varied.lga_expected),
                }
            sites = fixtures.build(scenario, loopback_port=self.port, **lga_extra)
            sites += self._synthetic_sites + (self._varied.sites if self._varied else [])
            if scenario != "first":
                _date_changes(self._build("first"), sites, SCENARIO_TIMES[scenario])
            self._built[scenario] = sites
        return self._built[scenario]

    def _sites(self) -> list[Site]:
        return self._build(self.scenario)

    def council_codes(self) -> list[str]:
        return list(COUNCILS) + [c.code for c in self._synthetic] + self.varied_codes()

    def varied_codes(self) -> list[str]:
        return [t.code for t in self._varied.truths] if self._varied else []

    def varied_council_args(self) -> list[str]:
        """`--council CODE` for the varied web's councils only (what its measurement crawls)."""
        return [arg for code in self.varied_codes() for arg in ("--council", code)]

    def varied_truth(self) -> dict[str, Truth]:
        """Code -> the varied council's truth: state, route, expected verdict, variant drawn."""
        return {t.code: t for t in self._varied.truths} if self._varied else {}

    def varied_hosts(self) -> dict[str, str]:
        """Every host of a varied council (main, bare, committee, news, CDN) -> its code."""
        return {h: t.code for t in (self._varied.truths if self._varied else ()) for h in t.hosts}

    def council_args(self) -> list[str]:
        """`--council CODE` for every fixture council, for `peerwatch crawl`."""
        return [arg for code in self.council_codes() for arg in ("--council", code)]

    def prepare_database(self, db_path: str | Path, csv_path: str | Path | None = None) -> Path:
        """Create (or update) a peerwatch database whose register points every fixture
        council at this web, as `peerwatch init` + `peerwatch councils import` would."""
        db_path = Path(db_path)
        init_path(db_path)
        register = self.write_register_csv(csv_path or db_path.with_name("fixture-councils.csv"))
        db = open_db(db_path)
        try:
            known = [r["code"] for r in db.query("SELECT code FROM councils")]
            overrides = parse_overrides(register, known_codes=known)
            apply_overrides(db, overrides, source_file=str(register))
        finally:
            db.close()
        return db_path

    def expected(self) -> dict[str, Expected]:
        verdicts = dict(VERDICTS[self.scenario])
        verdicts.update((c.code, (c.verdict, c.reason)) for c in self._synthetic)
        verdicts.update((t.code, (t.verdict, t.reason)) for t in self.varied_truth().values())
        docs: dict[str, list[ExpectedDoc]] = {code: [] for code in verdicts}
        for site in self._sites():
            for doc in site.expected_docs:
                for code in doc.council_codes:
                    docs[code].append(doc)
        return {
            code: Expected(verdict, reason, tuple(sorted(docs[code], key=lambda d: d.url)))  # type: ignore[arg-type]
            for code, (verdict, reason) in verdicts.items()
        }

    def write_register_csv(self, path: str | Path) -> Path:
        """A register of the fixture councils whose websites point at the fixture hosts."""
        path = Path(path)
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["code", "name", "website", "alt_names"])
            for c in COUNCILS.values():
                writer.writerow([c.code, c.name, f"http://{c.host}/", c.alt_names])
            for c in self._synthetic:
                writer.writerow([c.code, c.name, f"http://{c.host}/", ""])
            for code, name, website in self._varied.register_rows() if self._varied else ():
                writer.writerow([code, name, website, ""])
        return path

    # --- request log -----------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        return self._server.records()

    def clear_log(self) -> None:
        self._server.clear_log()

    def forbidden_requests(self) -> list[RequestRecord]:
        """Requests to non-fixture or loopback hosts, robots-disallowed paths or forbidden paths."""
        return [r for r in self.requests if r.forbidden]


def _date_changes(before: list[Site], after: list[Site], when) -> None:
    old = {s.host: s for s in before}
    for site in after:
        previous = old.get(site.host)
        if previous is site:
            continue
        for key in list(site.resources):
            resource = site.resolve(key)
            earlier = previous.resolve(key) if previous else None
            if earlier is None or earlier.body != resource.body:
                site.resources[key] = replace(resource, last_modified=when)
