"""The published shapes of the models writers pick, for measuring speed without them.

How long a model takes to read and write depends on its shapes (layers, widths, heads,
vocabulary) and its quantization, not on what its weights learned. `writer-app bench
--shape NAME` builds a model of random weights with one of these shapes and measures the
app's latency with it: the figures a writer would feel with the real model, on this
machine, without downloading gigabytes. What such a model writes is noise, so keystroke
savings measured with it mean nothing.

The numbers are those of each model's published configuration (config.json on the
Hugging Face Hub: hidden_size, num_hidden_layers, intermediate_size, num_attention_heads,
num_key_value_heads, head_dim, vocab_size, rope_theta, sliding_window).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelShape:
    name: str  # what --shape takes
    title: str  # what the report says
    architecture: str  # llama.cpp's name for it: "gemma3", "llama", "qwen3"
    embedding: int
    layers: int
    feed_forward: int
    heads: int
    kv_heads: int
    head_size: int
    vocabulary: int
    context: int
    rope_base: float
    sliding_window: int = 0  # Gemma 3 alternates windowed and global layers; 0: none
    # Whether the tokenizer is the embedded model's own (Gemma 3's): then text is cut
    # into exactly the tokens the real model would read.
    gemma_tokenizer: bool = False

    @property
    def parameters(self) -> int:
        """About how many weights the shape has (embeddings included once: all of these
        tie their output to them)."""
        attention = self.embedding * self.head_size * (2 * self.heads + 2 * self.kv_heads)
        feed_forward = 3 * self.embedding * self.feed_forward
        return self.layers * (attention + feed_forward) + self.vocabulary * self.embedding


SHAPES = {shape.name: shape for shape in (
    ModelShape("gemma3-270m", "Gemma 3 270M", "gemma3", 640, 18, 2048, 4, 1, 256, 262144,
               32768, 1_000_000.0, 512, gemma_tokenizer=True),
    ModelShape("gemma3-1b", "Gemma 3 1B", "gemma3", 1152, 26, 6912, 4, 1, 256, 262144,
               32768, 1_000_000.0, 512, gemma_tokenizer=True),
    ModelShape("gemma3-4b", "Gemma 3 4B", "gemma3", 2560, 34, 10240, 8, 4, 256, 262208,
               131072, 1_000_000.0, 1024, gemma_tokenizer=True),
    ModelShape("llama3.2-1b", "Llama 3.2 1B", "llama", 2048, 16, 8192, 32, 8, 64, 128256,
               131072, 500_000.0),
    ModelShape("llama3.2-3b", "Llama 3.2 3B", "llama", 3072, 28, 8192, 24, 8, 128, 128256,
               131072, 500_000.0),
    ModelShape("qwen3-1.7b", "Qwen3 1.7B", "qwen3", 2048, 28, 6144, 16, 8, 128, 151936,
               40960, 1_000_000.0),
    ModelShape("qwen3-4b", "Qwen3 4B", "qwen3", 2560, 36, 9728, 32, 8, 128, 151936,
               40960, 1_000_000.0),
)}
