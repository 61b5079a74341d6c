"""scripts/execute_notebooks.py: how stored outputs are made, and its report of long cells."""

import json

import nbformat
import pytest

from script_modules import load_script
from tutorial_checks import notebooks as nb

execute_notebooks = load_script("scripts/execute_notebooks.py")
BAR = (
    "\x1b[1m9000/9000\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m80s\x1b[0m 9ms/iteration\n"
)


def notebook(*outputs: str) -> dict:
    cells = [
        nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("stream", text=t)])
        for t in outputs
    ]
    return json.loads(nbformat.writes(nbformat.v4.new_notebook(cells=cells)))


def test_long_cells_are_listed_with_whether_they_show_a_bar():
    lines = execute_notebooks.long_cells(
        notebook(BAR, "Time usage: 0:01:20\n", "done\n"), [85, 40, 2]
    )
    assert lines == ["  cell [1]: 85 s, a progress bar", "  cell [2]: 40 s, NO progress bar"]


def test_a_bar_is_found_only_where_one_was_drawn():
    # Text that merely mentions a bar, or an empty bar, is no progress bar.
    lines = execute_notebooks.long_cells(notebook("a progress bar ━━\n"), [31])
    assert lines == ["  cell [1]: 31 s, NO progress bar"]


def test_a_missing_notebook_is_named_without_a_traceback(tmp_path, capsys):
    assert execute_notebooks.main([str(tmp_path / "nowhere.ipynb")]) == 2
    assert capsys.readouterr().out.startswith("error: no such notebook:")


@pytest.mark.slow  # starts two kernels
def test_outputs_are_stored_as_they_end_and_a_failing_notebook_is_left_alone(tmp_path, capsys):
    good = tmp_path / "good.ipynb"
    source = (
        'import sys\nfor s in ["10%", "50%", "done"]:\n    sys.stdout.write("\\r" + s)\nprint()'
    )
    nb.write(good, json.loads(nbformat.writes(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source)]))))  # fmt: skip
    assert execute_notebooks.main([str(good)]) == 0
    [cell] = nb.read(good)["cells"]
    assert nb.output_text(cell["outputs"]) == "done\n"
    assert "execution" not in cell["metadata"]  # no timestamps stored

    bad = tmp_path / "bad.ipynb"
    nb.write(bad, json.loads(nbformat.writes(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("print('kept?')"), nbformat.v4.new_code_cell("1 / 0")]))))  # fmt: skip
    before = bad.read_text()
    assert execute_notebooks.main([str(bad)]) == 1
    assert bad.read_text() == before
    assert "ZeroDivisionError" in capsys.readouterr().out
