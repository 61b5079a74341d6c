"""Tests of the records of full runs (scripts/full_run.py): in step with their lessons, the
results that the lessons quote are in the records' outputs, and a record's own text (its header
only) quotes no number that its outputs do not contain."""

import copy

import pytest

from script_modules import load_script

full_run = load_script("scripts/full_run.py")
NAMES = sorted(full_run.FULL_SETTINGS)
LESSON = "05_Ensemble_Learning.ipynb"  # The examples below use its text.


@pytest.mark.parametrize("name", NAMES)
def test_the_record_is_the_lesson_with_the_full_setting_and_shows_what_it_quotes(name):
    assert full_run.problems(name) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_lesson_quotes_results_of_the_full_run(name):
    quoted = full_run.quoted_results(full_run.read(full_run.notebook_path(name)))
    assert len(quoted) >= 5, "the section should give the networks' and the ensemble's results"


def lesson_and_record(name: str) -> tuple[dict, dict]:
    lesson = full_run.read(full_run.notebook_path(name))
    return lesson, full_run.read(full_run.nb.RECORDS_DIR / name)


def test_problems_reports_a_record_whose_code_differs(monkeypatch, tmp_path):
    name = LESSON
    _, record = lesson_and_record(name)
    changed = copy.deepcopy(record)
    code = next(c for c in changed["cells"] if c["cell_type"] == "code")
    code["source"] = ["import helpers  # a change after the run\n"]
    full_run.nb.write(tmp_path / name, changed)
    monkeypatch.setattr(full_run.nb, "RECORDS_DIR", tmp_path)
    assert any("its code is not the lesson's" in p for p in full_run.problems(name))


def test_problems_reports_a_quoted_result_that_the_record_does_not_show(monkeypatch, tmp_path):
    name = LESSON
    lesson, _ = lesson_and_record(name)
    misquoted = copy.deepcopy(lesson)
    section = next(c for c in misquoted["cells"] if "".join(c["source"]).startswith("## The full"))
    section["source"] = ["## The full run\n", "The ensemble reached 99.99 % and got 12345 images."]
    full_run.nb.write(tmp_path / name, misquoted)
    monkeypatch.setattr(full_run.nb, "NOTEBOOKS_DIR", tmp_path)
    found = full_run.problems(name)
    assert any("'99.99%'" in p for p in found) and any("'12345 images'" in p for p in found)


def test_a_lesson_without_its_setting_line_is_refused_with_the_line_named():
    name = LESSON
    lesson, _ = lesson_and_record(name)
    for cell in lesson["cells"]:
        cell["source"] = "".join(cell["source"]).replace("num_iterations", "iterations")
    with pytest.raises(full_run.FullRunError, match="FULL_SETTINGS"):
        full_run.record_of(lesson, name)


@pytest.mark.parametrize("name", NAMES)
def test_the_records_text_is_its_header_alone_and_quotes_no_number_of_its_own(name):
    _, record = lesson_and_record(name)
    assert [c["cell_type"] for c in record["cells"]][:2] == ["markdown", "code"]
    assert full_run.markdown_of(record) == [full_run.nb.source(full_run.header(name))]
    assert full_run.unbacked_numbers(record) == []


def test_a_record_whose_text_quotes_a_number_its_outputs_lack_is_reported(monkeypatch, tmp_path):
    # The short run's prose beside the full run's outputs: the record printed "Unanimous: 9,797
    # of 10,000 test images; a vote ties on 4 of them", the prose said 9,712 and 14.
    name = LESSON
    _, record = lesson_and_record(name)
    stale = copy.deepcopy(record)
    prose = (
        "Ties are rare: the five networks agree on 9,712 of the 10,000 test images, and a vote "
        "would end in a tie on 14. The ensemble reached 99.99 % (`0.5` in code is no quote)."
    )
    stale["cells"].append({"cell_type": "markdown", "metadata": {}, "source": [prose]})
    # 14 passes: the outputs show it, for another count ("Best network right, ensemble wrong: 14
    # images"). A number is caught when no output has it; that a record's only text is its header,
    # which quotes no number, is what keeps its text from contradicting its outputs.
    assert full_run.unbacked_numbers(stale) == ["9,712", "99.99"]
    full_run.nb.write(tmp_path / name, stale)
    monkeypatch.setattr(full_run.nb, "RECORDS_DIR", tmp_path)
    found = full_run.problems(name)
    assert any("quotes 9,712, which its outputs do not show" in p for p in found)
    assert any("quotes 99.99, which its outputs do not show" in p for p in found)
    assert not any("quotes 10,000" in p for p in found), "the outputs show 10,000"

    correct = (
        prose.replace("9,712", "9,797").replace("tie on 14", "tie on 4").replace("99.99 %", "it")
    )
    stale["cells"][-1]["source"] = [correct]
    assert full_run.unbacked_numbers(stale) == []


def test_numbers_in_text_are_whole_numbers_as_written():
    found = full_run.NUMBER.findall("9,712 of 10,000; 98.93 %, #05, 1.5e3, v2 and 14.")
    assert found == ["9,712", "10,000", "98.93", "05", "14"]


def test_the_header_links_the_notebook_and_its_section_from_the_records_folder():
    lesson_header = full_run.nb.source(full_run.header(LESSON))
    assert "](../05_Ensemble_Learning.ipynb#The-full-run)" in lesson_header
    solutions_header = full_run.nb.source(full_run.header("04_Save_Restore_Solutions.ipynb"))
    assert "](../solutions/04_Save_Restore_Solutions.ipynb#The-full-run)" in solutions_header
    assert full_run.FULL_SETTINGS[LESSON][1] in lesson_header


def test_text_refresh_writes_the_header_drops_prose_and_refuses_changed_code(monkeypatch, tmp_path):
    name = LESSON
    lesson, record = lesson_and_record(name)
    stale = copy.deepcopy(record)
    stale["cells"][0]["source"] = ["A header from before."]
    stale["cells"].insert(2, {"cell_type": "markdown", "metadata": {}, "source": ["Old prose."]})
    full_run.nb.write(tmp_path / name, stale)
    monkeypatch.setattr(full_run.nb, "RECORDS_DIR", tmp_path)
    assert any("its text is not the record's header alone" in p for p in full_run.problems(name))

    full_run.refresh_text(name)
    refreshed = full_run.read(tmp_path / name)
    assert full_run.markdown_of(refreshed) == full_run.markdown_of(full_run.record_of(lesson, name))
    code = [c for c in stale["cells"] if c["cell_type"] == "code"]
    assert refreshed["cells"][1:] == code, "the code cells, outputs and all, as the run left them"
    assert full_run.problems(name) == []

    refreshed["cells"][1]["source"] = ["import helpers  # changed after the run\n"]
    full_run.nb.write(tmp_path / name, refreshed)
    with pytest.raises(full_run.FullRunError, match="run python scripts/full_run.py"):
        full_run.refresh_text(name)


def test_a_solutions_record_is_its_header_and_code_and_links_back_to_the_solution(
    monkeypatch,
):
    solution = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["See [#02](../02_X.ipynb)."]},
            {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["n = 1_000\n"]},
        ]
    }
    name = "02_X_Solutions.ipynb"
    monkeypatch.setitem(full_run.FULL_SETTINGS, name, ("n = 1_000", "n = 10_000"))
    record = full_run.record_of(solution, name)
    assert [c["cell_type"] for c in record["cells"]] == ["markdown", "code"]
    assert "](../solutions/02_X_Solutions.ipynb)" in "".join(record["cells"][0]["source"])
    assert record["cells"][1]["source"] == ["n = 10_000\n"]
