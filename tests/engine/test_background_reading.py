"""Background reading in the engine process: it yields to every request, and goes on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.test_engine_process import Harness
from writer_app.engine.protocol import Failed, Finished, Sampling, StopRule, WhenIdle

pytestmark = pytest.mark.model

MOUNTAIN = ("High in the mountains the snow had not melted for a hundred years. The monks "
            "who kept the pass counted the travellers in a book bound with leather. ") * 14
STORY = "The lighthouse stood at the edge of the world, white against the grey sky."


@pytest.fixture
def engine(shared_data_dir: Path) -> Iterator[Harness]:
    with Harness() as harness:
        harness.load(None, shared_data_dir)
        yield harness


def ends_in_order(engine: Harness, ids: set[int]) -> list[Finished]:
    """Return the Finished messages of `ids`, in the order they came."""
    ends: list[Finished] = []
    while len(ends) < len(ids):
        message = engine._next()
        assert not isinstance(message, Failed), message
        if isinstance(message, Finished) and message.id in ids:
            ends.append(message)
    return ends


def test_a_request_goes_before_background_reading_which_then_goes_on(engine: Harness) -> None:
    sampling = Sampling(max_tokens=4)
    ahead = engine.start(MOUNTAIN, sampling, background=True)
    asked = engine.start(STORY, sampling)
    first, second = ends_in_order(engine, {ahead, asked})
    # One request at a time in the engine: the writer's ended first, so it did not
    # wait for the long read; the read then went on to its end.
    assert (first.id, first.reason) == (asked, "length")
    assert (second.id, second.reason) == (ahead, "prefilled")
    text, finished = engine.collect(engine.start(MOUNTAIN, sampling))
    assert text
    assert finished.reused_tokens >= finished.prompt_tokens - 2


def test_a_background_read_cancelled_before_it_starts_ends_at_once(engine: Harness) -> None:
    sampling = Sampling(max_tokens=24)
    busy = engine.start(STORY * 3, sampling)
    ahead = engine.start(MOUNTAIN, sampling, background=True)
    engine.cancel(ahead)
    ends = ends_in_order(engine, {busy, ahead})
    assert [(end.id, end.reason) for end in ends if end.id == ahead] == [(ahead, "cancelled")]


def test_a_suggestion_at_a_new_place_comes_from_a_short_window_first(engine: Harness) -> None:
    rule = StopRule("sentence", MOUNTAIN[-200:], "")
    text, finished = engine.collect(engine.start(MOUNTAIN, Sampling(max_tokens=12),
                                                 stop_rule=rule))
    assert finished.short_window
    assert text
    # The whole window is read in the background behind it: a later pause finds it.
    assert engine.wait_for_idle(60)
    text, finished = engine.collect(engine.start(MOUNTAIN, Sampling(max_tokens=12),
                                                 stop_rule=rule))
    assert not finished.short_window
    assert finished.reused_tokens >= finished.prompt_tokens - 2


def test_the_engine_says_when_it_has_nothing_left_to_read(engine: Harness) -> None:
    ahead = engine.start(MOUNTAIN + " Again.", Sampling(max_tokens=4), background=True)
    idle = engine.client.next_id()
    engine.client.send(WhenIdle(idle))
    first, second = ends_in_order(engine, {ahead, idle})
    assert (first.id, first.reason) == (ahead, "prefilled")
    assert (second.id, second.reason) == (idle, "idle")
    assert engine.wait_for_idle(60)  # and at once when there is nothing to read


def test_a_newer_prompt_that_continues_a_queued_one_replaces_it(engine: Harness) -> None:
    sampling = Sampling(max_tokens=4)
    busy = engine.start(STORY * 3, Sampling(max_tokens=24))  # the reads wait behind it
    older = engine.start(MOUNTAIN, sampling, background=True)
    newer = engine.start(MOUNTAIN + "The abbot", sampling, background=True)
    ends = ends_in_order(engine, {busy, older, newer})
    # The older read ends at once, unread: the newer one reads all it would have.
    assert [(end.id, end.reason) for end in ends] == [
        (older, "cancelled"), (busy, "length"), (newer, "prefilled")]


def test_a_read_overtaken_while_being_read_keeps_what_it_read(engine: Harness) -> None:
    sampling = Sampling(max_tokens=4)
    rule = StopRule("sentence", MOUNTAIN[-200:], "")
    older = engine.start(MOUNTAIN, sampling, background=True)  # a word ended: read only
    time.sleep(0.3)  # a few chunks in
    # A moment after the last key: read made ready for the pause (the stop rule).
    newer = engine.start(MOUNTAIN + "The abbot", sampling, stop_rule=rule, background=True)
    ends = ends_in_order(engine, {older, newer})
    # Dropped for the newer one (or, on a fast computer, done before it came).
    assert ends[0].id == older
    assert ends[0].reason in {"cancelled", "prefilled"}
    assert (ends[1].id, ends[1].reason) == (newer, "prefilled")
    _text, finished = engine.collect(engine.start(MOUNTAIN + "The abbot", Sampling(8),
                                                  stop_rule=rule))
    # Nothing left to read at the pause, token healing included (from the short window:
    # the older read got a few chunks in, and the whole window is read behind it).
    assert finished.reused_tokens == finished.prompt_tokens, finished


def test_text_the_writer_deleted_is_not_read(engine: Harness) -> None:
    sampling = Sampling(max_tokens=4)
    busy = engine.start(STORY * 3, Sampling(max_tokens=24))
    deleted = engine.start(MOUNTAIN + "The abbot counted twice", sampling, background=True)
    engine.cancel(deleted)  # the writer deleted the words: the editor cancels the read
    kept = engine.start(MOUNTAIN, sampling, background=True)
    ends = ends_in_order(engine, {busy, deleted, kept})
    assert {(end.id, end.reason) for end in ends} >= {(deleted, "cancelled"),
                                                     (kept, "prefilled")}
    _text, finished = engine.collect(engine.start(MOUNTAIN + "The abbot counted twice",
                                                  Sampling(max_tokens=4)))
    assert finished.reused_tokens < finished.prompt_tokens - 3  # those words were unread


def test_the_window_at_the_cursor_is_read_as_part_of_loading(shared_data_dir: Path) -> None:
    rule = StopRule("sentence", MOUNTAIN[-200:], "")
    with Harness() as harness:
        loaded = harness.load(None, shared_data_dir, warm_prompt=MOUNTAIN, warm_max_tokens=12)
        assert loaded.reads_per_s > 0
        _text, finished = harness.collect(harness.start(MOUNTAIN, Sampling(max_tokens=12),
                                                        stop_rule=rule))
    # The first pause is answered like any other: from the whole window, all of it read.
    assert not finished.short_window
    assert finished.reused_tokens == finished.prompt_tokens, finished


def test_the_suggestion_a_read_was_made_ready_for_lets_it_read_its_chunk_on(
        engine: Harness) -> None:
    sampling = Sampling(max_tokens=4)
    rule = StopRule("sentence", MOUNTAIN[-200:], "")
    # A new place, made ready for the pause: the short window, a chunk of a tenth of a
    # second at a time (the reading speed is learnt from the load's first decode).
    ready = engine.start(MOUNTAIN, sampling, stop_rule=rule, background=True)
    time.sleep(0.02)  # its first chunk under way
    # The pause comes; the editor does not cancel the read of the suggestion's prompt.
    asked = engine.start(MOUNTAIN, sampling, stop_rule=rule)
    ends = ends_in_order(engine, {ready, asked})
    # The read ended after its chunk, or before it began (the suggestion reads the
    # rest; on a fast machine it may have been read whole first)...
    assert ends[0].id == ready
    assert ends[0].reason in {"cancelled", "prefilled"}
    assert ends[1].id == asked
    assert ends[1].reason in {"length", "complete"}
    # ... and what it was reading when the suggestion came was not thrown away.
    assert ends[1].short_window
    assert ends[1].reused_tokens > 1
