"""Every notebook's tolerant outputs have a drift measurement on other arithmetic, within the bounds.

The measurements are tutorial_checks/drift_measurements.json, written by scripts/measure_drift.py;
the rules that read them are tutorial_checks.drift, tested here on made-up notebooks and records.
"""

from __future__ import annotations

import copy

import pytest

from script_modules import load_script
from tutorial_checks import drift
from tutorial_checks import notebooks as nb
from tutorial_checks.fingerprint import REFERENCE_FINGERPRINT
from tutorial_checks.tolerance import SAME_CPU_TAG, TOLERANT_TAG

OTHER_ARITHMETIC = "0123456789abcdef"


def notebooks_run_by_the_suite() -> dict[str, dict]:
    """The English lessons and worked solutions (nbval executes them), by relative path."""
    paths = nb.lessons() + nb.lessons(nb.SOLUTIONS_DIR)
    return {drift.relative(path): nb.read(path) for path in paths}


def test_every_notebook_with_tolerant_cells_was_measured_on_other_arithmetic():
    missing = drift.unmeasured(notebooks_run_by_the_suite(), drift.load(), REFERENCE_FINGERPRINT)
    assert not missing, (
        f"never measured on other arithmetic with their current outputs: {missing}. Run "
        "python scripts/measure_drift.py NOTEBOOK --isa SSE41 (and on any CPU other than the "
        "reference, --isa ALL), then say in tutorial_checks/DRIFT.md what it found."
    )


def test_no_measurement_of_the_current_outputs_found_a_failure():
    found = drift.failures(notebooks_run_by_the_suite(), drift.load())
    assert not found, "\n".join(found)


def test_the_records_name_their_machine_and_arithmetic():
    for record in drift.load():
        assert record["cpu"] and record["isa"] and len(record["fingerprint"]) == 16, record
        assert record["notebook"].startswith("notebooks/"), record


# ---------------------------------------------------------------------------------------------
# The rules, on made-up notebooks and records
# ---------------------------------------------------------------------------------------------


def cell(text: str, tags: list[str]) -> dict:
    output = {"output_type": "stream", "name": "stdout", "text": text}
    return {"cell_type": "code", "metadata": {"tags": tags}, "outputs": [output], "source": ""}


NOTEBOOK = {
    "cells": [
        cell("Accuracy on the test set: 90.69%\n", [TOLERANT_TAG]),
        cell("best at iteration 7,700\n", [SAME_CPU_TAG]),
        cell("242,062 variables\n", []),
    ]
}


def record(notebook: dict, fingerprint: str = OTHER_ARITHMETIC, failures=()) -> dict:
    return {
        "notebook": "notebooks/x.ipynb",
        "outputs": drift.tagged_outputs_digest(notebook),
        "cpu": "a CPU",
        "isa": "SSE41",
        "fingerprint": fingerprint,
        "largest": {},
        "failures": list(failures),
    }


def with_output(notebook: dict, index: int, text: str) -> dict:
    changed = copy.deepcopy(notebook)
    changed["cells"][index]["outputs"][0]["text"] = text
    return changed


def test_a_measured_notebook_is_not_reported():
    assert drift.unmeasured({"notebooks/x.ipynb": NOTEBOOK}, [record(NOTEBOOK)], "ref") == []


@pytest.mark.parametrize(
    "records",
    [[], [record(NOTEBOOK, fingerprint="ref")]],
    ids=["no-record", "measured-only-on-the-reference-arithmetic"],
)
def test_an_unmeasured_notebook_is_reported(records):
    assert drift.unmeasured({"notebooks/x.ipynb": NOTEBOOK}, records, "ref") == [
        "notebooks/x.ipynb"
    ]


def test_a_changed_tolerant_output_needs_a_new_measurement():
    changed = with_output(NOTEBOOK, 0, "Accuracy on the test set: 83.39%\n")
    assert drift.unmeasured({"notebooks/x.ipynb": changed}, [record(NOTEBOOK)], "ref") == [
        "notebooks/x.ipynb"
    ]


@pytest.mark.parametrize("index", [1, 2], ids=["same-cpu-only", "untagged"])
def test_outputs_outside_the_tolerant_cells_do_not_need_a_new_measurement(index):
    changed = with_output(NOTEBOOK, index, "something else\n")
    assert drift.unmeasured({"notebooks/x.ipynb": changed}, [record(NOTEBOOK)], "ref") == []


def test_timings_masked_by_the_sanitizer_do_not_change_the_digest():
    # nbval's sanitize file masks timings, so a re-executed notebook keeps its digest.
    timed = {"cells": [cell("Time usage: 0:00:12\n", [TOLERANT_TAG])]}
    retimed = with_output(timed, 0, "Time usage: 0:00:15\n")
    assert drift.tagged_outputs_digest(timed) == drift.tagged_outputs_digest(retimed)


BAR_LINE = (
    "\x1b[1m9000/9000\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m "
    "\x1b[1m{seconds}s\x1b[0m {per_step}/iteration - batch accuracy: {accuracy}\n"
)


def bar_notebook(seconds: str, per_step: str, accuracy: str) -> dict:
    line = BAR_LINE.format(seconds=seconds, per_step=per_step, accuracy=accuracy)
    return {"cells": [cell(line, [TOLERANT_TAG])]}


def test_a_progress_bars_times_are_masked():
    # Keras's bar (helpers.Trainer's, and fit's with verbose=1) ends with the time it took.
    stored = drift.tagged_outputs_digest(bar_notebook("80", "9ms", "0.9844"))
    assert stored == drift.tagged_outputs_digest(bar_notebook("112", "12ms", "0.9844"))
    assert stored == drift.tagged_outputs_digest(bar_notebook("1", "950us", "0.9844"))


def test_a_progress_bar_counting_networks_has_its_times_masked_and_its_count_not():
    # #03-B's ablation counts the networks it trained with a Progbar of unit "network".
    line = "\x1b[1m12/12\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m{}s\x1b[0m {}/network\n"

    def digest(seconds: str, per_network: str, count: str = "12/12") -> str:
        text = line.format(seconds, per_network).replace("12/12", count)
        return drift.tagged_outputs_digest({"cells": [cell(text, [TOLERANT_TAG])]})

    assert digest("97", "8s") == digest("146", "12s")
    assert digest("97", "8s") != digest("97", "8s", count="11/12")


def test_a_progress_bars_count_and_accuracy_are_not_masked():
    stored = drift.tagged_outputs_digest(bar_notebook("80", "9ms", "0.9844"))
    assert stored != drift.tagged_outputs_digest(bar_notebook("80", "9ms", "0.9688"))
    other_count = bar_notebook("80", "9ms", "0.9844")
    output = other_count["cells"][0]["outputs"][0]
    output["text"] = output["text"].replace("9000/9000", "900/9000")
    assert stored != drift.tagged_outputs_digest(other_count)


def test_a_notebook_without_tolerant_cells_needs_no_measurement():
    untagged = {"cells": [cell("242,062 variables\n", [])]}
    assert drift.tagged_outputs_digest(untagged) == ""
    assert drift.unmeasured({"notebooks/y.ipynb": untagged}, [], "ref") == []


def test_failures_of_the_current_outputs_are_reported_and_old_ones_are_not():
    failing = record(NOTEBOOK, failures=["cell 0: percent 90.69 -> 83.39 beyond the bound"])
    notebooks = {"notebooks/x.ipynb": NOTEBOOK}
    assert drift.failures(notebooks, [failing]) == [
        "notebooks/x.ipynb (a CPU, SSE41): cell 0: percent 90.69 -> 83.39 beyond the bound"
    ]
    changed = with_output(NOTEBOOK, 0, "Accuracy on the test set: 91.00%\n")
    assert drift.failures({"notebooks/x.ipynb": changed}, [failing]) == []


def test_records_are_appended_whole(tmp_path):
    path = tmp_path / "drift_measurements.json"
    drift.add(record(NOTEBOOK), path)
    drift.add(record(NOTEBOOK, fingerprint="ref"), path)
    assert [r["fingerprint"] for r in drift.load(path)] == [OTHER_ARITHMETIC, "ref"]
    assert not list(tmp_path.glob(".*.tmp"))


# ---------------------------------------------------------------------------------------------
# scripts/measure_drift.py: the comparison it records
# ---------------------------------------------------------------------------------------------

measure_drift = load_script("scripts/measure_drift.py")


def test_compare_measures_tolerant_cells_and_names_what_the_tests_would_fail():
    stored = {
        "cells": [
            cell("Accuracy on the test set: 90.69%\n", [TOLERANT_TAG]),
            cell("Accuracy on the test set: 83.39%\n", [TOLERANT_TAG]),
            cell("best at iteration 7,700\n", [SAME_CPU_TAG]),
            cell("242,062 variables\n", []),
            cell("100 steps: 1.02 s\n", ["nbval-ignore-output"]),
        ]
    }
    new = copy.deepcopy(stored)
    new = with_output(new, 0, "Accuracy on the test set: 90.79%\n")  # within the bound
    new = with_output(new, 1, "Accuracy on the test set: 75.37%\n")  # beyond it
    new = with_output(new, 2, "best at iteration 5,100\n")  # not compared
    new = with_output(new, 4, "100 steps: 0.87 s\n")  # nbval does not compare it either
    largest, problems = measure_drift.compare(stored, new, [])
    assert largest == {"percent": pytest.approx(8.02)}
    assert problems == [
        "cell 1: percent 83.39 -> 75.37 beyond the bound",
        f"cell 2: differs (tagged {SAME_CPU_TAG}: not compared)",
    ]

    exact = with_output(stored, 3, "242,063 variables\n")
    assert measure_drift.compare(stored, exact, [])[1] == [
        "cell 3: differs, and must match exactly (not tagged)"
    ]


def test_a_record_keeps_failures_but_not_the_same_cpu_only_cells(monkeypatch):
    monkeypatch.setattr(measure_drift.drift, "tagged_outputs_digest", lambda notebook: "d" * 16)
    monkeypatch.setattr(measure_drift.nb, "read", lambda path: NOTEBOOK)
    problems = [
        "cell 1: percent 83.39 -> 75.37 beyond the bound",
        f"cell 2: differs (tagged {SAME_CPU_TAG}: not compared)",
    ]
    path = nb.NOTEBOOKS_DIR / "01_Simple_Linear_Model.ipynb"
    kept = measure_drift.record(path, "SSE41", OTHER_ARITHMETIC, {"percent": 8.02}, problems)
    assert kept["notebook"] == "notebooks/01_Simple_Linear_Model.ipynb"
    assert kept["failures"] == problems[:1]
    assert (kept["isa"], kept["fingerprint"], kept["outputs"]) == (
        "SSE41",
        OTHER_ARITHMETIC,
        "d" * 16,
    )
