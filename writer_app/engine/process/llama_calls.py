"""llama-cpp-python's `Llama`, with the few things the engine needs that its public API
does not give: the only module that reaches into its private attributes and llama.cpp's
C functions. An upgrade of llama-cpp-python that renames them breaks here, and only here.
"""

from __future__ import annotations

import ctypes
import logging
import os
from collections.abc import Callable

import llama_cpp
import numpy as np

from writer_app.core.said import said


def default_thread_count() -> int:
    """Return how many threads llama.cpp should use: all cores on small machines."""
    cores = os.cpu_count() or 1
    return cores if cores <= 4 else max(4, cores // 2)


def detect_backend(n_gpu_layers: int) -> str:
    """Name the backend llama.cpp was built with and that this model uses."""
    if n_gpu_layers == 0 or not llama_cpp.llama_supports_gpu_offload():
        return "CPU"
    info = llama_cpp.llama_print_system_info().decode("utf-8", "replace").upper()
    for marker, name in (("CUDA", "CUDA"), ("METAL", "Metal"), ("VULKAN", "Vulkan"),
                         ("HIP", "ROCm"), ("SYCL", "SYCL")):
        if marker in info:
            return name
    return "GPU"


def quantize_to_q4_k_m(source: str, target: str) -> None:
    """Quantize the GGUF file `source` to Q4_K_M at `target` with llama.cpp's quantizer
    (the one that makes the files writers download); raise RuntimeError if it fails."""
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_M
    params.nthread = os.cpu_count() or 1
    # llama.cpp logs every tensor it quantizes (hundreds of lines) through
    # llama-cpp-python's logger, which prints what its level lets through.
    logger = logging.getLogger("llama-cpp-python")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        failed = llama_cpp.llama_model_quantize(source.encode("utf-8"), target.encode("utf-8"),
                                                ctypes.byref(params))
    finally:
        logger.setLevel(level)
    if failed:
        raise RuntimeError(said("Engine", "llama.cpp could not quantize {name} (error "
                                          "{code}).").format(name=source, code=failed))


class LlamaModel(llama_cpp.Llama):  # type: ignore[misc]
    """A `Llama` whose KV cache, logits and vocabulary the engine can reach."""

    def __init__(self, abort_check: Callable[[object], bool], **kwargs: object) -> None:
        """`abort_check` is what llama.cpp calls inside a decode, while checks are on."""
        super().__init__(**kwargs)
        # Made once, not per token: checks go on and off in the generation loop.
        # Kept here because llama.cpp holds only the raw pointers.
        self._abort_check = llama_cpp.ggml_abort_callback(abort_check)
        self._no_abort_check = llama_cpp.ggml_abort_callback()
        self._forbidden = (ctypes.c_float * 0)()

    @property
    def adds_bos(self) -> bool:
        return bool(self._model.add_bos_token())

    def fill_in_middle_tokens(self) -> tuple[int, int, int]:
        """Return the prefix, suffix and middle tokens (-1 where the model has none)."""
        model = self._model
        return model.token_prefix(), model.token_suffix(), model.token_middle()

    def token_text(self, token: int) -> str:
        return str(self._model.token_get_text(token))

    def piece(self, token: int) -> bytes:
        """Return the bytes one token writes."""
        return bytes(self._model.detokenize([token]))

    def is_end_of_generation(self, token: int) -> bool:
        return bool(llama_cpp.llama_vocab_is_eog(self._model.vocab, token))

    def vocabulary_pieces(self) -> list[bytes]:
        """Return every token's bytes; control and end-of-generation tokens are empty.

        One C call per token, reading only the vocabulary, which llama.cpp never changes
        after loading: safe on another thread beside a running decode.
        """
        buffer = ctypes.create_string_buffer(256)
        to_piece = llama_cpp.llama_token_to_piece
        vocab = self._model.vocab
        pieces = []
        for token in range(self.n_vocab()):
            size = to_piece(vocab, token, buffer, 256, 0, False)
            pieces.append(buffer.raw[:size] if size > 0 else b"")
        return pieces

    def logits(self) -> np.ndarray:
        """Return a view of the logits of the last evaluated token."""
        return np.ctypeslib.as_array(self._ctx.get_logits(), shape=(self.n_vocab(),))

    def silent_runs(self, pieces: list[bytes]) -> list[tuple[int, int]]:
        """Return the tokens that write nothing (of `pieces`, vocabulary_pieces()) and do
        not end generation (Gemma's <unused…>, image markers), as runs [start, end)."""
        runs: list[tuple[int, int]] = []
        for token, piece in enumerate(pieces):
            if piece or self.is_end_of_generation(token):
                continue
            if runs and runs[-1][1] == token:
                runs[-1] = (runs[-1][0], token + 1)
            else:
                runs.append((token, token + 1))
        return runs

    def forbid(self, runs: list[tuple[int, int]]) -> None:
        """Make the tokens in each run [start, end) unpickable from the current logits.

        Written by memmove from a block of -inf (a few runs: microseconds), not with
        NumPy's fancy indexing. With that, the built app under `qemu-x86_64 -cpu
        Nehalem` died of SIGILL in its first generation on hosts with AVX-512 (three
        runs of three; never on a host without); why was not found, and this path
        runs no NumPy code at all.
        """
        if not runs:
            return
        longest = max(end - start for start, end in runs)
        if len(self._forbidden) < longest:
            self._forbidden = (ctypes.c_float * longest)(*([float("-inf")] * longest))
        logits = ctypes.cast(self._ctx.get_logits(), ctypes.c_void_p).value
        assert logits is not None
        size = ctypes.sizeof(ctypes.c_float)
        for start, end in runs:
            ctypes.memmove(logits + start * size, self._forbidden, (end - start) * size)

    def cached_tokens(self) -> list[int]:
        """Return the tokens whose keys and values the cache holds, in order."""
        return list(self._input_ids.tolist())

    @property
    def logits_current(self) -> bool:
        """Whether the logits belong to the last cached token."""
        return not self._requires_eval

    @logits_current.setter
    def logits_current(self, value: bool) -> None:
        self._requires_eval = not value

    def forget_from(self, position: int) -> bool:
        """Drop the cache from `position` on; return False if llama.cpp cannot."""
        if not self._ctx.kv_cache_seq_rm(-1, position, -1):
            return False
        self.n_tokens = position
        return True

    def set_abort_check(self, enabled: bool) -> None:
        """Have llama.cpp call the abort check inside each decode (and stop when it
        says True), or not."""
        callback = self._abort_check if enabled else self._no_abort_check
        llama_cpp.llama_set_abort_callback(self.ctx, callback, None)

    @property
    def sliding_window(self) -> int:
        """Return how many positions back the model's sliding-window layers look (Gemma 3:
        512); 0 if it has none."""
        return max(0, int(llama_cpp.llama_model_n_swa(self._model.model)))

    def lowest_cached_position(self) -> int:
        """Return the lowest position the cache still holds for the sequence, -1 if none.

        A state restored from `save_sequence` holds, in sliding-window layers, only the
        positions the next token can see: going back from its end needs what is gone.
        """
        memory = llama_cpp.llama_get_memory(self.ctx)
        return int(llama_cpp.llama_memory_seq_pos_min(memory, 0))

    def save_sequence(self) -> ctypes.Array[ctypes.c_uint8] | None:
        """Return a copy of the cache's keys and values (not the logits); None if
        llama.cpp could not write it all."""
        size = llama_cpp.llama_state_seq_get_size(self.ctx, 0)
        state = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(self.ctx, state, size, 0)
        return state if size and written == size else None

    def restore_sequence(self, state: ctypes.Array[ctypes.c_uint8], tokens: list[int]) -> bool:
        """Replace the cache with a state from `save_sequence` of `tokens`; return False
        (with an empty cache) if llama.cpp refuses it."""
        if not llama_cpp.llama_state_seq_set_data(self.ctx, state, len(state), 0):
            self.reset()
            return False
        self.input_ids[: len(tokens)] = tokens
        self.n_tokens = len(tokens)
        self.logits_current = False
        return True
