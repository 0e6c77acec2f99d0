"""Generalisation, measured honestly: `python -m bench.varied [--seeds dev|tuning|seen|held-out|all|N,N]`.

Crawls the varied fixture web of each seed (:mod:`scraper.testweb.varied`: council sites built
from lists of real variants) with the real crawl -- `peerwatch crawl` in a subprocess through the
fixture proxy, default politeness -- and scores every council against its truth. Tuning, seen
and held-out seeds are reported separately: rules may be tuned on the first two, never on the
third, which is measured once the rules are frozen (`--seeds held-out`; the default, `dev`, is
tuning + seen, so a development run never shows a held-out failure by accident).

Printed per group: counts by (expected, got) verdict; published recall and precision; verdict
accuracy; published councils called `no_cpc` or `cpc_no_report` (the worst error: must be 0);
unknowns by reason; requests per council (median / p95 / max, over every host of the council);
forbidden requests (robots-disallowed, private or loopback addresses); report URLs found by
route and stored reports that are not a report; the failures by council with the variants they
drew, and failure rates per variant value. `--json FILE` writes all of it (and every council's
row) as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.crawls import Workspace
from db.connection import open_db
from scraper.testweb import TestWeb
from scraper.testweb.varied import COUNCILS_PER_SEED, HELD_OUT_SEEDS, SEEN_SEEDS, TUNING_SEEDS

WORST = ("no_cpc", "cpc_no_report")
#: What a crawl must never fetch (the fixture server's log): robots-disallowed paths, private and
#: loopback addresses, paths that only a redirect to loopback leads to. Requests for hosts outside
#: the web ("offsite": a guessed subdomain that would not resolve, a social-media link) are
#: counted apart.
FORBIDDEN = ("robots", "loopback", "forbidden_path")
#: `--fast` (tests): no delay between requests to one host, one retry. Same budget and rules.
FAST_CONFIG = "[crawl]\nautothrottle = false\ndownload_delay = 0.0\nretry_times = 1\n"
VERDICTS = ("published", "cpc_no_report", "no_cpc", "unknown")


def fold(url: str) -> str:
    """One spelling per document: no scheme, no ``www.``, percent-decoding undone."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = unquote(parts.query)
    return host + unquote(parts.path or "/") + ("?" + query if query else "")


def measure_seed(seed: int, work: Path, args: argparse.Namespace, echo) -> list[dict]:
    """Crawl one seed's web; one row per council with truth, verdict, cost and variant."""
    started = time.monotonic()
    size = {} if args.councils is None else {"varied_councils": args.councils}
    with TestWeb(varied_seed=seed, latency=args.latency, slow_seconds=args.slow, **size) as web:
        echo(f"seed {seed}: web built in {time.monotonic() - started:.0f} s; crawling")
        config = None
        if args.fast:
            config = work / "fast.toml"
            config.write_text(FAST_CONFIG)
        space = Workspace(web, work / f"seed-{seed}", timeout=args.timeout, config=config)
        codes = web.varied_codes()
        measured = space.peerwatch(codes, "crawl")
        truth = web.varied_truth()
        expected = web.expected()
        hosts = web.varied_hosts()
        db = open_db(space.db_path)
        try:
            run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
            checks = {
                r["council_code"]: r
                for r in db.query(
                    "SELECT council_code, verdict, reason, requests FROM checks WHERE run_id = ?",
                    [run_id],
                )
            }
        finally:
            db.close()
    requests = Counter(hosts[r.host] for r in measured.requests if r.host in hosts)
    forbidden = Counter(r.forbidden for r in measured.requests if r.forbidden in FORBIDDEN)
    offsite = Counter(r.host for r in measured.requests if r.forbidden == "offsite")
    echo(f"seed {seed}: {len(measured.requests)} requests in {measured.wall_s:.0f} s")
    rows = []
    for code in codes:
        t = truth[code]
        check = checks.get(code, {})
        wanted = {fold(d.url) for d in expected[code].documents if d.kind == "feedback_report"}
        known = {fold(d.url) for d in expected[code].documents}
        claimed = sorted(measured.reports.get(code, ()))
        folded = {fold(u) for u in claimed}
        rows.append(
            {
                "seed": seed,
                "group": group_of(seed),
                "code": code,
                "name": t.name,
                "state": t.state,
                "route": t.route,
                "expected": t.verdict,
                "expected_reason": t.reason,
                "got": measured.verdicts.get(code, "missing"),
                "got_reason": check.get("reason"),
                "requests": requests.get(code, 0),
                "report_found": bool(wanted & folded) if wanted else None,
                "reports_claimed": claimed,
                "not_reports_claimed": sorted(u for u in claimed if fold(u) not in known),
                "duplicate_spellings": len(claimed) - len(folded),
                "variant": t.variant_record(),
            }
        )  # fmt: skip
    rows[0]["_forbidden"] = dict(forbidden) if rows else {}
    rows[0]["_offsite"] = dict(offsite) if rows else {}
    rows[0]["_lga_requests"] = sum(1 for r in measured.requests if r.host.endswith("local.gov.uk"))
    return rows


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def spread(values: list[int]) -> dict[str, float]:
    ordered = sorted(values) or [0]
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "max": ordered[-1]}


def summarise(rows: list[dict]) -> dict:
    """The group's scores; failures are councils whose verdict differs from the expected one."""
    pairs = Counter((r["expected"], r["got"]) for r in rows)
    said = [r for r in rows if r["got"] == "published"]
    real = [r for r in rows if r["expected"] == "published"]
    hit = [r for r in real if r["got"] == "published"]
    failures = [r for r in rows if r["got"] != r["expected"]]
    routes = defaultdict(lambda: [0, 0])
    for r in rows:
        if r["state"] == "published" and r["expected"] == "published":
            routes[r["route"]][1] += 1
            routes[r["route"]][0] += r["got"] == "published"
    by_value: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    worst_by_value: dict[str, dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    for r in rows:
        for axis, value in r["variant"].items():
            cell = by_value[axis][json.dumps(value)]
            cell[1] += 1
            cell[0] += r["got"] != r["expected"]
            if r["state"] == "published":
                worst = worst_by_value[axis][json.dumps(value)]
                worst[1] += 1
                worst[0] += r["got"] in WORST
    forbidden: Counter[str] = Counter()
    offsite: Counter[str] = Counter()
    for r in rows:
        forbidden.update(r.get("_forbidden", {}))
        offsite.update(r.get("_offsite", {}))
    return {
        "councils": len(rows),
        "seeds": sorted({r["seed"] for r in rows}),
        "by_expected_and_got": {f"{e} -> {g}": n for (e, g), n in sorted(pairs.items())},
        "published_recall": _share(len(hit), len(real)),
        "published_precision": _share(sum(r["expected"] == "published" for r in said), len(said)),
        "verdict_accuracy": _share(len(rows) - len(failures), len(rows)),
        "published_called_no_cpc_or_cpc_no_report": sum(
            r["state"] == "published" and r["got"] in WORST for r in rows
        ),
        "unknown_by_reason": dict(Counter(r["got_reason"] or "-" for r in rows if r["got"] == "unknown")),
        "expected_unknown_by_reason": dict(Counter(r["expected_reason"] for r in rows if r["expected"] == "unknown")),
        "requests_per_council": spread([r["requests"] for r in rows]),
        "forbidden_requests": sum(forbidden.values()),
        "forbidden_by_kind": dict(forbidden),
        "requests_to_hosts_outside_the_web": sum(offsite.values()),
        "hosts_outside_the_web": dict(offsite.most_common(10)),
        "lga_requests": sum(r.get("_lga_requests", 0) for r in rows),
        "published_found_by_route": {k: f"{v[0]}/{v[1]}" for k, v in sorted(routes.items())},
        "report_urls_found": f"{sum(bool(r['report_found']) for r in rows)}/{sum(r['report_found'] is not None for r in rows)}",
        "stored_as_report_but_not_one": sum(len(r["not_reports_claimed"]) for r in rows),
        "duplicate_spellings_stored": sum(r["duplicate_spellings"] for r in rows),
        "failures": [
            {k: r[k] for k in ("code", "seed", "state", "route", "expected", "expected_reason", "got", "got_reason", "requests", "not_reports_claimed", "variant")}
            for r in failures
        ],
        "failure_rate_by_variant": {
            axis: {v: f"{bad}/{n}" for v, (bad, n) in sorted(values.items()) if bad}
            for axis, values in sorted(by_value.items())
            if any(bad for bad, _ in values.values())
        },
        "worst_error_rate_by_variant": {
            axis: {v: f"{bad}/{n}" for v, (bad, n) in sorted(values.items()) if bad}
            for axis, values in sorted(worst_by_value.items())
            if any(bad for bad, _ in values.values())
        },
    }  # fmt: skip


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def render(label: str, s: dict) -> str:
    lines = [
        f"== {label}: seeds {', '.join(map(str, s['seeds']))}, {s['councils']} councils ==",
        "expected -> got:",
        *(f"  {k:<34} {n:>4}" for k, n in s["by_expected_and_got"].items()),
        f"published recall      {_pct(s['published_recall'])}",
        f"published precision   {_pct(s['published_precision'])}",
        f"verdict accuracy      {_pct(s['verdict_accuracy'])}",
        f"published called no_cpc or cpc_no_report: {s['published_called_no_cpc_or_cpc_no_report']} (target 0)",
        f"unknown by reason (got): {json.dumps(s['unknown_by_reason'], sort_keys=True)}",
        f"unknown by reason (expected): {json.dumps(s['expected_unknown_by_reason'], sort_keys=True)}",
        "requests per council: median {median:g} / p95 {p95:g} / max {max:g}".format(**s["requests_per_council"]),
        f"forbidden requests: {s['forbidden_requests']} {json.dumps(s['forbidden_by_kind'], sort_keys=True)}",
        f"requests to hosts outside the web (not forbidden; would not resolve or are third parties): "
        f"{s['requests_to_hosts_outside_the_web']} {json.dumps(s['hosts_outside_the_web'])}",
        f"LGA requests (shared): {s['lga_requests']}",
        f"published found, by route: {json.dumps(s['published_found_by_route'])}",
        f"feedback-report URLs found: {s['report_urls_found']}; stored as a report but not one: "
        f"{s['stored_as_report_but_not_one']}; duplicate spellings stored: {s['duplicate_spellings_stored']}",
        "failure rate by variant value (failures/councils, values with failures only):",
    ]  # fmt: skip
    for axis, values in s["failure_rate_by_variant"].items():
        lines.append(f"  {axis}: " + ", ".join(f"{v}={r}" for v, r in values.items()))
    lines.append(
        "published councils called no_cpc/cpc_no_report, by variant value (of published councils):"
    )
    for axis, values in s["worst_error_rate_by_variant"].items():
        lines.append(f"  {axis}: " + ", ".join(f"{v}={r}" for v, r in values.items()))
    lines.append(f"failures ({len(s['failures'])}):")
    for f in s["failures"]:
        v = f["variant"]
        keys = ("access", "cms", "hub_label", "hub_placement", "hub_depth", "search", "sitemap",
                "committee", "committee_host", "news", "doc_shape", "link_spelling", "landing_title",
                "report_format", "lga_list", "evidence")  # fmt: skip
        drawn = ", ".join(f"{k}={v[k]}" for k in keys if v.get(k) not in (None, "", "none"))
        lines.append(
            f"  {f['code']} {f['state']}/{f['route'] or '-'}: expected {f['expected']}"
            f"{'/' + f['expected_reason'] if f['expected_reason'] else ''} got {f['got']}"
            f"{'/' + f['got_reason'] if f['got_reason'] else ''} ({f['requests']} req) | {drawn}"
            + (
                f" | stored as report: {f['not_reports_claimed']}"
                if f["not_reports_claimed"]
                else ""
            )
        )
    return "\n".join(lines)


#: The figures `--compare` puts side by side.
HEADLINE = (
    ("published_called_no_cpc_or_cpc_no_report", "published called no_cpc/cpc_no_report"),
    ("published_recall", "published recall"),
    ("published_precision", "published precision"),
    ("verdict_accuracy", "verdict accuracy"),
    ("requests_per_council", "requests per council median/p95/max"),
    ("forbidden_requests", "forbidden requests"),
    ("stored_as_report_but_not_one", "stored as a report but not one"),
    ("published_found_by_route", "published found, by route"),
    ("unknown_by_reason", "unknown by reason"),
)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{100 * value:.1f}%"
    if isinstance(value, dict) and set(value) == {"median", "p95", "max"}:
        return "{median:g}/{p95:g}/{max:g}".format(**value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in sorted(value.items()))
    return str(value)


def compare(before: dict, after: dict) -> str:
    """Before and after, group by group, for the headline figures."""
    lines = []
    for group in after:
        if group not in before:
            continue
        lines.append(f"== {group.replace('_', '-')}: before -> after ==")
        for key, label in HEADLINE:
            lines.append(
                f"  {label}: {_cell(before[group].get(key))} -> {_cell(after[group].get(key))}"
            )
    return "\n".join(lines)


#: Seed groups, in the order they are reported.
GROUPS = {"tuning": TUNING_SEEDS, "seen": SEEN_SEEDS, "held_out": HELD_OUT_SEEDS}


def group_of(seed: int) -> str:
    return next((group for group, seeds in GROUPS.items() if seed in seeds), "other")


def seeds_from(text: str) -> dict[str, tuple[int, ...]]:
    if text == "all":
        return dict(GROUPS)
    if text == "dev":
        return {"tuning": TUNING_SEEDS, "seen": SEEN_SEEDS}
    if text.replace("-", "_") in GROUPS:
        group = text.replace("-", "_")
        return {group: GROUPS[group]}
    chosen = tuple(int(s) for s in text.split(","))
    groups: dict[str, tuple[int, ...]] = {}
    for seed in chosen:
        groups[group_of(seed)] = (*groups.get(group_of(seed), ()), seed)
    return {g: groups[g] for g in (*GROUPS, "other") if g in groups}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.varied", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--seeds", default="dev",
                        help="dev (tuning + seen, the default), tuning, seen, held-out, all or N,N,...")  # fmt: skip
    parser.add_argument("--seed", type=int, default=None,
                        help="one seed only (quick iteration; same as --seeds N)")  # fmt: skip
    parser.add_argument("--councils", type=int, default=None,
                        help=f"councils per seed (default {COUNCILS_PER_SEED})")  # fmt: skip
    parser.add_argument("--latency", type=float, default=0.0, help="per-response latency, s (0)")
    parser.add_argument("--timeout", type=float, default=5.0, help="crawl request timeout, s (5)")
    parser.add_argument("--slow", type=float, default=10.0, help="how long slow hosts hang, s")
    parser.add_argument("--workdir", type=Path, default=None, help="keep databases and logs here")
    parser.add_argument("--json", type=Path, default=None, help="also write everything as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--compare", type=Path, default=None,
                        help="a previous --json file: print its headline figures beside these")  # fmt: skip
    parser.add_argument("--fast", action="store_true",
                        help="no per-host delay and one retry (for tests; figures use the default)")  # fmt: skip
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="peerwatch-varied-"))
    work.mkdir(parents=True, exist_ok=True)

    def echo(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    report: dict[str, dict] = {}
    all_rows: list[dict] = []
    chosen = seeds_from(str(args.seed) if args.seed is not None else args.seeds)
    for group, seeds in chosen.items():
        rows = [row for seed in seeds for row in measure_seed(seed, work, args, echo)]
        all_rows += rows
        report[group] = summarise(rows)
        print(render(group.replace("_", "-"), report[group]), flush=True)
        print()
    if args.compare:
        print(compare(json.loads(args.compare.read_text())["groups"], report))
    if args.json:
        args.json.write_text(
            json.dumps({"groups": report, "councils": all_rows}, indent=1, default=str)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
