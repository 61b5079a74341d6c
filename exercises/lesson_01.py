"""Checked exercises of #01, Simple Linear Model: softmax, cross-entropy, a training step with
`GradientTape`, accuracy; and three questions."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from .checking import (
    checked_array,
    close,
    fixed_labels,
    fixed_logits,
    one_hot,
    result_of,
)
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#01 Simple Linear Model"

# ---------------------------------------------------------------------------------------------
# softmax(logits) by hand


def softmax(logits):
    shifted = logits - tf.reduce_max(logits, axis=1, keepdims=True)
    exps = tf.exp(shifted)
    return exps / tf.reduce_sum(exps, axis=1, keepdims=True)


PROBABILITIES = Text("your probabilities", "你的概率")
ONE_ROW_PER_IMAGE = Text(
    "the exercise asks for one row per image and one column per class, as the logits have",
    "题目要求与 logits 相同：每幅图像一行，每个类别一列",
)
COLUMNS_SUM_TO_ONE = Text(
    "each column sums to 1, not each row: you normalised over the images (axis 0) instead of "
    "over the classes of each image (axis=1).",
    "每一列的和为 1，而不是每一行：你在图像上（axis 0）做了归一化，而应当在每幅图像的各个类别上（axis=1）。",
)
ROWS_DO_NOT_SUM_TO_ONE = Text(
    "the probabilities of an image do not sum to 1: divide each exp by the sum of its row.",
    "一幅图像的概率之和不为 1：把每个 exp 除以它所在行的和。",
)
OVERFLOW = Text(
    "right for small logits, but with a logit of 1000 the result is not finite: exp(1000) "
    "overflows. Subtract each row's largest logit first; softmax does not change.",
    "对较小的 logits 正确，但 logit 为 1000 时结果不是有限数：exp(1000) 溢出。"
    "先减去每一行最大的 logit，softmax 的结果不变。",
)
NOT_SOFTMAX = Text(
    "each row sums to 1, but the values are not softmax's: each entry is exp(logit) divided by "
    "the sum of the exps of its row.",
    "每一行的和为 1，但数值不是 softmax 的：每一项应为 exp(logit) 除以该行各项 exp 之和。",
)


def check_softmax(answer: object) -> None:
    logits = fixed_logits(5)
    got = checked_array(
        result_of(answer, tf.constant(logits)), PROBABILITIES, logits.shape, ONE_ROW_PER_IMAGE
    )
    if close(got.sum(axis=0), np.ones(logits.shape[1])) and not close(
        got.sum(axis=1), np.ones(len(logits))
    ):
        raise Wrong(COLUMNS_SUM_TO_ONE)
    if not close(got.sum(axis=1), np.ones(len(logits))):
        raise Wrong(ROWS_DO_NOT_SUM_TO_ONE)
    if not close(got, softmax(tf.constant(logits)).numpy()):
        raise Wrong(NOT_SOFTMAX)
    large = logits.copy()
    large[0, 3] = 1000.0
    result = np.asarray(result_of(answer, tf.constant(large)), dtype=np.float64)
    if not np.all(np.isfinite(result)):
        raise Wrong(OVERFLOW)
    if not close(result, softmax(tf.constant(large)).numpy()):
        raise Wrong(NOT_SOFTMAX)


SOFTMAX = Exercise(
    name="softmax",
    check=check_softmax,
    reference=softmax,
    hints=[
        Text(
            "softmax(z)_j = exp(z_j) / sum_k exp(z_k), for each row (image) on its own.",
            "softmax(z)_j = exp(z_j) / sum_k exp(z_k)，每一行（每幅图像）分别计算。",
        ),
        Text(
            "tf.reduce_sum(x, axis=1, keepdims=True) sums each row and keeps a column of "
            "shape (n, 1), which divides every row by its own sum.",
            "tf.reduce_sum(x, axis=1, keepdims=True) 对每一行求和，保留形状为 (n, 1) 的一列，"
            "于是每一行都除以自己的和。",
        ),
        Text(
            "exp(z - c) / sum exp(z - c) is the same for any c: take c = tf.reduce_max(logits, "
            "axis=1, keepdims=True), and exp never overflows.",
            "对任意 c，exp(z - c) / sum exp(z - c) 都相同：取 c = tf.reduce_max(logits, axis=1, "
            "keepdims=True)，exp 就不会溢出。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# cross_entropy(logits, labels) by hand, one value per image


def cross_entropy(logits, labels):
    return -tf.reduce_sum(labels * tf.nn.log_softmax(logits, axis=1), axis=1)


COSTS = Text("your cross-entropies", "你的交叉熵")
ONE_PER_IMAGE = Text(
    "the exercise asks for one value per image (no mean over the batch)",
    "题目要求每幅图像一个值（不对批次求平均）",
)
NEGATIVE = Text(
    "some cross-entropies are negative: log of a probability is at most 0, so the cost needs "
    "a minus sign.",
    "有的交叉熵是负数：概率的对数不大于 0，所以代价前面需要一个负号。",
)
WRONG_CLASS_TERM = Text(
    "the values are not the cross-entropy: each image's cost is minus the log-probability of "
    "its true class, -sum(labels * log(softmax(logits))) over the classes (axis=1).",
    "数值不是交叉熵：每幅图像的代价是其真实类别的对数概率取负，即在各类别（axis=1）上求 "
    "-sum(labels * log(softmax(logits)))。",
)
LOG_OF_LOGITS = Text(
    "the values are not finite or far off: take the log of the probabilities (softmax of the "
    "logits), not of the logits themselves.",
    "数值不是有限数或相差很远：要对概率（logits 的 softmax）取对数，而不是对 logits 本身。",
)


def check_cross_entropy(answer: object) -> None:
    logits = fixed_logits(6, seed=1)
    labels = one_hot(fixed_labels(6, seed=1))
    result = result_of(answer, tf.constant(logits), tf.constant(labels))
    got = np.asarray(result.numpy() if hasattr(result, "numpy") else result, dtype=np.float64)
    if not np.all(np.isfinite(got)):
        raise Wrong(LOG_OF_LOGITS)
    got = checked_array(got, COSTS, (len(logits),), ONE_PER_IMAGE)
    if np.any(got < -1e-6):
        raise Wrong(NEGATIVE)
    if not close(got, cross_entropy(tf.constant(logits), tf.constant(labels)).numpy()):
        raise Wrong(WRONG_CLASS_TERM)


CROSS_ENTROPY = Exercise(
    name="cross_entropy",
    check=check_cross_entropy,
    reference=cross_entropy,
    hints=[
        Text(
            "With one-hot labels, the cost of an image is -log(p), p the probability the model "
            "gives its true class.",
            "使用独热编码标签时，一幅图像的代价是 -log(p)，p 是模型给其真实类别的概率。",
        ),
        Text(
            "labels * log_probabilities keeps only the true class's term; sum it over axis=1.",
            "labels * log_probabilities 只保留真实类别那一项；在 axis=1 上求和。",
        ),
        Text(
            "tf.nn.log_softmax(logits, axis=1) gives log(softmax(logits)) without computing "
            "log(0).",
            "tf.nn.log_softmax(logits, axis=1) 给出 log(softmax(logits))，且不会计算 log(0)。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# One training step of the linear model with GradientTape


def train_step(weights, biases, optimizer, images, labels):
    with tf.GradientTape() as tape:
        logits = images @ weights + biases
        cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    gradients = tape.gradient(cost, [weights, biases])
    optimizer.apply_gradients(zip(gradients, [weights, biases]))
    return cost


BIASES_UNCHANGED = Text(
    "the weights changed but the biases did not: take the gradient with respect to both and "
    "apply both.",
    "权重变了，偏置却没变：要对两者求梯度，并把两者都更新。",
)
WEIGHTS_UNCHANGED = Text(
    "the biases changed but the weights did not: take the gradient with respect to both and "
    "apply both.",
    "偏置变了，权重却没变：要对两者求梯度，并把两者都更新。",
)
NOTHING_CHANGED = Text(
    "the variables did not change: the step must apply the gradients with the optimizer.",
    "变量没有改变：这一步必须用优化器应用梯度。",
)
COST_ROSE = Text(
    "after the step the cost is higher than before: the variables moved up the gradient, not "
    "down it.",
    "这一步之后代价反而更高：变量沿梯度向上移动了，而不是向下。",
)
WRONG_STEP_SIZE = Text(
    "the variables moved in the right direction but by a step of another size: let the "
    "optimizer apply the gradients (optimizer.apply_gradients), so that its learning rate is used.",
    "变量的移动方向对，但步长不对：让优化器应用梯度（optimizer.apply_gradients），这样才会用到它的学习率。",
)
NOT_THE_STEP = Text(
    "the variables changed, but not as one step of gradient descent on the batch's mean "
    "cross-entropy would change them.",
    "变量变了，但不是在这一批的平均交叉熵上做一步梯度下降应有的变化。",
)
NO_COST = Text(
    "the step should return the batch's cost (a number), got {got}.",
    "这一步应当返回这一批的代价（一个数），得到的是 {got}。",
)
COST_NOT_THE_BATCH_MEAN = Text(
    "the returned cost is not the mean cross-entropy of the batch before the step.",
    "返回的代价不是这一步之前这一批的平均交叉熵。",
)


def _train_setup(seed: int = 2) -> tuple[tf.Variable, tf.Variable, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    images = rng.random((16, 784), dtype=np.float32)
    labels = one_hot(rng.integers(0, 10, size=16))
    weights = tf.Variable(rng.normal(scale=0.01, size=(784, 10)).astype(np.float32))
    biases = tf.Variable(rng.normal(scale=0.01, size=10).astype(np.float32))
    return weights, biases, images, labels


def _mean_cost(weights: tf.Variable, biases: tf.Variable, images, labels) -> float:
    logits = images @ weights + biases
    return float(tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels, logits)))


LEARNING_RATE = 0.01


def check_train_step(answer: object) -> None:
    import keras

    weights, biases, images, labels = _train_setup()
    before_w, before_b = weights.numpy(), biases.numpy()
    cost_before = _mean_cost(weights, biases, images, labels)
    cost = result_of(
        answer,
        weights,
        biases,
        keras.optimizers.SGD(LEARNING_RATE),
        tf.constant(images),
        tf.constant(labels),
    )
    moved_w = not np.array_equal(weights.numpy(), before_w)
    moved_b = not np.array_equal(biases.numpy(), before_b)
    if not moved_w and not moved_b:
        raise Wrong(NOTHING_CHANGED)
    if not moved_b:
        raise Wrong(BIASES_UNCHANGED)
    if not moved_w:
        raise Wrong(WEIGHTS_UNCHANGED)
    if _mean_cost(weights, biases, images, labels) > cost_before:
        raise Wrong(COST_ROSE)
    want_w, want_b, _, _ = _train_setup()
    train_step(want_w, want_b, keras.optimizers.SGD(LEARNING_RATE), images, labels)
    step_w, want_step_w = weights.numpy() - before_w, want_w.numpy() - before_w
    if not close(step_w, want_step_w) or not close(biases.numpy(), want_b.numpy()):
        ratio = float(np.sum(step_w * want_step_w) / np.sum(want_step_w**2))
        cosine = np.sum(step_w * want_step_w) / (
            np.linalg.norm(step_w) * np.linalg.norm(want_step_w)
        )
        if cosine > 0.999 and abs(ratio - 1) > 1e-3:
            raise Wrong(WRONG_STEP_SIZE)
        raise Wrong(NOT_THE_STEP)
    try:
        returned = float(np.asarray(cost))
    except (TypeError, ValueError):
        raise Wrong(NO_COST, got=type(cost).__name__) from None
    if not np.isclose(returned, cost_before, rtol=1e-4):
        raise Wrong(COST_NOT_THE_BATCH_MEAN)


TRAIN_STEP = Exercise(
    name="train_step",
    check=check_train_step,
    reference=train_step,
    hints=[
        Text(
            "Inside `with tf.GradientTape() as tape:` compute the logits and the batch's mean "
            "cost; TensorFlow records what it needs for the gradient.",
            "在 `with tf.GradientTape() as tape:` 里计算 logits 和这一批的平均代价；"
            "TensorFlow 会记录求梯度所需的内容。",
        ),
        Text(
            "tape.gradient(cost, [weights, biases]) gives one gradient per variable.",
            "tape.gradient(cost, [weights, biases]) 为每个变量给出一个梯度。",
        ),
        Text(
            "optimizer.apply_gradients(zip(gradients, [weights, biases])) takes the step with "
            "the optimizer's learning rate; return the cost.",
            "optimizer.apply_gradients(zip(gradients, [weights, biases])) 以优化器的学习率走这一步；"
            "最后返回代价。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# accuracy(logits, cls_true)


def accuracy(logits, cls_true):
    cls_pred = tf.argmax(logits, axis=1)
    correct = tf.equal(cls_pred, tf.cast(cls_true, tf.int64))
    return tf.reduce_mean(tf.cast(correct, tf.float32))


NOT_A_SHARE = Text(
    "the accuracy should be one number between 0 and 1 (a share, not a count).",
    "准确率应当是 0 到 1 之间的一个数（比例，而不是个数）。",
)
WRONG_AXIS = Text(
    "not the share of images whose largest logit is at their true class: take the argmax over "
    "the classes of each image (axis=1).",
    "不是最大 logit 落在真实类别上的图像所占的比例：要在每幅图像的各类别上（axis=1）取 argmax。",
)
INTEGER_MEAN = Text(
    "the result is an integer: the mean of integers (or of booleans cast to integers) is "
    "rounded down; cast to float first.",
    "结果是整数：整数（或转换成整数的布尔值）的平均值会向下取整；先转换成浮点数。",
)


def _accuracy_case(seed: int) -> tuple[np.ndarray, np.ndarray]:
    logits = fixed_logits(12, seed=seed)
    cls_true = fixed_labels(12, seed=seed)
    cls_true[:5] = np.argmax(logits[:5], axis=1)  # five right, the rest mostly wrong
    return logits, cls_true


def check_accuracy(answer: object) -> None:
    for seed in (3, 4):
        logits, cls_true = _accuracy_case(seed)
        result = result_of(answer, tf.constant(logits), tf.constant(cls_true))
        try:
            got = float(np.asarray(result))
        except (TypeError, ValueError):
            raise Wrong(NOT_A_SHARE) from None
        want = float(accuracy(tf.constant(logits), tf.constant(cls_true)))
        if np.asarray(result).dtype.kind in "iub" and got != want:
            raise Wrong(INTEGER_MEAN)
        if not 0.0 <= got <= 1.0:
            raise Wrong(NOT_A_SHARE)
        if abs(got - want) > 1e-6:
            raise Wrong(WRONG_AXIS)


ACCURACY = Exercise(
    name="accuracy",
    check=check_accuracy,
    reference=accuracy,
    hints=[
        Text(
            "The predicted class of an image is the position of its largest logit.",
            "一幅图像的预测类别是它最大的 logit 所在的位置。",
        ),
        Text(
            "tf.argmax(logits, axis=1) gives one class per image; tf.equal compares them with "
            "cls_true (cast both to tf.int64).",
            "tf.argmax(logits, axis=1) 为每幅图像给出一个类别；tf.equal 把它们与 cls_true 比较"
            "（两者都转换为 tf.int64）。",
        ),
        Text(
            "tf.reduce_mean(tf.cast(correct, tf.float32)) is the share of True values.",
            "tf.reduce_mean(tf.cast(correct, tf.float32)) 就是 True 所占的比例。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Questions

PARAMETERS = Question(
    name="q_parameters",
    check=number(
        7850,
        too_low=Text(
            "{answer} is too few: count the weights and the biases.",
            "{answer} 太少了：权重和偏置都要算上。",
        ),
        too_high=Text(
            "{answer} is too many: the model has one weight per pixel and class, and one bias "
            "per class.",
            "{answer} 太多了：模型每个像素和类别各有一个权重，每个类别一个偏置。",
        ),
    ),
    reference=7850,
    hints=[
        Text(
            "weights has shape (784, 10) and biases (10,).",
            "weights 的形状是 (784, 10)，biases 的形状是 (10,)。",
        )
    ],
    explanation=Text(
        "784 × 10 weights, one per pixel and class, plus 10 biases.",
        "784 × 10 个权重（每个像素和类别一个），加上 10 个偏置。",
    ),
)

SHIFTED_LOGITS = Question(
    name="q_shifted_logits",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "Write exp(z_j + 5) as exp(5) · exp(z_j).",
            "把 exp(z_j + 5) 写成 exp(5) · exp(z_j)。",
        )
    ],
    explanation=Text(
        "exp(z_j + 5) = exp(5) · exp(z_j): the factor exp(5) is in every term of the numerator "
        "and the denominator, and cancels. This is why softmax may subtract the largest logit.",
        "exp(z_j + 5) = exp(5) · exp(z_j)：分子和分母的每一项都有因子 exp(5)，相互抵消。"
        "所以 softmax 可以先减去最大的 logit。",
    ),
)

ZERO_START = Question(
    name="q_zero_start",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "With all weights and biases 0, what are the logits of any image, and which class "
            "does argmax pick among equal values?",
            "权重和偏置全为 0 时，任何图像的 logits 是多少？在相等的值中 argmax 选哪个类别？",
        )
    ],
    explanation=Text(
        "Every logit is 0, so argmax picks the first class, 0, for every image: the accuracy is "
        "the share of zeros in the test set, about 10 %.",
        "所有 logits 都是 0，于是 argmax 对每幅图像都选第一个类别 0：准确率就是测试集中数字 0 "
        "所占的比例，约 10 %。",
    ),
)

EXERCISES = [SOFTMAX, CROSS_ENTROPY, TRAIN_STEP, ACCURACY, PARAMETERS, SHIFTED_LOGITS, ZERO_START]
