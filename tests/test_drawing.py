"""Tests of drawing_pad: to_mnist_format (drawn digits prepared the way MNIST's digits were),
the pad's Python side and its browser-free stand-in."""

import numpy as np
import pytest

import drawing_pad


def canvas(size: int = 140) -> np.ndarray:
    return np.zeros((size, size), np.float32)


def stroke_one(size: int = 140, top: int = 10, left: int = 10, height: int = 60, width: int = 8):
    """A "1": a vertical bar of ink somewhere on the canvas."""
    image = canvas(size)
    image[top : top + height, left : left + width] = 1.0
    return image


def ring(size: int = 140, centre=(70, 70), radius: float = 40, thickness: float = 9):
    """A "0": a ring of ink."""
    y, x = np.mgrid[:size, :size] + 0.5
    distance = np.hypot(y - centre[0], x - centre[1])
    return (np.abs(distance - radius) <= thickness / 2).astype(np.float32)


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """In pixel numbers, as MNIST's digits have theirs at (14, 14)."""
    y, x = np.mgrid[: image.shape[0], : image.shape[1]]
    return float((image * y).sum() / image.sum()), float((image * x).sum() / image.sum())


def ink_box(image: np.ndarray) -> tuple[int, int]:
    rows, cols = np.flatnonzero(image.max(axis=1)), np.flatnonzero(image.max(axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


@pytest.mark.parametrize("drawing", [stroke_one(), ring(), ring(centre=(30, 100), radius=20)])
def test_the_digit_is_centred_by_its_mass_and_fits_the_20_pixel_box(drawing):
    result = drawing_pad.to_mnist_format(drawing)
    assert result.shape == (28, 28) and result.dtype == np.float32
    assert max(ink_box(result)) == 20
    # Whole-pixel placement: the centre of mass lies within half a pixel of MNIST's (14, 14).
    assert np.allclose(centre_of_mass(result), (14, 14), atol=0.5)
    assert 0 <= result.min() and result.max() <= 1


def test_a_shifted_digit_gives_the_same_image():
    assert np.array_equal(
        drawing_pad.to_mnist_format(stroke_one(top=5, left=5)),
        drawing_pad.to_mnist_format(stroke_one(top=70, left=120)),
    )


def test_a_scaled_digit_gives_nearly_the_same_image():
    small = ring(size=70, centre=(35, 35), radius=20, thickness=5)
    large = ring(size=280, centre=(140, 140), radius=80, thickness=20)
    a, b = drawing_pad.to_mnist_format(small), drawing_pad.to_mnist_format(large)
    assert ink_box(a) == ink_box(b) == (20, 20)
    assert np.corrcoef(a.ravel(), b.ravel())[0, 1] > 0.95


def test_the_aspect_ratio_is_kept():
    wide = canvas(200)
    wide[50:100, 20:120] = 1.0  # 50 tall, 100 wide
    assert ink_box(drawing_pad.to_mnist_format(wide)) == (10, 20)


def test_grey_levels_are_anti_aliased():
    # Scaled down, the ring's curved edges cover parts of pixels: those get grey levels.
    result = drawing_pad.to_mnist_format(ring())
    ink = result[result > 0]
    assert ((ink > 0.05) & (ink < 0.95)).mean() > 0.3


def test_mnist_digits_enlarged_come_back_as_they_were(mnist):
    # MNIST's digits are already in this format: drawn five times larger, they return unchanged
    # (which also pins the centring convention: centre of mass at pixel (14, 14)).
    for digit in mnist.test.images[:20].reshape(-1, 28, 28):
        enlarged = np.kron(digit, np.ones((5, 5), np.float32))
        np.testing.assert_allclose(drawing_pad.to_mnist_format(enlarged), digit, atol=1e-6)


def test_an_empty_drawing_gives_an_empty_image():
    assert not drawing_pad.to_mnist_format(canvas()).any()


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.zeros((3, 28, 28)), "one 2-D grey image"),
        (np.zeros((0, 28)), "one 2-D grey image"),
        (np.full((28, 28), 255.0), "Divide 8-bit images by 255"),
        (np.full((28, 28), np.nan), "grey levels from 0"),
        (np.full((28, 28), -0.5), "grey levels from 0"),
    ],
    ids=["3-d", "empty-shape", "8-bit", "nan", "negative"],
)
def test_bad_input_is_refused_with_what_to_do(bad, message):
    with pytest.raises(ValueError, match=message):
        drawing_pad.to_mnist_format(bad)


# ---------------------------------------------------------------------------------------------
# drawing_pad: the pad's Python side and its browser-free stand-in
# ---------------------------------------------------------------------------------------------


def test_the_pad_passes_each_drawing_and_none_after_clear_to_its_callback():
    pad = drawing_pad.DrawingPad()
    received = []
    pad.on_drawing(received.append)
    pixels = np.zeros(pad.size**2, int)
    pixels[: pad.size] = 255  # the top row inked
    pad.pixels = pixels.tolist()
    pad.pixels = []  # what "Clear" sends
    assert received[0].shape == (pad.size, pad.size) and received[0][0].min() == 1.0
    assert received[0][1:].max() == 0 and received[1] is None


def test_the_pad_refuses_a_drawing_of_the_wrong_size():
    pad = drawing_pad.DrawingPad()
    pad.pixels = [0, 255, 0]
    with pytest.raises(ValueError, match=f"expected {pad.size**2} pixels"):
        pad.drawing()


def test_render_strokes_draws_where_the_points_are():
    # A horizontal stroke across the middle of the 280-pixel pad, sent at 140 x 140.
    drawing = drawing_pad.render_strokes([[(40, 140), (240, 140)]])
    rows, cols = np.flatnonzero(drawing.max(axis=1)), np.flatnonzero(drawing.max(axis=0))
    assert drawing.shape == (140, 140) and drawing.max() == 1.0
    assert 60 <= rows[0] and rows[-1] <= 80  # 18 pixels wide on the pad: 9 here, around row 70
    assert cols[0] <= 16 and cols[-1] >= 124  # from x = 40 - 9 to 240 + 9 on the pad, halved
    with pytest.raises(ValueError, match="at least one stroke"):
        drawing_pad.render_strokes([])
