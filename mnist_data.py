"""MNIST for the tutorials: the four original files shipped in data/MNIST, checked and read.

Only NumPy and the standard library, no TensorFlow: scripts and tests import this cheaply, and
the notebooks reach it through helpers.py (helpers.load_mnist, helpers.Split).

Each file is checked by the SHA-256 of its decompressed content, not of its gzip bytes, so the
files shipped with the project and a fresh download from a mirror (compressed differently, same
content) pass the same check. A missing or damaged file is downloaded again from a mirror.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import importlib.resources
import io
import math
import os
import secrets
import tempfile
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np


def _data_dir() -> Path:
    """Where the data are: the package tf_cnn_tutorials_data, which is data/ in the repository."""
    try:
        return Path(str(importlib.resources.files("tf_cnn_tutorials_data")))
    except ModuleNotFoundError:  # the repository's files used without installing the project
        return Path(__file__).resolve().parent / "data"


DATA_DIR = _data_dir()  # the four files are in DATA_DIR / "MNIST"

MNIST_MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)
# SHA-256 of the decompressed content of the four original MNIST files (LeCun, Cortes and
# Burges): the same for the shipped files and for the official ones on the mirrors.
MNIST_FILES = {
    "train-images-idx3-ubyte.gz": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte.gz": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte.gz": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte.gz": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
NUM_VALIDATION = 5_000  # the last training digits, set aside for validation
DOWNLOAD_TIMEOUT_SECONDS = 30
RESTORE_HINT = (
    "Restore the files shipped with the project: `git checkout -- data/MNIST` in the project "
    "folder (or download a fresh copy of the project); if you installed the project's package, "
    "install it again (pip install --force-reinstall --no-deps, with the same wheel or folder)."
)

IMG_SIZE = 28
IMG_SIZE_FLAT = IMG_SIZE * IMG_SIZE
IMG_SHAPE = (IMG_SIZE, IMG_SIZE)
NUM_CHANNELS = 1
NUM_CLASSES = 10


class DataError(RuntimeError):
    """A data file is missing, corrupt or malformed; the message says what to do."""


@dataclass(frozen=True)
class Split:
    """One part of the data set: flat images in [0, 1], one-hot labels and class numbers."""

    images: np.ndarray  # float32, shape (n, 784)
    labels: np.ndarray  # float32, shape (n, 10), one-hot
    cls: np.ndarray  # int64, shape (n,)

    def __len__(self) -> int:
        return len(self.cls)


@dataclass(frozen=True)
class MNIST:
    """MNIST's train / validation / test splits and the image dimensions."""

    train: Split
    validation: Split
    test: Split
    img_size: int = IMG_SIZE
    img_size_flat: int = IMG_SIZE_FLAT
    img_shape: tuple[int, int] = IMG_SHAPE
    num_channels: int = NUM_CHANNELS
    num_classes: int = NUM_CLASSES


# ---------------------------------------------------------------------------------------------
# IDX files and reproducible gzip
# ---------------------------------------------------------------------------------------------


def idx_bytes(array: np.ndarray) -> bytes:
    """A uint8 array in IDX format: magic 00 00 08 ndim, big-endian uint32 dimensions, data."""
    array = np.asarray(array)
    # A silent cast would wrap 256 to 0; the caller converts, knowing what its values mean.
    if array.dtype != np.uint8:
        raise ValueError(f"IDX files here hold unsigned bytes; got an array of {array.dtype}.")
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    return header + np.ascontiguousarray(array).tobytes()


def parse_idx(raw: bytes, name: str | Path) -> np.ndarray:
    """The uint8 array in the (decompressed) IDX bytes `raw`; `name` is used in error messages."""
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise DataError(
            f"{name} is not an IDX file of unsigned bytes: its magic number is "
            f"{raw[:4].hex() or 'missing'}, expected 0000 08 followed by the number of "
            "dimensions. Delete it and load the data again."
        )
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(f"{name} is truncated inside its header. Delete it and load again.")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = math.prod(shape)
    if len(raw) - header != expected:
        raise DataError(
            f"{name} holds {len(raw) - header:,} bytes of data, but its header {shape} promises "
            f"{expected:,}: the file is truncated or corrupt. Delete it and load the data again."
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


# What _gunzip raises on bytes that are not a complete gzip stream: BadGzipFile (an OSError)
# for a wrong header, EOFError for a stream cut short, zlib.error for corrupt data.
_NOT_GZIP = (OSError, EOFError, zlib.error)


def _gunzip(compressed: bytes) -> bytes:
    """gzip.decompress, except that no bytes at all are not a gzip file either."""
    if not compressed:  # gzip.decompress(b"") gives b"", as if an empty file were fine
        raise EOFError("the file is empty")
    return gzip.decompress(compressed)


def read_idx(path: Path | str) -> np.ndarray:
    """Read a gzipped IDX file of unsigned bytes (MNIST's format) into a uint8 array."""
    path = Path(path)
    compressed = path.read_bytes()  # outside the try: a missing file is not "not gzip"
    try:
        raw = _gunzip(compressed)
    except _NOT_GZIP as error:
        raise DataError(
            f"{path} is not a complete gzip file ({error}). Delete it and load the data again."
        ) from error
    return parse_idx(raw, path)


def gzip_bytes(raw: bytes) -> bytes:
    """`raw` gzipped at level 9, with no file name and time 0: identical input, identical bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buffer, mtime=0) as out:
        out.write(raw)
    return buffer.getvalue()


def write_atomically(path: Path | str, content: bytes) -> None:
    """Write `content` to `path` via a temporary file in the same folder and one rename."""
    # os.replace within one folder is atomic: readers see the old file or the new, never half.
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        # "x" creates a new file with the umask's permissions (mkstemp's would be owner-only).
        with open(tmp, "xb") as stream:
            stream.write(content)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------------------------------
# Checking and repairing the four files
# ---------------------------------------------------------------------------------------------


def _content_of(path: Path, sha256: str) -> tuple[bytes | None, str]:
    """The decompressed content of `path` if it has the right SHA-256, else None and the fault."""
    try:
        compressed = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # the file or its folder is not there
        return None, "missing"
    except OSError as error:
        return None, f"unreadable ({error.strerror})"
    try:
        raw = _gunzip(compressed)
    except _NOT_GZIP:
        return None, "damaged (not a complete gzip file)"
    if hashlib.sha256(raw).hexdigest() != sha256:
        return None, "damaged (wrong content checksum)"
    return raw, ""


def file_faults(data_dir: Path | str = DATA_DIR) -> dict[str, str]:
    """Each MNIST file's fault ("" if its content's checksum is right), repairing nothing."""
    folder = Path(data_dir) / "MNIST"
    return {name: _content_of(folder / name, sha256)[1] for name, sha256 in MNIST_FILES.items()}


def _check_writable(folder: Path, path: Path, fault: str) -> None:
    """Raise a DataError if the repaired file could not be stored in `folder`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise DataError(
            f"{path} is {fault}, and the data folder {folder} is not writable "
            f"({error.strerror}), so it cannot be downloaded again. {RESTORE_HINT} Or make the "
            "folder writable, or pass load_mnist(data_dir=...) a folder you can write to."
        ) from error


def _fetch(url: str, folder: Path) -> bytes:
    """The bytes at `url`, streamed into a temporary file in `folder` (removed afterwards)."""
    with (
        tempfile.TemporaryFile(dir=folder) as spool,
        urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response,
    ):
        # Streamed in chunks: the timeout then applies to each read, so a stalled mirror fails.
        for chunk in iter(lambda: response.read(1 << 20), b""):
            spool.write(chunk)
        spool.seek(0)
        return spool.read()


def _repair(folder: Path, name: str, sha256: str, fault: str, mirrors: tuple[str, ...]) -> bytes:
    """Download `name` again, check its content, store it reproducibly; return the content."""
    path = folder / name
    print(f"{path} is {fault}: downloading it again.")
    _check_writable(folder, path, fault)
    errors = []
    with tempfile.TemporaryDirectory(dir=folder, prefix=".download-") as tmp:
        for mirror in mirrors:
            url = mirror + name
            try:
                raw = _gunzip(_fetch(url, Path(tmp)))
            except (*_NOT_GZIP, http.client.HTTPException, ValueError) as error:
                # URLError, HTTPError and timeouts are OSErrors too; ValueError: a malformed URL.
                errors.append(f"{url}: {error}")
                continue
            if hashlib.sha256(raw).hexdigest() != sha256:
                errors.append(f"{url}: wrong content checksum")
                continue
            # Stored as the shipped files are gzipped, not as the mirror's bytes: a repaired
            # file is then byte-identical to the committed one, and git sees no change.
            write_atomically(path, gzip_bytes(raw))
            return raw
    tried = "".join(f"\n  {error}" for error in errors) or "\n  (no mirrors given)"
    raise DataError(f"{path} is {fault}, and no mirror could provide it. {RESTORE_HINT}{tried}")


def _split(images: np.ndarray, cls: np.ndarray) -> Split:
    """Scale uint8 images to flat float32 in [0, 1] and one-hot encode the classes."""
    flat = images.reshape(len(images), -1).astype(np.float32) / 255.0
    cls = cls.astype(np.int64)
    return Split(flat, np.eye(NUM_CLASSES, dtype=np.float32)[cls], cls)


def load_mnist(data_dir: Path | str = DATA_DIR, mirrors: tuple[str, ...] = MNIST_MIRRORS) -> MNIST:
    """Load MNIST: 55,000 training, 5,000 validation and 10,000 test images.

    Reads the four original files in `data_dir`/MNIST, shipped with the project; validation is
    the last 5,000 digits of the training file. A missing or damaged file is downloaded again.
    """
    folder = Path(data_dir) / "MNIST"
    arrays = {}
    for name, sha256 in MNIST_FILES.items():
        # Decompressed once: the bytes that were hashed are the bytes that are parsed.
        raw, fault = _content_of(folder / name, sha256)
        if raw is None:
            raw = _repair(folder, name, sha256, fault, mirrors)
        arrays[name] = parse_idx(raw, folder / name)
    train_images = arrays["train-images-idx3-ubyte.gz"]
    train_cls = arrays["train-labels-idx1-ubyte.gz"]
    test_images = arrays["t10k-images-idx3-ubyte.gz"]
    test_cls = arrays["t10k-labels-idx1-ubyte.gz"]
    for images, cls, what in ((train_images, train_cls, "train"), (test_images, test_cls, "t10k")):
        if images.shape[1:] != IMG_SHAPE or cls.shape != (len(images),) or np.any(cls >= 10):
            raise DataError(
                f"the {what} files in {folder} do not fit together: images {images.shape}, labels"
                f" {cls.shape}; expected (n, 28, 28) images and n classes from 0 to 9. "
                f"{RESTORE_HINT}"
            )
    num_train = len(train_cls) - NUM_VALIDATION
    if num_train <= 0:
        raise DataError(
            f"{folder} holds {len(train_cls)} training images, too few to set "
            f"{NUM_VALIDATION:,} aside for validation. {RESTORE_HINT}"
        )
    return MNIST(
        train=_split(train_images[:num_train], train_cls[:num_train]),
        validation=_split(train_images[num_train:], train_cls[num_train:]),
        test=_split(test_images, test_cls),
    )
