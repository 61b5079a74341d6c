"""Typical wrong answers to #03's checked exercises."""

import keras
import numpy as np

from exercises import lesson_03 as lesson

layers = keras.layers


def _network(
    conv1=None,
    conv2=None,
    flatten=True,
    reshape=True,
    pooling=layers.MaxPooling2D,
    hidden="relu",
    output=None,
):
    """The task's network as a list of layers, with one thing changed."""
    return [
        keras.Input(shape=(784,) if reshape else (28, 28, 1)),
        *([layers.Reshape((28, 28, 1))] if reshape else []),
        conv1 or layers.Conv2D(8, kernel_size=3, padding="same", activation="relu"),
        pooling(pool_size=2, strides=2),
        conv2 or layers.Conv2D(16, kernel_size=3, padding="same", activation="relu"),
        pooling(pool_size=2, strides=2),
        *([layers.Flatten()] if flatten else []),
        layers.Dense(32, activation=hidden),
        output or layers.Dense(10),
    ]


# Exercise 1: the network as a Sequential model


def sequential_without_flatten():
    return keras.Sequential(_network(flatten=False))


def sequential_with_valid_padding():
    conv2 = layers.Conv2D(16, kernel_size=3, activation="relu")  # padding="valid", the default
    return keras.Sequential(_network(conv2=conv2))


def sequential_with_lessons_filters():
    conv1 = layers.Conv2D(16, kernel_size=3, padding="same", activation="relu")
    return keras.Sequential(_network(conv1=conv1))


def sequential_with_softmax_output():
    return keras.Sequential(_network(output=layers.Dense(10, activation="softmax")))


def sequential_with_5x5_filters():
    conv1 = layers.Conv2D(8, kernel_size=5, padding="same", activation="relu")
    return keras.Sequential(_network(conv1=conv1))


def sequential_without_relu():
    conv1 = layers.Conv2D(8, kernel_size=3, padding="same")
    return keras.Sequential(_network(conv1=conv1))


def sequential_of_28x28_images():
    return keras.Sequential(_network(reshape=False))


def sequential_with_average_pooling():
    return keras.Sequential(_network(pooling=layers.AveragePooling2D))


def sequential_with_strided_convolution():
    conv1 = layers.Conv2D(8, kernel_size=3, strides=2, padding="same", activation="relu")
    return keras.Sequential(_network(conv1=conv1))


def functional_instead_of_sequential():
    return lesson.functional_model()


# Exercise 2: the network with the Functional API


def sequential_instead_of_functional():
    return lesson.sequential_model()


def functional_ending_at_the_hidden_layer():
    inputs = keras.Input(shape=(784,))
    net = layers.Reshape((28, 28, 1))(inputs)
    net = layers.Conv2D(8, kernel_size=3, padding="same", activation="relu")(net)
    net = layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = layers.Conv2D(16, kernel_size=3, padding="same", activation="relu")(net)
    net = layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = layers.Flatten()(net)
    net = layers.Dense(32, activation="relu")(net)
    layers.Dense(10)(net)  # Computed, but not given to keras.Model.
    return keras.Model(inputs=inputs, outputs=net)


def functional_with_layers_not_chained():
    inputs = keras.Input(shape=(784,))
    net = layers.Reshape((28, 28, 1))(inputs)
    net = layers.Conv2D(8, kernel_size=3, padding="same", activation="relu")(net)
    net = layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = layers.Conv2D(16, kernel_size=3, padding="same", activation="relu")(net)
    net = layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = layers.Flatten()(net)
    net = layers.Dense(32, activation="relu")(inputs)  # Called on the inputs, not on net.
    outputs = layers.Dense(10)(net)
    return keras.Model(inputs=inputs, outputs=outputs)


def functional_without_relu_in_the_hidden_layer():
    inputs = keras.Input(shape=(784,))
    net = inputs
    for layer in _network(hidden=None)[1:]:
        net = layer(net)
    return keras.Model(inputs=inputs, outputs=net)


def functional_with_valid_padding():
    inputs = keras.Input(shape=(784,))
    net = inputs
    for layer in _network(conv1=layers.Conv2D(8, kernel_size=3, activation="relu"))[1:]:
        net = layer(net)
    return keras.Model(inputs=inputs, outputs=net)


# Exercise 3: compile


def compile_with_sparse_loss(model, learning_rate):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )


def compile_without_from_logits(model, learning_rate):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
    )


def compile_ignoring_the_learning_rate(model, learning_rate):
    model.compile(
        optimizer="adam",
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )


def compile_with_rmsprop(model, learning_rate):
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=learning_rate),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )


def compile_without_metrics(model, learning_rate):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
    )


def compile_with_squared_error(model, learning_rate):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="mean_squared_error",
        metrics=["accuracy"],
    )


def compile_that_forgets_to_compile(model, learning_rate):
    keras.optimizers.Adam(learning_rate=learning_rate)


# Exercise 4: predicted classes


def classes_over_the_images(model, images):
    return np.argmax(model.predict(images, verbose=0), axis=0)


def classes_without_axis(model, images):
    return np.argmax(model.predict(images, verbose=0))


def probabilities_not_classes(model, images):
    return keras.ops.softmax(model.predict(images, verbose=0))


def largest_values_not_classes(model, images):
    return np.max(model.predict(images, verbose=0), axis=1)


def classes_of_the_smallest_logit(model, images):
    return np.argmin(model.predict(images, verbose=0), axis=1)


# Exercise 5: a model that outputs a layer's output


def output_tensor_not_model(model, name):
    return model.get_layer(name).output


def whole_model(model, name):
    return keras.Model(inputs=model.input, outputs=model.output)


def name_ignored(model, name):
    return keras.Model(inputs=model.input, outputs=model.get_layer("layer_conv1").output)


def layer_after_the_named_one(model, name):
    index = [layer.name for layer in model.layers].index(name)
    return keras.Model(inputs=model.input, outputs=model.layers[index + 1].output)


def new_layer_with_new_weights(model, name):
    layer = model.get_layer(name)
    copy = type(layer).from_config(layer.get_config() | {"name": name + "_copy"})
    return keras.Model(inputs=model.input, outputs=copy(layer.input))


WRONG = {
    "sequential_model": [
        (sequential_without_flatten, lesson.MISSING_FLATTEN),
        (sequential_with_valid_padding, lesson.WRONG_PADDING),
        (sequential_with_lessons_filters, lesson.WRONG_FILTERS),
        (sequential_with_softmax_output, lesson.SOFTMAX_OUTPUT),
        (sequential_with_5x5_filters, lesson.WRONG_KERNEL_SIZE),
        (sequential_without_relu, lesson.NO_RELU),
        (sequential_of_28x28_images, lesson.NO_RESHAPE),
        (sequential_with_average_pooling, lesson.POOLING_COUNT),
        (sequential_with_strided_convolution, lesson.WRONG_STRIDES),
        (functional_instead_of_sequential, lesson.NOT_SEQUENTIAL),
    ],
    "functional_model": [
        (sequential_instead_of_functional, lesson.NOT_FUNCTIONAL),
        (functional_ending_at_the_hidden_layer, lesson.NOT_ONE_PER_CLASS),
        (functional_with_layers_not_chained, lesson.CONV_COUNT),
        (functional_without_relu_in_the_hidden_layer, lesson.DENSE_NO_RELU),
        (functional_with_valid_padding, lesson.WRONG_PADDING),
    ],
    "compile_model": [
        (compile_with_sparse_loss, lesson.SPARSE_LOSS),
        (compile_without_from_logits, lesson.FROM_LOGITS_MISSING),
        (compile_ignoring_the_learning_rate, lesson.LEARNING_RATE_IGNORED),
        (compile_with_rmsprop, lesson.WRONG_OPTIMIZER),
        (compile_without_metrics, lesson.NO_ACCURACY),
        (compile_with_squared_error, lesson.NOT_CROSS_ENTROPY),
        (compile_that_forgets_to_compile, lesson.NOT_COMPILED),
    ],
    "predicted_classes": [
        (classes_over_the_images, lesson.OVER_IMAGES),
        (classes_without_axis, lesson.ONE_FOR_ALL),
        (probabilities_not_classes, lesson.OUTPUTS_NOT_CLASSES),
        (largest_values_not_classes, lesson.LARGEST_VALUES),
        (classes_of_the_smallest_logit, lesson.SMALLEST),
    ],
    "layer_output_model": [
        (output_tensor_not_model, lesson.TENSOR_NOT_MODEL),
        (whole_model, lesson.WHOLE_MODEL),
        (name_ignored, lesson.IGNORES_NAME),
        (layer_after_the_named_one, lesson.OTHER_LAYER),
        (new_layer_with_new_weights, lesson.NOT_SHARED),
    ],
}
