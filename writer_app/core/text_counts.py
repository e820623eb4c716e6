"""How long a text is, counted the way its writer counts.

Writers of spaced scripts count words. Writers of Chinese and Japanese count characters
(字数, 文字数): a sentence of theirs holds no spaces to count words by. So a count holds
both: `words` (each word of a spaced script and, as Word and LibreOffice count, each
Chinese or Japanese character) and `characters` (every character but line breaks).
`prefers_characters` says which one the writer of this text expects first.

Thai, Lao, Khmer and Burmese are written without spaces too, but their writers count
words: their runs are cut into words by the word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass
from enum import StrEnum

from writer_app.core.word_breaks import words as boundary_words

# Han ideographs (with extensions and compatibility forms), kana, and the iteration
# and ideographic number marks: one character, one unit of count.
_CJK_CHARACTER = re.compile(
    "[\u3005\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u309f\u30a1-\u30fa"
    "\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f]"
)
_CJK_RUN = re.compile(_CJK_CHARACTER.pattern + "+")
_SOUTHEAST_ASIAN_RUN = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+")
_SPACED_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SPACE = re.compile(r"\s")
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")
# Where a long text may be cut into slices that count the same as the whole: before
# white space or a Chinese or Japanese character, never inside a word.
SLICE_POINT = re.compile(r"\s|" + _CJK_CHARACTER.pattern)


class CountUnit(StrEnum):
    """What the status bar counts first: chosen by the text, or by the writer."""

    AUTO = "auto"
    WORDS = "words"
    CHARACTERS = "characters"


@dataclass(frozen=True)
class TextCounts:
    """The counts of one text; counts of consecutive slices add up."""

    words: int = 0
    characters: int = 0  # not counting line breaks
    characters_without_spaces: int = 0
    cjk_characters: int = 0
    spaced_words: int = 0

    def __add__(self, other: TextCounts) -> TextCounts:
        return TextCounts(*(a + b for a, b in zip(astuple(self), astuple(other),
                                                  strict=True)))

    @property
    def prefers_characters(self) -> bool:
        """Return whether the text is mostly Chinese or Japanese, whose writers count
        characters."""
        return self.cjk_characters > self.spaced_words

    def unit(self, choice: CountUnit) -> CountUnit:
        """Return the unit to show first, given the writer's choice."""
        if choice is not CountUnit.AUTO:
            return choice
        return CountUnit.CHARACTERS if self.prefers_characters else CountUnit.WORDS


def count_text(text: str) -> TextCounts:
    """Count `text`. Slices cut at white space count the same as the whole."""
    length = len(text)
    line_breaks = len(_LINE_BREAK.findall(text))
    spaces = len(_SPACE.findall(text))
    # Runs, not characters: one match per run of Chinese keeps a book's count quick.
    runs = _CJK_RUN.findall(text)
    cjk = sum(map(len, runs))
    if cjk:
        text = _CJK_RUN.sub(" ", text)
    southeast_asian = 0
    if _SOUTHEAST_ASIAN_RUN.search(text):
        southeast_asian = sum(len(boundary_words(run))
                              for run in _SOUTHEAST_ASIAN_RUN.findall(text))
        text = _SOUTHEAST_ASIAN_RUN.sub(" ", text)
    spaced = len(_SPACED_WORD.findall(text)) + southeast_asian
    return TextCounts(words=spaced + cjk, characters=length - line_breaks,
                      characters_without_spaces=length - spaces, cjk_characters=cjk,
                      spaced_words=spaced)


_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def writing_language(text: str) -> str:
    """Return the language a text is written in, where its script tells ("zh", "ja"
    or "ko"), else "": enough to choose a prompt's examples, not a language detector."""
    sample = text[-4000:]
    counts = count_text(sample)
    hangul = len(_HANGUL.findall(sample))
    if hangul > counts.spaced_words - hangul // 2 and hangul > counts.cjk_characters:
        return "ko"
    if not counts.prefers_characters:
        return ""
    return "ja" if len(_KANA.findall(sample)) * 10 >= counts.cjk_characters else "zh"
