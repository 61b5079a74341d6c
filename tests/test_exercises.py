"""Tests of the checked exercises (exercises/): every answer passes, every blank is "not attempted",
typical wrong answers (tests/exercise_cases/) each get their own message, and no message gives the
answer away, in both languages."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import re
from types import ModuleType

import numpy as np
import pytest

import exercises
import helpers
from exercises import core
from exercises.core import Exercise, Kind, Question, Text, Wrong, ____
from tutorial_checks import exercise_cells
from tutorial_checks import notebooks as nb

MODULES = {
    number: importlib.import_module(f"exercises.{name}")
    for number, name in exercises.LESSONS.items()
    if importlib.util.find_spec(f"exercises.{name}") is not None
}
EXERCISES = [(n, e) for n, m in MODULES.items() for e in m.EXERCISES]
CODING = [(n, e) for n, e in EXERCISES if not isinstance(e, Question)]
QUESTIONS = [(n, e) for n, e in EXERCISES if isinstance(e, Question)]
# Learners' answers in a message are theirs to see; any other number could be the answer.
LEARNERS_FIELDS = {"got", "answer", "error", "detail"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def ids(pairs: list[tuple[str, Exercise]]) -> list[str]:
    return [f"{number}-{exercise.name}" for number, exercise in pairs]


def cases(number: str) -> ModuleType:
    name = exercises.LESSONS[number]
    return importlib.import_module(f"exercise_cases.{name}")


def wrong_cases() -> list[tuple[str, Exercise, object, Text]]:
    found = []
    for number, exercise in CODING:
        for answer, text in cases(number).WRONG.get(exercise.name, []):
            found.append((number, exercise, answer, text))
    return found


def rejected_answers(exercise: Question) -> list[object]:
    """Answers a question must reject: every other letter, or numbers far from its own."""
    if isinstance(exercise.reference, str):
        return [letter for letter in "ABCD" if letter != exercise.reference] + ["Z", 2]
    value = exercise.reference
    return [value * 2 + 1, value / 2 - 1, str(value)]


def test_every_lesson_has_four_coding_exercises_and_three_questions():
    assert set(MODULES) == set(exercises.LESSONS), "a lesson has no module of checked exercises"
    for number, module in MODULES.items():
        coding = [e for e in module.EXERCISES if not isinstance(e, Question)]
        questions = [e for e in module.EXERCISES if isinstance(e, Question)]
        assert len(coding) >= 4 and len(questions) >= 3, number
        names = [e.name for e in module.EXERCISES]
        assert len(names) == len(set(names)), f"{number}: two exercises share a name"


@pytest.mark.parametrize("language", core.LANGUAGES)
@pytest.mark.parametrize(("number", "exercise"), EXERCISES, ids=ids(EXERCISES))
def test_the_answer_passes(number, exercise, language):
    outcome = exercise.outcome(exercise.reference, language)
    assert outcome.kind is Kind.CORRECT, outcome.message


@pytest.mark.parametrize(("number", "exercise"), EXERCISES, ids=ids(EXERCISES))
def test_the_blank_is_not_attempted(number, exercise):
    answers = [____] if isinstance(exercise, Question) else [____, lambda *a, **k: ____]
    for answer in answers:
        for language in core.LANGUAGES:
            outcome = exercise.outcome(answer, language)
            assert outcome.kind is Kind.NOT_ATTEMPTED
            assert outcome.message == core.PREFIX[Kind.NOT_ATTEMPTED](language)


@pytest.mark.parametrize(("number", "exercise"), CODING, ids=ids(CODING))
def test_every_coding_exercise_rejects_three_typical_wrong_answers(number, exercise):
    assert len(cases(number).WRONG.get(exercise.name, [])) >= 3


@pytest.mark.parametrize(
    ("number", "exercise", "answer", "text"),
    wrong_cases(),
    ids=[f"{n}-{e.name}-{getattr(a, '__name__', a)}" for n, e, a, _ in wrong_cases()],
)
def test_a_wrong_answer_gets_its_own_message_which_does_not_give_the_answer_away(
    number, exercise, answer, text
):
    with pytest.raises(Wrong) as raised:
        exercise.check(answer)
    assert raised.value.text is text, f"got: {raised.value}"
    assert not leaked_numbers(raised.value), str(raised.value)
    outcome = exercise.outcome(answer, "zh")  # the learner's view, in the other language too
    assert outcome.kind is Kind.WRONG
    assert text("zh", **raised.value.fields) in outcome.message


@pytest.mark.parametrize(("number", "exercise"), CODING, ids=ids(CODING))
def test_answers_of_the_wrong_kind_are_wrong_not_a_traceback(number, exercise):
    def crashes(*args, **kwargs):
        raise RuntimeError("my own mistake")

    for answer in ["a string", None, 42, crashes]:
        outcome = exercise.outcome(answer)
        assert outcome.kind is Kind.WRONG, answer
    assert "RuntimeError: my own mistake" in exercise.outcome(crashes).message


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def leaked_numbers(wrong: Wrong) -> set[str]:
    """The numbers in a failure message that neither its template nor the learner wrote."""
    allowed = set()
    for language in core.LANGUAGES:
        allowed |= numbers_in(getattr(wrong.text, language))
    for name, value in wrong.fields.items():
        if name in LEARNERS_FIELDS:
            allowed |= numbers_in(str(value))
        elif isinstance(value, Text):
            allowed |= numbers_in(value.en) | numbers_in(value.zh)
    found = set()
    for language in core.LANGUAGES:
        found |= numbers_in(wrong.text(language, **wrong.fields))
    return found - allowed


@pytest.mark.parametrize(("number", "exercise"), QUESTIONS, ids=ids(QUESTIONS))
def test_no_answer_to_a_question_is_given_away_when_it_is_wrong(number, exercise):
    for answer in rejected_answers(exercise):
        with pytest.raises(Wrong) as raised:
            exercise.check(answer)
        assert not leaked_numbers(raised.value), (answer, str(raised.value))
        # A message may list the options or repeat what the learner typed, nothing more.
        if raised.value.text is core.NOT_A_CHOICE or str(exercise.reference) in repr(answer):
            continue
        for language in core.LANGUAGES:
            message = exercise.outcome(answer, language).message
            reference = re.escape(str(exercise.reference))
            assert not re.search(rf"(?<![\w.]){reference}(?![\w.])", message), message


def test_the_leak_test_finds_a_message_that_quotes_the_answer():
    quoting = Text("the mean should be {want}, not {got}.", "平均值应为 {want}，而不是 {got}。")
    assert leaked_numbers(Wrong(quoting, want=0.25, got=0.5)) == {"0.25"}
    assert leaked_numbers(Wrong(quoting, want="yours", got=0.5)) == set()


def texts_of(module: ModuleType) -> list[Text]:
    found = [v for v in vars(module).values() if isinstance(v, Text)]
    for exercise in getattr(module, "EXERCISES", []):
        found += list(exercise.hints) + [exercise.explanation] * (exercise.explanation is not None)
    return found


@pytest.mark.parametrize("module", [core, *MODULES.values()], ids=lambda m: m.__name__)
def test_every_message_is_in_english_and_in_chinese_with_the_same_fields(module):
    texts = texts_of(module) + (texts_of(exercises.checking) if module is core else [])
    assert texts
    for text in texts:
        assert text.en.strip() and not CJK.search(text.en), text
        assert CJK.search(text.zh), f"no Chinese in {text.zh!r}"
        fields = [re.findall(r"\{(\w+)\}", getattr(text, lang)) for lang in core.LANGUAGES]
        assert sorted(fields[0]) == sorted(fields[1]), text


def printed(function, *args) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        function(*args)
    return out.getvalue()


def test_hints_come_one_at_a_time_and_say_when_they_run_out():
    exercise = MODULES["01"].SOFTMAX
    bound = core.Bound(exercise, "en")
    count = len(exercise.hints)
    for number in range(1, count + 1):
        text = printed(bound.hint)
        assert (
            text.startswith(f"Hint {number} of {count}: ") and exercise.hints[number - 1].en in text
        )
        assert ("last hint" in text) == (number == count)
    assert exercise.hints[-1].en in printed(bound.hint)
    assert "提示 1/" in printed(core.Bound(exercise, "zh").hint)


@pytest.mark.parametrize(("number", "exercise"), EXERCISES, ids=ids(EXERCISES))
def test_the_solution_shown_is_an_answer_that_passes(number, exercise):
    import keras
    import tensorflow as tf

    code = exercise.solution_code()
    if isinstance(exercise, Question):
        answer = eval(code)  # the answer's repr: a letter or a number
    else:
        namespace = {"tf": tf, "keras": keras, "np": np, "helpers": helpers}
        exec(code, namespace)  # noqa: S102  (the solution the module shows, run to check it)
        answer = namespace[exercise.name]
    assert exercise.outcome(answer).kind is Kind.CORRECT
    assert exercise.name in printed(core.Bound(exercise, "en").solution) or isinstance(
        exercise, Question
    )


def test_a_lesson_in_an_unknown_language_or_number_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="en"):
        exercises.lesson("01", language="fr")
    with pytest.raises(ValueError, match="02-B"):
        exercises.lesson("99")


def test_the_blank_stays_one_object():
    assert core._Blank() is ____ and repr(____) == "____"


NOTEBOOKS = [
    path
    for folder in (nb.NOTEBOOKS_DIR, nb.SOLUTIONS_DIR, nb.CHINESE_DIR, nb.CHINESE_DIR / "solutions")
    for path in nb.lessons(folder)
    if path != nb.SETUP_CHECK and path.name != nb.SETUP_CHECK.name
]


@pytest.mark.parametrize(
    "path", NOTEBOOKS, ids=lambda p: p.relative_to(nb.NOTEBOOKS_DIR).as_posix()
)
def test_every_notebook_checks_all_its_lessons_exercises_unanswered_or_answered(path):
    # Lessons store their checks not attempted; worked solutions store them passed.
    notebook = nb.read(path)
    number = exercise_cells.lesson_number(notebook)
    assert number, "no checked exercises (cells tagged exercise-setup and exercise)"
    language = "zh" if path.is_relative_to(nb.CHINESE_DIR) else "en"
    module = MODULES[number]
    checks = {}
    for position in exercise_cells.exercise_cells(notebook):
        cell = notebook["cells"][position]
        for name in re.findall(r"^ex\.(\w+)\.check\(", nb.source(cell), re.MULTILINE):
            checks[name] = nb.output_text(cell["outputs"])
    assert sorted(checks) == sorted(e.name for e in module.EXERCISES)
    solved = path.parent.name == "solutions"
    for exercise in module.EXERCISES:
        if solved:
            assert checks[exercise.name] == exercise.correct_message(language) + "\n"
        else:
            assert checks[exercise.name] == core.PREFIX[Kind.NOT_ATTEMPTED](language) + "\n"
