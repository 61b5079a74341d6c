"""Run a notebook whose experiment was cut to fit the test suite, with the full setting.

Notebook #05 trains each of its five networks for 5,000 iterations, half of the original's
10,000, so that the test suite (which executes every lesson) stays within its time budget; some
worked solutions (`notebooks/solutions/`) cut their training the same way. This script executes
the notebook's code with the full setting and stores the executed copy, the *record* of the full
run, in `notebooks/full_runs/` (under the notebook's own file name). A record holds a header (what
it is, which setting changed, where the notebook quotes it) and the notebook's code cells with
their outputs, and none of the notebook's prose: that prose was written for the cut run, and
beside the full run's outputs its numbers would be wrong. The notebook's section "The full run"
quotes the record's results. `tests/test_full_runs.py` checks that the record's code is the
notebook's with only that setting changed, that every result the section quotes is in the
record's outputs, and that the record's own text quotes no number its outputs lack; nbval does
not execute records (that would cost the time the cut saves).

    python scripts/full_run.py 05_Ensemble_Learning.ipynb    # about 12 minutes on 2 CPU cores
    python scripts/full_run.py --check                       # records in step with the lessons?
    python scripts/full_run.py --text 05_Ensemble_Learning.ipynb  # the record's header only

Re-run it after changing a lesson's code; a changed setting line must be changed here too. A
change to the lesson's prose needs nothing here. After changing the header's wording (in
`header`), `--text` writes it into the records without running anything (the record's code and
outputs stay as its run left them).
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
from tutorial_checks.exercise_cells import is_exercise
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
    "03_Modern_Training.ipynb": (
        "epochs, ablation_epochs, ablation_images, num_seeds = 1, 1, 11_000, 2  # Full run: 20, 3, 55_000, 3.",
        "epochs, ablation_epochs, ablation_images, num_seeds = 20, 3, 55_000, 3  # The full run.",
    ),
    "03_Keras_API_Solutions.ipynb": (
        "epochs = 1  # Cut from 5 to fit the test suite; the full run is at the end.",
        "epochs = 5  # The full run: five epochs, as in the lesson's History section.",
    ),
}
SECTION = "## The full run"
# Results quoted in prose, as "98.93 %" or "39 images", and as the outputs print them.
QUOTED = re.compile(r"(\d+(?:\.\d+)?) ?(%)|(\d[\d,]*) (images)")
# Any number in a record's text: 9,712, 98.93, 14 (a thousands comma, a decimal point).
NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\w]|[.,]\d)")


class FullRunError(Exception):
    """A lesson or record that does not fit what this script expects; the message says why."""


def notebook_path(name: str) -> Path:
    """Where the notebook `name` lives: a lesson in notebooks/, a solution in notebooks/solutions/."""
    folder = nb.SOLUTIONS_DIR if name.endswith("_Solutions.ipynb") else nb.NOTEBOOKS_DIR
    return folder / name


def record_of(lesson: dict, name: str) -> dict:
    """The notebook's code cells with the full setting, under the record's header."""
    lesson_line, full_line = FULL_SETTINGS[name]
    record = copy.deepcopy(lesson)
    cells = [c for c in record["cells"] if c["cell_type"] == "code" and lesson_line in source(c)]
    if len(cells) != 1 or source(cells[0]).count(lesson_line) != 1:
        raise FullRunError(
            f"{name}: expected the line {lesson_line!r} once in one code cell, found it in "
            f"{len(cells)} cells. Update FULL_SETTINGS in {Path(__file__).name} to the lesson."
        )
    cells[0]["source"] = source(cells[0]).replace(lesson_line, full_line).splitlines(True)
    # The checked exercises check the learner's code on inputs of their own: no part of the run.
    code = [c for c in record["cells"] if c["cell_type"] == "code" and not is_exercise(c)]
    record["cells"] = [header(name)] + code
    return record


def header(name: str) -> dict:
    """The record's only markdown cell: what it is, which setting changed, where it is quoted.
    It quotes no result (and no number outside code): the outputs below speak for themselves."""
    lesson_line, full_line = FULL_SETTINGS[name]
    folder = notebook_path(name).parent.relative_to(nb.NOTEBOOKS_DIR).as_posix()
    link = f"../{name}" if folder == "." else f"../{folder}/{name}"
    anchor = SECTION.removeprefix("## ").replace(" ", "-")
    text = (
        f"# The record of a full run: `{name}`\n\n"
        f"The code cells of [`{name}`]({link}), executed top to bottom by `scripts/full_run.py` "
        "with one line changed. The notebook has\n\n"
        f"```python\n{lesson_line}\n```\n\n"
        "and this run had\n\n"
        f"```python\n{full_line}\n```\n\n"
        "The notebook's prose, written for the shorter run, is left out: read it in the notebook; "
        "so are its checked exercises, which check a learner's code and are no part of the run. "
        f'Its section ["The full run"]({link}#{anchor}) quotes the results of this record, '
        "which are the outputs below."
    )
    return {
        "cell_type": "markdown",
        "id": "full-run-note",
        "metadata": {},
        "source": text.splitlines(True),
    }


def markdown_of(notebook: dict) -> list[str]:
    return [source(c) for c in notebook["cells"] if c["cell_type"] == "markdown"]


def code_of(notebook: dict) -> list[str]:
    return [source(c) for c in notebook["cells"] if c["cell_type"] == "code"]


def outputs_of(notebook: dict) -> str:
    """The text of all the code cells' outputs."""
    return "\n".join(output_text(c.get("outputs", [])) for c in notebook["cells"])


def unbacked_numbers(record: dict) -> list[str]:
    """The numbers that the record's markdown quotes (in its prose: not in code) and that its
    outputs do not contain: each such number contradicts the run, or is not its result."""
    outputs = outputs_of(record)
    shown_numbers = {n.replace(",", "") for n in NUMBER.findall(outputs)}
    found = []
    for text in markdown_of(record):
        for number in NUMBER.findall(md.prose(text)):
            if number.replace(",", "") not in shown_numbers and number not in found:
                found.append(number)
    return found


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
            f"{shown(path)}: its text is not the record's header alone; "
            f"run python scripts/full_run.py --text {name}"
        )
    for number in unbacked_numbers(record):
        found.append(f"{shown(path)}: its text quotes {number}, which its outputs do not show")
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
    # oneDNN limited to AVX2 computes as the reference machine does, also on a CPU with AVX-512
    # (tutorial_checks/DRIFT.md): the record's numbers are the reference's wherever it runs.
    ran = nb.execute(record, nb.RECORDS_DIR, environment={"ONEDNN_MAX_CPU_ISA": "AVX2"})
    nb.write(target, ran)  # Only after the run: a failed run leaves the old record as it was.
    print(f"Wrote {shown(target)}")


def refresh_text(name: str) -> None:
    """Give the record its header and drop any other markdown; its code cells and their outputs
    stay as its run left them."""
    path = nb.RECORDS_DIR / name
    record, fresh = read(path), record_of(read(notebook_path(name)), name)
    if code_of(record) != code_of(fresh):
        raise FullRunError(
            f"{name}: the lesson's code or cells changed since the record was run; "
            f"run python scripts/full_run.py {name}"
        )
    code = [c for c in record["cells"] if c["cell_type"] == "code"]
    record["cells"] = [fresh["cells"][0]] + code
    nb.write(path, record)
    print(f"Wrote the text of {shown(path)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="*", help="lesson file names, e.g. 05_Ensemble_Learning.ipynb"
    )
    parser.add_argument("--check", action="store_true", help="check the records, run nothing")
    parser.add_argument(
        "--text", action="store_true", help="write the records' headers, run nothing"
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
