"""Checked exercises of #03, Keras API: a small network as a `Sequential` model and with the
Functional API, `compile` for one-hot labels, the predicted classes from `predict`, and a model
that outputs one layer's output; and four questions."""

from __future__ import annotations

import keras
import numpy as np

from .checking import (
    array,
    checked_array,
    close,
    fixed_images,
    fixed_labels,
    model_of,
    one_hot,
    result_of,
    short,
)
from .core import Exercise, Question, Text, Wrong, choice, number

TITLE = "#03 Keras API"

# ---------------------------------------------------------------------------------------------
# The small network of exercises 1 and 2: the lesson's design with fewer, smaller filters and
# fewer neurons, so that it cannot be copied from the lesson and is quick to build.


def sequential_model():
    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Reshape((28, 28, 1)),
            keras.layers.Conv2D(8, kernel_size=3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(pool_size=2, strides=2),
            keras.layers.Conv2D(16, kernel_size=3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(pool_size=2, strides=2),
            keras.layers.Flatten(),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10),
        ]
    )


def functional_model():
    inputs = keras.Input(shape=(784,))
    net = keras.layers.Reshape((28, 28, 1))(inputs)
    net = keras.layers.Conv2D(8, kernel_size=3, padding="same", activation="relu")(net)
    net = keras.layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = keras.layers.Conv2D(16, kernel_size=3, padding="same", activation="relu")(net)
    net = keras.layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = keras.layers.Flatten()(net)
    net = keras.layers.Dense(32, activation="relu")(net)
    outputs = keras.layers.Dense(10)(net)
    return keras.Model(inputs=inputs, outputs=outputs)


FILTERS = (8, 16)
KERNEL_SIZE = (3, 3)
HIDDEN_NEURONS = 32
CLASSES = 10

FIRST = Text("first", "第一个")
SECOND = Text("second", "第二个")

NOT_SEQUENTIAL = Text(
    "this is not a keras.Sequential model: the exercise asks for the list of layers given to "
    "keras.Sequential([...]).",
    "这不是 keras.Sequential 模型：题目要求把各层组成列表交给 keras.Sequential([...])。",
)
NOT_FUNCTIONAL = Text(
    "this is a keras.Sequential model: the exercise asks for the Functional API, where each "
    "layer is called on the previous layer's output and keras.Model(inputs=..., outputs=...) "
    "makes the model.",
    "这是一个 keras.Sequential 模型：题目要求使用函数式 API，即每一层都在上一层的输出上调用，"
    "再由 keras.Model(inputs=..., outputs=...) 构成模型。",
)
NO_RESHAPE = Text(
    "your model does not take a batch of flat images of 784 pixels: start from "
    "keras.Input(shape=(784,)) and reshape the images to 28×28×1 (layers.Reshape) before the "
    "first convolutional layer.",
    "你的模型不接受一批 784 个像素的展平图像：从 keras.Input(shape=(784,)) 开始，"
    "并在第一个卷积层之前把图像重塑为 28×28×1（layers.Reshape）。",
)
CALL_FAILED = Text(
    "calling your model on a batch of flat images raised {error}: {detail}",
    "在一批展平的图像上调用你的模型时抛出了 {error}：{detail}",
)
CONV_COUNT = Text(
    "your model has {got} convolutional layers (Conv2D), not two. With the Functional API, "
    "only the layers on the way from the inputs to the outputs belong to the model: call each "
    "layer on the previous layer's output.",
    "你的模型有 {got} 个卷积层（Conv2D），而不是两个。使用函数式 API 时，只有从输入到输出的路径上的层"
    "才属于模型：每一层都要在上一层的输出上调用。",
)
WRONG_FILTERS = Text(
    "the {which} convolutional layer has {got} filters: read the task again for its number of "
    "filters.",
    "{which}卷积层有 {got} 个滤波器：再读一遍题目中它的滤波器个数。",
)
WRONG_KERNEL_SIZE = Text(
    "the {which} convolutional layer's filters are {got} pixels: read the task again for their "
    "size (kernel_size).",
    "{which}卷积层的滤波器大小是 {got} 像素：再读一遍题目中滤波器的大小（kernel_size）。",
)
WRONG_STRIDES = Text(
    "the {which} convolutional layer moves its filters by {got} pixels: it should move them one "
    "pixel at a time (the default stride); the pooling layers make the images smaller.",
    "{which}卷积层的滤波器每次移动 {got} 个像素：它应当每次移动一个像素（默认步幅）；"
    "让图像变小的是池化层。",
)
WRONG_PADDING = Text(
    'the {which} convolutional layer has padding="{got}": without padding its output is smaller '
    'than its input; padding="same" pads the border with zeros so that the size stays the same.',
    '{which}卷积层的 padding="{got}"：不填充时输出比输入小；padding="same" 用零填充边缘，'
    "使输出与输入同样大小。",
)
POOLING_COUNT = Text(
    "your model has {got} max-pooling layers (MaxPooling2D), not two: one after each "
    "convolutional layer.",
    "你的模型有 {got} 个最大池化层（MaxPooling2D），而不是两个：每个卷积层之后各一个。",
)
POOL_SIZE = Text(
    "a max-pooling layer has pool_size or strides {got}: each should keep the largest of every "
    "2×2 pixels (pool_size=2, strides=2).",
    "有一个最大池化层的 pool_size 或 strides 是 {got}：每个池化层都应当在每 2×2 个像素中保留最大的"
    "（pool_size=2, strides=2）。",
)
MISSING_FLATTEN = Text(
    "the output has shape {got}: the fully-connected layers were applied to every pixel of the "
    "last pooling layer's output. Flatten it first (layers.Flatten), so that each image is one "
    "vector.",
    "输出的形状是 {got}：全连接层被用在了最后一个池化层输出的每个像素上。先把它展平（layers.Flatten），"
    "让每幅图像成为一个向量。",
)
NOT_ONE_PER_CLASS = Text(
    "the model outputs {got} values per image: the last layer should have one neuron per class.",
    "模型为每幅图像输出 {got} 个值：最后一层应当每个类别一个神经元。",
)
DENSE_COUNT = Text(
    "your model has {got} fully-connected layers (Dense), not two: one with ReLU, then the "
    "output layer.",
    "你的模型有 {got} 个全连接层（Dense），而不是两个：一个带 ReLU，然后是输出层。",
)
HIDDEN_NEURONS_WRONG = Text(
    "the first fully-connected layer has {got} neurons: read the task again for how many.",
    "第一个全连接层有 {got} 个神经元：再读一遍题目中的个数。",
)
WRONG_PARAMETERS = Text(
    "your model has {got} parameters, not as many as the network of the task: compare its "
    "layers with the task one by one (model.summary() lists them).",
    "你的模型有 {got} 个参数，与题目中的网络不同：把它的各层与题目逐一比较（model.summary() 会列出它们）。",
)
SOFTMAX_OUTPUT = Text(
    "your model outputs probabilities (softmax): the last layer should have no activation, so "
    "that the model outputs logits, as the lesson's does.",
    "你的模型输出的是概率（softmax）：最后一层不应有激活函数，这样模型输出的是 logits，与本课的模型一样。",
)
NO_RELU = Text(
    'the {which} convolutional layer has no ReLU: give it activation="relu".',
    '{which}卷积层没有 ReLU：给它加上 activation="relu"。',
)
DENSE_NO_RELU = Text(
    'the first fully-connected layer has no ReLU: give it activation="relu".',
    '第一个全连接层没有 ReLU：给它加上 activation="relu"。',
)
NOT_THE_NETWORK = Text(
    "your model has the right layers and number of parameters, but with the same weights it "
    "computes other outputs than the network of the task: check the order of the layers and "
    "their activations.",
    "你的模型的层和参数个数都对，但在相同的权重下，它算出的输出与题目中的网络不同：检查各层的顺序和它们的激活函数。",
)

ORDINALS = (FIRST, SECOND)


def _fixed_weights(model: keras.Model, seed: int = 0) -> list[np.ndarray]:
    """Weights of both signs, the same on every run, of the sizes of `model`'s weights."""
    rng = np.random.default_rng(seed)
    weights = []
    for w in model.get_weights():
        if w.ndim == 1:  # biases
            weights.append(rng.normal(scale=0.1, size=w.shape).astype(np.float32))
        else:
            scale = 1 / np.sqrt(np.prod(w.shape[:-1]))
            weights.append(rng.normal(scale=scale, size=w.shape).astype(np.float32))
    return weights


def _output(model: keras.Model, images: np.ndarray) -> np.ndarray:
    try:
        return np.asarray(model(images), dtype=np.float64)
    except Exception as error:  # noqa: BLE001  (the learner's model fails: say how)
        raise Wrong(CALL_FAILED, error=type(error).__name__, detail=short(error)) from None


def _relu_layers(model: keras.Model) -> int:
    """How many layers of the model are a ReLU of their own (layers.ReLU, Activation)."""
    return sum(
        isinstance(layer, keras.layers.ReLU)
        or (
            isinstance(layer, keras.layers.Activation)
            and layer.get_config().get("activation") == "relu"
        )
        for layer in model.layers
    )


def check_network(model: keras.Model) -> None:
    """The network of exercises 1 and 2: its layers' settings, its output's shape, its parameter
    count, then its outputs with fixed weights against the task's network."""
    layers = model.layers
    images = fixed_images(2, seed=3, shape=(784,))
    has_reshape = any(isinstance(layer, keras.layers.Reshape) for layer in layers)
    try:
        model(images)
    except Exception as error:  # noqa: BLE001
        if not has_reshape:
            raise Wrong(NO_RESHAPE) from None
        raise Wrong(CALL_FAILED, error=type(error).__name__, detail=short(error)) from None
    convs = [layer for layer in layers if isinstance(layer, keras.layers.Conv2D)]
    if len(convs) != len(FILTERS):
        raise Wrong(CONV_COUNT, got=len(convs))
    for which, conv, filters in zip(ORDINALS, convs, FILTERS):
        if conv.filters != filters:
            raise Wrong(WRONG_FILTERS, which=which, got=conv.filters)
        if tuple(conv.kernel_size) != KERNEL_SIZE:
            raise Wrong(WRONG_KERNEL_SIZE, which=which, got="×".join(map(str, conv.kernel_size)))
        if tuple(conv.strides) != (1, 1):
            raise Wrong(WRONG_STRIDES, which=which, got=conv.strides[0])
        if conv.padding != "same":
            raise Wrong(WRONG_PADDING, which=which, got=conv.padding)
    pools = [layer for layer in layers if isinstance(layer, keras.layers.MaxPooling2D)]
    if len(pools) != len(FILTERS):
        raise Wrong(POOLING_COUNT, got=len(pools))
    for pool in pools:
        if tuple(pool.pool_size) != (2, 2) or tuple(pool.strides) != (2, 2):
            raise Wrong(POOL_SIZE, got=(tuple(pool.pool_size), tuple(pool.strides)))
    got = _output(model, images)
    if got.ndim > 2:
        raise Wrong(MISSING_FLATTEN, got=tuple(got.shape))
    if got.ndim != 2 or got.shape[1] != CLASSES:
        raise Wrong(NOT_ONE_PER_CLASS, got=got.shape[-1] if got.ndim else got.size)
    denses = [layer for layer in layers if isinstance(layer, keras.layers.Dense)]
    if len(denses) != 2:
        raise Wrong(DENSE_COUNT, got=len(denses))
    if denses[0].units != HIDDEN_NEURONS:
        raise Wrong(HIDDEN_NEURONS_WRONG, got=denses[0].units)
    reference = sequential_model()
    if model.count_params() != reference.count_params():
        raise Wrong(WRONG_PARAMETERS, got=model.count_params())
    weights = _fixed_weights(reference)
    if [w.shape for w in model.get_weights()] != [w.shape for w in weights]:
        raise Wrong(NOT_THE_NETWORK)
    model.set_weights(weights)
    reference.set_weights(weights)
    got, want = _output(model, images), np.asarray(reference(images), dtype=np.float64)
    if close(got, want):
        return
    if close(got, np.asarray(keras.ops.softmax(want, axis=1))):
        raise Wrong(SOFTMAX_OUTPUT)
    if _relu_layers(model) == 0:
        for which, conv in zip(ORDINALS, convs):
            if conv.get_config().get("activation") == "linear":
                raise Wrong(NO_RELU, which=which)
        if denses[0].get_config().get("activation") == "linear":
            raise Wrong(DENSE_NO_RELU)
    raise Wrong(NOT_THE_NETWORK)


def check_sequential_model(answer: object) -> None:
    model = model_of(result_of(answer))
    if not isinstance(model, keras.Sequential):
        raise Wrong(NOT_SEQUENTIAL)
    check_network(model)


def check_functional_model(answer: object) -> None:
    model = model_of(result_of(answer))
    if isinstance(model, keras.Sequential):
        raise Wrong(NOT_FUNCTIONAL)
    check_network(model)


NETWORK_EXPLANATION = Text(
    "26,698 parameters, most of them in the layer of 32 neurons: after two poolings its input "
    "is 7×7×16 = 784 values, as many as the image has pixels.",
    "共 26,698 个参数，大部分在 32 个神经元的那一层：经过两次池化，它的输入是 7×7×16 = 784 个值，"
    "与图像的像素一样多。",
)

SEQUENTIAL_MODEL = Exercise(
    name="sequential_model",
    check=check_sequential_model,
    reference=sequential_model,
    hints=[
        Text(
            "keras.Sequential takes a list of layers, each feeding the next, in the order of the "
            "task; the lesson's model is the pattern.",
            "keras.Sequential 接受一个层的列表，每一层的输出送入下一层，顺序与题目相同；本课的模型就是范例。",
        ),
        Text(
            "The list starts with keras.Input(shape=(784,)) and keras.layers.Reshape((28, 28, 1)); "
            "layers.Flatten() comes before the first Dense layer.",
            "列表以 keras.Input(shape=(784,)) 和 keras.layers.Reshape((28, 28, 1)) 开始；"
            "第一个 Dense 层之前要有 layers.Flatten()。",
        ),
        Text(
            'A convolutional layer: keras.layers.Conv2D(8, kernel_size=3, padding="same", '
            'activation="relu"); the last layer, keras.layers.Dense(10), has no activation.',
            '卷积层：keras.layers.Conv2D(8, kernel_size=3, padding="same", activation="relu")；'
            "最后一层 keras.layers.Dense(10) 没有激活函数。",
        ),
    ],
    explanation=NETWORK_EXPLANATION,
)

FUNCTIONAL_MODEL = Exercise(
    name="functional_model",
    check=check_functional_model,
    reference=functional_model,
    hints=[
        Text(
            "Start with inputs = keras.Input(shape=(784,)), then call each layer on the output "
            "of the one before: net = keras.layers.Reshape((28, 28, 1))(inputs).",
            "从 inputs = keras.Input(shape=(784,)) 开始，然后在前一层的输出上调用每一层："
            "net = keras.layers.Reshape((28, 28, 1))(inputs)。",
        ),
        Text(
            "The same layers as in exercise 1, in the same order: net = layer(net) for each, "
            "and outputs = keras.layers.Dense(10)(net) at the end.",
            "与练习 1 相同的层，相同的顺序：每一层都写成 net = layer(net)，"
            "最后是 outputs = keras.layers.Dense(10)(net)。",
        ),
        Text(
            "return keras.Model(inputs=inputs, outputs=outputs): the model is everything "
            "between the two.",
            "return keras.Model(inputs=inputs, outputs=outputs)：模型就是两者之间的所有层。",
        ),
    ],
    explanation=Text(
        "The same network as exercise 1's, written by calling the layers: with the same weights "
        "both compute the same outputs.",
        "与练习 1 相同的网络，只是通过调用各层写成：在相同的权重下，两者算出相同的输出。",
    ),
)

# ---------------------------------------------------------------------------------------------
# compile_model(model, learning_rate): Adam, the cross-entropy of logits and one-hot labels,
# and accuracy


def compile_model(model, learning_rate):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )


LEARNING_RATE = 0.003

NOT_COMPILED = Text(
    "the model is not compiled: call model.compile(optimizer=..., loss=..., metrics=...) in "
    "your function.",
    "模型没有编译：在你的函数里调用 model.compile(optimizer=..., loss=..., metrics=...)。",
)
WRONG_OPTIMIZER = Text(
    "the optimizer is {got}: the exercise asks for Adam, as the lesson's Sequential model uses.",
    "优化器是 {got}：题目要求使用 Adam，与本课的 Sequential 模型一样。",
)
LEARNING_RATE_IGNORED = Text(
    "the optimizer's learning rate is {got}, not the learning_rate given to your function: "
    "pass it on, keras.optimizers.Adam(learning_rate=learning_rate).",
    "优化器的学习率是 {got}，而不是传给你的函数的 learning_rate：把它传下去，"
    "keras.optimizers.Adam(learning_rate=learning_rate)。",
)
SPARSE_LOSS = Text(
    "evaluate fails on labels that are one-hot but works on class numbers: the loss is the "
    "sparse cross-entropy, which expects class numbers. The labels here are one-hot, as in the "
    "lesson: use keras.losses.CategoricalCrossentropy.",
    "evaluate 在独热编码的标签上失败，在类别编号上却能运行：损失是稀疏交叉熵，它需要类别编号。"
    "这里的标签是独热编码的，与本课一样：使用 keras.losses.CategoricalCrossentropy。",
)
EVALUATE_FAILED = Text(
    "evaluate on a batch of images with one-hot labels raised {error}: {detail}",
    "在一批带独热编码标签的图像上调用 evaluate 时抛出了 {error}：{detail}",
)
FROM_LOGITS_MISSING = Text(
    "the loss takes the model's outputs for probabilities, but the model outputs logits: tell "
    "the loss so, with from_logits=True.",
    "损失把模型的输出当作概率，但模型输出的是 logits：用 from_logits=True 告诉损失。",
)
NOT_CROSS_ENTROPY = Text(
    "the loss that evaluate reports is not the cross-entropy of the batch: use "
    "keras.losses.CategoricalCrossentropy for one-hot labels.",
    "evaluate 报告的损失不是这一批的交叉熵：对独热编码的标签使用 keras.losses.CategoricalCrossentropy。",
)
NO_ACCURACY = Text(
    'evaluate reports no accuracy: add metrics=["accuracy"] to compile.',
    'evaluate 没有报告准确率：在 compile 中加上 metrics=["accuracy"]。',
)
WRONG_ACCURACY = Text(
    "the accuracy that evaluate reports is not the share of images whose largest logit is at "
    'their true class: with one-hot labels, metrics=["accuracy"] chooses the right accuracy.',
    "evaluate 报告的准确率不是最大 logit 落在真实类别上的图像所占的比例：对独热编码的标签，"
    'metrics=["accuracy"] 会选择正确的准确率。',
)


def _tiny_model(seed: int = 4) -> keras.Model:
    """A linear model of flat images with fixed weights: logits of both signs, a few large."""
    model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(CLASSES)])
    rng = np.random.default_rng(seed)
    model.set_weights(
        [
            rng.normal(scale=0.1, size=(784, CLASSES)).astype(np.float32),
            rng.normal(size=CLASSES).astype(np.float32),
        ]
    )
    return model


def _evaluate(model: keras.Model, images: np.ndarray, labels: np.ndarray) -> dict:
    return model.evaluate(images, labels, batch_size=len(images), verbose=0, return_dict=True)


def check_compile_model(answer: object) -> None:
    model = _tiny_model()
    result_of(answer, model, LEARNING_RATE)
    optimizer = getattr(model, "optimizer", None)
    if not getattr(model, "compiled", False) or optimizer is None:
        raise Wrong(NOT_COMPILED)
    if not isinstance(optimizer, keras.optimizers.Adam):
        raise Wrong(WRONG_OPTIMIZER, got=type(optimizer).__name__)
    try:
        learning_rate = float(np.asarray(optimizer.learning_rate))
    except (TypeError, ValueError):
        learning_rate = float("nan")
    if not np.isclose(learning_rate, LEARNING_RATE, rtol=1e-6):
        raise Wrong(LEARNING_RATE_IGNORED, got=f"{learning_rate:g}")
    images = fixed_images(8, seed=5, shape=(784,))
    classes = fixed_labels(8, seed=5)
    labels = one_hot(classes)
    try:
        result = _evaluate(model, images, labels)
    except Exception as error:  # noqa: BLE001
        # Does it work with class numbers? On a model compiled anew: a failed evaluate leaves
        # the model's compiled functions unusable.
        fresh = _tiny_model()
        result_of(answer, fresh, LEARNING_RATE)
        try:
            _evaluate(fresh, images, classes)
        except Exception:  # noqa: BLE001
            raise Wrong(EVALUATE_FAILED, error=type(error).__name__, detail=short(error)) from None
        raise Wrong(SPARSE_LOSS) from None
    logits = np.asarray(model(images))
    loss = float(result.get("loss", np.nan))
    from_logits = keras.losses.CategoricalCrossentropy(from_logits=True)(labels, logits)
    from_probabilities = keras.losses.CategoricalCrossentropy()(labels, logits)
    if not np.isclose(loss, float(from_logits), rtol=1e-4):
        if np.isclose(loss, float(from_probabilities), rtol=1e-4):
            raise Wrong(FROM_LOGITS_MISSING)
        raise Wrong(NOT_CROSS_ENTROPY)
    accuracies = [value for name, value in result.items() if "acc" in name]
    if not accuracies:
        raise Wrong(NO_ACCURACY)
    want = float(np.mean(np.argmax(logits, axis=1) == classes))
    if not any(abs(float(value) - want) < 1e-6 for value in accuracies):
        raise Wrong(WRONG_ACCURACY)


COMPILE_MODEL = Exercise(
    name="compile_model",
    check=check_compile_model,
    reference=compile_model,
    hints=[
        Text(
            "model.compile takes three things: the optimizer, the loss and the metrics; your "
            "function compiles the model it is given and returns nothing.",
            "model.compile 接受三样东西：优化器、损失和指标；你的函数编译传给它的模型，不需要返回值。",
        ),
        Text(
            "The optimizer must use the learning rate your function is given: "
            "keras.optimizers.Adam(learning_rate=learning_rate).",
            "优化器必须使用传给你的函数的学习率：keras.optimizers.Adam(learning_rate=learning_rate)。",
        ),
        Text(
            "The labels are one-hot and the model outputs logits: "
            'keras.losses.CategoricalCrossentropy(from_logits=True), and metrics=["accuracy"].',
            "标签是独热编码的，模型输出 logits：keras.losses.CategoricalCrossentropy(from_logits=True)，"
            '以及 metrics=["accuracy"]。',
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# predicted_classes(model, images): one class per image, from predict


def predicted_classes(model, images):
    logits = model.predict(images, verbose=0)
    return np.argmax(logits, axis=1)


PREDICTED = Text("your predicted classes", "你的预测类别")
ONE_CLASS_PER_IMAGE = Text(
    "the exercise asks for one class number per image",
    "题目要求每幅图像一个类别编号",
)
ONE_FOR_ALL = Text(
    "one number for the whole batch: np.argmax without an axis looks for the largest of all "
    "the values; take it over the classes of each image (axis=1).",
    "整批只有一个数：不指定 axis 的 np.argmax 在所有值中找最大的；要在每幅图像的各个类别上（axis=1）找。",
)
OVER_IMAGES = Text(
    "one number per class instead of one per image: the argmax was taken over the images "
    "(axis 0); take it over the classes of each image (axis=1).",
    "得到的是每个类别一个数，而不是每幅图像一个：argmax 是在图像上（axis 0）取的；"
    "要在每幅图像的各个类别上（axis=1）取。",
)
OUTPUTS_NOT_CLASSES = Text(
    "ten values per image: these are the model's outputs (logits or probabilities). The "
    "predicted class is the position of the largest of the ten.",
    "每幅图像十个值：这是模型的输出（logits 或概率）。预测类别是十个值中最大者所在的位置。",
)
LARGEST_VALUES = Text(
    "these are the largest values themselves, not their positions: argmax, not max.",
    "这是最大值本身，而不是它们的位置：用 argmax，而不是 max。",
)
NOT_CLASS_NUMBERS = Text(
    "some of these are not class numbers (whole numbers from 0 to 9).",
    "其中有些不是类别编号（0 到 9 的整数）。",
)
SMALLEST = Text(
    "these are the positions of the smallest outputs: the predicted class is that of the largest.",
    "这是最小输出所在的位置：预测类别是最大输出所在的位置。",
)
WRONG_CLASSES = Text(
    "some images get another class than the position of their largest output.",
    "有些图像得到的类别不是其最大输出所在的位置。",
)


def check_predicted_classes(answer: object) -> None:
    model = _tiny_model(seed=6)
    images = fixed_images(7, seed=6, shape=(784,))
    logits = np.asarray(model(images), dtype=np.float64)
    got = array(result_of(answer, model, images), PREDICTED)
    if got.ndim == 0:
        raise Wrong(ONE_FOR_ALL)
    if got.shape == logits.shape:
        raise Wrong(OUTPUTS_NOT_CLASSES)
    if got.shape == (CLASSES,):
        raise Wrong(OVER_IMAGES)
    got = checked_array(got, PREDICTED, (len(images),), ONE_CLASS_PER_IMAGE)
    if close(got, logits.max(axis=1)) or close(
        got, np.asarray(keras.ops.softmax(logits, axis=1)).max(axis=1)
    ):
        raise Wrong(LARGEST_VALUES)
    if np.any(got != np.round(got)) or np.any((got < 0) | (got >= CLASSES)):
        raise Wrong(NOT_CLASS_NUMBERS)
    if np.array_equal(got, np.argmin(logits, axis=1)):
        raise Wrong(SMALLEST)
    if not np.array_equal(got, np.argmax(logits, axis=1)):
        raise Wrong(WRONG_CLASSES)


PREDICTED_CLASSES = Exercise(
    name="predicted_classes",
    check=check_predicted_classes,
    reference=predicted_classes,
    hints=[
        Text(
            "model.predict(images, verbose=0) returns one row of 10 logits per image.",
            "model.predict(images, verbose=0) 为每幅图像返回一行 10 个 logits。",
        ),
        Text(
            "The predicted class is the position of the largest value of each row; softmax does "
            "not change which one is largest.",
            "预测类别是每一行最大值所在的位置；softmax 不改变哪个值最大。",
        ),
        Text(
            "np.argmax(logits, axis=1) gives one position per row.",
            "np.argmax(logits, axis=1) 为每一行给出一个位置。",
        ),
    ],
)

# ---------------------------------------------------------------------------------------------
# layer_output_model(model, name): a model that outputs the output of one layer of `model`


def layer_output_model(model, name):
    return keras.Model(inputs=model.input, outputs=model.get_layer(name).output)


NAMED_LAYERS = ("layer_conv2", "layer_conv1")

TENSOR_NOT_MODEL = Text(
    "this is the layer's output (a symbolic tensor), not a model: make a model that ends there, "
    "keras.Model(inputs=..., outputs=...).",
    "这是该层的输出（一个符号张量），而不是模型：构建一个以它结尾的模型，keras.Model(inputs=..., outputs=...)。",
)
SUBMODEL_FAILED = Text(
    "calling the model your function returns on a batch of images raised {error}: {detail}",
    "在一批图像上调用你的函数返回的模型时抛出了 {error}：{detail}",
)
WHOLE_MODEL = Text(
    "the model you return outputs the logits, as the whole model does: it should end at the "
    "named layer, outputs=model.get_layer(name).output.",
    "你返回的模型输出的是 logits，与整个模型一样：它应当在指定名字的层结束，outputs=model.get_layer(name).output。",
)
IGNORES_NAME = Text(
    "your function gives the same layer's output whatever name it is given: find the layer by "
    "its name, model.get_layer(name).",
    "不管传入什么名字，你的函数都给出同一层的输出：按名字找到该层，model.get_layer(name)。",
)
OTHER_LAYER = Text(
    "the output has shape {got}, not that of the named layer: the output of another layer. "
    "Find the layer with model.get_layer(name).",
    "输出的形状是 {got}，不是指定名字的那一层的：这是另一层的输出。用 model.get_layer(name) 找到该层。",
)
NOT_SHARED = Text(
    "the output has the named layer's shape but other values: the model you return has layers "
    "of its own, with new weights. Build it from the model's own input and the layer's output, "
    "so that it shares the trained layers.",
    "输出的形状与指定名字的层相同，数值却不同：你返回的模型有自己的层和新的权重。"
    "用原模型自己的输入和该层的输出来构建它，这样它才共享训练好的层。",
)


def _named_model() -> keras.Model:
    """The network of exercise 1 with named convolutional layers, as a Functional model (like the
    lesson's `model3`), with fixed weights."""
    inputs = keras.Input(shape=(784,))
    net = keras.layers.Reshape((28, 28, 1))(inputs)
    net = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="layer_conv1")(net)
    net = keras.layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = keras.layers.Conv2D(16, 3, padding="same", activation="relu", name="layer_conv2")(net)
    net = keras.layers.MaxPooling2D(pool_size=2, strides=2)(net)
    net = keras.layers.Flatten()(net)
    net = keras.layers.Dense(32, activation="relu")(net)
    model = keras.Model(inputs=inputs, outputs=keras.layers.Dense(CLASSES)(net))
    model.set_weights(_fixed_weights(model, seed=7))
    return model


def check_layer_output_model(answer: object) -> None:
    model = _named_model()
    images = fixed_images(2, seed=8, shape=(784,))
    got, want = {}, {}
    for name in NAMED_LAYERS:
        returned = result_of(answer, model, name)
        if isinstance(returned, keras.KerasTensor):
            raise Wrong(TENSOR_NOT_MODEL)
        submodel = model_of(returned)
        try:
            got[name] = np.asarray(submodel(images), dtype=np.float64)
        except Exception as error:  # noqa: BLE001
            raise Wrong(SUBMODEL_FAILED, error=type(error).__name__, detail=short(error)) from None
        want[name] = np.asarray(layer_output_model(model, name)(images), dtype=np.float64)
    logits_shape = (len(images), CLASSES)
    if any(output.shape == logits_shape for output in got.values()):
        raise Wrong(WHOLE_MODEL)
    first, second = (got[name] for name in NAMED_LAYERS)
    if close(first, second):
        raise Wrong(IGNORES_NAME)
    for name in NAMED_LAYERS:
        if got[name].shape != want[name].shape:
            raise Wrong(OTHER_LAYER, got=tuple(got[name].shape))
    for name in NAMED_LAYERS:
        if not close(got[name], want[name]):
            raise Wrong(NOT_SHARED)


LAYER_OUTPUT_MODEL = Exercise(
    name="layer_output_model",
    check=check_layer_output_model,
    reference=layer_output_model,
    hints=[
        Text(
            "A model is defined by its inputs and outputs: here the model's own input, and the "
            "output of the layer you want.",
            "模型由它的输入和输出定义：这里是原模型自己的输入，和你想要的那一层的输出。",
        ),
        Text(
            "model.get_layer(name) finds a layer by its name; its .output is where the new model "
            "should end.",
            "model.get_layer(name) 按名字找到一层；它的 .output 就是新模型应当结束的地方。",
        ),
        Text(
            "keras.Model(inputs=model.input, outputs=model.get_layer(name).output), as the "
            "lesson's output_conv1.",
            "keras.Model(inputs=model.input, outputs=model.get_layer(name).output)，"
            "与本课的 output_conv1 一样。",
        ),
    ],
    explanation=Text(
        "The new model is made of the same layers, not copies: it uses the trained weights, and "
        "training one model would change the other.",
        "新模型由同样的层组成，而不是副本：它使用训练好的权重，训练其中一个模型也会改变另一个。",
    ),
)

# ---------------------------------------------------------------------------------------------
# Questions

CONV_PARAMETERS = Question(
    name="q_conv_parameters",
    check=number(
        1168,
        too_low=Text(
            "{answer} is too few: each filter has a weight for every pixel of its window in "
            "every input channel, and one bias.",
            "{answer} 太少了：每个滤波器在每个输入通道上、对其窗口中的每个像素都有一个权重，另有一个偏置。",
        ),
        too_high=Text(
            "{answer} is too many: a filter's window covers 3×3 pixels in each input channel, "
            "and there is one bias per filter, not per pixel.",
            "{answer} 太多了：滤波器的窗口在每个输入通道上覆盖 3×3 个像素，而偏置是每个滤波器一个，"
            "不是每个像素一个。",
        ),
    ),
    reference=1168,
    hints=[
        Text(
            "The second convolutional layer's input has as many channels as the first layer has "
            "filters.",
            "第二个卷积层的输入通道数等于第一个卷积层的滤波器个数。",
        ),
        Text(
            "The lesson's layer_conv1 has 5 × 5 × 1 × 16 + 16 = 416: filter height × width × input "
            "channels × filters, plus one bias per filter.",
            "本课的 layer_conv1 有 5 × 5 × 1 × 16 + 16 = 416 个参数：滤波器高 × 宽 × 输入通道数 × "
            "滤波器个数，再加上每个滤波器一个偏置。",
        ),
    ],
    explanation=Text(
        "3 × 3 × 8 × 16 weights, one per pixel of the window, input channel and filter, plus 16 "
        "biases: 1,152 + 16 = 1,168. The image's size does not count: the same filters slide "
        "over every position.",
        "3 × 3 × 8 × 16 个权重（窗口的每个像素、每个输入通道、每个滤波器各一个），加上 16 个偏置："
        "1,152 + 16 = 1,168。图像的大小不影响参数个数：同样的滤波器在每个位置上滑过。",
    ),
)

TRAINING_STEPS = Question(
    name="q_training_steps",
    check=number(
        2150,
        too_low=Text(
            "{answer} is too few: fit takes one step per batch in every epoch, and the last, "
            "smaller batch of an epoch is a batch too.",
            "{answer} 太少了：fit 在每个轮次（epoch）中每个批次走一步，一个轮次中最后那个较小的批次也算一个批次。",
        ),
        too_high=Text(
            "{answer} is too many: fit updates the weights once per batch of images, not once "
            "per image.",
            "{answer} 太多了：fit 每个批次更新一次权重，而不是每幅图像更新一次。",
        ),
    ),
    reference=2150,
    hints=[
        Text(
            "Each line that fit printed begins with the number of batches of that epoch.",
            "fit 打印的每一行都以这个轮次的批次数开头。",
        ),
        Text(
            "55,000 images in batches of 128: how many batches, counting the last, smaller one? "
            "Then how many epochs?",
            "55,000 幅图像，每批 128 幅：算上最后那个较小的批次，一共多少批？再乘以几个轮次？",
        ),
    ],
    explanation=Text(
        "430 batches per epoch (55,000 / 128 = 429.7, and the last batch holds the remaining 88 "
        "images), one update each, for 5 epochs: 2,150 updates.",
        "每个轮次 430 个批次（55,000 / 128 = 429.7，最后一批是剩下的 88 幅图像），每批更新一次，"
        "共 5 个轮次：2,150 次更新。",
    ),
)

VALIDATION_SPLIT = Question(
    name="q_validation_split",
    check=choice("B"),
    reference="B",
    hints=[
        Text(
            "The images used to measure the validation loss must not be trained on; which "
            "images would they be, and when are they measured?",
            "用来测量验证损失的图像不能参与训练；它们是哪些图像，什么时候测量？",
        )
    ],
    explanation=Text(
        "fit sets apart the last 10 % of x and y (before any shuffling), trains on the rest, and "
        "at the end of each epoch reports val_loss and val_accuracy on the images set apart. The "
        "lesson passes a validation set of its own with validation_data instead.",
        "fit 把 x 和 y 的最后 10 % 留出来（在打乱顺序之前），在其余部分上训练，并在每个轮次结束时报告"
        "留出图像上的 val_loss 和 val_accuracy。本课则用 validation_data 传入自己的验证集。",
    ),
)

FUNCTIONAL_ONLY = Question(
    name="q_functional_only",
    check=choice("C"),
    reference="C",
    hints=[
        Text(
            "In a Sequential model each layer has one input, the output of the layer before it.",
            "在 Sequential 模型中，每一层只有一个输入，就是前一层的输出。",
        )
    ],
    explanation=Text(
        "A Sequential model is a chain: one input, each layer feeding the next. Two inputs whose "
        "branches are joined form a graph, which the Functional API describes by calling each "
        "layer on the outputs it needs. A third convolutional layer, dropout or a softmax at the "
        "end still make a chain.",
        "Sequential 模型是一条链：一个输入，每一层的输出送入下一层。两个输入的分支再合并，构成的是一个图，"
        "函数式 API 通过在每一层所需的输出上调用该层来描述它。第三个卷积层、Dropout 或最后的 softmax "
        "都仍然是一条链。",
    ),
)

EXERCISES = [
    SEQUENTIAL_MODEL,
    FUNCTIONAL_MODEL,
    COMPILE_MODEL,
    PREDICTED_CLASSES,
    LAYER_OUTPUT_MODEL,
    CONV_PARAMETERS,
    TRAINING_STEPS,
    VALIDATION_SPLIT,
    FUNCTIONAL_ONLY,
]
