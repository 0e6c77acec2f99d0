"""The offline demo: the whole product against the bundled fixture web, on loopback, in minutes.

It starts the fixture web (`scraper.testweb`), points a fresh database at it through
`peerwatch councils import`, runs a first monitoring cycle, changes the web (one council
publishes, one removes its report, one site goes down, one adds a progress review), runs a
second cycle, and leaves a database, a digest and an Atom feed behind for `peerwatch serve`.
Nothing leaves the machine: every fixture host is answered by the local proxy.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from monitor.config import Config, load_config
from monitor.cycle import CycleResult, run_cycle
from monitor.digest import render
from scraper.testweb import TestWeb

#: The fixture web's slow path sleeps this long; the crawl's timeout is shorter, so the slow
#: council still ends "unknown: timeout" without the demo waiting half a minute.
SLOW_SECONDS = 8.0
CRAWL_TIMEOUT_S = 4.0

CONFIG_TEMPLATE = """\
# Written by `peerwatch demo`: crawl the fixture web through its local proxy.
[crawl]
proxy = "{proxy}"
proxy_resolves_hosts = true  # the fixture web serves made-up hosts; never in production
lga_index_url = "{lga_index_url}"
timeout = {timeout}
http_cache_dir = "{cache_dir}"
autothrottle = false
download_delay = 0.0
retry_times = 1

[digest]
format = "text"

[file]
path = "{digest_path}"
format = "text"

[feed]
path = "{feed_path}"

[schedule]
crawl_timeout_s = 600

[publish]
# Where `peerwatch serve` answers by default: digest items link to each council's page there.
base_url = "http://127.0.0.1:8001"
"""


@dataclass(frozen=True)
class DemoResult:
    directory: Path
    db_path: Path
    feed_path: Path
    digest_path: Path
    first: CycleResult
    second: CycleResult
    seconds: float


def run_demo(
    directory: str | Path,
    *,
    echo: Callable[[str], None] = print,
    on_cycle: Callable[[str, CycleResult, Path, Config], None] | None = None,
) -> DemoResult:
    """Run the demo in `directory` (recreated), saying what happens as it goes. `on_cycle`
    is called after each cycle ("first", "second") while the database holds its state (the
    consistency test checks everything the monitor says there)."""
    started = time.monotonic()
    directory = Path(directory).resolve()
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    db_path = directory / "peerwatch.db"
    feed_path = directory / "events.atom"
    digest_path = directory / "digest.txt"

    with TestWeb(slow_seconds=SLOW_SECONDS) as web:
        echo(
            f"1. Creating {db_path}: the council register (365 councils), its fixture councils ..."
        )
        web.prepare_database(db_path)
        echo(
            f"2. Fixture web up on {web.proxy_url}: the LGA site and "
            f"{len(web.council_codes())} council sites."
        )
        config_path = directory / "peerwatch.toml"
        config_path.write_text(
            CONFIG_TEMPLATE.format(
                proxy=web.proxy_url,
                lga_index_url=web.lga_index_url,
                timeout=CRAWL_TIMEOUT_S,
                cache_dir=directory / "httpcache",
                digest_path=digest_path,
                feed_path=feed_path,
            ),
            encoding="utf-8",
        )
        config = load_config(config_path)
        crawl_args = web.council_args()

        echo("3. First crawl: every fixture council, then diff, deadlines, digest and delivery ...")
        first = _cycle(db_path, config, crawl_args, echo)
        if on_cycle:
            on_cycle("first", first, db_path, config)

        web.apply("second")
        echo(
            "4. The web changes: Hyndburn publishes its report, Welwyn Hatfield removes its "
            "report, Rutland's site goes down, Kensington & Chelsea adds a progress review."
        )
        echo("5. Second crawl ...")
        second = _cycle(db_path, config, crawl_args, echo)
        if on_cycle:
            on_cycle("second", second, db_path, config)

    echo("6. The second run's digest:\n")
    if second.digest is not None:
        echo(render(second.digest, "text", on_empty="line") or "")
    seconds = time.monotonic() - started
    echo(
        f"Done in {seconds:.0f} s. Database: {db_path}\n"
        f"Atom feed: {feed_path}\nDigests: {digest_path}\n"
        f"Explore it:  peerwatch --db {db_path} status\n"
        f"             peerwatch --db {db_path} serve"
    )
    return DemoResult(directory, db_path, feed_path, digest_path, first, second, seconds)


def _cycle(
    db_path: Path, config, crawl_args: list[str], echo: Callable[[str], None]
) -> CycleResult:
    result = run_cycle(
        db_path,
        config,
        crawl_args=crawl_args,
        now=dt.datetime.now(dt.UTC),
        echo=lambda line: echo(f"   {line}"),
    )
    if result.crawl_error:
        raise RuntimeError(f"demo crawl failed: {result.crawl_error}")
    return result
