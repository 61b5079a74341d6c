"""Checked exercises of #02-B, Draw a Digit: a drawing prepared the way MNIST's digits were
(grey levels from a photo, the crop to the ink, the 20×20 box, the centre of mass, the digit placed
in 28×28 by it) and the network's ten probabilities for it; and four questions."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from .checking import array, checked_array, close, fixed_images, result_of
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#02-B Draw a Digit"


def _ink_box(image: np.ndarray, threshold: float = 0.0) -> tuple[slice, slice]:
    """The rows and columns of the smallest rectangle holding the pixels above `threshold`."""
    rows = np.flatnonzero((image > threshold).any(axis=1))
    cols = np.flatnonzero((image > threshold).any(axis=0))
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def _centre(image: np.ndarray) -> np.ndarray:
    """The centre of mass (row, column) of a grey image, in float64."""
    image = np.asarray(image, np.float64)
    mass = image.sum()
    return np.array(
        [
            image.sum(axis=1) @ np.arange(image.shape[0]) / mass,
            image.sum(axis=0) @ np.arange(image.shape[1]) / mass,
        ]
    )


def _strokes(height: int, width: int, lines: list[tuple[int, int, int, int]]) -> np.ndarray:
    """Straight strokes two pixels wide, ink 1 on 0, each line (row0, col0, row1, col1)."""
    image = np.zeros((height, width), np.float32)
    for r0, c0, r1, c1 in lines:
        for t in np.linspace(0, 1, 4 * max(height, width)):
            r, c = round(r0 + t * (r1 - r0)), round(c0 + t * (c1 - c0))
            image[max(0, r - 1) : r + 1, max(0, c - 1) : c + 1] = 1
    return image


# ---------------------------------------------------------------------------------------------
# grey_levels(photo): a photo of a digit on paper (dark ink on light paper, 0-255) as the pad's
# grey levels (ink 1, background 0)


def grey_levels(photo):
    return 1 - photo / 255


GREY_LEVELS = Text("your grey levels", "你的灰度值")
SAME_SHAPE = Text(
    "the exercise asks for one grey level per pixel of the photo, in the photo's shape",
    "题目要求照片的每个像素一个灰度值，形状与照片相同",
)
NOT_INVERTED = Text(
    "the paper came out light and the ink dark: the network expects white ink (1) on black (0), "
    "as the pad draws. Invert the grey levels: 1 minus each one.",
    "纸张变成了浅色，墨迹变成了深色：网络要求黑底（0）白字（1），就像手写板画出的那样。"
    "把灰度值反过来：用 1 减去每一个。",
)
NOT_SCALED = Text(
    "some values are above 1: the photo's 8-bit values run from 0 to 255, the network's grey "
    "levels from 0 to 1. Divide by 255.",
    "有的值大于 1：照片的 8 位数值从 0 到 255，网络要求的灰度值从 0 到 1。要除以 255。",
)
NEGATIVE_LEVELS = Text(
    "some values are negative: scale the photo to [0, 1] (divide by 255) before subtracting it "
    "from 1.",
    "有的值是负数：先把照片缩放到 [0, 1]（除以 255），再用 1 减去它。",
)
ONLY_BLACK_AND_WHITE = Text(
    "only 0s and 1s are left: the grey edges of the strokes are lost, as integer division (//) "
    "or rounding loses them. Divide with /.",
    "只剩下 0 和 1：笔画的灰色边缘丢失了，整数除法（//）或取整就会这样。要用 / 做除法。",
)
NOT_THE_GREY_LEVELS = Text(
    "white ink on black, within [0, 1], but not each pixel's own grey level: each one is 1 minus "
    "the photo's value divided by 255.",
    "是黑底白字，也在 [0, 1] 之内，但不是每个像素自己的灰度值：每一个应为 1 减去照片的值除以 255。",
)


def _photo() -> np.ndarray:
    """A photo of a 1 on paper: paper 255, ink from 20 to 80, grey edges, uint8."""
    rng = np.random.default_rng(21)
    photo = np.full((12, 10), 255, np.uint8)
    photo[2:10, 4:6] = rng.integers(20, 80, size=(8, 2))
    photo[2:10, 3] = photo[2:10, 6] = 170  # The grey edges of the stroke.
    photo[2, 2] = 120
    return photo


def check_grey_levels(answer: object) -> None:
    photo = _photo()
    got = checked_array(result_of(answer, photo.copy()), GREY_LEVELS, photo.shape, SAME_SHAPE)
    want = grey_levels(photo)
    if got.min() < -1e-6:
        raise Wrong(NEGATIVE_LEVELS)
    if got.max() > 1 + 1e-6:
        raise Wrong(NOT_SCALED)
    paper = photo == 255
    if got[paper].mean() > got[~paper].mean():
        raise Wrong(NOT_INVERTED)
    if np.all(np.isin(got, [0.0, 1.0])):
        raise Wrong(ONLY_BLACK_AND_WHITE)
    if not close(got, want):
        raise Wrong(NOT_THE_GREY_LEVELS)


GREY_LEVELS_EXERCISE = Exercise(
    name="grey_levels",
    check=check_grey_levels,
    reference=grey_levels,
    hints=[
        Text(
            "Two steps: scale the 8-bit values 0 to 255 to 0 to 1, then swap dark and light, "
            "so that the paper becomes 0 and the ink 1.",
            "两步：先把 0 到 255 的 8 位数值缩放到 0 到 1，再把深浅对调，使纸张变成 0、墨迹变成 1。",
        ),
        Text(
            "photo / 255 is in [0, 1] (as floats); for a grey level g in [0, 1], its opposite is "
            "1 - g.",
            "photo / 255 的值在 [0, 1] 之内（是浮点数）；对 [0, 1] 中的灰度值 g，它的反面是 1 - g。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# crop_to_ink(drawing): the smallest rectangle that holds all the ink


def crop_to_ink(drawing):
    rows = np.flatnonzero(drawing.max(axis=1) > 0)
    cols = np.flatnonzero(drawing.max(axis=0) > 0)
    return drawing[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


CROP = Text("your crop", "你裁剪出的图像")
WRONG_SHAPE_OF_CROP = Text(
    "your crop has shape {got}: the exercise asks for a 2-D part of the drawing (rows, columns).",
    "你裁剪出的图像形状是 {got}：题目要求返回手绘图像的一个二维部分（行，列）。",
)

CROP_SWAPPED = Text(
    "rows and columns are swapped: axis 0 of an array is the rows (y, down the image), axis 1 "
    "the columns (x, across).",
    "行和列弄反了：数组的 axis 0 是行（y，沿图像向下），axis 1 是列（x，横向）。",
)
GREY_EDGES_CUT = Text(
    "the faint grey edges of the strokes are cut off: every pixel above 0 is ink, however light.",
    "笔画浅灰色的边缘被裁掉了：每个大于 0 的像素都是墨迹，不论多浅。",
)
LAST_ROW_CUT = Text(
    "the last row or column of ink is missing: a slice a:b stops before b, so end it one past "
    "the last index with ink.",
    "最后一行或一列墨迹不见了：切片 a:b 在 b 之前停止，所以终点要比最后一个有墨迹的下标大 1。",
)
NOT_THE_INK_BOX = Text(
    "not the smallest rectangle that holds all the ink: find the first and last rows, and the "
    "first and last columns, that contain a pixel above 0.",
    "不是包含全部墨迹的最小矩形：找出含有大于 0 的像素的第一行和最后一行，以及第一列和最后一列。",
)


def _drawing() -> np.ndarray:
    """A 7 on a 140x140 pad, away from the centre, with grey edges one pixel wide."""
    ink = np.zeros((140, 140), bool)
    ink[30:38, 50:100] = True  # The bar.
    ink[38:100, 88:96] = True  # The stem.
    edge = np.zeros_like(ink)
    edge[1:] |= ink[:-1]
    edge[:-1] |= ink[1:]
    edge[:, 1:] |= ink[:, :-1]
    edge[:, :-1] |= ink[:, 1:]
    drawing = np.where(edge & ~ink, 0.25, 0.0).astype(np.float32)
    drawing[ink] = np.linspace(0.6, 1.0, ink.sum(), dtype=np.float32)
    return drawing


def check_crop_to_ink(answer: object) -> None:
    drawing = _drawing()
    got = array(result_of(answer, drawing.copy()), CROP)
    if got.ndim != 2:
        raise Wrong(WRONG_SHAPE_OF_CROP, got=tuple(got.shape))
    want = crop_to_ink(drawing)
    if close(got, want):
        return
    if got.shape == want.shape[::-1]:
        raise Wrong(CROP_SWAPPED)
    inner_rows, inner_cols = _ink_box(drawing, threshold=0.5)
    if got.shape == drawing[inner_rows, inner_cols].shape:
        raise Wrong(GREY_EDGES_CUT)
    short = np.subtract(want.shape, got.shape)
    if got.shape != want.shape and set(short.tolist()) <= {0, 1}:
        raise Wrong(LAST_ROW_CUT)
    raise Wrong(NOT_THE_INK_BOX)


CROP_TO_INK = Exercise(
    name="crop_to_ink",
    check=check_crop_to_ink,
    reference=crop_to_ink,
    hints=[
        Text(
            "A row holds ink if its largest pixel is above 0: drawing.max(axis=1) > 0 gives one "
            "True or False per row; axis=0 does the same for the columns.",
            "如果一行中最大的像素大于 0，这一行就有墨迹：drawing.max(axis=1) > 0 为每一行给出一个 "
            "True 或 False；axis=0 对各列做同样的事。",
        ),
        Text(
            "np.flatnonzero(...) gives the indices of the True values; the first and the last "
            "of them bound the ink.",
            "np.flatnonzero(...) 给出为 True 的那些下标；其中第一个和最后一个就是墨迹的边界。",
        ),
        Text(
            "drawing[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]: the + 1 because a slice "
            "does not include its end.",
            "drawing[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]：要加 1，因为切片不包含终点。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# fit_into_box(digit): scaled into the 20×20 box, keeping the proportions, each new pixel the mean
# of the pixels it covers


def fit_into_box(digit):
    height, width = digit.shape
    scale = 20 / max(height, width)
    size = [max(1, round(height * scale)), max(1, round(width * scale))]
    small = tf.image.resize(digit[:, :, np.newaxis], size, method="area")
    return small[:, :, 0].numpy()


SCALED = Text("your scaled digit", "你缩放后的数字")
SQUARE = Text(
    "your digit fills the whole 20×20 box: its proportions are lost. Scale both sides by the "
    "same factor, the one that makes the longer side 20.",
    "你的数字填满了整个 20×20 的方框：长宽比例丢失了。两条边要按同一个因子缩放，这个因子使较长的边变成 20。",
)
SIZE_SWAPPED = Text(
    "height and width are swapped: a NumPy image's shape is (rows, columns), and "
    "tf.image.resize takes [height, width] (PIL's resize, though, takes (width, height)).",
    "高和宽弄反了：NumPy 图像的形状是（行，列），tf.image.resize 接受 [height, width]"
    "（而 PIL 的 resize 接受的是 (width, height)）。",
)
TOO_LARGE = Text(
    "your digit does not fit into the 20×20 box: scale by the longer side, whichever it is, so "
    "that it becomes 20 and the other side at most 20.",
    "你的数字放不进 20×20 的方框：要按较长的那条边缩放（不论是哪一条），使它变成 20，另一条边不超过 20。",
)
ROUNDED_DOWN = Text(
    "one side is a pixel short: round the scaled side to the nearest whole pixel (round), "
    "instead of cutting off its fraction (int).",
    "有一条边少了一个像素：把缩放后的边长四舍五入到最近的整数像素（round），而不是直接舍去小数部分（int）。",
)
WRONG_BOX_SIZE = Text(
    "your digit has shape {got}, which is not the digit scaled into the 20×20 box with its "
    "proportions kept.",
    "你的数字形状是 {got}，这不是在保持长宽比例的前提下缩放进 20×20 方框的数字。",
)
NO_GREY_EDGES = Text(
    "every pixel is 0 or 1, as in the drawing: no grey edges. Each new pixel should be the mean "
    'of the pixels it covers: tf.image.resize with method="area".',
    "每个像素都是 0 或 1，和原图一样：没有灰色的边缘。每个新像素应是它所覆盖的那些像素的平均值："
    'tf.image.resize 用 method="area"。',
)
OUT_OF_RANGE = Text(
    'some values lie outside [0, 1]: an interpolation that overshoots (such as "bicubic") or a '
    'scale of 0 to 255. Average the pixels each new pixel covers: method="area".',
    '有的值落在 [0, 1] 之外：插值越界了（比如 "bicubic"），或者用了 0 到 255 的尺度。'
    '取每个新像素所覆盖的像素的平均值：method="area"。',
)
SAMPLED = Text(
    "the new pixels were sampled from the digit, not averaged: a mesh of lines one pixel apart "
    "came out uneven, where averaging gives an even grey. Each new pixel should be the mean of "
    'the pixels it covers (method="area").',
    "新像素是从数字中抽样得到的，而不是取平均：间隔一个像素的网格线缩放后深浅不匀，而取平均会得到均匀的灰色。"
    '每个新像素应是它所覆盖的那些像素的平均值（method="area"）。',
)


def _digits_to_fit() -> list[np.ndarray]:
    """Three cropped digits: a tall 7 and a wide shape of thin strokes (one side of each rounds
    up), then a mesh of lines one pixel apart, which sampling turns uneven and averaging grey."""
    tall = _strokes(53, 31, [(0, 0, 0, 30), (0, 30, 52, 8)])
    wide = _strokes(29, 60, [(0, 0, 28, 59), (28, 0, 0, 59), (14, 0, 14, 59)])
    mesh = np.zeros((45, 31), np.float32)
    mesh[:, ::2] = mesh[::2, :] = 1
    return [tall, wide, mesh]


def check_fit_into_box(answer: object) -> None:
    for digit in _digits_to_fit():
        got = array(result_of(answer, digit.copy()), SCALED)
        want_shape = fit_into_box(digit).shape
        if got.shape != want_shape:
            if got.ndim != 2:
                raise Wrong(WRONG_BOX_SIZE, got=tuple(got.shape))
            if got.shape == (20, 20):
                raise Wrong(SQUARE)
            if got.shape == want_shape[::-1]:
                raise Wrong(SIZE_SWAPPED)
            if max(got.shape) > 20:
                raise Wrong(TOO_LARGE)
            if max(got.shape) == 20 and sorted(np.subtract(want_shape, got.shape)) == [0, 1]:
                raise Wrong(ROUNDED_DOWN)
            raise Wrong(WRONG_BOX_SIZE, got=tuple(got.shape))
        if not np.all(np.isfinite(got)) or got.min() < -1e-6 or got.max() > 1 + 1e-6:
            raise Wrong(OUT_OF_RANGE)
        if np.all(np.isin(got, [0.0, 1.0])):
            raise Wrong(NO_GREY_EDGES)
    # The last digit, the mesh, averaged: an even grey, its mean the mesh's (0.1 and 0.05 leave room for PIL's
    # BOX and for antialiased resizing, below the 0.15 of sampling methods).
    inside = got[1:-1, 1:-1]
    if inside.std() > 0.1 or abs(got.mean() - digit.mean()) > 0.05:
        raise Wrong(SAMPLED)


FIT_INTO_BOX = Exercise(
    name="fit_into_box",
    check=check_fit_into_box,
    reference=fit_into_box,
    hints=[
        Text(
            "One factor for both sides: 20 divided by the longer side. The other side becomes "
            "its length times that factor, rounded to whole pixels.",
            "两条边用同一个因子：20 除以较长的边。另一条边变成它的长度乘以这个因子，再四舍五入到整数像素。",
        ),
        Text(
            "digit.shape is (height, width). tf.image.resize takes images with a channel axis: "
            "digit[:, :, np.newaxis], and the new size as [height, width].",
            "digit.shape 是 (height, width)。tf.image.resize 要求图像带有通道轴：digit[:, :, np.newaxis]，"
            "新的大小写成 [height, width]。",
        ),
        Text(
            'tf.image.resize(digit[:, :, np.newaxis], [height, width], method="area") averages '
            "the pixels each new pixel covers; [:, :, 0] drops the channel axis again.",
            'tf.image.resize(digit[:, :, np.newaxis], [height, width], method="area") '
            "对每个新像素所覆盖的像素取平均；[:, :, 0] 再去掉通道轴。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# centre_of_mass(image): (row, column), each pixel's position weighted by its grey level


def centre_of_mass(image):
    mass = image.sum()
    row = (image.sum(axis=1) * np.arange(image.shape[0])).sum() / mass
    column = (image.sum(axis=0) * np.arange(image.shape[1])).sum() / mass
    return row, column


CENTRE = Text("your centre of mass", "你的质心")
TWO_NUMBERS = Text(
    "the exercise asks for two numbers, (row, column)",
    "题目要求两个数：（行，列）",
)
CENTRE_SWAPPED = Text(
    "your two numbers are in the wrong order: first the row (axis 0, down), then the column "
    "(axis 1, across).",
    "你的两个数顺序反了：先是行（axis 0，向下），再是列（axis 1，横向）。",
)
COUNTED_FROM_ONE = Text(
    "both numbers are one too large: positions are counted from 0, the first row and the first "
    "column are 0 (np.arange).",
    "两个数都大了 1：位置从 0 开始计数，第一行和第一列都是 0（np.arange）。",
)
OUTSIDE = Text(
    "your centre lies outside the image: divide the weighted sum of the positions by the total "
    "mass, the sum of all grey levels.",
    "你的质心落在图像之外：要把位置的加权和除以总质量，即所有灰度值之和。",
)
BOX_MIDDLE = Text(
    "that is the middle of the ink's bounding box, not its centre of mass: weight each position "
    "by its pixel's grey level.",
    "这是墨迹边界框的中心，而不是它的质心：要用每个像素的灰度值给它的位置加权。",
)
UNWEIGHTED = Text(
    "every pixel with ink counts the same: weight each position by its pixel's grey level, so "
    "that dark pixels count more than faint ones.",
    "每个有墨迹的像素都算得一样重：要用每个像素的灰度值给它的位置加权，让深的像素比浅的像素更重。",
)
NOT_THE_CENTRE = Text(
    "not the centre of mass: the row is sum(i * p_ij) / sum(p_ij) over all pixels, the column "
    "sum(j * p_ij) / sum(p_ij).",
    "不是质心：行是对所有像素求 sum(i * p_ij) / sum(p_ij)，列是 sum(j * p_ij) / sum(p_ij)。",
)


def _weighted_digit() -> np.ndarray:
    """A 17x11 digit, dark at the top and the right, faint elsewhere, with empty pixels."""
    rng = np.random.default_rng(23)
    rows, cols = np.mgrid[0:17, 0:11]
    image = rng.random((17, 11)) * (1.0 - rows / 20) * (0.3 + cols / 12)
    image[rng.random((17, 11)) < 0.4] = 0.0
    image[:, 0] = np.where(np.arange(17) % 3 == 0, 0.05, 0.0)  # faint ink at the left edge
    image[16, 2] = 0.05  # and at the bottom
    return image.astype(np.float32)


def check_centre_of_mass(answer: object) -> None:
    image = _weighted_digit()
    result = result_of(answer, image.copy())
    if isinstance(result, (tuple, list)) and len(result) == 2:
        result = [array(value, CENTRE) for value in result]
    got = checked_array(result, CENTRE, (2,), TWO_NUMBERS)
    want = _centre(image)
    if close(got, want):
        return
    if close(got, want[::-1]):
        raise Wrong(CENTRE_SWAPPED)
    if close(got, want + 1):
        raise Wrong(COUNTED_FROM_ONE)
    if not (0 <= got[0] <= image.shape[0] - 1 and 0 <= got[1] <= image.shape[1] - 1):
        raise Wrong(OUTSIDE)
    rows, cols = _ink_box(image)
    middle = np.array([(rows.start + rows.stop - 1) / 2, (cols.start + cols.stop - 1) / 2])
    if close(got, middle) or close(got, np.array(image.shape) / 2):
        raise Wrong(BOX_MIDDLE)
    if close(got, np.argwhere(image > 0).mean(axis=0)):
        raise Wrong(UNWEIGHTED)
    raise Wrong(NOT_THE_CENTRE)


CENTRE_OF_MASS = Exercise(
    name="centre_of_mass",
    check=check_centre_of_mass,
    reference=centre_of_mass,
    hints=[
        Text(
            "The lesson's formula: the row is the sum of i * p_ij over all pixels, divided by "
            "the sum of all p_ij (the mass); the column the same with j.",
            "本课的公式：行等于对所有像素求 i * p_ij 之和，再除以所有 p_ij 之和（质量）；列同理，把 i 换成 j。",
        ),
        Text(
            "image.sum(axis=1) gives the ink of each row; multiplied by the row numbers "
            "np.arange(image.shape[0]) and summed, it is the sum of i * p_ij.",
            "image.sum(axis=1) 给出每一行的墨迹；乘以行号 np.arange(image.shape[0]) 再求和，就是 i * p_ij 之和。",
        ),
        Text(
            "row = (image.sum(axis=1) * np.arange(image.shape[0])).sum() / image.sum(); the "
            "column with axis=0 and image.shape[1]; return row, column.",
            "row = (image.sum(axis=1) * np.arange(image.shape[0])).sum() / image.sum()；"
            "列用 axis=0 和 image.shape[1]；返回 row, column。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# place_at_centre(small): the scaled digit in a 28×28 image, its centre of mass at pixel (14, 14)


def place_at_centre(small):
    height, width = small.shape
    mass = small.sum()
    row = (small.sum(axis=1) * np.arange(height)).sum() / mass
    column = (small.sum(axis=0) * np.arange(width)).sum() / mass
    top, left = round(14 - row), round(14 - column)
    image = np.zeros((28, 28), np.float32)
    image[top : top + height, left : left + width] = small
    return image


PLACED = Text("your image", "你的图像")
MNIST_SIZE = Text("the exercise asks for a 28×28 image", "题目要求一幅 28×28 的图像")
BOX_CENTRED = Text(
    "the digit is centred by the middle of its box: MNIST's digits are centred by their centre "
    "of mass, which lies elsewhere when one part of the digit has more ink.",
    "数字是按它的方框中心居中的：MNIST 的数字是按质心居中的，当数字的某一部分墨迹更多时，质心就不在方框中心。",
)
PLACE_SWAPPED = Text(
    "rows and columns are swapped: the row of the centre of mass gives the top of the digit, "
    "its column the left edge.",
    "行和列弄反了：质心所在的行决定数字的上边，质心所在的列决定数字的左边。",
)
TRANSPOSED = Text(
    "the digit is transposed (its rows became columns): copy it as it is, "
    "image[top : top + height, left : left + width] = small.",
    "数字被转置了（它的行变成了列）：要原样复制，image[top : top + height, left : left + width] = small。",
)
PART_MISSING = Text(
    "part of the digit is missing from the 28×28 image: copy all of it.",
    "28×28 的图像中缺了数字的一部分：要把它完整地复制过去。",
)
VALUES_CHANGED = Text(
    "the digit's grey levels changed: copy its pixels into the 28×28 image unchanged.",
    "数字的灰度值变了：要把它的像素原样复制到 28×28 的图像中。",
)
NOT_AT_CENTRE = Text(
    "the digit's centre of mass is not at pixel (14, 14): move the digit so that its centre "
    "lands there, rounded to whole pixels, top = round(14 - row), left = round(14 - column).",
    "数字的质心不在像素 (14, 14)：移动数字，使它的质心落在那里（四舍五入到整数像素），"
    "top = round(14 - row)，left = round(14 - column)。",
)


def _small_digit() -> np.ndarray:
    """A 20x12 scaled 7: a heavy bar on top, a lighter stem on the right, grey edges."""
    small = np.zeros((20, 12), np.float32)
    small[0:5, :] = 1.0
    small[5:20, 8:11] = 0.8
    small[5:20, 7] = small[5:20, 11] = 0.3
    small[19, 6] = 0.1
    return small


def check_place_at_centre(answer: object) -> None:
    small = _small_digit()
    height, width = small.shape
    got = checked_array(result_of(answer, small.copy()), PLACED, (28, 28), MNIST_SIZE)
    if not np.any(got > 0):
        raise Wrong(PART_MISSING)
    rows, cols = _ink_box(got)
    placed = got[rows, cols]
    if placed.shape == small.T.shape and close(placed, small.T.astype(np.float64)):
        raise Wrong(TRANSPOSED)
    if placed.shape != small.shape:
        raise Wrong(PART_MISSING if got.sum() < small.sum() - 1e-3 else VALUES_CHANGED)
    if not close(placed, small.astype(np.float64)):
        raise Wrong(VALUES_CHANGED)
    row, column = _centre(small)
    top, left = rows.start, cols.start
    if abs(top + row - 14) <= 0.5 + 1e-6 and abs(left + column - 14) <= 0.5 + 1e-6:
        return
    middles = {
        ((28 - height) // 2, (28 - width) // 2),
        (round((28 - height) / 2), round((28 - width) / 2)),
    }
    if (top, left) in middles:
        raise Wrong(BOX_CENTRED)
    if (top, left) == (round(14 - column), round(14 - row)):
        raise Wrong(PLACE_SWAPPED)
    raise Wrong(NOT_AT_CENTRE)


PLACE_AT_CENTRE = Exercise(
    name="place_at_centre",
    check=check_place_at_centre,
    reference=place_at_centre,
    hints=[
        Text(
            "Compute the digit's centre of mass (row, column) as in the exercise before; the "
            "digit must move so that this point lands on pixel (14, 14) of the 28×28 image.",
            "像上一题那样算出数字的质心（行，列）；要移动数字，使这个点落在 28×28 图像的像素 (14, 14) 上。",
        ),
        Text(
            "If the digit's top-left corner goes to (top, left), its centre lands on "
            "(top + row, left + column): so top = round(14 - row), left = round(14 - column).",
            "如果数字的左上角放在 (top, left)，它的质心就落在 (top + row, left + column)："
            "所以 top = round(14 - row)，left = round(14 - column)。",
        ),
        Text(
            "image = np.zeros((28, 28), np.float32), then image[top : top + height, left : "
            "left + width] = small.",
            "image = np.zeros((28, 28), np.float32)，然后 image[top : top + height, left : "
            "left + width] = small。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# digit_probabilities(model, image): the network's ten probabilities for one prepared 28×28 image


def digit_probabilities(model, image):
    logits = model(image.reshape(1, 784))
    return tf.nn.softmax(logits)[0].numpy()


PROBABILITIES = Text("your probabilities", "你的概率")
TEN = Text(
    "the exercise asks for the ten probabilities of the one image",
    "题目要求这一幅图像的十个概率",
)
NOT_A_BATCH = Text(
    "the network was called with an input of shape {got}: it takes a batch of flat images, "
    "shape (number of images, 784). Reshape the one image to (1, 784).",
    "调用网络时输入的形状是 {got}：网络接受的是一批展平的图像，形状为（图像数，784）。"
    "把这一幅图像 reshape 成 (1, 784)。",
)
ONE_CLASS = Text(
    "one number instead of ten probabilities: argmax gives the predicted class, the exercise "
    "asks for the probability of every class.",
    "得到的是一个数，而不是十个概率：argmax 给出的是预测的类别，题目要求的是每个类别的概率。",
)
BATCH_KEPT = Text(
    "shape (1, 10): the probabilities of a batch of one image. Return that image's row of ten "
    "([0]).",
    "形状是 (1, 10)：这是一批（只有一幅图像）的概率。要返回这幅图像那一行的十个值（[0]）。",
)
SOFTMAX_OVER_BATCH = Text(
    "every probability is 1: softmax was taken over the batch (axis 0), which holds one image. "
    "Take it over the ten classes (the last axis, tf.nn.softmax's default).",
    "每个概率都是 1：softmax 是在批次上（axis 0）计算的，而批次里只有一幅图像。"
    "要在十个类别上计算（最后一个轴，tf.nn.softmax 的默认值）。",
)
NOT_PROBABILITIES = Text(
    "these are not probabilities, they do not sum to 1: the network gives logits; apply softmax "
    "to them.",
    "这些不是概率，它们的和不为 1：网络给出的是 logits；要对它们做 softmax。",
)
OTHER_IMAGE = Text(
    "probabilities, but not the network's for this image: flatten the image row by row "
    "(reshape), without transposing or changing its values, and take the softmax of the logits.",
    "是概率，但不是网络对这幅图像给出的概率：要按行展平图像（reshape），不要转置或改变它的值，"
    "再对 logits 做 softmax。",
)


class _Network:
    """A small fixed network with the lesson's interface: a batch of flat images [n, 784] in,
    logits [n, 10] out; an input of another shape is refused with what is wrong."""

    def __init__(self) -> None:
        rng = np.random.default_rng(29)
        self.weights = tf.constant(rng.normal(scale=0.1, size=(784, 10)).astype(np.float32))
        self.biases = tf.constant(rng.normal(scale=0.5, size=10).astype(np.float32))

    def __call__(self, images: object) -> tf.Tensor:
        images = tf.cast(tf.convert_to_tensor(images), tf.float32)
        if images.shape.rank != 2 or images.shape[1] != 784:
            raise Wrong(NOT_A_BATCH, got=tuple(images.shape))
        return images @ self.weights + self.biases


def check_probabilities(answer: object) -> None:
    model = _Network()
    image = fixed_images(1, seed=31, shape=(28, 28))[0]
    image[:, :4] = image[:, 24:] = 0  # Asymmetric, so that a transposed image gives others.
    image[20:] *= 0.2
    got = array(result_of(answer, model, image.copy()), PROBABILITIES)
    if got.shape in [(), (1,)]:
        raise Wrong(ONE_CLASS)
    if got.shape == (1, 10):
        if close(got, np.ones((1, 10))):
            raise Wrong(SOFTMAX_OVER_BATCH)
        raise Wrong(BATCH_KEPT)
    got = checked_array(got, PROBABILITIES, (10,), TEN)
    if np.any(got < 0) or not close(got.sum(), np.float64(1.0)):
        raise Wrong(NOT_PROBABILITIES)
    if not close(got, digit_probabilities(model, image)):
        raise Wrong(OTHER_IMAGE)


PROBABILITIES_EXERCISE = Exercise(
    name="digit_probabilities",
    check=check_probabilities,
    reference=digit_probabilities,
    hints=[
        Text(
            "The network takes a batch of flat images and gives logits; softmax turns the logits "
            "into probabilities, as in the lesson's show_what_the_network_sees.",
            "网络接受一批展平的图像，给出 logits；softmax 把 logits 变成概率，就像本课的 "
            "show_what_the_network_sees 那样。",
        ),
        Text(
            "image.reshape(1, 784) is a batch of one flat image; model(...) then gives logits "
            "of shape (1, 10).",
            "image.reshape(1, 784) 是只含一幅展平图像的一批；model(...) 于是给出形状为 (1, 10) 的 logits。",
        ),
        Text(
            "tf.nn.softmax(logits)[0].numpy(): softmax over the classes, then the first (and "
            "only) image's row.",
            "tf.nn.softmax(logits)[0].numpy()：在各类别上做 softmax，再取第一幅（也是唯一一幅）图像的那一行。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Questions

CORNER = Question(
    name="q_corner",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "Compare the two images the lesson shows the network: where is the 7, and how large "
            "is it, in each? Where were MNIST's digits, on which it was trained?",
            "比较本课给网络看的两幅图像：在每一幅中，7 在哪里，有多大？网络训练所用的 MNIST 数字又在哪里？",
        )
    ],
    explanation=Text(
        "All of MNIST's digits fill a 20×20 box and have their centre of mass at the centre of "
        "the 28×28 image: a small 7 in a corner is unlike every image the network learnt from, "
        "so its answer there means little. The network is not told to look anywhere: it simply "
        "never saw ink in that place.",
        "MNIST 的所有数字都填满一个 20×20 的方框，质心都在 28×28 图像的中心：角落里的一个小小的 7 "
        "与网络学习过的每一幅图像都不同，所以网络在那里给出的答案没有多大意义。网络并没有被规定只看某处："
        "它只是从未在那个位置见过墨迹。",
    ),
)

BOX_WIDTH = Question(
    name="q_box_width",
    check=number(
        6,
        too_low=Text(
            "{answer} is too narrow: both sides shrink by the same factor, the one that takes "
            "the longer side to 20.",
            "{answer} 太窄了：两条边按同一个因子缩小，这个因子把较长的边变成 20。",
        ),
        too_high=Text(
            "{answer} is too wide: the digit keeps its proportions, so its width shrinks by the "
            "same factor as its height.",
            "{answer} 太宽了：数字保持长宽比例，所以它的宽度与高度按同一个因子缩小。",
        ),
    ),
    reference=6,
    hints=[
        Text(
            "By what factor does the height of 100 pixels shrink to fit the 20×20 box?",
            "100 像素的高度要缩小多少倍才能放进 20×20 的方框？",
        )
    ],
    explanation=Text(
        "The factor is 20 / 100 = 0.2 for both sides: the 1 becomes 20 pixels tall and "
        "30 × 0.2 = 6 wide. It is then placed in the 28×28 image by its centre of mass.",
        "两条边的因子都是 20 / 100 = 0.2：这个 1 变成 20 像素高、30 × 0.2 = 6 像素宽，"
        "然后按质心放进 28×28 的图像。",
    ),
)

PREPARED_IMAGE = Question(
    name="q_prepared_image",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "Read the docstring of drawing_pad.to_mnist_format in the lesson: its shape, its "
            "values, and how the scaling makes new pixels.",
            "读一读本课中 drawing_pad.to_mnist_format 的文档字符串：它的形状、它的取值，以及缩放如何生成新像素。",
        )
    ],
    explanation=Text(
        "to_mnist_format returns a 28×28 float32 image: 0 for the background, up to 1 for the "
        "ink, and grey levels in between at the edges of the strokes, where a new pixel averages "
        "ink and background. That is the format of MNIST's digits, and the network flattens it "
        "to 784 numbers.",
        "to_mnist_format 返回一幅 28×28 的 float32 图像：背景为 0，墨迹最高为 1，笔画边缘是介于两者之间的灰度值，"
        "因为那里的新像素是墨迹和背景的平均。这正是 MNIST 数字的格式，网络把它展平成 784 个数。",
    ),
)

NOT_A_DIGIT = Question(
    name="q_not_a_digit",
    check=choice("D"),
    reference="D",
    hints=[
        Text(
            "What does softmax do with any ten logits, whatever the image was?",
            "不论图像是什么，softmax 对任意十个 logits 做了什么？",
        )
    ],
    explanation=Text(
        "softmax divides the whole probability among the ten digits, so the ten always sum to 1, "
        "and often one of them is high: the worked solutions find the H and the M read as a 4 "
        "with 100 %. The network has no answer for 'none of these'.",
        "softmax 把全部概率分给十个数字，所以十个概率之和总是 1，而且常常有一个很高：参考解答中，"
        "H 和 M 被认成 4，概率为 100 %。网络没有“以上都不是”这个答案。",
    ),
)

EXERCISES = [
    GREY_LEVELS_EXERCISE,
    CROP_TO_INK,
    FIT_INTO_BOX,
    CENTRE_OF_MASS,
    PLACE_AT_CENTRE,
    PROBABILITIES_EXERCISE,
    CORNER,
    BOX_WIDTH,
    PREPARED_IMAGE,
    NOT_A_DIGIT,
]
