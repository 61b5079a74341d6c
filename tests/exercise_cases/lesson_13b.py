"""Typical wrong answers to #13-B's checked exercises."""

import tensorflow as tf

from exercises import checking
from exercises import lesson_13b as lesson


def maps_of_the_layer_called(image, layer):
    return layer(tf.reshape(image, [1, 28, 28, 1]))


def maps_after_relu(image, layer):
    x_image = tf.reshape(image, [1, 28, 28, 1])
    return tf.nn.relu(tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="SAME") + layer.bias)


def maps_without_bias(image, layer):
    x_image = tf.reshape(image, [1, 28, 28, 1])
    return tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="SAME")


def maps_with_valid_padding(image, layer):
    x_image = tf.reshape(image, [1, 28, 28, 1])
    return tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="VALID") + layer.bias


def maps_with_stride_2(image, layer):
    x_image = tf.reshape(image, [1, 28, 28, 1])
    return tf.nn.conv2d(x_image, layer.kernel, strides=2, padding="SAME") + layer.bias


def maps_of_one_image_without_batch(image, layer):
    x_image = tf.reshape(image, [1, 28, 28, 1])
    return (tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="SAME") + layer.bias)[0]


def maps_of_the_transposed_image(image, layer):
    x_image = tf.reshape(tf.transpose(image), [1, 28, 28, 1])
    return tf.nn.conv2d(x_image, layer.kernel, strides=1, padding="SAME") + layer.bias


def mean_of_the_whole_batch(maps, k):
    return tf.reduce_mean(maps[..., k])


def means_of_every_map(maps, k):
    return tf.reduce_mean(maps, axis=[1, 2])


def means_over_the_height_only(maps, k):
    return tf.reduce_mean(maps[..., k], axis=1)


def means_of_the_next_map(maps, k):
    return tf.reduce_mean(maps[..., k + 1], axis=[1, 2])


def means_over_all_maps(maps, k):
    return tf.reduce_mean(maps, axis=[1, 2, 3])


def sums_not_means(maps, k):
    return tf.reduce_sum(maps[..., k], axis=[1, 2])


def largest_not_mean(maps, k):
    return tf.reduce_max(maps[..., k], axis=[1, 2])


def _gradient(image, feature):
    with tf.GradientTape() as tape:
        value = feature(image)
    return value, tape.gradient(value, image)


def _step_size(gradient):
    return 1.0 / (tf.math.reduce_std(gradient) + 1e-8)


def descent_step(image, feature):
    value, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image - _step_size(gradient) * gradient, 0.0, 1.0))
    return value


def step_without_clipping(image, feature):
    value, gradient = _gradient(image, feature)
    image.assign(image + _step_size(gradient) * gradient)
    return value


def step_by_the_raw_gradient(image, feature):
    value, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image + gradient, 0.0, 1.0))
    return value


def step_divided_by_the_norm(image, feature):
    value, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image + gradient / tf.norm(gradient), 0.0, 1.0))
    return value


def step_along_the_sign(image, feature):
    value, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image + 0.1 * tf.sign(gradient), 0.0, 1.0))
    return value


def step_of_the_whole_sign(image, feature):
    value, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image + tf.sign(gradient), 0.0, 1.0))
    return value


def step_not_assigned(image, feature):
    value, gradient = _gradient(image, feature)
    image = tf.clip_by_value(image + _step_size(gradient) * gradient, 0.0, 1.0)
    return value


def step_returning_the_value_after(image, feature):
    _, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image + _step_size(gradient) * gradient, 0.0, 1.0))
    return feature(image)


def step_returning_nothing(image, feature):
    _, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image + _step_size(gradient) * gradient, 0.0, 1.0))


def step_along_the_squared_gradient(image, feature):
    value, gradient = _gradient(image, feature)
    image.assign(tf.clip_by_value(image + _step_size(gradient) * gradient**2, 0.0, 1.0))
    return value


def field_without_growing_steps(layers):
    return 1 + sum(k - 1 for _, k in layers)


def field_where_pooling_adds_nothing(layers):
    size, step = 1, 1
    for kind, k in layers:
        if kind == "conv":
            size += (k - 1) * step
        else:
            step *= k
    return size


def field_counting_k_not_k_minus_1(layers):
    size, step = 1, 1
    for kind, k in layers:
        size += k * step
        if kind == "pool":
            step *= k
    return size


def field_as_a_product(layers):
    size = 1
    for _, k in layers:
        size *= k
    return size


def field_as_text(layers):
    return "14 pixels"


WRONG = {
    "conv_maps": [
        (maps_of_the_layer_called, lesson.CALLED_THE_LAYER),
        (maps_after_relu, lesson.RELU_APPLIED),
        (maps_without_bias, lesson.NO_BIAS),
        (maps_with_valid_padding, lesson.VALID_PADDING),
        (maps_with_stride_2, lesson.POOLED),
        (maps_of_one_image_without_batch, checking.WRONG_SHAPE),
        (maps_of_the_transposed_image, lesson.NOT_THE_MAPS),
    ],
    "feature_means": [
        (mean_of_the_whole_batch, lesson.BATCH_AVERAGED),
        (means_of_every_map, lesson.EVERY_FEATURE),
        (means_over_the_height_only, lesson.ONE_AXIS),
        (means_of_the_next_map, lesson.OTHER_CHANNEL),
        (means_over_all_maps, lesson.ALL_CHANNELS),
        (sums_not_means, lesson.SUM_NOT_MEAN),
        (largest_not_mean, lesson.NOT_THE_MEANS),
    ],
    "gradient_ascent_step": [
        (descent_step, lesson.DESCENT),
        (step_without_clipping, lesson.NO_CLIPPING),
        (step_by_the_raw_gradient, lesson.NOT_NORMALISED),
        (step_divided_by_the_norm, lesson.WRONG_STEP_SIZE),
        (step_along_the_sign, lesson.SIGN_STEP),
        (step_of_the_whole_sign, lesson.TOO_FAR),
        (step_not_assigned, lesson.NOT_ASSIGNED),
        (step_returning_the_value_after, lesson.VALUE_AFTER),
        (step_returning_nothing, lesson.NO_VALUE),
        (step_along_the_squared_gradient, lesson.NOT_ALONG_GRADIENT),
    ],
    "receptive_field": [
        (field_without_growing_steps, lesson.NO_GROWING_STEP),
        (field_where_pooling_adds_nothing, lesson.POOL_ADDS_NOTHING),
        (field_counting_k_not_k_minus_1, lesson.ONE_STEP_TOO_MANY),
        (field_as_a_product, lesson.NOT_THE_FIELD),
        (field_as_text, lesson.NOT_A_SIZE),
    ],
}
