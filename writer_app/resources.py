"""Find the files in resources/, from a checkout, an installed wheel or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def _shipped_dir(name: str, bundled: str) -> Path:
    """Find a top-level folder of the checkout, shipped in a wheel as writer_app/`bundled`."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / name)
    here = Path(__file__).resolve().parent
    candidates.append(here / bundled)
    # Beside an installed writer_app is site-packages, where another distribution may have
    # put a folder of the same name: only a checkout's counts.
    if (here.parent / "pyproject.toml").is_file():
        candidates.append(here.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Local Writer's {name} folder is missing; reinstall the app.")


def resources_dir() -> Path:
    """Return the folder that holds icons, templates, translations and other shipped files."""
    return _shipped_dir("resources", "bundled_resources")


def catalogue_path() -> Path:
    """Return the model catalogue shipped with the app (models/catalogue.toml)."""
    return _shipped_dir("models", "bundled_models") / "catalogue.toml"


def resource_path(*parts: str) -> Path:
    """Return the path of one shipped file, such as ("icons", "local-writer.svg")."""
    return resources_dir().joinpath(*parts)
