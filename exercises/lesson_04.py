"""Checked exercises of #04, Save & Restore: a checkpoint saved and restored, the best one kept,
the early-stopping rule, the Keras callbacks; and four questions."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from .checking import close, result_of, short
from .core import CRASHED, Exercise, NotAttempted, Question, Text, Wrong, ____, choice, number

TITLE = "#04 Save & Restore"

# ---------------------------------------------------------------------------------------------
# What the checks save and restore: a small network built like the lesson's (a tf.Module whose
# layers hold `kernel` and `bias`), and an Adam optimizer that has taken two steps.


class _Layer(tf.Module):
    def __init__(self, rng: np.random.Generator, inputs: int, outputs: int) -> None:
        super().__init__()
        self.kernel = tf.Variable(rng.normal(scale=0.5, size=(inputs, outputs)).astype(np.float32))
        self.bias = tf.Variable(rng.normal(scale=0.5, size=outputs).astype(np.float32))


class _SmallNet(tf.Module):
    """Two fully-connected layers (`layer_fc1`, `layer_fc2`); `extra` adds a third one, which a
    checkpoint of the two-layer network does not fit."""

    def __init__(self, seed: int, extra: bool = False) -> None:
        super().__init__()
        rng = np.random.default_rng(seed)
        self.layer_fc1 = _Layer(rng, 4, 3)
        self.layer_fc2 = _Layer(rng, 3, 2)
        if extra:
            self.layer_fc3 = _Layer(rng, 2, 2)

    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        hidden = tf.nn.relu(x @ self.layer_fc1.kernel + self.layer_fc1.bias)
        return hidden @ self.layer_fc2.kernel + self.layer_fc2.bias


_BATCH = np.random.default_rng(40).normal(size=(5, 4)).astype(np.float32)


def _step(net: _SmallNet, optimizer: keras.optimizers.Optimizer) -> None:
    with tf.GradientTape() as tape:
        cost = tf.reduce_sum(net(tf.constant(_BATCH)) ** 2)
    variables = net.trainable_variables
    optimizer.apply_gradients(zip(tape.gradient(cost, variables), variables))


def _trained(seed: int, extra: bool = False) -> tuple[_SmallNet, keras.optimizers.Optimizer]:
    """A small network and an Adam optimizer after two steps (so that its state is not zero)."""
    net = _SmallNet(seed, extra)
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    for _ in range(2):
        _step(net, optimizer)
    return net, optimizer


def _new(seed: int, extra: bool = False) -> tuple[_SmallNet, keras.optimizers.Optimizer]:
    """A network built the same way, with other values, and a new optimizer with its variables."""
    net = _SmallNet(seed, extra)
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    optimizer.build(net.trainable_variables)
    return net, optimizer


def _values(net: _SmallNet, optimizer: keras.optimizers.Optimizer) -> list[np.ndarray]:
    return [v.numpy() for v in [*net.trainable_variables, *optimizer.variables]]


def _model_values(net: _SmallNet) -> list[np.ndarray]:
    return [v.numpy() for v in net.trainable_variables]


def _same(got: list[np.ndarray], want: list[np.ndarray]) -> bool:
    return len(got) == len(want) and all(
        close(np.asarray(a, np.float64), np.asarray(b, np.float64)) for a, b in zip(got, want)
    )


def _overwrite(net: _SmallNet, optimizer: keras.optimizers.Optimizer) -> None:
    """Other values in every variable, as the lesson overwrites its network before restoring."""
    rng = np.random.default_rng(99)
    for variable in [*net.trainable_variables, *optimizer.variables]:
        value = rng.normal(size=variable.shape) + 3.0
        variable.assign(value.astype(tf.as_dtype(variable.dtype).as_numpy_dtype))


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """TensorFlow logs warnings when a checkpoint restored only in part is deleted (the lesson's
    solutions explain it); a wrong answer should give its message, not a screen of warnings."""
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        gc.collect(1)
        logger.setLevel(level)


# ---------------------------------------------------------------------------------------------
# save_checkpoint(model, optimizer, directory) -> the checkpoint's path


def save_checkpoint(model, optimizer, directory):
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    manager = tf.train.CheckpointManager(checkpoint, directory=directory, max_to_keep=1)
    return manager.save()


NO_PATH = Text(
    "your function returned None: return the checkpoint's path, which manager.save() returns.",
    "你的函数返回了 None：要返回检查点的路径，也就是 manager.save() 的返回值。",
)
NOT_A_PATH = Text(
    "return the checkpoint's path (a string, which manager.save() returns), got {got}.",
    "要返回检查点的路径（一个字符串，即 manager.save() 的返回值），得到的是 {got}。",
)
NOT_IN_THE_FOLDER = Text(
    "the folder you were given holds no checkpoint. checkpoint.save(directory) takes the folder's "
    "name as the start of the files' names, so they land beside it, not in it: give the folder to "
    "a tf.train.CheckpointManager, as the lesson does.",
    "给你的文件夹里没有检查点。checkpoint.save(directory) 把文件夹的名字当作文件名的开头，"
    "文件于是落在文件夹旁边，而不是里面：像本课那样，把文件夹交给 tf.train.CheckpointManager。",
)
RETURNED_THE_FOLDER = Text(
    "you returned the folder, not the checkpoint's path: return what manager.save() returns "
    "(the folder, then ckpt- and the checkpoint's number).",
    "你返回的是文件夹，而不是检查点的路径：要返回 manager.save() 的返回值"
    "（文件夹，接着是 ckpt- 和检查点的编号）。",
)
NO_CHECKPOINT_THERE = Text(
    "there is no checkpoint at the path you returned: return the path that save returned, "
    "unchanged.",
    "你返回的路径上没有检查点：要原样返回 save 返回的路径。",
)
OTHER_NAMES = Text(
    "the checkpoint holds no object named model: a checkpoint is restored by the names it was "
    "saved with, and the lesson's are tf.train.Checkpoint(model=..., optimizer=...).",
    "检查点里没有名为 model 的对象：恢复检查点要按保存时用的名字，本课用的是 "
    "tf.train.Checkpoint(model=..., optimizer=...)。",
)
OPTIMIZER_NOT_SAVED = Text(
    "the checkpoint holds the model but not the optimizer: without Adam's averages and its count "
    "of steps, training could not resume where it stopped. Give the checkpoint both.",
    "检查点里有模型，却没有优化器：没有 Adam 的滑动平均和它的步数，训练就无法从停下的地方继续。"
    "把两者都交给检查点。",
)
NOT_EVERYTHING_SAVED = Text(
    "restored into a network built the same way, your checkpoint leaves some of its variables "
    "without a value: save the whole model and the whole optimizer, not a part.",
    "恢复到以同样方式搭建的网络时，你的检查点让其中一些变量没有得到值："
    "要保存整个模型和整个优化器，而不是一部分。",
)
VALUES_NOT_SAVED = Text(
    "restored into a network built the same way, your checkpoint gives other values than the "
    "model and the optimizer had when your function was called.",
    "恢复到以同样方式搭建的网络时，你的检查点给出的值与调用函数时模型和优化器中的值不同。",
)


def check_save_checkpoint(answer: object) -> None:
    net, optimizer = _trained(seed=1)
    want = _values(net, optimizer)
    with tempfile.TemporaryDirectory() as folder, _quiet():
        directory = Path(folder) / "checkpoints"  # beside it: what a save beside it writes
        path = result_of(answer, net, optimizer, directory)
        if path is None:
            raise Wrong(NO_PATH)
        if not isinstance(path, (str, os.PathLike)):
            raise Wrong(NOT_A_PATH, got=type(path).__name__)
        path = os.fspath(path)
        if not directory.is_dir() or not list(directory.glob("*.index")):
            raise Wrong(NOT_IN_THE_FOLDER)
        if os.path.isdir(path):
            raise Wrong(RETURNED_THE_FOLDER)
        if not os.path.exists(path + ".index"):
            raise Wrong(NO_CHECKPOINT_THERE)
        names = [name for name, _ in tf.train.list_variables(path)]
        if not any(name.startswith("model/") for name in names):
            raise Wrong(OTHER_NAMES)
        if not any(name.startswith("optimizer/") for name in names):
            raise Wrong(OPTIMIZER_NOT_SAVED)
        new_net, new_optimizer = _new(seed=2)
        try:
            restore_checkpoint(new_net, new_optimizer, path)
        except (AssertionError, ValueError):
            raise Wrong(NOT_EVERYTHING_SAVED) from None
        if not _same(_values(new_net, new_optimizer), want):
            raise Wrong(VALUES_NOT_SAVED)


SAVE_CHECKPOINT = Exercise(
    name="save_checkpoint",
    check=check_save_checkpoint,
    reference=save_checkpoint,
    hints=[
        Text(
            "A tf.train.Checkpoint is told which objects to save, each under a name: "
            "tf.train.Checkpoint(model=model, optimizer=optimizer).",
            "tf.train.Checkpoint 要被告知保存哪些对象，每个对象有一个名字："
            "tf.train.Checkpoint(model=model, optimizer=optimizer)。",
        ),
        Text(
            "tf.train.CheckpointManager(checkpoint, directory=directory, max_to_keep=1) writes "
            "numbered checkpoints into the folder (and makes it if needed).",
            "tf.train.CheckpointManager(checkpoint, directory=directory, max_to_keep=1) "
            "把带编号的检查点写进文件夹（需要时会创建文件夹）。",
        ),
        Text(
            "manager.save() saves and returns the new checkpoint's path: return it.",
            "manager.save() 保存检查点并返回新检查点的路径：把它返回。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# restore_checkpoint(model, optimizer, path) -> the status of the restore


def restore_checkpoint(model, optimizer, path):
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    status = checkpoint.restore(path)
    status.assert_consumed()
    return status


REFUSED_A_FITTING_CHECKPOINT = Text(
    "your code raised AssertionError on a checkpoint that fits the model and the optimizer: "
    "a checkpoint finds the variables by the names it was saved with, model and optimizer; "
    "give the objects the same names, and both of them.",
    "对于与模型和优化器相符的检查点，你的代码抛出了 AssertionError："
    "检查点按保存时的名字 model 和 optimizer 寻找变量；要用同样的名字，并且两个对象都要给。",
)
NOTHING_RESTORED = Text(
    "the model's variables still hold the values they were overwritten with: nothing was "
    "restored into them. Restore a tf.train.Checkpoint of the model and the optimizer you were "
    "given, with the names they were saved under (model=..., optimizer=...).",
    "模型的变量仍然是被覆盖后的值：没有任何值恢复到它们里面。要恢复由给你的模型和优化器构成的 "
    "tf.train.Checkpoint，并使用保存时的名字（model=..., optimizer=...）。",
)
OTHER_CHECKPOINT = Text(
    "the model now holds the values of another checkpoint of the folder, not of the one at path: "
    "restore path itself, not the newest checkpoint.",
    "模型现在的值来自文件夹中另一个检查点，而不是 path 所指的那个：要恢复 path 本身，"
    "而不是最新的检查点。",
)
MODEL_NOT_RESTORED = Text(
    "the model's variables do not hold the checkpoint's values.",
    "模型的变量中不是检查点里的值。",
)
OPTIMIZER_NOT_RESTORED = Text(
    "the model was restored but the optimizer was not: its count of steps and Adam's averages "
    "still hold other values. Give the checkpoint the optimizer too (optimizer=...).",
    "模型恢复了，优化器却没有：它的步数和 Adam 的滑动平均仍是别的值。"
    "把优化器也交给检查点（optimizer=...）。",
)
NO_ERROR_ON_A_MISMATCH = Text(
    "given a network with one layer more than the checkpoint holds, your function restored the "
    "rest without an error, and the new layer kept its random values unnoticed. Call "
    "assert_consumed() on what restore returns, as the lesson does.",
    "给你的函数一个比检查点多一层的网络时，它没有报错就恢复了其余部分，新的一层保留着随机值而无人察觉。"
    "像本课那样，对 restore 的返回值调用 assert_consumed()。",
)
NO_STATUS = Text(
    "the variables were restored, but your function returned None: return the status that "
    "checkpoint.restore(path) returns.",
    "变量已经恢复，但你的函数返回了 None：要返回 checkpoint.restore(path) 给出的状态对象。",
)


def check_restore_checkpoint(answer: object) -> None:
    net, optimizer = _trained(seed=3)
    with tempfile.TemporaryDirectory() as folder, _quiet():
        checkpoint = tf.train.Checkpoint(model=net, optimizer=optimizer)
        manager = tf.train.CheckpointManager(checkpoint, directory=folder, max_to_keep=2)
        path = manager.save()
        want = _values(net, optimizer)
        _step(net, optimizer)
        newer = _model_values(net)
        manager.save()  # a newer checkpoint in the same folder
        _overwrite(net, optimizer)
        overwritten = _model_values(net)
        refused = False
        try:
            status = result_of(answer, net, optimizer, path)
        except Wrong as wrong:
            if wrong.text is not CRASHED or wrong.fields.get("error") != "AssertionError":
                raise
            refused = True
        if refused:  # raised here, so that the learner's restore is deleted while it is quiet
            raise Wrong(REFUSED_A_FITTING_CHECKPOINT)
        returned_nothing = status is None
        del status  # the same: a restore in part is deleted here, not when the message shows
        gc.collect(1)
        got = _model_values(net)
        if _same(got, overwritten):
            raise Wrong(NOTHING_RESTORED)
        if _same(got, newer):
            raise Wrong(OTHER_CHECKPOINT)
        if not _same(got, want[: len(got)]):
            raise Wrong(MODEL_NOT_RESTORED)
        if not _same(_values(net, optimizer), want):
            raise Wrong(OPTIMIZER_NOT_RESTORED)
        larger, larger_optimizer = _new(seed=4, extra=True)
        try:
            answer(larger, larger_optimizer, path)  # type: ignore[operator]
        except Exception:  # noqa: BLE001, S110  (an error is what a mismatch should give)
            pass
        else:
            raise Wrong(NO_ERROR_ON_A_MISMATCH)
        if returned_nothing:
            raise Wrong(NO_STATUS)


RESTORE_CHECKPOINT = Exercise(
    name="restore_checkpoint",
    check=check_restore_checkpoint,
    reference=restore_checkpoint,
    hints=[
        Text(
            "Restoring needs a checkpoint of the objects to fill, under the names they were saved "
            "with: tf.train.Checkpoint(model=model, optimizer=optimizer).",
            "恢复需要一个由待填充对象构成的检查点，名字与保存时相同："
            "tf.train.Checkpoint(model=model, optimizer=optimizer)。",
        ),
        Text(
            "checkpoint.restore(path) assigns the saved values and returns a status object.",
            "checkpoint.restore(path) 把保存的值赋给变量，并返回一个状态对象。",
        ),
        Text(
            "status.assert_consumed() raises an error unless every saved value found its variable "
            "and every variable got a value; then return status.",
            "除非每个保存的值都找到了它的变量、每个变量都得到了值，否则 status.assert_consumed() "
            "会报错；然后返回 status。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# save_if_best(manager, accuracy, best_accuracy, iteration) -> the best accuracy so far


def save_if_best(manager, accuracy, best_accuracy, iteration):
    if accuracy > best_accuracy:
        manager.save(checkpoint_number=iteration)
        return accuracy
    return best_accuracy


NOT_SAVED = Text(
    "the validation accuracy beat the best so far, but the manager saved no new checkpoint: call "
    "manager.save(...) when it improves.",
    "验证准确率超过了此前的最好值，管理器却没有保存新的检查点：准确率提高时要调用 manager.save(...)。",
)
SAVED_WITHOUT_IMPROVEMENT = Text(
    "a checkpoint was saved although the validation accuracy was lower than the best so far: "
    "then the newest checkpoint is the last network, not the best. Save only when it improves.",
    "验证准确率低于此前的最好值，却保存了检查点：这样最新的检查点就是最后的网络，而不是最好的。"
    "只在准确率提高时保存。",
)
SAVED_ON_A_TIE = Text(
    "a checkpoint was saved when the validation accuracy only equalled the best so far: a tie "
    "is not an improvement (the lesson compares with >, not >=), and the earlier network stays "
    "the best.",
    "验证准确率只是等于此前的最好值，却保存了检查点：持平不算提高（本课用 > 比较，而不是 >=），"
    "较早的网络仍然是最好的。",
)
NOT_NUMBERED_BY_ITERATION = Text(
    "the checkpoint is not numbered by the iteration: manager.save(checkpoint_number=iteration) "
    "names it after the iteration, as in the lesson's ckpt-7700.",
    "检查点的编号不是迭代次数：manager.save(checkpoint_number=iteration) 以迭代次数命名它，"
    "就像本课的 ckpt-7700。",
)
NOT_A_BEST = Text(
    "return the best validation accuracy so far, one number, got {got}.",
    "要返回迄今为止最好的验证准确率，一个数，得到的是 {got}。",
)
BEST_NOT_UPDATED = Text(
    "after an improvement your function returned the old best: the new accuracy is the best "
    "now, and the next measurement must be compared with it.",
    "准确率提高后，你的函数返回的仍是旧的最好值：现在新的准确率才是最好的，下一次测量要与它比较。",
)
BEST_LOWERED = Text(
    "after a worse measurement your function returned it as the best: the best so far stays "
    "what it was.",
    "测量结果变差后，你的函数把它当作最好值返回了：迄今为止的最好值应保持不变。",
)
WRONG_BEST = Text(
    "the best accuracy you returned is neither the new measurement nor the old best.",
    "你返回的最好准确率既不是新的测量值，也不是旧的最好值。",
)

# (iteration, validation accuracy) in the order of measurement: two improvements, a worse
# measurement, a tie, an improvement.
_MEASUREMENTS = [(100, 0.5), (200, 0.7), (300, 0.65), (400, 0.7), (500, 0.75)]


def _checkpoint_number(path: str | None) -> int | None:
    if path is None:
        return None
    return int(path.rsplit("-", 1)[-1])


def check_save_if_best(answer: object) -> None:
    counter = tf.Variable(0.0)
    with tempfile.TemporaryDirectory() as folder:
        checkpoint = tf.train.Checkpoint(counter=counter)
        manager = tf.train.CheckpointManager(checkpoint, directory=folder, max_to_keep=5)
        best = 0.0
        for iteration, accuracy in _MEASUREMENTS:
            counter.assign(float(iteration))
            before = manager.latest_checkpoint
            returned = result_of(answer, manager, accuracy, best, iteration)
            saved = manager.latest_checkpoint != before
            improved = accuracy > best
            if improved and not saved:
                raise Wrong(NOT_SAVED)
            if saved and not improved:
                raise Wrong(SAVED_ON_A_TIE if accuracy == best else SAVED_WITHOUT_IMPROVEMENT)
            if saved and _checkpoint_number(manager.latest_checkpoint) != iteration:
                raise Wrong(NOT_NUMBERED_BY_ITERATION)
            try:
                got = float(np.asarray(returned))
            except (TypeError, ValueError):
                raise Wrong(NOT_A_BEST, got=type(returned).__name__) from None
            want = accuracy if improved else best
            if abs(got - want) > 1e-9:
                if improved and abs(got - best) <= 1e-9:
                    raise Wrong(BEST_NOT_UPDATED)
                if not improved and abs(got - accuracy) <= 1e-9:
                    raise Wrong(BEST_LOWERED)
                raise Wrong(WRONG_BEST)
            best = want


SAVE_IF_BEST = Exercise(
    name="save_if_best",
    check=check_save_if_best,
    reference=save_if_best,
    hints=[
        Text(
            "An improvement is an accuracy strictly higher than the best so far.",
            "提高指的是准确率严格高于此前的最好值。",
        ),
        Text(
            "On an improvement: manager.save(checkpoint_number=iteration), and the accuracy is the "
            "new best.",
            "准确率提高时：manager.save(checkpoint_number=iteration)，这个准确率就是新的最好值。",
        ),
        Text(
            "if accuracy > best_accuracy: save and return accuracy; otherwise return "
            "best_accuracy.",
            "if accuracy > best_accuracy：保存并返回 accuracy；否则返回 best_accuracy。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# stopping_point(progress, require_improvement) -> (best_iteration, last_iteration)


def stopping_point(progress, require_improvement):
    best_validation_accuracy, last_improvement = 0.0, 0
    for iteration, training_batch_accuracy, validation_accuracy in progress:
        if validation_accuracy > best_validation_accuracy:
            best_validation_accuracy, last_improvement = validation_accuracy, iteration
        if iteration - last_improvement >= require_improvement:
            return last_improvement, iteration
    return last_improvement, progress[-1][0]


NOT_A_PAIR = Text(
    "return two numbers, (best_iteration, last_iteration), got {got}.",
    "要返回两个数 (best_iteration, last_iteration)，得到的是 {got}。",
)
INDICES_NOT_ITERATIONS = Text(
    "your numbers are positions in the list, counted from 0: return iterations, the first number "
    "of each measurement.",
    "你返回的是列表中的位置（从 0 开始数）：要返回迭代次数，即每次测量的第一个数。",
)
TIE_IS_NOT_AN_IMPROVEMENT = Text(
    "a measurement that only equals the best so far moves your best iteration: a tie is not an "
    "improvement (compare with >, not >=), the earlier network stays the best.",
    "一次只是等于此前最好值的测量移动了你的最佳迭代：持平不算提高（用 > 比较，而不是 >=），"
    "较早的网络仍然是最好的。",
)
STOPS_A_MEASUREMENT_LATE = Text(
    "your loop stops one measurement later than the lesson's: it stops as soon as "
    "iteration - last_improvement reaches require_improvement (>=, not >).",
    "你的循环比本课的晚一次测量才停止：一旦 iteration - last_improvement 达到 "
    "require_improvement 就停止（>=，而不是 >）。",
)
STOPS_A_MEASUREMENT_EARLY = Text(
    "your loop stops one measurement earlier than the lesson's: it waits until "
    "require_improvement iterations have passed since the last improvement.",
    "你的循环比本课的早一次测量就停止了：要等到自上次提高以来过了 require_improvement 次迭代。",
)
PATIENCE_IN_MEASUREMENTS = Text(
    "your loop waits far too long: require_improvement counts iterations, not measurements "
    "(there is one measurement every 100 iterations). Compare iteration - last_improvement "
    "with it.",
    "你的循环等得太久了：require_improvement 计的是迭代次数，而不是测量次数（每 100 次迭代测量一次）。"
    "要拿 iteration - last_improvement 与它比较。",
)
TRAINING_ACCURACY = Text(
    "your loop follows the training batch accuracy: early stopping watches the validation "
    "accuracy, the third number of each measurement.",
    "你的循环跟踪的是训练批次准确率：早停观察的是验证准确率，即每次测量的第三个数。",
)
BEST_AFTER_THE_STOP = Text(
    "your best iteration comes after the iteration where training stops: the loop never sees "
    "the measurements after its stop, so the best is the best up to there.",
    "你的最佳迭代在训练停止的迭代之后：循环看不到停止之后的测量，所以最好的只能是到那里为止最好的。",
)
NEVER_STOPS = Text(
    "your loop runs to the end of the list where the lesson's stops.",
    "本课的循环会停止的地方，你的循环一直运行到了列表末尾。",
)
NOT_THE_RULE = Text(
    "not the lesson's rule: a new best when the validation accuracy beats the best so far, a "
    "stop at the first measurement require_improvement iterations after it.",
    "不是本课的规则：验证准确率超过此前的最好值时才是新的最好值，在它之后过了 require_improvement "
    "次迭代的第一次测量时停止。",
)


def _progress(validation: list[float], training: list[float]) -> list[tuple[int, float, float]]:
    return [(100 * (i + 1), t, v) for i, (t, v) in enumerate(zip(training, validation))]


# (progress, require_improvement): a tie and a stop; no stop before the end; a stop before a
# later, higher accuracy. The training batch accuracies would stop elsewhere.
_STOPPING_CASES = [
    (
        _progress(
            [0.50, 0.70, 0.80, 0.80, 0.79, 0.78, 0.85, 0.86, 0.84, 0.83, 0.82, 0.90],
            [0.50, 0.60, 0.70, 0.80, 0.90, 0.95, 0.96, 0.97, 0.98, 0.99, 1.00, 1.00],
        ),
        300,
    ),
    (_progress([0.60, 0.70, 0.65, 0.72, 0.71, 0.73], [0.6, 0.8, 0.7, 0.9, 0.85, 0.95]), 300),
    (
        _progress(
            [0.90, 0.95, 0.94, 0.93, 0.92, 0.91, 0.90, 0.96],
            [0.90, 0.91, 0.95, 0.94, 0.93, 0.92, 0.97, 0.98],
        ),
        300,
    ),
]


def _rule(progress, patience, column=2, ties=False, late=False, early=False, measurements=False):
    """The lesson's rule and its typical variants, to name what an answer does instead."""
    best, last, last_index = 0.0, 0, -1
    for index, line in enumerate(progress):
        iteration, value = line[0], line[column]
        if value >= best if ties else value > best:
            best, last, last_index = value, iteration, index
        waited = index - last_index if measurements else iteration - last
        limit = patience - 100 if early else patience
        if waited > limit if late else waited >= limit:
            return last, iteration
    return last, progress[-1][0]


_VARIANTS = [
    (TIE_IS_NOT_AN_IMPROVEMENT, {"ties": True}),
    (STOPS_A_MEASUREMENT_LATE, {"late": True}),
    (STOPS_A_MEASUREMENT_EARLY, {"early": True}),
    (PATIENCE_IN_MEASUREMENTS, {"measurements": True}),
    (TRAINING_ACCURACY, {"column": 1}),
]


def _pair(result: object) -> tuple[float, float]:
    try:
        best, last = (float(np.asarray(x)) for x in result)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        shown = type(result).__name__ if not isinstance(result, (tuple, list)) else repr(result)
        raise Wrong(NOT_A_PAIR, got=shown) from None
    return best, last


def check_stopping_point(answer: object) -> None:
    got = []
    for progress, patience in _STOPPING_CASES:
        got.append(_pair(result_of(answer, [tuple(line) for line in progress], patience)))
    want = [stopping_point(progress, patience) for progress, patience in _STOPPING_CASES]
    if got == [tuple(map(float, w)) for w in want]:
        return
    for text, variant in _VARIANTS:
        if got == [_rule(p, patience, **variant) for p, patience in _STOPPING_CASES]:
            raise Wrong(text)
    iterations = [[line[0] for line in progress] for progress, _ in _STOPPING_CASES]
    if all(g[1] == its.index(w[1]) for g, w, its in zip(got, want, iterations)):
        raise Wrong(INDICES_NOT_ITERATIONS)
    if any(best > last for best, last in got):
        raise Wrong(BEST_AFTER_THE_STOP)
    if any(g[1] == its[-1] and w[1] != its[-1] for g, w, its in zip(got, want, iterations)):
        raise Wrong(NEVER_STOPS)
    raise Wrong(NOT_THE_RULE)


STOPPING_POINT = Exercise(
    name="stopping_point",
    check=check_stopping_point,
    reference=stopping_point,
    hints=[
        Text(
            "Walk through the measurements in order, as optimize does, keeping the best "
            "validation accuracy so far and the iteration where it came (last_improvement).",
            "像 optimize 那样按顺序逐个处理测量，记录迄今为止最好的验证准确率和它出现的迭代"
            "（last_improvement）。",
        ),
        Text(
            "A new best needs validation_accuracy > best_validation_accuracy; after updating, stop "
            "when iteration - last_improvement >= require_improvement.",
            "新的最好值需要 validation_accuracy > best_validation_accuracy；更新之后，当 "
            "iteration - last_improvement >= require_improvement 时停止。",
        ),
        Text(
            "On a stop, return last_improvement, iteration; after the loop, return "
            "last_improvement and the last line's iteration, progress[-1][0].",
            "停止时返回 last_improvement, iteration；循环结束后，返回 last_improvement 和最后一行的"
            "迭代次数 progress[-1][0]。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# keras_callbacks(path) -> [ModelCheckpoint, EarlyStopping], run as fit runs them


def keras_callbacks(path):
    return [
        keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy", save_best_only=True),
        keras.callbacks.EarlyStopping(
            monitor="val_accuracy", patience=2, restore_best_weights=True
        ),
    ]


NOT_A_LIST = Text(
    "return a list of Keras callbacks (keras.callbacks....), got {got}.",
    "要返回一个由 Keras 回调（keras.callbacks....）组成的列表，得到的是 {got}。",
)
STOPS_ON_VAL_LOSS = Text(
    "training stopped where the validation loss stopped improving: EarlyStopping watches "
    "val_loss unless told otherwise; give it monitor='val_accuracy'.",
    "训练在验证损失不再改善的地方停止了：除非另行指定，EarlyStopping 观察的是 val_loss；"
    "给它 monitor='val_accuracy'。",
)
STOPS_ON_TRAINING_ACCURACY = Text(
    "training followed the training accuracy ('accuracy'): early stopping watches the accuracy "
    "on the validation data, 'val_accuracy'.",
    "训练跟踪的是训练准确率（'accuracy'）：早停观察的是验证数据上的准确率 'val_accuracy'。",
)
NO_STOP = Text(
    "training ran through all the epochs without stopping: is an EarlyStopping in the list, "
    "with the patience the exercise asks for?",
    "训练跑完了所有轮次也没有停止：列表里有 EarlyStopping 吗？它的 patience 是题目要求的吗？",
)
STOPS_TOO_EARLY = Text(
    "training stopped too soon after the best epoch: patience=2 lets it wait two epochs without "
    "improvement.",
    "训练在最好的一轮之后停得太早：patience=2 让它等待两轮没有改善的训练。",
)
STOPS_TOO_LATE = Text(
    "training stopped too late after the best epoch: it should wait two epochs without "
    "improvement (patience=2), no more.",
    "训练在最好的一轮之后停得太晚：应当只等待两轮没有改善的训练（patience=2），不能更多。",
)
LAST_WEIGHTS_KEPT = Text(
    "after training the model holds the last epoch's weights: EarlyStopping puts the best ones "
    "back only with restore_best_weights=True.",
    "训练结束后，模型里是最后一轮的权重：只有设置 restore_best_weights=True，EarlyStopping "
    "才会把最好的权重放回去。",
)
NOT_THE_BEST_WEIGHTS = Text(
    "after training the model holds the weights of another epoch than the one with the best "
    "validation accuracy.",
    "训练结束后，模型里的权重不是验证准确率最好的那一轮的。",
)
NO_FILE = Text(
    "after training there is no file at path: a keras.callbacks.ModelCheckpoint(path, ...) in "
    "the list writes it.",
    "训练结束后 path 处没有文件：列表中的 keras.callbacks.ModelCheckpoint(path, ...) 会写出它。",
)
FILE_HOLDS_THE_LAST = Text(
    "the file holds the model of the last epoch, not of the best: ModelCheckpoint overwrites it "
    "after every epoch unless save_best_only=True.",
    "文件里是最后一轮的模型，而不是最好的：除非 save_best_only=True，否则 ModelCheckpoint "
    "每轮之后都会覆盖它。",
)
FILE_BY_VAL_LOSS = Text(
    "the file holds the model of the epoch with the lowest validation loss: ModelCheckpoint "
    "watches val_loss unless told otherwise; give it monitor='val_accuracy'.",
    "文件里是验证损失最低那一轮的模型：除非另行指定，ModelCheckpoint 观察的是 val_loss；"
    "给它 monitor='val_accuracy'。",
)
FILE_BY_TRAINING_ACCURACY = Text(
    "the file holds the model of the epoch with the best training accuracy: ModelCheckpoint "
    "should watch 'val_accuracy', the accuracy on the validation data.",
    "文件里是训练准确率最好那一轮的模型：ModelCheckpoint 应当观察 'val_accuracy'，"
    "即验证数据上的准确率。",
)
FILE_NOT_THE_BEST = Text(
    "the file does not hold the model of the epoch with the best validation accuracy.",
    "文件里不是验证准确率最好那一轮的模型。",
)

# An invented record of what fit reports after each epoch, built so that each quantity peaks
# elsewhere: the best validation accuracy after epoch 3 of the first five, the lowest
# validation loss after epoch 1, the best training accuracy after epoch 4 (of the first five)
# and after epoch 6.
_LOGS = {
    "val_accuracy": [0.9784, 0.9872, 0.9898, 0.9892, 0.9882, 0.9880, 0.9910, 0.9920],
    "val_loss": [0.050, 0.052, 0.051, 0.055, 0.056, 0.057, 0.058, 0.059],
    "accuracy": [0.930, 0.980, 0.987, 0.992, 0.990, 0.995, 0.991, 0.990],
    "loss": [0.23, 0.06, 0.04, 0.03, 0.025, 0.02, 0.018, 0.016],
}
_EPOCHS = 8


def _epoch_of(model: keras.Model) -> int | None:
    """The epoch whose weights the model holds: the fake training fills them with its number."""
    value = float(np.mean(model.get_weights()[0]))
    return round(value) if abs(value - round(value)) < 1e-6 else None


def _run_callbacks(callbacks: list, path: Path) -> tuple[int, int | None, int | None]:
    """Run the callbacks as fit does, on a tiny compiled model whose weights after epoch e are all
    e, with the logs above. Returns: epochs trained, the epoch of the model's weights at the end,
    the epoch of the model in the file (None: no file)."""
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, kernel_initializer="zeros")])
    model.compile(
        optimizer="sgd",
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
        run_eagerly=True,
    )
    model.test_on_batch(np.zeros((2, 2), np.float32), np.eye(2, dtype=np.float32))  # its metrics
    callback_list = keras.callbacks.CallbackList(callbacks, model=model)
    model.stop_training = False
    epochs = 0
    try:
        callback_list.on_train_begin()
        for epoch in range(_EPOCHS):
            model.set_weights(
                [np.full(w.shape, epoch + 1.0, np.float32) for w in model.get_weights()]
            )
            callback_list.on_epoch_begin(epoch)
            callback_list.on_epoch_end(epoch, {key: value[epoch] for key, value in _LOGS.items()})
            epochs = epoch + 1
            if model.stop_training:
                break
        callback_list.on_train_end()
    except Exception as error:  # noqa: BLE001  (a callback that fails: the learner's arguments)
        raise Wrong(CRASHED, error=type(error).__name__, detail=short(error)) from None
    saved = _epoch_of(keras.models.load_model(path)) if path.exists() else None
    return epochs, _epoch_of(model), saved


def check_keras_callbacks(answer: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "best.keras"
        callbacks = result_of(answer, path)
        if isinstance(callbacks, list) and any(c is ____ for c in callbacks):
            raise NotAttempted
        if not isinstance(callbacks, (list, tuple)) or not all(
            isinstance(c, keras.callbacks.Callback) for c in callbacks
        ):
            raise Wrong(NOT_A_LIST, got=type(callbacks).__name__)
        epochs, weights, saved = _run_callbacks(list(callbacks), path)
    if epochs == 3:
        raise Wrong(STOPS_ON_VAL_LOSS)
    if epochs == _EPOCHS and weights == 6:
        raise Wrong(STOPS_ON_TRAINING_ACCURACY)
    if epochs == _EPOCHS:
        raise Wrong(NO_STOP)
    if epochs < 5:
        raise Wrong(STOPS_TOO_EARLY)
    if epochs > 5:
        raise Wrong(STOPS_TOO_LATE)
    if weights == 5:
        raise Wrong(LAST_WEIGHTS_KEPT)
    if weights != 3:
        raise Wrong(NOT_THE_BEST_WEIGHTS)
    if saved is None:
        raise Wrong(NO_FILE)
    if saved != 3:
        messages = {5: FILE_HOLDS_THE_LAST, 1: FILE_BY_VAL_LOSS, 4: FILE_BY_TRAINING_ACCURACY}
        raise Wrong(messages.get(saved, FILE_NOT_THE_BEST))


KERAS_CALLBACKS = Exercise(
    name="keras_callbacks",
    check=check_keras_callbacks,
    reference=keras_callbacks,
    hints=[
        Text(
            "Both callbacks watch monitor='val_accuracy'; by default they would watch the "
            "validation loss.",
            "两个回调都观察 monitor='val_accuracy'；默认情况下它们观察的是验证损失。",
        ),
        Text(
            "keras.callbacks.ModelCheckpoint(path, monitor='val_accuracy', save_best_only=True) "
            "writes the file only when the validation accuracy is the best so far.",
            "keras.callbacks.ModelCheckpoint(path, monitor='val_accuracy', save_best_only=True) "
            "只在验证准确率达到迄今最好时写文件。",
        ),
        Text(
            "keras.callbacks.EarlyStopping(monitor='val_accuracy', patience=2, "
            "restore_best_weights=True) stops and puts the best weights back.",
            "keras.callbacks.EarlyStopping(monitor='val_accuracy', patience=2, "
            "restore_best_weights=True) 负责停止训练，并把最好的权重放回去。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# Questions

CHECKPOINT_CONTENTS = Question(
    name="q_checkpoint_contents",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "Could a new program restore the lesson's checkpoint without first building the "
            "network with helpers.new_conv_net? What does that say about what the checkpoint "
            "holds?",
            "一个新程序能不能不先用 helpers.new_conv_net 搭建网络，就恢复本课的检查点？"
            "这说明检查点里保存的是什么？",
        )
    ],
    explanation=Text(
        "A tf.train.Checkpoint saves values, not code: each variable of the objects it was given, "
        "under the path of attributes that leads to it (model/layer_conv1/kernel, ...). To restore, "
        "the same network must be built first. The whole model with its architecture is what "
        "Keras's .keras file holds (C); the optimizer's state is in the checkpoint too, which is "
        "why training can resume.",
        "tf.train.Checkpoint 保存的是值，而不是代码：交给它的对象的每个变量，以通向该变量的属性路径为名"
        "（model/layer_conv1/kernel, ...）。所以恢复之前必须先搭建同样的网络。包含架构的整个模型是 "
        "Keras 的 .keras 文件保存的内容（C）；优化器的状态也在检查点里，所以训练可以继续。",
    ),
)

MAX_TO_KEEP = Question(
    name="q_max_to_keep",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "Look at when optimize calls manager.save.",
            "看看 optimize 在什么时候调用 manager.save。",
        )
    ],
    explanation=Text(
        "The manager knows nothing of accuracies: it keeps the newest checkpoint. It is the best "
        "one because optimize calls manager.save only when the validation accuracy beats the "
        "best so far, so every newer checkpoint is better than the one it replaces.",
        "管理器对准确率一无所知：它只保留最新的检查点。这个检查点之所以是最好的，是因为 optimize "
        "只在验证准确率超过此前的最好值时才调用 manager.save，所以每个较新的检查点都比它取代的那个更好。",
    ),
)

STOP_ITERATION = Question(
    name="q_stop_iteration",
    check=number(
        8700,
        too_low=Text(
            "{answer} is too early: optimize stops only when require_improvement iterations "
            "have passed since the last improvement.",
            "{answer} 太早了：只有自上次提高以来过了 require_improvement 次迭代，optimize 才会停止。",
        ),
        too_high=Text(
            "{answer} is too late: optimize stops at the first measurement where "
            "iteration - last_improvement reaches require_improvement.",
            "{answer} 太晚了：optimize 在 iteration - last_improvement 达到 require_improvement "
            "的第一次测量时就停止。",
        ),
    ),
    reference=8700,
    hints=[
        Text(
            "The best came at iteration 7,700 and no later measurement beat it; "
            "require_improvement is 1,000.",
            "最好值出现在第 7,700 次迭代，之后的测量都没有超过它；require_improvement 是 1,000。",
        )
    ],
    explanation=Text(
        "7,700 + 1,000 = 8,700: the lesson's last measurement, followed by \"No improvement "
        'found in a while, stopping optimization."',
        '7,700 + 1,000 = 8,700：这是本课的最后一次测量，后面跟着 "No improvement found in a while, '
        'stopping optimization."',
    ),
)

BEST_OR_LAST = Question(
    name="q_best_or_last",
    check=choice("D"),
    reference="D",
    hints=[
        Text(
            "How large is the standard error of a validation accuracy measured on 5,000 images "
            "near 98 %, compared with the differences between checkpoints?",
            "在 5,000 张图像上测得的、接近 98 % 的验证准确率，其标准误差有多大？"
            "与各检查点之间的差别相比呢？",
        )
    ],
    explanation=Text(
        "The restore worked (the accuracy came back from 8.0 % to 98.4 %). The best validation "
        "accuracy is the best of many noisy measurements (a standard error of about 0.2 points), "
        "so it favours a checkpoint that was lucky on the validation images; the test set must "
        "not make the choice, or it would no longer measure the result honestly. Early stopping "
        "keeps a network from before overfitting and saves time; it does not promise the best "
        "test accuracy to a tenth of a point.",
        "恢复是成功的（准确率从 8.0 % 回到了 98.4 %）。最好的验证准确率是许多带噪声的测量中最好的一个"
        "（标准误差约 0.2 个百分点），因此偏向于在验证图像上运气好的检查点；而测试集不能参与选择，"
        "否则它就不能再如实衡量结果。早停保留过拟合之前的网络并节省时间；它并不保证测试准确率精确到"
        "十分之一个百分点都是最好的。",
    ),
)

EXERCISES = [
    SAVE_CHECKPOINT,
    RESTORE_CHECKPOINT,
    SAVE_IF_BEST,
    STOPPING_POINT,
    KERAS_CALLBACKS,
    CHECKPOINT_CONTENTS,
    MAX_TO_KEEP,
    STOP_ITERATION,
    BEST_OR_LAST,
]
