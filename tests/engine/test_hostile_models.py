"""Hostile GGUF files, built with the `gguf` package and then damaged on purpose, loaded
through the bridge the window uses: each may fail, but with a message, in bounded time,
and the next model loads. (Hostile chat templates: test_chat_templates.py.)"""

from __future__ import annotations

import struct
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.engine.test_engine_faults import (
    TIMEOUT_MS,
    load_request,
    stand_in_engine,
    wait_ready,
)
from tests.tiny_models import write_tiny_llama
from writer_app.engine.protocol import ChatMessage, LoadModel, Sampling
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineState

pytestmark = pytest.mark.model


def _key_at(data: bytes, key: str) -> int:
    """Return the offset just past `key`'s name and value type in a GGUF header."""
    name = key.encode()
    at = data.index(struct.pack("<Q", len(name)) + name)
    return at + 8 + len(name) + 4


def set_uint32(key: str, value: int) -> Callable[[bytearray], None]:
    def damage(data: bytearray) -> None:
        at = _key_at(bytes(data), key)
        data[at:at + 4] = struct.pack("<I", value)
    return damage


def string_length(key: str, length: int) -> Callable[[bytearray], None]:
    def damage(data: bytearray) -> None:
        at = _key_at(bytes(data), key)
        data[at:at + 8] = struct.pack("<Q", length)
    return damage


def header_count(offset: int, value: int) -> Callable[[bytearray], None]:
    def damage(data: bytearray) -> None:
        data[offset:offset + 8] = struct.pack("<Q", value)
    return damage


def tensor_dimension(value: int) -> Callable[[bytearray], None]:
    def damage(data: bytearray) -> None:
        name = b"output_norm.weight"
        at = bytes(data).index(struct.pack("<Q", len(name)) + name) + 8 + len(name) + 4
        data[at:at + 8] = struct.pack("<Q", value)
    return damage


HOSTILE = {
    "a name 2**62 bytes long": string_length("general.name", 2**62),
    "a vocabulary entry 2**40 bytes long": string_length("tokenizer.ggml.tokens", 2**40),
    "2**40 tensors": header_count(8, 2**40),
    "more keys than written": header_count(16, 10_000),
    "no attention heads": set_uint32("llama.attention.head_count", 0),
    "four billion layers": set_uint32("llama.block_count", 4_000_000_000),
    "an embedding of one": set_uint32("llama.embedding_length", 1),
    "a beginning token past the vocabulary": set_uint32("tokenizer.ggml.bos_token_id",
                                                        3_000_000_000),
    "a tensor of 2**50 values": tensor_dimension(2**50),
}


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("tiny") / "tiny.gguf"
    write_tiny_llama(path, fill_in_middle=False)
    return path.read_bytes()


@pytest.mark.parametrize("damage", list(HOSTILE))
def test_a_hostile_model_fails_with_a_message_and_the_next_loads(
        qtbot: QtBot, tmp_path: Path, tiny_model: bytes, shared_data_dir: Path,
        damage: str) -> None:
    data = bytearray(tiny_model)
    HOSTILE[damage](data)
    path = tmp_path / "hostile.gguf"
    path.write_bytes(bytes(data))
    bridge = EngineBridge(load_limit_s=30)
    try:
        bridge.load(LoadModel(model_path=str(path), data_dir=str(tmp_path), n_ctx=512,
                              n_threads=1, gpu_layers="none"))
        qtbot.waitUntil(lambda: bridge.state in (EngineState.FAILED, EngineState.READY),
                        timeout=TIMEOUT_MS)
        print(f"{damage}: {bridge.state.value}: {bridge.detail}")
        if bridge.state is EngineState.FAILED:
            assert "hostile.gguf" in bridge.detail
        else:  # llama.cpp took it: writing with it may fail, but only the request
            ended: list[str] = []
            generation = bridge.generate("abc", Sampling(max_tokens=4))
            assert generation is not None
            generation.finished.connect(lambda _finished: ended.append("finished"))
            generation.failed.connect(ended.append)
            qtbot.waitUntil(lambda: bool(ended), timeout=TIMEOUT_MS)
            print(f"  writing with it: {ended[0]}")
        # Whatever the file did, the engine loads the embedded model next.
        bridge.load(load_request(shared_data_dir))
        wait_ready(qtbot, bridge)
    finally:
        bridge.shutdown()


NEVER_LOADS = textwrap.dedent("""
    import json, sys, time
    for line in sys.stdin:
        if json.loads(line)["type"] == "load":
            while True:  # llama.cpp lost in a hostile file, the heartbeat still going
                sys.stdout.write(json.dumps({"type": "heartbeat", "progress": 0}) + "\\n")
                sys.stdout.flush()
                time.sleep(0.2)
""")


def test_a_load_that_never_ends_is_stopped_and_fails(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stand_in_engine(NEVER_LOADS, tmp_path, monkeypatch)
    bridge = EngineBridge(load_limit_s=1.5)
    bridge.load(LoadModel(model_path=str(tmp_path / "endless.gguf"), data_dir=str(tmp_path),
                          n_ctx=512, n_threads=1, gpu_layers="none"))
    qtbot.waitUntil(lambda: bridge.state is EngineState.FAILED, timeout=TIMEOUT_MS)
    assert bridge.detail.startswith("The model engine was still loading after 2 s while "
                                    "loading endless.gguf.")
    bridge.shutdown()


ESCAPES = [
    "{{ cycler.__init__.__globals__.os.system('touch {marker}') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__()[0].__init__.__globals__['__builtins__']"
    "['__import__']('os').system('touch {marker}') }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen("
    "'touch {marker}').read() }}",
    "{% set x = namespace() %}{{ x.__init__.__globals__ }}{{ lipsum.__globals__['os']"
    ".system('touch {marker}') }}",
]


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_chat_template_that_tries_to_run_code_runs_none(
        qtbot: QtBot, tmp_path: Path, escape: str) -> None:
    marker = tmp_path / "escaped"
    path = tmp_path / "escape.gguf"
    write_tiny_llama(path, fill_in_middle=False,
                     chat_template=escape.replace("{marker}", str(marker)))
    bridge = EngineBridge()
    try:
        bridge.load(LoadModel(model_path=str(path), data_dir=str(tmp_path), n_ctx=512,
                              n_threads=1, gpu_layers="none"))
        wait_ready(qtbot, bridge)
        with qtbot.waitSignal(bridge.request_failed, timeout=TIMEOUT_MS) as failed:
            bridge.generate("", Sampling(max_tokens=4),
                            messages=(ChatMessage("user", "Shorten this."),))
        assert "chat template" in failed.args[0]
        assert not marker.exists()
        assert bridge.state is EngineState.READY  # the engine goes on
    finally:
        bridge.shutdown()
