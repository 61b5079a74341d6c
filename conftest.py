"""pytest set-up: which notebooks nbval collects, the slow mark, and the numeric tolerance in nbval.

The tolerance itself is tutorial_checks.tolerance; here it is only hooked into nbval's comparison.
"""

from __future__ import annotations

import functools
import json
import os
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

import mnist_data
from tutorial_checks.notebooks import output_text
from tutorial_checks.tolerance import SAME_CPU_TAG, TOLERANT_TAG, numbers_close

# The two workers (pytest-xdist) each run a notebook's TensorFlow kernel on a 2-core CPU, and each
# TensorFlow process keeps, beside its pool of threads inside an op, a pool as wide as the CPU for
# running independent ops side by side: more threads than cores. With one thread in that second
# pool, each op is computed as before (the outputs were identical) and pairs of notebooks ran 3 to
# 11 % faster (CONTRIBUTING.md: Install and test). The kernels nbval starts inherit it;
# learners' runs are untouched.
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")

# The Chinese twins in notebooks/zh/ have the English notebooks' code and stored outputs, which
# tests/test_translations.py checks cell by cell; nbval executes the English notebooks. Of the
# twins, nbval executes #01 (the shortest), which shows that a twin's code also runs from its own
# folder; executing the others would double the suite's time to prove nothing more.
collect_ignore_glob = ["notebooks/zh/0[2-9]_*.ipynb", "notebooks/zh/[1-9][0-9]_*.ipynb"]
collect_ignore_glob += ["notebooks/zh/solutions/*.ipynb"]
# Records of full runs (scripts/full_run.py) are the point of not running the full experiment
# in the suite; tests/test_full_runs.py checks them without executing them.
collect_ignore_glob += ["notebooks/full_runs/*.ipynb"]

# The hook below replaces this method of this nbval release; another release may compare
# differently, so it is refused rather than patched blindly.
NBVAL_VERSION = "0.11.0"


def pytest_configure(config: pytest.Config) -> None:
    try:
        installed = version("nbval")
    except PackageNotFoundError:
        return  # no nbval: the unit tests still run
    if installed != NBVAL_VERSION:
        raise pytest.UsageError(
            f"conftest.py patches nbval {NBVAL_VERSION}'s IPyNbCell.compare_outputs, but nbval "
            f"{installed} is installed. Install the project's version: pip install -r "
            "requirements.txt (or check the hook against the new release and update NBVAL_VERSION)."
        )
    _hook_tolerance_into_nbval()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Executing a notebook takes from seconds to minutes: every notebook cell is slow.
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
    # pytest-xdist runs each file on one worker, in the order collected (--no-loadscope-reorder,
    # pyproject.toml): the longest first, so that the two workers finish at about the same time.
    items.sort(key=lambda item: -_expected_seconds(item.path))


# Test modules that take minutes (measured): the wheel's fresh virtual environment; the long
# lessons' short runs (data/run_times.json's "short_runs", about 240 s in all).
LONG_TEST_MODULES = {"test_package.py": 240.0, "test_short_runs.py": 240.0}


@functools.cache
def _expected_seconds(path: Path) -> float:
    """How long a file's tests take: a notebook's measured run time, or LONG_TEST_MODULES."""
    if path.suffix != ".ipynb":
        return LONG_TEST_MODULES.get(path.name, 0.0)
    try:
        times = json.loads((mnist_data.DATA_DIR / "run_times.json").read_text())["notebooks"]
    except FileNotFoundError:
        return 0.0
    return times.get(path.stem, 0.0)  # a Chinese twin: its English notebook's time


def _hook_tolerance_into_nbval() -> None:
    """Let nbval accept tagged cells whose measured numbers are within the tolerance."""
    from nbval.plugin import IPyNbCell

    if getattr(IPyNbCell.compare_outputs, "tolerance_hook", False):
        return
    exact_compare = IPyNbCell.compare_outputs

    def compare_outputs(self, test, ref, skip_compare=None):
        if exact_compare(self, test, ref, skip_compare):
            return True
        tags = self.cell.metadata.get("tags", [])
        if SAME_CPU_TAG in tags:
            from tutorial_checks.fingerprint import is_reference_machine

            if not is_reference_machine():
                warnings.warn(
                    f"{self.name}: not compared: this CPU computes differently from the machine "
                    "that made the stored outputs, and this output depends on the path training "
                    "took",
                    stacklevel=1,
                )
                return True
        if TOLERANT_TAG not in tags:
            return False
        if numbers_close(self.sanitize(output_text(ref)), self.sanitize(output_text(test))):
            warnings.warn(
                f"{self.name}: output matched the stored one only within the numeric tolerance "
                "(expected on a CPU other than the one that made the outputs)",
                stacklevel=1,
            )
            return True
        return False

    compare_outputs.tolerance_hook = True
    IPyNbCell.compare_outputs = compare_outputs
