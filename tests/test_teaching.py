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
