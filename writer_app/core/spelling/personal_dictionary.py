"""The writer's own words: names, places, coinages. One plain word list, a word per
line in UTF-8, in the config folder, shared by every document and every language, so
the writer can read it, edit it, and carry it to another computer.

The list is read strictly. A file that cannot be read, or is not UTF-8 (a list of
accented names saved in Latin-1 by another editor), is never written again: rewriting
what was decoded with replacement characters would turn each such letter into U+FFFD
for good. `problem` then says what is wrong, and words added are known until the app
quits. (The app's own small files are set aside and started afresh instead, see
core/unreadable_files.py: this one is the writer's, and stays where they keep it.)
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from writer_app.core.document_io import write_atomically
from writer_app.core.errors import SaveFailedError
from writer_app.core.said import said

PERSONAL_DICTIONARY_FILE = "personal-dictionary.txt"


class PersonalDictionary:
    """The words the writer added, kept in a plain text file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None  # why the file could not be read; then kept as is
        self._words: set[str] = set()
        try:
            # utf-8-sig: Windows' Notepad starts a UTF-8 file with a byte order mark.
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            return  # none yet: the first word added makes it
        except UnicodeDecodeError as exc:
            line = exc.object[:exc.start].count(b"\n") + 1
            self._refuse(said("Spelling", "it is not UTF-8 text (line {line})").format(
                line=line))
            return
        except OSError as exc:
            self._refuse(exc.strerror or str(exc))
            return
        self._words = {line.strip() for line in text.splitlines() if line.strip()}

    def _refuse(self, reason: str) -> None:
        self.problem = said(
            "Spelling", "Your personal dictionary {path} could not be read: {reason}. It "
                        "is left as it is, and words you add are known only until you "
                        "quit. Save it as UTF-8 text, a word a line, to use it again.").format(
            path=self.path, reason=reason)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self._words)

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def add(self, word: str) -> None:
        """Add `word` and write the list at once; raise SaveFailedError if it cannot be
        written, or if the file could not be read (the word is then known until quit)."""
        word = word.strip()
        if not word or word in self._words:
            return
        self._words.add(word)
        if self.problem is not None:
            raise SaveFailedError(self.problem)
        with contextlib.suppress(OSError):  # if it failed, the write says why, as a save
            self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"{known}\n" for known in sorted(self._words, key=str.casefold))
        write_atomically(self.path, text.encode("utf-8"))
