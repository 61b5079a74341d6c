"""Tests of the records of full runs (scripts/full_run.py): in step with their lessons, and the
results that the lessons quote are in the records' outputs."""

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


def test_the_record_links_one_folder_up():
    name = LESSON
    lesson, _ = lesson_and_record(name)
    record = full_run.record_of(lesson, name)
    text = "\n".join("".join(c["source"]) for c in record["cells"] if c["cell_type"] == "markdown")
    assert "](../../images/" in text and "](../04_Save_Restore.ipynb)" in text
    assert "](../images/" not in text


def test_text_refresh_copies_the_lessons_prose_and_refuses_changed_code(monkeypatch, tmp_path):
    name = LESSON
    lesson, record = lesson_and_record(name)
    stale = copy.deepcopy(record)
    prose = next(c for c in stale["cells"][1:] if c["cell_type"] == "markdown")
    prose["source"] = ["Text from before the lesson was edited."]
    full_run.nb.write(tmp_path / name, stale)
    monkeypatch.setattr(full_run.nb, "RECORDS_DIR", tmp_path)
    assert any("its text is not the lesson's" in p for p in full_run.problems(name))

    full_run.refresh_text(name)
    refreshed = full_run.read(tmp_path / name)
    assert full_run.markdown_of(refreshed) == full_run.markdown_of(full_run.record_of(lesson, name))
    assert [c.get("outputs") for c in refreshed["cells"]] == [
        c.get("outputs") for c in stale["cells"]
    ]
    assert full_run.problems(name) == []

    code = next(c for c in refreshed["cells"] if c["cell_type"] == "code")
    code["source"] = ["import helpers  # changed after the run\n"]
    full_run.nb.write(tmp_path / name, refreshed)
    with pytest.raises(full_run.FullRunError, match="run python scripts/full_run.py"):
        full_run.refresh_text(name)


def test_a_solutions_record_keeps_its_links_and_links_back_to_the_solution(monkeypatch):
    solution = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["See [#02](../02_X.ipynb)."]},
            {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["n = 1_000\n"]},
        ]
    }
    name = "02_X_Solutions.ipynb"
    monkeypatch.setitem(full_run.FULL_SETTINGS, name, ("n = 1_000", "n = 10_000"))
    record = full_run.record_of(solution, name)
    assert "](../solutions/02_X_Solutions.ipynb)" in "".join(record["cells"][0]["source"])
    assert record["cells"][1]["source"] == ["See [#02](../02_X.ipynb)."]
    assert record["cells"][2]["source"] == ["n = 10_000\n"]
