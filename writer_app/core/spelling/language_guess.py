"""Guess which of the installed dictionaries a text is written in.

Only where that is easy: the dictionary that knows most of the first few hundred words
wins, if it knows most of them and clearly more than the runner-up. A text mostly in a
script written without spaces (Chinese, Japanese, Thai) is not guessed at all: no
dictionary checks it. Nothing here knows any language by name; what is installed
decides.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from writer_app.core.spelling.checkable_words import checkable_words
from writer_app.core.word_breaks import is_unspaced

SAMPLE_WORDS = 300
SAMPLE_CHARS = 20_000
MIN_WORDS = 12
# The winner must know this share of the sample, and this much more than the next.
MIN_SHARE = 0.75
MIN_LEAD = 0.1
# Variants of one language (British and American English) are told apart by the words
# only one of them knows: at least this many, and twice as many as any other's.
MIN_VARIANT_WORDS = 2

Known = Callable[[str], bool]


def sample_words(text: str) -> list[str]:
    """Return up to SAMPLE_WORDS checkable words from the start of `text`."""
    head = text[:SAMPLE_CHARS]
    words = (word.text for paragraph in head.split("\n")
             for word in checkable_words(paragraph))
    return list(itertools.islice(words, SAMPLE_WORDS))


def mostly_unspaced(text: str) -> bool:
    """Whether most letters of the start of `text` are of scripts without spaces."""
    letters = [c for c in text[:SAMPLE_CHARS] if c.isalpha()]
    return bool(letters) and sum(map(is_unspaced, letters)) * 2 > len(letters)


def guess_language(text: str, checkers: Sequence[tuple[str, Known]]) -> str | None:
    """Return the name of the checker (language, known-word test) that fits `text`
    best, or None when none clearly does or the text is too short to tell."""
    if mostly_unspaced(text):
        return None
    words = sample_words(text)
    if len(words) < MIN_WORDS or not checkers:
        return None
    shares = sorted(((sum(map(known, words)) / len(words), name) for name, known in checkers),
                    reverse=True)
    best_share, best = shares[0]
    runner_up = shares[1][0] if len(shares) > 1 else 0.0
    if best_share >= MIN_SHARE and best_share - runner_up >= MIN_LEAD:
        return best
    if best_share >= MIN_SHARE:
        return _variant(words, [(name, known) for name, known in checkers
                                if _language(name) == _language(best)])
    return None


def _language(name: str) -> str:
    return name.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0]


def _variant(words: list[str], variants: Sequence[tuple[str, Known]]) -> str | None:
    """Of dictionaries for variants of one language (en_GB, en_US), return the one the
    words they disagree on favour ("colour", "realise"), if they clearly do."""
    if len(variants) < 2:
        return None
    known = {name: {word for word in words if test(word)} for name, test in variants}
    own = sorted(((len(found - set().union(*(other for name_, other in known.items()
                                              if name_ != name))), name)
                  for name, found in known.items()), reverse=True)
    (most, winner), (next_most, _) = own[0], own[1]
    return winner if most >= MIN_VARIANT_WORDS and most > 2 * next_most else None
