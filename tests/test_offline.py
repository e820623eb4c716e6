"""Offline by default, proven: a whole writing session in the real app (ghost text, a
rewrite, the model manager, Preferences, save) opens no network connection, in the
editor's process or the engine's. Python's audit hooks see every socket Python code
opens; where strace works, it also sees native code's, in every process."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent

AUDIT_HOOK = textwrap.dedent("""
    import os, sys

    _LOG = os.environ["OFFLINE_TEST_NETWORK_LOG"]
    _WATCHED = {"socket.connect", "socket.connect_ex", "socket.sendto", "socket.sendmsg",
                "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                "socket.gethostbyaddr"}

    def _hook(event, args):
        if event not in _WATCHED:
            return
        if event.startswith("socket.connect") and isinstance(args[1], (str, bytes)):
            return  # a Unix socket: talk between processes on this computer
        with open(_LOG, "a") as log:
            log.write(f"{os.getpid()} {sys.argv[:2]} {event} {args[1:]!r}\\n")

    sys.addaudithook(_hook)
""")


def strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", os.devnull,
                            "true"], capture_output=True, check=False)
    return probe.returncode == 0


def run_session(tmp_path: Path, shared_data_dir: Path,
                extra: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Run the session; return its report, the audit hook's log and strace's inet lines."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(AUDIT_HOOK)
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "data").mkdir()
    (home / "data" / "models").symlink_to(shared_data_dir / "models")
    document = tmp_path / "harbour.md"
    document.write_text("Chapter One\n\nThe boats came in late.", encoding="utf-8")
    report, network_log, trace = (tmp_path / name for name in
                                  ("report.txt", "network.txt", "strace.txt"))
    env = {**os.environ, "LOCAL_WRITER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "OFFLINE_TEST_NETWORK_LOG": str(network_log),
           "PYTHONPATH": os.pathsep.join([str(hooks), str(ROOT)])}
    command = [sys.executable, "-m", "tests.offline_session", str(document), str(report),
               *extra]
    traced = strace_works()
    if traced:
        command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o",
                   str(trace), *command]
    subprocess.run(command, env=env, cwd=ROOT, timeout=600, check=False)
    inet = [line for line in trace.read_text().splitlines()
            if "AF_INET" in line] if traced else []
    lines = [report, network_log]
    return (*(p.read_text().splitlines() if p.exists() else [] for p in lines), inet)


def test_a_writing_session_opens_no_network_connection(tmp_path: Path,
                                                       shared_data_dir: Path) -> None:
    report, network, inet = run_session(tmp_path, shared_data_dir, [])
    assert report[-1] == "done", report
    assert report[:-1] == ["model ready", "typed and asked for a suggestion",
                           "ghost text shown", "ghost text accepted", "rewrite started",
                           "rewrite ready", "rewrite accepted",
                           "model manager and preferences opened", "saved"]
    assert network == []
    assert inet == []


def test_with_a_remote_engine_the_app_connects_only_to_its_server(
        tmp_path: Path, shared_data_dir: Path, llama_server: str) -> None:
    port = int(llama_server.rsplit(":", 1)[1])
    report, network, inet = run_session(tmp_path, shared_data_dir, ["--engine", llama_server])
    assert report[-1] == "done", report
    assert len(report) == 10  # the same session as above, written by the server
    assert any("socket.connect" in line for line in network)
    for line in network:  # a lookup is logged without its host, a connection with it
        assert "socket.getaddrinfo" in line or "'127.0.0.1'" in line, line
        assert str(port) in line, line
        assert "--engine-process" in line or "engine_process" in line, line  # not the editor
    if strace_works():
        assert inet
        for line in inet:
            assert f"htons({port})" in line, line
            assert 'inet_addr("127.0.0.1")' in line, line


def test_the_watch_sees_a_connection_when_there_is_one(tmp_path: Path,
                                                       shared_data_dir: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        report, network, inet = run_session(tmp_path, shared_data_dir,
                                            ["--connect", str(port)])
    assert report == ["connected", "done"]
    assert any("socket.connect" in line and str(port) in line for line in network)
    if strace_works():
        assert any(f"htons({port})" in line for line in inet)
