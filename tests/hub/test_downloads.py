"""Downloads from a local Hub: resume with Range, retries, faults, checks, stop."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from tests.hub_fixtures import FAST, TINY_FILE, TINY_REPO
from tests.hub_server import FakeHub, HubFile
from writer_app.core.errors import (
    ChecksumMismatchError,
    HubAuthError,
    HubNotFoundError,
    HubOfflineError,
    HubUnavailableError,
    NotEnoughSpaceError,
    UnsafeFileNameError,
)
from writer_app.hub.downloader import Downloader, Progress
from writer_app.hub.hub_access import describe_file, gguf_files, search_gguf
from writer_app.hub.model_store import ModelStore


def fetch(store: ModelStore, repo: str = TINY_REPO, path: str = TINY_FILE, **kwargs):
    remote = describe_file(repo, path)
    return Downloader(store, FAST, **kwargs).download(remote)


def test_a_download_is_verified_then_installed(hub: FakeHub, store: ModelStore,
                                               tiny_gguf: Path):
    model = fetch(store)
    assert model is not None
    path = store.path_of(model)
    assert path.read_bytes() == tiny_gguf.read_bytes()
    assert model.sha256 == hashlib.sha256(tiny_gguf.read_bytes()).hexdigest()
    assert (model.repo, model.hub_file, model.source) == (TINY_REPO, TINY_FILE, "download")
    assert [m.name for m in store.installed()] == [TINY_FILE]
    assert store.partials() == []
    # The file went through the resolve redirect to the file server, in one request.
    assert [entry.path for entry in hub.log if "/resolve/" in entry.path]
    assert [entry.range for entry in hub.file_requests()] == [None]


def test_a_model_already_installed_is_not_fetched_again(hub: FakeHub, store: ModelStore):
    first = fetch(store)
    again = fetch(store)
    assert again == first
    assert len(hub.file_requests()) == 1


def test_a_cut_transfer_resumes_with_range_in_the_same_run(hub: FakeHub, store: ModelStore,
                                                           tiny_gguf: Path):
    size = tiny_gguf.stat().st_size
    hub.faults.chunk = 8 * 1024
    hub.faults.cut_after = size // 2
    model = fetch(store)
    assert model is not None
    assert store.path_of(model).read_bytes() == tiny_gguf.read_bytes()
    first, second = hub.file_requests()
    assert first.range is None
    assert second.range == f"bytes={first.bytes_sent}-"
    assert first.bytes_sent + second.bytes_sent == size  # no byte fetched twice


def test_a_stalled_server_is_dropped_and_the_rest_fetched(hub: FakeHub, store: ModelStore,
                                                         tiny_gguf: Path):
    hub.faults.chunk = 8 * 1024
    hub.faults.stall_after = 16 * 1024
    hub.faults.stall_seconds = 3.0
    model = fetch(store)
    assert model is not None
    assert store.path_of(model).read_bytes() == tiny_gguf.read_bytes()
    requests = hub.file_requests()
    assert len(requests) == 2
    assert requests[1].range == "bytes=16384-"


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_rate_limits_are_retried(hub: FakeHub, store: ModelStore,
                                                  status: int):
    hub.faults.statuses = [status, status]
    hub.faults.retry_after = "0"
    assert fetch(store) is not None
    assert [entry.status for entry in hub.file_requests()] == [status, status, 200]


def test_retries_stop_and_keep_the_bytes_when_the_hub_keeps_failing(
        hub: FakeHub, store: ModelStore, tiny_gguf: Path):
    hub.faults.chunk = 8 * 1024
    hub.faults.cut_after = 24 * 1024
    hub.faults.statuses = [None, *[500] * 10]
    with pytest.raises(HubUnavailableError, match="kept"):
        fetch(store)
    assert store.installed() == []
    (partial,) = store.partials()
    assert partial.have == 24 * 1024
    # A later call resumes from there.
    hub.faults.statuses = []
    assert fetch(store) is not None
    assert hub.file_requests()[-1].range == "bytes=24576-"


def test_corrupted_bytes_are_rejected_and_deleted(hub: FakeHub, store: ModelStore):
    hub.faults.corrupt_offset = 1000
    with pytest.raises(ChecksumMismatchError, match="sha256"):
        fetch(store)
    assert store.installed() == []
    assert store.partials() == []
    assert not any(store.folder.glob("*.gguf"))


def test_a_token_is_asked_for_then_sent(hub: FakeHub, store: ModelStore,
                                        monkeypatch: pytest.MonkeyPatch):
    hub.faults.token = "hf_secret"
    with pytest.raises(HubAuthError, match="HF_TOKEN"):
        fetch(store)
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    assert fetch(store) is not None
    resolve = [entry for entry in hub.log if "/resolve/" in entry.path][-1]
    assert resolve.authorization == "Bearer hf_secret"
    # The file server is another origin: the token never goes there.
    assert hub.file_requests()[-1].authorization is None


def test_missing_repositories_and_files_are_reported(hub: FakeHub, store: ModelStore):
    with pytest.raises(HubNotFoundError, match="no-such/repo"):
        describe_file("no-such/repo", TINY_FILE)
    with pytest.raises(HubNotFoundError, match=r"missing\.gguf"):
        describe_file(TINY_REPO, "missing.gguf")
    remote = describe_file(TINY_REPO, TINY_FILE)
    hub.faults.statuses = [404]
    with pytest.raises(HubNotFoundError):
        Downloader(store, FAST).download(remote)


def test_not_enough_disk_space_is_said_before_any_byte(hub: FakeHub, store: ModelStore):
    with pytest.raises(NotEnoughSpaceError, match="GB free"):
        fetch(store, free_space=lambda _folder: 10_000)
    assert hub.file_requests() == []


def test_stop_keeps_the_bytes_and_a_later_download_resumes(hub: FakeHub, store: ModelStore,
                                                           tiny_gguf: Path):
    hub.faults.chunk = 8 * 1024
    stop = threading.Event()
    seen: list[int] = []

    def on_progress(progress: Progress) -> None:
        seen.append(progress.done)
        if progress.done >= 16 * 1024:
            stop.set()

    remote = describe_file(TINY_REPO, TINY_FILE)
    assert Downloader(store, FAST).download(remote, stop, on_progress) is None
    (partial,) = store.partials()
    assert partial.have >= 16 * 1024
    assert store.installed() == []
    model = Downloader(store, FAST).download(remote)
    assert model is not None
    assert store.path_of(model).read_bytes() == tiny_gguf.read_bytes()
    assert hub.file_requests()[-1].range == f"bytes={partial.have}-"


def test_cancel_discards_the_partial_file(hub: FakeHub, store: ModelStore):
    stop = threading.Event()
    stop.set()
    remote = describe_file(TINY_REPO, TINY_FILE)
    assert Downloader(store, FAST).download(remote, stop) is None
    assert [p.name for p in store.partials()] == [TINY_FILE]
    store.discard_partial(TINY_FILE)
    assert store.partials() == []
    assert not any(store.partial_dir.glob(f"{TINY_FILE}*.part"))


def test_a_server_that_ignores_range_restarts_cleanly(hub: FakeHub, store: ModelStore,
                                                      tiny_gguf: Path):
    hub.faults.chunk = 8 * 1024
    hub.faults.cut_after = 20 * 1024
    hub.faults.ignore_range = True
    model = fetch(store)
    assert model is not None
    assert store.path_of(model).read_bytes() == tiny_gguf.read_bytes()


@pytest.mark.parametrize("hostile", ["sub\\escape.gguf", "Q4_K_M/escape.gguf",
                                     "deep/er/escape.gguf"])
def test_hub_file_names_cannot_leave_the_models_folder(hub: FakeHub, store: ModelStore,
                                                       tiny_gguf: Path, tmp_path: Path,
                                                       hostile: str):
    hub.repos["evil/repo"] = [HubFile.of(hostile, tiny_gguf)]
    model = fetch(store, "evil/repo", hostile)
    assert model is not None
    assert model.name == "escape.gguf"
    assert store.path_of(model).parent == store.folder.resolve()
    written = [path.resolve() for path in tmp_path.rglob("*escape.gguf*")]
    assert store.folder.resolve() / "escape.gguf" in written
    assert all(path.is_relative_to(store.folder.resolve()) for path in written)


@pytest.mark.parametrize("hostile", [
    "../../escape.gguf", "sub/../../../escape.gguf", "..\\..\\escape.gguf", "..\\.bashrc",
    "run.sh", "CON.gguf", "a\x00b.gguf", "c:evil.gguf", ".hidden.gguf"])
def test_unsafe_hub_file_names_are_refused(hub: FakeHub, store: ModelStore,
                                           tiny_gguf: Path, hostile: str):
    hub.repos["evil/repo"] = [HubFile.of(hostile, tiny_gguf)]
    with pytest.raises(UnsafeFileNameError):
        fetch(store, "evil/repo", hostile)
    assert hub.file_requests() == []


def test_offline_mode_contacts_nothing(hub: FakeHub, store: ModelStore,
                                       monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(HubOfflineError, match="HF_HUB_OFFLINE"):
        describe_file(TINY_REPO, TINY_FILE)
    with pytest.raises(HubOfflineError):
        search_gguf("tiny")
    assert hub.log == []


def test_search_lists_gguf_repositories_and_their_files(hub: FakeHub, tiny_gguf: Path):
    assert search_gguf("tiny") == [TINY_REPO]
    (remote,) = gguf_files(TINY_REPO)
    assert (remote.path, remote.size) == (TINY_FILE, tiny_gguf.stat().st_size)
    assert remote.sha256 == hashlib.sha256(tiny_gguf.read_bytes()).hexdigest()


def test_a_hub_file_s_shape_is_read_from_its_first_bytes(hub: FakeHub, tiny_gguf: Path,
                                                         model_path: Path):
    from tests.hub_fixtures import EMBEDDED_FILE, EMBEDDED_REPO
    from writer_app.core.gguf_file import read_gguf_info
    from writer_app.hub.remote_header import HEADER_BYTES, remote_shape

    tiny = describe_file(TINY_REPO, TINY_FILE)
    assert remote_shape(tiny) == read_gguf_info(tiny_gguf).shape
    embedded = describe_file(EMBEDDED_REPO, EMBEDDED_FILE)
    shape = remote_shape(embedded)
    assert shape == read_gguf_info(model_path).shape
    assert (shape.layers, shape.kv_heads, shape.head_dim) == (18, 1, 256)
    request = hub.file_requests()[-1]
    assert request.range == f"bytes=0-{HEADER_BYTES - 1}"
    assert request.bytes_sent <= HEADER_BYTES  # not the 253 MB file
    # A server that ignores the range: reading stops at the limit all the same.
    hub.faults.ignore_range = True
    assert remote_shape(embedded) == shape


def test_a_same_named_file_from_another_repository_keeps_a_paused_download(
        hub: FakeHub, store: ModelStore, tmp_path: Path):
    from tests.core.test_gguf_file import write_tiny_gguf

    stop = threading.Event()
    stop.set()  # paused at once: a partial download with its record
    remote = describe_file(TINY_REPO, TINY_FILE)
    assert Downloader(store, FAST).download(remote, stop) is None
    (paused,) = store.partials()
    other_file = tmp_path / "other" / TINY_FILE
    other_file.parent.mkdir()
    write_tiny_gguf(other_file)
    hub.repos["someone-else/Tiny-GGUF"] = [HubFile.of(TINY_FILE, other_file)]

    other = fetch(store, "someone-else/Tiny-GGUF", TINY_FILE)
    assert other is not None
    assert other.name == "tiny-Q8_0-2.gguf"
    assert store.partials() == [paused]  # still there, to resume
    assert store.free_name(TINY_FILE, (TINY_REPO, TINY_FILE)) == TINY_FILE
    assert store.free_name(TINY_FILE) == "tiny-Q8_0-3.gguf"  # an import takes neither
    resumed = Downloader(store, FAST).download(remote)
    assert resumed is not None
    assert resumed.name == TINY_FILE
