"""Tests of the layer building blocks, evaluation helpers and seeding."""

from __future__ import annotations

import numpy as np
import pytest

import helpers
from helpers import keras, tf  # helpers sets TensorFlow's environment before importing it


@pytest.fixture(autouse=True)
def seeded():
    helpers.seed_everything(0)


def random_batch(shape, seed=0):
    return tf.constant(np.random.default_rng(seed).standard_normal(shape).astype(np.float32))


# ---------------------------------------------------------------------------------------------
# Variables
# ---------------------------------------------------------------------------------------------


def test_new_weights_is_a_truncated_normal_variable():
    w = helpers.new_weights([5, 5, 1, 16])
    assert isinstance(w, tf.Variable)
    assert w.shape == (5, 5, 1, 16)
    assert w.dtype == tf.float32
    values = w.numpy()
    assert np.abs(values).max() <= 2 * 0.05  # truncated at two standard deviations
    assert abs(values.mean()) < 0.01
    # A normal with stddev 0.05 cut at +-2 stddev has a standard deviation of about 0.044.
    assert 0.038 < values.std() < 0.052


def test_new_biases_are_all_0_05():
    b = helpers.new_biases(16)
    assert isinstance(b, tf.Variable)
    assert b.shape == (16,)
    np.testing.assert_array_equal(b.numpy(), np.full(16, 0.05, dtype=np.float32))


# ---------------------------------------------------------------------------------------------
# Convolutional layers
# ---------------------------------------------------------------------------------------------


def test_conv_layer_with_pooling_halves_height_and_width():
    layer = helpers.ConvLayer(1, 5, 16, use_pooling=True)
    out = layer(random_batch((3, 28, 28, 1)))
    assert out.shape == (3, 14, 14, 16)
    assert out.numpy().min() >= 0.0  # ReLU
    assert out.numpy().max() > 0.0


def test_conv_layer_without_pooling_keeps_height_and_width():
    out = helpers.ConvLayer(1, 5, 16, use_pooling=False)(random_batch((3, 28, 28, 1)))
    assert out.shape == (3, 28, 28, 16)
    assert out.numpy().min() >= 0.0


def test_second_conv_layer_16_to_36_channels():
    out = helpers.ConvLayer(16, 5, 36)(random_batch((3, 14, 14, 16)))
    assert out.shape == (3, 7, 7, 36)


def test_conv_layer_variables():
    layer = helpers.ConvLayer(1, 5, 16)
    assert layer.kernel.shape == (5, 5, 1, 16)
    assert layer.bias.shape == (16,)
    assert len(layer.trainable_variables) == 2
    assert {id(v) for v in layer.trainable_variables} == {id(layer.kernel), id(layer.bias)}


def conv_reference(x, w, b, pool):
    """Stride-1 SAME cross-correlation (odd filter), bias, optional 2x2 max-pool, ReLU, in NumPy."""
    n, height, width, _ = x.shape
    k = w.shape[0]
    padded = np.pad(x, ((0, 0), (k // 2, k // 2), (k // 2, k // 2), (0, 0)))
    out = np.zeros((n, height, width, w.shape[3]))
    for i in range(height):
        for j in range(width):
            patch = padded[:, i : i + k, j : j + k, :]
            out[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    out += b
    if pool:  # height and width even here, so SAME pooling needs no padding
        out = out.reshape(n, height // 2, 2, width // 2, 2, -1).max(axis=(2, 4))
    return np.maximum(out, 0.0)


@pytest.mark.parametrize("use_pooling", [True, False])
def test_conv_layer_matches_a_numpy_reference(use_pooling):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 6, 6, 2)).astype(np.float32)
    w = rng.standard_normal((3, 3, 2, 3)).astype(np.float32)
    b = np.array([-0.5, 0.0, 0.5], dtype=np.float32)
    layer = helpers.ConvLayer(2, 3, 3, use_pooling=use_pooling)
    layer.kernel.assign(w)
    layer.bias.assign(b)

    out = layer(tf.constant(x)).numpy()
    expected = conv_reference(x.astype(np.float64), w, b, use_pooling)

    assert out.shape == expected.shape
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)
    assert (expected == 0).any() and (expected > 0).any()  # the ReLU really mattered


def test_relu_and_max_pool_commute():
    x = random_batch((4, 8, 8, 5), seed=4)
    pooled_then_relu = tf.nn.relu(tf.nn.max_pool2d(x, ksize=2, strides=2, padding="SAME"))
    relu_then_pooled = tf.nn.max_pool2d(tf.nn.relu(x), ksize=2, strides=2, padding="SAME")
    np.testing.assert_array_equal(pooled_then_relu.numpy(), relu_then_pooled.numpy())


def test_pooling_layer_equals_max_pool_of_unpooled_layer():
    x = random_batch((2, 10, 10, 1), seed=5)
    pooled = helpers.ConvLayer(1, 5, 4, use_pooling=True)
    unpooled = helpers.ConvLayer(1, 5, 4, use_pooling=False)
    unpooled.kernel.assign(pooled.kernel)
    expected = tf.nn.max_pool2d(unpooled(x), ksize=2, strides=2, padding="SAME")
    np.testing.assert_allclose(pooled(x).numpy(), expected.numpy(), rtol=1e-6, atol=1e-7)


# ---------------------------------------------------------------------------------------------
# Shape checks
# ---------------------------------------------------------------------------------------------


def test_conv_layer_rejects_flat_images():
    layer = helpers.ConvLayer(1, 5, 16)
    with pytest.raises(ValueError, match=r"\[images, height, width, 1\]") as info:
        layer(tf.zeros((3, 784)))
    assert "(3, 784)" in str(info.value)


def test_conv_layer_rejects_wrong_channel_count():
    layer = helpers.ConvLayer(16, 5, 36)
    with pytest.raises(ValueError, match=r"\[images, height, width, 16\]") as info:
        layer(tf.zeros((3, 14, 14, 1)))
    assert "(3, 14, 14, 1)" in str(info.value)


def test_fc_layer_rejects_4d_input():
    layer = helpers.FCLayer(1764, 128)
    with pytest.raises(ValueError, match=r"\[images, 1764\]") as info:
        layer(tf.zeros((2, 7, 7, 36)))
    assert "(2, 7, 7, 36)" in str(info.value)


def test_fc_layer_rejects_wrong_feature_count():
    layer = helpers.FCLayer(1764, 128)
    with pytest.raises(ValueError, match=r"\[images, 1764\]") as info:
        layer(tf.zeros((2, 1000)))
    assert "(2, 1000)" in str(info.value)


def test_shape_errors_name_the_layer_class_that_was_made():
    class ReluFirstConvLayer(helpers.ConvLayer):  # an exercise's variant of the layer
        pass

    with pytest.raises(ValueError, match=r"^ReluFirstConvLayer expects input of shape"):
        ReluFirstConvLayer(1, 5, 16)(tf.zeros((3, 784)))
    with pytest.raises(ValueError, match=r"^FCLayer expects input of shape"):
        helpers.FCLayer(10, 2)(tf.zeros((1, 3)))


def test_flatten_layer_rejects_2d_input():
    with pytest.raises(ValueError, match=r"\[images, height, width, channels\]") as info:
        helpers.flatten_layer(tf.zeros((2, 1764)))
    assert "(2, 1764)" in str(info.value)


def test_layers_accept_numpy_arrays():
    """The notebooks pass NumPy batches, e.g. layer(image[np.newaxis]) as plot_conv_layer says."""
    images = np.random.default_rng(6).random((3, 28, 28, 1), dtype=np.float32)
    conv_out = helpers.ConvLayer(1, 5, 16)(images)
    assert conv_out.shape == (3, 14, 14, 16)
    flat, num_features = helpers.flatten_layer(conv_out.numpy())
    assert flat.shape == (3, 3136) and num_features == 3136
    assert helpers.FCLayer(3136, 10)(flat.numpy()).shape == (3, 10)


# ---------------------------------------------------------------------------------------------
# Flatten and fully-connected layers
# ---------------------------------------------------------------------------------------------


def test_flatten_layer_keeps_element_order():
    x = random_batch((2, 7, 7, 36), seed=7)
    flat, num_features = helpers.flatten_layer(x)
    assert num_features == 1764
    assert isinstance(num_features, int)
    assert flat.shape == (2, 1764)
    np.testing.assert_array_equal(flat.numpy(), x.numpy().reshape(2, 1764))


def test_fc_layer_with_relu_is_non_negative():
    layer = helpers.FCLayer(1764, 128)
    out = layer(random_batch((2, 1764), seed=8))
    assert out.shape == (2, 128)
    assert out.numpy().min() >= 0.0
    assert out.numpy().max() > 0.0


def test_fc_layer_without_relu_can_be_negative():
    layer = helpers.FCLayer(1764, 128, use_relu=False)
    x = random_batch((2, 1764), seed=8)
    out = layer(x).numpy()
    assert out.shape == (2, 128)
    assert out.min() < 0.0
    expected = x.numpy() @ layer.kernel.numpy() + layer.bias.numpy()
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-5)


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------


def test_predict_classes_batches_give_the_same_result_as_one_call():
    images = np.random.default_rng(9).random((10, 784), dtype=np.float32)
    batch_sizes = []

    def predict(batch):
        batch_sizes.append(len(batch))
        return tf.argmax(batch[:, :10], axis=1)

    batched = helpers.predict_classes(predict, images, batch_size=4)
    whole = helpers.predict_classes(predict, images, batch_size=1000)
    assert batch_sizes == [4, 4, 2, 10]
    assert batched.dtype == np.int64
    assert batched.shape == (10,)
    np.testing.assert_array_equal(batched, whole)
    np.testing.assert_array_equal(batched, images[:, :10].argmax(axis=1))


def make_split(images: np.ndarray, cls: np.ndarray) -> helpers.Split:
    return helpers.Split(images, np.eye(10, dtype=np.float32)[cls], cls.astype(np.int64))


def test_print_test_accuracy_reports_percentage_and_counts(capsys):
    cls_true = np.arange(10) % 10
    cls_pred = cls_true.copy()
    cls_pred[[1, 4, 8]] = [7, 0, 2]  # 3 wrong, 7 right
    images = np.zeros((10, 784), dtype=np.float32)
    images[:, 0] = cls_pred  # the fake model reads its answer from the first pixel
    empty = make_split(np.zeros((0, 784), np.float32), np.zeros(0, np.int64))
    data = helpers.MNIST(train=empty, validation=empty, test=make_split(images, cls_true))

    accuracy = helpers.print_test_accuracy(data, lambda batch: batch[:, 0].astype(np.int64))

    assert accuracy == pytest.approx(0.7)
    assert isinstance(accuracy, float)
    assert capsys.readouterr().out == "Accuracy on Test-Set: 70.0% (7 / 10)\n"


# ---------------------------------------------------------------------------------------------
# Reproducibility
# ---------------------------------------------------------------------------------------------


def test_seed_everything_repeats_new_weights():
    helpers.seed_everything(7)
    first = helpers.new_weights([5, 5, 1, 16]).numpy()
    helpers.seed_everything(7)
    second = helpers.new_weights([5, 5, 1, 16]).numpy()
    helpers.seed_everything(8)
    other = helpers.new_weights([5, 5, 1, 16]).numpy()
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first, other)


def train_tiny_model(steps: int = 5) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Seed, build conv -> flatten -> fc, train `steps` Adam steps; initial and final weights."""
    rng = np.random.default_rng(10)
    x = tf.constant(rng.random((16, 8, 8, 1), dtype=np.float32))
    y = tf.one_hot(rng.integers(0, 10, 16), 10)

    helpers.seed_everything(1)
    conv = helpers.ConvLayer(1, 3, 4, use_pooling=True)
    fc = helpers.FCLayer(4 * 4 * 4, 10, use_relu=False)
    variables = [*conv.trainable_variables, *fc.trainable_variables]
    optimizer = keras.optimizers.Adam(1e-3)
    optimizer.build(variables)
    initial = [v.numpy().copy() for v in variables]

    @tf.function
    def train_step():
        with tf.GradientTape() as tape:
            flat, _ = helpers.flatten_layer(conv(x))
            logits = fc(flat)
            loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    for _ in range(steps):
        train_step()
    return initial, [v.numpy() for v in variables]


def test_training_is_bit_reproducible_after_seed_everything():
    initial_1, final_1 = train_tiny_model()
    initial_2, final_2 = train_tiny_model()
    assert len(final_1) == 4
    for a, b in zip(initial_1, initial_2):
        assert np.array_equal(a, b)
    for start, a, b in zip(initial_1, final_1, final_2):
        assert not np.array_equal(start, a)  # the five steps really changed the weights
        assert np.array_equal(a, b)
