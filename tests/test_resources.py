from __future__ import annotations

from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from writer_app.resources import resource_path


def test_the_app_icon_is_found_and_renders(qtbot: QtBot) -> None:
    path = resource_path("icons", "local-writer.svg")
    assert path.is_file()
    icon = QIcon(str(path))
    assert not icon.pixmap(64, 64).isNull()
