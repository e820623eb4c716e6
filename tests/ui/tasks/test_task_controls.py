"""The ways a writer reaches and steers tasks: the command palette, the context menu, the
stop control, the language and instruction boxes, Preferences and the base-model notice."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from tests.ui.tasks.test_task_proposals import TARGET, TEXT, show_and_select
from writer_app.core.prompt_templates import TaskKind
from writer_app.core.settings import load_settings
from writer_app.core.task_sampling import BUILT_IN
from writer_app.engine.protocol import Loaded
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.command_palette import match_rank
from writer_app.ui.window.main_window import MainWindow


def select_target(window: MainWindow) -> None:
    show_and_select(window, TEXT, TARGET)


def run_named(window: MainWindow, name: str) -> None:
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named(name)
    assert template is not None
    window.tasks_menu.run(template)


def labels(menu: QMenu) -> list[str]:
    found = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += [f"{submenu.title()}/{label}" for label in labels(submenu)]
        elif action.text():
            found.append(action.text())
    return found


# --- command palette ---------------------------------------------------------------


def test_palette_ranks_the_commands_own_name_first() -> None:
    assert match_rank("sh", "Tasks › Rewrite › Shorten") == (0, 0)
    assert match_rank("sh", "Edit › Polish") == (2, 6)  # inside a word
    assert match_rank("rew", "Tasks › Rewrite › Shorten") == (1, 7)  # a menu's name
    assert match_rank("rew sho", "Tasks › Rewrite › Shorten") == (1, 0)
    assert match_rank("short", "Help › Keyboard Shortcuts") == (0, 9)
    assert match_rank("xyz", "Tasks › Rewrite › Shorten") is None


def test_ctrl_shift_p_finds_and_runs_a_task(qtbot: QtBot, window: MainWindow,
                                            fake_bridge: FakeBridge) -> None:
    select_target(window)
    qtbot.keyClick(window.editor, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    palette = window.command_palette
    qtbot.waitUntil(palette.isVisible)
    everything = [command.label for command in palette.shown]
    assert "Tasks › Rewrite › Shorten" in everything
    assert "File › Save" in everything
    assert "Tasks › Accept Proposal" not in everything  # disabled: no task under way
    qtbot.keyClicks(palette.search, "short")
    assert palette.shown[0].label == "Tasks › Rewrite › Shorten"
    assert palette.list.topLevelItem(0).text(1) == "Ctrl+Alt+S"
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 1)
    assert not palette.isVisible()
    assert TARGET in fake_bridge.requests[0].prompt
    assert window.tasks.state is TaskState.WRITING


def test_palette_lists_a_template_added_while_the_app_runs(
        qtbot: QtBot, window: MainWindow, writer_home: Path) -> None:
    own = writer_home / "config" / "templates"
    own.mkdir(parents=True)
    (own / "pirate.toml").write_text('name = "Like a Pirate"\nmenu = "Rewrite"\n'
                                     'task = "rewrite"\noutput = "replace_selection"\n'
                                     'variables = ["selection"]\n'
                                     '[raw]\nprompt = "Pirate: {{ selection }}"\n')
    window.show_command_palette()
    qtbot.keyClicks(window.command_palette.search, "pirate")
    assert [c.label for c in window.command_palette.shown] == [
        "Tasks › Rewrite › Like a Pirate"]
    qtbot.keyClick(window.command_palette.search, Qt.Key.Key_Escape)
    assert not window.command_palette.isVisible()


# --- context menu --------------------------------------------------------------------


def test_context_menu_offers_the_tasks_that_fit(window: MainWindow,
                                                fake_bridge: FakeBridge) -> None:
    select_target(window)
    with_selection = labels(window.context_menu(QPoint(5, 5)))
    assert "Rewrite/Shorten" in with_selection
    assert "Rewrite/Translate…" in with_selection
    assert "Summarize/Summarize as Bullet Points" in with_selection
    assert "Write/Continue Writing" not in with_selection
    assert any("Copy" in label for label in with_selection)  # Qt's own entries stay
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    without = labels(window.context_menu(QPoint(5, 5)))
    assert "Write/Continue Writing" in without
    assert "Rewrite/Shorten" not in without
    select_target(window)
    menu = window.context_menu(QPoint(5, 5))
    shorten = next(a for a in menu.actions() if a.menu() and a.menu().title() == "Rewrite")
    next(a for a in shorten.menu().actions() if a.text() == "Shorten").trigger()
    assert len(fake_bridge.requests) == 1
    assert "&Stop" in labels(window.context_menu(QPoint(5, 5)))


# --- stop control and summaries ------------------------------------------------------


def test_the_stop_button_stops_and_the_proposal_waits(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    status = window.task_status
    assert not status.isVisible()
    select_target(window)
    run_named(window, "Shorten")
    fake_bridge.stream(" Moved.", finish=False)
    assert status.isVisible()
    assert status.stop_button.isVisible()
    assert status.label.text() == "Shorten: writing…"
    window.status.showMessage("A passing message", 5000)
    assert status.stop_button.isVisible()  # never hidden by a message
    qtbot.mouseClick(status.stop_button, Qt.MouseButton.LeftButton)
    assert fake_bridge.cancelled == [fake_bridge.requests[-1].id]
    assert window.tasks.state is TaskState.READY
    assert not status.stop_button.isVisible()
    assert window.editor.proposal_text() == "Moved."
    qtbot.mouseClick(status.accept_button, Qt.MouseButton.LeftButton)
    assert document_text(window.editor) == TEXT.replace(TARGET, "Moved.")
    assert not status.isVisible()


def test_keys_keep_their_meaning_while_a_summary_streams(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    select_target(window)
    run_named(window, "Summarize in One Sentence")
    fake_bridge.stream("A meeting moved.", finish=False)
    cursor = window.editor.textCursor()
    cursor.setPosition(TEXT.index("moved"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)  # inside the summarized range
    assert document_text(window.editor) == TEXT.replace("moved", "\tmoved")
    assert window.task_status.stop_button.isVisible()
    assert not window.task_status.accept_button.isVisible()
    window.task_status.stop_button.click()
    assert window.tasks.state is TaskState.IDLE
    assert window.summary.text() == "A meeting moved."  # the panel keeps it


# --- what a task asks ----------------------------------------------------------------


def test_translate_offers_languages_and_remembers_the_choice(
        window: MainWindow, fake_bridge: FakeBridge, writer_home: Path) -> None:
    offered: list[Sequence[str]] = []

    def answer(_title: str, _question: str, choices: Sequence[str]) -> str:
        offered.append(list(choices))
        return " Basque "

    window.questions.ask_choice = answer  # type: ignore[method-assign]
    select_target(window)
    run_named(window, "Translate…")
    assert "Basque:" in fake_bridge.requests[-1].prompt
    assert offered[0][:3] == ["Spanish", "French", "German"]  # the text is English
    window.tasks.reject()
    select_target(window)
    run_named(window, "Translate…")
    assert offered[1][0] == "Basque"
    assert offered[1].count("Basque") == 1
    saved = load_settings(writer_home / "config" / "settings.json")
    assert saved.recent_languages == ["Basque"]


def test_cancelling_the_question_starts_nothing(window: MainWindow,
                                                fake_bridge: FakeBridge) -> None:
    window.questions.ask_choice = lambda *_args: None  # type: ignore[method-assign]
    select_target(window)
    run_named(window, "Rewrite with an Instruction…")
    assert fake_bridge.requests == []
    assert window.tasks.state is TaskState.IDLE


# --- preferences ---------------------------------------------------------------------


def test_preferences_set_the_sampling_a_template_leaves_open(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, writer_home: Path) -> None:
    window.show_preferences()
    dialog = window.preferences_dialog
    qtbot.waitUntil(dialog.isVisible)
    boxes = dialog.sampling_boxes
    boxes[TaskKind.REWRITE]["temperature"].setValue(1.25)
    boxes[TaskKind.REWRITE]["max_tokens"].setValue(128)
    dialog.pause.setValue(900)
    dialog.accept()
    assert window.suggestions.pause_ms == 900
    select_target(window)
    run_named(window, "Shorten")
    sampling = fake_bridge.requests[-1].sampling
    assert (sampling.temperature, sampling.max_tokens) == (1.25, 128)
    window.tasks.reject()
    select_target(window)
    run_named(window, "Fix Grammar and Spelling")  # sets its own temperature
    sampling = fake_bridge.requests[-1].sampling
    assert (sampling.temperature, sampling.max_tokens) == (0.2, 128)
    saved = load_settings(writer_home / "config" / "settings.json")
    assert saved.task_sampling == {"rewrite": {"temperature": 1.25, "max_tokens": 128}}
    assert saved.pause_ms == 900


def test_restore_defaults_and_cancel(qtbot: QtBot, window: MainWindow) -> None:
    window.settings.task_sampling = {"summarize": {"top_k": 5}}
    window.show_preferences()
    dialog = window.preferences_dialog
    assert dialog.sampling_boxes[TaskKind.SUMMARIZE]["top_k"].value() == 5
    dialog.restore_task_defaults()
    assert dialog.sampling_boxes[TaskKind.SUMMARIZE]["top_k"].value() == \
        BUILT_IN[TaskKind.SUMMARIZE].top_k
    assert dialog.task_sampling() == {}
    dialog.reject()
    assert window.settings.task_sampling == {"summarize": {"top_k": 5}}


# --- the base-model notice -----------------------------------------------------------


def _loaded(chat_template: bool, path: str = "/models/base.gguf") -> Loaded:
    return Loaded(model_name="base", model_path=path, backend="CPU", n_ctx=2048,
                  fill_in_middle=False, load_seconds=0.1, chat_template=chat_template)


def test_a_base_model_is_named_once_without_taking_the_focus(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, writer_home: Path) -> None:
    fake_bridge.loaded = _loaded(chat_template=False)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    run_named(window, "Continue Writing")  # what a base model does well: no notice
    assert window.notice.text() == ""
    window.tasks.reject()
    select_target(window)
    run_named(window, "Shorten")
    assert "base model" in window.notice.text()
    assert window.editor.hasFocus()
    window.notice.close_button.click()
    window.tasks.reject()
    select_target(window)
    run_named(window, "Simplify")
    assert window.notice.text() == ""  # said once
    assert load_settings(writer_home / "config" / "settings.json").base_model_noticed == [
        "/models/base.gguf"]
    window.tasks.reject()
    fake_bridge.loaded = _loaded(chat_template=True, path="/models/instruct.gguf")
    select_target(window)
    run_named(window, "Shorten")
    assert window.notice.text() == ""  # an instruction-tuned model needs no notice


def test_menu_choices_and_preferences_stay_in_step(window: MainWindow) -> None:
    from writer_app.core.prose import SuggestionLength

    window.suggestion_menu.length_actions[SuggestionLength.WORDS].trigger()
    assert window.settings.suggestion_length is SuggestionLength.WORDS
    assert window.suggestions.length is SuggestionLength.WORDS
    window.menus.theme_actions["dark"].trigger()
    assert window.settings.theme == "dark"
    window.show_preferences()
    dialog = window.preferences_dialog
    assert dialog.length.currentData() == SuggestionLength.WORDS
    dialog.length.setCurrentIndex(dialog.length.findData(SuggestionLength.PARAGRAPH))
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.accept()
    assert window.settings.suggestion_length is SuggestionLength.PARAGRAPH
    assert window.suggestions.length is SuggestionLength.PARAGRAPH
    assert window.suggestion_menu.length_actions[SuggestionLength.PARAGRAPH].isChecked()
    assert not window.suggestion_menu.length_actions[SuggestionLength.WORDS].isChecked()
    assert window.menus.theme_actions["light"].isChecked()


def test_translate_never_offers_first_the_language_the_text_is_in(
        window: MainWindow, fake_bridge: FakeBridge) -> None:
    offered: list[Sequence[str]] = []

    def answer(_title: str, _question: str, choices: Sequence[str]) -> str:
        offered.append(list(choices))
        return choices[0]

    window.questions.ask_choice = answer  # type: ignore[method-assign]
    window.spelling.language = "en_US"  # English text: English comes later
    select_target(window)
    run_named(window, "Translate…")
    assert offered[0][0] == "Spanish"
    assert "English" in offered[0]
    window.tasks.reject()
    window.editor.setPlainText("他看见了大海。")  # Chinese text, whatever the dictionary
    window.editor.selectAll()
    run_named(window, "Translate…")
    assert offered[1][0] == "Spanish"  # the last answer, not Chinese
    assert offered[1].index("Chinese (Simplified)") == len(offered[1]) - 1
