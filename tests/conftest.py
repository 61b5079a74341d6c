"""Fixtures shared by the test modules."""

from __future__ import annotations

import socket
import urllib.request

import pytest

import mnist_data


@pytest.fixture(scope="session")
def mnist() -> mnist_data.MNIST:
    """Full MNIST from the shipped files, loaded once for all tests, with every connection
    refused: loading must never need the network (a damaged file would make it try)."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("test: no network")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(urllib.request, "urlopen", refuse)
        data = mnist_data.load_mnist()
    assert not attempts, f"load_mnist tried the network: {attempts}"
    return data
