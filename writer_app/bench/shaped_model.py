"""A model of random weights with a published shape (core/model_shapes), built once and
kept in the cache folder, for measuring latency at the sizes writers use without
downloading them.

The model is written in 16-bit floats with the `gguf` package, then quantized to
Q4_K_M (the quantization writers download) by llama.cpp's own quantizer, so its tensors
have the types, sizes and layout of the real file. Its tokenizer is the embedded model's
(Gemma 3's), cut or padded to the shape's vocabulary: text is read in as many tokens as
a Gemma model would read it in, about as many as the other families' tokenizers.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from writer_app.core.model_shapes import ModelShape

if TYPE_CHECKING:
    import gguf  # a test and bench dependency, imported when a shape is built

QUANTIZATION = "Q4_K_M"
_FILLER_BLOCK = 1 << 20  # random values repeated to fill a tensor: its content is noise


def shaped_model_path(shape: ModelShape, cache_dir: Path) -> Path:
    return cache_dir / "shapes" / f"{shape.name}-random-{QUANTIZATION.lower()}.gguf"


def shaped_model(shape: ModelShape, cache_dir: Path, tokenizer_from: Path,
                 progress: Callable[[str], None]) -> Path:
    """Return the path of the random-weight model of `shape`, building it first if the
    cache does not hold it (minutes, and disk for the 16-bit file meanwhile: about twice
    the shape's parameters in bytes)."""
    target = shaped_model_path(shape, cache_dir)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    wide = target.with_name(target.name + ".f16.partial")
    narrow = target.with_name(target.name + ".partial")
    try:
        progress(f"writing a {shape.title} of random weights ({shape.parameters / 1e9:.1f} "
                 "billion) in 16-bit floats")
        write_random_model(shape, wide, tokenizer_from)
        progress(f"quantizing it to {QUANTIZATION} with llama.cpp")
        quantize(wide, narrow)
        os.replace(narrow, target)
    finally:
        wide.unlink(missing_ok=True)
        narrow.unlink(missing_ok=True)
    return target


def write_random_model(shape: ModelShape, path: Path, tokenizer_from: Path) -> None:
    """Write `shape` with random 16-bit weights (norms at one) and the tokenizer of the
    GGUF file `tokenizer_from`, tensor by tensor (a 4B shape is 8 GB: never all in
    memory)."""
    import gguf
    import numpy as np

    writer = gguf.GGUFWriter(str(path), shape.architecture)
    _describe(writer, shape)
    _copy_tokenizer(writer, tokenizer_from, shape.vocabulary)
    tensors = list(_tensors(shape))
    for name, dims in tensors:
        dtype = np.float32 if len(dims) == 1 else np.float16
        count = int(np.prod(dims))
        writer.add_tensor_info(name, dims, np.dtype(dtype), count * np.dtype(dtype).itemsize)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    rng = np.random.default_rng(0)
    filler = (rng.standard_normal(_FILLER_BLOCK) * 0.02).astype(np.float16)
    for _name, dims in tensors:
        if len(dims) == 1:
            writer.write_tensor_data(np.ones(dims, dtype=np.float32))
        else:
            writer.write_tensor_data(np.resize(filler, dims))
    writer.close()


def quantize(source: Path, target: Path) -> None:
    """Quantize the GGUF file `source` to Q4_K_M at `target` with llama.cpp."""
    from writer_app.engine.process.llama_build import load_backends
    from writer_app.engine.process.llama_calls import quantize_to_q4_k_m

    load_backends()
    quantize_to_q4_k_m(str(source), str(target))


def _describe(writer: gguf.GGUFWriter, shape: ModelShape) -> None:
    import gguf

    writer.add_name(f"{shape.title} shape, random weights")
    writer.add_context_length(shape.context)
    writer.add_embedding_length(shape.embedding)
    writer.add_block_count(shape.layers)
    writer.add_feed_forward_length(shape.feed_forward)
    writer.add_head_count(shape.heads)
    writer.add_head_count_kv(shape.kv_heads)
    writer.add_key_length(shape.head_size)
    writer.add_value_length(shape.head_size)
    writer.add_rope_dimension_count(shape.head_size)
    writer.add_rope_freq_base(shape.rope_base)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_vocab_size(shape.vocabulary)
    if shape.sliding_window:
        writer.add_sliding_window(shape.sliding_window)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)


def _tensors(shape: ModelShape) -> Iterator[tuple[str, tuple[int, ...]]]:
    """The tensors llama.cpp expects of the architecture, as numpy shapes (rows first).
    The output layer is the embeddings' (tied), as in all of these models."""
    width, ffn = shape.embedding, shape.feed_forward
    queries, keys = shape.heads * shape.head_size, shape.kv_heads * shape.head_size
    yield "token_embd.weight", (shape.vocabulary, width)
    yield "output_norm.weight", (width,)
    for layer in range(shape.layers):
        block = f"blk.{layer}"
        yield f"{block}.attn_norm.weight", (width,)
        yield f"{block}.attn_q.weight", (queries, width)
        yield f"{block}.attn_k.weight", (keys, width)
        yield f"{block}.attn_v.weight", (keys, width)
        yield f"{block}.attn_output.weight", (width, queries)
        if shape.architecture in ("gemma3", "qwen3"):
            yield f"{block}.attn_q_norm.weight", (shape.head_size,)
            yield f"{block}.attn_k_norm.weight", (shape.head_size,)
        if shape.architecture == "gemma3":
            yield f"{block}.post_attention_norm.weight", (width,)
            yield f"{block}.post_ffw_norm.weight", (width,)
        yield f"{block}.ffn_norm.weight", (width,)
        yield f"{block}.ffn_gate.weight", (ffn, width)
        yield f"{block}.ffn_up.weight", (ffn, width)
        yield f"{block}.ffn_down.weight", (width, ffn)


def _copy_tokenizer(writer: gguf.GGUFWriter, source: Path, vocabulary: int) -> None:
    """Give the model the tokenizer of `source`, its pieces cut to `vocabulary` or padded
    with unused ones."""
    import gguf

    padding: dict[str, Callable[[int], object]] = {
        "tokenizer.ggml.tokens": lambda n: f"<unused_shape_{n}>",
        "tokenizer.ggml.scores": lambda _n: -1e9,
        "tokenizer.ggml.token_type": lambda _n: int(gguf.TokenType.UNUSED),
    }
    for key, stored, kind, sub in _tokenizer_of(source):
        value = stored
        if key in padding:
            value = stored[:vocabulary] + [padding[key](n)
                                           for n in range(vocabulary - len(stored))]
        writer.add_key_value(key, value, kind, sub_type=sub)


@functools.cache
def _tokenizer_of(source: Path) -> tuple[tuple[str, Any, Any, Any], ...]:
    """The tokenizer keys of the GGUF file `source`: (key, value, type, item type).
    Read once per process: gguf's reader takes seconds over a quarter of a million
    pieces."""
    import gguf

    found = []
    for key, field in gguf.GGUFReader(str(source)).fields.items():
        if key.startswith("tokenizer."):
            kind = field.types[0]
            sub = field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None
            found.append((key, field.contents(), kind, sub))
    return tuple(found)
