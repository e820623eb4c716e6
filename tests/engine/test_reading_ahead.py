"""Kept states, short windows and background reading, with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.engine.process.llama_engine import GenerationStats, LlamaEngine
from writer_app.engine.process.reading_speed import ReadingSpeed
from writer_app.engine.process.token_healing import Healings
from writer_app.engine.protocol import Generate, Sampling, StopRule

pytestmark = pytest.mark.model

HARBOUR = ("The harbour town woke before the sun. Fishermen carried their nets down the "
           "stone steps, and the baker on the corner opened his shutters to the smell of "
           "salt and bread. Nobody noticed the stranger on the pier until the bell rang. ")
MOUNTAIN = ("High in the mountains the snow had not melted for a hundred years. The monks "
            "who kept the pass counted the travellers in a book bound with leather, and "
            "every name was written twice, once in ink and once in charcoal. ")


@pytest.fixture
def engine(model_path: Path) -> LlamaEngine:
    return LlamaEngine(model_path, n_ctx=2048, n_threads=0, n_gpu_layers=-1)


def run(engine: LlamaEngine, prompt: str, *, suggestion: bool = False,
        prefill: bool = False) -> tuple[str, GenerationStats]:
    rule = StopRule("sentence", prompt[-200:], "") if suggestion else None
    request = Generate(1, prompt, sampling=Sampling(max_tokens=12), stop_rule=rule,
                       prefill=prefill)
    text = ""
    for item in engine.generate(request, lambda: False):
        if isinstance(item, GenerationStats):
            return text, item
        text += item
    raise AssertionError("no statistics")


def fresh(engine: LlamaEngine, prompt: str) -> str:
    engine._cache.clear()
    engine._cache.kept.clear()
    engine._healings.clear()
    return run(engine, prompt)[0]


def test_a_restored_state_writes_what_a_fresh_read_writes(engine: LlamaEngine) -> None:
    here, there = HARBOUR * 2, MOUNTAIN * 2
    reference = fresh(engine, here)
    fresh(engine, there)
    run(engine, here, prefill=True)
    run(engine, there)  # the writer jumps: the harbour's state is put aside
    assert len(engine._cache.kept) >= 1
    restores = engine._cache.restores
    text, stats = run(engine, here)  # and back
    assert engine._cache.restores == restores + 1
    # All but what token healing writes again at the end.
    assert stats.reused_tokens >= len(engine.tokenize(here, add_bos=True)) - 2
    assert text == reference


def test_a_new_place_is_answered_from_a_short_window_then_read_whole(
        engine: LlamaEngine) -> None:
    prompt = HARBOUR * 3
    text, stats = run(engine, prompt, suggestion=True)
    assert stats.short_window
    assert stats.prompt_tokens < len(engine.tokenize(prompt, add_bos=True))
    assert text
    whole = engine.take_follow_up()
    assert whole is not None
    assert engine.take_follow_up() is None  # once
    assert engine.prepare(whole, lambda: False)
    text, stats = run(engine, prompt, suggestion=True)
    assert not stats.short_window
    assert stats.reused_tokens >= len(whole) - 2


def test_reading_ahead_stops_when_asked_and_goes_on_from_there(engine: LlamaEngine) -> None:
    prompt = MOUNTAIN * 6
    tokens = engine.tokenize(prompt, add_bos=True)

    def stop_soon() -> bool:
        return engine._llm.n_tokens > 0  # inside the second chunk's graph

    assert not engine.prepare(tokens, stop_soon)
    done = engine._llm.n_tokens
    assert 0 < done < len(tokens)  # whole chunks kept, the aborted one dropped
    assert engine.prepare(tokens, lambda: False)
    text, stats = run(engine, prompt)
    assert stats.reused_tokens >= len(tokens) - 2  # all but the healed tail
    assert text == fresh(engine, prompt)


def test_a_slow_model_keeps_the_few_tokens_it_read_of_another_window(
        engine: LlamaEngine) -> None:
    # A 4B model on two cores reads a word's tokens in a second: what it read of the next
    # window before the writer's next word turned it back to the cursor must stay read.
    here = engine.tokenize(HARBOUR * 2, add_bos=True)
    ahead = engine.tokenize(MOUNTAIN * 2, add_bos=True)
    assert engine.prepare(here, lambda: False)
    chunks = iter([False, True])  # two chunks of the next window, then the next word
    assert not engine.prepare(ahead, lambda: False, lambda: next(chunks))
    read = engine._llm.n_tokens
    assert 8 <= read < 48
    engine._cache.speed = ReadingSpeed(20.0)
    assert engine.prepare([*here, *engine.tokenize(" The", add_bos=False)], lambda: False)
    engine._cache.speed = ReadingSpeed(20.0)
    assert engine._cache.start_for(ahead) == read


def test_going_back_to_a_place_reads_its_healed_tokens_with_its_prompt_in_one_call(
        engine: LlamaEngine) -> None:
    here = HARBOUR * 2 + "The bak"  # "bak" is healed: the prompt stops before it
    run(engine, here, prefill=True)
    run(engine, here + "er sang as he worked, and", prefill=True)  # the writer typed on
    run(engine, MOUNTAIN * 2, prefill=True)  # and went elsewhere
    calls: list[int] = []
    evaluate = engine._llm.eval
    engine._llm.eval = lambda tokens: (calls.append(len(tokens)), evaluate(tokens))[1]  # type: ignore[method-assign]
    run(engine, here, prefill=True)  # back: the kept state must be cut before "bak"
    # What is left of the prompt and its healing (read there before), in one call: a 4B
    # model would otherwise wait a decode for the prompt's end, and another to heal it.
    assert len(calls) == 1, calls
    text, _stats = run(engine, here)
    assert text == fresh(engine, here)


def test_a_short_window_made_ready_for_a_pause_is_read_in_one_call(
        engine: LlamaEngine) -> None:
    prompt = MOUNTAIN * 3
    engine._cache.speed = ReadingSpeed(20.0)  # a 4B model on two cores: chunks of 8
    calls: list[int] = []
    evaluate = engine._llm.eval
    engine._llm.eval = lambda tokens: (calls.append(len(tokens)), evaluate(tokens))[1]  # type: ignore[method-assign]
    rule = StopRule("sentence", prompt[-200:], "")
    ready = Generate(1, prompt, sampling=Sampling(max_tokens=12), stop_rule=rule)
    assert engine.prepare(ready, lambda: False)
    # The short window (more than a chunk of 8), then the healing: small batches read
    # slower, and the pause waits for all of it anyway.
    assert len(calls) <= 2, calls
    assert calls[0] > 8, calls
    _text, stats = run(engine, prompt, suggestion=True)
    assert stats.short_window
    assert stats.reused_tokens == stats.prompt_tokens  # nothing left to read at the pause


def test_a_slow_model_heals_only_the_last_token_of_a_long_word(engine: LlamaEngine) -> None:
    prompt = HARBOUR + "Over the door was carved an enormous hieroglyph"
    _tokens, whole = engine.prompt_tokens(prompt, None, 12)
    assert whole == b" hieroglyph"  # three tokens: three decodes
    run(engine, prompt, suggestion=True)
    assert engine._healings.decodes.tokens_per_s > 0  # learnt from the healing
    # A model that decodes 5 tokens a second (a 4B one on a slow two-core machine) has
    # a quarter second for the pause's read: it heals the last token only.
    engine._healings = Healings(4)
    engine._healings.decodes = ReadingSpeed(5.0, measured_from=1)
    _tokens, tail = engine.prompt_tokens(prompt, None, 12)
    assert len(engine.tokenize(tail.decode(), add_bos=False)) == 1
    assert whole.endswith(tail)
    text, _stats = run(engine, prompt, suggestion=True)
    assert text
    assert not text.startswith(tail.decode())  # the tail is not written twice
