"""Write the set-up cell (tutorial_checks/setup_cell.py) as every notebook's first code cell.

    python scripts/set_setup_cells.py          # after changing the template or the setting
    python scripts/set_setup_cells.py --check  # exit 1 naming each notebook that differs

Every notebook: the lessons, their worked solutions, the Chinese twins (with the cell's comments in
Chinese) and the records of full runs. Only the cell's source and its metadata change: the cell
shows collapsed in JupyterLab and on the website (setup_cell.collapse), other metadata and tags
kept. In the repository (where the series is installed) the cell only imports helpers, as it did
when the stored outputs were made, and it prints nothing: its outputs stay as they are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutorial_checks import notebooks as nb
from tutorial_checks import shown
from tutorial_checks.setup_cell import collapse, is_collapsed, setup_cell_source


def all_notebooks() -> list[Path]:
    """Every notebook of the series, in every folder."""
    folders = [nb.NOTEBOOKS_DIR, nb.SOLUTIONS_DIR, nb.RECORDS_DIR]
    folders += [nb.CHINESE_DIR, nb.CHINESE_DIR / "solutions"]
    return [path for folder in folders for path in nb.lessons(folder)]


def first_code_cell(notebook: dict, path: Path) -> dict:
    """The notebook's first code cell, which must be the set-up cell."""
    cell = next((c for c in notebook["cells"] if c["cell_type"] == "code"), None)
    if cell is None:
        raise ValueError(f"{shown(path)} has no code cell")
    return cell


def expected_cell(path: Path) -> str:
    """The set-up cell for the notebook at `path`: with Chinese comments in a Chinese twin."""
    return setup_cell_source(chinese=path.is_relative_to(nb.CHINESE_DIR))


def problems(path: Path) -> list[str]:
    """How the notebook's first code cell differs from the set-up cell, collapsed (empty: not)."""
    cell = first_code_cell(nb.read(path), path)
    found = []
    if nb.source(cell) != expected_cell(path):
        found.append("its first code cell is not the set-up cell")
    if not is_collapsed(cell):
        found.append("its set-up cell does not show collapsed (metadata and tag)")
    return found


def differs(path: Path) -> bool:
    return bool(problems(path))


def write_setup_cell(path: Path) -> bool:
    """Give the notebook the set-up cell, collapsed; True if the file changed."""
    expected = expected_cell(path)
    notebook = nb.read(path)
    cell = first_code_cell(notebook, path)
    current = nb.source(cell)
    if current == expected and is_collapsed(cell):
        return False
    if "INSTALL_SOURCE" not in current:  # a notebook's own code: never overwrite or hide it
        raise ValueError(
            f"{shown(path)}: its first code cell is not the set-up cell; copy the set-up cell "
            "from another notebook to the top by hand, then run this again"
        )
    cell["source"] = expected.splitlines(keepends=True)
    collapse(cell)
    nb.write(path, notebook)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing, list what differs")
    args = parser.parse_args(argv)
    if args.check:
        found = {path: problems(path) for path in all_notebooks()}
        stale = [path for path, problem in found.items() if problem]
        for path in stale:
            print(f"{shown(path)}: {'; '.join(found[path])}", file=sys.stderr)
        if stale:
            print("Run: python scripts/set_setup_cells.py", file=sys.stderr)
        return 1 if stale else 0
    changed = [path for path in all_notebooks() if write_setup_cell(path)]
    print(f"{len(changed)} notebooks changed" + "".join(f"\n  {shown(p)}" for p in changed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
