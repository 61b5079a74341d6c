"""The maintainers' entry point, noxfile.py: what `nox -l` lists and what the sessions would run.

The sessions are called here with a stand-in session that records the commands instead of running
them; only `nox -l`, the lint session and a refused notebook run nox for real (each under a
second). Nothing here executes a notebook.
"""

import ast
import re
import subprocess
import sys

import nox
import pytest

from script_modules import load_script
from tutorial_checks import ROOT

noxfile = load_script("noxfile.py")
PYTHON = sys.executable
SESSIONS = ["fast", "tests", "lint", "format", "notebook", "site", "run_times", "drift"]
SESSIONS += ["benchmark", "wheelhouse", "full_run"]
SERVE = ["-m", "http.server", "-d", "build/site"]


class Quit(Exception):
    """What session.error raises here (nox's own exception ends the session)."""


class RecordingSession:
    """Enough of nox.Session for noxfile.py: posargs, and run() that only records the command."""

    def __init__(self, *posargs: str, invoked_from=ROOT):
        self.posargs, self.invoked_from, self.runs = list(posargs), str(invoked_from), []
        self.environments: list[dict[str, str]] = []

    def run(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.runs.append(list(args))
        self.environments.append(env or {})

    def error(self, message: str) -> None:
        raise Quit(message)

    def log(self, message: str) -> None:
        pass


def nox_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "nox", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def test_nox_list_shows_every_session_with_its_docstring():
    result = nox_command("--list")
    assert result.returncode == 0, result.stderr
    listed = re.findall(r"^([*-]) (\w+)(?: -> (.+))?$", result.stdout, re.MULTILINE)
    module = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    docstrings = {
        f.name: ast.get_docstring(f) for f in module.body if isinstance(f, ast.FunctionDef)
    }
    assert set(SESSIONS) <= {name for _, name, _ in listed}, result.stdout
    for _, name, description in listed:
        assert docstrings[name] and description == docstrings[name].splitlines()[0], name
    # `nox` alone runs only the quick checks, never a long run.
    assert sorted(name for mark, name, _ in listed if mark == "*") == ["fast", "lint"]


def test_every_session_runs_in_this_environment():
    sessions = {name: func for name, func in nox.registry.get().items() if name in noxfile.__dict__}
    assert set(SESSIONS) <= set(sessions)
    assert {name: func.venv_backend for name, func in sessions.items()} == dict.fromkeys(
        sessions, "none"
    ), "a session with its own virtual environment would need the network"


@pytest.mark.parametrize(
    ("session", "posargs", "runs"),
    [
        ("tests", [], [["-m", "pytest"]]),  # the README's command, exactly
        ("fast", [], [["-m", "pytest", "-m", "not slow"]]),
        ("fast", ["-n", "0"], [["-m", "pytest", "-m", "not slow", "-n", "0"]]),
        ("lint", [], [["-m", "ruff", "check", "."], ["-m", "ruff", "format", "--check", "."]]),
        ("format", [], [["-m", "ruff", "check", "--fix", "."], ["-m", "ruff", "format", "."]]),
        ("site", [], [["scripts/build_site.py"]]),
        ("site", ["serve"], [["scripts/build_site.py"], [*SERVE, "8000"]]),
        ("site", ["serve", "8123"], [["scripts/build_site.py"], [*SERVE, "8123"]]),
        ("run_times", ["--steps-only"], [["scripts/measure_run_times.py", "--steps-only"]]),
        ("drift", ["--isa", "AVX2"], [["scripts/measure_drift.py", "--isa", "AVX2"]]),
        ("benchmark", ["--smoke"], [["benchmarks/train_speed.py", "--smoke"]]),
        ("wheelhouse", ["--out", "w"], [["scripts/build_wheelhouse.py", "--out", "w"]]),
        ("full_run", ["--check"], [["scripts/full_run.py", "--check"]]),
    ],
)  # fmt: skip
def test_a_session_runs_its_command_in_this_python(session, posargs, runs):
    recorder = RecordingSession(*posargs)
    getattr(noxfile, session)(recorder)
    assert recorder.runs == [[PYTHON, *run] for run in runs]


def test_the_site_session_refuses_other_arguments():
    with pytest.raises(Quit, match="usage: nox -s site"):
        noxfile.site(RecordingSession("serve", "eighty"))


@pytest.mark.parametrize(
    ("posargs", "records"),
    [
        (["05_Ensemble_Learning.ipynb"], ["05_Ensemble_Learning.ipynb"]),
        (["notebooks/01_Simple_Linear_Model.ipynb"], []),
        (
            ["12_Adversarial_Noise.ipynb", "notebooks/solutions/03_Keras_API_Solutions.ipynb"],
            ["03_Keras_API_Solutions.ipynb"],
        ),
    ],
)
def test_the_notebook_session_does_the_readmes_steps(posargs, records):
    recorder = RecordingSession(*posargs)
    noxfile.notebook(recorder)
    paths = [
        str(ROOT / "notebooks" / ("solutions" if n.endswith("_Solutions.ipynb") else "") / n)
        for n in (arg.split("/")[-1] for arg in posargs)
    ]
    expected = [
        ["scripts/execute_notebooks.py", *paths],
        ["scripts/sync_translations.py"],
        ["scripts/set_setup_cells.py"],
    ] + ([["scripts/full_run.py", "--text", *records]] if records else [])  # fmt: skip
    assert recorder.runs == [[PYTHON, *run] for run in expected]
    assert recorder.environments == [{}] * len(expected)


def test_notebooks_are_executed_with_the_reference_arithmetic():
    # AVX2 kernels compute as the reference machine does, also on a CPU with AVX-512.
    assert load_script("scripts/execute_notebooks.py").ENVIRONMENT == {"ONEDNN_MAX_CPU_ISA": "AVX2"}


@pytest.mark.parametrize(
    "posargs",
    [
        [],
        ["02"],
        ["README.md"],
        ["notebooks/zh/01_Simple_Linear_Model.ipynb"],  # a twin: it follows its English notebook
        ["notebooks/full_runs/05_Ensemble_Learning.ipynb"],  # a record
        ["notebooks/solutions/05_Ensemble_Learning.ipynb"],  # a lesson's name, in the wrong place
        ["01_Simple_Linear_Model.ipynb", "99_No_Such_Notebook.ipynb"],  # one bad name: nothing runs
    ],
)
def test_the_notebook_session_refuses_what_is_not_a_notebook(posargs):
    recorder = RecordingSession(*posargs)
    with pytest.raises(Quit, match="not one of the series' notebooks|name the notebooks"):
        noxfile.notebook(recorder)
    assert recorder.runs == []


def test_nox_refuses_a_bogus_notebook_without_running_anything():
    result = nox_command("-s", "notebook", "--", "99_No_Such_Notebook.ipynb")
    assert result.returncode != 0
    assert "'99_No_Such_Notebook.ipynb' is not one of the series' notebooks" in result.stderr
    assert "02_Convolutional_Neural_Network.ipynb" in result.stderr  # it lists what there is
    assert "nbconvert" not in result.stderr and "scripts/" not in result.stderr


def test_the_lint_session_passes_on_the_repository():
    result = nox_command("-s", "lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ruff check ." in result.stderr and "ruff format --check ." in result.stderr
    assert "virtual environment" not in result.stderr
