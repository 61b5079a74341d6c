"""Checked exercises of #02, Convolutional Neural Network: a convolution's output size, the
convolutional layer's forward pass, a `ConvLayer` subclass with stride 2, flattening, the
fully-connected layer; and four questions."""

from __future__ import annotations

import math

import numpy as np
import tensorflow as tf

import helpers

from .checking import array, checked_array, close, result_of
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#02 Convolutional Neural Network"

# ---------------------------------------------------------------------------------------------
# conv_output_size(size, kernel_size, stride, padding)


def conv_output_size(size, kernel_size, stride, padding):
    if padding == "SAME":
        return math.ceil(size / stride)
    return (size - kernel_size) // stride + 1


SHOWN_CONV_OUTPUT_SIZE = """
import math


def conv_output_size(size, kernel_size, stride, padding):
    if padding == "SAME":
        return math.ceil(size / stride)
    return (size - kernel_size) // stride + 1
"""

# (size, kernel_size, stride): a convolution or a pooling, strides that divide and that do not.
SIZE_CASES = {
    "SAME": [(28, 5, 1), (28, 2, 2), (7, 2, 2), (14, 5, 2), (5, 3, 3)],
    "VALID": [(28, 5, 1), (4, 3, 1), (7, 2, 2), (14, 5, 2), (9, 3, 2), (28, 5, 2)],
}

NOT_A_SIZE = Text(
    "the function should return a number, the output's height (or width), got {got}.",
    "函数应当返回一个数：输出的高度（或宽度），得到的是 {got}。",
)
NOT_WHOLE = Text(
    "some sizes are not whole numbers: the filter sits at a whole number of positions, so "
    "round (the formulas use floor and ceiling; // divides and rounds down).",
    "有的大小不是整数：滤波器只能落在整数个位置上，所以要取整（公式里用的是向下取整和向上取整；"
    "// 做除法并向下取整）。",
)
STRIDE_IGNORED = Text(
    "right for stride 1, but with a larger stride the sizes are those of stride 1: the filter "
    "moves `stride` pixels at a time, so divide by the stride.",
    "步幅为 1 时正确，但步幅更大时得到的仍是步幅为 1 的大小：滤波器每次移动 `stride` 个像素，"
    "所以要除以步幅。",
)
PADDING_MIXED_UP = Text(
    'with padding "{padding}" your sizes are those of the other padding: "SAME" pads the border '
    'with zeros so that the output has size ceil(n / s); "VALID" does not pad.',
    '填充为 "{padding}" 时，你得到的是另一种填充的大小："SAME" 在边缘填充零，使输出大小为 '
    'ceil(n / s)；"VALID" 不填充。',
)
SAME_ROUNDS_DOWN = Text(
    'with padding "SAME" and a size that the stride does not divide, your sizes are one too '
    "small: the last, partly padded position counts too, so round up (ceil), not down.",
    '填充为 "SAME" 且步幅不能整除大小时，你的结果少了一个：最后那个部分填充的位置也算数，'
    "所以要向上取整（ceil），而不是向下取整。",
)
SAME_WRONG = Text(
    'the sizes for padding "SAME" are wrong: "SAME" adds just enough zeros that the output has '
    "ceil(n / s) positions, whatever the filter's size.",
    '填充为 "SAME" 时的大小不对："SAME" 恰好补上足够的零，使输出有 ceil(n / s) 个位置，'
    "与滤波器的大小无关。",
)
VALID_OFF_BY_ONE = Text(
    'with padding "VALID" your sizes are one too small: (n - f) // s counts the moves of the '
    "filter; its first position counts too (+ 1).",
    '填充为 "VALID" 时你的结果少了一个：(n - f) // s 数的是滤波器移动的次数；'
    "它最初的位置也要算上（+ 1）。",
)
VALID_ROUNDS_UP = Text(
    'with padding "VALID" some sizes are one too large: a position where the filter does not '
    "fit entirely is dropped, so round (n - f) / s down.",
    '填充为 "VALID" 时有的大小多了一个：滤波器不能完全放下的位置会被丢弃，所以 (n - f) / s '
    "要向下取整。",
)
VALID_WRONG = Text(
    'the sizes for padding "VALID" are wrong: without padding, a filter of size f fits at '
    "floor((n - f) / s) + 1 positions.",
    '填充为 "VALID" 时的大小不对：不填充时，大小为 f 的滤波器可以放在 floor((n - f) / s) + 1 '
    "个位置上。",
)


def _size_of(answer: object, case: tuple[int, int, int], padding: str) -> float:
    result = result_of(answer, *case, padding)
    try:
        if isinstance(result, bool):
            raise TypeError
        value = np.asarray(result.numpy() if hasattr(result, "numpy") else result, dtype=float)
        if value.shape != ():
            raise TypeError
    except (TypeError, ValueError):
        raise Wrong(NOT_A_SIZE, got=type(result).__name__) from None
    if not np.isfinite(value) or value != np.round(value):
        raise Wrong(NOT_WHOLE)
    return float(value)


def _same_padding(n: int, f: int, s: int) -> int:
    return math.ceil(n / s)


def _valid_padding(n: int, f: int, s: int) -> int:
    return (n - f) // s + 1


def _matches(got: list[float], cases: list[tuple[int, int, int]], formula) -> bool:
    return all(g == formula(*case) for g, case in zip(got, cases, strict=True))


def check_conv_output_size(answer: object) -> None:
    got = {p: [_size_of(answer, case, p) for case in cases] for p, cases in SIZE_CASES.items()}
    same, valid = SIZE_CASES["SAME"], SIZE_CASES["VALID"]
    if not _matches(got["SAME"], same, _same_padding):
        if _matches(got["SAME"], same, lambda n, f, s: n):
            raise Wrong(STRIDE_IGNORED)
        if _matches(got["SAME"], same, _valid_padding):
            raise Wrong(PADDING_MIXED_UP, padding="SAME")
        if _matches(got["SAME"], same, lambda n, f, s: n // s):
            raise Wrong(SAME_ROUNDS_DOWN)
        raise Wrong(SAME_WRONG)
    if not _matches(got["VALID"], valid, _valid_padding):
        if _matches(got["VALID"], valid, lambda n, f, s: n - f + 1):
            raise Wrong(STRIDE_IGNORED)
        if _matches(got["VALID"], valid, _same_padding):
            raise Wrong(PADDING_MIXED_UP, padding="VALID")
        if _matches(got["VALID"], valid, lambda n, f, s: (n - f) // s):
            raise Wrong(VALID_OFF_BY_ONE)
        if _matches(got["VALID"], valid, lambda n, f, s: math.ceil((n - f) / s) + 1):
            raise Wrong(VALID_ROUNDS_UP)
        raise Wrong(VALID_WRONG)


CONV_OUTPUT_SIZE = Exercise(
    name="conv_output_size",
    check=check_conv_output_size,
    reference=conv_output_size,
    shown_solution=SHOWN_CONV_OUTPUT_SIZE,
    hints=[
        Text(
            'Two cases: padding "SAME" and padding "VALID". The lesson\'s section \'Output '
            "size: filter, stride and padding' gives a formula for each.",
            '分两种情况：填充 "SAME" 和填充 "VALID"。本课“输出大小：滤波器、步幅和填充”'
            "一节为每种情况给出了一个公式。",
        ),
        Text(
            'Without padding ("VALID", p = 0) the filter fits at floor((n - f) / s) + 1 '
            "positions; in Python (n - f) // s + 1.",
            '不填充（"VALID"，p = 0）时，滤波器可以放在 floor((n - f) / s) + 1 个位置上；'
            "在 Python 中写作 (n - f) // s + 1。",
        ),
        Text(
            '"SAME" gives ceil(n / s) positions, whatever the filter\'s size: math.ceil(size / '
            "stride).",
            '"SAME" 给出 ceil(n / s) 个位置，与滤波器的大小无关：math.ceil(size / stride)。',
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Shared by the convolutional exercises: a small batch, a kernel and biases of both signs.


def _conv_inputs() -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
    rng = np.random.default_rng(20)
    x = rng.random((2, 8, 8, 3), dtype=np.float32)
    kernel = rng.normal(size=(3, 3, 3, 4)).astype(np.float32)
    bias = np.array([-3.0, 0.5, -0.5, 1.5], np.float32)  # The first channel mostly negative.
    return tf.constant(x), tf.constant(kernel), tf.constant(bias)


def _convolved(x, kernel, bias, stride=1, padding="SAME", with_bias=True) -> tf.Tensor:
    layer = tf.nn.conv2d(x, kernel, strides=stride, padding=padding)
    return layer + bias if with_bias else layer


def _max_pooled(layer: tf.Tensor) -> tf.Tensor:
    return tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME")


LAYER_OUTPUT = Text("your layer's output", "你的层的输出")
POOLED_SHAPE = Text(
    "with use_pooling=True the layer keeps the images, halves the height and width, and gives "
    "one channel per filter",
    "use_pooling=True 时，层保留图像的数量，把高度和宽度减半，并且每个滤波器给出一个通道",
)
UNPOOLED_SHAPE = Text(
    "with use_pooling=False the layer keeps the images, the height and the width, and gives one "
    "channel per filter",
    "use_pooling=False 时，层保留图像的数量、高度和宽度，并且每个滤波器给出一个通道",
)
RELU_MISSING = Text(
    "some outputs are negative: the layer ends with ReLU (tf.nn.relu), which sets them to zero.",
    "有的输出是负数：层的最后一步是 ReLU（tf.nn.relu），它把负数置为零。",
)
BIAS_FORGOTTEN = Text(
    "the values are those of the layer without its biases: add the biases, one per output "
    "(channel or neuron), before the ReLU.",
    "数值是不加偏置时的结果：要在 ReLU 之前加上偏置，每个输出（通道或神经元）一个。",
)
NOT_POOLED = Text(
    "the output has the input's height and width: with use_pooling=True, 2×2 max-pooling with "
    "stride 2 (tf.nn.max_pool2d) halves them.",
    "输出的高度和宽度与输入相同：use_pooling=True 时，步幅为 2 的 2×2 最大池化"
    "（tf.nn.max_pool2d）会把它们减半。",
)
POOLED_ANYWAY = Text(
    "with use_pooling=False the output is smaller than the input: pool only when use_pooling is "
    "True.",
    "use_pooling=False 时输出却比输入小：只在 use_pooling 为 True 时才做池化。",
)
VALID_PADDING = Text(
    'the convolution\'s output is smaller than "SAME" padding gives: padding="VALID" drops the '
    'positions where the filter does not fit entirely. Use padding="SAME", which pads the border '
    "with zeros.",
    '卷积的输出比 "SAME" 填充时小：padding="VALID" 会丢掉滤波器不能完全放下的位置。'
    '请使用 padding="SAME"，它在边缘填充零。',
)
STRIDE_NOT_ONE = Text(
    "the convolution moves more than one pixel at a time: #02's layer convolves with strides=1, "
    "and only the max-pooling halves the size.",
    "卷积每次移动不止一个像素：#02 的层以 strides=1 做卷积，只有最大池化才把大小减半。",
)
AVERAGE_POOLING = Text(
    "the values are those of average-pooling: max-pooling keeps the largest value of each 2×2 "
    "block (tf.nn.max_pool2d).",
    "数值是平均池化的结果：最大池化保留每个 2×2 块中最大的值（tf.nn.max_pool2d）。",
)
NOT_THE_CONV_LAYER = Text(
    "the shape is right, but the values are not those of the layer: tf.nn.conv2d of x with "
    'kernel (strides=1, padding="SAME"), plus bias, 2×2 max-pooling if use_pooling, then ReLU.',
    "形状对了，但数值不是这个层的：x 与 kernel 的 tf.nn.conv2d（strides=1，"
    'padding="SAME"），加上 bias，若 use_pooling 则做 2×2 最大池化，最后 ReLU。',
)


def conv_layer(x, kernel, bias, use_pooling=True):
    layer = tf.nn.conv2d(x, kernel, strides=1, padding="SAME") + bias
    if use_pooling:
        layer = tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME")
    return tf.nn.relu(layer)


def _conv_layer_shape(got: np.ndarray) -> None:
    """The mistakes that the pooled output's height and width show, by name."""
    if got.ndim == 4 and got.shape[0] == 2 and got.shape[3] == 4 and got.shape[1] == got.shape[2]:
        side = got.shape[1]
        if side == 8:
            raise Wrong(NOT_POOLED)
        if side in (3, 6):  # VALID: 8 - 3 + 1 = 6, pooled to 3.
            raise Wrong(VALID_PADDING)
        if side == 2:  # Stride 2 (4), pooled.
            raise Wrong(STRIDE_NOT_ONE)


def check_conv_layer(answer: object) -> None:
    x, kernel, bias = _conv_inputs()
    got = array(result_of(answer, x, kernel, bias, use_pooling=True), LAYER_OUTPUT)
    _conv_layer_shape(got)
    got = checked_array(got, LAYER_OUTPUT, (2, 4, 4, 4), POOLED_SHAPE)
    if np.any(got < -1e-6):
        raise Wrong(RELU_MISSING)
    if not close(got, conv_layer(x, kernel, bias).numpy()):
        convolved = _convolved(x, kernel, bias)
        average = tf.nn.avg_pool2d(convolved, ksize=2, strides=2, padding="SAME")
        if close(got, tf.nn.relu(average).numpy()):
            raise Wrong(AVERAGE_POOLING)
        unbiased = _max_pooled(_convolved(x, kernel, bias, with_bias=False))
        if close(got, tf.nn.relu(unbiased).numpy()):
            raise Wrong(BIAS_FORGOTTEN)
        if close(got, tf.nn.relu(_convolved(x, kernel, bias, stride=2)).numpy()):
            raise Wrong(STRIDE_NOT_ONE)
        raise Wrong(NOT_THE_CONV_LAYER)
    got = array(result_of(answer, x, kernel, bias, use_pooling=False), LAYER_OUTPUT)
    if got.shape == (2, 4, 4, 4):
        raise Wrong(POOLED_ANYWAY)
    got = checked_array(got, LAYER_OUTPUT, (2, 8, 8, 4), UNPOOLED_SHAPE)
    if not close(got, conv_layer(x, kernel, bias, use_pooling=False).numpy()):
        raise Wrong(NOT_THE_CONV_LAYER)


CONV_LAYER = Exercise(
    name="conv_layer",
    check=check_conv_layer,
    reference=conv_layer,
    hints=[
        Text(
            "Four steps, as in helpers.ConvLayer: convolve, add the biases, pool (only if "
            "use_pooling), ReLU.",
            "四步，和 helpers.ConvLayer 一样：卷积，加偏置，池化（仅当 use_pooling 时），ReLU。",
        ),
        Text(
            'tf.nn.conv2d(x, kernel, strides=1, padding="SAME") + bias keeps the height and '
            "width and gives one channel per filter.",
            'tf.nn.conv2d(x, kernel, strides=1, padding="SAME") + bias 保持高度和宽度不变，'
            "每个滤波器给出一个通道。",
        ),
        Text(
            'tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME") halves the size; end '
            "with tf.nn.relu.",
            'tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME") 把大小减半；'
            "最后用 tf.nn.relu。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# StridedConvLayer: a subclass of helpers.ConvLayer with stride 2 instead of pooling


class StridedConvLayer(helpers.ConvLayer):
    def __call__(self, x):
        layer = tf.nn.conv2d(x, self.kernel, strides=2, padding="SAME") + self.bias
        return tf.nn.relu(layer)


STRIDED_SHAPE = Text(
    "a convolution with stride 2 and SAME padding keeps the images, halves the height and width "
    "(rounding up), and gives one channel per filter",
    "步幅为 2、SAME 填充的卷积保留图像的数量，把高度和宽度减半（向上取整），并且每个滤波器给出一个通道",
)
NOT_A_CONV_LAYER = Text(
    "StridedConvLayer(...) should make a layer that is a helpers.ConvLayer (class "
    "StridedConvLayer(helpers.ConvLayer): ...), got {got}.",
    "StridedConvLayer(...) 应当创建一个 helpers.ConvLayer 的层"
    "（class StridedConvLayer(helpers.ConvLayer): ...），得到的是 {got}。",
)
STRIDE_IGNORED_IN_LAYER = Text(
    "the output has the input's height and width: the convolution still moves one pixel at a "
    "time. Pass strides=2 to tf.nn.conv2d.",
    "输出的高度和宽度与输入相同：卷积仍然每次移动一个像素。请给 tf.nn.conv2d 传入 strides=2。",
)
POOLED_TOO = Text(
    "the output is a quarter of the input's height and width: the stride already halves them, "
    "so the strided layer does not pool as well.",
    "输出的高度和宽度只有输入的四分之一：步幅已经把它们减半了，所以带步幅的层不再做池化。",
)
POOLING_NOT_STRIDE = Text(
    "these are the outputs of ConvLayer's own call (stride 1, then 2×2 max-pooling): the strided "
    "layer convolves with strides=2 and does not pool.",
    "这是 ConvLayer 自己的调用给出的输出（步幅 1，然后 2×2 最大池化）：带步幅的层以 strides=2 "
    "做卷积，不做池化。",
)
NOT_THE_STRIDED_LAYER = Text(
    "the shape is right, but the values are not those of the layer: tf.nn.conv2d of x with the "
    'layer\'s own self.kernel (strides=2, padding="SAME"), plus self.bias, then ReLU.',
    "形状对了，但数值不是这个层的：x 与层自己的 self.kernel 的 tf.nn.conv2d"
    '（strides=2，padding="SAME"），加上 self.bias，然后 ReLU。',
)


def check_strided_conv_layer(answer: object) -> None:
    x, kernel, bias = _conv_inputs()
    layer = result_of(answer, 3, 3, 4)  # num_input_channels, filter_size, num_filters
    if not isinstance(layer, helpers.ConvLayer):
        raise Wrong(NOT_A_CONV_LAYER, got=type(layer).__name__)
    layer.kernel.assign(kernel)
    layer.bias.assign(bias)
    got = array(result_of(layer, x), LAYER_OUTPUT)
    if got.ndim == 4 and got.shape[0] == 2 and got.shape[3] == 4 and got.shape[1] == got.shape[2]:
        side = got.shape[1]
        if side == 8:
            raise Wrong(STRIDE_IGNORED_IN_LAYER)
        if side == 2:  # 8 / 2 / 2
            raise Wrong(POOLED_TOO)
        if side == 3:  # VALID: (8 - 3) // 2 + 1
            raise Wrong(VALID_PADDING)
    got = checked_array(got, LAYER_OUTPUT, (2, 4, 4, 4), STRIDED_SHAPE)
    if np.any(got < -1e-6):
        raise Wrong(RELU_MISSING)
    if not close(got, tf.nn.relu(_convolved(x, kernel, bias, stride=2)).numpy()):
        if close(got, tf.nn.relu(_convolved(x, kernel, bias, stride=2, with_bias=False)).numpy()):
            raise Wrong(BIAS_FORGOTTEN)
        if close(got, conv_layer(x, kernel, bias).numpy()):
            raise Wrong(POOLING_NOT_STRIDE)
        raise Wrong(NOT_THE_STRIDED_LAYER)


STRIDED_CONV_LAYER = Exercise(
    name="StridedConvLayer",
    check=check_strided_conv_layer,
    reference=StridedConvLayer,
    hints=[
        Text(
            "The subclass keeps ConvLayer's __init__ and its variables self.kernel and self.bias; "
            "write only __call__(self, x).",
            "子类保留 ConvLayer 的 __init__ 和它的变量 self.kernel、self.bias；"
            "只需编写 __call__(self, x)。",
        ),
        Text(
            "A stride of 2 computes every second row and column, which halves the size as "
            "pooling did: no pooling any more.",
            "步幅为 2 时只计算每隔一行、每隔一列的位置，像池化一样把大小减半：不再需要池化。",
        ),
        Text(
            '__call__ returns tf.nn.relu(tf.nn.conv2d(x, self.kernel, strides=2, padding="SAME") '
            "+ self.bias).",
            '__call__ 返回 tf.nn.relu(tf.nn.conv2d(x, self.kernel, strides=2, padding="SAME") '
            "+ self.bias)。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# flatten(layer) -> (layer_flat, num_features)


def flatten(layer):
    num_features = layer.shape[1] * layer.shape[2] * layer.shape[3]
    return tf.reshape(layer, [-1, num_features]), num_features


FLAT = Text("your flattened layer", "你展平后的层")
ONE_ROW_PER_IMAGE = Text(
    "flatten gives one row per image and one column per feature, [images, features]",
    "展平后每幅图像一行、每个特征一列，即 [images, features]",
)
NOT_A_PAIR = Text(
    "flatten should return two things, the flat layer and the number of features "
    "(return flat, num_features); got {got}.",
    "flatten 应当返回两样东西：展平后的层和特征的数量（return flat, num_features）；"
    "得到的是 {got}。",
)
MIXES_IMAGES = Text(
    "the shape is right, but a row holds values of other images: reshape the layer as it is, "
    "[images, height, width, channels] to [images, -1], without transposing it first.",
    "形状对了，但有的行里含有其他图像的值：直接对层做 reshape，把 [images, height, width, "
    "channels] 变成 [images, -1]，不要先转置。",
)
ORDER_CHANGED = Text(
    "each row holds its own image's values, but in another order than helpers.flatten_layer's: "
    "reshape keeps the order height, width, channels; do not move the channels first.",
    "每一行含有的是它自己那幅图像的值，但顺序与 helpers.flatten_layer 的不同：reshape 保持"
    "高度、宽度、通道的顺序；不要把通道移到前面。",
)
NOT_A_COUNT = Text(
    "the number of features should be one whole number, got {got}.",
    "特征的数量应当是一个整数，得到的是 {got}。",
)
COUNTS_ALL_IMAGES = Text(
    "the number of features counts the values of all images: it is the number of values of one "
    "image.",
    "特征的数量把所有图像的值都算进去了：它应当是一幅图像的值的个数。",
)
FEATURES_WITHOUT_CHANNELS = Text(
    "the number of features counts the pixels of one channel only: multiply by the number of "
    "channels too.",
    "特征的数量只算了一个通道的像素：还要乘以通道的数量。",
)
WRONG_FEATURES = Text(
    "the number of features is not the number of values of one image (height × width × channels).",
    "特征的数量不等于一幅图像的值的个数（高度 × 宽度 × 通道数）。",
)


def _features(value: object) -> int:
    try:
        if isinstance(value, bool):
            raise TypeError
        number = np.asarray(value.numpy() if hasattr(value, "numpy") else value, dtype=float)
        if number.shape != () or number != np.round(number):
            raise TypeError
    except (TypeError, ValueError):
        raise Wrong(NOT_A_COUNT, got=type(value).__name__) from None
    return int(number)


def check_flatten(answer: object) -> None:
    for shape, seed in [((3, 4, 5, 2), 21), ((2, 3, 3, 6), 22)]:
        layer = np.random.default_rng(seed).permutation(math.prod(shape)).reshape(shape)
        layer = layer.astype(np.float32)  # Every value once: where each one goes is known.
        result = result_of(answer, tf.constant(layer))
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise Wrong(NOT_A_PAIR, got=type(result).__name__)
        flat, num_features = result
        images, features = shape[0], math.prod(shape[1:])
        flat = checked_array(flat, FLAT, (images, features), ONE_ROW_PER_IMAGE)
        want = layer.reshape(images, features)
        if not np.array_equal(np.sort(flat, axis=1), np.sort(want, axis=1)):
            raise Wrong(MIXES_IMAGES)
        if not np.array_equal(flat, want):
            raise Wrong(ORDER_CHANGED)
        count = _features(num_features)
        if count == images * features:
            raise Wrong(COUNTS_ALL_IMAGES)
        if count == shape[1] * shape[2]:
            raise Wrong(FEATURES_WITHOUT_CHANNELS)
        if count != features:
            raise Wrong(WRONG_FEATURES)


FLATTEN = Exercise(
    name="flatten",
    check=check_flatten,
    reference=flatten,
    hints=[
        Text(
            "The number of features of one image is height × width × channels, the last three "
            "entries of layer.shape.",
            "一幅图像的特征数量是 高度 × 宽度 × 通道数，即 layer.shape 的后三项。",
        ),
        Text(
            "tf.reshape keeps the order of the values; [-1, num_features] lets TensorFlow "
            "work out the number of images.",
            "tf.reshape 保持数值的顺序；[-1, num_features] 让 TensorFlow 自己算出图像的数量。",
        ),
        Text(
            "Return both: return tf.reshape(layer, [-1, num_features]), num_features",
            "两者都返回：return tf.reshape(layer, [-1, num_features]), num_features",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# fc_layer(x, weights, biases, use_relu=True)


def fc_layer(x, weights, biases, use_relu=True):
    layer = tf.matmul(x, weights) + biases
    if use_relu:
        layer = tf.nn.relu(layer)
    return layer


FC_OUTPUT = Text("your layer's output", "你的层的输出")
FC_SHAPE = Text(
    "a fully-connected layer gives one row per image and one column per output, "
    "[images, num_outputs]",
    "全连接层每幅图像给出一行、每个输出一列，即 [images, num_outputs]",
)
MATMUL_ORDER = Text(
    "the values are those of weights times x: the images are the rows of x, so multiply x by "
    "weights, tf.matmul(x, weights).",
    "数值是 weights 乘以 x 的结果：图像是 x 的行，所以要用 x 乘以 weights，即 tf.matmul(x, weights)。",
)
RELU_WHEN_OFF = Text(
    "with use_relu=False there are no negative outputs: apply ReLU only when use_relu is True "
    "(the last layer's logits must be free to be negative).",
    "use_relu=False 时却没有负的输出：只在 use_relu 为 True 时才用 ReLU（最后一层的 logits "
    "必须可以是负数）。",
)
FC_RELU_MISSING = Text(
    "with use_relu=True some outputs are negative: apply tf.nn.relu to the layer's output.",
    "use_relu=True 时有的输出是负数：要对层的输出使用 tf.nn.relu。",
)
BIAS_AFTER_RELU = Text(
    "the biases are added after the ReLU: add them to the matmul, then apply ReLU to the sum.",
    "偏置是在 ReLU 之后加的：应当把它们加到矩阵乘积上，再对和使用 ReLU。",
)
NOT_THE_FC_LAYER = Text(
    "the shape is right, but the values are not those of the layer: tf.matmul(x, weights) plus "
    "biases, then ReLU if use_relu.",
    "形状对了，但数值不是这个层的：tf.matmul(x, weights) 加上 biases，若 use_relu 则再用 ReLU。",
)


def _fc_inputs(seed: int, images: int, inputs: int, outputs: int):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(images, inputs)).astype(np.float32)
    weights = rng.normal(size=(inputs, outputs)).astype(np.float32)
    biases = rng.normal(size=outputs).astype(np.float32) * 2
    return tf.constant(x), tf.constant(weights), tf.constant(biases)


def check_fc_layer(answer: object) -> None:
    # Square first: weights @ x then runs too, and its values say so.
    x, weights, biases = _fc_inputs(23, 5, 5, 5)
    got = checked_array(
        result_of(answer, x, weights, biases, use_relu=False), FC_OUTPUT, (5, 5), FC_SHAPE
    )
    linear = (x @ weights + biases).numpy()
    if not close(got, linear):
        if close(got, (weights @ x + biases).numpy()) or close(got, linear.T):
            raise Wrong(MATMUL_ORDER)
        if close(got, (x @ weights).numpy()):
            raise Wrong(BIAS_FORGOTTEN)
        if not np.any(got < 0):
            raise Wrong(RELU_WHEN_OFF)
        raise Wrong(NOT_THE_FC_LAYER)
    x, weights, biases = _fc_inputs(24, 3, 6, 4)
    linear = (x @ weights + biases).numpy()
    got = checked_array(
        result_of(answer, x, weights, biases, use_relu=True), FC_OUTPUT, (3, 4), FC_SHAPE
    )
    if not close(got, np.maximum(linear, 0)):
        if close(got, tf.nn.relu(x @ weights).numpy() + biases.numpy()):
            raise Wrong(BIAS_AFTER_RELU)
        if np.any(got < -1e-6):
            raise Wrong(FC_RELU_MISSING)
        raise Wrong(NOT_THE_FC_LAYER)
    got = checked_array(
        result_of(answer, x, weights, biases, use_relu=False), FC_OUTPUT, (3, 4), FC_SHAPE
    )
    if not close(got, linear):
        raise Wrong(NOT_THE_FC_LAYER)


FC_LAYER = Exercise(
    name="fc_layer",
    check=check_fc_layer,
    reference=fc_layer,
    hints=[
        Text(
            "x has shape [images, num_inputs] and weights [num_inputs, num_outputs]: their "
            "product has one row per image.",
            "x 的形状是 [images, num_inputs]，weights 的形状是 [num_inputs, num_outputs]："
            "它们的乘积每幅图像一行。",
        ),
        Text(
            "tf.matmul(x, weights) + biases adds each output's bias to every image's row.",
            "tf.matmul(x, weights) + biases 把每个输出的偏置加到每幅图像的那一行上。",
        ),
        Text(
            "Then `if use_relu:` apply tf.nn.relu to that sum, and return the layer.",
            "然后 `if use_relu:` 对这个和使用 tf.nn.relu，再返回这个层。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Questions

CONV1_PARAMETERS = Question(
    name="q_conv1_parameters",
    check=number(
        416,
        too_low=Text(
            "{answer} is too few: count every weight of all the filters, and the biases too.",
            "{answer} 太少了：要算上所有滤波器的每一个权重，还有偏置。",
        ),
        too_high=Text(
            "{answer} is too many: the first layer's input has a single channel (grey levels), "
            "so each filter has one 5×5 grid of weights.",
            "{answer} 太多了：第一层的输入只有一个通道（灰度），所以每个滤波器只有一个 5×5 的权重网格。",
        ),
    ),
    reference=416,
    hints=[
        Text(
            "The kernel has shape [filter_size, filter_size, num_input_channels, num_filters], "
            "and there is one bias per filter.",
            "kernel 的形状是 [filter_size, filter_size, num_input_channels, num_filters]，"
            "每个滤波器还有一个偏置。",
        )
    ],
    explanation=Text(
        "5 × 5 × 1 × 16 = 400 weights, 25 for each of the 16 filters, plus 16 biases. The second "
        "layer has 5 × 5 × 16 × 36 + 36 = 14,436; the first fully-connected layer has most of "
        "the network's 242,062.",
        "5 × 5 × 1 × 16 = 400 个权重（16 个滤波器各 25 个），加上 16 个偏置。第二层有 "
        "5 × 5 × 16 × 36 + 36 = 14,436 个；网络的 242,062 个变量大多在第一个全连接层里。",
    ),
)

FLAT_FEATURES = Question(
    name="q_flat_features",
    check=number(
        900,
        too_low=Text(
            "{answer} is too few: only the second layer uses VALID padding (the first keeps "
            "28 × 28 before its pooling), and all 36 channels count.",
            "{answer} 太少了：只有第二层使用 VALID 填充（第一层在池化之前保持 28 × 28），"
            "而且全部 36 个通道都要算上。",
        ),
        too_high=Text(
            '{answer} is too many: with padding "VALID" the second convolution\'s output is '
            "smaller than its input, before the pooling halves it.",
            '{answer} 太多了：填充为 "VALID" 时，第二个卷积的输出比它的输入小，然后池化再把它减半。',
        ),
    ),
    reference=900,
    hints=[
        Text(
            "Follow the height: 28 after the first convolution, halved by pooling; a 5×5 filter "
            'with "VALID" fits at n - 5 + 1 positions; pooling halves again.',
            '跟着高度走：第一个卷积之后是 28，池化减半；5×5 的滤波器在 "VALID" 下可以放在 '
            "n - 5 + 1 个位置上；池化再减半。",
        ),
        Text(
            "The features are height × width × channels of the second layer's output.",
            "特征的数量是第二层输出的 高度 × 宽度 × 通道数。",
        ),
    ],
    explanation=Text(
        "28 → 14 after the first layer; without padding a 5×5 filter fits at 14 - 5 + 1 = 10 "
        "positions; the pooling gives 5 × 5; with 36 channels, 5 × 5 × 36 = 900 features instead "
        "of 1,764.",
        "第一层之后 28 → 14；不填充时 5×5 的滤波器可以放在 14 - 5 + 1 = 10 个位置上；池化之后是 "
        "5 × 5；共 36 个通道，5 × 5 × 36 = 900 个特征，而不是 1,764 个。",
    ),
)

POOL_BEFORE_RELU = Question(
    name="q_pool_before_relu",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "Take a 2×2 block with the values -3, 1, 2, -1: compute max then ReLU, and ReLU "
            "then max. Which value wins in each case?",
            "取一个值为 -3、1、2、-1 的 2×2 块：先取最大值再 ReLU，以及先 ReLU 再取最大值。"
            "两种情况下各是哪个值胜出？",
        )
    ],
    explanation=Text(
        "ReLU never decreases: the largest value of a block before ReLU is still the largest "
        "after it, so max(relu(a), relu(b)) = relu(max(a, b)). It holds for every non-decreasing "
        "function (the sigmoid too), not for average-pooling: the ReLU of a mean is not the mean "
        "of the ReLUs. Pooling first computes ReLU on a quarter of the values.",
        "ReLU 从不减小：一个块在 ReLU 之前最大的值，在 ReLU 之后仍然最大，所以 "
        "max(relu(a), relu(b)) = relu(max(a, b))。这对每一个不减的函数都成立（sigmoid 也是），"
        "对平均池化却不成立：均值的 ReLU 不等于 ReLU 的均值。先池化，ReLU 只需算四分之一的值。",
    ),
)

LINEAR_LAYERS = Question(
    name="q_linear_layers",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "Write the two layers without ReLU as one formula: (x W1 + b1) W2 + b2.",
            "把没有 ReLU 的两层写成一个公式：(x W1 + b1) W2 + b2。",
        )
    ],
    explanation=Text(
        "(x W1 + b1) W2 + b2 = x (W1 W2) + (b1 W2 + b2): one linear layer with the weights W1 W2. "
        "The extra layer adds variables but nothing that one layer could not compute; the ReLU "
        "in between is what lets the network learn functions with kinks.",
        "(x W1 + b1) W2 + b2 = x (W1 W2) + (b1 W2 + b2)：一个权重为 W1 W2 的线性层。"
        "多出来的一层增加了变量，却没有增加一个层算不出来的东西；正是中间的 ReLU 让网络能学到带折点的函数。",
    ),
)

EXERCISES = [
    CONV_OUTPUT_SIZE,
    CONV_LAYER,
    STRIDED_CONV_LAYER,
    FLATTEN,
    FC_LAYER,
    CONV1_PARAMETERS,
    FLAT_FEATURES,
    POOL_BEFORE_RELU,
    LINEAR_LAYERS,
]
