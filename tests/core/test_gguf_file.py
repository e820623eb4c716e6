from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import truncated_copy
from writer_app.core.errors import ModelFileError
from writer_app.core.gguf_file import check_model_file, read_gguf_info


def write_tiny_gguf(path: Path) -> None:
    import gguf

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("Tiny")
    writer.add_context_length(64)
    writer.add_tensor("weights", np.ones((8, 32), dtype=np.float32))
    writer.add_tensor("bias", np.ones((32,), dtype=np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def test_the_embedded_model_reads_and_is_whole(model_path: Path) -> None:
    info = check_model_file(model_path)
    assert info.architecture == "gemma3"
    assert info.expected_size == model_path.stat().st_size
    assert info.metadata["gemma3.context_length"] == 32768
    assert info.metadata["tokenizer.ggml.tokens"] == "<262144 items>"


def test_a_tiny_written_model_has_its_exact_size(tmp_path: Path) -> None:
    path = tmp_path / "tiny.gguf"
    write_tiny_gguf(path)
    info = check_model_file(path)
    assert info.name == "Tiny"
    assert info.tensor_count == 2
    assert info.expected_size is not None
    # The writer may pad the file's end; the data must still be all there.
    assert 0 <= path.stat().st_size - info.expected_size < 32


def test_a_truncated_model_is_named_incomplete(tmp_path: Path, model_path: Path) -> None:
    truncated = truncated_copy(model_path, tmp_path / "cut.gguf", 20_000_000)
    with pytest.raises(ModelFileError, match="incomplete"):
        check_model_file(truncated)


def test_a_model_cut_inside_its_header(tmp_path: Path, model_path: Path) -> None:
    truncated = truncated_copy(model_path, tmp_path / "cut.gguf", 5000)
    with pytest.raises(ModelFileError, match="ends too early"):
        check_model_file(truncated)


def test_not_a_gguf_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.gguf"
    path.write_text("These are my notes, not a model.")
    with pytest.raises(ModelFileError, match="not a GGUF model"):
        read_gguf_info(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="does not exist"):
        read_gguf_info(tmp_path / "nowhere.gguf")
    with pytest.raises(ModelFileError, match="folder"):
        read_gguf_info(tmp_path)


def test_hostile_lengths_fail_without_allocating(tmp_path: Path) -> None:
    path = tmp_path / "hostile.gguf"
    header = b"GGUF" + struct.pack("<IQQ", 3, 0, 1)
    # One key whose length claims 2**60 bytes.
    path.write_bytes(header + struct.pack("<Q", 2**60) + b"x" * 10)
    with pytest.raises(ModelFileError):
        read_gguf_info(path)
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 2**62, 2**62))
    with pytest.raises(ModelFileError, match="ends too early"):
        read_gguf_info(path)


def _string(text: bytes) -> bytes:
    return struct.pack("<Q", len(text)) + text


def _vocabulary_file(path: Path, tokens: list[bytes], count: int | None = None) -> Path:
    """A header with one string array (key "v", 8 = string, 9 = array), then key "after"."""
    array = struct.pack("<II", 9, 8) + struct.pack("<Q", len(tokens) if count is None
                                                    else count)
    body = _string(b"v") + array + b"".join(_string(t) for t in tokens)
    body += _string(b"after") + struct.pack("<I", 4) + struct.pack("<I", 7)
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 2) + body)
    return path


def test_a_vocabulary_is_skipped_whole_whatever_its_strings(tmp_path: Path) -> None:
    tokens = [b"tok%d" % i for i in range(300_000)]
    tokens[150_000] = b"x" * (3 << 20)  # one string longer than the block it is read in
    info = read_gguf_info(_vocabulary_file(tmp_path / "v.gguf", tokens))
    assert info.metadata["v"] == "<300000 items>"
    assert info.metadata["after"] == 7


def test_a_hostile_vocabulary_fails_cleanly(tmp_path: Path) -> None:
    tokens = [b"tok"] * 1000
    with pytest.raises(ModelFileError, match="ends too early"):
        read_gguf_info(_vocabulary_file(tmp_path / "count.gguf", tokens, count=5000))
    path = _vocabulary_file(tmp_path / "length.gguf", tokens)
    data = bytearray(path.read_bytes())
    first = data.index(b"tok") - 8
    data[first + 8 * 11 * 100: first + 8 * 11 * 100 + 8] = struct.pack("<Q", 2**62)
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="ends too early"):
        read_gguf_info(path)


def test_the_first_bytes_of_a_model_give_its_shape(model_path: Path) -> None:
    from writer_app.core.gguf_file import read_gguf_prefix

    with model_path.open("rb") as handle:
        prefix = handle.read(64 * 1024)
    info = read_gguf_prefix(prefix)
    assert info.shape == read_gguf_info(model_path).shape
    assert info.context_length == 32768
    with pytest.raises(ModelFileError, match="not a GGUF"):
        read_gguf_prefix(b"<html>")
