"""The long lessons' short-run mode: one setting, `QUICK = False`, near the top of the notebook;
`QUICK = True` trains a fraction of the iterations, for a slow laptop or a workshop.

`short_version` gives the notebook with the setting switched on, which the tests execute to the
end and scripts/measure_run_times.py times; TEACHING.md and the setup check recommend it.
"""

from __future__ import annotations

import copy

from tutorial_checks.notebooks import source

LESSONS = (
    "02_Convolutional_Neural_Network",
    "04_Save_Restore",
    "05_Ensemble_Learning",
    "12_Adversarial_Noise",
)
SETTING = "QUICK = False"
SHORT = "QUICK = True"
NEAR_THE_TOP = 12  # cells: the setting sits right after the imports, where a reader sees it


class ShortRunError(ValueError):
    """A notebook without its one short-run setting near the top."""


def setting_cell(notebook: dict) -> int:
    """The position of the code cell that holds the setting, which must be one line, once."""
    found = [
        i
        for i, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "code" and SETTING in source(cell).splitlines()
    ]
    if len(found) != 1:
        raise ShortRunError(f"expected the line {SETTING!r} in one code cell, found {len(found)}")
    if found[0] >= NEAR_THE_TOP:
        raise ShortRunError(
            f"the setting is in cell {found[0]}: put it near the top, after the imports"
        )
    return found[0]


def short_version(notebook: dict) -> dict:
    """The notebook with the short run switched on (its outputs left as they are)."""
    short = copy.deepcopy(notebook)
    cell = short["cells"][setting_cell(short)]
    cell["source"] = source(cell).replace(SETTING, SHORT).splitlines(True)
    return short
