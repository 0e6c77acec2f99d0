"""peerwatch benchmarks: `python -m bench` prints a table of ratios measured in one go.

See bench/README.md for what each line means and the latest figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench.crawls import Workspace, requests_per_council, spread
from bench.history import run_history
from bench.report import Row, accuracy, render_table
from scraper.options import CrawlOptions
from scraper.testweb import TestWeb


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {mem:.1f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def crawl_rows(args, work: Path, echo) -> list[Row]:
    rows: list[Row] = []
    with TestWeb(
        synthetic=args.sites, latency=args.latency, slow_seconds=args.slow, seed=args.seed
    ) as web:
        synthetic = [c for c in web.council_codes() if c.startswith("Z")]
        hosts = {s.host: s.code for s in web._synthetic}
        truth = {c: e for c, e in web.expected().items() if c in hosts.values()}

        echo(f"peerwatch: first crawl of {len(synthetic)} sites")
        space = Workspace(web, work / "full", timeout=args.timeout)
        first = space.peerwatch(synthetic, "first")
        echo(f"  {first.wall_s:.0f} s, {len(first.requests)} requests")
        echo("peerwatch: unchanged re-run")
        second = space.peerwatch(synthetic, "second")
        echo(f"  {second.wall_s:.0f} s, {len(second.requests)} requests")
        forbidden = [r for m in (first, second) for r in m.requests if r.forbidden]

        sample = sorted(
            random.Random(args.seed).sample(synthetic, min(args.baseline_sites, len(synthetic)))
        )
        sample_hosts = {h: c for h, c in hosts.items() if c in sample}
        echo(f"peerwatch vs baseline on {len(sample)} of the sites (fresh database and cache)")
        pw = Workspace(web, work / "sample", timeout=args.timeout).peerwatch(sample, "peerwatch")
        echo(f"  peerwatch {pw.wall_s:.0f} s, {len(pw.requests)} requests")
        base = Workspace(web, work / "baseline", timeout=args.timeout).baseline(sample, "baseline")
        echo(f"  baseline {base.wall_s:.0f} s, {len(base.requests)} requests")

    pw_med, pw_p95, pw_max = spread(requests_per_council(pw, sample_hosts))
    bl_med, bl_p95, bl_max = spread(requests_per_council(base, sample_hosts))
    full_med, full_p95, full_max = spread(requests_per_council(first, hosts))
    sample_truth = {c: truth[c] for c in sample}
    pw_acc, bl_acc, full_acc = (
        accuracy(m, t) for m, t in ((pw, sample_truth), (base, sample_truth), (first, truth))
    )
    options = CrawlOptions()
    delay = options.download_delay
    busiest_host, busiest = first.per_host().most_common(1)[0]
    lga = sum(n for host, n in first.per_host().items() if host.endswith("local.gov.uk"))
    bound = busiest * (args.latency + delay)
    n = len(sample)

    rows += [
        Row(
            f"requests/council to verdict, median ({n} sites)",
            pw_med,
            bl_med,
            pw_med / bl_med,
            "<= 0.20",
        ),
        Row(
            f"requests/council to verdict, p95 ({n} sites)",
            pw_p95,
            bl_p95,
            pw_p95 / bl_p95,
            "<= 0.20",
        ),
        Row(
            f"requests/council to verdict, max ({n} sites)",
            pw_max,
            bl_max,
            pw_max / bl_max,
            "<= 0.20",
        ),
        Row(
            "recall of 'published' (verdict)",
            pw_acc.recall,
            bl_acc.recall,
            pw_acc.recall - bl_acc.recall,
            ">= 0 (difference)",
        ),
        Row(
            "precision of 'published' (verdict)",
            pw_acc.precision,
            bl_acc.precision,
            pw_acc.precision - bl_acc.precision,
            "(difference)",
        ),
        Row(
            "recall of feedback-report URLs",
            pw_acc.doc_recall,
            bl_acc.doc_recall,
            pw_acc.doc_recall - bl_acc.doc_recall,
            "(difference)",
        ),
        Row(
            "precision of feedback-report URLs",
            pw_acc.doc_precision,
            bl_acc.doc_precision,
            pw_acc.doc_precision - bl_acc.doc_precision,
            "(difference)",
        ),
        Row(
            "exact verdict (incl. unknown reason-free)",
            pw_acc.exact,
            bl_acc.exact,
            pw_acc.exact - bl_acc.exact,
            "(difference)",
        ),
        Row(
            f"wall time, same {n} sites [s]",
            pw.wall_s,
            base.wall_s,
            pw.wall_s / base.wall_s,
            "(vs baseline)",
        ),
        Row(
            f"full crawl of {len(hosts)} sites vs politeness bound [s]",
            first.wall_s,
            bound,
            first.wall_s / bound,
            "<= 1.3",
        ),
        Row(
            "full crawl: CPU time / wall time of the crawl process",
            first.cpu_s,
            first.wall_s,
            first.cpu_s / first.wall_s,
            "(1 = CPU-bound)",
        ),
        Row(
            "unchanged re-run / first run: bytes",
            second.bytes,
            first.bytes,
            second.bytes / first.bytes,
            "<= 0.05",
        ),
        Row(
            "unchanged re-run / first run: requests",
            len(second.requests),
            len(first.requests),
            len(second.requests) / len(first.requests),
            "",
        ),
        Row(
            f"peak RSS of the crawl process [MB], {len(hosts)} sites",
            first.max_rss_mb,
            250,
            first.max_rss_mb / 250,
            "< 1 (250 MB)",
        ),
        Row(
            "peak RSS of the baseline process [MB]", base.max_rss_mb, 250, base.max_rss_mb / 250, ""
        ),
        Row(
            "requests/council full crawl: median/p95/max",
            f"{full_med:g}/{full_p95:g}/{full_max}",
            "",
            None,
            "",
        ),
        Row(
            "full crawl verdicts: recall/precision/exact",
            f"{full_acc.recall:.3f}/{full_acc.precision:.3f}/{full_acc.exact:.3f}",
            "",
            None,
            "",
        ),
        Row("forbidden requests (both peerwatch runs)", len(forbidden), 0, None, "0"),
    ]
    notes = [
        f"politeness bound = busiest host {busiest_host} ({busiest} requests) x "
        f"(latency {args.latency:g} s + download delay {delay:g} s) = {bound:.1f} s",
        f"request timeout {args.timeout:g} s (slow fixture hosts hang {args.slow:g} s); "
        "other crawl options are peerwatch's defaults",
        f"the full crawl also made {lga} requests to the LGA site (not counted per council)",
    ]
    if full_acc.mistakes:
        notes.append(
            "full-crawl verdict mistakes (code: truth -> peerwatch): "
            + ", ".join(full_acc.mistakes[:12])
        )
    return rows, notes  # type: ignore[return-value]


def history_rows(args, work: Path, echo) -> tuple[list[Row], list[str]]:
    echo(f"history: {args.history_councils} councils x {args.history_runs} runs")
    started = time.monotonic()
    h = run_history(work / "history.db", councils=args.history_councils, runs=args.history_runs, seed=args.seed,
                    echo=echo)  # fmt: skip
    echo(f"  built and measured in {time.monotonic() - started:.0f} s")
    per_check = h.unchanged_growth_bytes / max(1, h.unchanged_growth_rows.get("checks", 1))
    rows = [
        Row(
            f"diff + digest, {h.councils} x {h.runs} [s]",
            h.diff_digest_s,
            1.0,
            h.diff_digest_s,
            "< 1 s",
        ),
        Row("  of which diff / digest [s]", f"{h.diff_s:.2f} / {h.digest_s:.2f}", "", None, ""),
        Row(
            "diff + digest of an unchanged run [s]",
            h.unchanged_diff_s + h.unchanged_digest_s,
            1.0,
            h.unchanged_diff_s + h.unchanged_digest_s,
            "< 1 s",
        ),  # fmt: skip
        Row(f"database size, {h.councils} x {h.runs} [MB]", h.db_bytes / 2**20, "", None, ""),
        Row("growth per unchanged run [KB]", h.unchanged_growth_bytes / 1024, "", None, ""),
        Row("  per council check row [bytes]", per_check, "", None, "checks only"),
    ]
    notes = [
        f"rows added by an unchanged run: {json.dumps(h.unchanged_growth_rows, sort_keys=True)}"
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sites", type=int, default=320, help="synthetic council sites (default 320)"
    )
    parser.add_argument("--baseline-sites", type=int, default=40,
                        help="sites the baseline comparison runs on (default 40)")  # fmt: skip
    parser.add_argument("--latency", type=float, default=0.1, help="per-response latency, s (0.1)")
    parser.add_argument("--timeout", type=float, default=5.0, help="crawl request timeout, s (5)")
    parser.add_argument("--slow", type=float, default=10.0, help="how long slow hosts hang, s (10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--history-councils", type=int, default=10_000)
    parser.add_argument("--history-runs", type=int, default=100)
    parser.add_argument("--skip-crawl", action="store_true")
    parser.add_argument("--skip-history", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None, help="keep databases and logs here")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON")
    parser.add_argument("--quiet", action="store_true", help="print only the table")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="peerwatch-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    def echo(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    rows: list[Row] = []
    notes: list[str] = []
    for enabled, part in ((not args.skip_crawl, crawl_rows), (not args.skip_history, history_rows)):
        if enabled:
            part_rows, part_notes = part(args, work, echo)
            rows += part_rows
            notes += part_notes
    print(render_table(rows, notes, machine()))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
