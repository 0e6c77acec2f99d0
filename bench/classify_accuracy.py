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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from classify_cases import CASES, problems  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong row")
    parser.add_argument(
        "--kind-only", action="store_true", help="judge the kind alone (not names, dates, link)"
    )
    args = parser.parse_args()
    wrong = {case.id: problems(case, kind_only=args.kind_only) for case in CASES}
    bad = {k: v for k, v in wrong.items() if v}
    if args.verbose:
        for case_id, found in bad.items():
            print(f"  {case_id}: {'; '.join(found)}")
    print(f"{len(CASES) - len(bad)} of {len(CASES)} correct")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
