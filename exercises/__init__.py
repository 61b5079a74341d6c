"""Checked exercises for the lessons: your own code checked, offline, with hints and answers.

In a lesson's exercise section:

    from exercises import ____, lesson
    ex = lesson("01")                  # Chinese messages: lesson("01", language="zh")

    def softmax(logits):
        return ____                    # replace the blank with your code

    ex.softmax.check(softmax)          # correct, not yet (and what is wrong), or not attempted
    ex.softmax.hint()                  # one more hint at each call
    ex.softmax.solution()              # an answer, as code
"""

from __future__ import annotations

import importlib

# helpers first: it sets TensorFlow's environment and imports it without its start-up log lines.
import helpers  # noqa: F401

from .core import Lesson, ____

__all__ = ["LESSONS", "____", "lesson"]

# The lesson's number as the series writes it -> the module that holds its exercises.
LESSONS = {
    "01": "lesson_01",
    "02": "lesson_02",
    "02-B": "lesson_02b",
    "03": "lesson_03",
    "03-B": "lesson_03b",
    "04": "lesson_04",
    "05": "lesson_05",
    "12": "lesson_12",
    "13-B": "lesson_13b",
}


def lesson(number: str, language: str = "en") -> Lesson:
    """The checked exercises of lesson `number` ("01", "02-B", ...) in `language` ("en", "zh")."""
    if number not in LESSONS:
        raise ValueError(
            f"no checked exercises for lesson {number!r}; there are: {', '.join(LESSONS)}"
        )
    module = importlib.import_module(f".{LESSONS[number]}", __name__)
    return Lesson(module.TITLE, module.EXERCISES, language)
