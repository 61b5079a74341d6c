"""Execute notebooks top to bottom and store their outputs, the way every stored output is made.

    python scripts/execute_notebooks.py notebooks/02_Convolutional_Neural_Network.ipynb ...

Each notebook runs in a new kernel in its own folder, with oneDNN limited to AVX2: on a CPU
with AVX-512 it then computes as the reference machine does (tutorial_checks/DRIFT.md, "Kinds of
arithmetic"). Each stream's text is stored as it ends (a progress bar's last state, as
JupyterLab saves it) and no timestamps are stored. A notebook is written only when every cell
ran; one that fails is left as it was, with the failing cell named. The script then lists the
cells that took over 30 seconds and whether each shows a progress bar: a room waiting on a
long cell wants to know whether to wait or to talk.
`nox -s notebook -- NAME.ipynb` runs this and the steps that follow it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nbclient.exceptions import CellExecutionError

from tutorial_checks import notebooks as nb
from tutorial_checks import shown

ENVIRONMENT = {"ONEDNN_MAX_CPU_ISA": "AVX2"}
LONG_CELL_SECONDS = 30
PROGRESS_BAR = "\x1b[32m━"  # Keras's bar (helpers.Trainer's, fit's with verbose=1) when drawn.


def long_cells(notebook: dict, seconds: list[float]) -> list[str]:
    """One line for each code cell that took over LONG_CELL_SECONDS: its time, has it a bar?"""
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    lines = []
    for number, (cell, time) in enumerate(zip(code, seconds), start=1):
        if time > LONG_CELL_SECONDS:
            bar = PROGRESS_BAR in nb.output_text(cell["outputs"])
            verdict = "a progress bar" if bar else "NO progress bar"
            lines.append(f"  cell [{number}]: {time:.0f} s, {verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="notebooks to execute")
    paths = [path.resolve() for path in parser.parse_args(argv).paths]
    missing = [shown(path) for path in paths if not path.is_file()]
    if missing:
        print(f"error: no such notebook: {', '.join(missing)}")
        return 2
    failed = 0
    for path in paths:
        seconds: list[float] = []
        try:
            executed = nb.execute(nb.read(path), path.parent, ENVIRONMENT, seconds=seconds)
        except CellExecutionError as error:
            print(f"{shown(path)}: a cell failed, the notebook is left as it was:\n{error}")
            failed += 1
            continue
        nb.write(path, executed)
        print(f"{shown(path)}: executed in {sum(seconds):.0f} s", flush=True)
        print("\n".join(long_cells(executed, seconds)) or "  no cell took over 30 s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
