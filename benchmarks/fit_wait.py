"""The wait at the end of Keras's `fit`: NumPy arrays against helpers.batches (autotuning off).

Keras turns NumPy arrays into a tf.data pipeline with autotuning on. When an epoch's data runs
out, the autotuning thread can be in the middle of a pause, and the cell waits for it: seconds
after the last batch, with nothing to show. `helpers.batches` builds the same kind of pipeline
with autotuning off. This script trains #03's network (helpers.new_keras_conv_net, batch 128,
with validation data, as #03 and #04 do) for `--epochs` epochs each way, the two taking turns
over `--rounds` rounds, and reports for each way the time from each epoch's last training batch
to the end of the epoch (the validation pass, 5,000 images, and any wait), and from the last
epoch's end until `fit` returns. The ratio of the medians is the figure to read.

    python benchmarks/fit_wait.py                 # 3 rounds of 2 epochs each way (nox -s fit_wait)
    python benchmarks/fit_wait.py --smoke         # a few batches, to check that it runs
"""

from __future__ import annotations

import argparse
import statistics
import time

import helpers  # First: it sets TensorFlow's environment, then imports TensorFlow.
from helpers import keras

BATCH_SIZE = 128


class EpochEnds(keras.callbacks.Callback):
    """Seconds from each epoch's last training batch to the epoch's end, and the last end."""

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.after_batches: list[float] = []

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self.last_batch = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch_end = time.perf_counter()
        self.after_batches.append(self.epoch_end - self.last_batch)


def train(data: helpers.MNIST, way: str, epochs: int, seed: int) -> tuple[list[float], float]:
    """One fit of a new network; the epochs' times after their last batch, and fit's tail."""
    helpers.seed_everything(seed)
    model = helpers.new_keras_conv_net()
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    ends = EpochEnds()
    if way == "NumPy arrays":
        inputs = {"x": data.train.images, "y": data.train.labels, "batch_size": BATCH_SIZE}
        validation = (data.validation.images, data.validation.labels)
    else:
        inputs = {"x": helpers.batches(data.train, BATCH_SIZE, shuffle_seed=seed)}
        validation = helpers.batches(data.validation, BATCH_SIZE)
    model.fit(**inputs, validation_data=validation, epochs=epochs, verbose=0, callbacks=[ends])
    return ends.after_batches, time.perf_counter() - ends.epoch_end


def head(split: helpers.Split, count: int) -> helpers.Split:
    return helpers.Split(split.images[:count], split.labels[:count], split.cls[:count])


def summary(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds):5.2f} s, largest {max(seconds):5.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--smoke", action="store_true", help="a few batches, one round")
    args = parser.parse_args()
    data = helpers.load_mnist()
    if args.smoke:
        args.rounds, args.epochs = 1, 1
        data = helpers.MNIST(head(data.train, 512), head(data.validation, 256), data.test)
    ways = ["NumPy arrays", "helpers.batches"]
    epoch_tails = {way: [] for way in ways}
    fit_tails = {way: [] for way in ways}
    for round_number in range(args.rounds):
        for way in ways:  # taking turns: a machine's drift hits both alike
            after, tail = train(data, way, args.epochs, seed=round_number)
            epoch_tails[way] += after
            fit_tails[way].append(tail)
    print(f"{args.rounds} rounds of {args.epochs} epochs each way, batch {BATCH_SIZE}:")
    for way in ways:
        print(f"{way:>16}: after an epoch's last batch: {summary(epoch_tails[way])}; "
              f"after the last epoch: {summary(fit_tails[way])}")  # fmt: skip
    ratio = statistics.median(epoch_tails[ways[0]]) / statistics.median(epoch_tails[ways[1]])
    print(f"after an epoch's last batch, NumPy arrays / helpers.batches: {ratio:.2f}× (medians)")


if __name__ == "__main__":
    main()
