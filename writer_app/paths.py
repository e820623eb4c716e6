"""Where the app keeps its settings and data, without Qt.

The folders are the ones Qt's QStandardPaths gives for organization "LocalWriter" and
application "Local Writer" (AppConfigLocation, AppDataLocation and CacheLocation),
computed by the same rules so that the command line finds them where only the engine's
libraries exist.
`tests/test_paths.py` checks them against QStandardPaths on the machine that runs it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ORGANIZATION = "LocalWriter"
APP_NAME = "Local Writer"
# Points settings and data at one folder: for tests, and portable installs.
HOME_ENV = "LOCAL_WRITER_HOME"


@dataclass(frozen=True)
class AppPaths:
    """Where the app keeps its settings and data, resolved once at start."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path  # what can be made again: the bench's models of random weights

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def api_keys_file(self) -> Path:
        """Where API keys go where no system keychain exists (private to the writer)."""
        return self.config_dir / "api-keys.json"

    @property
    def recovery_dir(self) -> Path:
        return self.data_dir / "recovery"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def templates_dir(self) -> Path:
        """The writer's own prompt templates."""
        return self.config_dir / "templates"


def app_paths() -> AppPaths:
    """Resolve the folders for settings and data, as the platform expects them."""
    home = os.environ.get(HOME_ENV)
    if home:
        return AppPaths(config_dir=Path(home) / "config", data_dir=Path(home) / "data",
                        cache_dir=Path(home) / "cache")
    tail = Path(ORGANIZATION) / APP_NAME
    return AppPaths(config_dir=_config_root() / tail, data_dir=_data_root() / tail,
                    cache_dir=_cache_root(tail))


def _config_root() -> Path:
    if sys.platform == "win32":
        return _windows_folder("LOCALAPPDATA", "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences"
    return _xdg("XDG_CONFIG_HOME", Path.home() / ".config")


def _data_root() -> Path:
    if sys.platform == "win32":
        return _windows_folder("APPDATA", "Roaming")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    return _xdg("XDG_DATA_HOME", Path.home() / ".local" / "share")


def _cache_root(tail: Path) -> Path:
    if sys.platform == "win32":
        return _windows_folder("LOCALAPPDATA", "Local") / tail / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / tail
    return _xdg("XDG_CACHE_HOME", Path.home() / ".cache") / tail


def _xdg(variable: str, default: Path) -> Path:
    # The XDG specification ignores a relative path, and so does Qt.
    value = os.environ.get(variable, "")
    return Path(value) if value and Path(value).is_absolute() else default


def _windows_folder(variable: str, name: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if value else Path.home() / "AppData" / name
