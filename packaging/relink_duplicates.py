"""Turn identical copies of a shared library in one folder back into symbolic links.

PyInstaller copies `libllama.so -> libllama.so.0 -> libllama.so.0.5.0` as three files;
llama.cpp's libraries would take three times their size in every Linux and macOS
artefact. Usage: python relink_duplicates.py FOLDER
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from pathlib import Path


def relink(folder: Path) -> int:
    """Replace each duplicate library by a link to its longest-named twin; return bytes saved."""
    saved = 0
    for directory in {p.parent for p in folder.rglob("*.so*")} | {
            p.parent for p in folder.rglob("*.dylib")}:
        groups: dict[str, list[Path]] = defaultdict(list)
        for path in directory.iterdir():
            if path.is_file() and not path.is_symlink() and (
                    ".so" in path.name or path.suffix == ".dylib"):
                groups[hashlib.sha256(path.read_bytes()).hexdigest()].append(path)
        for twins in groups.values():
            if len(twins) < 2:
                continue
            real = max(twins, key=lambda p: len(p.name))  # libx.so.0.5.0
            for twin in twins:
                if twin != real:
                    saved += twin.stat().st_size
                    twin.unlink()
                    twin.symlink_to(real.name)
    return saved


if __name__ == "__main__":
    print(f"relinked duplicate libraries: {relink(Path(sys.argv[1])) / 1e6:.1f} MB saved")
