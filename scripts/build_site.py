"""Build the series' website, in English and Chinese, from the notebooks' stored outputs.

    python scripts/build_site.py              # -> build/site/: en/, zh/ and a page to choose
    python -m http.server -d build/site 8000  # then open http://localhost:8000

No notebook is executed: the pages show the outputs stored in the notebooks, which the tests
compare with a fresh run. A notebook that was never executed stops the build, named. Each edition
is staged in build/site-src/<edition>/ at the notebooks' repository paths (so their relative links
and images resolve unchanged) and built by Sphinx with MyST-NB (website/conf.py). The navigation
lists the notebooks in the order and under the names of the series' list, notebooks/series.toml
(scripts/series.py). Nothing here needs the network: MathJax, fonts and the search index are
served by the site itself.
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import posixpath
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from sphinx.cmd.build import build_main

if str(Path(__file__).resolve().parent) not in sys.path:  # imported by the tests, not run
    sys.path.insert(0, str(Path(__file__).resolve().parent))
# The pages workflow installs only requirements-site.txt, not tutorial_checks: its markdown
# parser (which needs only markdown-it-py) is imported from the project folder, searched last.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent.parent))
import series  # scripts/series.py: the series' list (notebooks/series.toml)

from tutorial_checks import markdown as md

ROOT = Path(__file__).resolve().parent.parent
WEBSITE = ROOT / "website"
DEFAULT_OUT = ROOT / "build" / "site"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PAD_SCREENSHOT = "images/02_drawing_pad.png"


class SiteError(Exception):
    """The site cannot be built as the repository stands; the message says why and what to do."""


@dataclass(frozen=True)
class Edition:
    code: str  # "en" or "zh": the site's folder
    language: str  # Sphinx's language
    readme: str
    teaching: str
    lessons: str  # the folder of the lessons; the worked solutions are in its solutions/
    captions: tuple[str, str, str, str]  # notebooks, worked solutions, teaching, full runs
    widget_note: str
    pad_alt: str  # the alternative text of the pad's screenshot
    cut_install_at: str  # the README's heading where the learner's part ends (the contributors')
    title_separator: str  # joins a notebook's two title lines ("# TensorFlow Tutorial #02")


EDITIONS = {
    "en": Edition(
        code="en",
        language="en",
        readme="README.md",
        teaching="TEACHING.md",
        lessons="notebooks",
        captions=("Notebooks", "Worked solutions", "For teachers", "Records of full runs"),
        widget_note=(
            "*Here JupyterLab shows the drawing pad, a live widget that a static page cannot run. "
            "Run the notebook in JupyterLab to use it; this is how it looks there:*"
        ),
        pad_alt="The drawing pad in JupyterLab, with a hand-drawn 0 and its prediction",
        cut_install_at="## For contributors",
        title_separator=": ",
    ),
    "zh": Edition(
        code="zh",
        language="zh_CN",
        readme="README.zh-CN.md",
        teaching="TEACHING.zh-CN.md",
        lessons="notebooks/zh",
        captions=("笔记本", "练习参考解答", "教师指南", "完整运行记录"),
        widget_note=(
            "*在 JupyterLab 中，这里显示的是手写板：一个交互式 widget，静态网页无法运行它。"
            "请在 JupyterLab 中运行本笔记本来使用它；下图是它在 JupyterLab 中的样子：*"
        ),
        pad_alt="JupyterLab 中的手写板：手写的 0 及其预测",
        cut_install_at="## 参与贡献",
        title_separator="：",
    ),
}


def other(edition: Edition) -> Edition:
    return EDITIONS["zh" if edition.code == "en" else "en"]


def the_series() -> list[series.Notebook]:
    """The notebooks of the series' list, notebooks/series.toml, in its order."""
    try:
        return series.read_series(ROOT / series.SERIES)
    except series.SeriesError as error:
        raise SiteError(str(error)) from None
    except FileNotFoundError:
        raise SiteError(f"{series.SERIES} is missing: it lists the series' notebooks") from None


def lesson_paths(edition: Edition) -> list[str]:
    """The edition's lessons (00 first), then its worked solutions, as repository paths, in the
    order of the series' list."""
    notebooks = the_series()
    lessons = [f"{edition.lessons}/{n.file}" for n in notebooks]
    solutions = [
        f"{edition.lessons}/solutions/{n.solutions.file}" for n in notebooks if n.solutions
    ]
    return lessons + solutions


def full_run_paths() -> list[str]:
    """The records of full runs (English in both editions: they are outputs)."""
    return [f"notebooks/full_runs/{run.file}" for n in the_series() for run in n.records()]


def check_listed(edition: Edition) -> None:
    """Refuse a notebook that the series' list lacks (it would have no page), or one that the
    list names and that does not exist."""
    folders = [ROOT / edition.lessons, ROOT / edition.lessons / "solutions"]
    folders += [ROOT / "notebooks" / "full_runs"] if edition.code == "en" else []
    on_disk = {
        p.relative_to(ROOT).as_posix() for f in folders for p in f.glob("[0-9][0-9]_*.ipynb")
    }
    listed = set(shown_paths(edition))
    if on_disk - listed:
        raise SiteError(
            f"{', '.join(sorted(on_disk - listed))}: not in {series.SERIES}, which lists the "
            "series' notebooks: add it there (then run python scripts/series.py)"
        )
    if listed - on_disk:
        raise SiteError(
            f"{series.SERIES} names {', '.join(sorted(listed - on_disk))}: no such file"
        )


def unexecuted_cells(notebook: dict) -> list[int]:
    """The numbers (from 1) of the code cells with code that were never executed."""
    return [
        number
        for number, cell in enumerate(notebook["cells"], start=1)
        if cell["cell_type"] == "code"
        and "".join(cell["source"]).strip()
        and cell.get("execution_count") is None
    ]


def check_executed(path: str, notebook: dict) -> None:
    """Refuse a notebook without stored outputs: its page would show code and no results."""
    cells = unexecuted_cells(notebook)
    if cells:
        listed = ", ".join(map(str, cells[:5])) + (" ..." if len(cells) > 5 else "")
        raise SiteError(
            f"{path} has no stored outputs: code cell(s) {listed} were never executed. The site "
            "shows the outputs stored in the notebooks. Execute it top to bottom first: jupyter "
            f"nbconvert --to notebook --execute --inplace {path} (CONTRIBUTING.md: Changing a "
            "notebook)."
        )


def site_notebook(notebook: dict, path: str, edition: Edition, pages: set[str]) -> dict:
    """The notebook as its page shows it: links to the other edition's pages lead to its site
    (site_markdown); each cell's live widgets are replaced by a note and the screenshot of the
    drawing pad (a static page cannot run them, and their JavaScript would come from a CDN)."""
    notebook = copy.deepcopy(notebook)
    first = notebook["cells"][0]
    lines = "".join(first["source"]).split("\n")
    titles = [h for h in md.headings("\n".join(lines[:2])) if h.level == 1]
    if first["cell_type"] == "markdown" and len(titles) == 2:
        # One title per page ("# TensorFlow Tutorial #02" and "# Convolutional Neural Network").
        title = lines[0] + edition.title_separator + lines[1].removeprefix("# ")
        first["source"] = "\n".join([title] + lines[2:])
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            base = posixpath.dirname(path)
            # A link the site cannot resolve stays as it is, so that Sphinx stops on it.
            cell["source"] = site_markdown(text, edition, pages, base, keep_unresolved=True)
    notebook["metadata"].pop("widgets", None)
    up = "../" * path.count("/")
    note = f"{edition.widget_note}\n\n![{edition.pad_alt}]({up}{PAD_SCREENSHOT})\n"
    for cell in notebook["cells"]:
        outputs = cell.get("outputs", [])
        if not any(WIDGET_VIEW in output.get("data", {}) for output in outputs):
            continue
        kept = [output for output in outputs if WIDGET_VIEW not in output.get("data", {})]
        cell["outputs"] = kept + [
            {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": note}}
        ]
    return notebook


def attachments_as_files(notebook: dict, target: Path) -> None:
    """Write the markdown cells' attachments (the embedded diagrams: scripts/embed_diagrams.py)
    beside the staged notebook and link them as files: MyST-NB does not read attachments."""
    folder = Path("_attachments") / target.stem
    for cell in notebook["cells"]:
        attachments = cell.pop("attachments", None) if cell["cell_type"] == "markdown" else None
        if not attachments:
            continue
        for name, bundle in attachments.items():
            (target.parent / folder).mkdir(parents=True, exist_ok=True)
            (target.parent / folder / name).write_bytes(base64.b64decode(bundle["image/png"]))

        def as_file(link: md.Link) -> str | None:
            name = link.target.removeprefix("attachment:")
            return (folder / name).as_posix() if name != link.target else None

        cell["source"] = md.rewrite_targets("".join(cell["source"]), as_file)


def shown_paths(edition: Edition) -> list[str]:
    """The notebooks the edition's site has pages for: its lessons and worked solutions, and in
    English the records of full runs (English outputs: the Chinese pages link to those)."""
    return lesson_paths(edition) + (full_run_paths() if edition.code == "en" else [])


def site_target(target: str, edition: Edition, pages: set[str], base: str = "") -> str | None:
    """Where a link in a page at folder base (repository paths) goes on the site: unchanged to a
    page or file of this edition; to the other edition's site for its pages; None (no link) for
    what the site does not have (a README heading, a script, a folder)."""
    if md.is_external(target):
        return target
    path = target.partition("#")[0]
    if not path:
        return target if base else None  # a notebook's own heading; a README heading
    path = posixpath.normpath(posixpath.join(base, path))
    if path in pages:
        return target
    theirs = other(edition)
    their_pages = {theirs.readme: "index", theirs.teaching: Path(theirs.teaching).stem}
    their_pages.update({p: p.removesuffix(".ipynb") for p in shown_paths(theirs)})
    if path.rstrip("/") == theirs.lessons:
        path = theirs.readme
    if path not in their_pages:
        return None
    up = "../" * (len(base.split("/")) if base else 0)
    return f"{up}../{theirs.code}/{their_pages[path]}.html"


def site_markdown(
    markdown: str, edition: Edition, pages: set[str], base: str = "", keep_unresolved: bool = False
) -> str:
    """Markdown with its links rewritten for the site (site_target). A link to what the site
    does not have becomes its text (the READMEs link to the repository's files), or with
    keep_unresolved stays as it is (a notebook's link must resolve: Sphinx says where not)."""

    def replacement(link: md.Link) -> str | None:
        if link.kind == "image":
            return None
        new = site_target(link.target, edition, pages, base)
        if new is None:
            return None if keep_unresolved else link.label
        if new.endswith(".html"):  # the other edition, another Sphinx project: a plain link
            return f'<a href="{new}">{link.label}</a>'
        return None if new == link.target else f"[{link.label}]({new})"

    return md.replace_links(markdown, replacement)


def readme_parts(edition: Edition) -> tuple[str, str, str]:
    """The README's title, its introduction (the table) and the learner's sections after it (how
    to install, check and run the series, a path through it, where to get help): everything up
    to the contributors' section, which the home page leaves to the repository."""
    text = (ROOT / edition.readme).read_text(encoding="utf-8")
    lines = text.splitlines()
    parsed = md.headings(text)  # not a "## " line in a code block
    headings = [h.line - 1 for h in parsed if h.level == 2]  # indices in lines
    if not headings or parsed[0].level != 1 or parsed[0].line != 1:
        raise SiteError(f"{edition.readme}: expected a title and its sections (## ...)")
    title = lines[0]
    intro = "\n".join(lines[1 : headings[0]])
    try:
        cut = next(i for i in headings if lines[i].rstrip() == edition.cut_install_at)
    except StopIteration:
        raise SiteError(
            f"{edition.readme}: no heading {edition.cut_install_at!r}, where the home page's "
            "learner's part ends (scripts/build_site.py, EDITIONS)"
        ) from None
    if cut == headings[0]:
        raise SiteError(f"{edition.readme}: no learner's section before {edition.cut_install_at!r}")
    return title, intro, "\n".join(lines[headings[0] : cut]).rstrip()


def nav_names(edition: Edition) -> dict[str, str]:
    """The navigation's name of each notebook, by path, from the series' list: "02 Convolutional
    Neural Network" (in Chinese "02 卷积神经网络") for a lesson and its worked solutions, and
    for a record of a full run the name of the notebook it records."""
    names = {}
    for notebook in the_series():
        name = f"{notebook.number} {notebook.title.of(edition.code)}"
        names[f"{edition.lessons}/{notebook.file}"] = name
        if notebook.solutions:
            names[f"{edition.lessons}/solutions/{notebook.solutions.file}"] = name
            if notebook.solutions.full_run:
                names[f"notebooks/full_runs/{notebook.solutions.full_run.file}"] = (
                    f"{name} ({edition.captions[1].lower()})"
                )
        if notebook.full_run:
            names[f"notebooks/full_runs/{notebook.full_run.file}"] = name
    return names


def toctree_entry(path: str, names: dict[str, str]) -> str:
    docname = path.rsplit(".", 1)[0]
    return f"{names[path]} <{docname}>" if path in names else docname


def without_language_link(markdown: str) -> str:
    """`markdown` without its first line that is only a link to a README (the other
    edition's): the site's language switch does that."""
    lines = markdown.splitlines(keepends=True)
    for link in md.links(markdown):
        alone = lines[link.line - 1].strip() == link.source
        if link.kind == "link" and link.target.startswith("README") and alone:
            return "".join(lines[: link.line - 1] + lines[link.line :])
    return markdown


def home_page(edition: Edition, pages: set[str]) -> str:
    """The edition's home page: the README's table and learner's sections, and the contents."""
    title, intro, install = readme_parts(edition)
    intro = without_language_link(intro)
    lessons = lesson_paths(edition)
    names = nav_names(edition)
    toc = [
        (edition.captions[0], [p for p in lessons if "/solutions/" not in p]),
        (edition.captions[1], [p for p in lessons if "/solutions/" in p]),
        (edition.captions[2], [edition.teaching]),
        (edition.captions[3], [p for p in shown_paths(edition) if "/full_runs/" in p]),
    ]
    trees = "\n".join(
        f"```{{toctree}}\n:caption: {caption}\n:hidden:\n\n"
        + "\n".join(toctree_entry(p, names) for p in paths)
        + "\n```\n"
        for caption, paths in toc
        if paths
    )
    body = site_markdown(f"{intro}\n\n{install}", edition, pages)
    return f"{title}\n{body}\n\n{trees}"


def stage(edition: Edition, folder: Path) -> None:
    """Copy what the edition's site shows into folder, at the repository's paths."""
    if folder.exists():
        shutil.rmtree(folder)
    check_listed(edition)
    notebooks = shown_paths(edition)
    pages = set(notebooks) | {edition.teaching, "images"}
    pages |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "images").rglob("*.png")}
    for path in notebooks:
        notebook = json.loads((ROOT / path).read_text(encoding="utf-8"))
        check_executed(path, notebook)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        attachments_as_files(notebook, target)
        shown = site_notebook(notebook, path, edition, pages)
        target.write_text(json.dumps(shown, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.copytree(ROOT / "images", folder / "images", ignore=shutil.ignore_patterns("*.py"))
    teaching = (ROOT / edition.teaching).read_text(encoding="utf-8")
    (folder / edition.teaching).write_text(site_markdown(teaching, edition, pages), "utf-8")
    (folder / "index.md").write_text(home_page(edition, pages), encoding="utf-8")


def build(edition: Edition, staged: Path, out: Path, repository_url: str) -> None:
    """Sphinx, warnings as errors: a broken link or a missing image stops the build."""
    options = ["-b", "html", "-q", "-W", "--keep-going", "-c", str(WEBSITE)]
    options += ["-d", str(staged.parent / f"doctrees-{edition.code}")]
    options += ["-D", f"language={edition.language}"]
    options += ["-D", f"tutorials_repository_url={repository_url}"]
    status = build_main([*options, str(staged), str(out)])
    if status:
        raise SiteError(f"Sphinx could not build the {edition.code} site (its messages above)")
    # The download button offers each notebook as the repository has it (with its widgets).
    for path in shown_paths(edition):
        shutil.copy(ROOT / path, out / "_sources" / path)


CHOOSER = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Convolutional neural networks in TensorFlow 2 / 用 TensorFlow 2 学习卷积神经网络</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}
a{display:block;font-size:1.4rem;margin:1rem 0}</style></head>
<body><h1>Convolutional neural networks in TensorFlow 2, on MNIST</h1>
<a href="en/index.html" hreflang="en">English</a>
<a href="zh/index.html" hreflang="zh-CN" lang="zh-CN">中文（简体）</a>
</body></html>
"""


def build_site(out: Path = DEFAULT_OUT, repository_url: str = "") -> Path:
    """Both editions into out (replaced only when both built), with a page to choose one."""
    work = out.parent / f"{out.name}-src"
    partial = out.parent / f"{out.name}.partial"
    for folder in (work, partial):
        if folder.exists():
            shutil.rmtree(folder)
    for edition in EDITIONS.values():  # first, so that a notebook without outputs stops it all
        stage(edition, work / edition.code)
    partial.mkdir(parents=True)
    try:
        for edition in EDITIONS.values():
            # MyST-NB writes its files beside Sphinx's output folder: keep them out of the site.
            html = work / f"built-{edition.code}" / "html"
            build(edition, work / edition.code, html, repository_url)
            html.rename(partial / edition.code)
        (partial / "index.html").write_text(CHOOSER, encoding="utf-8")
        (partial / ".nojekyll").write_text("")  # GitHub Pages: serve _static/, _images/ as is
    except BaseException:
        shutil.rmtree(partial)
        raise
    if out.exists():
        shutil.rmtree(out)
    partial.rename(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: build/site")
    parser.add_argument(
        "--repository-url",
        default="",
        help="the repository's address on its code host, for the 'show source' buttons "
        "(the pages workflow passes it; without it, the pages have no such buttons)",
    )
    args = parser.parse_args(argv)
    try:
        out = build_site(args.out, args.repository_url)
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Built {out}. View it: python -m http.server -d {out} 8000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
