"""A list of installed models that cannot be read is set aside, not written over with
the one model installed next (tests/core/test_unreadable_files.py has the others)."""

from __future__ import annotations

from pathlib import Path

from writer_app.hub.model_store import MANIFEST, InstalledModel, ModelStore


def test_a_damaged_list_of_installed_models_is_kept_aside(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    damaged = b'{"a.gguf": {"size": 5, "sha256": "ab", "source": "import"}, '
    (folder / MANIFEST).write_bytes(damaged)
    source = tmp_path / "b.gguf"
    source.write_bytes(b"GGUF")
    ModelStore(folder).install(source, InstalledModel("b.gguf", 4, "cd", "import"))
    assert (folder / f"{MANIFEST}.unreadable").read_bytes() == damaged
    assert [model.name for model in ModelStore(folder).installed()] == ["b.gguf"]
