"""Tests of the plotting helpers: their input checks and what they draw (Agg backend)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before helpers imports pyplot

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

import helpers


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
