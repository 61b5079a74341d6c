"""Tests of the plotting helpers: their input checks and what they draw (Agg backend)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before helpers imports pyplot

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

import helpers
from helpers import keras


@pytest.fixture(autouse=True)
def shown(monkeypatch):
    """Count plt.show() calls without closing any figure; close all figures after the test."""
    calls = []
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: calls.append(plt.gcf()))
    yield calls
    plt.close("all")


def random_images(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((n, 784), dtype=np.float32)


def grid_shape(ax) -> tuple[int, int]:
    return ax.get_subplotspec().get_gridspec().get_geometry()


# ---------------------------------------------------------------------------------------------
# plot_images and plot_example_errors
# ---------------------------------------------------------------------------------------------


def test_plot_images_nine_images_labelled_with_true_and_predicted(shown):
    images = random_images(9)
    cls_true = np.arange(9)
    cls_pred = np.array([0, 1, 2, 3, 4, 5, 6, 7, 1])
    helpers.plot_images(images, cls_true, cls_pred)

    fig = plt.gcf()
    assert shown == [fig]
    assert len(fig.axes) == 9
    assert grid_shape(fig.axes[0]) == (3, 3)
    for i, ax in enumerate(fig.axes):
        assert ax.get_xlabel() == f"True: {cls_true[i]}, Pred: {cls_pred[i]}"
        np.testing.assert_array_equal(ax.images[0].get_array(), images[i].reshape(28, 28))


def test_plot_images_without_predictions_shows_true_class_only():
    helpers.plot_images(random_images(9), np.arange(9))
    assert [ax.get_xlabel() for ax in plt.gcf().axes] == [f"True: {i}" for i in range(9)]


def test_plot_images_four_images_turns_the_other_axes_off():
    helpers.plot_images(random_images(4), np.array([3, 1, 4, 1]))
    axes = plt.gcf().axes
    assert len(axes) == 9
    assert [ax.get_xlabel() for ax in axes[:4]] == ["True: 3", "True: 1", "True: 4", "True: 1"]
    assert all(ax.axison and len(ax.images) == 1 for ax in axes[:4])
    assert all(not ax.axison and not ax.images for ax in axes[4:])


@pytest.mark.parametrize("n", [0, 10])
def test_plot_images_rejects_too_few_or_too_many_images(n):
    with pytest.raises(ValueError, match="1 to 9") as info:
        helpers.plot_images(random_images(n), np.zeros(n, dtype=int))
    assert f"got {n}" in str(info.value)
    assert not plt.get_fignums()  # nothing drawn


def test_plot_images_rejects_mismatched_true_classes():
    with pytest.raises(ValueError, match="one class per image"):
        helpers.plot_images(random_images(5), np.arange(4))


def test_plot_images_rejects_mismatched_predicted_classes():
    with pytest.raises(ValueError, match="one class per image"):
        helpers.plot_images(random_images(5), np.arange(5), np.arange(6))


def test_plot_example_errors_plots_the_first_nine_errors():
    images = random_images(20)
    cls_true = np.arange(20) % 10
    cls_pred = cls_true.copy()
    wrong = np.array([0, 2, 3, 5, 7, 8, 10, 11, 13, 15, 17, 19])  # 12 errors
    cls_pred[wrong] = (cls_true[wrong] + 1) % 10
    helpers.plot_example_errors(images, cls_true, cls_pred)

    axes = plt.gcf().axes
    first_nine = wrong[:9]
    expected = [f"True: {cls_true[i]}, Pred: {cls_pred[i]}" for i in first_nine]
    assert [ax.get_xlabel() for ax in axes] == expected
    for ax, i in zip(axes, first_nine):
        np.testing.assert_array_equal(ax.images[0].get_array(), images[i].reshape(28, 28))


def test_plot_example_errors_without_errors_says_so(capsys, shown):
    cls = np.arange(5)
    helpers.plot_example_errors(random_images(5), cls, cls.copy())
    assert "No misclassified images" in capsys.readouterr().out
    assert not plt.get_fignums()
    assert not shown


# ---------------------------------------------------------------------------------------------
# plot_confusion_matrix
# ---------------------------------------------------------------------------------------------


def test_plot_confusion_matrix_prints_and_draws_the_matrix(capsys):
    rng = np.random.default_rng(1)
    cls_true = rng.integers(0, 9, 200)  # class 9 never occurs, yet keeps its row and column
    cls_pred = np.where(rng.random(200) < 0.7, cls_true, rng.integers(0, 10, 200))
    expected = np.zeros((10, 10), dtype=int)
    np.add.at(expected, (cls_true, cls_pred), 1)

    helpers.plot_confusion_matrix(cls_true, cls_pred)

    printed = capsys.readouterr().out
    numbers = np.array(printed.replace("[", " ").replace("]", " ").split(), dtype=int)
    np.testing.assert_array_equal(numbers.reshape(10, 10), expected)
    sklearn_cm = confusion_matrix(cls_true, cls_pred, labels=list(range(10)))
    assert printed.strip() == str(sklearn_cm)
    ax = plt.gcf().axes[0]
    assert ax.get_xlabel() == "Predicted"
    assert ax.get_ylabel() == "True"
    np.testing.assert_array_equal(ax.images[0].get_array(), expected)


# ---------------------------------------------------------------------------------------------
# plot_conv_weights, plot_conv_layer and plot_image
# ---------------------------------------------------------------------------------------------


def test_plot_conv_weights_rejects_wrong_ndim():
    with pytest.raises(ValueError, match=r"\[height, width, in, out\]"):
        helpers.plot_conv_weights(np.zeros((5, 5, 16)))


@pytest.mark.parametrize("channel", [-1, 16])
def test_plot_conv_weights_rejects_out_of_range_input_channel(channel):
    with pytest.raises(ValueError, match=r"0\.\.15"):
        helpers.plot_conv_weights(np.zeros((5, 5, 16, 36)), input_channel=channel)


def test_plot_conv_weights_draws_one_filter_per_axes_with_symmetric_scale():
    w = np.random.default_rng(2).normal(0.0, 0.05, (5, 5, 16, 36)).astype(np.float32)
    w[0, 0, 3, 0] = -0.5  # the largest magnitude is negative and in another channel
    helpers.plot_conv_weights(w, input_channel=2)

    axes = plt.gcf().axes
    assert len(axes) == 36
    assert grid_shape(axes[0]) == (6, 6)
    for i, ax in enumerate(axes):
        (image,) = ax.images
        np.testing.assert_array_equal(image.get_array(), w[:, :, 2, i])
        assert image.get_clim() == pytest.approx((-0.5, 0.5))
        assert image.get_cmap().name == "seismic"


def test_plot_conv_weights_accepts_a_tf_variable():
    weights = helpers.new_weights([5, 5, 1, 16])
    helpers.plot_conv_weights(weights)
    axes = plt.gcf().axes
    assert len(axes) == 16
    assert grid_shape(axes[0]) == (4, 4)
    np.testing.assert_array_equal(axes[5].images[0].get_array(), weights.numpy()[:, :, 0, 5])


def test_plot_conv_layer_draws_each_channel():
    values = np.random.default_rng(3).random((1, 14, 14, 16), dtype=np.float32)
    helpers.plot_conv_layer(values)
    axes = plt.gcf().axes
    assert len(axes) == 16
    assert grid_shape(axes[0]) == (4, 4)
    for i, ax in enumerate(axes):
        np.testing.assert_array_equal(ax.images[0].get_array(), values[0, :, :, i])


@pytest.mark.parametrize("shape", [(2, 14, 14, 16), (14, 14, 16)])
def test_plot_conv_layer_rejects_anything_but_one_image(shape):
    with pytest.raises(ValueError, match=r"\[1, height, width, channels\]"):
        helpers.plot_conv_layer(np.zeros(shape))


def test_plot_image_draws_784_values_as_28x28(shown):
    image = random_images(1)[0]
    helpers.plot_image(image)
    np.testing.assert_array_equal(plt.gca().images[0].get_array(), image.reshape(28, 28))
    assert len(shown) == 1


def test_plot_image_rejects_wrong_pixel_count():
    with pytest.raises(ValueError, match="784 pixels"):
        helpers.plot_image(np.zeros(100))


# ---------------------------------------------------------------------------------------------
# plot_weights
# ---------------------------------------------------------------------------------------------


def test_plot_weights_draws_each_class_as_28x28_on_one_symmetric_scale(shown):
    w = np.random.default_rng(4).normal(0.0, 0.1, (784, 10)).astype(np.float32)
    w[300, 7] = -0.9  # the largest magnitude is negative and in one class only
    w[10, 2] = 0.6  # the largest positive weight is smaller
    helpers.plot_weights(w)

    fig = plt.gcf()
    assert shown == [fig]
    axes = fig.axes
    assert len(axes) == 16
    assert grid_shape(axes[0]) == (4, 4)
    for i, ax in enumerate(axes[:10]):
        (image,) = ax.images
        assert image.get_array().shape == (28, 28)
        np.testing.assert_array_equal(image.get_array(), w[:, i].reshape(28, 28))
        assert ax.get_xlabel() == f"Weights: {i}"
        assert image.get_clim() == pytest.approx((-0.9, 0.9))
        assert image.get_cmap().name == "seismic"
    assert all(not ax.axison and not ax.images for ax in axes[10:])


def test_plot_weights_accepts_a_tf_variable():
    weights = helpers.new_weights([784, 10])
    helpers.plot_weights(weights)
    values = weights.numpy()
    limit = np.abs(values).max()
    axes = [ax for ax in plt.gcf().axes if ax.images]
    assert [ax.get_xlabel() for ax in axes] == [f"Weights: {i}" for i in range(10)]
    for i, ax in enumerate(axes):
        np.testing.assert_array_equal(ax.images[0].get_array(), values[:, i].reshape(28, 28))
        assert ax.images[0].get_clim() == pytest.approx((-limit, limit))


@pytest.mark.parametrize("shape", [(10, 784), (784,), (100, 10)])
def test_plot_weights_rejects_wrong_shapes(shape, shown):
    with pytest.raises(ValueError, match=r"\[784, classes\]") as info:
        helpers.plot_weights(np.zeros(shape, dtype=np.float32))
    assert f"got {shape}" in str(info.value)
    assert not plt.get_fignums()
    assert not shown


# ---------------------------------------------------------------------------------------------
# conv_kernel and plot_conv_weights with layers
# ---------------------------------------------------------------------------------------------


def built_conv2d() -> keras.layers.Conv2D:
    layer = keras.layers.Conv2D(4, 5)
    layer.build((None, 28, 28, 1))
    return layer


def test_conv_kernel_of_a_conv_layer_is_its_weights():
    layer = helpers.ConvLayer(1, 5, 4)
    kernel = helpers.conv_kernel(layer)
    assert isinstance(kernel, np.ndarray)
    assert kernel.shape == (5, 5, 1, 4)
    np.testing.assert_array_equal(kernel, layer.kernel.numpy())


def test_conv_kernel_of_a_keras_conv2d_is_its_kernel():
    layer = built_conv2d()
    kernel = helpers.conv_kernel(layer)
    assert isinstance(kernel, np.ndarray)
    assert kernel.shape == (5, 5, 1, 4)
    np.testing.assert_array_equal(kernel, layer.get_weights()[0])  # weights are [kernel, bias]


def test_conv_kernel_of_an_array_is_the_array():
    w = np.random.default_rng(5).normal(size=(3, 3, 2, 8)).astype(np.float32)
    original = w.copy()
    kernel = helpers.conv_kernel(w)
    assert kernel.dtype == np.float32 and kernel.shape == (3, 3, 2, 8)
    np.testing.assert_array_equal(kernel, original)
    np.testing.assert_array_equal(w, original)


def test_conv_kernel_of_a_keras_layer_without_kernel_raises():
    layer = keras.layers.MaxPooling2D(name="pool")
    with pytest.raises(ValueError, match="Conv2D") as info:
        helpers.conv_kernel(layer)
    assert "'pool'" in str(info.value)


def test_plot_conv_weights_rejects_a_keras_dense_layer():
    layer = keras.layers.Dense(10)  # it has a kernel, but a 2-D one
    layer.build((None, 784))
    with pytest.raises(ValueError, match=r"\[height, width, in, out\]") as info:
        helpers.plot_conv_weights(layer)
    assert "(784, 10)" in str(info.value)


def test_plot_conv_weights_draws_the_filters_of_a_keras_conv2d():
    layer = built_conv2d()
    kernel = layer.get_weights()[0]
    helpers.plot_conv_weights(layer)
    axes = plt.gcf().axes
    assert len(axes) == 4
    assert grid_shape(axes[0]) == (2, 2)
    limit = np.abs(kernel).max()
    for i, ax in enumerate(axes):
        (image,) = ax.images
        np.testing.assert_array_equal(image.get_array(), kernel[:, :, 0, i])
        assert image.get_clim() == pytest.approx((-limit, limit))


def test_plot_conv_weights_draws_the_filters_of_a_conv_layer_for_one_input_channel():
    layer = helpers.ConvLayer(3, 5, 4)
    layer.kernel[1, 1, 0, 3].assign(-0.9)  # the largest magnitude is in another input channel
    kernel = layer.kernel.numpy()
    helpers.plot_conv_weights(layer, input_channel=2)
    axes = plt.gcf().axes
    assert len(axes) == 4
    for i, ax in enumerate(axes):
        np.testing.assert_array_equal(ax.images[0].get_array(), kernel[:, :, 2, i])
        assert ax.images[0].get_clim() == pytest.approx((-0.9, 0.9))


# ---------------------------------------------------------------------------------------------
# show_source
# ---------------------------------------------------------------------------------------------


def test_show_source_is_a_python_markdown_block_of_the_source():
    shown_source = helpers.show_source(helpers.new_biases)
    text = shown_source.data
    assert isinstance(text, str)
    assert text.startswith("```python\n")
    assert text.endswith("```")
    assert "def new_biases(length: int) -> tf.Variable:" in text
    assert 'return tf.Variable(tf.constant(0.05, shape=[length]), name="biases")' in text


def test_show_source_joins_several_objects_in_order():
    text = helpers.show_source(helpers.new_weights, helpers.ConvLayer).data
    assert text.startswith("```python\ndef new_weights(")
    assert text.index("def new_weights") < text.index("class ConvLayer(tf.Module):")
    assert text.count("```") == 2


@pytest.mark.parametrize("kind", ["ConvLayer", "Keras Conv2D"])
def test_plot_conv_layer_draws_the_output_of_either_kind_of_layer(kind):
    image = random_images(1).reshape(1, 28, 28, 1)
    if kind == "ConvLayer":
        layer = helpers.ConvLayer(1, 5, 4, use_pooling=True)
    else:
        layer = keras.layers.Conv2D(4, 5, padding="same", activation="relu")
    values = layer(image)
    helpers.plot_conv_layer(values)
    axes = plt.gcf().axes
    assert len(axes) == 4
    for i, ax in enumerate(axes):
        np.testing.assert_array_equal(ax.images[0].get_array(), np.asarray(values)[0, :, :, i])


# ---------------------------------------------------------------------------------------------
# plot_image_grid
# ---------------------------------------------------------------------------------------------


def test_plot_image_grid_draws_grey_levels_with_titles(shown):
    images = random_images(5)
    helpers.plot_image_grid(images, [f"image {i}" for i in range(5)])
    fig = plt.gcf()
    assert shown == [fig]
    assert grid_shape(fig.axes[0]) == (2, 3)  # as few rows as the images need
    drawn = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in drawn] == [f"image {i}" for i in range(5)]
    for ax, image in zip(drawn, images):
        np.testing.assert_array_equal(ax.images[0].get_array(), image.reshape(28, 28))
        assert ax.images[0].get_clim() == (0, 1)
        assert ax.images[0].get_cmap().name == "binary"
    assert not any(ax.axison for ax in fig.axes[5:])


def test_plot_image_grid_draws_one_image_large_enough_to_see():
    helpers.plot_image_grid(random_images(1), ["one"])
    assert plt.gcf().get_size_inches()[0] == pytest.approx(4.0)


def test_plot_image_grid_with_a_limit_draws_signed_values_on_that_scale():
    images = random_images(4).reshape(4, 28, 28) - 0.5
    helpers.plot_image_grid(images, list("abcd"), limit=0.35)
    for ax in plt.gcf().axes:
        assert ax.images[0].get_clim() == (-0.35, 0.35)
        assert ax.images[0].get_cmap().name == "seismic"


@pytest.mark.parametrize("shape", [(4, 783), (4, 27, 28), (784,)])
def test_plot_image_grid_rejects_images_that_are_not_28x28(shape, shown):
    with pytest.raises(ValueError, match=r"expects images \[n, 784\] or \[n, 28, 28\]"):
        helpers.plot_image_grid(np.zeros(shape), ["x"] * shape[0])
    assert shown == []


def test_plot_image_grid_rejects_a_title_count_that_differs(shown):
    with pytest.raises(ValueError, match="one title per image: 3 images, 2 titles"):
        helpers.plot_image_grid(random_images(3), ["a", "b"])
    assert shown == []
