"""Hold the window's start back while the window it moves to is still being read.

When the writer types past the point where the window's start moves, the model must read
a new window: a 4B model on two cores takes twenty seconds over 2,000 characters. It is
read ahead (see next_window_planner), but a writer can reach the move before it is done:
a few words after a model has loaded, after a task had the engine, or simply typing
faster than a slow model reads. Then every pause until it is read would be answered from
a short window, in a second or more. Instead, until the engine says the new window is
read, the plans keep the old start: its window, now a little longer than the budget, is
read up to the writer's last word, so each pause is answered as at any other moment,
while the new window is read between the words.

The text is the editor's, never a copy from earlier: the window held is the document as
it is now, from an offset whose text (its first characters) is still what was read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from writer_app.core.context import ContextBudget, window_start
from writer_app.core.prose import SuggestionLength
from writer_app.engine.client.suggestion_request import (
    Planner,
    SuggestionPlan,
    next_window_planner,
    plan_suggestion,
)

# Where a window starts is checked against its first characters (an edit before it
# shifts every offset).
HEAD_CHARS = 64
# Windows read recently, whose start a plan may hold on to.
REMEMBERED = 4
# A held window grows by at most this many steps past the budget, and into at most this
# share of the model's context (what is left is for the text after the cursor and the
# suggestion): past either, the move goes ahead, read or not.
HOLD_STEPS = 1
HOLD_CONTEXT_SHARE = 0.7
# The window moved to counts as read once a read of it ends this close to the cursor (in
# tokens, as estimated below): a pause then reads what is left as after any word. A read
# that ended further back (it began words ago, on a model slower than the writer) leaves
# the start held, and the window moved to is read again at the next word.
CAUGHT_UP_TOKENS = 4


def estimated_tokens(text: str) -> float:
    """Return at least how many tokens `text` is, for the rules here: one a character
    outside ASCII (Chinese, say), one for three inside."""
    ascii_chars = len(text.encode("ascii", "ignore"))
    return (len(text) - ascii_chars) + ascii_chars / 3


def fits(text: str, context_tokens: int) -> bool:
    """Whether `text` surely fits HOLD_CONTEXT_SHARE of the context."""
    return estimated_tokens(text) <= context_tokens * HOLD_CONTEXT_SHARE


def shared_chars(read: str, text: str, at: int) -> int:
    """Return how many characters `read` and `text[at:]` share at their start (halving
    in slices compared at C speed: called at every key, over windows of thousands)."""
    if text.startswith(read, at):
        return len(read)
    low, high = 0, min(len(read), len(text) - at)  # shared: at least low, under high+1
    while low < high:
        middle = (low + high + 1) // 2
        if text.startswith(read[:middle], at):
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class ReadWindow:
    """A window the engine has read: `read`, from `start` in the document."""

    start: int
    read: str

    def starts(self, text: str, at: int | None = None) -> bool:
        """Whether `text` still has this window's start (at `at`, if given)."""
        return ((at is None or at == self.start)
                and text.startswith(self.read[:HEAD_CHARS], self.start))

    def caught_up(self, text: str, cursor: int) -> bool:
        """Whether what is left to read of `text` up to `cursor` is CAUGHT_UP_TOKENS at
        most (after words typed, or deleted and typed anew)."""
        read_to = self.start + shared_chars(self.read, text, self.start)
        return estimated_tokens(text[read_to:cursor]) <= CAUGHT_UP_TOKENS


class WindowHold:
    """Which window starts the engine has read, and the start a plan should use."""

    def __init__(self, context_tokens: int = 2048) -> None:
        self._read: list[ReadWindow] = []  # most recent last
        self._context_tokens = context_tokens
        # The last answer, and the cursor, budget and text it was for: see held_start.
        self._decided: tuple[int, ContextBudget, str, int | None] | None = None

    def note_read(self, plan: SuggestionPlan) -> None:
        """The engine has read `plan`'s prompt (a background read of it ended done)."""
        window = ReadWindow(plan.start, plan.prompt)
        self._read = [*(known for known in self._read if known.start != window.start),
                      window][-REMEMBERED:]

    def forget(self, context_tokens: int, read: SuggestionPlan | None = None) -> None:
        """Another model was loaded, with a context of `context_tokens`: it has read
        none of them but `read`, the window at the cursor it read as part of loading
        (else a move a few words on finds no window read to hold: a 4B model then
        answers from a short window for half a minute)."""
        self._read = []
        self._context_tokens = context_tokens
        self._decided = None
        if read is not None:
            self.note_read(read)

    def held_start(self, text: str, cursor: int, budget: ContextBudget) -> int | None:
        """Return the start to use instead of the window's own at `cursor`, if the
        window has moved to a start not read yet and an earlier one read still holds.

        The answer changes only with the text or the cursor: between the read made ready
        for a pause and the pause's suggestion, the window moved to may end read, and a
        suggestion there would heal its prompt again (a tenth of a second at 4B); it
        moves at the next key."""
        decided = self._decided
        if (decided is not None and decided[0] == cursor and decided[1] == budget
                and decided[2] == text):
            return decided[3]
        held = self._held_start(text, cursor, budget)
        self._decided = (cursor, budget, text, held)
        return held

    def _held_start(self, text: str, cursor: int, budget: ContextBudget) -> int | None:
        natural = window_start(text, cursor, budget)
        if natural == 0:
            return None
        moved_to = [known for known in self._read if known.starts(text, natural)]
        if any(known.caught_up(text, cursor) for known in moved_to):
            return None
        # Only the window read last, but for reads of the window moved to that have not
        # caught up (the one the writer was in, or the next one): a jump back to a place
        # read long ago gets its own window, which the engine may well have kept.
        read = self._read[:-1] if self._read and self._read[-1] in moved_to else self._read
        if not read:
            return None
        last = read[-1]
        limit = budget.before_chars + HOLD_STEPS * budget.step_chars
        if (last.start < natural and cursor - last.start <= limit and last.starts(text)
                and fits(text[last.start:cursor], self._context_tokens)):
            return last.start
        return None

    def here(self, text: str, cursor: int, budget: ContextBudget, length: SuggestionLength,
             fill_in_middle: bool) -> SuggestionPlan | None:
        """Plan the suggestion at `cursor` (a Planner), from the held start if any."""
        return plan_suggestion(text, cursor, budget, length, fill_in_middle,
                               start=self.held_start(text, cursor, budget))

    def ahead(self, reads_per_s: float) -> Planner:
        """Return the planner of the window to read ahead: while a start is held, the
        window moved to (at every word, as the move has come); else the next one."""
        upcoming = next_window_planner(reads_per_s)

        def plan(text: str, cursor: int, budget: ContextBudget, length: SuggestionLength,
                 fill_in_middle: bool) -> SuggestionPlan | None:
            if self.held_start(text, cursor, budget) is None:
                return upcoming(text, cursor, budget, length, fill_in_middle)
            moved_to = plan_suggestion(text, cursor, budget, length, fill_in_middle)
            return None if moved_to is None else replace(moved_to, refresh_chars=0)

        return plan
