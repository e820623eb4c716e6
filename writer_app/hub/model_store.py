"""The models folder: installed models, partial downloads, imports and removals.

A model counts as installed only once its manifest entry is written, which happens after
its bytes were verified; downloads grow in `.partial/` beside a small JSON record of what
they are, so a partial or corrupt file is never listed as a model, and a later process
can resume one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from writer_app.core import default_model
from writer_app.core.errors import DownloadError, ModelFileError
from writer_app.core.gguf_file import check_model_file
from writer_app.core.said import said
from writer_app.core.unreadable_files import read_json_object
from writer_app.hub.file_names import path_inside, safe_model_name

MANIFEST = "installed.json"
PARTIAL_DIR = ".partial"
COPY_BLOCK = 1 << 20


@dataclass(frozen=True)
class InstalledModel:
    name: str  # the file name in the models folder
    size: int
    sha256: str
    source: str  # "download", "import" or "embedded"
    repo: str | None = None
    revision: str | None = None
    hub_file: str | None = None


@dataclass(frozen=True)
class PartialDownload:
    name: str
    have: int
    size: int
    sha256: str | None
    repo: str
    hub_file: str
    revision: str


def sha256_of(path: Path, on_block: Callable[[int], None] | None = None) -> str:
    """Hash a file in blocks, reporting each block's length to `on_block`."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(COPY_BLOCK), b""):
            digest.update(block)
            if on_block:
                on_block(len(block))
    return digest.hexdigest()


def _write_json_atomically(path: Path, data: object) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class ModelStore:
    """The models in `folder` (the app's data folder/models)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.partial_dir = folder / PARTIAL_DIR

    # -- installed models ------------------------------------------------------------

    def _manifest(self) -> dict[str, dict[str, object]]:
        return read_json_object(self.folder / MANIFEST)  # set aside if damaged

    @contextmanager
    def _manifest_lock(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.folder / ".installed.lock"), timeout=30):
            yield

    def installed(self) -> list[InstalledModel]:
        """List the verified models whose files are still whole on disk."""
        models = []
        embedded = default_model.default_model_path(self.folder.parent)
        if default_model.is_ready(self.folder.parent):
            models.append(InstalledModel(
                name=embedded.name, size=embedded.stat().st_size,
                sha256=default_model.embedded.EXPECTED_SHA256, source="embedded"))
        for name, raw in sorted(self._manifest().items(), key=lambda item: item[0].casefold()):
            try:
                model = InstalledModel(**{**raw, "name": name})  # type: ignore[arg-type]
                path = self.path_of(model)
                if path.is_file() and path.stat().st_size == model.size:
                    models.append(model)
            except (TypeError, OSError, DownloadError):
                continue  # a hand-edited or stale entry is not a model
        return models

    def path_of(self, model: InstalledModel) -> Path:
        return path_inside(self.folder, model.name)

    def find(self, key: str) -> InstalledModel | None:
        """Find an installed model by file name, with or without .gguf (case-insensitive)."""
        key = key.casefold()
        for model in self.installed():
            if key in (model.name.casefold(), model.name.casefold().removesuffix(".gguf")):
                return model
        return None

    def find_by_sha256(self, sha256: str) -> InstalledModel | None:
        return next((model for model in self.installed() if model.sha256 == sha256), None)

    def install(self, source: Path, model: InstalledModel) -> InstalledModel:
        """Move verified bytes at `source` into the folder and list them as `model`."""
        target = path_inside(self.folder, model.name)
        with self._manifest_lock():
            os.replace(source, target)
            manifest = self._manifest()
            entry = asdict(model)
            del entry["name"]
            manifest[model.name] = entry
            _write_json_atomically(self.folder / MANIFEST, manifest)
        return model

    def free_name(self, name: str, hub_file: tuple[str, str] | None = None) -> str:
        """Return `name`, or name-2.gguf, name-3.gguf… if a different model has it.

        A partial download holds its name too, unless it is of `hub_file` (repository,
        path): that download resumes under it. Another file never takes its name, which
        would throw the paused download's bytes away.
        """
        taken = {model.name.casefold() for model in self.installed()}
        paused = {partial.name.casefold(): (partial.repo, partial.hub_file)
                  for partial in self.partials()}

        def free(candidate: str) -> bool:
            if candidate.casefold() in taken or (self.folder / candidate).exists():
                return False
            owner = paused.get(candidate.casefold())
            return owner is None or owner == hub_file

        stem = name.removesuffix(".gguf")
        candidate, number = name, 1
        while not free(candidate):
            number += 1
            candidate = f"{stem}-{number}.gguf"
        return candidate

    def remove(self, model: InstalledModel) -> None:
        """Delete an installed model; the embedded one cannot be removed."""
        if model.source == "embedded":
            raise DownloadError(said("Downloads", "The embedded model ships with the app and "
                                                  "cannot be removed."))
        with self._manifest_lock():
            manifest = self._manifest()
            manifest.pop(model.name, None)
            _write_json_atomically(self.folder / MANIFEST, manifest)
            self.path_of(model).unlink(missing_ok=True)

    def import_file(self, source: Path,
                    on_progress: Callable[[int, int], None] | None = None) -> InstalledModel:
        """Copy a local .gguf into the folder after checking that it is a whole GGUF model."""
        check_model_file(source)  # raises ModelFileError with a message for the writer
        name = self.free_name(safe_model_name(source.name))
        total = source.stat().st_size
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        staging = self.partial_dir / (name + ".import")
        digest = hashlib.sha256()
        copied = 0
        try:
            with source.open("rb") as reader, staging.open("wb") as writer:
                for block in iter(lambda: reader.read(COPY_BLOCK), b""):
                    writer.write(block)
                    digest.update(block)
                    copied += len(block)
                    if on_progress:
                        on_progress(copied, total)
                writer.flush()
                os.fsync(writer.fileno())
            check_model_file(staging)
        except (OSError, ModelFileError):
            staging.unlink(missing_ok=True)
            raise
        model = InstalledModel(name=name, size=copied, sha256=digest.hexdigest(), source="import")
        return self.install(staging, model)

    # -- partial downloads -----------------------------------------------------------

    def partial_path(self, name: str) -> Path:
        return path_inside(self.partial_dir, name + ".part")

    def _record_path(self, name: str) -> Path:
        return path_inside(self.partial_dir, name + ".json")

    def read_partial(self, name: str) -> PartialDownload | None:
        try:
            raw = json.loads(self._record_path(name).read_text(encoding="utf-8"))
            part = self.partial_path(name)
            have = part.stat().st_size if part.exists() else 0
            return PartialDownload(**{**raw, "name": name, "have": have})
        except (OSError, ValueError, TypeError):
            return None

    def write_partial(self, record: PartialDownload) -> None:
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        data = asdict(record)
        del data["name"], data["have"]
        _write_json_atomically(self._record_path(record.name), data)

    def partials(self) -> list[PartialDownload]:
        """List the downloads that stopped before the end, to resume or discard."""
        if not self.partial_dir.is_dir():
            return []
        records = (self.read_partial(path.name.removesuffix(".json"))
                   for path in sorted(self.partial_dir.glob("*.gguf.json")))
        return [record for record in records if record is not None]

    def discard_partial(self, name: str) -> None:
        for path in (self.partial_path(name), self._record_path(name)):
            path.unlink(missing_ok=True)

    @contextmanager
    def download_lock(self, name: str) -> Iterator[None]:
        """Hold the right to append to one partial file; another process gets an error."""
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.partial_dir / (name + ".lock")), timeout=0)
        try:
            lock.acquire()
        except Timeout as exc:
            raise DownloadError(said("Downloads", "“{name}” is already being downloaded by "
                                                  "another Local Writer window or "
                                                  "command.").format(name=name)) from exc
        try:
            yield
        finally:
            lock.release()


def disk_free(folder: Path) -> int:
    """Return the free bytes on the disk that holds `folder`."""
    probe = folder
    while not probe.exists():
        probe = probe.parent
    return shutil.disk_usage(probe).free
