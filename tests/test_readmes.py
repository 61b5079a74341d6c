"""README.zh-CN.md says what README.md says, compared the way the notebook twins are: section by
section, every image, every link target and every table row of the English README has its
counterpart in the Chinese one, and every relative link of either resolves.

When README.md gains a section, add it to SECTIONS with its Chinese heading. A few English
sections (LINK_ONLY: the speed measurements, the maintainers' steps, the project layout) may be
replaced in the Chinese README by a link to them (`README.md#anchor`); then their links, images and
tables are not demanded. Prose is not compared: a translator reads both."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tutorial_checks import ROOT

ENGLISH_NAME, CHINESE_NAME = "README.md", "README.zh-CN.md"

# Each English section heading (with its level) and its Chinese heading, in the English order.
SECTIONS = {
    "# Convolutional neural networks in TensorFlow 2, on MNIST": (
        "# 用 TensorFlow 2 在 MNIST 上学习卷积神经网络"
    ),
    "## Install and test": "## 安装和测试",
    "## Running the notebooks": "## 运行笔记本",
    "## The website": "## 网站",
    "## Outside the repository: the package, Colab and a workshop": "## 在仓库之外：安装包、Colab 和工作坊",
    "### Releases": "### 发布",
    "## Data": "## 数据",
    "## Reproducibility": "## 可复现性",
    "## Training speed on a CPU": "## CPU 上的训练速度",
    "## Using a GPU": "## 使用 GPU",
    "## The Chinese edition, and changing a notebook": "## 中文版，以及如何修改笔记本",
    "### Full runs": "### 完整运行",
    "## Project layout": "## 项目结构",
    "## Licence": "## 许可证",
}
# English sections that the Chinese README may replace by a link to them (README.md#anchor).
LINK_ONLY = {
    "### Releases",
    "## Training speed on a CPU",
    "## The Chinese edition, and changing a notebook",
    "### Full runs",
    "## Project layout",
}

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6}) +(\S.*?)(?: +#+)? *$")  # an ATX heading: hashes, a space, text
CODE_SPAN = re.compile(r"`[^`\n]*`")
# [text](target) or ![alt](target); the text may hold code, one level of brackets and line breaks.
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
DELIMITER_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass
class Table:
    header: str
    rows: list[str]


@dataclass
class Section:
    heading: str  # "## Install and test"
    anchor: str
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def github_anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)  # a link in a heading: its text
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def parse(markdown: str) -> list[Section]:
    """The sections of a markdown text, each with its links, images and tables (code aside)."""
    sections = [Section("", "")]  # what comes before the first heading
    seen: dict[str, int] = {}
    fenced = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = HEADING.match(line)
        if heading:
            anchor = github_anchor(heading[2])
            count = seen.get(anchor, 0)
            seen[anchor] = count + 1
            sections.append(
                Section(f"{heading[1]} {heading[2]}", f"{anchor}-{count}" if count else anchor)
            )
        else:
            sections[-1].lines.append(line)
    for section in sections:
        text = CODE_SPAN.sub("`code`", "\n".join(section.lines))
        for bang, _, target in LINK.findall(text):
            (section.images if bang else section.links).append(target)
        table: list[str] = []
        for line in [*section.lines, ""]:
            if line.lstrip().startswith("|"):
                table.append(line.strip())
                continue
            if len(table) >= 2 and DELIMITER_ROW.match(table[1]):
                section.tables.append(Table(table[0], table[2:]))
            table = []
    return [s for s in sections if s.heading or s.links or s.images or s.tables]


def cells(row: str) -> list[str]:
    """The cells of a table row (as on GitHub, only an escaped `\\|` does not split)."""
    inner = row.strip().removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def row_links(row: str) -> list[str]:
    return [target for bang, _, target in LINK.findall(CODE_SPAN.sub("`code`", row)) if not bang]


def row_name(row: str) -> str:
    """A table row named by its first cell, its links reduced to their text."""
    return LINK.sub(lambda m: m[2], cells(row)[0])[:70]


def row_key(row: str, anchors: dict[str, str] | None = None) -> set[str]:
    """What names a row in both editions: the code and the link targets of its first cell, the
    English targets as the Chinese README links them (with `anchors`)."""
    first = cells(row)[0]
    targets = row_links(first)
    if anchors is not None:
        targets = [chinese_links(t, anchors)[0] for t in targets]
    return set(CODE_SPAN.findall(first)) | set(targets)


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
    if EXTERNAL.match(target):
        return [target]
    if path in ("", ENGLISH_NAME) and hash_:
        in_english = f"{ENGLISH_NAME}#{fragment}"  # the English section itself will do
        return [f"#{anchors[fragment]}", in_english] if fragment in anchors else [in_english]
    if path == CHINESE_NAME:
        return [f"#{fragment}" if hash_ else ENGLISH_NAME]
    if path.startswith(("notebooks/zh/", "notebooks/full_runs/")):
        pass
    elif path.startswith("notebooks/solutions"):
        path = "notebooks/zh/solutions" + path.removeprefix("notebooks/solutions")
    elif path.startswith("notebooks/"):
        path = "notebooks/zh/" + path.removeprefix("notebooks/")
    return [path + hash_ + fragment]


def has_link(links: list[str], wanted: list[str]) -> bool:
    """One of `links` is one of the `wanted`; a notebook's heading anchors differ between the
    editions, so a notebook link is compared without its anchor."""

    def key(target: str) -> str:
        return target.partition("#")[0] if ".ipynb#" in target else target

    return bool({key(t) for t in links} & {key(t) for t in wanted})


def compare(
    english: str,
    chinese: str,
    sections: dict[str, str] = SECTIONS,
    link_only: set[str] = LINK_ONLY,
    exists: Callable[[str], bool] = exists_in_project,
) -> list[str]:
    """What the Chinese README lacks of the English one, each problem named in one line."""
    en_sections, zh_sections = parse(english), parse(chinese)
    zh_by_heading = {s.heading: s for s in zh_sections}
    zh_order = [s.heading for s in zh_sections]
    zh_links = {target for s in zh_sections for target in s.links}
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
        replaced = heading in link_only and f"{ENGLISH_NAME}#{section.anchor}" in zh_links
        if zh_heading not in zh_by_heading:
            if not replaced:
                problems.append(
                    f"{CHINESE_NAME} lacks the section {zh_heading} (English: {heading})"
                    + (
                        f", or a link to it: {ENGLISH_NAME}#{section.anchor}"
                        if heading in link_only
                        else ""
                    )
                )
            continue
        position = zh_order.index(zh_heading)
        if position < last_position:
            problems.append(
                f"{CHINESE_NAME}: the section {zh_heading} (English: {heading}) must come after"
                f" {last_heading}, as in {ENGLISH_NAME}"
            )
        last_position, last_heading = position, zh_heading
        if replaced:
            continue
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
    english: list[Table], chinese: list[Table], where: str, anchors: dict[str, str]
) -> list[str]:
    """The tables of a section: as many, as many columns and rows, each row with its links."""
    problems = []
    if len(chinese) != len(english):
        problems.append(
            f"{CHINESE_NAME} has {len(chinese)} table(s) {where}, {ENGLISH_NAME} {len(english)}"
        )
    for number, (en_table, zh_table) in enumerate(zip(english, chinese), start=1):
        columns = cells(en_table.header)
        headed = " | ".join(columns[:2]) + (" | …" if len(columns) > 2 else "")
        name = f"table {number} ({headed}) {where}"
        en_columns, zh_columns = len(cells(en_table.header)), len(cells(zh_table.header))
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
    """The relative links and images of `name` (a file in the project folder) that do not resolve:
    a missing file, or an anchor that no heading of the README it points to has."""
    anchors = {n: {s.anchor for s in parse(text)} for n, text in {**others, name: markdown}.items()}
    broken = []
    for section in parse(markdown):
        for target in section.links + section.images:
            if EXTERNAL.match(target):
                continue
            path, _, fragment = target.partition("#")
            where = f"{name}, section {section.heading or '(before the first heading)'}"
            if path and not exists(path):
                broken.append(f"{where}: {target} does not exist")
            elif fragment and (path or name) in anchors and fragment not in anchors[path or name]:
                broken.append(f"{where}: {path or name} has no heading with the anchor #{fragment}")
    return broken


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


# The two READMEs.


def test_the_chinese_readme_says_what_the_english_readme_says():
    problems = compare(read(ENGLISH_NAME), read(CHINESE_NAME))
    assert not problems, (
        f"{CHINESE_NAME} is out of step with {ENGLISH_NAME}:\n"
        + "\n".join(f"- {p}" for p in problems)
        + "\nA notebook linked as notebooks/X.ipynb is linked as notebooks/zh/X.ipynb in the"
        " Chinese README, notebooks/solutions/X as notebooks/zh/solutions/X; other files,"
        " notebooks/full_runs/ and web addresses stay as they are."
    )


def test_every_relative_link_of_both_readmes_resolves():
    texts = {name: read(name) for name in (ENGLISH_NAME, CHINESE_NAME)}
    broken = [p for name, text in texts.items() for p in broken_links(name, text, texts)]
    assert not broken, "\n".join(broken)


def test_the_section_map_names_real_headings_and_the_link_only_sections_are_in_it():
    english = [s.heading for s in parse(read(ENGLISH_NAME)) if s.heading]
    assert [h for h in SECTIONS if h not in english] == [], f"no longer in {ENGLISH_NAME}"
    assert LINK_ONLY <= SECTIONS.keys()


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


def check(chinese: str, link_only: frozenset = frozenset(), exists=lambda path: False) -> list[str]:
    return compare(EN, chinese, MAP, set(link_only), exists)


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


def test_the_checker_lets_a_link_only_section_be_a_link():
    short = ZH[: ZH.index("## 速度")] + "见 [Speed](README.md#speed)。\n"
    assert any("lacks the section ## 速度" in p for p in check(short))
    # the in-page link #速度 becomes a broken one; the link to the English section replaces it:
    short = short.replace("(#速度)", "(README.md#speed)")
    assert check(short, link_only=frozenset({"## Speed"})) == []
    problems = check(ZH[: ZH.index("## 速度")], link_only=frozenset({"## Speed"}))
    wanted = "lacks the section ## 速度 (English: ## Speed), or a link to it: README.md#speed"
    assert any(wanted in p for p in problems)


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
    problems = compare(EN + "\n## Appendix\n", ZH, MAP, set(), lambda path: False)
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
    assert compare(english, chinese, {"# T": "# T"}, set(), lambda path: False) == [
        (
            "README.zh-CN.md's table 1 (path | what) from section # T (in its section # T) has 2"
            " rows, the English 3; it lacks the row(s) of: `b.py`"
        )
    ]
