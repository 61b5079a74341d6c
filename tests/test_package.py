"""The series outside its repository: the wheel, the workshop's wheelhouse, the set-up cell, the
setup check.

The slow tests build the Linux wheelhouse with scripts/build_wheelhouse.py (the registry is
reached once, for the downloads), install it into a fresh virtual environment with --no-index
and no pip configuration, and use that environment as a learner's machine: the setup check, the
data and #02's network from an empty folder, notebook #01 copied alone and compared by nbval,
and the set-up cell without the package, as in Colab and elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import exercises
import mnist_data
import setup_check
from script_modules import load_script
from tutorial_checks import ROOT, short_run
from tutorial_checks import notebooks as nb
from tutorial_checks.exercise_cells import exercise_cells
from tutorial_checks.setup_cell import collapse, is_collapsed, setup_cell_source

set_setup_cells = load_script("scripts/set_setup_cells.py")
code_without_comments = load_script("scripts/sync_translations.py").code_without_comments
build_wheelhouse = load_script("scripts/build_wheelhouse.py")
embed_diagrams = load_script("scripts/embed_diagrams.py")

LESSON_01 = nb.NOTEBOOKS_DIR / "01_Simple_Linear_Model.ipynb"
KERNEL = "tutorials-wheel-test"
NOT_INSTALLED = "SetupError: The series' modules (helpers) are not installed in this Python"
NO_RELEASE = "SetupError: The series has no release that Colab can install yet"


def clean_pip_environment(**extra: str) -> dict[str, str]:
    """The environment without this machine's pip settings (its find-links, indexes, caps)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_"))}
    environment.update(PIP_CONFIG_FILE=os.devnull, **extra)
    return environment


# ---------------------------------------------------------------------------------------------
# Fast: the set-up cell and the pieces of the setup check
# ---------------------------------------------------------------------------------------------


def test_every_notebook_starts_with_the_setup_cell():
    stale = [p for p in set_setup_cells.all_notebooks() if set_setup_cells.differs(p)]
    assert not stale, f"run python scripts/set_setup_cells.py: {[p.name for p in stale]}"
    assert set_setup_cells.main(["--check"]) == 0


def test_every_setup_cell_shows_collapsed_in_jupyterlab_and_on_the_site():
    not_collapsed = [
        str(path.relative_to(nb.NOTEBOOKS_DIR))
        for path in set_setup_cells.all_notebooks()
        if not is_collapsed(set_setup_cells.first_code_cell(nb.read(path), path))
    ]
    assert not not_collapsed, f"run python scripts/set_setup_cells.py: {not_collapsed}"


@pytest.mark.parametrize(
    "metadata",
    [
        {},  # as JupyterLab saves it once a reader has expanded the cell
        {"jupyter": {"source_hidden": True}},  # collapsed in JupyterLab, shown on the site
        {"tags": ["hide-input"]},  # the other way round
        {"jupyter": {"source_hidden": False}, "tags": ["hide-input"]},
    ],
)
def test_a_setup_cell_not_collapsed_is_refused_then_collapsed_keeping_its_metadata(
    tmp_path, metadata
):
    metadata = dict(metadata, scrolled=True)  # other metadata, kept
    metadata["tags"] = ["nbval-ignore-output", *metadata.get("tags", [])]
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "id": "set-up",
        "metadata": metadata,
        "outputs": [],
        "source": setup_cell_source().splitlines(keepends=True),
    }
    path = tmp_path / "01_Test.ipynb"
    nb.write(path, {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    assert not is_collapsed(cell)
    assert set_setup_cells.problems(path) == [
        "its set-up cell does not show collapsed (metadata and tag)"
    ]

    assert set_setup_cells.write_setup_cell(path) is True
    written = nb.read(path)["cells"][0]
    assert set_setup_cells.problems(path) == [] and is_collapsed(written)
    assert written["metadata"]["scrolled"] is True
    assert written["metadata"]["tags"][0] == "nbval-ignore-output"
    assert written["metadata"]["tags"].count("hide-input") == 1
    assert set_setup_cells.write_setup_cell(path) is False  # nothing left to change
    collapse(written)
    assert nb.read(path)["cells"][0] == written  # collapsing twice changes nothing


def test_the_chinese_setup_cell_is_the_english_one_with_chinese_comments():
    english, chinese = setup_cell_source(""), setup_cell_source("", chinese=True)
    assert code_without_comments(chinese) == code_without_comments(english)
    comments = [line for line in chinese.splitlines() if "#" in line and '"' not in line]
    assert comments and all(re.search("[\u4e00-\u9fff]", line) for line in comments)
    assert "every notebook of the series" in english and "本系列的每个笔记本" in chinese


def test_a_chinese_comment_for_a_line_the_template_lacks_is_refused(monkeypatch):
    from tutorial_checks import setup_cell

    monkeypatch.setitem(setup_cell.CHINESE_COMMENTS, "# no such comment", "# 没有")
    with pytest.raises(ValueError, match="the template has no '# no such comment'"):
        setup_cell.setup_cell_source(chinese=True)


def run_setup_cell(source: str, preamble: str = "") -> subprocess.CompletedProcess:
    """The set-up cell's code in a Python without site-packages, where helpers is not found."""
    code = preamble + setup_cell_source(source)
    return subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, check=False, cwd="/"
    )


def test_setup_cell_says_what_to_run_where_helpers_is_missing():
    result = run_setup_cell("")
    assert result.returncode == 1
    assert NOT_INSTALLED in result.stderr and 'pip install ".[local]"' in result.stderr


def test_setup_cell_in_colab_without_a_release_says_how_to_install_by_hand():
    colab = "import sys, types; sys.modules['google.colab'] = types.ModuleType('google.colab')\n"
    result = run_setup_cell("", preamble=colab)
    assert result.returncode == 1
    assert NO_RELEASE in result.stderr and "%pip install" in result.stderr
    # With a source set, it installs from there: here pip fails on a source that does not exist.
    result = run_setup_cell(str(ROOT / "no-such-wheel.whl"), preamble=colab)
    assert "CalledProcessError" in result.stderr and NO_RELEASE not in result.stderr


def test_a_non_string_or_missing_setting_is_refused(tmp_path, monkeypatch):
    from tutorial_checks import setup_cell

    settings = tmp_path / "pyproject.toml"
    monkeypatch.setattr(setup_cell, "SETTINGS_FILE", settings)
    settings.write_text("[tool.other]\n")
    with pytest.raises(KeyError, match="colab-install-source"):
        setup_cell.install_source()
    settings.write_text("[tool.tf-cnn-tutorials]\ncolab-install-source = 3\n")
    with pytest.raises(TypeError, match="must be a string"):
        setup_cell.install_source()
    settings.write_text('[tool.tf-cnn-tutorials]\ncolab-install-source = "x==1"\n')
    assert 'INSTALL_SOURCE = "x==1"' in setup_cell.setup_cell_source()


def test_the_setup_checks_tested_versions_are_requirements_txts():
    pins = dict(
        line.split(";")[0].strip().split("==")
        for line in build_wheelhouse.constraints().splitlines()
    )
    cpu_build, regular_build = pins.pop("tensorflow-cpu"), pins.pop("tensorflow")
    assert cpu_build == regular_build, "the two TensorFlow builds' versions"
    pins["tensorflow"] = cpu_build
    for name, tested in setup_check.TESTED_VERSIONS.items():
        assert pins.get(name) == tested, name


def test_predictions_scale_the_reference_times_by_the_step_time():
    reference = {"seconds_per_100_steps": 2.0, "notebooks": {"a": 60.0, "b": 300.0}}
    assert setup_check.predicted_seconds(2.0, reference) == {"a": 60.0, "b": 300.0}
    assert setup_check.predicted_seconds(3.0, reference) == {"a": 90.0, "b": 450.0}


def test_the_reference_run_times_cover_every_notebook():
    reference = setup_check.run_times()
    names = {p.stem for p in nb.lessons() + nb.lessons(nb.SOLUTIONS_DIR) if p != nb.SETUP_CHECK}
    assert set(reference["notebooks"]) == names
    assert reference["seconds_per_100_steps"] > 0 and reference["machine"]


def test_file_faults_names_a_damaged_file(tmp_path):
    shutil.copytree(mnist_data.DATA_DIR / "MNIST", tmp_path / "MNIST")
    assert set(mnist_data.file_faults(tmp_path).values()) == {""}
    (tmp_path / "MNIST" / "t10k-labels-idx1-ubyte.gz").write_bytes(b"not gzip")
    (tmp_path / "MNIST" / "train-labels-idx1-ubyte.gz").unlink()
    faults = mnist_data.file_faults(tmp_path)
    assert faults["t10k-labels-idx1-ubyte.gz"].startswith("damaged")
    assert faults["train-labels-idx1-ubyte.gz"] == "missing"
    assert faults["t10k-images-idx3-ubyte.gz"] == ""


def test_constraints_are_the_exact_pins_of_requirements_txt(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        "# comment\nkeras==3.15.1\n-e .\nfoo>=1\n"
        'tensorflow-cpu==2.21.0; sys_platform == "win32"  # why\n'
    )
    assert build_wheelhouse.constraints(requirements) == (
        'keras==3.15.1\ntensorflow-cpu==2.21.0; sys_platform == "win32"\n'
    )


# ---------------------------------------------------------------------------------------------
# Slow: the wheel and the wheelhouse in a fresh virtual environment
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    """The Linux wheelhouse for this Python, built by the workshop's script."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    command = [sys.executable, str(ROOT / "scripts" / "build_wheelhouse.py")]
    command += ["--platform", "linux-x86_64", "--python", python, "--out", str(folder)]
    subprocess.run(command, check=True, capture_output=True, text=True)
    return folder


@pytest.fixture(scope="module")
def learner(wheelhouse, tmp_path_factory) -> Path:
    """A fresh virtual environment with the series installed from the wheelhouse alone."""
    venv = tmp_path_factory.mktemp("learner") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "--no-index"]
    install += ["--find-links", str(wheelhouse), "tf-cnn-tutorials[local]"]
    subprocess.run(install, check=True, env=clean_pip_environment(PIP_NO_INDEX="1"))
    return python


@pytest.fixture(scope="module")
def kernel_path(learner, tmp_path_factory) -> Path:
    """A Jupyter data folder holding a kernel that runs the learner's environment."""
    prefix = tmp_path_factory.mktemp("jupyter")
    command = [str(learner), "-m", "ipykernel", "install", "--prefix", str(prefix)]
    subprocess.run([*command, "--name", KERNEL], check=True, capture_output=True)
    return prefix / "share" / "jupyter"


def learner_runs(learner: Path, code: str, folder: Path) -> str:
    result = subprocess.run(
        [str(learner), "-c", code], cwd=folder, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_the_wheelhouse_holds_both_editions_notebooks_showing_every_diagram(wheelhouse, tmp_path):
    copied = wheelhouse / "notebooks"
    names = {p.relative_to(nb.NOTEBOOKS_DIR) for p in nb.NOTEBOOKS_DIR.rglob("*.ipynb")}
    names = {n for n in names if "checkpoints" not in n.parts}
    assert {p.relative_to(copied) for p in copied.rglob("*.ipynb")} == names
    lesson = copied / "zh" / "02_Convolutional_Neural_Network.ipynb"
    shutil.copy(lesson, tmp_path)  # and from there, alone
    alone = nb.read(tmp_path / lesson.name)
    assert embed_diagrams.unshown_images(alone, tmp_path) == []
    assert sum("attachments" in cell for cell in alone["cells"]) >= 2


@pytest.mark.slow
def test_wheel_holds_the_modules_and_the_data_and_not_the_checks(wheelhouse):
    (wheel,) = wheelhouse.glob("tf_cnn_tutorials-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {"helpers.py", "mnist_data.py", "drawing_pad.py", "setup_check.py"} <= names
        lessons = [f"exercises/{module}.py" for module in exercises.LESSONS.values()]
        assert {"exercises/__init__.py", "exercises/core.py", *lessons} <= names
        assert not any(name.startswith(("tutorial_checks", "tests", "notebooks")) for name in names)
        shipped = [p for p in mnist_data.DATA_DIR.rglob("*") if p.is_file()]
        shipped = [p for p in shipped if "__pycache__" not in p.parts]
        for path in shipped:
            inside = "tf_cnn_tutorials_data/" + path.relative_to(mnist_data.DATA_DIR).as_posix()
            digest = hashlib.sha256(archive.read(inside)).hexdigest()
            assert digest == hashlib.sha256(path.read_bytes()).hexdigest(), inside


@pytest.mark.slow
def test_sdist_and_wheel_pass_twine_check(tmp_path):
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    built = sorted(str(p) for p in tmp_path.iterdir())
    assert len(built) == 2, built  # the sdist and the wheel
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *built],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_setup_check_passes_in_the_learners_environment(learner, tmp_path):
    result = subprocess.run(
        [str(learner), "-m", "setup_check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ready: every check passed." in result.stdout
    assert "PROBLEM" not in result.stdout
    assert "02_Convolutional_Neural_Network" in result.stdout
    assert list(tmp_path.iterdir()) == [], "the setup check writes nothing"


@pytest.mark.slow
def test_data_and_02s_network_load_from_any_folder(learner, tmp_path):
    code = (
        "import helpers, json\n"
        "data = helpers.load_mnist()\n"
        "net = helpers.new_conv_net()\n"
        "helpers.tf.train.Checkpoint(model=net)"
        ".read(str(helpers.NETWORK_02_CHECKPOINT)).assert_consumed()\n"
        "print(json.dumps([str(helpers.DATA_DIR), len(data.train.images),"
        " len(data.test.images), float(helpers.tf.reduce_sum(net.trainable_variables[0]))]))\n"
    )
    data_dir, train, test, weights = json.loads(learner_runs(learner, code, tmp_path))
    assert "site-packages" in data_dir and not Path(data_dir).is_relative_to(ROOT)
    assert (train, test) == (55_000, 10_000)
    assert weights != 0.0  # the trained weights, not fresh zeros


def run_nbval(notebook: Path, kernel_path: Path) -> subprocess.CompletedProcess:
    """nbval on `notebook` in its own folder, with the learner's kernel and the repository's
    comparison (conftest.py as a plugin: the tolerance and the same-cpu-only tag)."""
    command = [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider"]
    command += ["-c", str(ROOT / "pyproject.toml"), "-o", "addopts=", "--rootdir", "."]
    command += ["--nbval", "--nbval-kernel-name", KERNEL, "-q", notebook.name]
    command += ["--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg")]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    environment.update(JUPYTER_PATH=str(kernel_path), PYTHONPATH=str(ROOT))
    return subprocess.run(
        command, cwd=notebook.parent, env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_lesson_01_copied_alone_passes_nbval_with_the_wheel(kernel_path, tmp_path):
    shutil.copy(LESSON_01, tmp_path)
    result = run_nbval(tmp_path / LESSON_01.name, kernel_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


@pytest.mark.slow
def test_the_checked_exercises_of_01s_solutions_copied_alone_pass_with_the_wheel(
    kernel_path, tmp_path
):
    # The worked answers' section alone: the checks themselves run in the learner's kernel and
    # must print what they printed here ("✔ Correct.", explanations), compared by nbval.
    solutions = nb.read(nb.SOLUTIONS_DIR / "01_Simple_Linear_Model_Solutions.ipynb")
    cells = [solutions["cells"][i] for i in exercise_cells(solutions)]
    assert len(cells) >= 8 and "Correct" in "".join(nb.output_text(c["outputs"]) for c in cells)
    nb.write(tmp_path / "checked.ipynb", dict(solutions, cells=cells))
    result = run_nbval(tmp_path / "checked.ipynb", kernel_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{len(cells)} passed" in result.stdout


# Run by the learner's Python: #01 from the repository's notebooks/ folder, executed by that
# environment's own Jupyter (nbclient) in its default kernel, with one cell added at the end that
# says which Python the kernel was and where it imported helpers from.
RUN_IN_PLACE = """
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

notebook, out = map(Path, sys.argv[1:])
node = nbformat.read(notebook, as_version=4)
last = "import json, sys, helpers\\nprint(json.dumps([sys.executable, helpers.__file__]))"
node.cells.append(nbformat.v4.new_code_cell(last))
folder = {"metadata": {"path": str(notebook.parent)}}  # the kernel's working folder
NotebookClient(node, timeout=600, kernel_name="python3", resources=folder).execute()
nbformat.write(node, out)
"""


@pytest.mark.slow
def test_lesson_01_runs_from_the_repositorys_notebooks_folder_with_the_learners_install_alone(
    learner, tmp_path
):
    # The learner's set only: none of the tests' tools.
    tools = ("pytest", "nbval", "ruff", "playwright", "nox", "tutorial_checks", "sphinx")
    found = learner_runs(
        learner,
        f"import importlib.util as u; print([m for m in {tools!r} if u.find_spec(m)])",
        tmp_path,
    )
    assert found.strip() == "[]", f"test tools in the learner's environment: {found}"
    before = sorted(p.name for p in nb.NOTEBOOKS_DIR.iterdir())
    environment = clean_pip_environment(
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),  # no kernel of this machine's user
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        IPYTHONDIR=str(tmp_path / "ipython"),
    )
    for name in ("JUPYTER_PATH", "PYTHONPATH"):
        environment.pop(name, None)
    script = tmp_path / "run_in_place.py"
    script.write_text(RUN_IN_PLACE)
    out = tmp_path / LESSON_01.name
    result = subprocess.run(
        [str(learner), str(script), str(LESSON_01), str(out)],
        cwd=tmp_path, env=environment, capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]  # nbclient stops at a cell's error
    executed = nb.read(out)
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code), "a code cell was not executed"
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []
    printed = "".join("".join(o["text"]) for o in code[-1]["outputs"] if o.get("name") == "stdout")
    python, helpers_file = json.loads(printed)
    assert Path(python) == learner, "the kernel ran another Python than the learner's"
    assert "site-packages" in helpers_file and not Path(helpers_file).is_relative_to(ROOT)
    assert sorted(p.name for p in nb.NOTEBOOKS_DIR.iterdir()) == before, "it wrote in notebooks/"


def execute_in_learner_kernel(notebook: dict, folder: Path, environment: dict) -> dict:
    import nbformat
    from nbclient import NotebookClient

    node = nbformat.reads(json.dumps(notebook), as_version=4)
    client = NotebookClient(
        node, timeout=600, kernel_name=KERNEL, allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    )  # fmt: skip
    with nb._environment(environment):
        client.execute()
    return json.loads(nbformat.writes(node))


@pytest.mark.slow
def test_setup_cell_without_the_package_in_colab_and_elsewhere(
    learner, kernel_path, wheelhouse, tmp_path
):
    subprocess.run(
        [str(learner), "-m", "pip", "uninstall", "--yes", "--quiet", "tf-cnn-tutorials"],
        check=True,
        env=clean_pip_environment(),
    )
    lesson = nb.read(LESSON_01)
    # Elsewhere: the first cell stops the notebook with one line that says what to run.
    jupyter = {"JUPYTER_PATH": str(kernel_path), "IPYTHONDIR": str(tmp_path / "ipython")}
    first = next(c for c in lesson["cells"] if c["cell_type"] == "code")
    alone = dict(lesson, cells=[dict(first, outputs=[])])
    (ran,) = execute_in_learner_kernel(alone, tmp_path, jupyter)["cells"]
    (error,) = ran["outputs"]
    assert error["output_type"] == "error" and len(error["traceback"]) == 1
    assert error["traceback"][0].startswith(NOT_INSTALLED)

    # In Colab (a stand-in google.colab, imported at the kernel's start as Colab's kernel does),
    # with a release's source set: the first cell installs the series with pip, here pointed at
    # the wheelhouse, and the notebook runs to its end.
    stand_in = tmp_path / "colab" / "google" / "colab"
    stand_in.mkdir(parents=True)
    (stand_in / "__init__.py").write_text('"""A stand-in for Colab\'s module, for tests."""\n')
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)  # the first kernel made the profile
    (startup / "00-colab.py").write_text("import google.colab\n")
    first["source"] = setup_cell_source("tf-cnn-tutorials")
    colab = clean_pip_environment(
        **jupyter,
        PYTHONPATH=str(tmp_path / "colab"),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
    )
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(colab)
        ran = execute_in_learner_kernel(lesson, tmp_path, {})
    finally:
        os.environ.clear()
        os.environ.update(saved)
    errors = [o for c in ran["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors, errors[0]["traceback"] if errors else None
    learner_runs(learner, "import helpers", tmp_path)  # installed by the first cell


# ---------------------------------------------------------------------------------------------
# Fast: what the setup check says when something is missing or slow
# ---------------------------------------------------------------------------------------------


def test_setup_check_names_a_missing_package_and_skips_what_needs_it(monkeypatch, capsys):
    real = setup_check.installed_version
    monkeypatch.setattr(
        setup_check, "installed_version", lambda name: None if name == "keras" else real(name)
    )
    report = setup_check.run_checks()
    assert [p for p in report.problems if p.startswith("keras is not installed")]
    assert "pip install" in report.problems[0]
    assert any("need the packages above" in line for line in report.lines)
    assert "a plot renders" not in capsys.readouterr().out


@pytest.mark.parametrize(("factor", "too_slow"), [(1.0, False), (2.9, False), (3.1, True)])
def test_setup_check_says_plainly_when_the_machine_is_too_slow(monkeypatch, factor, too_slow):
    reference = setup_check.run_times()["seconds_per_100_steps"]
    monkeypatch.setattr(setup_check, "seconds_per_100_steps", lambda: reference * factor)
    report = setup_check.Report()
    setup_check.check_speed(report)
    assert bool(report.problems) == too_slow
    times = setup_check.run_times()
    short = setup_check.duration(times["short_runs"]["02_Convolutional_Neural_Network"] * factor)
    if too_slow:
        assert "too slow" in report.problems[0] and "QUICK = True" in report.problems[0]
        assert f"#02 {short}," in report.problems[0]  # the short run's predicted time
    predicted = [line for line in report.lines if "02_Convolutional_Neural_Network " in line]
    seconds = times["notebooks"]["02_Convolutional_Neural_Network"] * factor
    assert (
        predicted and f" {setup_check.duration(seconds)}   (QUICK = True: {short})" in predicted[0]
    )
    assert set(times["short_runs"]) == set(short_run.LESSONS)


@pytest.mark.slow
def test_setup_check_with_a_damaged_data_file_ends_in_its_summary_not_a_traceback(tmp_path):
    # The installed data package, copied with one file damaged and found first on the path.
    data = tmp_path / "tf_cnn_tutorials_data"
    shutil.copytree(
        mnist_data.DATA_DIR, data, ignore=shutil.ignore_patterns("__pycache__", "checkpoints")
    )
    (data / "MNIST" / "t10k-labels-idx1-ubyte.gz").write_bytes(b"not gzip at all")
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    ran = subprocess.run(
        [sys.executable, "-m", "setup_check"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert "Traceback" not in ran.stderr, ran.stderr[-3000:]
    assert ran.returncode == 1
    assert f"PROBLEM  {data / 'MNIST' / 't10k-labels-idx1-ubyte.gz'} is" in ran.stdout
    assert "speed check trains on the MNIST data: skipped" in ran.stdout
    assert ran.stdout.rstrip().endswith("then run this again.")


def test_setup_check_reports_a_damaged_data_file(monkeypatch):
    import mnist_data

    faults = dict.fromkeys(mnist_data.MNIST_FILES, "")
    faults["t10k-labels-idx1-ubyte.gz"] = "damaged (wrong content checksum)"
    monkeypatch.setattr(mnist_data, "file_faults", lambda: faults)
    report = setup_check.Report()
    setup_check.check_data(report)
    (problem,) = report.problems
    assert "t10k-labels-idx1-ubyte.gz is damaged" in problem and "git checkout" in problem
