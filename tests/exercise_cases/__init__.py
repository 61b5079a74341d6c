"""Wrong answers for each lesson's checked exercises (tests/test_exercises.py): one module per
lesson, `lesson_01.py` for exercises/lesson_01.py, each with `WRONG`, for every coding exercise
a list of (a typical wrong answer, the message the check must give it)."""
