"""What the bridge says the engine is doing: "Writing…" only while it writes for the
writer, not while it reads ahead or prefills (a stand-in engine that never answers, so
the state can be read while the request runs)."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from writer_app.engine.client import engine_client
from writer_app.engine.protocol import LoadModel, Sampling
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineState

SILENT_ENGINE = textwrap.dedent("""
    import json, sys
    for line in sys.stdin:
        request = json.loads(line)
        if request["type"] == "load":
            sys.stdout.write(json.dumps({
                "type": "loaded", "model_name": "m", "model_path": "m.gguf",
                "backend": "CPU", "n_ctx": 512, "fill_in_middle": False,
                "load_seconds": 0.0}) + "\\n")
            sys.stdout.flush()
""")  # and every request runs on, unanswered


@pytest.fixture
def bridge(qtbot: QtBot, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[EngineBridge]:
    script = tmp_path / "silent_engine.py"
    script.write_text(SILENT_ENGINE)
    monkeypatch.setattr(engine_client, "engine_command", lambda: [sys.executable, str(script)])
    bridge = EngineBridge()
    bridge.load(LoadModel(None, str(tmp_path), n_ctx=512, gpu_layers="none"))
    qtbot.waitUntil(lambda: bridge.state is EngineState.READY)
    yield bridge
    bridge.shutdown()


@pytest.mark.parametrize("kind", ["prefill", "background"])
def test_reading_without_writing_leaves_the_engine_ready(bridge: EngineBridge,
                                                         kind: str) -> None:
    reading = bridge.generate("The keeper", Sampling(), **{kind: True})
    assert reading is not None
    assert bridge.state is EngineState.READY
    writing = bridge.generate("The keeper", Sampling())
    assert writing is not None
    assert bridge.state is EngineState.WRITING
