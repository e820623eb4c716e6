"""A Chinese writer end to end: the real window, the real engine process, the real model
(which writes Chinese). Typed through an input method; the suggestion ends at a Chinese
mark; Ctrl+Right takes one word."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MODEL_TIMEOUT_MS
from tests.ui.editor.test_input_methods import compose, composition_on_screen
from tests.ui.editor.test_writing_with_model import CTRL, wait_for_final_ghost
from tests.ui.tasks.test_task_proposals import show_and_select
from writer_app.core.prose import next_word
from writer_app.core.word_breaks import words
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.model

ZH_TYPED = "夜幕降临，海上起了大风。老灯塔守护人爬上台阶，"
SENTENCE_MARKS = "。！？"


def test_a_chinese_writer_composes_pauses_and_takes_a_word(qtbot: QtBot,
                                                          real_window: MainWindow) -> None:
    window = real_window
    window.suggestions.pause_ms = 200
    requests: list[int] = []
    window.suggestions.suggestion_requested.connect(requests.append)
    window.editor.insertPlainText(ZH_TYPED[:-5])  # up to 守护人
    # The last words come through pinyin: the writer stops on each composition longer
    # than the pause, as one does when choosing a candidate.
    for preedit, commit in (("pa", ""), ("pashang", "爬上"), ("tai", ""), ("taijie", "台阶")):
        window.suggestions.dismiss()
        requests.clear()
        compose(window, preedit)
        assert not window.suggestions.pause_pending()  # nothing timed can ask meanwhile
        assert not window.suggestions.prefill_pending()
        assert composition_on_screen(window)[0] == preedit
        assert window.editor.ghost_text() == ""
        assert requests == []
        if commit:
            compose(window, "", commit=commit)
    compose(window, "", commit="，")
    assert document_text(window.editor) == ZH_TYPED

    ghost = wait_for_final_ghost(qtbot, window)  # asked by the pause after the commit
    raw = window.suggestions.suggestion.raw if window.suggestions.suggestion else ""
    assert re.search("[\u4e00-\u9fff]", ghost), f"the model wrote no Chinese: {raw!r}"
    assert not re.search("(?<=[\u3000-\u9fff]) +(?=[\u3000-\u9fff])", ghost)
    assert not ghost.startswith(" ")
    inside = ghost[:-1]
    assert not any(mark in inside for mark in SENTENCE_MARKS), (ghost, raw)
    if any(mark in raw for mark in SENTENCE_MARKS) or len(raw) > len(ghost):
        # The model went on past the suggestion: it was cut at a Chinese mark.
        assert ghost[-1] in SENTENCE_MARKS + "，、；：」』”", (ghost, raw)

    word = next_word(ghost)
    assert word == ghost or len(words(ghost)) > 1
    assert len(words(word)) == 1  # one word, with any mark glued to it
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert document_text(window.editor) == ZH_TYPED + word
    assert window.editor.ghost_text() == ghost[len(word):]


def test_a_japanese_suggestion_from_the_model_has_no_spaces(qtbot: QtBot,
                                                            real_window: MainWindow) -> None:
    window = real_window
    window.editor.insertPlainText("灯台守の老人は、夜になると階段を上った。海は")
    with qtbot.waitSignal(window.suggestions.suggestion_shown, timeout=MODEL_TIMEOUT_MS):
        qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    ghost = wait_for_final_ghost(qtbot, window)
    assert not re.search("(?<=[\u3040-\u9fff]) +(?=[\u3040-\u9fff])", ghost)
    assert not any(mark in ghost[:-1] for mark in "。！？"), ghost


def test_a_chinese_selection_is_rewritten_from_chinese_examples(
        qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    window.suggestions.enabled = False
    text = ("夜幕降临，海上起了大风。老灯塔守护人慢慢地爬上了那座又高又陡的石头台阶，"
            "点亮了灯。")
    show_and_select(window, text, text)
    prompts: list[str] = []
    original = window.bridge.generate

    def generate(prompt: str, *args: object, **kwargs: object) -> int | None:
        prompts.append(prompt)
        return original(prompt, *args, **kwargs)  # type: ignore[arg-type]

    window.bridge.generate = generate  # type: ignore[method-assign]
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named("Shorten")
    assert template is not None
    window.tasks_menu.run(template)
    qtbot.waitUntil(lambda: window.tasks.state is TaskState.READY, timeout=MODEL_TIMEOUT_MS)
    assert "原文：" in prompts[-1]  # the base model was shown Chinese examples
    proposal = window.tasks.proposal
    assert re.search("[\u4e00-\u9fff]", proposal), proposal
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == proposal
