"""Shape raw model output into a suggestion a writer wants to see.

A suggestion ends where prose naturally pauses (a few words, the clause or sentence, or
the paragraph), never repeats the text that follows the cursor, never doubles a space,
and is dropped when it holds no words at all.

The rules hold for every script. Chinese and Japanese end sentences at 。！？ and clauses
at ，、；： with no space after them, and put no space between words: a "word" is what
Unicode's word boundaries (with ICU's dictionaries) say it is, see `word_breaks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from writer_app.core.word_breaks import (
    CJK_PUNCTUATION_CLASS,
    HAN_IDEOGRAPHS,
    UNSPACED_CLASS,
    is_cjk_context,
    is_unspaced,
    segments,
)


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
_CLOSERS = "\"'”’»)]}」』）》〉】〕"
_CLOSER_CLASS = "[" + re.escape(_CLOSERS) + "]"
# Western marks end a sentence only before a space ("3.5", "Mr. Smith" do not); the
# full-width marks of Chinese and Japanese end it whatever follows, once something
# other than a closing quote does (the quote belongs to the sentence). An ellipsis ends
# one before a space or before text without spaces ("……他").
_SENTENCE_END = re.compile(
    r"[.!?…]+" + _CLOSER_CLASS + r"*(?=\s)"
    + "|[。！？‼⁇]+[.!?…。！？‼⁇]*" + _CLOSER_CLASS + "*(?=[^" + re.escape(_CLOSERS) + "])"
    + "|…+" + _CLOSER_CLASS + "*(?=[\u3040-\u30ff" + HAN_IDEOGRAPHS + "])"
)
_CLAUSE_END = re.compile(r"(?:[,;:]|\s[—–-])(?=\s)|—|[，、；：]")
_WORD_CHAR = re.compile(r"\w")
_CJK_CONTEXT = "(?:" + UNSPACED_CLASS + "|" + CJK_PUNCTUATION_CLASS + ")"
_SPACE_BETWEEN_CJK = re.compile("(?<=" + _CJK_CONTEXT + ")[ \u3000]+(?=" + _CJK_CONTEXT + ")")
_CLAUSE_MARKS_KEPT = ",;:，、；："

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
        if not has_words(text[: match.start()]):
            continue  # "……他走了": an ellipsis that opens the suggestion ends nothing
        limit = match.end()
        break
    min_words = _MIN_WORDS_BEFORE_CLAUSE[length]
    for match in _CLAUSE_END.finditer(text, content_start):
        if limit is not None and match.start() >= limit:
            break
        if count_words(text[: match.start()]) >= min_words:
            kept = text[match.start()] in _CLAUSE_MARKS_KEPT
            limit = match.end() if kept else match.start()
            break
    max_words = _MAX_WORDS.get(length)
    if max_words is not None:
        end = 0
        for _ in range(max_words):
            # Keeps punctuation glued to the last word ("mat." not "mat").
            end += len(next_word(text[end:]))
        if has_words(text[end:]) and (limit is None or end < limit):
            limit = end  # only once a word follows: the last one may still be growing
    return limit


def last_sentence_end(text: str) -> int | None:
    """Return where the last complete sentence of `text` ends (the text's end counts as
    a break after it), or None if no sentence has ended."""
    probe = text + "\n"
    last = None
    for match in _SENTENCE_END.finditer(probe):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        if has_words(text[: match.start()]):
            last = min(match.end(), len(text))
    return last


def count_words(text: str) -> int:
    """Return how many words `text` holds, by Unicode word boundaries."""
    return sum(1 for segment in segments(text) if segment.is_word)


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
    *,
    window: str = "",
) -> Shaped:
    """Turn the model's raw output so far into the suggestion to show.

    `before` and `after` are the document text around the cursor; `finished` says the
    model has stopped, so whatever it wrote is final. `window` is all the text the model
    was shown (`before` where not given): the suggestion never says a stretch of it again.
    """
    text = raw
    if not before or before[-1] in " \t\n":
        # The cursor already follows a space or a line break: a leading space from the
        # model would double it.
        text = text.lstrip(" \t")
    elif is_cjk_context(before[-1]) and is_cjk_context(text.lstrip(" ")[:1] or " "):
        text = text.lstrip(" ")  # no space belongs between Chinese or Japanese words
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _paragraph_break(text, before)
    complete = finished
    cuts = [
        cut
        for cut in (_cut_at_prose_boundary(text, length), _cut_before_following_text(text, after),
                    _cut_at_repetition(text, window or before))
        if cut is not None
    ]
    if cuts:
        text = text[: min(cuts)]
        complete = True
    text = text.rstrip()
    if not has_words(text) or repeats_following_text(text, after):
        return Shaped("", complete)
    fitted = _fitted_to_following_text(text, after)
    if fitted is None:
        return Shaped("", complete)
    return Shaped(fitted, complete)


def _paragraph_break(text: str, before: str) -> str:
    """Start a suggestion that begins a paragraph as the document begins one: after one
    line break where its paragraphs are lines, after a blank line where blank lines part
    them (the model's two line breaks made an empty paragraph in a document of lines)."""
    body = text.lstrip("\n")
    if body == text:
        return text
    if not before:
        return body
    separator = 2 if "\n\n" in before.rstrip("\n") else 1
    trailing = len(before) - len(before.rstrip("\n"))
    return "\n" * max(0, separator - trailing) + body


# A stretch of the text this long said again, word for word, is repetition, not writing:
# about four words where words are spaced, a short clause where they are not.
_REPEAT_CHARS = 20
_REPEAT_CHARS_UNSPACED = 8


def _cut_at_repetition(text: str, window: str) -> int | None:
    """Return where the suggestion starts to say again, verbatim, what the window holds
    (the sentence just accepted, the first sentence of the document), or None."""
    if not window:
        return None
    for start in range(len(text)):
        if start and not (text[start - 1].isspace() or is_unspaced(text[start])):
            continue  # only from the start of a word
        if text[start].isspace():
            continue
        size = _REPEAT_CHARS_UNSPACED if is_unspaced(text[start]) else _REPEAT_CHARS
        stretch = text[start:start + size]
        if len(stretch) < size:
            return None
        if stretch in window:
            return start
    return None


_SENTENCE_MARKS = ".!?…"


def _fitted_to_following_text(text: str, after: str) -> str | None:
    """Return the suggestion as it fits before the text that follows on its line, or
    None where it cannot: a sentence ended before words that go on in lower case, or
    before a comma ("…a good sailor. worried.", "…its oars.captain."), or a new
    paragraph begun in the middle of a line."""
    following = after.split("\n", 1)[0]
    if not following.strip():
        return text
    if "\n" in text:
        return None  # a paragraph break would split the writer's paragraph in two
    first = following.lstrip()[0]
    ends_sentence = text.rstrip(_CLOSERS)[-1:] in tuple(_SENTENCE_MARKS)
    if ends_sentence and (first.islower() or first in ",;:.!?"):
        return None
    if not following[0].isspace() and not is_unspaced(following[0]) and (
            following[0].isalnum() or following[0] in "“‘(") and not is_unspaced(text[-1]):
        return text + " "  # two words never run together
    return text


def repeats_following_text(suggestion: str, after: str) -> bool:
    """Return whether the suggestion only says again what follows the cursor."""
    core = suggestion.strip()
    following = after.lstrip()
    return bool(core) and following.startswith(core)


def next_word(suggestion: str) -> str:
    """Return the part of a suggestion that Ctrl+Right accepts: up to the end of a word.

    That is the leading white space, then one word with any punctuation glued to it
    ("mat." or "don't", "大海。" or "「你好」"), so accepting a word never leaves its comma
    or period behind and never adds a space inside a word. Where words are written
    without spaces, the word ends at the next word boundary ("灯塔" of "灯塔守护人");
    where they are written with spaces, at the next space ("well-known").
    """
    lead = len(suggestion) - len(suggestion.lstrip())
    space = next((i for i in range(lead, len(suggestion)) if suggestion[i].isspace()),
                 len(suggestion))
    # No word reaches past a space, and a word of Chinese or Japanese is a few characters:
    # only the start of the text needs its boundaries (all of it if no word ends there).
    window = min(space, lead + _NEXT_WORD_WINDOW)
    end = _end_of_next_word(suggestion, lead, window)
    if end == window < space:
        end = _end_of_next_word(suggestion, lead, space)
    return suggestion[:end] if end > lead else suggestion


_NEXT_WORD_WINDOW = 48


def _end_of_next_word(suggestion: str, lead: int, stop: int) -> int:
    end = lead
    seen_word = False
    for segment in segments(suggestion[lead:stop]):
        start, finish = lead + segment.start, lead + segment.end
        piece = suggestion[start:finish]
        if seen_word and segment.is_word and (
                is_cjk_context(suggestion[end - 1]) or is_cjk_context(piece[0])):
            break
        end = finish
        seen_word = seen_word or segment.is_word
    return end


def is_inside_word(before: str, after: str) -> bool:
    """Return whether the cursor sits between two letters of one word.

    Between two Chinese or Japanese characters that is a question for the word
    boundaries: "灯|塔" is inside a word, "人|爬" is not.
    """
    if not (before and after and before[-1].isalnum() and after[0].isalnum()):
        return False
    left, right = is_unspaced(before[-1]), is_unspaced(after[0])
    if not (left or right):
        return True
    if left != right:
        return False  # "用|GPT": scripts change at a word boundary
    tail = before[-16:]
    return all(segment.start != len(tail) for segment in segments(tail + after[:16]))
