"""Training speed of tutorial #02's network on this machine: ours against Keras and PyTorch.

The network: 5x5x16 conv, 2x2 max-pool, 5x5x36 conv, 2x2 max-pool, dense 128, dense 10; Adam,
batch 64, random batches of MNIST's training images. Candidates:

- ours: notebook #02's own training step, the code cell tagged `train-step` in the notebook, run
  by `helpers.Trainer` on `helpers.ConvNet`, as the notebook runs it;
- keras: `fit` of the same network as a Keras Sequential model (tutorial #03's), by default and
  with `steps_per_execution=50`;
- torch: the same network in PyTorch, if installed (`pip install -r requirements-bench.txt`):
  eager, `channels_last`, and `torch.compile`; the best of them is the peer we compare with.

Each is warmed up first (tracing, compiling), then timed in several rounds interleaved
(A B C, B C A, C A B, ...) so that drift of the machine hits all alike; the median counts.

    python benchmarks/train_speed.py            # the table, about 3 minutes
    python benchmarks/train_speed.py --json     # and one JSON object on the last line
    python benchmarks/train_speed.py --smoke    # a few iterations: only checks that it runs
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import helpers  # First: it sets TensorFlow's environment, then imports TensorFlow.
from helpers import keras, np, tf
from tutorial_checks import notebooks as nb

NOTEBOOK = nb.NOTEBOOKS_DIR / "02_Convolutional_Neural_Network.ipynb"
STEP_TAG = "train-step"

BATCH_SIZE = 64
LEARNING_RATE = 1e-4
EVAL_IMAGES = 10_000


# ---------------------------------------------------------------------------------------------
# FLOPs and the machine's peak
# ---------------------------------------------------------------------------------------------


def step_gflop(batch_size: int = BATCH_SIZE) -> float:
    """Floating-point operations of one training step, counting a multiply-add as 2."""
    conv1 = 28 * 28 * 16 * 5 * 5 * 1  # multiply-adds per image, before pooling
    conv2 = 14 * 14 * 36 * 5 * 5 * 16
    dense = 1764 * 128 + 128 * 10
    forward = conv1 + conv2 + dense
    # Backward: weight gradients cost one forward pass, input gradients another, except for the
    # first layer, whose input (the image) needs no gradient.
    return 2 * (3 * forward - conv1) * batch_size / 1e9


def machine() -> dict:
    """CPU name, cores, clock and an FP32 peak estimate, with the assumptions stated."""
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line and "\t" in line)
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    flags = set(fields.get("flags", "").split())
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ghz = float(fields.get("cpu MHz", "0")) / 1000
    zen4 = fields.get("vendor_id") == "AuthenticAMD" and fields.get("cpu family") == "25"
    if "avx512f" in flags and zen4:
        per_cycle, isa = 32, "AVX-512 on AMD Zen 4, executed as 2 FMA units x 8 floats x 2"
    elif "avx512f" in flags:
        per_cycle, isa = 64, "AVX-512 + FMA: 2 FMA units x 16 floats x 2"
    elif {"avx2", "fma"} <= flags:
        per_cycle, isa = 32, "AVX2 + FMA: 2 FMA units x 8 floats x 2"
    elif "avx" in flags:
        per_cycle, isa = 16, "AVX: 8-float add + 8-float multiply"
    else:
        per_cycle, isa = 8, "SSE: 4-float add + 4-float multiply"
    return {
        "cpu": fields.get("model name", platform.processor() or platform.machine()),
        "cores": cores,
        "ghz": round(ghz, 2),
        "flop_per_cycle_per_core": per_cycle,
        "peak_gflops": round(cores * ghz * per_cycle, 1),
        "peak_assumptions": f"{cores} cores x {ghz:.2f} GHz (nominal, no turbo) x {isa}",
    }


def peak_rss_mb() -> float:
    """The process's peak resident memory since the last reset_peak_rss(), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak_rss() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # Linux: reset VmHWM to the current RSS


# ---------------------------------------------------------------------------------------------
# Candidates: each has warm_up(), train(steps) and classify(images)
# ---------------------------------------------------------------------------------------------


def notebook_train_step(
    model: helpers.ConvNet, optimizer: keras.optimizers.Optimizer, notebook: Path = NOTEBOOK
) -> Callable:
    """The training step of notebook #02, made by the notebook's own `new_train_step` cell."""
    cells = [
        cell for cell in nb.read(notebook)["cells"] if STEP_TAG in cell["metadata"].get("tags", [])
    ]
    if len(cells) != 1:
        raise SystemExit(
            f"{notebook.name} must have one code cell tagged {STEP_TAG!r}; found {len(cells)}."
        )
    namespace = {"helpers": helpers, "tf": tf}  # what the cell uses besides its arguments
    exec(nb.source(cells[0]), namespace)  # noqa: S102 - the project's own notebook
    return namespace["new_train_step"](model, model.trainable_variables, optimizer)


class Ours:
    """Notebook #02's training step, unchanged, run by helpers.Trainer as in the notebook."""

    name = "ours (notebook #02)"

    def __init__(self, data: helpers.MNIST) -> None:
        helpers.seed_everything(42)
        self.model = helpers.new_conv_net()
        optimizer = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
        train_step = notebook_train_step(self.model, optimizer)
        self.optimize = helpers.Trainer(train_step, data.train, BATCH_SIZE, seed=42)
        self.predict = tf.function(lambda images: tf.argmax(tf.nn.softmax(self.model(images)), 1))

    def train(self, steps: int) -> None:
        with contextlib.redirect_stdout(io.StringIO()):  # the notebook's progress lines
            self.optimize(steps)

    def classify(self, images: np.ndarray) -> np.ndarray:
        return helpers.predict_classes(self.predict, images)


class KerasFit:
    """Tutorial #03's Sequential model trained with fit(); timed by helpers.BatchTimer."""

    def __init__(self, data: helpers.MNIST, steps_per_execution: int = 1) -> None:
        helpers.seed_everything(42)
        self.model = helpers.new_keras_conv_net()
        self.model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE),
            loss=keras.losses.CategoricalCrossentropy(from_logits=True),
            steps_per_execution=steps_per_execution,
        )
        self.name = "keras fit" + (
            f", steps_per_execution={steps_per_execution}" if steps_per_execution > 1 else ""
        )
        self.data, self.rng = data.train, np.random.default_rng(42)
        self.timer = helpers.BatchTimer()

    def train(self, steps: int) -> float | None:
        """Train `steps` batches; return the seconds they took by the batch timer, if it could."""
        pick = self.rng.choice(len(self.data), size=steps * BATCH_SIZE)
        self.model.fit(
            self.data.images[pick], self.data.labels[pick], batch_size=BATCH_SIZE, epochs=1,
            shuffle=False, verbose=0, callbacks=[self.timer],
        )  # fmt: skip
        rate = self.timer.steps_per_second()
        return steps / rate if rate else None

    def classify(self, images: np.ndarray) -> np.ndarray:
        return np.argmax(self.model.predict(images, batch_size=256, verbose=0), axis=1)


class Torch:
    """The same network in PyTorch: eager, channels_last or torch.compile."""

    def __init__(self, data: helpers.MNIST, mode: str) -> None:
        import torch
        from torch import nn

        torch.manual_seed(42)
        torch.set_num_threads(machine()["cores"])
        self.torch, self.mode, self.name = torch, mode, f"torch {torch.__version__}, {mode}"
        net = nn.Sequential(
            nn.Conv2d(1, 16, 5, padding=2), nn.MaxPool2d(2), nn.ReLU(),
            nn.Conv2d(16, 36, 5, padding=2), nn.MaxPool2d(2), nn.ReLU(),
            nn.Flatten(), nn.Linear(1764, 128), nn.ReLU(), nn.Linear(128, 10),
        )  # fmt: skip
        self.format = torch.channels_last if mode == "channels_last" else torch.contiguous_format
        self.net = net.to(memory_format=self.format)
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=LEARNING_RATE)
        self.loss = nn.CrossEntropyLoss()
        self.images = torch.from_numpy(data.train.images).reshape(-1, 1, 28, 28)
        self.cls = torch.from_numpy(data.train.cls)
        self.rng = np.random.default_rng(42)
        step = self.step if mode != "compile" else torch.compile(self.step)
        self.compiled_step = step

    def step(self, images, cls):
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.loss(self.net(images), cls)
        loss.backward()
        self.optimizer.step()
        return loss

    def train(self, steps: int) -> None:
        for _ in range(steps):
            pick = self.torch.from_numpy(self.rng.choice(len(self.cls), BATCH_SIZE, replace=False))
            images = self.images[pick].contiguous(memory_format=self.format)
            self.compiled_step(images, self.cls[pick])

    def classify(self, images: np.ndarray) -> np.ndarray:
        with self.torch.no_grad():
            batches = self.torch.from_numpy(images).reshape(-1, 1, 28, 28).split(256)
            out = [self.net(b.contiguous(memory_format=self.format)).argmax(1) for b in batches]
        return self.torch.cat(out).numpy()


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def timed(train: Callable[[int], float | None], steps: int) -> float:
    """Iterations per second of train(steps); train may return its own measured seconds."""
    start = time.perf_counter()
    seconds = train(steps)
    return steps / (seconds if seconds is not None else time.perf_counter() - start)


def candidates(data: helpers.MNIST, smoke: bool) -> list:
    found: list = [Ours(data), KerasFit(data), KerasFit(data, steps_per_execution=50)]
    try:
        import torch  # noqa: F401
    except ImportError:
        print("PyTorch not installed: pip install -r requirements-bench.txt to compare with it.")
        return found
    modes = ["eager", "channels_last"] + ([] if smoke else ["compile"])
    return found + [Torch(data, mode) for mode in modes]


def measure(runners: list, steps: int, repeats: int, warm_up: int) -> dict[str, dict]:
    """Median iterations/s over interleaved rounds, images/s classifying, and peak memory."""
    eval_images = np.resize(helpers.load_mnist().test.images, (EVAL_IMAGES, 784))
    results = {}
    for runner in runners:
        reset_peak_rss()
        runner.train(warm_up)  # tracing, compiling, first allocations
        runner.classify(eval_images[:512])
        results[runner.name] = {"it_s": [], "eval_images_s": [], "peak_rss_mb": peak_rss_mb()}
    for round_number in range(repeats):
        # Rotate the order each round, so that no candidate always follows the same other one
        # (whose threads may still be winding down).
        shift = round_number % len(runners)
        for runner in runners[shift:] + runners[:shift]:
            results[runner.name]["it_s"].append(timed(runner.train, steps))
        for runner in runners:
            start = time.perf_counter()
            runner.classify(eval_images)
            results[runner.name]["eval_images_s"].append(
                EVAL_IMAGES / (time.perf_counter() - start)
            )
    return {
        name: {
            "it_s": round(statistics.median(r["it_s"]), 2),
            "it_s_all": [round(x, 2) for x in r["it_s"]],
            "eval_images_s": round(statistics.median(r["eval_images_s"])),
            "peak_rss_mb": round(r["peak_rss_mb"]),
        }
        for name, r in results.items()
    }


def report(results: dict[str, dict], cpu: dict, smoke: bool) -> dict:
    """Print the table; return the summary for --json."""
    gflop = step_gflop()
    torch_runs = {name: r for name, r in results.items() if name.startswith("torch")}
    torch_best = max((r["it_s"] for r in torch_runs.values()), default=None)
    ours = results[Ours.name]["it_s"]
    print(f"\nMachine: {cpu['cpu']}, {cpu['cores']} cores, {cpu['ghz']} GHz")
    print(f"FP32 peak: {cpu['peak_gflops']} GFLOP/s = {cpu['peak_assumptions']}")
    print(f"One training step (batch {BATCH_SIZE}): {gflop:.2f} GFLOP, so the peak allows "
          f"{cpu['peak_gflops'] / gflop:.0f} it/s" + ("  [SMOKE RUN: numbers mean nothing]" if smoke else ""))  # fmt: skip
    header = f"{'':38} {'it/s':>7} {'vs torch':>9} {'GFLOP/s':>8} {'of peak':>8} {'eval img/s':>11} {'peak RSS':>9}"  # fmt: skip
    print("\n" + header)
    for name, r in results.items():
        ratio = f"{r['it_s'] / torch_best:.2f}x" if torch_best else "-"
        print(
            f"{name:38} {r['it_s']:7.1f} {ratio:>9} {r['it_s'] * gflop:8.1f} "
            f"{r['it_s'] * gflop / cpu['peak_gflops']:8.0%} {r['eval_images_s']:11,} "
            f"{r['peak_rss_mb']:6,} MB"
        )
    print("\nit/s: median over the rounds; peak RSS: the whole process (all frameworks loaded)")
    return {
        "ours_it_s": ours,
        "keras_it_s": results["keras fit"]["it_s"],
        "torch_it_s": torch_best,
        "ours_vs_torch": round(ours / torch_best, 3) if torch_best else None,
        "step_gflop": round(gflop, 3),
        "machine": cpu,
        "smoke": smoke,
        "results": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200, help="iterations per timed round")
    parser.add_argument("--repeats", type=int, default=5, help="timed rounds per candidate")
    parser.add_argument("--warm-up", type=int, default=50, help="untimed iterations first")
    parser.add_argument("--smoke", action="store_true", help="3 iterations, 1 round: runs only")
    parser.add_argument("--json", action="store_true", help="print a JSON summary last")
    parser.add_argument("--peak-gflops", type=float, help="the CPU's FP32 peak, if known better")
    args = parser.parse_args()
    if args.smoke:
        args.steps, args.repeats, args.warm_up = 3, 1, 2
    data = helpers.load_mnist()
    runners = candidates(data, args.smoke)
    cpu = machine()
    if args.peak_gflops:
        cpu["peak_gflops"], cpu["peak_assumptions"] = args.peak_gflops, "given by --peak-gflops"
    summary = report(measure(runners, args.steps, args.repeats, args.warm_up), cpu, args.smoke)
    if args.json:
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
