"""Typical wrong answers to #03-B's checked exercises."""

import keras
import numpy as np
import tensorflow as tf

from exercises import checking
from exercises import lesson_03b as lesson

Dataset = tf.data.Dataset

# training_pipeline(images, cls, batch_size, seed) ---------------------------------------------


def pipeline_without_shuffle(images, cls, batch_size, seed):
    return Dataset.from_tensor_slices((images, cls)).batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_shuffled_after_batch(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).batch(batch_size)
    return dataset.shuffle(len(images), seed=seed).prefetch(tf.data.AUTOTUNE)


def pipeline_with_a_small_buffer(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(10, seed=seed)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_with_a_buffer_of_one_batch(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(batch_size, seed=seed)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_shuffling_images_and_labels_apart(images, cls, batch_size, seed):
    shuffled_images = Dataset.from_tensor_slices(images).shuffle(len(images), seed=seed)
    shuffled_cls = Dataset.from_tensor_slices(cls).shuffle(len(cls))
    dataset = Dataset.zip((shuffled_images, shuffled_cls))
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_with_one_order(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls))
    dataset = dataset.shuffle(len(images), seed=seed, reshuffle_each_iteration=False)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_without_seed(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images))
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_with_its_own_seed(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images), seed=42)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_without_prefetch(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images), seed=seed)
    return dataset.batch(batch_size)


def pipeline_without_batch(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images), seed=seed)
    return dataset.prefetch(tf.data.AUTOTUNE)


def pipeline_dropping_the_last_batch(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images), seed=seed)
    return dataset.batch(batch_size, drop_remainder=True).prefetch(tf.data.AUTOTUNE)


def pipeline_with_the_lessons_batch_size(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images), seed=seed)
    return dataset.batch(128).prefetch(tf.data.AUTOTUNE)


def pipeline_of_images_only(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices(images).shuffle(len(images), seed=seed)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_labels_first(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((cls, images)).shuffle(len(images), seed=seed)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_repeated(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images), seed=seed)
    return dataset.repeat(2).batch(batch_size).prefetch(tf.data.AUTOTUNE)


def pipeline_as_a_list(images, cls, batch_size, seed):
    dataset = Dataset.from_tensor_slices((images, cls)).shuffle(len(images), seed=seed)
    return list(dataset.batch(batch_size))


# batch_norm_inference(x, gamma, beta, moving_mean, moving_variance, epsilon) -------------------


def norm_without_epsilon(x, gamma, beta, moving_mean, moving_variance, epsilon):
    return gamma * (x - moving_mean) / np.sqrt(moving_variance) + beta


def norm_by_the_variance(x, gamma, beta, moving_mean, moving_variance, epsilon):
    return gamma * (x - moving_mean) / (moving_variance + epsilon) + beta


def norm_with_epsilon_outside_the_root(x, gamma, beta, moving_mean, moving_variance, epsilon):
    return gamma * (x - moving_mean) / (np.sqrt(moving_variance) + epsilon) + beta


def norm_with_gamma_and_beta_swapped(x, gamma, beta, moving_mean, moving_variance, epsilon):
    return beta * (x - moving_mean) / np.sqrt(moving_variance + epsilon) + gamma


def norm_with_the_batchs_statistics(x, gamma, beta, moving_mean, moving_variance, epsilon):
    mean, variance = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))  # training mode
    return gamma * (x - mean) / np.sqrt(variance + epsilon) + beta


def norm_by_keras_in_training(x, gamma, beta, moving_mean, moving_variance, epsilon):
    layer = keras.layers.BatchNormalization(epsilon=epsilon)
    layer.build(x.shape)
    layer.set_weights([gamma, beta, moving_mean, moving_variance])
    return layer(x, training=True)


def norm_without_gamma_and_beta(x, gamma, beta, moving_mean, moving_variance, epsilon):
    return (x - moving_mean) / np.sqrt(moving_variance + epsilon)


def norm_over_the_images(x, gamma, beta, moving_mean, moving_variance, epsilon):
    mean, variance = x.mean(axis=0), x.var(axis=0)
    return gamma * (x - mean) / np.sqrt(variance + epsilon) + beta


def norm_of_one_channel(x, gamma, beta, moving_mean, moving_variance, epsilon):
    return gamma[0] * (x - moving_mean[0]) / np.sqrt(moving_variance[0] + epsilon) + beta[0]


def norm_per_image(x, gamma, beta, moving_mean, moving_variance, epsilon):
    normalised = (x - moving_mean) / np.sqrt(moving_variance + epsilon)
    return np.mean(gamma * normalised + beta, axis=(1, 2))


# dropout(x, rate, rng) ------------------------------------------------------------------------


def dropout_without_rescaling(x, rate, rng):
    return np.where(rng.random(x.shape) >= rate, x, 0.0)


def dropout_multiplied(x, rate, rng):
    return np.where(rng.random(x.shape) >= rate, x * (1 - rate), 0.0)


def dropout_keeping_rate(x, rate, rng):
    return np.where(rng.random(x.shape) < rate, x / (1 - rate), 0.0)


def dropout_with_a_fixed_seed(x, rate, rng):
    keep = np.random.default_rng(0).random(x.shape) >= rate
    return np.where(keep, x / (1 - rate), 0.0)


def dropout_with_the_global_generator(x, rate, rng):
    keep = np.random.random(x.shape) >= rate
    return np.where(keep, x / (1 - rate), 0.0)


def dropout_in_place(x, rate, rng):
    x[rng.random(x.shape) < rate] = 0.0
    x /= 1 - rate
    return x


def dropout_of_nothing(x, rate, rng):
    return x / (1 - rate)


def dropout_at_half(x, rate, rng):
    return np.where(rng.random(x.shape) >= 0.5, x / 0.5, 0.0)


def dropout_divided_by_rate(x, rate, rng):
    return np.where(rng.random(x.shape) >= rate, x / rate, 0.0)


def dropout_of_a_mask(x, rate, rng):
    return (rng.random(x.shape) >= rate) / (1 - rate)


def dropout_of_whole_rows(x, rate, rng):
    keep = rng.random((x.shape[0], 1)) >= rate
    return np.where(keep, x / (1 - rate), 0.0)[:, :1]


# cosine_learning_rate(step, decay_steps, initial) ---------------------------------------------


def cosine_without_clamp(step, decay_steps, initial):
    return initial * (1 + np.cos(np.pi * step / decay_steps)) / 2


def cosine_without_pi(step, decay_steps, initial):
    return initial * (1 + np.cos(min(step, decay_steps) / decay_steps)) / 2


def cosine_in_degrees(step, decay_steps, initial):
    return initial * (1 + np.cos(180 * min(step, decay_steps) / decay_steps)) / 2


def cosine_without_halving(step, decay_steps, initial):
    return initial * (1 + np.cos(np.pi * min(step, decay_steps) / decay_steps))


def linear_decay(step, decay_steps, initial):
    return initial * (1 - min(step, decay_steps) / decay_steps)


def cosine_of_every_step(step, decay_steps, initial):
    steps = np.arange(decay_steps + 1)
    return initial * (1 + np.cos(np.pi * steps / decay_steps)) / 2


def cosine_from_one(step, decay_steps, initial):
    return (1 + np.cos(np.pi * min(step, decay_steps) / decay_steps)) / 2


WRONG = {
    "training_pipeline": [
        (pipeline_without_shuffle, lesson.NOT_SHUFFLED),
        (pipeline_shuffled_after_batch, lesson.SHUFFLED_AFTER_BATCH),
        (pipeline_with_a_small_buffer, lesson.SMALL_BUFFER),
        (pipeline_with_a_buffer_of_one_batch, lesson.SMALL_BUFFER),
        (pipeline_shuffling_images_and_labels_apart, lesson.LABELS_MIXED),
        (pipeline_with_one_order, lesson.SAME_ORDER_EACH_EPOCH),
        (pipeline_without_seed, lesson.SEED_IGNORED),
        (pipeline_with_its_own_seed, lesson.FIXED_SEED),
        (pipeline_without_prefetch, lesson.NO_PREFETCH),
        (pipeline_without_batch, lesson.NOT_BATCHED),
        (pipeline_dropping_the_last_batch, lesson.DROPS_LAST),
        (pipeline_with_the_lessons_batch_size, lesson.WRONG_BATCH_SIZE),
        (pipeline_of_images_only, lesson.NOT_PAIRS),
        (pipeline_labels_first, lesson.PAIR_SWAPPED),
        (pipeline_repeated, lesson.MISSING_OR_REPEATED),
        (pipeline_as_a_list, lesson.NOT_A_DATASET),
    ],
    "batch_norm_inference": [
        (norm_without_epsilon, lesson.NO_EPSILON),
        (norm_by_the_variance, lesson.VARIANCE_NOT_ROOT),
        (norm_with_epsilon_outside_the_root, lesson.EPSILON_OUTSIDE),
        (norm_with_gamma_and_beta_swapped, lesson.GAMMA_BETA_SWAPPED),
        (norm_with_the_batchs_statistics, lesson.BATCH_STATISTICS),
        (norm_by_keras_in_training, lesson.BATCH_STATISTICS),
        (norm_without_gamma_and_beta, lesson.NO_SCALE_SHIFT),
        (norm_over_the_images, lesson.NOT_BATCH_NORM),
        (norm_of_one_channel, lesson.NOT_BATCH_NORM),
        (norm_per_image, checking.WRONG_SHAPE),
    ],
    "dropout": [
        (dropout_without_rescaling, lesson.NOT_RESCALED),
        (dropout_multiplied, lesson.MULTIPLIED),
        (dropout_keeping_rate, lesson.KEEPS_RATE),
        (dropout_with_a_fixed_seed, lesson.SAME_MASK),
        (dropout_with_the_global_generator, lesson.GLOBAL_RANDOM),
        (dropout_in_place, lesson.IN_PLACE),
        (dropout_of_nothing, lesson.NOTHING_DROPPED),
        (dropout_at_half, lesson.WRONG_SHARE),
        (dropout_divided_by_rate, lesson.KEPT_WRONG),
        (dropout_of_a_mask, lesson.KEPT_WRONG),
        (dropout_of_whole_rows, checking.WRONG_SHAPE),
    ],
    "cosine_learning_rate": [
        (cosine_without_clamp, lesson.NO_CLAMP),
        (cosine_without_pi, lesson.ANGLE),
        (cosine_in_degrees, lesson.ANGLE),
        (cosine_without_halving, lesson.STARTS_TWICE),
        (linear_decay, lesson.LINEAR),
        (cosine_of_every_step, lesson.NOT_ONE_NUMBER),
        (cosine_from_one, lesson.NOT_COSINE),
    ],
}
