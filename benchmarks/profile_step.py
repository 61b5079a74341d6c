"""Where the time of one training step of tutorial #02's network goes, on this machine.

Times growing parts of the step, each compiled with tf.function and run on the same batch of 64:
the forward pass layer by layer, the gradients, the Adam update, and the cost of calling the step
from Python once per iteration (as a plain loop would) versus 100 steps per call (as
helpers.Trainer does). The differences between consecutive rows are the parts' costs.

    python benchmarks/profile_step.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from train_speed import notebook_train_step  # This folder is on sys.path when run as a script.

import helpers  # First: it sets TensorFlow's environment, then imports TensorFlow.
from helpers import keras, np, tf

BATCH_SIZE, CALLS, ROUNDS = 64, 100, 5


def milliseconds(run: Callable[[], object], per_call: int = 1) -> float:
    """Median milliseconds of one step: run() does `per_call` steps."""
    run()  # trace
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(CALLS // per_call):
            run()
        times.append((time.perf_counter() - start) * 1000 / CALLS)
    return statistics.median(times)


def main() -> None:
    helpers.seed_everything(42)
    data = helpers.load_mnist()
    model = helpers.new_conv_net()
    train_step = notebook_train_step(model, keras.optimizers.Adam(1e-4))
    optimize = helpers.Trainer(train_step, data.train, BATCH_SIZE, seed=42)
    images = tf.constant(data.train.images[:BATCH_SIZE])
    labels = tf.constant(data.train.labels[:BATCH_SIZE])
    variables = model.trainable_variables

    def conv1() -> tf.Tensor:
        return model.layer_conv1(tf.reshape(images, [-1, 28, 28, 1]))

    def gradients() -> list[tf.Tensor]:
        with tf.GradientTape() as tape:
            cost = helpers.cross_entropy(model(images), labels)
        return tape.gradient(cost, variables)

    batches = np.stack([optimize.draw_batch() for _ in range(CALLS)])
    rows = [
        ("forward: conv layer 1", milliseconds(tf.function(conv1))),
        ("forward: + conv layer 2", milliseconds(tf.function(lambda: model.layer_conv2(conv1())))),
        ("forward: whole network + cost", milliseconds(
            tf.function(lambda: helpers.cross_entropy(model(images), labels)))),
        ("+ gradients (backward pass)", milliseconds(tf.function(gradients))),
        ("+ Adam update: notebook #02's train_step", milliseconds(
            lambda: train_step(images, labels))),
        ("helpers.Trainer: 100 steps per call, batches", milliseconds(
            lambda: optimize.run_steps(batches), per_call=CALLS)),
    ]  # fmt: skip
    print(f"{'':46} {'ms/step':>8} {'added':>7}")
    previous = 0.0
    for name, ms in rows:
        print(f"{name:46} {ms:8.2f} {ms - previous:+7.2f}")
        previous = ms


if __name__ == "__main__":
    main()
