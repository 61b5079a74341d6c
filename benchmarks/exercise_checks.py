"""How long each checked exercise's check takes, against its budget of two seconds.

Each check is run on its reference answer (a correct answer runs every test of the check, the
longest path): first once, as a learner's first call in a fresh kernel (TensorFlow traces and
warms up then), which is what the budget is for, then `--repeats` times for the median of the
calls after it.

    python benchmarks/exercise_checks.py            # every lesson (nox -s exercise_checks)
    python benchmarks/exercise_checks.py --lesson 01 --repeats 1
    python benchmarks/exercise_checks.py --json     # adds one JSON line with the numbers

The exit status is 1 if a check's first call exceeds the budget, so a maintainer sees it at once.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time

import exercises
from exercises.core import Exercise, Kind

BUDGET_SECONDS = 2.0  # issue 29: a check runs in under two seconds on a 2-core CPU


def seconds(exercise: Exercise) -> float:
    """One check of the reference answer, timed; it must pass."""
    start = time.perf_counter()
    outcome = exercise.outcome(exercise.reference)
    elapsed = time.perf_counter() - start
    if outcome.kind is not Kind.CORRECT:
        raise SystemExit(f"{exercise.name}: its own answer does not pass: {outcome.message}")
    return elapsed


def measure(numbers: list[str], repeats: int) -> list[dict]:
    rows = []
    for number in numbers:
        module = importlib.import_module(f"exercises.{exercises.LESSONS[number]}")
        for exercise in module.EXERCISES:
            first = seconds(exercise)
            median = statistics.median(seconds(exercise) for _ in range(repeats))
            rows.append(
                {"lesson": number, "exercise": exercise.name, "first": first, "median": median}
            )
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| lesson | exercise | first call, ms | of the budget | later calls (median), ms |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        share = row["first"] / BUDGET_SECONDS
        lines.append(
            f"| {row['lesson']} | `{row['exercise']}` | {row['first'] * 1000:,.0f} | "
            f"{share:.1%} | {row['median'] * 1000:,.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lesson", action="append", choices=list(exercises.LESSONS))
    parser.add_argument("--repeats", type=int, default=5, help="timed runs after the first")
    parser.add_argument("--json", action="store_true", help="also print a JSON summary line")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    rows = measure(args.lesson or list(exercises.LESSONS), args.repeats)
    print(table(rows))
    slowest = max(rows, key=lambda row: row["first"])
    over = [row for row in rows if row["first"] > BUDGET_SECONDS]
    print(
        f"\nSlowest: {slowest['lesson']} `{slowest['exercise']}`, first call "
        f"{slowest['first']:.2f} s = {slowest['first'] / BUDGET_SECONDS:.0%} of the "
        f"{BUDGET_SECONDS:g} s budget; over the budget: {len(over)} of {len(rows)} checks."
    )
    if args.json:
        print(json.dumps({"budget_seconds": BUDGET_SECONDS, "checks": rows}))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
