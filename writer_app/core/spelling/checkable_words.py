"""Which words of a paragraph a spell checker should look at, and where they are.

Not every run of letters is a word the writer spelled: a URL, an e-mail address, code
between backticks, a link's target, Markdown's own marks, a word with digits in it
("3rd", "mp3"), an abbreviation in capitals ("NASA") are left alone, as word processors
do. Neither is text in scripts written without spaces (Chinese, Japanese, Thai): the
dictionaries writers install for them do not check words, and finding the words at all
needs a dictionary of its own.

Letters are Unicode letters in any script, so Greek, Cyrillic, Arabic or Devanagari
prose is checked as English is, by the dictionary of its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from writer_app.core.word_breaks import UNSPACED_CLASS

# Letters, with the marks that combine with them (accents, Hebrew and Arabic vowel
# points, the vowel signs of Indic scripts), joined by an apostrophe inside a word:
# "don't", "l'homme". A hyphen parts words: "well-known" is checked as two.
_MARKS = "[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0900-\u0dff]"
_LETTER = rf"(?:[^\W\d_]|{_MARKS})"
_WORD = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}+)*")
# The same for a paragraph without such marks, twice as quick: one class, no group.
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_HAS_MARKS = re.compile(_MARKS)
# What is not prose: left out whole, before words are looked for.
_NOT_PROSE = re.compile(
    r"`[^`]*`"                      # a code span
    r"|\]\([^)\s]*\)"               # a link's target: ](http://…)
    r"|<[^>\s]+>"                   # an autolink or an HTML tag
    r"|\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+"  # a URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
    r"|\w*\d\w*",                    # a word with digits, or an underscore name
    re.IGNORECASE,
)
# A character without which none of _NOT_PROSE can match: most paragraphs have none,
# and one plain scan for them is far quicker than trying _NOT_PROSE at every position.
_MAYBE_NOT_PROSE = re.compile(r"[`\]<@:\d]|[wW]{3}\.")
_UNSPACED = re.compile(UNSPACED_CLASS)
FENCE = re.compile(r"^\s{0,3}(```|~~~)")


class Word(NamedTuple):
    # A tuple, not a dataclass: a paragraph has a hundred of them per keystroke.
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def checkable_words(paragraph: str) -> Iterator[Word]:
    """Yield the words of `paragraph` a spell checker should check, with their offsets."""
    skipped = ([match.span() for match in _NOT_PROSE.finditer(paragraph)]
               if _MAYBE_NOT_PROSE.search(paragraph) else [])
    unspaced = _UNSPACED.search(paragraph) is not None
    at = 0
    words = _WORD if _HAS_MARKS.search(paragraph) else _PLAIN_WORD
    for match in words.finditer(paragraph):
        text = match.group()
        if len(text) < 2 or text.isupper():
            continue  # a letter alone (an initial, "a"), an abbreviation (NASA)
        start = match.start()
        if skipped:
            while at < len(skipped) and skipped[at][1] <= start:
                at += 1
            if at < len(skipped) and skipped[at][0] < start + len(text):
                continue
        if unspaced and _UNSPACED.search(text):
            continue
        yield Word(start, text)


def spelled_as_in_dictionaries(word: str) -> str:
    """Return `word` as dictionaries spell it: with a straight apostrophe (most
    dictionaries list "don't", few "don’t")."""
    return word.replace("’", "'")
