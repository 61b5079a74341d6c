"""Typical wrong answers to #05's checked exercises."""

from collections import Counter

import numpy as np
import tensorflow as tf

from exercises import checking, core
from exercises import lesson_05 as lesson

# ensemble_mean(probabilities) -----------------------------------------------------------------


def mean_summed(probabilities):
    return np.sum(probabilities, axis=0)


def mean_over_images(probabilities):
    return np.mean(probabilities, axis=1)


def mean_over_classes(probabilities):
    return np.mean(probabilities, axis=2)


def mean_of_votes(probabilities):
    network_cls = np.argmax(probabilities, axis=2)
    return np.mean(np.eye(probabilities.shape[2])[network_cls], axis=0)


def mean_of_class_numbers(probabilities):
    return np.mean(np.argmax(probabilities, axis=2), axis=0)


def mean_then_softmax(probabilities):
    return tf.nn.softmax(np.mean(probabilities, axis=0), axis=1)


def mean_then_argmax(probabilities):
    return np.argmax(np.mean(probabilities, axis=0), axis=1)


def median_of_networks(probabilities):
    return np.median(probabilities, axis=0)


def mean_with_kept_axis(probabilities):
    return np.mean(probabilities, axis=0, keepdims=True)


# ensemble_vote(probabilities) -----------------------------------------------------------------


def _votes(probabilities):
    network_cls = np.argmax(probabilities, axis=2)
    return np.stack([np.bincount(row, minlength=probabilities.shape[2]) for row in network_cls.T])


def vote_by_the_mean(probabilities):
    return np.argmax(np.mean(probabilities, axis=0), axis=1)


def vote_tie_to_the_highest_class(probabilities):
    votes = _votes(probabilities)
    return votes.shape[1] - 1 - np.argmax(votes[:, ::-1], axis=1)


def vote_tie_to_the_first_network(probabilities):
    network_cls = np.argmax(probabilities, axis=2)
    return np.array([Counter(row).most_common(1)[0][0] for row in network_cls.T])


def vote_tie_to_the_mean(probabilities):
    votes = _votes(probabilities)
    tied = votes == votes.max(axis=1, keepdims=True)
    mean = np.mean(probabilities, axis=0)
    return np.argmax(np.where(tied, mean, -1.0), axis=1)


def vote_without_transpose(probabilities):
    network_cls = np.argmax(probabilities, axis=2)
    votes = np.stack([np.bincount(row, minlength=probabilities.shape[2]) for row in network_cls])
    return np.argmax(votes, axis=1)


def vote_counts(probabilities):
    return _votes(probabilities)


def vote_of_the_least_probable(probabilities):
    network_cls = np.argmin(probabilities, axis=2)
    votes = np.stack([np.bincount(row, minlength=probabilities.shape[2]) for row in network_cls.T])
    return np.argmax(votes, axis=1)


# count_disputed(ensemble_cls, best_cls, cls_true) ---------------------------------------------


def disputed_swapped(ensemble_cls, best_cls, cls_true):
    ensemble_correct, best_correct = ensemble_cls == cls_true, best_cls == cls_true
    return np.sum(~ensemble_correct & best_correct), np.sum(ensemble_correct & ~best_correct)


def disputed_as_totals(ensemble_cls, best_cls, cls_true):
    return np.sum(ensemble_cls == cls_true), np.sum(best_cls == cls_true)


def disputed_where_they_differ(ensemble_cls, best_cls, cls_true):
    differ = ensemble_cls != best_cls
    return np.sum(differ & (best_cls != cls_true)), np.sum(differ & (ensemble_cls != cls_true))


def disputed_positions(ensemble_cls, best_cls, cls_true):
    ensemble_correct, best_correct = ensemble_cls == cls_true, best_cls == cls_true
    return (
        np.flatnonzero(ensemble_correct & ~best_correct),
        np.flatnonzero(~ensemble_correct & best_correct),
    )


def disputed_in_one_count(ensemble_cls, best_cls, cls_true):
    return np.sum(ensemble_cls != best_cls)


def disputed_without_parentheses(ensemble_cls, best_cls, cls_true):
    # & binds more tightly than ==: a chained comparison of arrays, which Python cannot decide.
    return np.sum(ensemble_cls == cls_true & best_cls != cls_true), 0


# training_split(rng, pool_size, train_size) ---------------------------------------------------


def split_with_replacement(rng, pool_size, train_size):
    train = rng.choice(pool_size, train_size)  # replace=True is choice's default
    return train, np.setdiff1d(np.arange(pool_size), train)


def split_from_two_permutations(rng, pool_size, train_size):
    return rng.permutation(pool_size)[:train_size], rng.permutation(pool_size)[train_size:]


def split_one_too_many_held_out(rng, pool_size, train_size):
    order = rng.permutation(pool_size)
    return order[:train_size], order[train_size - 1 :]


def split_with_a_fixed_seed(rng, pool_size, train_size):
    order = np.random.default_rng(42).permutation(pool_size)
    return order[:train_size], order[train_size:]


def split_without_shuffling(rng, pool_size, train_size):
    order = np.arange(pool_size)
    return order[:train_size], order[train_size:]


def split_with_the_global_generator(rng, pool_size, train_size):
    order = np.random.permutation(pool_size)
    return order[:train_size], order[train_size:]


def split_swapped(rng, pool_size, train_size):
    order = rng.permutation(pool_size)
    return order[train_size:], order[:train_size]


def split_with_the_lessons_numbers(rng, pool_size, train_size):
    order = rng.permutation(pool_size)
    cut = int(0.8 * len(order))  # the lesson's 80 %, not the train_size asked for
    return order[:cut], order[cut:]


def split_as_masks(rng, pool_size, train_size):
    in_train = np.zeros(pool_size, dtype=bool)
    in_train[rng.permutation(pool_size)[:train_size]] = True
    return in_train, ~in_train


WRONG = {
    "ensemble_mean": [
        (mean_summed, lesson.SUMMED),
        (mean_over_images, lesson.MEAN_OVER_IMAGES),
        (mean_over_classes, lesson.MEAN_OVER_CLASSES),
        (mean_of_votes, lesson.ARGMAX_FIRST),
        (mean_of_class_numbers, lesson.ARGMAX_FIRST),
        (mean_then_softmax, lesson.SOFTMAX_AGAIN),
        (mean_then_argmax, lesson.RETURNS_CLASSES),
        (median_of_networks, lesson.NOT_THE_MEAN),
        (mean_with_kept_axis, checking.WRONG_SHAPE),
    ],
    "ensemble_vote": [
        (vote_by_the_mean, lesson.MEAN_NOT_VOTE),
        (vote_tie_to_the_highest_class, lesson.TIE_RULE),
        (vote_tie_to_the_first_network, lesson.TIE_RULE),
        (vote_tie_to_the_mean, lesson.TIE_RULE),
        (vote_without_transpose, lesson.ONE_PER_NETWORK),
        (vote_counts, lesson.RETURNS_VOTES),
        (vote_of_the_least_probable, lesson.NOT_THE_VOTE),
    ],
    "count_disputed": [
        (disputed_swapped, lesson.SWAPPED),
        (disputed_as_totals, lesson.TOTALS),
        (disputed_where_they_differ, lesson.BOTH_WRONG_COUNTED),
        (disputed_positions, lesson.POSITIONS),
        (disputed_in_one_count, lesson.NOT_TWO),
        (disputed_without_parentheses, core.CRASHED),
    ],
    "training_split": [
        (split_with_replacement, lesson.WITH_REPLACEMENT),
        (split_from_two_permutations, lesson.OVERLAP),
        (split_one_too_many_held_out, lesson.OVERLAP),
        (split_with_a_fixed_seed, lesson.SAME_SPLIT),
        (split_without_shuffling, lesson.NOT_SHUFFLED),
        (split_with_the_global_generator, lesson.GLOBAL_RANDOM),
        (split_swapped, lesson.SIZES_SWAPPED),
        (split_with_the_lessons_numbers, lesson.WRONG_SIZES),
        (split_as_masks, lesson.NOT_POSITIONS),
    ],
}
