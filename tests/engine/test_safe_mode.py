"""Safe mode: a real SIGSEGV in the first decode after loading (the stand-in for a build
whose kernels crash on this processor) leads to a load in safe mode and a suggestion, in
the window's bridge and on the command line; the choice is remembered; a crash in safe
mode too fails the load with the processor and the llama.cpp build named."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from writer_app.engine.protocol import LoadModel, Sampling
from writer_app.engine.safe_mode import MEMORY_FILE, SafeModeMemory, fault_of, memory_key
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineState

TIMEOUT_MS = 90_000
PROMPT = "The lighthouse keeper climbed the stairs and"
CRASH = "WRITER_ENGINE_TEST_CRASH_FIRST_DECODE"


@pytest.mark.parametrize(("returncode", "fault"), [
    (-signal.SIGSEGV, "SIGSEGV"), (-signal.SIGILL, "SIGILL"), (-signal.SIGBUS, "SIGBUS"),
    (-signal.SIGFPE, "SIGFPE"), (-signal.SIGABRT, "SIGABRT"),
    (-signal.SIGKILL, None), (-signal.SIGTERM, None), (-signal.SIGINT, None), (0, None),
    (1, None), (None, None),
])
def test_only_a_crash_in_native_code_is_a_fault(returncode: int | None,
                                                fault: str | None) -> None:
    assert fault_of(returncode, windows=False) == fault


@pytest.mark.parametrize(("returncode", "fault"), [
    (0xC0000005, "an access violation"), (0xC000001D, "an illegal instruction"),
    (0xC0000409, "an abort or a stack buffer overrun"),
    (0xC0000094, "an integer division by zero"),
    (0xC00000FD, "a stack overflow"), (0xC0000374, "a corrupted heap"),
    (0, None), (1, None), (3, None), (0xC000013A, None),  # Ctrl+C: not a crash
])
def test_windows_names_a_crash_by_its_exception_code(returncode: int,
                                                     fault: str | None) -> None:
    assert fault_of(returncode, windows=True) == fault
    assert fault_of(returncode, windows=False) is None


def test_a_process_that_aborts_is_seen_to_crash() -> None:
    """What llama.cpp's GGML_ABORT and a failed assertion do: abort(), no exception."""
    aborted = subprocess.run([sys.executable, "-c", "import os; os.abort()"],
                             capture_output=True, check=False)
    assert fault_of(aborted.returncode) == ("SIGABRT" if sys.platform != "win32"
                                            else "an abort or a stack buffer overrun")


def test_the_memory_is_per_model_file_and_build(tmp_path: Path) -> None:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF" + bytes(100))
    memory = SafeModeMemory(tmp_path / "data" / MEMORY_FILE)
    key = memory_key(model, "build-a")
    assert memory.reason_for(key) is None
    memory.remember(key, str(model), "llama.cpp a", "it crashed")
    assert SafeModeMemory(memory.path).reason_for(key) == "it crashed"
    assert SafeModeMemory(memory.path).reason_for(memory_key(model, "build-b")) is None
    model.write_bytes(b"GGUF" + bytes(200))  # another file under the same name
    assert SafeModeMemory(memory.path).reason_for(memory_key(model, "build-a")) is None


def test_a_damaged_memory_file_is_no_memory_and_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / MEMORY_FILE
    path.write_text("{not json")
    assert SafeModeMemory(path).reason_for("anything") is None
    SafeModeMemory(path).remember("key", "model.gguf", "build", "it crashed")
    assert (tmp_path / f"{MEMORY_FILE}.unreadable").read_text() == "{not json"
    path.write_text("[]")
    assert SafeModeMemory(path).reason_for("anything") is None


@pytest.fixture
def data_dir(tmp_path: Path, shared_data_dir: Path) -> Path:
    """A data folder of the test's own (the memory lands there) with the shared model."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "models").symlink_to(shared_data_dir / "models", target_is_directory=True)
    return folder


def crashing_bridge(mode: str) -> EngineBridge:
    return EngineBridge({CRASH: mode})


def load(bridge: EngineBridge, data_dir: Path) -> None:
    bridge.load(LoadModel(None, str(data_dir), n_ctx=1024, gpu_layers="none"))


@pytest.mark.model
def test_a_crash_in_the_first_decode_loads_in_safe_mode_and_writes(
        qtbot: QtBot, data_dir: Path) -> None:
    bridge = crashing_bridge("unsafe")
    states: list[tuple[str, str]] = []
    bridge.state_changed.connect(lambda state, detail: states.append((state, detail)))
    try:
        load(bridge, data_dir)
        qtbot.waitUntil(lambda: bridge.state is EngineState.READY, timeout=TIMEOUT_MS)
        assert (EngineState.LOADING.value, "The engine was stopped by signal SIGSEGV; "
                "loading the embedded model again in safe mode") in states
        loaded = bridge.loaded
        assert loaded is not None
        assert loaded.safe_mode.startswith("llama.cpp crashed (SIGSEGV) in the first decode "
                                           "after loading the embedded model")
        pieces: list[str] = []
        generation = bridge.generate(PROMPT, Sampling(max_tokens=8))
        assert generation is not None
        generation.piece_received.connect(pieces.append)
        qtbot.waitSignal(generation.finished, timeout=TIMEOUT_MS).wait()
        assert "".join(pieces).strip()
    finally:
        bridge.shutdown()
    remembered = json.loads((data_dir / MEMORY_FILE).read_text())
    assert len(remembered) == 1
    entry = next(iter(remembered.values()))
    assert entry["model"].endswith("gemma-3-270m-q4_k_m.gguf")
    assert entry["build"].startswith("llama-cpp-python 0.3.36")

    # A new engine goes to safe mode at once: the crash is not met again.
    again = crashing_bridge("unsafe")
    states.clear()
    again.state_changed.connect(lambda state, detail: states.append((state, detail)))
    try:
        load(again, data_dir)
        qtbot.waitUntil(lambda: again.state is EngineState.READY, timeout=TIMEOUT_MS)
        assert again.loaded is not None
        assert again.loaded.safe_mode == loaded.safe_mode
        assert not any("again" in detail for _state, detail in states)
        assert (EngineState.LOADING.value, "Loading gemma-3-270m-q4_k_m.gguf in safe mode") \
            in states
    finally:
        again.shutdown()


@pytest.mark.model
def test_a_crash_in_safe_mode_too_fails_the_load_and_says_what_to_report(
        qtbot: QtBot, data_dir: Path) -> None:
    bridge = crashing_bridge("always")
    try:
        load(bridge, data_dir)
        qtbot.waitUntil(lambda: bridge.state is EngineState.FAILED, timeout=TIMEOUT_MS)
        detail = bridge.detail
    finally:
        bridge.shutdown()
    assert detail.startswith("llama.cpp crashed (SIGSEGV) on this computer while loading the "
                             "embedded model, even in safe mode. Processor: ")
    assert "llama.cpp: llama-cpp-python 0.3.36 (" in detail
    assert "CPU kernels: " in detail
    assert not (data_dir / MEMORY_FILE).exists()


@pytest.mark.model
def test_two_crashes_in_a_row_while_writing_load_in_safe_mode(qtbot: QtBot,
                                                              data_dir: Path) -> None:
    """A crash that the first decode does not meet (a kernel used only for some shapes)
    is found by the requests: two in a row with none finished between them."""
    bridge = EngineBridge({"WRITER_ENGINE_TEST_TOKEN_DELAY_S": "0.2"})
    try:
        load(bridge, data_dir)
        qtbot.waitUntil(lambda: bridge.state is EngineState.READY, timeout=TIMEOUT_MS)
        for attempt in range(2):
            generation = bridge.generate(PROMPT, Sampling(max_tokens=40))
            assert generation is not None
            qtbot.waitSignal(generation.piece_received, timeout=TIMEOUT_MS).wait()
            with qtbot.waitSignal(generation.failed, timeout=TIMEOUT_MS) as failed:
                pid = bridge.client.pid
                assert pid is not None
                os.kill(pid, signal.SIGSEGV)
            assert failed.args == ["The model engine stopped."]
            if attempt == 0:
                qtbot.waitUntil(lambda: bridge.state is EngineState.CRASHED,
                                timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: bridge.state is EngineState.READY, timeout=TIMEOUT_MS)
        assert bridge.loaded is not None
        assert "in two requests in a row" in bridge.loaded.safe_mode
    finally:
        bridge.shutdown()


@pytest.mark.model
def test_the_command_line_loads_in_safe_mode_too(tmp_path: Path, shared_data_dir: Path) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "data" / "models").symlink_to(shared_data_dir / "models", target_is_directory=True)
    env = {**os.environ, "LOCAL_WRITER_HOME": str(home), CRASH: "unsafe"}
    result = subprocess.run([sys.executable, "-m", "writer_app", "complete", "--max-tokens",
                             "8"], input=PROMPT, capture_output=True, text=True, env=env,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()
    assert (home / "data" / MEMORY_FILE).exists()

    env[CRASH] = "always"
    (home / "data" / MEMORY_FILE).unlink()
    result = subprocess.run([sys.executable, "-m", "writer_app", "complete"], input=PROMPT,
                            capture_output=True, text=True, env=env, timeout=300, check=False)
    assert result.returncode != 0
    assert "even in safe mode. Processor: " in result.stderr


def test_the_stand_in_crash_is_ignored_outside_tests(tmp_path: Path) -> None:
    """A writer's environment never crashes the engine on purpose."""
    from writer_app.engine.process import engine_process

    env = {key: value for key, value in os.environ.items() if key != "PYTEST_CURRENT_TEST"}
    env[CRASH] = "always"
    probe = ("import os, writer_app.engine.process.engine_process as e; "
             "e._stand_in_crash(False); e._stand_in_crash(True); print('alive')")
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.stdout.strip() == "alive", result.stderr
    assert engine_process._CRASH_ENV == CRASH


def test_what_a_crash_means_for_the_load() -> None:
    from writer_app.engine.protocol import RemoteTarget, Status
    from writer_app.engine.safe_mode import after_crash

    checking = Status("checking", "", build="the build", cpu="the processor")
    plain = LoadModel(None, "/data")
    safe = after_crash(plain, "SIGILL", checking)
    assert isinstance(safe, LoadModel)
    assert safe.safe_mode.startswith("llama.cpp crashed (SIGILL) in the first decode")
    failed = after_crash(safe, "SIGILL", checking)
    assert isinstance(failed, str)
    assert "Processor: the processor. llama.cpp: the build." in failed
    assert after_crash(plain, None, checking) is None  # a kill is no fault of llama.cpp
    assert after_crash(plain, "SIGSEGV", None) is None  # one request: a one-off
    twice = after_crash(plain, "SIGSEGV", None, requests_in_a_row=2)
    assert isinstance(twice, LoadModel)
    assert "in two requests in a row" in twice.safe_mode
    assert after_crash(safe, "SIGSEGV", None, requests_in_a_row=2) is None
    remote = LoadModel(None, "/data", remote=RemoteTarget("http://127.0.0.1:1"))
    assert after_crash(remote, "SIGSEGV", checking) is None
