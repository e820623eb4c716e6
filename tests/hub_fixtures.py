"""Fixtures, loaded as a plugin by tests/conftest.py: a fake Hub on 127.0.0.1 serving a
tiny GGUF and the embedded model, and a model store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub_server import FakeHub, HubFile
from tests.tiny_models import write_tiny_llama
from writer_app.hub.downloader import DownloadOptions
from writer_app.hub.model_store import ModelStore

TINY_REPO = "lw-test/Tiny-GGUF"
TINY_FILE = "tiny-Q8_0.gguf"
EMBEDDED_REPO = "lw-test/gemma-3-270m-GGUF"
EMBEDDED_FILE = "gemma-3-270m-q4_k_m.gguf"
# Short waits so that retries and stalls take fractions of a second.
FAST = DownloadOptions(stall_seconds=0.5, connect_seconds=2.0, backoff_seconds=0.01,
                       backoff_max_seconds=0.05, max_failures=3)


@pytest.fixture(scope="session")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny") / TINY_FILE
    write_tiny_llama(path, fill_in_middle=False)
    return path


@pytest.fixture(scope="session")
def embedded_hub_file(model_path: Path) -> HubFile:
    return HubFile.of(EMBEDDED_FILE, model_path)  # hashing 250 MB once per run


@pytest.fixture
def hub(tiny_gguf: Path, embedded_hub_file: HubFile, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """A fake Hub that HF_ENDPOINT points to; no token, no offline mode, no real HF_HOME."""
    server = FakeHub({
        TINY_REPO: [HubFile.of(TINY_FILE, tiny_gguf)],
        EMBEDDED_REPO: [embedded_hub_file],
    })
    monkeypatch.setenv("HF_ENDPOINT", server.endpoint)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    yield server
    server.close()


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "data" / "models")
