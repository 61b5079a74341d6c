"""The project's checking machinery, for its tests and maintainers' scripts (not for learners).

- `notebooks`: where the notebooks are, reading and writing them as Jupyter does, the text of a
  cell's outputs, and executing a notebook.
- `tolerance`: how far a measured number in a training output may drift from the stored one on
  another CPU (the comparison the tests patch into nbval).
- `fingerprint`: which arithmetic this machine has, to tell whether path-dependent outputs can be
  compared at all.
- `browser`: the system's Chromium, which the browser tests drive.
- `markdown`: the READMEs' and notebooks' markdown as GitHub reads it (links, headings, tables,
  code), parsed by markdown-it-py, and link targets rewritten in place.

`DRIFT.md` beside this file records the measurements that the tolerance's bounds come from.
"""

from pathlib import Path

# The project folder: the repository's top level, where helpers.py and notebooks/ are.
ROOT = Path(__file__).resolve().parent.parent


def shown(path: Path) -> str:
    """`path` as a message shows it: relative to the project folder if inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
