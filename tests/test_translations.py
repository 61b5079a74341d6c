"""The Chinese edition (notebooks/zh/) says what the English one says: same code, same outputs,
prose in Chinese, and links that resolve. scripts/sync_translations.py keeps them in step."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from script_modules import load_script
from tutorial_checks import ROOT, shown
from tutorial_checks import exercise_cells as ec
from tutorial_checks import markdown as md
from tutorial_checks import notebooks as nb
from tutorial_checks.setup_cell import collapse, is_collapsed, setup_cell_source

sync = load_script("scripts/sync_translations.py")
embed = load_script("scripts/embed_diagrams.py")
ENGLISH = sync.english_notebooks()
ALL_NOTEBOOKS = ENGLISH + [sync.twin(p) for p in ENGLISH if sync.twin(p).exists()]

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
# What stays English in a Chinese text besides what md.prose leaves out (code, link targets,
# HTML): math, which Jupyter reads before markdown does.
MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.DOTALL)
# An image in HTML (markdown's images are md.links' kind "image").
HTML_IMAGE = re.compile(r"<img\s[^>]*?\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)
IMAGES_DIR = ROOT / "images"  # the diagrams in English, and in Chinese in images/zh/
CHINESE_TEXTS = [
    *sorted(nb.CHINESE_DIR.glob("*.ipynb")),
    *sorted((nb.CHINESE_DIR / "solutions").glob("*.ipynb")),
    ROOT / "README.zh-CN.md",
]


def chinese_enough(markdown: str) -> bool:
    """At least as many Chinese characters as Latin words in the prose (code and math aside)."""
    prose = MATH.sub(" ", md.prose(markdown))
    return len(CJK.findall(prose)) >= max(1, len(LATIN_WORD.findall(prose)))


def markdown_cells(path: Path) -> list[tuple[int, str]]:
    cells = nb.read(path)["cells"]
    return [(i, nb.source(c)) for i, c in enumerate(cells) if c["cell_type"] == "markdown"]


def test_chinese_enough_tells_chinese_from_english():
    assert chinese_enough("## 练习\n\n用 `tf.GradientTape` 计算梯度,再由优化器更新变量。")
    assert chinese_enough("交叉熵 $-\\log p$ 是代价;见 [原教程](https://example.com/a_b)。")
    assert not chinese_enough("## Exercises\n\nChange the learning rate of the optimizer.")
    assert not chinese_enough("![Flowchart](../images/02_network_flowchart.png)")
    assert not chinese_enough("Softmax turns logits into probabilities (概率).")


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_every_notebook_has_a_chinese_twin_in_step(english):
    problems = sync.out_of_step(english)
    assert not problems, (
        f"{shown(sync.twin(english))} is out of step with {english.name}:\n"
        + "\n".join(problems)
        + "\nRun `python scripts/sync_translations.py` (see its docstring)."
    )


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_the_twins_prose_is_chinese(english):
    chinese = sync.twin(english)
    if not chinese.exists():
        pytest.fail(f"{shown(chinese)} is missing")
    untranslated = [
        f"cell {i}: {text.strip().splitlines()[0][:70]!r}"
        for i, text in markdown_cells(chinese)
        if not chinese_enough(text)
    ]
    assert not untranslated, "markdown cells not in Chinese:\n" + "\n".join(untranslated)


@pytest.mark.parametrize(
    "path",
    ALL_NOTEBOOKS + nb.lessons(nb.RECORDS_DIR),  # Records of full runs link from their folder.
    ids=lambda p: str(p.relative_to(nb.NOTEBOOKS_DIR)),
)
def test_links_and_images_resolve(path):
    anchors = {anchor for _, text in markdown_cells(path) for anchor in jupyter_anchors(text)}
    broken = []
    for i, text in markdown_cells(path):
        for link in md.links(text):
            target = link.target
            if md.is_external(target):
                continue
            if target.startswith("#"):
                if target[1:] not in anchors:
                    broken.append(f"cell {i}: no heading for the anchor {target}")
            elif target.startswith(embed.PREFIX):
                continue  # an embedded diagram: test_a_notebook_copied_alone_shows_every_image
            elif not (path.parent / target.split("#")[0]).exists():
                broken.append(f"cell {i}: {target} does not exist")
    assert not broken, "\n".join(broken)


def jupyter_anchors(markdown: str) -> list[str]:
    """The anchors Jupyter gives the headings of a markdown cell: their text, spaces to -."""
    return [heading.text.replace(" ", "-") for heading in md.headings(markdown)]


def test_jupyter_anchors_are_the_headings_text_and_not_code():
    text = "# The `History` of fit\n\n```python\n# not a heading\n```\n\n## 完整 运行\n#02 is not one\n"
    assert jupyter_anchors(text) == ["The-History-of-fit", "完整-运行"]


def english_diagrams(markdown: str, folder: Path) -> list[str]:
    """The images that `markdown`, a text in `folder`, shows from images/ although images/zh/
    has their Chinese version, each with the reference to write instead."""
    document = md.parse(markdown)
    images = [(link.line, link.target) for link in document.links if link.kind == "image"]
    images += [(h.line, src) for h in document.html for src in HTML_IMAGE.findall(h.content)]
    problems = []
    for _, target in sorted(images, key=lambda image: image[0]):
        if md.is_external(target):
            continue
        path = (folder / target.split("#")[0]).resolve()
        if path.parent == IMAGES_DIR and (IMAGES_DIR / "zh" / path.name).exists():
            head, slash, _ = target.rpartition("/")
            chinese = f"{head}{slash}zh/{path.name}"
            problems.append(
                f"shows the English diagram {target}: use {chinese}, its Chinese version"
            )
    return problems


def test_english_diagrams_rejects_a_diagram_that_has_a_chinese_version():
    chinese_notebook = (
        "## 流程图\n\n![卷积网络的流程图](../../images/02_network_flowchart.png)\n\n文字。"
    )
    assert english_diagrams(chinese_notebook, nb.CHINESE_DIR) == [
        (
            "shows the English diagram ../../images/02_network_flowchart.png:"
            " use ../../images/zh/02_network_flowchart.png, its Chinese version"
        )
    ]
    html = '<img width="600" src="../../images/02_convolution.png">'
    assert len(english_diagrams(html, nb.CHINESE_DIR)) == 1
    assert english_diagrams("![卷积](images/02_convolution.png)", ROOT) == [
        (
            "shows the English diagram images/02_convolution.png:"
            " use images/zh/02_convolution.png, its Chinese version"
        )
    ]


def test_english_diagrams_accepts_the_chinese_diagrams_and_images_without_one():
    chinese = "![卷积网络的流程图](../../images/zh/02_network_flowchart.png)"
    assert english_diagrams(chinese, nb.CHINESE_DIR) == []
    assert english_diagrams("![手写板](images/02_drawing_pad.png)", ROOT) == []  # a screenshot
    assert english_diagrams("`![x](../../images/02_convolution.png)`", nb.CHINESE_DIR) == []  # code


@pytest.mark.parametrize("path", CHINESE_TEXTS, ids=shown)
def test_chinese_texts_show_the_chinese_diagrams(path):
    if path.suffix == ".ipynb":
        texts = [(f" cell {i}", text) for i, text in markdown_cells(path)]
    else:
        texts = [("", path.read_text(encoding="utf-8"))]
    problems = [
        f"{shown(path)}{where}: {problem}"
        for where, text in texts
        for problem in english_diagrams(text, path.parent)
    ]
    assert not problems, "\n".join(problems)


def diagrams_drawn() -> tuple[str, ...]:
    """The file names of images/make_diagrams.py's DIAGRAMS, read from the script (importing it
    would set up matplotlib for the whole test process)."""
    script = IMAGES_DIR / "make_diagrams.py"
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["DIAGRAMS"]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{shown(script)} has no DIAGRAMS = (...)")


def test_every_diagram_is_drawn_in_english_and_chinese():
    names = diagrams_drawn()
    assert names and all(name.endswith(".png") for name in names)
    problems = []
    for name in names:
        english, chinese = IMAGES_DIR / name, IMAGES_DIR / "zh" / name
        if not english.exists() or not chinese.exists():
            problems.append(f"{shown(english)} or {shown(chinese)} is missing")
        elif english.read_bytes() == chinese.read_bytes():
            problems.append(f"{shown(chinese)} is a copy of the English diagram")
    assert not problems, "\n".join(problems) + (
        "\nRun `python images/make_diagrams.py` (its docstring says which font it needs)."
    )


def test_out_of_step_names_the_cell_whose_code_changed(tmp_path, monkeypatch):
    english_dir, chinese_dir = tmp_path, tmp_path / "zh"
    chinese_dir.mkdir()
    monkeypatch.setattr(sync.nb, "NOTEBOOKS_DIR", english_dir)
    monkeypatch.setattr(sync.nb, "CHINESE_DIR", chinese_dir)

    def notebook(markdown: str, code: str, output: str) -> dict:
        out = {"output_type": "stream", "name": "stdout", "text": [output]}
        return {
            "cells": [
                {"cell_type": "markdown", "id": "a", "metadata": {}, "source": [markdown]},
                {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": 1,
                 "outputs": [out], "source": [code]},
            ],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
        }  # fmt: skip

    english = english_dir / "09_Test.ipynb"
    sync.write(english, notebook("Text", "print(1)  # one", "1\n"))
    assert "is missing" in sync.out_of_step(english)[0]

    sync.write(chinese_dir / english.name, notebook("文字", "print(1)  # 一", "1\n"))
    assert sync.out_of_step(english) == []  # comments may be translated

    sync.write(english, notebook("Text", "print(2)", "2\n"))
    assert sync.out_of_step(english) == ["cell 1: the code differs ('print(2)')"]
    assert sync.sync(english) == ([], ["cell 1: new code, English comments ('print(2)')"])
    assert sync.out_of_step(english) == []
    synced = sync.read(chinese_dir / english.name)
    assert "".join(synced["cells"][0]["source"]) == "文字"  # the prose is left alone
    assert synced["cells"][1]["outputs"][0]["text"] == ["2\n"]

    extra = notebook("Text", "print(2)", "2\n")
    extra["cells"].append({"cell_type": "markdown", "id": "c", "metadata": {}, "source": ["More"]})
    sync.write(english, extra)
    problems = sync.out_of_step(english)
    assert problems[0].startswith("the cells differ in kind or order")
    assert "-markdown" in problems
    assert sync.sync(english) == (problems, [])  # nothing is copied while cells do not line up


def test_sync_keeps_the_twins_translated_comments_where_only_comments_differ(tmp_path, monkeypatch):
    monkeypatch.setattr(sync.nb, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(sync.nb, "CHINESE_DIR", tmp_path / "zh")
    (tmp_path / "zh").mkdir()

    def notebook(code: str, output: str, count: int) -> dict:
        out = {"output_type": "stream", "name": "stdout", "text": [output]}
        cell = {
            "cell_type": "code",
            "id": "b",
            "metadata": {},
            "execution_count": count,
            "outputs": [out],
            "source": code.splitlines(keepends=True),
        }
        return {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip

    english = tmp_path / "09_Test.ipynb"
    chinese = tmp_path / "zh" / english.name
    sync.write(chinese, notebook("# 打印一个数\nprint(1)  # 一\n", "1\n", 1))
    # The English comment changed and the notebook was run again: new outputs, same code.
    sync.write(english, notebook("# Print a number.\nprint(1)  # one, again\n", "1.0\n", 7))
    assert sync.sync(english) == ([], [])
    cell = sync.read(chinese)["cells"][0]
    assert "".join(cell["source"]) == "# 打印一个数\nprint(1)  # 一\n"
    assert cell["outputs"][0]["text"] == ["1.0\n"]
    assert cell["execution_count"] == 7


def test_sync_keeps_the_twins_translated_docstrings_and_copies_code_that_changed(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(sync.nb, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(sync.nb, "CHINESE_DIR", tmp_path / "zh")
    (tmp_path / "zh").mkdir()

    def notebook(code: str, output: str) -> dict:
        out = {"output_type": "stream", "name": "stdout", "text": [output]}
        cell = {
            "cell_type": "code",
            "id": "b",
            "metadata": {},
            "execution_count": 1,
            "outputs": [out],
            "source": code.splitlines(keepends=True),
        }
        return {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip

    def code(docstring: str, comment: str, message: str = "a layer") -> str:
        return (
            "class Layer:\n"
            f'    """{docstring}"""\n\n'
            "    def __call__(self, x):\n"
            f'        """{docstring}\n\n        {comment}\n        """\n'
            f"        return x  # {comment}\n\n\n"
            f'print("{message}")\n'
        )

    english = tmp_path / "09_Test.ipynb"
    chinese = tmp_path / "zh" / english.name
    translated = code("一个网络层。", "原样返回。")
    sync.write(chinese, notebook(translated, "a layer\n"))
    # The English docstrings and comments differ, in words and in lines: the code is the same.
    sync.write(english, notebook(code("A layer,\n    of #02.", "Returned as it is."), "a layer\n"))
    assert sync.out_of_step(english) == []
    assert sync.sync(english) == ([], [])
    assert nb.source(sync.read(chinese)["cells"][0]) == translated

    # A string that is no docstring is code (here an output): a change to it is copied whole.
    changed = code("A layer.", "Returned as it is.", message="one layer")
    sync.write(english, notebook(changed, "one layer\n"))
    assert sync.out_of_step(english) == ["cell 0: the code differs ('class Layer:')"]
    assert sync.sync(english) == ([], ["cell 0: new code, English comments ('class Layer:')"])
    assert nb.source(sync.read(chinese)["cells"][0]) == changed
    # So is a change to the code itself, docstrings and comments alike.
    sync.write(chinese, notebook(translated, "a layer\n"))
    changed = code("A layer.", "Returned as it is.").replace("return x", "return -x")
    sync.write(english, notebook(changed, "a layer\n"))
    assert sync.sync(english) == ([], ["cell 0: new code, English comments ('class Layer:')"])
    assert nb.source(sync.read(chinese)["cells"][0]) == changed


def test_a_string_that_starts_a_cell_is_code_and_so_is_code_that_is_not_python():
    assert sync.code_without_comments('"""Shown."""\n') != sync.code_without_comments(
        '"""显示。"""\n'
    )
    magic = '%timeit f()\ndef f():\n    """Doc."""\n'
    assert sync.code_without_comments(magic) != sync.code_without_comments(
        magic.replace("Doc.", "文档。")
    )
    assert sync.code_without_comments('def f():\n    """Doc."""\n    return 1\n') == (
        sync.code_without_comments('def f():\n    """文档。"""\n    return 1\n')
    )


def test_sync_collapses_the_twins_setup_cell_and_keeps_its_chinese_comments(tmp_path, monkeypatch):
    monkeypatch.setattr(sync.nb, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(sync.nb, "CHINESE_DIR", tmp_path / "zh")
    (tmp_path / "zh").mkdir()

    def notebook(chinese: bool) -> dict:
        code = setup_cell_source("", chinese=chinese)
        cell = {
            "cell_type": "code",
            "id": "a",
            "metadata": {},
            "execution_count": 1,
            "outputs": [],
            "source": code.splitlines(keepends=True),
        }
        return {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip

    english, chinese = tmp_path / "01_Test.ipynb", tmp_path / "zh" / "01_Test.ipynb"
    lesson = notebook(chinese=False)
    collapse(lesson["cells"][0])
    sync.write(english, lesson)
    sync.write(chinese, notebook(chinese=True))  # a twin from before the cell was collapsed
    assert sync.sync(english) == ([], [])
    cell = sync.read(chinese)["cells"][0]
    assert is_collapsed(cell)  # the English cell's metadata is copied
    assert nb.source(cell) == setup_cell_source("", chinese=True)


def untranslated_comments(code: str) -> list[str]:
    """The comments of `code` that are English prose: three or more words, no Chinese, and not
    Python code themselves (a comment like `# relu(max_pool(x)) == max_pool(relu(x))` stays)."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type != tokenize.COMMENT:
            continue
        text = token.string.lstrip("#").strip()
        if CJK.search(text) or len(LATIN_WORD.findall(text)) < 3:
            continue
        try:
            ast.parse(text)
        except SyntaxError:
            found.append(token.string)
    return found


def test_untranslated_comments_finds_english_prose_but_not_chinese_or_code():
    code = (
        "# Load the data set.\n"
        "x = 1  # 每个批次的图像\n"
        "# relu(max_pool(x)) == max_pool(relu(x))\n"
        "y = 2  # fmt: skip\n"
        "z = 3  # The number of images in a batch\n"
    )
    assert untranslated_comments(code) == [
        "# Load the data set.",
        "# The number of images in a batch",
    ]


def untranslated_docstrings(code: str) -> list[str]:
    """The docstrings (of functions and classes) in `code` that have no Chinese: English left
    untranslated (a docstring of code only, `x`, would count too: the twins have none)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            docstring = ast.get_docstring(node, clean=False)
            if docstring and not CJK.search(docstring):
                found.append(f"{node.name}: {docstring.splitlines()[0]}")
    return found


def test_untranslated_docstrings_finds_english_docstrings_but_not_chinese_or_other_strings():
    code = (
        'class A:\n    """A layer."""\n\n    def f(self):\n        """计算。"""\n'
        '        return "Not a docstring."\n\n\ndef g():\n    """Two lines,\n\n    English."""\n'
    )
    assert untranslated_docstrings(code) == ["A: A layer.", "g: Two lines,"]


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_the_twins_docstrings_are_chinese(english):
    chinese = sync.twin(english)
    cells = nb.read(chinese)["cells"] if chinese.exists() else []
    english_docstrings = [
        f"cell {i}: {docstring}"
        for i, cell in enumerate(cells)
        if cell["cell_type"] == "code"
        for docstring in untranslated_docstrings(nb.source(cell))
    ]
    assert not english_docstrings, "docstrings to translate:\n" + "\n".join(english_docstrings)


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_the_twins_code_comments_are_chinese(english):
    chinese = sync.twin(english)
    cells = nb.read(chinese)["cells"] if chinese.exists() else []
    english_comments = [
        f"cell {i}: {comment}"
        for i, cell in enumerate(cells)
        if cell["cell_type"] == "code"
        for comment in untranslated_comments(nb.source(cell))
    ]
    assert not english_comments, "comments to translate:\n" + "\n".join(english_comments)


def test_a_new_twin_shows_the_chinese_diagrams_and_links_one_folder_further(tmp_path, monkeypatch):
    monkeypatch.setattr(sync.nb, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(sync.nb, "CHINESE_DIR", tmp_path / "zh")
    monkeypatch.setattr(sync, "IMAGES_DIR", tmp_path / "images")
    (tmp_path / "images" / "zh").mkdir(parents=True)
    (tmp_path / "images" / "zh" / "flow.png").write_bytes(b"png")
    markdown = "![a](../images/flow.png) ![b](../images/photo.png) [c](../README.md)\n"
    cell = {"cell_type": "markdown", "id": "a", "metadata": {}, "source": [markdown]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    sync.write(tmp_path / "09_Test.ipynb", notebook)
    twin = sync.start_twin("09_Test.ipynb")
    assert "".join(sync.read(twin)["cells"][0]["source"]) == (
        "![a](../../images/zh/flow.png) ![b](../../images/photo.png) [c](../../README.md)\n"
    )


def english_only(target: str, folder: Path) -> bool:
    """Whether a link from a twin in `folder` leads to a page in English only: another site, or
    an English notebook (a lesson, a worked solution, a record of a full run)."""
    if md.is_external(target):
        return True
    if target.startswith("#"):
        return False
    path = (folder / target.split("#")[0]).resolve()
    return path.suffix == ".ipynb" and not path.is_relative_to(nb.CHINESE_DIR.resolve())


def unmarked_english_links(markdown: str, folder: Path) -> list[str]:
    """The links of a twin's text to English-only pages that do not say so (英文) in their text
    or before their clause, sentence or table cell ends."""
    unmarked = []
    for link in md.links(markdown):
        if link.kind != "link" or not english_only(link.target, folder) or "英文" in link.label:
            continue
        rest = re.split(r"[。；|\n]", markdown[link.span[1] :], maxsplit=1)[0]
        if "英文" not in rest:
            unmarked.append(link.source)
    return unmarked


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_the_twins_links_to_english_only_pages_say_so(english):
    twin = sync.twin(english)
    unmarked = [
        f"cell {index}: {link}"
        for index, cell in enumerate(nb.read(twin)["cells"])
        if cell["cell_type"] == "markdown"
        for link in unmarked_english_links(nb.source(cell), twin.parent)
    ]
    assert not unmarked, f"{shown(twin)}: mark these links （英文）: {unmarked}"


@pytest.mark.parametrize(
    "markdown, unmarked",
    [
        ("见 [Keras 指南](https://keras.io/guides/)（英文）。", []),
        ("[TensorFlow Tutorials](https://github.com/x/y)（英文，MIT 许可证）中的教程", []),
        ("[English version](../01_Simple_Linear_Model.ipynb)", []),  # its own text says so
        ("见[第 2 节](#2.-学习率)。", []),  # a heading of the same notebook
        ("见 [TEACHING](../../TEACHING.zh-CN.md)。", []),  # not a notebook
        ("见 [Keras 指南](https://keras.io/guides/)。后面的句子（英文）", ["Keras 指南"]),
        ("[完整运行的记录](../../full_runs/05_Ensemble_Learning.ipynb)中。", ["完整运行的记录"]),
        ("[练习解答](../../solutions/01_Simple_Linear_Model_Solutions.ipynb)", ["练习解答"]),
        ("`[代码里](https://keras.io)` 不是链接", []),
    ],
)
def test_unmarked_english_links_finds_the_links_that_do_not_say_english(markdown, unmarked):
    found = unmarked_english_links(markdown, nb.CHINESE_DIR / "solutions")
    assert [any(text in link for text in unmarked) for link in found] == [True] * len(unmarked)
    assert len(found) == len(unmarked)


def exercise_notebook(setup: str, check: str, output: str) -> dict:
    """A notebook with a checked-exercise section: its set-up and one question's check."""

    def cell(cell_id: str, tag: str, code: str, text: str) -> dict:
        outputs = [{"output_type": "stream", "name": "stdout", "text": [text]}] if text else []
        return {"cell_type": "code", "id": cell_id, "metadata": {"tags": [tag]},
                "execution_count": 1, "outputs": outputs, "source": [code]}  # fmt: skip

    cells = [cell("a", "exercise-setup", setup, ""), cell("b", "exercise", check, output)]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_a_twins_checked_exercises_differ_only_in_their_language_and_print_it(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(sync.nb, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(sync.nb, "CHINESE_DIR", tmp_path / "zh")
    (tmp_path / "zh").mkdir()
    english, chinese = tmp_path / "09_Test.ipynb", tmp_path / "zh" / "09_Test.ipynb"
    setup = 'from exercises import ____, lesson\nex = lesson("01")'
    check = "ex.q_parameters.check(7850)"
    ran = ec.run_section(exercise_notebook(setup, check, ""))
    assert ran[1].startswith("✔ Correct.")
    sync.write(english, exercise_notebook(setup, check, ran[1]))

    chinese_setup = ec.in_chinese(setup)
    assert chinese_setup.endswith('lesson("01", language="zh")')
    in_chinese = ec.run_section(exercise_notebook(chinese_setup, check, ""))[1]
    assert in_chinese.startswith("✔ 正确。")
    sync.write(chinese, exercise_notebook(chinese_setup, check, in_chinese))
    assert sync.out_of_step(english) == []

    sync.write(chinese, exercise_notebook(chinese_setup, check, ran[1]))  # English output
    assert "does not print the English output in Chinese" in sync.out_of_step(english)[0]
    sync.write(chinese, exercise_notebook(chinese_setup + "\nex = None", check, in_chinese))
    assert sync.out_of_step(english) == [
        "cell 0: the code differs ('from exercises import ____, lesson')"
    ]

    assert sync.sync(english)[0] == []  # copies the code in Chinese and runs the twin's checks
    synced = sync.read(chinese)
    assert nb.source(synced["cells"][0]) == chinese_setup
    assert nb.output_text(synced["cells"][1]["outputs"]) == in_chinese
    assert sync.out_of_step(english) == []


TWINS = [sync.twin(p) for p in ENGLISH if sync.twin(p).exists()]
TWINS_WITH_EXERCISES = [p for p in TWINS if ec.exercise_cells(nb.read(p))]


@pytest.mark.slow
@pytest.mark.parametrize("path", TWINS_WITH_EXERCISES, ids=shown)
def test_the_checked_exercises_stored_outputs_are_what_they_print(path):
    # nbval runs the English notebooks whole (and #01's twin); this runs the twins' checks, whose
    # outputs are their own (Chinese), and compares them with what the twins store.
    notebook = nb.read(path)
    stored = [nb.output_text(notebook["cells"][i]["outputs"]) for i in ec.exercise_cells(notebook)]
    assert ec.run_section(notebook) == stored


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=shown)
def test_a_notebook_copied_alone_shows_every_image(path, tmp_path):
    copied = tmp_path / path.name
    copied.write_bytes(path.read_bytes())
    assert embed.unshown_images(nb.read(copied), tmp_path) == []


def test_every_diagram_is_embedded_and_is_the_current_one_in_its_language():
    assert embed.problems_everywhere() == []


def test_the_embedding_check_finds_a_linked_a_missing_and_a_stale_diagram(tmp_path, monkeypatch):
    monkeypatch.setattr(embed.nb, "CHINESE_DIR", tmp_path / "zh")
    (tmp_path / "zh").mkdir()
    twin = tmp_path / "zh" / "02_Test.ipynb"

    def write(source: str, attachments: dict | None = None) -> None:
        cell = {"cell_type": "markdown", "id": "a", "metadata": {}, "source": [source]}
        if attachments is not None:
            cell["attachments"] = attachments
        nb.write(twin, {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})

    write(f"![流程图]({embed.IMAGES_DIR}/02_network_flowchart.png)")
    assert "is linked, not embedded" in embed.problems(twin)[0]
    assert embed.embed(twin) and embed.problems(twin) == []
    attached = nb.read(twin)["cells"][0]["attachments"]["02_network_flowchart.png"]["image/png"]
    chinese = embed.IMAGES_DIR / "zh" / "02_network_flowchart.png"
    assert attached == embed.encoded(chinese)  # a twin carries the Chinese diagram
    write("![流程图](attachment:02_network_flowchart.png)", {})
    assert "is missing" in embed.problems(twin)[0]
    stale = {"image/png": embed.encoded(embed.IMAGES_DIR / "02_network_flowchart.png")}
    write("![流程图](attachment:02_network_flowchart.png)", {"02_network_flowchart.png": stale})
    assert "is not the current" in embed.problems(twin)[0]
    assert embed.unshown_images(nb.read(twin), tmp_path) == []
    write("![流程图](attachment:other.png)", {"02_network_flowchart.png": stale})
    assert embed.unshown_images(nb.read(twin), tmp_path) == [
        "cell 0: attachment:other.png is not attached"
    ]
