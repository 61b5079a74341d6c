"""Markdown as GitHub reads it, parsed rather than matched: the links and images of a text, its
headings with their anchors, its tables and code blocks, and rewriting link targets in place.

One parser, markdown-it-py (CommonMark with GitHub's tables and strikethrough), reads the READMEs, the teacher's
guides and the notebooks' markdown cells for the tests and the maintainers' scripts, so that a
link in a code span, a `#` line in a fenced block or a `|` in a code span is read as GitHub
renders it. Nothing inside code (code spans, fenced and indented blocks) is a link, an image or a
heading. Links are reported whether or not a renderer would allow them (`javascript:` too), their
targets not percent-encoded (`#速度` stays `#速度`).

    parse(text) -> Document      # everything below at once
    links(text), headings(text), tables(text), code_blocks(text), code_spans(text), prose(text)
    rewrite_targets(text, new_target)  # change targets; every other character stays as it was
    replace_links(text, replacement)   # replace whole links (a link by its text, by HTML)

It needs only markdown-it-py, which requirements-site.txt pins, so that the website's build
(scripts/build_site.py), for which the pages workflow installs only that file, can import it
from the project folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, autolink, backtick, image, link
from markdown_it.token import Token

Kind = Literal["link", "image"]
Span = tuple[int, int]  # [start, end) offsets in the text that was parsed

# A URL scheme (RFC 3986): https:, mailto:, javascript:. What has none is a relative reference.
SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# markdown-it reads line ends and NUL characters this way (its core rule "normalize").
LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class Link:
    """A link `[text](target "title")` or an image `![text](target)` (also `<https://...>`
    autolinks and `[text][reference]` links, whose target is not written where they are)."""

    kind: Kind
    target: str  # the destination, its backslash escapes and entities resolved
    text: str  # what a reader sees: for an image its alternative text
    line: int  # where it starts, counted from 1
    title: str = ""
    label: str = ""  # the markdown between the brackets, as written
    source: str = ""  # the whole link's markdown, as written
    span: Span | None = None  # where `source` is in the text (None: not located)
    target_span: Span | None = None  # where the target is written (None: not in the link)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for "# Title"
    text: str  # what a reader sees: "helpers.py: the helpers" for "`helpers.py`: the helpers"
    source: str  # its markdown after the hashes: "`helpers.py`: the helpers"
    anchor: str  # GitHub's: "helperspy-the-helpers", "-1", "-2" after repeated headings
    line: int


@dataclass(frozen=True)
class Cell:
    source: str  # its markdown, trimmed (an escaped `\|` is a `|`, as GitHub shows it)
    text: str  # what a reader sees
    links: tuple[Link, ...]
    code: tuple[str, ...]  # the contents of its code spans


@dataclass(frozen=True)
class Table:
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]  # each as many cells as the header (GitHub pads them)
    line: int


@dataclass(frozen=True)
class CodeBlock:
    info: str  # a fence's info string ("bash", "python"); "" for an indented block
    content: str
    line: int


@dataclass(frozen=True)
class CodeSpan:
    content: str  # `` `a` `` -> "a"
    line: int


@dataclass(frozen=True)
class Html:
    content: str  # an HTML block, or one inline tag
    line: int


@dataclass
class Document:
    links: list[Link] = field(default_factory=list)  # and images, in the text's order
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    code_spans: list[CodeSpan] = field(default_factory=list)
    html: list[Html] = field(default_factory=list)
    prose: str = ""  # the words a reader reads, code and HTML aside (see `prose`)
    prose_outside_tables: str = ""


# --- the parser -----------------------------------------------------------------------------


@cache
def parser() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough, reporting every link and where it is."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Targets as written: the checks compare them with file names and headings (#速度), not
    # with what a browser requests; and a check reports a `javascript:` link rather than hide it.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    md.validateLink = _any_link  # type: ignore[method-assign]
    # markdown-it gives inline tokens no positions; these rules record them (for rewriting,
    # and for the line of a code span).
    md.inline.ruler.at("link", _recording(link))
    md.inline.ruler.at("image", _recording(image))
    md.inline.ruler.at("autolink", _recording(autolink))
    md.inline.ruler.at("backticks", _recording(backtick))
    return md


def _as_written(url: str) -> str:
    return url


def _any_link(url: str) -> bool:
    return True


def _recording(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """The inline rule `rule`, which also stores in its token's meta where its link, image or
    code span is in the inline text (state.src), and a link's label and target."""

    def recording_rule(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        # A pending text token may be pushed first: the rule's token is the first of these, if
        # any (a lone backtick is text).
        kinds = ("link_open", "image", "code_inline")
        token = next((t for t in state.tokens[count:] if t.type in kinds), None)
        if token is not None:
            token.meta["span"] = (start, state.pos)
            if token.type != "code_inline":
                token.meta.update(_spans(state, start, state.pos, token))
        return True

    return recording_rule


def _spans(state: StateInline, start: int, end: int, token: Token) -> dict[str, Span | None]:
    """Where, in the inline text (state.src), the label (between the brackets) of the link at
    start:end is, and its destination (angle brackets included). A reference link's destination is
    in its definition, an autolink's is its label: their target span is None."""
    if token.markup == "autolink":
        return {"label_span": (start + 1, end - 1), "target_span": None}
    src = state.src
    bracket = start + 1 if src[start] == "!" else start
    # The label end that the rule found (a link's label may not hold another link).
    label_end = state.md.helpers.parseLinkLabel(state, bracket, token.type == "link_open")
    spans: dict[str, Span | None] = {
        "label_span": (bracket + 1, label_end),
        "target_span": None,
    }
    pos = label_end + 1
    if pos < end and src[pos] == "(":
        pos += 1
        while pos < end and src[pos] in " \t\n":
            pos += 1
        destination = state.md.helpers.parseLinkDestination(src, pos, end)
        spans["target_span"] = (pos, destination.pos if destination.ok else pos)  # `[a]()`
    return spans


# --- reading a text -------------------------------------------------------------------------


def parse(markdown: str) -> Document:
    """The links, images, headings, tables, code blocks, HTML and prose of `markdown`."""
    lines = _Lines(markdown)
    tokens = parser().parse(lines.normalized)
    # Each paragraph, heading and table cell, read once, by its token's index.
    inlines = {
        index: _read_inline(token, lines, tokens[index - 1].type in ("th_open", "td_open"))
        for index, token in enumerate(tokens)
        if token.type == "inline"
    }
    return Document(
        links=[link for inline in inlines.values() for link in inline.links],
        headings=_headings(tokens, inlines),
        tables=_tables(tokens, inlines),
        code_blocks=[_code_block(t) for t in tokens if t.type in ("fence", "code_block")],
        code_spans=[span for inline in inlines.values() for span in inline.code],
        html=list(_html(tokens)),
        prose=_prose(inlines.values()),
        prose_outside_tables=_prose(i for i in inlines.values() if not i.in_table),
    )


def links(markdown: str) -> list[Link]:
    """The links and images of `markdown`, in its order (a link's image after the link)."""
    return parse(markdown).links


def headings(markdown: str) -> list[Heading]:
    return parse(markdown).headings


def tables(markdown: str) -> list[Table]:
    return parse(markdown).tables


def code_blocks(markdown: str) -> list[CodeBlock]:
    return parse(markdown).code_blocks


def code_spans(markdown: str) -> list[CodeSpan]:
    return parse(markdown).code_spans


def prose(markdown: str, tables: bool = True) -> str:
    """The words of `markdown` as a reader reads them: its text, the text of its links and the
    alternative text of its images, one line per paragraph, heading or cell; not code (spans or
    blocks), link targets or HTML. Math (`$...$`) is text to markdown: it stays. Without
    `tables`, without the tables' cells (a table of a program's output, say)."""
    document = parse(markdown)
    return document.prose if tables else document.prose_outside_tables


def github_anchor(text: str) -> str:
    """The anchor GitHub gives a heading whose text a reader sees is `text`: lower case,
    punctuation dropped, spaces to hyphens ("使用 GPU" -> "使用-gpu")."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def is_external(target: str) -> bool:
    """A target with a scheme (https:, mailto:): not a path in the project."""
    return SCHEME.match(target) is not None


def _numbered(anchor: str, seen: dict[str, int]) -> str:
    """GitHub's anchor of a repeated heading: "notes", then "notes-1", "notes-2"."""
    count = seen.get(anchor, 0)
    seen[anchor] = count + 1
    return f"{anchor}-{count}" if count else anchor


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


@dataclass(frozen=True)
class _Inline:
    """What a paragraph, heading or table cell holds."""

    links: list[Link]
    text: str  # as a reader sees it
    code: list[CodeSpan]
    prose: str  # its text, code aside
    in_table: bool


def _read_inline(token: Token, lines: _Lines, in_table: bool) -> _Inline:
    locate = lines.locator(token)
    children = token.children or []
    found: list[Link] = []
    for index, child in enumerate(children):
        if child.type == "link_open":
            close = _closing(children, index)
            found.append(_link(token, child, _text(children[index + 1 : close]), locate))
        elif child.type == "image":
            found.append(_link(token, child, _text(child.children or []), locate))
    code = [_code_span(token, child) for child in children if child.type == "code_inline"]
    prose = _text(children, with_code=False)
    return _Inline(found, _text(children), code, prose, in_table)


def _code_span(inline: Token, token: Token) -> CodeSpan:
    start = token.meta["span"][0]
    return CodeSpan(token.content, _line(inline) + inline.content.count("\n", 0, start))


def _prose(inlines: Iterable[_Inline]) -> str:
    return "\n".join(inline.prose for inline in inlines if inline.prose)


def _headings(tokens: Sequence[Token], inlines: dict[int, _Inline]) -> list[Heading]:
    found: list[Heading] = []
    anchors: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            content, text = tokens[index + 1].content, inlines[index + 1].text
            anchor = _numbered(github_anchor(text), anchors)
            found.append(Heading(int(token.tag[1:]), text, content, anchor, _line(token)))
    return found


def _tables(tokens: Sequence[Token], inlines: dict[int, _Inline]) -> list[Table]:
    found: list[Table] = []
    rows: list[list[Cell]] = []  # the header row first
    line = 0
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            inline = inlines[index + 1]
            content = tokens[index + 1].content
            code = tuple(span.content for span in inline.code)
            rows[-1].append(Cell(content, inline.text, tuple(inline.links), code))
        elif token.type == "table_open":
            rows, line = [], _line(token)
        elif token.type == "table_close":
            found.append(Table(tuple(rows[0]), tuple(tuple(row) for row in rows[1:]), line))
    return found


def _code_block(token: Token) -> CodeBlock:
    info = token.info.strip() if token.type == "fence" else ""  # an indented block has none
    return CodeBlock(info, token.content, _line(token))


def _html(tokens: Sequence[Token]) -> Iterator[Html]:
    """HTML blocks and inline tags, in the text's order (a tag with its paragraph's line)."""
    for token in tokens:
        if token.type == "html_block":
            yield Html(token.content, _line(token))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "html_inline":
                    yield Html(child.content, _line(token))


def _closing(children: Sequence[Token], index: int) -> int:
    """The index of the link_close of the link_open at `index` (links do not nest)."""
    return next(i for i in range(index + 1, len(children)) if children[i].type == "link_close")


def _text(tokens: Sequence[Token], with_code: bool = True) -> str:
    """What a reader sees of inline tokens: text, code, images' alternative text; a line break
    within a paragraph reads as a space."""
    parts = []
    for token in tokens:
        if token.type == "text" or (with_code and token.type == "code_inline"):
            parts.append(token.content)
        elif token.type == "softbreak":
            parts.append(" ")
        elif token.type == "hardbreak":
            parts.append("\n")
        elif token.type == "image":
            parts.append(_text(token.children or [], with_code))
    return "".join(parts)


def _link(inline: Token, token: Token, text: str, locate: _Locator) -> Link:
    """The Link of a link_open or image token in the inline token `inline`."""
    kind: Kind = "image" if token.type == "image" else "link"
    target = str(token.attrs.get("src" if kind == "image" else "href", ""))
    start, end = token.meta["span"]
    label_start, label_end = token.meta["label_span"]
    target_span = token.meta["target_span"]
    return Link(
        kind=kind,
        target=target,
        text=text,
        line=_line(inline) + inline.content.count("\n", 0, start),
        title=str(token.attrs.get("title", "")),
        label=locate.text(label_start, label_end),
        source=locate.text(start, end),
        span=locate(start, end),
        target_span=locate(*target_span) if target_span else None,
    )


# --- where an inline token's characters are in the text -------------------------------------


class _Lines:
    """The text's lines: what markdown-it parses (normalized) and where each line starts in the
    original text, for edits that keep every other character as it was."""

    def __init__(self, markdown: str) -> None:
        self.original = markdown
        self.starts = [0]
        self.texts = []  # each line without its line end, as markdown-it reads it
        position = 0
        for end in LINE_END.finditer(markdown):
            self.texts.append(markdown[position : end.start()].replace("\0", "\ufffd"))
            position = end.end()
            self.starts.append(position)
        self.texts.append(markdown[position:].replace("\0", "\ufffd"))
        self.normalized = "\n".join(self.texts)
        self.cursor: dict[int, int] = {}  # per line: where the last located token ended

    def locator(self, token: Token) -> _Locator:
        return _Locator(self, token)

    def end(self, index: int) -> int:
        """Where the line `index` ends (its line end's first character) in the original text."""
        return self.starts[index] + len(self.texts[index])


class _Locator:
    """Maps offsets in an inline token's content to offsets in the original text.

    The content is its lines with characters removed: a line's indentation and container
    markers (`>`, list markers), a heading's hashes, a table row's pipes and the backslash of
    an escaped `\\|` in a cell, and whitespace at the ends; a tab in a line's indentation may
    have become spaces. Each content character is found in its source line left to right (a
    line's leading whitespace is not looked for); a span is returned only if what it skips in
    the text is such a removable character, so that an edit cannot land in the wrong place."""

    def __init__(self, lines: _Lines, token: Token) -> None:
        self.lines = lines
        self.content = token.content
        self.positions: list[int | None] = []
        first = token.map[0] if token.map else None
        for number, content_line in enumerate(token.content.split("\n")):
            index = first + number if first is not None else None
            if index is not None and index >= len(lines.texts):
                index = None
            if number:  # the line end before this line
                self.positions.append(lines.end(index - 1) if index is not None else None)
            self.positions += self._find(content_line, index, first_line=number == 0)

    def _find(self, content_line: str, index: int | None, first_line: bool) -> list[int | None]:
        """The text offsets of the characters of `content_line`, from the text's line `index`."""
        indent = len(content_line) - len(content_line.lstrip())
        found: list[int | None] = [None] * indent
        if index is None:
            return found + [None] * (len(content_line) - indent)
        text, base = self.lines.texts[index], self.lines.starts[index]
        # Cells of a table row share their line: each is found after the one before it.
        position = self.lines.cursor.get(index, 0) if first_line else 0
        for char in content_line[indent:]:
            position = text.find(char, position)
            if position < 0:
                return found + [None] * (len(content_line) - len(found))
            found.append(base + position)
            position += 1
        self.lines.cursor[index] = position
        return found

    def text(self, start: int, end: int) -> str:
        """content[start:end] as the original text has it (a quote's `>` on a second line, a
        cell's `\\|`), or as the content has it where it cannot be located."""
        span = self(start, end)
        return self.lines.original[span[0] : span[1]] if span else self.content[start:end]

    def __call__(self, start: int, end: int) -> Span | None:
        """Where content[start:end] is in the original text; for an empty span (an empty
        target), where the character after it is."""
        if start == end:
            after = self.positions[start] if start < len(self.positions) else None
            return (after, after) if after is not None else None
        positions = self.positions[start:end]
        if positions[0] is None or positions[-1] is None:
            return None
        located = []
        for offset, position in enumerate(positions, start):
            if position is not None:
                located.append(position)
            elif not self.content[offset].isspace():
                return None  # only a line's leading whitespace is not looked for
        for a, b in pairwise(located):
            if not _removable(self.lines.original, a + 1, b):
                return None
        return (located[0], located[-1] + 1)


def _removable(text: str, start: int, end: int) -> bool:
    """Whether the parser's content may lack text[start:end]: whitespace and line ends, a
    blockquote's `>`, the backslash of a table cell's `\\|`."""
    for index in range(start, end):
        char = text[index]
        if not (char.isspace() or char == ">" or (char == "\\" and text[index + 1] == "|")):
            return False
    return True


# --- rewriting ------------------------------------------------------------------------------


def rewrite_targets(markdown: str, new_target: Callable[[Link], str | None]) -> str:
    """`markdown` with the target of each link and image for which `new_target` returns one
    replaced by it; every other character, code included, stays as it was. A target with a
    space is written in angle brackets, as is one that was. Raises ValueError for a target that
    is not written in its link (a reference link, an autolink) or that cannot be located."""
    edits = []
    for found in links(markdown):
        new = new_target(found)
        if new is None or new == found.target:
            continue
        if found.target_span is None:
            raise ValueError(
                f"line {found.line}: cannot rewrite the target of {found.source!r} in place"
            )
        start, end = found.target_span
        angled = markdown[start:end].startswith("<") or re.search(r"\s", new) is not None
        edits.append((start, end, f"<{new}>" if angled else new))
    return _edited(markdown, edits)


def replace_links(markdown: str, replacement: Callable[[Link], str | None]) -> str:
    """`markdown` with each link and image for which `replacement` returns a text replaced by
    it (an image within a replaced link goes with it); every other character stays as it was.
    Raises ValueError for a link that cannot be located."""
    edits = []
    for found in links(markdown):
        new = replacement(found)
        if new is None:
            continue
        if found.span is None:
            raise ValueError(f"line {found.line}: cannot locate {found.source!r} to replace it")
        edits.append((*found.span, new))
    return _edited(markdown, edits)


def _edited(markdown: str, edits: list[tuple[int, int, str]]) -> str:
    """`markdown` with each (start, end, new) edit made; an edit within an earlier one's span
    is dropped (it was replaced with it)."""
    parts, position = [], 0
    for start, end, new in sorted(edits):
        if start < position:
            continue
        parts += [markdown[position:start], new]
        position = end
    return "".join(parts) + markdown[position:]
