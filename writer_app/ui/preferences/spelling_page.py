"""Preferences → Spelling: checking on or off, the default language, and adding
dictionaries for other languages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QPushButton, QWidget

from writer_app.core.settings import Settings
from writer_app.core.spelling.dictionaries import Dictionary
from writer_app.ui.i18n import tx
from writer_app.ui.spelling.dictionary_names import dictionary_label

DICTIONARIES_URL = "https://github.com/LibreOffice/dictionaries"


class SpellingPage(QWidget):
    """The Spelling tab; `add_dictionary()` asks for one and returns the list after."""

    def __init__(self, settings: Settings, dictionaries: Callable[[], list[Dictionary]],
                 add_dictionary: Callable[[QWidget], object]) -> None:
        super().__init__()
        self._dictionaries = dictionaries
        form = QFormLayout(self)
        self.enabled = QCheckBox(tx("Preferences", "Check spelling as I type"))
        self.enabled.setChecked(settings.spelling_enabled)
        form.addRow(self.enabled)
        self.language = QComboBox()
        form.addRow(tx("Preferences", "Default language:"), self.language)
        self._fill_languages(settings.spelling_language)
        add = QPushButton(tx("Preferences", "Add Dictionary…"))
        add.clicked.connect(lambda: (add_dictionary(self),
                                     self._fill_languages(self.chosen_language())))
        form.addRow("", add)
        note = QLabel(tx("Preferences", "English comes with Local Writer. Dictionaries for "
                                        "other languages are LibreOffice's Hunspell "
                                        "dictionaries: a .dic and an .aff file, or a "
                                        "LibreOffice extension (.oxt), from {url} or "
                                        "extensions.libreoffice.org. A document’s own "
                                        "language is chosen in the status bar; a new "
                                        "document is checked in the language its text fits, "
                                        "or in this one.").format(url=DICTIONARIES_URL))
        note.setWordWrap(True)
        form.addRow(note)

    def _fill_languages(self, current: str) -> None:
        self.language.clear()
        self.language.addItem(tx("Preferences", "Automatic (from the text)"), "")
        for dictionary in self._dictionaries():
            self.language.addItem(dictionary_label(dictionary), dictionary.name)
        self.language.setCurrentIndex(max(0, self.language.findData(current)))

    def chosen_language(self) -> str:
        return str(self.language.currentData() or "")

    def apply_to(self, settings: Settings) -> None:
        settings.spelling_enabled = self.enabled.isChecked()
        settings.spelling_language = self.chosen_language()
