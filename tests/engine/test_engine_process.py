"""The engine process with the real embedded model through llama.cpp."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import truncated_copy
from tests.core.test_gguf_file import write_tiny_gguf
from writer_app.engine.client.blocking_engine import BlockingEngine, EngineError, ModelLoadError
from writer_app.engine.protocol import Finished, Loaded, Piece, Sampling, StopRule

pytestmark = pytest.mark.model

STORY = (
    "The lighthouse stood at the edge of the world, white against the grey sky. "
    "Every evening the old keeper climbed its hundred and twelve steps to light the lamp."
)


class Harness(BlockingEngine):
    """The app's blocking engine client, with shortcuts for tests."""

    def __init__(self) -> None:
        super().__init__(timeout_s=60)

    def generate(self, prompt: str, max_tokens: int = 24,
                 stop_rule: StopRule | None = None) -> tuple[str, Finished]:
        return self.collect(self.start(prompt, Sampling(max_tokens=max_tokens),
                                       stop_rule=stop_rule))

    def collect(self, request_id: int) -> tuple[str, Finished]:
        """Return the request's whole text and its Finished message."""
        text = ""
        for message in self.stream(request_id):
            if isinstance(message, Piece):
                text += message.text
            else:
                return text, message
        raise AssertionError("the stream ended without Finished")


@pytest.fixture(scope="module")
def engine(shared_data_dir: Path) -> Iterator[Harness]:
    with Harness() as harness:
        harness.load(None, shared_data_dir)
        yield harness


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


def test_stop_sequences_end_the_output_before_them(engine: Harness) -> None:
    free, _ = engine.generate(STORY, max_tokens=40)
    # Stop at a word the free run wrote: the output is exactly what came before it.
    word = free.split()[2]
    stopped, finished = engine.collect(engine.start(
        STORY, Sampling(max_tokens=40, stop=(" " + word,))))
    assert finished.reason == "stop"
    assert stopped == free[: free.index(" " + word)]


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
    request_id = engine.start(long_prompt, Sampling(max_tokens=8))
    time.sleep(0.15)  # well inside the evaluation of ~2,000 tokens, even on a fast machine
    cancelled_at = time.perf_counter()
    engine.cancel(request_id)
    text, finished = engine.collect(request_id)
    latency = time.perf_counter() - cancelled_at
    assert finished.reason == "cancelled"
    assert text == ""
    # The requirement is 100 ms; this shared machine gets slack, but far less than the
    # seconds the evaluation itself would take.
    assert latency < 1.0, f"cancel took {latency * 1000:.0f} ms"
    print(f"cancel during prompt evaluation: {latency * 1000:.1f} ms")


def test_the_model_is_sound_after_an_aborted_evaluation(engine: Harness) -> None:
    """The first decode after an aborted one returns wrong logits (the engine decodes once
    more to recover): the text after an abort starts as it did before.

    Only its start is compared: llama.cpp's logits for one prompt differ in the last bits
    between a token decoded in a batch and one decoded alone (which of the two a request
    gets depends on what the cache held), and a long greedy continuation can part at a
    near tie (seen after the fourth word). Wrong logits change the first word.
    """
    reference, _ = engine.generate(STORY)
    long_prompt = STORY + " " + " ".join(["The waves came and went."] * 200)
    request_id = engine.start(long_prompt, Sampling(max_tokens=8))
    time.sleep(0.15)
    engine.cancel(request_id)
    assert engine.collect(request_id)[1].reason == "cancelled"
    again, _ = engine.generate(STORY)
    assert len(reference.split()) >= 3
    assert again.split()[:3] == reference.split()[:3]


def test_cancel_during_generation(engine: Harness) -> None:
    request_id = engine.start(STORY, Sampling(max_tokens=200))
    first = next(engine.stream(request_id))
    assert isinstance(first, Piece)
    engine.cancel(request_id)
    _, finished = engine.collect(request_id)
    assert finished.reason == "cancelled"


def test_a_queued_request_cancelled_before_it_starts_never_runs(engine: Harness) -> None:
    first = engine.start(STORY, Sampling(max_tokens=16))
    second = engine.start(STORY + " And", Sampling(max_tokens=16))
    engine.cancel(second)
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
    with Harness() as harness:
        path = make_file(tmp_path)  # type: ignore[operator]
        with pytest.raises(ModelLoadError, match=words):
            harness.load(str(path), shared_data_dir)
        assert harness.client.is_running()


def test_truncated_and_unloadable_models(tmp_path: Path, shared_data_dir: Path,
                                         model_path: Path) -> None:
    truncated = truncated_copy(model_path, tmp_path / "cut.gguf", 50_000_000)
    tiny = tmp_path / "tiny.gguf"
    write_tiny_gguf(tiny)  # a whole GGUF file, but no model llama.cpp can run
    with Harness() as harness:
        with pytest.raises(ModelLoadError, match="incomplete"):
            harness.load(str(truncated), shared_data_dir)
        with pytest.raises(ModelLoadError, match=r"llama\.cpp could not load"):
            harness.load(str(tiny), shared_data_dir)
        # The same engine still loads a good model afterwards.
        assert isinstance(harness.load(None, shared_data_dir), Loaded)


def test_a_killed_engine_is_reported(shared_data_dir: Path) -> None:
    with Harness() as harness:
        assert isinstance(harness.load(None, shared_data_dir), Loaded)
        request_id = harness.start(STORY, Sampling(max_tokens=200))
        harness.client.kill()
        with pytest.raises(EngineError, match=r"^the engine was stopped by signal SIGKILL$"):
            harness.collect(request_id)
        assert not harness.client.is_running()


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
