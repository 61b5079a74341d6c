"""TEACHING.md and its Chinese twin quote the measured run times (data/run_times.json) and no
others, and the twin has the English guide's structure."""

from __future__ import annotations

import re

import pytest

import setup_check
from tutorial_checks import ROOT

GUIDES = {"en": ROOT / "TEACHING.md", "zh": ROOT / "TEACHING.zh-CN.md"}
# A row of the run-time table: the notebook's link, its run time, its solutions' run time.
ROW = re.compile(
    r"^\| \[[^\]]+\]\((?:notebooks/(?:zh/)?)([0-9][0-9]_\w+)\.ipynb\) \| ([^|]+) \| ([^|]+) \|$"
)
DURATION = re.compile(r"(?<![\d.])\d+(?:\.\d+)? (?:s|min)\b")


def run_time_rows(text: str) -> dict[str, tuple[str, str]]:
    return {m[1]: (m[2].strip(), m[3].strip()) for m in map(ROW.match, text.splitlines()) if m}


@pytest.mark.parametrize("language", GUIDES)
def test_the_guides_run_times_are_the_measured_ones(language):
    text = GUIDES[language].read_text(encoding="utf-8")
    times = setup_check.run_times()["notebooks"]
    rows = run_time_rows(text)
    lessons = sorted(name for name in times if not name.endswith("_Solutions"))
    assert sorted(rows) == lessons, "one row per notebook with a measured run time"
    for name, (lesson, solutions) in rows.items():
        assert lesson == setup_check.duration(times[name]), name
        assert solutions == setup_check.duration(times[f"{name}_Solutions"]), name
    steps = f"{setup_check.run_times()['seconds_per_100_steps']:.2f}"
    assert steps in text, "the 100 steps' measured time"
    quoted = {value for row in rows.values() for value in row} | {f"{steps} s"}
    assert set(DURATION.findall(text)) <= quoted, "a time in the text that the table lacks"


def test_the_chinese_guide_has_the_english_guides_sections_and_code():
    english, chinese = (GUIDES[k].read_text(encoding="utf-8") for k in ("en", "zh"))

    def outline(text: str) -> list[str]:
        return [line.split(" ", 1)[0] for line in text.splitlines() if re.match(r"#{1,6} ", line)]

    def commands(text: str) -> list[str]:
        blocks = re.findall(r"```bash\n(.*?)```", text, re.DOTALL)
        return [line.split("#")[0].rstrip() for block in blocks for line in block.splitlines()]

    assert outline(chinese) == outline(english)
    assert commands(chinese) == commands(english)
    assert run_time_rows(chinese) == run_time_rows(english)


def test_the_row_pattern_rejects_a_changed_time():
    row = "| [01 Simple Linear Model](notebooks/01_Simple_Linear_Model.ipynb) | 12 s | 35 s |"
    assert run_time_rows(row) == {"01_Simple_Linear_Model": ("12 s", "35 s")}
    assert run_time_rows(row.replace("12 s", "13 s")) != run_time_rows(row)
