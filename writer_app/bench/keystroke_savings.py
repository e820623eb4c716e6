"""Keystroke savings: how much of a text the writer would not have had to type.

At each pause the suggestion is taken whole (greedy, so the figure is deterministic) and
accepted word by word with Ctrl+Right for as long as its next word is exactly the text's
next word; each accepted word costs one keystroke. Then the writer types the text's next
word themselves and pauses again. A suggestion accepted to its end is followed at once
by the next one, as in the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from writer_app.core.context import ContextBudget
from writer_app.core.prose import SuggestionLength, next_word
from writer_app.core.suggestion import Suggestion
from writer_app.engine.client.blocking_engine import BlockingEngine
from writer_app.engine.client.suggestion_request import plan_next_window, plan_suggestion
from writer_app.engine.client.timed_request import run_plan

# A word typed between pauses, at five characters a second: the time the engine has to
# read in the background before the next pause.
WORD_TYPING_S = 1.2


@dataclass
class SavingsFigures:
    pauses: int = 0
    chars_covered: int = 0  # characters of the text the walk went through
    chars_accepted: int = 0
    words_accepted: int = 0
    suggestions_used: int = 0  # suggestions with at least one word accepted

    @property
    def keystrokes_saved(self) -> int:
        return self.chars_accepted - self.words_accepted

    def summary(self) -> dict[str, object]:
        share = self.keystrokes_saved / self.chars_covered if self.chars_covered else None
        return {
            "pauses": self.pauses,
            "chars_covered": self.chars_covered,
            "chars_accepted": self.chars_accepted,
            "words_accepted": self.words_accepted,
            "suggestions_used": self.suggestions_used,
            "keystrokes_saved_share": round(share, 4) if share is not None else None,
        }


# A suggester returns the ghost text shown at a cursor after the text before it.
Suggester = Callable[[str, int], Suggestion | None]


def walk(text: str, start: int, pauses: int, suggest: Suggester) -> SavingsFigures:
    """Walk `text` from `start`, pausing `pauses` times; count what the writer saved."""
    figures = SavingsFigures()
    cursor = start
    while figures.pauses < pauses and cursor < len(text):
        figures.pauses += 1
        suggestion = suggest(text[:cursor], cursor)
        accepted = 0
        while suggestion is not None and suggestion.visible():
            word = suggestion.take_word()
            if not word or not text.startswith(word, cursor):
                break
            cursor += len(word)
            accepted += 1
            figures.chars_accepted += len(word)
        figures.words_accepted += accepted
        figures.suggestions_used += accepted > 0
        if suggestion is not None and accepted and suggestion.is_exhausted():
            continue  # all of it was right: the next suggestion comes at once
        typed = next_word(text[cursor:cursor + 200])  # the writer types one word on
        if not typed.strip():
            break
        cursor += len(typed)
    figures.chars_covered = cursor - start
    return figures


def engine_suggester(engine: BlockingEngine, budget: ContextBudget,
                     fill_in_middle: bool, read_ahead: bool = True) -> Suggester:
    """Return a suggester that asks the app's engine, as the editor does at a pause:
    having sent the read-ahead of the next window where the editor would, and given
    the engine the time the writer took to type the last word for background reading
    (`read_ahead` False: as the app did before it read ahead)."""
    length = SuggestionLength.SENTENCE

    def suggest(text: str, cursor: int) -> Suggestion | None:
        plan = plan_suggestion(text, cursor, budget, length, fill_in_middle)
        if plan is None:
            return None
        if read_ahead:
            ahead = plan_next_window(text, cursor, budget, length, fill_in_middle)
            if ahead is not None:
                engine.start(ahead.prompt, ahead.sampling, ahead.suffix, ahead.stop_rule,
                             background=True)
            engine.wait_for_idle(WORD_TYPING_S)
        suggestion = Suggestion(0, cursor, plan.before_tail, plan.after_head, length,
                                window=plan.window)
        suggestion.add_piece(run_plan(engine, plan).text)
        suggestion.finished = True
        return suggestion

    return suggest


def two_walks(text: str, start: int, pauses: int, suggest: Suggester) -> dict[str, object]:
    """Walk `pauses` pauses in two halves, the second where the first ended: the share
    saved over both, and each half's, whose difference says how stable the figure is."""
    first = walk(text, start, pauses // 2, suggest)
    second = walk(text, start + first.chars_covered, pauses - pauses // 2, suggest)
    both = SavingsFigures(
        first.pauses + second.pauses, first.chars_covered + second.chars_covered,
        first.chars_accepted + second.chars_accepted,
        first.words_accepted + second.words_accepted,
        first.suggestions_used + second.suggestions_used)
    summary = both.summary()
    halves = [half.summary()["keystrokes_saved_share"] for half in (first, second)]
    summary["halves"] = halves
    if None not in halves:
        summary["difference_between_halves"] = round(abs(halves[0] - halves[1]), 4)
    return summary
