"""The notebook files: where they are, reading and writing them, their outputs, running them."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from tutorial_checks import ROOT

NOTEBOOKS_DIR = ROOT / "notebooks"  # The lessons, notebooks/NN_Title.ipynb.
CHINESE_DIR = NOTEBOOKS_DIR / "zh"  # Their Chinese twins, same file names.
RECORDS_DIR = NOTEBOOKS_DIR / "full_runs"  # Records of full runs (scripts/full_run.py).
SOLUTIONS_DIR = NOTEBOOKS_DIR / "solutions"  # Worked solutions: NN_Title_Solutions.ipynb.
# The setup check (setup_check.py as a notebook): named like a lesson, so that it lists first,
# but no lesson: no exercises, no worked solutions, no entry in data/run_times.json.
SETUP_CHECK = NOTEBOOKS_DIR / "00_Setup_Check.ipynb"
# A lesson's file name: two digits, an underscore, its title. A companion shares its lesson's
# number (02_Draw_a_Digit beside 02_Convolutional_Neural_Network).
PATTERN = "[0-9][0-9]_*.ipynb"


def lessons(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks in `folder` named like lessons, in the order a listing shows them."""
    return sorted(folder.glob(PATTERN))


def read(path: Path) -> dict:
    """A notebook file as JSON (cell sources may be lists of lines or strings)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(path: Path, notebook: dict) -> None:
    """Write a notebook in the layout Jupyter writes (so saving it in JupyterLab changes nothing),
    whole or not at all: an interrupted write leaves the old file as it was."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp")
    text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False)
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, path)


def source(cell: dict) -> str:
    """A cell's source as one string."""
    return "".join(cell["source"])


def output_text(outputs: list[dict]) -> str:
    """The text of a code cell's outputs: its printed streams and the plain-text form of its
    results, as nbval compares them; an error as its name and message."""
    texts = []
    for output in outputs:
        if output.get("output_type") == "stream":
            texts.append("".join(output.get("text", "")))
        elif output.get("output_type") == "error":
            texts.append(f"{output.get('ename')}: {output.get('evalue')}\n")
        elif "text/plain" in output.get("data", {}):
            texts.append("".join(output["data"]["text/plain"]))
    return "".join(texts)


@contextlib.contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the block (a kernel started in it inherits them)."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def execute(
    notebook: dict,
    folder: Path,
    environment: dict[str, str] | None = None,
    timeout: int = 3600,
    seconds: list[float] | None = None,
) -> dict:
    """`notebook` executed top to bottom in a new python3 kernel working in `folder`.

    Each cell may take up to `timeout` seconds; no timestamps are stored in the metadata, so
    the result changes only where the outputs do (`seconds`, if given, receives each code
    cell's run time instead). A stream's text is stored as it ends: a progress bar's last
    state, as JupyterLab saves it. `environment` adds variables for the kernel. Raises
    nbclient's CellExecutionError, naming the cell, if one fails.
    """
    import nbformat
    from nbclient import NotebookClient

    node = nbformat.reads(json.dumps(notebook), as_version=4)
    client = NotebookClient(
        node,
        timeout=timeout,
        kernel_name="python3",
        record_timing=seconds is not None,
        coalesce_streams=True,
        resources={"metadata": {"path": str(folder)}},
    )
    with _environment(environment or {}):
        client.execute()
    for cell in node.cells:
        timing = cell.metadata.pop("execution", None)
        if timing and seconds is not None:
            start, end = timing["iopub.execute_input"], timing["shell.execute_reply"]
            seconds.append(_seconds_between(start, end))
    return json.loads(nbformat.writes(node))


def _seconds_between(start: str, end: str) -> float:
    """Seconds from one of Jupyter's ISO timestamps to another."""
    from datetime import datetime

    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
