"""Sizes that follow the model's reading speed: background chunks, the short window of a
new place, and how early the next window is read."""

from __future__ import annotations

from writer_app.core.context import ContextBudget
from writer_app.engine.client.suggestion_request import READ_AHEAD_CHARS, read_ahead_chars
from writer_app.engine.process.reading_speed import ReadingSpeed
from writer_app.engine.process.short_window import (
    SHORT_WINDOW_AFTER,
    SHORT_WINDOW_TOKENS,
    ShortWindow,
)


def test_the_speed_is_learnt_from_batches_and_one_slow_batch_does_not_swing_it() -> None:
    speed = ReadingSpeed()
    assert speed.tokens_in(0.1, 8, 32) == 32  # nothing known yet: the largest
    speed.note(4, 1.0)  # too short a batch to say anything
    assert speed.tokens_per_s == 0
    speed.note(64, 1.0)
    assert speed.tokens_per_s == 64
    speed.note(32, 2.0)  # the machine was busy for a moment
    assert 40 < speed.tokens_per_s < 64
    assert speed.tokens_in(0.25, 8, 32) == round(speed.tokens_per_s * 0.25)


def test_a_slow_model_answers_a_new_place_from_a_shorter_window() -> None:
    embedded, big = ReadingSpeed(586), ReadingSpeed(38)  # tokens a second, measured
    assert ShortWindow.for_speed(embedded) == ShortWindow(SHORT_WINDOW_AFTER,
                                                          SHORT_WINDOW_TOKENS)
    sizes = ShortWindow.for_speed(big)
    assert sizes.tokens < SHORT_WINDOW_TOKENS
    assert sizes.after < SHORT_WINDOW_AFTER
    tokens = [1, *range(100, 400)]  # a BOS and 300 tokens of text
    short = sizes.of(tokens, lead=1)
    assert short[0] == 1
    assert sizes.tokens <= len(short) - 1 < 2 * sizes.tokens
    assert short[1:] == tokens[-(len(short) - 1):]
    # Typing on at the new place keeps the short window's start still for a while.
    assert sizes.of([*tokens, 7], lead=1)[:len(short)] == short
    assert sizes.worth_it(to_read=300, short_to_read=len(short))
    assert not sizes.worth_it(to_read=sizes.after, short_to_read=1)


def test_a_slow_model_reads_the_next_window_earlier() -> None:
    budget = ContextBudget(before_chars=2000)
    assert read_ahead_chars(0, budget) == READ_AHEAD_CHARS  # speed not known yet
    assert read_ahead_chars(586, budget) == READ_AHEAD_CHARS  # the embedded model
    slow = read_ahead_chars(38, budget)  # a 4B model on two cores
    assert READ_AHEAD_CHARS < slow <= budget.step_chars
    assert read_ahead_chars(5, budget) == budget.step_chars  # never before it is known
