"""The window stays where the writer put it: half of a 1,366-px laptop screen (683 px) is
wide enough with a task running, and a task never widens the window (Shorten took an
800-px window to 1,270 px, and it never shrank back)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.engine.protocol import Loaded
from writer_app.ui.window.main_window import MainWindow

HALF_A_LAPTOP = 683
TEXT = ("The meeting, which had been scheduled for three o'clock in the afternoon, was "
        "postponed until the next morning because many people could not come.")


def fully_inside(widget: QWidget, window: MainWindow) -> bool:
    left = widget.mapTo(window, QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= window.width()


@pytest.mark.parametrize("task", ["Shorten", "Rewrite with an Instruction…", "Translate…",
                                  "Summarize in One Sentence", "Continue Writing"])
def test_a_task_fits_half_a_laptop_screen_and_never_widens_the_window(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, task: str) -> None:
    # A base model, so the notice about instruction models shows too.
    fake_bridge.loaded = Loaded("Gemma 3 270m (a long model name, Q4_K_M)", "/m.gguf", "CPU",
                                2048, False, 1.0)
    window.tasks._ask = lambda _variable, _name: "in the voice of a weary harbourmaster"  # type: ignore[method-assign]
    window.resize(HALF_A_LAPTOP, 600)
    qtbot.waitUntil(lambda: window.width() == HALF_A_LAPTOP)
    assert window.minimumSizeHint().width() <= HALF_A_LAPTOP
    window.editor.setPlainText(TEXT)
    window.editor.selectAll()
    if task == "Continue Writing":
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named(task)
    assert template is not None
    window.tasks_menu.run(template)
    fake_bridge.stream(" The meeting moved to the morning.", finish=False)
    for state in ("writing", "ready"):
        qtbot.wait(50)  # layouts settle
        assert window.width() == HALF_A_LAPTOP, state
        assert window.minimumSizeHint().width() <= HALF_A_LAPTOP, state
        for button in (window.task_status.stop_button, window.task_status.accept_button,
                       window.task_status.reject_button, window.task_status.retry_button):
            if button.isVisible():
                assert fully_inside(button, window), (state, button.text())
        fake_bridge.finish(fake_bridge.requests[-1].id)
    window.tasks.reject()
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)


def test_at_rest_the_window_goes_narrower_than_half_a_laptop_screen(
        qtbot: QtBot, window: MainWindow) -> None:
    window.status.show_model("Gemma 3 270m (a long model name, Q4_K_M)", "CPU")
    window.editor.setPlainText(TEXT * 20)
    assert window.minimumSizeHint().width() <= 480
    window.resize(480, 500)
    qtbot.waitUntil(lambda: window.width() == 480)
