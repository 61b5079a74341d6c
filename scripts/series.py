"""The series' list, notebooks/series.toml, and the notebook tables written from it.

    python scripts/series.py           # write the tables into the READMEs and the teacher's guides
    python scripts/series.py --check   # change nothing; exit 1 if a table is out of date

notebooks/series.toml names every notebook once, in the order a learner takes them: its number,
file, title and one-line summary in English and Chinese, its worked solutions and records of full
runs, the notebooks it builds on, whether a first path may leave it out, and a study time (the
authors' estimate). From it and the run times that scripts/measure_run_times.py measured
(data/run_times.json, formatted as the setup check prints them, "3.0 min", or with Chinese units
in the Chinese files, "3.0 分钟"), this script writes the notebook tables of README.md,
README.zh-CN.md, TEACHING.md and TEACHING.zh-CN.md, and the run times their prose quotes, between
marker comments:

    <!-- series-table:lessons -->         the READMEs' table of the series
    <!-- series-table:run-times -->       the teacher's guides' table of run times
    <!-- series-time:NN_Title -->         one notebook's run time, in a sentence
    <!-- series-short:NN_Title -->        a long lesson's short run (QUICK = True), in a sentence
    <!-- series-exercises:NN_Title -->    the time a lesson's checked exercises take to run, all
                                          of them answered (measure_run_times.py --exercises;
                                          below a second: "under 1 s")
    <!-- series-value:seconds-per-100-steps -->   the reference machine's 100 training steps

each closed by the same comment with a slash (`<!-- /series-table:lessons -->`). Only what is
between the markers changes, in every file or in none. Run it after changing the list or
measuring the run times; tests/test_series.py fails while a table is out of date. The website
(scripts/build_site.py) takes the notebooks' names and order from the same list.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERIES = Path("notebooks/series.toml")  # both relative to the project folder
RUN_TIMES = Path("data/run_times.json")
LANGUAGES = ("en", "zh")
# Each file with generated parts: its language and the markers it must have.
DOCUMENTS = {
    "README.md": ("en", ("series-table:lessons",)),
    "README.zh-CN.md": ("zh", ("series-table:lessons",)),
    "TEACHING.md": ("en", ("series-table:run-times",)),
    "TEACHING.zh-CN.md": ("zh", ("series-table:run-times",)),
}
MARKER = re.compile(r"<!-- (/?)(series-[a-z]+:[\w.-]+) -->")
STEPS = "series-value:seconds-per-100-steps"


class SeriesError(Exception):
    """The list or a file with generated parts is not as this script expects; the message says
    where and what to do."""


# --- the list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    en: str
    zh: str

    def of(self, language: str) -> str:
        return getattr(self, language)


@dataclass(frozen=True)
class FullRun:
    """A record of a full run, in notebooks/full_runs/."""

    file: str
    trains: Text  # what the full run trains: "10,000 iterations per network"


@dataclass(frozen=True)
class Solutions:
    """A lesson's worked solutions, in notebooks/solutions/ (and notebooks/zh/solutions/)."""

    file: str
    trains: Text | None  # what they train, where less than the exercises ask
    full_run: FullRun | None


@dataclass(frozen=True)
class Notebook:
    """One notebook of the series, as notebooks/series.toml describes it."""

    number: str  # "02-B"
    file: str  # "02_Draw_a_Digit.ipynb", in notebooks/ and notebooks/zh/
    lesson: bool
    title: Text
    summary: Text
    prerequisites: tuple[str, ...]  # the numbers of the notebooks it builds on
    optional: bool
    study_minutes: int  # the authors' estimate
    trains: Text | None
    full_run: FullRun | None
    solutions: Solutions | None

    @property
    def name(self) -> str:
        """Its name in data/run_times.json: the file name without .ipynb."""
        return self.file.removesuffix(".ipynb")

    def records(self) -> list[FullRun]:
        """Its records of full runs: the lesson's, then its worked solutions'."""
        solutions = self.solutions.full_run if self.solutions else None
        return [run for run in (self.full_run, solutions) if run]


def check_keys(table: object, where: str, required: set[str], allowed: set[str]) -> dict:
    """A table of the list with its required keys and no other than the allowed ones (a
    misspelt key would otherwise be ignored)."""
    if not isinstance(table, dict):
        raise SeriesError(f"{SERIES}, {where}: expected a table, found {table!r}")
    missing = sorted(required - table.keys())
    unknown = sorted(table.keys() - required - allowed)
    if missing or unknown:
        problems = [f"lacks {', '.join(missing)}"] if missing else []
        problems += [f"has unknown key(s) {', '.join(unknown)}"] if unknown else []
        raise SeriesError(f"{SERIES}, {where}: {'; '.join(problems)}")
    return table


def check_type(value: object, kind: type, where: str) -> object:
    """`value` if it is of `kind` (and a string is not empty), else a SeriesError."""
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise SeriesError(f"{SERIES}, {where}: expected a {kind.__name__}, found {value!r}")
    return value


def parse_text(value: object, where: str) -> Text:
    table = check_keys(value, where, set(LANGUAGES), set())
    return Text(**{language: check_type(table[language], str, where) for language in LANGUAGES})


def parse_full_run(value: object, where: str) -> FullRun:
    table = check_keys(value, where, {"file", "trains"}, set())
    return FullRun(
        check_type(table["file"], str, where), parse_text(table["trains"], f"{where}, trains")
    )


def parse_solutions(value: object, where: str) -> Solutions:
    table = check_keys(value, where, {"file"}, {"trains", "full_run"})
    return Solutions(
        file=check_type(table["file"], str, where),
        trains=parse_text(table["trains"], f"{where}, trains") if "trains" in table else None,
        full_run=(
            parse_full_run(table["full_run"], f"{where}, full_run") if "full_run" in table else None
        ),
    )


def parse_notebook(value: object, position: int) -> Notebook:
    """The list's entry at `position` (from 1)."""
    where = f"notebook {position}"
    required = {"number", "file", "title", "summary", "prerequisites", "optional", "study_minutes"}
    table = check_keys(value, where, required, {"lesson", "trains", "full_run", "solutions"})
    where = f"notebook {position} ({table['number']})"
    prerequisites = check_type(table["prerequisites"], list, f"{where}, prerequisites")
    minutes = table["study_minutes"]
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise SeriesError(f"{SERIES}, {where}: study_minutes must be a whole number above 0")
    return Notebook(
        number=check_type(table["number"], str, where),
        file=check_type(table["file"], str, where),
        lesson=check_type(table.get("lesson", True), bool, f"{where}, lesson"),
        title=parse_text(table["title"], f"{where}, title"),
        summary=parse_text(table["summary"], f"{where}, summary"),
        prerequisites=tuple(check_type(p, str, f"{where}, prerequisites") for p in prerequisites),
        optional=check_type(table["optional"], bool, f"{where}, optional"),
        study_minutes=minutes,
        trains=parse_text(table["trains"], f"{where}, trains") if "trains" in table else None,
        full_run=(
            parse_full_run(table["full_run"], f"{where}, full_run") if "full_run" in table else None
        ),
        solutions=(
            parse_solutions(table["solutions"], f"{where}, solutions")
            if "solutions" in table
            else None
        ),
    )


def order_problems(notebooks: list[Notebook]) -> list[str]:
    """What is wrong with the list as a whole: a number or file named twice, a prerequisite that
    is not in the list or comes after the notebook that needs it."""
    problems, seen = [], set()
    for field in ("number", "file"):
        values = [getattr(n, field) for n in notebooks]
        problems += [
            f"the {field} {v} is named twice" for v in sorted(set(values)) if values.count(v) > 1
        ]
    numbers = [n.number for n in notebooks]
    for notebook in notebooks:
        for needed in notebook.prerequisites:
            if needed not in numbers:
                problems.append(f"{notebook.number} needs {needed}, which is not in the list")
            elif needed not in seen:
                problems.append(f"{notebook.number} needs {needed}, which comes after it")
        seen.add(notebook.number)
    return problems


def read_series(path: Path) -> list[Notebook]:
    """The notebooks of the list at `path`, in its order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SeriesError(f"{SERIES} is not valid TOML: {error}") from None
    check_keys(data, "the top level", {"notebook"}, set())
    notebooks = [parse_notebook(e, i) for i, e in enumerate(data["notebook"], start=1)]
    problems = order_problems(notebooks)
    if problems:
        raise SeriesError(f"{SERIES}: " + "; ".join(problems))
    return notebooks


# --- the tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """What the tables say in one language."""

    other_edition: str  # the link to the other language's notebook
    brackets: tuple[str, str]
    separator: str  # before a note: ", optional"
    list_separator: str  # between the records of a lesson and of its solutions
    colon: str
    optional: str
    solutions: str  # the link to a lesson's worked solutions
    lesson_record: str
    solutions_record: str
    none_needed: str  # a lesson without a record of a full run
    hours: str
    minutes: str
    seconds: str
    english_only: str  # after a link to a page that has no edition in this language
    under: str  # a time below the smallest one shown: "under 1 s"
    lessons_header: tuple[str, ...]
    run_times_header: tuple[str, ...]


WORDS = {
    "en": Words(
        other_edition="中文",
        brackets=(" (", ")"),
        separator=", ",
        list_separator="; ",
        colon=": ",
        optional="optional",
        solutions="solutions",
        lesson_record="lesson",
        solutions_record="solutions",
        none_needed="none needed",
        hours="{} h",
        minutes="{} min",
        seconds="{} s",
        english_only="",
        under="under {}",
        lessons_header=(
            "notebook",
            "what it teaches",
            "study time (authors' estimate)",
            "run time, 2-core CPU (measured)",
            "worked solutions, run time",
            "record of a full run",
        ),
        run_times_header=(
            "notebook",
            "run time",
            "short run (`QUICK = True`)",
            "its worked solutions",
        ),
    ),
    "zh": Words(
        other_edition="英文版",
        brackets=("（", "）"),
        separator="，",
        list_separator="；",
        colon="：",
        optional="选学",
        solutions="参考解答",
        lesson_record="本课",
        solutions_record="参考解答",
        none_needed="不需要",
        hours="{} 小时",
        minutes="{} 分钟",
        seconds="{} 秒",
        english_only="（英文）",
        under="不到 {}",
        lessons_header=(
            "笔记本",
            "内容",
            "学习时间（作者估计）",
            "运行时长（双核 CPU，实测）",
            "练习参考解答及其运行时长",
            "完整运行的记录",
        ),
        run_times_header=("笔记本", "运行时长", "短运行（`QUICK = True`）", "它的练习参考解答"),
    ),
}


def study_time(minutes: int, language: str) -> str:
    """A study time as the tables show it: "45 min", "2 h", "1 h 15 min"."""
    words = WORDS[language]
    hours, rest = divmod(minutes, 60)
    parts = ([words.hours.format(hours)] if hours else []) + (
        [words.minutes.format(rest)] if rest else []
    )
    return " ".join(parts)


def run_time(seconds: float, language: str = "en") -> str:
    """A measured run time as the setup check prints it ("12 s", "3.0 min"), in Chinese with
    Chinese units ("12 秒", "3.0 分钟")."""
    # Imported here: the website's build reads the list without the learner's modules installed.
    from setup_check import duration

    number, unit = duration(seconds).split(" ")
    words = WORDS[language]
    units = {"s": words.seconds, "min": words.minutes}
    if unit not in units:
        raise SeriesError(f"setup_check.duration printed an unknown unit: {duration(seconds)!r}")
    return units[unit].format(number)


def read_run_times(path: Path) -> dict:
    """data/run_times.json: the reference machine's measured run times."""
    try:
        run_times = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SeriesError(
            f"{RUN_TIMES} is not valid JSON ({error}): measure again with "
            "scripts/measure_run_times.py, or restore it with git"
        ) from None
    if not isinstance(run_times, dict):
        raise SeriesError(f"{RUN_TIMES}: expected a JSON object, found {type(run_times).__name__}")
    return run_times


def measured(run_times: dict, name: str) -> float:
    """The measured run time of the notebook `name` (file name without .ipynb)."""
    try:
        return run_times["notebooks"][name]
    except KeyError:
        raise SeriesError(
            f"{RUN_TIMES} has no run time for {name}: measure it with scripts/measure_run_times.py"
        ) from None


def short_run_seconds(run_times: dict, name: str) -> float:
    """The measured run time of the lesson `name`'s short run (QUICK = True)."""
    try:
        return run_times["short_runs"][name]
    except (KeyError, TypeError):
        raise SeriesError(
            f"{RUN_TIMES} has no short run's time for {name}: measure it with "
            "scripts/measure_run_times.py --short (tutorial_checks/short_run.py lists the lessons "
            "that have one)"
        ) from None


EXERCISES = "exercises"  # data/run_times.json's key for the checked exercises' times


def exercise_seconds(run_times: dict, name: str) -> float:
    """The measured time of the checked exercises of the lesson `name`, all answered as its
    worked solutions answer them (scripts/measure_run_times.py --exercises)."""
    measure = "measure them with python scripts/measure_run_times.py --exercises"
    times = run_times.get(EXERCISES)
    if times is None:
        raise SeriesError(
            f'{RUN_TIMES} has no checked exercises\' times ("{EXERCISES}"): {measure}'
        )
    if not isinstance(times, dict):
        raise SeriesError(
            f'{RUN_TIMES}: "{EXERCISES}" should map each lesson to seconds, found {times!r}: '
            f"{measure} again"
        )
    if name not in times:
        raise SeriesError(f"{RUN_TIMES} has no checked exercises' time for {name}: {measure}")
    seconds = times[name]
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
        raise SeriesError(
            f"{RUN_TIMES}: the checked exercises' time for {name} is {seconds!r}, not seconds: "
            f"{measure} again"
        )
    return seconds


def exercise_time(seconds: float, language: str = "en") -> str:
    """The checked exercises' time as the guides quote it: as a run time ("2 s"), and "under 1 s"
    (in Chinese "不到 1 秒") below a second, where the setup check's format would print 0 s."""
    if seconds < 1:
        words = WORDS[language]
        return words.under.format(words.seconds.format(1))
    return run_time(seconds, language)


def lesson_path(notebook: Notebook, language: str) -> str:
    return f"notebooks/{'zh/' if language == 'zh' else ''}{notebook.file}"


def solutions_path(solutions: Solutions, language: str) -> str:
    return f"notebooks/{'zh/' if language == 'zh' else ''}solutions/{solutions.file}"


def other(language: str) -> str:
    return "zh" if language == "en" else "en"


def with_note(text: str, note: Text | None, language: str) -> str:
    """`text`, and `note` in brackets after it if there is one: "2.4 min (500 iterations ...)"."""
    if note is None:
        return text
    opening, closing = WORDS[language].brackets
    return f"{text}{opening}{note.of(language)}{closing}"


def both_editions(text: str, path: str, other_path: str, language: str) -> str:
    """A link to a notebook, then to its twin in the other language: "[01 ...](...) ([中文](...))"."""
    words = WORDS[language]
    opening, closing = words.brackets
    return f"[{text}]({path}){opening}[{words.other_edition}]({other_path}){closing}"


def notebook_cell(notebook: Notebook, language: str) -> str:
    words = WORDS[language]
    name = f"{notebook.number} {notebook.title.of(language)}"
    cell = both_editions(
        name, lesson_path(notebook, language), lesson_path(notebook, other(language)), language
    )
    return cell + (f"{words.separator}{words.optional}" if notebook.optional else "")


def run_time_cell(notebook: Notebook, run_times: dict, language: str) -> str:
    if not notebook.lesson:
        return ""
    seconds = measured(run_times, notebook.name)
    return with_note(run_time(seconds, language), notebook.trains, language)


def solutions_cell(notebook: Notebook, run_times: dict, language: str) -> str:
    solutions = notebook.solutions
    if solutions is None:
        return ""
    words = WORDS[language]
    link = both_editions(
        words.solutions,
        solutions_path(solutions, language),
        solutions_path(solutions, other(language)),
        language,
    )
    seconds = measured(run_times, solutions.file.removesuffix(".ipynb"))
    return with_note(
        f"{link}{words.colon}{run_time(seconds, language)}", solutions.trains, language
    )


def full_run_cell(notebook: Notebook, language: str) -> str:
    if not notebook.lesson:
        return ""
    words = WORDS[language]
    runs = [(words.lesson_record, notebook.full_run)]
    if notebook.solutions:
        runs.append((words.solutions_record, notebook.solutions.full_run))
    parts = [
        f"{whose}{words.colon}[{run.trains.of(language)}](notebooks/full_runs/{run.file})"
        f"{words.english_only}"  # the records are English only
        for whose, run in runs
        if run
    ]
    return words.list_separator.join(parts) if parts else words.none_needed


def table(header: tuple[str, ...], alignments: tuple[str, ...], rows: list[list[str]]) -> str:
    """A markdown table."""
    lines = [header, alignments, *rows]
    return "\n".join("|" + "|".join(f" {c} " if c else " " for c in cells) + "|" for cells in lines)


def lessons_table(notebooks: list[Notebook], run_times: dict, language: str) -> str:
    """The READMEs' table: every notebook, what it teaches, its study time and run time, its
    worked solutions and records of full runs."""
    rows = [
        [
            notebook_cell(n, language),
            n.summary.of(language),
            study_time(n.study_minutes, language),
            run_time_cell(n, run_times, language),
            solutions_cell(n, run_times, language),
            full_run_cell(n, language),
        ]
        for n in notebooks
    ]
    header = WORDS[language].lessons_header
    return table(header, ("---",) * len(header), rows)


def run_times_table(notebooks: list[Notebook], run_times: dict, language: str) -> str:
    """The teacher's guides' table: each lesson's run time, its short run's (the long lessons':
    tutorial_checks/short_run.py) and its worked solutions'."""
    short = run_times.get("short_runs", {})
    rows = [
        [
            f"[{n.number} {n.title.of(language)}]({lesson_path(n, language)})",
            run_time(measured(run_times, n.name), language),
            run_time(short[n.name], language) if n.name in short else "",
            run_time(measured(run_times, n.solutions.file.removesuffix(".ipynb")), language)
            if n.solutions
            else "",
        ]
        for n in notebooks
        if n.lesson
    ]
    return table(WORDS[language].run_times_header, ("---", "---:", "---:", "---:"), rows)


def generated(marker: str, language: str, notebooks: list[Notebook], run_times: dict) -> str:
    """What belongs between the markers `marker` in a file in `language`."""
    kind, _, argument = marker.partition(":")
    if marker == "series-table:lessons":
        return f"\n\n{lessons_table(notebooks, run_times, language)}\n\n"
    if marker == "series-table:run-times":
        return f"\n\n{run_times_table(notebooks, run_times, language)}\n\n"
    if kind == "series-time":
        return run_time(measured(run_times, argument), language)
    if kind == "series-short":
        return run_time(short_run_seconds(run_times, argument), language)
    if kind == "series-exercises":
        return exercise_time(exercise_seconds(run_times, argument), language)
    if marker == STEPS:
        return f"{run_times['seconds_per_100_steps']:.2f}"
    raise SeriesError(
        f"unknown marker <!-- {marker} -->: scripts/series.py knows series-table:lessons, "
        f"series-table:run-times, series-time:NN_Title (a notebook's run time), "
        f"series-short:NN_Title (its short run's), series-exercises:NN_Title (its checked "
        f"exercises' time) and {STEPS}"
    )


# --- the files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """The text between a pair of markers: text[start:end]."""

    marker: str
    start: int
    end: int


def regions(text: str, name: str) -> list[Region]:
    """The generated parts of the file `name`, each between `<!-- M -->` and `<!-- /M -->`."""
    found: list[Region] = []
    opened: tuple[str, int] | None = None  # the open marker and where its part starts
    for match in MARKER.finditer(text):
        closing, marker = match[1] == "/", match[2]
        if not closing and opened is None:
            opened = (marker, match.end())
        elif not closing:
            raise SeriesError(
                f"{name}: <!-- {marker} --> inside <!-- {opened[0]} -->: close that one first,"
                f" with <!-- /{opened[0]} -->"
            )
        elif opened is None:
            raise SeriesError(f"{name}: <!-- /{marker} --> has no <!-- {marker} --> before it")
        elif marker != opened[0]:
            raise SeriesError(
                f"{name}: <!-- /{marker} --> where <!-- /{opened[0]} --> was expected"
            )
        else:
            found.append(Region(marker, opened[1], match.start()))
            opened = None
    if opened is not None:
        raise SeriesError(f"{name}: <!-- {opened[0]} --> has no <!-- /{opened[0]} --> after it")
    return found


def check_markers(text: str, found: list[Region], name: str, required: tuple[str, ...]) -> None:
    """Every required marker there, a table once and its markers on lines of their own; a value's
    markers within a line, after some text (a line that starts with `<!--` starts an HTML block
    in markdown, which would cut its paragraph in two)."""
    markers = [region.marker for region in found]
    for marker in required:
        if marker not in markers:
            raise SeriesError(
                f"{name} has no marker <!-- {marker} -->: add the line <!-- {marker} --> and, "
                f"below it, the line <!-- /{marker} --> where the table belongs, then run "
                "python scripts/series.py"
            )
    for region in found:
        opening = region.start - len(f"<!-- {region.marker} -->")
        closing = region.end + len(f"<!-- /{region.marker} -->")
        line_start = text.rfind("\n", 0, opening) + 1
        if region.marker.startswith("series-table:"):
            if markers.count(region.marker) > 1:
                raise SeriesError(f"{name}: the table <!-- {region.marker} --> is there twice")
            alone = line_start == opening and text[closing : closing + 1] in ("\n", "")
            if not alone or text[region.start] != "\n" or text[region.end - 1] != "\n":
                raise SeriesError(
                    f"{name}: the markers of <!-- {region.marker} --> must each be on a line of"
                    " their own"
                )
        elif not text[line_start:opening].strip() or "\n" in text[region.start : region.end]:
            raise SeriesError(
                f"{name}: <!-- {region.marker} --> must stand within a line, after some text,"
                " and its value with its closing marker on the same line"
            )


def prose(text: str, name: str = "text") -> str:
    """`text` without what is generated between its markers (the markers stay)."""
    pieces, position = [], 0
    for region in regions(text, name):
        pieces.append(text[position : region.start])
        position = region.end
    return "".join(pieces) + text[position:]


@dataclass(frozen=True)
class Document:
    """A file with generated parts: as it is, and as the list and the run times make it."""

    path: Path
    text: str
    updated: str
    stale: tuple[str, ...]  # the markers whose parts differ


def document(
    path: Path, language: str, required: tuple[str, ...], notebooks: list[Notebook], times: dict
) -> Document:
    """The file at `path`, with each generated part as it should be."""
    text = path.read_text(encoding="utf-8")
    found = regions(text, path.name)
    check_markers(text, found, path.name, required)
    pieces, stale, position = [], [], 0
    for region in found:
        try:
            new = generated(region.marker, language, notebooks, times)
        except SeriesError as error:
            raise SeriesError(f"{path.name}: {error}") from None
        if text[region.start : region.end] != new:
            stale.append(region.marker)
        pieces += [text[position : region.start], new]
        position = region.end
    return Document(path, text, "".join(pieces) + text[position:], tuple(dict.fromkeys(stale)))


def documents(root: Path) -> list[Document]:
    """The files with generated parts under `root`, each as it is and as it should be."""
    notebooks = read_series(root / SERIES)
    times = read_run_times(root / RUN_TIMES)
    return [
        document(root / name, language, required, notebooks, times)
        for name, (language, required) in DOCUMENTS.items()
    ]


def out_of_date(root: Path) -> list[str]:
    """Each generated part that differs from what the list and the run times give, as
    "README.md: <!-- series-table:lessons -->"."""
    return [f"{d.path.name}: <!-- {marker} -->" for d in documents(root) for marker in d.stale]


def replace_file(path: Path, text: str) -> None:
    """Write `path` whole or not at all: a temporary file beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


def write(root: Path) -> list[Path]:
    """Write every generated part; the files that changed. Nothing is written unless every
    file's new text could be made."""
    changed = [d for d in documents(root) if d.updated != d.text]
    for d in changed:
        replace_file(d.path, d.updated)
    return [d.path for d in changed]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a table is out of date"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = out_of_date(ROOT)
            for part in stale:
                print(f"out of date: {part}")
            if stale:
                print("Run python scripts/series.py to write them.")
                return 1
            print("Every notebook table is current.")
            return 0
        changed = write(ROOT)
    except (SeriesError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"wrote {path.relative_to(ROOT)}")
    if not changed:
        print("Every notebook table was current: nothing written.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
