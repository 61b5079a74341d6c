"""Measure how far the notebooks' training outputs drift on other instruction sets.

Re-executes notebooks with oneDNN limited to older vector instructions (``ONEDNN_MAX_CPU_ISA``,
which emulates an older CPU on this one) and compares every cell tagged ``tolerant-numbers``
with its stored output, the way the tests do (tutorial_checks.tolerance). Prints, for each
kind of measured number, the largest difference seen, and each cell whose text or exact numbers
differ. The bounds in tutorial_checks/tolerance.py are set just above these largest differences.
Each notebook's run is appended to tutorial_checks/drift_measurements.json (tutorial_checks.drift)
with the CPU, the instruction set, its arithmetic fingerprint and what it found; DRIFT.md says
what the measurements mean. Run from the project folder:

    python scripts/measure_drift.py          # every lesson and worked solution, three ISAs
    python scripts/measure_drift.py notebooks/02_Convolutional_Neural_Network.ipynb --isa AVX2
    python scripts/measure_drift.py notebooks/solutions/*.ipynb --isa ALL   # this CPU as it is

It takes as long as executing the notebooks once per instruction set.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tutorial_checks import drift
from tutorial_checks import notebooks as nb
from tutorial_checks.tolerance import (
    BOUNDS,
    SAME_CPU_TAG,
    TOLERANT_TAG,
    differences,
    sanitize,
    sanitizer,
)

# Cells whose outputs nbval does not compare (its own tags).
NBVAL_UNCOMPARED_TAGS = {"nbval-ignore-output", "nbval-skip"}


def execute(path: Path, isa: str) -> dict:
    """A copy of the notebook executed top to bottom with oneDNN limited to `isa`."""
    return nb.execute(nb.read(path), path.parent, environment={"ONEDNN_MAX_CPU_ISA": isa})


def fingerprint(isa: str) -> str:
    """The arithmetic fingerprint of this CPU with oneDNN limited to `isa`, in a fresh Python."""
    code = "from tutorial_checks.fingerprint import arithmetic_fingerprint; print(arithmetic_fingerprint())"
    run = subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {"ONEDNN_MAX_CPU_ISA": isa},
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode:
        sys.exit(f"measure_drift: computing the arithmetic fingerprint failed:\n{run.stderr}")
    return run.stdout.split()[-1]


def compare(stored: dict, new: dict, rules) -> tuple[dict, list]:
    """Largest difference per kind over the tagged cells, and the cells that differ otherwise."""
    largest: dict[str, float] = {}
    problems = []
    for number, (a, b) in enumerate(zip(stored["cells"], new["cells"])):
        if a["cell_type"] != "code":
            continue
        stored_text = sanitize(nb.output_text(a["outputs"]), rules)
        new_text = sanitize(nb.output_text(b["outputs"]), rules)
        tags = a["metadata"].get("tags", [])
        if NBVAL_UNCOMPARED_TAGS & set(tags):  # nbval does not compare these either
            continue
        if SAME_CPU_TAG in tags:
            if stored_text != new_text:
                problems.append(f"cell {number}: differs (tagged {SAME_CPU_TAG}: not compared)")
            continue
        if TOLERANT_TAG not in tags:
            if stored_text != new_text:
                problems.append(f"cell {number}: differs, and must match exactly (not tagged)")
            continue
        found = differences(stored_text, new_text)
        if found is None:
            problems.append(f"cell {number}: text or exact numbers differ")
            continue
        for d in found:
            size = abs(d.stored - d.new)
            if d.kind == "count":  # as percentage points of the total, like "percent"
                size = size / (d.allowed / BOUNDS["percent"])
            elif d.kind == "loss":  # relative
                size = size / max(abs(d.stored), abs(d.new))
            largest[d.kind] = max(largest.get(d.kind, 0.0), size)
            if not d.within:
                problems.append(f"cell {number}: {d.kind} {d.stored} -> {d.new} beyond the bound")
    return largest, problems


def record(path: Path, isa: str, arithmetic: str, largest: dict, problems: list) -> dict:
    """One measurement as tutorial_checks/drift_measurements.json keeps it."""
    return {
        "notebook": drift.relative(path),
        "outputs": drift.tagged_outputs_digest(nb.read(path)),
        "date": datetime.date.today().isoformat(),
        "cpu": drift.cpu_description(),
        "isa": isa,
        "fingerprint": arithmetic,
        "largest": {kind: round(size, 6) for kind, size in sorted(largest.items())},
        # What would fail the tests on this arithmetic (same-cpu-only cells are not compared).
        "failures": [p for p in problems if SAME_CPU_TAG not in p],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument(
        "--isa",
        nargs="+",
        default=["SSE41", "AVX2", "AVX512_CORE"],
        # oneDNN's names; an unknown one would be ignored silently, and notebook paths written
        # after --isa would be taken for instruction sets.
        choices=["SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX512_CORE", "AVX512_CORE_VNNI",
                 "AVX512_CORE_BF16", "AVX512_CORE_FP16", "AVX512_CORE_AMX", "ALL"],
    )  # fmt: skip
    parser.add_argument("--keep", type=Path, help="also write the executed notebooks here")
    parser.add_argument(
        "--kept", type=Path, help="compare the notebooks kept by an earlier --keep; run nothing"
    )
    args = parser.parse_args()
    notebooks = args.notebooks or nb.lessons() + nb.lessons(nb.SOLUTIONS_DIR)
    rules = sanitizer()
    overall: dict[str, float] = {}
    for isa in args.isa:
        # Recorded only for notebooks executed here and now: a kept file's machine is unknown.
        arithmetic = None if args.kept else fingerprint(isa)
        if arithmetic:
            print(f"{isa}: arithmetic fingerprint {arithmetic}", flush=True)
        for path in notebooks:
            start = time.time()
            if args.kept:
                kept = args.kept / f"{path.stem}.{isa}.ipynb"
                if not kept.exists():
                    continue
                executed = nb.read(kept)
            else:
                executed = execute(path, isa)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                nb.write(args.keep / f"{path.stem}.{isa}.ipynb", executed)
            largest, problems = compare(nb.read(path), executed, rules)
            for kind, size in largest.items():
                overall[kind] = max(overall.get(kind, 0.0), size)
            summary = ", ".join(f"{k} {v:.4g}" for k, v in sorted(largest.items())) or "identical"
            print(f"{isa:12} {path.name:40} {time.time() - start:5.0f} s   {summary}", flush=True)
            for problem in problems:
                print(f"{'':12} {problem}", flush=True)
            if arithmetic and drift.tagged_outputs_digest(nb.read(path)):
                drift.add(record(path, isa, arithmetic, largest, problems))
    print("largest differences: " + json.dumps({k: round(v, 6) for k, v in overall.items()}))
    print("bounds in tutorial_checks/tolerance.py: " + json.dumps(BOUNDS))


if __name__ == "__main__":
    main()
