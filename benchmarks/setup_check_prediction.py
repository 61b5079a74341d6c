"""How well the setup check predicts a notebook's run time on this machine.

    python benchmarks/setup_check_prediction.py                      # notebook #02 (about 3 min)
    python benchmarks/setup_check_prediction.py 03_Keras_API.ipynb   # another notebook

In one run: the setup check's timing of 100 training steps (as a learner's machine runs it), its
prediction of the notebook's run time from data/run_times.json, then the notebook executed top
to bottom and timed, then the steps timed again. Prints predicted / measured; exits with 1 if
the prediction is off by more than 30 % (the workshop plan's margin). Run it on a quiet machine:
both cores are used.
"""

from __future__ import annotations

import argparse
import sys

import setup_check
from tutorial_checks import shown
from tutorial_checks.notebooks import NOTEBOOKS_DIR
from tutorial_checks.timing import notebook_time, step_time

MARGIN = 0.30


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", default="02_Convolutional_Neural_Network.ipynb")
    args = parser.parse_args(argv)
    path = NOTEBOOKS_DIR / args.notebook
    if not path.exists():
        parser.error(f"no notebook {path}")
    reference = setup_check.run_times()
    before = step_time()
    predicted = setup_check.predicted_seconds(before, reference)[path.stem]
    measured = notebook_time(path)
    after = step_time()
    ratio = predicted / measured
    print(f"100 training steps: {before:.2f} s before, {after:.2f} s after the notebook")
    print(f"{shown(path)}: predicted {predicted:.0f} s, measured {measured:.0f} s")
    print(f"predicted / measured = {ratio:.2f} (allowed: {1 - MARGIN:.2f} to {1 + MARGIN:.2f})")
    return 0 if abs(ratio - 1) <= MARGIN else 1


if __name__ == "__main__":
    sys.exit(main())
