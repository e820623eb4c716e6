"""The OpenAI-compatible client against llama-cpp-python's own server (started here on
127.0.0.1 with the embedded model) and against a stub for the failures a real server
does not produce on demand."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx2
import pytest

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    log = log_path.open("wb")  # a file, not a pipe: llama.cpp's load log would fill one
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host",
         "127.0.0.1", "--port", str(port), "--n_ctx", "2048"],
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                if httpx2.get(f"{url}/v1/models", timeout=1).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("llama_cpp.server did not start: "
                                     + log_path.read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


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


class Stub(BaseHTTPRequestHandler):
    """Answers as told by the first path segment: /401/v1/…, /cut/v1/…"""

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.do_POST()

    def do_POST(self) -> None:
        mode = self.path.strip("/").split("/")[0]
        if mode.isdigit():
            self.send_response(int(mode))
            if mode == "429":
                self.send_header("Retry-After", "7")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        event = {"choices": [{"text": " word"}]}
        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
        self.wfile.flush()
        if mode == "stall":
            time.sleep(2)
        elif mode == "garbage":
            self.wfile.write(b"data: {not json\n\n")
        elif mode == "ok":
            self.wfile.write(b"data: [DONE]\n\n")
        # "cut": the connection closes with no [DONE]


@pytest.fixture(scope="module")
def stub() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(("mode", "error", "words"), [
    ("401", RemoteAuthError, "needs an API key"),
    ("403", RemoteAuthError, "refused the request (403)"),
    ("404", RemoteModelError, "has no the model"),
    ("500", RemoteServerError, "failed (500)"),
    ("503", RemoteServerError, "failed (503)"),
    ("cut", RemoteServerError, "cut the stream before its end"),
    ("stall", RemoteServerError, "stopped sending for 1 s"),
    ("garbage", RemoteServerError, "not an OpenAI-compatible stream"),
])
def test_failures_say_what_happened(stub: str, mode: str, error: type[Exception],
                                    words: str) -> None:
    settings = RemoteSettings(f"{stub}/{mode}", model="the-model")
    client = OpenAIClient(settings, read_timeout_s=1.0)
    pieces: list[str] = []
    with pytest.raises(error) as caught:
        pieces.extend(client.stream_completion(PROMPT, GREEDY, lambda: False))
    assert words in str(caught.value).replace("no the model “the-model”", "no the model")
    if mode in ("cut", "stall", "garbage"):
        assert pieces == [" word"]  # what arrived before the fault is the caller's


def test_a_busy_server_says_when_to_come_back(stub: str) -> None:
    client = OpenAIClient(RemoteSettings(f"{stub}/429"))
    with pytest.raises(RemoteBusyError, match="asked to wait 7 s") as caught:
        list(client.stream_completion(PROMPT, GREEDY, lambda: False))
    assert caught.value.retry_after == 7


def test_a_server_that_is_not_there(stub: str) -> None:
    client = OpenAIClient(RemoteSettings(f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(RemoteUnreachableError, match="cannot reach the server"):
        client.list_models()
    ok = OpenAIClient(RemoteSettings(f"{stub}/ok/v1"))  # a base URL ending in /v1 works
    assert list(ok.stream_completion(PROMPT, GREEDY, lambda: False)) == [" word"]
