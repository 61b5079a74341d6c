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

`--exercises` times each lesson's checked exercises (the section "Checked exercises") answered as
its worked solutions answer them: the solutions' section runs on its own in a fresh Python after
the imports a lesson makes (tutorial_checks/exercise_cells.py: `run_section`), every check must
end as the solutions store it (✔ correct), and the seconds per lesson are stored under
"exercises", scaled by the 100 steps as `--short` does. It takes a minute or two; a full
measurement times them too. scripts/series.py quotes them in the teacher's guides
(<!-- series-exercises:NN_Title -->).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import mnist_data
from tutorial_checks import exercise_cells as ec
from tutorial_checks import notebooks as nb
from tutorial_checks import short_run, shown
from tutorial_checks.timing import cpu_name, notebook_time, step_time

OUTPUT = mnist_data.DATA_DIR / "run_times.json"


def scaled_here(here: float) -> str:
    """Where and when times were measured that are stored scaled to the file's step time."""
    return (
        f"{date.today().isoformat()} on {cpu_name()}, {os.cpu_count()} cores "
        f"({here:.2f} s per 100 steps), scaled to this file's step time"
    )


def median_step_time(repeats: int) -> float:
    """The median of `repeats` timings of the 100 steps, each in a fresh Python."""
    try:
        timings = [step_time() for _ in range(repeats)]
    except RuntimeError as error:  # its message ends in the failed Python's error
        raise MeasureError(str(error).strip()) from None
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
    record["short_runs_measured"] = scaled_here(here)
    OUTPUT.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {shown(OUTPUT)}")
    return 0


class MeasureError(Exception):
    """What stops a measurement, said in one line with what to do (no traceback)."""


def read_record() -> dict:
    """data/run_times.json as a full measurement wrote it, or a MeasureError that says why not."""
    try:
        record = json.loads(OUTPUT.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise MeasureError(
            f"{shown(OUTPUT)} cannot be read ({error}): measure all notebooks first "
            "(python scripts/measure_run_times.py, on a quiet machine)"
        ) from None
    steps = record.get("seconds_per_100_steps") if isinstance(record, dict) else None
    if isinstance(steps, bool) or not isinstance(steps, (int, float)) or steps <= 0:
        raise MeasureError(
            f"{shown(OUTPUT)} has no step time (seconds_per_100_steps) to scale by: measure all "
            "notebooks first (python scripts/measure_run_times.py, on a quiet machine)"
        )
    return record


# Run in a fresh Python for one worked solutions notebook: its checked exercises' section, timed
# from after the imports a lesson's first cells make (helpers, hence TensorFlow) to its end; the
# first calls trace and warm up TensorFlow as they do in a learner's kernel.
_SECTION = """
import json, sys, time
from pathlib import Path

import helpers  # noqa: F401

from tutorial_checks import exercise_cells as ec, notebooks as nb

notebook = nb.read(Path(sys.argv[1]))
stored = [nb.output_text(notebook["cells"][i]["outputs"]) for i in ec.exercise_cells(notebook)]
start = time.perf_counter()
printed = ec.run_section(notebook)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "printed": printed, "stored": stored}))
"""


def exercise_lessons() -> dict[str, Path]:
    """Each lesson with checked exercises (by file name without .ipynb) -> its worked solutions."""
    found = {}
    for path in nb.lessons():
        if path == nb.SETUP_CHECK or not ec.exercise_cells(nb.read(path)):
            continue
        solutions = nb.SOLUTIONS_DIR / f"{path.stem}_Solutions.ipynb"
        if not solutions.exists():
            raise MeasureError(
                f"{shown(path)} has checked exercises but no worked solutions "
                f"({shown(solutions)}) to answer them"
            )
        found[path.stem] = solutions
    if not found:
        raise MeasureError(f"no lesson in {shown(nb.NOTEBOOKS_DIR)} has checked exercises")
    return found


def section_problems(solutions: Path, printed: list[str], stored: list[str]) -> list[str]:
    """Where the section, run on its own, did not end as the worked solutions store it: each
    cell's first printed line (a check's outcome, "✔ Correct.") must be the stored one, and no
    check may be unanswered or wrong (a check that did not pass measures nothing). The lines after
    it (a question's "Why: ...") may differ: a message reworded since the notebook was executed
    does not change what the check costs."""
    if not printed:
        return [f"{shown(solutions)} has no checked exercises' cells"]
    if len(printed) != len(stored):
        return [
            f"{shown(solutions)}: {len(printed)} checked-exercise cells ran, {len(stored)} stored"
        ]
    problems = []
    for position, (ran, kept) in enumerate(zip(printed, stored, strict=True), start=1):
        outcome, stored_outcome = ran.split("\n", 1)[0], kept.split("\n", 1)[0]
        if outcome != stored_outcome:
            problems.append(
                f"{shown(solutions)}, checked-exercise cell {position}: printed {outcome[:80]!r},"
                f" stored {stored_outcome[:80]!r}"
            )
        elif outcome.startswith(("✘", "○")):
            problems.append(
                f"{shown(solutions)}, checked-exercise cell {position}: not answered correctly "
                f"({outcome[:80]!r})"
            )
    return problems


def exercise_time(solutions: Path) -> float:
    """Seconds for the checked exercises of `solutions`, run on their own in a fresh Python."""
    result = subprocess.run(
        [sys.executable, "-c", _SECTION, str(solutions)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode:
        last = (result.stderr.strip().splitlines() or ["(nothing on stderr)"])[-1]
        raise MeasureError(f"running the checked exercises of {shown(solutions)} failed: {last}")
    try:
        found = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise MeasureError(
            f"the checked exercises of {shown(solutions)} ran, but their timing printed no "
            f"result: {result.stdout.strip()[-200:]!r}"
        ) from None
    problems = section_problems(solutions, found["printed"], found["stored"])
    if problems:
        raise MeasureError(
            "; ".join(problems) + f": execute the worked solutions again "
            f"(nox -s notebook -- {solutions.name}) before timing them"
        )
    return found["seconds"]


def exercise_times() -> dict[str, float]:
    """Seconds for each lesson's checked exercises, answered as in its worked solutions."""
    times = {}
    for name, solutions in exercise_lessons().items():
        times[name] = round(exercise_time(solutions), 2)  # well under a second each
        print(f"{shown(solutions)}, checked exercises: {times[name]:.2f} s", flush=True)
    return times


def measure_exercises() -> int:
    """Time the checked exercises here and store them scaled to the file's step time."""
    record = read_record()
    lessons = exercise_lessons()  # before the timing: a missing notebook stops it at once
    here = median_step_time(3)
    factor = record["seconds_per_100_steps"] / here
    times = exercise_times()
    record["exercises"] = {name: round(times[name] * factor, 2) for name in lessons}
    record["exercises_measured"] = scaled_here(here)
    OUTPUT.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {shown(OUTPUT)}")
    return 0


def _order(name: str) -> tuple[bool, str]:
    """The lessons, then their worked solutions, each in the order a listing shows them."""
    return name.endswith("_Solutions"), name


def main(argv: list[str] | None = None) -> int:
    try:
        return measure(argv)
    except MeasureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def measure(argv: list[str] | None) -> int:
    """What main does, by the arguments; a MeasureError for what stops it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps-only", action="store_true", help="measure the step time only")
    parser.add_argument("--notebooks", nargs="+", type=Path, help="measure these notebooks only")
    parser.add_argument("--short", action="store_true", help="measure the short runs only")
    parser.add_argument(
        "--exercises", action="store_true", help="measure the checked exercises only"
    )
    args = parser.parse_args(argv)
    if args.exercises:
        if args.short or args.notebooks or args.steps_only:
            parser.error("--exercises measures the checked exercises alone: give it alone")
        return measure_exercises()
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
    exercise_lessons()  # a lesson whose exercises cannot be timed stops it now, not at its end
    before = median_step_time(3)
    times = {}
    for path in [p for p in nb.lessons() + nb.lessons(nb.SOLUTIONS_DIR) if p != nb.SETUP_CHECK]:
        times[path.stem] = round(notebook_time(path), 1)
        print(f"{shown(path)}: {times[path.stem]:.0f} s", flush=True)
    short_runs = short_run_times()
    exercises = exercise_times()
    after = median_step_time(3)
    if abs(after - before) > 0.1 * min(before, after):
        print("warning: the step time changed during the run; measure on a quiet machine")
    record = {
        "machine": f"{cpu_name()}, {os.cpu_count()} cores",
        "measured": date.today().isoformat(),
        "seconds_per_100_steps": round(statistics.median([before, after]), 3),
        "notebooks": times,
        "short_runs": short_runs,
        "exercises": exercises,
    }
    OUTPUT.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {shown(OUTPUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
