"""Checked exercises of #12, Adversarial Noise: the noisy images, the noise's loss, the noise's
training step, the immunity step, the size of a noise; and four questions.

The checks run on a tiny network with fixed weights (784 -> 32 -> 10), not on tutorial #02's
trained one: the steps are the same whatever the network, and the checks stay fast.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from .checking import array, checked_array, close, fixed_images, fixed_labels, one_hot, result_of
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#12 Adversarial Noise"

PIXELS = 784
CLASSES = 10
TARGET = 7  # not the lesson's 3, so that a target copied from the lesson shows
LIMIT = 0.3  # not the lesson's 0.35, so that a limit copied from the lesson shows
L2_WEIGHT = 0.05  # not the lesson's 0.02, for the same reason
LEARNING_RATE = 0.5  # SGD: the step's size follows the gradient's (Adam's first step would not)


def _tiny_network(seed: int = 12) -> keras.Model:
    """A small network with fixed weights: 784 pixels -> 32 ReLU units -> 10 logits."""
    rng = np.random.default_rng(seed)
    model = keras.Sequential(
        [
            keras.Input((PIXELS,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(CLASSES),
        ]
    )
    model.set_weights(
        [
            rng.normal(scale=0.1, size=(PIXELS, 32)).astype(np.float32),
            rng.normal(scale=0.1, size=32).astype(np.float32),
            rng.normal(scale=0.3, size=(32, CLASSES)).astype(np.float32),
            rng.normal(scale=0.1, size=CLASSES).astype(np.float32),
        ]
    )
    return model


def _fixed_noise(seed: int, limit: float = LIMIT, at_limit: float = 0.25) -> np.ndarray:
    """A noise within +-limit, a share of its pixels exactly at the limit (where a step that is
    not clipped goes beyond it)."""
    rng = np.random.default_rng(seed)
    noise = rng.uniform(-limit, limit, PIXELS).astype(np.float32)
    edge = rng.random(PIXELS) < at_limit
    noise[edge] = np.where(rng.random(edge.sum()) < 0.5, -limit, limit).astype(np.float32)
    return noise


def _flat(variables: list) -> np.ndarray:
    return np.concatenate([np.asarray(v).ravel() for v in variables])


def _mean_cross_entropy(logits, labels) -> tf.Tensor:
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def _targets(target_cls: int, count: int) -> tf.Tensor:
    return tf.one_hot([target_cls] * count, CLASSES)


def _direction(step: np.ndarray, want: np.ndarray) -> tuple[float, float]:
    """The cosine between two steps, and the size of the first along the second."""
    dot = float(np.sum(step * want))
    norms = float(np.linalg.norm(step) * np.linalg.norm(want))
    return (dot / norms if norms else 0.0), (dot / float(np.sum(want**2)) if norms else 0.0)


WRONG_STEP_SIZE = Text(
    "the step goes in the right direction but is of another size: use the batch's mean "
    "cross-entropy (not its sum) and let the optimizer apply the gradient "
    "(optimizer.apply_gradients), so that its learning rate is used.",
    "这一步的方向对，但大小不对：使用这一批的平均交叉熵（而不是总和），并让优化器应用梯度"
    "（optimizer.apply_gradients），这样才会用到它的学习率。",
)
NO_LOSS = Text(
    "the step should return the batch's loss (a number), got {got}.",
    "这一步应当返回这一批的损失（一个数），得到的是 {got}。",
)
NOT_THE_LOSS = Text(
    "the step changed the right variables in the right way, but the loss it returns is not the "
    "batch's mean cross-entropy before the step.",
    "这一步以正确的方式改变了正确的变量，但它返回的损失不是这一步之前这一批的平均交叉熵。",
)


def _returned_loss(loss: object, want: float) -> None:
    try:
        returned = float(np.asarray(loss))
    except (TypeError, ValueError):
        raise Wrong(NO_LOSS, got=type(loss).__name__) from None
    if not np.isclose(returned, want, rtol=1e-4, atol=1e-5):
        raise Wrong(NOT_THE_LOSS)


# ---------------------------------------------------------------------------------------------
# add_noise(images, noise): the noisy images the network sees


def add_noise(images, noise):
    return tf.clip_by_value(images + noise, 0.0, 1.0)


NOISY_IMAGES = Text("your noisy images", "你的加噪图像")
SAME_SHAPE_AS_IMAGES = Text(
    "the exercise asks for one noisy image per image, of the images' shape (the same noise added "
    "to each)",
    "题目要求每张图像对应一张加噪图像，形状与 images 相同（每张图像加上同一个噪声）",
)
NOT_CLIPPED = Text(
    "the noisy pixels go below 0 and above 1: you added the noise but did not clip the sum to "
    "the pixel range [0, 1] (tf.clip_by_value).",
    "加噪后的像素有的小于 0，有的大于 1：你加上了噪声，但没有把和裁剪到像素的取值范围 [0, 1] 之内"
    "（tf.clip_by_value）。",
)
CLIPPED_BEFORE_ADDING = Text(
    "some noisy pixels are below 0 and some above 1, although you clipped something: clip the "
    "sum images + noise, after adding. Clipping the noise (or the images) before adding does not "
    "keep the sum within [0, 1].",
    "有的加噪像素小于 0，有的大于 1，尽管你做了裁剪：要在相加之后裁剪 images + noise 这个和。"
    "在相加之前裁剪噪声（或图像）并不能让和保持在 [0, 1] 之内。",
)
BELOW_ZERO = Text(
    "some noisy pixels are below 0: the pixel range is [0, 1], so the lower bound of the "
    "clipping is 0 (no pixel is lighter than the white paper).",
    "有的加噪像素小于 0：像素的取值范围是 [0, 1]，所以裁剪的下界是 0（没有像素比白纸更浅）。",
)
ABOVE_ONE = Text(
    "some noisy pixels are above 1: the pixel range is [0, 1], so the upper bound of the "
    "clipping is 1 (no pixel has more than full ink).",
    "有的加噪像素大于 1：像素的取值范围是 [0, 1]，所以裁剪的上界是 1（没有像素的墨迹比满墨更多）。",
)
NOT_THE_CLIPPED_SUM = Text(
    "the pixels are within [0, 1], but not the clipped sum: a pixel whose image + noise lies "
    "within [0, 1] keeps that value, and only the others are cut to 0 or 1 (no rescaling).",
    "像素都在 [0, 1] 之内，但不是裁剪后的和：image + noise 落在 [0, 1] 之内的像素保持这个值，"
    "只有其余的像素被截为 0 或 1（不做缩放）。",
)


def check_add_noise(answer: object) -> None:
    images = fixed_images(5, seed=12, shape=(PIXELS,))
    # Larger than any limit: add_noise clips the image, the noise step clips the noise.
    noise = np.random.default_rng(13).uniform(-0.6, 0.6, PIXELS).astype(np.float32)
    result = result_of(answer, tf.constant(images), tf.constant(noise))
    got = checked_array(result, NOISY_IMAGES, images.shape, SAME_SHAPE_AS_IMAGES)
    if close(got, (images + noise).astype(np.float64)):
        raise Wrong(NOT_CLIPPED)
    below, above = bool(np.any(got < -1e-6)), bool(np.any(got > 1 + 1e-6))
    if below and above:
        raise Wrong(CLIPPED_BEFORE_ADDING)
    if below:
        raise Wrong(BELOW_ZERO)
    if above:
        raise Wrong(ABOVE_ONE)
    if not close(got, add_noise(tf.constant(images), tf.constant(noise)).numpy()):
        raise Wrong(NOT_THE_CLIPPED_SUM)


ADD_NOISE = Exercise(
    name="add_noise",
    check=check_add_noise,
    reference=add_noise,
    hints=[
        Text(
            "The network sees clip(x + n, 0, 1): add the noise to every image, then keep every "
            "pixel of the sum between 0 and 1.",
            "网络看到的是 clip(x + n, 0, 1)：把噪声加到每张图像上，再让和的每个像素都保持在 0 和 1 之间。",
        ),
        Text(
            "images + noise adds the same noise to each row (broadcasting); clip after adding, "
            "not before.",
            "images + noise 会把同一个噪声加到每一行上（广播）；要在相加之后裁剪，而不是之前。",
        ),
        Text(
            "Return tf.clip_by_value(images + noise, 0.0, 1.0).",
            "返回 tf.clip_by_value(images + noise, 0.0, 1.0)。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# noise_loss(logits, target_cls, noise, l2_weight): the loss that the noise minimises


def noise_loss(logits, target_cls, noise, l2_weight):
    targets = tf.one_hot(tf.fill([tf.shape(logits)[0]], target_cls), 10)
    cross_entropy = tf.nn.softmax_cross_entropy_with_logits(labels=targets, logits=logits)
    return tf.reduce_mean(cross_entropy) + l2_weight * tf.nn.l2_loss(noise)


NOT_ONE_NUMBER = Text(
    "the loss should be one number for the whole batch, got {got} values: average the "
    "cross-entropies over the images (tf.reduce_mean), then add the penalty.",
    "损失应当是整个批次的一个数，得到的却是 {got} 个值：先对各图像的交叉熵求平均（tf.reduce_mean），"
    "再加上惩罚项。",
)
NEGATED = Text(
    "with zero noise the loss is the negative of the target's cross-entropy: minimising it "
    "would make the target less likely. The noise's loss is the cross-entropy itself, with no "
    "minus sign.",
    "噪声为零时，损失是目标类别交叉熵的相反数：最小化它会让目标类别变得更不可能。"
    "噪声的损失就是交叉熵本身，前面没有负号。",
)
SUMMED = Text(
    "with zero noise the loss is the sum of the images' cross-entropies: take their mean over "
    "the batch (tf.reduce_mean), as the lesson's loss does.",
    "噪声为零时，损失是各图像交叉熵的总和：要像本课的损失那样，对批次求平均（tf.reduce_mean）。",
)
OTHER_CLASS = Text(
    "with zero noise the loss is the cross-entropy of another class than target_cls: label "
    "every image as target_cls (tf.one_hot of the argument, not a class of your own).",
    "噪声为零时，损失是另一个类别（而不是 target_cls）的交叉熵：要把每张图像都标记为 target_cls"
    "（对参数做 tf.one_hot，而不是用你自己选的类别）。",
)
NOT_THE_CROSS_ENTROPY = Text(
    "with zero noise (no penalty) the loss is not the mean cross-entropy of the logits with "
    "every image labelled as target_cls.",
    "噪声为零（没有惩罚项）时，损失不是把每张图像都标记为 target_cls 时 logits 的平均交叉熵。",
)
NO_PENALTY = Text(
    "the loss does not change with the noise: add the penalty on the noise's size, l2_weight "
    "times tf.nn.l2_loss(noise).",
    "损失不随噪声变化：要加上针对噪声大小的惩罚项，即 l2_weight 乘以 tf.nn.l2_loss(noise)。",
)
PENALTY_SUBTRACTED = Text(
    "a larger noise makes your loss smaller: the penalty must be added, not subtracted, so that "
    "a large noise costs more.",
    "噪声越大，你的损失越小：惩罚项必须加上，而不是减去，这样大的噪声代价才更高。",
)
PENALTY_NOT_HALVED = Text(
    "the penalty is twice the lesson's: tf.nn.l2_loss is half the sum of the squares, "
    "l2_weight * 0.5 * sum(noise ** 2).",
    "惩罚项是本课的两倍：tf.nn.l2_loss 是平方和的一半，即 l2_weight * 0.5 * sum(noise ** 2)。",
)
PENALTY_OF_THE_NORM = Text(
    "the penalty is the L2 norm of the noise, not half its square: use tf.nn.l2_loss(noise), "
    "half the sum of the squares.",
    "惩罚项用的是噪声的 L2 范数，而不是它平方的一半：要用 tf.nn.l2_loss(noise)，即平方和的一半。",
)
WEIGHT_IGNORED = Text(
    "the penalty does not follow l2_weight: multiply tf.nn.l2_loss(noise) by the l2_weight "
    "argument (not by a number of your own).",
    "惩罚项没有随 l2_weight 变化：要用参数 l2_weight（而不是你自己写的数）乘以 tf.nn.l2_loss(noise)。",
)
NOT_THE_PENALTY = Text(
    "the part of the loss that grows with the noise is not l2_weight * tf.nn.l2_loss(noise).",
    "损失中随噪声增长的那部分不是 l2_weight * tf.nn.l2_loss(noise)。",
)
LOSS = Text("your loss", "你的损失")


def _scalar(value: object) -> float:
    got = array(value, LOSS)
    if got.size != 1:
        raise Wrong(NOT_ONE_NUMBER, got=got.size)
    return float(got.reshape(()))


def _near(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=1e-4, atol=1e-4))


def check_noise_loss(answer: object) -> None:
    rng = np.random.default_rng(14)
    logits = (rng.normal(size=(6, CLASSES)) * 3).astype(np.float32)
    noise = rng.uniform(-0.35, 0.35, PIXELS).astype(np.float32)
    zero = np.zeros(PIXELS, np.float32)
    got_zero = _scalar(result_of(answer, tf.constant(logits), TARGET, tf.constant(zero), L2_WEIGHT))
    per_class = [
        float(_mean_cross_entropy(logits, _targets(c, len(logits)))) for c in range(CLASSES)
    ]
    want = per_class[TARGET]
    if not _near(got_zero, want):
        if _near(got_zero, -want):
            raise Wrong(NEGATED)
        if _near(got_zero, want * len(logits)):
            raise Wrong(SUMMED)
        if any(_near(got_zero, c) for c in per_class):
            raise Wrong(OTHER_CLASS)
        raise Wrong(NOT_THE_CROSS_ENTROPY)
    got = _scalar(result_of(answer, tf.constant(logits), TARGET, tf.constant(noise), L2_WEIGHT))
    penalty = got - got_zero
    squares = float(np.sum(noise.astype(np.float64) ** 2))
    if _near(penalty, L2_WEIGHT * 0.5 * squares):
        return
    if abs(penalty) < 1e-4:
        raise Wrong(NO_PENALTY)
    if penalty < 0:
        raise Wrong(PENALTY_SUBTRACTED)
    if _near(penalty, L2_WEIGHT * squares):
        raise Wrong(PENALTY_NOT_HALVED)
    if _near(penalty, L2_WEIGHT * np.sqrt(squares)):
        raise Wrong(PENALTY_OF_THE_NORM)
    if any(_near(penalty, w * f * squares) for w in (1.0, 0.02) for f in (0.5, 1.0)):
        raise Wrong(WEIGHT_IGNORED)
    raise Wrong(NOT_THE_PENALTY)


NOISE_LOSS = Exercise(
    name="noise_loss",
    check=check_noise_loss,
    reference=noise_loss,
    hints=[
        Text(
            "The loss is the lesson's L(n): the mean cross-entropy of the logits with every "
            "image labelled as the target class, plus l2_weight times half the sum of the "
            "noise's squares.",
            "损失就是本课的 L(n)：把每张图像都标记为目标类别时 logits 的平均交叉熵，加上 l2_weight "
            "乘以噪声平方和的一半。",
        ),
        Text(
            "tf.one_hot(tf.fill([tf.shape(logits)[0]], target_cls), 10) gives one one-hot "
            "target per image; tf.nn.softmax_cross_entropy_with_logits then gives one "
            "cross-entropy per image.",
            "tf.one_hot(tf.fill([tf.shape(logits)[0]], target_cls), 10) 为每张图像给出一个独热编码的"
            "目标；tf.nn.softmax_cross_entropy_with_logits 再为每张图像给出一个交叉熵。",
        ),
        Text(
            "Return tf.reduce_mean(cross_entropies) + l2_weight * tf.nn.l2_loss(noise).",
            "返回 tf.reduce_mean(cross_entropies) + l2_weight * tf.nn.l2_loss(noise)。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# noise_step(model, noise, optimizer, images, target_cls, limit): one step of the noise's search


def noise_step(model, noise, optimizer, images, target_cls, limit):
    targets = tf.one_hot(tf.fill([tf.shape(images)[0]], target_cls), 10)
    with tf.GradientTape() as tape:
        logits = model(tf.clip_by_value(images + noise, 0.0, 1.0))
        loss = tf.reduce_mean(
            tf.nn.softmax_cross_entropy_with_logits(labels=targets, logits=logits)
        )
    gradient = tape.gradient(loss, noise)  # with respect to the noise only
    optimizer.apply_gradients([(gradient, noise)])
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


NETWORK_CHANGED = Text(
    "the network's variables changed: the noise's step takes the gradient with respect to the "
    "noise only (tape.gradient(loss, noise)) and applies it to the noise only.",
    "网络的变量改变了：噪声的训练步骤只求对噪声的梯度（tape.gradient(loss, noise)），"
    "也只把它应用到噪声上。",
)
NOISE_UNCHANGED = Text(
    "the noise did not change: apply the gradient to the noise with the optimizer "
    "(optimizer.apply_gradients([(gradient, noise)])).",
    "噪声没有改变：要用优化器把梯度应用到噪声上（optimizer.apply_gradients([(gradient, noise)])）。",
)
BEYOND_THE_LIMIT = Text(
    "after the step some of the noise's values are beyond ±limit: clip the noise to "
    "[-limit, limit] after the optimizer's update (with the limit argument, not a number of "
    "your own).",
    "这一步之后，噪声的有些值超出了 ±limit：要在优化器更新之后把噪声裁剪到 [-limit, limit] 之内"
    "（用参数 limit，而不是你自己写的数）。",
)
NOISE_IN_PIXEL_RANGE = Text(
    "after the step the noise has no negative values left: you clipped it to the pixel range. "
    "The noise may darken pixels as well as brighten them; clip it to [-limit, limit].",
    "这一步之后，噪声不再有负值：你把它裁剪到了像素的取值范围。噪声既可以让像素变亮，也可以让像素变暗；"
    "要把它裁剪到 [-limit, limit] 之内。",
)
WRONG_TARGET = Text(
    "the noise moved the images towards another class than target_cls: label every image as "
    "the target_cls argument (not the lesson's 3 or a class of your own).",
    "噪声把图像推向了另一个类别，而不是 target_cls：要把每张图像都标记为参数 target_cls"
    "（而不是本课的 3 或你自己选的类别）。",
)
NOISE_ASCENT = Text(
    "after the step the network is less sure of the target class than before: the noise moved "
    "up the gradient of the target's cross-entropy, not down it.",
    "这一步之后，网络对目标类别的把握比之前更小了：噪声沿着目标类别交叉熵的梯度向上移动了，而不是向下。",
)
IMAGES_NOT_CLIPPED = Text(
    "the step is not taken on the clipped noisy images: the network should see "
    "tf.clip_by_value(images + noise, 0.0, 1.0), inside the tape.",
    "这一步不是在裁剪后的加噪图像上进行的：网络看到的应当是 tf.clip_by_value(images + noise, 0.0, 1.0)，"
    "而且要在梯度带之内计算。",
)
NOT_THE_NOISE_STEP = Text(
    "the noise changed, but not as one step of gradient descent on the target's mean "
    "cross-entropy, followed by clipping to ±limit, would change it.",
    "噪声变了，但不是在目标类别的平均交叉熵上做一步梯度下降、再裁剪到 ±limit 之内应有的变化。",
)


def _noise_after(model, images, start, target_cls, sign=1.0, clip_pixels=True, scale=1.0):
    """The noise after one SGD step, computed here, for the right step and for typical wrong ones."""
    noise = tf.Variable(start)
    with tf.GradientTape() as tape:
        noisy = images + noise
        logits = model(tf.clip_by_value(noisy, 0.0, 1.0) if clip_pixels else noisy)
        loss = _mean_cross_entropy(logits, _targets(target_cls, len(images)))
    gradient = tape.gradient(loss, noise)
    moved = noise - sign * scale * LEARNING_RATE * gradient
    return tf.clip_by_value(moved, -LIMIT, LIMIT).numpy(), float(loss)


def _target_loss(model, images, noise, target_cls=TARGET) -> float:
    logits = model(tf.clip_by_value(images + noise, 0.0, 1.0))
    return float(_mean_cross_entropy(logits, _targets(target_cls, len(images))))


def check_noise_step(answer: object) -> None:
    model = _tiny_network()
    images = fixed_images(8, seed=15, shape=(PIXELS,))
    start = _fixed_noise(16)
    noise = tf.Variable(start)
    weights_before = _flat(model.get_weights())
    loss = result_of(
        answer,
        model,
        noise,
        keras.optimizers.SGD(LEARNING_RATE),
        tf.constant(images),
        TARGET,
        LIMIT,
    )
    if not np.array_equal(_flat(model.get_weights()), weights_before):
        raise Wrong(NETWORK_CHANGED)
    got = noise.numpy()
    if np.array_equal(got, start):
        raise Wrong(NOISE_UNCHANGED)
    if np.any(np.abs(got) > LIMIT + 1e-6):
        raise Wrong(BEYOND_THE_LIMIT)
    if np.all(got >= 0):
        raise Wrong(NOISE_IN_PIXEL_RANGE)
    want, loss_before = _noise_after(model, images, start, TARGET)
    if close(got, want):
        _returned_loss(loss, loss_before)
        return
    others = (c for c in range(CLASSES) if c != TARGET)
    if any(close(got, _noise_after(model, images, start, c)[0]) for c in others):
        raise Wrong(WRONG_TARGET)
    if _target_loss(model, images, got) > loss_before:
        raise Wrong(NOISE_ASCENT)
    if close(got, _noise_after(model, images, start, TARGET, clip_pixels=False)[0]):
        raise Wrong(IMAGES_NOT_CLIPPED)
    inside = (np.abs(got) < LIMIT - 1e-6) & (np.abs(want) < LIMIT - 1e-6)
    cosine, ratio = _direction((got - start)[inside], (want - start)[inside])
    if cosine > 0.999 and abs(ratio - 1) > 1e-3:
        raise Wrong(WRONG_STEP_SIZE)
    raise Wrong(NOT_THE_NOISE_STEP)


NOISE_STEP = Exercise(
    name="noise_step",
    check=check_noise_step,
    reference=noise_step,
    hints=[
        Text(
            "It is the lesson's noise_step without the penalty: inside a tf.GradientTape, the "
            "network's logits for the clipped noisy images and their mean cross-entropy with "
            "every image labelled as target_cls.",
            "这就是本课的 noise_step，只是去掉了惩罚项：在 tf.GradientTape 之内，计算网络对裁剪后的"
            "加噪图像给出的 logits，以及把每张图像都标记为 target_cls 时它们的平均交叉熵。",
        ),
        Text(
            "tape.gradient(loss, noise) is the gradient with respect to the noise alone; "
            "optimizer.apply_gradients([(gradient, noise)]) moves the noise down it, and the "
            "network stays as it is.",
            "tape.gradient(loss, noise) 只求对噪声的梯度；optimizer.apply_gradients([(gradient, noise)]) "
            "让噪声沿梯度向下移动，网络则保持原样。",
        ),
        Text(
            "After the update, noise.assign(tf.clip_by_value(noise, -limit, limit)); return "
            "the loss.",
            "更新之后，noise.assign(tf.clip_by_value(noise, -limit, limit))；最后返回损失。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# immunity_step(model, noise, optimizer, images, labels): the network learns to ignore the noise


def immunity_step(model, noise, optimizer, images, labels):
    with tf.GradientTape() as tape:
        logits = model(tf.clip_by_value(images + noise, 0.0, 1.0))
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


NOISE_CHANGED = Text(
    "the noise changed: the immunity step trains the network, so take the gradient with respect "
    "to model.trainable_variables and leave the noise as it is.",
    "噪声改变了：免疫步骤训练的是网络，所以要求对 model.trainable_variables 的梯度，噪声保持不变。",
)
NETWORK_UNCHANGED = Text(
    "the network's variables did not change: apply the gradients to model.trainable_variables "
    "with the optimizer.",
    "网络的变量没有改变：要用优化器把梯度应用到 model.trainable_variables 上。",
)
SOME_VARIABLES_UNCHANGED = Text(
    "some of the network's variables changed and others did not: take the gradient with "
    "respect to all of model.trainable_variables and apply all of them.",
    "网络的变量有的变了，有的没变：要对 model.trainable_variables 中的全部变量求梯度，并全部更新。",
)
CLEAN_IMAGES = Text(
    "the network learnt from the clean images: add the noise first (clipped to [0, 1]), so "
    "that it learns to classify the noisy ones.",
    "网络是在干净图像上学习的：要先加上噪声（并裁剪到 [0, 1] 之内），它才能学会对加噪图像分类。",
)
NOISY_NOT_CLIPPED = Text(
    "the network learnt from noisy images that were not clipped to [0, 1]: it should see "
    "tf.clip_by_value(images + noise, 0.0, 1.0), the images it will be tested on.",
    "网络学习的加噪图像没有被裁剪到 [0, 1] 之内：它看到的应当是 tf.clip_by_value(images + noise, 0.0, 1.0)，"
    "也就是测试时的那些图像。",
)
TARGET_LABELS = Text(
    "the network learnt to call every image one class: the immunity step uses the images' true "
    "labels (the labels argument), not the noise's target.",
    "网络学会了把每张图像都认成同一个类别：免疫步骤用的是图像的真实标签（参数 labels），而不是噪声的目标类别。",
)
COST_ROSE = Text(
    "after the step the network's loss on the noisy images is higher than before: the variables "
    "moved up the gradient, not down it.",
    "这一步之后，网络在加噪图像上的损失比之前更高：变量沿梯度向上移动了，而不是向下。",
)
NOT_THE_IMMUNITY_STEP = Text(
    "the network's variables changed, but not as one step of gradient descent on its mean "
    "cross-entropy on the noisy images, with their true labels, would change them.",
    "网络的变量变了，但不是用加噪图像及其真实标签、在平均交叉熵上做一步梯度下降应有的变化。",
)


def _weights_after(model_weights, images, labels, noise=None, clip_pixels=True):
    """The network's weights after one SGD step on the given images, computed here."""
    model = _tiny_network()
    model.set_weights(model_weights)
    seen = images if noise is None else images + noise
    if noise is not None and clip_pixels:
        seen = tf.clip_by_value(seen, 0.0, 1.0)
    with tf.GradientTape() as tape:
        loss = _mean_cross_entropy(model(seen), labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    moved = [v - LEARNING_RATE * g for v, g in zip(model.trainable_variables, gradients)]
    return _flat([m.numpy() for m in moved]), float(loss)


def _noisy_loss(model, images, noise, labels) -> float:
    return float(_mean_cross_entropy(model(tf.clip_by_value(images + noise, 0.0, 1.0)), labels))


def check_immunity_step(answer: object) -> None:
    model = _tiny_network(seed=17)
    weights_before = model.get_weights()
    images = fixed_images(8, seed=18, shape=(PIXELS,))
    labels = one_hot(fixed_labels(8, seed=18))
    start = _fixed_noise(19)
    noise = tf.Variable(start)
    loss = result_of(
        answer,
        model,
        noise,
        keras.optimizers.SGD(LEARNING_RATE),
        tf.constant(images),
        tf.constant(labels),
    )
    if not np.array_equal(noise.numpy(), start):
        raise Wrong(NOISE_CHANGED)
    after = model.get_weights()
    moved = [not np.array_equal(a, b) for a, b in zip(after, weights_before)]
    if not any(moved):
        raise Wrong(NETWORK_UNCHANGED)
    if not all(moved):
        raise Wrong(SOME_VARIABLES_UNCHANGED)
    got, before = _flat(after), _flat(weights_before)
    want, loss_before = _weights_after(weights_before, images, labels, start)
    if close(got, want):
        _returned_loss(loss, loss_before)
        return
    if close(got, _weights_after(weights_before, images, labels)[0]):
        raise Wrong(CLEAN_IMAGES)
    if close(got, _weights_after(weights_before, images, labels, start, clip_pixels=False)[0]):
        raise Wrong(NOISY_NOT_CLIPPED)
    for c in range(CLASSES):
        if close(got, _weights_after(weights_before, images, _targets(c, len(images)), start)[0]):
            raise Wrong(TARGET_LABELS)
    if _noisy_loss(model, images, start, labels) > loss_before:
        raise Wrong(COST_ROSE)
    cosine, ratio = _direction(got - before, want - before)
    if cosine > 0.999 and abs(ratio - 1) > 1e-3:
        raise Wrong(WRONG_STEP_SIZE)
    raise Wrong(NOT_THE_IMMUNITY_STEP)


IMMUNITY_STEP = Exercise(
    name="immunity_step",
    check=check_immunity_step,
    reference=immunity_step,
    hints=[
        Text(
            "It is tutorial #02's training step with the noise added before the network: the "
            "noisy images, clipped to [0, 1], with their true labels.",
            "这就是教程 #02 的训练步骤，只是在网络之前加上了噪声：使用裁剪到 [0, 1] 之内的加噪图像及其真实标签。",
        ),
        Text(
            "Inside the tape: logits = model(tf.clip_by_value(images + noise, 0.0, 1.0)) and "
            "the mean cross-entropy with labels.",
            "在梯度带之内：logits = model(tf.clip_by_value(images + noise, 0.0, 1.0))，"
            "再计算它与 labels 的平均交叉熵。",
        ),
        Text(
            "gradients = tape.gradient(loss, model.trainable_variables); "
            "optimizer.apply_gradients(zip(gradients, model.trainable_variables)); return the "
            "loss. The noise is not touched.",
            "gradients = tape.gradient(loss, model.trainable_variables)；"
            "optimizer.apply_gradients(zip(gradients, model.trainable_variables))；返回损失。"
            "噪声不动。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# noise_sizes(noises): the L2 norm of each noise


def noise_sizes(noises):
    return tf.sqrt(tf.reduce_sum(noises**2, axis=1))


SIZES = Text("your sizes", "你的大小")
ONE_PER_NOISE = Text(
    "the exercise asks for one number per noise (per row)",
    "题目要求每个噪声（每一行）一个数",
)
ONE_FOR_ALL = Text(
    "one number for all the noises together: take the norm of each noise, over its pixels "
    "(axis=1).",
    "所有噪声合起来只得到一个数：要对每个噪声在它的像素上（axis=1）求范数。",
)
ONE_PER_PIXEL = Text(
    "one number per pixel: you summed over the noises (axis 0); sum over each noise's pixels "
    "(axis=1).",
    "每个像素一个数：你在各个噪声上（axis 0）求了和；要在每个噪声的像素上（axis=1）求和。",
)
HALF_SQUARES = Text(
    "that is half the sum of the squares, tf.nn.l2_loss (the lesson's penalty), not the norm: "
    "the L2 norm is the square root of the sum of the squares.",
    "这是平方和的一半，即 tf.nn.l2_loss（本课的惩罚项），而不是范数：L2 范数是平方和的平方根。",
)
NO_ROOT = Text(
    "that is the sum of the squares: the L2 norm is its square root.",
    "这是平方和：L2 范数是它的平方根。",
)
ROOT_MEAN_SQUARE = Text(
    "that is the root mean square per pixel: the L2 norm sums the squares, it does not average "
    "them.",
    "这是每个像素的均方根：L2 范数对平方求和，而不是求平均。",
)
NOT_THE_NORM = Text(
    "not the L2 norms of the noises: the square root of the sum of the squares of each noise's "
    "pixels.",
    "不是各噪声的 L2 范数：L2 范数是每个噪声各像素平方和的平方根。",
)


def check_noise_sizes(answer: object) -> None:
    noises = np.random.default_rng(20).uniform(-0.35, 0.35, (3, PIXELS)).astype(np.float32)
    got = array(result_of(answer, tf.constant(noises)), SIZES)
    if got.size == 1:
        raise Wrong(ONE_FOR_ALL)
    if got.shape == (PIXELS,):
        raise Wrong(ONE_PER_PIXEL)
    got = checked_array(got, SIZES, (len(noises),), ONE_PER_NOISE)
    squares = np.sum(noises.astype(np.float64) ** 2, axis=1)
    if close(got, np.sqrt(squares)):
        return
    if close(got, squares / 2):
        raise Wrong(HALF_SQUARES)
    if close(got, squares):
        raise Wrong(NO_ROOT)
    if close(got, np.sqrt(squares / PIXELS)):
        raise Wrong(ROOT_MEAN_SQUARE)
    raise Wrong(NOT_THE_NORM)


NOISE_SIZES = Exercise(
    name="noise_sizes",
    check=check_noise_sizes,
    reference=noise_sizes,
    hints=[
        Text(
            "The L2 norm of a noise n is sqrt(n_1² + n_2² + ... + n_784²), one number per noise.",
            "噪声 n 的 L2 范数是 sqrt(n_1² + n_2² + ... + n_784²)，每个噪声一个数。",
        ),
        Text(
            "noises has one noise per row: square, then sum over axis=1, then take the square "
            "root.",
            "noises 每一行是一个噪声：先平方，再在 axis=1 上求和，然后取平方根。",
        ),
        Text(
            "tf.sqrt(tf.reduce_sum(noises**2, axis=1)), or tf.norm(noises, axis=1).",
            "tf.sqrt(tf.reduce_sum(noises**2, axis=1))，或者 tf.norm(noises, axis=1)。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Questions

LARGEST_NORM = Question(
    name="q_largest_norm",
    check=number(
        9.8,
        tolerance=0.05,
        too_low=Text(
            "{answer} is too small: a noise may reach the limit on every pixel at once.",
            "{answer} 太小了：噪声可以在每个像素上同时达到限度。",
        ),
        too_high=Text(
            "{answer} is too large: no pixel of the noise may exceed the limit, up or down.",
            "{answer} 太大了：噪声的任何一个像素都不能超出限度，无论向上还是向下。",
        ),
    ),
    reference=9.8,
    hints=[
        Text(
            "The norm is largest when every one of the 784 pixels is at +0.35 or -0.35: "
            "sqrt(784 × 0.35²).",
            "当 784 个像素全都处在 +0.35 或 -0.35 时，范数最大：sqrt(784 × 0.35²)。",
        )
    ],
    explanation=Text(
        "sqrt(784 × 0.35²) = 0.35 × sqrt(784) = 0.35 × 28 = 9.8. In the worked solutions, the "
        "noise found without a penalty reached 7.82, four fifths of it.",
        "sqrt(784 × 0.35²) = 0.35 × sqrt(784) = 0.35 × 28 = 9.8。在练习解答中，没有惩罚项时"
        "找到的噪声达到 7.82，是它的五分之四。",
    ),
)

WHY_CLIP_THE_NOISE = Question(
    name="q_why_clip",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "What would the optimiser do to the noise if nothing limited it, and what would the "
            "noisy images then look like?",
            "如果没有任何限制，优化器会把噪声变成什么样？加噪图像又会变成什么样？",
        )
    ],
    explanation=Text(
        "Without a hard limit, the noise could grow until it simply painted a 3 over every "
        "image: then the network would be right to say 3. The penalty only makes size costly; "
        "the clipping after every step guarantees that no pixel changes by more than 0.35. "
        "Keeping the pixels in [0, 1] is add_noise's clipping, a different one.",
        "没有硬性限制，噪声就可能一直增大，直到在每张图像上直接画出一个 3：那时网络回答 3 是对的。"
        "惩罚项只是让大的噪声代价更高；每一步之后的裁剪才保证任何像素的改变都不超过 0.35。"
        "让像素保持在 [0, 1] 之内的是 add_noise 中的裁剪，那是另一回事。",
    ),
)

IMMUNITY_MEASURED = Question(
    name="q_immunity",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "Which noise was added to the test images when that accuracy was measured, and "
            "which noise had the network just been trained against?",
            "测量这个准确率时，测试图像上加的是哪个噪声？网络刚刚针对哪个噪声训练过？",
        )
    ],
    explanation=Text(
        "record() measures the test images with the noise of the moment, the one the network "
        "had just been trained against. It says nothing about other noises: in the worked "
        "solutions a noise for the 1 still brought such a network down to 50.34 %, and the clean "
        "images fell to 80.19 %.",
        "record() 在测试图像上加的是当时的噪声，也就是网络刚刚针对其训练过的那个噪声。它对别的噪声什么也"
        "说明不了：在练习解答中，针对 1 的噪声仍能把这样的网络的准确率降到 50.34 %；"
        "而干净图像上的准确率降到了 80.19 %。",
    ),
)

ACCURACY_FLOOR = Question(
    name="q_accuracy_floor",
    check=choice("A"),
    reference="A",
    hints=[
        Text(
            "The noise makes the network answer 3 for almost every image. For which test images "
            "is 3 the right answer?",
            "噪声让网络对几乎每张图像都回答 3。对哪些测试图像来说，3 是正确答案？",
        )
    ],
    explanation=Text(
        "The noise sent 9,738 of the 10,000 test images to class 3, and 1,010 test images are "
        "3s: for them the answer 3 is right. They make up most of the 1,232 images still "
        "classified correctly.",
        "噪声把 10,000 张测试图像中的 9,738 张送进了类别 3，而测试集中有 1,010 张图像本来就是 3："
        "对它们来说，回答 3 是对的。它们占了仍被正确分类的 1,232 张图像中的大部分。",
    ),
)

EXERCISES = [
    ADD_NOISE,
    NOISE_LOSS,
    NOISE_STEP,
    IMMUNITY_STEP,
    NOISE_SIZES,
    LARGEST_NORM,
    WHY_CLIP_THE_NOISE,
    IMMUNITY_MEASURED,
    ACCURACY_FLOOR,
]
