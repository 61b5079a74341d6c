"""The speed benchmark in its smoke mode: it runs and reports (no timing is asserted)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
