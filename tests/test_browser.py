"""Notebook 02-B in a real browser: JupyterLab runs it, the mouse draws a 1 and a 0 on the pad,
and the predictions shown must be 1 and 0.

Needs Chromium from the system's packages (Debian: `apt-get install chromium`; Playwright's own
browser download is not used) and is skipped, saying so, without it; `.ci/run` installs it.
TUTORIALS_SCREENSHOT=1 also stores the README's screenshot of the pad in use in images/.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tutorial_checks import ROOT
from tutorial_checks import notebooks as nb
from tutorial_checks.browser import CHROMIUM, NO_CHROMIUM

NOTEBOOK = nb.NOTEBOOKS_DIR / "02_Draw_a_Digit.ipynb"
SCREENSHOT = ROOT / "images" / "02_drawing_pad.png"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server on a free port, serving a copy of the notebook (never the original:
    JupyterLab saves notebooks it runs). Yields the notebook's URL."""
    shutil.copy(NOTEBOOK, tmp_path / NOTEBOOK.name)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
            "--ServerApp.allow_root=True",  # CI machines run as root
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run all cells
            f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
            f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
        ],
        env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "server.log").open("w"),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    log = (tmp_path / "server.log").read_text()[-2000:]
                    pytest.fail(f"JupyterLab did not start (in 60 s):\n{log}")
                time.sleep(0.5)
        yield f"{base}/lab/tree/{NOTEBOOK.name}?token={token}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def draw(page, canvas, points: list[tuple[float, float]]) -> None:
    """One stroke through `points`, in pixels of the 280-pixel pad."""
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y, steps=2)
    page.mouse.up()


def wait_until_every_cell_ran(page: object, quiet_seconds: float = 2.0) -> None:
    """Wait until no code cell is queued or running, and it stays so for `quiet_seconds`."""
    busy = (
        "() => window.jupyterapp.shell.currentWidget.content.widgets.some("
        "c => c.model.type === 'code' && c.model.executionState === 'running')"
        " || window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status !== 'idle'"
    )
    deadline = time.monotonic() + 300
    quiet_since = None
    while time.monotonic() < deadline:
        if page.evaluate(busy):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_seconds:
            return
        page.wait_for_timeout(250)
    raise AssertionError("the notebook's cells were still running after 300 s")


def test_drawn_digits_are_classified_in_jupyterlab(jupyterlab, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    import numpy as np

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1400})
            page.goto(jupyterlab)
            page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                " && window.jupyterapp.shell.currentWidget.sessionContext"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session",
                timeout=60_000,
            )
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            canvas = page.locator(".drawing-pad-canvas")
            canvas.wait_for(timeout=180_000)
            # Draw once Run All has finished, as a learner would: while cells below the pad (the
            # checked exercises) still run, JupyterLab scrolls to each, away from the pad.
            wait_until_every_cell_ran(page)
            # Make the pad's cell the active one, or JupyterLab scrolls back to the last cell run.
            page.locator(".jp-Cell", has=canvas).locator(".jp-InputPrompt").click()
            canvas.scroll_into_view_if_needed()
            outputs = page.locator(".widget-output")

            draw(page, canvas, [(140, 40 + 10 * i) for i in range(21)])  # a 1
            outputs.get_by_text(re.compile(r"Prediction: 1 ")).wait_for(timeout=60_000)

            page.get_by_role("button", name="Clear").click()
            outputs.get_by_text("Draw a digit on the pad.").wait_for(timeout=30_000)

            angles = np.linspace(0, 2 * np.pi, 41)
            draw(page, canvas, [(140 + 60 * np.sin(a), 140 - 95 * np.cos(a)) for a in angles])
            outputs.get_by_text(re.compile(r"Prediction: 0 ")).wait_for(timeout=60_000)

            cell = page.locator(".jp-Cell", has=canvas)
            cell.screenshot(path=tmp_path / SCREENSHOT.name)
            if os.environ.get("TUTORIALS_SCREENSHOT") == "1":
                shutil.copy(tmp_path / SCREENSHOT.name, SCREENSHOT)
        finally:
            browser.close()
