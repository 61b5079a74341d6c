"""A drawing pad for Jupyter: draw a digit with the mouse (or a finger), get its pixels in Python.

Built on anywidget: the JavaScript below runs in the browser (JupyterLab, Notebook 7, VS Code)
and sends the drawing to the kernel at the end of every stroke, as `size` x `size` grey levels
(0 background, 255 ink). Python code reacts with `pad.on_drawing(callback)`.
`to_mnist_format` prepares a drawing the way MNIST's digits were prepared, for a network trained
on them.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import numpy as np
import traitlets
from PIL import Image, ImageDraw

from mnist_data import IMG_SHAPE, IMG_SIZE

_ESM = """
function render({ model, el }) {
  const side = 280;  // The pad's size on screen, in CSS pixels (PAD_SIDE in Python).
  const canvas = document.createElement("canvas");
  canvas.width = side;
  canvas.height = side;
  canvas.className = "drawing-pad-canvas";
  const context = canvas.getContext("2d");
  const clear = () => {
    context.fillStyle = "black";
    context.fillRect(0, 0, side, side);
  };
  clear();

  let drawing = false;
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  canvas.addEventListener("pointerdown", (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    context.strokeStyle = "white";
    context.lineWidth = model.get("line_width");
    context.lineCap = "round";
    context.lineJoin = "round";
    context.beginPath();
    context.moveTo(...point(event));
    context.lineTo(...point(event));  // A click leaves a dot.
    context.stroke();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    context.lineTo(...point(event));
    context.stroke();
  });
  const send = () => {
    // Scale the drawing down to size x size in the browser: it sends fewer numbers.
    const size = model.get("size");
    const small = document.createElement("canvas");
    small.width = size;
    small.height = size;
    const smallContext = small.getContext("2d");
    smallContext.imageSmoothingEnabled = true;
    smallContext.imageSmoothingQuality = "high";
    smallContext.drawImage(canvas, 0, 0, size, size);
    const rgba = smallContext.getImageData(0, 0, size, size).data;
    const grey = new Array(size * size);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[4 * i];
    model.set("pixels", grey);
    model.save_changes();
  };
  const end = () => {
    if (!drawing) return;
    drawing = false;
    send();
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  const button = document.createElement("button");
  button.textContent = "Clear";
  button.className = "drawing-pad-clear";
  button.addEventListener("click", () => {
    clear();
    model.set("pixels", []);
    model.save_changes();
  });

  el.classList.add("drawing-pad");
  el.append(canvas, button);
}
export default { render };
"""

PAD_SIDE = 280  # The pad's side on screen, in pixels; strokes are given in these coordinates.

_CSS = """
.drawing-pad { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
.drawing-pad-canvas { border: 1px solid #888; cursor: crosshair; touch-action: none; }
"""


class DrawingPad(anywidget.AnyWidget):
    """A black pad to draw on in white; `pixels` holds the last drawing, [] after "Clear"."""

    _esm = _ESM
    _css = _CSS
    size = traitlets.Int(140).tag(sync=True)  # The drawing sent to Python is size x size.
    line_width = traitlets.Int(18).tag(sync=True)  # Stroke width on the 280-pixel pad.
    pixels = traitlets.List(traitlets.Int()).tag(sync=True)

    def __repr__(self) -> str:
        # Shown as the widget's text (and stored in notebooks): the same in every run.
        return f"DrawingPad(size={self.size}, line_width={self.line_width})"

    def drawing(self) -> np.ndarray | None:
        """The last drawing as grey levels in [0, 1], shape (size, size); None when empty."""
        if not self.pixels:
            return None
        if len(self.pixels) != self.size**2:
            raise ValueError(f"expected {self.size**2} pixels from the pad, got {len(self.pixels)}")
        return np.asarray(self.pixels, np.float32).reshape(self.size, self.size) / 255

    def on_drawing(self, callback: Callable[[np.ndarray | None], None]) -> None:
        """Call `callback(drawing)` after every stroke, and with None after "Clear"."""
        self.observe(lambda _: callback(self.drawing()), names="pixels")


def render_strokes(
    strokes: list[list[tuple[float, float]]], size: int = 140, line_width: int = 18
) -> np.ndarray:
    """Draw strokes as the pad does, without a browser: each a list of (x, y) points on the
    280-pixel pad, white on black, sent at `size` x `size`. Grey levels in [0, 1]."""
    if not strokes or any(len(stroke) == 0 for stroke in strokes):
        raise ValueError("render_strokes needs at least one stroke, each with at least one point")
    # Drawn 4 times larger and scaled down: smooth edges, as the browser's anti-aliasing gives.
    scale = 4
    pad = Image.new("L", (PAD_SIDE * scale, PAD_SIDE * scale), 0)
    draw = ImageDraw.Draw(pad)
    width = line_width * scale
    for stroke in strokes:
        points = [(x * scale, y * scale) for x, y in stroke]
        if len(points) > 1:
            draw.line(points, fill=255, width=width, joint="curve")
        for x, y in (points[0], points[-1]):  # Round ends, like the pad's lineCap "round".
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=255)
    small = pad.resize((size, size), Image.Resampling.BOX)
    return np.asarray(small, np.float32) / 255


MNIST_BOX = 20  # MNIST's digits were scaled to fit a 20x20 box inside the 28x28 image.


def to_mnist_format(drawing: np.ndarray) -> np.ndarray:
    """A drawing, white ink (values up to 1) on black (0), prepared the way MNIST's digits were.

    The ink's bounding box is scaled to fit a 20x20 box, keeping its aspect ratio, with
    anti-aliasing (each new pixel the mean of the pixels it covers), and placed in a 28x28 image
    so that its centre of mass is at the centre. Returns float32, shape (28, 28), values in
    [0, 1]; all zeros if the drawing has no ink.
    """
    image = np.asarray(drawing, dtype=np.float32)
    if image.ndim != 2 or min(image.shape) == 0:
        raise ValueError(f"to_mnist_format expects one 2-D grey image; got shape {image.shape}.")
    if not np.isfinite(image).all() or image.min() < 0 or image.max() > 1:
        raise ValueError(
            "to_mnist_format expects grey levels from 0 (background) to 1 (ink); got values "
            f"from {image.min()} to {image.max()}. Divide 8-bit images by 255."
        )
    rows, cols = np.flatnonzero(image.max(axis=1)), np.flatnonzero(image.max(axis=0))
    if rows.size == 0:
        return np.zeros(IMG_SHAPE, np.float32)
    digit = image[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    scale = MNIST_BOX / max(digit.shape)
    height, width = (max(1, round(side * scale)) for side in digit.shape)
    # BOX resampling averages the pixels each new pixel covers: anti-aliased grey levels.
    small = np.asarray(Image.fromarray(digit).resize((width, height), Image.Resampling.BOX))
    # Centre of mass in pixel numbers, moved to pixel (14, 14): where MNIST's digits have theirs
    # (measured on its training images: 14.0 on average in each direction).
    mass = small.sum()
    centre_y = (small.sum(axis=1) @ np.arange(height)) / mass
    centre_x = (small.sum(axis=0) @ np.arange(width)) / mass
    top = int(np.clip(round(IMG_SIZE // 2 - centre_y), 0, IMG_SIZE - height))
    left = int(np.clip(round(IMG_SIZE // 2 - centre_x), 0, IMG_SIZE - width))
    result = np.zeros(IMG_SHAPE, np.float32)
    result[top : top + height, left : left + width] = np.clip(small, 0, 1)
    return result
