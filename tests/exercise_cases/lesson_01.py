"""Typical wrong answers to #01's checked exercises."""

import tensorflow as tf

from exercises import checking
from exercises import lesson_01 as lesson


def softmax_over_images(logits):
    exps = tf.exp(logits - tf.reduce_max(logits, axis=0, keepdims=True))
    return exps / tf.reduce_sum(exps, axis=0, keepdims=True)


def softmax_without_shift(logits):
    return tf.exp(logits) / tf.reduce_sum(tf.exp(logits), axis=1, keepdims=True)


def exps_not_normalised(logits):
    return tf.exp(logits - tf.reduce_max(logits, axis=1, keepdims=True))


def softmax_of_squares(logits):
    return logits**2 / tf.reduce_sum(logits**2, axis=1, keepdims=True)


def cross_entropy_without_minus(logits, labels):
    return tf.reduce_sum(labels * tf.nn.log_softmax(logits), axis=1)


def cross_entropy_averaged(logits, labels):
    return -tf.reduce_mean(tf.reduce_sum(labels * tf.nn.log_softmax(logits), axis=1))


def cross_entropy_of_logits(logits, labels):
    return -tf.reduce_sum(labels * tf.math.log(logits), axis=1)


def cross_entropy_of_other_classes(logits, labels):
    return -tf.reduce_sum((1 - labels) * tf.nn.log_softmax(logits), axis=1)


def _cost(weights, biases, images, labels):
    logits = images @ weights + biases
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def step_on_weights_only(weights, biases, optimizer, images, labels):
    with tf.GradientTape() as tape:
        cost = _cost(weights, biases, images, labels)
    optimizer.apply_gradients([(tape.gradient(cost, weights), weights)])
    return cost


def step_up_the_gradient(weights, biases, optimizer, images, labels):
    with tf.GradientTape() as tape:
        cost = _cost(weights, biases, images, labels)
    gradients = tape.gradient(cost, [weights, biases])
    optimizer.apply_gradients(zip([-g for g in gradients], [weights, biases]))
    return cost


def step_ignoring_the_learning_rate(weights, biases, optimizer, images, labels):
    with tf.GradientTape() as tape:
        cost = _cost(weights, biases, images, labels)
    gradients = tape.gradient(cost, [weights, biases])
    weights.assign_sub(gradients[0] * 0.001)
    biases.assign_sub(gradients[1] * 0.001)
    return cost


def step_that_forgets_to_apply(weights, biases, optimizer, images, labels):
    with tf.GradientTape() as tape:
        cost = _cost(weights, biases, images, labels)
    tape.gradient(cost, [weights, biases])
    return cost


def accuracy_as_integer_mean(logits, cls_true):
    correct = tf.equal(tf.argmax(logits, axis=1), tf.cast(cls_true, tf.int64))
    return tf.reduce_mean(tf.cast(correct, tf.int64))


def accuracy_as_count(logits, cls_true):
    correct = tf.equal(tf.argmax(logits, axis=1), tf.cast(cls_true, tf.int64))
    return tf.reduce_sum(tf.cast(correct, tf.float32))


def accuracy_of_smallest_logit(logits, cls_true):
    correct = tf.equal(tf.argmin(logits, axis=1), tf.cast(cls_true, tf.int64))
    return tf.reduce_mean(tf.cast(correct, tf.float32))


WRONG = {
    "softmax": [
        (softmax_over_images, lesson.COLUMNS_SUM_TO_ONE),
        (softmax_without_shift, lesson.OVERFLOW),
        (exps_not_normalised, lesson.ROWS_DO_NOT_SUM_TO_ONE),
        (softmax_of_squares, lesson.NOT_SOFTMAX),
    ],
    "cross_entropy": [
        (cross_entropy_without_minus, lesson.NEGATIVE),
        (cross_entropy_averaged, checking.WRONG_SHAPE),
        (cross_entropy_of_logits, lesson.LOG_OF_LOGITS),
        (cross_entropy_of_other_classes, lesson.WRONG_CLASS_TERM),
    ],
    "train_step": [
        (step_on_weights_only, lesson.BIASES_UNCHANGED),
        (step_up_the_gradient, lesson.COST_ROSE),
        (step_ignoring_the_learning_rate, lesson.WRONG_STEP_SIZE),
        (step_that_forgets_to_apply, lesson.NOTHING_CHANGED),
    ],
    "accuracy": [
        (accuracy_as_integer_mean, lesson.INTEGER_MEAN),
        (accuracy_as_count, lesson.NOT_A_SHARE),
        (accuracy_of_smallest_logit, lesson.WRONG_AXIS),
    ],
}
