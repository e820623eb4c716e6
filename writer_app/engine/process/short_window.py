"""A suggestion at a place the engine has not read: answer first from a short window.

Reading a whole window (about 450 tokens for 2,000 characters) takes over a second on a
small CPU with the embedded model, and over ten with a 4B one; a writer who clicks
somewhere new should not wait for it. When more would have to be read than the model
reads in SHORT_WINDOW_S, the suggestion is written from the last few dozen tokens
instead (fewer for a slow model, so that they too are read in SHORT_WINDOW_S), and the
whole window is read in the background, to serve the pauses that follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from writer_app.engine.process.reading_speed import ReadingSpeed

# The reading a new place may cost before its first answer, on top of writing it.
SHORT_WINDOW_S = 0.2
# The embedded model reads far more than these in SHORT_WINDOW_S: its sizes stay these.
SHORT_WINDOW_AFTER = 32  # more tokens than this to read: a short window first
SHORT_WINDOW_TOKENS = 48
# The short window's start moves in steps of at most this many tokens, at least SHORTEST_STEP
# (a slow model: each step reads a new short window at the next pause there).
SHORT_WINDOW_STEP = 32
SHORTEST_STEP = 8
# Fewer tokens than this leave a model nothing to write from.
SHORTEST_WINDOW = 16


@dataclass(frozen=True)
class ShortWindow:
    """The sizes of a short window, in tokens: `tokens` at least, `step` - 1 more at most."""

    after: int = SHORT_WINDOW_AFTER
    tokens: int = SHORT_WINDOW_TOKENS
    step: int = SHORT_WINDOW_STEP

    @classmethod
    def for_speed(cls, speed: ReadingSpeed) -> ShortWindow:
        """The sizes that a model reading at `speed` reads in about SHORT_WINDOW_S, the
        longest the steps make included (the editor asks for the suggestion a quarter
        of a second after the click: the whole short window should be read by then),
        never below SHORTEST_WINDOW + SHORTEST_STEP - 1 tokens (a slow model takes longer)."""
        most = speed.tokens_in(SHORT_WINDOW_S, SHORTEST_WINDOW,
                               SHORT_WINDOW_TOKENS + SHORT_WINDOW_STEP)
        tokens = max(SHORTEST_WINDOW, min(SHORT_WINDOW_TOKENS, most * 3 // 5))
        step = max(SHORTEST_STEP, min(SHORT_WINDOW_STEP, most - tokens))
        after = speed.tokens_in(SHORT_WINDOW_S, SHORTEST_WINDOW // 2, SHORT_WINDOW_AFTER)
        return cls(after, tokens, step)

    def of(self, tokens: list[int], lead: int) -> list[int]:
        """Return the first `lead` tokens (a BOS) and the last `self.tokens` (and up to
        a step more) of the rest: the start moves in steps, so that it holds still (and
        its cache stays usable) while the writer types on there."""
        head, body = tokens[:lead], tokens[lead:]
        cut = max(0, (len(body) - self.tokens) // self.step * self.step)
        return head + body[cut:]

    def worth_it(self, to_read: int, short_to_read: int) -> bool:
        """Whether to answer from the short window, given what each leaves to read."""
        return to_read > self.after and short_to_read < to_read
