"""Holding the window's start while the window it moves to is read, without a model."""

from __future__ import annotations

from writer_app.core.context import ContextBudget, window_start
from writer_app.core.prose import SuggestionLength
from writer_app.engine.client.suggestion_request import SuggestionPlan, plan_suggestion
from writer_app.engine.client.window_hold import WindowHold

BUDGET = ContextBudget(before_chars=400, after_chars=100)
SENTENCE = SuggestionLength.SENTENCE
# Sentences of different lengths, so that no two windows begin with the same text.
TEXT = "".join(f"Sentence {n} goes on for {'a while ' * (n % 5)}and ends here. "
               for n in range(60))


def word_end(at: int) -> int:
    """Return the end of the word at or after `at` (where a pause can ask)."""
    return TEXT.index(" ", at)


def first_move_after(cursor: int) -> int:
    """Return the first cursor past `cursor` where the window's start moves."""
    start = window_start(TEXT, cursor, BUDGET)
    moved = cursor + 1
    while window_start(TEXT, moved, BUDGET) == start:
        moved += 1
    return moved


def read_before_a_move(hold: WindowHold) -> tuple[SuggestionPlan, int]:
    """Note the window at a word 1,000 characters in as read; return its plan, and a word
    end past the point where the window moves from it."""
    before = word_end(1000)
    read = plan_suggestion(TEXT, before, BUDGET, SENTENCE, False)
    assert read is not None
    hold.note_read(read)
    return read, word_end(first_move_after(before) + 20)


def test_a_move_to_a_window_not_read_keeps_the_window_read_until_it_is() -> None:
    hold = WindowHold()
    before = word_end(1000)
    read = plan_suggestion(TEXT, before, BUDGET, SENTENCE, False)
    assert read is not None
    assert read.start > 0
    hold.note_read(read)
    moved = word_end(first_move_after(before) + 20)
    natural = window_start(TEXT, moved, BUDGET)
    assert natural > read.start
    # Moved, but the new window is not read: the plan keeps the start that is.
    assert hold.held_start(TEXT, moved, BUDGET) == read.start
    held = hold.here(TEXT, moved, BUDGET, SENTENCE, False)
    assert held is not None
    assert held.start == read.start
    assert held.prompt == TEXT[read.start:moved]  # the document as it is now
    # Meanwhile the window moved to is what is read ahead, at every word.
    ahead = hold.ahead(20.0)(TEXT, moved, BUDGET, SENTENCE, False)
    assert ahead is not None
    assert (ahead.start, ahead.prompt, ahead.refresh_chars) == (
        natural, TEXT[natural:moved], 0)
    # Once it is read, plans move to it, from the writer's next key on.
    hold.note_read(ahead)
    assert hold.held_start(TEXT, moved, BUDGET) == read.start
    on = word_end(moved + 1)
    assert hold.held_start(TEXT, on, BUDGET) is None
    here = hold.here(TEXT, on, BUDGET, SENTENCE, False)
    assert here is not None
    assert here.start == natural


def test_a_window_is_held_at_most_a_step_past_the_budget() -> None:
    hold = WindowHold()
    read = plan_suggestion(TEXT, word_end(1000), BUDGET, SENTENCE, False)
    assert read is not None
    hold.note_read(read)
    longest = read.start + BUDGET.before_chars + BUDGET.step_chars
    assert hold.held_start(TEXT, longest, BUDGET) == read.start
    assert hold.held_start(TEXT, longest + 1, BUDGET) is None  # the move goes ahead


def test_no_hold_where_the_text_read_is_no_longer_at_its_start() -> None:
    hold = WindowHold()
    read = plan_suggestion(TEXT, word_end(1000), BUDGET, SENTENCE, False)
    assert read is not None
    hold.note_read(read)
    moved = word_end(first_move_after(word_end(1000)) + 20)
    # The writer inserted a word far back: every offset after it shifted.
    edited = "Inserted. " + TEXT
    assert hold.held_start(edited, moved + len("Inserted. "), BUDGET) is None


def test_no_hold_before_anything_is_read_nor_once_another_model_loads() -> None:
    hold = WindowHold()
    moved = word_end(first_move_after(word_end(1000)) + 20)
    assert hold.held_start(TEXT, moved, BUDGET) is None
    read = plan_suggestion(TEXT, word_end(1000), BUDGET, SENTENCE, False)
    assert read is not None
    hold.note_read(read)
    hold.forget(2048)
    assert hold.held_start(TEXT, moved, BUDGET) is None


def test_the_upcoming_window_is_read_ahead_as_before_while_nothing_is_held() -> None:
    hold = WindowHold()
    cursor = word_end(first_move_after(word_end(1000)) - 40)
    ahead = hold.ahead(20.0)(TEXT, cursor, BUDGET, SENTENCE, False)
    assert ahead is not None
    assert ahead.start > window_start(TEXT, cursor, BUDGET)  # the next window's
    assert TEXT.startswith(ahead.prompt, ahead.start)
    assert ahead.prompt.endswith(TEXT[cursor - 20:cursor])



def test_a_jump_back_gets_its_own_window_not_an_older_one_read() -> None:
    hold = WindowHold()
    early_at = word_end(1000)
    later = word_end(first_move_after(early_at) + 20)
    early, moved_to = (plan_suggestion(TEXT, at, BUDGET, SENTENCE, False)
                       for at in (early_at, later))
    assert early is not None
    assert moved_to is not None
    hold.note_read(moved_to)
    hold.note_read(early)  # the writer looked back at the earlier place
    for known in range(3):  # then wrote on far ahead
        far = plan_suggestion(TEXT, word_end(2400 + 150 * known), BUDGET, SENTENCE, False)
        assert far is not None
        hold.note_read(far)
    # Back near `later`: its window is its own (the engine may have kept it), not the
    # earlier one that still fits, though the hold no longer remembers it read.
    back = word_end(later + 30)
    assert window_start(TEXT, back, BUDGET) == moved_to.start
    assert hold.held_start(TEXT, back, BUDGET) is None


def test_nothing_is_held_that_would_not_fit_the_models_context() -> None:
    chinese = "。".join(f"第{n}句话写得{'很长' * (n % 5)}然后结束" for n in range(200))
    cursor = 1000
    hold = WindowHold(context_tokens=2048)
    read = plan_suggestion(chinese, cursor, BUDGET, SENTENCE, False)
    assert read is not None
    hold.note_read(read)
    moved = cursor + 1
    while window_start(chinese, moved, BUDGET) == read.start:
        moved += 1
    assert hold.held_start(chinese, moved, BUDGET) == read.start  # 2,048 tokens: fits
    hold.forget(512)  # a small context: a few hundred Chinese characters fill it
    hold.note_read(read)
    assert hold.held_start(chinese, moved, BUDGET) is None


def test_a_read_of_the_window_moved_to_that_ended_words_back_keeps_the_hold() -> None:
    hold = WindowHold()
    read, moved = read_before_a_move(hold)
    behind = hold.ahead(20.0)(TEXT, moved, BUDGET, SENTENCE, False)
    assert behind is not None
    hold.note_read(behind)  # read up to `moved`, while the writer wrote on
    on = word_end(moved + 40)
    assert window_start(TEXT, on, BUDGET) == behind.start  # the same window moved to
    # Forty characters still to read: a slow model's pause would wait for them.
    assert hold.held_start(TEXT, on, BUDGET) == read.start
    ahead = hold.ahead(20.0)(TEXT, on, BUDGET, SENTENCE, False)
    assert ahead is not None
    assert (ahead.start, ahead.prompt) == (behind.start, TEXT[behind.start:on])
    hold.note_read(ahead)
    assert hold.held_start(TEXT, on + 1, BUDGET) is None
    # A few characters more are read at the pause, as after any word.
    assert hold.held_start(TEXT, on + 6, BUDGET) is None


def test_the_window_moved_to_stays_read_when_the_writer_deletes_and_retypes() -> None:
    hold = WindowHold()
    before = word_end(1000)
    for at in (before, word_end(first_move_after(before) + 20)):
        read = plan_suggestion(TEXT, at, BUDGET, SENTENCE, False)
        assert read is not None
        hold.note_read(read)
    end = read.start + len(read.prompt)
    # The last word deleted: what is left was read.
    assert hold.held_start(TEXT, end - 5, BUDGET) is None
    # And typed anew, differently: a few characters to read past where they part.
    retyped = TEXT[:end - 5] + "Thus" + TEXT[end:]
    assert hold.held_start(retyped, end - 1, BUDGET) is None
    # Rewritten further back, words to read: the start read before is held again.
    rewritten = TEXT[:end - 60] + "x" * 60 + TEXT[end:]
    assert hold.held_start(rewritten, end, BUDGET) is not None


def test_the_window_a_model_read_as_it_loaded_is_held_at_a_move_soon_after() -> None:
    hold = WindowHold()
    before = word_end(1000)
    loaded = plan_suggestion(TEXT, before, BUDGET, SENTENCE, False)
    assert loaded is not None
    hold.forget(2048, loaded)
    moved = word_end(first_move_after(before) + 20)
    assert hold.held_start(TEXT, moved, BUDGET) == loaded.start


def test_the_answer_holds_still_until_the_writer_types() -> None:
    # Between the read made ready for a pause and the pause's suggestion nothing was
    # typed: the suggestion is asked of the window made ready, not of one read meanwhile.
    hold = WindowHold()
    read, moved = read_before_a_move(hold)
    assert hold.held_start(TEXT, moved, BUDGET) == read.start
    moved_to = plan_suggestion(TEXT, moved, BUDGET, SENTENCE, False)
    assert moved_to is not None
    hold.note_read(moved_to)
    assert hold.held_start(TEXT, moved, BUDGET) == read.start
    assert hold.held_start(TEXT, moved + 1, BUDGET) is None  # a key later
    # The same cursor in another text is another question: here the start read is gone.
    hold = WindowHold()
    hold.note_read(read)
    assert hold.held_start(TEXT, moved, BUDGET) == read.start
    other = TEXT[:read.start] + "X" + TEXT[read.start + 1:]
    assert hold.held_start(other, moved, BUDGET) is None
    # And another budget (Preferences): a window of 3,000 characters has not moved.
    assert hold.held_start(TEXT, moved, BUDGET) == read.start
    assert hold.held_start(TEXT, moved, ContextBudget(before_chars=3000)) is None
