"""Sphinx configuration of the series' website, for both editions.

scripts/build_site.py stages each edition's notebooks and pages and builds it with
``-D language=en`` or ``-D language=zh_CN``; what depends on the edition is set in
tutorial_site.py (this folder), a small Sphinx extension.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "TensorFlow CNN Tutorials"
author = "the tf-cnn-tutorials authors"
copyright = "the tf-cnn-tutorials authors; the original tutorials by Magnus Erik Hvass Pedersen"

extensions = [
    "myst_nb",  # the notebooks, from their stored outputs
    "sphinx_copybutton",
    "sphinx-mathjax-offline",  # MathJax 3 served from the site itself, not a CDN
    "tutorial_site",
]

# The outputs are the stored ones, which the tests compare with a fresh run: never execute.
nb_execution_mode = "off"
# No widget JavaScript from a CDN: the build replaces widget outputs with a note (build_site.py).
nb_ipywidgets_js = {}
myst_enable_extensions = ["dollarmath", "amsmath"]
# The notebooks link to headings the way Jupyter names them: "#The-full-run", "#练习".
myst_heading_anchors = 6
myst_heading_slug_func = "tutorial_site.jupyter_slug"
# The notebooks' headers jump from the title (#) to "###" for the run-time line, on purpose.
suppress_warnings = ["myst.header"]

templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "article_header_end": ["language-switch.html", "article-header-buttons.html"],
}
# The notebooks are served as they are (.ipynb) for the download button.
html_sourcelink_suffix = ""
copybutton_exclude = ".linenos, .gp, .go"
