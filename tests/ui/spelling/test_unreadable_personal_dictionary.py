"""A personal dictionary the app cannot read (not UTF-8, say) is named in a message when
the window opens, and adding a word says again that the list is not saved."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import answer_dialogs
from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths
from writer_app.core.settings import Settings
from writer_app.ui.window.main_window import MainWindow

LATIN_1 = "Clémence\nZoë\n".encode("latin-1")


def test_the_writer_is_told_and_the_list_is_left_alone(qtbot: QtBot,
                                                       writer_home: Path) -> None:
    personal = writer_home / "config" / "personal-dictionary.txt"
    personal.write_bytes(LATIN_1)
    window = MainWindow(Settings(suggestions_enabled=False), app_paths(),
                        FakeBridge())  # type: ignore[arg-type]
    answer_dialogs(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "could not be read" in window.last_notice)
    assert str(personal) in window.last_notice
    assert "not UTF-8" in window.last_notice
    window.last_notice = ""
    window.spelling.add_word("Quellbrook")
    assert "could not be read" in window.last_notice
    assert personal.read_bytes() == LATIN_1
