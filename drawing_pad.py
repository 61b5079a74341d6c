"""A drawing pad for Jupyter: draw a digit with the mouse (or a finger), get its pixels in Python.

Built on anywidget: the JavaScript below runs in the browser (JupyterLab, Notebook 7, VS Code)
and sends the drawing to the kernel at the end of every stroke, as `size` x `size` grey levels
(0 background, 255 ink). Python code reacts with `pad.on_drawing(callback)`.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import numpy as np
import traitlets
from PIL import Image, ImageDraw

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
