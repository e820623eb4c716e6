"""`--engine URL` on the command line: complete, the tasks and the bench write with
llama-cpp-python's own server on 127.0.0.1, as they do with the local model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.llama_server import StubServer, free_port
from tests.test_cli import run
from writer_app.resources import resource_path

pytestmark = pytest.mark.model
PROMPT = b"The lighthouse stood at the edge of the world. Every evening the old keeper"


def test_complete_through_a_server(writer_home: Path, llama_server: str) -> None:
    result = run(["complete", "--max-tokens", "12", "--engine", llama_server], PROMPT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip()
    again = run(["complete", "--max-tokens", "12", "--engine", f"{llama_server}/v1"], PROMPT)
    assert again.stdout == result.stdout  # greedy, and a base URL ending in /v1 works


def test_a_task_through_a_server(writer_home: Path, llama_server: str) -> None:
    result = run(["rewrite", "--template", "rewrite-shorten", "--max-tokens", "24",
                  "--engine", llama_server],
                 b"The meeting, which had been scheduled for three o'clock, was postponed.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip()


def test_the_command_line_says_what_went_wrong_with_a_server(
        writer_home: Path, stub_server: StubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = run(["complete", "--engine", f"http://127.0.0.1:{free_port()}"], PROMPT)
    assert gone.returncode == 3
    assert "cannot reach the server" in gone.stderr.decode()
    locked = run(["complete", "--engine", f"{stub_server.url}/401"], PROMPT)
    assert locked.returncode == 3
    assert "needs an API key" in locked.stderr.decode()
    monkeypatch.setenv("LOCAL_WRITER_API_KEY", "sk-from-env")
    wrong = run(["complete", "--engine", f"{stub_server.url}/ok", "--engine-model", "nope"],
                PROMPT)
    assert wrong.returncode == 3
    assert "no model “nope” (it offers: stub-model)" in wrong.stderr.decode()
    both = run(["complete", "--engine", stub_server.url, "--model", "x.gguf"], PROMPT)
    assert both.returncode == 2
    assert "give one of them" in both.stderr.decode()


@pytest.mark.timeout(900)  # the bench twice over, longer than pytest's limit under load
def test_bench_measures_a_server_beside_the_local_model(writer_home: Path, tmp_path: Path,
                                                        llama_server: str) -> None:
    # A real story: a suggestion never repeats the window word for word (see test_cli).
    text = resource_path("bench", "the-ferry-at-orrin.txt")
    result = run(["bench", "--text", str(text), "--only", "savings,replay", "--pauses", "3",
                  "--savings-pauses", "2", "--engine", llama_server, "--json"], timeout=780)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["model"]["backend"] == "CPU"
    remote = report["remote"]
    assert remote["model"]["path"] == llama_server
    assert remote["model"]["backend"].startswith("remote: 127.0.0.1:")
    assert remote["replay"]["pauses"] == 3
    assert remote["replay"]["first_char_ms"]["n"] + remote["replay"]["empty_suggestions"] == 3
    assert remote["savings"]["pauses"] == 2
    ratio = report["remote_vs_local"].get("first character p50, remote / local")
    local_p50 = report["replay"]["first_char_ms"]["p50"]
    remote_p50 = remote["replay"]["first_char_ms"]["p50"]
    if local_p50 and remote_p50:
        assert ratio == round(remote_p50 / local_p50, 2)
    assert "throughput" not in remote  # the direct baseline is this computer's llama.cpp
