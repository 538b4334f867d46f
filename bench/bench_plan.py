"""Benchmark build_plan: median plans per second on one core (issue 5 target: ≥ 20 000/s).

    .venv/bin/python bench/bench_plan.py [--number 20000] [--repeat 7]

Snapshots are loaded and the library indexed once, outside the timing, as a caller that
plans many evaluations would. Prints one line per snapshot and the typical (Eric) figure last.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from evaluations.plan.engine import build_plan
from evaluations.plan.library import Library, load_seed_library
from evaluations.plan.schema import load_snapshot

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
TARGET = 20_000


def plans_per_second(snapshot, library, number: int, repeat: int) -> float:
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            build_plan(snapshot, library)
        rates.append(number / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=20_000, help="plans per timed run")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs; the median is shown")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    library = Library(load_seed_library())
    results = {}
    for name in ("sean", "craig", "brendan", "eric"):
        snapshot = load_snapshot(EXAMPLES / f"{name}.json")
        build_plan(snapshot, library)
        results[name] = plans_per_second(snapshot, library, args.number, args.repeat)
        print(f"{name:8} {results[name]:>10,.0f} plans/s")
    typical = results["eric"]
    verdict = "meets" if typical >= TARGET else "misses"
    print(f"typical (eric): {typical:,.0f} plans/s on one core — {verdict} the {TARGET:,}/s target")


if __name__ == "__main__":
    main()
