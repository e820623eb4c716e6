"""Find the files in resources/, from a checkout, an installed wheel or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the folder that holds icons, screenshots and other shipped files."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "bundled_resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Local Writer's resources folder is missing; reinstall the app.")


def resource_path(*parts: str) -> Path:
    """Return the path of one shipped file, such as ("icons", "local-writer.svg")."""
    return resources_dir().joinpath(*parts)
