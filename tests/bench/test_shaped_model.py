"""`writer-app bench --shape`: a random-weight model with a published shape, built with
the gguf package and llama.cpp's quantizer, loads in the app's engine with the shapes asked
for. Tiny shapes here, of each architecture the table uses; the real ones take minutes."""

from __future__ import annotations

from pathlib import Path

import gguf
import pytest

from writer_app.bench.shaped_model import shaped_model
from writer_app.cli.bench import bench
from writer_app.core.model_shapes import SHAPES, ModelShape
from writer_app.engine.client.blocking_engine import BlockingEngine
from writer_app.engine.protocol import Finished, Sampling

pytestmark = pytest.mark.model

TINY = {
    "gemma3": ModelShape("tiny-gemma3", "Tiny Gemma 3", "gemma3", 64, 2, 256, 2, 1, 32,
                         262208, 2048, 1e6, 512, gemma_tokenizer=True),
    "llama": ModelShape("tiny-llama", "Tiny Llama", "llama", 256, 2, 768, 4, 2, 64, 4096,
                        2048, 5e5),
    "qwen3": ModelShape("tiny-qwen3", "Tiny Qwen3", "qwen3", 256, 3, 512, 4, 2, 128, 8192,
                        2048, 1e6),
}


def field(reader: gguf.GGUFReader, key: str) -> object:
    return reader.fields[key].contents()


@pytest.mark.parametrize("architecture", sorted(TINY))
def test_a_tiny_shape_loads_with_the_shapes_asked_for(
        architecture: str, tmp_path: Path, model_path: Path, shared_data_dir: Path,
        capfd: pytest.CaptureFixture[str]) -> None:
    shape = TINY[architecture]
    steps: list[str] = []
    path = shaped_model(shape, tmp_path, model_path, steps.append)
    assert len(steps) == 2  # written, then quantized
    assert "llama_model_loader" not in capfd.readouterr().err  # the quantizer's log
    reader = gguf.GGUFReader(str(path))
    prefix = shape.architecture
    assert field(reader, "general.architecture") == architecture
    assert field(reader, f"{prefix}.embedding_length") == shape.embedding
    assert field(reader, f"{prefix}.block_count") == shape.layers
    assert field(reader, f"{prefix}.attention.head_count") == shape.heads
    assert field(reader, f"{prefix}.attention.head_count_kv") == shape.kv_heads
    assert field(reader, "general.file_type") == gguf.LlamaFileType.MOSTLY_Q4_K_M
    assert len(field(reader, "tokenizer.ggml.tokens")) == shape.vocabulary  # type: ignore[arg-type]
    tensors = {t.name: t for t in reader.tensors}
    assert tensors["token_embd.weight"].shape.tolist() == [shape.embedding, shape.vocabulary]
    last = f"blk.{shape.layers - 1}"
    assert tensors[f"{last}.attn_q.weight"].shape.tolist() == [
        shape.embedding, shape.heads * shape.head_size]
    assert tensors[f"{last}.ffn_up.weight"].shape.tolist() == [shape.embedding,
                                                                shape.feed_forward]
    assert tensors[f"{last}.ffn_up.weight"].tensor_type.name.startswith("Q")  # quantized
    # The app's own engine loads it and writes (noise).
    with BlockingEngine(timeout_s=120) as engine:
        loaded = engine.load(str(path), shared_data_dir)
        assert loaded.model_name == shape.title + " shape, random weights"
        request = engine.start("The ferry at Orrin", Sampling(max_tokens=8))
        finished = [m for m in engine.stream(request) if isinstance(m, Finished)]
        assert finished
    # Built once: asked again, the cached file is the answer.
    built = path.stat().st_mtime_ns
    assert shaped_model(shape, tmp_path, model_path, steps.append) == path
    assert path.stat().st_mtime_ns == built
    assert len(steps) == 2


def test_the_published_shapes_have_the_sizes_their_names_say() -> None:
    billions = {name: shape.parameters / 1e9 for name, shape in SHAPES.items()}
    assert billions["gemma3-270m"] == pytest.approx(0.27, abs=0.03)
    assert billions["gemma3-1b"] == pytest.approx(1.0, abs=0.1)
    assert billions["gemma3-4b"] == pytest.approx(3.9, abs=0.2)
    assert billions["llama3.2-1b"] == pytest.approx(1.24, abs=0.05)
    assert billions["qwen3-1.7b"] == pytest.approx(1.7, abs=0.1)


@pytest.mark.parametrize(("extra", "said"), [
    (["--only", "replay,savings"], "keystroke savings"),
    (["--model", "other.gguf"], "leave out --model"),
])
def test_the_bench_refuses_savings_and_a_second_model_with_a_shape(
        extra: list[str], said: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "story.txt"
    text.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        bench(["--text", str(text), "--shape", "gemma3-1b", *extra])
    assert exited.value.code == 2
    assert said in capsys.readouterr().err
