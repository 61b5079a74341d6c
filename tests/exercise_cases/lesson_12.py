"""Typical wrong answers to #12's checked exercises."""

import tensorflow as tf

from exercises import checking
from exercises import lesson_12 as lesson

# add_noise


def noise_added_not_clipped(images, noise):
    return images + noise


def noise_clipped_not_the_image(images, noise):
    return images + tf.clip_by_value(noise, -0.35, 0.35)


def clipped_to_minus_one_one(images, noise):
    return tf.clip_by_value(images + noise, -1.0, 1.0)


def clipped_below_only(images, noise):
    return tf.maximum(images + noise, 0.0)


def rescaled_into_range(images, noise):
    noisy = images + noise
    return (noisy - tf.reduce_min(noisy)) / (tf.reduce_max(noisy) - tf.reduce_min(noisy))


def noise_for_one_image(images, noise):
    return tf.clip_by_value(images[0] + noise, 0.0, 1.0)


# noise_loss


def _cross_entropies(logits, target_cls):
    targets = tf.one_hot(tf.fill([tf.shape(logits)[0]], target_cls), 10)
    return tf.nn.softmax_cross_entropy_with_logits(labels=targets, logits=logits)


def loss_with_minus(logits, target_cls, noise, l2_weight):
    return -tf.reduce_mean(_cross_entropies(logits, target_cls)) + l2_weight * tf.nn.l2_loss(noise)


def loss_summed_over_the_batch(logits, target_cls, noise, l2_weight):
    return tf.reduce_sum(_cross_entropies(logits, target_cls)) + l2_weight * tf.nn.l2_loss(noise)


def loss_for_the_lessons_target(logits, target_cls, noise, l2_weight):
    return tf.reduce_mean(_cross_entropies(logits, 3)) + l2_weight * tf.nn.l2_loss(noise)


def loss_per_image(logits, target_cls, noise, l2_weight):
    return _cross_entropies(logits, target_cls) + l2_weight * tf.nn.l2_loss(noise)


def loss_without_penalty(logits, target_cls, noise, l2_weight):
    return tf.reduce_mean(_cross_entropies(logits, target_cls))


def loss_with_penalty_subtracted(logits, target_cls, noise, l2_weight):
    return tf.reduce_mean(_cross_entropies(logits, target_cls)) - l2_weight * tf.nn.l2_loss(noise)


def loss_with_sum_of_squares(logits, target_cls, noise, l2_weight):
    return tf.reduce_mean(_cross_entropies(logits, target_cls)) + l2_weight * tf.reduce_sum(
        noise**2
    )


def loss_with_the_norm(logits, target_cls, noise, l2_weight):
    return tf.reduce_mean(_cross_entropies(logits, target_cls)) + l2_weight * tf.norm(noise)


def loss_with_the_lessons_weight(logits, target_cls, noise, l2_weight):
    return tf.reduce_mean(_cross_entropies(logits, target_cls)) + 0.02 * tf.nn.l2_loss(noise)


# noise_step


def _target_loss(model, noise, images, target_cls, clip=True):
    targets = tf.one_hot(tf.fill([tf.shape(images)[0]], target_cls), 10)
    noisy = tf.clip_by_value(images + noise, 0.0, 1.0) if clip else images + noise
    return tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=targets, logits=model(noisy))
    )


def step_on_the_network(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


def step_on_noise_and_network(model, noise, optimizer, images, target_cls, limit):
    variables = [noise, *model.trainable_variables]
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


def step_that_forgets_to_apply(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    tape.gradient(loss, noise)
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


def step_up_the_gradient(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    optimizer.apply_gradients([(-tape.gradient(loss, noise), noise)])
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


def step_without_clipping(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    return loss


def step_clipping_before_the_update(model, noise, optimizer, images, target_cls, limit):
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    return loss


def step_with_the_lessons_limit(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    noise.assign(tf.clip_by_value(noise, -0.35, 0.35))
    return loss


def step_clipping_the_noise_to_pixels(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    noise.assign(tf.clip_by_value(noise, 0.0, limit))
    return loss


def step_for_the_lessons_target(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, 3)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


def step_on_unclipped_images(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls, clip=False)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


def step_of_summed_loss(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls) * tf.cast(
            tf.shape(images)[0], tf.float32
        )
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    noise.assign(tf.clip_by_value(noise, -limit, limit))
    return loss


def step_returning_nothing(model, noise, optimizer, images, target_cls, limit):
    with tf.GradientTape() as tape:
        loss = _target_loss(model, noise, images, target_cls)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    noise.assign(tf.clip_by_value(noise, -limit, limit))


# immunity_step


def _network_loss(model, images, labels):
    return tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=model(images))
    )


def immunity_on_the_noise(model, noise, optimizer, images, labels):
    with tf.GradientTape() as tape:
        loss = _network_loss(model, tf.clip_by_value(images + noise, 0.0, 1.0), labels)
    optimizer.apply_gradients([(tape.gradient(loss, noise), noise)])
    return loss


def immunity_on_clean_images(model, noise, optimizer, images, labels):
    with tf.GradientTape() as tape:
        loss = _network_loss(model, images, labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def immunity_on_unclipped_images(model, noise, optimizer, images, labels):
    with tf.GradientTape() as tape:
        loss = _network_loss(model, images + noise, labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def immunity_with_target_labels(model, noise, optimizer, images, labels):
    targets = tf.one_hot(tf.fill([tf.shape(images)[0]], 3), 10)
    with tf.GradientTape() as tape:
        loss = _network_loss(model, tf.clip_by_value(images + noise, 0.0, 1.0), targets)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def immunity_of_the_last_layer(model, noise, optimizer, images, labels):
    variables = model.layers[-1].trainable_variables
    with tf.GradientTape() as tape:
        loss = _network_loss(model, tf.clip_by_value(images + noise, 0.0, 1.0), labels)
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
    return loss


def immunity_up_the_gradient(model, noise, optimizer, images, labels):
    with tf.GradientTape() as tape:
        loss = _network_loss(model, tf.clip_by_value(images + noise, 0.0, 1.0), labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip([-g for g in gradients], model.trainable_variables))
    return loss


def immunity_ignoring_the_learning_rate(model, noise, optimizer, images, labels):
    with tf.GradientTape() as tape:
        loss = _network_loss(model, tf.clip_by_value(images + noise, 0.0, 1.0), labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    for variable, gradient in zip(model.trainable_variables, gradients):
        variable.assign_sub(1e-2 * gradient)
    return loss


# noise_sizes


def size_of_all_noises(noises):
    return tf.norm(noises)


def size_per_pixel(noises):
    return tf.sqrt(tf.reduce_sum(noises**2, axis=0))


def size_as_l2_loss(noises):
    return tf.reduce_sum(noises**2, axis=1) / 2


def size_without_root(noises):
    return tf.reduce_sum(noises**2, axis=1)


def size_as_root_mean_square(noises):
    return tf.sqrt(tf.reduce_mean(noises**2, axis=1))


def size_as_mean_of_absolutes(noises):
    return tf.reduce_mean(tf.abs(noises), axis=1)


WRONG = {
    "add_noise": [
        (noise_added_not_clipped, lesson.NOT_CLIPPED),
        (noise_clipped_not_the_image, lesson.CLIPPED_BEFORE_ADDING),
        (clipped_to_minus_one_one, lesson.BELOW_ZERO),
        (clipped_below_only, lesson.ABOVE_ONE),
        (rescaled_into_range, lesson.NOT_THE_CLIPPED_SUM),
        (noise_for_one_image, checking.WRONG_SHAPE),
    ],
    "noise_loss": [
        (loss_with_minus, lesson.NEGATED),
        (loss_summed_over_the_batch, lesson.SUMMED),
        (loss_for_the_lessons_target, lesson.OTHER_CLASS),
        (loss_per_image, lesson.NOT_ONE_NUMBER),
        (loss_without_penalty, lesson.NO_PENALTY),
        (loss_with_penalty_subtracted, lesson.PENALTY_SUBTRACTED),
        (loss_with_sum_of_squares, lesson.PENALTY_NOT_HALVED),
        (loss_with_the_norm, lesson.PENALTY_OF_THE_NORM),
        (loss_with_the_lessons_weight, lesson.WEIGHT_IGNORED),
    ],
    "noise_step": [
        (step_on_the_network, lesson.NETWORK_CHANGED),
        (step_on_noise_and_network, lesson.NETWORK_CHANGED),
        (step_that_forgets_to_apply, lesson.NOISE_UNCHANGED),
        (step_up_the_gradient, lesson.NOISE_ASCENT),
        (step_without_clipping, lesson.BEYOND_THE_LIMIT),
        (step_clipping_before_the_update, lesson.BEYOND_THE_LIMIT),
        (step_with_the_lessons_limit, lesson.BEYOND_THE_LIMIT),
        (step_clipping_the_noise_to_pixels, lesson.NOISE_IN_PIXEL_RANGE),
        (step_for_the_lessons_target, lesson.WRONG_TARGET),
        (step_on_unclipped_images, lesson.IMAGES_NOT_CLIPPED),
        (step_of_summed_loss, lesson.WRONG_STEP_SIZE),
        (step_returning_nothing, lesson.NO_LOSS),
    ],
    "immunity_step": [
        (immunity_on_the_noise, lesson.NOISE_CHANGED),
        (immunity_on_clean_images, lesson.CLEAN_IMAGES),
        (immunity_on_unclipped_images, lesson.NOISY_NOT_CLIPPED),
        (immunity_with_target_labels, lesson.TARGET_LABELS),
        (immunity_of_the_last_layer, lesson.SOME_VARIABLES_UNCHANGED),
        (immunity_up_the_gradient, lesson.COST_ROSE),
        (immunity_ignoring_the_learning_rate, lesson.WRONG_STEP_SIZE),
    ],
    "noise_sizes": [
        (size_of_all_noises, lesson.ONE_FOR_ALL),
        (size_per_pixel, lesson.ONE_PER_PIXEL),
        (size_as_l2_loss, lesson.HALF_SQUARES),
        (size_without_root, lesson.NO_ROOT),
        (size_as_root_mean_square, lesson.ROOT_MEAN_SQUARE),
        (size_as_mean_of_absolutes, lesson.NOT_THE_NORM),
    ],
}
