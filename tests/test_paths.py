"""The Qt-free folders are the ones Qt's QStandardPaths gives the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths

from writer_app.paths import APP_NAME, HOME_ENV, ORGANIZATION, app_paths


def _qt_folders() -> tuple[Path, Path, Path]:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.StandardLocation
    return (Path(QStandardPaths.writableLocation(location.AppConfigLocation)),
            Path(QStandardPaths.writableLocation(location.AppDataLocation)),
            Path(QStandardPaths.writableLocation(location.CacheLocation)))


@pytest.mark.parametrize("xdg", [False, True])
def test_the_folders_are_qts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                             xdg: bool) -> None:
    monkeypatch.delenv(HOME_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "writer"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg:
            monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
        else:
            monkeypatch.delenv(variable, raising=False)
    paths = app_paths()
    assert (paths.config_dir, paths.data_dir, paths.cache_dir) == _qt_folders()
    assert str(tmp_path) in str(paths.config_dir)


def test_one_home_for_tests_and_portable_installs(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    paths = app_paths()
    assert paths.settings_file == tmp_path / "config" / "settings.json"
    assert paths.recovery_dir == tmp_path / "data" / "recovery"
    assert paths.templates_dir == tmp_path / "config" / "templates"
