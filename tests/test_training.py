"""Tests of the shared training pieces: ConvNet, cross_entropy, accuracy, Trainer, and notebook
#02's own training step as the benchmark runs it."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import keras, tf

ROOT = Path(__file__).resolve().parent.parent


def small_split(mnist: helpers.MNIST, count: int = 256, seed: int = 0) -> helpers.Split:
    """`count` images of MNIST's training split."""
    train = mnist.train
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


def test_convnet_chains_the_layers(mnist):
    helpers.seed_everything(3)
    net = new_network()
    images = small_split(mnist, 5).images
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


def trained_variables(
    mnist: helpers.MNIST, iterations: list[int], report_every: int | None = None
) -> list[np.ndarray]:
    """Fresh network trained on a small split, `optimize` called once per entry of `iterations`."""
    helpers.seed_everything(1)
    net = new_network()
    step = make_train_step(net, net.trainable_variables, keras.optimizers.Adam(1e-3))
    optimize = helpers.Trainer(
        step, small_split(mnist), batch_size=16, seed=1, report_every=report_every
    )
    for count in iterations:
        optimize(count)
    assert optimize.total_iterations == sum(iterations)
    return [v.numpy() for v in net.trainable_variables]


@pytest.mark.slow  # trains for seconds
def test_trainer_is_reproducible_and_independent_of_how_calls_are_split(mnist):
    once = trained_variables(mnist, [12])
    again = trained_variables(mnist, [12])
    split = trained_variables(mnist, [1, 4, 7], report_every=5)
    for a, b, c in zip(once, again, split):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)


@pytest.mark.slow  # trains for seconds
def test_trainer_learns(mnist):
    helpers.seed_everything(2)
    net = new_network()
    data = small_split(mnist, 512)
    step = make_train_step(net, net.trainable_variables, keras.optimizers.Adam(1e-3))
    optimize = helpers.Trainer(step, data, 64, seed=2)
    predict = tf.function(lambda images: tf.argmax(net(images), axis=1))
    before = float(np.mean(helpers.predict_classes(predict, data.images) == data.cls))
    optimize(60)
    after = float(np.mean(helpers.predict_classes(predict, data.images) == data.cls))
    assert before < 0.3
    assert after > 0.8


def as_displayed(text: str) -> str:
    """`text` as Jupyter shows it: a backspace erases a character, a carriage return the line."""
    while (erased := re.sub(r"[^\n\x08]\x08", "", text)) != text:
        text = erased
    return re.sub(r"^.*\r(?=[^\n])", "", text, flags=re.MULTILINE)


BAR = re.compile(r"\x1b\[1m(\d+)/(\d+)\x1b\[0m .* - batch accuracy: (\S+)$")


def test_trainer_shows_a_progress_bar_then_its_report(capsys, mnist):
    helpers.seed_everything(4)
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(step, small_split(mnist), batch_size=32, seed=4, report_every=10)
    capsys.readouterr()
    optimize(1)
    optimize(24)
    shown = as_displayed(capsys.readouterr().out).splitlines()
    bars = [i for i, line in enumerate(shown) if BAR.search(line)]
    assert [BAR.search(shown[i]).group(1, 2) for i in bars] == [("1", "1"), ("24", "24")]
    assert BAR.search(shown[bars[1]]).group(3) == f"{optimize.last_accuracy:.4f}"
    # Each call's report follows its bar: the iterations 1, 11 and 21, then the time used.
    first, second = shown[bars[0] + 1 : bars[1]], shown[bars[1] + 1 :]
    iteration = re.compile(r"Optimization Iteration: +(\d+), Training Accuracy: +\d+\.\d%")
    assert [int(iteration.fullmatch(line).group(1)) for line in first[:-1]] == [1]
    assert [int(iteration.fullmatch(line).group(1)) for line in second[:-1]] == [11, 21]
    assert all(re.fullmatch(r"Time usage: \d+:\d\d:\d\d", part[-1]) for part in (first, second))


def test_as_displayed_keeps_only_what_a_carriage_return_leaves():
    # The helper above must not pass a text whose bar was never overwritten.
    assert as_displayed("a\b\b\rbar 1\b\b\b\b\b\rbar 2\nnext\n") == "bar 2\nnext\n"
    assert as_displayed("bar 1bar 2\n") != "bar 2\n"


def test_trainer_silent_without_report_every(capsys, mnist):
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(step, small_split(mnist), batch_size=8, seed=0, report_every=None)
    capsys.readouterr()
    optimize(3)
    assert capsys.readouterr().out == ""
    assert optimize.total_iterations == 3


def test_trainer_with_progress_alone_shows_only_its_bar(capsys, mnist):
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(
        step, small_split(mnist), batch_size=8, seed=0, report_every=None, progress=True
    )
    capsys.readouterr()
    optimize(3)
    shown = as_displayed(capsys.readouterr().out).splitlines()
    assert len(shown) == 1 and BAR.search(shown[0]).group(1, 2) == ("3", "3")


def test_trainer_reporting_without_progress_shows_no_bar(capsys, mnist):
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(
        step, small_split(mnist), batch_size=8, seed=0, report_every=2, progress=False
    )
    capsys.readouterr()
    optimize(3)
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    assert out.splitlines()[0].startswith("Optimization Iteration:      1,")


def test_draw_batch_has_no_repeats_and_stays_in_range(mnist):
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.5))
    optimize = helpers.Trainer(step, small_split(mnist, 40), batch_size=40, seed=0)
    batch = optimize.draw_batch()
    assert sorted(batch.tolist()) == list(range(40))


def test_print_accuracy_table(capsys):
    helpers.print_accuracy_table({0: 0.099, 1000: 0.936}, {0: 0.109, 1000: 0.931})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Iterations", "this", "run", "original"]
    assert lines[1].split() == ["0", "9.9%", "10.9%"]
    assert lines[2].split() == ["1,000", "93.6%", "93.1%"]


def test_print_accuracy_table_shows_a_count_the_original_did_not_report_without_its_figure(capsys):
    # A short run (TEACHING: a slow laptop) ends at 1,900 iterations, where #02 used to stop.
    helpers.print_accuracy_table({1000: 0.936, 1900: 0.955}, {1000: 0.931, 10000: 0.988})
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split() == ["1,900", "95.5%", "-"]


def test_new_conv_net_follows_its_configuration(mnist):
    net = helpers.new_conv_net(num_filters1=4, num_filters2=8, fc_size=32, num_classes=3)
    assert net.layer_conv2.kernel.shape == (5, 5, 4, 8)
    assert net.layer_fc1.kernel.shape == (7 * 7 * 8, 32)
    assert net(small_split(mnist, 2).images).shape == (2, 3)


def test_trainer_gives_the_same_variables_as_a_plain_loop_of_train_step(mnist):
    """Many steps per graph call change nothing: the numbers are those of the code shown."""

    def run(use_trainer: bool) -> list[np.ndarray]:
        helpers.seed_everything(5)
        net = new_network()
        step = make_train_step(net, net.trainable_variables, keras.optimizers.Adam(1e-3))
        optimize = helpers.Trainer(
            step, small_split(mnist), batch_size=16, seed=5, report_every=None
        )
        if use_trainer:
            optimize(7)
        else:
            train = small_split(mnist)
            for _ in range(7):
                batch = optimize.draw_batch()
                step(train.images[batch], train.labels[batch])
        return [v.numpy() for v in net.trainable_variables]

    for a, b in zip(run(True), run(False)):
        np.testing.assert_array_equal(a, b)


def test_trainer_keeps_the_accuracy_of_the_last_batch(mnist):
    model, variables = linear_model()  # all zero, and a learning rate of 0 keeps it so:
    step = make_train_step(model, variables, keras.optimizers.SGD(0.0))  # it predicts class 0
    split = small_split(mnist, 200)
    optimize = helpers.Trainer(step, split, batch_size=50, seed=7, report_every=None)
    assert optimize.last_accuracy is None
    optimize(3)
    rng = np.random.default_rng(7)
    last_batch = [rng.choice(200, size=50, replace=False) for _ in range(3)][-1]
    assert optimize.last_accuracy == pytest.approx(np.mean(split.cls[last_batch] == 0))
    assert 0 < optimize.last_accuracy < 0.5


def test_new_keras_conv_net_is_notebook_03s_network_with_logits(mnist):
    model = helpers.new_keras_conv_net()
    assert model.count_params() == 242_062
    assert model.layers[-1].get_config()["activation"] == "linear"  # logits, not softmax
    assert model.get_layer("layer_conv2").kernel.shape == (5, 5, 16, 36)
    assert model(small_split(mnist, 3).images).shape == (3, 10)


def test_both_networks_take_the_same_configuration():
    sizes = {
        "filter_size1": 3,
        "num_filters1": 4,
        "filter_size2": 3,
        "num_filters2": 6,
        "fc_size": 20,
    }
    ours = helpers.new_conv_net(num_classes=3, **sizes)
    keras_model = helpers.new_keras_conv_net(num_classes=3, **sizes)
    # tf.Module lists its variables by name (bias before kernel), Keras by layer.
    assert sorted(tuple(v.shape) for v in ours.trainable_variables) == sorted(
        tuple(w.shape) for w in keras_model.trainable_weights
    )


def test_accuracy_on_is_the_share_of_a_split_classified_correctly():
    split = helpers.Split(np.zeros((600, 784), np.float32), np.zeros((600, 10)), np.arange(600) % 3)
    always_one = lambda images: tf.ones(len(images), tf.int64)
    assert helpers.accuracy_on(always_one, split) == pytest.approx(200 / 600)


def test_many_trainers_do_not_make_tensorflow_warn_of_retracing(caplog, mnist):
    # Each Trainer traces its own graph once; TensorFlow warns when five of the last calls to
    # one function traced. An ensemble of five networks, one short call each, must stay quiet.
    split = small_split(mnist, 64)
    for _ in range(6):
        model, variables = linear_model()
        step = make_train_step(model, variables, keras.optimizers.SGD(0.1))
        helpers.Trainer(step.python_function, split, batch_size=16, seed=0, report_every=None)(1)
    assert "retracing" not in caplog.text


def test_iterations_run_by_hand_are_counted_in_the_progress_lines(capsys, mnist):
    model, variables = linear_model()
    step = make_train_step(model, variables, keras.optimizers.SGD(0.1))
    optimize = helpers.Trainer(step, small_split(mnist), batch_size=8, seed=0, report_every=10)
    batch = optimize.draw_batch()
    step(small_split(mnist).images[batch], small_split(mnist).labels[batch])  # by hand
    optimize.add_iterations(1)
    optimize(19)
    lines = as_displayed(capsys.readouterr().out).splitlines()
    assert optimize.total_iterations == 20
    assert BAR.search(lines[0]).group(1, 2) == ("19", "19")
    assert [line.split(",")[0] for line in lines[1:-1]] == ["Optimization Iteration:     11"]


def epoch_orders(dataset) -> list[list[int]]:
    """The class numbers in the order two epochs of `dataset` give them."""
    return [[int(c) for _, labels in dataset for c in np.argmax(labels, axis=1)] for _ in range(2)]


def test_batches_give_every_image_once_per_epoch_in_a_new_seeded_order(mnist):
    split = small_split(mnist, 100)
    first, second = epoch_orders(helpers.batches(split, 32, shuffle_seed=3))
    assert sorted(first) == sorted(second) == sorted(split.cls.tolist())
    assert first != second  # a new order each epoch
    assert [first, second] == epoch_orders(helpers.batches(split, 32, shuffle_seed=3))
    assert first != epoch_orders(helpers.batches(split, 32, shuffle_seed=4))[0]


def test_batches_without_a_seed_keep_the_order_and_sizes(mnist):
    split = small_split(mnist, 100)
    dataset = helpers.batches(split, 32)
    assert [len(images) for images, _ in dataset] == [32, 32, 32, 4]
    np.testing.assert_array_equal(np.concatenate([i for i, _ in dataset]), split.images)
    assert epoch_orders(dataset)[0] == split.cls.tolist()


def test_batches_have_autotuning_off(mnist):
    # The point of the helper: no autotuning thread to wait for at the end of fit.
    assert helpers.batches(small_split(mnist, 10), 4).options().autotune.enabled is False


@pytest.mark.slow  # a new Python, as a notebook's kernel is (pytest resets warning filters)
def test_fit_on_batches_warns_nothing():
    # Keras warns about fit's default shuffle=True with a dataset; helpers silences that one.
    code = """
import warnings
import helpers
from helpers import keras
warnings.filterwarnings("error", append=True)  # a warning not filtered out fails the fit
model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10)])
model.compile(optimizer="sgd", loss=keras.losses.CategoricalCrossentropy(from_logits=True))
data = helpers.load_mnist()
model.fit(helpers.batches(data.validation, 500, shuffle_seed=0), epochs=1, verbose=0)
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and "Warning" not in run.stderr, run.stderr[-1500:]
