"""TEACHING.md and its Chinese twin: every run time they quote is written by scripts/series.py
from the measured ones (data/run_times.json; tests/test_series.py checks that they are current),
none is typed by hand, and the twin has the English guide's structure."""

from __future__ import annotations

import re

import pytest

from script_modules import load_script
from tutorial_checks import ROOT
from tutorial_checks import markdown as md

series = load_script("scripts/series.py")
GUIDES = {"en": ROOT / "TEACHING.md", "zh": ROOT / "TEACHING.zh-CN.md"}
# A time as the guides would quote one: "12 s", "3.0 min", "1.03 秒", "9 分钟".
DURATION = re.compile(r"(?<![\d.])\d+(?:\.\d+)? ?(?:s|min|秒|分钟)(?!\w)")


def typed_times(text: str) -> list[str]:
    """The times that `text` quotes outside what scripts/series.py writes between its markers."""
    return DURATION.findall(series.prose(text))


@pytest.mark.parametrize("language", GUIDES)
def test_every_time_the_guide_quotes_is_written_from_the_measurements(language):
    text = GUIDES[language].read_text(encoding="utf-8")
    assert typed_times(text) == [], (
        "a time typed by hand: put it between markers (scripts/series.py), e.g. "
        "<!-- series-time:NN_Title -->...<!-- /series-time:NN_Title -->"
    )
    markers = {region.marker for region in series.regions(text, GUIDES[language].name)}
    assert {"series-table:run-times", "series-value:seconds-per-100-steps"} <= markers


def test_typed_times_finds_a_time_outside_the_markers_only():
    generated = "(<!-- series-time:05_Ensemble_Learning -->4.6 min<!-- /series-time:05_Ensemble_Learning --> in all)"  # fmt: skip
    assert typed_times(generated) == []
    assert typed_times("they run 3.0 min and 4.6 min, in 3 hours") == ["3.0 min", "4.6 min"]
    assert typed_times("训练 100 步用了 1.03 秒，共 9 分钟") == ["1.03 秒", "9 分钟"]


def test_the_chinese_guide_has_the_english_guides_sections_code_and_quoted_times():
    english, chinese = (GUIDES[k].read_text(encoding="utf-8") for k in ("en", "zh"))

    def outline(text: str) -> list[str]:
        return ["#" * heading.level for heading in md.headings(text)]

    def commands(text: str) -> list[str]:
        blocks = [block.content for block in md.code_blocks(text) if block.info == "bash"]
        return [line.split("#")[0].rstrip() for block in blocks for line in block.splitlines()]

    def quoted(text: str, name: str) -> list[str]:
        return [region.marker for region in series.regions(text, name)]

    assert outline(chinese) == outline(english)
    assert commands(chinese) == commands(english)
    # The same run times at the same places: the plans quote them in the same order.
    assert quoted(chinese, GUIDES["zh"].name) == quoted(english, GUIDES["en"].name)


# --- the two plans and the checked exercises they give -------------------------------------------

# The checked exercises a plan block gives, as the guides write them: the lesson, a colon, then the
# exercises' names as code spans, "#02: `conv_layer`, `flatten`" (in Chinese "#02：`conv_layer`、
# `flatten`").
GIVEN = re.compile(r"#(\d\d(?:-B)?)[:：]\s*(`\w+`(?:(?:,\s*|、\s*)`\w+`)*)")
NUMBERS = {notebook.number: notebook.name for notebook in series.read_series(ROOT / series.SERIES)}
# The plans' sections, by their place among the guides' "##" sections (the Chinese guide has the
# English one's outline: the test above), found by the English headings.
PLANS = {"three_hours": "A 3-hour session", "full_day": "A full day"}


def given_exercises(text: str) -> list[tuple[str, str]]:
    """The (lesson, exercise name) pairs that `text` gives, in its order."""
    flat = " ".join(text.split())
    return [
        (lesson, name)
        for match in GIVEN.finditer(flat)
        for lesson, name in [(match[1], n) for n in re.findall(r"`(\w+)`", match[2])]
    ]


def unknown_exercises(given: list[tuple[str, str]]) -> list[str]:
    """The pairs that name no checked exercise of that lesson (exercises/lesson_*.py), as
    "#02 made_up"."""
    import importlib

    import exercises

    unknown = []
    for lesson, name in given:
        module = exercises.LESSONS.get(lesson)
        names = (
            {e.name for e in importlib.import_module(f"exercises.{module}").EXERCISES}
            if module
            else set()
        )
        if name not in names:
            unknown.append(f"#{lesson} {name}")
    return unknown


def sections(text: str) -> list[str]:
    """The text of each "##" section, from its heading to the next one."""
    lines = text.splitlines(keepends=True)
    starts = [h.line - 1 for h in md.headings(text) if h.level == 2]
    return ["".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def plan(language: str, which: str) -> str:
    english = sections(GUIDES["en"].read_text(encoding="utf-8"))
    position = next(i for i, s in enumerate(english) if s.startswith(f"## {PLANS[which]}\n"))
    return sections(GUIDES[language].read_text(encoding="utf-8"))[position]


def markers_in(text: str) -> set[str]:
    return {region.marker for region in series.regions(text, "plan")}


@pytest.mark.parametrize("language", GUIDES)
def test_every_checked_exercise_the_guide_gives_exists(language):
    given = given_exercises(GUIDES[language].read_text(encoding="utf-8"))
    assert len(given) > 20, "the plans give the checked exercises as #NN: `name`, `name`"
    assert unknown_exercises(given) == []


def test_the_chinese_guide_gives_the_same_checked_exercises():
    english, chinese = (given_exercises(g.read_text(encoding="utf-8")) for g in GUIDES.values())
    assert chinese == english


def test_unknown_exercises_rejects_a_made_up_name_and_a_name_of_another_lesson():
    assert unknown_exercises(given_exercises("#02: `conv_output_size`, `flatten`.")) == []
    assert unknown_exercises(given_exercises("#02: `conv_output_size`,\n  `made_up`")) == [
        "#02 made_up"
    ]
    assert unknown_exercises(given_exercises("#01: `conv_layer` (a lesson's name)")) == [
        "#01 conv_layer"
    ]
    assert unknown_exercises(given_exercises("#07: `softmax`")) == ["#07 softmax"]
    assert given_exercises("#13-B：`conv_maps`、`made_up`（共") == [
        ("13-B", "conv_maps"),
        ("13-B", "made_up"),
    ]
    assert given_exercises("#12 (`helpers.Trainer`), #02: exercises 3 and 4") == []


@pytest.mark.parametrize("language", GUIDES)
@pytest.mark.parametrize("which", PLANS)
def test_each_plan_gives_checked_exercises_and_quotes_their_measured_time(language, which):
    text = plan(language, which)
    lessons = {lesson for lesson, _ in given_exercises(text)}
    assert {"01", "02", "02-B"} <= lessons
    quoted = markers_in(text)
    missing = [n for n in sorted(lessons) if f"series-exercises:{NUMBERS[n]}" not in quoted]
    assert missing == [], "a lesson whose checked exercises a plan gives, without their time"
    runs = [n for n in sorted(lessons) if f"series-time:{NUMBERS[n]}" not in quoted]
    assert runs == [], "a lesson the plan runs, without its run time"


@pytest.mark.parametrize("language", GUIDES)
def test_the_full_day_runs_12_and_13b_with_their_checked_exercises(language):
    text = plan(language, "full_day")
    assert {"12", "13-B"} <= {lesson for lesson, _ in given_exercises(text)}
    for name in (NUMBERS["12"], NUMBERS["13-B"]):
        assert {f"series-time:{name}", f"series-exercises:{name}"} <= markers_in(text)
    assert f"series-short:{NUMBERS['12']}" in markers_in(text)  # a slow laptop's short run


@pytest.mark.parametrize("language", GUIDES)
def test_every_marker_of_the_guide_is_filled(language):
    text = GUIDES[language].read_text(encoding="utf-8")
    found = series.regions(text, GUIDES[language].name)
    empty = [r.marker for r in found if not text[r.start : r.end].strip()]
    assert found and empty == []
    kinds = {region.marker.partition(":")[0] for region in found}
    assert {"series-time", "series-short", "series-exercises"} <= kinds
    assert series.out_of_date(ROOT) == []  # and each as scripts/series.py writes it
