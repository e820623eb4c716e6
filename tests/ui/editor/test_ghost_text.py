"""Ghost text behaviour in the real editor, driven by a fake engine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def type_text(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClicks(window.editor, text)


def ask(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)


def cancelled_suggestions(fake_bridge: FakeBridge) -> list[int]:
    """The suggestion requests cancelled (reads of the text as it is typed aside)."""
    asked = {request.id for request in fake_bridge.requests}
    return [request_id for request_id in fake_bridge.cancelled if request_id in asked]


def place_cursor(window: MainWindow, position: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    window.editor.setTextCursor(cursor)


def test_ghost_text_is_painted_not_inserted(qtbot: QtBot, window: MainWindow,
                                            fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    window.editor.document().setModified(False)
    undo_before = window.editor.document().availableUndoSteps()
    ask(qtbot, window)
    fake_bridge.stream(" sat", " on the", " mat.")
    assert window.editor.ghost_text() == " sat on the mat."
    assert document_text(window.editor) == "The cat"
    assert window.editor.toPlainText() == "The cat"
    assert not window.editor.document().isModified()
    assert window.editor.document().availableUndoSteps() == undo_before
    assert window.editor.textCursor().position() == 7


def test_ghost_text_is_laid_out_inline_after_the_cursor(qtbot: QtBot, window: MainWindow,
                                                         fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    cursor_rect = window.editor.cursorRect()
    ask(qtbot, window)
    fake_bridge.stream(" sat on the mat.")
    layout = window.editor.document().firstBlock().layout()
    assert layout.preeditAreaText() == " sat on the mat."
    assert layout.preeditAreaPosition() == 7
    assert window.editor.cursorRect() == cursor_rect


def test_tab_accepts_all_as_one_undo_step(qtbot: QtBot, window: MainWindow,
                                          fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat on the mat.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == "The cat sat on the mat."
    assert window.editor.ghost_text() == ""
    assert window.editor.textCursor().position() == len("The cat sat on the mat.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert document_text(window.editor) == "The cat"


def test_tab_accepts_while_still_streaming_and_stops_the_generation(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    request_id = fake_bridge.stream(" sat on", finish=False)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    fake_bridge.piece(request_id, " the mat.")
    assert document_text(window.editor) == "The cat sat on"
    assert fake_bridge.cancelled == [request_id]
    assert window.editor.ghost_text() == ""


def test_ctrl_right_accepts_word_by_word(qtbot: QtBot, window: MainWindow,
                                         fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat on the mat.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert document_text(window.editor) == "The cat sat"
    assert window.editor.ghost_text() == " on the mat."
    for _ in range(3):
        qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert document_text(window.editor) == "The cat sat on the mat."
    assert window.editor.ghost_text() == ""
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert document_text(window.editor) == "The cat sat on the"


def test_ctrl_right_mid_word_adds_no_space(qtbot: QtBot, window: MainWindow,
                                           fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The quick bro")
    ask(qtbot, window)
    fake_bridge.stream("wn fox jumps.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert document_text(window.editor) == "The quick brown"


def test_ctrl_right_before_punctuation_keeps_it(qtbot: QtBot, window: MainWindow,
                                                fake_bridge: FakeBridge) -> None:
    window.editor.setPlainText("I saw the, and left.")
    place_cursor(window, len("I saw the"))
    ask(qtbot, window)
    fake_bridge.stream(" old dog, and then")
    assert window.editor.ghost_text() == " old dog"
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert document_text(window.editor) == "I saw the old dog, and left."


def test_accepting_a_word_keeps_its_punctuation(qtbot: QtBot, window: MainWindow,
                                                fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat sat on the")
    ask(qtbot, window)
    fake_bridge.stream(" mat. Then it slept.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert document_text(window.editor) == "The cat sat on the mat."


def test_escape_dismisses_and_cancels(qtbot: QtBot, window: MainWindow,
                                      fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    request_id = fake_bridge.stream(" sat on", finish=False)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert window.editor.ghost_text() == ""
    assert document_text(window.editor) == "The cat"
    assert fake_bridge.cancelled == [request_id]


def test_typing_through_keeps_the_rest_without_a_new_request(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 30
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat on the mat.")
    requests = len(fake_bridge.requests)
    type_text(qtbot, window, " sat o")
    assert document_text(window.editor) == "The cat sat o"
    assert window.editor.ghost_text() == "n the mat."
    # Typing through is not a pause: none is even being timed, so none can ask.
    assert not window.suggestions.pause_pending()
    assert len(fake_bridge.requests) == requests
    assert cancelled_suggestions(fake_bridge) == []


def test_typing_something_else_dismisses_and_asks_again_after_a_pause(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 30
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    first = fake_bridge.stream(" sat on", finish=False)
    type_text(qtbot, window, " r")
    assert window.editor.ghost_text() == ""
    assert cancelled_suggestions(fake_bridge) == [first]
    assert document_text(window.editor) == "The cat r"
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 2)
    assert fake_bridge.requests[-1].prompt == "The cat r"


def test_a_late_piece_never_reaches_the_screen(qtbot: QtBot, window: MainWindow,
                                               fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    stale = fake_bridge.stream(" sat", finish=False)
    qtbot.keyClick(window.editor, Qt.Key.Key_X)
    fake_bridge.piece(stale, " on the mat.")
    fake_bridge.finish(stale)
    assert window.editor.ghost_text() == ""
    assert document_text(window.editor) == "The catx"


def test_moving_the_cursor_dismisses(qtbot: QtBot, window: MainWindow,
                                     fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Left)
    assert window.editor.ghost_text() == ""
    assert window.editor.textCursor().position() == 6


def test_pause_asks_for_a_suggestion(qtbot: QtBot, window: MainWindow,
                                     fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 40
    type_text(qtbot, window, "It was a dark and stormy")
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 1)
    request = fake_bridge.requests[0]
    assert request.prompt == "It was a dark and stormy"
    assert request.stop_rule is not None
    assert request.stop_rule.length == "sentence"
    assert request.suffix is None  # the model has no fill-in-the-middle


def test_no_request_inside_a_word_or_without_words(qtbot: QtBot, window: MainWindow,
                                                   fake_bridge: FakeBridge) -> None:
    window.editor.setPlainText("hello")
    place_cursor(window, 2)
    ask(qtbot, window)
    window.editor.setPlainText("   ")
    ask(qtbot, window)
    assert fake_bridge.requests == []


def test_whitespace_or_punctuation_is_never_shown(qtbot: QtBot, window: MainWindow,
                                                  fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The end")
    ask(qtbot, window)
    fake_bridge.stream("...", " ", "\n")
    assert window.editor.ghost_text() == ""
    assert window.suggestions.suggestion is None


def test_tab_without_a_suggestion_types_a_tab(qtbot: QtBot, window: MainWindow) -> None:
    type_text(qtbot, window, "a")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == "a\t"


def test_save_never_writes_ghost_text(qtbot: QtBot, window: MainWindow,
                                      fake_bridge: FakeBridge, tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    window.documents.start_new_file_at(path)
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat on the mat.")
    assert window.documents.save()
    assert path.read_text() == "The cat"
    assert window.editor.ghost_text() == " sat on the mat."


def test_undo_from_the_menu_clears_the_ghost_first(qtbot: QtBot, window: MainWindow,
                                                   fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat.")
    window.editor.undo()
    assert window.editor.ghost_text() == ""
    assert document_text(window.editor) == ""


def test_multiline_ghost_and_accept(qtbot: QtBot, window: MainWindow,
                                    fake_bridge: FakeBridge) -> None:
    window.suggestions.length = window.suggestions.length.PARAGRAPH
    type_text(qtbot, window, "Part one.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    type_text(qtbot, window, "End of part one.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    ask(qtbot, window)
    fake_bridge.stream("\nPart two began at dawn.\n")
    # This document parts its paragraphs with blank lines: the suggestion does too.
    assert window.editor.ghost_text() == "\nPart two began at dawn."
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == (
        "Part one.\n\nEnd of part one.\n\nPart two began at dawn.")


def test_a_ghost_paragraph_in_a_document_of_lines_adds_no_empty_one(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.length = window.suggestions.length.PARAGRAPH
    type_text(qtbot, window, "End of part one.")
    ask(qtbot, window)
    fake_bridge.stream("\n\nPart two began at dawn.\n")
    assert window.editor.ghost_text() == "\nPart two began at dawn."
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == "End of part one.\nPart two began at dawn."


def test_menu_actions_for_ghost_keys_only_work_with_a_suggestion(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    assert not window.suggestion_menu.accept_action.isEnabled()
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat.")
    assert window.suggestion_menu.accept_action.isEnabled()
    window.suggestion_menu.accept_action.trigger()
    assert document_text(window.editor) == "The cat sat."
    assert not window.suggestion_menu.accept_action.isEnabled()
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)


def test_modifier_keys_alone_keep_the_suggestion(qtbot: QtBot, window: MainWindow,
                                                 fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" Sat down.")
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt):
        qtbot.keyPress(window.editor, key)
        qtbot.keyRelease(window.editor, key)
    assert window.editor.ghost_text() == " Sat down."
    qtbot.keyClick(window.editor, Qt.Key.Key_Space)
    qtbot.keyClicks(window.editor, "S", Qt.KeyboardModifier.ShiftModifier)
    assert document_text(window.editor) == "The cat S"
    assert window.editor.ghost_text() == "at down."


def test_escape_in_the_find_bar_closes_it_and_keeps_the_suggestion(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat.")
    window.find_bar.open_bar(with_replace=False)
    qtbot.waitUntil(window.find_bar.find_field.hasFocus)
    qtbot.keyClick(window.find_bar.find_field, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()
    assert window.editor.ghost_text() == " sat."


def test_text_after_the_cursor_goes_to_models_that_fill_in_the_middle(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    from writer_app.engine.protocol import Loaded

    fake_bridge.loaded = Loaded("Tiny", "/m.gguf", "CPU", 512, True, 0.1)
    window.editor.setPlainText("The cat sat. It slept all day.")
    place_cursor(window, len("The cat sat."))
    ask(qtbot, window)
    request = fake_bridge.requests[-1]
    assert request.prompt == "The cat sat."
    assert request.suffix == " It slept all day."


def test_pieces_within_a_frame_are_painted_together(qtbot: QtBot, window: MainWindow,
                                                    fake_bridge: FakeBridge) -> None:
    shown: list[str] = []
    window.suggestions.suggestion_shown.connect(shown.append)
    type_text(qtbot, window, "The cat")
    ask(qtbot, window)
    fake_bridge.stream(" sat", " on", " the", " mat", finish=False)
    assert window.editor.ghost_text() == " sat"  # the first piece at once
    qtbot.waitUntil(lambda: window.editor.ghost_text() == " sat on the mat")
    assert shown == [" sat", " sat on the mat"]  # the rest in one go, a frame later
