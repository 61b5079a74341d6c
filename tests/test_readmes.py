"""The READMEs are the learner's front door, and the maintainers' texts are one link away.

- README.md is short (at most MAX_LINES lines), its first install command is the learner's
  (`pip install ".[local]"`, not requirements.txt), and its section "For contributors" names the
  two commands that CI runs; `.ci/run` runs exactly those. Its suggested path through the series
  is the one notebooks/series.toml gives (the lessons in order, the optional ones as optional).
- README.zh-CN.md says what README.md says, compared the way the notebook twins are: section by
  section, every image, every link target and every table row of the English README has its
  counterpart in the Chinese one, and the same commands. It links CONTRIBUTING.md, marked as
  English.
- Every relative link of the READMEs, the teacher's guides, CONTRIBUTING.md and the benchmark's
  README and its Chinese counterpart resolves, anchors included; the READMEs link
  CONTRIBUTING.md. The Chinese texts mark each link to an English-only page （英文）.
- None of these texts types a run time, a test count or a suite time by hand: the notebooks'
  tables are generated (scripts/series.py), and only the benchmark's READMEs' tables, one run's
  output, hold measured times.

When README.md gains a section, add it to SECTIONS with its Chinese heading. Prose is not
compared: a translator reads both."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from script_modules import load_script
from tutorial_checks import ROOT
from tutorial_checks import markdown as md
from tutorial_checks.markdown import github_anchor

series = load_script("scripts/series.py")

ENGLISH_NAME, CHINESE_NAME = "README.md", "README.zh-CN.md"
CONTRIBUTING, BENCHMARKS = "CONTRIBUTING.md", "benchmarks/README.md"
BENCHMARKS_ZH = "benchmarks/README.zh-CN.md"
# English texts with a Chinese counterpart that the Chinese texts link instead.
CHINESE_TWINS = {BENCHMARKS: BENCHMARKS_ZH}
# Pages in English only: a Chinese text marks a link to one （英文）.
ENGLISH_ONLY = (CONTRIBUTING, BENCHMARKS, "LICENSE", "data/MNIST/README.md")
ENGLISH_ONLY_FOLDERS = ("notebooks/full_runs/",)  # the records of full runs
TEACHING = ("TEACHING.md", "TEACHING.zh-CN.md")
MAX_LINES = 150
LEARNER_INSTALL = 'pip install ".[local]"'
# The contributors' install and test commands: the README names them, .ci/run runs them.
CONTRIBUTOR_COMMANDS = ["pip install -r requirements.txt", "python -m pytest"]
CONTRIBUTORS = {ENGLISH_NAME: "## For contributors", CHINESE_NAME: "## 参与贡献"}
PATH = {ENGLISH_NAME: "### A path through the series", CHINESE_NAME: "### 学习路线"}
OPTIONAL = {ENGLISH_NAME: "Optional", CHINESE_NAME: "选学"}

# Each English section heading (with its level) and its Chinese heading, in the English order.
SECTIONS = {
    "# Convolutional neural networks in TensorFlow 2, on MNIST": (
        "# 用 TensorFlow 2 在 MNIST 上学习卷积神经网络"
    ),
    "## Start here": "## 从这里开始",
    "### What you need": "### 需要准备什么",
    "### Install": "### 安装",
    "### Check your machine": "### 检查你的机器",
    "### Run the notebooks": "### 运行笔记本",
    "### A path through the series": "### 学习路线",
    "## Where to get help": "## 获取帮助",
    "## For contributors": "## 参与贡献",
    "## Licence": "## 许可证",
}


@dataclass
class Section:
    heading: str  # "## Install and test"
    anchor: str
    line: int  # the heading's (0 for what comes before the first heading)
    markdown: str = ""  # the section's text after its heading, to the next heading
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    tables: list[md.Table] = field(default_factory=list)


def heading_line(heading: md.Heading) -> str:
    """A heading as SECTIONS names it: "## Install and test"."""
    return f"{'#' * heading.level} {heading.source}"


def parse(markdown: str) -> list[Section]:
    """The sections of a markdown text, each with its links, images and tables (code aside)."""
    document = md.parse(markdown)
    lines = markdown.splitlines()
    sections = [Section("", "", 0)]  # what comes before the first heading
    sections += [Section(heading_line(h), h.anchor, h.line) for h in document.headings]
    for section, end in zip(sections, [s.line for s in sections[1:]] + [len(lines) + 1]):
        section.markdown = "\n".join(lines[section.line : end - 1])

    def section_of(line: int) -> Section:
        return next(s for s in reversed(sections) if s.line <= line)

    for link in document.links:
        section = section_of(link.line)
        (section.images if link.kind == "image" else section.links).append(link.target)
    for table in document.tables:
        section_of(table.line).tables.append(table)
    return [s for s in sections if s.heading or s.links or s.images or s.tables]


def row_links(row: tuple[md.Cell, ...]) -> list[str]:
    return [link.target for cell in row for link in cell.links if link.kind == "link"]


def row_name(row: tuple[md.Cell, ...]) -> str:
    """A table row named by its first cell, its links reduced to their text."""
    return md.replace_links(row[0].source, lambda link: link.label)[:70]


def row_key(row: tuple[md.Cell, ...], anchors: dict[str, str] | None = None) -> set[str]:
    """What names a row in both editions: the code and the link targets of its first cell, the
    English targets as the Chinese README links them (with `anchors`)."""
    targets = row_links(row[:1])
    if anchors is not None:
        targets = [chinese_links(t, anchors)[0] for t in targets]
    return set(row[0].code) | set(targets)


def exists_in_project(relative: str) -> bool:
    return (ROOT / relative).exists()


def chinese_image(image: str, exists: Callable[[str], bool] = exists_in_project) -> str:
    """images/X in the Chinese README: its Chinese version images/zh/X if there is one."""
    if image.startswith("images/") and not image.startswith("images/zh/"):
        chinese = "images/zh/" + image.removeprefix("images/")
        if exists(chinese):
            return chinese
    return image


def chinese_links(target: str, anchors: dict[str, str]) -> list[str]:
    """The Chinese README's counterparts of a link target of the English README, the one it
    should use first.

    `anchors` maps an anchor of the English README to its Chinese section's anchor."""
    path, hash_, fragment = target.partition("#")
    if md.is_external(target):
        return [target]
    if path in ("", ENGLISH_NAME) and hash_:
        in_english = f"{ENGLISH_NAME}#{fragment}"  # the English section itself will do
        return [f"#{anchors[fragment]}", in_english] if fragment in anchors else [in_english]
    if path == CHINESE_NAME:
        return [f"#{fragment}" if hash_ else ENGLISH_NAME]
    if path in CHINESE_TWINS:  # its Chinese counterpart, or (marked English) the text itself
        return [CHINESE_TWINS[path] + hash_ + fragment, target]
    if path.startswith(("notebooks/zh/", "notebooks/full_runs/")):
        pass
    elif path.startswith("notebooks/solutions"):
        path = "notebooks/zh/solutions" + path.removeprefix("notebooks/solutions")
    elif path.startswith("notebooks/"):
        path = "notebooks/zh/" + path.removeprefix("notebooks/")
    return [path + hash_ + fragment]


def has_link(links: list[str], wanted: list[str]) -> bool:
    """One of `links` is one of the `wanted`; a notebook's heading anchors differ between the
    editions (as do those of a text and its Chinese counterpart), so such a link is compared
    without its anchor."""

    def key(target: str) -> str:
        path = target.partition("#")[0]
        return path if path.endswith(".ipynb") or path in CHINESE_TWINS.values() else target

    return bool({key(t) for t in links} & {key(t) for t in wanted})


def compare(
    english: str,
    chinese: str,
    sections: dict[str, str] = SECTIONS,
    exists: Callable[[str], bool] = exists_in_project,
) -> list[str]:
    """What the Chinese README lacks of the English one, each problem named in one line."""
    en_sections, zh_sections = parse(english), parse(chinese)
    zh_by_heading = {s.heading: s for s in zh_sections}
    zh_order = [s.heading for s in zh_sections]
    problems = []

    anchors = {}
    for section in en_sections:
        if section.heading in sections and sections[section.heading] in zh_by_heading:
            anchors[section.anchor] = zh_by_heading[sections[section.heading]].anchor

    last_position, last_heading = -1, ""
    for section in en_sections:
        heading = section.heading
        if not heading:
            problems.append(f"{ENGLISH_NAME} has text before its first heading (# Title)")
            continue
        if heading not in sections:
            problems.append(
                f"tests/test_readmes.py's SECTIONS lacks the English section {heading}:"
                " add it with its Chinese heading"
            )
            continue
        zh_heading = sections[heading]
        if zh_heading not in zh_by_heading:
            problems.append(f"{CHINESE_NAME} lacks the section {zh_heading} (English: {heading})")
            continue
        position = zh_order.index(zh_heading)
        if position < last_position:
            problems.append(
                f"{CHINESE_NAME}: the section {zh_heading} (English: {heading}) must come after"
                f" {last_heading}, as in {ENGLISH_NAME}"
            )
        last_position, last_heading = position, zh_heading
        zh = zh_by_heading[zh_heading]
        where = f"from section {heading} (in its section {zh_heading})"
        for image in section.images:
            wanted = chinese_image(image, exists)
            if wanted not in zh.images:
                shown_as = f" (as its Chinese version {wanted})" if wanted != image else ""
                problems.append(f"{CHINESE_NAME} lacks the image {image}{shown_as} {where}")
        for target in dict.fromkeys(section.links):
            wanted = chinese_links(target, anchors)
            if not has_link(zh.links, wanted):
                shown_as = f" (as {wanted[0]})" if wanted[0] != target else ""
                problems.append(f"{CHINESE_NAME} lacks the link to {target}{shown_as} {where}")
        problems += compare_tables(section.tables, zh.tables, where, anchors)
    for zh_heading in zh_order:
        if zh_heading and zh_heading not in sections.values():
            problems.append(
                f"{CHINESE_NAME}'s section {zh_heading} is not in tests/test_readmes.py's"
                " SECTIONS: map the English section it translates to it"
            )
    return problems


def compare_tables(
    english: list[md.Table], chinese: list[md.Table], where: str, anchors: dict[str, str]
) -> list[str]:
    """The tables of a section: as many, as many columns and rows, each row with its links."""
    problems = []
    if len(chinese) != len(english):
        problems.append(
            f"{CHINESE_NAME} has {len(chinese)} table(s) {where}, {ENGLISH_NAME} {len(english)}"
        )
    for number, (en_table, zh_table) in enumerate(zip(english, chinese), start=1):
        columns = [cell.source for cell in en_table.header]
        headed = " | ".join(columns[:2]) + (" | …" if len(columns) > 2 else "")
        name = f"table {number} ({headed}) {where}"
        en_columns, zh_columns = len(en_table.header), len(zh_table.header)
        if zh_columns != en_columns:
            problems.append(
                f"{CHINESE_NAME}'s {name} has {zh_columns} columns, the English {en_columns}"
            )
        if len(zh_table.rows) != len(en_table.rows):
            zh_keys = [row_key(row) for row in zh_table.rows]
            lacking = [
                row_name(row)
                for row in en_table.rows
                if row_key(row, anchors) and not any(row_key(row, anchors) <= k for k in zh_keys)
            ]
            problems.append(
                f"{CHINESE_NAME}'s {name} has {len(zh_table.rows)} rows, the English"
                f" {len(en_table.rows)}"
                + (f"; it lacks the row(s) of: {'; '.join(lacking)}" if lacking else "")
            )
            continue  # the rows do not line up
        for en_row, zh_row in zip(en_table.rows, zh_table.rows):
            for wanted in dict.fromkeys(
                tuple(chinese_links(t, anchors)) for t in row_links(en_row)
            ):
                if not has_link(row_links(zh_row), list(wanted)):
                    problems.append(
                        f"{CHINESE_NAME}'s {name}: the row of {row_name(en_row)} lacks the link"
                        f" to {wanted[0]}"
                    )
    return problems


def broken_links(
    name: str,
    markdown: str,
    others: dict[str, str],
    exists: Callable[[str], bool] = exists_in_project,
) -> list[str]:
    """The relative links and images of `name` (a file in the project folder, such as
    benchmarks/README.md) that do not resolve: a missing file, or an anchor that no heading of the
    markdown file it points to has (of those in `others`, or `name` itself)."""
    anchors = {n: {s.anchor for s in parse(text)} for n, text in {**others, name: markdown}.items()}
    folder = posixpath.dirname(name)
    broken = []
    for section in parse(markdown):
        for target in section.links + section.images:
            if md.is_external(target):
                continue
            path, _, fragment = target.partition("#")
            file = posixpath.normpath(posixpath.join(folder, path)) if path else name
            where = f"{name}, section {section.heading or '(before the first heading)'}"
            if path and (file.startswith("../") or not exists(file)):
                broken.append(f"{where}: {target} does not exist")
            elif fragment and file in anchors and fragment not in anchors[file]:
                broken.append(f"{where}: {path or name} has no heading with the anchor #{fragment}")
    return broken


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def section_heading(document: md.Document) -> Callable[[int], str]:
    """The heading ("## For contributors") of the section a line of `document` is in."""
    starts = [(h.line, heading_line(h)) for h in document.headings]
    return lambda line: next((text for start, text in reversed(starts) if start <= line), "")


def block_lines(document: md.Document) -> list[tuple[int, str]]:
    """Each line of the code blocks without its comment (a command), with its line."""
    found = []
    for block in document.code_blocks:
        for number, line in enumerate(block.content.splitlines(), start=block.line + 1):
            command = re.sub(r"(^|\s)#.*$", "", line).strip()
            if command:
                found.append((number, command))
    return found


def code_lines(markdown: str) -> list[tuple[str, str]]:
    """The code of a markdown text in its order, each as (the heading of its section, the code):
    every line of a code block without its comment, and every code span."""
    document = md.parse(markdown)
    section = section_heading(document)
    found = block_lines(document) + [(s.line, s.content.strip()) for s in document.code_spans]
    return [(section(line), code) for line, code in sorted(found, key=lambda item: item[0])]


def block_commands(markdown: str, heading: str | None = None) -> list[str]:
    """The commands of the code blocks (comments aside), of one section if `heading`."""
    document = md.parse(markdown)
    section = section_heading(document)
    return [code for line, code in block_lines(document) if heading in (None, section(line))]


def install_problems(name: str, markdown: str) -> list[str]:
    """A README must show the learner's install first, and the contributors' install
    (requirements.txt) only in its section for contributors."""
    contributors = CONTRIBUTORS[name]
    installs = [(h, code) for h, code in code_lines(markdown) if code.startswith("pip install")]
    if not installs:
        return [f"{name} shows no install command: it should start with {LEARNER_INSTALL}"]
    problems = []
    if installs[0][1] != LEARNER_INSTALL:
        problems.append(
            f"{name}'s first install command is {installs[0][1]}: make it the learner's,"
            f" {LEARNER_INSTALL} (requirements.txt is the contributors')"
        )
    problems += [
        f"{name} shows {code} in {h or 'its introduction'}: the contributors' install belongs in"
        f" {contributors}"
        for h, code in installs
        if "requirements" in code and h != contributors
    ]
    return problems


def contributor_problems(name: str, markdown: str) -> list[str]:
    """The README's section for contributors names exactly the two commands that CI runs."""
    heading = CONTRIBUTORS[name]
    if heading not in [section.heading for section in parse(markdown)]:
        return [f"{name} has no section {heading}"]
    commands = block_commands(markdown, heading)
    if commands != CONTRIBUTOR_COMMANDS:
        return [
            f"{name}'s {heading} shows {commands}, not the commands CI runs: {CONTRIBUTOR_COMMANDS}"
        ]
    return []


def ci_problems(script: str, readme: str) -> list[str]:
    """.ci/run installs and tests with exactly the commands of the README's section for
    contributors, and nothing else installs or tests."""
    wanted = block_commands(readme, CONTRIBUTORS[ENGLISH_NAME])
    lines = [line.split("#")[0].strip() for line in script.splitlines()]
    runs = [line for line in lines if re.search(r"\b(pip|pytest|nox|tox)\b", line)]
    if runs != wanted:
        return [f".ci/run installs and tests with {runs}; the README says {wanted}"]
    return []


def too_long(markdown: str) -> int | None:
    """The number of lines, if more than MAX_LINES."""
    lines = len(markdown.splitlines())
    return lines if lines > MAX_LINES else None


# A run time, test count or suite time typed in prose: "25 s", "3.0 min", "23 min 59 s",
# "15.0 s", "约 25 秒", "3 minutes", "577 tests", "1,054 passed", "577 个测试".
TYPED_FIGURE = re.compile(
    r"(?<![\d.,])\d[\d,]*(?:\.\d+)? ?"
    r"(?:(?:ms|s|min|minutes?|seconds?|hours?|h)(?![A-Za-z])|秒|分钟|小时|个测试"
    r"|(?:tests|passed|failed)\b)"
)


def typed_figures(markdown: str, tables_are_output: bool = False) -> list[str]:
    """The run times, test counts and suite times that `markdown` types by hand: in its prose,
    outside code, outside what scripts/series.py writes between markers, and (for benchmark
    output) outside its tables."""
    prose = md.prose(series.prose(markdown), tables=not tables_are_output)
    return [match.group(0) for match in TYPED_FIGURE.finditer(prose)]


def path_problems(name: str, markdown: str, notebooks: list) -> list[str]:
    """The README's suggested path is the series' list: the notebooks that are not optional, in
    its order, joined by arrows; then, in one sentence, the optional ones, each after the
    notebooks it builds on ("Optional, any time after #02: 02-B, 12, 13-B.")."""
    section = next((s for s in parse(markdown) if s.heading == PATH[name]), None)
    if section is None:
        return [f"{name} has no section {PATH[name]}"]
    text = md.prose(section.markdown)
    number = r"\d\d(?:-B)?"
    chain = re.search(rf"{number}(?:\s*→\s*{number})+", text)
    wanted = [n.number for n in notebooks if not n.optional]
    problems = []
    found = re.findall(number, chain[0]) if chain else []
    if found != wanted:
        problems.append(
            f"{name}'s path is {' → '.join(found) or 'missing'}: the series' list"
            f" (notebooks/series.toml) gives {' → '.join(wanted)}"
        )
    optional = [n for n in notebooks if n.optional]
    start = text.find(OPTIONAL[name])
    sentence = re.split(r"[.。](?:\s|$)", text[start:])[0] if start >= 0 else ""
    named = re.findall(rf"(?<![#\d]){number}", sentence)
    if sorted(named) != sorted(n.number for n in optional):
        problems.append(
            f"{name}'s path names {named or 'no notebook'} as optional ({OPTIONAL[name]} ...);"
            f" the series' list: {[n.number for n in optional]}"
        )
    for notebook in optional:
        for prerequisite in notebook.prerequisites:
            if f"#{prerequisite}" not in sentence:
                problems.append(
                    f"{name}'s path does not say that {notebook.number} comes after #{prerequisite}"
                )
    return problems


def english_only(target: str, name: str = CHINESE_NAME) -> bool:
    """Whether a link of the file `name` leads to a page in English only (ENGLISH_ONLY, a record
    of a full run)."""
    path = target.partition("#")[0]
    if not path or md.is_external(target):
        return False
    path = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
    return path in ENGLISH_ONLY or path.startswith(ENGLISH_ONLY_FOLDERS)


def unmarked_english_links(markdown: str, name: str = CHINESE_NAME) -> list[str]:
    """The links of the Chinese text `name` to English-only pages (CONTRIBUTING.md,
    benchmarks/README.md, the licences, the records of full runs) that do not say, in their text
    or before the sentence, clause or table cell ends, that they are English (英文)."""
    unmarked = []
    for link in md.links(markdown):
        if not english_only(link.target, name) or re.search("English|英文", link.label):
            continue  # not English only, or its own text says so: [English](README.md)
        after = markdown[link.span[1] :] if link.span else ""
        rest = re.split(r"[。；|\n]", after, maxsplit=1)[0]
        if "英文" not in rest:
            unmarked.append(link.source)
    return unmarked


# The READMEs, CONTRIBUTING.md, the benchmark's READMEs and the teacher's guides.

NOTEBOOKS = series.read_series(ROOT / series.SERIES)
LINKED_TEXTS = (ENGLISH_NAME, CHINESE_NAME, CONTRIBUTING, BENCHMARKS, BENCHMARKS_ZH, *TEACHING)


def test_the_chinese_readme_says_what_the_english_readme_says():
    problems = compare(read(ENGLISH_NAME), read(CHINESE_NAME))
    assert not problems, (
        f"{CHINESE_NAME} is out of step with {ENGLISH_NAME}:\n"
        + "\n".join(f"- {p}" for p in problems)
        + "\nA notebook linked as notebooks/X.ipynb is linked as notebooks/zh/X.ipynb in the"
        " Chinese README, notebooks/solutions/X as notebooks/zh/solutions/X; other files,"
        " notebooks/full_runs/ and web addresses stay as they are."
    )


def test_both_readmes_show_the_same_commands():
    assert block_commands(read(CHINESE_NAME)) == block_commands(read(ENGLISH_NAME))


def test_every_relative_link_resolves():
    texts = {name: read(name) for name in LINKED_TEXTS}
    broken = [p for name, text in texts.items() for p in broken_links(name, text, texts)]
    assert not broken, "\n".join(broken)


def test_the_section_map_names_real_headings():
    english = [s.heading for s in parse(read(ENGLISH_NAME)) if s.heading]
    assert [h for h in SECTIONS if h not in english] == [], f"no longer in {ENGLISH_NAME}"
    assert set(CONTRIBUTORS.values()) <= {*SECTIONS, *SECTIONS.values()}
    assert set(PATH.values()) <= {*SECTIONS, *SECTIONS.values()}


def test_both_readmes_are_short():
    lengths = {name: too_long(read(name)) for name in (ENGLISH_NAME, CHINESE_NAME)}
    assert lengths == dict.fromkeys(lengths), (
        f"at most {MAX_LINES} lines: move what a learner does not need to {CONTRIBUTING}"
    )


def test_both_readmes_install_the_learners_set_first_and_name_the_contributors_commands():
    problems = []
    for name in (ENGLISH_NAME, CHINESE_NAME):
        problems += install_problems(name, read(name)) + contributor_problems(name, read(name))
    assert not problems, "\n".join(problems)


def test_ci_runs_exactly_the_readmes_install_and_test_commands():
    assert ci_problems(read(".ci/run"), read(ENGLISH_NAME)) == []


def test_both_readmes_link_contributing_and_the_chinese_one_says_it_is_english():
    for name in (ENGLISH_NAME, CHINESE_NAME):
        links = [t.partition("#")[0] for s in parse(read(name)) for t in s.links]
        assert CONTRIBUTING in links, f"{name} does not link {CONTRIBUTING}"
    for name in (CHINESE_NAME, "TEACHING.zh-CN.md", BENCHMARKS_ZH):
        assert unmarked_english_links(read(name), name) == [], f"{name}: mark them （英文）"


def test_the_readmes_path_is_the_series_list():
    problems = [
        p for n in (ENGLISH_NAME, CHINESE_NAME) for p in path_problems(n, read(n), NOTEBOOKS)
    ]
    assert not problems, "\n".join(problems)


def test_no_run_time_test_count_or_suite_time_is_typed_by_hand():
    typed = {name: typed_figures(read(name)) for name in (ENGLISH_NAME, CHINESE_NAME, CONTRIBUTING)}
    for name in (BENCHMARKS, BENCHMARKS_ZH):  # their tables are one run's output
        typed[name] = typed_figures(read(name), tables_are_output=True)
    assert typed == {name: [] for name in typed}, (
        "say what the reader needs without the figure, or point to the generated table"
    )


# The checker itself, on small READMEs.

EN = """# Title

[中文](README.zh-CN.md) and [the `zh` folder](notebooks/zh/).

| notebook | what |
| --- | --- |
| [01 One](notebooks/01_One.ipynb) | one |
| [02 Two](notebooks/02_Two.ipynb) ([中文](notebooks/zh/02_Two.ipynb)) | two |

![A diagram](images/02_diagram.png)

## Install

Run it; see [Speed](#speed) and [the
solutions](notebooks/solutions/01_One_Solutions.ipynb), [a record](notebooks/full_runs/05.ipynb).

```bash
# not a heading
```

#02's network, a wrapped line and not a heading.

## Speed

[Python](https://www.python.org/)

| a | b |
| --- | --- |
| 1 | 2 |
"""

ZH = """# 标题

[English](README.md)，[`zh` 文件夹](notebooks/zh/)。

| 笔记本 | 内容 |
| --- | --- |
| [01 一](notebooks/zh/01_One.ipynb)（[英文版](notebooks/01_One.ipynb)） | 一 |
| [02 二](notebooks/zh/02_Two.ipynb) | 二 |

![示意图](images/02_diagram.png)

## 安装

运行；见[速度](#速度)和[参考解答](notebooks/zh/solutions/01_One_Solutions.ipynb)、[记录](notebooks/full_runs/05.ipynb)。

## 速度

[Python](https://www.python.org/)

| a | b |
| --- | --- |
| 1 | 2 |
"""

MAP = {"# Title": "# 标题", "## Install": "## 安装", "## Speed": "## 速度"}


def check(chinese: str, exists=lambda path: False) -> list[str]:
    return compare(EN, chinese, MAP, exists)


def test_github_anchors():
    assert github_anchor("The Chinese edition, and changing a notebook") == (
        "the-chinese-edition-and-changing-a-notebook"
    )
    assert github_anchor("Training speed on a CPU") == "training-speed-on-a-cpu"
    assert github_anchor("中文版，以及如何修改笔记本") == "中文版以及如何修改笔记本"
    assert github_anchor("使用 GPU") == "使用-gpu"
    assert github_anchor("`helpers.py`: the helpers") == "helperspy-the-helpers"
    assert [s.anchor for s in parse("# A\n## Notes\n## Notes\n")] == ["a", "notes", "notes-1"]


def test_parse_finds_headings_links_images_and_tables_but_not_in_code():
    sections = parse(EN)
    assert [s.heading for s in sections] == ["# Title", "## Install", "## Speed"]
    title, install, speed = sections
    assert title.images == ["images/02_diagram.png"]
    assert title.links == [
        "README.zh-CN.md",
        "notebooks/zh/",
        "notebooks/01_One.ipynb",
        "notebooks/02_Two.ipynb",
        "notebooks/zh/02_Two.ipynb",
    ]
    assert [len(t.rows) for t in title.tables] == [2]
    assert install.links == [
        "#speed",
        "notebooks/solutions/01_One_Solutions.ipynb",  # its text spans two lines
        "notebooks/full_runs/05.ipynb",
    ]
    assert install.tables == [] and [len(t.rows) for t in speed.tables] == [1]


def test_the_checker_accepts_a_faithful_chinese_readme():
    assert check(ZH) == []


def test_the_checker_names_a_missing_section():
    problems = check(ZH.replace("## 安装", "安装"))
    assert "README.zh-CN.md lacks the section ## 安装 (English: ## Install)" in problems


def test_the_checker_names_sections_out_of_order():
    install, speed = ZH.index("## 安装"), ZH.index("## 速度")
    swapped = ZH[:install] + ZH[speed:] + "\n" + ZH[install:speed]
    assert any("## 速度 (English: ## Speed) must come after ## 安装" in p for p in check(swapped))


def test_the_checker_names_a_missing_image_and_wants_the_chinese_version_where_there_is_one():
    problems = check(ZH.replace("![示意图](images/02_diagram.png)", ""))
    assert problems == [
        (
            "README.zh-CN.md lacks the image images/02_diagram.png from section # Title"
            " (in its section # 标题)"
        )
    ]
    problems = check(ZH, exists=lambda path: path == "images/zh/02_diagram.png")
    assert problems == [
        (
            "README.zh-CN.md lacks the image images/02_diagram.png (as its Chinese version"
            " images/zh/02_diagram.png) from section # Title (in its section # 标题)"
        )
    ]
    assert check(ZH.replace("images/02", "images/zh/02"), exists=lambda p: "zh" in p) == []


def test_the_checker_names_a_missing_link_with_its_chinese_counterpart():
    english_only = ZH.replace("notebooks/zh/solutions/01_One", "notebooks/solutions/01_One")
    assert check(english_only) == [
        (
            "README.zh-CN.md lacks the link to notebooks/solutions/01_One_Solutions.ipynb"
            " (as notebooks/zh/solutions/01_One_Solutions.ipynb) from section ## Install"
            " (in its section ## 安装)"
        )
    ]
    problems = check(ZH.replace("[记录](notebooks/full_runs/05.ipynb)", "记录"))
    assert problems == [
        (
            "README.zh-CN.md lacks the link to notebooks/full_runs/05.ipynb from section ## Install"
            " (in its section ## 安装)"
        )
    ]
    problems = check(ZH.replace("(#速度)", "(#speed)"))
    assert problems == [
        (
            "README.zh-CN.md lacks the link to #speed (as #速度) from section ## Install"
            " (in its section ## 安装)"
        )
    ]
    problems = check(ZH.replace("[English](README.md)", "English"))
    assert "README.zh-CN.md lacks the link to README.zh-CN.md (as README.md)" in problems[0]
    problems = check(ZH.replace("[Python](https://www.python.org/)", "Python"))
    assert "lacks the link to https://www.python.org/ from section ## Speed" in problems[0]


def test_the_checker_names_a_missing_table_row_and_a_row_without_its_notebook():
    problems = check(ZH.replace("| [02 二](notebooks/zh/02_Two.ipynb) | 二 |\n", ""))
    assert any(
        "table 1 (notebook | what) from section # Title (in its section # 标题) has 1 rows,"
        " the English 2; it lacks the row(s) of: 02 Two (中文)" in p
        for p in problems
    )
    problems = check(ZH.replace("| 1 | 2 |", "| 1 | 2 |\n| 3 | 4 |"))
    assert problems == [
        (
            "README.zh-CN.md's table 1 (a | b) from section ## Speed (in its section ## 速度)"
            " has 2 rows, the English 1"
        )
    ]
    swapped = ZH.replace("notebooks/zh/01_One.ipynb", "X").replace(
        "notebooks/zh/02_Two.ipynb", "notebooks/zh/01_One.ipynb"
    )
    problems = check(swapped)
    assert "the row of 02 Two (中文) lacks the link to notebooks/zh/02_Two.ipynb" in problems[-1]


def test_the_checker_names_an_unmapped_section():
    problems = check(ZH + "\n## 附录\n", exists=lambda path: False)
    assert problems == [
        (
            "README.zh-CN.md's section ## 附录 is not in tests/test_readmes.py's SECTIONS: map the"
            " English section it translates to it"
        )
    ]
    problems = compare(EN + "\n## Appendix\n", ZH, MAP, lambda path: False)
    assert problems == [
        (
            "tests/test_readmes.py's SECTIONS lacks the English section ## Appendix: add it with its"
            " Chinese heading"
        )
    ]


def test_broken_links_names_missing_files_and_anchors():
    exists = {"notebooks/zh/", "notebooks/zh/01_One.ipynb", "README.md"}.__contains__
    broken = broken_links(
        "README.zh-CN.md",
        "# 标题\n\n[一](notebooks/zh/01_One.ipynb)、[二](notebooks/zh/02_Two.ipynb)\n\n"
        "## 安装\n\n[速度](#速度)，[Speed](README.md#speed)，[Install](README.md#install)\n",
        {"README.md": EN},
        exists,
    )
    assert broken == [
        "README.zh-CN.md, section # 标题: notebooks/zh/02_Two.ipynb does not exist",
        "README.zh-CN.md, section ## 安装: README.zh-CN.md has no heading with the anchor #速度",
    ]


def test_the_checker_names_the_row_missing_from_the_middle_of_a_table():
    def layout(*rows: str) -> str:
        table = "".join(f"| `{path}` | {what} |\n" for path, what in zip(rows[::2], rows[1::2]))
        return f"# T\n\n| path | what |\n| --- | --- |\n{table}"

    english = layout("a.py", "code", "b.py", "more code", "c.py", "a \\| in a cell")
    chinese = layout("a.py", "代码", "c.py", "单元格里的 \\|")
    assert compare(english, chinese, {"# T": "# T"}, lambda path: False) == [
        (
            "README.zh-CN.md's table 1 (path | what) from section # T (in its section # T) has 2"
            " rows, the English 3; it lacks the row(s) of: `b.py`"
        )
    ]


def test_broken_links_resolves_a_link_from_the_files_own_folder():
    exists = {"CONTRIBUTING.md", "README.md", "benchmarks/train_speed.py"}.__contains__
    others = {"CONTRIBUTING.md": "# C\n\n## The website\n", "README.md": EN}
    markdown = (
        "# B\n\n[site](../CONTRIBUTING.md#the-website), [script](train_speed.py),"
        " [table](../README.md#speed), [gone](../CONTRIBUTING.md#the-site),"
        " [missing](profile.py), [outside](../../elsewhere.md)\n"
    )
    assert broken_links("benchmarks/README.md", markdown, others, exists) == [
        (
            "benchmarks/README.md, section # B: ../CONTRIBUTING.md has no heading with the"
            " anchor #the-site"
        ),
        "benchmarks/README.md, section # B: profile.py does not exist",
        "benchmarks/README.md, section # B: ../../elsewhere.md does not exist",
    ]


def test_too_long_counts_the_lines():
    assert too_long("line\n" * MAX_LINES) is None
    assert too_long("line\n" * (MAX_LINES + 1)) == MAX_LINES + 1


LEARNER = """# T

```bash
python3 -m venv .venv   # a comment with # in it
pip install ".[local]"
```

## For contributors

```bash
pip install -r requirements.txt
python -m pytest
```
"""


def test_install_problems_wants_the_learners_install_first():
    assert install_problems(ENGLISH_NAME, LEARNER) == []
    contributors_first = LEARNER.replace(
        'pip install ".[local]"', "pip install -r requirements.txt"
    )
    problems = install_problems(ENGLISH_NAME, contributors_first)
    assert problems[0] == (
        "README.md's first install command is pip install -r requirements.txt: make it the"
        " learner's, pip install \".[local]\" (requirements.txt is the contributors')"
    )
    assert "the contributors' install belongs in ## For contributors" in problems[1]
    # A code span in the prose counts as much as a code block.
    inline = LEARNER.replace("# T\n", "# T\n\nFirst `pip install -r requirements.txt`, then:\n")
    assert (
        "first install command is pip install -r requirements.txt"
        in (install_problems(ENGLISH_NAME, inline)[0])
    )
    assert install_problems(ENGLISH_NAME, "# T\n\nNothing to install.\n") == [
        'README.md shows no install command: it should start with pip install ".[local]"'
    ]


def test_contributor_problems_wants_exactly_the_two_commands():
    assert contributor_problems(ENGLISH_NAME, LEARNER) == []
    fast = LEARNER.replace("python -m pytest", 'python -m pytest -m "not slow"')
    assert "not the commands CI runs" in contributor_problems(ENGLISH_NAME, fast)[0]
    extra = LEARNER.replace("python -m pytest\n", "python -m pytest\nnox -s lint\n")
    assert "not the commands CI runs" in contributor_problems(ENGLISH_NAME, extra)[0]
    assert contributor_problems(CHINESE_NAME, LEARNER) == [
        "README.zh-CN.md has no section ## 参与贡献"
    ]


def test_ci_problems_wants_exactly_the_readmes_commands():
    script = read(".ci/run")
    assert ci_problems(script, LEARNER) == []
    for old, new in [
        ("python -m pytest", 'python -m pytest -m "not slow"'),  # another test command
        ("python -m pytest", "nox -s tests"),  # the same tests, but not the README's command
        ("pip install -r requirements.txt\n", ""),  # no install
        ("python -m pytest", "python -m pytest\npytest tests/test_site.py"),  # more than it
    ]:
        assert old in script
        assert ci_problems(script.replace(old, new), LEARNER) != [], new
    # The README's command changed without .ci/run: reported too.
    assert ci_problems(script, LEARNER.replace("python -m pytest", "python -m pytest -x")) != []


@pytest.mark.parametrize(
    "typed",
    [
        "It takes about 24 minutes (23 min 25 s measured, 1,054 tests passed).",
        "1,054 passed in 23 min 59 s",
        "It takes about 25 seconds (577 tests).",
        "The build takes about 15 seconds (15.0 s and 15.5 s measured).",
        "about 3 minutes",
        "in 2 h",
        "1 passed, 3 failed",
        "约需 25 秒（577 个测试）。",
        "在双核 CPU 上约需 24 分钟。",
    ],
)
def test_typed_figures_finds_a_run_time_a_test_count_or_a_suite_time(typed):
    assert typed_figures(f"# T\n\n{typed}\n") != []


def test_typed_figures_leaves_generated_tables_code_and_benchmark_output_alone():
    generated = (
        "<!-- series-table:lessons -->\n\n| a | 12 s | 3.0 min |\n\n<!-- /series-table:lessons -->"
    )
    code = "```bash\npython benchmarks/train_speed.py   # about 3 minutes\n```\n"
    prose = (
        "It takes less than a minute; the suite, about half an hour on 2 cores. 35 MB, 2.1 GB,"
        " 10,000 iterations, 10,000 test images, 5 epochs, 100 steps, 82.4 iterations/s, 4 steps/s, 3 hours of plans"
        " would be typed; `--steps 200`, Python 3.11 and 2026-11-28 are not figures of time.\n"
    )
    assert typed_figures(f"{generated}\n\n{code}\n{prose.replace(', 3 hours of plans', '')}") == []
    assert typed_figures(prose) == ["3 hours"]
    output = "| candidate | ms |\n| --- | ---: |\n| ours | 5.2 ms |\n"
    assert typed_figures(output, tables_are_output=True) == []
    assert typed_figures(output) == ["5.2 ms"]


def notebook(number: str, optional: bool = False, prerequisites: tuple = ()) -> object:
    return series.Notebook(
        number=number, file=f"{number}.ipynb", lesson=True, title=None, summary=None,
        prerequisites=prerequisites, optional=optional, study_minutes=10, trains=None,
        full_run=None, solutions=None,
    )  # fmt: skip


SERIES = [
    notebook("00"),
    notebook("01"),
    notebook("02", prerequisites=("01",)),
    notebook("02-B", optional=True, prerequisites=("02",)),
    notebook("03", prerequisites=("02",)),
]
PATH_EN = """# T

### A path through the series

The setup check, then 00 → 01 → 02 → 03. Optional, any time after #02: 02-B.
"""


def test_path_problems_wants_the_series_list():
    assert path_problems(ENGLISH_NAME, PATH_EN, SERIES) == []
    zh = "# T\n\n### 学习路线\n\n00 → 01 → 02 → 03。选学，学完 #02 之后随时可以学：02-B。\n"
    assert path_problems(CHINESE_NAME, zh, SERIES) == []
    assert path_problems(ENGLISH_NAME, PATH_EN.replace("02 → 03", "03 → 02"), SERIES) == [
        (
            "README.md's path is 00 → 01 → 03 → 02: the series' list (notebooks/series.toml)"
            " gives 00 → 01 → 02 → 03"
        )
    ]
    required = PATH_EN.replace("02 → 03", "02 → 02-B → 03").replace(": 02-B.", ": none.")
    problems = path_problems(ENGLISH_NAME, required, SERIES)
    assert "README.md's path is 00 → 01 → 02 → 02-B → 03" in problems[0]
    assert "names no notebook as optional" in problems[1]
    assert path_problems(ENGLISH_NAME, PATH_EN.replace("after #02", "after #01"), SERIES) == [
        "README.md's path does not say that 02-B comes after #02"
    ]
    assert path_problems(ENGLISH_NAME, "# T\n", SERIES) == [
        "README.md has no section ### A path through the series"
    ]


def test_unmarked_english_links_finds_a_link_to_an_english_text_not_marked_so():
    marked = "见 [CONTRIBUTING.md](CONTRIBUTING.md#the-website)（英文）。[基准](benchmarks/README.md)，英文。"
    assert unmarked_english_links(marked) == []
    unmarked = "见 [CONTRIBUTING.md](CONTRIBUTING.md)。后面的句子是英文。[教师指南](TEACHING.md)。"
    assert unmarked_english_links(unmarked) == ["[CONTRIBUTING.md](CONTRIBUTING.md)"]
    # The licences and the records of full runs are English too; a table cell ends a clause.
    row = "| [记录](notebooks/full_runs/05.ipynb) | [LICENSE](LICENSE) | 英文 |"
    assert unmarked_english_links(row) == [
        "[记录](notebooks/full_runs/05.ipynb)",
        "[LICENSE](LICENSE)",
    ]
    assert unmarked_english_links(row.replace(") |", ")（英文） |")) == []
    # A link is resolved from the file's own folder; web addresses are not judged.
    relative = "见 [CONTRIBUTING.md](../CONTRIBUTING.md)。[TF](https://www.tensorflow.org/)。"
    assert unmarked_english_links(relative, BENCHMARKS_ZH) == [
        "[CONTRIBUTING.md](../CONTRIBUTING.md)"
    ]
    assert unmarked_english_links(relative) == []  # from the project folder: no such file
    assert unmarked_english_links("[English](README.md)", BENCHMARKS_ZH) == []


def test_the_chinese_readme_links_the_chinese_counterpart_of_an_english_text():
    english = "# Title\n\nThe speed: [benchmarks/README.md](benchmarks/README.md).\n"
    twin = "# 标题\n\n速度：[benchmarks/README.zh-CN.md](benchmarks/README.zh-CN.md)。\n"
    marked = "# 标题\n\n速度：[benchmarks/README.md](benchmarks/README.md)（英文）。\n"
    for chinese in (twin, marked):
        assert compare(english, chinese, {"# Title": "# 标题"}, lambda path: False) == []
    assert compare(english, "# 标题\n\n速度。\n", {"# Title": "# 标题"}, lambda path: False) == [
        (
            "README.zh-CN.md lacks the link to benchmarks/README.md (as"
            " benchmarks/README.zh-CN.md) from section # Title (in its section # 标题)"
        )
    ]
