"""Embed the diagrams of images/ in the notebooks that show them, as cell attachments.

A notebook that links its diagrams (`![...](../images/02_convolution.png)`) loses them when it is
copied alone, downloaded from the website or opened in Colab. Embedded, a markdown cell carries
the image (`![...](attachment:02_convolution.png)` and the PNG in the cell's `attachments`), which
JupyterLab, Notebook 7, VS Code and nbconvert show wherever the file goes; the website writes each
attachment out as a file (scripts/build_site.py). images/ stays the diagrams' source: a Chinese
twin embeds images/zh/NAME where it exists, an English notebook images/NAME.

    python scripts/embed_diagrams.py          # embed (again, after images/make_diagrams.py)
    python scripts/embed_diagrams.py --check  # report links to images/ and stale attachments

`tests/test_translations.py` runs the check: every attachment is the current diagram.
"""

from __future__ import annotations

import argparse
import base64
import sys
from pathlib import Path

from tutorial_checks import ROOT, shown
from tutorial_checks import markdown as md
from tutorial_checks import notebooks as nb

IMAGES_DIR = ROOT / "images"
PREFIX = "attachment:"
PNG = "image/png"


def all_notebooks() -> list[Path]:
    """The lessons, their worked solutions and the Chinese twins of both."""
    folders = [nb.NOTEBOOKS_DIR, nb.SOLUTIONS_DIR, nb.CHINESE_DIR, nb.CHINESE_DIR / "solutions"]
    return [path for folder in folders for path in nb.lessons(folder)]


def diagram(name: str, notebook: Path) -> Path:
    """The file a notebook's attachment `name` comes from: the Chinese version for a twin."""
    chinese = IMAGES_DIR / "zh" / name
    if notebook.is_relative_to(nb.CHINESE_DIR) and chinese.exists():
        return chinese
    return IMAGES_DIR / name


def linked_diagram(target: str, notebook: Path) -> Path | None:
    """The file in images/ (or images/zh/) that a link's target points to, if it does."""
    if md.is_external(target) or target.startswith((PREFIX, "#")):
        return None
    path = (notebook.parent / target.split("#")[0]).resolve()
    return path if path.is_relative_to(IMAGES_DIR) else None


def encoded(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode("ascii")


def embed_cell(cell: dict, notebook: Path) -> None:
    """Turn the cell's links to images/ into attachments, and refresh its attachments."""
    text = nb.source(cell)

    def attach(link: md.Link) -> str | None:
        path = linked_diagram(link.target, notebook) if link.kind == "image" else None
        return f"{PREFIX}{path.name}" if path else None

    text = md.rewrite_targets(text, attach)
    names = [link.target.removeprefix(PREFIX) for link in md.links(text)]
    names = [name for link, name in zip(md.links(text), names) if link.target.startswith(PREFIX)]
    if names:
        cell["attachments"] = {name: {PNG: encoded(diagram(name, notebook))} for name in names}
        cell["source"] = text.splitlines(True)


def problems(notebook: Path) -> list[str]:
    """Links to images/ that are not embedded, and attachments that are not the diagram now."""
    found = []
    for number, cell in enumerate(nb.read(notebook)["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        attachments = cell.get("attachments", {})
        for link in md.links(nb.source(cell)):
            if link.kind == "image" and linked_diagram(link.target, notebook):
                found.append(f"cell {number}: {link.target} is linked, not embedded")
            elif link.target.startswith(PREFIX):
                name = link.target.removeprefix(PREFIX)
                source = diagram(name, notebook)
                if name not in attachments:
                    found.append(f"cell {number}: the attachment {name} is missing")
                elif not source.exists():
                    found.append(
                        f"cell {number}: {shown(source)}, the source of {name}, is missing"
                    )
                elif attachments[name].get(PNG) != encoded(source):
                    found.append(f"cell {number}: {name} is not the current {shown(source)}")
    return [f"{shown(notebook)}: {problem}" for problem in found]


def unshown_images(notebook: dict, folder: Path) -> list[str]:
    """The images a notebook in `folder` would not show: neither on the web, nor attached to
    their cell, nor a file that exists from there (what a notebook copied alone loses)."""
    missing = []
    for number, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for link in md.links(nb.source(cell)):
            if link.kind != "image":
                continue
            if link.target.startswith(PREFIX):
                if link.target.removeprefix(PREFIX) not in cell.get("attachments", {}):
                    missing.append(f"cell {number}: {link.target} is not attached")
            elif md.is_external(link.target):
                continue
            elif not (folder / link.target.split("#")[0]).exists():
                missing.append(f"cell {number}: {link.target} is not found from {folder}")
    return missing


def problems_everywhere() -> list[str]:
    return [problem for path in all_notebooks() for problem in problems(path)]


def embed(notebook: Path) -> bool:
    """Embed the notebook's diagrams; whether it changed."""
    before = nb.read(notebook)
    after = nb.read(notebook)
    for cell in after["cells"]:
        if cell["cell_type"] == "markdown":
            embed_cell(cell, notebook)
    if after != before:
        nb.write(notebook, after)
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        found = problems_everywhere()
        print("\n".join(found) or "Every diagram is embedded and current.")
        return 1 if found else 0
    changed = [shown(path) for path in all_notebooks() if embed(path)]
    print("\n".join(f"embedded the diagrams of {name}" for name in changed) or "Nothing to do.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
