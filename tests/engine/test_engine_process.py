"""The engine process with the real embedded model through llama.cpp."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.test_gguf_file import write_tiny_gguf
from writer_app.engine.engine_client import EngineClient
from writer_app.engine.protocol import (
    Cancel,
    Finished,
    Generate,
    Loaded,
    LoadFailed,
    LoadModel,
    Message,
    Piece,
    Sampling,
    StopRule,
)

pytestmark = pytest.mark.model

STORY = (
    "The lighthouse stood at the edge of the world, white against the grey sky. "
    "Every evening the old keeper climbed its hundred and twelve steps to light the lamp."
)


class Harness:
    """An engine process whose messages land in a queue."""

    def __init__(self) -> None:
        self.inbox: queue.Queue[Message | str] = queue.Queue()
        self.client = EngineClient(self.inbox.put, lambda how: self.inbox.put(f"exit: {how}"))
        self.client.start()

    def next(self, timeout: float = 60) -> Message | str:
        return self.inbox.get(timeout=timeout)

    def load(self, model_path: str | None, data_dir: Path) -> Message:
        self.client.send(LoadModel(model_path, str(data_dir)))
        while True:
            message = self.next()
            if isinstance(message, (Loaded | LoadFailed, str)):
                return message  # type: ignore[return-value]

    def generate(self, prompt: str, max_tokens: int = 24,
                 stop_rule: StopRule | None = None) -> tuple[str, Finished]:
        request_id = self.client.next_id()
        self.client.send(Generate(request_id, prompt, sampling=Sampling(max_tokens=max_tokens),
                                  stop_rule=stop_rule))
        return self.collect(request_id)

    def collect(self, request_id: int) -> tuple[str, Finished]:
        text = ""
        while True:
            message = self.next()
            if isinstance(message, Piece) and message.id == request_id:
                text += message.text
            elif isinstance(message, Finished) and message.id == request_id:
                return text, message
            elif isinstance(message, str):
                raise AssertionError(message)


@pytest.fixture(scope="module")
def engine(shared_data_dir: Path) -> Iterator[Harness]:
    harness = Harness()
    loaded = harness.load(None, shared_data_dir)
    assert isinstance(loaded, Loaded), loaded
    yield harness
    harness.client.stop()


def test_the_embedded_model_loads_on_the_cpu(engine: Harness, shared_data_dir: Path) -> None:
    loaded = engine.load(None, shared_data_dir)
    assert isinstance(loaded, Loaded)
    assert loaded.backend == "CPU"
    assert loaded.fill_in_middle is False
    assert Path(loaded.model_path).name == "gemma-3-270m-q4_k_m.gguf"


def test_greedy_generation_is_deterministic_and_reuses_the_prefix(engine: Harness) -> None:
    first, finished_first = engine.generate(STORY)
    second, finished_second = engine.generate(STORY)
    assert first
    assert first == second
    assert finished_first.generated_tokens > 0
    # The second request finds its whole prompt in the KV cache.
    assert finished_second.reused_tokens >= finished_second.prompt_tokens - 1
    _, longer = engine.generate(STORY + " One night")
    assert longer.reused_tokens >= finished_first.prompt_tokens - 1


def test_the_stop_rule_ends_at_the_sentence(engine: Harness) -> None:
    rule = StopRule("sentence", STORY[-200:], "")
    text, finished = engine.generate(STORY + " One night,", max_tokens=80, stop_rule=rule)
    assert finished.reason in ("complete", "stop")
    if finished.reason == "complete":
        from writer_app.core.prose import SuggestionLength, shape_suggestion

        assert shape_suggestion(text, STORY[-200:], "", SuggestionLength.SENTENCE).complete


def test_cancel_during_prompt_evaluation_is_prompt(engine: Harness) -> None:
    """A long cold prompt takes seconds to evaluate; a cancel must not wait for it."""
    line = "the sea was calm and the night was long."
    long_prompt = " ".join(f"Line {n}: {line}" for n in range(150))
    request_id = engine.client.next_id()
    engine.client.send(Generate(request_id, long_prompt, sampling=Sampling(max_tokens=8)))
    time.sleep(0.15)  # well inside the evaluation of ~2,000 tokens, even on a fast machine
    cancelled_at = time.perf_counter()
    engine.client.send(Cancel(request_id))
    text, finished = engine.collect(request_id)
    latency = time.perf_counter() - cancelled_at
    assert finished.reason == "cancelled"
    assert text == ""
    # The requirement is 100 ms; this shared machine gets slack, but far less than the
    # seconds the evaluation itself would take.
    assert latency < 1.0, f"cancel took {latency * 1000:.0f} ms"
    print(f"cancel during prompt evaluation: {latency * 1000:.1f} ms")


def test_the_model_is_sound_after_an_aborted_evaluation(engine: Harness) -> None:
    reference, _ = engine.generate(STORY)
    long_prompt = STORY + " " + " ".join(["The waves came and went."] * 200)
    request_id = engine.client.next_id()
    engine.client.send(Generate(request_id, long_prompt, sampling=Sampling(max_tokens=8)))
    time.sleep(0.15)
    engine.client.send(Cancel(request_id))
    assert engine.collect(request_id)[1].reason == "cancelled"
    again, _ = engine.generate(STORY)
    assert again == reference


def test_cancel_during_generation(engine: Harness) -> None:
    request_id = engine.client.next_id()
    engine.client.send(Generate(request_id, STORY, sampling=Sampling(max_tokens=200)))
    while True:
        message = engine.next()
        if isinstance(message, Piece) and message.id == request_id:
            break
    engine.client.send(Cancel(request_id))
    _, finished = engine.collect(request_id)
    assert finished.reason == "cancelled"


def test_a_queued_request_cancelled_before_it_starts_never_runs(engine: Harness) -> None:
    first = engine.client.next_id()
    second = engine.client.next_id()
    engine.client.send(Generate(first, STORY, sampling=Sampling(max_tokens=16)))
    engine.client.send(Generate(second, STORY + " And", sampling=Sampling(max_tokens=16)))
    engine.client.send(Cancel(second))
    engine.collect(first)
    text, finished = engine.collect(second)
    assert (text, finished.reason, finished.generated_tokens) == ("", "cancelled", 0)


@pytest.mark.parametrize(
    ("make_file", "words"),
    [
        (lambda d: d / "missing.gguf", "does not exist"),
        (lambda d: (d / "notes.gguf").write_text("my notes") and d / "notes.gguf",
         "not a GGUF model"),
    ],
)
def test_bad_model_files_fail_with_a_message(tmp_path: Path, shared_data_dir: Path,
                                             make_file: object, words: str) -> None:
    harness = Harness()
    try:
        path = make_file(tmp_path)  # type: ignore[operator]
        failed = harness.load(str(path), shared_data_dir)
        assert isinstance(failed, LoadFailed)
        assert words in failed.error
        assert harness.client.is_running()
    finally:
        harness.client.stop()


def test_truncated_and_unloadable_models(tmp_path: Path, shared_data_dir: Path,
                                         model_path: Path) -> None:
    truncated = tmp_path / "cut.gguf"
    with model_path.open("rb") as source:
        truncated.write_bytes(source.read(50_000_000))
    tiny = tmp_path / "tiny.gguf"
    write_tiny_gguf(tiny)  # a whole GGUF file, but no model llama.cpp can run
    harness = Harness()
    try:
        failed = harness.load(str(truncated), shared_data_dir)
        assert isinstance(failed, LoadFailed)
        assert "incomplete" in failed.error
        failed = harness.load(str(tiny), shared_data_dir)
        assert isinstance(failed, LoadFailed)
        assert "llama.cpp could not load" in failed.error
        # The same engine still loads a good model afterwards.
        assert isinstance(harness.load(None, shared_data_dir), Loaded)
    finally:
        harness.client.stop()


def test_a_killed_engine_is_reported(shared_data_dir: Path) -> None:
    harness = Harness()
    try:
        assert isinstance(harness.load(None, shared_data_dir), Loaded)
        request_id = harness.client.next_id()
        harness.client.send(Generate(request_id, STORY, sampling=Sampling(max_tokens=200)))
        harness.client.kill()
        while True:
            message = harness.next()
            if isinstance(message, str):
                break
        assert message == "exit: was stopped by signal SIGKILL"
        assert not harness.client.is_running()
    finally:
        harness.client.stop()


@pytest.mark.parametrize(
    ("prompt", "word_start"),
    [
        ("She opened the door and walked into the kitc", "kitc"),
        ("Every evening the old keeper climbed the lighthou", "lighthou"),
    ],
)
def test_a_word_cut_short_is_finished_not_followed_by_a_space(
        engine: Harness, prompt: str, word_start: str) -> None:
    text, _ = engine.generate(prompt, max_tokens=8)
    assert text[:1].isalpha(), text
    completed = word_start + text.split()[0]
    assert completed.isalpha() or completed.rstrip(".,;").isalpha(), completed


def test_a_prompt_ending_in_a_space_gets_no_second_space(engine: Harness) -> None:
    text, _ = engine.generate("It was a dark and stormy night. The wind ", max_tokens=8)
    assert text[:1].isalpha(), text


@pytest.mark.parametrize("prompt", [
    "The keeper looked out at the sea",
    "It was the last night of summer, and the whole town had gathered by the water. Nobody",
])
def test_a_whole_word_is_not_stretched_into_another(engine: Harness, prompt: str) -> None:
    text, _ = engine.generate(prompt, max_tokens=8)
    assert not text[:1].isalpha(), text
