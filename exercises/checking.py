"""What the lessons' checks share: call the learner's code safely, compare within a tolerance
that holds on every CPU, and say what is wrong without saying what is right."""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from .core import CRASHED, NotAttempted, Text, Wrong, ____

# float32 arithmetic of small tensors: other CPUs (AVX-512, SSE4.1) differ from the reference in
# the last bits, a wrong answer by far more.
RTOL = 1e-4
ATOL = 1e-5

NOT_CALLABLE = Text(
    "expected a function (def ...), got {got}.",
    "这里需要一个函数（def ...），得到的是 {got}。",
)
NOT_A_MODEL = Text(
    "expected a Keras model, got {got}.",
    "这里需要一个 Keras 模型，得到的是 {got}。",
)
NOT_NUMBERS = Text(
    "{what} should be numbers (a tensor or an array), got {got}.",
    "{what}应当是数值（张量或数组），得到的是 {got}。",
)
WRONG_SHAPE = Text(
    "{what}: shape {got}; {expected}.",
    "{what}的形状是 {got}；{expected}。",
)
NOT_FINITE = Text(
    "{what} contains NaN or infinity.",
    "{what}含有 NaN 或无穷大。",
)


def short(error: BaseException) -> str:
    """An exception's message on one line, cut to a readable length."""
    text = " ".join(str(error).split())
    return text if len(text) <= 200 else text[:197] + "..."


def result_of(function: object, *args: object, **kwargs: object) -> object:
    """Call the learner's function; the blank means not attempted, an exception is wrong."""
    if function is ____:
        raise NotAttempted
    if not callable(function):
        raise Wrong(NOT_CALLABLE, got=type(function).__name__)
    try:
        result = function(*args, **kwargs)
    except (Wrong, NotAttempted):
        raise
    except Exception as error:  # noqa: BLE001  (the learner's own error, shown as what went wrong)
        raise Wrong(CRASHED, error=type(error).__name__, detail=short(error)) from None
    if result is ____ or (isinstance(result, tuple) and any(r is ____ for r in result)):
        raise NotAttempted
    return result


def array(value: object, what: Text) -> np.ndarray:
    """`value` as a float NumPy array, or `Wrong` if it is not numbers."""
    try:
        result = np.asarray(value.numpy() if hasattr(value, "numpy") else value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Wrong(NOT_NUMBERS, what=what, got=type(value).__name__) from None
    return result


def checked_array(value: object, what: Text, shape: tuple[int, ...], expected: Text) -> np.ndarray:
    """`value` as an array of `shape`, finite, or `Wrong` saying which of these fails."""
    result = array(value, what)
    if result.shape != shape:
        raise Wrong(WRONG_SHAPE, what=what, got=tuple(result.shape), expected=expected)
    if not np.all(np.isfinite(result)):
        raise Wrong(NOT_FINITE, what=what)
    return result


def close(got: np.ndarray, want: np.ndarray, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """Whether two arrays of the same shape agree within the tolerance."""
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=rtol, atol=atol))


def model_of(value: object) -> keras.Model:
    """The learner's Keras model, or `Wrong`."""
    if value is ____:
        raise NotAttempted
    if not isinstance(value, keras.Model):
        raise Wrong(NOT_A_MODEL, got=type(value).__name__)
    return value


def fixed_images(count: int, seed: int = 0, shape: tuple[int, ...] = (28, 28, 1)) -> np.ndarray:
    """Images with pixels in [0, 1], the same on every run and every CPU."""
    return np.random.default_rng(seed).random((count, *shape), dtype=np.float32)


def fixed_logits(count: int, classes: int = 10, seed: int = 0) -> np.ndarray:
    """Logits of a few images, with a large one to catch softmax without its shift."""
    return (np.random.default_rng(seed).normal(size=(count, classes)) * 3).astype(np.float32)


def fixed_labels(count: int, classes: int = 10, seed: int = 0) -> np.ndarray:
    """Integer class labels."""
    return np.random.default_rng(seed + 1).integers(0, classes, size=count)


def one_hot(labels: np.ndarray, classes: int = 10) -> np.ndarray:
    return np.eye(classes, dtype=np.float32)[labels]


def numerical_gradient(function: Callable[[tf.Tensor], tf.Tensor], x: np.ndarray) -> np.ndarray:
    """The gradient of a scalar function by finite differences (TensorFlow's own checker)."""
    _, numeric = tf.test.compute_gradient(function, [tf.constant(x, tf.float64)])
    return np.asarray(numeric[0]).reshape(x.shape)
