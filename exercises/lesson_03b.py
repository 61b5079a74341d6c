"""Checked exercises of #03-B, Modern Training: a tf.data input pipeline that shuffles the whole
set anew each epoch, batch normalisation in inference, inverted dropout in training and the
learning rate of a cosine decay; and four questions."""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from .checking import array, checked_array, close, result_of, short
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#03-B Modern Training"

# ---------------------------------------------------------------------------------------------
# training_pipeline(images, cls, batch_size, seed): shuffled anew each epoch, batched, prefetched


def training_pipeline(images, cls, batch_size, seed):
    dataset = tf.data.Dataset.from_tensor_slices((images, cls))  # Each image with its label.
    # The whole set in the buffer, in a new order each epoch, drawn from the seed.
    dataset = dataset.shuffle(len(images), seed=seed, reshuffle_each_iteration=True)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


# The check's small data set: image i is 4 values, the first of them i, and its label is i % 10,
# so that every batch says which images it holds and whether their labels still match.
PIPELINE_IMAGES = 50
PIPELINE_RUNS = ((8, 3), (16, 4))  # (batch_size, seed) of the two calls that differ

NOT_A_DATASET = Text(
    "expected a tf.data.Dataset, got {got}: return the dataset itself, not its batches in a "
    "list or an iterator over it.",
    "这里需要一个 tf.data.Dataset，得到的是 {got}：返回数据集本身，而不是装在列表里的批次或它的迭代器。",
)
NOT_PAIRS = Text(
    "each element of your dataset should be a pair, a batch of images and their labels, as fit "
    "expects: make the dataset from the tuple of the two arrays.",
    "数据集的每个元素都应当是一对：一批图像和它们的标签，这是 fit 所需要的：用两个数组组成的元组来创建数据集。",
)
PAIR_SWAPPED = Text(
    "each element has the labels first and the images second: fit expects (images, labels).",
    "每个元素都是标签在前、图像在后：fit 需要的是 (images, labels)。",
)
NOT_BATCHED = Text(
    "each element of your dataset is one image, not a batch of them: batch the shuffled images, "
    "batch_size at a time.",
    "数据集的每个元素是一幅图像，而不是一批图像：把打乱后的图像分成批次，每批 batch_size 幅。",
)
ELEMENT_SHAPES = Text(
    "an element of your dataset holds images of shape {got}: each element should be a batch of "
    "whole images, each as the array gives it.",
    "数据集的一个元素中，图像的形状是 {got}：每个元素都应当是一批完整的图像，每幅都与数组中的一样。",
)
LABEL_SHAPES = Text(
    "an element of your dataset holds labels of shape {got}: one label, a class number, per image "
    "of the batch.",
    "数据集的一个元素中，标签的形状是 {got}：批次中的每幅图像一个标签，即一个类别编号。",
)
ITERATION_FAILED = Text(
    "reading your dataset raised {error}: {detail}",
    "读取你的数据集时抛出了 {error}：{detail}",
)
DROPS_LAST = Text(
    "the last, smaller batch is missing, so its images are never trained on in that epoch: keep "
    "it (batch's drop_remainder is False by default).",
    "最后那个较小的批次不见了，于是它的图像在这一轮次中从不参与训练：保留它（batch 的 drop_remainder "
    "默认是 False）。",
)
WRONG_BATCH_SIZE = Text(
    "a batch of your dataset holds {got} images: every batch but the last should hold batch_size "
    "images, the number your function is given.",
    "你的数据集中有一个批次含有 {got} 幅图像：除最后一个批次外，每个批次都应当含有 batch_size 幅图像，"
    "即传给你的函数的那个数。",
)
MISSING_OR_REPEATED = Text(
    "an epoch of your dataset does not hold every image exactly once: some are missing or come "
    "twice. One epoch is one pass over the whole set: shuffle and batch, but do not repeat, take "
    "or skip.",
    "你的数据集的一个轮次并不是每幅图像恰好一次：有些缺失，有些出现了两次。一个轮次就是把整个数据集"
    "过一遍：打乱、分批，但不要 repeat、take 或 skip。",
)
IMAGES_CHANGED = Text(
    "the images in your batches are not the images given: put them into the dataset as they are.",
    "你的批次中的图像不是传入的图像：把它们原样放进数据集。",
)
LABELS_MIXED = Text(
    "the labels no longer belong to their images: the images and the labels were shuffled apart. "
    "Put them into one dataset together, as a pair, and shuffle that, so that each image keeps "
    "its label.",
    "标签已经不属于它们的图像了：图像和标签被分别打乱了。把两者作为一对放进同一个数据集，再打乱这个数据集，"
    "这样每幅图像都保留它自己的标签。",
)
NOT_SHUFFLED = Text(
    "the images come in their original order: shuffle the dataset, so that every epoch sees them "
    "in a random order.",
    "图像按原来的顺序出现：打乱数据集，让每个轮次都以随机的顺序看到它们。",
)
SHUFFLED_AFTER_BATCH = Text(
    "each batch is a run of neighbouring images: the batches were shuffled, not the images. "
    "Shuffle before batching, so that each batch mixes images from the whole set.",
    "每个批次都是一串相邻的图像：被打乱的是批次，而不是图像。要在分批之前打乱，"
    "这样每个批次都混合了来自整个数据集的图像。",
)
SMALL_BUFFER = Text(
    "the first batches of each epoch hold only images from the start of the set: the shuffle "
    "buffer is smaller than the data set, so an image can only move a few places. Make the buffer "
    "as large as the data set, its number of images.",
    "每个轮次的前几个批次只含有数据集开头的图像：打乱用的缓冲区比数据集小，所以一幅图像只能移动几个位置。"
    "让缓冲区与数据集一样大，即等于图像的个数。",
)
SAME_ORDER_EACH_EPOCH = Text(
    "two epochs of your dataset come in the same order: the network would see the same batches "
    "every epoch. Shuffle in a new order each epoch (shuffle's reshuffle_each_iteration).",
    "你的数据集的两个轮次顺序相同：网络在每个轮次都会看到相同的批次。要让每个轮次都以新的顺序打乱"
    "（shuffle 的 reshuffle_each_iteration）。",
)
SEED_IGNORED = Text(
    "two datasets made with the same seed come in different orders: draw the shuffle from the "
    "seed your function is given (shuffle's seed argument), so that a run can be repeated.",
    "用同一个随机种子创建的两个数据集顺序不同：打乱要取自传给你的函数的随机种子（shuffle 的 seed 参数），"
    "这样一次运行才能被复现。",
)
FIXED_SEED = Text(
    "two datasets made with different seeds come in the same order: use the seed your function "
    "is given, not a number of your own.",
    "用不同的随机种子创建的两个数据集顺序相同：要使用传给你的函数的随机种子，而不是你自己的数。",
)
NO_PREFETCH = Text(
    "the dataset is not prefetched: end the pipeline with prefetch, so that the next batch is "
    "made ready while the network trains on this one.",
    "数据集没有预取：在数据管道的最后加上 prefetch，这样网络在当前批次上训练时，下一个批次已在准备之中。",
)


def pipeline_data(count: int = PIPELINE_IMAGES) -> tuple[np.ndarray, np.ndarray]:
    """`count` images of 4 values, the first of them the image's number, and their labels."""
    images = np.random.default_rng(30).random((count, 4), dtype=np.float32)
    images[:, 0] = np.arange(count)
    return images, np.arange(count) % 10


def _dataset(answer: object, batch_size: int, seed: int) -> tf.data.Dataset:
    images, cls = pipeline_data()
    dataset = result_of(answer, images, cls, batch_size, seed)
    if not isinstance(dataset, tf.data.Dataset):
        raise Wrong(NOT_A_DATASET, got=type(dataset).__name__)
    spec = dataset.element_spec
    if not isinstance(spec, tuple) or len(spec) != 2:
        raise Wrong(NOT_PAIRS)
    return dataset


def _epoch(dataset: tf.data.Dataset, batch_size: int) -> np.ndarray:
    """One epoch of the learner's dataset, checked to be batches of the images and labels given:
    the images' numbers in the order they came."""
    images, cls = pipeline_data()
    try:
        batches = [(np.asarray(x), np.asarray(y)) for x, y in dataset]
    except Exception as error:  # noqa: BLE001  (the learner's pipeline fails: say how)
        raise Wrong(ITERATION_FAILED, error=type(error).__name__, detail=short(error)) from None
    for x, y in batches:
        if x.ndim == 1 and y.ndim == 2:
            raise Wrong(PAIR_SWAPPED)
        if x.shape == images.shape[1:]:
            raise Wrong(NOT_BATCHED)
        if x.ndim != 2 or x.shape[1:] != images.shape[1:]:
            raise Wrong(ELEMENT_SHAPES, got=tuple(x.shape))
        if y.shape != x.shape[:1]:
            raise Wrong(LABEL_SHAPES, got=tuple(y.shape))
    sizes = sorted((len(x) for x, _ in batches), reverse=True)
    count = len(images)
    full, rest = divmod(count, batch_size)
    if sizes != [batch_size] * full + [rest] * (rest > 0):
        if sizes == [batch_size] * full:
            raise Wrong(DROPS_LAST)
        if sum(sizes) != count or sizes[0] == batch_size:
            raise Wrong(MISSING_OR_REPEATED)
        raise Wrong(WRONG_BATCH_SIZE, got=sizes[0])
    got_images = np.concatenate([x for x, _ in batches]).astype(np.float64)
    got_cls = np.concatenate([y for _, y in batches])
    numbers = np.round(got_images[:, 0]).astype(np.int64)
    if not np.array_equal(np.sort(numbers), np.arange(count)):
        raise Wrong(MISSING_OR_REPEATED)
    if not np.allclose(got_images, images[numbers]):
        raise Wrong(IMAGES_CHANGED)
    if not np.array_equal(got_cls, cls[numbers]):
        raise Wrong(LABELS_MIXED)
    if np.array_equal(numbers, np.arange(count)):
        raise Wrong(NOT_SHUFFLED)
    runs = [np.ptp(x[:, 0]) == len(x) - 1 for x, _ in batches]
    if all(runs):
        raise Wrong(SHUFFLED_AFTER_BATCH)
    return numbers


def _moved_ahead(numbers: np.ndarray) -> int:
    """How far ahead of its place in the data set an image came: a shuffle buffer of b images
    brings an image at most b - 1 places forward, a shuffle of the whole set about all the way."""
    return int(np.max(numbers - np.arange(len(numbers))))


def _operations(dataset: tf.data.Dataset) -> set[str]:
    """The tf.data operations the dataset is made of: its graph's nodes, wherever in the
    pipeline they are (also under with_options or a later map)."""
    try:
        ignore = tf.data.experimental.ExternalStatePolicy.IGNORE  # no warning for py_function
        serialized = dataset._as_serialized_graph(external_state_policy=ignore)
        graph = tf.compat.v1.GraphDef.FromString(serialized.numpy())
        return {node.op for node in graph.node}
    except Exception:  # noqa: BLE001  (a graph tf.data cannot serialise: walk the Python objects)
        names, todo = set(), [dataset]
        while todo:
            current = todo.pop()
            names.add(type(current).__name__)
            todo.extend(current._inputs())
        return names


def check_training_pipeline(answer: object) -> None:
    (batch_size, seed), (other_batch_size, other_seed) = PIPELINE_RUNS
    dataset = _dataset(answer, batch_size, seed)
    first = _epoch(dataset, batch_size)
    second = _epoch(dataset, batch_size)
    # A full shuffle brings some image 25 or more places forward, except with a probability of
    # about 4e-5 per epoch; a buffer of 25 images or fewer never does.
    if max(_moved_ahead(first), _moved_ahead(second)) < PIPELINE_IMAGES // 2:
        raise Wrong(SMALL_BUFFER)
    if np.array_equal(first, second):
        raise Wrong(SAME_ORDER_EACH_EPOCH)
    again = _epoch(_dataset(answer, batch_size, seed), batch_size)
    if not np.array_equal(again, first):
        raise Wrong(SEED_IGNORED)
    other = _epoch(_dataset(answer, other_batch_size, other_seed), other_batch_size)
    if np.array_equal(other, first):
        raise Wrong(FIXED_SEED)
    if not any("Prefetch" in name for name in _operations(dataset)):
        raise Wrong(NO_PREFETCH)


TRAINING_PIPELINE = Exercise(
    name="training_pipeline",
    check=check_training_pipeline,
    reference=training_pipeline,
    hints=[
        Text(
            "Start from tf.data.Dataset.from_tensor_slices((images, cls)): one element per "
            "image, the image with its label. Then shuffle, batch and prefetch, in that order.",
            "从 tf.data.Dataset.from_tensor_slices((images, cls)) 开始：每幅图像一个元素，"
            "图像和它的标签在一起。然后依次打乱、分批、预取。",
        ),
        Text(
            "shuffle(buffer_size, seed=..., reshuffle_each_iteration=...): a buffer of "
            "len(images) holds the whole set, so any image can come first; the seed is the one "
            "your function is given; reshuffling gives each epoch a new order.",
            "shuffle(buffer_size, seed=..., reshuffle_each_iteration=...)：大小为 len(images) 的"
            "缓冲区装得下整个数据集，于是任何一幅图像都可能排在最前面；随机种子就是传给你的函数的那个；"
            "重新打乱让每个轮次都有新的顺序。",
        ),
        Text(
            "dataset.shuffle(len(images), seed=seed, reshuffle_each_iteration=True), then "
            ".batch(batch_size), then .prefetch(tf.data.AUTOTUNE).",
            "dataset.shuffle(len(images), seed=seed, reshuffle_each_iteration=True)，然后 "
            ".batch(batch_size)，再 .prefetch(tf.data.AUTOTUNE)。",
        ),
    ],
    explanation=Text(
        "Shuffling single images before batching gives every batch a mix of the whole set, and "
        "the new order each epoch gives new batches; the seed makes the run repeatable. prefetch "
        "lets tf.data prepare the next batch while the network trains on this one.",
        "在分批之前打乱单幅图像，使每个批次都混合了整个数据集中的图像；每个轮次的新顺序带来新的批次；"
        "随机种子使这次运行可以复现。prefetch 让 tf.data 在网络训练当前批次时准备下一个批次。",
    ),
)

# ---------------------------------------------------------------------------------------------
# batch_norm_inference(x, gamma, beta, moving_mean, moving_variance, epsilon): BatchNormalization
# with training=False, in NumPy


def batch_norm_inference(x, gamma, beta, moving_mean, moving_variance, epsilon):
    # One value of each argument per channel, the last axis of x: NumPy's broadcasting.
    normalised = (x - moving_mean) / np.sqrt(moving_variance + epsilon)
    return gamma * normalised + beta


NORM_SHAPE = (4, 3, 3, 5)  # images, height, width, channels
NORM_EPSILON = 0.5  # much larger than Keras's 0.001, so that forgetting it shows

NORMALISED = Text("your result", "你的结果")
SAME_SHAPE = Text("the exercise asks for the shape of x", "题目要求与 x 的形状相同")
NO_EPSILON = Text(
    "your values are those of epsilon = 0: add epsilon to the variance, under the square root, "
    "as the layer does; it keeps the division safe where a channel's variance is near zero.",
    "你的值相当于 epsilon = 0：像这个层那样，在平方根下把 epsilon 加到方差上；"
    "它让方差接近零的通道上的除法也不出问题。",
)
VARIANCE_NOT_ROOT = Text(
    "you divided by the variance: divide by the standard deviation, its square root (with "
    "epsilon added to the variance), so that each channel's values spread about 1 around 0.",
    "你除以的是方差：应当除以标准差，即方差（加上 epsilon 之后）的平方根，这样每个通道的值都以 0 为中心、"
    "离散程度约为 1。",
)
EPSILON_OUTSIDE = Text(
    "epsilon is added after the square root: the layer adds it to the variance, under the square "
    "root.",
    "epsilon 是在开平方之后加上的：这个层把它加在方差上，在平方根之下。",
)
GAMMA_BETA_SWAPPED = Text(
    "gamma and beta are swapped: gamma scales the normalised values, beta shifts them.",
    "gamma 和 beta 弄反了：gamma 缩放归一化后的值，beta 平移它们。",
)
BATCH_STATISTICS = Text(
    "you normalised with the mean and variance of this batch of x: that is what the layer does "
    "in training. In inference it uses the moving mean and variance it kept during training (the "
    "arguments), so that an image's output does not depend on the other images of its batch.",
    "你用的是 x 这一批自己的均值和方差：这是该层在训练时做的。推理时它使用训练期间保存下来的移动均值和"
    "移动方差（即这些参数），这样一幅图像的输出不依赖于同一批次中的其他图像。",
)
NO_SCALE_SHIFT = Text(
    "your values are normalised but not scaled and shifted: the layer then multiplies by gamma "
    "and adds beta, its two learned weights per channel.",
    "你的值归一化了，但没有缩放和平移：该层接着要乘以 gamma 再加上 beta，它们是该层每个通道的两个学到的权重。",
)
NOT_BATCH_NORM = Text(
    "the shape is right, but the values are not what keras.layers.BatchNormalization computes "
    "with training=False: check each step of the normalisation, channel by channel (the last "
    "axis of x).",
    "形状对了，但数值不是 keras.layers.BatchNormalization 在 training=False 时算出的结果："
    "逐个通道（x 的最后一个轴）检查归一化的每一步。",
)


def norm_case() -> tuple[np.ndarray, ...]:
    """x of 4 images of 3×3 pixels and 5 channels, and the layer's 4 weights per channel."""
    rng = np.random.default_rng(31)
    channels = NORM_SHAPE[-1]
    x = (rng.normal(size=NORM_SHAPE) * 2 + rng.normal(size=channels) * 3).astype(np.float32)
    gamma = rng.uniform(0.5, 2.0, size=channels).astype(np.float32)
    beta = rng.normal(size=channels).astype(np.float32)
    moving_mean = rng.normal(size=channels).astype(np.float32)
    moving_variance = rng.uniform(0.1, 1.0, size=channels).astype(np.float32)
    return x, gamma, beta, moving_mean, moving_variance


def keras_batch_norm(x, gamma, beta, moving_mean, moving_variance, epsilon, training=False):
    """What Keras's own layer gives, with these weights."""
    layer = keras.layers.BatchNormalization(epsilon=epsilon)
    layer.build(x.shape)
    layer.set_weights([gamma, beta, moving_mean, moving_variance])
    return np.asarray(layer(x, training=training), dtype=np.float64)


def check_batch_norm_inference(answer: object) -> None:
    x, gamma, beta, mean, variance = norm_case()
    eps = NORM_EPSILON
    want = keras_batch_norm(x, gamma, beta, mean, variance, eps)
    given = [a.copy() for a in (x, gamma, beta, mean, variance)]
    result = result_of(answer, *given, eps)
    got = checked_array(result, NORMALISED, x.shape, SAME_SHAPE)
    if close(got, want):
        return
    x, gamma, beta, mean, variance = (
        a.astype(np.float64) for a in (x, gamma, beta, mean, variance)
    )
    batch_mean, batch_variance = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))
    mistakes = [
        (gamma * (x - mean) / np.sqrt(variance) + beta, NO_EPSILON),
        (gamma * (x - mean) / (variance + eps) + beta, VARIANCE_NOT_ROOT),
        (gamma * (x - mean) / variance + beta, VARIANCE_NOT_ROOT),
        (gamma * (x - mean) / (np.sqrt(variance) + eps) + beta, EPSILON_OUTSIDE),
        (beta * (x - mean) / np.sqrt(variance + eps) + gamma, GAMMA_BETA_SWAPPED),
        (gamma * (x - batch_mean) / np.sqrt(batch_variance + eps) + beta, BATCH_STATISTICS),
        (gamma * (x - batch_mean) / np.sqrt(batch_variance) + beta, BATCH_STATISTICS),
        ((x - mean) / np.sqrt(variance + eps), NO_SCALE_SHIFT),
    ]
    for values, text in mistakes:
        if close(got, values):
            raise Wrong(text)
    raise Wrong(NOT_BATCH_NORM)


BATCH_NORM_INFERENCE = Exercise(
    name="batch_norm_inference",
    check=check_batch_norm_inference,
    reference=batch_norm_inference,
    hints=[
        Text(
            "In inference the layer uses no statistics of x: only the moving mean and variance "
            "it is given, one of each per channel.",
            "推理时该层不使用 x 的任何统计量：只使用传入的移动均值和移动方差，每个通道各一个。",
        ),
        Text(
            "gamma, beta, moving_mean and moving_variance have one value per channel, the last "
            "axis of x: NumPy's broadcasting applies them to every pixel without a loop.",
            "gamma、beta、moving_mean 和 moving_variance 每个通道一个值，对应 x 的最后一个轴："
            "NumPy 的广播会把它们用到每个像素上，不需要循环。",
        ),
        Text(
            "Subtract moving_mean, divide by np.sqrt(moving_variance + epsilon), then multiply by "
            "gamma and add beta.",
            "减去 moving_mean，除以 np.sqrt(moving_variance + epsilon)，再乘以 gamma、加上 beta。",
        ),
    ],
    explanation=Text(
        "In inference batch normalisation is a fixed scale and shift per channel, so an image "
        "gets the same output in any batch. In training the layer normalises with the batch's own "
        "mean and variance instead, and moves the moving averages a little towards them.",
        "推理时批归一化就是每个通道一个固定的缩放和平移，所以一幅图像在任何批次中都得到相同的输出。"
        "训练时该层则用这一批自己的均值和方差来归一化，并让移动平均值向它们靠近一点。",
    ),
)

# ---------------------------------------------------------------------------------------------
# dropout(x, rate, rng): inverted dropout, as Keras applies it in training


def dropout(x, rate, rng):
    keep = rng.random(x.shape) >= rate  # Each value kept with probability 1 - rate.
    return np.where(keep, x / (1 - rate), 0.0)  # The kept ones scaled up: the mean stays.


DROPOUT_SHAPE = (100, 100)
DROPOUT_RATES = (0.3, 0.6)
SHARE_TOLERANCE = 0.03  # about 6 standard deviations of the share of 10,000 values dropped
MEAN_TOLERANCE = 0.05  # relative; about 7 standard deviations of the output's mean

DROPPED = Text("your output", "你的输出")
IN_PLACE = Text(
    "your function changed x itself: a layer's input may still be needed (for the gradient, by "
    "another layer). Compute a new array and leave x as it is.",
    "你的函数修改了 x 本身：一个层的输入之后可能还要用到（计算梯度时，或被另一个层使用）。"
    "要计算一个新的数组，让 x 保持原样。",
)
NOTHING_DROPPED = Text(
    "no value was set to 0: each value should be dropped, set to 0, with probability rate.",
    "没有任何值被置为 0：每个值都应当以概率 rate 被丢弃，即置为 0。",
)
KEEPS_RATE = Text(
    "about a share rate of the values are kept and the others set to 0: rate is the share to "
    "drop, not the share to keep.",
    "大约有 rate 比例的值被保留，其余的被置为 0：rate 是要丢弃的比例，而不是要保留的比例。",
)
WRONG_SHARE = Text(
    "a share of {got} of the values is 0, far from rate: set each value to 0 with probability "
    "rate, independently of the others.",
    "有 {got} 比例的值是 0，与 rate 相差很远：每个值都要独立地以概率 rate 被置为 0。",
)
NOT_RESCALED = Text(
    "the kept values are unchanged: Keras scales them up, dividing by the share kept, so that "
    "the next layer gets inputs of the same size on average in training and in inference.",
    "保留下来的值没有改变：Keras 会把它们放大，即除以保留的比例，这样下一层在训练时和推理时"
    "得到的输入平均来说一样大。",
)
MULTIPLIED = Text(
    "the kept values were multiplied by the share kept, so they got smaller: they should grow, "
    "to make up for the values dropped.",
    "保留下来的值乘以了保留的比例，于是变小了：它们应当变大，以弥补被丢弃的值。",
)
KEPT_WRONG = Text(
    "the values that are not 0 are not the input's values scaled as Keras scales them: keep "
    "each value or set it to 0, then scale the kept ones, value by value.",
    "不为 0 的值并不是按 Keras 的方式缩放后的输入值：每个值要么保留，要么置为 0，然后逐个缩放保留下来的值。",
)
MEAN_CHANGED = Text(
    "the mean of your output is far from the mean of x: the scaling of the kept values should "
    "make up for the values dropped, on average.",
    "你的输出的均值与 x 的均值相差很远：对保留值的缩放应当在平均意义上弥补被丢弃的值。",
)
SAME_MASK = Text(
    "two calls with the same generator dropped the same values: draw from the generator rng "
    "passed in, which moves on at each call, not from a new generator with a fixed seed.",
    "用同一个生成器调用两次，丢弃的是相同的值：要从传入的生成器 rng 抽取（它每调用一次都会前进），"
    "而不是从一个随机种子固定的新生成器抽取。",
)
GLOBAL_RANDOM = Text(
    "two generators made with the same seed dropped different values: the zeros do not come "
    "from rng. Draw with rng (rng.random), not with np.random's global functions, so that a run "
    "can be repeated.",
    "用同一个随机种子创建的两个生成器丢弃了不同的值：这些 0 不是来自 rng。要用 rng 抽取"
    "（rng.random），而不是 np.random 的全局函数，这样一次运行才能被复现。",
)


def dropout_input(shape: tuple[int, ...] = DROPOUT_SHAPE) -> np.ndarray:
    """Activations between 1 and 2: none is 0, so every 0 of the output was dropped."""
    return (1 + np.random.default_rng(32).random(shape)).astype(np.float32)


def _dropped(answer: object, x: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    given = x.copy()
    result = result_of(answer, given, rate, rng)
    got = checked_array(result, DROPPED, x.shape, SAME_SHAPE)
    if not np.array_equal(given, x):
        raise Wrong(IN_PLACE)
    return got


def _check_dropped(got: np.ndarray, x: np.ndarray, rate: float) -> None:
    """The share of zeros, the kept values and the mean of one call's output."""
    zeros = got == 0
    share = float(np.mean(zeros))
    if share == 0:
        raise Wrong(NOTHING_DROPPED)
    if abs(share - (1 - rate)) <= SHARE_TOLERANCE:
        raise Wrong(KEEPS_RATE)
    if abs(share - rate) > SHARE_TOLERANCE:
        raise Wrong(WRONG_SHARE, got=f"{share:.2f}")
    kept, inputs = got[~zeros], x[~zeros].astype(np.float64)
    if not close(kept, inputs / (1 - rate)):
        if close(kept, inputs):
            raise Wrong(NOT_RESCALED)
        if close(kept, inputs * (1 - rate)):
            raise Wrong(MULTIPLIED)
        raise Wrong(KEPT_WRONG)
    if abs(got.mean() / x.mean() - 1) > MEAN_TOLERANCE:
        raise Wrong(MEAN_CHANGED)


def check_dropout(answer: object) -> None:
    x = dropout_input()
    rate, other_rate = DROPOUT_RATES
    rng = np.random.default_rng(33)
    first = _dropped(answer, x, rate, rng)
    _check_dropped(first, x, rate)
    second = _dropped(answer, x, rate, rng)
    if np.array_equal(first == 0, second == 0):
        raise Wrong(SAME_MASK)
    again = _dropped(answer, x, rate, np.random.default_rng(33))
    if not np.array_equal(first == 0, again == 0):
        raise Wrong(GLOBAL_RANDOM)
    # Another rate and shape: the arguments are used, not the numbers of the first call.
    x = dropout_input((50, 40))
    _check_dropped(_dropped(answer, x, other_rate, np.random.default_rng(34)), x, other_rate)


DROPOUT = Exercise(
    name="dropout",
    check=check_dropout,
    reference=dropout,
    hints=[
        Text(
            "rng.random(x.shape) draws one number between 0 and 1 for each value of x; each is "
            "below rate with probability rate.",
            "rng.random(x.shape) 为 x 的每个值抽取一个 0 到 1 之间的数；每个数以概率 rate 小于 rate。",
        ),
        Text(
            "A boolean mask of the values to keep; np.where(keep, ..., 0.0) makes a new array "
            "and leaves x as it is.",
            "用一个布尔掩码表示要保留的值；np.where(keep, ..., 0.0) 生成一个新的数组，让 x 保持原样。",
        ),
        Text(
            "keep = rng.random(x.shape) >= rate, then np.where(keep, x / (1 - rate), 0.0).",
            "keep = rng.random(x.shape) >= rate，然后 np.where(keep, x / (1 - rate), 0.0)。",
        ),
    ],
    explanation=Text(
        "Dividing the kept values by 1 - rate keeps each value's expected value: in inference "
        "the layer passes x through unchanged, and the next layer gets inputs of the same size "
        "on average as in training.",
        "把保留下来的值除以 1 - rate，使每个值的期望保持不变：推理时该层原样输出 x，"
        "下一层得到的输入平均来说与训练时一样大。",
    ),
)

# ---------------------------------------------------------------------------------------------
# cosine_learning_rate(step, decay_steps, initial): keras.optimizers.schedules.CosineDecay


def cosine_learning_rate(step, decay_steps, initial):
    done = min(step, decay_steps) / decay_steps  # The share of the decay done, at most 1.
    return initial * (1 + np.cos(np.pi * done)) / 2


# (initial, decay_steps, steps): the start, the quarters, the end and beyond it.
COSINE_CASES = (
    (0.004, 1000, (0, 250, 500, 750, 1000, 1500, 2000)),
    (0.01, 600, (0, 100, 300, 599, 600, 900)),
)

RATE = Text("your learning rate", "你的学习率")
NOT_ONE_NUMBER = Text(
    "expected one number, the learning rate at that step, got {got} values.",
    "这里需要一个数，即这一步的学习率，得到的是 {got} 个值。",
)
STARTS_TWICE = Text(
    "at step 0 your rate is twice the initial one: 1 + cos goes from 2 down to 0, so halve it.",
    "在第 0 步你的学习率是初始值的两倍：1 + cos 从 2 降到 0，所以要除以 2。",
)
NO_CLAMP = Text(
    "right until decay_steps, but after it your rate rises again, as the cosine goes on round "
    "its circle: Keras holds the rate at its end value once step passes decay_steps.",
    "在 decay_steps 之前都对，但之后你的学习率又升高了，因为余弦还在沿着圆周继续转：一旦 step 超过 "
    "decay_steps，Keras 就把学习率保持在它的终值上。",
)
ANGLE = Text(
    "your rate does not fall from initial to 0 along half a cosine wave: the angle should go from "
    "0 at step 0 to π at decay_steps, in radians, as np.cos expects.",
    "你的学习率并没有沿着半个余弦波从 initial 降到 0：角度应当从第 0 步的 0 变到 decay_steps 时的 π，"
    "以弧度计，这是 np.cos 所要求的。",
)
LINEAR = Text(
    "your rate falls in a straight line: a cosine decay falls slowly at first and at the end, "
    "fastest in the middle. Use the cosine of the share of the decay done.",
    "你的学习率沿直线下降：余弦衰减在开始和结束时下降得慢，在中间下降得最快。要用已完成的衰减比例的余弦。",
)
NOT_COSINE = Text(
    "your rates differ from those of keras.optimizers.schedules.CosineDecay(initial, "
    "decay_steps) at some steps: check the start (step 0), the middle and the end (decay_steps "
    "and beyond).",
    "在某些步上，你的学习率与 keras.optimizers.schedules.CosineDecay(initial, decay_steps) 的不同："
    "检查开始（第 0 步）、中间和结束（decay_steps 及之后）。",
)


def _one_number(value: object) -> float:
    got = array(value, RATE)
    if got.size != 1:
        raise Wrong(NOT_ONE_NUMBER, got=got.size)
    return float(got.reshape(()))


def _cosine_mistakes(initial: float, decay_steps: int, steps: np.ndarray) -> list:
    done = np.minimum(steps, decay_steps) / decay_steps
    return [
        (initial * (1 + np.cos(np.pi * done)), STARTS_TWICE),
        (initial * (1 + np.cos(np.pi * steps / decay_steps)) / 2, NO_CLAMP),
        (initial * (1 + np.cos(done)) / 2, ANGLE),
        (initial * (1 + np.cos(180 * done)) / 2, ANGLE),
        (initial * (1 + np.cos(np.radians(done))) / 2, ANGLE),
        (initial * (1 - done), LINEAR),
    ]


def check_cosine_learning_rate(answer: object) -> None:
    for initial, decay_steps, steps in COSINE_CASES:
        schedule = keras.optimizers.schedules.CosineDecay(initial, decay_steps)
        want = np.array([float(schedule(step)) for step in steps])
        got = np.array(
            [_one_number(result_of(answer, step, decay_steps, initial)) for step in steps]
        )
        if not np.all(np.isfinite(got)):
            raise Wrong(NOT_COSINE)
        # Keras computes in float32: a relative tolerance, and an absolute one far below a step.
        if np.allclose(got, want, rtol=1e-4, atol=initial * 1e-6):
            continue
        for values, text in _cosine_mistakes(initial, decay_steps, np.array(steps)):
            if np.allclose(got, values, rtol=1e-4, atol=initial * 1e-6):
                raise Wrong(text)
        raise Wrong(NOT_COSINE)


COSINE_LEARNING_RATE = Exercise(
    name="cosine_learning_rate",
    check=check_cosine_learning_rate,
    reference=cosine_learning_rate,
    hints=[
        Text(
            "The share of the decay done, step / decay_steps, goes from 0 to 1; after decay_steps "
            "it stays at 1 (the smaller of step and decay_steps).",
            "已完成的衰减比例 step / decay_steps 从 0 增长到 1；decay_steps 之后它保持为 1"
            "（取 step 和 decay_steps 中较小的那个）。",
        ),
        Text(
            "cos(π · share) goes from 1 to -1: (1 + cos(π · share)) / 2 goes from 1 to 0. Multiply "
            "by the initial rate.",
            "cos(π · 比例) 从 1 变到 -1：(1 + cos(π · 比例)) / 2 从 1 变到 0。再乘以初始学习率。",
        ),
        Text(
            "done = min(step, decay_steps) / decay_steps, then "
            "initial * (1 + np.cos(np.pi * done)) / 2.",
            "done = min(step, decay_steps) / decay_steps，然后 "
            "initial * (1 + np.cos(np.pi * done)) / 2。",
        ),
    ],
    explanation=Text(
        "The rate stays near its start while the network makes its first progress, falls "
        "fastest halfway, and ends near 0, where small steps settle the weights; after "
        "decay_steps it stays at the end value (alpha, here 0).",
        "学习率在网络取得最初进展时保持在起始值附近，在一半处下降得最快，最后接近 0，在那里小步子让权重稳定下来；"
        "decay_steps 之后它保持在终值（alpha，这里是 0）。",
    ),
)

# ---------------------------------------------------------------------------------------------
# Questions

GAP_PARAMETERS = Question(
    name="q_gap_parameters",
    check=number(
        650,
        too_low=Text(
            "{answer} is too few: each of the 10 neurons has a weight for every one of its "
            "inputs, and a bias of its own.",
            "{answer} 太少了：10 个神经元中的每一个都对它的每个输入有一个权重，另有一个自己的偏置。",
        ),
        too_high=Text(
            "{answer} is too many: global average pooling leaves one value per feature map, the "
            "mean of its pixels, so the Dense layer has only as many inputs as there are feature "
            "maps.",
            "{answer} 太多了：全局平均池化让每个特征图只剩下一个值，即其各像素的均值，"
            "所以 Dense 层的输入个数就等于特征图的个数。",
        ),
    ),
    reference=650,
    hints=[
        Text(
            "GlobalAveragePooling2D turns each feature map into one number, its mean. A Dense "
            "layer has one weight per input and neuron, and one bias per neuron.",
            "GlobalAveragePooling2D 把每个特征图变成一个数，即它的均值。Dense 层对每个输入和每个神经元"
            "各有一个权重，每个神经元还有一个偏置。",
        )
    ],
    explanation=Text(
        "64 inputs, one mean per feature map: 64 × 10 weights and 10 biases, 650 parameters. "
        "After Flatten the same layer would have 7 × 7 × 64 = 3,136 inputs and 31,370 parameters, "
        "48 times as many; and the pooled network does not care where in the image a feature is.",
        "64 个输入，每个特征图一个均值：64 × 10 个权重加 10 个偏置，共 650 个参数。若用 Flatten，"
        "同一层会有 7 × 7 × 64 = 3,136 个输入和 31,370 个参数，是前者的 48 倍；"
        "而且经过池化的网络不在乎某个特征出现在图像中的哪个位置。",
    ),
)

TRAINING_ONLY = Question(
    name="q_training_only",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "Which layers use something random, or statistics of the batch, and what do they do "
            "when evaluate or predict calls them?",
            "哪些层使用了随机数，或者这一批次的统计量？evaluate 或 predict 调用它们时，它们做什么？",
        )
    ],
    explanation=Text(
        "BatchNormalization normalises with the batch's own mean and variance in training and "
        "with its moving averages in inference; Dropout sets values to 0 only in training; the "
        "random augmentation layers move, turn or zoom the images only in training and pass them "
        "through unchanged in inference. Conv2D, Dense and the pooling layers compute the same "
        "either way.",
        "BatchNormalization 在训练时用这一批自己的均值和方差归一化，在推理时用它的移动平均值；"
        "Dropout 只在训练时把值置为 0；随机数据增强层只在训练时平移、旋转或缩放图像，推理时原样输出。"
        "Conv2D、Dense 和各池化层在两种情况下算的都一样。",
    ),
)

RECEPTIVE_FIELD = Question(
    name="q_receptive_field",
    check=number(
        5,
        too_low=Text(
            "{answer} is too few: each value of the second layer depends on 3×3 values of the "
            "first layer's output, and each of those on a 3×3 square of the input, one pixel "
            "further along.",
            "{answer} 太少了：第二层的每个值依赖于第一层输出的 3×3 个值，而其中每个值又依赖于输入中"
            "一个 3×3 的方块，彼此错开一个像素。",
        ),
        too_high=Text(
            "{answer} is too many: neighbouring values of the first layer's output are one pixel "
            "apart, so their 3×3 squares overlap; count the pixels of the square they cover "
            "together.",
            "{answer} 太多了：第一层输出中相邻的值只相隔一个像素，所以它们的 3×3 方块是重叠的；"
            "数一数它们合起来覆盖的方块有多少个像素。",
        ),
    ),
    reference=5,
    hints=[
        Text(
            "Draw one row: a value of the second layer sees 3 neighbouring values of the first "
            "layer's output; each of those sees 3 neighbouring pixels, starting one pixel after "
            "the one before.",
            "画出一行：第二层的一个值看到第一层输出中 3 个相邻的值；其中每个值看到 3 个相邻的像素，"
            "起点比前一个值的起点错后一个像素。",
        )
    ],
    explanation=Text(
        "The 3 values of a row are 1 pixel apart, and each covers 3 pixels: 3 + 2 = 5 pixels per "
        "side, as a single 5×5 layer sees, but with 2 × 9 = 18 weights per pair of channels "
        "instead of 25, and a ReLU in between.",
        "一行中的 3 个值彼此相隔 1 个像素，每个覆盖 3 个像素：每边 3 + 2 = 5 个像素，与单个 5×5 的层"
        "看到的一样，但每对通道只需 2 × 9 = 18 个权重而不是 25 个，中间还多了一个 ReLU。",
    ),
)

STANDARD_ERROR = Question(
    name="q_standard_error",
    check=number(
        0.03,
        tolerance=0.0051,
        too_low=Text(
            "{answer} is too small: answer in percentage points, the accuracies' own unit (not a "
            "fraction), and take the sample standard deviation, with n - 1 in the denominator.",
            "{answer} 太小了：要用百分点作答，即准确率自己的单位（不是比例），并取样本标准差，"
            "分母是 n - 1。",
        ),
        too_high=Text(
            "{answer} is too large: the standard error of a mean is the standard deviation of the "
            "values divided by the square root of their number.",
            "{answer} 太大了：均值的标准误差是这些值的标准差除以它们个数的平方根。",
        ),
    ),
    reference=0.03,
    hints=[
        Text(
            "The mean is 99.51 %. Square each accuracy's difference from it, add them up, divide "
            "by n - 1 and take the square root: that is the sample standard deviation.",
            "均值是 99.51 %。把每个准确率与均值之差平方后相加，除以 n - 1，再开平方：这就是样本标准差。",
        )
    ],
    explanation=Text(
        "The differences from the mean 99.51 are -0.01, 0.05 and -0.04; their squares add up to "
        "0.0042; divided by 2 and rooted, 0.046 points; divided by sqrt(3), 0.026, about 0.03 "
        "percentage points. Three seeds say little: a difference between two such means of less "
        "than about 0.1 points is within the noise.",
        "与均值 99.51 之差为 -0.01、0.05 和 -0.04；它们的平方和是 0.0042；除以 2 再开平方，得 0.046 "
        "个百分点；再除以 sqrt(3)，得 0.026，约 0.03 个百分点。三个随机种子说明不了多少：两个这样的均值"
        "相差不到约 0.1 个百分点时，还在噪声之内。",
    ),
)

EXERCISES = [
    TRAINING_PIPELINE,
    BATCH_NORM_INFERENCE,
    DROPOUT,
    COSINE_LEARNING_RATE,
    GAP_PARAMETERS,
    TRAINING_ONLY,
    RECEPTIVE_FIELD,
    STANDARD_ERROR,
]
