"""The OpenAI-compatible client against llama-cpp-python's own server (started here on
127.0.0.1 with the embedded model) and against a stub for the failures a real server
does not produce on demand."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.llama_server import StubServer, free_port
from writer_app.remote.openai_client import (
    OpenAIClient,
    RemoteAuthError,
    RemoteBusyError,
    RemoteModelError,
    RemoteServerError,
    RemoteSettings,
    RemoteUnreachableError,
)

PROMPT = "The lighthouse keeper climbed the stairs and"
GREEDY = {"max_tokens": 12, "temperature": 0.0}


@pytest.mark.model
def test_the_real_server_lists_its_model_and_streams_a_completion(llama_server: str,
                                                                  model_path: Path) -> None:
    client = OpenAIClient(RemoteSettings(llama_server))
    models, seconds = client.list_models()
    assert models == [str(model_path)]
    assert seconds < 5
    pieces = list(client.stream_completion(PROMPT, GREEDY, lambda: False))
    assert len(pieces) > 1  # streamed, not in one piece
    again = "".join(client.stream_completion(PROMPT, GREEDY, lambda: False))
    assert "".join(pieces) == again  # greedy: the same text each time
    assert again.strip()
    client.close()


@pytest.mark.model
def test_a_cancel_closes_the_stream_at_once(llama_server: str) -> None:
    client = OpenAIClient(RemoteSettings(llama_server))
    pieces: list[str] = []
    stop = threading.Event()
    stream = client.stream_completion(PROMPT, {"max_tokens": 400, "temperature": 0.0},
                                      stop.is_set)
    pieces.append(next(stream))
    stop.set()
    started = time.perf_counter()
    pieces.extend(stream)  # ends without raising: a cancel is not a failure
    assert time.perf_counter() - started < 0.1
    assert len(pieces) <= 2
    # The server is free again at once for the next request.
    assert "".join(client.stream_completion(PROMPT, GREEDY, lambda: False)).strip()
    client.close()


@pytest.mark.model
def test_a_chat_reply_streams_from_the_models_template(llama_server: str) -> None:
    client = OpenAIClient(RemoteSettings(llama_server))
    reply = list(client.stream_chat([{"role": "user", "content": "Shorten: it was late."}],
                                    GREEDY, lambda: False))
    assert all(isinstance(piece, str) for piece in reply)  # Gemma base may say nothing
    client.close()


@pytest.mark.parametrize(("mode", "error", "words"), [
    ("401", RemoteAuthError, "needs an API key"),
    ("403", RemoteAuthError, "refused the request (403)"),
    ("404", RemoteModelError, "has no the model"),
    ("500", RemoteServerError, "failed (500)"),
    ("503", RemoteServerError, "failed (503)"),
    ("cut", RemoteServerError, "cut the stream before its end"),
    ("stall", RemoteServerError, "stopped sending for 1 s"),
    ("hang", RemoteServerError, "did not answer within 1 s"),
    ("garbage", RemoteServerError, "not an OpenAI-compatible stream"),
])
def test_failures_say_what_happened(stub_server: StubServer, mode: str, error: type[Exception],
                                    words: str) -> None:
    settings = RemoteSettings(f"{stub_server.url}/{mode}", model="the-model")
    client = OpenAIClient(settings, read_timeout_s=1.0)
    pieces: list[str] = []
    with pytest.raises(error) as caught:
        pieces.extend(client.stream_completion(PROMPT, GREEDY, lambda: False))
    assert words in str(caught.value).replace("no the model “the-model”", "no the model")
    if mode in ("cut", "stall", "garbage"):  # "hang" sends nothing at all
        assert pieces == [" word"]  # what arrived before the fault is the caller's


def test_a_busy_server_says_when_to_come_back(stub_server: StubServer) -> None:
    client = OpenAIClient(RemoteSettings(f"{stub_server.url}/429"))
    with pytest.raises(RemoteBusyError, match="asked to wait 7 s") as caught:
        list(client.stream_completion(PROMPT, GREEDY, lambda: False))
    assert caught.value.retry_after == 7


def test_a_server_that_is_not_there(stub_server: StubServer) -> None:
    client = OpenAIClient(RemoteSettings(f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(RemoteUnreachableError, match="cannot reach the server"):
        client.list_models()
    ok = OpenAIClient(RemoteSettings(f"{stub_server.url}/ok/v1"))  # a base URL ending in /v1 works
    assert list(ok.stream_completion(PROMPT, GREEDY, lambda: False)) == [" word"]


@pytest.mark.model
def test_a_cancel_lands_while_the_server_still_reads_the_prompt(llama_server: str) -> None:
    """Nothing arrives while a long prompt is evaluated: the cancel must not wait for it."""
    client = OpenAIClient(RemoteSettings(llama_server))
    long_prompt = " ".join(f"The keeper counted step {n} of the stair." for n in range(150))
    stop = threading.Event()
    set_at: list[float] = []

    def cancel() -> None:
        set_at.append(time.perf_counter())
        stop.set()

    threading.Timer(0.1, cancel).start()
    pieces = list(client.stream_completion(
        long_prompt, {"max_tokens": 16, "temperature": 0.0}, stop.is_set))
    ended = time.perf_counter()
    assert pieces == []  # still reading the prompt when the cancel came
    assert ended - set_at[0] < 0.1
    client.close()


def test_a_cancel_mid_stream_closes_the_connection(stub_server: StubServer) -> None:
    client = OpenAIClient(RemoteSettings(f"{stub_server.url}/slow"))
    stop = threading.Event()
    stream = client.stream_completion(PROMPT, GREEDY, stop.is_set)
    assert next(stream) == " word"
    stop.set()
    started = time.perf_counter()
    rest = list(stream)
    assert time.perf_counter() - started < 0.1
    assert len(rest) <= 1


def test_fill_in_the_middle_goes_to_infill_where_the_server_has_it(
        stub_server: StubServer) -> None:
    plain = OpenAIClient(RemoteSettings(f"{stub_server.url}/ok"))
    assert not plain.offers_infill()
    fim = OpenAIClient(RemoteSettings(f"{stub_server.url}/fim", model="stub-model"))
    assert fim.offers_infill()
    pieces = list(fim.stream_infill("Before ", " after.", {"n_predict": 8}, lambda: False))
    assert pieces == [" filled"]
    method, path, body = stub_server.requests[-1]
    assert (method, path) == ("POST", "/fim/infill")
    assert isinstance(body, dict)
    assert body["input_prefix"] == "Before "
    assert body["input_suffix"] == " after."
    assert body["stream"] is True
    assert fim.server_properties()["default_generation_settings"]["n_ctx"] == 4096
    assert plain.server_properties()["chat_template"]
    gone = OpenAIClient(RemoteSettings(f"http://127.0.0.1:{free_port()}"))
    assert gone.server_properties() == {}
    assert not gone.offers_infill()


def test_an_unexpected_failure_while_reading_ends_the_stream(
        stub_server: StubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever breaks in the reading thread reaches the writer as words: the stream
    must not wait forever for an end that its reader will never send."""
    def broken(*_args: object) -> None:
        raise LookupError("a bug in the reader")

    monkeypatch.setattr(OpenAIClient, "_read_events", broken)
    client = OpenAIClient(RemoteSettings(f"{stub_server.url}/ok"))
    deadline = time.monotonic() + 10
    with pytest.raises(RemoteServerError, match=r"failed \(LookupError: a bug in the reader\)"):
        list(client.stream_completion(PROMPT, GREEDY, lambda: time.monotonic() > deadline))
    assert time.monotonic() < deadline
