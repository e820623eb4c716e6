"""Writers who type through an input method: Chinese pinyin, Japanese kana to kanji,
Korean hangul. Real QInputMethodEvents reach the real window with the pause timer
running; after every step the composition on screen is exactly what the input method
sent, the document holds only committed text, and no suggestion is asked for, painted
or accepted until the composition ends."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.editor.test_edit_properties import press
from tests.ui.fakes import FakeBridge
from writer_app.core.prompt_templates import load_library
from writer_app.resources import resource_path
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

PAUSE_MS = 40


def compose(window: MainWindow, preedit: str, commit: str = "") -> None:
    """Send what an input method sends: the composition so far, and any text it commits
    (Korean commits a syllable and goes on composing the next one in one event)."""
    cursor = QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.Cursor,
                                         len(preedit), 1)
    event = QInputMethodEvent(preedit, [cursor])
    if commit:
        event.setCommitString(commit)
    QApplication.sendEvent(window.editor, event)


def composition_on_screen(window: MainWindow) -> tuple[str, int]:
    """Return the preedit text of the cursor's line and where in the line it shows."""
    layout = window.editor.textCursor().block().layout()
    return layout.preeditAreaText(), layout.preeditAreaPosition()


def with_pause_timer(window: MainWindow) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS


def start_with_a_suggestion(qtbot: QtBot, window: MainWindow, bridge: FakeBridge,
                            text: str, suggestion: str) -> None:
    with_pause_timer(window)
    compose(window, "", commit=text)  # written through the input method
    qtbot.waitUntil(lambda: len(bridge.requests) == 1)
    bridge.stream(suggestion)
    assert window.editor.ghost_text() == suggestion


def check_composing(qtbot: QtBot, window: MainWindow, bridge: FakeBridge, committed: str,
                    preedit: str) -> None:
    """The composition is on screen at the cursor, untouched, and nothing is asked."""
    asked, prefilled = len(bridge.requests), len(bridge.prefills)
    # However long the writer takes to choose among candidates, nothing is being timed
    # that could ask: no pause, no prefill.
    assert not window.suggestions.pause_pending()
    assert not window.suggestions.prefill_pending()
    cursor = window.editor.textCursor()
    assert composition_on_screen(window) == (preedit, cursor.positionInBlock())
    assert window.editor.ghost_text() == ""
    assert window.editor.is_composing()
    assert document_text(window.editor) == committed
    assert (len(bridge.requests), len(bridge.prefills)) == (asked, prefilled)


def check_resumes_after_commit(qtbot: QtBot, window: MainWindow, bridge: FakeBridge,
                               committed: str) -> None:
    asked = len(bridge.requests)
    assert composition_on_screen(window)[0] == ""
    assert not window.editor.is_composing()
    assert document_text(window.editor) == committed
    qtbot.waitUntil(lambda: len(bridge.requests) == asked + 1)
    assert bridge.requests[-1].prompt.endswith(committed[-4:])
    bridge.stream("他看见")
    assert window.editor.ghost_text() == "他看见"


def test_chinese_pinyin_composition_is_never_overwritten(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，"
    start_with_a_suggestion(qtbot, window, fake_bridge, text, "他看见")
    first = fake_bridge.requests[-1].id
    for preedit in ("z", "zh", "zhong"):
        compose(window, preedit)
        check_composing(qtbot, window, fake_bridge, text, preedit)
    # The suggestion on screen when composing began was stopped, and a late piece of
    # it never reaches the screen.
    assert first in fake_bridge.cancelled
    fake_bridge.piece(first, "海浪")
    assert composition_on_screen(window)[0] == "zhong"
    compose(window, "", commit="中")
    check_resumes_after_commit(qtbot, window, fake_bridge, text + "中")


def test_japanese_kana_to_kanji_conversion(qtbot: QtBot, window: MainWindow,
                                          fake_bridge: FakeBridge) -> None:
    text = "灯台守の老人は階段を上った。"
    start_with_a_suggestion(qtbot, window, fake_bridge, text, "海が見えた。")
    for preedit in ("k", "か", "かn", "かんj", "かんじ", "漢字"):  # romaji, kana, then kanji
        compose(window, preedit)
        check_composing(qtbot, window, fake_bridge, text, preedit)
    compose(window, "", commit="漢字")
    check_resumes_after_commit(qtbot, window, fake_bridge, text + "漢字")


def test_korean_hangul_composes_inside_each_syllable(qtbot: QtBot, window: MainWindow,
                                                     fake_bridge: FakeBridge) -> None:
    text = "등대지기는 계단을 올라갔다. "
    start_with_a_suggestion(qtbot, window, fake_bridge, text, "바다가 보였다.")
    for preedit in ("ㅎ", "하", "한"):
        compose(window, preedit)
        check_composing(qtbot, window, fake_bridge, text, preedit)
    # The next consonant commits "한" and starts composing the next syllable at once:
    # still composing, so still nothing is asked.
    compose(window, "ㄱ", commit="한")
    check_composing(qtbot, window, fake_bridge, text + "한", "ㄱ")
    for preedit in ("그", "글"):
        compose(window, preedit)
        check_composing(qtbot, window, fake_bridge, text + "한", preedit)
    compose(window, "", commit="글")
    check_resumes_after_commit(qtbot, window, fake_bridge, text + "한글")


def test_a_cancelled_composition_leaves_the_text_and_suggestions_resume(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，"
    start_with_a_suggestion(qtbot, window, fake_bridge, text, "他看见")
    compose(window, "zhong")
    check_composing(qtbot, window, fake_bridge, text, "zhong")
    compose(window, "")  # Esc in the input method: nothing committed
    release(window, Qt.Key.Key_Escape)  # IBus lets the release through
    check_resumes_after_commit(qtbot, window, fake_bridge, text)


def test_ghost_text_keys_do_nothing_to_a_composition(qtbot: QtBot, window: MainWindow,
                                                      fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，"
    start_with_a_suggestion(qtbot, window, fake_bridge, text, "他看见")
    compose(window, "zhong")
    asked = len(fake_bridge.requests)
    for key, modifiers in ((Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)):
        text_of_key = " " if key == Qt.Key.Key_Space else ""
        press(window, key, text_of_key, modifiers)
        assert composition_on_screen(window)[0] == "zhong"
        assert document_text(window.editor) == text
        assert window.editor.ghost_text() == ""
    window.suggestions.accept_all()
    window.suggestions.accept_word()
    window.suggestions.request_now()  # the menu's Suggest Now: not during a composition
    assert document_text(window.editor) == text
    assert composition_on_screen(window)[0] == "zhong"
    assert len(fake_bridge.requests) == asked


def test_a_proposal_makes_way_for_a_composition_and_comes_back(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶。\n"
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(10, cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    library = load_library(resource_path("templates"))
    assert window.tasks.run(library.templates["rewrite-shorten"])
    fake_bridge.stream("守灯人上台阶")
    assert window.editor.proposal_text() == "守灯人上台阶"
    cursor.setPosition(len(text))  # the next line, where the writer goes on
    window.editor.setTextCursor(cursor)
    compose(window, "hai")
    assert composition_on_screen(window)[0] == "hai"
    assert window.editor.proposal_text() == ""
    press(window, Qt.Key.Key_Return, "\r")  # an input method that lets Enter through
    assert document_text(window.editor).startswith(text[:10])
    compose(window, "", commit="海")
    assert document_text(window.editor).endswith("海")
    assert window.editor.proposal_text() == "守灯人上台阶"
    window.tasks.accept()
    assert document_text(window.editor).startswith("守灯人上台阶。")


# --- an input method that keeps its input out of sight ------------------------------
# ibus-libpinyin, given Tab in the middle of "zhong", hides its composition but keeps it:
# Qt gets an empty composition and nothing committed, and every key after that goes to
# the input method (Tab, space, letters) until the writer presses Esc or commits. Esc
# itself never reaches the app; its release does.


def release(window: MainWindow, key: Qt.Key) -> None:
    """Send only a key's release: what an input method lets through after it used the
    key's press (IBus after Esc cancels a composition)."""
    QApplication.sendEvent(window.editor, QKeyEvent(QEvent.Type.KeyRelease, key,
                                                    Qt.KeyboardModifier.NoModifier))


def check_nothing_offered(window: MainWindow, bridge: FakeBridge, text: str) -> None:
    asked = len(bridge.requests)
    assert not window.suggestions.pause_pending()
    assert not window.suggestions.prefill_pending()
    assert window.suggestions.request_now() is None  # Suggest Now from the menu too
    press(window, Qt.Key.Key_Space, " ", Qt.KeyboardModifier.ControlModifier)
    assert len(bridge.requests) == asked
    assert window.editor.ghost_text() == ""
    assert window.editor.input_method_busy()
    assert document_text(window.editor) == text


def test_no_suggestion_while_the_input_method_keeps_a_hidden_composition(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，"
    start_with_a_suggestion(qtbot, window, fake_bridge, text, "他看见")
    for preedit in ("z", "zh", "zhong"):
        compose(window, preedit)
    compose(window, "")  # Tab: the composition hidden, nothing committed
    check_nothing_offered(window, fake_bridge, text)
    # A key with Ctrl, which an input method may let through, proves nothing.
    press(window, Qt.Key.Key_Right, "", Qt.KeyboardModifier.ControlModifier)
    check_nothing_offered(window, fake_bridge, text)
    compose(window, "中")  # the writer goes on composing, then commits
    compose(window, "", commit="中")
    check_resumes_after_commit(qtbot, window, fake_bridge, text + "中")


def test_a_key_the_input_method_lets_through_shows_it_holds_nothing(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，"
    start_with_a_suggestion(qtbot, window, fake_bridge, text, "他看见")
    compose(window, "zhong")
    compose(window, "")  # cancelled, or hidden: Qt cannot tell which
    check_nothing_offered(window, fake_bridge, text)
    release(window, Qt.Key.Key_Shift)  # a modifier proves nothing either
    check_nothing_offered(window, fake_bridge, text)
    release(window, Qt.Key.Key_Escape)  # IBus lets Esc's release through once it is empty
    check_resumes_after_commit(qtbot, window, fake_bridge, text)
    compose(window, "hai")
    compose(window, "")
    check_nothing_offered(window, fake_bridge, text)
    press(window, Qt.Key.Key_End)  # a key press that reached the editor
    check_resumes_after_commit(qtbot, window, fake_bridge, text)


# --- a task's proposal and a composition in the same paragraph --------------------------


def run_task(window: MainWindow, bridge: FakeBridge, name: str, result: str) -> None:
    library = load_library(resource_path("templates"))
    assert window.tasks.run(library.templates[name])
    bridge.stream(result)
    assert window.tasks.state is TaskState.READY
    assert window.editor.proposal_text() == result


def test_composing_at_a_continue_proposal_sets_it_aside_until_the_composition_ends(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，"
    window.editor.setPlainText(text)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    run_task(window, fake_bridge, "continue", "他看见了海。")
    for preedit in ("z", "zh", "zhong"):
        compose(window, preedit)
        assert window.editor.proposal_text() == ""  # out of the composition's way
        assert window.tasks.state is TaskState.READY  # kept, not thrown away
        assert window.tasks.proposal == ""  # nothing to accept that is not on screen
    compose(window, "")  # cancelled with Esc, which IBus lets go on release
    release(window, Qt.Key.Key_Escape)
    assert window.editor.proposal_text() == "他看见了海。"
    press(window, Qt.Key.Key_Tab, "\t")
    assert document_text(window.editor) == text + "他看见了海。"


def test_a_committed_character_outside_a_rewrite_in_its_paragraph_keeps_the_rewrite(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，他看见了海。"
    target = "老灯塔守护人爬上台阶"
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(len(target), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    run_task(window, fake_bridge, "rewrite-shorten", "守灯人上台阶")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)  # the same paragraph
    compose(window, "ta")
    assert window.editor.proposal_text() == ""
    compose(window, "", commit="他")
    assert window.tasks.state is TaskState.READY
    assert window.editor.proposal_text() == "守灯人上台阶"
    # The proposal is still struck over exactly the text it replaces.
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    compose(window, "", commit="『")  # before the range: the range moves with the text
    assert window.tasks.state is TaskState.READY
    window.tasks.accept()
    assert document_text(window.editor) == "『守灯人上台阶，他看见了海。他"


def test_committing_inside_a_rewrite_is_an_edit_that_ends_it(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，他看见了海。"
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    run_task(window, fake_bridge, "rewrite-shorten", "守灯人上台阶")
    cursor.setPosition(3)
    window.editor.setTextCursor(cursor)
    compose(window, "xin")
    assert window.tasks.state is TaskState.READY  # composing is not editing
    compose(window, "", commit="新")
    assert window.tasks.state is TaskState.IDLE
    assert document_text(window.editor) == "老灯塔新守护人爬上台阶，他看见了海。"


def test_an_empty_input_method_event_leaves_a_selection_beside_a_proposal(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "老灯塔守护人爬上台阶，他看见了海。"
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    run_task(window, fake_bridge, "rewrite-shorten", "守灯人上台阶")
    cursor.setPosition(12)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)  # the same paragraph
    window.editor.setTextCursor(cursor)
    compose(window, "")  # IBus sends these when focus comes and goes
    assert document_text(window.editor) == text
    assert window.editor.proposal_text() == "守灯人上台阶"
