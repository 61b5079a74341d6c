"""Checks of the repository as committed: notebook hygiene and lint, without running anything."""

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tutorial_checks import ROOT
from tutorial_checks import markdown as md
from tutorial_checks import notebooks as nb

ENGLISH = nb.lessons()
SOLUTIONS = nb.lessons(nb.SOLUTIONS_DIR) + nb.lessons(nb.CHINESE_DIR / "solutions")
NOTEBOOKS = ENGLISH + nb.lessons(nb.CHINESE_DIR) + nb.lessons(nb.RECORDS_DIR) + SOLUTIONS
MACHINE_PATH = re.compile(r"(/home/\w+/|/root/|/tmp/|/work/|site-packages/|[A-Z]:\\\\Users\\\\)")


def code_cells(path: Path) -> list[dict]:
    return [c for c in nb.read(path)["cells"] if c["cell_type"] == "code"]


def notebook_id(path: Path) -> str:
    return str(path.relative_to(nb.NOTEBOOKS_DIR))


def test_every_notebook_is_named_like_a_lesson_and_a_companion_lists_after_its_lesson():
    names = sorted(p.name for p in nb.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert names == [p.name for p in ENGLISH], "notebooks/NN_Title.ipynb, two digits first"
    lesson_02 = names.index("02_Convolutional_Neural_Network.ipynb")
    assert names.index("02_Draw_a_Digit.ipynb") == lesson_02 + 1
    # The same order where case is ignored, or where punctuation is (file managers, ls):
    for key in (str.casefold, lambda name: re.sub(r"[_\W]", "", name).casefold()):
        assert sorted(names, key=key) == names


def markdown_cells(path: Path) -> list[str]:
    return [nb.source(c) for c in nb.read(path)["cells"] if c["cell_type"] == "markdown"]


def link_targets(path: Path) -> list[str]:
    return [link.target for text in markdown_cells(path) for link in md.links(text)]


@pytest.mark.parametrize("lesson", [p for p in ENGLISH if p != nb.SETUP_CHECK], ids=notebook_id)
def test_every_lesson_links_its_worked_solutions_and_they_link_back(lesson):
    solution = nb.SOLUTIONS_DIR / f"{lesson.stem}_Solutions.ipynb"
    sections = [(h.level, h.text) for text in markdown_cells(lesson) for h in md.headings(text)]
    assert (2, "Exercises") in sections, "a lesson has exercises (## Exercises)"
    assert solution.exists(), f"no worked solutions {notebook_id(solution)}"
    assert f"solutions/{solution.name}" in link_targets(lesson)
    assert f"../{lesson.name}#Exercises" in link_targets(solution)


def test_every_solutions_notebook_belongs_to_a_lesson():
    lessons = {f"{p.stem}_Solutions.ipynb" for p in ENGLISH}
    assert [p.name for p in nb.lessons(nb.SOLUTIONS_DIR) if p.name not in lessons] == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_was_run_top_to_bottom(path):
    counts = [cell["execution_count"] for cell in code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), "run it with Restart & Run All"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_outputs_hold_no_errors_stderr_or_machine_paths(path):
    for number, cell in enumerate(code_cells(path), start=1):
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"cell [{number}] stored an error"
            assert output.get("name") != "stderr", f"cell [{number}] stored stderr output"
            text = "".join(output.get("text", "")) + json.dumps(output.get("data", {}))
            text = re.sub(r'"image/png": "[^"]*"', "", text)
            assert not MACHINE_PATH.search(text), f"cell [{number}] shows a machine's path"
            # A progress bar's updates overwrite each other; stored, only its last state counts.
            assert not re.search("[\r\b]", text), (
                f"cell [{number}] stored overwritten text: execute with "
                "--NotebookClient.coalesce_streams=True (nox -s notebook does)"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_imports_helpers_first_and_uses_the_python3_kernel(path):
    # The first code cell is the set-up cell (tests/test_package.py checks its text); it ends
    # with the import of helpers, which must set up TensorFlow before anything imports it.
    first = nb.source(code_cells(path)[0])
    assert first.rstrip().splitlines()[-1].startswith("import helpers  # ")  # comment: any language
    assert not re.search(r"^(import|from) (tensorflow|keras)", first, re.MULTILINE)
    assert nb.read(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=" ".join)
def test_ruff(command):
    run = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."],
        check=False, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_public_helper_is_used_by_a_notebook_or_by_a_helper_that_is():
    """helpers.py holds what the notebooks share; code no lesson reaches does not belong there."""
    import helpers

    code = "\n".join(nb.source(c) for path in ENGLISH for c in code_cells(path))
    public = {
        name: obj
        for name, obj in vars(helpers).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == "helpers"
    }
    assert unused_names(public, code) == []


def unused_names(public: dict, code: str) -> list[str]:
    """The names in `public` that `code` does not use as helpers.NAME, nor the source of one
    that it does (transitively); whole names only."""
    used: set[str] = set()
    found = {n for n in public if re.search(rf"\bhelpers\.{n}\b", code)}
    while found:
        used |= found
        sources = "\n".join(inspect.getsource(public[n]) for n in found)
        found = {n for n in public if n not in used and re.search(rf"\b{n}\b", sources)}
    return sorted(set(public) - used)


def test_unused_names_matches_whole_names_only():
    def plot_images():
        pass

    def plot_image():
        pass

    def plot_everything():
        plot_images()

    public = {f.__name__: f for f in (plot_images, plot_image, plot_everything)}
    assert unused_names(public, "helpers.plot_images(x)") == ["plot_everything", "plot_image"]
    assert unused_names(public, "helpers.plot_everything()") == ["plot_image"]
