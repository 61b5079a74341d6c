"""The website (scripts/build_site.py): its parts, then the built site in a real browser.

The browser tests need Chromium from the system's packages, as test_browser.py does, and are
skipped, saying so, without it. TUTORIALS_SCREENSHOT=1 also stores the README's screenshot of
#02's English page in images/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from script_modules import load_script
from tutorial_checks import ROOT
from tutorial_checks.browser import CHROMIUM, NO_CHROMIUM
from tutorial_checks.setup_cell import setup_cell_source

# The book theme and MyST use Sphinx APIs that Sphinx 11 will remove: their concern, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated. Check CHANGES for Sphinx API")

site = load_script("scripts/build_site.py")
tutorial_site = load_script("website/tutorial_site.py")

EN, ZH = site.EDITIONS["en"], site.EDITIONS["zh"]
SCREENSHOT = ROOT / "images" / "site_02.png"
REPOSITORY = "https://github.com/example/tutorials"  # an address for the "show source" buttons


def code_cell(source: str, executed: bool = True, outputs: list | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": 1 if executed else None,
        "metadata": {},
        "outputs": outputs or [],
        "source": source,
    }


def notebook(*cells: dict) -> dict:
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


# --- the notebooks as pages ------------------------------------------------------------------


def test_a_notebook_never_executed_is_refused_with_its_name_and_cells():
    never = notebook(code_cell("x = 1", executed=False), code_cell(""), code_cell("print(x)"))
    assert site.unexecuted_cells(never) == [1]
    with pytest.raises(site.SiteError, match=r"notebooks/01_X\.ipynb .*cell\(s\) 1 were never"):
        site.check_executed("notebooks/01_X.ipynb", never)
    site.check_executed("notebooks/01_X.ipynb", notebook(code_cell("x = 1"), code_cell("")))


def series_list(*files: str) -> str:
    """A series' list (notebooks/series.toml) of the lessons `files`, numbered by their names."""
    return "".join(
        f'[[notebook]]\nnumber = "{name[:2]}"\nfile = "{name}"\n'
        'title = { en = "T", zh = "题" }\nsummary = { en = "s", zh = "简介" }\n'
        "prerequisites = []\noptional = false\nstudy_minutes = 10\n\n"
        for name in files
    )


def test_the_build_stops_at_a_notebook_without_outputs_and_leaves_no_site(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / "notebooks").mkdir()
    unexecuted = notebook(code_cell("import helpers", executed=False))
    (tmp_path / "notebooks" / "01_Never_Run.ipynb").write_text(json.dumps(unexecuted))
    (tmp_path / "notebooks" / "series.toml").write_text(series_list("01_Never_Run.ipynb"))
    monkeypatch.setattr(site, "ROOT", tmp_path)
    out = tmp_path / "build" / "site"

    assert site.main(["--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "notebooks/01_Never_Run.ipynb has no stored outputs" in error
    assert "jupyter nbconvert --to notebook --execute --inplace" in error
    assert not out.exists() and not (tmp_path / "build" / "site.partial").exists()


def test_a_notebook_missing_from_the_series_list_or_a_listed_one_missing_stops_the_build(
    tmp_path, monkeypatch
):
    (tmp_path / "notebooks").mkdir()
    for name in ("01_A.ipynb", "02_B.ipynb"):
        (tmp_path / "notebooks" / name).write_text(json.dumps(notebook(code_cell("x = 1"))))
    monkeypatch.setattr(site, "ROOT", tmp_path)
    listing = tmp_path / "notebooks" / "series.toml"
    listing.write_text(series_list("01_A.ipynb"))
    with pytest.raises(
        site.SiteError, match=r"notebooks/02_B\.ipynb: not in notebooks/series\.toml"
    ):
        site.check_listed(EN)
    listing.write_text(series_list("01_A.ipynb", "02_B.ipynb", "03_C.ipynb"))
    with pytest.raises(site.SiteError, match=r"series\.toml names notebooks/03_C\.ipynb: no such"):
        site.check_listed(EN)
    listing.write_text(series_list("01_A.ipynb", "02_B.ipynb"))
    site.check_listed(EN)
    listing.write_text(series_list("01_A.ipynb", "02_B.ipynb").replace("summary", "sumary", 1))
    with pytest.raises(site.SiteError, match="notebook 1: lacks summary"):
        site.check_listed(EN)


def test_the_navigation_names_and_orders_the_notebooks_as_the_series_list_does():
    for edition, name in [(EN, "02 Convolutional Neural Network"), (ZH, "02 卷积神经网络")]:
        names = site.nav_names(edition)
        lessons = [p for p in site.lesson_paths(edition) if "/solutions/" not in p]
        folder = edition.lessons
        assert lessons[:4] == [
            f"{folder}/00_Setup_Check.ipynb",
            f"{folder}/01_Simple_Linear_Model.ipynb",
            f"{folder}/02_Convolutional_Neural_Network.ipynb",
            f"{folder}/02_Draw_a_Digit.ipynb",
        ]
        assert names[f"{folder}/02_Convolutional_Neural_Network.ipynb"] == name
        assert names[f"{folder}/solutions/02_Convolutional_Neural_Network_Solutions.ipynb"] == name
        assert set(site.shown_paths(edition)) <= set(names)
    names = site.nav_names(EN)
    assert names["notebooks/full_runs/05_Ensemble_Learning.ipynb"] == "05 Ensemble Learning"
    assert names["notebooks/full_runs/05_Ensemble_Learning_Solutions.ipynb"] == (
        "05 Ensemble Learning (worked solutions)"
    )
    assert site.toctree_entry("notebooks/13_Visual_Analysis.ipynb", names) == (
        "13-B Visual Analysis <notebooks/13_Visual_Analysis>"
    )


def test_every_notebook_of_the_series_has_stored_outputs():
    for edition in site.EDITIONS.values():
        for path in site.shown_paths(edition):
            site.check_executed(path, json.loads((ROOT / path).read_text(encoding="utf-8")))


def test_widgets_become_a_note_with_the_pads_screenshot_and_the_title_one_line():
    widget = {
        "output_type": "display_data",
        "data": {site.WIDGET_VIEW: {"model_id": "1"}, "text/plain": "DrawingPad()"},
        "metadata": {},
    }
    printed = {"output_type": "stream", "name": "stdout", "text": "ready\n"}
    title = {
        "cell_type": "markdown",
        "metadata": {},
        "source": "# TensorFlow 教程 #02\n# 卷积神经网络\n\n见 [#01](../01_Simple_Linear_Model.ipynb)。",
    }
    original = notebook(title, code_cell("pad", outputs=[printed, widget, widget]))
    original["metadata"]["widgets"] = {"state": {}}
    pages = set(site.shown_paths(ZH))

    shown = site.site_notebook(original, "notebooks/zh/02_Draw_a_Digit.ipynb", ZH, pages)

    assert "widgets" not in shown["metadata"] and "widgets" in original["metadata"]
    outputs = shown["cells"][1]["outputs"]
    assert outputs[0] == printed and len(outputs) == 2
    note = outputs[1]["data"]["text/markdown"]
    assert note.startswith(ZH.widget_note)
    assert f"![{ZH.pad_alt}](../../images/02_drawing_pad.png)" in note
    text = shown["cells"][0]["source"]
    assert text.startswith("# TensorFlow 教程 #02：卷积神经网络\n\n")
    # The English original is a page of the other edition's site.
    assert '<a href="../../../en/notebooks/01_Simple_Linear_Model.html">#01</a>' in text


# --- links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "base", "target", "expected"),
    [
        (EN, "", "notebooks/02_Convolutional_Neural_Network.ipynb", "="),
        (EN, "", "images/02_drawing_pad.png", "="),
        (EN, "", "https://example.org/x", "="),
        (EN, "notebooks", "#Exercises", "="),
        (EN, "notebooks/solutions", "../02_Convolutional_Neural_Network.ipynb#Exercises", "="),
        (EN, "", "notebooks/zh/03_Keras_API.ipynb", "../zh/notebooks/zh/03_Keras_API.html"),
        (EN, "", "README.zh-CN.md", "../zh/index.html"),
        (EN, "", "notebooks/zh/", "../zh/index.html"),
        (ZH, "", "TEACHING.md", "../en/TEACHING.html"),
        (
            ZH,
            "notebooks/zh/solutions",
            "../../full_runs/05_Ensemble_Learning_Solutions.ipynb",
            "../../../../en/notebooks/full_runs/05_Ensemble_Learning_Solutions.html",
        ),
        (EN, "", "#full-runs", None),  # a heading of the README
        (EN, "", "scripts/full_run.py", None),
        (EN, "", "notebooks/solutions/", None),
        (EN, "", "notebooks/99_Missing.ipynb", None),
    ],
)
def test_site_target(edition, base, target, expected):
    pages = set(site.shown_paths(edition)) | {"images/02_drawing_pad.png"}
    wanted = target if expected == "=" else expected
    assert site.site_target(target, edition, pages, base) == wanted


def test_site_markdown_keeps_a_links_text_where_the_site_has_no_target():
    text = "See [Full runs](#full-runs), [the script](scripts/full_run.py) and ![a](images/x.png)."
    assert site.site_markdown(text, EN, {"images/x.png"}) == (
        "See Full runs, the script and ![a](images/x.png)."
    )


def test_a_notebooks_unresolved_link_is_left_for_sphinx_to_refuse():
    text = "[#99](99_Missing.ipynb) and [#01 中文](zh/01_Simple_Linear_Model.ipynb)"
    pages = set(site.shown_paths(EN))
    assert site.site_markdown(text, EN, pages, "notebooks", keep_unresolved=True) == (
        '[#99](99_Missing.ipynb) and <a href="../../zh/notebooks/zh/01_Simple_Linear_Model.html">'
        "#01 中文</a>"
    )


@pytest.mark.parametrize(
    ("this", "docname", "other"),
    [
        ("en", "index", "index"),
        ("en", "notebooks/02_Convolutional_Neural_Network", "notebooks/zh/02_Convolutional_Neural_Network"),
        ("en", "notebooks/solutions/03_Keras_API_Solutions", "notebooks/zh/solutions/03_Keras_API_Solutions"),
        ("zh", "notebooks/zh/solutions/03_Keras_API_Solutions", "notebooks/solutions/03_Keras_API_Solutions"),
        ("en", "TEACHING", "TEACHING.zh-CN"),
        ("zh", "TEACHING.zh-CN", "TEACHING"),
        ("zh", "search", "search"),
    ],
)  # fmt: skip
def test_the_language_switch_leads_to_the_same_page(this, docname, other):
    assert tutorial_site.other_docname(docname, this) == other
    assert tutorial_site.other_docname(other, tutorial_site.EDITIONS[this]) == docname


def test_the_language_switch_address_is_relative_to_the_page():
    url = tutorial_site.other_edition_url("notebooks/02_Convolutional_Neural_Network", "en")
    assert url == "../../zh/notebooks/zh/02_Convolutional_Neural_Network.html"
    assert tutorial_site.other_edition_url("index", "zh") == "../en/index.html"
    assert tutorial_site.other_edition_url("notebooks/full_runs/05_Ensemble_Learning", "en") is None


def test_headings_keep_jupyters_anchors():
    assert tutorial_site.jupyter_slug("The full run") == "The-full-run"
    assert tutorial_site.jupyter_slug("可复现性") == "可复现性"


def test_the_home_page_is_the_readmes_table_and_learners_sections():
    for edition in site.EDITIONS.values():
        pages = set(site.shown_paths(edition)) | {"images/02_drawing_pad.png"}
        home = site.home_page(edition, pages)
        for path in site.lesson_paths(edition):
            assert f"]({path})" in home, path  # every notebook's row, linked
            assert f"<{path.removesuffix('.ipynb')}>" in home, path  # and in the contents
        readme = (ROOT / edition.readme).read_text(encoding="utf-8")
        learners = readme[readme.index("\n## ") : readme.index(f"\n{edition.cut_install_at}\n")]
        headings = [line for line in learners.splitlines() if line.startswith("#")]
        assert len(headings) >= 5 and all(f"\n{h}\n" in home for h in headings)
        assert 'pip install ".[local]"' in home and "python -m setup_check" in home
        assert "jupyter lab" in home
        # The contributors' section is the repository's, not the learners' home page.
        assert edition.cut_install_at not in home
        assert "pip install -r requirements.txt" not in home and "python -m pytest" not in home


def test_a_readme_without_its_contributors_section_stops_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "ROOT", tmp_path)
    readme = tmp_path / "README.md"
    readme.write_text("# T\n\nThe table.\n\n## Start here\n\nInstall.\n\n## Licence\n")
    with pytest.raises(site.SiteError, match="README.md: no heading '## For contributors'"):
        site.readme_parts(EN)
    readme.write_text("# T\n\nThe table.\n\n## For contributors\n\nTests.\n")
    with pytest.raises(site.SiteError, match="no learner's section before '## For contributors'"):
        site.readme_parts(EN)
    readme.write_text("# T\n\nThe table.\n\n## Start here\n\nInstall.\n\n## For contributors\n")
    assert site.readme_parts(EN) == ("# T", "\nThe table.\n", "## Start here\n\nInstall.")


def site_pages(folder: Path) -> list[Path]:
    """The HTML pages under folder, without the themes' template fragments in _static/."""
    return sorted(p for p in folder.rglob("*.html") if "_static" not in p.parts)


def broken_links(folder: Path) -> list[str]:
    """Every relative href and src of the HTML pages under folder whose file or anchor (id) is
    missing, as "page: link"."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        return ids[page]

    broken = []
    for page in site_pages(folder):
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'<(?:a|link|img|script)\s[^>]*?(?:href|src)="([^"]*)"', html):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in anchors(target)
            ):
                broken.append(f"{page.relative_to(folder)}: {link}")
    return broken


def test_broken_links_finds_missing_files_and_anchors(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/page.html#there">ok</a> <a href="sub/page.html#nowhere">anchor</a>'
        ' <img src="missing.png"> <a href="https://example.org/x">out</a> <a href="#top">top</a>'
        ' <a href="sub/">folder</a> <script src="sub/x.js"></script> <p id="top"></p>'
    )
    (tmp_path / "sub" / "page.html").write_text('<h1 id="there">x</h1><a href="../index.html">')
    (tmp_path / "_static").mkdir()  # a theme's template fragment, not a page
    (tmp_path / "_static" / "macros.html").write_text('<a href="{{ pathto(x) }}">')
    assert broken_links(tmp_path) == [
        "index.html: sub/page.html#nowhere",
        "index.html: missing.png",
        "index.html: sub/",
        "index.html: sub/x.js",
    ]


# --- the built site --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The site as the pages workflow builds it, with the repository's address."""
    out = tmp_path_factory.mktemp("site") / "site"
    return site.build_site(out, REPOSITORY)


def pages(built: Path) -> list[str]:
    """Every page of both editions and the page to choose one, as paths under built/."""
    return [p.relative_to(built).as_posix() for p in site_pages(built)]


@pytest.mark.slow
def test_both_editions_have_a_page_for_every_notebook_and_the_teachers_guide(built):
    for edition in site.EDITIONS.values():
        docs = [p.removesuffix(".ipynb") for p in site.shown_paths(edition)]
        docs += [Path(edition.teaching).stem, "index", "search"]
        for doc in docs:
            assert (built / edition.code / f"{doc}.html").is_file(), (edition.code, doc)
    assert (built / "index.html").is_file() and (built / ".nojekyll").is_file()


@pytest.mark.slow
def test_pages_link_to_the_previous_and_next_notebook_in_the_series_order(built):
    for folder in ["en/notebooks", "zh/notebooks/zh"]:
        page = (built / folder / "02_Convolutional_Neural_Network.html").read_text("utf-8")
        assert re.search(r'class="left-prev"\s+href="01_Simple_Linear_Model.html"', page)
        assert re.search(r'class="right-next"\s+href="02_Draw_a_Digit.html"', page)


@pytest.mark.slow
def test_every_internal_link_of_the_site_resolves(built):
    assert broken_links(built) == []


@pytest.mark.slow
def test_the_download_button_offers_the_notebook_as_the_repository_has_it(built):
    path = "notebooks/02_Draw_a_Digit.ipynb"
    page = (built / "en" / path.replace(".ipynb", ".html")).read_text(encoding="utf-8")
    assert '_sources/notebooks/02_Draw_a_Digit.ipynb"' in page.replace("../", "")
    assert (built / "en" / "_sources" / path).read_bytes() == (ROOT / path).read_bytes()


@pytest.mark.slow
def test_a_repository_address_gives_show_source_buttons(built):
    """The pages workflow passes the code host's address; a page then links to its file."""
    for path in ["notebooks/02_Convolutional_Neural_Network", "notebooks/zh/03_Keras_API"]:
        edition = "zh" if "/zh/" in path else "en"
        page = (built / edition / f"{path}.html").read_text(encoding="utf-8")
        assert f'href="{REPOSITORY}/blob/main/{path}.ipynb?plain=1"' in page, path
    home = (built / "en" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPOSITORY}"' in home and "/blob/main/index.md" not in home


# MyST-NB's closed toggle around a cell input tagged hide-input (no `open`: it shows collapsed),
# and a code cell's input, as MyST-NB writes them.
HIDDEN_INPUT = re.compile(
    r'<details class="admonition hide above-input">(.*?)</details>', re.DOTALL
)
CODE_INPUT = re.compile(
    r'<div class="cell_input docutils container">.*?<pre>(.*?)</pre>', re.DOTALL
)
TOGGLE = re.compile(r'<p class="collapsed admonition-title">([^<]*)</p>')


def code_text(html: str) -> str:
    """The code in a <pre> as a reader sees it, without the highlighting's tags."""
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.slow
def test_the_setup_cell_is_a_closed_toggle_and_the_other_code_cells_are_shown(built):
    toggles = {"en": "Show code cell source", "zh": tutorial_site.CODE_PROMPTS["zh"][0]}
    for edition in site.EDITIONS.values():
        first_line = setup_cell_source(chinese=edition.code == "zh").splitlines()[0]
        for path in site.shown_paths(edition):
            page = (built / edition.code / path.replace(".ipynb", ".html")).read_text("utf-8")
            hidden = HIDDEN_INPUT.findall(page)
            assert len(hidden) == 1, path  # the set-up cell, and no other
            assert TOGGLE.findall(hidden[0]) == [toggles[edition.code]], path
            (setup,) = [code_text(code) for code in CODE_INPUT.findall(hidden[0])]
            assert setup.startswith(first_line + "\n") and "INSTALL_SOURCE" in setup, path
            shown = [code_text(code) for code in CODE_INPUT.findall(HIDDEN_INPUT.sub("", page))]
            assert shown and all("INSTALL_SOURCE" not in code for code in shown), path


@pytest.mark.slow
def test_progress_bars_are_shown_in_colour_without_raw_escape_codes(built):
    # Keras's bar is stored with ANSI colour codes; MyST-NB turns them into styled spans.
    for edition in site.EDITIONS.values():
        [path] = [
            p
            for p in site.shown_paths(edition)
            if p.endswith("/02_Convolutional_Neural_Network.ipynb")
        ]
        page = (built / edition.code / path.replace(".ipynb", ".html")).read_text("utf-8")
        assert "━━━━" in page and "Optimization Iteration" in page
        assert "\x1b" not in page and "[32m" not in page
        assert re.search(r'<span class="[^"]*-Color-Green">━', page), (
            "the bar's done part, in green"
        )


# --- in a real browser -----------------------------------------------------------------------

browser_only = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass  # one line per request would bury pytest's report


@pytest.fixture(scope="module")
def served(built):
    """The built site on a free local port; yields its address."""
    handler = functools.partial(QuietHandler, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


ALL_IMAGES_LOADED = """async () => {
  const images = [...document.images];
  for (const image of images) image.loading = "eager";
  await Promise.all(images.map(image => image.complete ? null :
      new Promise(done => { image.onload = image.onerror = done; })));
  return images.filter(image => image.naturalWidth === 0).map(image => image.src);
}"""


@pytest.mark.slow
@browser_only
def test_every_page_loads_everything_from_the_site_itself(built, served, page):
    requests, failed, errors = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    # A request the next page's navigation aborts (a font still loading) is no missing file: a
    # missing one answers 404 (below), and an off-site address fails the last assertion.
    page.on(
        "requestfailed",
        lambda request: request.failure != "net::ERR_ABORTED" and failed.append(request.url),
    )
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in pages(built):
        response = page.goto(f"{served}/{path}", wait_until="load")
        assert response is not None and response.status == 200, path
        assert page.evaluate(ALL_IMAGES_LOADED) == [], path
    page.wait_for_load_state("networkidle")
    assert failed == [] and errors == []
    assert [url for url in requests if not url.startswith(served + "/")] == []


@pytest.mark.slow
@browser_only
@pytest.mark.parametrize(
    "path",
    ["en/notebooks/01_Simple_Linear_Model.html", "zh/notebooks/zh/02_Convolutional_Neural_Network.html",
     "en/notebooks/02_Convolutional_Neural_Network.html"],
)  # fmt: skip
def test_formulas_are_typeset(served, page, path):
    page.goto(f"{served}/{path}")
    page.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0")
    page.wait_for_function("() => window.MathJax && MathJax.startup.promise")
    page.evaluate("() => MathJax.startup.promise")
    assert page.locator("mjx-container").count() >= 5
    visible = page.locator("article").inner_text()
    assert "$$" not in visible and "\\frac" not in visible


@pytest.mark.slow
@browser_only
def test_the_setup_cell_shows_as_a_one_line_toggle_that_opens_with_a_click(served, page):
    page.goto(f"{served}/en/notebooks/01_Simple_Linear_Model.html")
    toggle, code = page.locator("details.hide summary"), page.locator("details.hide pre")
    assert toggle.count() == 1 and toggle.is_visible() and not code.is_visible()
    assert toggle.bounding_box()["height"] < 60  # one line, where the code took 40
    toggle.click()
    code.wait_for(state="visible")
    assert "INSTALL_SOURCE" in code.inner_text()


@pytest.mark.slow
@browser_only
def test_the_language_switch_leads_to_the_chinese_page_and_back(served, page):
    english = f"{served}/en/notebooks/02_Convolutional_Neural_Network.html"
    page.goto(english)
    if os.environ.get("TUTORIALS_SCREENSHOT") == "1":
        page.screenshot(path=SCREENSHOT)
    page.locator("a.language-switch").click()
    page.wait_for_url(f"{served}/zh/notebooks/zh/02_Convolutional_Neural_Network.html")
    assert "卷积神经网络" in page.locator("h1").first.inner_text()
    page.locator("a.language-switch").click()
    page.wait_for_url(english)


@pytest.mark.slow
@browser_only
@pytest.mark.parametrize(
    ("start", "query", "found"),
    [
        ("en/notebooks/03_Keras_API.html", "convolution", "02_Convolutional_Neural_Network.html"),
        ("zh/notebooks/zh/03_Keras_API.html", "卷积", "zh/02_Convolutional_Neural_Network.html"),
    ],
)
def test_search_finds_a_word_from_a_page(served, page, start, query, found):
    page.goto(f"{served}/{start}")
    page.locator("button.search-button-field").first.click()  # the theme's search dialog
    field = page.locator("#pst-search-dialog input[name=q]")
    field.fill(query)
    field.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=30_000)
    links = results.evaluate_all("links => links.map(a => a.href)")
    assert any(link.split("?")[0].endswith(found) for link in links), links


def test_the_pages_workflow_publishes_this_build_on_every_push_to_main():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML reads the key "on" as True
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "python -m pip install -r requirements-site.txt" in runs
    assert any(run.startswith("python scripts/build_site.py --repository-url ") for run in runs)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert ROOT / upload["with"]["path"] == site.DEFAULT_OUT
    assert "deploy-pages" in workflow["jobs"]["deploy"]["steps"][0]["uses"]
    # The README's install command installs what the site needs too.
    assert "-r requirements-site.txt" in (ROOT / "requirements.txt").read_text().splitlines()
