"""Tokenize a prompt a paragraph at a time, remembering the paragraphs already seen.

llama.cpp's tokenizer is not cheap on a long window and grows faster than the text:
14 ms for 6,000 characters of prose on a small CPU, more than the rest of a pause's
work together, and paid again on every request although only the writer's paragraph
changed. Most tokenizers never join a token across a line break followed by text, so
the tokens of a prompt are the tokens of its paragraphs, one after the other; those of
paragraphs already seen come from a memo, and only the paragraph being written is
tokenized again.

Whether a model's tokenizer splits that way is checked on the writer's own text: the
first prompt of several paragraphs is tokenized both ways, and so is one prompt in
CHECK_EVERY after it; one difference (a tokenizer that adds a space before every text,
Llama 2's, differs at once) and the whole prompt is tokenized every time, as before.
Nothing is tokenized that the prompt itself does not hold: a probe text of another
script could crash llama.cpp on a vocabulary without byte tokens. The split depends only
on the text, never on the history of edits, so the same text always gives the same
tokens: what the cache of read windows relies on. (Between checks, a tokenizer that
joins across some rare line start would give the model its text in unusual tokens,
never other text.)
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable

Tokenize = Callable[[str], list[int]]

# After a line break, where text (not more blanks) begins.
_PARAGRAPH_START = re.compile(r"(?<=\n)(?=\S)")
MEMO_PARAGRAPHS = 4096
CHECK_EVERY = 64


def paragraphs(text: str) -> list[str]:
    """Split `text` where a paragraph (or line) of text begins after a line break."""
    return _PARAGRAPH_START.split(text)


class ParagraphTokenizer:
    """Tokenize texts by paragraphs, with a memo of the last paragraphs seen."""

    def __init__(self, tokenize: Tokenize, memo_size: int = MEMO_PARAGRAPHS) -> None:
        self._tokenize = tokenize
        self._memo: OrderedDict[str, tuple[int, ...]] = OrderedDict()
        self._memo_size = memo_size
        self.by_paragraphs = True  # until the writer's text shows otherwise
        self._until_check = 0

    def __call__(self, text: str) -> list[int]:
        """Return the tokens of `text`, as tokenizing it whole gives them."""
        parts = paragraphs(text) if self.by_paragraphs else [text]
        if len(parts) == 1:
            return self._tokenize(text)
        tokens: list[int] = []
        # The last paragraph is the one being written: new on every keystroke, so it
        # is not worth a place in the memo.
        for part in parts[:-1]:
            tokens.extend(self._paragraph(part))
        tokens.extend(self._tokenize(parts[-1]))
        if self._until_check == 0:
            whole = self._tokenize(text)
            self.by_paragraphs = whole == tokens
            self._until_check = CHECK_EVERY
            return whole
        self._until_check -= 1
        return tokens

    def _paragraph(self, part: str) -> tuple[int, ...]:
        memo = self._memo
        known = memo.get(part)
        if known is not None:
            memo.move_to_end(part)
            return known
        tokens = tuple(self._tokenize(part))
        memo[part] = tokens
        if len(memo) > self._memo_size:
            memo.popitem(last=False)
        return tokens
