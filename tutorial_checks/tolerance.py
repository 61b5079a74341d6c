"""The numeric tolerance for training outputs: which numbers are measured, and how far each may drift.

nbval compares each cell's text output with the stored one, exactly. That holds on the kind of
machine that made the outputs (seeded, deterministic ops, oneDNN on). On another CPU the vector
instructions round differently in the last bits, and after thousands of training steps the
accuracies differ a little. Cells tagged ``tolerant-numbers`` (those whose output depends on
training) therefore pass if their text is the same and each *measured* number in it is within
the bound of its kind. Every other number in them (iterations, epochs, image counts, totals,
the original tutorial's figures) must match exactly, as must every untagged cell.

Which numbers are measured, and of what kind, is said by the patterns in ``MEASURED``, matched
against the stored text; a number that no pattern names is compared exactly. The bounds come
from ``scripts/measure_drift.py``; ``DRIFT.md`` beside this file records the measurements.
"""

from __future__ import annotations

import configparser
import math
import re
from dataclasses import dataclass

from tutorial_checks import ROOT

# nbval's sanitize file: regular expressions that mask what legitimately changes (timings).
SANITIZE_FILE = ROOT / "tests" / "nbval_sanitize.cfg"

TOLERANT_TAG = "tolerant-numbers"
# Cells whose output depends on the path that training took, through decisions on measured
# numbers (early stopping: which checkpoint is best, when to stop). On a CPU whose arithmetic
# differs from the reference machine's, training takes another path and the output differs in
# its structure, not just in its numbers; there, these cells are run but not compared.
SAME_CPU_TAG = "same-cpu-only"
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?|\b(?:nan|inf)\b")

# Bound per kind of measured number: the largest difference allowed, set just above the largest
# drift measured (DRIFT.md).
BOUNDS = {
    "percent": 0.5,  # accuracy on a whole data set, in percentage points (largest seen: 0.4)
    "fraction": 0.005,  # the same as a fraction, as Keras prints it (seen: 0.0025)
    "batch": 2.0,  # accuracy on one batch of 64, in points: one image is 1.56 (seen: 1.6)
    # The same as a fraction, as Keras's progress bar shows it: one image is 0.0156 (seen: 0.0156).
    "batch_fraction": 0.02,
    "matrix": 7,  # one entry of a confusion matrix of the 10,000 test images (seen: 6)
    "loss": 0.08,  # cost or loss, relative: |a - b| <= 0.08 * max(|a|, |b|) (seen: 0.071)
    "weight": 0.0001,  # mean or standard deviation of weights (only in same-cpu-only cells)
    # Accuracy on images unlike those the network last trained on, in points: shifted test images
    # of a network trained only 500 iterations (#02's worked solutions), an old adversarial noise
    # after the network trained against newer ones (#12's). Far from what it learnt, it drifts
    # more than the lessons' accuracies (seen: 0.57 and 0.50, AVX-512 against AVX2).
    "unfamiliar": 0.75,
    # #03-B and its worked solutions: accuracies (and the ablation's standard errors) of networks
    # trained briefly, 86 steps to one epoch, on plain images and moved by 4 pixels, in points.
    # The shorter the training, the more it drifts (seen: 1.06, a network trained 86 steps at a
    # constant learning rate, AVX-512 against AVX2).
    "brief": 1.25,
}
RELATIVE_KINDS = {"loss"}

# Measured numbers: named groups mark them, the group's name (without trailing digits) is the
# kind; "count" is a number of correct images out of the total that follows it, bounded by
# the "percent" bound times that total. Everything else must match exactly.
MEASURED = [
    re.compile(p, re.MULTILINE)
    for p in (
        r"Accuracy on Test-Set: (?P<percent>[\d.]+)% \((?P<count>\d+) / \d+\)",
        r"Training Accuracy: +(?P<batch>[\d.]+)%",
        r"Training Batch Accuracy: +(?P<batch>[\d.]+)%",
        r"Validation Accuracy: +(?P<percent>[\d.]+)%",
        r"Best validation accuracy: (?P<percent>[\d.]+)%",
        r"Mean: (?P<weight1>-?[\d.]+), Stdev: (?P<weight2>[\d.]+)",
        r"on (?:the|this) batch before the step: (?P<batch>[\d.]+)%",
        r"on (?:the|this) batch before the step: (?P<loss1>[\d.]+), after: (?P<loss2>[\d.]+)",
        r"^cost: (?P<loss>[\d.]+)$",
        r"Accuracy on the [\w-]+ set: +(?P<percent>[\d.]+)%",
        r"on the held-out set: (?P<percent>[\d.]+)%",  # notebook #05's networks
        r"^ *network \d+ +(?P<percent1>[\d.]+)% +(?P<percent2>[\d.]+)%$",  # #05: held-out, test
        r"^ *ensemble +(?P<percent>[\d.]+)%$",
        r"best network (?P<percent1>[\d.]+)%, ensemble (?P<percent2>[\d.]+)%",
        r"wrong: (?P<matrix>\d+) images$",  # #05: test images in one category, like a matrix entry
        (
            r"^network \d(?: +(?P<percent1>[\d.]+)%)(?: +(?P<percent2>[\d.]+)%)(?: +(?P<percent3>[\d.]+)%)"
            r"(?: +(?P<percent4>[\d.]+)%) +\("
        ),  # #05: the like-with-like table
        r"^Unanimous: (?P<count>[\d,]+) of [\d,]+ test images; a vote ties on (?P<matrix>\d+) of",
        r"(?:Prediction:|the network says) \d \((?P<percent>\d+)%\)",  # #02-B: one drawing
        (
            r"training images +(?P<percent1>[\d.]+)%, 1,000 others +(?P<percent2>[\d.]+)%, "
            r"validation set +(?P<percent3>[\d.]+)%"
        ),  # #02's overfitting experiment
        r"accuracy: (?P<fraction>[\d.]+)",
        # After the line above, so that its kind replaces "fraction" for the bar's last batch.
        r"batch accuracy: (?P<batch_fraction>[\d.]+)",
        r"loss: (?P<loss>[\d.]+)",
        r"^ *[\d,]+ +(?P<percent>[\d.]+)% +[\d.]+%$",  # print_accuracy_table: this run, original
        r"^(?:Sequential|Functional) +\w+ +(?P<percent>[\d.]+)%",  # notebook #03's comparison
        r"^ ?\[{1,2}(?P<matrix>[\d ]+)\]",  # a row of a printed confusion matrix
        # #12: the test images per predicted class (like a row of the confusion matrix), the
        # noise for each target, and accuracies on noisy and clean images.
        r"^Images per predicted class: \[(?P<matrix>[\d ]+)\]$",
        r"^Target \d: classified as \d: +(?P<percent1>[\d.]+)%, accuracy: +(?P<percent2>[\d.]+)%$",
        r"accuracy on noisy images: +(?P<percent1>[\d.]+)%, on clean images: +(?P<percent2>[\d.]+)%$",
        # #12's worked solutions.
        r"^After +[\d,]+ iterations: (?P<percent>[\d.]+)% of the test images classified as \d$",
        r"classified as \d: (?P<percent>[\d.]+)% +size of the noise \(L2 norm\): +(?P<loss>[\d.]+)$",
        r"^Classified as \d: (?P<percent>[\d.]+)%$",
        r"^(?:Not moved to \d, by true class|Classified as, when not \d): +\[(?P<matrix>[\d ]+)\]$",
        r"accuracy (?P<percent1>[\d.]+)% before training, (?P<percent2>[\d.]+)% after$",
        r"^At the end, against the noise for \d: +(?P<unfamiliar>[\d.]+)%$",
        r"^At the end, on clean images: +(?P<percent>[\d.]+)%$",
        r"^Accuracy on noisy test images: (?P<percent>[\d.]+)%$",
        # #03-B: the shift table of #03's network and ours (and its worked solutions' comparisons,
        # printed alike), and the ablation's rows (mean ± standard error over the seeds, on the
        # validation set and on it moved right by 4 pixels).
        r"^#03's network, moved right by \d: (?P<unfamiliar>[\d.]+)%$",
        r"^moved right by \d: +(?P<brief1>[\d.]+)% +(?P<brief2>[\d.]+)%$",
        (
            r"^(?:all tools|without [a-zA-Z ]+?) +(?P<brief1>[\d.]+) % ± (?P<brief2>[\d.]+)"
            r" +(?P<brief3>[\d.]+) % ± (?P<brief4>[\d.]+)$"
        ),
        # #02's worked solutions: the shift table of two networks trained 500 iterations. Last,
        # so that its kind replaces the one that "Accuracy on the test set" gives these numbers.
        (
            r"^(?:#02's network|trained on shifted images) *, moved right by \d: "
            r"Accuracy on the test set: (?P<unfamiliar>[\d.]+)%$"
        ),
    )
]


@dataclass(frozen=True)
class Difference:
    """A measured number that differs: its kind, the two values, and whether it is in bounds."""

    kind: str
    stored: float
    new: float
    allowed: float

    @property
    def within(self) -> bool:
        # The margin absorbs binary rounding: 0.9512 - 0.9412 is 0.010000000000000009.
        return abs(self.stored - self.new) <= self.allowed * (1 + 1e-9) + 1e-12


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _skeleton(text: str) -> list[str]:
    """The text between the numbers, each piece with its whitespace collapsed and trimmed."""
    # Trimmed, so that a printed matrix whose columns widen ("[ 9" -> "[10") still matches.
    return [" ".join(piece.split()) for piece in NUMBER.split(text)]


def _kinds(text: str) -> dict[int, tuple[str, float]]:
    """Start of each measured number in `text` -> (kind, the total it counts out of, or 0)."""
    kinds = {}
    for pattern in MEASURED:
        for match in pattern.finditer(text):
            for name, span in ((n, match.span(n)) for n in match.groupdict()):
                if span[0] < 0:
                    continue
                kind = name.rstrip("0123456789")
                total = 0.0
                if kind == "count":
                    total = _value(NUMBER.search(text, span[1]).group())
                for number in NUMBER.finditer(text, span[0], span[1]):
                    kinds[number.start()] = (kind, total)
    return kinds


def _allowed(kind: str, total: float, stored: float, new: float) -> float:
    if kind == "count":
        return BOUNDS["percent"] / 100 * total
    if kind in RELATIVE_KINDS:
        return BOUNDS[kind] * max(abs(stored), abs(new))
    return BOUNDS[kind]


def differences(stored: str, new: str) -> list[Difference] | None:
    """The measured numbers in which `new` differs from `stored`, or None if anything else does.

    None: the texts differ in words, in the count of numbers, in a number compared exactly, or
    in a value that is not finite.
    """
    if _skeleton(stored) != _skeleton(new):
        return None
    kinds = _kinds(stored)
    found = []
    for a, b in zip(NUMBER.finditer(stored), NUMBER.finditer(new)):
        if a.group() == b.group():
            continue
        x, y = _value(a.group()), _value(b.group())
        if a.start() not in kinds or not (math.isfinite(x) and math.isfinite(y)):
            return None
        kind, total = kinds[a.start()]
        found.append(Difference(kind, x, y, _allowed(kind, total, x, y)))
    return found


def numbers_close(stored: str, new: str) -> bool:
    """True if the texts differ only in spacing and in measured numbers, each within bounds."""
    found = differences(stored, new)
    return found is not None and all(d.within for d in found)


def sanitizer() -> list[tuple[re.Pattern, str]]:
    """The replacements of nbval's sanitize file, in the order nbval applies them."""
    config = configparser.ConfigParser()
    config.read(SANITIZE_FILE)
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def sanitize(text: str, rules: list[tuple[re.Pattern, str]]) -> str:
    """`text` with each rule's matches replaced, as nbval does before it compares."""
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text
