"""The real engine killed, crashed and stopped at each stage of a request, through the
bridge the window uses; and loads refused or failing. Each time the bridge says what
happened and the next request works."""

from __future__ import annotations

import os
import signal
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from pytestqt.qtbot import QtBot

from writer_app.engine.client import engine_client
from writer_app.engine.protocol import LoadModel, Sampling
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.bridge.generation import Generation

pytestmark = pytest.mark.model

TIMEOUT_MS = 60_000
PROMPT = "The lighthouse keeper climbed the stairs and"
FAULTS = {"kill": signal.SIGKILL, "crash": signal.SIGSEGV, "stop": signal.SIGSTOP}


@pytest.fixture
def bridge(qtbot: QtBot, shared_data_dir: Path) -> Iterator[EngineBridge]:
    # Slow tokens leave time to strike mid-stream; a short silence limit finds a stop soon.
    engine = EngineBridge({"WRITER_ENGINE_TEST_TOKEN_DELAY_S": "0.1"}, silence_limit_s=2.0)
    yield engine
    engine.shutdown()


def load_request(data_dir: Path, n_ctx: int = 1024) -> LoadModel:
    return LoadModel(model_path=None, data_dir=str(data_dir), n_ctx=n_ctx, n_threads=0,
                     gpu_layers="none")


def wait_ready(qtbot: QtBot, bridge: EngineBridge) -> None:
    qtbot.waitUntil(lambda: bridge.state is EngineState.READY, timeout=TIMEOUT_MS)


def strike(bridge: EngineBridge, fault: str) -> None:
    pid = bridge.client.pid
    assert pid is not None
    os.kill(pid, FAULTS[fault])


def generate(bridge: EngineBridge, max_tokens: int = 12) -> Generation:
    generation = bridge.generate(PROMPT, Sampling(max_tokens=max_tokens, temperature=0.0))
    assert generation is not None
    return generation


def assert_writes_again(qtbot: QtBot, bridge: EngineBridge) -> None:
    """The next request restarts the engine if needed and streams a suggestion."""
    pieces: list[str] = []
    generation = generate(bridge)
    generation.piece_received.connect(pieces.append)
    qtbot.waitSignal(generation.finished, timeout=TIMEOUT_MS).wait()
    assert "".join(pieces).strip()


EXPECTED_EXIT = {"kill": "was stopped by signal SIGKILL",
                 "crash": "was stopped by signal SIGSEGV",
                 "stop": "stopped answering for 2 s"}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_while_loading_is_retried_once(qtbot: QtBot, bridge: EngineBridge,
                                               shared_data_dir: Path, fault: str) -> None:
    states: list[tuple[str, str]] = []
    bridge.state_changed.connect(lambda state, detail: states.append((state, detail)))
    bridge.load(load_request(shared_data_dir))
    strike(bridge, fault)
    wait_ready(qtbot, bridge)
    assert (EngineState.LOADING.value,
            f"The engine {EXPECTED_EXIT[fault]}; loading the embedded model again") in states
    assert_writes_again(qtbot, bridge)


@pytest.mark.parametrize("stage", ["idle", "prompt", "streaming"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_during_a_request_fails_it_and_the_next_one_works(
        qtbot: QtBot, bridge: EngineBridge, shared_data_dir: Path, fault: str,
        stage: str) -> None:
    bridge.load(load_request(shared_data_dir))
    wait_ready(qtbot, bridge)
    failed: list[tuple[int, str]] = []

    def watched(generation: Generation) -> int:
        generation.failed.connect(lambda error: failed.append((generation.request_id, error)))
        return generation.request_id

    request_id: int | None = None
    if stage == "idle":
        strike(bridge, fault)
        if fault == "stop":
            request_id = watched(generate(bridge))  # a stopped engine is found out so
    elif stage == "prompt":
        request_id = watched(generate(bridge))
        strike(bridge, fault)
    else:
        generation = generate(bridge)
        request_id = watched(generation)
        qtbot.waitSignal(generation.piece_received, timeout=TIMEOUT_MS).wait()
        strike(bridge, fault)
    qtbot.waitUntil(lambda: bridge.state is EngineState.CRASHED, timeout=TIMEOUT_MS)
    assert bridge.detail == (f"The model engine {EXPECTED_EXIT[fault]}. Your text is "
                             "safe; the engine restarts on the next suggestion.")
    assert failed == ([] if request_id is None else [(request_id,
                                                      "The model engine stopped.")])
    assert_writes_again(qtbot, bridge)


def test_two_crashes_while_loading_fail_the_load(qtbot: QtBot, bridge: EngineBridge,
                                                 shared_data_dir: Path) -> None:
    bridge.load(load_request(shared_data_dir))
    strike(bridge, "kill")
    qtbot.waitUntil(lambda: "again" in bridge.detail, timeout=TIMEOUT_MS)
    strike(bridge, "crash")
    qtbot.waitUntil(lambda: bridge.state is EngineState.FAILED, timeout=TIMEOUT_MS)
    assert bridge.detail.startswith("The model engine was stopped by signal SIGSEGV twice "
                                    "while loading the embedded model.")
    # A new choice of model (here the same one) starts afresh.
    bridge.load(load_request(shared_data_dir))
    wait_ready(qtbot, bridge)


def test_a_model_too_large_for_this_computer_is_refused_before_loading(
        qtbot: QtBot, bridge: EngineBridge, shared_data_dir: Path) -> None:
    # Gemma 3 270M keeps 18,432 bytes of cache per token: ask for twice the RAM in tokens.
    n_ctx = 2 * psutil.virtual_memory().total // 18_432
    bridge.load(load_request(shared_data_dir, n_ctx=n_ctx))
    qtbot.waitUntil(lambda: bridge.state is EngineState.FAILED, timeout=TIMEOUT_MS)
    assert f"with a {n_ctx:,}-token context does not fit: needs" in bridge.detail
    assert "Local Writer did not load it" in bridge.detail
    pid = bridge.client.pid
    assert pid is not None
    assert psutil.Process(pid).memory_info().rss < 1024**3  # nothing was allocated


STALLING_ENGINE = textwrap.dedent("""
    import json, sys, time
    def send(message):
        sys.stdout.write(json.dumps(message) + "\\n")
        sys.stdout.flush()
    for line in sys.stdin:
        request = json.loads(line)
        if request["type"] == "load":
            send({"type": "loaded", "model_name": "stuck", "model_path": "stuck.gguf",
                  "backend": "CPU", "n_ctx": 512, "fill_in_middle": False,
                  "load_seconds": 0.0})
        elif request["type"] == "generate":
            while True:  # alive, but llama.cpp never comes back
                send({"type": "heartbeat", "progress": 7})
                time.sleep(0.2)
""")


def stand_in_engine(source: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the bridge start `source`, a script speaking the protocol, as its engine."""
    script = folder / "stand_in_engine.py"
    script.write_text(source)
    monkeypatch.setattr(engine_client, "engine_command", lambda: [sys.executable, str(script)])


def test_an_engine_stuck_inside_llama_cpp_is_restarted(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stand_in_engine(STALLING_ENGINE, tmp_path, monkeypatch)
    bridge = EngineBridge(stall_limit_s=1.5)
    bridge.load(load_request(tmp_path))
    wait_ready(qtbot, bridge)
    generation = generate(bridge)
    qtbot.waitSignal(generation.failed, timeout=TIMEOUT_MS).wait()
    assert bridge.state is EngineState.CRASHED
    assert bridge.detail.startswith("The model engine made no progress for 2 s.")
    bridge.shutdown()


def test_choosing_another_model_cancels_what_runs(qtbot: QtBot, bridge: EngineBridge,
                                                 shared_data_dir: Path) -> None:
    """A long Continue of the old model must not hold the new load up, nor keep writing
    under "Loading…": it is cancelled, and ends for whoever waits on it."""
    bridge.load(load_request(shared_data_dir))
    wait_ready(qtbot, bridge)
    generation = generate(bridge, max_tokens=2000)  # 200 s at 0.1 s each
    request_id = generation.request_id
    qtbot.waitSignal(generation.piece_received, timeout=TIMEOUT_MS).wait()
    late: list[int] = []
    failed: list[tuple[int, str]] = []
    generation.failed.connect(lambda error: failed.append((request_id, error)))
    generation.piece_received.connect(lambda _text: late.append(request_id))
    with qtbot.waitSignal(generation.failed, timeout=1_000):
        bridge.load(load_request(shared_data_dir, n_ctx=2048))
    assert failed == [(request_id, "Stopped: another model is loading.")]
    qtbot.waitUntil(lambda: bridge.state is EngineState.READY, timeout=20_000)
    assert bridge.loaded is not None
    assert bridge.loaded.n_ctx == 2048
    assert late == []
    assert_writes_again(qtbot, bridge)
    assert request_id not in late
