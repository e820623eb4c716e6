"""One measurement of llama.cpp's speed as this environment builds it, for comparing
builds (native, portable, safe mode) on one machine: `packaging/bench_llama_builds.py`
runs this in each build's venv, trial after trial, and prints the medians.

    python -m writer_app.bench.build_speed [--safe]    prints one JSON line
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from writer_app.bench.llama_baseline import DirectLlama
from writer_app.engine.process.llama_build import current_build
from writer_app.engine.process.llama_calls import default_thread_count
from writer_app.engine.process.llama_engine import N_BATCH

# About 500 tokens of prose for the prompt, and a greedy continuation for decoding.
PROMPT = " ".join(
    f"Chapter {n}. The keeper climbed the hundred and twelve steps of the lighthouse, lit "
    "the lamp, and watched the ferry's lights cross the bay until they were gone."
    for n in range(1, 17))
DECODE_TOKENS = 64


def measure(model: Path, safe: bool) -> dict[str, object]:
    """Load the model and return prompt and decode tokens per second, once each."""
    llm = DirectLlama(model, n_ctx=2048, n_batch=N_BATCH, n_threads=default_thread_count(),
                      n_gpu_layers=0, safe=safe)
    try:
        prompt_tps, prompt_tokens = llm.prompt_rate(PROMPT)
        decode_tps, decoded = llm.decode_rate("The keeper climbed the stairs and", DECODE_TOKENS)
    finally:
        llm.close()
    build = current_build()
    return {"profile": build.profile, "kernels": " ".join(build.kernels), "safe": safe,
            "prompt_tps": round(prompt_tps, 1), "prompt_tokens": prompt_tokens,
            "decode_tps": round(decode_tps, 1), "decoded": decoded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--safe", action="store_true", help="load as safe mode does")
    parser.add_argument("--model", type=Path, help="a .gguf (default: the embedded model)")
    args = parser.parse_args()
    model = args.model
    if model is None:
        from writer_app.core.default_model import ensure_default_model

        model = ensure_default_model(Path(tempfile.gettempdir()) / "local-writer-bench")
    print(json.dumps(measure(model, args.safe)), flush=True)


if __name__ == "__main__":
    main()
