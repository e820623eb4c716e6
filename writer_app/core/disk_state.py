"""Notice when another program changes or removes a file the writer has open."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DiskState:
    """What identifies one version of a file on disk, without reading it.

    The inode catches an editor that replaces the file by renaming a new one over it
    within the clock's resolution; size and modification time catch writes in place.
    """

    mtime_ns: int
    size: int
    inode: int


def disk_state(path: Path) -> DiskState | None:
    """Return the file's state, or None when there is no file at `path`."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return DiskState(stat.st_mtime_ns, stat.st_size, stat.st_ino)
