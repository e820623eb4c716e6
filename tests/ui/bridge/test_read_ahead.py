"""Read ahead: the editor has the engine read, in the background, the window it needs
next (before the window's start moves, and at the cursor when a model loads)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.core.context import ContextBudget, chars_to_move, window_start
from writer_app.engine.client.suggestion_request import (
    AHEAD_REFRESH_CHARS,
    PREFILL_DELAY_MS,
    READ_AHEAD_CHARS,
)
from writer_app.engine.protocol import Finished, Loaded
from writer_app.ui.window.main_window import MainWindow

SENTENCE = "The keeper climbed the stairs and lit the lamp. "


def put_cursor_at_end(window: MainWindow) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)


BUDGET = ContextBudget(before_chars=2000)  # the window's start moves at 2,000 + 500 + 1


def text_before_the_move(window: MainWindow, chars_short: int) -> str:
    """Put a text `chars_short` characters short of the window's move in the editor,
    the cursor at its end, ghost text on with a long pause; return the text."""
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PREFILL_DELAY_MS + 2000
    window.suggestions.budget = BUDGET
    text = (SENTENCE * 60)[: BUDGET.before_chars + BUDGET.step_chars - chars_short]
    window.editor.setPlainText(text)
    put_cursor_at_end(window)
    return text


def test_the_next_window_is_read_ahead_before_the_window_moves(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    budget = BUDGET
    text = text_before_the_move(window, 140)
    assert budget.step_chars + budget.before_chars - len(text) < READ_AHEAD_CHARS
    qtbot.keyClicks(window.editor, "A")
    typed = text + "A"
    moved = window_start(typed + " " * 150, len(typed) + 150, budget)
    assert moved > window_start(typed, len(typed), budget)
    # The window the writer is about to need, sent before the prompt at the cursor.
    qtbot.waitUntil(lambda: len(fake_bridge.read_aheads) == 2)
    ahead, here = fake_bridge.read_aheads
    assert ahead.prompt == typed[moved:]
    assert here.prompt == typed[window_start(typed, len(typed), budget):]
    # Only the window ahead is marked so: it never stops the reading of the writer's place.
    assert (ahead.ahead, here.ahead) == (True, False)
    # A few more words: the prompt at the cursor follows them, the next window does not
    # (the reads after the move catch up); a hundred characters on, it is sent again,
    # and the engine drops the older read for it without losing what it read.
    qtbot.keyClicks(window.editor, "B")
    qtbot.waitUntil(lambda: fake_bridge.read_aheads[-1].prompt.endswith("AB"))
    assert [read.prompt for read in fake_bridge.read_aheads].count(ahead.prompt) == 1
    assert not any(read.prompt.startswith(ahead.prompt + "B")
                   for read in fake_bridge.read_aheads)
    more = " and the lamp burned" * 6
    window.editor.insertPlainText(more[:-1])
    qtbot.keyClicks(window.editor, more[-1])
    qtbot.waitUntil(lambda: any(read.prompt == typed[moved:] + "B" + more
                                for read in fake_bridge.read_aheads))
    assert fake_bridge.cancelled == []


def test_in_the_last_stretch_before_the_move_the_next_window_follows_every_word(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    budget = BUDGET
    text = text_before_the_move(window, 60)
    assert 0 < chars_to_move(len(text), budget) <= AHEAD_REFRESH_CHARS
    qtbot.keyClicks(window.editor, "A")
    qtbot.waitUntil(lambda: len(fake_bridge.read_aheads) == 2)
    ahead = fake_bridge.read_aheads[0].prompt
    # A slow model would otherwise meet the move with the last hundred characters of the
    # new window unread: here every word is sent again, as the engine drops the older.
    qtbot.keyClicks(window.editor, " B")
    qtbot.waitUntil(lambda: any(read.prompt == ahead + " B"
                                for read in fake_bridge.read_aheads))
    assert fake_bridge.cancelled == []


def test_nothing_is_read_ahead_far_from_the_point_where_the_window_moves(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PREFILL_DELAY_MS + 2000
    qtbot.keyClicks(window.editor, "The cat sat on")
    qtbot.waitUntil(lambda: bool(fake_bridge.read_aheads)
                    and fake_bridge.read_aheads[-1].prompt == "The cat sat on")
    # Only the prompt at the cursor, word by word: no other window.
    assert all("The cat sat on".startswith(read.prompt) for read in fake_bridge.read_aheads)


def test_the_cursor_window_is_read_when_a_model_loads(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.editor.setPlainText(SENTENCE * 3)
    put_cursor_at_end(window)
    count = len(fake_bridge.read_aheads)
    fake_bridge.model_loaded.emit(Loaded("m", "m.gguf", "CPU", 2048, False, 1.0))
    assert len(fake_bridge.read_aheads) == count + 1
    assert fake_bridge.read_aheads[-1].prompt == (SENTENCE * 3)


def test_a_model_load_reads_the_text_at_the_cursor(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.editor.setPlainText(SENTENCE * 3)
    put_cursor_at_end(window)
    window.models.start_engine()
    assert fake_bridge.loads[-1].warm_prompt == SENTENCE * 3
    window.suggestions.enabled = False  # nothing to read for a writer who asks each time
    window.models.start_engine()
    assert fake_bridge.loads[-1].warm_prompt == ""


def test_past_the_move_the_window_read_is_kept_until_the_one_moved_to_is_read(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    budget = BUDGET
    text = text_before_the_move(window, 12)
    start = window_start(text, len(text), budget)
    qtbot.keyClicks(window.editor, "A")
    qtbot.waitUntil(lambda: any(read.prompt == text[start:] + "A"
                                for read in fake_bridge.read_aheads))
    here = next(read for read in fake_bridge.read_aheads if read.prompt == text[start:] + "A")
    fake_bridge.finish(here.id, Finished(here.id, "prefilled"))  # the engine read it
    # Past the move (a slow model has not read the new window yet).
    qtbot.keyClicks(window.editor, " and the keeper slept")
    typed = window.editor.toPlainText()
    moved_to = window_start(typed, len(typed), budget)
    assert moved_to > start
    qtbot.waitUntil(lambda: fake_bridge.read_aheads[-1].prompt == typed[start:])
    # The window moved to is what is read ahead meanwhile.
    ahead = next(read for read in fake_bridge.read_aheads if read.prompt == typed[moved_to:])
    fake_bridge.finish(ahead.id, Finished(ahead.id, "prefilled"))
    qtbot.keyClicks(window.editor, " now")
    typed += " now"
    qtbot.waitUntil(lambda: fake_bridge.read_aheads[-1].prompt == typed[moved_to:])
    assert window.suggestions.plan() is not None
    assert window.suggestions.plan().prompt == typed[moved_to:]  # type: ignore[union-attr]


def test_a_move_soon_after_a_load_keeps_the_window_the_load_read(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = text_before_the_move(window, 12)
    start = window_start(text, len(text), BUDGET)
    # The engine read the window at the cursor as part of loading; nothing since.
    fake_bridge.model_loaded.emit(Loaded("m", "m.gguf", "CPU", 2048, False, 1.0))
    qtbot.keyClicks(window.editor, "A and the keeper slept")
    typed = window.editor.toPlainText()
    assert window_start(typed, len(typed), BUDGET) > start
    plan = window.suggestions.plan()
    assert plan is not None
    assert plan.prompt == typed[start:]  # not the new window, which a 4B model reads for 20 s
