"""What the website's two editions need beyond Sphinx, MyST-NB and the book theme.

- Headings keep the anchors Jupyter gives them, which the notebooks link to.
- Every page gets a link to the same page in the other edition (the language switch).
- The theme's "view source" and repository buttons appear once the repository's address is known
  (``-D tutorials_repository_url=...``; the pages workflow passes the code host's address).
- The toggle of a collapsed cell (the set-up cell, tagged hide-input) speaks the page's language.
"""

from __future__ import annotations

from sphinx import search
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.zh import SearchChinese

EDITIONS = {"en": "zh", "zh": "en"}
TITLES = {
    "en": "Convolutional neural networks in TensorFlow 2",
    "zh": "用 TensorFlow 2 学习卷积神经网络",
}
SWITCH_LABELS = {"en": "中文", "zh": "English"}
SWITCH_TOOLTIPS = {"en": "这一页的中文版", "zh": "This page in English"}
# MyST-NB's toggle of a hidden input, where its English "Show code cell source" would not fit:
# MyST-NB does not translate it. The series hides inputs only (the set-up cell), so the words
# need not name what is hidden ({type} in MyST-NB's prompts).
CODE_PROMPTS = {"zh": ("显示代码", "隐藏代码")}
# Pages the build writes itself, with no file in the repository to show.
GENERATED_PAGES = {"index", "search", "genindex"}


def jupyter_slug(heading: str) -> str:
    """The anchor Jupyter gives a heading: its text with spaces as dashes, case kept."""
    return heading.strip().replace(" ", "-")


def edition(config: Config) -> str:
    """'en' or 'zh', from the language the build was given."""
    return "zh" if (config.language or "en").startswith("zh") else "en"


def other_docname(docname: str, this: str) -> str:
    """The same page in the other edition: notebooks/X <-> notebooks/zh/X and TEACHING <->
    TEACHING.zh-CN; the home page and the search page keep their names."""
    if docname in {"TEACHING", "TEACHING.zh-CN"}:
        return "TEACHING.zh-CN" if docname == "TEACHING" else "TEACHING"
    if this == "en" and docname.startswith("notebooks/") and "/full_runs/" not in docname:
        return "notebooks/zh/" + docname.removeprefix("notebooks/")
    if this == "zh" and docname.startswith("notebooks/zh/"):
        return "notebooks/" + docname.removeprefix("notebooks/zh/")
    return docname


def other_edition_url(pagename: str, this: str) -> str | None:
    """The relative address of the same page in the other edition's site (../en/, ../zh/)."""
    if "/full_runs/" in pagename:
        return None  # the records of full runs are English only
    up = "../" * (pagename.count("/") + 1)
    return f"{up}{EDITIONS[this]}/{other_docname(pagename, this)}.html"


def _configure_edition(app: Sphinx, config: Config) -> None:
    this = edition(config)
    config.html_title = TITLES[this]
    if this in CODE_PROMPTS:  # MyST-NB reads its settings later, when the builder starts
        config.nb_code_prompt_show, config.nb_code_prompt_hide = CODE_PROMPTS[this]
    url = config.tutorials_repository_url.rstrip("/")
    if url:
        config.html_theme_options.update(
            repository_url=url,
            repository_branch=config.tutorials_repository_branch,
            path_to_docs="",
            use_source_button=True,
            use_repository_button=True,
        )


def _add_language_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    this = edition(app.config)
    url = other_edition_url(pagename, this)
    context["language_switch"] = url and {
        "url": url,
        "label": SWITCH_LABELS[this],
        "tooltip": SWITCH_TOOLTIPS[this],
        "lang": "zh-CN" if this == "en" else "en",
    }


def _drop_source_button(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    if pagename in GENERATED_PAGES:  # no file in the repository to show
        for button in context.get("header_buttons", []):
            if button.get("type") == "group":
                button["buttons"] = [b for b in button["buttons"] if not _is_source_file(b)]
        context["header_buttons"] = [
            b for b in context.get("header_buttons", []) if not _is_source_file(b)
        ]


def _is_source_file(button: dict) -> bool:
    return button.get("label") == "source-file-button"


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search, with its stemmer named as the script it ships defines it.

    Sphinx 9.0.4 stems the Latin words of Chinese pages with the English stemmer, whose script
    defines EnglishStemmer, but its language_data.js says ``window.Stemmer = ChineseStemmer``:
    the search page stops with "ChineseStemmer is not defined" and finds nothing.
    """

    language_name = "English"  # only the stemmer's name uses it (sphinx.search.IndexBuilder)


def _fix_chinese_search() -> None:
    """Use ChineseSearch where Sphinx has the mismatch (a later release may fix it)."""
    if SearchChinese.js_stemmer_rawcode == "english-stemmer.js" and (
        SearchChinese.language_name == "Chinese"
    ):
        search.languages["zh"] = ChineseSearch


def setup(app: Sphinx) -> dict:
    _fix_chinese_search()
    app.add_config_value("tutorials_repository_url", "", "html", str)
    app.add_config_value("tutorials_repository_branch", "main", "html", str)
    app.connect("config-inited", _configure_edition)
    # Before the theme drops the header's templates that render empty (at priority 500).
    app.connect("html-page-context", _add_language_switch, priority=100)
    # After the book theme has made its header buttons (at priority 501).
    app.connect("html-page-context", _drop_source_button, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
