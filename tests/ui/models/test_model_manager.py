"""The model manager window against the local Hub: badges, search, download, pause,
resume, cancel, import, details, delete, use."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.hub_fixtures import FAST, TINY_FILE, TINY_REPO
from tests.hub_server import FakeHub
from writer_app.core.errors import HubUnavailableError
from writer_app.core.memory_fit import GiB, Machine
from writer_app.core.model_catalogue import load_catalogue
from writer_app.hub.model_store import ModelStore
from writer_app.resources import catalogue_path
from writer_app.ui.models.model_manager import ModelManager

SMALL_LAPTOP = Machine(ram_total=4 * GiB)  # 2 GiB usable for a model


@pytest.fixture
def manager(qtbot: QtBot, store: ModelStore) -> ModelManager:
    dialog = ModelManager(store, load_catalogue(catalogue_path()), 2048,
                          machine=SMALL_LAPTOP, options=FAST)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()



def find_row(table, text: str) -> int:
    for row in range(table.rowCount()):
        if any(text in cell(table, row, column) for column in range(table.columnCount())):
            return row
    raise AssertionError(f"no row with {text!r}")


def search_and_select_tiny(qtbot: QtBot, manager: ModelManager) -> None:
    manager.search_box.setText("tiny")
    manager.search()
    qtbot.waitUntil(lambda: manager.results_table.rowCount() == 1, timeout=10_000)
    assert cell(manager.results_table, 0, 3) == "Fits (≈)"
    manager.results_table.selectRow(0)


def test_badges_judge_each_catalogue_model_on_this_machine(manager: ModelManager,
                                                         hub: FakeHub):
    table = manager.catalogue_table
    assert table.rowCount() == len(manager.catalogue)
    small = find_row(table, "Llama 3.2 1B Instruct")
    big = find_row(table, "Llama 3.1 8B Instruct")
    assert cell(table, small, 4) == "Fits"
    assert cell(table, big, 4) == "Too big"
    assert "does not fit" in table.item(big, 4).toolTip()
    assert hub.log == []  # opening the manager contacts nobody


def test_search_then_download_installs_the_file(qtbot: QtBot, manager: ModelManager,
                                                hub: FakeHub, store: ModelStore):
    search_and_select_tiny(qtbot, manager)
    assert cell(manager.results_table, 0, 0) == TINY_REPO
    # Rough until selected; then the file's first bytes give its shape and an exact fit.
    qtbot.waitUntil(lambda: cell(manager.results_table, 0, 3) == "Fits", timeout=10_000)
    assert "rough" not in manager.results_table.item(0, 3).toolTip()
    assert hub.file_requests()[-1].range.startswith("bytes=0-")
    manager.download_selected_result()
    qtbot.waitUntil(lambda: [m.name for m in store.installed()] == [TINY_FILE],
                    timeout=10_000)
    qtbot.waitUntil(lambda: "Installed" in manager.status_label.text(), timeout=5_000)
    assert manager.installed_table.rowCount() == 1
    assert not manager.downloads.progress_bar.isVisible()


def test_pause_keeps_the_bytes_and_resume_fetches_only_the_rest(
        qtbot: QtBot, manager: ModelManager, hub: FakeHub, store: ModelStore,
        tiny_gguf: Path):
    hub.faults.chunk = 4 * 1024
    hub.faults.throttle_seconds = 0.02
    search_and_select_tiny(qtbot, manager)
    manager.download_selected_result()
    qtbot.waitUntil(lambda: manager.downloads.progress_bar.value() > 100, timeout=10_000)
    manager.downloads.pause_button.click()
    qtbot.waitUntil(lambda: manager.downloads.pause_button.text() == "&Resume", timeout=5_000)
    (partial,) = store.partials()
    assert 0 < partial.have < tiny_gguf.stat().st_size
    assert "Paused" in manager.status_label.text()
    hub.faults.throttle_seconds = 0.0
    manager.downloads.pause_button.click()
    qtbot.waitUntil(lambda: bool(store.installed()), timeout=10_000)
    assert hub.file_requests()[-1].range == f"bytes={partial.have}-"
    assert store.path_of(store.installed()[0]).read_bytes() == tiny_gguf.read_bytes()


def test_cancel_deletes_the_partial_bytes(qtbot: QtBot, manager: ModelManager,
                                          hub: FakeHub, store: ModelStore):
    hub.faults.chunk = 4 * 1024
    hub.faults.throttle_seconds = 0.02
    search_and_select_tiny(qtbot, manager)
    manager.download_selected_result()
    qtbot.waitUntil(lambda: manager.downloads.progress_bar.value() > 50, timeout=10_000)
    manager.downloads.cancel()
    qtbot.waitUntil(lambda: "cancelled" in manager.status_label.text(), timeout=5_000)
    assert store.partials() == []
    assert store.installed() == []


def test_a_refusal_is_shown_and_the_download_can_be_retried(
        qtbot: QtBot, manager: ModelManager, hub: FakeHub, store: ModelStore,
        monkeypatch: pytest.MonkeyPatch):
    hub.faults.token = "hf_secret"
    search_and_select_tiny(qtbot, manager)
    manager.download_selected_result()
    qtbot.waitUntil(lambda: "HF_TOKEN" in manager.status_label.text(), timeout=10_000)
    # Nothing was fetched: nothing to resume or cancel; Download again retries.
    assert not manager.downloads.pause_button.isVisible()
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    manager.download_selected_result()
    qtbot.waitUntil(lambda: bool(store.installed()), timeout=10_000)


def test_import_details_use_and_delete(qtbot: QtBot, manager: ModelManager,
                                       store: ModelStore, tiny_gguf: Path,
                                       monkeypatch: pytest.MonkeyPatch):
    manager.import_path(tiny_gguf)
    qtbot.waitUntil(lambda: manager.installed_table.rowCount() == 1, timeout=10_000)
    manager.installed_table.selectRow(0)
    qtbot.waitUntil(lambda: "Tiny llama" in manager.details.text(), timeout=5_000)
    assert "no chat template" in manager.details.text()
    with qtbot.waitSignal(manager.model_chosen) as chosen:
        manager.use_selected_installed()
    assert chosen.args == [str(store.folder.resolve() / TINY_FILE)]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    manager.delete_selected()
    assert manager.installed_table.rowCount() == 0
    assert not (store.folder / TINY_FILE).exists()


def test_a_broken_file_is_not_imported(qtbot: QtBot, manager: ModelManager,
                                       store: ModelStore, tiny_gguf: Path, tmp_path: Path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(tiny_gguf.read_bytes()[:3000])
    manager.import_path(broken)
    qtbot.waitUntil(lambda: "incomplete" in manager.status_label.text()
                    or "damaged" in manager.status_label.text(), timeout=10_000)
    assert store.installed() == []


def test_a_catalogue_file_that_differs_from_its_pin_is_refused(
        qtbot: QtBot, manager: ModelManager, hub: FakeHub, store: ModelStore,
        tiny_gguf: Path):
    from tests.hub_server import HubFile

    entry = next(e for e in manager.catalogue if e.id == "llama-3.2-1b-instruct-q4_k_m")
    hub.repos[entry.repo] = [HubFile.of(entry.file, tiny_gguf)]
    manager.catalogue_table.selectRow(find_row(manager.catalogue_table, entry.name))
    manager.download_selected_entry()
    qtbot.waitUntil(lambda: "catalogue pins" in manager.status_label.text(), timeout=10_000)
    assert hub.file_requests() == []
    assert store.installed() == []


def test_preferences_model_tab_reloads_the_model_with_the_new_choices(
        qtbot: QtBot, window, fake_bridge, writer_home: Path):
    from writer_app.core.settings import load_settings

    window.show_preferences()
    dialog = window.preferences_dialog
    qtbot.waitUntil(dialog.isVisible)
    loads_before = len(fake_bridge.loads)
    dialog.gpu_layers.setEditText("12")
    dialog.threads.setValue(3)
    dialog.context.setCurrentIndex(dialog.context.findData(8192))
    dialog.accept()
    request = fake_bridge.loads[-1]
    assert len(fake_bridge.loads) == loads_before + 1
    assert (request.gpu_layers, request.n_threads, request.n_ctx) == ("12", 3, 8192)
    saved = load_settings(writer_home / "config" / "settings.json")
    assert (saved.gpu_layers, saved.n_threads, saved.n_ctx) == ("12", 3, 8192)
    window.show_preferences()
    dialog = window.preferences_dialog
    dialog.gpu_layers.setCurrentIndex(dialog.gpu_layers.findData("none"))
    dialog.accept()
    assert fake_bridge.loads[-1].gpu_layers == "none"
    window.show_preferences()
    window.preferences_dialog.accept()  # nothing changed: no reload
    assert fake_bridge.loads[-1].gpu_layers == "none"
    assert len(fake_bridge.loads) == loads_before + 2


def test_the_model_menu_opens_the_manager(window, qtbot: QtBot):
    manager = window.models.show_model_manager()
    assert manager.isVisible()
    assert manager.catalogue_table.rowCount() >= 8
    assert window.models.show_model_manager() is manager
    manager.close()


def test_a_download_paused_in_an_earlier_session_is_listed_and_resumed(
        qtbot: QtBot, hub: FakeHub, store: ModelStore, tiny_gguf: Path):
    from writer_app.hub.downloader import Downloader
    from writer_app.hub.hub_access import describe_file

    hub.faults.chunk = 8 * 1024
    hub.faults.cut_after = 40 * 1024
    hub.faults.statuses = [None, *[503] * 5]
    with pytest.raises(HubUnavailableError, match="kept"):
        Downloader(store, FAST).download(describe_file(TINY_REPO, TINY_FILE))
    hub.faults.statuses = []
    manager = ModelManager(store, load_catalogue(catalogue_path()), 2048,
                           machine=SMALL_LAPTOP, options=FAST)
    qtbot.addWidget(manager)
    row = find_row(manager.installed_table, "paused at")
    assert cell(manager.installed_table, row, 0) == TINY_FILE
    manager.installed_table.selectRow(row)
    assert f"from {TINY_REPO}" in manager.details.text()
    assert "kept until you resume" in manager.details.text()
    manager.use_selected_installed()  # resumes

    def states() -> str:
        return " ".join(cell(manager.installed_table, r, 2)
                        for r in range(manager.installed_table.rowCount()))

    # The store knows a moment before the table, which refreshes on the GUI thread when
    # the download's thread reports: wait for what the writer sees.
    qtbot.waitUntil(lambda: bool(store.installed()) and "paused" not in states(),
                    timeout=10_000)
    assert hub.file_requests()[-1].range == "bytes=40960-"


@pytest.mark.parametrize(("backend", "layers", "note", "shown"), [
    ("CPU", 0, "", "Tiny · CPU · "),
    ("CUDA", -1, "", "Tiny · CUDA · "),
    ("CUDA", 20, "", "Tiny · CUDA, 20 layers · "),
    ("CPU", 0, "The GPU could not take this model (out of memory), so it runs on the CPU.",
     "Tiny · CPU · "),
])
def test_the_status_bar_says_where_the_model_runs(window, fake_bridge, *, backend: str,
                                                  layers: int, note: str, shown: str):
    from writer_app.engine.protocol import Loaded

    window.models.use_model("/models/tiny.gguf")
    fake_bridge.model_loaded.emit(Loaded("Tiny", "/models/tiny.gguf", backend, 2048, False,
                                         0.1, gpu_layers=layers, note=note))
    assert window.status.model_label.text().startswith(shown)
    assert window.notice.text() == note


def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once closed


def test_without_a_network_search_says_so_at_once_and_no_buttons_linger(
        qtbot: QtBot, manager: ModelManager, monkeypatch: pytest.MonkeyPatch,
        store: ModelStore) -> None:
    """The issue's offline model manager: a search that took 20–25 s to fail, and
    Resume/Cancel left behind by a download that never started."""
    import time

    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{unused_port()}")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    started = time.monotonic()
    manager.search_box.setText("llama")
    manager.search()
    qtbot.waitUntil(lambda: "No network" in manager.status_label.text(), timeout=10_000)
    assert time.monotonic() - started < 5
    manager.catalogue_table.selectRow(find_row(manager.catalogue_table,
                                               "Llama 3.2 1B Instruct"))
    manager.download_selected_entry()
    qtbot.waitUntil(lambda: not manager.downloads.transferring, timeout=20_000)
    assert not manager.downloads.pause_button.isVisible()
    assert not manager.downloads.cancel_button.isVisible()
    assert manager.downloads.current is None
    assert store.partials() == []


def test_use_needs_the_model_here_and_the_model_in_use_is_marked(
        qtbot: QtBot, store: ModelStore, tiny_gguf: Path) -> None:
    in_use: list[str | None] = [None]
    dialog = ModelManager(store, load_catalogue(catalogue_path()), 2048,
                          machine=SMALL_LAPTOP, options=FAST, in_use=lambda: in_use[0])
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.catalogue_table
    table.selectRow(find_row(table, "Llama 3.2 1B Instruct"))  # not downloaded
    assert not dialog.use_entry_button.isEnabled()
    assert dialog.download_button.isEnabled()
    dialog.import_path(tiny_gguf)
    qtbot.waitUntil(lambda: bool(store.installed()), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.installed_table.rowCount() == 1, timeout=5_000)
    assert "in use" not in cell(dialog.installed_table, 0, 0)
    in_use[0] = str(store.path_of(store.installed()[0]))
    dialog.refresh()
    assert cell(dialog.installed_table, 0, 0) == f"✓ {store.installed()[0].name} (in use)"
