"""Turn a file name from the Hub into one that stays inside the models folder."""

from __future__ import annotations

from pathlib import Path

from writer_app.core.errors import UnsafeFileNameError
from writer_app.core.said import said

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}
_MAX_NAME_BYTES = 200


def safe_model_name(hub_path: str) -> str:
    """Return the plain .gguf file name of `hub_path` (a repository may use sub-folders).

    Raise UnsafeFileNameError for names that are hidden, not GGUF, carry control or
    drive characters, or are reserved on Windows: such a name is refused, never repaired
    into something that could collide with the writer's own files.
    """
    parts = hub_path.replace("\\", "/").split("/")
    name = parts[-1]
    stem = name.split(".")[0].lower()
    if (".." in parts or not name or name.startswith(".") or not name.lower().endswith(".gguf")
            or any(ord(char) < 32 or char in ':*?"<>|' for char in name)
            or stem in _WINDOWS_RESERVED or len(name.encode("utf-8")) > _MAX_NAME_BYTES):
        raise UnsafeFileNameError(said(
            "Downloads", "The Hub offers the file “{file}”, whose name is not a safe model "
            "file name; it was not downloaded.").format(file=hub_path[:120]))
    return name


def path_inside(folder: Path, name: str) -> Path:
    """Return folder/name, refusing any result outside `folder`."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise UnsafeFileNameError(said("Downloads", "“{name}” would be written outside the "
                                                    "models folder.").format(name=name))
    return target
