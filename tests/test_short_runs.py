"""The long lessons' short-run mode (tutorial_checks/short_run.py): one visible setting near the top,
said in the text, and with it switched on each lesson runs to its end."""

from __future__ import annotations

import pytest

from tutorial_checks import exercise_cells
from tutorial_checks import notebooks as nb
from tutorial_checks.short_run import LESSONS, SHORT, ShortRunError, setting_cell, short_version

PATHS = [nb.NOTEBOOKS_DIR / f"{name}.ipynb" for name in LESSONS]
TWINS = [nb.CHINESE_DIR / f"{name}.ipynb" for name in LESSONS]


@pytest.mark.parametrize(
    "path", PATHS + TWINS, ids=lambda p: p.relative_to(nb.NOTEBOOKS_DIR).as_posix()
)
def test_each_long_lesson_has_its_setting_near_the_top_explained_just_above(path):
    notebook = nb.read(path)
    position = setting_cell(notebook)
    above = notebook["cells"][position - 1]
    assert above["cell_type"] == "markdown" and "`QUICK`" in nb.source(above).replace(" = True", "")
    short = short_version(notebook)
    changed = [i for i, (a, b) in enumerate(zip(notebook["cells"], short["cells"])) if a != b]
    assert changed == [position] and SHORT in nb.source(short["cells"][position])


def test_a_notebook_without_the_setting_or_with_it_twice_or_far_down_is_refused():
    def notebook(*sources: str) -> dict:
        cells = [
            {"cell_type": "code", "source": [s], "metadata": {}, "outputs": []} for s in sources
        ]
        return {"cells": cells}

    with pytest.raises(ShortRunError, match="found 0"):
        short_version(notebook("x = 1"))
    with pytest.raises(ShortRunError, match="found 2"):
        short_version(notebook("QUICK = False", "QUICK = False"))
    with pytest.raises(ShortRunError, match="near the top"):
        short_version(notebook(*["x = 1"] * 20, "QUICK = False"))
    with pytest.raises(ShortRunError):
        short_version(notebook("QUICK = False  # a comment on the line hides it from a reader"))


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_the_short_run_runs_to_the_end(path, tmp_path):
    # Without the checked exercises, which need no training and run in the full suite anyway.
    notebook = short_version(nb.read(path))
    notebook["cells"] = [c for c in notebook["cells"] if not exercise_cells.is_exercise(c)]
    ran = nb.execute(notebook, tmp_path, timeout=600)  # raises, naming the cell, if one fails
    outputs = [o for cell in ran["cells"] for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    if path.stem == "02_Convolutional_Neural_Network":
        assert "     1,900 " in "".join(nb.output_text(c.get("outputs", [])) for c in ran["cells"])
