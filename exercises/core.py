"""The machinery of a checked exercise: its three outcomes, its staged hints and its solution.

A lesson module (`exercises/lesson_01.py`, ...) describes its exercises with the classes below;
`exercises.lesson("01")` gives them to a notebook in one language.
"""

from __future__ import annotations

import enum
import inspect
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Self

LANGUAGES = ("en", "zh")


class _Blank:
    """The blank a learner replaces: `____` in an exercise's cell."""

    _instance: _Blank | None = None

    def __new__(cls) -> Self:  # one blank, so that `answer is ____` works after a re-import
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"


____ = _Blank()


@dataclass(frozen=True)
class Text:
    """One message in English and in Chinese; `{name}` fields are filled by `format`."""

    en: str
    zh: str

    def __call__(self, language: str, **fields: object) -> str:
        # A field may itself be a Text (the name of what is checked): in the same language.
        shown = {k: v(language) if isinstance(v, Text) else v for k, v in fields.items()}
        return getattr(self, language).format(**shown)


class Kind(enum.Enum):
    CORRECT = "correct"
    WRONG = "wrong"
    NOT_ATTEMPTED = "not attempted"


class Wrong(Exception):
    """Raised by a check: what is wrong with the answer, never what the right one is."""

    def __init__(self, text: Text, **fields: object) -> None:
        super().__init__(text("en", **fields))
        self.text = text
        self.fields = fields


class NotAttempted(Exception):
    """Raised by a check that finds the blank where the learner's answer should be."""


@dataclass(frozen=True)
class Outcome:
    """What `check` found, with the message it prints."""

    kind: Kind
    message: str

    def __str__(self) -> str:
        return self.message


PREFIX = {
    Kind.CORRECT: Text("✔ Correct.", "✔ 正确。"),
    Kind.WRONG: Text("✘ Not yet: ", "✘ 还不对："),
    Kind.NOT_ATTEMPTED: Text(
        "○ Not attempted yet: replace ____ with your answer, run that cell, then this one.",
        "○ 尚未作答：把 ____ 换成你的答案，先运行那个单元格，再运行这个。",
    ),
}
ASK_FOR_HINT = Text(" (ex.{name}.hint() gives a hint.)", "（ex.{name}.hint() 给出提示。）")
CRASHED = Text(
    "your code raised {error}: {detail}",
    "你的代码抛出了 {error}：{detail}",
)
UNREADABLE = Text(
    "the check could not read your answer ({error}): is it what the exercise asks for?",
    "检查无法读取你的答案（{error}）：它是题目要求的东西吗？",
)
LAST_HINT = Text(
    "That was the last hint; ex.{name}.solution() shows an answer.",
    "这是最后一条提示；ex.{name}.solution() 给出一个答案。",
)
HINT = Text("Hint {number} of {count}: ", "提示 {number}/{count}：")
SOLUTION = Text("An answer:", "一个答案：")
WHY = Text("Why: ", "原因：")


@dataclass
class Exercise:
    """A coding exercise: the learner's function (or value) is checked by `check`, which calls it
    on fixed inputs and raises `Wrong` or `NotAttempted`; `reference` is the answer shown by
    `solution` and must pass the check."""

    name: str
    check: Callable[[object], None]
    reference: object
    hints: Sequence[Text]
    explanation: Text | None = None
    shown_solution: str | None = None  # code to show instead of the reference's source

    def outcome(self, answer: object, language: str = "en") -> Outcome:
        """Check `answer` and say what was found, in `language`."""
        try:
            if answer is ____:
                raise NotAttempted
            self.check(answer)
        except NotAttempted:
            return Outcome(Kind.NOT_ATTEMPTED, PREFIX[Kind.NOT_ATTEMPTED](language))
        except Wrong as wrong:
            return self._wrong(wrong, language)
        except Exception as error:  # noqa: BLE001  (a check that cannot read the answer: no traceback)
            return self._wrong(Wrong(UNREADABLE, error=type(error).__name__), language)
        return Outcome(Kind.CORRECT, self.correct_message(language))

    def correct_message(self, language: str) -> str:
        """What `check` prints for a correct answer: the same for every correct answer."""
        message = PREFIX[Kind.CORRECT](language)
        if self.explanation is not None:
            message += "\n" + WHY(language) + self.explanation(language)
        return message

    def _wrong(self, wrong: Wrong, language: str) -> Outcome:
        message = PREFIX[Kind.WRONG](language) + wrong.text(language, **wrong.fields)
        hint = ASK_FOR_HINT(language, name=self.name)
        return Outcome(Kind.WRONG, message + hint)

    def solution_code(self) -> str:
        """The answer as code: the reference's source, or the code given for it."""
        if self.shown_solution is not None:
            return textwrap.dedent(self.shown_solution).strip()
        return textwrap.dedent(inspect.getsource(self.reference)).strip()  # type: ignore[arg-type]


@dataclass
class Question(Exercise):
    """A concept question: the answer is a letter or a number, compared by `check`."""

    def solution_code(self) -> str:
        return repr(self.reference)


def choice(correct: str, options: str = "ABCD") -> Callable[[object], None]:
    """A check of a multiple-choice answer given as one letter."""

    def check(answer: object) -> None:
        if not isinstance(answer, str) or answer.strip().upper() not in options:
            raise Wrong(NOT_A_CHOICE, options=", ".join(options))
        if answer.strip().upper() != correct:
            raise Wrong(WRONG_CHOICE, answer=answer.strip().upper())

    return check


def number(
    correct: float,
    tolerance: float = 0.0,
    too_low: Text | None = None,
    too_high: Text | None = None,
) -> Callable[[object], None]:
    """A check of an answer that is a number, within `tolerance`, with optional messages for an
    answer below or above it (they must not give the number away)."""

    def check(answer: object) -> None:
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            raise Wrong(NOT_A_NUMBER, answer=repr(answer))
        if abs(answer - correct) <= tolerance:
            return
        if answer < correct and too_low is not None:
            raise Wrong(too_low, answer=answer)
        if answer > correct and too_high is not None:
            raise Wrong(too_high, answer=answer)
        raise Wrong(WRONG_NUMBER, answer=answer)

    return check


NOT_A_CHOICE = Text(
    "answer with one letter as a string, one of {options}.",
    "请用一个字母（字符串）作答，可选 {options}。",
)
WRONG_CHOICE = Text(
    "{answer} is not the best answer. Read the options again.",
    "{answer} 不是最好的答案。再读一遍各个选项。",
)
NOT_A_NUMBER = Text("answer with a number, not {answer}.", "请用一个数字作答，而不是 {answer}。")
WRONG_NUMBER = Text("{answer} is not it.", "{answer} 不对。")


@dataclass
class Bound:
    """An exercise in one language, as a notebook uses it: `check`, `hint`, `solution`."""

    exercise: Exercise
    language: str
    hints_given: int = field(default=0)

    def check(self, answer: object) -> None:
        """Check your answer and print what was found."""
        print(self.exercise.outcome(answer, self.language))

    def hint(self) -> None:
        """Print the next hint (each call gives one more)."""
        hints = self.exercise.hints
        number = min(self.hints_given, len(hints) - 1)
        self.hints_given += 1
        label = HINT(self.language, number=number + 1, count=len(hints))
        print(label + hints[number](self.language))
        if number == len(hints) - 1:
            print(LAST_HINT(self.language, name=self.exercise.name))

    def solution(self) -> None:
        """Print an answer, as code."""
        print(SOLUTION(self.language))
        print(self.exercise.solution_code())
        if self.exercise.explanation is not None:
            print(WHY(self.language) + self.exercise.explanation(self.language))

    def __repr__(self) -> str:
        return f"<exercise {self.exercise.name}: .check(answer), .hint(), .solution()>"


class Lesson:
    """A lesson's checked exercises in one language: `ex.NAME.check(answer)` and so on."""

    def __init__(self, title: str, exercises: Sequence[Exercise], language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
        self._title = title
        self._names = [e.name for e in exercises]
        for exercise in exercises:
            setattr(self, exercise.name, Bound(exercise, language))

    def __repr__(self) -> str:
        return f"Checked exercises of {self._title}: " + ", ".join(self._names)
