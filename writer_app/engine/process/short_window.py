"""A suggestion at a place the engine has not read: answer first from a short window.

Reading a whole window (about 450 tokens for 2,000 characters) takes over a second on a
small CPU; a writer who clicks somewhere new should not wait for it. When more than
`SHORT_WINDOW_AFTER` tokens would have to be read, the suggestion is written from the
last few dozen tokens instead, and the whole window is read in the background, to serve
the pauses that follow.
"""

from __future__ import annotations

# More than this many tokens to read before writing: write from a short window first.
SHORT_WINDOW_AFTER = 32
SHORT_WINDOW_TOKENS = 48
# The short window's start moves in steps of this many tokens, so that it holds still
# (and its cache stays usable) while the writer types on at the new place.
SHORT_WINDOW_STEP = 32


def short_window(tokens: list[int], lead: int) -> list[int]:
    """Return the first `lead` tokens (a BOS) and the last 48 to 79 of the rest."""
    head, body = tokens[:lead], tokens[lead:]
    cut = max(0, (len(body) - SHORT_WINDOW_TOKENS) // SHORT_WINDOW_STEP * SHORT_WINDOW_STEP)
    return head + body[cut:]


def worth_a_short_window(to_read: int, short_to_read: int) -> bool:
    """Whether to answer from the short window, given what each leaves to read."""
    return to_read > SHORT_WINDOW_AFTER and short_to_read < to_read
