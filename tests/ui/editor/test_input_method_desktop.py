"""A real desktop's input methods: where their candidate window opens (the cursor
rectangle the editor reports, in every view), the keys they take (and the keys the app
offers instead), and fcitx5, reached through its IBus frontend where the Qt we ship has
no fcitx plugin. tests/manual/real_input_methods.py checks the same with a real IBus
and fcitx5 under Xvfb."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.editor.test_input_methods import compose
from tests.ui.fakes import FakeBridge
from writer_app.app import input_method_environment, reach_fcitx_through_ibus
from writer_app.core.prompt_templates import load_library
from writer_app.resources import resource_path
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text
from writer_app.ui.editor.key_router import TAKEN_BY_INPUT_METHODS
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

# --- where the candidate window opens -----------------------------------------------
# An input method opens its candidate window at the cursor rectangle Qt gives it, which
# Qt takes to be in the editor's coordinates. The text is drawn in the viewport, which the
# centred column's margins move right and down.

Query = Qt.InputMethodQuery
BOOK = "\n".join(f"第{n}段。老灯塔守护人爬上台阶，看见了海。" for n in range(80))
VIEWS = {"centred column": (1200, 800), "wide window": (2400, 900), "focus mode": (1200, 800)}


def told_to_the_input_method(window: MainWindow, query: Query) -> QRect:
    """Return the rectangle Qt hands the input method for `query`, on the screen."""
    method = QGuiApplication.inputMethod()
    rectangle = {Query.ImCursorRectangle: method.cursorRectangle,
                 Query.ImAnchorRectangle: method.anchorRectangle,
                 Query.ImInputItemClipRectangle: method.inputItemClipRectangle}[query]()
    # QInputMethod answers in the window's coordinates.
    return rectangle.toRect().translated(window.mapToGlobal(QPoint(0, 0)))


def on_screen(editor: GhostTextEdit, rectangle: QRect) -> QRect:
    """Return a rectangle of the viewport (where the text is drawn) on the screen."""
    return QRect(editor.viewport().mapToGlobal(rectangle.topLeft()), rectangle.size())


def assert_same_place(told: QRect, drawn: QRect) -> None:
    # Qt rounds the fractional x of a cursor rectangle: a pixel apart is the same place.
    assert max(abs(told.x() - drawn.x()), abs(told.y() - drawn.y()),
               abs(told.width() - drawn.width()),
               abs(told.height() - drawn.height())) <= 1, (told, drawn)


def deep_in_a_book(qtbot: QtBot, window: MainWindow, view: str) -> None:
    editor = window.editor
    window.resize(*VIEWS[view])
    if view == "focus mode":
        window.focus.enter()
        qtbot.waitUntil(window.isFullScreen)
    editor.setPlainText(BOOK)
    cursor = editor.textCursor()
    cursor.setPosition(BOOK.index("第60段") + 5)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    qtbot.waitUntil(lambda: editor.verticalScrollBar().value() > 0)
    assert editor.viewportMargins().left() > 0  # the column is centred


@pytest.mark.parametrize("view", VIEWS)
def test_the_candidate_window_opens_at_the_cursor(qtbot: QtBot, window: MainWindow,
                                                 view: str) -> None:
    editor = window.editor
    deep_in_a_book(qtbot, window, view)
    if view == "focus mode":  # typewriter scrolling: the line being written is centred
        qtbot.waitUntil(lambda: abs(editor.cursorRect().center().y()
                                    - editor.viewport().height() // 2) < 40)
    assert_same_place(told_to_the_input_method(window, Query.ImCursorRectangle),
                      on_screen(editor, editor.cursorRect()))
    before = editor.cursorRect()
    for preedit in ("z", "zh", "zhong"):
        compose(window, preedit)
        assert editor.cursorRect().x() > before.x()  # the cursor at the composition's end
        assert_same_place(told_to_the_input_method(window, Query.ImCursorRectangle),
                          on_screen(editor, editor.cursorRect()))
    compose(window, "", commit="中")
    # A selection made backwards: the anchor is where it began.
    cursor = editor.textCursor()
    anchor = cursor.position()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock,
                        QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    at_anchor = QTextCursor(editor.document())
    at_anchor.setPosition(anchor)
    assert_same_place(told_to_the_input_method(window, Query.ImAnchorRectangle),
                      on_screen(editor, editor.cursorRect(at_anchor)))
    assert_same_place(told_to_the_input_method(window, Query.ImCursorRectangle),
                      on_screen(editor, editor.cursorRect()))
    # What the input method may cover without hiding the text is the viewport.
    viewport = editor.viewport()
    assert told_to_the_input_method(window, Query.ImInputItemClipRectangle) == QRect(
        viewport.mapToGlobal(QPoint(0, 0)), viewport.size())


def test_the_input_method_hears_when_the_column_or_the_text_moves(
        qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor
    deep_in_a_book(qtbot, window, "centred column")
    method = QGuiApplication.inputMethod()
    compose(window, "zhong")
    with qtbot.waitSignal(method.cursorRectangleChanged):
        window.resize(1600, 800)  # the column moves right
    assert_same_place(told_to_the_input_method(window, Query.ImCursorRectangle),
                      on_screen(editor, editor.cursorRect()))
    with qtbot.waitSignal(method.cursorRectangleChanged):
        editor.verticalScrollBar().setValue(editor.verticalScrollBar().value() - 3)
    assert_same_place(told_to_the_input_method(window, Query.ImCursorRectangle),
                      on_screen(editor, editor.cursorRect()))


# --- keys that input methods take ----------------------------------------------------


def test_shift_esc_stops_a_task_and_keeps_what_was_written(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，他看见了海。"
    window.editor.setPlainText(text)
    library = load_library(resource_path("templates"))
    for focus in (window.editor, window.status):  # the editor's key, then the menu's
        cursor = window.editor.textCursor()
        cursor.setPosition(0)
        cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
        window.editor.setTextCursor(cursor)
        assert window.tasks.run(library.templates["rewrite-shorten"])
        fake_bridge.stream("守灯人", finish=False)
        focus.setFocus()
        qtbot.keyClick(focus, Qt.Key.Key_Escape, Qt.KeyboardModifier.ShiftModifier)
        assert fake_bridge.cancelled[-1] == fake_bridge.requests[-1].id
        assert window.tasks.state is TaskState.READY
        assert window.editor.proposal_text() == "守灯人"
        assert document_text(window.editor) == text
        window.tasks.reject()


def test_the_stop_and_suggest_keys_include_one_no_input_method_takes(
        window: MainWindow) -> None:
    stop = [key.toString() for key in window.tasks_menu.stop_action.shortcuts()]
    suggest = [key.toString() for key in window.suggestion_menu.suggest_action.shortcuts()]
    assert stop == ["Shift+Esc", "Ctrl+."]  # Ctrl+. as well, for writers without one
    assert suggest == ["Ctrl+Space", "Ctrl+Shift+Space"]
    for keys in (stop, suggest):
        assert keys[0] not in TAKEN_BY_INPUT_METHODS or keys[1] not in TAKEN_BY_INPUT_METHODS
    assert "Shift+Esc" not in TAKEN_BY_INPUT_METHODS
    assert "Ctrl+Shift+Space" not in TAKEN_BY_INPUT_METHODS
    assert {"Ctrl+Space", "Ctrl+."} <= set(TAKEN_BY_INPUT_METHODS)


# --- fcitx5 -------------------------------------------------------------------------
# The usual fcitx5 set-up asks Qt for its "fcitx" plugin, which the Qt we ship lacks: Qt
# then falls back to compose, and the writer types Latin letters, no Chinese at all.


def shipped_plugins(folder: Path, *names: str) -> Path:
    folder.mkdir()
    for name in names:
        (folder / f"lib{name}platforminputcontextplugin.so").touch()
    return folder


@pytest.mark.parametrize(("asked", "then"), [
    ({"QT_IM_MODULE": "fcitx"}, {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}),
    ({"QT_IM_MODULE": "fcitx5"}, {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}),
    ({"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "wayland;fcitx;ibus"},  # fcitx5 5.1
     {"QT_IM_MODULE": "ibus", "QT_IM_MODULES": "wayland;ibus", "IBUS_USE_PORTAL": "1"}),
])
def test_fcitx_is_reached_through_its_ibus_frontend(tmp_path: Path, asked: dict[str, str],
                                                   then: dict[str, str]) -> None:
    plugins = shipped_plugins(tmp_path / "platforminputcontexts", "compose", "ibus")
    environ = dict(asked)
    assert reach_fcitx_through_ibus(environ, plugins)
    assert environ == then


def test_the_writers_own_values_come_back_once_qt_has_read_them(tmp_path: Path) -> None:
    # The engine process and programs the app opens inherit the environment: a Qt 5
    # program with a real fcitx plugin must still be asked for fcitx.
    plugins = shipped_plugins(tmp_path / "platforminputcontexts", "compose", "ibus")
    environ = {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "wayland;fcitx", "LANG": "zh_CN"}
    with input_method_environment(environ, plugins) as changed:
        assert changed
        assert environ["QT_IM_MODULE"] == "ibus"
        assert environ["IBUS_USE_PORTAL"] == "1"
    assert environ == {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "wayland;fcitx",
                       "LANG": "zh_CN"}


@pytest.mark.parametrize(("asked", "shipped"), [
    ({"QT_IM_MODULE": "ibus"}, ("compose", "ibus")),
    ({}, ("compose", "ibus")),
    ({"QT_IM_MODULE": "fcitx"}, ("compose", "ibus", "fcitx5")),  # built for our Qt
    ({"QT_IM_MODULE": "fcitx"}, ("compose",)),
])
def test_other_set_ups_are_left_alone(tmp_path: Path, asked: dict[str, str],
                                      shipped: tuple[str, ...]) -> None:
    plugins = shipped_plugins(tmp_path / "platforminputcontexts", *shipped)
    environ = dict(asked)
    assert not reach_fcitx_through_ibus(environ, plugins)
    assert environ == asked


def test_the_qt_we_ship_can_reach_ibus() -> None:
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    assert list((plugins / "platforminputcontexts").glob("*ibus*"))
