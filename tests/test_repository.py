"""Checks of the repository as committed: notebook hygiene and lint, without running anything."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))  # 02B_...: a companion
CHINESE = sorted((ROOT / "notebooks" / "zh").glob("[0-9][0-9]*_*.ipynb"))
RECORDS = sorted((ROOT / "notebooks" / "full_runs").glob("[0-9][0-9]*_*.ipynb"))  # full runs
NOTEBOOKS = ENGLISH + CHINESE + RECORDS
MACHINE_PATH = re.compile(r"(/home/\w+/|/root/|/tmp/|/work/|site-packages/|[A-Z]:\\\\Users\\\\)")


def code_cells(path: Path) -> list[dict]:
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert [p.name.split("_")[0] for p in ENGLISH] == ["01", "02B", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_was_run_top_to_bottom(path):
    counts = [cell["execution_count"] for cell in code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), "run it with Restart & Run All"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_outputs_hold_no_errors_stderr_or_machine_paths(path):
    for number, cell in enumerate(code_cells(path), start=1):
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"cell [{number}] stored an error"
            assert output.get("name") != "stderr", f"cell [{number}] stored stderr output"
            text = "".join(output.get("text", "")) + json.dumps(output.get("data", {}))
            text = re.sub(r'"image/png": "[^"]*"', "", text)
            assert not MACHINE_PATH.search(text), f"cell [{number}] shows a machine's path"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_imports_helpers_first_and_uses_the_python3_kernel(path):
    first = "".join(code_cells(path)[0]["source"])
    assert first.startswith("import helpers"), "helpers must set up TensorFlow before its import"
    assert json.loads(path.read_text())["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=" ".join)
def test_ruff(command):
    run = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."],
        check=False, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_public_helper_is_used_by_a_notebook_or_by_a_helper_that_is():
    """helpers.py holds what the notebooks share; code no lesson reaches does not belong there."""
    import inspect

    import helpers

    code = "\n".join("".join(c["source"]) for path in ENGLISH for c in code_cells(path))
    public = {
        name: obj
        for name, obj in vars(helpers).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == "helpers"
    }
    used = {name for name in public if f"helpers.{name}" in code}
    sources = "\n".join(inspect.getsource(public[name]) for name in used)
    unused = [name for name in public if name not in used and f"{name}(" not in sources]
    assert not unused, f"helpers that no notebook uses: {unused}"
