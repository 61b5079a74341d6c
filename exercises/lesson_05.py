"""Checked exercises of #05, Ensemble Learning: the ensemble's mean of the softmax outputs, a
majority vote with the lowest class winning a tie, the test images on which only the ensemble or
only the best network is right, a network's random training set and held-out images; and four
questions."""

from __future__ import annotations

import numpy as np

from .checking import array, checked_array, close, result_of
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#05 Ensemble Learning"

# The fixed probabilities of the checks: three sizes that differ, so that a result's shape tells
# which axis it was reduced over.
NETWORKS, CLASSES = 5, 10

# ---------------------------------------------------------------------------------------------
# ensemble_mean(probabilities): the mean of the networks' softmax outputs


def ensemble_mean(probabilities):
    return np.mean(probabilities, axis=0)  # over the networks: one row per image


MEAN_PROBABILITIES = Text("your mean probabilities", "你的平均概率")
ONE_ROW_PER_IMAGE = Text(
    "the exercise asks for one row per image and one column per class: the networks' axis "
    "(axis 0) is the one averaged away",
    "题目要求每张图像一行、每个类别一列：被平均掉的是网络所在的轴（第 0 轴）",
)
MEAN_OVER_IMAGES = Text(
    "your result has one row per network: you averaged over the images (axis 1). Average over "
    "the networks (axis 0), so that each image keeps its own probabilities.",
    "你的结果每个网络一行：你在图像上（第 1 轴）取了均值。应当在各网络之间（第 0 轴）取均值，"
    "这样每张图像保留它自己的概率。",
)
MEAN_OVER_CLASSES = Text(
    "your result has no axis of classes: you averaged over the classes (axis 2). Average over "
    "the networks (axis 0); each image keeps one probability per class.",
    "你的结果没有类别的轴：你在类别上（第 2 轴）取了均值。应当在各网络之间（第 0 轴）取均值；"
    "每张图像的每个类别保留一个概率。",
)
RETURNS_CLASSES = Text(
    "you returned one class per image: that is the ensemble's prediction, the argmax of the "
    "mean. The exercise asks for the mean probabilities themselves, one row per image.",
    "你为每张图像返回了一个类别：那是集成的预测，即均值的 argmax。题目要求的是平均概率本身，"
    "每张图像一行。",
)
ARGMAX_FIRST = Text(
    "you averaged each network's predicted class (its argmax), not its probabilities: that "
    "throws away how sure each network is. Average the softmax outputs over the networks; the "
    "argmax comes after the mean.",
    "你平均的是每个网络预测的类别（它的 argmax），而不是它的概率：这样就丢掉了每个网络有多大把握。"
    "应当在各网络之间对 softmax 输出取均值；argmax 在取均值之后。",
)
SUMMED = Text(
    "each image's probabilities sum to the number of networks, not to 1: you summed over the "
    "networks. Divide by their number, or take the mean (np.mean).",
    "每张图像的概率之和等于网络的个数，而不是 1：你在各网络之间求了和。要除以网络的个数，"
    "或者直接取均值（np.mean）。",
)
SOFTMAX_AGAIN = Text(
    "you applied softmax to the mean: the networks' outputs are already probabilities, and "
    "their mean is one too. Return the mean as it is.",
    "你对均值又做了一次 softmax：各网络的输出已经是概率，它们的均值也是概率。直接返回均值即可。",
)
NOT_THE_MEAN = Text(
    "the shape is right, but the values are not the mean over the networks of each image's "
    "probabilities (the arithmetic mean, np.mean over axis 0).",
    "形状对了，但数值不是每张图像的概率在各网络之间的均值（算术平均，在第 0 轴上 np.mean）。",
)


def _softmax(logits: np.ndarray, axis: int) -> np.ndarray:
    exps = np.exp(logits - logits.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)


def fixed_probabilities(images: int, seed: int) -> np.ndarray:
    """Softmax outputs of five networks for `images` images: [networks, images, classes]."""
    logits = np.random.default_rng(seed).normal(size=(NETWORKS, images, CLASSES)) * 2
    return _softmax(logits, axis=2).astype(np.float32)


def check_ensemble_mean(answer: object) -> None:
    probabilities = fixed_probabilities(7, seed=50)
    networks, images, classes = probabilities.shape
    want = np.mean(probabilities.astype(np.float64), axis=0)
    network_cls = np.argmax(probabilities, axis=2)
    result = array(result_of(answer, probabilities.copy()), MEAN_PROBABILITIES)
    if result.shape == (networks, classes):
        raise Wrong(MEAN_OVER_IMAGES)
    if result.shape == (networks, images):
        raise Wrong(MEAN_OVER_CLASSES)
    if result.shape == (images,):
        if close(result, np.mean(network_cls, axis=0)):
            raise Wrong(ARGMAX_FIRST)
        if np.array_equal(result, np.argmax(want, axis=1)):
            raise Wrong(RETURNS_CLASSES)
    got = checked_array(result, MEAN_PROBABILITIES, want.shape, ONE_ROW_PER_IMAGE)
    if close(got, want):
        return
    if close(got, np.eye(classes)[network_cls].mean(axis=0)):
        raise Wrong(ARGMAX_FIRST)
    if close(got, want * networks):
        raise Wrong(SUMMED)
    if close(got, _softmax(want, axis=1)):
        raise Wrong(SOFTMAX_AGAIN)
    raise Wrong(NOT_THE_MEAN)


ENSEMBLE_MEAN = Exercise(
    name="ensemble_mean",
    check=check_ensemble_mean,
    reference=ensemble_mean,
    hints=[
        Text(
            "The array's axes are (networks, images, classes). The ensemble averages the "
            "networks: which axis disappears?",
            "数组的各轴是 (networks, images, classes)。集成对各个网络取平均：哪个轴会消失？",
        ),
        Text(
            "Average the probabilities themselves, not the classes that argmax picks: the mean "
            "keeps how sure each network is.",
            "对概率本身取平均，而不是对 argmax 选出的类别取平均：均值保留了每个网络有多大把握。",
        ),
        Text(
            "np.mean(probabilities, axis=0) has the shape (images, classes).",
            "np.mean(probabilities, axis=0) 的形状是 (images, classes)。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# ensemble_vote(probabilities): a majority vote of the networks, a tie to the lowest class


def ensemble_vote(probabilities):
    network_cls = np.argmax(probabilities, axis=2)  # Each network's vote: [networks, images].
    num_classes = probabilities.shape[2]
    votes = np.stack([np.bincount(row, minlength=num_classes) for row in network_cls.T])
    return np.argmax(votes, axis=1)  # The most votes; np.argmax gives a tie to the lowest class.


VOTE_CLASSES = Text("your vote's classes", "你投票得出的类别")
ONE_CLASS_PER_IMAGE = Text("the exercise asks for one class per image", "题目要求每张图像一个类别")
ONE_PER_NETWORK = Text(
    "you returned one class per network, not one per image: you counted the votes of each "
    "network over the images. Count, for each image, the votes of the networks (loop over "
    "the transposed network_cls, or count over axis 0).",
    "你为每个网络返回了一个类别，而不是每张图像一个：你统计的是每个网络在各图像上的票。"
    "应当对每张图像统计各网络的票（对转置后的 network_cls 逐行循环，或在第 0 轴上计数）。",
)
RETURNS_VOTES = Text(
    "you returned a row of numbers for each image, the votes of the classes perhaps: return "
    "the winning class of each image (the argmax of its votes).",
    "你为每张图像返回了一行数，也许是各类别的票数：应当返回每张图像胜出的类别（票数的 argmax）。",
)
NOT_CLASSES = Text(
    "some of your values are not class numbers (whole numbers from 0 to 9).",
    "你的结果中有些值不是类别编号（0 到 9 的整数）。",
)
MEAN_NOT_VOTE = Text(
    "this is the mean's prediction, not a vote: on an image where three networks are barely "
    "sure of one class and two are very sure of another, the vote goes with the three. Let "
    "each network vote for its own most probable class and count the votes.",
    "这是均值的预测，而不是投票：在一张图像上，如果三个网络对一个类别只有一点点把握，两个网络对另一个"
    "类别非常有把握，投票会随那三个网络。让每个网络投给它自己概率最大的类别，再统计票数。",
)
TIE_RULE = Text(
    "right wherever one class has the most votes, but not on the ties: the exercise's rule "
    "gives a tie to the lowest class number among those that share the most votes (as "
    "np.argmax does), not to the mean's choice, the highest class or the first network's.",
    "在某个类别票数最多的图像上都对，但平局时不对：题目的规则是，平局时归于票数并列最多的类别中编号"
    "最小的那个（np.argmax 就是这样做的），而不是归于均值的选择、编号最大的类别或第一个网络的选择。",
)
NOT_THE_VOTE = Text(
    "on some images where one class has the most votes, your result is another class: each "
    "network votes for its most probable class (argmax over axis 2), and the class with the "
    "most votes wins.",
    "在某些有一个类别票数最多的图像上，你的结果是另一个类别：每个网络投给它概率最大的类别"
    "（在第 2 轴上取 argmax），得票最多的类别胜出。",
)

# Each image of the check: the class each of the five networks votes for, and how sure it is.
VOTES = [
    ([4, 4, 4, 4, 4], [0.90, 0.80, 0.70, 0.90, 0.60]),  # unanimous
    ([7, 7, 7, 1, 1], [0.35, 0.36, 0.34, 0.95, 0.90]),  # three barely sure against two sure
    ([8, 3, 8, 3, 5], [0.90, 0.40, 0.80, 0.35, 0.50]),  # 2-2-1: a tie of 3 and 8
    ([9, 6, 2, 5, 7], [0.95, 0.30, 0.30, 0.30, 0.30]),  # 1-1-1-1-1: a tie of five classes
    ([6, 0, 6, 1, 2], [0.50, 0.60, 0.50, 0.60, 0.60]),  # 2-1-1-1: no tie
    ([2, 5, 5, 2, 0], [0.30, 0.90, 0.80, 0.30, 0.40]),  # 2-2-1: a tie of 2 and 5
    ([1, 1, 1, 0, 9], [0.60, 0.70, 0.50, 0.90, 0.90]),  # three against one and one
    ([5, 5, 3, 5, 5], [0.80, 0.60, 0.99, 0.70, 0.50]),  # four against one
]


def vote_case() -> tuple[np.ndarray, np.ndarray]:
    """The check's softmax outputs [networks, images, classes], and which images tie."""
    rng = np.random.default_rng(51)
    probabilities = np.zeros((NETWORKS, len(VOTES), CLASSES))
    for image, (classes, sure) in enumerate(VOTES):
        for network, (cls, p) in enumerate(zip(classes, sure, strict=True)):
            rest = rng.uniform(1.0, 2.0, size=CLASSES)  # the rest, spread unevenly and thin
            rest[cls] = 0.0
            probabilities[network, image] = rest / rest.sum() * (1.0 - p)
            probabilities[network, image, cls] = p
    counts = np.array([np.bincount(c, minlength=CLASSES) for c, _ in VOTES])
    ties = np.sum(counts == counts.max(axis=1, keepdims=True), axis=1) > 1
    return probabilities.astype(np.float32), ties


def check_ensemble_vote(answer: object) -> None:
    probabilities, ties = vote_case()
    networks, images, classes = probabilities.shape
    want = ensemble_vote(probabilities)
    mean_cls = np.argmax(np.mean(probabilities, axis=0), axis=1)
    result = array(result_of(answer, probabilities.copy()), VOTE_CLASSES)
    if result.shape == (networks,):
        raise Wrong(ONE_PER_NETWORK)
    if result.shape == (images, classes):
        raise Wrong(RETURNS_VOTES)
    got = checked_array(result, VOTE_CLASSES, (images,), ONE_CLASS_PER_IMAGE)
    if not np.all((got == np.round(got)) & (got >= 0) & (got < classes)):
        raise Wrong(NOT_CLASSES)
    if np.array_equal(got, want):
        return
    if np.array_equal(got, mean_cls):
        raise Wrong(MEAN_NOT_VOTE)
    if np.array_equal(got[~ties], want[~ties]):
        raise Wrong(TIE_RULE)
    raise Wrong(NOT_THE_VOTE)


ENSEMBLE_VOTE = Exercise(
    name="ensemble_vote",
    check=check_ensemble_vote,
    reference=ensemble_vote,
    hints=[
        Text(
            "Each network votes for its most probable class: np.argmax over the classes (axis "
            "2) gives network_cls, one vote per network and image.",
            "每个网络投给它概率最大的类别：在类别上（第 2 轴）取 np.argmax 得到 network_cls，"
            "每个网络对每张图像一票。",
        ),
        Text(
            "For each image, count the votes of each class: np.bincount(row, minlength=10) "
            "over the rows of network_cls.T (one row per image), as the lesson counts the ties.",
            "对每张图像统计每个类别的票数：对 network_cls.T 的每一行（每张图像一行）用 "
            "np.bincount(row, minlength=10)，就像课程统计平局时那样。",
        ),
        Text(
            "np.argmax(votes, axis=1) picks the class with the most votes, and of several tied "
            "ones the first, the lowest class number: exactly the rule asked for.",
            "np.argmax(votes, axis=1) 选出票数最多的类别；几个类别并列时选第一个，即编号最小的："
            "正是题目要求的规则。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# count_disputed(ensemble_cls, best_cls, cls_true): the test images only one of them gets right


def count_disputed(ensemble_cls, best_cls, cls_true):
    ensemble_correct = ensemble_cls == cls_true
    best_correct = best_cls == cls_true
    ensemble_better = np.sum(ensemble_correct & ~best_correct)
    best_better = np.sum(~ensemble_correct & best_correct)
    return ensemble_better, best_better


COUNTS = Text("your counts", "你的计数")
NOT_TWO = Text(
    "return two counts, as a tuple: the images that the ensemble gets right and the best "
    "network wrong, then those that the best network gets right and the ensemble wrong.",
    "请以元组返回两个计数：集成分类正确而最好的网络分类错误的图像数，然后是最好的网络分类正确而集成"
    "分类错误的图像数。",
)
POSITIONS = Text(
    "each of the two should be a count, one number, not an array of images: np.sum of a "
    "boolean mask, or len of the positions that np.flatnonzero gives.",
    "两者都应当是一个计数，即一个数，而不是一个图像数组：对布尔掩码用 np.sum，或者对 "
    "np.flatnonzero 给出的位置用 len。",
)
SWAPPED = Text(
    "your two counts are in the wrong order: first the images where the ensemble is right and "
    "the best network wrong, then the other way round.",
    "你的两个计数顺序反了：先是集成正确而最好的网络错误的图像，然后反过来。",
)
TOTALS = Text(
    "these count every image that each of them gets right, also those that both get right. "
    "Only the images where one is right and the other wrong tell them apart.",
    "这是各自分类正确的全部图像数，也包括两者都正确的图像。只有一个正确、另一个错误的图像才能区分它们。",
)
BOTH_WRONG_COUNTED = Text(
    "your counts include images where the two predict different classes and both are wrong: "
    "count only the images where one of them is right.",
    "你的计数包含了两者预测的类别不同、但都错误的图像：只统计其中一个正确的图像。",
)
NOT_DISPUTED = Text(
    "these are not the counts of the images where exactly one of the two is right: compare "
    "each with cls_true, then combine the two boolean masks with & and ~.",
    "这不是恰好有一个正确的图像数：先把两者分别与 cls_true 比较，再用 & 和 ~ 组合两个布尔掩码。",
)

# How many images of each kind in the two cases of the check: both right, both wrong with the
# same class, both wrong with different classes, only the ensemble right, only the best right.
DISPUTED_CASES = [(12, 3, 4, 7, 4), (9, 2, 3, 2, 5)]


def disputed_case(kinds: tuple[int, ...], seed: int) -> tuple[np.ndarray, ...]:
    """The ensemble's, the best network's and the true classes of the images of `kinds`."""
    rng = np.random.default_rng(seed)
    shifts = [(0, 0), (1, 1), (1, 2), (0, 3), (4, 0)]  # (ensemble, best): class shift from true
    rows = [shift for shift, count in zip(shifts, kinds, strict=True) for _ in range(count)]
    shift = np.array(rows)[rng.permutation(len(rows))]
    cls_true = rng.integers(0, CLASSES, size=len(rows))
    return (cls_true + shift[:, 0]) % CLASSES, (cls_true + shift[:, 1]) % CLASSES, cls_true


def _two_counts(result: object) -> tuple[float, float]:
    if isinstance(result, np.ndarray) and result.shape == (2,):
        result = tuple(result)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise Wrong(NOT_TWO)
    counts = [array(value, COUNTS) for value in result]
    if any(count.size != 1 for count in counts):
        raise Wrong(POSITIONS)
    return float(counts[0].reshape(())), float(counts[1].reshape(()))


def check_count_disputed(answer: object) -> None:
    for seed, kinds in enumerate(DISPUTED_CASES, start=52):
        ensemble_cls, best_cls, cls_true = disputed_case(kinds, seed)
        want = count_disputed(ensemble_cls, best_cls, cls_true)
        given = (ensemble_cls.copy(), best_cls.copy(), cls_true.copy())
        got = _two_counts(result_of(answer, *given))
        if np.allclose(got, want):
            continue
        differ = ensemble_cls != best_cls
        if np.allclose(got, want[::-1]):
            raise Wrong(SWAPPED)
        if np.allclose(got, (np.sum(ensemble_cls == cls_true), np.sum(best_cls == cls_true))):
            raise Wrong(TOTALS)
        if np.allclose(
            got,
            (np.sum(differ & (best_cls != cls_true)), np.sum(differ & (ensemble_cls != cls_true))),
        ):
            raise Wrong(BOTH_WRONG_COUNTED)
        raise Wrong(NOT_DISPUTED)


COUNT_DISPUTED = Exercise(
    name="count_disputed",
    check=check_count_disputed,
    reference=count_disputed,
    hints=[
        Text(
            "Images that both get right, or both get wrong, do not tell the two apart: count "
            "only those that exactly one of them gets right.",
            "两者都对或都错的图像无法区分它们：只统计恰好有一个正确的图像。",
        ),
        Text(
            "ensemble_cls == cls_true is a boolean mask of the images the ensemble gets right; "
            "~ turns it into those it gets wrong.",
            "ensemble_cls == cls_true 是集成分类正确的图像的布尔掩码；~ 把它变成分类错误的图像。",
        ),
        Text(
            "np.sum(ensemble_correct & ~best_correct) counts the images where the ensemble is "
            "right and the best network wrong; the second count is the other way round.",
            "np.sum(ensemble_correct & ~best_correct) 统计集成正确而最好的网络错误的图像；"
            "第二个计数反过来。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# training_split(rng, pool_size, train_size): a network's random training set and held-out set


def training_split(rng, pool_size, train_size):
    order = rng.permutation(pool_size)  # The pool's positions in a random order.
    return order[:train_size], order[train_size:]


NOT_A_PAIR = Text(
    "return two arrays: the positions of the training images, then those of the held-out images.",
    "请返回两个数组：先是训练图像的位置，然后是留出图像的位置。",
)
POSITIONS_WHAT = Text("your positions", "你的位置")
NOT_POSITIONS = Text(
    "each part should be a one-dimensional array of positions in the pool, whole numbers from 0 "
    "to pool_size - 1 (not a boolean mask, not the images themselves).",
    "每一部分都应当是图像池中位置的一维数组，即 0 到 pool_size - 1 的整数（不是布尔掩码，也不是图像本身）。",
)
WITH_REPLACEMENT = Text(
    "some positions come twice in one part: you drew with replacement. Draw without replacement, "
    "as the lesson does: one random permutation of the pool's positions.",
    "有些位置在同一部分中出现了两次：你是有放回地抽取的。要像课程那样无放回地抽取：对图像池的位置做一次随机排列。",
)
OVERLAP = Text(
    "some images are both in the training part and held out, so they would not measure the "
    "network on images it has not seen: take both parts from one permutation, the first "
    "train_size positions and the rest.",
    "有些图像既在训练部分中，又被留出，它们就不能在网络没见过的图像上衡量它：两部分要取自同一个随机排列，"
    "前 train_size 个位置和其余位置。",
)
SIZES_SWAPPED = Text(
    "your two parts are swapped: the training part comes first and has train_size positions, "
    "the held-out part the rest of the pool.",
    "你的两部分顺序反了：训练部分在前，有 train_size 个位置；留出部分是图像池的其余部分。",
)
WRONG_SIZES = Text(
    "the training part should have train_size positions and the held-out part the rest of the "
    "pool, pool_size - train_size positions: use the arguments, not the lesson's numbers.",
    "训练部分应当有 train_size 个位置，留出部分是图像池的其余部分，即 pool_size - train_size 个位置："
    "要使用参数，而不是课程中的数字。",
)
GLOBAL_RANDOM = Text(
    "two generators made with the same seed gave different splits: the split does not come from "
    "the generator passed in. Draw with rng (rng.permutation), not with np.random's global "
    "functions, so that every run draws the same training sets.",
    "用同一个随机种子创建的两个生成器给出了不同的划分：划分不是来自传入的生成器。要用 rng 抽取"
    "（rng.permutation），而不是 np.random 的全局函数，这样每次运行都会抽到相同的训练集。",
)
NOT_SHUFFLED = Text(
    "the training part is the first train_size images of the pool, for every network: the "
    "networks would all train on the same images. Shuffle the positions with the generator first.",
    "训练部分总是图像池中的前 train_size 张图像，每个网络都一样：所有网络都会在相同的图像上训练。"
    "要先用生成器打乱这些位置。",
)
SAME_SPLIT = Text(
    "two calls with the same generator gave the same split, so every network would train on the "
    "same images: draw from the generator passed in, which moves on at each call, not from a new "
    "generator with a fixed seed.",
    "用同一个生成器调用两次，得到了相同的划分，于是每个网络都会在相同的图像上训练：要从传入的生成器抽取"
    "（它每调用一次都会前进），而不是从一个随机种子固定的新生成器抽取。",
)


def _split(answer: object, seed: int, pool_size: int, train_size: int) -> tuple[np.ndarray, ...]:
    return _parts(result_of(answer, np.random.default_rng(seed), pool_size, train_size), pool_size)


def _parts(result: object, pool_size: int) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise Wrong(NOT_A_PAIR)
    parts = []
    for part in result:
        positions = array(part, POSITIONS_WHAT)
        is_bool = np.asarray(part).dtype == bool
        if positions.ndim != 1 or is_bool or not np.all(positions == np.round(positions)):
            raise Wrong(NOT_POSITIONS)
        if np.any(positions < 0) or np.any(positions >= pool_size):
            raise Wrong(NOT_POSITIONS)
        parts.append(positions.astype(np.int64))
    return parts[0], parts[1]


def check_training_split(answer: object) -> None:
    pool_size, train_size = 50, 40
    train, held_out = _split(answer, 53, pool_size, train_size)
    if len(np.unique(train)) < len(train) or len(np.unique(held_out)) < len(held_out):
        raise Wrong(WITH_REPLACEMENT)
    if np.intersect1d(train, held_out).size:
        raise Wrong(OVERLAP)
    if (len(train), len(held_out)) == (pool_size - train_size, train_size):
        raise Wrong(SIZES_SWAPPED)
    if (len(train), len(held_out)) != (train_size, pool_size - train_size):
        raise Wrong(WRONG_SIZES)
    again, _ = _split(answer, 53, pool_size, train_size)
    if not np.array_equal(np.sort(again), np.sort(train)):
        raise Wrong(GLOBAL_RANDOM)
    rng = np.random.default_rng(54)
    first, _ = _parts(result_of(answer, rng, pool_size, train_size), pool_size)
    second, _ = _parts(result_of(answer, rng, pool_size, train_size), pool_size)
    if np.array_equal(np.sort(first), np.sort(second)):
        if np.array_equal(np.sort(first), np.arange(train_size)):
            raise Wrong(NOT_SHUFFLED)
        raise Wrong(SAME_SPLIT)
    # Other sizes: the arguments are used, not the numbers of the first call.
    train, held_out = _split(answer, 55, 30, 12)
    if (len(train), len(held_out)) != (12, 18) or np.union1d(train, held_out).size != 30:
        raise Wrong(WRONG_SIZES)


TRAINING_SPLIT = Exercise(
    name="training_split",
    check=check_training_split,
    reference=training_split,
    hints=[
        Text(
            "Put the pool's positions 0, 1, ..., pool_size - 1 in a random order; the first "
            "train_size of them are the training images, the rest are held out.",
            "把图像池的位置 0, 1, ..., pool_size - 1 打乱成随机顺序；其中前 train_size 个是训练图像，"
            "其余的留出。",
        ),
        Text(
            "Draw with the generator you are given, rng, so that each call (each network) gets "
            "a new split, and a run with the same seed gets the same splits.",
            "用传入的生成器 rng 抽取，这样每次调用（每个网络）都会得到新的划分，而随机种子相同的运行"
            "会得到相同的划分。",
        ),
        Text(
            "order = rng.permutation(pool_size), then return order[:train_size] and "
            "order[train_size:], as the lesson's random_training_set does.",
            "order = rng.permutation(pool_size)，然后返回 order[:train_size] 和 "
            "order[train_size:]，就像课程中的 random_training_set 那样。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Questions

TIE = Question(
    name="q_tie",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "A vote ties when two or more classes share the largest number of votes.",
            "当两个或更多类别同时得到最多的票数时，投票就是平局。",
        )
    ],
    explanation=Text(
        "In 1–1–1–1–1 each network votes for a class of its own: five classes share the most "
        "votes, one each. In 2–1–1–1 one class has two votes and wins alone. The lesson's five "
        "networks tie on 14 of the 10,000 test images; the mean of their outputs needs no rule "
        "for ties.",
        "在 1–1–1–1–1 中，每个网络各投一个不同的类别：五个类别并列得到最多的票，每个一票。在 2–1–1–1 中，"
        "一个类别得到两票，单独胜出。课程中的五个网络在 10,000 张测试图像中的 14 张上出现平局；"
        "对它们的输出取均值则不需要任何平局规则。",
    ),
)

MEAN_OR_VOTE = Question(
    name="q_mean_or_vote",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "Look again at the lesson's example of the 7 that looks like a 1: what does the "
            "vote lose that the mean keeps?",
            "再看一看课程中那个看起来像 1 的 7 的例子：投票丢掉了什么，而均值保留了它？",
        )
    ],
    explanation=Text(
        "A vote keeps only each network's most probable class; the mean also weighs how sure "
        "each network is. In the lesson's example two networks barely prefer the 7 and one is "
        "very sure of the 1: the vote says 7, the mean 1. Averaging does not make the errors "
        "independent (the part they share stays), and the mean can be wrong where most networks "
        "are right, when the few that disagree are very sure.",
        "投票只保留每个网络概率最大的类别；均值还考虑了每个网络有多大把握。在课程的例子中，两个网络只是略微"
        "偏向 7，一个网络非常确定是 1：投票的结论是 7，均值的结论是 1。取平均并不会使误差变得独立"
        "（它们共有的那部分误差仍然存在）；当少数持不同意见的网络非常有把握时，即使多数网络是对的，"
        "均值也可能出错。",
    ),
)

STANDARD_ERROR = Question(
    name="q_standard_error",
    check=number(
        0.14,
        tolerance=0.011,
        too_low=Text(
            "{answer} is too small: give it in percentage points, the fraction "
            "sqrt(p(1 - p)/n) times 100.",
            "{answer} 太小了：要用百分点表示，即比例 sqrt(p(1 - p)/n) 乘以 100。",
        ),
        too_high=Text(
            "{answer} is too large: under the square root, p(1 - p) is divided by the number of "
            "test images n.",
            "{answer} 太大了：在平方根下，p(1 - p) 要除以测试图像的个数 n。",
        ),
    ),
    reference=0.14,
    hints=[
        Text(
            "The lesson computes it for the 12,000 held-out images: sqrt(0.98 · 0.02 / 12000). "
            "Do the same for the test set.",
            "课程对 12,000 张留出图像计算过它：sqrt(0.98 · 0.02 / 12000)。对测试集做同样的计算。",
        )
    ],
    explanation=Text(
        "sqrt(0.98 · 0.02 / 10,000) = 0.0014, that is 0.14 percentage points: more than the "
        "ensemble's lead of 0.08 points over the best network in the lesson's run. The two are "
        "measured on the same images, so the sharper comparison looks only at the images where "
        "they disagree: McNemar's test gives 0.91 for 39 against 31, far below 3.84.",
        "sqrt(0.98 · 0.02 / 10,000) = 0.0014，即 0.14 个百分点：比课程的运行中集成对最好网络的领先"
        "（0.08 个百分点）还大。两者是在相同的图像上测得的，因此更灵敏的比较只看它们意见不一致的图像："
        "对 39 比 31，McNemar 检验给出 0.91，远低于 3.84。",
    ),
)

SHARED_IMAGES = Question(
    name="q_shared_images",
    check=number(
        15000,
        tolerance=100,
        too_low=Text(
            "{answer} is too few: an image is in a network's training set with probability "
            "30,000 / 60,000; in both networks' sets with the product of the two.",
            "{answer} 太少了：一张图像在一个网络的训练集中的概率是 30,000 / 60,000；"
            "同时在两个网络的训练集中的概率是两者的乘积。",
        ),
        too_high=Text(
            "{answer} is too many: two networks share an image only if both drew it. Multiply "
            "the two probabilities, then by the pool's size.",
            "{answer} 太多了：只有两个网络都抽到一张图像时，它们才共有这张图像。把两个概率相乘，"
            "再乘以图像池的大小。",
        ),
    ),
    reference=15000,
    hints=[
        Text(
            "The lesson does it for 48,000 of 60,000: 0.8 × 0.8 × 60,000 = 38,400.",
            "课程对 60,000 张中取 48,000 张的情况算过：0.8 × 0.8 × 60,000 = 38,400。",
        )
    ],
    explanation=Text(
        "An image is in a network's training set with probability 0.5, in both with 0.5 × 0.5 = "
        "0.25: about 0.25 × 60,000 = 15,000 images, half of each network's 30,000 (the worked "
        "solutions measure 15,029 for networks 1 and 2). Smaller training sets make the networks "
        "more different, but each network worse.",
        "一张图像在一个网络的训练集中的概率是 0.5，同时在两个网络的训练集中的概率是 0.5 × 0.5 = 0.25："
        "约 0.25 × 60,000 = 15,000 张图像，是每个网络 30,000 张的一半（参考解答中网络 1 和 2 实测共有 "
        "15,029 张）。训练集越小，网络之间越不同，但每个网络也越差。",
    ),
)

EXERCISES = [
    ENSEMBLE_MEAN,
    ENSEMBLE_VOTE,
    COUNT_DISPUTED,
    TRAINING_SPLIT,
    TIE,
    MEAN_OR_VOTE,
    STANDARD_ERROR,
    SHARED_IMAGES,
]
