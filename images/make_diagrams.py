"""Draw the diagrams of the convolutional-network tutorials with matplotlib, in English and Chinese.

Writes, next to this script, in English, and in Simplified Chinese into ``zh/`` with the same names
(the Chinese notebooks and README.zh-CN.md show those):

* ``02_network_flowchart.png`` - the network's flowchart (input digit, two convolutional layers
  with max-pooling, flatten, two fully-connected layers, softmax) and, in a second lane, the
  training loop of tutorial #02 (cross-entropy, Adam optimizer, gradients via GradientTape).
* ``03_network_flowchart.png`` - the same network with tutorial #03's training (Keras ``fit``:
  cross-entropy from the logits, Adam with learning rate 1e-3, one epoch of batches of 128).
* ``02_convolution.png`` - how one 5x5 filter slides over a real MNIST "7" to give a 28x28
  feature map (computed here with numpy, zero "SAME" padding, stride 1), and the map after ReLU
  and 2x2 max-pooling.

One drawing function per diagram; its words come from ``TEXTS``, a table with one dict of strings
per language (the Chinese terms are those of the Chinese notebooks and shared/zh-glossary.md).

The digits are MNIST's test digits in ``data/MNIST/``: the first one for the flowcharts, the
first "7" for the convolution. The output is deterministic (no randomness). Run from the project
folder:

    python images/make_diagrams.py

Drawing the Chinese labels needs the font Noto Sans CJK SC (the committed PNGs need no font): on
Debian or Ubuntu ``apt-get install fonts-noto-cjk``; elsewhere ``pip install mplfonts``, whose copy
of the font has only the regular weight (the bold Chinese labels then come out regular, and the
PNGs differ from the committed ones). Without the font the script stops before drawing and says
what to install, and a character that no font has stops it too (rather than drawn as a box). The
English labels use matplotlib's own DejaVu Sans, and so do the Chinese ones for Latin letters and
digits.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.patches import ConnectionPatch, FancyArrowPatch, FancyBboxPatch, Rectangle

import mnist_data

HERE = Path(__file__).resolve().parent

matplotlib.use("Agg")  # no display needed; no figure exists yet, so switching is safe

IMAGES_FILE = mnist_data.DATA_DIR / "MNIST" / "t10k-images-idx3-ubyte.gz"
LABELS_FILE = mnist_data.DATA_DIR / "MNIST" / "t10k-labels-idx1-ubyte.gz"
# The file names, the same in each language's folder (tests/test_translations.py reads this line).
DIAGRAMS = ("02_network_flowchart.png", "03_network_flowchart.png", "02_convolution.png")
FLOWCHART_NAME, FLOWCHART_03_NAME, CONVOLUTION_NAME = DIAGRAMS
FOLDERS = {"en": HERE, "zh": HERE / "zh"}  # where each language's diagrams go
FLOWCHART_PNG = HERE / FLOWCHART_NAME
FLOWCHART_03_PNG = HERE / FLOWCHART_03_NAME
CONVOLUTION_PNG = HERE / CONVOLUTION_NAME
DPI = 110

CJK_FAMILY = "Noto Sans CJK SC"
plt.rcParams.update({"font.size": 11, "font.family": "DejaVu Sans"})
# Per language: the fonts (matplotlib takes a glyph from the first one that has it) and the style
# of the flowchart's note on batches (Chinese has no italics).
FONTS = {"en": ["DejaVu Sans"], "zh": ["DejaVu Sans", CJK_FAMILY]}
NOTE_STYLE = {"en": "italic", "zh": "normal"}

# Every word of the diagrams, per language. "{...}" fields are filled in when drawing; code
# identifiers (GradientTape, fit, SAME), numbers and shapes are the same in both languages.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        # flowcharts
        "lane_prediction": "prediction (forward pass)",
        "lane_training": "training",
        "input": "input image\n28×28\n1 channel",
        "conv1": "conv layer 1\n16 filters 5×5\nstride 1, SAME\nReLU\n2×2 max-pool",
        "conv2": "conv layer 2\n36 filters 5×5\nover 16 channels\n(16×36 = 576)\nReLU\n2×2 max-pool",
        "flatten": "flatten",
        "features": "1,764\nfeatures",
        "fc1": "fully-\nconnected\n128, ReLU",
        "fc2": "fully-\nconnected\n10",
        "softmax": "softmax",
        "predicted": "predicted\nclass",
        "true_class": "true class {label}\n(one-hot)",
        "cross_entropy": "cross-entropy",
        "logits": "logits",
        "softmax_output": "softmax\noutput",
        "optimizer": "optimizer\n({optimizer})",
        "loss": "loss",
        "02.optimizer": "Adam, learning rate 1e-4",
        "02.schedule": "done on batches of 64 images,\nrepeated 10,000 times",
        "02.loss_note": "from the logits",
        "02.gradients": "gradients via GradientTape: update the filters and weights",
        "03.optimizer": "Adam, learning rate 1e-3",
        "03.schedule": "done on batches of 128 images,\none epoch (430 batches)",
        "03.loss_note": "from the logits",
        "03.gradients": "gradients, computed by fit: update the filters and weights",
        # convolution
        "conv_input": "input image 28×28 (a real MNIST 7)",
        "conv_filter": "5×5 filter\n(red +, blue −)",
        "conv_sum": "weights × pixels (0–1),\nsummed = {value:.2f}",
        "conv_output": "output feature map 28×28",
        "conv_colours": "red = strong response, blue = negative",
        "conv_pooled": "after ReLU and\n2×2 max-pool: 14×14",
        "conv_caption": "dot product of filter and the 5×5 pixels under it = one output pixel; "
        "the filter slides with stride 1; zero padding keeps 28×28",
    },
    "zh": {
        "lane_prediction": "预测（前向传播）",
        "lane_training": "训练",
        "input": "输入图像\n28×28\n1 个通道",
        "conv1": "卷积层 1\n16 个 5×5 滤波器\n步幅 1，SAME 填充\nReLU\n2×2 最大池化",
        "conv2": "卷积层 2\n36 个 5×5 滤波器\n输入 16 个通道\n（16×36 = 576）\nReLU\n2×2 最大池化",
        "flatten": "展平",
        "features": "1,764\n个特征",
        "fc1": "全连接层\n128，ReLU",
        "fc2": "全连接层\n10",
        "softmax": "softmax",
        "predicted": "预测\n类别",
        "true_class": "真实类别 {label}\n（独热编码）",
        "cross_entropy": "交叉熵",
        "logits": "logits",
        "softmax_output": "softmax\n输出",
        "optimizer": "优化器\n（{optimizer}）",
        "loss": "损失",
        "02.optimizer": "Adam，学习率 1e-4",
        "02.schedule": "每次取一批 64 张图像，\n重复 10,000 次",
        "02.loss_note": "由 logits 计算",
        "02.gradients": "由梯度带（GradientTape）求出梯度，用来更新滤波器和权重",
        "03.optimizer": "Adam，学习率 1e-3",
        "03.schedule": "每次取一批 128 张图像，\n训练一轮（430 个批次）",
        "03.loss_note": "由 logits 计算",
        "03.gradients": "由 fit 求出梯度，用来更新滤波器和权重",
        "conv_input": "输入图像 28×28（MNIST 中一个真实的 7）",
        "conv_filter": "5×5 滤波器\n（红为正，蓝为负）",
        "conv_sum": "权重 × 像素（0–1）\n求和 = {value:.2f}",
        "conv_output": "输出特征图 28×28",
        "conv_colours": "红 = 响应强，蓝 = 负值",
        "conv_pooled": "经过 ReLU 和\n2×2 最大池化：14×14",
        "conv_caption": "滤波器与其覆盖的 5×5 个像素的点积 = 一个输出像素；"
        "滤波器以步幅 1 滑动；用零填充使输出保持 28×28",
    },
}

# Colours shared by both figures.
CONV_COLOUR = "#cfe2f3"
DENSE_COLOUR = "#d9ead3"
OUTPUT_COLOUR = "#fff2cc"
TRAIN_COLOUR = "#f4cccc"
MAP_COLOUR = "#9fc5e8"
EDGE = "#333333"
WINDOW_COLOUR = "#e69138"


# --------------------------------------------------------------------------- data


def correlate_same(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """2-D correlation (what conv2d computes) with stride 1 and zero "SAME" padding."""
    kh, kw = kernel.shape
    top, left = (kh - 1) // 2, (kw - 1) // 2
    padded = np.pad(image, ((top, kh - 1 - top), (left, kw - 1 - left)))
    out = np.zeros(image.shape, dtype=float)
    for i in range(kh):
        for j in range(kw):
            out += kernel[i, j] * padded[i : i + image.shape[0], j : j + image.shape[1]]
    return out


def max_pool_2x2(image: np.ndarray) -> np.ndarray:
    """2x2 max-pooling with stride 2."""
    rows, cols = image.shape
    return (
        image[: rows // 2 * 2, : cols // 2 * 2].reshape(rows // 2, 2, cols // 2, 2).max(axis=(1, 3))
    )


# --------------------------------------------------------------------------- drawing helpers


def box(ax, x, y, w, h, text, colour, fontsize=11, weight="normal"):
    """A rounded box with centred text; (x, y) is the lower-left corner."""
    patch = FancyBboxPatch(
        (x, y),
        w,
        h,
        boxstyle="round,pad=0,rounding_size=0.8",
        facecolor=colour,
        edgecolor=EDGE,
        linewidth=1.2,
    )
    ax.add_patch(patch)
    ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=fontsize, weight=weight)
    return patch


def arrow(ax, start, end, colour=EDGE, style="-|>", lw=1.5, ls="-", **kwargs):
    """A straight arrow from start to end in data coordinates."""
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle=style,
            mutation_scale=16,
            color=colour,
            linewidth=lw,
            linestyle=ls,
            shrinkA=0,
            shrinkB=0,
            **kwargs,
        )
    )


def stack(ax, x, y, size, count, offset, label):
    """Offset squares suggesting a feature map with several channels; (x, y) is the front square."""
    for k in reversed(range(count)):
        ax.add_patch(
            Rectangle(
                (x + k * offset, y + k * offset),
                size,
                size,
                facecolor=MAP_COLOUR,
                edgecolor=EDGE,
                linewidth=0.9,
            )
        )
    depth = (count - 1) * offset
    ax.text(x + (size + depth) / 2, y - 1.2, label, ha="center", va="top", fontsize=11)
    return x + size + depth, y + (size + depth) / 2  # right edge, vertical middle


# --------------------------------------------------------------------------- figure 1


def polyline_arrow(ax, points, colour=EDGE, lw=1.5, ls="-"):
    """Line segments through points, with an arrowhead on the last one."""
    xs, ys = zip(*points)
    ax.plot(xs[:-1], ys[:-1], color=colour, linewidth=lw, linestyle=ls, solid_capstyle="butt")
    arrow(ax, points[-2], points[-1], colour=colour, lw=lw, ls=ls)


@dataclass(frozen=True)
class Training:
    """How a tutorial trains the network, for a flowchart's training lane.

    Its texts are TEXTS[language]["NN.key"], NN the tutorial's number: "optimizer" (shown as
    "optimizer (...)"), "schedule" (batches and how many of them, on the left), "loss_note" (a
    line under "cross-entropy", if any) and "gradients" (along the gradients' arrows).
    """

    tutorial: str  # "02" or "03"
    loss_input: str = "logits"  # what the loss is computed from: "softmax" or "logits"


TRAINING_02 = Training("02")
TRAINING_03 = Training("03")


def draw_flowchart(
    digit: np.ndarray,
    label: int,
    path: Path = FLOWCHART_PNG,
    training: Training = TRAINING_02,
    language: str = "en",
) -> None:
    """The network, left to right, with the training loop in a lane below."""
    text = TEXTS[language]
    optimizer, schedule, loss_note, gradients = (
        text[f"{training.tutorial}.{key}"]
        for key in ("optimizer", "schedule", "loss_note", "gradients")
    )
    width, height = 135.0, 55.0
    fig = plt.figure(figsize=(width / 10, height / 10), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.axis("off")

    # Two lanes: prediction on top, training below.
    lane_y = 19.5
    ax.add_patch(
        Rectangle((0.5, lane_y + 0.5), width - 1, height - lane_y - 1, fc="#f7f9fc", ec="#b7c4d6")
    )
    ax.add_patch(Rectangle((0.5, 0.5), width - 1, lane_y, fc="#fdf6f4", ec="#e0bdb5"))
    ax.text(1.5, height - 1.5, text["lane_prediction"], fontsize=12, weight="bold", va="top")
    ax.text(1.5, lane_y - 0.8, text["lane_training"], fontsize=12, weight="bold", va="top")

    mid = 37.5  # vertical middle of the forward lane

    def right(rect):
        return rect[0] + rect[2]

    # Input digit.
    ax.imshow(
        digit,
        cmap="binary",
        extent=(1.5, 11.5, mid - 5, mid + 5),
        interpolation="nearest",
        zorder=2,
    )
    ax.add_patch(Rectangle((1.5, mid - 5), 10, 10, fill=False, ec=EDGE, lw=1, zorder=3))
    ax.text(6.5, mid - 6.2, text["input"], ha="center", va="top")

    # Convolutional layer 1 and its 14x14x16 output.
    conv1 = (14.5, mid - 9, 16.5, 18.0)
    arrow(ax, (11.8, mid), (conv1[0], mid))
    box(ax, *conv1, text["conv1"], CONV_COLOUR)
    arrow(ax, (right(conv1), mid), (right(conv1) + 2.5, mid))
    right1, _ = stack(ax, right(conv1) + 2.5, mid - 4.5, 7.0, 5, 0.7, "14×14×16")

    # Convolutional layer 2 and its 7x7x36 output.
    conv2 = (right1 + 2.5, mid - 9, 18.0, 18.0)
    arrow(ax, (right1 + 0.2, mid), (conv2[0], mid))
    box(ax, *conv2, text["conv2"], CONV_COLOUR)
    arrow(ax, (right(conv2), mid), (right(conv2) + 2.5, mid))
    right2, _ = stack(ax, right(conv2) + 2.5, mid - 3.0, 4.0, 8, 0.5, "7×7×36")

    # Flatten to 1,764 features.
    x_flat = right2 + 6.0
    arrow(ax, (right2 + 0.2, mid), (x_flat - 0.2, mid))
    ax.text(
        (right2 + x_flat) / 2, mid + 0.7, text["flatten"], ha="center", va="bottom", fontsize=10
    )
    n_cells, cell = 12, 1.2
    top = mid + n_cells * cell / 2
    for k in range(n_cells):
        ax.add_patch(
            Rectangle((x_flat, top - (k + 1) * cell), 1.6, cell, fc=MAP_COLOUR, ec=EDGE, lw=0.7)
        )
    ax.text(x_flat + 0.8, top + 0.8, text["features"], ha="center", va="bottom")

    # Fully-connected layers, softmax, prediction.
    fc1 = (x_flat + 4.5, mid - 6, 12.0, 12.0)
    arrow(ax, (x_flat + 1.8, mid), (fc1[0], mid))
    box(ax, *fc1, text["fc1"], DENSE_COLOUR)
    fc2 = (right(fc1) + 2.5, mid - 6, 10.5, 12.0)
    arrow(ax, (right(fc1), mid), (fc2[0], mid))
    box(ax, *fc2, text["fc2"], DENSE_COLOUR)
    soft = (right(fc2) + 2.5, mid - 4, 9.0, 8.0)
    arrow(ax, (right(fc2), mid), (soft[0], mid))
    box(ax, *soft, text["softmax"], OUTPUT_COLOUR)
    pred = (right(soft) + 2.5, mid - 6, width - 1.5 - (right(soft) + 2.5), 12.0)
    arrow(ax, (right(soft), mid), (pred[0], mid))
    box(ax, *pred, text["predicted"], OUTPUT_COLOUR)

    # Training lane: the true class as a one-hot vector.
    truth = (width - 22.0, 2.0, 20.5, 14.5)
    box(ax, *truth, "", "white")
    true_class = text["true_class"].format(label=label)
    ax.text(truth[0] + truth[2] / 2, 15.6, true_class, ha="center", va="top")
    cell = 1.8
    x0 = truth[0] + (truth[2] - 10 * cell) / 2
    for k in range(10):
        ax.add_patch(
            Rectangle(
                (x0 + k * cell, 4.0),
                cell,
                cell,
                fc="#cc0000" if k == label else "white",
                ec=EDGE,
                lw=0.8,
            )
        )
        ax.text(x0 + (k + 0.5) * cell, 6.2, str(k), ha="center", va="bottom", fontsize=10)
        ax.text(
            x0 + (k + 0.5) * cell,
            4.0 + cell / 2,
            "1" if k == label else "0",
            ha="center",
            va="center",
            fontsize=10,
            color="white" if k == label else EDGE,
        )

    # Cross-entropy of the softmax output against the true class.
    ce = (truth[0] - 21.0, 5.5, 16.0, 7.0)
    if loss_note:
        box(ax, *ce, "", TRAIN_COLOUR)
        x_mid = ce[0] + ce[2] / 2
        ax.text(x_mid, ce[1] + 4.6, text["cross_entropy"], ha="center", va="center", weight="bold")
        ax.text(x_mid, ce[1] + 2.0, loss_note, ha="center", va="center", fontsize=10)
    else:
        box(ax, *ce, text["cross_entropy"], TRAIN_COLOUR, weight="bold")
    arrow(ax, (truth[0], ce[1] + ce[3] / 2), (right(ce), ce[1] + ce[3] / 2))
    x_ce_in = right(ce) - 3.0
    if training.loss_input == "logits":
        # The loss branches off the logits, between the last layer and softmax.
        x_from, y_from, what = (right(fc2) + soft[0]) / 2, mid, text["logits"]
        ax.plot(x_from, y_from, "o", color=EDGE, markersize=5)
    else:
        x_from, y_from, what = soft[0] + soft[2] / 2, soft[1], text["softmax_output"]
    polyline_arrow(
        ax, [(x_from, y_from), (x_from, 17.0), (x_ce_in, 17.0), (x_ce_in, ce[1] + ce[3])]
    )
    ax.text(x_from + 0.8, 25.5, what, fontsize=10, va="center", ha="left")

    # Optimizer, and the gradients going back to every layer with filters or weights.
    opt = (ce[0] - 31.0, 5.5, 26.0, 7.0)
    box(ax, *opt, text["optimizer"].format(optimizer=optimizer), TRAIN_COLOUR)
    arrow(ax, (ce[0], ce[1] + ce[3] / 2), (right(opt), opt[1] + opt[3] / 2))
    ax.text((ce[0] + right(opt)) / 2, 9.4, text["loss"], ha="center", va="bottom", fontsize=10)

    red = "#cc0000"
    bus_y = 24.5
    x_opt = right(opt) - 5.0  # where the gradients leave the optimizer
    xs = [rect[0] + rect[2] / 2 for rect in (conv1, conv2, fc1, fc2)]
    bottoms = [rect[1] for rect in (conv1, conv2, fc1, fc2)]
    ax.plot([xs[0], xs[-1]], [bus_y, bus_y], color=red, linewidth=1.8, linestyle="--")
    ax.plot([x_opt, x_opt], [opt[1] + opt[3], bus_y], color=red, linewidth=1.8, linestyle="--")
    for x, y in zip(xs, bottoms):
        arrow(ax, (x, bus_y), (x, y), colour=red, lw=1.8, ls="--")
    ax.text(
        (xs[0] + x_opt) / 2,
        bus_y - 0.7,
        gradients,
        color=red,
        ha="center",
        va="top",
        fontsize=11,
        weight="bold",
    )

    ax.text(
        3.0,
        9.0,
        schedule,
        fontsize=11,
        va="center",
        style=NOTE_STYLE[language],
    )

    fig.savefig(path, dpi=DPI)
    plt.close(fig)


# --------------------------------------------------------------------------- figure 2


def draw_convolution(digit: np.ndarray, path: Path = CONVOLUTION_PNG, language: str = "en") -> None:
    """One 5x5 filter sliding over a "7": window, filter weights, output pixel, pooled map."""
    text = TEXTS[language]
    image = digit.astype(float) / 255.0
    # Responds to horizontal strokes: a bright band (positive rows) between dark rows
    # (negative rows). Each column sums to zero, so flat areas and vertical strokes give 0.
    row_weights = np.array([-2.0, 1.0, 2.0, 1.0, -2.0])
    kernel = np.repeat(row_weights[:, None], 5, axis=1)
    output = correlate_same(image, kernel)
    pooled = max_pool_2x2(np.maximum(output, 0.0))

    # Window over the 7's top horizontal stroke: the strongest response in the upper rows.
    upper = output[:12]
    row, col = (int(v) for v in np.unravel_index(np.argmax(upper), upper.shape))
    value = output[row, col]
    assert np.isclose(value, np.sum(kernel * np.pad(image, 2)[row : row + 5, col : col + 5]))

    fig_w, fig_h = 13.0, 5.2
    fig = plt.figure(figsize=(fig_w, fig_h), dpi=DPI)
    lim = float(np.abs(output).max())
    k_lim = float(np.abs(kernel).max())

    def square_axes(left, bottom, w):
        return fig.add_axes((left, bottom, w, w * fig_w / fig_h))

    def grid(ax, n):
        ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
        ax.grid(which="minor", color="#bbbbbb", linewidth=0.3)
        ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)

    # Panel 1: the input image with the filter's window.
    ax_img = square_axes(0.02, 0.21, 0.25)
    ax_img.imshow(image, cmap="binary", vmin=0, vmax=1)
    grid(ax_img, 28)
    ax_img.set_title(text["conv_input"], fontsize=12)
    ax_img.add_patch(
        Rectangle((col - 2.5, row - 2.5), 5, 5, fill=False, edgecolor=WINDOW_COLOUR, linewidth=3)
    )

    # Panel 2: the filter.
    ax_k = square_axes(0.335, 0.44, 0.13)
    ax_k.imshow(kernel, cmap="seismic", vmin=-k_lim, vmax=k_lim)
    grid(ax_k, 5)
    for spine in ax_k.spines.values():
        spine.set_edgecolor(WINDOW_COLOUR)
        spine.set_linewidth(3)
    for i in range(5):
        for j in range(5):
            w = kernel[i, j]
            colour = "white" if abs(w) > 0.6 * k_lim else "black"
            ax_k.text(j, i, f"{w:+.0f}".replace("-", "−"), ha="center", va="center", color=colour)
    ax_k.set_title(text["conv_filter"], fontsize=12)
    ax_k.text(
        2.0,
        5.1,
        text["conv_sum"].format(value=value),
        ha="center",
        va="top",
        fontsize=11,
    )

    # Panel 3: the output feature map with the output pixel.
    ax_out = square_axes(0.53, 0.21, 0.25)
    ax_out.imshow(output, cmap="seismic", vmin=-lim, vmax=lim)
    grid(ax_out, 28)
    ax_out.set_title(text["conv_output"], fontsize=12)
    ax_out.add_patch(
        Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=WINDOW_COLOUR, linewidth=3)
    )
    ax_out.text(
        0.5,
        -0.03,
        text["conv_colours"],
        transform=ax_out.transAxes,
        ha="center",
        va="top",
        fontsize=10,
    )

    # Panel 4: after ReLU and 2x2 max-pooling.
    ax_pool = square_axes(0.845, 0.32, 0.14)
    ax_pool.imshow(pooled, cmap="seismic", vmin=-lim, vmax=lim)
    grid(ax_pool, 14)
    ax_pool.set_title(text["conv_pooled"], fontsize=12)

    # Arrows: window -> filter -> output pixel -> pooled map.
    style = {"arrowstyle": "-|>", "color": WINDOW_COLOUR, "linewidth": 2, "mutation_scale": 18}
    fig.add_artist(
        ConnectionPatch(
            (col + 2.5, row), (-0.5, 2.0), "data", "data", axesA=ax_img, axesB=ax_k, **style
        )
    )
    fig.add_artist(
        ConnectionPatch(
            (4.5, 2.0), (col - 0.6, row), "data", "data", axesA=ax_k, axesB=ax_out, **style
        )
    )
    fig.add_artist(
        ConnectionPatch(
            (1.03, 0.5),
            (-0.1, 0.5),
            "axes fraction",
            "axes fraction",
            axesA=ax_out,
            axesB=ax_pool,
            arrowstyle="-|>",
            color=EDGE,
            linewidth=1.5,
            mutation_scale=16,
        )
    )

    fig.text(
        0.5,
        0.035,
        text["conv_caption"],
        ha="center",
        va="bottom",
        fontsize=12,
    )
    fig.savefig(path, dpi=DPI)
    plt.close(fig)


def require_cjk_font() -> None:
    """Make sure that matplotlib finds CJK_FAMILY for the Chinese labels, or stop and say how."""
    if CJK_FAMILY in font_manager.fontManager.get_font_names():
        return
    # Installed after matplotlib cached its list of the system's fonts: look at them again.
    for path in font_manager.findSystemFonts():
        if "CJK" in Path(path).name:
            font_manager.fontManager.addfont(path)
    spec = importlib.util.find_spec("mplfonts")  # PyPI's copy of the font, regular weight only
    if CJK_FAMILY not in font_manager.fontManager.get_font_names() and spec and spec.origin:
        for path in sorted(Path(spec.origin).parent.glob("fonts/NotoSansCJK*")):
            font_manager.fontManager.addfont(path)
    if CJK_FAMILY not in font_manager.fontManager.get_font_names():
        sys.exit(
            f"make_diagrams.py: matplotlib finds no font {CJK_FAMILY!r} for the Chinese diagrams."
            " Install it and run this script again: on Debian or Ubuntu"
            " `apt-get install fonts-noto-cjk` (as root), elsewhere `pip install mplfonts`."
        )


def main() -> None:
    require_cjk_font()  # before writing anything
    images = mnist_data.read_idx(IMAGES_FILE)
    labels = mnist_data.read_idx(LABELS_FILE)
    first_seven = int(np.flatnonzero(labels == 7)[0])
    for language, folder in FOLDERS.items():
        folder.mkdir(exist_ok=True)
        with plt.rc_context({"font.family": FONTS[language]}), warnings.catch_warnings():
            # A glyph that no font has would be drawn as a box: stop instead.
            warnings.filterwarnings("error", message="Glyph .* missing from font")
            draw_flowchart(
                images[0], int(labels[0]), folder / FLOWCHART_NAME, TRAINING_02, language
            )
            draw_flowchart(
                images[0], int(labels[0]), folder / FLOWCHART_03_NAME, TRAINING_03, language
            )
            draw_convolution(images[first_seven], folder / CONVOLUTION_NAME, language)
        for name in DIAGRAMS:
            path = folder / name
            print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
