"""The benchmarks: train_speed.py runs notebook #02's own training step and its smoke mode runs
and reports; exercise_checks.py times every check of a lesson (no timing is asserted)."""

import importlib
import json
import subprocess
import sys

import pytest

import helpers
from helpers import keras
from script_modules import load_script
from tutorial_checks import ROOT

benchmark = load_script("benchmarks/train_speed.py")


def test_the_benchmark_runs_the_train_step_cell_of_notebook_02(mnist):
    helpers.seed_everything(6)
    net = helpers.new_conv_net()
    optimizer = keras.optimizers.Adam(1e-4)
    step = benchmark.notebook_train_step(net, optimizer)
    images, labels = mnist.train.images[:64], mnist.train.labels[:64]
    before = float(helpers.cross_entropy(net(images), labels))
    cost, batch_accuracy = step(images, labels)
    assert float(cost) == pytest.approx(before, rel=1e-6)  # the cost before the update
    assert 0.0 <= float(batch_accuracy) <= 1.0
    assert int(optimizer.iterations) == 1  # it applied one update with the given optimizer
    after = float(helpers.cross_entropy(net(images), labels))
    assert after < before


def test_the_benchmark_refuses_a_notebook_without_exactly_one_train_step_cell(tmp_path):
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text('{"cells": [{"cell_type": "code", "metadata": {}, "source": ["x = 1"]}]}')
    with pytest.raises(SystemExit, match="one code cell tagged 'train-step'; found 0"):
        benchmark.notebook_train_step(helpers.new_conv_net(), keras.optimizers.Adam(1e-4), notebook)


@pytest.mark.slow
def test_benchmark_smoke_run_reports_every_candidate():
    run = subprocess.run(
        [sys.executable, "benchmarks/train_speed.py", "--smoke", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["smoke"] is True
    assert summary["ours_it_s"] > 0 and summary["keras_it_s"] > 0
    assert "ours (notebook #02)" in run.stdout and "keras fit" in run.stdout
    assert 1.2 < summary["step_gflop"] < 1.3  # about 1.25 GFLOP per step of batch 64
    if summary["torch_it_s"] is None:  # PyTorch not installed
        assert summary["ours_vs_torch"] is None
    else:
        ratio = summary["ours_it_s"] / summary["torch_it_s"]
        assert abs(summary["ours_vs_torch"] - ratio) < 0.01
    for result in summary["results"].values():
        assert result["eval_images_s"] > 0 and result["peak_rss_mb"] > 0


@pytest.mark.slow
def test_the_checks_benchmark_times_every_check_of_a_lesson_and_refuses_bad_input():
    command = [sys.executable, "benchmarks/exercise_checks.py", "--lesson", "01"]
    ran = subprocess.run(
        [*command, "--repeats", "1", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    summary = json.loads(ran.stdout.strip().splitlines()[-1])
    names = {e.name for e in importlib.import_module("exercises.lesson_01").EXERCISES}
    assert {row["exercise"] for row in summary["checks"]} == names
    assert all(row["first"] > 0 and row["median"] > 0 for row in summary["checks"])
    assert "of the 2 s budget" in ran.stdout
    refused = subprocess.run(
        [*command, "--repeats", "0"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert refused.returncode == 2 and "--repeats must be at least 1" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.slow
def test_the_fit_wait_benchmark_smoke_run_reports_both_ways():
    run = subprocess.run(
        [sys.executable, "benchmarks/fit_wait.py", "--smoke"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    for way in ("NumPy arrays:", "helpers.batches:"):
        assert way in run.stdout
    assert "NumPy arrays / helpers.batches:" in run.stdout.splitlines()[-1]
