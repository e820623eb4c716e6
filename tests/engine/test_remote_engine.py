"""The remote engine: in this process against llama-cpp-python's real server and a stub,
and through the engine process as the editor and the command line use it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.llama_server import StubServer, free_port
from writer_app.core.api_keys import ApiKeys
from writer_app.engine.client.blocking_engine import BlockingEngine, EngineError, ModelLoadError
from writer_app.engine.process.generation import GenerationCancelledError, GenerationStats
from writer_app.engine.process.remote_engine import RemoteEngine
from writer_app.engine.protocol import (
    ChatMessage,
    Finished,
    Generate,
    LoadModel,
    Piece,
    RemoteTarget,
    Sampling,
    StopRule,
)
from writer_app.remote.openai_client import RemoteError, RemoteModelError
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineState

STORY = ("The storm had kept the ferry in harbour for three days. On the fourth morning "
         "the keeper climbed the stairs of the lighthouse, and")


def run(engine: RemoteEngine, request: Generate,
        cancelled: threading.Event | None = None) -> tuple[str, GenerationStats]:
    pieces: list[str] = []
    stats = None
    for item in engine.generate(request, (cancelled or threading.Event()).is_set):
        if isinstance(item, GenerationStats):
            stats = item
        else:
            pieces.append(item)
    assert stats is not None
    return "".join(pieces), stats


@pytest.mark.model
def test_ghost_text_streams_and_ends_where_the_prose_rule_says(llama_server: str) -> None:
    engine = RemoteEngine(RemoteTarget(llama_server))
    assert engine.model_name == "gemma-3-270m-q4_k_m.gguf"
    assert engine.backend.startswith("remote: 127.0.0.1:")
    assert not engine.fill_in_middle  # llama-cpp-python's server has no /infill
    rule = StopRule("words", STORY[-200:], "")
    text, stats = run(engine, Generate(1, STORY + " ", sampling=Sampling(max_tokens=48),
                                       stop_rule=rule))
    assert text.strip()
    assert not text.startswith(" ")  # the typed space is not doubled
    assert stats.reason == "complete"  # a few words, then the stream was closed
    assert stats.generated_tokens < 48
    assert stats.first_piece_ms is not None
    again, _ = run(engine, Generate(2, STORY + " ", sampling=Sampling(max_tokens=48),
                                    stop_rule=rule))
    assert again == text  # greedy on the server too


@pytest.mark.model
def test_chat_messages_go_to_the_chat_endpoint_and_raw_prompts_to_completions(
        llama_server: str) -> None:
    chat = RemoteEngine(RemoteTarget(llama_server))
    assert chat.has_chat_template  # no /props: the server is trusted to have one
    messages = (ChatMessage("system", "You are a careful editor."),
                ChatMessage("user", "Shorten the following text.\n\nThe old keeper slowly "
                                    "climbed the long winding stairs of the tower."))
    reply, stats = run(chat, Generate(1, "", sampling=Sampling(max_tokens=24),
                                      messages=messages))
    assert reply.strip()
    assert stats.generated_tokens <= 24
    raw = RemoteEngine(RemoteTarget(llama_server, prompts="raw"))
    assert not raw.has_chat_template
    text, _ = run(raw, Generate(2, "Passage: The keeper climbed.\nShorter:",
                                sampling=Sampling(max_tokens=12, stop=("\n",))))
    assert "\n" not in text


@pytest.mark.model
def test_a_prefill_warms_the_server_and_writes_nothing(llama_server: str) -> None:
    engine = RemoteEngine(RemoteTarget(llama_server))
    text, stats = run(engine, Generate(1, STORY, prefill=True))
    assert (text, stats.reason) == ("", "prefilled")


@pytest.mark.model
def test_a_cancel_mid_stream_ends_the_generation_at_once(llama_server: str) -> None:
    engine = RemoteEngine(RemoteTarget(llama_server))
    cancelled = threading.Event()
    stream = engine.generate(Generate(1, STORY, sampling=Sampling(max_tokens=400)),
                             cancelled.is_set)
    assert isinstance(next(stream), str)
    cancelled.set()
    started = time.perf_counter()
    with pytest.raises(GenerationCancelledError):
        list(stream)
    assert time.perf_counter() - started < 0.1


def test_a_model_the_server_does_not_offer_is_named(stub_server: StubServer) -> None:
    with pytest.raises(RemoteModelError, match=r"no model “big-model” .*offers: stub-model"):
        RemoteEngine(RemoteTarget(f"{stub_server.url}/ok", model="big-model"))


def test_the_key_kept_for_the_server_is_sent_and_one_given_wins(
        stub_server: StubServer, tmp_path: Path) -> None:
    url = f"{stub_server.url}/ok"
    keys_file = tmp_path / "api-keys.json"
    ApiKeys(keys_file).set(url, "sk-kept")
    RemoteEngine(RemoteTarget(url, keys_file=str(keys_file)))
    assert set(stub_server.authorizations) == {"Bearer sk-kept"}
    RemoteEngine(RemoteTarget(url, api_key="sk-given", keys_file=str(keys_file)))
    assert stub_server.authorizations[-1] == "Bearer sk-given"
    RemoteEngine(RemoteTarget(url))
    assert stub_server.authorizations[-1] == ""  # no key: no header


def test_fill_in_the_middle_uses_infill_where_offered(stub_server: StubServer) -> None:
    engine = RemoteEngine(RemoteTarget(f"{stub_server.url}/fim"))
    assert engine.fill_in_middle
    assert engine.n_ctx == 4096  # from llama-server's /props
    assert engine.has_chat_template  # /props has one
    text, _ = run(engine, Generate(1, "Before ", suffix=" after.",
                                   sampling=Sampling(max_tokens=8)))
    assert text == " filled"  # nothing taken off: the prefix goes as typed
    method, path, body = stub_server.requests[-1]
    assert (method, path) == ("POST", "/fim/infill")
    assert isinstance(body, dict)
    assert (body["input_prefix"], body["input_suffix"], body["n_predict"]) == (
        "Before ", " after.", 8)
    assert body["model"] == "stub-model"


def test_failures_back_off_instead_of_hammering_the_server(stub_server: StubServer) -> None:
    now = [1000.0]
    engine = RemoteEngine(RemoteTarget(f"{stub_server.url}/ok"), clock=lambda: now[0])
    stub_server.mode = "429"  # the server turns busy
    asked = len(stub_server.requests)
    with pytest.raises(RemoteError, match="asked to wait 7 s"):
        run(engine, Generate(1, STORY))
    for request_id in range(2, 12):  # ten more pauses in the typing, half a second apart
        now[0] += 0.5
        with pytest.raises(RemoteError, match=r"asks the server again in \d s"):
            run(engine, Generate(request_id, STORY))
    assert len(stub_server.requests) == asked + 1  # only the first reached the server
    now[0] += 2.0  # the seven seconds are over
    stub_server.mode = "500"
    for expected_wait in (2, 4, 8, 16, 30, 30):  # consecutive failures, waits grow to 30 s
        with pytest.raises(RemoteError, match=r"failed \(500\)"):
            run(engine, Generate(20, STORY))
        assert engine.waiting_s() == expected_wait
        now[0] += expected_wait
    stub_server.mode = "ok"
    text, _ = run(engine, Generate(30, STORY))
    assert text == " word"
    stub_server.mode = "503"
    with pytest.raises(RemoteError, match=r"failed \(503\)"):
        run(engine, Generate(31, STORY))
    assert engine.waiting_s() == 1  # the success started the count again


@pytest.mark.model
def test_the_engine_process_writes_with_a_server(llama_server: str, tmp_path: Path) -> None:
    """The path the editor and the command line take: load names a server, requests
    stream as pieces, a cancel ends a request within 100 ms."""
    with BlockingEngine(timeout_s=60) as engine:
        loaded = engine.load(None, tmp_path, remote=RemoteTarget(llama_server))
        assert loaded.remote == llama_server
        assert loaded.backend.startswith("remote: ")
        request = engine.start(STORY, Sampling(max_tokens=16))
        messages = list(engine.stream(request))
        assert [m for m in messages if isinstance(m, Piece)]
        assert isinstance(messages[-1], Finished)
        request = engine.start(STORY, Sampling(max_tokens=400))
        stream = engine.stream(request)
        assert isinstance(next(stream), Piece)
        engine.cancel(request)
        started = time.perf_counter()
        *_pieces, finished = list(stream)
        assert isinstance(finished, Finished)
        assert finished.reason == "cancelled"
        assert time.perf_counter() - started < 0.1


def test_the_engine_process_says_what_went_wrong(stub_server: StubServer,
                                                  tmp_path: Path) -> None:
    with BlockingEngine(timeout_s=60) as engine:
        with pytest.raises(ModelLoadError, match="cannot reach the server"):
            engine.load(None, tmp_path,
                        remote=RemoteTarget(f"http://127.0.0.1:{free_port()}"))
        with pytest.raises(ModelLoadError, match="needs an API key"):
            engine.load(None, tmp_path, remote=RemoteTarget(f"{stub_server.url}/401"))
        engine.load(None, tmp_path, remote=RemoteTarget(f"{stub_server.url}/cut"))
        with pytest.raises(EngineError, match="cut the stream before its end"):
            list(engine.stream(engine.start(STORY, Sampling())))
        # The engine goes on: the next request is answered (at once, during the wait).
        with pytest.raises(EngineError, match="asks the server again in 1 s"):
            list(engine.stream(engine.start(STORY, Sampling())))


def test_a_server_answering_nonsense_fails_the_load_in_words(stub_server: StubServer,
                                                             tmp_path: Path) -> None:
    """Nonsense where the engine expected a shape ([] for the model list, a context size
    that is no number) fails the load with its words; the engine lives on."""
    with BlockingEngine(timeout_s=60) as engine:
        with pytest.raises(ModelLoadError, match="did not answer like an OpenAI-compatible"):
            engine.load(None, tmp_path, remote=RemoteTarget(f"{stub_server.url}/list"))
        with pytest.raises(ModelLoadError, match=r"The engine failed while loading "
                                                 r"\(ValueError: .*plenty"):
            engine.load(None, tmp_path, remote=RemoteTarget(f"{stub_server.url}/badprops"))
        assert engine.client.is_running()
        loaded = engine.load(None, tmp_path, remote=RemoteTarget(f"{stub_server.url}/ok"))
        assert loaded.model_name == "stub-model"


def test_waiting_on_a_silent_server_is_no_progress(stub_server: StubServer) -> None:
    """The stall watchdog reads `progress`: it must not grow while the engine only polls
    a server that sends nothing."""
    engine = RemoteEngine(RemoteTarget(f"{stub_server.url}/silent"))
    cancelled = threading.Event()
    stream = engine.generate(Generate(1, STORY, sampling=Sampling(max_tokens=8)),
                             cancelled.is_set)
    assert next(stream) == " word"
    after_first_piece = engine.progress
    assert after_first_piece > 0
    ended: list[str] = []

    def read() -> None:
        try:
            list(stream)
        except GenerationCancelledError:
            ended.append("cancelled")

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(1.0)  # a hundred polls of the stream's queue, and nothing arrives
    assert engine.progress == after_first_piece
    cancelled.set()
    reader.join(timeout=5)
    assert ended == ["cancelled"]


def test_the_stall_watchdog_stops_an_engine_a_server_left_hanging(
        qtbot: QtBot, stub_server: StubServer, tmp_path: Path) -> None:
    bridge = EngineBridge(stall_limit_s=1.0)
    try:
        bridge.load(LoadModel(None, str(tmp_path),
                              remote=RemoteTarget(f"{stub_server.url}/silent")))
        qtbot.waitUntil(lambda: bridge.state is EngineState.READY, timeout=30_000)
        with qtbot.waitSignal(bridge.request_failed, timeout=8_000) as failed:
            bridge.generate(STORY, Sampling(max_tokens=8))
        assert failed.args[0] == "The model engine stopped."
        assert bridge.detail.startswith("The model engine made no progress for 1 s.")
    finally:
        bridge.shutdown()
