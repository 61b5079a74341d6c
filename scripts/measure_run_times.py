"""Measure every notebook's run time and the setup check's step time, on this machine, together.

    python scripts/measure_run_times.py     # all lessons and worked solutions (about 25 min)

Writes data/run_times.json, which the setup check (setup_check.py) scales by its own timing of
100 training steps to predict each notebook's run time on a learner's machine. Run it on a quiet
machine (nothing else running: both cores are used), after changing what a notebook trains.
The step time is measured three times before and three times after the notebooks; the median
is stored, and a warning is printed if the two medians differ by more than 10 % (the machine's
speed changed during the run). `--steps-only` measures the step time again (five times, the
median) and keeps the notebooks' times: for a step measurement that something else disturbed.
`--notebooks PATH ...` measures those notebooks only and keeps the other times: for a notebook
added or changed since the last full measurement, on the same kind of machine.

A full measurement also times the long lessons' short runs (`QUICK = True`,
tutorial_checks/short_run.py), which the setup check predicts for a slow machine. `--short`
measures only those, on any machine: it times the 100 steps there too and scales the short runs
by the ratio, so that they stand beside the other times as if measured on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import mnist_data
from tutorial_checks import notebooks as nb
from tutorial_checks import short_run, shown
from tutorial_checks.timing import cpu_name, notebook_time, step_time

OUTPUT = mnist_data.DATA_DIR / "run_times.json"


def median_step_time(repeats: int) -> float:
    """The median of `repeats` timings of the 100 steps, each in a fresh Python."""
    timings = [step_time() for _ in range(repeats)]
    print("100 training steps: " + ", ".join(f"{s:.2f} s" for s in timings), flush=True)
    return statistics.median(timings)


def measure_some(paths: list[Path]) -> int:
    """Measure `paths` and store their times beside the others; refuse on another machine."""
    record = json.loads(OUTPUT.read_text(encoding="utf-8"))
    machine = f"{cpu_name()}, {os.cpu_count()} cores"
    if record["machine"] != machine:
        print(
            f"error: {shown(OUTPUT)} was measured on {record['machine']}, this is {machine}: "
            "measure all notebooks here (without --notebooks)"
        )
        return 1
    for path in paths:
        record["notebooks"][path.stem] = round(notebook_time(path), 1)
        print(f"{shown(path)}: {record['notebooks'][path.stem]:.0f} s", flush=True)
    lessons_first = sorted(record["notebooks"].items(), key=lambda item: _order(item[0]))
    record["notebooks"] = dict(lessons_first)
    OUTPUT.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {shown(OUTPUT)}")
    return 0


def short_run_times() -> dict[str, float]:
    """Seconds for each long lesson's short run, executed in a scratch folder."""
    times = {}
    for name in short_run.LESSONS:
        path = nb.NOTEBOOKS_DIR / f"{name}.ipynb"
        with tempfile.TemporaryDirectory() as scratch:
            start = time.perf_counter()
            nb.execute(short_run.short_version(nb.read(path)), Path(scratch))
            times[name] = round(time.perf_counter() - start, 1)
        print(f"{shown(path)}, short run: {times[name]:.0f} s", flush=True)
    return times


def measure_short_runs() -> int:
    """Time the short runs here and store them scaled to the file's step time."""
    record = json.loads(OUTPUT.read_text(encoding="utf-8"))
    here = median_step_time(3)
    factor = record["seconds_per_100_steps"] / here
    record["short_runs"] = {n: round(t * factor, 1) for n, t in short_run_times().items()}
    record["short_runs_measured"] = (
        f"{date.today().isoformat()} on {cpu_name()}, {os.cpu_count()} cores "
        f"({here:.2f} s per 100 steps), scaled to this file's step time"
    )
    OUTPUT.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {shown(OUTPUT)}")
    return 0


def _order(name: str) -> tuple[bool, str]:
    """The lessons, then their worked solutions, each in the order a listing shows them."""
    return name.endswith("_Solutions"), name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps-only", action="store_true", help="measure the step time only")
    parser.add_argument("--notebooks", nargs="+", type=Path, help="measure these notebooks only")
    parser.add_argument("--short", action="store_true", help="measure the short runs only")
    args = parser.parse_args(argv)
    if args.short:
        return measure_short_runs()
    if args.notebooks:
        return measure_some(args.notebooks)
    if args.steps_only:
        record = json.loads(OUTPUT.read_text(encoding="utf-8"))
        record["seconds_per_100_steps"] = round(median_step_time(5), 3)
        OUTPUT.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {shown(OUTPUT)}")
        return 0
    before = median_step_time(3)
    times = {}
    for path in [p for p in nb.lessons() + nb.lessons(nb.SOLUTIONS_DIR) if p != nb.SETUP_CHECK]:
        times[path.stem] = round(notebook_time(path), 1)
        print(f"{shown(path)}: {times[path.stem]:.0f} s", flush=True)
    short_runs = short_run_times()
    after = median_step_time(3)
    if abs(after - before) > 0.1 * min(before, after):
        print("warning: the step time changed during the run; measure on a quiet machine")
    record = {
        "machine": f"{cpu_name()}, {os.cpu_count()} cores",
        "measured": date.today().isoformat(),
        "seconds_per_100_steps": round(statistics.median([before, after]), 3),
        "notebooks": times,
        "short_runs": short_runs,
    }
    OUTPUT.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {shown(OUTPUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
