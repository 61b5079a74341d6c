"""Run a notebook whose experiment was cut to fit the test suite, with the full setting.

Notebook #05 trains each of its five networks for 5,000 iterations, half of the original's
10,000, so that the test suite (which executes every lesson) stays within its time budget; some
worked solutions (`notebooks/solutions/`) cut their training the same way. This script executes
the same notebook with the full setting and stores the executed copy, the *record* of the full
run, in `notebooks/full_runs/` (under the notebook's own file name). The notebook's section "The
full run" quotes the record's results. `tests/test_full_runs.py` checks that the record's code is
the notebook's with only that setting changed, and that every result the section quotes is in
the record's outputs; nbval does not execute records (that would cost the time the cut saves).

    python scripts/full_run.py 05_Ensemble_Learning.ipynb    # about 12 minutes on 2 CPU cores
    python scripts/full_run.py --check                       # records in step with the lessons?
    python scripts/full_run.py --text 05_Ensemble_Learning.ipynb  # the lesson's new prose only

Re-run it after changing a lesson's code; a changed setting line must be changed here too. After
changing only the lesson's prose, `--text` copies it into the record without running anything
(the record's code and outputs stay as its run left them).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

from tutorial_checks import markdown as md
from tutorial_checks import notebooks as nb
from tutorial_checks import shown
from tutorial_checks.notebooks import output_text, read, source

# Notebook file name (a lesson's, or a solution's NN_Title_Solutions.ipynb) -> (the setting's line
# as the notebook has it, the line of the full run).
FULL_SETTINGS = {
    "05_Ensemble_Learning.ipynb": (
        "num_iterations = 5_000  # Training iterations of each network (the original: 10,000).",
        "num_iterations = 10_000  # The full run: the original's setting.",
    ),
    "02_Convolutional_Neural_Network_Solutions.ipynb": (
        "num_iterations = 500  # Training of each network here; the full run (see the end) has 10,000.",
        "num_iterations = 10_000  # The full run: each network trained as long as in #02.",
    ),
    "05_Ensemble_Learning_Solutions.ipynb": (
        "num_iterations = 150  # Cut from the lesson's 5,000 to fit the test suite; the full run is below.",
        "num_iterations = 5_000  # The full run: the lesson's setting.",
    ),
    "04_Save_Restore_Solutions.ipynb": (
        "num_iterations, num_epochs = 1_000, 1  # Cut to fit the test suite; the full run: 20_000 and 30.",
        "num_iterations, num_epochs = 20_000, 30  # The full run (see its section at the end).",
    ),
    "03_Keras_API_Solutions.ipynb": (
        "epochs = 1  # Cut from 5 to fit the test suite; the full run is at the end.",
        "epochs = 5  # The full run: five epochs, as in the lesson's History section.",
    ),
}
SECTION = "## The full run"
# Results quoted in prose, as "98.93 %" or "39 images", and as the outputs print them.
QUOTED = re.compile(r"(\d+(?:\.\d+)?) ?(%)|(\d[\d,]*) (images)")


class FullRunError(Exception):
    """A lesson or record that does not fit what this script expects; the message says why."""


def notebook_path(name: str) -> Path:
    """Where the notebook `name` lives: a lesson in notebooks/, a solution in notebooks/solutions/."""
    folder = nb.SOLUTIONS_DIR if name.endswith("_Solutions.ipynb") else nb.NOTEBOOKS_DIR
    return folder / name


def record_of(lesson: dict, name: str) -> dict:
    """The notebook with the full setting, a note on top, and links fixed for the records' folder."""
    lesson_line, full_line = FULL_SETTINGS[name]
    record = copy.deepcopy(lesson)
    cells = [c for c in record["cells"] if c["cell_type"] == "code" and lesson_line in source(c)]
    if len(cells) != 1 or source(cells[0]).count(lesson_line) != 1:
        raise FullRunError(
            f"{name}: expected the line {lesson_line!r} once in one code cell, found it in "
            f"{len(cells)} cells. Update FULL_SETTINGS in {Path(__file__).name} to the lesson."
        )
    cells[0]["source"] = source(cells[0]).replace(lesson_line, full_line).splitlines(True)
    folder = notebook_path(name).parent.relative_to(nb.NOTEBOOKS_DIR).as_posix()
    for cell in record["cells"]:
        if cell["cell_type"] == "markdown" and folder == ".":
            # A lesson's record is one folder deeper; a solution's is as deep as the solution.
            text = md.rewrite_targets(source(cell), one_folder_deeper)
            cell["source"] = text.splitlines(True)
    link = f"../{name}" if folder == "." else f"../{folder}/{name}"
    note = {
        "cell_type": "markdown",
        "id": "full-run-note",
        "metadata": {},
        "source": (
            f"> **The record of a full run.** This is [{name}]({link}) executed top to bottom "
            f"by `scripts/full_run.py` with one line changed: `{full_line}` instead of "
            f"`{lesson_line}`. Read the lesson there; this copy keeps the outputs that its "
            f'section "The full run" quotes.'
        ).splitlines(True),
    }
    record["cells"].insert(0, note)
    return record


def one_folder_deeper(link: md.Link) -> str | None:
    """A relative target as a copy one folder deeper needs it: ../images -> ../../images,
    solutions/X -> ../solutions/X. Web addresses, the page's own headings (#...) and absolute
    paths stay as they are (None)."""
    if md.is_external(link.target) or link.target.startswith(("#", "/")):
        return None
    return f"../{link.target}"


def markdown_of(notebook: dict) -> list[str]:
    return [source(c) for c in notebook["cells"] if c["cell_type"] == "markdown"]


def code_of(notebook: dict) -> list[str]:
    return [source(c) for c in notebook["cells"] if c["cell_type"] == "code"]


def outputs_of(notebook: dict) -> str:
    """The text of all the code cells' outputs."""
    return "\n".join(output_text(c.get("outputs", [])) for c in notebook["cells"])


def quoted_results(lesson: dict) -> list[str]:
    """The results that the lesson's section "The full run" quotes, as outputs print them."""
    cells = [c for c in lesson["cells"] if source(c).startswith(SECTION)]
    if len(cells) != 1:
        raise FullRunError(f"expected one markdown cell that starts with {SECTION!r}")
    found = []
    for match in QUOTED.finditer(source(cells[0])):
        if match.group(2):
            found.append(f"{match.group(1)}%")
        else:
            found.append(f"{match.group(3)} images")
    return found


def problems(name: str) -> list[str]:
    """What is wrong with the record of `name`: out of step with the lesson, or misquoted."""
    lesson = read(notebook_path(name))
    path = nb.RECORDS_DIR / name
    if not path.exists():
        return [f"no record {shown(path)}: run python scripts/full_run.py {name}"]
    record = read(path)
    found = []
    if code_of(record) != code_of(record_of(lesson, name)):
        found.append(
            f"{shown(path)}: its code is not the lesson's with the full setting; "
            f"run python scripts/full_run.py {name}"
        )
    elif markdown_of(record) != markdown_of(record_of(lesson, name)):
        found.append(
            f"{shown(path)}: its text is not the lesson's; "
            f"run python scripts/full_run.py --text {name}"
        )
    outputs = outputs_of(record)
    for result in quoted_results(lesson):
        if result not in outputs:
            found.append(f"{name} quotes {result!r}, which the record's outputs do not show")
    return found


def run(name: str) -> None:
    lesson_path = notebook_path(name)
    if name not in FULL_SETTINGS or not lesson_path.exists():
        raise FullRunError(f"{name}: no full run of it is known; known: {sorted(FULL_SETTINGS)}")
    record = record_of(read(lesson_path), name)
    nb.RECORDS_DIR.mkdir(exist_ok=True)
    print(f"Executing {name} with {FULL_SETTINGS[name][1]!r} ...", flush=True)
    target = nb.RECORDS_DIR / name
    nb.write(
        target, nb.execute(record, nb.RECORDS_DIR)
    )  # A failed run leaves the old record as it was.
    print(f"Wrote {shown(target)}")


def refresh_text(name: str) -> None:
    """Give the record the lesson's markdown; its code and outputs stay as its run left them."""
    path = nb.RECORDS_DIR / name
    record, fresh = read(path), record_of(read(notebook_path(name)), name)
    kinds = [c["cell_type"] for c in record["cells"]]
    if code_of(record) != code_of(fresh) or kinds != [c["cell_type"] for c in fresh["cells"]]:
        raise FullRunError(
            f"{name}: the lesson's code or cells changed since the record was run; "
            f"run python scripts/full_run.py {name}"
        )
    for cell, new in zip(record["cells"], fresh["cells"]):
        if cell["cell_type"] == "markdown":
            cell["source"] = new["source"]
    nb.write(path, record)
    print(f"Wrote the text of {shown(path)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="*", help="lesson file names, e.g. 05_Ensemble_Learning.ipynb"
    )
    parser.add_argument("--check", action="store_true", help="check the records, run nothing")
    parser.add_argument(
        "--text", action="store_true", help="copy the lessons' prose into the records, run nothing"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            found = [p for name in (args.names or sorted(FULL_SETTINGS)) for p in problems(name)]
            print("\n".join(found) or "Records in step with their lessons.")
            return 1 if found else 0
        if not args.names:
            parser.error(f"name a lesson to run: {', '.join(sorted(FULL_SETTINGS))}")
        for name in args.names:
            if args.text:
                refresh_text(name)
            else:
                run(name)
    except FullRunError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
