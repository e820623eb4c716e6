"""The writer's own words: names, places, coinages. One plain word list, a word per
line in UTF-8, in the config folder, shared by every document and every language, so
the writer can read it, edit it, and carry it to another computer."""

from __future__ import annotations

from pathlib import Path

from writer_app.core.document_io import write_atomically

PERSONAL_DICTIONARY_FILE = "personal-dictionary.txt"


class PersonalDictionary:
    """The words the writer added, kept in a plain text file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._words: set[str] = set()
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""  # none yet, or unreadable: start empty and write a new one on add
        self._words = {line.strip() for line in text.splitlines() if line.strip()}

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self._words)

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def add(self, word: str) -> None:
        """Add `word` and write the list at once (raise SaveFailedError if it cannot)."""
        word = word.strip()
        if not word or word in self._words:
            return
        self._words.add(word)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"{known}\n" for known in sorted(self._words, key=str.casefold))
        write_atomically(self.path, text.encode("utf-8"))
