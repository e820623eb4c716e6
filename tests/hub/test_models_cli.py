"""`writer-app models …` end to end, against the local Hub, in separate processes."""

from __future__ import annotations

import hashlib
import io
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hub_fixtures import EMBEDDED_FILE, EMBEDDED_REPO, TINY_FILE, TINY_REPO
from tests.hub_server import FakeHub
from tests.test_cli import run
from writer_app.hub.model_store import ModelStore


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty app home: no model installed, not even the embedded one."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    monkeypatch.setenv("LOCAL_WRITER_HOME", str(home))
    return home


def models_dir(home: Path) -> Path:
    return home / "data" / "models"


@pytest.mark.model
def test_download_then_complete_with_the_downloaded_model(hub: FakeHub, home: Path,
                                                          model_path: Path):
    result = run(["models", "download", EMBEDDED_REPO, EMBEDDED_FILE], timeout=300)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.decode().strip())
    assert path == models_dir(home) / EMBEDDED_FILE
    assert path.read_bytes() == model_path.read_bytes()
    prompt = b"The lighthouse stood at the edge of the world. Every evening the old keeper"
    completion = run(["complete", "--model", str(path), "--max-tokens", "8"], prompt)
    assert completion.returncode == 0, completion.stderr
    assert completion.stdout.decode().strip()
    listing = run(["models", "list"]).stdout.decode()
    assert EMBEDDED_FILE in listing
    assert EMBEDDED_REPO in listing


@pytest.mark.model
def test_a_killed_download_resumes_in_a_new_process_without_refetching(
        hub: FakeHub, home: Path, model_path: Path):
    size = model_path.stat().st_size
    hub.faults.chunk = 256 * 1024
    hub.faults.throttle_seconds = 0.004  # about 60 MB/s: slow enough to kill mid-way
    command = [sys.executable, "-m", "writer_app", "models", "download", EMBEDDED_REPO,
               EMBEDDED_FILE]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    part = models_dir(home) / ".partial" / f"{EMBEDDED_FILE}.part"
    deadline = time.monotonic() + 120
    while not (part.exists() and part.stat().st_size > size // 3):
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)  # as a crash, a power cut or a closed laptop would
    first.communicate(timeout=30)
    # The server may be writing a chunk to the dead connection still: count after it ends.
    assert hub.wait_for_requests(timeout=30)
    kept = part.stat().st_size
    assert 0 < kept < size
    served_before = hub.bytes_served()
    assert ModelStore(models_dir(home)).installed() == []  # a partial file is no model

    hub.faults.throttle_seconds = 0.0
    result = run(["models", "download", EMBEDDED_REPO, EMBEDDED_FILE], timeout=300)
    assert result.returncode == 0, result.stderr
    resumed = hub.file_requests()[-1]
    assert resumed.range == f"bytes={kept}-"
    assert resumed.bytes_sent == size - kept  # the kept bytes were not fetched again
    assert hub.bytes_served() - served_before == size - kept
    installed = Path(result.stdout.decode().strip())
    assert hashlib.sha256(installed.read_bytes()).hexdigest() == hashlib.sha256(
        model_path.read_bytes()).hexdigest()


def _limit_file_size() -> None:
    # Writes past 64 KB fail with EFBIG, as on a full disk; the signal would kill instead.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_disk_that_fills_up_keeps_the_partial_and_says_what_to_do(hub: FakeHub,
                                                                    home: Path):
    result = subprocess.run(
        [sys.executable, "-m", "writer_app", "models", "download", TINY_REPO, TINY_FILE],
        capture_output=True, timeout=120, preexec_fn=_limit_file_size, check=False)
    assert result.returncode == 1
    assert "disk filled up" in result.stderr.decode()
    store = ModelStore(models_dir(home))
    assert store.installed() == []
    (partial,) = store.partials()
    assert 0 < partial.have <= 64 * 1024
    resumed = run(["models", "download", TINY_REPO, TINY_FILE])
    assert resumed.returncode == 0, resumed.stderr
    assert hub.file_requests()[-1].range == f"bytes={partial.have}-"


def test_import_info_and_remove(home: Path, tiny_gguf: Path, tmp_path: Path):
    imported = run(["models", "import", str(tiny_gguf)])
    assert imported.returncode == 0, imported.stderr
    path = Path(imported.stdout.decode().strip())
    assert path.parent == models_dir(home)
    info = run(["models", "info", TINY_FILE]).stdout.decode()
    assert "Tiny llama" in info
    assert "chat template: no" in info
    assert "fit at 2048 tokens: fits" in info
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(tiny_gguf.read_bytes()[:5000])
    refused = run(["models", "import", str(broken)])
    assert refused.returncode == 1
    assert "incomplete" in refused.stderr.decode() or "damaged" in refused.stderr.decode()
    removed = run(["models", "remove", TINY_FILE])
    assert removed.returncode == 0, removed.stderr
    assert not path.exists()
    assert run(["models", "remove", TINY_FILE]).returncode == 1


def test_search_lists_repositories_with_file_sizes_and_fit(hub: FakeHub, home: Path):
    result = run(["models", "search", "tiny", "--files"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == TINY_REPO
    assert TINY_FILE in lines[1]
    assert "fits" in lines[1]


def test_catalogue_ids_download_at_their_pinned_commit(hub: FakeHub, home: Path):
    # The embedded entry has nothing to download; the others resolve to their commit.
    result = run(["models", "download", "gemma-3-270m-q4_k_m"])
    assert result.returncode == 1
    assert "ships with the app" in result.stderr.decode()
    assert hub.log == []


def test_offline_mode_is_honoured_by_the_command_line(hub: FakeHub, home: Path,
                                                      monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = run(["models", "search", "tiny"])
    assert result.returncode == 1
    assert "HF_HUB_OFFLINE" in result.stderr.decode()
    assert hub.log == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_on_a_terminal_and_lines_elsewhere():
    from writer_app.cli.models import _ProgressPrinter
    from writer_app.hub.downloader import Progress

    terminal = _Terminal()
    bar = _ProgressPrinter(terminal, "model.gguf")
    progress = Progress(done=0, total=200_000_000)
    for step in range(1, 5):
        progress.advance(step * 50_000_000, float(step))
        bar._last_draw = 0.0  # draw every step, as if 0.1 s had passed
        bar(progress)
    bar.finish()
    drawn = terminal.getvalue()
    assert "\rmodel.gguf [##############..............]  50% 100/200 MB, 50.0 MB/s, 0:02 left" \
        in drawn
    assert drawn.endswith("100% 200/200 MB, 50.0 MB/s, 0:00 left   \n")
    log = io.StringIO()
    lines = _ProgressPrinter(log, "model.gguf")
    for done in range(0, 200_000_001, 10_000_000):
        lines(Progress(done=done, total=200_000_000))
    assert log.getvalue().count("\n") == 11  # 0 %, 10 %, … 100 %
    assert "\r" not in log.getvalue()
