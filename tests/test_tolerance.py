"""Tests of conftest.py's numeric tolerance for nbval: numbers_close and the patched comparison.

The end-to-end tests run pytest with nbval in a subprocess on small notebooks written to a
temporary folder, with the project's conftest.py loaded as a plugin.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from conftest import TOLERANT_TAG, numbers_close

PROJECT_DIR = Path(__file__).resolve().parent.parent
ACCURACY = "Accuracy on Test-Set: 96.8% (968 / 1000)"
TRAINING_LOG = (
    "Optimization Iteration:    101, Training Accuracy:  56.2%\n"
    "Optimization Iteration:    201, Training Accuracy:  82.8%\n"
)


# ---------------------------------------------------------------------------------------------
# numbers_close
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stored, new",
    [
        (ACCURACY, ACCURACY),
        (TRAINING_LOG, TRAINING_LOG),
        (ACCURACY, "Accuracy on Test-Set: 96.5% (965 / 1000)"),
        ("3,500 training images", "3,501 training images"),
        (
            TRAINING_LOG,
            (
                "Optimization Iteration: 101, Training Accuracy: 57.8%\n"
                "Optimization Iteration: 201, Training Accuracy:   80.1%\n"
            ),
        ),
        # The bounds documented in conftest.py: |a - b| <= 3 + 0.05 * max(|a|, |b|).
        ("2 errors", "5 errors"),
        ("0 errors", "2 errors"),
        ("Accuracy: 96.8%", "Accuracy: 89.0%"),
        ("Accuracy: 96.8%", "Accuracy: 100.0%"),
        ("loss: 1e-05", "loss: 1.2e-05"),
    ],
    ids=[
        "identical",
        "identical-multiline",
        "accuracy-drift",
        "thousands-separator",
        "whitespace-runs",
        "count-2-vs-5",
        "count-0-vs-2",
        "96.8-vs-89.0",
        "96.8-vs-100",
        "exponent",
    ],
)
def test_numbers_close_accepts(stored, new):
    assert numbers_close(stored, new)
    assert numbers_close(new, stored)  # the tolerance is symmetric


@pytest.mark.parametrize(
    "stored, new",
    [
        (ACCURACY, "Accuracy on Test-Set: 10.0% (100 / 1000)"),
        ("2 errors", "6 errors"),
        ("Accuracy: 96.8%", "Accuracy: 88.9%"),
        ("Accuracy on Test-Set: 96.8%", "Accuracy on Validation-Set: 96.8%"),
        ("Training Accuracy: 96.8%", "TrainingAccuracy: 96.8%"),
        ("96.8", "nan"),
        ("Accuracy: 96.8%", "Accuracy: nan%"),
        ("loss: 1e-05", "loss: 1e+05"),
        ("Shape: (64, 14)", "Shape: (64, 14, 1)"),
        ("Shape: (64, 14, 1)", "Shape: (64, 14)"),
        (
            TRAINING_LOG,
            TRAINING_LOG + "Optimization Iteration:    301, Training Accuracy:  82.8%\n",
        ),
        ("Accuracy: 96.8%", "Accuracy: 96.8% 96.8"),
    ],
    ids=[
        "broken-training",
        "count-2-vs-6",
        "96.8-vs-88.9",
        "different-words",
        "missing-space",
        "nan",
        "nan-in-sentence",
        "exponent-sign",
        "extra-number",
        "missing-number",
        "extra-line",
        "trailing-number",
    ],
)
def test_numbers_close_rejects(stored, new):
    assert not numbers_close(stored, new)
    assert not numbers_close(new, stored)


# Cases that an earlier, simpler numbers_close got wrong.


def test_numbers_close_accepts_matrix_columns_shifted_by_a_wider_number():
    assert numbers_close("[[ 9  0]\n [ 0 10]]", "[[10  0]\n [ 0 10]]")


def test_numbers_close_accepts_a_confusion_matrix_whose_column_width_grows():
    stored = np.diag([97, 95, 98, 96, 97, 96, 99, 98, 95, 97])
    stored[1, 2] = 3
    new = stored.copy()
    new[6, 6] = 100  # every column now 3 characters wide instead of 2
    assert numbers_close(f"Confusion Matrix:\n{stored}", f"Confusion Matrix:\n{new}")


def test_numbers_close_rejects_a_number_where_the_stored_text_has_a_hash():
    # Both skeletons are "Param #: #"; the numbers are ["3,200"] and ["3,200", "3,200"].
    assert not numbers_close("Param #: 3,200", "Param 3,200: 3,200")


def test_numbers_close_accepts_drift_next_to_a_word_containing_inf():
    assert numbers_close("Training info: 96.8%", "Training info: 96.5%")


def test_numbers_close_rejects_inf():
    assert not numbers_close("loss: 0.31", "loss: inf")


# ---------------------------------------------------------------------------------------------
# The patched nbval comparison, end to end
# ---------------------------------------------------------------------------------------------


def printing_cell(printed: str, stored: str, tagged: bool):
    """A code cell that prints `printed`, with `stored` as its recorded stdout."""
    cell = new_code_cell(
        f"print({printed!r})",
        execution_count=1,
        outputs=[new_output("stream", name="stdout", text=stored + "\n")],
    )
    if tagged:
        cell.metadata["tags"] = [TOLERANT_TAG]
    return cell


def write_notebook(path: Path, cells: list) -> Path:
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = new_notebook(cells=cells, metadata={"kernelspec": kernelspec})
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return path


@pytest.fixture(scope="module")
def nbval_run(tmp_path_factory):
    """Run nbval with the project's conftest.py on two notebooks; per-cell results and output."""
    folder = tmp_path_factory.mktemp("notebooks")
    notebooks = [
        write_notebook(
            folder / "tolerance.ipynb",
            [
                printing_cell("Accuracy: 96.8%", "Accuracy: 96.5%", tagged=True),
                printing_cell("Shape: (64, 14)", "Shape: (64, 15)", tagged=False),
            ],
        ),
        write_notebook(
            folder / "far_off.ipynb",
            [
                printing_cell("Accuracy: 96.8%", "Accuracy: 10.0%", tagged=True),
                printing_cell("Accuracy: 96.8%", "Accuracy: 96.8%", tagged=True),
            ],
        ),
    ]
    # Without PYTEST_* from this run, and without CI / BUILD_NUMBER, in whose presence pytest
    # prints its short summary untruncated, repeating each failure's message.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTEST_") and k not in ("CI", "BUILD_NUMBER")
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")]))
    command = [
        sys.executable, "-m", "pytest", *map(str, notebooks),
        "-p", "conftest",  # the notebooks are outside the project: load its conftest.py as a plugin
        "--nbval", "--nbval-current-env", "-p", "no:cacheprovider", "-v", "--color=no",
        "-c", str(PROJECT_DIR / "pyproject.toml"), "-o", "addopts=", "--rootdir", str(folder),
    ]  # fmt: skip
    result = subprocess.run(
        command, check=False, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    # Node ids look like "<path>/tolerance.ipynb::Cell 0" or, outside the rootdir,
    # "<relative path>/tolerance::ipynb::Cell 0": key the results by notebook and cell.
    found = re.findall(r"(\w+)(?:\.|::)ipynb::Cell (\d+) (PASSED|FAILED|ERROR)", output)
    statuses = {f"{name}.ipynb::Cell {cell}": status for name, cell, status in found}
    return SimpleNamespace(returncode=result.returncode, output=output, statuses=statuses)


def test_nbval_passes_a_tagged_cell_within_the_tolerance_and_fails_an_untagged_one(nbval_run):
    assert nbval_run.statuses["tolerance.ipynb::Cell 0"] == "PASSED", nbval_run.output
    assert nbval_run.statuses["tolerance.ipynb::Cell 1"] == "FAILED", nbval_run.output


def test_nbval_fails_a_tagged_cell_whose_number_is_far_off(nbval_run):
    assert nbval_run.statuses["far_off.ipynb::Cell 0"] == "FAILED", nbval_run.output
    assert nbval_run.statuses["far_off.ipynb::Cell 1"] == "PASSED", nbval_run.output


def test_nbval_run_has_exactly_the_expected_results(nbval_run):
    assert len(nbval_run.statuses) == 4, nbval_run.output
    assert nbval_run.returncode == 1  # tests failed, as opposed to a usage or collection error
    assert re.search(r"\b2 failed, 2 passed, 1 warning\b", nbval_run.output), nbval_run.output


def test_nbval_failures_are_output_mismatches_not_execution_errors(nbval_run):
    assert nbval_run.output.count("Cell outputs differ") == 2, nbval_run.output
    assert "'Shape: (64, 15)\\n' == 'Shape: (64, 14)\\n'" in nbval_run.output
    assert "'Accuracy: 10.0%\\n' == 'Accuracy: 96.8%\\n'" in nbval_run.output


def test_nbval_warns_when_a_cell_passes_only_within_the_tolerance(nbval_run):
    message = "Cell 0: output matched the stored one only within the numeric tolerance"
    assert nbval_run.output.count(message) == 1, nbval_run.output
