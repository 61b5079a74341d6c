"""The checked exercises' cells in a notebook: finding them, running them, and what their Chinese
twins may differ in.

A lesson's checked exercises (the package `exercises`) sit in cells tagged `exercise-setup` (one:
the imports and `ex = lesson("NN")`) and `exercise` (the learner's cells and the checks). They need
nothing from the rest of the notebook, so they also run on their own: `run_section` executes them
in order in one namespace, as a kernel would, and gives what each printed. The Chinese twin's
set-up asks for Chinese messages (`lesson("NN", language="zh")`): the one line of code in which a
twin differs, and the reason its exercise cells print other text than the English ones.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import traceback
from pathlib import Path

from tutorial_checks.notebooks import read, source

SETUP_TAG = "exercise-setup"
EXERCISE_TAG = "exercise"
# The twin's set-up line and the English one: lesson("01", language="zh") <-> lesson("01").
_CHINESE_SETUP = re.compile(r'lesson\(("[^"]+"), language="zh"\)')
_ENGLISH_SETUP = re.compile(r'lesson\(("[^"]+")\)')


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def is_exercise(cell: dict) -> bool:
    """Whether a cell belongs to the checked exercises."""
    return cell["cell_type"] == "code" and bool({SETUP_TAG, EXERCISE_TAG} & set(tags(cell)))


def exercise_cells(notebook: dict) -> list[int]:
    """The positions of the checked exercises' code cells, set-up first."""
    return [i for i, cell in enumerate(notebook["cells"]) if is_exercise(cell)]


def in_english(code: str) -> str:
    """A twin's code with its set-up line as the English notebook has it."""
    return _CHINESE_SETUP.sub(r"lesson(\1)", code)


def in_chinese(code: str) -> str:
    """An English set-up line as the Chinese twin has it."""
    return _ENGLISH_SETUP.sub(r'lesson(\1, language="zh")', code)


def lesson_number(notebook: dict) -> str | None:
    """The lesson whose exercises a notebook's set-up cell asks for ("01", "02-B"), if any."""
    for i in exercise_cells(notebook):
        found = re.search(r'lesson\("([^"]+)"', source(notebook["cells"][i]))
        if found:
            return found[1]
    return None


def translations(number: str) -> dict[str, str]:
    """What a lesson's checks print in English -> the same in Chinese, for the two outcomes a
    stored output shows: not attempted (the lessons) and correct (the worked solutions)."""
    import importlib

    import exercises
    from exercises.core import PREFIX, Kind

    module = importlib.import_module(f"exercises.{exercises.LESSONS[number]}")
    pairs = {PREFIX[Kind.NOT_ATTEMPTED]("en"): PREFIX[Kind.NOT_ATTEMPTED]("zh"), "": ""}
    for exercise in module.EXERCISES:
        pairs[exercise.correct_message("en")] = exercise.correct_message("zh")
    return {
        english + "\n" * bool(english): chinese + "\n" * bool(chinese)
        for english, chinese in pairs.items()
    }


def _run_cell(code: str, namespace: dict) -> str:
    """Execute one cell as a kernel would (its last expression's value shown if not None) and
    return what it printed; an exception is shown as its name and message, as nbval reads it."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        try:
            tree = ast.parse(code)
            last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            body = tree.body[:-1] if last is not None else tree.body
            exec(compile(ast.Module(body, []), "<cell>", "exec"), namespace)  # noqa: S102
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
                if value is not None:
                    print(repr(value))
        except Exception as error:  # noqa: BLE001  (shown as the cell's error, as Jupyter does)
            frame = traceback.format_exception_only(error)[-1].strip()
            print(frame)
    return output.getvalue()


def run_section(notebook: dict | str | Path) -> list[str]:
    """What each checked-exercise cell prints when the section runs on its own, top to bottom."""
    if not isinstance(notebook, dict):
        notebook = read(Path(notebook))
    import helpers  # noqa: F401  (TensorFlow's environment, as a notebook's first cell sets it)

    namespace: dict = {"__name__": "__main__"}
    return [_run_cell(source(notebook["cells"][i]), namespace) for i in exercise_cells(notebook)]


def stream(text: str) -> list[dict]:
    """A cell's outputs for printed text, as Jupyter stores them."""
    if not text:
        return []
    return [{"name": "stdout", "output_type": "stream", "text": text.splitlines(True)}]
