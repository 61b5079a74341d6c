"""The markdown parser of the checks and scripts (tutorial_checks/markdown.py): links, images,
headings, tables and code read as GitHub renders them, and link targets rewritten in place."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

from tutorial_checks import ROOT
from tutorial_checks import markdown as md


def found(text: str) -> list[tuple[str, str, str, int]]:
    """Each link and image of `text` as (kind, target, text, line)."""
    return [(link.kind, link.target, link.text, link.line) for link in md.links(text)]


# --- links and images -----------------------------------------------------------------------


def test_links_and_images_in_ordinary_text():
    text = (
        "# Title\n\n"
        "See [the guide](TEACHING.md) and ![a diagram](images/02_convolution.png).\n"
        "Then [a web page](https://www.python.org/), and [速度](#速度).\n"
    )
    assert found(text) == [
        ("link", "TEACHING.md", "the guide", 3),
        ("image", "images/02_convolution.png", "a diagram", 3),
        ("link", "https://www.python.org/", "a web page", 4),
        ("link", "#速度", "速度", 4),  # as written, not percent-encoded
    ]
    # Not links: a space before the target, an escaped bracket, brackets alone.
    assert found("[a] (b.md), \\[c](d.md), [e] and ![f]\n") == []


def test_a_title_is_not_part_of_the_target():
    text = "[a](notebooks/01.ipynb \"The first lesson\") ![b](images/x.png 'A diagram')"
    assert [(link.target, link.title) for link in md.links(text)] == [
        ("notebooks/01.ipynb", "The first lesson"),
        ("images/x.png", "A diagram"),
    ]
    # A quote in the target itself is part of it (no space before it: not a title).
    assert [link.target for link in md.links('[a](b"c")')] == ['b"c"']


def test_a_target_in_angle_brackets_may_hold_spaces():
    links = md.links('[a](<notes/my file.md>) and [b](<images/x y.png> "t")')
    assert [(link.target, link.title) for link in links] == [
        ("notes/my file.md", ""),
        ("images/x y.png", "t"),
    ]
    assert md.links("[a](notes/my file.md)") == []  # a space without brackets: not a link


def test_a_links_text_may_hold_brackets_code_an_image_and_line_breaks():
    text = (
        "[the [nested] text](a.md) [`x[0]`](b.md) [![badge](badge.svg)](https://ci.example)\n"
        "[the\nsolutions](c.md)\n"
    )
    assert found(text) == [
        ("link", "a.md", "the [nested] text", 1),
        ("link", "b.md", "x[0]", 1),
        ("link", "https://ci.example", "badge", 1),
        ("image", "badge.svg", "badge", 1),
        ("link", "c.md", "the solutions", 2),
    ]
    first = md.links(text)[0]
    assert (first.label, first.source) == ("the [nested] text", "[the [nested] text](a.md)")
    # An unbalanced bracket ends no link where a pattern of "one level of brackets" would.
    assert [link.target for link in md.links("[a [b](c.md)")] == ["c.md"]


def test_autolinks_and_reference_links_are_links_without_a_target_in_place():
    text = "<https://example.org/a>, [the guide][guide] and [guide].\n\n[guide]: TEACHING.md\n"
    links = md.links(text)
    assert [(link.target, link.text) for link in links] == [
        ("https://example.org/a", "https://example.org/a"),
        ("TEACHING.md", "the guide"),
        ("TEACHING.md", "guide"),
    ]
    assert [link.target_span for link in links] == [None, None, None]
    assert md.links("[the guide][nowhere]") == []  # an undefined reference is text


def test_nothing_in_code_is_a_link_or_an_image():
    text = (
        "Write `[text](target)` or ``![alt](`x`)``.\n\n"
        "```markdown\n[in a fence](a.md)\n![image](b.png)\n```\n\n"
        "~~~\n[in a tilde fence](c.md)\n~~~\n\n"
        "    [in indented code](d.md)\n\n"
        "<div>[in an HTML block](e.md)</div>\n\n"
        "but [this one](f.md).\n"
    )
    assert found(text) == [("link", "f.md", "this one", 16)]
    assert [block.info for block in md.code_blocks(text)] == ["markdown", "", ""]
    # A backtick that opens no code span hides nothing.
    assert found("a ` and [g](g.md)") == [("link", "g.md", "g", 1)]


def test_links_in_containers_and_tables_are_found_with_their_lines():
    text = (
        "> a quote [q](q.md)\n\n- an item\n  [i](i.md)\n\n| a | b |\n| - | - |\n| [t](t.md) | x |\n"
    )
    assert found(text) == [
        ("link", "q.md", "q", 1),
        ("link", "i.md", "i", 4),
        ("link", "t.md", "t", 8),
    ]


# --- headings -------------------------------------------------------------------------------


def test_headings_their_levels_text_and_github_anchors():
    text = (
        "# Convolutional neural networks\n\n"
        "## The Chinese edition, and changing a notebook ##\n\n"
        "## 中文版，以及如何修改笔记本\n\n"
        "### 使用 GPU\n\n"
        "## `helpers.py`: the helpers\n\n"
        "## See [the guide](TEACHING.md)\n\n"
        "Setext heading\n--------------\n\n"
        "## Notes\n\n## Notes\n"
    )
    assert [(h.level, h.text, h.anchor, h.line) for h in md.headings(text)] == [
        (1, "Convolutional neural networks", "convolutional-neural-networks", 1),
        (
            2,
            "The Chinese edition, and changing a notebook",
            "the-chinese-edition-and-changing-a-notebook",
            3,
        ),
        (2, "中文版，以及如何修改笔记本", "中文版以及如何修改笔记本", 5),
        (3, "使用 GPU", "使用-gpu", 7),
        (2, "helpers.py: the helpers", "helperspy-the-helpers", 9),
        (2, "See the guide", "see-the-guide", 11),
        (2, "Setext heading", "setext-heading", 13),
        (2, "Notes", "notes", 16),
        (2, "Notes", "notes-1", 18),
    ]
    assert md.headings(text)[4].source == "`helpers.py`: the helpers"
    assert md.links(text)[0].target == "TEACHING.md"  # a heading's link is a link


def test_what_is_not_a_heading():
    text = (
        "#02's network, a wrapped line\n\n"
        "```bash\n# a comment\n```\n\n"
        "    # indented code\n\n"
        "\\# an escaped hash\n\n"
        "####### seven hashes\n"
    )
    assert md.headings(text) == []


def test_github_anchor_of_a_headings_text():
    assert md.github_anchor("Training speed on a CPU") == "training-speed-on-a-cpu"
    assert md.github_anchor("`helpers.py`: the helpers") == "helperspy-the-helpers"
    assert (
        md.github_anchor("在仓库之外：安装包、Colab 和工作坊") == "在仓库之外安装包colab-和工作坊"
    )
    assert md.github_anchor("Save & Restore") == "save--restore"  # not "save-&-restore"


# --- tables ---------------------------------------------------------------------------------


def cells(row: tuple[md.Cell, ...]) -> list[str]:
    return [cell.source for cell in row]


def test_tables_with_and_without_leading_pipes():
    text = (
        "| notebook | what |\n| --- | ---: |\n| [01](notebooks/01.ipynb) | `tf.Variable` |\n\n"
        "a | b\n--- | ---\n1 | 2\n3 | 4\n"
    )
    first, second = md.tables(text)
    assert cells(first.header) == ["notebook", "what"] and first.line == 1
    assert [cells(row) for row in first.rows] == [["[01](notebooks/01.ipynb)", "`tf.Variable`"]]
    row = first.rows[0]
    assert [link.target for link in row[0].links] == ["notebooks/01.ipynb"]
    assert (row[0].text, row[1].code) == ("01", ("tf.Variable",))
    assert cells(second.header) == ["a", "b"] and second.line == 5
    assert [cells(row) for row in second.rows] == [["1", "2"], ["3", "4"]]


def test_a_tables_cells_escaped_pipes_and_row_lengths():
    text = "| a | b |\n| - | - |\n| `x \\| y` | p \\| q |\n| only one |\n| 1 | 2 | 3 |\n"
    (table,) = md.tables(text)
    assert [cells(row) for row in table.rows] == [
        ["`x | y`", "p | q"],  # an escaped pipe does not split
        ["only one", ""],  # GitHub pads a short row
        ["1", "2"],  # and drops what a long one has beyond the header
    ]
    assert table.rows[0][0].code == ("x | y",)


def test_what_is_not_a_table():
    assert md.tables("```\n| a | b |\n| - | - |\n```\n") == []  # in a fence
    assert md.tables("| a | b |\n| c | d |\n") == []  # no delimiter row
    assert md.tables("| a | b |\n| - |\n| 1 | 2 |\n") == []  # the delimiter row lacks a column


# --- prose, code and HTML -------------------------------------------------------------------


def test_prose_keeps_the_words_and_drops_code_targets_and_html():
    text = (
        "## 练习\n\n用 `tf.GradientTape` 计算梯度，见 [原教程](https://example.com/a_b)。\n\n"
        "![流程图](images/flow.png) <b>粗体</b>\n\n```python\nprint('code')\n```\n"
    )
    assert md.prose(text) == "练习\n用  计算梯度，见 原教程。\n流程图 粗体"
    table = "Measured:\n\n| step | time |\n| --- | --- |\n| `fit` | 5.2 ms |\n"
    assert md.prose(table) == "Measured:\nstep\ntime\n5.2 ms"  # the cell of code has none
    assert md.prose(table, tables=False) == "Measured:"


def test_code_spans_and_blocks_with_their_lines():
    text = "# T\n\nRun `pip install x`, then\n``a `b` c``.\n\n```bash\npython -m pytest\n```\n"
    assert [(span.content, span.line) for span in md.code_spans(text)] == [
        ("pip install x", 3),
        ("a `b` c", 4),
    ]
    assert [(b.info, b.content, b.line) for b in md.code_blocks(text)] == [
        ("bash", "python -m pytest\n", 6)
    ]
    assert md.code_spans("a ` lone backtick") == md.code_spans("``not closed`") == []


def test_html_is_reported_apart():
    text = 'Text <img width="600" src="a.png"> more.\n\n<div align="center">\nblock\n</div>\n'
    assert [(h.content, h.line) for h in md.parse(text).html] == [
        ('<img width="600" src="a.png">', 1),
        ('<div align="center">\nblock\n</div>\n', 3),
    ]
    assert md.links(text) == []


# --- rewriting ------------------------------------------------------------------------------


def one_folder_deeper(link: md.Link) -> str | None:
    if md.is_external(link.target) or link.target.startswith("#"):
        return None
    return f"../{link.target}"


def test_rewriting_changes_the_targets_and_nothing_else():
    text = (
        "# Title [here](here.md) #\r\n"  # Windows line ends stay
        "\r\n"
        'A [link](a.md "title")  \r\n'  # the trailing spaces (a hard break) stay
        "and ![img](images/x.png), [web](https://x.org) and [own](#title).\r\n"
        "> quoted [over\r\n> two lines](b.md)\r\n"
        "\r\n"
        "Code: `[a](a.md)` and ``[b](`b.md`)``, [<angled>](<c d.md>)\r\n"
        "\r\n"
        "```\r\n[fenced](e.md)\r\n```\r\n"
        "| `x \\| y` | [cell](f.md) |\r\n|---|---|\r\n| 1 | [g](g.md) [g](g.md) |\r\n"
    )
    expected = (
        "# Title [here](../here.md) #\r\n"
        "\r\n"
        'A [link](../a.md "title")  \r\n'
        "and ![img](../images/x.png), [web](https://x.org) and [own](#title).\r\n"
        "> quoted [over\r\n> two lines](../b.md)\r\n"
        "\r\n"
        "Code: `[a](a.md)` and ``[b](`b.md`)``, [<angled>](<../c d.md>)\r\n"
        "\r\n"
        "```\r\n[fenced](e.md)\r\n```\r\n"
        "| `x \\| y` | [cell](../f.md) |\r\n|---|---|\r\n| 1 | [g](../g.md) [g](../g.md) |\r\n"
    )
    assert md.rewrite_targets(text, one_folder_deeper) == expected
    assert md.rewrite_targets(text, lambda link: None) == text
    assert md.rewrite_targets(text, lambda link: link.target) == text


def test_a_rewritten_target_with_a_space_is_angled_and_a_reference_link_is_refused():
    assert md.rewrite_targets("[a](x.md)", lambda link: "my x.md") == "[a](<my x.md>)"
    assert md.rewrite_targets("[a]()", lambda link: "x.md") == "[a](x.md)"
    with pytest.raises(ValueError, match="line 1: cannot rewrite the target of '\\[a\\]\\[r\\]'"):
        md.rewrite_targets("[a][r]\n\n[r]: x.md\n", one_folder_deeper)


def test_replacing_links_keeps_code_and_what_is_not_replaced():
    text = "See [Full runs](#full-runs), `[x](y)` and ![a](images/x.png), [![b](b.png)](z.md).\n"

    def text_of_links(link: md.Link) -> str | None:
        return link.label if link.kind == "link" else None

    assert md.replace_links(text, text_of_links) == (
        "See Full runs, `[x](y)` and ![a](images/x.png), ![b](b.png).\n"
    )
    # A link over two lines of a quote, the quote's `>` kept; an image within a replaced link
    # goes with it.
    quoted = "> See [the\n> guide](TEACHING.md) and [![b](b.png)](z.md).\n"
    assert md.replace_links(quoted, lambda link: link.label) == (
        "> See the\n> guide and ![b](b.png).\n"
    )
    as_html = md.replace_links(
        "[a **b**](x.md)", lambda link: f'<a href="{link.target}">{link.label}</a>'
    )
    assert as_html == '<a href="x.md">a **b**</a>'


# --- where the parser comes from ------------------------------------------------------------


def test_the_module_needs_only_markdown_it_which_the_site_requirements_pin():
    # The pages workflow installs only requirements-site.txt and runs scripts/build_site.py,
    # which imports this module from the project folder: nothing else may be needed.
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import tutorial_checks.markdown; "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    allowed = set(sys.stdlib_module_names) | {"markdown_it", "mdurl", "tutorial_checks"}
    assert [name for name in loaded if name not in allowed and not name.startswith("_")] == []
    pins = (ROOT / "requirements-site.txt").read_text(encoding="utf-8").splitlines()
    assert f"markdown-it-py=={version('markdown-it-py')}" in pins
