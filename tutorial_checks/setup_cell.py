"""Every notebook's first code cell: import the series' helpers, or say how to get them.

The cell is the same in every notebook (lessons, solutions, Chinese twins, records of full runs),
but for its comments, which the Chinese twins have in Chinese. scripts/set_setup_cells.py writes
it there from the template below and one setting in
pyproject.toml, `[tool.tf-cnn-tutorials] colab-install-source`: what Colab installs the series
from. It is empty until a release exists (CONTRIBUTING.md's "Releases" says how a release sets it);
then, in Colab, the cell says how to install the series by hand.

The cell shows collapsed (`collapse`): the installer stays out of the reader's way, and its first
line, all that JupyterLab shows of it then, says what it does.
"""

from __future__ import annotations

import json
import tomllib

from tutorial_checks import ROOT

SETTINGS_FILE = ROOT / "pyproject.toml"
SETTINGS_TABLE = "tf-cnn-tutorials"
SETTING = "colab-install-source"

# The lines a reader sees at the top of every notebook. `_render_traceback_` is IPython's hook
# for an exception to show itself: Jupyter then prints the one-line message, not a traceback.
TEMPLATE = """\
# Set-up, the same in every notebook of the series: it imports the series' modules (helpers).
# Where they are not installed (a notebook copied alone, or Colab), Colab installs them and
# elsewhere a one-line message says how.
import importlib.util
import subprocess
import sys

INSTALL_SOURCE = {source}  # what Colab installs the series from (CONTRIBUTING: Releases)


class SetupError(Exception):
    def _render_traceback_(self) -> list[str]:  # Jupyter shows the message, not a traceback
        return [f"SetupError: {{self}}"]


if importlib.util.find_spec("helpers") is None:
    if "google.colab" not in sys.modules:
        raise SetupError(
            f"The series' modules (helpers) are not installed in this Python, {{sys.executable}}: "
            'run `pip install ".[local]"` in the project\\'s folder, or install its wheel with '
            '`pip install "<wheel file>[local]"`, then restart the kernel (README: Install).'
        )
    if not INSTALL_SOURCE:
        raise SetupError(
            "The series has no release that Colab can install yet: upload its wheel (built by "
            "`python -m build --wheel` in the project's folder), run `%pip install <wheel file>`, "
            "then run this cell again."
        )
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", INSTALL_SOURCE], check=True)
    importlib.invalidate_caches()

import helpers  # First: it sets up TensorFlow's environment, then imports TensorFlow."""


# The template's comments in the Chinese twins (the code and the messages stay as they are).
CHINESE_COMMENTS = {
    "# Set-up, the same in every notebook of the series: it imports the series' modules (helpers).\n"
    "# Where they are not installed (a notebook copied alone, or Colab), Colab installs them and\n"
    "# elsewhere a one-line message says how.":
    "# 准备工作，本系列的每个笔记本都一样：导入本系列的模块（helpers）。\n"
    "# 这些模块没有安装时（单独复制出来的笔记本，或者在 Colab 中），Colab 会安装它们；\n"
    "# 在其他地方，则用一行消息说明怎么做。",
    "# what Colab installs the series from (CONTRIBUTING: Releases)":
    "# Colab 从哪里安装本系列（见 CONTRIBUTING.md 的 Releases 一节）",
    "# Jupyter shows the message, not a traceback": "# Jupyter 只显示这条消息，不显示回溯",
    "# First: it sets up TensorFlow's environment, then imports TensorFlow.":
    "# 最先导入：它先设置 TensorFlow 的环境，再导入 TensorFlow。",
}  # fmt: skip


# How the cell shows collapsed. JupyterLab hides the input of a cell whose metadata has
# nbformat's `"jupyter": {"source_hidden": true}` (the key it writes itself when a reader
# collapses an input): it shows the first line and "…", and a click expands it. The website's
# MyST-NB shows the input of a cell tagged `hide-input` as a closed "Show code cell source" toggle.
HIDE_INPUT_TAG = "hide-input"


def is_collapsed(cell: dict) -> bool:
    """Whether the cell shows collapsed both in JupyterLab and on the website."""
    metadata = cell.get("metadata", {})
    hidden_in_jupyterlab = metadata.get("jupyter", {}).get("source_hidden") is True
    return hidden_in_jupyterlab and HIDE_INPUT_TAG in metadata.get("tags", [])


def collapse(cell: dict) -> None:
    """Give the cell the metadata that shows it collapsed, keeping its other metadata and tags."""
    metadata = cell.setdefault("metadata", {})
    metadata.setdefault("jupyter", {})["source_hidden"] = True
    tags = metadata.setdefault("tags", [])
    if HIDE_INPUT_TAG not in tags:
        tags.append(HIDE_INPUT_TAG)


def install_source() -> str:
    """The setting: what Colab installs the series from ("" until a release exists)."""
    settings = tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8"))
    try:
        value = settings["tool"][SETTINGS_TABLE][SETTING]
    except KeyError as missing:
        raise KeyError(
            f'{SETTINGS_FILE.name} has no [tool.{SETTINGS_TABLE}] {SETTING} = "..." '
            "(an empty string until a release exists)"
        ) from missing
    if not isinstance(value, str):
        raise TypeError(f"[tool.{SETTINGS_TABLE}] {SETTING} must be a string, not {value!r}")
    return value


def setup_cell_source(source: str | None = None, chinese: bool = False) -> str:
    """The set-up cell's code, with `source` (default: the setting) as what Colab installs;
    `chinese`: with the comments of the Chinese twins."""
    # json.dumps: a double-quoted Python string literal, as ruff formats it, for any text.
    code = TEMPLATE.format(source=json.dumps(install_source() if source is None else source))
    for english, translation in CHINESE_COMMENTS.items() if chinese else ():
        if english not in code:
            raise ValueError(f"setup_cell.CHINESE_COMMENTS: the template has no {english!r}")
        code = code.replace(english, translation)
    return code
