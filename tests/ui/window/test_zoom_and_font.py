"""View → Zoom In / Out / Actual Size and the writing font, in the real window: the text
gets bigger and smaller with the keys writers know, and the choice is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from pytestqt.qtbot import QtBot

from writer_app.app import app_paths
from writer_app.core.settings import load_settings
from writer_app.ui.preferences.preferences_dialog import PreferencesDialog
from writer_app.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_zoom_keys_change_the_text_size_and_it_is_kept(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    def points() -> float:
        return window.editor.font().pointSizeF()

    assert points() == 13
    line = window.editor.fontMetrics().height()
    qtbot.keyClick(window.editor, Qt.Key.Key_Equal, CTRL)
    assert points() == 14
    assert window.editor.fontMetrics().height() > line
    assert window.status.currentMessage() == "Text size: 14 pt"
    for _ in range(3):
        qtbot.keyClick(window.editor, Qt.Key.Key_Minus, CTRL)
    assert points() == 11
    assert load_settings(app_paths().settings_file).text_points == 11
    qtbot.keyClick(window.editor, Qt.Key.Key_0, CTRL)
    assert points() == 13
    for _ in range(40):
        window.zoom(1)
    assert points() == 40  # no bigger than the range


def test_preferences_choose_the_writing_font(qtbot: QtBot, window: MainWindow) -> None:
    family = QFontDatabase.families()[0]
    dialog = PreferencesDialog(window.settings, window.api_keys, window)
    qtbot.addWidget(dialog)
    dialog.font_family.setCurrentIndex(dialog.font_family.findData(family))
    dialog.text_points.setValue(16)
    window.apply_preferences(dialog)
    assert window.editor.font().families()[0] == family
    assert window.editor.font().pointSizeF() == 16
    assert len(window.editor.font().families()) > 1  # the shipped fonts behind it
    saved = load_settings(app_paths().settings_file)
    assert (saved.writing_font, saved.text_points) == (family, 16)
