"""Typical wrong answers to #02's checked exercises."""

import math

import tensorflow as tf

import helpers
from exercises import checking
from exercises import lesson_02 as lesson

# ---------------------------------------------------------------------------------------------
# conv_output_size


def size_ignoring_the_stride(size, kernel_size, stride, padding):
    return size if padding == "SAME" else size - kernel_size + 1


def size_with_paddings_swapped(size, kernel_size, stride, padding):
    if padding == "VALID":
        return math.ceil(size / stride)
    return (size - kernel_size) // stride + 1


def size_same_rounded_down(size, kernel_size, stride, padding):
    if padding == "SAME":
        return size // stride
    return (size - kernel_size) // stride + 1


def size_valid_without_plus_one(size, kernel_size, stride, padding):
    if padding == "SAME":
        return math.ceil(size / stride)
    return (size - kernel_size) // stride


def size_valid_rounded_up(size, kernel_size, stride, padding):
    if padding == "SAME":
        return math.ceil(size / stride)
    return math.ceil((size - kernel_size) / stride) + 1


def size_as_a_fraction(size, kernel_size, stride, padding):
    if padding == "SAME":
        return math.ceil(size / stride)
    return (size - kernel_size) / stride + 1


def size_same_padding_half_the_filter(size, kernel_size, stride, padding):
    if padding == "SAME":  # Right for odd filters only: an even one needs an odd number of zeros.
        padding_size = kernel_size // 2
        return (size + 2 * padding_size - kernel_size) // stride + 1
    return (size - kernel_size) // stride + 1


# ---------------------------------------------------------------------------------------------
# conv_layer


def conv_layer_valid(x, kernel, bias, use_pooling=True):
    layer = tf.nn.conv2d(x, kernel, strides=1, padding="VALID") + bias
    if use_pooling:
        layer = tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME")
    return tf.nn.relu(layer)


def conv_layer_without_pooling(x, kernel, bias, use_pooling=True):
    return tf.nn.relu(tf.nn.conv2d(x, kernel, strides=1, padding="SAME") + bias)


def conv_layer_without_relu(x, kernel, bias, use_pooling=True):
    layer = tf.nn.conv2d(x, kernel, strides=1, padding="SAME") + bias
    if use_pooling:
        layer = tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME")
    return layer


def conv_layer_without_bias(x, kernel, bias, use_pooling=True):
    layer = tf.nn.conv2d(x, kernel, strides=1, padding="SAME")
    if use_pooling:
        layer = tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME")
    return tf.nn.relu(layer)


def conv_layer_average_pooling(x, kernel, bias, use_pooling=True):
    layer = tf.nn.conv2d(x, kernel, strides=1, padding="SAME") + bias
    if use_pooling:
        layer = tf.nn.avg_pool2d(layer, ksize=2, strides=2, padding="SAME")
    return tf.nn.relu(layer)


def conv_layer_always_pooling(x, kernel, bias, use_pooling=True):
    layer = tf.nn.conv2d(x, kernel, strides=1, padding="SAME") + bias
    return tf.nn.relu(tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME"))


def conv_layer_strided_and_pooled(x, kernel, bias, use_pooling=True):
    layer = tf.nn.conv2d(x, kernel, strides=2, padding="SAME") + bias
    if use_pooling:
        layer = tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME")
    return tf.nn.relu(layer)


# ---------------------------------------------------------------------------------------------
# StridedConvLayer


class StrideIgnored(helpers.ConvLayer):
    def __call__(self, x):
        return tf.nn.relu(tf.nn.conv2d(x, self.kernel, strides=1, padding="SAME") + self.bias)


class StridedValid(helpers.ConvLayer):
    def __call__(self, x):
        return tf.nn.relu(tf.nn.conv2d(x, self.kernel, strides=2, padding="VALID") + self.bias)


class StridedWithoutRelu(helpers.ConvLayer):
    def __call__(self, x):
        return tf.nn.conv2d(x, self.kernel, strides=2, padding="SAME") + self.bias


class StridedAndPooled(helpers.ConvLayer):
    def __call__(self, x):
        layer = tf.nn.conv2d(x, self.kernel, strides=2, padding="SAME") + self.bias
        return tf.nn.relu(tf.nn.max_pool2d(layer, ksize=2, strides=2, padding="SAME"))


class StridedWithoutBias(helpers.ConvLayer):
    def __call__(self, x):
        return tf.nn.relu(tf.nn.conv2d(x, self.kernel, strides=2, padding="SAME"))


class ConvLayerUnchanged(helpers.ConvLayer):
    def __call__(self, x):
        return super().__call__(x)


class NotAConvLayer(tf.Module):
    def __init__(self, num_input_channels, filter_size, num_filters):
        super().__init__()
        shape = [filter_size, filter_size, num_input_channels, num_filters]
        self.kernel = tf.Variable(tf.zeros(shape))

    def __call__(self, x):
        return tf.nn.relu(tf.nn.conv2d(x, self.kernel, strides=2, padding="SAME"))


# ---------------------------------------------------------------------------------------------
# flatten


def flatten_mixing_images(layer):
    num_features = layer.shape[1] * layer.shape[2] * layer.shape[3]
    return tf.transpose(tf.reshape(layer, [num_features, -1])), num_features


def flatten_channels_first(layer):
    num_features = layer.shape[1] * layer.shape[2] * layer.shape[3]
    return tf.reshape(tf.transpose(layer, [0, 3, 1, 2]), [-1, num_features]), num_features


def flatten_counting_every_value(layer):
    return tf.reshape(layer, [layer.shape[0], -1]), int(tf.size(layer))


def flatten_counting_one_channel(layer):
    return tf.reshape(layer, [layer.shape[0], -1]), layer.shape[1] * layer.shape[2]


def flatten_per_channel(layer):
    num_features = layer.shape[1] * layer.shape[2]  # Forgot the channels.
    return tf.reshape(layer, [-1, num_features]), num_features


def flatten_returning_only_the_layer(layer):
    return tf.reshape(layer, [layer.shape[0], -1])


# ---------------------------------------------------------------------------------------------
# fc_layer


def fc_weights_times_x(x, weights, biases, use_relu=True):
    layer = tf.matmul(weights, x) + biases
    return tf.nn.relu(layer) if use_relu else layer


def fc_without_bias(x, weights, biases, use_relu=True):
    layer = tf.matmul(x, weights)
    return tf.nn.relu(layer) if use_relu else layer


def fc_never_relu(x, weights, biases, use_relu=True):
    return tf.matmul(x, weights) + biases


def fc_always_relu(x, weights, biases, use_relu=True):
    return tf.nn.relu(tf.matmul(x, weights) + biases)


def fc_bias_after_relu(x, weights, biases, use_relu=True):
    layer = tf.matmul(x, weights)
    return (tf.nn.relu(layer) if use_relu else layer) + biases


WRONG = {
    "conv_output_size": [
        (size_ignoring_the_stride, lesson.STRIDE_IGNORED),
        (size_with_paddings_swapped, lesson.PADDING_MIXED_UP),
        (size_same_rounded_down, lesson.SAME_ROUNDS_DOWN),
        (size_valid_without_plus_one, lesson.VALID_OFF_BY_ONE),
        (size_valid_rounded_up, lesson.VALID_ROUNDS_UP),
        (size_as_a_fraction, lesson.NOT_WHOLE),
        (size_same_padding_half_the_filter, lesson.SAME_WRONG),
    ],
    "conv_layer": [
        (conv_layer_valid, lesson.VALID_PADDING),
        (conv_layer_without_pooling, lesson.NOT_POOLED),
        (conv_layer_without_relu, lesson.RELU_MISSING),
        (conv_layer_without_bias, lesson.BIAS_FORGOTTEN),
        (conv_layer_average_pooling, lesson.AVERAGE_POOLING),
        (conv_layer_always_pooling, lesson.POOLED_ANYWAY),
        (conv_layer_strided_and_pooled, lesson.STRIDE_NOT_ONE),
    ],
    "StridedConvLayer": [
        (StrideIgnored, lesson.STRIDE_IGNORED_IN_LAYER),
        (StridedValid, lesson.VALID_PADDING),
        (StridedWithoutRelu, lesson.RELU_MISSING),
        (StridedAndPooled, lesson.POOLED_TOO),
        (StridedWithoutBias, lesson.BIAS_FORGOTTEN),
        (ConvLayerUnchanged, lesson.POOLING_NOT_STRIDE),
        (NotAConvLayer, lesson.NOT_A_CONV_LAYER),
    ],
    "flatten": [
        (flatten_mixing_images, lesson.MIXES_IMAGES),
        (flatten_channels_first, lesson.ORDER_CHANGED),
        (flatten_counting_every_value, lesson.COUNTS_ALL_IMAGES),
        (flatten_counting_one_channel, lesson.FEATURES_WITHOUT_CHANNELS),
        (flatten_per_channel, checking.WRONG_SHAPE),
        (flatten_returning_only_the_layer, lesson.NOT_A_PAIR),
    ],
    "fc_layer": [
        (fc_weights_times_x, lesson.MATMUL_ORDER),
        (fc_without_bias, lesson.BIAS_FORGOTTEN),
        (fc_never_relu, lesson.FC_RELU_MISSING),
        (fc_always_relu, lesson.RELU_WHEN_OFF),
        (fc_bias_after_relu, lesson.BIAS_AFTER_RELU),
    ],
}
