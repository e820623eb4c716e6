"""llama-cpp-python's own OpenAI-compatible server, started on 127.0.0.1 for the tests of
the remote engine, and a stub speaking the same protocol for the failures a real server
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

# On Linux the server is killed when the test process dies, even by a timeout's hard
# exit that skips the fixture's teardown: no orphan server holds a core afterwards.
_DIES_WITH_PARENT = [sys.executable, "-c", (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])")] if sys.platform == "linux" \
    else [sys.executable]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_llama_server(model_path: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start the server on a free port and wait until it answers; return it and its URL."""
    port = free_port()
    log = log_path.open("wb")  # a file, not a pipe: llama.cpp's load log would fill one
    # "gemma" lays chat messages out in Gemma's turns: the embedded base model carries
    # no chat template of its own.
    server = subprocess.Popen(
        [*_DIES_WITH_PARENT, "-m", "llama_cpp.server", "--model", str(model_path), "--host",
         "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--chat_format", "gemma"],
        stdout=log, stderr=subprocess.STDOUT)
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx2.get(f"{url}/v1/models", timeout=1).status_code == 200:
                return server, url
        except httpx2.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise AssertionError("llama_cpp.server did not start: "
                                 + log_path.read_text(errors="replace")[-2000:])
        time.sleep(0.2)


@pytest.fixture(scope="session")
def llama_server(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a real OpenAI-compatible server running the embedded model."""
    server, url = start_llama_server(model_path,
                                     tmp_path_factory.mktemp("server") / "server.log")
    try:
        yield url
    finally:
        server.kill()  # a graceful stop waits for a generation nobody reads any more
        server.wait(timeout=30)


class StubHandler(BaseHTTPRequestHandler):
    """Answers as told by the first path segment: /401/v1/…, /cut/v1/…, /slow/v1/…,
    /hang/v1/… (no answer at all), /stall/v1/… (a first piece, then nothing for 2 s),
    /silent/v1/… (a first piece, then nothing for 10 s), /list/v1/… (a bare list of
    models, not an object), /badprops/v1/… (a context size that is not a number)

    Every request is counted in the server's `requests` list (method, path, body).
    """

    server: StubServer

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._answer(None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._answer(json.loads(self.rfile.read(length) or b"null"))

    def _answer(self, body: object) -> None:
        self.server.requests.append((self.command, self.path, body))
        self.server.authorizations.append(self.headers.get("Authorization", ""))
        parts = self.path.strip("/").split("/")
        mode, endpoint = self.server.mode or parts[0], parts[-1]
        if mode == "hang":  # accepts, then never answers
            time.sleep(2)
            return
        if mode.isdigit():
            self.send_response(int(mode))
            if mode == "429":
                self.send_header("Retry-After", "7")
            self.end_headers()
            return
        if endpoint == "models":
            self._json([] if mode == "list" else {"data": [{"id": "stub-model"}]})
            return
        if endpoint == "props" and mode == "badprops":
            self._json({"default_generation_settings": {"n_ctx": "plenty"}})
            return
        if endpoint == "props":
            self._json({"chat_template": "{{ messages }}", "default_generation_settings":
                        {"n_ctx": 4096}})
            return
        if endpoint == "infill" and mode != "fim":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        if endpoint == "infill":
            if isinstance(body, dict) and not body.get("stream"):
                return  # the probe: a 200 is all it asks
            for event in ({"content": " filled", "stop": False}, {"content": "", "stop": True}):
                self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            return
        self._event(" word")
        if mode == "slow":
            for _ in range(200):
                time.sleep(0.05)
                self._event(" more")
        if mode == "stall":
            time.sleep(2)
        elif mode == "silent":
            time.sleep(10)
        elif mode == "garbage":
            self.wfile.write(b"data: {not json\n\n")
        elif mode in ("ok", "fim", "slow"):
            self.wfile.write(b"data: [DONE]\n\n")
        # "cut": the connection closes with no [DONE]

    def _event(self, text: str) -> None:
        event = {"choices": [{"text": text, "delta": {"content": text}}]}
        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
        self.wfile.flush()

    def _json(self, payload: object) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class StubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.requests: list[tuple[str, str, object]] = []
        self.authorizations: list[str] = []  # each request's Authorization header
        self.mode = ""  # set: answer every request in this mode, whatever the path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def stub_server() -> Iterator[StubServer]:
    """A fresh stub for one test, so its request log is the test's own."""
    server = StubServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
