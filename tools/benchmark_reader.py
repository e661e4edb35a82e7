"""How well does the machine's first pass find the hand-coded claims? ``python tools/benchmark_reader.py``

Runs ``vraem.reader.draft_claims`` on each of the five articles and compares its
rows with ``data/claims.csv``: a claim is found when a drafted row has the same
``value_text`` in an overlapping passage. Prints recall (claims found) and
precision (drafted rows that are claims), overall and by kind of number, plus
the misses, which are the capstone lesson's material. A report, not a test.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from vraem.reader import benchmark


def main() -> int:
    started = time.perf_counter()
    result = benchmark()
    seconds = time.perf_counter() - started
    print(f"recall {result.recall:.0%} ({result.found} of {result.claims} hand-coded claims); "
          f"precision {result.precision:.0%} ({result.true_rows} of {result.drafted} drafted rows); "
          f"{seconds:.2f} s for five articles")
    print(f"hedge right in {result.hedges_right} of the {result.found} claims found\n")
    with pd.option_context("display.width", 120):
        print(result.by_kind.to_string(), "\n")
        print("missed:")
        print(result.misses[["claim_id", "value_text", "kind"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
