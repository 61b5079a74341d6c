"""Tests of the shared training pieces: ConvNet, cross_entropy, accuracy, Trainer, and notebook
#02's own training step as the benchmark runs it."""

import functools
import re
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import keras, tf
from script_modules import load_script

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def mnist() -> helpers.MNIST:
    return helpers.load_mnist()


def load_benchmark():
    return load_script("benchmarks/train_speed.py")


def small_split(count: int = 256, seed: int = 0) -> helpers.Split:
    """`count` images of MNIST's training split."""
    train = mnist().train
    pick = np.random.default_rng(seed).choice(len(train), size=count, replace=False)
    return helpers.Split(train.images[pick], train.labels[pick], train.cls[pick])


def new_network() -> helpers.ConvNet:
    return helpers.new_conv_net()


def test_cross_entropy_matches_numpy():
    logits = np.array([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], dtype=np.float32)
    labels = np.array([[1, 0, 0], [0, 1, 0]], dtype=np.float32)
    softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log((softmax * labels).sum(axis=1)))
    assert float(helpers.cross_entropy(logits, labels)) == pytest.approx(expected, rel=1e-6)


def test_accuracy_counts_matches_across_integer_types():
    cls_pred = np.array([1, 2, 3, 4], dtype=np.int32)
    cls_true = np.array([1, 2, 0, 4], dtype=np.int64)
    assert float(helpers.accuracy(cls_pred, cls_true)) == pytest.approx(0.75)


def test_convnet_chains_the_layers():
    helpers.seed_everything(3)
    net = new_network()
    images = small_split(5).images
    x = tf.reshape(images, [-1, 28, 28, 1])
    flat, _ = helpers.flatten_layer(net.layer_conv2(net.layer_conv1(x)))
    expected = net.layer_fc2(net.layer_fc1(flat))
    logits = net(images)
    assert logits.shape == (5, 10)
    np.testing.assert_array_equal(logits.numpy(), expected.numpy())
    assert len(net.trainable_variables) == 8
    assert sum(int(tf.size(v)) for v in net.trainable_variables) == 242_062


def make_train_step(model, variables, optimizer):
    """A training step written as the notebooks write theirs."""

    @tf.function
    def train_step(images, labels):
        with tf.GradientTape() as tape:
            logits = model(images)
            cost = helpers.cross_entropy(logits, labels)
        gradients = tape.gradient(cost, variables)
        optimizer.apply_gradients(zip(gradients, variables))
        return cost, helpers.accuracy(tf.argmax(logits, axis=1), tf.argmax(labels, axis=1))

    return train_step


def linear_model():
    weights = tf.Variable(tf.zeros([784, 10]))
    biases = tf.Variable(tf.zeros([10]))
    return (lambda images: images @ weights + biases), [weights, biases]


def trained_variables(iterations: list[int], report_every: int | None = None) -> list[np.ndarray]:
    """Fresh network trained on a small split, `optimize` called once per entry of `iterations`."""
    helpers.seed_everything(1)
    net = new_network()
    step = make_train_step(net, net.trainable_variables, keras.optimizers.Adam(1e-3))
    optimize = helpers.Trainer(
        step, small_split(), batch_size=16, seed=1, report_every=report_every
    )
    for count in iterations:
        optimize(count)
    assert optimize.total_iterations == sum(iterations)
    return [v.numpy() for v in net.trainable_variables]


def test_trainer_is_reproducible_and_independent_of_how_calls_are_split():
    once = trained_variables([12])
    again = trained_variables([12])
    split = trained_variables([1, 4, 7], report_every=5)
    for a, b, c in zip(once, again, split):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)


def test_trainer_learns():
    helpers.seed_everything(2)
    net = new_network()
    data = small_split(512)
    step = make_train_step(net, net.trainable_variables, keras.optimizers.Adam(1e-3))
    optimize = helpers.Trainer(step, data, 64, seed=2)
    predict = tf.function(lambda images: tf.argmax(net(images), axis=1))
    before = float(np.mean(helpers.predict_classes(predict, data.images) == data.cls))
    optimize(60)
    after = float(np.mean(helpers.predict_classes(predict, data.images) == data.cls))
    assert before < 0.3
    assert after > 0.8


def test_trainer_prints_progress_every_report_and_time(capsys):
    helpers.seed_everything(4)
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(step, small_split(), batch_size=32, seed=4, report_every=10)
    optimize(1)
    optimize(24)
    lines = capsys.readouterr().out.splitlines()
    iterations = [
        int(m.group(1)) for m in map(re.compile(r"Iteration: +(\d+),").search, lines) if m
    ]
    assert iterations == [1, 11, 21]
    assert all(
        re.search(r"Training Accuracy: +\d+\.\d%$", line) for line in lines if "Iter" in line
    )
    assert sum(re.fullmatch(r"Time usage: \d+:\d\d:\d\d", line) is not None for line in lines) == 2


def test_trainer_silent_without_report_every(capsys):
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(step, small_split(), batch_size=8, seed=0, report_every=None)
    capsys.readouterr()
    optimize(3)
    assert capsys.readouterr().out == ""
    assert optimize.total_iterations == 3


def test_draw_batch_has_no_repeats_and_stays_in_range():
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(step, small_split(40), batch_size=40, seed=0)
    batch = optimize.draw_batch()
    assert sorted(batch.tolist()) == list(range(40))


def test_print_accuracy_table(capsys):
    helpers.print_accuracy_table({0: 0.099, 1000: 0.936}, {0: 0.109, 1000: 0.931})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Iterations", "this", "run", "original"]
    assert lines[1].split() == ["0", "9.9%", "10.9%"]
    assert lines[2].split() == ["1,000", "93.6%", "93.1%"]


def test_new_conv_net_follows_its_configuration():
    net = helpers.new_conv_net(num_filters1=4, num_filters2=8, fc_size=32, num_classes=3)
    assert net.layer_conv2.kernel.shape == (5, 5, 4, 8)
    assert net.layer_fc1.kernel.shape == (7 * 7 * 8, 32)
    assert net(small_split(2).images).shape == (2, 3)


def test_trainer_gives_the_same_variables_as_a_plain_loop_of_train_step():
    """Many steps per graph call change nothing: the numbers are those of the code shown."""

    def run(use_trainer: bool) -> list[np.ndarray]:
        helpers.seed_everything(5)
        net = new_network()
        step = make_train_step(net, net.trainable_variables, keras.optimizers.Adam(1e-3))
        optimize = helpers.Trainer(step, small_split(), batch_size=16, seed=5, report_every=None)
        if use_trainer:
            optimize(7)
        else:
            train = small_split()
            for _ in range(7):
                batch = optimize.draw_batch()
                step(train.images[batch], train.labels[batch])
        return [v.numpy() for v in net.trainable_variables]

    for a, b in zip(run(True), run(False)):
        np.testing.assert_array_equal(a, b)


def test_benchmark_runs_the_train_step_cell_of_notebook_02():
    benchmark = load_benchmark()
    helpers.seed_everything(6)
    net = new_network()
    optimizer = keras.optimizers.Adam(1e-4)
    step = benchmark.notebook_train_step(net, optimizer)
    split = small_split(64)
    before = float(helpers.cross_entropy(net(split.images), split.labels))
    cost, batch_accuracy = step(split.images, split.labels)
    assert float(cost) == pytest.approx(before, rel=1e-6)  # the cost before the update
    assert 0.0 <= float(batch_accuracy) <= 1.0
    assert int(optimizer.iterations) == 1  # it applied one update with the given optimizer
    after = float(helpers.cross_entropy(net(split.images), split.labels))
    assert after < before


def test_benchmark_refuses_a_notebook_without_exactly_one_train_step_cell(tmp_path):
    benchmark = load_benchmark()
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text('{"cells": [{"cell_type": "code", "metadata": {}, "source": ["x = 1"]}]}')
    with pytest.raises(SystemExit, match="one code cell tagged 'train-step'; found 0"):
        benchmark.notebook_train_step(new_network(), keras.optimizers.Adam(1e-4), notebook)


def test_trainer_keeps_the_accuracy_of_the_last_batch():
    model, variables = linear_model()  # all zero, and a learning rate of 0 keeps it so:
    step = make_train_step(model, variables, keras.optimizers.SGD(0.0))  # it predicts class 0
    split = small_split(200)
    optimize = helpers.Trainer(step, split, batch_size=50, seed=7, report_every=None)
    assert optimize.last_accuracy is None
    optimize(3)
    rng = np.random.default_rng(7)
    last_batch = [rng.choice(200, size=50, replace=False) for _ in range(3)][-1]
    assert optimize.last_accuracy == pytest.approx(np.mean(split.cls[last_batch] == 0))
    assert 0 < optimize.last_accuracy < 0.5


def test_new_keras_conv_net_is_notebook_03s_network_with_logits():
    model = helpers.new_keras_conv_net()
    assert model.count_params() == 242_062
    assert model.layers[-1].get_config()["activation"] == "linear"  # logits, not softmax
    assert model.get_layer("layer_conv2").kernel.shape == (5, 5, 16, 36)
    assert model(small_split(3).images).shape == (3, 10)


def test_many_trainers_do_not_make_tensorflow_warn_of_retracing(caplog):
    # Each Trainer traces its own graph once; TensorFlow warns when five of the last calls to
    # one function traced. An ensemble of five networks, one short call each, must stay quiet.
    split = small_split(64)
    for _ in range(6):
        model, variables = linear_model()
        step = make_train_step(model, variables, keras.optimizers.SGD(0.1))
        helpers.Trainer(step.python_function, split, batch_size=16, seed=0, report_every=None)(1)
    assert "retracing" not in caplog.text
