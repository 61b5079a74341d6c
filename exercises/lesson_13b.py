"""Checked exercises of #13-B, Visual Analysis: a layer's feature maps before pooling and ReLU,
the mean of one feature map per image, one step of the lesson's gradient ascent on the image, the
size of the patch of pixels that one value depends on; and four questions."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

import helpers

from .checking import array, checked_array, close, fixed_images, result_of
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#13-B Visual Analysis"

# ---------------------------------------------------------------------------------------------
# conv_maps(image, layer): a convolutional layer's feature maps before its pooling and ReLU


def conv_maps(image, layer):
    x_image = tf.reshape(image, [1, 28, 28, 1])
    return tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="SAME") + layer.bias


MAPS = Text("your feature maps", "你的特征图")
MAPS_SHAPE = Text(
    "the exercise asks for one image in a batch, [1, height, width, filters], as large as the "
    "image and with one map per filter",
    "题目要求一个批次中的一幅图像，即 [1, height, width, filters]：与图像同样大小，每个滤波器一张特征图",
)
CALLED_THE_LAYER = Text(
    "your maps are half the image's size and never negative: calling the layer, layer(x), pools "
    "and applies ReLU. Compute the convolution yourself with layer.kernel and add layer.bias.",
    "你的特征图只有图像的一半大，而且没有负值：调用这个层，即 layer(x)，会做池化并应用 ReLU。"
    "请自己用 layer.kernel 计算卷积，再加上 layer.bias。",
)
POOLED = Text(
    "your maps are half the image's size: the maps before pooling are as large as the image "
    "(stride 1, no max-pooling).",
    "你的特征图只有图像的一半大：池化之前的特征图与图像同样大（步幅为 1，不做最大池化）。",
)
VALID_PADDING = Text(
    "your maps are smaller than the image, by the filter's size less one: that is padding "
    '"VALID". The lesson\'s layers use padding="SAME", which keeps the image\'s size.',
    '你的特征图比图像小，少了滤波器的大小减一：这是 "VALID" 填充。本课的层使用 padding="SAME"，'
    "它保持图像的大小。",
)
RELU_APPLIED = Text(
    "your maps are the right ones where they are positive, but never negative: you applied "
    "ReLU. The lesson takes the maps before ReLU, so that the gradient of a negative value is "
    "not zero.",
    "你的特征图在为正的地方是对的，但没有负值：你应用了 ReLU。本课取的是 ReLU 之前的特征图，"
    "这样负值的梯度才不为零。",
)
NO_BIAS = Text(
    "your maps differ from the layer's by a constant in each map: add the layer's bias "
    "(layer.bias), as the layer does.",
    "你的特征图与这个层的相比，每张图都差一个常数：像这个层那样加上它的偏置（layer.bias）。",
)
NOT_THE_MAPS = Text(
    "your maps have the right shape but not the right values: convolve the image, reshaped to "
    '[1, 28, 28, 1], with layer.kernel (strides=1, padding="SAME") and add layer.bias.',
    "你的特征图形状对，但数值不对：把图像变形为 [1, 28, 28, 1]，与 layer.kernel 做卷积"
    '（strides=1，padding="SAME"），再加上 layer.bias。',
)

CONV_FILTERS = 4
CONV_BIASES = (0.5, -0.5, 0.25, -0.25)


def _conv_layer() -> helpers.ConvLayer:
    """A layer of #02's kind (5x5 filters, pooling, ReLU) with 4 fixed filters."""
    layer = helpers.ConvLayer(1, 5, CONV_FILTERS, use_pooling=True)
    rng = np.random.default_rng(13)
    layer.kernel.assign(rng.normal(scale=0.3, size=(5, 5, 1, CONV_FILTERS)).astype(np.float32))
    layer.bias.assign(np.array(CONV_BIASES, np.float32))
    return layer


def check_conv_maps(answer: object) -> None:
    layer = _conv_layer()
    image = tf.constant(fixed_images(1, seed=13)[0, :, :, 0])
    got = array(result_of(answer, image, layer), MAPS)
    if got.shape == (1, 14, 14, CONV_FILTERS):
        raise Wrong(CALLED_THE_LAYER if np.all(got >= 0) else POOLED)
    if got.shape == (1, 24, 24, CONV_FILTERS):
        raise Wrong(VALID_PADDING)
    got = checked_array(got, MAPS, (1, 28, 28, CONV_FILTERS), MAPS_SHAPE)
    want = conv_maps(image, layer).numpy().astype(np.float64)
    if close(got, want):
        return
    if close(got, np.maximum(want, 0.0)):
        raise Wrong(RELU_APPLIED)
    if close(got, want - np.array(CONV_BIASES)):
        raise Wrong(NO_BIAS)
    raise Wrong(NOT_THE_MAPS)


CONV_MAPS = Exercise(
    name="conv_maps",
    check=check_conv_maps,
    reference=conv_maps,
    hints=[
        Text(
            "The layer computes convolution + bias, then max-pooling, then ReLU; you want what "
            "it has before the pooling, so do not call the layer: use its variables.",
            "这个层先计算卷积加偏置，再做最大池化，然后应用 ReLU；你要的是池化之前的结果，"
            "所以不要调用这个层，而要用它的变量。",
        ),
        Text(
            "tf.nn.conv2d wants a batch of images [images, height, width, channels]: "
            "tf.reshape(image, [1, 28, 28, 1]).",
            "tf.nn.conv2d 需要一批图像 [images, height, width, channels]："
            "tf.reshape(image, [1, 28, 28, 1])。",
        ),
        Text(
            'tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="SAME") + layer.bias, as '
            "the lesson's conv1_maps does.",
            'tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="SAME") + layer.bias，'
            "和本课的 conv1_maps 一样。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# feature_means(maps, k): the mean of feature map k, one value per image


def feature_means(maps, k):
    return tf.reduce_mean(maps[..., k], axis=[1, 2])


MEANS = Text("your means", "你的均值")
ONE_MEAN_PER_IMAGE = Text(
    "the exercise asks for one value per image",
    "题目要求每幅图像一个值",
)
BATCH_AVERAGED = Text(
    "you gave one number for the whole batch: average over the height and the width only "
    "(axis=[1, 2]), so that each image keeps its own value.",
    "你对整个批次只给出了一个数：只在高度和宽度上求平均（axis=[1, 2]），让每幅图像保留自己的值。",
)
EVERY_FEATURE = Text(
    "you gave a mean for every feature map of each image: take feature map k first, "
    "maps[..., k], then average it.",
    "你给出了每幅图像每张特征图的均值：先取出第 k 张特征图 maps[..., k]，再求平均。",
)
ONE_AXIS = Text(
    "you averaged over only one of the height and the width: a feature is the mean over the "
    "whole map, both axes (axis=[1, 2]).",
    "你只在高度和宽度中的一个上求了平均：特征是整张特征图的均值，两个轴都要算（axis=[1, 2]）。",
)
OTHER_CHANNEL = Text(
    "these are the means of another feature map: the maps are along the last axis, and map k is "
    "maps[..., k] (counted from 0).",
    "这些是另一张特征图的均值：特征图沿最后一个轴排列，第 k 张是 maps[..., k]（从 0 开始数）。",
)
ALL_CHANNELS = Text(
    "you averaged over all the feature maps of each image: the feature is the mean of map k "
    "alone, maps[..., k].",
    "你在每幅图像的所有特征图上求了平均：特征只是第 k 张特征图 maps[..., k] 的均值。",
)
SUM_NOT_MEAN = Text(
    "your values are the sums of the map, not its means: divide by the number of positions, or "
    "use tf.reduce_mean.",
    "你的值是特征图之和，而不是均值：除以位置的个数，或者用 tf.reduce_mean。",
)
NOT_THE_MEANS = Text(
    "not the mean of feature map k of each image: average maps[..., k] over its height and width.",
    "不是每幅图像第 k 张特征图的均值：对 maps[..., k] 在高度和宽度上求平均。",
)

MEANS_SHAPE = (3, 6, 7, 5)  # images, height, width, feature maps: all different
MEANS_OFFSETS = (0.3, -0.8, 1.1, 0.4, -0.2)  # each map's own mean, so that they differ


def _maps() -> np.ndarray:
    rng = np.random.default_rng(131)
    maps = rng.normal(size=MEANS_SHAPE) + np.array(MEANS_OFFSETS)
    return maps.astype(np.float32)


def check_feature_means(answer: object) -> None:
    maps = _maps()
    images, height, width, channels = maps.shape
    for k in (2, 4):
        got = array(result_of(answer, tf.constant(maps), k), MEANS)
        if got.shape == ():
            raise Wrong(BATCH_AVERAGED)
        if got.shape == (images, channels):
            raise Wrong(EVERY_FEATURE)
        if got.shape in ((images, height), (images, width)):
            raise Wrong(ONE_AXIS)
        got = checked_array(got, MEANS, (images,), ONE_MEAN_PER_IMAGE)
        per_map = maps.astype(np.float64).mean(axis=(1, 2))  # [images, channels]
        if close(got, per_map[:, k]):
            continue
        if any(close(got, per_map[:, j]) for j in range(channels) if j != k):
            raise Wrong(OTHER_CHANNEL)
        if close(got, per_map.mean(axis=1)):
            raise Wrong(ALL_CHANNELS)
        if close(got, per_map[:, k] * height * width):
            raise Wrong(SUM_NOT_MEAN)
        raise Wrong(NOT_THE_MEANS)


FEATURE_MEANS = Exercise(
    name="feature_means",
    check=check_feature_means,
    reference=feature_means,
    hints=[
        Text(
            "maps has the axes [images, height, width, feature maps]: pick map k on the last "
            "axis, then average over the two axes in between.",
            "maps 的各个轴是 [images, height, width, feature maps]：在最后一个轴上取出第 k 张特征图，"
            "再在中间两个轴上求平均。",
        ),
        Text(
            "maps[..., k] has the shape [images, height, width].",
            "maps[..., k] 的形状是 [images, height, width]。",
        ),
        Text(
            "tf.reduce_mean(maps[..., k], axis=[1, 2]) keeps one value per image.",
            "tf.reduce_mean(maps[..., k], axis=[1, 2]) 为每幅图像保留一个值。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# gradient_ascent_step(image, feature): one step of the lesson's gradient ascent on the image


def gradient_ascent_step(image, feature):
    with tf.GradientTape() as tape:
        value = feature(image)
    gradient = tape.gradient(value, image)
    step_size = 1.0 / (tf.math.reduce_std(gradient) + 1e-8)
    image.assign(tf.clip_by_value(image + step_size * gradient, 0.0, 1.0))
    return value


NOT_ASSIGNED = Text(
    "the image did not change: the step must change the variable itself, "
    "image.assign(...); giving the name image a new tensor changes nothing outside your function.",
    "图像没有改变：这一步必须改变变量本身，即 image.assign(...)；"
    "把一个新的张量赋给名字 image，不会改变函数之外的任何东西。",
)
NEW_IMAGE = Text("the image after your step", "你这一步之后的图像")
SAME_SHAPE = Text("the image keeps its shape", "图像应保持原来的形状")
NO_CLIPPING = Text(
    "after your step some pixels are outside [0, 1]: clip them with tf.clip_by_value(..., 0.0, "
    "1.0), so that the image stays a valid grey image.",
    "你这一步之后，有的像素超出了 [0, 1]：用 tf.clip_by_value(..., 0.0, 1.0) 裁剪它们，"
    "让图像始终是一幅有效的灰度图像。",
)
DESCENT = Text(
    "the pixels moved against the gradient, which lowers the feature: that is gradient descent. "
    "Gradient ascent adds the step to the image.",
    "像素逆着梯度移动了，这会降低特征的值：这是梯度下降。梯度上升要把这一步加到图像上。",
)
NOT_NORMALISED = Text(
    "the pixels moved by the gradient itself: scale it by the step size 1 / (the gradient's "
    "standard deviation + 1e-8), so that a step has the same size whatever the feature's scale.",
    "像素移动的量就是梯度本身：要把它乘以步长 1 / (梯度的标准差 + 1e-8)，"
    "这样无论特征的尺度如何，一步的大小都一样。",
)
WRONG_STEP_SIZE = Text(
    "the pixels moved along the gradient, but by a step of another size: the lesson divides the "
    "gradient by its standard deviation over all the pixels (tf.math.reduce_std) plus 1e-8.",
    "像素沿着梯度移动了，但步长不对：本课把梯度除以它在所有像素上的标准差"
    "（tf.math.reduce_std）再加上 1e-8。",
)
SIGN_STEP = Text(
    "every pixel moved by the same amount, up or down: that is a step along the sign of the "
    "gradient. Here the step is the gradient itself, times the step size, so that pixels with a "
    "larger gradient move further.",
    "每个像素都移动了同样的量，或上或下：这是沿梯度符号走的一步。这里的一步是梯度本身乘以步长，"
    "梯度越大的像素移动得越远。",
)
TOO_FAR = Text(
    "after your step every pixel is 0 or 1: the step is far too large. Divide the gradient by "
    "its standard deviation, so that a typical pixel moves by about 1.",
    "你这一步之后，每个像素都是 0 或 1：步子太大了。把梯度除以它的标准差，"
    "这样一个典型的像素移动约 1。",
)
NOT_ALONG_GRADIENT = Text(
    "the pixels did not move along the feature's gradient with respect to the image: take "
    "tape.gradient(value, image), with the feature computed under the tape.",
    "像素没有沿着特征对图像的梯度移动：在梯度带下计算特征，再取 tape.gradient(value, image)。",
)
NO_VALUE = Text(
    "the step should return the feature's value (a number), got {got}.",
    "这一步应当返回特征的值（一个数），得到的是 {got}。",
)
VALUE_AFTER = Text(
    "the step returns the feature's value after the step: return the value computed under the "
    "tape, before the step, as the lesson does.",
    "这一步返回的是走完这一步之后的特征值：要像本课那样，返回在梯度带下、走这一步之前算出的值。",
)
NOT_THE_VALUE = Text(
    "the returned value is not the feature's value of the image before the step.",
    "返回的值不是走这一步之前图像的特征值。",
)
NOT_THE_STEP = Text(
    "the image changed, but not as one step of the lesson's gradient ascent would change it.",
    "图像变了，但不是本课的梯度上升走一步应有的变化。",
)


def _feature() -> object:
    """A tiny fixed network's output for a 28x28 image: a ReLU layer of 8, then one number."""
    rng = np.random.default_rng(1313)
    w1 = tf.constant(rng.normal(scale=0.1, size=(784, 8)).astype(np.float32))
    b1 = tf.constant(rng.normal(scale=0.1, size=8).astype(np.float32))
    w2 = tf.constant(rng.normal(size=8).astype(np.float32))

    def feature(image):
        hidden = tf.nn.relu(tf.reshape(image, [1, 784]) @ w1 + b1)
        return tf.reduce_sum(hidden * w2)

    return feature


def _start_image() -> np.ndarray:
    """A grey image with a little noise, as the lesson starts from."""
    return np.random.default_rng(42).uniform(0.45, 0.55, size=(28, 28)).astype(np.float32)


def _diagnose_step(start: np.ndarray, new: np.ndarray, gradient: np.ndarray) -> None:
    """Say how a step that is not the lesson's moved the pixels (`new` is within [0, 1])."""
    delta = new - start
    unclipped = (new > 1e-6) & (new < 1 - 1e-6) & (np.abs(gradient) > 0.1 * gradient.std())
    if not unclipped.any():
        if np.all(new[gradient > 0] > 1 - 1e-6) and np.all(new[gradient < 0] < 1e-6):
            raise Wrong(TOO_FAR)
        raise Wrong(NOT_ALONG_GRADIENT)
    ratios = delta[unclipped] / gradient[unclipped]
    factor = float(np.median(ratios))
    if np.allclose(ratios, factor, rtol=1e-3, atol=0.0):  # a multiple of the gradient
        if factor < 0:
            raise Wrong(DESCENT)
        if abs(factor - 1.0) < 1e-3:
            raise Wrong(NOT_NORMALISED)
        eta = 1.0 / (gradient.std() + 1e-8)
        if abs(factor - eta) > 1e-3 * eta:
            raise Wrong(WRONG_STEP_SIZE)
        return
    moved = np.abs(delta[unclipped])
    if moved.mean() > 0 and np.allclose(moved, moved.mean(), rtol=1e-3, atol=0.0):
        agree = np.mean(np.sign(delta[unclipped]) == np.sign(gradient[unclipped]))
        raise Wrong(SIGN_STEP if agree > 0.5 else DESCENT)
    raise Wrong(NOT_ALONG_GRADIENT)


def check_ascent_step(answer: object) -> None:
    feature = _feature()
    start = _start_image()
    image = tf.Variable(start)
    value = result_of(answer, image, feature)
    new = checked_array(image, NEW_IMAGE, start.shape, SAME_SHAPE)
    if np.array_equal(new, start):
        raise Wrong(NOT_ASSIGNED)
    if np.any(new < 0.0) or np.any(new > 1.0):
        raise Wrong(NO_CLIPPING)
    start64 = start.astype(np.float64)
    watched = tf.Variable(start)
    with tf.GradientTape() as tape:
        before = feature(watched)
    gradient = tape.gradient(before, watched).numpy().astype(np.float64)
    _diagnose_step(start64, new, gradient)
    want = tf.Variable(start)
    gradient_ascent_step(want, feature)
    if not close(new, want.numpy().astype(np.float64)):
        raise Wrong(NOT_THE_STEP)
    try:
        returned = float(np.asarray(value))
    except (TypeError, ValueError):
        raise Wrong(NO_VALUE, got=type(value).__name__) from None
    if np.isclose(returned, float(before), rtol=1e-4, atol=1e-5):
        return
    if np.isclose(returned, float(feature(image)), rtol=1e-4, atol=1e-5):
        raise Wrong(VALUE_AFTER)
    raise Wrong(NOT_THE_VALUE)


ASCENT_STEP = Exercise(
    name="gradient_ascent_step",
    check=check_ascent_step,
    reference=gradient_ascent_step,
    hints=[
        Text(
            "Under `with tf.GradientTape() as tape:` compute value = feature(image); the tape "
            "watches the variable image, so tape.gradient(value, image) is the gradient with "
            "respect to the pixels.",
            "在 `with tf.GradientTape() as tape:` 里计算 value = feature(image)；梯度带会监视变量 "
            "image，所以 tape.gradient(value, image) 就是对像素的梯度。",
        ),
        Text(
            "step_size = 1.0 / (tf.math.reduce_std(gradient) + 1e-8); ascent adds "
            "step_size * gradient to the image.",
            "step_size = 1.0 / (tf.math.reduce_std(gradient) + 1e-8)；梯度上升把 "
            "step_size * gradient 加到图像上。",
        ),
        Text(
            "image.assign(tf.clip_by_value(image + step_size * gradient, 0.0, 1.0)), then "
            "return value.",
            "image.assign(tf.clip_by_value(image + step_size * gradient, 0.0, 1.0))，"
            "然后返回 value。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# receptive_field(layers): how many input pixels wide is the patch one value depends on


def receptive_field(layers):
    size, step = 1, 1  # One value; neighbouring values are 1 pixel apart.
    for kind, k in layers:
        size += (k - 1) * step  # k values, k - 1 steps from the first to the last.
        if kind == "pool":
            step *= k  # After pooling, neighbours are k times as far apart.
    return size


FIELD_CASES = (
    (("conv", 3),),
    (("conv", 5), ("pool", 2)),
    (("conv", 5), ("pool", 2), ("conv", 5)),
    (("conv", 5), ("pool", 2), ("conv", 5), ("pool", 2)),
    (("conv", 3), ("conv", 3), ("pool", 2), ("conv", 3), ("pool", 3), ("conv", 3)),
)

NOT_A_SIZE = Text(
    "the answer should be a number of pixels (an integer), got {got}.",
    "答案应当是像素的个数（一个整数），得到的是 {got}。",
)
NO_GROWING_STEP = Text(
    "right until the first pooling, too small after it: after a p×p pooling, neighbouring values "
    "are p times as far apart in the image, so each later layer's k - 1 steps cover p times as "
    "many pixels.",
    "在第一次池化之前是对的，之后就太小了：经过 p×p 的池化后，相邻的值在图像中相隔 p 倍远，"
    "所以后面每一层的 k - 1 步覆盖的像素也多 p 倍。",
)
POOL_ADDS_NOTHING = Text(
    "the steps grow after pooling, but the pooling itself adds nothing in your count: a pooled "
    "value is the max of a p×p block of values, p - 1 steps wider than one value.",
    "池化之后步子变大了，但在你的计数中池化本身没有增加任何东西：池化后的一个值是一个 p×p 区块中的"
    "最大值，比一个值宽 p - 1 步。",
)
ONE_STEP_TOO_MANY = Text(
    "too large by one step for every layer: a window of k neighbouring values spans k - 1 steps "
    "from the first to the last, as 5 values lie 4 steps apart in the lesson.",
    "每一层都多算了一步：k 个相邻的值从第一个到最后一个跨越 k - 1 步，就像本课中 5 个值相隔 4 步。",
)
NOT_THE_FIELD = Text(
    "not the width of the patch for some stacks of layers: walk the layers from the input, "
    "keeping the patch's width and the distance in pixels between neighbouring values.",
    "对某些层的组合，结果不是图块的宽度：从输入开始逐层计算，同时记住图块的宽度和相邻值在图像中"
    "相隔的像素数。",
)


def _field_no_growing_step(layers):
    return 1 + sum(k - 1 for _, k in layers)


def _field_pool_adds_nothing(layers):
    size, step = 1, 1
    for kind, k in layers:
        if kind == "pool":
            step *= k
        else:
            size += (k - 1) * step
    return size


def _field_one_step_too_many(layers):
    size, step = 1, 1
    for kind, k in layers:
        size += k * step
        if kind == "pool":
            step *= k
    return size


FIELD_MISTAKES = (
    (_field_no_growing_step, NO_GROWING_STEP),
    (_field_pool_adds_nothing, POOL_ADDS_NOTHING),
    (_field_one_step_too_many, ONE_STEP_TOO_MANY),
)


def check_receptive_field(answer: object) -> None:
    got = []
    for layers in FIELD_CASES:
        result = result_of(answer, [tuple(layer) for layer in layers])
        if isinstance(result, bool) or not isinstance(result, (int, float, np.number)):
            try:
                result = float(np.asarray(result).item())
            except (TypeError, ValueError, AttributeError):
                raise Wrong(NOT_A_SIZE, got=type(result).__name__) from None
        got.append(float(result))
    want = [receptive_field(layers) for layers in FIELD_CASES]
    if all(abs(g - w) < 1e-9 for g, w in zip(got, want)):
        return
    for mistake, text in FIELD_MISTAKES:
        if all(abs(g - mistake(layers)) < 1e-9 for g, layers in zip(got, FIELD_CASES)):
            raise Wrong(text)
    raise Wrong(NOT_THE_FIELD)


RECEPTIVE_FIELD = Exercise(
    name="receptive_field",
    check=check_receptive_field,
    reference=receptive_field,
    hints=[
        Text(
            "Keep two numbers as you go from the input: the patch's width, starting at 1 pixel, "
            "and the distance in pixels between neighbouring values of the current layer, "
            "starting at 1.",
            "从输入开始，一路记住两个数：图块的宽度，从 1 个像素开始；当前层相邻的值在图像中相隔的"
            "像素数，也从 1 开始。",
        ),
        Text(
            "A layer that reads k neighbouring values (a k×k convolution, or a k×k pooling) "
            "widens the patch by k - 1 steps of the current distance.",
            "一个读取 k 个相邻值的层（k×k 的卷积，或者 k×k 的池化）使图块加宽当前间距的 k - 1 倍。",
        ),
        Text(
            "size += (k - 1) * step for every layer; after a pooling of size k, step *= k.",
            "每一层都做 size += (k - 1) * step；大小为 k 的池化之后，再做 step *= k。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Questions

POOLED_FIELD = Question(
    name="q_pooled_field",
    check=number(
        16,
        too_low=Text(
            "{answer} is too few: the second pooling takes the largest of a 2×2 block of the "
            "second layer's values, and those are 2 pixels apart in the image.",
            "{answer} 太少了：第二次池化取第二层的值组成的 2×2 区块中的最大值，"
            "而这些值在图像中相隔 2 个像素。",
        ),
        too_high=Text(
            "{answer} is too many: the second pooling adds one value of the second layer's map "
            "to the patch, on each row, not a whole filter's width.",
            "{answer} 太多了：第二次池化在每一行上只给图块增加第二层特征图的一个值，"
            "而不是一整个滤波器的宽度。",
        ),
    ),
    reference=16,
    hints=[
        Text(
            "Start from the lesson's count for one value of the second layer's map, before its "
            "pooling; then add what the 2×2 block of the pooling adds, in pixels.",
            "从本课为第二层特征图（池化之前）的一个值数出的结果开始；再加上池化的 2×2 区块"
            "所增加的像素数。",
        )
    ],
    explanation=Text(
        "One value of the second layer's map depends on 14 pixels on a side (the lesson's 5 + "
        "2 · 4 + 1). The pooling takes the largest of 2 neighbouring values on each row, 2 pixels "
        "apart: 14 + 2 = 16.",
        "第二层特征图的一个值依赖于边长为 14 个像素的图块（本课的 5 + 2 · 4 + 1）。"
        "池化在每一行上取 2 个相邻值中的最大值，它们相隔 2 个像素：14 + 2 = 16。",
    ),
)

START_IMAGE = Question(
    name="q_start_image",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "How far does one step of the lesson's size move a typical pixel, and where do pixels "
            "end up after the clipping?",
            "本课那样大小的一步会使一个典型的像素移动多远？裁剪之后，像素停在哪里？",
        )
    ],
    explanation=Text(
        "The step is scaled so that a typical pixel changes by about 1: after a step or two, most "
        "pixels are at 0 or 1 whatever they started at, and the path from there is much the same.",
        "步长经过缩放，使一个典型的像素改变约 1：一两步之后，无论起点如何，大多数像素都已停在 0 或 "
        "1 上，从那里开始的路径也就大致相同。",
    ),
)

BLACK_OR_WHITE = Question(
    name="q_black_or_white",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "Before its ReLU the first layer is a sum of pixels times weights, plus a bias. How "
            "does the mean of its map change when one pixel far from the border grows by 1?",
            "在 ReLU 之前，第一层是像素乘以权重之和，再加上偏置。一个远离边缘的像素增加 1 时，"
            "它的特征图的均值如何变化？",
        )
    ],
    explanation=Text(
        "The map's mean is linear (affine) in the image: its gradient is the filter's sum / 784 for "
        "every pixel away from the border, so every step pushes all of them the same way, until "
        "the clipping holds them at 1 (a positive sum) or at 0 (a negative one).",
        "特征图的均值对图像是线性的（仿射的）：对每个远离边缘的像素，它的梯度都是滤波器的权重之和 / "
        "784，所以每一步都把这些像素推向同一个方向，直到裁剪把它们固定在 1（权重之和为正）或 0"
        "（权重之和为负）。",
    ),
)

PROBABILITY = Question(
    name="q_probability",
    check=choice("D"),
    reference="D",
    hints=[
        Text(
            "The derivative of the probability p_k with respect to its own logit is "
            "p_k (1 - p_k): what is it when p_k is 0.9999? And what does the lesson's step size "
            "do with a small gradient?",
            "概率 p_k 对它自己的 logit 的导数是 p_k (1 - p_k)：p_k 为 0.9999 时它是多少？"
            "本课的步长又会怎样处理一个很小的梯度？",
        )
    ],
    explanation=Text(
        "Near 1 the softmax saturates and the probability's gradient shrinks towards zero; the "
        "lesson's step divides by the gradient's standard deviation and so blows what is left back "
        "up to a full step, rounding errors included. The logit's gradient does not shrink, and "
        "adding the same number to all ten logits would change no probability.",
        "概率接近 1 时，softmax 饱和，概率的梯度缩小到接近零；本课的步长除以梯度的标准差，"
        "于是把剩下的那一点梯度放大成完整的一步，连舍入误差也一起放大。logit 的梯度不会缩小，"
        "而给全部十个 logits 加上同一个数不会改变任何概率。",
    ),
)

EXERCISES = [
    CONV_MAPS,
    FEATURE_MEANS,
    ASCENT_STEP,
    RECEPTIVE_FIELD,
    POOLED_FIELD,
    START_IMAGE,
    BLACK_OR_WHITE,
    PROBABILITY,
]
