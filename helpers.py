"""Code shared by the tutorial notebooks: MNIST loading, layer building blocks and plots.

Import this module before TensorFlow: it sets TensorFlow's environment (oneDNN on, start-up
logging off) and then imports TensorFlow for you.
"""

from __future__ import annotations

import contextlib
import inspect
import math
import os
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import timedelta

# oneDNN makes the CPU kernels about twice as fast here (#02's results did not change with the
# thread count; Keras fit's did); it is off by default on some CPUs (e.g. AMD). Level 3 hides
# TF's C++ log lines up to errors: TF 2.21 logs a harmless "NodeDef mentions attribute
# use_unbounded_threadpool" error whenever Keras feeds NumPy arrays with deterministic ops on.
# Real errors still raise exceptions.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null while the block runs."""
    # TensorFlow's C++ code logs "oneDNN custom operations are on..." at import, before it reads
    # TF_CPP_MIN_LOG_LEVEL; Jupyter would store that line in every notebook's outputs.
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)


with _stderr_silenced():
    import tensorflow as tf

import keras
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Markdown
from sklearn.metrics import confusion_matrix

# Keras 3.15 warns that fit's `shuffle=True` is ignored whenever it is given a tf.data.Dataset,
# even when `shuffle` was left at its default: helpers.batches shuffles, so the warning is noise.
warnings.filterwarnings("ignore", message="`shuffle=True` was passed", category=UserWarning)


def show_source(*objects: object) -> Markdown:
    """The source code of functions or classes, for a notebook to display highlighted."""
    # Markdown rather than IPython's Code: its stored output is the plain source, which does not
    # change with the Pygments version, so nbval can compare it.
    source = "\n\n".join(inspect.getsource(obj) for obj in objects)
    return Markdown(f"```python\n{source}```")


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------

# The data layer is mnist_data.py, which imports no TensorFlow (so scripts and tests load it
# cheaply). The notebooks reach it through helpers: helpers.load_mnist(), helpers.Split.
import mnist_data
from mnist_data import (
    DATA_DIR,
    IMG_SHAPE,
    IMG_SIZE,
    IMG_SIZE_FLAT,
    MNIST,
    NUM_CHANNELS,
    NUM_CLASSES,
    Split,
)

load_mnist = mnist_data.load_mnist

# Notebook #02's trained network, a checkpoint of its ConvNet written by
# scripts/save_02_network.py; notebooks that use the network without training it restore it.
NETWORK_02_CHECKPOINT = DATA_DIR / "networks" / "02_network"

# ---------------------------------------------------------------------------------------------
# Reproducibility
# ---------------------------------------------------------------------------------------------


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and TensorFlow, and make TensorFlow's ops deterministic."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


# ---------------------------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------------------------


def new_weights(shape: list[int]) -> tf.Variable:
    """A variable of the given shape, drawn from a truncated normal with stddev 0.05."""
    return tf.Variable(tf.random.truncated_normal(shape, stddev=0.05), name="weights")


def new_biases(length: int) -> tf.Variable:
    """A vector of `length` biases, all 0.05."""
    return tf.Variable(tf.constant(0.05, shape=[length]), name="biases")


def _check_shape(layer: tf.Module, x: tf.Tensor, rank: int, last: int, expected: str) -> None:
    """Raise a clear error if `x` does not have `rank` dimensions and `last` as the last one."""
    if x.shape.rank != rank or x.shape[-1] != last:
        raise ValueError(
            f"{type(layer).__name__} expects input of shape {expected}; got {tuple(x.shape)}."
        )


class ConvLayer(tf.Module):
    """A 2-D convolution with stride 1 and SAME padding, optional 2x2 max-pooling, then ReLU.

    Making one creates its variables (`kernel`, `bias`); calling it computes the layer's output
    for a batch of images [images, height, width, num_input_channels].
    """

    def __init__(
        self, num_input_channels: int, filter_size: int, num_filters: int, use_pooling: bool = True
    ) -> None:
        super().__init__()
        self.num_input_channels = num_input_channels
        self.use_pooling = use_pooling
        self.kernel = new_weights([filter_size, filter_size, num_input_channels, num_filters])
        self.bias = new_biases(num_filters)

    def __call__(self, x: tf.Tensor | np.ndarray) -> tf.Tensor:
        x = tf.convert_to_tensor(x)
        expected = f"[images, height, width, {self.num_input_channels}]"
        _check_shape(self, x, 4, self.num_input_channels, expected)
        layer = tf.nn.conv2d(x, self.kernel, strides=1, padding="SAME") + self.bias
        if self.use_pooling:
            layer = tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME")
        # relu(max_pool(x)) == max_pool(relu(x)), and pooling first leaves 75 % fewer ReLUs.
        return tf.nn.relu(layer)


class FCLayer(tf.Module):
    """A fully-connected layer: matmul plus bias, optionally followed by ReLU.

    Making one creates its variables (`kernel`, `bias`); calling it computes the layer's output
    for a batch [images, num_inputs].
    """

    def __init__(self, num_inputs: int, num_outputs: int, use_relu: bool = True) -> None:
        super().__init__()
        self.num_inputs = num_inputs
        self.use_relu = use_relu
        self.kernel = new_weights([num_inputs, num_outputs])
        self.bias = new_biases(num_outputs)

    def __call__(self, x: tf.Tensor | np.ndarray) -> tf.Tensor:
        x = tf.convert_to_tensor(x)
        _check_shape(self, x, 2, self.num_inputs, f"[images, {self.num_inputs}]")
        layer = tf.matmul(x, self.kernel) + self.bias
        return tf.nn.relu(layer) if self.use_relu else layer


def flatten_layer(layer: tf.Tensor | np.ndarray) -> tuple[tf.Tensor, int]:
    """Reshape [images, height, width, channels] to [images, features]; also return features."""
    layer = tf.convert_to_tensor(layer)
    if layer.shape.rank != 4:
        raise ValueError(
            f"flatten_layer expects [images, height, width, channels]; got {tuple(layer.shape)}."
        )
    num_features = math.prod(layer.shape[1:])
    return tf.reshape(layer, [-1, num_features]), num_features


class ConvNet(tf.Module):
    """Tutorial #02's network: flat images -> 2 conv layers -> flatten -> 2 dense -> logits."""

    def __init__(
        self, layer_conv1: ConvLayer, layer_conv2: ConvLayer, layer_fc1: FCLayer, layer_fc2: FCLayer
    ) -> None:
        super().__init__()
        self.layer_conv1, self.layer_conv2 = layer_conv1, layer_conv2
        self.layer_fc1, self.layer_fc2 = layer_fc1, layer_fc2

    def __call__(self, images: tf.Tensor | np.ndarray) -> tf.Tensor:
        channels = self.layer_conv1.num_input_channels
        x_image = tf.reshape(images, [-1, IMG_SIZE, IMG_SIZE, channels])
        layer_flat, _ = flatten_layer(self.layer_conv2(self.layer_conv1(x_image)))
        return self.layer_fc2(self.layer_fc1(layer_flat))


def new_conv_net(
    num_channels: int = NUM_CHANNELS,
    num_classes: int = NUM_CLASSES,
    filter_size1: int = 5,
    num_filters1: int = 16,
    filter_size2: int = 5,
    num_filters2: int = 36,
    fc_size: int = 128,
) -> ConvNet:
    """Tutorial #02's network with new variables, by default with its configuration."""
    num_features = (IMG_SIZE // 4) ** 2 * num_filters2  # two 2x2 poolings
    return ConvNet(
        ConvLayer(num_channels, filter_size1, num_filters1, use_pooling=True),
        ConvLayer(num_filters1, filter_size2, num_filters2, use_pooling=True),
        FCLayer(num_features, fc_size, use_relu=True),
        FCLayer(fc_size, num_classes, use_relu=False),
    )


def new_keras_conv_net(
    num_channels: int = NUM_CHANNELS,
    num_classes: int = NUM_CLASSES,
    filter_size1: int = 5,
    num_filters1: int = 16,
    filter_size2: int = 5,
    num_filters2: int = 36,
    fc_size: int = 128,
) -> keras.Model:
    """Tutorial #03's Sequential model of #02's network, with new weights; it outputs logits."""
    layers = keras.layers
    return keras.Sequential(
        [
            keras.Input(shape=(IMG_SIZE_FLAT * num_channels,)),
            layers.Reshape((IMG_SIZE, IMG_SIZE, num_channels)),
            layers.Conv2D(
                num_filters1, filter_size1, padding="same", activation="relu", name="layer_conv1"
            ),
            layers.MaxPooling2D(pool_size=2, strides=2),
            layers.Conv2D(
                num_filters2, filter_size2, padding="same", activation="relu", name="layer_conv2"
            ),
            layers.MaxPooling2D(pool_size=2, strides=2),
            layers.Flatten(),
            layers.Dense(fc_size, activation="relu"),
            layers.Dense(num_classes),
        ]
    )


# ---------------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------------


def cross_entropy(logits: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
    """The cost: softmax cross-entropy of one-hot labels, from the logits, averaged over a batch."""
    # From the logits rather than the softmax output: TensorFlow then avoids log(0).
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def accuracy(cls_pred: tf.Tensor, cls_true: tf.Tensor) -> tf.Tensor:
    """The share of predicted classes that equal the true classes."""
    correct_prediction = tf.equal(tf.cast(cls_pred, tf.int64), tf.cast(cls_true, tf.int64))
    return tf.reduce_mean(tf.cast(correct_prediction, tf.float32))


class Trainer:
    """The tutorials' `optimize(num_iterations)`: a notebook's training step on random batches.

    `train_step(images, labels)` is the notebook's own step; it returns the batch's cost and
    accuracy. The trainer counts the iterations across calls. With `report_every`, it shows
    Keras's progress bar while it trains (the iterations done, the time remaining, once done the
    time taken, and the accuracy of the last batch) and ends each call by printing the accuracy
    of every `report_every`-th batch and the time used; `progress` shows or hides the bar
    regardless. `last_accuracy` is that of the last batch. `seed=None` draws different batches
    in each run.
    """

    def __init__(
        self,
        train_step: Callable[[tf.Tensor, tf.Tensor], tuple[tf.Tensor, tf.Tensor]],
        data: Split,
        batch_size: int,
        seed: int | None,
        report_every: int | None = 100,
        progress: bool | None = None,
    ) -> None:
        self.train_step, self.batch_size = train_step, batch_size
        self.report_every = report_every
        self.progress = report_every is not None if progress is None else progress
        self.total_iterations = 0
        self.last_accuracy: float | None = None
        self.rng = np.random.default_rng(seed)  # Draws the images of each batch.
        self.images, self.labels = tf.constant(data.images), tf.constant(data.labels)
        indices = tf.TensorSpec([None, batch_size], tf.int64)
        self.run_steps = tf.function(self.run_steps, input_signature=[indices])
        # Traced here rather than at the first call: TensorFlow counts first calls that trace
        # against the method, so the fifth new Trainer in a row (an ensemble of five networks)
        # would log a warning that it retraces too often, which it does not.
        self.run_steps.get_concrete_function()

    def run_steps(self, batches: tf.Tensor) -> tf.Tensor:
        """`train_step` on each row of image numbers; returns each batch's accuracy."""
        # tf.function turns this loop into one graph: many steps per call from Python save the
        # per-call overhead, about a quarter of the time on a CPU.
        accuracies = tf.TensorArray(tf.float32, size=tf.shape(batches)[0])
        for i in tf.range(tf.shape(batches)[0]):
            images = tf.gather(self.images, batches[i])
            labels = tf.gather(self.labels, batches[i])
            _, batch_accuracy = self.train_step(images, labels)
            accuracies = accuracies.write(i, batch_accuracy)
        return accuracies.stack()

    def __call__(self, num_iterations: int) -> None:
        start_time, start = time.time(), self.total_iterations
        end = start + num_iterations
        # Up to 100 steps per call of run_steps: often enough for the bar, rarely enough to cost
        # nothing; every report falls on a call's first step.
        chunk = math.gcd(self.report_every or 100, 100)
        bar = keras.utils.Progbar(
            num_iterations, unit_name="iteration", stateful_metrics=["batch accuracy"]
        )
        # Printed after the bar has finished: a line printed under a running bar breaks it.
        report = []
        while self.total_iterations < end:
            count = min(end, (self.total_iterations // chunk + 1) * chunk) - self.total_iterations
            accuracies = self.run_steps(np.stack([self.draw_batch() for _ in range(count)]))
            if self.report_every and self.total_iterations % self.report_every == 0:
                report.append(
                    f"Optimization Iteration: {self.total_iterations + 1:6}, "
                    f"Training Accuracy: {float(accuracies[0]):6.1%}"
                )
            self.total_iterations += count
            self.last_accuracy = float(accuracies[-1])
            if self.progress:
                bar.update(self.total_iterations - start, [("batch accuracy", self.last_accuracy)])
        if self.report_every:
            report.append(f"Time usage: {timedelta(seconds=round(time.time() - start_time))}")
            print("\n".join(report))

    def add_iterations(self, count: int) -> None:
        """Count `count` iterations run outside the trainer, such as a step run by hand."""
        self.total_iterations += count

    def draw_batch(self) -> np.ndarray:
        """The image numbers of one random batch, without repeats."""
        return self.rng.choice(len(self.images), size=self.batch_size, replace=False)


def batches(split: Split, batch_size: int, shuffle_seed: int | None = None) -> tf.data.Dataset:
    """`split`'s (images, labels) in batches, for Keras's `fit` and `evaluate`.

    With `shuffle_seed` the images come in a new random order each epoch, drawn from that seed,
    as `fit` orders NumPy arrays. tf.data's autotuning is off: with it on, as in the pipeline
    `fit` builds for NumPy arrays, a cell can stay busy for seconds after the last batch while
    the autotuning thread finishes a pause (benchmarks/fit_wait.py measures it).
    """
    images, labels = tf.constant(split.images), tf.constant(split.labels)
    order = tf.data.Dataset.range(len(split))
    if shuffle_seed is not None:
        order = order.shuffle(len(split), seed=shuffle_seed, reshuffle_each_iteration=True)
    # Batches of image numbers, then one gather per batch: faster than batching single images.
    dataset = order.batch(batch_size).map(lambda i: (tf.gather(images, i), tf.gather(labels, i)))
    options = tf.data.Options()
    options.autotune.enabled = False
    return dataset.prefetch(1).with_options(options)


class BatchTimer(keras.callbacks.Callback):
    """Measures Keras fit's training speed from its batches, not from the whole call.

    `fit` can return seconds after its last batch (tf.data's autotuning thread may sleep out its
    current pause when the data pipeline shuts down), and its first batch includes tracing; so
    the time runs from the end of the first batch to the end of the last.
    """

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.batch_ends: list[tuple[float, int]] = []

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self.batch_ends.append((time.perf_counter(), batch))

    def steps_per_second(self) -> float | None:
        """Training steps per second, or None if fit ran fewer than two batches (or executions)."""
        if len(self.batch_ends) < 2:
            return None
        (start, first), (end, last) = self.batch_ends[0], self.batch_ends[-1]
        return (last - first) / (end - start)


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------


def predict_classes(
    predict: Callable[[np.ndarray], tf.Tensor], images: np.ndarray, batch_size: int = 256
) -> np.ndarray:
    """Class numbers that `predict` gives `images`, computed in batches to save memory."""
    batches = [predict(images[i : i + batch_size]) for i in range(0, len(images), batch_size)]
    return np.concatenate([np.asarray(batch) for batch in batches] or [[]]).astype(np.int64)


def accuracy_on(predict: Callable[[np.ndarray], tf.Tensor], split: Split) -> float:
    """The share of a data set's images whose class `predict` gets right."""
    return float(np.mean(predict_classes(predict, split.images) == split.cls))


def print_test_accuracy(
    data: MNIST,
    predict: Callable[[np.ndarray], tf.Tensor],
    show_example_errors: bool = False,
    show_confusion_matrix: bool = False,
) -> float:
    """Print the accuracy of `predict` on the test set, optionally with errors and confusion."""
    cls_pred = predict_classes(predict, data.test.images)
    correct = cls_pred == data.test.cls
    accuracy = float(correct.mean())
    print(f"Accuracy on Test-Set: {accuracy:.1%} ({correct.sum()} / {len(correct)})")
    if show_example_errors:
        print("Example errors:")
        plot_example_errors(data.test.images, data.test.cls, cls_pred)
    if show_confusion_matrix:
        print("Confusion Matrix:")
        plot_confusion_matrix(data.test.cls, cls_pred)
    return accuracy


def print_accuracy_table(results: dict[int, float], original: dict[int, float]) -> None:
    """Print test accuracies by iterations: this run's next to the original tutorial's, where
    the original reported one for that number of iterations (a short run has other numbers)."""
    print(f"{'Iterations':>10}   {'this run':>10}   {'original':>10}")
    for iterations, result in results.items():
        theirs = f"{original[iterations]:>10.1%}" if iterations in original else f"{'-':>10}"
        print(f"{iterations:>10,}   {result:>10.1%}   {theirs}")


# ---------------------------------------------------------------------------------------------
# Plots
# ---------------------------------------------------------------------------------------------


def _grid(n: int, side: int | None = None) -> tuple[plt.Figure, np.ndarray]:
    """A figure with a side x side grid of axes for n plots (by default the smallest square
    that holds them), ticks removed and the axes beyond the n-th turned off."""
    side = side or math.ceil(math.sqrt(n))
    fig, axes = plt.subplots(side, side, squeeze=False)
    fig.subplots_adjust(hspace=0.3, wspace=0.3)
    for i, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= n:
            ax.axis("off")
    return fig, axes


def plot_images(
    images: np.ndarray,
    cls_true: np.ndarray,
    cls_pred: np.ndarray | None = None,
    img_shape: tuple[int, int] = IMG_SHAPE,
) -> None:
    """Plot up to 9 images in a 3x3 grid, labelled with true and (if given) predicted classes."""
    if not 1 <= len(images) <= 9:
        raise ValueError(f"plot_images draws 1 to 9 images in a 3x3 grid; got {len(images)}.")
    if len(cls_true) != len(images) or (cls_pred is not None and len(cls_pred) != len(images)):
        raise ValueError(
            f"plot_images needs one class per image: {len(images)} images, {len(cls_true)} true "
            f"classes, {'no' if cls_pred is None else len(cls_pred)} predicted classes."
        )
    _, axes = _grid(len(images), side=3)
    for i, image in enumerate(images):
        axes.flat[i].imshow(np.reshape(image, img_shape), cmap="binary")
        label = f"True: {cls_true[i]}"
        if cls_pred is not None:
            label += f", Pred: {cls_pred[i]}"
        axes.flat[i].set_xlabel(label)
    plt.show()


def plot_example_errors(images: np.ndarray, cls_true: np.ndarray, cls_pred: np.ndarray) -> None:
    """Plot the first 9 misclassified images with their true and predicted classes."""
    wrong = np.flatnonzero(cls_pred != cls_true)[:9]
    if len(wrong) == 0:
        print("No misclassified images to show.")
        return
    plot_images(images[wrong], cls_true[wrong], cls_pred[wrong])


def plot_confusion_matrix(
    cls_true: np.ndarray, cls_pred: np.ndarray, num_classes: int = NUM_CLASSES
) -> None:
    """Print the confusion matrix as text and draw it (rows: true class, columns: predicted)."""
    cm = confusion_matrix(cls_true, cls_pred, labels=range(num_classes))
    print(cm)
    plt.matshow(cm)
    plt.gca().xaxis.tick_bottom()  # matshow puts the column numbers on top, away from the label
    plt.colorbar()
    plt.xticks(range(num_classes))
    plt.yticks(range(num_classes))
    plt.xlabel("Predicted")
    plt.ylabel("True")
    plt.show()


def _draw_weights(ax: plt.Axes, image: np.ndarray, limit: float) -> None:
    """Draw weights red (positive) to blue (negative), white at zero, on the scale +-limit."""
    ax.imshow(image, vmin=-limit, vmax=limit, cmap="seismic", interpolation="nearest")


def plot_weights(weights: np.ndarray | tf.Variable, img_shape: tuple[int, int] = IMG_SHAPE) -> None:
    """Draw the weights of a linear model [pixels, classes] as one image per class."""
    w = np.asarray(weights)
    if w.ndim != 2 or w.shape[0] != math.prod(img_shape):
        raise ValueError(
            f"plot_weights expects weights [{math.prod(img_shape)}, classes]; got {w.shape}."
        )
    limit = np.abs(w).max()
    _, axes = _grid(w.shape[1])
    for i in range(w.shape[1]):
        _draw_weights(axes.flat[i], w[:, i].reshape(img_shape), limit)
        axes.flat[i].set_xlabel(f"Weights: {i}")
    plt.show()


def plot_image_grid(
    images: np.ndarray | tf.Tensor, titles: list[str], limit: float | None = None
) -> None:
    """Draw images (flat or 28x28) in a square grid, each with its title above it.

    Without `limit`, grey levels as `plot_images` draws them (0 white, 1 black); with `limit`,
    signed values red (positive) to blue (negative), white at zero, on the scale +-limit.
    """
    images = np.asarray(images)
    if images.ndim not in (2, 3) or math.prod(images.shape[1:]) != math.prod(IMG_SHAPE):
        raise ValueError(
            f"plot_image_grid expects images [n, {math.prod(IMG_SHAPE)}] or [n, 28, 28]; got "
            f"{images.shape}."
        )
    if len(titles) != len(images):
        raise ValueError(
            f"plot_image_grid needs one title per image: {len(images)} images, "
            f"{len(titles)} titles."
        )
    columns = math.ceil(math.sqrt(len(images)))
    rows = math.ceil(len(images) / columns)
    side = max(1.6, 4.0 / columns)  # inches per image: a grid is at least 4 inches wide
    _, axes = plt.subplots(
        rows, columns, figsize=(side * columns, (side + 0.1) * rows), squeeze=False
    )
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.axis("off")
    for ax, image, title in zip(axes.flat, images, titles):
        ax.axis("on")
        if limit is None:
            ax.imshow(image.reshape(IMG_SHAPE), vmin=0, vmax=1, cmap="binary")
        else:
            _draw_weights(ax, image.reshape(IMG_SHAPE), limit)
        ax.set_title(title, fontsize="small")
    plt.show()


def conv_kernel(layer: object) -> np.ndarray:
    """The kernel [height, width, in, out] of a Keras Conv2D layer, a ConvLayer or an array."""
    if isinstance(layer, keras.layers.Layer):
        if not hasattr(layer, "kernel"):
            raise ValueError(
                f"the Keras layer {layer.name!r} has no kernel: is it a Conv2D, and built?"
            )
        return np.asarray(layer.kernel)
    if isinstance(layer, ConvLayer):
        return np.asarray(layer.kernel)
    return np.asarray(layer)


def plot_conv_weights(weights: object, input_channel: int = 0) -> None:
    """Draw the filters of one input channel of a conv layer, on one colour scale.

    `weights`: a ConvLayer, a Keras Conv2D layer, or its kernel [height, width, in, out].
    Red is positive, blue negative, white zero.
    """
    w = conv_kernel(weights)
    if w.ndim != 4:
        raise ValueError(
            f"plot_conv_weights expects weights [height, width, in, out]; got shape {w.shape}."
        )
    if not 0 <= input_channel < w.shape[2]:
        raise ValueError(f"input_channel must be in 0..{w.shape[2] - 1}; got {input_channel}.")
    limit = np.abs(w).max()
    num_filters = w.shape[3]
    _, axes = _grid(num_filters)
    for i in range(num_filters):
        _draw_weights(axes.flat[i], w[:, :, input_channel, i], limit)
    plt.show()


def plot_conv_layer(values: np.ndarray | tf.Tensor) -> None:
    """Draw each channel of a conv layer's output for one image: [1, height, width, channels]."""
    v = np.asarray(values)
    if v.ndim != 4 or v.shape[0] != 1:
        raise ValueError(
            "plot_conv_layer expects the output for one image, shape [1, height, width, "
            f"channels]; got {v.shape}. Pass e.g. layer(image[np.newaxis])."
        )
    num_channels = v.shape[3]
    _, axes = _grid(num_channels)
    for i in range(num_channels):
        axes.flat[i].imshow(v[0, :, :, i], interpolation="nearest", cmap="binary")
    plt.show()


def plot_image(image: np.ndarray, img_shape: tuple[int, int] = IMG_SHAPE) -> None:
    """Draw one image."""
    image = np.asarray(image)
    if image.size != math.prod(img_shape):
        raise ValueError(f"plot_image expects {math.prod(img_shape)} pixels; got {image.shape}.")
    plt.imshow(image.reshape(img_shape), interpolation="nearest", cmap="binary")
    plt.xticks([])
    plt.yticks([])
    plt.show()


def plot_probabilities(image: np.ndarray, probabilities: np.ndarray) -> None:
    """Draw an image next to a bar chart of the probability of each class."""
    probabilities = np.asarray(probabilities)
    if probabilities.ndim != 1:
        raise ValueError(
            f"plot_probabilities expects one probability per class; got {probabilities.shape}."
        )
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3), width_ratios=[1, 2])
    left.imshow(np.reshape(image, IMG_SHAPE), interpolation="nearest", cmap="binary")
    left.set_xticks([])
    left.set_yticks([])
    left.set_xlabel("what the network sees")
    classes = np.arange(len(probabilities))
    bars = right.bar(classes, probabilities, color="tab:blue")
    bars[int(np.argmax(probabilities))].set_color("tab:orange")
    right.set_xticks(classes)
    right.set_ylim(0, 1)
    right.set_xlabel("class")
    right.set_ylabel("probability")
    fig.tight_layout()
    plt.show()
