"""Spell checking in the window: which dictionary checks the open document, the
language button in the status bar, the Edit menu's entries, and what a right-click on
a marked word offers (suggestions, Add to Dictionary, Ignore).

A document's language is, in order: the one the writer chose for it (remembered by its
path), the installed dictionary its text fits, the default from Preferences, the
dictionary of the interface's language, English.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QPoint, QTimer, Slot
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from writer_app.core.errors import WriterError
from writer_app.core.settings import Settings
from writer_app.core.spelling.spell_checker import SpellChecker
from writer_app.core.spelling.spelling_service import NO_CHECKING, SpellingService
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text
from writer_app.ui.editor.hit_test import hit_at
from writer_app.ui.editor.spelling_source import SpellingSource
from writer_app.ui.i18n import say, tx
from writer_app.ui.menu_actions import add_action
from writer_app.ui.spelling.dictionary_names import dictionary_label, short_label
from writer_app.ui.text_positions import index_in_block, select_in_block
from writer_app.ui.widgets.elided import ElidedToolButton

FALLBACK_DICTIONARY = "en_US"


class SpellingController(QObject):
    """Check the open document's spelling with the dictionary of its language."""

    def __init__(self, editor: GhostTextEdit, service: SpellingService, settings: Settings, *,
                 save_settings: Callable[[], None], notify: Callable[[str], None],
                 document_path: Callable[[], Path | None]) -> None:
        super().__init__(editor)
        self.editor = editor
        self.service = service
        self.settings = settings
        self._save_settings = save_settings
        self._notify = notify
        self._document_path = document_path
        self.source = SpellingSource()
        self.source.enabled = settings.spelling_enabled
        self.language = ""  # the dictionary checking this document; "" none
        editor.decorations.add_source(self.source)
        self.button = ElidedToolButton()
        self.button.setAutoRaise(True)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolTip(tx("Spelling", "The language this document is checked in"))
        self.button.setMenu(QMenu(self.button))
        self.button.menu().aboutToShow.connect(
            lambda: self.fill_language_menu(self.button.menu()))
        self.check_action: QAction | None = None
        self.document_opened()
        problem = service.personal.problem
        if problem:  # its words are marked as misspelled: say why, once the window shows
            QTimer.singleShot(0, self, lambda: notify(say(problem)))

    # --- the document's language --------------------------------------------------

    @Slot()
    def document_opened(self) -> None:
        """A document opened or a new one began: find its language (after the window has
        painted it: loading a dictionary takes a tenth of a second)."""
        self.source.ignored.clear()
        QTimer.singleShot(0, self, self.find_language)

    def find_language(self) -> None:
        path = self._document_path()
        chosen = self.service.language_of(path)
        if chosen is None:
            chosen = self.service.guess(document_text(self.editor)) or self.default_language()
        self.use_language(chosen)

    def default_language(self) -> str:
        names = [d.name for d in self.service.dictionaries()]
        wanted = self.settings.spelling_language
        if wanted in names:
            return wanted
        interface = QLocale().name()
        for name in names:
            if name == interface or (name.split("_")[0] == interface.split("_")[0]):
                return name
        return FALLBACK_DICTIONARY if FALLBACK_DICTIONARY in names else (names or [""])[0]

    def use_language(self, name: str) -> None:
        """Check with dictionary `name` (NO_CHECKING or "": not at all)."""
        checker: SpellChecker | None = None
        if name and name != NO_CHECKING:
            try:
                checker = self.service.checker(name)
            except Exception as exc:  # a broken dictionary file, whatever Hunspell says
                self._notify(tx("Spelling", "The dictionary {name} could not be loaded "
                                            "({problem}). Choose another in the status "
                                            "bar.").format(name=name, problem=exc))
        self.language = name if checker is not None or name == NO_CHECKING else ""
        self.source.checker = checker
        dictionary = checker.dictionary if checker is not None else None
        self.button.setText(short_label(dictionary) if dictionary is not None
                            else tx("Spelling", "No spelling"))
        self.button.setVisible(self.source.enabled)
        self.editor.decorations.refresh()

    def choose_language(self, name: str) -> None:
        """The writer chose `name` for this document: use it and remember it."""
        self.use_language(name)
        path = self._document_path()
        if path is not None:
            self.service.remember_language(path, name)

    def fill_language_menu(self, menu: QMenu) -> None:
        menu.clear()
        for dictionary in self.service.dictionaries():
            action = add_action(menu, dictionary_label(dictionary),
                                lambda _c=False, n=dictionary.name: self.choose_language(n))
            action.setCheckable(True)
            action.setChecked(dictionary.name == self.language)
        off = add_action(menu, tx("Spelling", "Do Not Check This Document"),
                         lambda: self.choose_language(NO_CHECKING))
        off.setCheckable(True)
        off.setChecked(self.language == NO_CHECKING)
        menu.addSeparator()
        add_action(menu, tx("Spelling", "Add Dictionary…"), self.add_dictionary)

    # --- turning it on and off, adding dictionaries -------------------------------

    def fill_edit_menu(self, menu: QMenu) -> None:
        self.check_action = add_action(menu, tx("Menus", "Check &Spelling As I Type"),
                                       self.set_enabled, "F7")
        self.check_action.setCheckable(True)
        self.check_action.setChecked(self.source.enabled)
        languages = menu.addMenu(tx("Menus", "Spelling &Language"))
        languages.aboutToShow.connect(lambda: self.fill_language_menu(languages))

    def set_enabled(self, enabled: bool) -> None:
        self.settings.spelling_enabled = enabled
        self._save_settings()
        self.apply_settings()

    def apply_settings(self) -> None:
        """Show what the settings say now (Preferences changed them)."""
        self.source.enabled = self.settings.spelling_enabled
        if self.check_action is not None:
            self.check_action.setChecked(self.source.enabled)
        self.button.setVisible(self.source.enabled)
        self.editor.decorations.refresh()

    def set_scheme(self, scheme: str) -> None:
        self.source.set_scheme(scheme)
        self.editor.decorations.refresh()

    def add_dictionary(self, parent: QWidget | None = None) -> None:
        """Ask for a dictionary (a .dic file or a LibreOffice extension) and add it."""
        path, _ = QFileDialog.getOpenFileName(
            parent or self.editor, tx("Spelling", "Add Dictionary"), str(Path.home()),
            tx("Spelling", "Hunspell dictionaries (*.dic *.aff *.oxt *.zip);;All files (*)"))
        if path:
            self.install(Path(path))

    def install(self, source: Path) -> list[str]:
        """Add the dictionaries at `source`; return their names ([] if it failed, after
        saying why)."""
        try:
            installed = self.service.install(source)
        except WriterError as exc:
            self._notify(say(exc))
            return []
        names = [dictionary.name for dictionary in installed]
        if self.language in names:
            self.use_language(self.language)  # the new version of it
        return names

    # --- the word under a right-click ---------------------------------------------

    def add_to_context_menu(self, menu: QMenu, viewport_pos: QPoint) -> None:
        """Put suggestions for the misspelled word at `viewport_pos` (if it is one)
        at the top of `menu`, with Add to Dictionary and Ignore."""
        if not self.source.active():
            return
        hit = hit_at(self.editor, viewport_pos)
        if hit.on_painted_text:
            return  # ghost text or a proposal: not the writer's words yet
        block = self.editor.document().findBlock(hit.position)
        word = self.source.word_at(block.text(), index_in_block(block, hit.position),
                                   self.editor.decorations.fences.in_code(block.blockNumber()))
        checker = self.source.checker
        if word is None or checker is None:
            return
        # A cursor, not a number: it follows any edit made while the menu is open.
        selected = select_in_block(block, word.start, word.end)
        first = menu.actions()[0] if menu.actions() else None
        entries: list[QAction] = []
        suggestions = checker.suggestions(word.text)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            bold = QFont(action.font())
            bold.setBold(True)
            action.setFont(bold)
            action.triggered.connect(
                lambda _c=False, s=suggestion: self.replace(selected, s))
            entries.append(action)
        if not suggestions:
            none = QAction(tx("Spelling", "(No suggestions)"), menu)
            none.setEnabled(False)
            entries.append(none)
        add = QAction(tx("Spelling", "Add “{word}” to Dictionary").format(word=word.text), menu)
        add.triggered.connect(lambda: self.add_word(word.text))
        ignore = QAction(tx("Spelling", "Ignore “{word}”").format(word=word.text), menu)
        ignore.triggered.connect(lambda: self.ignore(word.text))
        entries += [add, ignore]
        menu.insertActions(first, entries)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]

    def replace(self, word: QTextCursor, text: str) -> None:
        """Put `text` in place of the word `word` selects: one step to undo."""
        word.insertText(text)
        self.editor.setTextCursor(word)

    def add_word(self, word: str) -> None:
        try:
            self.service.add_word(word)
        except WriterError as exc:
            self._notify(say(exc))
            return
        self.editor.decorations.refresh()

    def ignore(self, word: str) -> None:
        """Leave `word` unmarked in this document until it closes."""
        self.source.ignored.add(word)
        self.editor.decorations.refresh()
