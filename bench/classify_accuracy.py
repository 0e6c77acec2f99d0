"""How many real-world-shaped inputs (tests/classify_cases.py) the classifier gets right.

Runs against whichever `scraper.classify` is imported first, passing only the keyword
arguments that version's classify() accepts, so the same table scores main's code and this
one (the current directory comes first on sys.path, ahead of the editable install):

    python -m bench.classify_accuracy [-v] [--kind-only]      # this tree
    rm -rf /tmp/main-tree && mkdir /tmp/main-tree
    git archive main scraper db | tar -x -C /tmp/main-tree
    git archive HEAD bench/__init__.py bench/classify_accuracy.py tests/classify_cases.py \
        | tar -x -C /tmp/main-tree
    (cd /tmp/main-tree && python -m bench.classify_accuracy)  # main's classifier

A row is right when the kind (or "not CPC material") matches and, where the row says so, the
council codes the names resolve to, the visit dates and a landing page's report link.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from classify_cases import CASES, NOT_CPC, Case, problems, run_case  # noqa: E402

#: Shapes of a 10 MB text that once made classification slow (commit 3e0e539).
HUGE_TEXTS = {
    "prose lines": "The LGA corporate peer challenge team found 10 th – 12th July 2018 a council.\n",
    "one long line": "Corporate Peer Challenge 10 th – 12 July 2018 Bolton Council the peer team ",
    "broken dates": "12\nth\n– 3\n",
    "heading lines": "Executive summary\nCorporate Peer Challenge\nBolton Council\n",
}
HUGE_CHARS = 10_000_000


def time_huge_texts() -> None:
    """Seconds to classify each 10 MB shape (with a small HTML page where classify takes one)."""
    for name, unit in HUGE_TEXTS.items():
        text = (unit * (HUGE_CHARS // len(unit) + 1))[:HUGE_CHARS]
        case = Case("huge", NOT_CPC, "Corporate Peer Challenge", text, "https://x.gov.uk/a.pdf")
        case = dataclasses.replace(
            case, html="<main><p><a href='/r.pdf'>report (PDF)</a></p></main>"
        )
        started = time.perf_counter()
        run_case(case)
        print(f"  10 MB {name}: {time.perf_counter() - started:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong row")
    parser.add_argument(
        "--kind-only", action="store_true", help="judge the kind alone (not names, dates, link)"
    )
    parser.add_argument("--huge", action="store_true", help="also time 10 MB texts")
    args = parser.parse_args()
    if args.huge:
        time_huge_texts()
    wrong = {case.id: problems(case, kind_only=args.kind_only) for case in CASES}
    bad = {k: v for k, v in wrong.items() if v}
    if args.verbose:
        for case_id, found in bad.items():
            print(f"  {case_id}: {'; '.join(found)}")
    print(f"{len(CASES) - len(bad)} of {len(CASES)} correct")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
