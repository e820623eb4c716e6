"""Shared fixtures: an isolated app home, and the embedded model assembled once per run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.hub_fixtures", "tests.llama_server"]


def truncated_copy(source: Path, target: Path, size: int) -> Path:
    """Write the first `size` bytes of `source` to `target`, as a cut-off download would."""
    with source.open("rb") as handle:
        target.write_bytes(handle.read(size))
    return target


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the assembled embedded model, shared by the whole run."""
    from writer_app.core.default_model import ensure_default_model

    data_dir = tmp_path_factory.mktemp("data")
    ensure_default_model(data_dir)
    return data_dir


@pytest.fixture(scope="session")
def model_path(shared_data_dir: Path) -> Path:
    from writer_app.core.default_model import default_model_path

    return default_model_path(shared_data_dir)


@pytest.fixture
def writer_home(tmp_path: Path, shared_data_dir: Path,
                monkeypatch: pytest.MonkeyPatch) -> Path:
    """An app home whose data folder already holds the embedded model (shared by the
    run); its recovery copies and backups are the test's own."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "data").mkdir()
    (home / "data" / "models").symlink_to(shared_data_dir / "models",
                                          target_is_directory=True)
    monkeypatch.setenv("LOCAL_WRITER_HOME", str(home))
    return home
