"""The app's spell checking, shared by its documents: which dictionaries there are,
loading them once, the writer's own words, and each document's language.

A document's language is remembered by its path, in the data folder; a new document
takes the default from Preferences, or, once it has enough text, the installed
dictionary its text fits (see language_guess.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from writer_app.core.document_io import write_atomically
from writer_app.core.errors import SaveFailedError
from writer_app.core.spelling.dictionaries import (
    Dictionary,
    available_dictionaries,
    install_dictionaries,
)
from writer_app.core.spelling.language_guess import guess_language
from writer_app.core.spelling.personal_dictionary import (
    PERSONAL_DICTIONARY_FILE,
    PersonalDictionary,
)
from writer_app.core.spelling.spell_checker import SpellChecker
from writer_app.core.unreadable_files import set_aside

DOCUMENT_LANGUAGES_FILE = "document-languages.json"
NO_CHECKING = "none"  # a document the writer asked not to check
_REMEMBERED_DOCUMENTS = 500


class SpellingService:
    """Dictionaries, loaded on first use, and the languages of documents."""

    def __init__(self, config_dir: Path, data_dir: Path, shipped_dir: Path | None = None,
                 ) -> None:
        self.data_dir = data_dir
        self.shipped_dir = shipped_dir  # the app's own dictionaries (British English)
        self.personal = PersonalDictionary(config_dir / PERSONAL_DICTIONARY_FILE)
        self._checkers: dict[str, SpellChecker] = {}
        self._languages_file = data_dir / DOCUMENT_LANGUAGES_FILE
        self._languages = self._read_languages()

    def dictionaries(self) -> list[Dictionary]:
        return available_dictionaries(self.data_dir, self.shipped_dir)

    def dictionary(self, name: str) -> Dictionary | None:
        return next((d for d in self.dictionaries() if d.name == name), None)

    def checker(self, name: str) -> SpellChecker | None:
        """Return the checker of dictionary `name`, loading it the first time (a tenth
        of a second for English); None if there is no such dictionary."""
        checker = self._checkers.get(name)
        if checker is None:
            dictionary = self.dictionary(name)
            if dictionary is None:
                return None
            checker = SpellChecker(dictionary, self.personal)
            self._checkers[name] = checker
        return checker

    def add_word(self, word: str) -> None:
        """Add `word` to the writer's dictionary, for every language (raise
        SaveFailedError if the list cannot be written or was not read: the word is then
        known until the app quits)."""
        try:
            self.personal.add(word)
        finally:
            for checker in self._checkers.values():
                checker.learn(word)

    def install(self, source: Path) -> list[Dictionary]:
        """Add the dictionaries at `source` (see dictionaries.install_dictionaries)."""
        installed = install_dictionaries(source, self.data_dir)
        for dictionary in installed:
            self._checkers.pop(dictionary.name, None)  # a newer version replaces it
        return installed

    def guess(self, text: str) -> str | None:
        """Return the installed dictionary `text` fits, if that is clear."""
        candidates = []
        for dictionary in self.dictionaries():
            checker = self.checker(dictionary.name)
            if checker is not None:
                candidates.append((dictionary.name, checker.knows))
        return guess_language(text, candidates)

    # --- each document's language -------------------------------------------------

    def language_of(self, path: Path | None) -> str | None:
        """Return the language chosen or found for the document at `path`, if any."""
        return self._languages.get(str(path)) if path is not None else None

    def remember_language(self, path: Path, name: str) -> None:
        """Keep `name` (a dictionary, or NO_CHECKING) as the language of `path`."""
        key = str(path)
        self._languages.pop(key, None)
        self._languages[key] = name
        while len(self._languages) > _REMEMBERED_DOCUMENTS:
            del self._languages[next(iter(self._languages))]
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            write_atomically(self._languages_file,
                             json.dumps(self._languages, indent=1).encode("utf-8"))
        except (SaveFailedError, OSError):
            pass  # a preference, not the writer's text: it holds for this session

    def _read_languages(self) -> dict[str, str]:
        try:
            raw = json.loads(self._languages_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            set_aside(self._languages_file)  # not written over by the next choice
            return {}
        if not isinstance(raw, dict):
            set_aside(self._languages_file)
            return {}
        return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}
