"""The Chromium that the browser tests drive through Playwright (02-B in JupyterLab, the website).

It comes from the system's packages (Debian: `apt-get install chromium`; `.ci/run` installs it),
not from Playwright's own download; TUTORIALS_CHROMIUM names another one.
"""

from __future__ import annotations

import os
import shutil

CHROMIUM = os.environ.get("TUTORIALS_CHROMIUM") or next(
    filter(None, map(shutil.which, ["chromium", "chromium-browser", "google-chrome"])), None
)
NO_CHROMIUM = (
    "no Chromium: install it (Debian/Ubuntu: apt-get install chromium) to run the browser tests; "
    ".ci/run does"
)
