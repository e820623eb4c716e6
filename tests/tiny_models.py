"""Tiny random-weight GGUF models that llama.cpp loads, for tests that need odd models.

Their output is noise; they exist to exercise what the embedded model lacks, such as
fill-in-the-middle tokens, without any download.
"""

from __future__ import annotations

import string
from pathlib import Path

import gguf
import numpy as np

_EMBED = 64
_FFN = 128
_HEADS = 4


def write_tiny_llama(path: Path, fill_in_middle: bool = True,
                     chat_template: str | None = None) -> dict[str, int]:
    """Write a one-layer llama with a character-level SentencePiece vocabulary (and a
    chat template, if given; its output must keep to the vocabulary: no newlines).

    Return the ids of its special tokens, by role: "<s>", "</s>", "<PRE>", "<SUF>",
    "<MID>". Without fill-in-the-middle the last three get neutral names, since
    llama.cpp also recognises FIM tokens by their text.
    """
    roles = ["<unk>", "<s>", "</s>", "<PRE>", "<SUF>", "<MID>"]
    specials = roles if fill_in_middle else [*roles[:3], "<unused0>", "<unused1>", "<unused2>"]
    pieces = [*specials, "▁", *(f"▁{c}" for c in string.ascii_lowercase),
              *string.ascii_letters, *string.digits, *".,;:!?'\"-(){}%#"]
    ids = {role: index for index, role in enumerate(roles)}
    token_types = [gguf.TokenType.CONTROL] * len(specials)
    token_types[0] = gguf.TokenType.UNKNOWN
    token_types += [gguf.TokenType.NORMAL] * (len(pieces) - len(specials))

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("Tiny FIM llama" if fill_in_middle else "Tiny llama")
    writer.add_context_length(512)
    writer.add_embedding_length(_EMBED)
    writer.add_block_count(1)
    writer.add_feed_forward_length(_FFN)
    writer.add_head_count(_HEADS)
    writer.add_head_count_kv(_HEADS)
    writer.add_rope_dimension_count(_EMBED // _HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_vocab_size(len(pieces))
    writer.add_tokenizer_model("llama")
    writer.add_token_list(pieces)
    writer.add_token_scores([0.0] * len(specials) + [-float(i) for i in range(len(pieces) -
                                                                               len(specials))])
    writer.add_token_types(token_types)
    writer.add_bos_token_id(ids["<s>"])
    writer.add_eos_token_id(ids["</s>"])
    writer.add_unk_token_id(ids["<unk>"])
    writer.add_add_bos_token(True)
    if chat_template is not None:
        writer.add_chat_template(chat_template)
    if fill_in_middle:
        writer.add_uint32(gguf.Keys.Tokenizer.FIM_PRE_ID, ids["<PRE>"])
        writer.add_uint32(gguf.Keys.Tokenizer.FIM_SUF_ID, ids["<SUF>"])
        writer.add_uint32(gguf.Keys.Tokenizer.FIM_MID_ID, ids["<MID>"])

    rng = np.random.default_rng(0)

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    writer.add_tensor("token_embd.weight", weights(len(pieces), _EMBED))
    writer.add_tensor("output_norm.weight", np.ones(_EMBED, dtype=np.float32))
    writer.add_tensor("output.weight", weights(len(pieces), _EMBED))
    writer.add_tensor("blk.0.attn_norm.weight", np.ones(_EMBED, dtype=np.float32))
    for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
        writer.add_tensor(f"blk.0.{name}.weight", weights(_EMBED, _EMBED))
    writer.add_tensor("blk.0.ffn_norm.weight", np.ones(_EMBED, dtype=np.float32))
    writer.add_tensor("blk.0.ffn_gate.weight", weights(_FFN, _EMBED))
    writer.add_tensor("blk.0.ffn_up.weight", weights(_FFN, _EMBED))
    writer.add_tensor("blk.0.ffn_down.weight", weights(_EMBED, _FFN))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return ids
