"""Fill-in-the-middle, with a tiny random-weight model that has FIM tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_engine_process import Harness
from tests.tiny_models import write_tiny_llama
from writer_app.engine.process.llama_engine import LlamaEngine
from writer_app.engine.protocol import Finished, Loaded, Sampling


@pytest.fixture(scope="module")
def tiny_fim(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("models") / "tiny-fim.gguf"
    return path, write_tiny_llama(path, fill_in_middle=True)


def test_the_engine_process_reports_fill_in_middle(tiny_fim: tuple[Path, dict[str, int]],
                                                   tmp_path: Path) -> None:
    path, _ = tiny_fim
    with Harness() as harness:
        loaded = harness.load(str(path), tmp_path)
        assert isinstance(loaded, Loaded)
        assert loaded.fill_in_middle
        request_id = harness.start("the cat", Sampling(max_tokens=4), suffix="on the mat")
        _, finished = harness.collect(request_id)
        assert isinstance(finished, Finished)
        assert finished.generated_tokens > 0


def test_prompt_layout_puts_the_text_after_the_cursor_between_fim_tokens(
        tiny_fim: tuple[Path, dict[str, int]]) -> None:
    path, ids = tiny_fim
    engine = LlamaEngine(path, n_ctx=256, n_threads=1, n_gpu_layers=0)
    tokens, tail = engine.prompt_tokens("the cat", "on the mat", max_tokens=8)
    before = engine.tokenize("the cat", add_bos=False)
    after = engine.tokenize("on the mat", add_bos=False)
    assert tokens == [ids["<s>"], ids["<PRE>"], *before, ids["<SUF>"], *after, ids["<MID>"]]
    assert tail == b""  # nothing to heal: the middle token ends the prompt


def test_without_fim_tokens_the_suffix_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "tiny.gguf"
    ids = write_tiny_llama(path, fill_in_middle=False)
    engine = LlamaEngine(path, n_ctx=256, n_threads=1, n_gpu_layers=0)
    assert not engine.fill_in_middle
    tokens, _ = engine.prompt_tokens("the cat.", "on the mat", max_tokens=8)
    assert ids["<SUF>"] not in tokens
    assert tokens == [ids["<s>"], *engine.tokenize("the cat.", add_bos=False)]
