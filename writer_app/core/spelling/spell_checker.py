"""Check words against one Hunspell dictionary and the writer's own words.

Hunspell answers in a few microseconds per word; answers are remembered, so that
checking a paragraph again after a keystroke looks up only the word that changed.
Suggestions take Hunspell much longer (a tenth of a second or more), so they are asked
for only when the writer asks (a right-click on the word).

chunspell's calls hold Python's lock while Hunspell works: another thread would not
keep the window responsive, so checking is done a little at a time on the GUI thread
instead (see ui/editor/spelling_source.py).
"""

from __future__ import annotations

from hunspell import Hunspell

from writer_app.core.spelling.checkable_words import spelled_as_in_dictionaries
from writer_app.core.spelling.dictionaries import Dictionary
from writer_app.core.spelling.personal_dictionary import PersonalDictionary

SUGGESTIONS = 7


class SpellChecker:
    """One dictionary, with the writer's words added to it."""

    def __init__(self, dictionary: Dictionary, personal: PersonalDictionary) -> None:
        """Load `dictionary` (a tenth of a second for English); raise OSError-like
        errors from Hunspell if its files cannot be read."""
        self.dictionary = dictionary
        self._personal = personal
        self._hunspell = Hunspell(dictionary.name, hunspell_data_dir=str(dictionary.folder))
        self._encoding: str = self._hunspell._dic_encoding
        self._known: dict[str, bool] = {}
        for word in personal.words:
            self.learn(word)

    @property
    def language(self) -> str:
        return self.dictionary.language

    def is_correct(self, word: str) -> bool:
        """Whether `word` is spelled right; a word the dictionary's alphabet cannot
        write (another script) counts as right: it is not this dictionary's to judge."""
        known = self._known.get(word)
        if known is None:
            known = self._check(word)
            self._known[word] = known
        return known

    def knows(self, word: str) -> bool:
        """Whether the dictionary itself lists `word` (for guessing a text's language:
        a word of another script is not known)."""
        spelled = spelled_as_in_dictionaries(word)
        return self._writable(spelled) and bool(self._hunspell.spell(spelled))

    def _check(self, word: str) -> bool:
        spelled = spelled_as_in_dictionaries(word)
        if not self._writable(spelled):
            return True
        return bool(self._hunspell.spell(spelled)) or word in self._personal

    def _writable(self, word: str) -> bool:
        try:
            word.encode(self._encoding)
        except (UnicodeEncodeError, LookupError):
            return False
        return True

    def suggestions(self, word: str) -> list[str]:
        """Return the likeliest spellings of `word`, best first (slow: see above)."""
        spelled = spelled_as_in_dictionaries(word)
        if not self._writable(spelled):
            return []
        found = list(self._hunspell.suggest(spelled))
        if "’" in word:  # keep the writer's typographic apostrophe
            found = [suggestion.replace("'", "’") for suggestion in found]
        return found[:SUGGESTIONS]

    def add_to_personal(self, word: str) -> None:
        """Add `word` to the writer's dictionary (written at once) and to this one."""
        try:
            self._personal.add(word)
        finally:
            self.learn(word)  # known for this session even if the list cannot keep it

    def learn(self, word: str) -> None:
        """Take `word` as spelled right (the writer added it, here or elsewhere)."""
        spelled = spelled_as_in_dictionaries(word)
        if self._writable(spelled):
            self._hunspell.add(spelled)
        self._known[word] = True
        self._known.pop(spelled, None)
