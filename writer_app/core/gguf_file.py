"""Read a GGUF file's header without loading its weights, and check the file is whole.

Every length read from the file is checked against the file's size before it is used,
so a hostile or damaged header fails with ModelFileError instead of exhausting memory.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from writer_app.core.errors import ModelFileError
from writer_app.core.memory_fit import Architecture
from writer_app.core.said import said

GGUF_MAGIC = b"GGUF"
_DEFAULT_ALIGNMENT = 32
_MAX_STRING = 16 * 1024 * 1024  # chat templates are the longest strings, a few KB
_MAX_ARRAY_KEPT = 64  # longer arrays (vocabularies) are skipped, only their length kept
_SKIP_BLOCK = 1 << 20

# GGUF metadata value types -> struct format (None for string and array).
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
            10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9

# ggml tensor types -> (elements per block, bytes per block), from ggml.h / gguf-py.
_TENSOR_SIZES: dict[int, tuple[int, int]] = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24),
    8: (32, 34), 9: (32, 36), 10: (256, 84), 11: (256, 110), 12: (256, 144),
    13: (256, 176), 14: (256, 210), 15: (256, 292), 16: (256, 66), 17: (256, 74),
    18: (256, 98), 19: (256, 50), 20: (32, 18), 21: (256, 110), 22: (256, 82),
    23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8),
    29: (256, 56), 30: (1, 2), 34: (256, 54), 35: (256, 66), 39: (32, 17),
}


@dataclass
class GGUFInfo:
    """What a GGUF header says about a model."""

    version: int
    metadata: dict[str, Any] = field(default_factory=dict)
    tensor_count: int = 0
    expected_size: int | None = None  # None when a tensor type is unknown to us
    parameter_count: int = 0  # the sum of the tensors' elements

    @property
    def name(self) -> str | None:
        value = self.metadata.get("general.name")
        return value if isinstance(value, str) else None

    @property
    def architecture(self) -> str | None:
        value = self.metadata.get("general.architecture")
        return value if isinstance(value, str) else None

    def arch_int(self, key: str) -> int | None:
        """Return an integer of the architecture's own keys, such as "block_count"."""
        value = self.metadata.get(f"{self.architecture}.{key}")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def context_length(self) -> int | None:
        return self.arch_int("context_length")

    @property
    def shape(self) -> Architecture | None:
        """The layer count and KV-head shape the KV cache is sized by, when the header has them."""
        layers = self.arch_int("block_count")
        heads = self.arch_int("attention.head_count")
        kv_heads = self.arch_int("attention.head_count_kv") or heads
        head_dim = self.arch_int("attention.key_length")
        embedding = self.arch_int("embedding_length")
        if head_dim is None and embedding and heads:
            head_dim = embedding // heads
        if not (layers and kv_heads and head_dim):
            return None
        return Architecture(layers=layers, kv_heads=kv_heads, head_dim=head_dim)

    @property
    def has_chat_template(self) -> bool:
        return isinstance(self.metadata.get("tokenizer.chat_template"), str)

    @property
    def fill_in_middle_tokens(self) -> bool:
        """Whether the tokenizer names prefix, suffix and middle tokens for infill."""
        return all(f"tokenizer.ggml.{part}_token_id" in self.metadata
                   for part in ("fim_pre", "fim_suf", "fim_mid")) or all(
            f"tokenizer.ggml.{part}_token_id" in self.metadata
            for part in ("prefix", "suffix", "middle"))


class _Reader:
    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle = handle
        self.size = size

    def read(self, count: int) -> bytes:
        self.check_count(count)
        return self.handle.read(count)

    def check_count(self, count: int) -> None:
        """Refuse a length or count larger than what is left of the file."""
        if count < 0 or self.handle.tell() + count > self.size:
            raise ModelFileError(said(
                "Models", "The model file ends too early or its header is damaged: it is "
                "incomplete or corrupt. Download it again, or choose another model."))

    def unpack(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.read(struct.calcsize(fmt)))[0]

    def string(self) -> str:
        length = self.unpack("<Q")
        if length > _MAX_STRING:
            self.read(length)  # still bounded by the file size
            return ""
        return self.read(length).decode("utf-8", errors="replace")

    def skip(self, count: int) -> None:
        self.check_count(count)
        self.handle.seek(count, 1)

    def skip_array(self, item_type: int, count: int) -> None:
        """Skip a long array (a vocabulary) without building Python objects for it."""
        if item_type in _SCALARS:
            self.skip(count * struct.calcsize(_SCALARS[item_type]))
        elif item_type == _STRING:
            self._skip_strings(count)
        else:
            for _ in range(count):
                self.value(item_type)

    def _skip_strings(self, count: int) -> None:
        """Skip `count` strings, walking them in 1 MB blocks: a vocabulary holds up to a
        quarter of a million, and one read per string took 0.3 s for Gemma's."""
        while count:
            block = self.handle.read(_SKIP_BLOCK)
            position = 0
            while count and position + 8 <= len(block):
                end = position + 8 + struct.unpack_from("<Q", block, position)[0]
                if end > len(block):
                    break
                position = end
                count -= 1
            self.handle.seek(position - len(block), 1)  # give back what was not used
            if count and position == 0:  # a string longer than the block, or the end
                self.skip(self.unpack("<Q"))
                count -= 1

    def value(self, value_type: int) -> Any:
        if value_type in _SCALARS:
            return self.unpack(_SCALARS[value_type])
        if value_type == _STRING:
            return self.string()
        if value_type == _ARRAY:
            item_type = self.unpack("<I")
            count = self.unpack("<Q")
            self.check_count(count)  # every item takes at least one byte
            if count <= _MAX_ARRAY_KEPT:
                return [self.value(item_type) for _ in range(count)]
            self.skip_array(item_type, count)
            return f"<{count} items>"
        raise ModelFileError(said("Models", "The model file's header is damaged (value type "
                                            "{type}).").format(type=value_type))


def read_gguf_info(path: Path) -> GGUFInfo:
    """Parse the header of the GGUF file at `path`; raise ModelFileError if it is not one."""
    if not path.exists():
        raise ModelFileError(said("Models", "The model file “{path}” does not exist. Choose "
                                            "another model.").format(path=path))
    if not path.is_file():
        raise ModelFileError(said("Models", "“{path}” is a folder, not a model file. Choose a "
                                            ".gguf file.").format(path=path))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            return _parse(_Reader(handle, size))
    except ModelFileError as exc:
        raise ModelFileError(said("Models", "“{name}” cannot be used. {problem}").format(
            name=path.name, problem=exc.args[0] if exc.args else exc)) from exc
    except OSError as exc:
        raise ModelFileError(said("Models", "The model file “{name}” cannot be read: "
                                            "{reason}.").format(name=path.name,
                                                                reason=exc.strerror)) from exc


def read_gguf_prefix(data: bytes) -> GGUFInfo:
    """Parse the metadata found in the first bytes of a GGUF file (a download not made).

    Parsing stops quietly where the bytes end: converters write the architecture's keys
    before the tokenizer's long arrays, so the first few hundred KB usually hold them.
    """
    reader = _Reader(io.BytesIO(data), len(data))
    if len(data) < 4 or reader.read(4) != GGUF_MAGIC:
        raise ModelFileError(said("Models", "This file is not a GGUF model."))
    info = GGUFInfo(version=reader.unpack("<I"))
    try:
        info.tensor_count = reader.unpack("<Q")
        for _ in range(reader.unpack("<Q")):
            key = reader.string()
            info.metadata[key] = reader.value(reader.unpack("<I"))
    except ModelFileError:
        pass  # the prefix ends here
    return info


def _parse(reader: _Reader) -> GGUFInfo:
    if reader.size < 4 or reader.read(4) != GGUF_MAGIC:
        raise ModelFileError(said(
            "Models", "This file is not a GGUF model. Choose a .gguf file, such as one "
            "downloaded from a model page on Hugging Face."))
    version = reader.unpack("<I")
    if version not in (2, 3):
        raise ModelFileError(said("Models", "This GGUF file uses version {version}, which is "
                                            "not supported.").format(version=version))
    tensor_count = reader.unpack("<Q")
    kv_count = reader.unpack("<Q")
    reader.check_count(tensor_count)
    reader.check_count(kv_count)
    info = GGUFInfo(version=version, tensor_count=tensor_count)
    for _ in range(kv_count):
        key = reader.string()
        info.metadata[key] = reader.value(reader.unpack("<I"))
    data_end = 0
    known_sizes = True
    for _ in range(tensor_count):
        reader.string()
        n_dims = reader.unpack("<I")
        if n_dims > 8:
            raise ModelFileError(said("Models", "The model file's header is damaged (a "
                                                "tensor shape)."))
        elements = 1
        for _ in range(n_dims):
            elements *= reader.unpack("<Q")
        info.parameter_count += elements
        tensor_type = reader.unpack("<I")
        offset = reader.unpack("<Q")
        block = _TENSOR_SIZES.get(tensor_type)
        if block is None:
            known_sizes = False
            continue
        data_end = max(data_end, offset + elements // block[0] * block[1])
    alignment = info.metadata.get("general.alignment", _DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0:
        alignment = _DEFAULT_ALIGNMENT
    data_start = -(-reader.handle.tell() // alignment) * alignment
    if known_sizes:
        info.expected_size = data_start + data_end
    return info


def check_model_file(path: Path) -> GGUFInfo:
    """Return the header of a model file that is whole; raise ModelFileError otherwise."""
    info = read_gguf_info(path)
    size = path.stat().st_size
    if info.expected_size is not None and size < info.expected_size:
        raise ModelFileError(said(
            "Models", "The model file “{name}” is incomplete: it has {size} of its {expected} "
            "bytes. Download it again, or choose another model.").format(
            name=path.name, size=f"{size:,}", expected=f"{info.expected_size:,}"))
    return info
