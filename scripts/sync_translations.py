"""Keep the Chinese notebooks (notebooks/zh/) in step with the English ones.

Each English notebook `notebooks/NN_Title.ipynb` has a Chinese twin `notebooks/zh/NN_Title.ipynb`
with the same cells in the same order: the twin's markdown cells are its own (Chinese), its code
cells and their stored outputs are the English notebook's. After changing an English notebook
and re-executing it:

    python scripts/sync_translations.py           # copy code cells and outputs into the twins
    python scripts/sync_translations.py --check   # only report what is out of step (the tests)

Copying leaves the Chinese prose alone, and the comments and docstrings of a twin's code cell
when its code is the English cell's but for comments and docstrings (the twins translate both); a
cell whose code changed is copied whole, and the script names it: translate its comments and
docstrings again. If cells were
added, removed or moved in an English
notebook, the script cannot know where the translation goes: it lists the differences (by cell
number and first line) and changes nothing; add or remove the markdown cells in the twin by
hand, translated, then run it again. `--new NN_Title.ipynb` starts a twin for a new English
notebook: a copy whose markdown cells still need translating (the tests fail until they are).

The checked exercises (tutorial_checks/exercise_cells.py) are the one place where a twin's code
and outputs differ: its set-up asks for Chinese messages (`lesson("01", language="zh")`), so the
script runs the twin's exercise cells after copying them and stores what they print, and `--check`
requires each of those outputs to be the English one in Chinese.
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import io
import re
import sys
import tokenize
from pathlib import Path

from tutorial_checks import ROOT, shown
from tutorial_checks import exercise_cells as ec
from tutorial_checks import markdown as md
from tutorial_checks import notebooks as nb
from tutorial_checks.notebooks import output_text, read, source, write

IMAGES_DIR = ROOT / "images"  # the diagrams, and in images/zh/ their Chinese versions
# A target in images/ from a notebook's folder: ../images/NAME, ../../images/NAME.
IMAGES_TARGET = re.compile(r"((?:\.\./)+images/)([^/]+)")


def english_notebooks() -> list[Path]:
    """The lessons and their worked solutions."""
    return nb.lessons(nb.NOTEBOOKS_DIR) + nb.lessons(nb.SOLUTIONS_DIR)


def twin(english: Path) -> Path:
    """notebooks/X.ipynb -> notebooks/zh/X.ipynb, notebooks/solutions/X -> zh/solutions/X."""
    return nb.CHINESE_DIR / english.relative_to(nb.NOTEBOOKS_DIR)


def code_without_comments(code: str) -> list[str]:
    """The tokens of Python code without its comments and blank lines, each docstring (of a
    function or a class) as one token "<docstring>": the twins translate comments and
    docstrings, and neither changes what the code does."""
    try:
        docstrings = docstring_starts(code)
        tokens = tokenize.generate_tokens(io.StringIO(code).readline)
        skip = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        kept = []
        for token in tokens:
            if token.type in skip:
                continue
            if token.type == tokenize.STRING and token.start in docstrings:
                kept.append("<docstring>")
            else:
                kept.append(token.string)
        return kept
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return code.split()


def docstring_starts(code: str) -> set[tuple[int, int]]:
    """Where the docstrings of `code` start (line, column), as tokenize counts: a string that is
    the first statement of a function or a class. A string that starts a cell is no docstring
    (the cell may show it as its output). None in code that is not Python (a cell with
    IPython's magics, say): its strings then count as code."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    starts = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = node.body[0] if node.body else None
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                starts.add((first.lineno, first.col_offset))  # Indented: bytes are characters.
    return starts


def outline(notebook: dict) -> list[str]:
    """One line per cell: its type and, for code, its first line."""
    lines = []
    for cell in notebook["cells"]:
        first = source(cell).strip().splitlines()[0] if source(cell).strip() else ""
        lines.append(f"code: {first}" if cell["cell_type"] == "code" else "markdown")
    return lines


def structure_problems(english: dict, chinese: dict) -> list[str]:
    """Differences in the order and kind of cells, as a readable diff (empty if none)."""
    a, b = outline(english), outline(chinese)
    if [x.split(":")[0] for x in a] == [x.split(":")[0] for x in b]:
        return []
    diff = difflib.unified_diff(a, b, "English", "Chinese", lineterm="", n=1)
    return ["the cells differ in kind or order (- English, + Chinese):", *diff]


def out_of_step(english_path: Path) -> list[str]:
    """What differs between an English notebook and its twin; empty if they are in step."""
    chinese_path = twin(english_path)
    if not chinese_path.exists():
        return [f"{shown(chinese_path)} is missing: start it with --new {english_path.name}"]
    english, chinese = read(english_path), read(chinese_path)
    problems = structure_problems(english, chinese)
    if problems:
        return problems
    lesson = ec.lesson_number(english)
    translated = ec.translations(lesson) if lesson else {}
    for number, (a, b) in enumerate(zip(english["cells"], chinese["cells"])):
        if a["cell_type"] != "code":
            continue
        if not same_code(a, b):
            problems.append(f"cell {number}: the code differs ({source(a).splitlines()[0]!r})")
        elif ec.is_exercise(a) and translated.get(output_text(a["outputs"])) != output_text(
            b["outputs"]
        ):
            # The twin's checks print Chinese: its outputs are its own run's (sync runs them).
            problems.append(
                f"cell {number}: the twin's check does not print the English output in "
                f"Chinese ({source(a).splitlines()[0]!r}): run the script without --check"
            )
        elif not ec.is_exercise(a) and output_text(a["outputs"]) != output_text(b["outputs"]):
            problems.append(
                f"cell {number}: the stored outputs differ ({source(a).splitlines()[0]!r})"
            )
    return problems


def same_code(english: dict, chinese: dict) -> bool:
    """Whether two code cells differ at most in comments, docstrings and, in the checked
    exercises' set-up, the language the twin asks for."""
    twins_code = ec.in_english(source(chinese)) if ec.is_exercise(chinese) else source(chinese)
    return code_without_comments(source(english)) == code_without_comments(twins_code)


def synced_cell(english: dict, chinese: dict) -> tuple[dict, bool]:
    """The twin's new code cell: the English cell with the twin's id, and with the twin's source
    (its translated comments and docstrings) where the code is the same but for comments and
    docstrings; True if the code changed, so that they are English again."""
    cell = copy.deepcopy(english) | {"id": chinese["id"]}
    unchanged = same_code(english, chinese)
    if unchanged:
        cell["source"] = copy.deepcopy(chinese["source"])
    elif ec.is_exercise(english):
        cell["source"] = ec.in_chinese(source(english)).splitlines(True)
    return cell, not unchanged


def sync(english_path: Path) -> tuple[list[str], list[str]]:
    """Copy code cells and their outputs into the twin. Returns the problems that prevent it,
    and the cells whose code changed (their comments need translating again)."""
    chinese_path = twin(english_path)
    if not chinese_path.exists():
        return out_of_step(english_path), []
    english, chinese = read(english_path), read(chinese_path)
    problems = structure_problems(english, chinese)
    if problems:
        return problems, []
    retranslate = []
    for number, cell in enumerate(english["cells"]):
        if cell["cell_type"] == "code":
            chinese["cells"][number], changed = synced_cell(cell, chinese["cells"][number])
            if changed:
                first = source(cell).splitlines()[0] if source(cell) else ""
                retranslate.append(f"cell {number}: new code, English comments ({first!r})")
    chinese["metadata"] = copy.deepcopy(english["metadata"])
    run_exercises(chinese)
    write(chinese_path, chinese)
    return [], retranslate


def run_exercises(chinese: dict) -> None:
    """Give the twin's checked exercises the outputs of running them, in Chinese (the English
    outputs were copied with the code)."""
    positions = ec.exercise_cells(chinese)
    if not positions:
        return
    for position, text in zip(positions, ec.run_section(chinese)):
        chinese["cells"][position]["outputs"] = ec.stream(text)


def start_twin(name: str) -> Path:
    """A new twin: a copy of the English notebook whose markdown still needs translating."""
    english_path = nb.NOTEBOOKS_DIR / name
    chinese_path = twin(english_path)
    if chinese_path.exists():
        raise SystemExit(f"{shown(chinese_path)} exists already.")
    chinese_path.parent.mkdir(parents=True, exist_ok=True)
    notebook = read(english_path)
    # A lesson's links reach one folder further from notebooks/zh/ (twin_target); a solution's
    # links to its lesson go to the Chinese lesson, one folder up in both editions: they stay.
    lesson = english_path.parent == nb.NOTEBOOKS_DIR
    for cell in notebook["cells"] if lesson else []:
        if cell["cell_type"] == "markdown":
            cell["source"] = md.rewrite_targets(source(cell), twin_target).splitlines(True)
    write(chinese_path, notebook)
    return chinese_path


def twin_target(link: md.Link) -> str | None:
    """A lesson's link to images/ or the project (../X) as its twin, one folder further down in
    notebooks/zh/, needs it: ../../X, and a diagram that images/zh/ has in Chinese in Chinese.
    Other targets (the lessons beside it, web addresses, headings) stay as they are (None)."""
    if not link.target.startswith("../"):
        return None
    return chinese_diagram(f"../{link.target}")


def chinese_diagram(target: str) -> str:
    """`target`, if a diagram of images/ that images/zh/ has in Chinese, as the Chinese one."""
    match = IMAGES_TARGET.fullmatch(target)
    if match and (IMAGES_DIR / "zh" / match[2]).exists():
        return f"{match[1]}zh/{match[2]}"
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description="Keep notebooks/zh/ in step with notebooks/.")
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    parser.add_argument(
        "--new", metavar="NN_Title.ipynb", help="start the twin of a notebook (solutions/NN_...)"
    )
    args = parser.parse_args()
    if args.new:
        print(f"wrote {shown(start_twin(args.new))}: translate its markdown cells")
        return
    failed = False
    for english_path in english_notebooks():
        if args.check:
            problems, retranslate = out_of_step(english_path), []
        else:
            problems, retranslate = sync(english_path)
        name = shown(twin(english_path))
        print(f"{name}: {'in step' if not problems else 'OUT OF STEP'}")
        for problem in problems:
            print(f"    {problem}")
        for cell in retranslate:
            print(f"    translate the comments and docstrings again: {cell}")
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
