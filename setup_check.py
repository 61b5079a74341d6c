"""Is this machine ready for the tutorials? A check a teacher sends to learners before a workshop.

    python -m setup_check      (or: tutorials-setup-check; notebook 00_Setup_Check does the same)

It checks Python and the packages, the data's checksums and #02's saved network, that a plot
renders and that the drawing pad's widget packages are there; then it times 100 training steps
of #02's network and predicts each notebook's run time on this machine from the times measured
on the reference machine (run_times.json, written by scripts/measure_run_times.py). It says
plainly what is missing or too slow and what to do, and exits with 1 if anything is. It writes
nothing: Keras's and Matplotlib's settings and caches go to a temporary folder.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PYTHONS = ((3, 11), (3, 12), (3, 13))  # the versions the series supports
# The versions the stored outputs were made with (requirements.txt; a test keeps them equal).
# Others usually work, with slightly different numbers in places.
TESTED_VERSIONS = {
    "tensorflow": "2.21.0",
    "keras": "3.15.1",
    "numpy": "2.4.6",
    "matplotlib": "3.11.2",
    "scikit-learn": "1.9.1",
    "pillow": "13.0.0",
    "ipywidgets": "8.1.9",
    "anywidget": "0.11.0",
    "jupyterlab": "4.6.6",
}
# The drawing pad of notebook 02-B needs these in JupyterLab (ipywidgets' JupyterLab part is
# jupyterlab_widgets).
WIDGET_PACKAGES = ("ipywidgets", "jupyterlab_widgets", "anywidget")
TIMED_STEPS = 100
ROUNDS = 3  # of TIMED_STEPS each; the fastest counts
# Slower than the reference by more than this, a 3-hour session cannot run #02 to #05 as planned.
TOO_SLOW = 3.0


@dataclass
class Report:
    """What the check found, shown line by line as it is found; the problems among it."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def _show(self, line: str) -> None:
        self.lines.append(line)
        print(line, flush=True)

    def ok(self, text: str) -> None:
        self._show(f"  ok       {text}")

    def problem(self, text: str) -> None:
        self._show(f"  PROBLEM  {text}")
        self.problems.append(text)

    def note(self, text: str) -> None:
        self._show(f"           {text}")


def installed_version(name: str) -> str | None:
    """The installed version of a distribution, TensorFlow's CPU-only build counting as TF."""
    names = (name, "tensorflow-cpu", "tensorflow-macos") if name == "tensorflow" else (name,)
    for candidate in names:
        try:
            return version(candidate)
        except PackageNotFoundError:
            continue
    return None


def where(path: Path) -> str:
    """A data folder as the report names it, without the machine's own path."""
    parts = path.parts
    if "site-packages" in parts:
        return "the installed package, " + "/".join(parts[parts.index("site-packages") + 1 :])
    import mnist_data

    return f"the project's folder, {path.relative_to(mnist_data.DATA_DIR.parent).as_posix()}"


def check_python(report: Report) -> None:
    running = sys.version_info[:2]
    # The environment's folder name, not its path: enough to tell a wrong kernel.
    text = f"Python {platform.python_version()}, environment {Path(sys.prefix).name!r}"
    if running in PYTHONS:
        report.ok(text)
    else:
        supported = ", ".join(f"{major}.{minor}" for major, minor in PYTHONS)
        report.problem(f"{text}: the series supports Python {supported}; install one of them")


def check_packages(report: Report) -> bool:
    """Versions against the tested ones; True if everything the notebooks import is there."""
    complete = True
    for name, tested in TESTED_VERSIONS.items():
        found = installed_version(name)
        if found is None:
            complete = False
            report.problem(
                f'{name} is not installed: in the project\'s folder, pip install ".[local]" (or '
                'the series\' wheel: pip install "<wheel file>[local]")'
            )
        elif found == tested:
            report.ok(f"{name} {found}")
        else:
            report.ok(f"{name} {found} (the stored outputs were made with {tested})")
    return complete


def check_widgets(report: Report) -> None:
    missing = [name for name in WIDGET_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        report.problem(
            f"the drawing pad (notebook 02-B) needs {', '.join(missing)}: "
            f"pip install {' '.join(missing)}, then restart JupyterLab"
        )
    else:
        report.ok(f"the drawing pad's widget packages: {', '.join(WIDGET_PACKAGES)}")


def check_data(report: Report) -> bool:
    """The MNIST files and their checksums; whether the data can be used."""
    import mnist_data

    faults = mnist_data.file_faults()
    for name, fault in faults.items():
        if fault:
            report.problem(
                f"{mnist_data.DATA_DIR / 'MNIST' / name} is {fault}. {mnist_data.RESTORE_HINT}"
            )
    if not any(faults.values()):
        report.ok(f"the four MNIST files, checksums right (in {where(mnist_data.DATA_DIR)})")
    return not any(faults.values())


def check_plot(report: Report) -> None:
    """Render a small figure to PNG in memory, as the notebooks' plots are rendered."""
    from matplotlib.figure import Figure  # not pyplot: a notebook's plotting stays as it was

    figure = Figure(figsize=(2, 2))
    figure.subplots().imshow([[0.0, 1.0], [1.0, 0.0]], cmap="binary")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    if buffer.getvalue().startswith(b"\x89PNG"):
        report.ok(f"a plot renders (Matplotlib, {len(buffer.getvalue()):,} bytes of PNG)")
    else:
        report.problem("Matplotlib did not render a PNG: reinstall matplotlib")


def seconds_per_100_steps() -> float:
    """Seconds for 100 of #02's training steps (Adam, batches of 64) here: the fastest of 3 rounds."""
    import helpers  # before TensorFlow, which it sets up and imports

    tf, keras = helpers.tf, helpers.keras
    data = helpers.load_mnist()
    model = helpers.new_conv_net()
    variables = model.trainable_variables
    optimizer = keras.optimizers.Adam(learning_rate=1e-4)

    @tf.function
    def train_step(images: tf.Tensor, labels: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        with tf.GradientTape() as tape:
            logits = model(images)
            cost = helpers.cross_entropy(logits, labels)
        optimizer.apply_gradients(zip(tape.gradient(cost, variables), variables))
        return cost, helpers.accuracy(tf.argmax(logits, axis=1), tf.argmax(labels, axis=1))

    trainer = helpers.Trainer(train_step, data.train, batch_size=64, seed=0, report_every=None)
    trainer(20)  # warm-up: the first steps include TensorFlow's one-time work
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        trainer(TIMED_STEPS)
        rounds.append(time.perf_counter() - start)
    # The fastest round: what else runs on the machine only ever slows a round down.
    return min(rounds) * 100 / TIMED_STEPS


def check_network(report: Report) -> None:
    """Restore #02's saved network (notebook 02-B and others use it)."""
    import helpers

    model = helpers.new_conv_net()
    try:
        helpers.tf.train.Checkpoint(model=model).read(
            str(helpers.NETWORK_02_CHECKPOINT)
        ).assert_consumed()
    except (helpers.tf.errors.OpError, AssertionError, ValueError) as error:
        report.problem(
            f"#02's saved network in {where(helpers.NETWORK_02_CHECKPOINT.parent)} does not "
            f"restore ({type(error).__name__}): install the series again"
        )
        return
    report.ok(f"#02's saved network restores (in {where(helpers.NETWORK_02_CHECKPOINT.parent)})")


def run_times() -> dict:
    """The reference machine's measured run times (data/run_times.json, in the package)."""
    import mnist_data

    return json.loads((mnist_data.DATA_DIR / "run_times.json").read_text(encoding="utf-8"))


def predicted_seconds(here_per_100: float, reference: dict) -> dict[str, float]:
    """Each notebook's run time on this machine: its reference time, scaled by the step time."""
    factor = here_per_100 / reference["seconds_per_100_steps"]
    return {name: seconds * factor for name, seconds in reference["notebooks"].items()}


def duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.1f} min"


def check_speed(report: Report) -> None:
    try:
        reference = run_times()
    except FileNotFoundError as error:
        report.problem(f"{error.filename} is missing: install the series again")
        return
    here = seconds_per_100_steps()
    factor = here / reference["seconds_per_100_steps"]
    text = (
        f"100 training steps of #02's network: {here:.2f} s "
        f"({factor:.1f} times the reference machine's {reference['seconds_per_100_steps']:.2f} s, "
        f"{reference['machine']})"
    )
    short = {name: seconds * factor for name, seconds in reference.get("short_runs", {}).items()}
    if factor > TOO_SLOW:
        lessons = ", ".join(f"#{name[:2]} {duration(seconds)}" for name, seconds in short.items())
        report.problem(
            f"{text}: too slow for the workshop's plan. Switch on the short run of the long "
            f"lessons: QUICK = True at their top (predicted here: {lessons}); the stored outputs "
            "show the full run's results"
        )
    else:
        report.ok(text)
    report.note("Predicted run time of each notebook here (Restart & Run All):")
    for name, seconds in predicted_seconds(here, reference).items():
        quick = f"   (QUICK = True: {duration(short[name])})" if name in short else ""
        report.note(f"  {name:<40} {duration(seconds)}{quick}")


def run_checks() -> Report:
    report = Report()
    check_python(report)
    if not check_packages(report):
        report.note("The data, plot and speed checks need the packages above.")
        return report
    check_widgets(report)
    data_usable = check_data(report)
    check_plot(report)
    check_network(report)
    if data_usable:
        check_speed(report)
    else:
        report.note("The speed check trains on the MNIST data: skipped until the data is fixed.")
    return report


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tutorials-setup-check-") as scratch:
        # Keras writes its settings file and Matplotlib its font cache on first import.
        os.environ.setdefault("KERAS_HOME", os.path.join(scratch, "keras"))
        os.environ.setdefault("MPLCONFIGDIR", os.path.join(scratch, "matplotlib"))
        print("Checking this machine for the TensorFlow CNN tutorials...")
        report = run_checks()
    if report.problems:
        print(f"\n{len(report.problems)} problem(s): fix them (see above), then run this again.")
        return 1
    print("\nReady: every check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
