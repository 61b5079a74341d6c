"""Timing a notebook and the setup check's training steps, for the run-time table and its checks.

scripts/measure_run_times.py writes data/run_times.json with these; the setup check (a learner's
module, setup_check.py) scales that table by its own step time, and
benchmarks/setup_check_prediction.py measures how well that predicts.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

from tutorial_checks.notebooks import execute, read


def step_time() -> float:
    """setup_check's timing of 100 training steps, in a fresh Python (as a learner runs it)."""
    code = "import setup_check; print(setup_check.seconds_per_100_steps())"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"timing the training steps failed:\n{result.stderr}")
    return float(result.stdout.split()[-1])


def notebook_time(path: Path) -> float:
    """Seconds to execute the notebook top to bottom in a new kernel, as Restart & Run All."""
    start = time.perf_counter()
    execute(read(path), path.parent)
    return time.perf_counter() - start


def cpu_name() -> str:
    """The CPU's model name, as the operating system reports it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
