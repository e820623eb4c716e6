"""The writing loop end to end: the real window, the real engine process, the real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import truncated_copy
from tests.ui.conftest import MODEL_TIMEOUT_MS, make_window
from writer_app.app import app_paths
from writer_app.core.prose import next_word
from writer_app.core.settings import Settings
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.model

CTRL = Qt.KeyboardModifier.ControlModifier
TYPED = "The lighthouse stood at the edge of the world. Every evening the old keeper"


def slow_streaming_window(qtbot: QtBot, settings: Settings) -> MainWindow:
    """Return a real window whose engine sleeps between pieces, so a test can act
    mid-stream; it has typed TYPED and asked for a suggestion, whose first piece is on
    screen."""
    window = make_window(qtbot, settings, {"WRITER_ENGINE_TEST_TOKEN_DELAY_S": "0.15"})
    window.models.start_engine()
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY, timeout=MODEL_TIMEOUT_MS)
    qtbot.keyClicks(window.editor, TYPED)
    with qtbot.waitSignal(window.suggestions.suggestion_shown, timeout=MODEL_TIMEOUT_MS):
        qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    return window


@pytest.fixture
def slow_window(qtbot: QtBot, writer_home: Path) -> Iterator[MainWindow]:
    window = slow_streaming_window(qtbot, Settings(suggestions_enabled=False))
    yield window
    window.bridge.shutdown()


def wait_for_final_ghost(qtbot: QtBot, window: MainWindow) -> str:
    """Wait until the model has finished a suggestion that is on screen."""

    def finished() -> bool:
        suggestion = window.suggestions.suggestion
        return (suggestion is not None and suggestion.finished
                and window.editor.ghost_text() != "")

    qtbot.waitUntil(finished, timeout=MODEL_TIMEOUT_MS)
    return window.editor.ghost_text()


def test_pause_tab_undo_save(qtbot: QtBot, real_window: MainWindow, tmp_path: Path) -> None:
    window = real_window
    path = tmp_path / "chapter.md"
    window.documents.start_new_file_at(path)
    qtbot.keyClicks(window.editor, TYPED)
    ghost = wait_for_final_ghost(qtbot, window)  # asked by the pause, not by a key
    assert document_text(window.editor) == TYPED  # painted, not inserted

    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == TYPED + ghost
    assert window.editor.textCursor().position() == len(TYPED + ghost)

    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert document_text(window.editor) == TYPED

    window.suggestions.dismiss()  # the pause after the undo may have asked again
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert document_text(window.editor) == TYPED + ghost
    window.suggestions.dismiss()
    assert window.documents.save()
    assert path.read_text(encoding="utf-8") == TYPED + ghost


def test_typing_through_a_real_suggestion(qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    qtbot.keyClicks(window.editor, TYPED)
    ghost = wait_for_final_ghost(qtbot, window)
    requests: list[int] = []
    window.suggestions.suggestion_requested.connect(requests.append)
    typed = ghost[:2] if ghost[:2].isascii() else ghost[:1]
    qtbot.keyClicks(window.editor, typed)
    assert document_text(window.editor) == TYPED + typed
    assert window.editor.ghost_text() == ghost[len(typed):]
    assert not window.suggestions.pause_pending()  # typing through is no pause to ask at
    assert requests == []


def test_escape_dismisses_a_real_suggestion(qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    window.suggestions.enabled = False
    qtbot.keyClicks(window.editor, TYPED)
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    wait_for_final_ghost(qtbot, window)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert window.editor.ghost_text() == ""
    assert document_text(window.editor) == TYPED
    assert not window.suggestion_menu.accept_action.isEnabled()


def test_a_key_press_while_streaming_leaves_no_late_piece(qtbot: QtBot,
                                                          slow_window: MainWindow) -> None:
    check_no_late_piece(qtbot, slow_window)


def check_no_late_piece(qtbot: QtBot, window: MainWindow) -> None:
    """Type a key while a suggestion streams: nothing of it may show afterwards."""
    suggestion = window.suggestions.suggestion
    assert suggestion is not None
    assert not suggestion.finished
    shown_after: list[str] = []
    window.suggestions.suggestion_shown.connect(shown_after.append)
    key = "z" if not window.editor.ghost_text().startswith("z") else "q"
    with qtbot.waitSignal(window.bridge.request_finished, timeout=MODEL_TIMEOUT_MS,
                          check_params_cb=lambda f: f.id == suggestion.request_id):
        qtbot.keyClicks(window.editor, key)
    # The engine's end of the request came after every piece it sent: all of them have
    # reached the cancelled handle, which delivered none.
    assert shown_after == []
    assert window.editor.ghost_text() == ""
    assert document_text(window.editor) == TYPED + key


def test_ctrl_right_mid_word_completes_the_word(qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    window.suggestions.enabled = False
    typed = "She opened the door and walked into the kitc"
    qtbot.keyClicks(window.editor, typed)
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    ghost = wait_for_final_ghost(qtbot, window)
    assert ghost[0].isalpha(), f"a space or mark after a half word: {ghost!r}"
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    accepted = next_word(ghost)
    assert document_text(window.editor) == typed + accepted
    last_word = document_text(window.editor).split()[-1]
    assert last_word.rstrip(".,;:!?").isalpha()


def test_ctrl_right_before_punctuation_keeps_it_once(qtbot: QtBot,
                                                     real_window: MainWindow) -> None:
    window = real_window
    window.suggestions.enabled = False
    before, after = "The old man climbed the stairs", ". He lit the lamp."
    window.editor.setPlainText(before + after)
    cursor = window.editor.textCursor()
    cursor.setPosition(len(before))
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    ghost = wait_for_final_ghost(qtbot, window)
    assert "." not in ghost
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    accepted = next_word(ghost)
    assert document_text(window.editor) == before + accepted + after


def test_the_engine_killed_mid_generation_leaves_the_editor_working(
        qtbot: QtBot, slow_window: MainWindow) -> None:
    window = slow_window
    window.bridge.client.kill()
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.CRASHED, timeout=10_000)
    assert "Your text is safe" in window.status.model_label.toolTip()
    assert window.editor.ghost_text() == ""
    assert document_text(window.editor) == TYPED
    qtbot.keyClicks(window.editor, " went")
    assert document_text(window.editor) == TYPED + " went"
    # The next request starts the engine again and gets a suggestion.
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    wait_for_final_ghost(qtbot, window)
    assert window.bridge.client.is_running()
    assert document_text(window.editor) == TYPED + " went"


@pytest.mark.parametrize(
    ("make_model", "words"),
    [
        (lambda d: d / "missing.gguf", "does not exist"),
        (lambda d: (d / "notes.gguf").write_text("my notes") and d / "notes.gguf",
         "not a GGUF model"),
    ],
)
def test_a_bad_model_on_the_command_line_says_why_and_falls_back(
        qtbot: QtBot, writer_home: Path, tmp_path: Path, make_model: object,
        words: str) -> None:
    window = make_window(qtbot, Settings())
    try:
        bad = make_model(tmp_path)  # type: ignore[operator]
        window.models.start_engine(str(bad))
        qtbot.waitUntil(lambda: words in window.last_notice, timeout=MODEL_TIMEOUT_MS)
        assert "goes on with the embedded model" in window.last_notice
        qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY,
                        timeout=MODEL_TIMEOUT_MS)
        assert window.settings.model_path is None
    finally:
        window.bridge.shutdown()


def test_a_context_too_large_for_this_computer_is_refused_and_preferences_mend_it(
        qtbot: QtBot, writer_home: Path) -> None:
    # Gemma 3 270M keeps 18,432 bytes of cache per token: twice the RAM in tokens.
    n_ctx = 2 * psutil.virtual_memory().total // 18_432
    window = make_window(qtbot, Settings(n_ctx=n_ctx, suggestions_enabled=False))
    try:
        qtbot.keyClicks(window.editor, TYPED)
        window.models.start_engine()
        qtbot.waitUntil(lambda: "did not load it" in window.last_notice,
                        timeout=MODEL_TIMEOUT_MS)
        assert "smaller context size in Preferences → Model" in window.last_notice
        assert window.bridge.state is EngineState.FAILED
        qtbot.keyClicks(window.editor, " went")
        assert document_text(window.editor) == TYPED + " went"
        window.show_preferences()
        dialog = window.preferences_dialog
        dialog.context.setCurrentIndex(dialog.context.findData(2048))
        dialog.accept()
        qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY,
                        timeout=MODEL_TIMEOUT_MS)
    finally:
        window.bridge.shutdown()


def test_a_truncated_model_chosen_in_the_menu_keeps_the_working_one(
        qtbot: QtBot, real_window: MainWindow, tmp_path: Path, model_path: Path) -> None:
    window = real_window
    truncated = truncated_copy(model_path, tmp_path / "half.gguf", 50_000_000)
    window.models.use_model(str(truncated))
    qtbot.waitUntil(lambda: "incomplete" in window.last_notice, timeout=MODEL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY, timeout=MODEL_TIMEOUT_MS)
    assert window.settings.model_path is None
    qtbot.keyClicks(window.editor, TYPED)
    wait_for_final_ghost(qtbot, window)


def test_another_model_is_used_and_remembered(qtbot: QtBot, real_window: MainWindow,
                                              tmp_path: Path, model_path: Path) -> None:
    window = real_window
    copy = tmp_path / "my-model.gguf"
    copy.symlink_to(model_path)
    window.models.use_model(str(copy))
    qtbot.waitUntil(lambda: window.settings.model_path == str(copy), timeout=MODEL_TIMEOUT_MS)
    assert window.bridge.loaded is not None
    assert window.bridge.loaded.model_path == str(copy)
    assert "Gemma 3 270m · CPU · Ready" in window.status.model_label.text()
    saved = app_paths().settings_file.read_text()
    assert str(copy) in saved


def test_a_pause_is_prefilled_and_its_suggestion_reuses_the_whole_prompt(
        qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    finished: dict[int, object] = {}
    window.bridge.request_finished.connect(lambda message: finished.update({message.id: message}))
    window.suggestions.pause_ms = 1500  # the prefill has time to finish first
    qtbot.keyClicks(window.editor, TYPED)
    with qtbot.waitSignal(window.suggestions.suggestion_requested,
                          timeout=MODEL_TIMEOUT_MS) as asked:
        pass
    ghost = wait_for_final_ghost(qtbot, window)
    assert ghost.strip()
    prefilled = [m for m in finished.values() if getattr(m, "reason", "") == "prefilled"]
    assert prefilled, "no prefill reached the engine before the pause"
    qtbot.waitUntil(lambda: asked.args[0] in finished, timeout=MODEL_TIMEOUT_MS)
    request = finished[asked.args[0]]
    # Nothing of the prompt was left to evaluate when the suggestion was asked for.
    assert request.reused_tokens == request.prompt_tokens  # type: ignore[attr-defined]


def test_tab_then_tab_shows_the_next_suggestion_without_a_pause(
        qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    window.suggestions.pause_ms = 60_000  # only speculation can bring the next one
    qtbot.keyClicks(window.editor, TYPED)
    window.suggestions.request_now()
    first = wait_for_final_ghost(qtbot, window)
    qtbot.waitUntil(lambda: window.suggestions._speculation is not None
                    and window.suggestions._speculation.finished, timeout=MODEL_TIMEOUT_MS)
    speculated = window.suggestions._speculation
    assert speculated is not None
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == TYPED + first
    suggestion = window.suggestions.suggestion
    assert suggestion is not None
    assert suggestion.request_id == speculated.request_id
    assert window.editor.ghost_text() == suggestion.visible() != ""
