"""The series' list (notebooks/series.toml) and the tables that scripts/series.py writes from it
into the READMEs and the teacher's guides: current, written only between their markers, and
refused with a clear message where the list or a file is not as the script expects."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from script_modules import load_script
from tutorial_checks import ROOT
from tutorial_checks import notebooks as nb

series = load_script("scripts/series.py")
NOTEBOOKS = series.read_series(ROOT / series.SERIES)
CJK = re.compile(r"[\u3400-\u9fff]")
DURATION = re.compile(r"(?<![\d.])\d+(?:\.\d+)? ?(?:s|min|秒|分钟)(?![\w])")


def copy_project(tmp_path: Path) -> Path:
    """The list, the run times and the files with tables, copied into tmp_path (the project
    folder of a test)."""
    for relative in [series.SERIES, series.RUN_TIMES, *map(Path, series.DOCUMENTS)]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, tmp_path / relative)
    return tmp_path


def edit(path: Path, old: str, new: str) -> str:
    """Replace the first `old` in the file by `new`; the new text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


# --- the tables ----------------------------------------------------------------------------------


def test_every_table_is_current():
    stale = series.out_of_date(ROOT)
    assert stale == [], "out of date (run python scripts/series.py):\n" + "\n".join(stale)


def test_a_table_edited_by_hand_is_reported_and_writing_restores_it(tmp_path, monkeypatch, capsys):
    root = copy_project(tmp_path)
    monkeypatch.setattr(series, "ROOT", root)
    readme, guide = root / "README.zh-CN.md", root / "TEACHING.md"
    original = {path: path.read_text(encoding="utf-8") for path in (readme, guide)}
    edit(readme, "| 12 秒 |", "| 13 秒 |")  # #01's run time in the Chinese README's table
    edit(guide, "-->4.6 min<!--", "-->4.5 min<!--")  # #05's, quoted in a sentence
    edited = {path: path.read_text(encoding="utf-8") for path in (readme, guide)}

    assert series.out_of_date(root) == [
        "README.zh-CN.md: <!-- series-table:lessons -->",
        "TEACHING.md: <!-- series-time:05_Ensemble_Learning -->",
    ]
    assert series.main(["--check"]) == 1
    printed = capsys.readouterr().out
    assert "out of date: README.zh-CN.md: <!-- series-table:lessons -->" in printed
    assert "out of date: TEACHING.md: <!-- series-time:05_Ensemble_Learning -->" in printed
    assert {path: path.read_text(encoding="utf-8") for path in edited} == edited  # unchanged

    assert series.main([]) == 0
    assert {path: path.read_text(encoding="utf-8") for path in original} == original
    assert series.main(["--check"]) == 0
    assert "Every notebook table is current." in capsys.readouterr().out


def test_only_what_is_between_the_markers_changes(tmp_path):
    root = copy_project(tmp_path)
    readme = root / "README.md"
    edit(readme, "[TensorFlow Tutorials]", "[TensorFlow tutorials]")  # prose: the author's
    edited = edit(readme, "| 45 min |", "| 40 min |")  # a table: generated
    assert series.write(root) == [readme]
    written = readme.read_text(encoding="utf-8")
    assert series.prose(written) == series.prose(edited)
    assert "[TensorFlow tutorials]" in written and "| 45 min |" in written
    assert series.write(root) == []  # nothing left to write


def test_the_tables_follow_the_measured_run_times(tmp_path):
    root = copy_project(tmp_path)
    edit(
        root / series.RUN_TIMES,
        '"02_Convolutional_Neural_Network": 181.1',
        '"02_Convolutional_Neural_Network": 200.0',
    )
    assert series.out_of_date(root) == [
        "README.md: <!-- series-table:lessons -->",
        "README.zh-CN.md: <!-- series-table:lessons -->",
        "TEACHING.md: <!-- series-table:run-times -->",
        "TEACHING.md: <!-- series-time:02_Convolutional_Neural_Network -->",
        "TEACHING.zh-CN.md: <!-- series-table:run-times -->",
        "TEACHING.zh-CN.md: <!-- series-time:02_Convolutional_Neural_Network -->",
    ]
    series.write(root)
    row = "| [02 Convolutional Neural Network](notebooks/02_Convolutional_Neural_Network.ipynb) |"
    short = series.run_time(series.read_run_times(root / series.RUN_TIMES)["short_runs"][NAME_02])
    assert f"{row} 3.3 min | {short} | 2.4 min |" in (root / "TEACHING.md").read_text("utf-8")
    row_03 = "| [03 Keras API](notebooks/03_Keras_API.ipynb) |"  # no short run: an empty cell
    assert f"{row_03} 2.1 min | | 83 s |" in (root / "TEACHING.md").read_text("utf-8")


NAME_02 = "02_Convolutional_Neural_Network"


def test_run_times_are_formatted_as_the_setup_check_prints_them():
    import setup_check

    for seconds in (8.5, 82.6, 89.4, 90.0, 181.1):
        assert series.run_time(seconds) == setup_check.duration(seconds)
    assert series.run_time(82.6) == "83 s" and series.run_time(181.1) == "3.0 min"


def test_the_chinese_files_give_run_times_in_chinese_units():
    assert series.run_time(82.6, "zh") == "83 秒" and series.run_time(181.1, "zh") == "3.0 分钟"
    for name in ("README.zh-CN.md", "TEACHING.zh-CN.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        generated = [text[r.start : r.end] for r in series.regions(text, name)]
        english_units = [t for t in generated if re.search(r"\d (?:s|min)(?!\w)", t)]
        assert generated and english_units == [], f"{name}: a run time in English units"


def test_the_chinese_table_marks_the_records_of_full_runs_as_english():
    ensemble = next(n for n in NOTEBOOKS if n.number == "05")  # a lesson's and its solutions'
    chinese, english = (series.full_run_cell(ensemble, language) for language in ("zh", "en"))
    assert chinese.count("](notebooks/full_runs/") == chinese.count(")（英文）") == 2
    assert "英文" not in english


def test_a_file_without_its_markers_is_a_clear_error_and_nothing_is_written(
    tmp_path, monkeypatch, capsys
):
    root = copy_project(tmp_path)
    monkeypatch.setattr(series, "ROOT", root)
    stale = edit(root / "TEACHING.md", "| 12 s |", "| 13 s |")  # would be written, but for:
    readme = root / "README.md"
    edit(readme, "<!-- series-table:lessons -->\n", "")
    edit(readme, "<!-- /series-table:lessons -->\n", "")
    wanted = "README.md has no marker <!-- series-table:lessons -->: add the line"
    with pytest.raises(series.SeriesError, match=re.escape(wanted)):
        series.write(root)
    assert series.main([]) == 1
    assert f"error: {wanted}" in capsys.readouterr().err
    assert (root / "TEACHING.md").read_text(encoding="utf-8") == stale  # whole or nothing


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x <!-- series-time:01_A -->12 s", "<!-- series-time:01_A --> has no <!-- /series-time:01_A --> after it"),
        ("x 12 s<!-- /series-time:01_A -->", "<!-- /series-time:01_A --> has no <!-- series-time:01_A --> before it"),
        ("x <!-- series-time:01_A -->1<!-- /series-time:02_B -->", "<!-- /series-time:02_B --> where <!-- /series-time:01_A --> was expected"),
        ("<!-- series-table:lessons -->\nx <!-- series-time:01_A -->1<!-- /series-time:01_A -->\n<!-- /series-table:lessons -->",
         "<!-- series-time:01_A --> inside <!-- series-table:lessons -->"),
    ],
)  # fmt: skip
def test_markers_must_come_in_pairs_and_not_nested(text, message):
    with pytest.raises(series.SeriesError, match=re.escape(f"F.md: {message}")):
        series.regions(text, "F.md")


TABLE = "<!-- series-table:run-times -->\n\n| a |\n\n<!-- /series-table:run-times -->\n"
ONE = "series-time:01_Simple_Linear_Model"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TABLE + TABLE, "the table <!-- series-table:run-times --> is there twice"),
        ("text " + TABLE, "the markers of <!-- series-table:run-times --> must each be on a line of their own"),
        (TABLE + f"<!-- {ONE} -->12 s<!-- /{ONE} -->\n", f"<!-- {ONE} --> must stand within a line, after some text"),
        (TABLE + f"takes <!-- {ONE} -->12\ns<!-- /{ONE} -->\n", f"<!-- {ONE} --> must stand within a line"),
        (TABLE + "takes <!-- series-time:99_Missing -->1 s<!-- /series-time:99_Missing -->\n",
         "data/run_times.json has no run time for 99_Missing: measure it"),
        (TABLE + "a <!-- series-accuracy:02 -->98.7 %<!-- /series-accuracy:02 -->\n",
         "unknown marker <!-- series-accuracy:02 -->"),
    ],
)  # fmt: skip
def test_markers_out_of_place_or_unknown_are_refused(tmp_path, text, message):
    root = copy_project(tmp_path)
    (root / "TEACHING.md").write_text(text, encoding="utf-8")
    with pytest.raises(series.SeriesError, match=re.escape(f"TEACHING.md: {message}")):
        series.out_of_date(root)


def quoted_run_times(text: str, run_times: dict) -> list[str]:
    """The measured run times (formatted as the tables show them, or in Chinese units) that
    `text` quotes outside its generated parts."""
    measured = {series.run_time(seconds) for seconds in run_times["notebooks"].values()}
    measured |= {t.replace(" min", " 分钟").replace(" s", " 秒") for t in measured}
    return [d for d in DURATION.findall(series.prose(text)) if d in measured]


@pytest.mark.parametrize("name", list(series.DOCUMENTS))
def test_no_run_time_is_typed_by_hand_in_the_prose(name):
    run_times = series.read_run_times(ROOT / series.RUN_TIMES)
    assert quoted_run_times((ROOT / name).read_text(encoding="utf-8"), run_times) == [], (
        f"{name} quotes a measured run time by hand: put it between markers, "
        "<!-- series-time:NN_Title -->...<!-- /series-time:NN_Title --> (scripts/series.py)"
    )


def test_quoted_run_times_finds_a_run_time_outside_the_markers_only():
    run_times = {"notebooks": {"05_Ensemble_Learning": 278.1, "01_Simple_Linear_Model": 11.8}}
    generated = "takes <!-- series-time:05_Ensemble_Learning -->4.6 min<!-- /series-time:05_Ensemble_Learning -->"
    assert quoted_run_times(generated, run_times) == []
    assert quoted_run_times("it runs 4.6 min, the suite 25 s", run_times) == ["4.6 min"]
    assert quoted_run_times("它要运行 12 秒（共 4.6 分钟）", run_times) == ["12 秒", "4.6 分钟"]


# --- the list ------------------------------------------------------------------------------------


def test_every_notebook_is_in_the_list_once_and_every_file_it_names_exists():
    lessons = [n.file for n in NOTEBOOKS]
    assert sorted(lessons) == [p.name for p in nb.lessons()], "notebooks/NN_*.ipynb"
    assert len(set(lessons)) == len(lessons)
    solutions = [n.solutions.file for n in NOTEBOOKS if n.solutions]
    assert sorted(solutions) == [p.name for p in nb.lessons(nb.SOLUTIONS_DIR)]
    records = [run.file for n in NOTEBOOKS for run in n.records()]
    assert sorted(records) == [p.name for p in nb.lessons(nb.RECORDS_DIR)]
    for notebook in NOTEBOOKS:
        paths = [nb.NOTEBOOKS_DIR / notebook.file, nb.CHINESE_DIR / notebook.file]
        if notebook.solutions:
            paths += [nb.SOLUTIONS_DIR / notebook.solutions.file]
            paths += [nb.CHINESE_DIR / "solutions" / notebook.solutions.file]
        paths += [nb.RECORDS_DIR / run.file for run in notebook.records()]
        assert [p for p in paths if not p.exists()] == [], notebook.number


def test_the_setup_check_is_the_only_entry_that_is_no_lesson_and_it_comes_first():
    assert [n.file for n in NOTEBOOKS if not n.lesson] == [nb.SETUP_CHECK.name]
    assert NOTEBOOKS[0].file == nb.SETUP_CHECK.name
    assert all(n.solutions for n in NOTEBOOKS if n.lesson), "every lesson has worked solutions"


def test_every_prerequisite_comes_earlier_in_the_list():
    assert series.order_problems(NOTEBOOKS) == []
    first, second, *rest = NOTEBOOKS[1:]  # 01, then 02, which needs 01
    assert "01" in second.prerequisites
    assert series.order_problems([second, first, *rest]) == ["02 needs 01, which comes after it"]
    unknown = dataclasses.replace(first, prerequisites=("07",))
    assert series.order_problems([unknown, second]) == ["01 needs 07, which is not in the list"]
    twice = dataclasses.replace(second, number="01")
    assert series.order_problems([first, twice]) == ["the number 01 is named twice"]


def summary_problems(notebook) -> list[str]:
    """What is wrong with a notebook's title and summary: a language that is not itself, a summary
    that is not one short line."""
    problems = []
    if CJK.search(notebook.title.en + notebook.summary.en):
        problems.append("the English title or summary has Chinese characters")
    if not CJK.search(notebook.summary.zh):
        problems.append("the Chinese summary has no Chinese")
    for language, limit in (("en", 150), ("zh", 100)):
        text = notebook.summary.of(language)
        if "\n" in text or len(text) > limit:
            problems.append(f"the {language} summary is not one line of at most {limit} characters")
    return problems


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda n: n.number)
def test_every_entry_has_a_short_summary_in_english_and_in_chinese(notebook):
    assert summary_problems(notebook) == []


def test_summary_problems_rejects_a_wrong_language_and_a_long_summary():
    notebook = NOTEBOOKS[1]
    swapped = series.Text(en="卷积", zh="convolution")
    assert summary_problems(dataclasses.replace(notebook, summary=swapped)) == [
        "the English title or summary has Chinese characters",
        "the Chinese summary has no Chinese",
    ]
    long = series.Text(en="word " * 40, zh=notebook.summary.zh)
    assert summary_problems(dataclasses.replace(notebook, summary=long)) == [
        "the en summary is not one line of at most 150 characters"
    ]


def test_study_times_read_as_hours_and_minutes():
    assert [series.study_time(m, "en") for m in (45, 60, 75, 120)] == [
        "45 min",
        "1 h",
        "1 h 15 min",
        "2 h",
    ]
    assert series.study_time(75, "zh") == "1 小时 15 分钟"


ENTRY = """
[[notebook]]
number = "01"
file = "01_A.ipynb"
title = { en = "A", zh = "甲" }
summary = { en = "a", zh = "甲" }
prerequisites = []
optional = false
study_minutes = 30
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("summary = ", "sumary = "), "notebook 1: lacks summary; has unknown key(s) sumary"),
        (('zh = "甲" }\nprereq', 'de = "A" }\nprereq'), "notebook 1 (01), summary: lacks zh; has unknown key(s) de"),
        (("study_minutes = 30", 'study_minutes = "30"'), "study_minutes must be a whole number above 0"),
        (("optional = false", 'optional = "no"'), "optional: expected a bool"),
        (("prerequisites = []", 'prerequisites = ["02"]'), "01 needs 02, which is not in the list"),
        (("[[notebook]]", "[notebook]"), "notebook 1: expected a table"),
    ],
)  # fmt: skip
def test_the_list_is_refused_with_what_is_wrong_and_where(tmp_path, change, message):
    path = tmp_path / "series.toml"
    path.write_text(ENTRY, encoding="utf-8")
    assert [n.file for n in series.read_series(path)] == ["01_A.ipynb"]
    path.write_text(ENTRY.replace(*change), encoding="utf-8")
    with pytest.raises(series.SeriesError, match=re.escape(message)):
        series.read_series(path)


# --- the checked exercises' times and the short runs, quoted in the guides -----------------------

measure = load_script("scripts/measure_run_times.py")


def edit_run_times(root: Path, change) -> None:
    """Change data/run_times.json of the copied project with `change(record)`."""
    path = root / series.RUN_TIMES
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def test_the_guides_quote_the_checked_exercises_times_as_measured(tmp_path):
    run_times = series.read_run_times(ROOT / series.RUN_TIMES)
    assert set(run_times[series.EXERCISES]) == {
        p.stem for p in nb.lessons() if p != nb.SETUP_CHECK
    }, "every lesson's checked exercises timed: python scripts/measure_run_times.py --exercises"
    root = copy_project(tmp_path)
    edit_run_times(root, lambda r: r[series.EXERCISES].update({"03_Keras_API": 2.4}))
    assert series.out_of_date(root) == [
        "TEACHING.md: <!-- series-exercises:03_Keras_API -->",
        "TEACHING.zh-CN.md: <!-- series-exercises:03_Keras_API -->",
    ]
    series.write(root)
    marker = "<!-- series-exercises:03_Keras_API -->"
    assert f"{marker}2 s<!--" in (root / "TEACHING.md").read_text("utf-8")
    assert f"{marker}2 秒<!--" in (root / "TEACHING.zh-CN.md").read_text("utf-8")


def test_a_checked_exercises_time_below_a_second_reads_under_1_s():
    assert series.exercise_time(0.13) == "under 1 s"
    assert series.exercise_time(0.13, "zh") == "不到 1 秒"
    assert series.exercise_time(1.4) == "1 s" and series.exercise_time(95.0) == "1.6 min"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("exercises"), "data/run_times.json has no checked exercises' times (\"exercises\"): measure them with python scripts/measure_run_times.py --exercises"),
        (lambda r: r.update(exercises=[0.1, 0.2]), "data/run_times.json: \"exercises\" should map each lesson to seconds, found [0.1, 0.2]"),
        (lambda r: r["exercises"].pop("03_Keras_API"), "data/run_times.json has no checked exercises' time for 03_Keras_API: measure them"),
        (lambda r: r["exercises"].update({"03_Keras_API": "fast"}), "the checked exercises' time for 03_Keras_API is 'fast', not seconds"),
        (lambda r: r["exercises"].update({"03_Keras_API": True}), "the checked exercises' time for 03_Keras_API is True, not seconds"),
        (lambda r: r["short_runs"].pop("12_Adversarial_Noise"), "data/run_times.json has no short run's time for 12_Adversarial_Noise: measure it with scripts/measure_run_times.py --short"),
    ],
)  # fmt: skip
def test_a_missing_or_malformed_time_is_a_clear_error(
    tmp_path, monkeypatch, capsys, change, message
):
    root = copy_project(tmp_path)
    monkeypatch.setattr(series, "ROOT", root)
    edit_run_times(root, change)
    with pytest.raises(series.SeriesError, match=re.escape(message)):
        series.out_of_date(root)
    assert series.main(["--check"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_run_times_that_are_not_json_are_a_clear_error(tmp_path, monkeypatch, capsys):
    root = copy_project(tmp_path)
    monkeypatch.setattr(series, "ROOT", root)
    (root / series.RUN_TIMES).write_text('{"notebooks": ', encoding="utf-8")
    assert series.main([]) == 1
    assert capsys.readouterr().err.startswith("error: data/run_times.json is not valid JSON (")


def test_the_short_run_marker_quotes_the_short_runs(tmp_path):
    root = copy_project(tmp_path)
    edit_run_times(root, lambda r: r["short_runs"].update({"12_Adversarial_Noise": 100.0}))
    assert "TEACHING.md: <!-- series-short:12_Adversarial_Noise -->" in series.out_of_date(root)
    series.write(root)
    marker = "<!-- series-short:12_Adversarial_Noise -->"
    assert f"{marker}1.7 min<!--" in (root / "TEACHING.md").read_text("utf-8")


# The measurement of the checked exercises (scripts/measure_run_times.py --exercises); timing them
# runs TensorFlow, so it is run by hand, not here: these are its refusals.

SOLUTIONS = Path("notebooks/solutions/02_Convolutional_Neural_Network_Solutions.ipynb")
CORRECT = "✔ Correct.\n"


def test_the_section_must_end_as_the_worked_solutions_store_it():
    why = "✔ Correct.\nWhy: 25 weights.\n"
    reworded = "✔ Correct.\nWhy: 5 × 5 weights.\n"
    assert measure.section_problems(SOLUTIONS, ["", CORRECT, why], ["", CORRECT, reworded]) == []
    wrong = "✘ Not yet: the shape is (1, 14). (ex.flatten.hint() gives a hint.)\n"
    printed = wrong.strip()[:80]
    assert measure.section_problems(SOLUTIONS, ["", wrong], ["", CORRECT]) == [
        f"{SOLUTIONS}, checked-exercise cell 2: printed {printed!r}, stored {CORRECT.strip()!r}"
    ]
    blank = "○ Not attempted yet: replace ____ with your answer, run that cell, then this one.\n"
    assert measure.section_problems(SOLUTIONS, [blank], [blank]) == [
        f"{SOLUTIONS}, checked-exercise cell 1: not answered correctly ({blank.strip()[:80]!r})"
    ]
    assert measure.section_problems(SOLUTIONS, ["NameError: name 'tf' is not defined\n"], [""])
    assert measure.section_problems(SOLUTIONS, [], []) == [f"{SOLUTIONS} has no checked exercises' cells"]  # fmt: skip
    assert measure.section_problems(SOLUTIONS, [""], ["", ""]) == [
        f"{SOLUTIONS}: 1 checked-exercise cells ran, 2 stored"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "data/run_times.json cannot be read"),
        ("{not json", "data/run_times.json cannot be read"),
        ('{"notebooks": {}}', "data/run_times.json has no step time (seconds_per_100_steps) to scale by"),
        ('{"seconds_per_100_steps": "fast"}', "data/run_times.json has no step time"),
        ("[1.0]", "data/run_times.json has no step time"),
    ],
)  # fmt: skip
def test_measuring_the_exercises_refuses_a_bad_record_in_one_line(
    tmp_path, monkeypatch, capsys, content, message
):
    output = tmp_path / "data" / "run_times.json"
    output.parent.mkdir()
    if content is not None:
        output.write_text(content, encoding="utf-8")
    monkeypatch.setattr(measure, "OUTPUT", output)
    monkeypatch.setattr(measure, "shown", lambda path: "data/run_times.json")
    monkeypatch.setattr(measure, "step_time", lambda: pytest.fail("measured despite the error"))
    assert measure.main(["--exercises"]) == 1
    printed = capsys.readouterr()
    assert printed.err.startswith(f"error: {message}") and printed.err.count("\n") == 1
    assert "Traceback" not in printed.err and printed.out == ""


def test_measuring_the_exercises_is_a_mode_of_its_own(capsys):
    with pytest.raises(SystemExit) as stopped:
        measure.main(["--exercises", "--short"])
    assert stopped.value.code == 2
    assert "--exercises measures the checked exercises alone" in capsys.readouterr().err


def test_a_lesson_with_checked_exercises_needs_worked_solutions(tmp_path, monkeypatch):
    lesson = nb.read(nb.NOTEBOOKS_DIR / "13_Visual_Analysis.ipynb")
    folder = tmp_path / "notebooks"
    (folder / "solutions").mkdir(parents=True)
    nb.write(folder / "13_Visual_Analysis.ipynb", lesson)
    monkeypatch.setattr(measure.nb, "lessons", lambda: [folder / "13_Visual_Analysis.ipynb"])
    monkeypatch.setattr(measure.nb, "SOLUTIONS_DIR", folder / "solutions")
    with pytest.raises(measure.MeasureError, match="has checked exercises but no worked solutions"):
        measure.exercise_lessons()
