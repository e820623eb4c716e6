"""Spelling underlines: a wavy line under each word the dictionary does not know.

The word the writer is typing (the cursor at its end) is not marked until they leave
it: "recei" is not a misspelling yet. Words in fenced code are not checked, and neither
is what checkable_words leaves out (URLs, code spans, Markdown's marks). Ghost text and
proposals live in the preedit area, never in the block's text, so what the model
suggests is not checked until the writer accepts it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from writer_app.core.markdown_spans import is_fence
from writer_app.core.spelling.checkable_words import Word, checkable_words
from writer_app.core.spelling.spell_checker import SpellChecker
from writer_app.ui.text_positions import Decoration

# Red that reads on warm paper and on the dark theme's grey alike.
UNDERLINE_COLORS = {"light": "#c4373a", "dark": "#ff7b72"}


class SpellingSource:
    """Find misspelled words in a block's text and format them."""

    def __init__(self) -> None:
        self.checker: SpellChecker | None = None
        self.enabled = True
        self.ignored: set[str] = set()  # "Ignore" in this document, until it closes
        self._format = QTextCharFormat()
        self.set_scheme("light")

    def set_scheme(self, scheme: str) -> None:
        """Colour the underline for the "light" or "dark" theme."""
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(QColor(UNDERLINE_COLORS.get(scheme, "#c4373a")))

    def active(self) -> bool:
        return self.enabled and self.checker is not None

    def misspelled(self, text: str, cursor: int = -1, in_code: bool = False) -> list[Word]:
        """Return the words of a paragraph the dictionary does not know; `cursor` is
        where the cursor is in it (-1: elsewhere); nothing in fenced code."""
        checker = self.checker
        if checker is None or not self.enabled or in_code or is_fence(text):
            return []
        return [word for word in checkable_words(text)
                if word.end != cursor and word.text not in self.ignored
                and not checker.is_correct(word.text)]

    def formats(self, text: str, cursor: int, in_code: bool = False) -> list[Decoration]:
        return [Decoration(word.start, word.end, self._format)
                for word in self.misspelled(text, cursor, in_code)]

    def word_at(self, text: str, offset: int, in_code: bool = False) -> Word | None:
        """Return the misspelled word of a paragraph that `offset` (a Python index) is in
        or touches."""
        for word in self.misspelled(text, in_code=in_code):
            if word.start <= offset <= word.end:
                return word
        return None

