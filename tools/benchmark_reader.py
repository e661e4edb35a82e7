"""How well, and how fast, does the machine's first pass read? ``python tools/benchmark_reader.py``.

Runs ``vraem.reader.draft_claims`` on each of the five articles and compares its
rows with ``data/claims.csv``: a claim is found when a drafted row has the same
``value_text`` in an overlapping passage. Prints recall (claims found) and
precision (drafted rows that are claims), overall and by kind of number, the
same two measures for ``attributed_to`` (the sources the draft names), and the
misses, which are the capstone lesson's material.

Then the speed: texts built to be slow (a sentence of thousands of numbers, a run
of abbreviations, a source before every number), drafted at 100 KB and at 1 MB.
Linear code takes about ten times as long for ten times the text; code that is
quadratic in a sentence's numbers took minutes for 21 KB. ``--quick`` skips the
1 MB texts. A report, not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from vraem.reader import benchmark, draft_claims

#: Texts built to be slow, by the unit that is repeated to the length wanted.
ADVERSARIAL = {
    'a sentence of numbers ("1, 1, …")': "1, ",
    'a run of abbreviations ("A. A. …")': "A. ",
    'a source before every number ("X said 1, …")': "X said 1, ",
    'hedged ranges ("about 1 to 2, …")': "about 1 to 2, ",
    "ordinary sentences": "The army sent 1,500 troops to the valley. ",
}


def accuracy() -> None:
    """Print the draft's recall and precision against the hand-coded claims, and its misses."""
    started = time.perf_counter()
    result = benchmark()
    seconds = time.perf_counter() - started
    print(
        f"recall {result.recall:.0%} ({result.found} of {result.claims} hand-coded claims); "
        f"precision {result.precision:.0%} ({result.true_rows} of {result.drafted} drafted rows); "
        f"{seconds:.2f} s for five articles"
    )
    print(f"hedge right in {result.hedges_right} of the {result.found} claims found")
    print(
        f"attributed_to: precision {result.source_precision:.0%} ({result.sources_right} of the "
        f"{result.sources_named} sources the draft names are the hand-coded ones); recall "
        f"{result.source_recall:.0%} ({result.sources_found} of the {result.sources_to_find} sources the "
        'texts name, the outlet\'s own voice and "unattributed" left out)\n'
    )
    with pd.option_context("display.width", 120):
        print(result.by_kind.to_string(), "\n")
        print("missed:")
        print(result.misses[["claim_id", "value_text", "kind"]].to_string(index=False), "\n")


def speed(sizes: tuple[int, ...]) -> None:
    """Print the process time of drafting each slow text at each size in ``sizes`` (characters)."""
    print("drafting texts built to be slow (seconds of process time; rows drafted):")
    for name, unit in ADVERSARIAL.items():
        figures = []
        for size in sizes:
            text = unit * (size // len(unit))
            started = time.process_time()
            rows = len(draft_claims(text))
            figures.append(
                f"{size / 1e6:g} MB {time.process_time() - started:6.2f} s ({rows:,} rows)"
            )
        print(f"  {name:48} " + "   ".join(figures))


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy, then the speed (``--quick``: at 100 KB only)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="draft the slow texts at 100 KB only")
    args = parser.parse_args(argv)
    accuracy()
    speed((100_000,) if args.quick else (100_000, 1_000_000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
