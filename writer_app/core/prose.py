"""Shape raw model output into a suggestion a writer wants to see.

A suggestion ends where prose naturally pauses (a few words, the clause or sentence, or
the paragraph), never repeats the text that follows the cursor, never doubles a space,
and is dropped when it holds no words at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class SuggestionLength(StrEnum):
    """How far a suggestion runs before it stops."""

    WORDS = "words"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"


# Words a sentence mode suggestion may not end on after a period.
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "vs", "etc", "e.g", "i.e", "cf",
    "no", "vol", "fig", "approx", "mt", "ft", "ave",
))
_CLOSERS = "\"'”’»)]}"
_SENTENCE_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_CLAUSE_END = re.compile(r"(?:[,;:]|\s[—–-])(?=\s)|—")
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")

# Words before a clause break that a suggestion must reach in each mode.
_MIN_WORDS_BEFORE_CLAUSE = {SuggestionLength.WORDS: 1, SuggestionLength.SENTENCE: 8}
_MAX_WORDS = {SuggestionLength.WORDS: 4}


@dataclass(frozen=True)
class Shaped:
    """A suggestion ready to show, and whether it is finished (generation may stop)."""

    text: str
    complete: bool


def has_words(text: str) -> bool:
    """Return whether `text` holds a letter or digit: suggestions without one are noise."""
    return _WORD_CHAR.search(text) is not None


def _is_abbreviation(text: str, period_index: int) -> bool:
    start = period_index
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:period_index].lower() in _ABBREVIATIONS


def _cut_at_prose_boundary(text: str, length: SuggestionLength) -> int | None:
    """Return where the suggestion should end, or None while it has not ended yet."""
    content_start = len(text) - len(text.lstrip())
    newline = text.find("\n", content_start)
    limit = newline if newline != -1 else None
    if length is SuggestionLength.PARAGRAPH:
        return limit
    for match in _SENTENCE_END.finditer(text, content_start):
        if limit is not None and match.start() >= limit:
            break
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        limit = match.end()
        break
    min_words = _MIN_WORDS_BEFORE_CLAUSE[length]
    for match in _CLAUSE_END.finditer(text, content_start):
        if limit is not None and match.start() >= limit:
            break
        if len(_WORD.findall(text, 0, match.start())) >= min_words:
            limit = match.end() if text[match.start()] in ",;:" else match.start()
            break
    max_words = _MAX_WORDS.get(length)
    if max_words is not None:
        words = list(_WORD.finditer(text))
        if len(words) > max_words:
            end = words[max_words - 1].end()
            # Keep punctuation glued to the last word ("mat." not "mat").
            while end < len(text) and not text[end].isspace() and not text[end].isalnum():
                end += 1
            if limit is None or end < limit:
                limit = end
    return limit


def _cut_before_following_text(text: str, after: str) -> int | None:
    """Return where the suggestion starts to write what already follows the cursor."""
    following = after.split("\n", 1)[0].strip()
    if not following:
        return None
    if not following[0].isalnum():
        # The line goes on with punctuation (", and then…"): end the suggestion before
        # the model writes that same mark, so accepting it never doubles or swallows it.
        index = text.find(following[0])
        return index if index != -1 else None
    probe = following[: min(len(following), 12)]
    index = text.find(probe)
    return index if index > 0 else None


def shape_suggestion(
    raw: str,
    before: str,
    after: str,
    length: SuggestionLength = SuggestionLength.SENTENCE,
    finished: bool = False,
) -> Shaped:
    """Turn the model's raw output so far into the suggestion to show.

    `before` and `after` are the document text around the cursor; `finished` says the
    model has stopped, so whatever it wrote is final.
    """
    text = raw
    if not before or before[-1] in " \t\n":
        # The cursor already follows a space or a line break: a leading space from the
        # model would double it.
        text = text.lstrip(" \t")
    if not before or before.endswith("\n\n"):
        text = text.lstrip("\n")
    complete = finished
    cuts = [
        cut
        for cut in (_cut_at_prose_boundary(text, length), _cut_before_following_text(text, after))
        if cut is not None
    ]
    if cuts:
        text = text[: min(cuts)]
        complete = True
    text = text.rstrip()
    if not has_words(text) or repeats_following_text(text, after):
        return Shaped("", complete)
    return Shaped(text, complete)


def repeats_following_text(suggestion: str, after: str) -> bool:
    """Return whether the suggestion only says again what follows the cursor."""
    core = suggestion.strip()
    following = after.lstrip()
    return bool(core) and following.startswith(core)


def next_word(suggestion: str) -> str:
    """Return the part of a suggestion that Ctrl+Right accepts: up to the end of a word.

    That is the leading white space, then one run of non-space characters: a word with
    any punctuation glued to it ("mat." or "don't"), so accepting a word never leaves
    its comma or period behind and never adds a space inside a word.
    """
    match = re.match(r"\s*\S+", suggestion)
    return match.group(0) if match else suggestion


def is_inside_word(before: str, after: str) -> bool:
    """Return whether the cursor sits between two letters of one word."""
    return bool(before) and bool(after) and before[-1].isalnum() and after[0].isalnum()
