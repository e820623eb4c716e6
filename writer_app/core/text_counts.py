"""How long a text is, counted as word processors count it.

One rule for every script, as Microsoft Word counts (its 字数, LibreOffice's too): each
Chinese or Japanese character (ideographs, kana, bopomofo) is one, each word of a script
written with spaces (Latin, Cyrillic, Greek, Hangul, Arabic… and numbers) is one, and
punctuation, symbols and emoji count nothing. So "他说 hello world。" is 4. Thai, Lao, Khmer
and Burmese are written without spaces but counted in words: their runs are cut into
words by the word boundaries.

That one number is `words`; writers of Chinese and Japanese call it characters (字数,
文字数) and everyone else words, and `unit` says which name the text calls for. The
status bar, the session goal and the writing log all show this number. `characters` (every
character but line breaks, letters and spaces of English included) is a different figure.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass
from enum import StrEnum

from writer_app.core.word_breaks import HAN_IDEOGRAPHS
from writer_app.core.word_breaks import words as boundary_words

# Han ideographs, kana, bopomofo, and the iteration and ideographic number marks: one
# character, one unit of count.
_CJK_CHARACTER = re.compile(
    "[\u3005\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u309f\u30a1-\u30fa"
    "\u30fc-\u30ff\u3105-\u312f\u31a0-\u31bf\u31f0-\u31ff\uff66-\uff9f" + HAN_IDEOGRAPHS + "]"
)
_CJK_RUN = re.compile(_CJK_CHARACTER.pattern + "+")
_SOUTHEAST_ASIAN_RUN = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+")
# From space to space, with at least one letter or digit: "well-known," "3.5" "e.g."
# "$1,000.50" are one word each, as word processors count; "—" and "..." none.
_SPACED_WORD = re.compile(r"\S*?[^\W_]\S*")
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

    words: int = 0  # the count: each CJK character and each spaced word once
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
        """Return what to call `words`, given the writer's choice: characters (字) for
        text mostly in Chinese or Japanese, words for any other."""
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
