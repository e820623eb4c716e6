"""The bookkeeping of background reading, with a stand-in engine: every read answered
exactly once, whatever the reader thread does meanwhile."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from writer_app.engine.process.background_reading import BackgroundReading
from writer_app.engine.protocol import Finished, Generate, Message, StopRule

RULE = StopRule("sentence", "", "")


class Engine:
    """Runs `during` inside prepare, as if the reader thread acted mid-read."""

    def __init__(self, during: Callable[[], None] = lambda: None, done: bool = True,
                 fails: bool = False) -> None:
        self.during, self.done, self.fails = during, done, fails
        self.read: list[object] = []

    def prepare(self, request: object, should_stop: Callable[[], bool],
                should_pause: Callable[[], bool], whole: list[int] | None = None) -> bool:
        self.read.append(request)
        self.during()
        if self.fails:
            raise RuntimeError("boom")
        return self.done and not should_stop()

    def take_follow_up(self) -> list[int] | None:
        return None


def reading() -> tuple[BackgroundReading, list[Message]]:
    sent: list[Message] = []
    return BackgroundReading(sent.append), sent


def ends(sent: list[Message]) -> list[tuple[int, str]]:
    return [(m.id, m.reason) for m in sent if isinstance(m, Finished)]


def test_a_read_cancelled_while_being_read_is_answered_once() -> None:
    background, sent = reading()
    background.add(Generate(1, "The keeper"))
    background.read_one(Engine(during=lambda: background.cancel(1), done=False),  # type: ignore[arg-type]
                        lambda: False)
    assert ends(sent) == [(1, "cancelled")]
    assert not background.has_work()


def test_a_read_continued_while_being_read_is_answered_once_and_the_newer_one_stays(
        ) -> None:
    background, sent = reading()
    background.add(Generate(1, "The keeper"))
    newer = Generate(2, "The keeper climbed")
    background.read_one(Engine(during=lambda: background.add(newer)),  # type: ignore[arg-type]
                        lambda: False)
    assert ends(sent) == [(1, "prefilled")]  # it got to its end first: no error
    engine = Engine()
    background.read_one(engine, lambda: False)  # type: ignore[arg-type]
    assert engine.read == [newer]
    assert ends(sent) == [(1, "prefilled"), (2, "prefilled")]


def test_a_read_that_fails_is_the_one_answered() -> None:
    background, sent = reading()
    background.add(Generate(1, "A place elsewhere"))
    failing = Generate(2, "The keeper")
    background.add(failing)
    with pytest.raises(RuntimeError):
        background.read_one(Engine(fails=True), lambda: False)  # type: ignore[arg-type]
    background.give_up()
    assert ends(sent) == [(2, "cancelled")]
    assert background.has_work()  # the other read is still to be read


def test_after_a_ready_read_only_a_newer_read_ends_the_wait_for_the_pause() -> None:
    background, _sent = reading()
    background.add(Generate(1, "The next window", background=True))  # sent first
    background.add(Generate(2, "The keeper", stop_rule=RULE, background=True))
    background.read_one(Engine(), lambda: False)  # type: ignore[arg-type]
    assert background.held_for() > 0  # the older read waits: the pause is coming
    background.add(Generate(3, "The keeper climbed", background=True))
    assert background.held_for() == 0  # the writer typed on



class Watching(Engine):
    """Says whether the chunk being read would stop once `during` has run; reads one
    chunk of more."""

    def prepare(self, request: object, should_stop: Callable[[], bool],
                should_pause: Callable[[], bool], whole: list[int] | None = None) -> bool:
        self.read.append(request)
        self.during()
        self.stopped = should_stop()
        return False


def test_a_read_made_ready_for_the_pause_stops_the_chunk_of_another_lane_at_once() -> None:
    background, _sent = reading()
    background.add(Generate(1, "The next window", background=True))

    def the_writer_pauses() -> None:
        # A word ended: the next window's newer prompt takes over the one being read;
        # then, a moment after the last key, the prompt at the cursor is made ready.
        background.add(Generate(2, "The next window opens", background=True))
        background.add(Generate(3, "The keeper", stop_rule=RULE, background=True))

    engine = Watching(during=the_writer_pauses)
    background.read_one(engine, lambda: False)  # type: ignore[arg-type]
    assert engine.stopped  # not half a second more of a 4B model's chunk


def test_a_read_made_ready_that_continues_the_one_being_read_lets_its_chunk_end() -> None:
    background, _sent = reading()
    background.add(Generate(1, "The keeper", background=True))
    engine = Watching(during=lambda: background.add(
        Generate(2, "The keeper climbed", stop_rule=RULE, background=True)))
    background.read_one(engine, lambda: False)  # type: ignore[arg-type]
    assert not engine.stopped  # the chunk is the ready read's own first part


def test_the_writers_newest_word_stops_the_chunk_of_the_next_window() -> None:
    background, _sent = reading()
    background.add(Generate(1, "The next window", background=True))
    engine = Watching(during=lambda: background.add(
        Generate(2, "The keeper climbed", background=True)))  # a word ended
    background.read_one(engine, lambda: False)  # type: ignore[arg-type]
    assert engine.stopped
    background.read_one(Engine(), lambda: False)  # type: ignore[arg-type]
    assert background.has_work()  # the next window is still to be read, from there


def test_a_chunk_after_one_stopped_for_a_word_is_read_to_its_end() -> None:
    # A writer typing faster than a 4B model reads a chunk: every other chunk of the
    # next window still ends, so it gets read.
    background, _sent = reading()
    background.add(Generate(1, "The next window", background=True))
    words = iter(["The keeper", "The keeper climbed", "The keeper climbed the"])
    stopped: list[bool] = []
    for _ in range(3):
        engine = Watching(during=lambda: background.add(
            Generate(10, next(words), background=True)))
        background.read_one(engine, lambda: False)  # type: ignore[arg-type]  # the window
        stopped.append(engine.stopped)
        background.read_one(Engine(), lambda: False)  # type: ignore[arg-type]  # the word
    assert stopped == [True, False, True]


def test_a_read_of_another_place_stops_the_chunk_whatever_came_after_it() -> None:
    background, _sent = reading()
    background.add(Generate(1, "The keeper", background=True))

    def two_reads() -> None:
        background.add(Generate(2, "Another chapter", background=True))  # elsewhere
        background.add(Generate(3, "The keeper climbed", background=True))  # continues 1

    engine = Watching(during=two_reads)
    background.read_one(engine, lambda: False)  # type: ignore[arg-type]
    assert engine.stopped


def test_the_next_window_sent_at_a_word_lets_the_chunk_of_the_writers_place_end() -> None:
    # At every word the editor sends the next window, then the writer's place: the
    # chunk of the word before, stopped for the next window, would be read again (half
    # a second of a 4B model, which the pause then waited for).
    background, _sent = reading()
    background.add(Generate(1, "The keeper", background=True))

    def a_word_ends() -> None:
        background.add(Generate(2, "The next window", background=True, ahead=True))
        background.add(Generate(3, "The keeper climbed", stop_rule=RULE, background=True))

    engine = Watching(during=a_word_ends)
    background.read_one(engine, lambda: False)  # type: ignore[arg-type]
    assert not engine.stopped
    # Alone, it does not stop the chunk either: the writer's place comes first.
    engine = Watching(during=lambda: background.add(
        Generate(4, "The window after", background=True, ahead=True)))
    background.read_one(engine, lambda: False)  # type: ignore[arg-type]
    assert not engine.stopped
