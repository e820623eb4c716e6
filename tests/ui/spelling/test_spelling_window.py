"""Spell checking in the real window: underlines drawn where a writer sees them, the
right-click menu, the writer's dictionary, other languages, and ghost text beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from tests.core.spelling.test_spell_checker import write_toy
from writer_app.core.spelling.spelling_service import SpellingService
from writer_app.ui.window.main_window import MainWindow

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def settle(window: MainWindow, qtbot: QtBot) -> None:
    """Wait for the dictionary and for every block to be decorated."""
    qtbot.waitUntil(lambda: window.spelling.source.checker is not None)
    qtbot.waitUntil(lambda: not window.editor.decorations.pending())


def write(window: MainWindow, qtbot: QtBot, text: str, cursor_at: int = 0) -> None:
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(cursor_at)
    window.editor.setTextCursor(cursor)
    settle(window, qtbot)


def marked(window: MainWindow, block_number: int = 0) -> list[str]:
    """Return the words of a block drawn with the wavy underline, from its layout."""
    block = window.editor.document().findBlockByNumber(block_number)
    layout = block.layout()
    shown = block.text()
    start = layout.preeditAreaPosition()
    preedit = layout.preeditAreaText()
    if preedit:
        shown = shown[:start] + preedit + shown[start:]
    return [shown[r.start:r.start + r.length] for r in layout.formats()
            if r.format.underlineStyle() == WAVY]


def red_pixels(window: MainWindow, start: int, end: int) -> int:
    """Count underline-coloured pixels under the text from `start` to `end`."""
    editor = window.editor
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    left = editor.cursorRect(cursor)
    cursor.setPosition(end)
    right = editor.cursorRect(cursor)
    image = editor.viewport().grab().toImage()
    count = 0
    for x in range(left.left(), right.right()):
        for y in range(left.top(), left.bottom() + 4):
            pixel = image.pixelColor(x, y)
            # The wave is thin and smoothed into the paper: red clearly above the rest.
            if pixel.red() > pixel.green() + 40 and pixel.red() > pixel.blue() + 40:
                count += 1
    return count


def point_at(window: MainWindow, position: int) -> QPoint:
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(position)
    return window.editor.cursorRect(cursor).center()


def test_a_misspelled_word_is_underlined_on_screen_and_a_correct_one_is_not(
        window: MainWindow, qtbot: QtBot) -> None:
    write(window, qtbot, "The sea was quiet when teh ferry left.\n")
    assert marked(window) == ["teh"]
    assert window.spelling.button.text() == "English (United States)"
    qtbot.waitUntil(lambda: red_pixels(window, 23, 26) > 5)
    assert red_pixels(window, 4, 7) == 0  # "sea"
    assert red_pixels(window, 27, 33) == 0  # "ferry"


def test_the_word_being_typed_is_marked_once_the_writer_leaves_it(
        window: MainWindow, qtbot: QtBot) -> None:
    write(window, qtbot, "The ferry ", cursor_at=10)
    qtbot.keyClicks(window.editor, "lefft")
    settle(window, qtbot)
    assert marked(window) == []
    qtbot.keyClicks(window.editor, " at")
    settle(window, qtbot)
    assert marked(window) == ["lefft"]


def test_a_suggestion_replaces_the_word_in_one_undo_step(
        window: MainWindow, qtbot: QtBot) -> None:
    write(window, qtbot, "She said she would recieve them.")
    menu = window.context_menu(point_at(window, 21))
    labels = [action.text() for action in menu.actions()]
    assert labels[0] == "receive"  # suggestions first, best first
    assert "Add “recieve” to Dictionary" in labels
    assert "Ignore “recieve”" in labels
    menu.actions()[0].trigger()
    assert window.editor.toPlainText() == "She said she would receive them."
    settle(window, qtbot)
    assert marked(window) == []
    window.editor.undo()
    assert window.editor.toPlainText() == "She said she would recieve them."


def test_added_words_are_kept_in_the_personal_dictionary(
        window: MainWindow, qtbot: QtBot, writer_home: Path) -> None:
    write(window, qtbot, "Quellbrook lay past the ridge, and Quellbrook slept.")
    assert marked(window) == ["Quellbrook", "Quellbrook"]
    add = next(a for a in window.context_menu(point_at(window, 3)).actions()
               if a.text().startswith("Add "))
    add.trigger()
    settle(window, qtbot)
    assert marked(window) == []
    personal = writer_home / "config" / "personal-dictionary.txt"
    assert personal.read_text(encoding="utf-8") == "Quellbrook\n"
    later = SpellingService(writer_home / "config", writer_home / "data").checker("en_US")
    assert later is not None
    assert later.is_correct("Quellbrook")


def test_ignore_leaves_the_word_alone_in_this_document(
        window: MainWindow, qtbot: QtBot) -> None:
    write(window, qtbot, "Zorvath came. Zorvath left. Blorple stayed.")
    ignore = next(a for a in window.context_menu(point_at(window, 2)).actions()
                  if a.text().startswith("Ignore"))
    ignore.trigger()
    settle(window, qtbot)
    assert marked(window) == ["Blorple"]


def test_ghost_text_is_not_checked_and_the_underlines_stay_around_it(
        window: MainWindow, qtbot: QtBot) -> None:
    write(window, qtbot, "Teh cat  sat wrogn.", cursor_at=8)
    assert marked(window) == ["Teh", "wrogn"]
    assert window.editor.show_ghost(8, "blorpt qwzz")
    settle(window, qtbot)
    # The underlines moved past the ghost text; nothing in it is marked.
    assert marked(window) == ["Teh", "wrogn"]
    block = window.editor.document().firstBlock()
    ghost = [r for r in block.layout().formats() if r.start == 8 and r.length == 11]
    assert len(ghost) == 1
    window.editor.clear_ghost()
    settle(window, qtbot)
    assert marked(window) == ["Teh", "wrogn"]
    assert window.editor.toPlainText() == "Teh cat  sat wrogn."


def test_turning_checking_off_takes_the_underlines_away(
        window: MainWindow, qtbot: QtBot) -> None:
    write(window, qtbot, "Teh end.")
    assert window.spelling.check_action is not None
    window.spelling.check_action.trigger()
    settle(window, qtbot)
    assert marked(window) == []
    assert not window.settings.spelling_enabled
    window.spelling.check_action.trigger()
    settle(window, qtbot)
    assert marked(window) == ["Teh"]


def test_a_dictionary_added_from_a_file_checks_a_document_in_its_language(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    assert window.spelling.install(write_toy(tmp_path / "download")) == ["xx_XX"]
    story = tmp_path / "story.txt"
    story.write_text("brolt vinna quessa brolts vinna brolt quessa brolts vinna brolt "
                     "quessa brolts vinna brolx\n", encoding="utf-8")
    assert window.documents.open_path(story)
    qtbot.waitUntil(lambda: window.spelling.language == "xx_XX")  # found from the text
    settle(window, qtbot)
    assert marked(window) == ["brolx"]
    window.spelling.choose_language("en_US")
    settle(window, qtbot)
    assert "brolt" in marked(window)
    # The choice is the document's: it holds when the file opens again.
    window.documents.new_document()
    qtbot.waitUntil(lambda: window.spelling.language == "en_US")
    window.spelling.choose_language("xx_XX")  # a new document remembers nothing
    assert window.documents.open_path(story)
    qtbot.waitUntil(lambda: window.spelling.language == "en_US")


def test_a_file_that_is_not_a_dictionary_gets_a_message_and_nothing_changes(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    said: list[str] = []
    window.notify = lambda title, text: said.append(text)  # type: ignore[method-assign]
    note = tmp_path / "note.txt"
    note.write_text("hello", encoding="utf-8")
    assert window.spelling.install(note) == []
    assert "not a dictionary" in said[0]
    assert [d.name for d in window.spelling.service.dictionaries()] == ["en_US", "en_GB"]


def test_a_british_document_is_checked_in_british_english(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    story = tmp_path / "harbour.txt"
    story.write_text("The colour of the harbour changed as the organisation's boats came "
                     "in. She realised that her favourite neighbour had gone to the theatre "
                     "in the centre of town. The color was gray.\n", encoding="utf-8")
    assert window.documents.open_path(story)
    qtbot.waitUntil(lambda: window.spelling.language == "en_GB")  # found from the text
    settle(window, qtbot)
    assert marked(window) == ["color", "gray"]
    assert window.spelling.button.text() == "English (United Kingdom)"
