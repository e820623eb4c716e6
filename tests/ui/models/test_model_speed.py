"""How a model feels on this computer: the words, the probes, the model manager's column
and Preferences' list (with a stand-in probe: tests/engine/test_speed_probe.py and the
download test in test_model_manager_with_model.py time the real model)."""

from __future__ import annotations

import threading
from collections import namedtuple
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.hub_fixtures import TINY_FILE
from writer_app.core.cpu_features import cpu_name
from writer_app.core.model_catalogue import load_catalogue
from writer_app.core.model_speeds import ModelSpeed, SpeedBook
from writer_app.hub.model_store import ModelStore
from writer_app.resources import catalogue_path, resource_path
from writer_app.ui.models import model_speed
from writer_app.ui.models.model_manager import ModelManager
from writer_app.ui.models.model_speed import SpeedProbes, sample_text, speed_words
from writer_app.ui.models.speed_panel import ModelSpeedsPanel

HERE = f"{cpu_name()} · CPU"


def speed(prompt: float, decode: float, *, computer: str = HERE,
          characters: bool = False) -> ModelSpeed:
    return ModelSpeed(prompt, decode, 0.75, characters, 2.0, computer,
                      "2026-12-07T10:00:00+00:00")


def test_the_words_say_how_soon_suggestions_come_and_how_fast_rewrites_are():
    assert speed_words(None) == "Not measured yet"
    assert speed_words(speed(586, 40)) == ("Suggestions at once; rewrites about 30 words a "
                                           "second")
    assert speed_words(speed(20, 2)) == ("Suggestions after about 500 ms; rewrites about "
                                         "1.5 words a second")
    assert speed_words(speed(12, 0.5)) == ("Suggestions after about 2.0 s: better for tasks; "
                                           "rewrites about 0.4 words a second")
    assert speed_words(speed(586, 40, characters=True)).endswith("30 characters a second")
    assert speed_words(speed(586, 38, computer="Another CPU · CPU")).endswith(
        "(measured on another computer)")


class FakeProbe:
    """Stands in for probe_speed: answers once the test lets it."""

    def __init__(self, answer: ModelSpeed | Exception) -> None:
        self.answer = answer
        self.calls: list[tuple[Path, str]] = []
        self.go = threading.Event()

    def __call__(self, path: Path, data_dir: Path, text: str, **_options: object) -> ModelSpeed:
        self.calls.append((path, text))
        self.go.wait(10)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.fixture
def fake_probe(monkeypatch: pytest.MonkeyPatch) -> FakeProbe:
    probe = FakeProbe(speed(38, 6.3))
    monkeypatch.setattr(model_speed, "probe_speed", probe)
    return probe


def make_probes(tmp_path: Path, idle: list[bool]) -> SpeedProbes:
    return SpeedProbes(SpeedBook(tmp_path / "speeds.json"), tmp_path,
                       engine_idle=lambda: idle[0], sample_text=lambda: "the writer's text",
                       gpu_layers=lambda: "auto", n_threads=lambda: 0)


def test_a_probe_waits_for_the_idle_engine_then_keeps_what_it_measured(
        qtbot: QtBot, tmp_path: Path, fake_probe: FakeProbe):
    idle = [False]
    probes = make_probes(tmp_path, idle)
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    probes.measure("sha", model, "model.gguf")
    probes.measure("sha", model, "model.gguf")  # queued once
    assert probes.measuring("sha")
    assert probes.busy
    qtbot.wait(model_speed.IDLE_CHECK_MS + 300)
    assert fake_probe.calls == []  # the writer's engine was busy
    idle[0] = True
    qtbot.waitUntil(lambda: len(fake_probe.calls) == 1, timeout=model_speed.IDLE_CHECK_MS * 3)
    assert fake_probe.calls == [(model, "the writer's text")]
    with qtbot.waitSignal(probes.measured) as measured:
        fake_probe.go.set()
    assert measured.args == ["sha"]
    assert probes.speed_of("sha") == speed(38, 6.3)
    assert SpeedBook(tmp_path / "speeds.json").get("sha") == speed(38, 6.3)
    assert not probes.busy


def test_a_failed_probe_says_why_and_the_next_one_runs(qtbot: QtBot, tmp_path: Path,
                                                       fake_probe: FakeProbe):
    fake_probe.answer = RuntimeError("the engine exited with status 1")
    fake_probe.go.set()
    probes = make_probes(tmp_path, [True])
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    with qtbot.waitSignal(probes.message, check_params_cb=lambda words: "could not" in words,
                          timeout=5000) as said:
        probes.measure("sha", model, "model.gguf")
    assert said.args == ["model.gguf could not be measured: the engine exited with status 1"]
    assert probes.speed_of("sha") is None
    assert not probes.busy


def test_figures_that_cannot_be_kept_are_said_and_the_next_probe_runs(
        qtbot: QtBot, tmp_path: Path, fake_probe: FakeProbe, monkeypatch: pytest.MonkeyPatch):
    fake_probe.go.set()
    probes = make_probes(tmp_path, [True])

    def full_disk(_sha: str, _speed: ModelSpeed) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(probes.book, "put", full_disk)
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    with qtbot.waitSignal(probes.message, check_params_cb=lambda words: "not kept" in words,
                          timeout=5000) as said:
        probes.measure("a", model, "a.gguf")
        probes.measure("b", model, "b.gguf")
    assert said.args[0].startswith("a.gguf on this computer: Suggestions at once")
    qtbot.waitUntil(lambda: not probes.busy, timeout=5000)
    assert len(fake_probe.calls) == 2  # b was measured too


def test_no_probe_starts_while_the_writer_types(qtbot: QtBot, window, fake_bridge,
                                                fake_probe: FakeProbe,
                                                monkeypatch: pytest.MonkeyPatch):
    from writer_app.ui.models import model_switch

    monkeypatch.setattr(model_switch, "QUIET_S", 1.0)
    probes = window.models.probes
    qtbot.keyClicks(window.editor, "The keeper")
    store = ModelStore(window.paths.data_dir / "models")
    model = store.installed()[0]
    probes.measure(model.sha256, store.path_of(model), model.name)
    assert fake_probe.calls == []  # typed a moment ago: it waits
    fake_probe.go.set()
    with qtbot.waitSignal(probes.measured, timeout=model_speed.IDLE_CHECK_MS * 3):
        pass
    assert len(fake_probe.calls) == 1


def test_without_the_memory_for_a_second_model_nothing_loads(
        qtbot: QtBot, tmp_path: Path, fake_probe: FakeProbe, monkeypatch: pytest.MonkeyPatch):
    memory = namedtuple("memory", "available")
    monkeypatch.setattr(model_speed.psutil, "virtual_memory", lambda: memory(100_000))
    probes = make_probes(tmp_path, [True])
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    with qtbot.waitSignal(probes.message) as said:
        probes.measure("sha", model, "model.gguf")
    assert said.args[0].startswith("Not enough free memory to measure model.gguf")
    assert fake_probe.calls == []


def test_the_probe_reads_the_writers_own_text_when_it_is_long_enough():
    own = "The lighthouse keeper counted the ships. " * 80
    assert sample_text(own, "en_US") == own[-6000:]
    assert sample_text("Short.", "en_US").startswith(
        resource_path("bench", "the-ferry-at-orrin.txt").read_text(encoding="utf-8")[:40])
    assert sample_text("Short.", "zh_CN").startswith("渡口的灯")


@pytest.fixture
def installed_store(tmp_path: Path, tiny_gguf: Path) -> ModelStore:
    store = ModelStore(tmp_path / "data" / "models")
    store.import_file(tiny_gguf)
    return store


def test_the_manager_shows_each_model_here_and_measures_the_selected_one(
        qtbot: QtBot, tmp_path: Path, installed_store: ModelStore, fake_probe: FakeProbe):
    probes = make_probes(tmp_path, [True])
    manager = ModelManager(installed_store, load_catalogue(catalogue_path()), 2048,
                           probes=probes)
    qtbot.addWidget(manager)
    table = manager.installed_table
    assert table.horizontalHeaderItem(3).text() == "On this computer"
    assert table.item(0, 3).text() == "Not measured yet"
    table.selectRow(0)
    manager.measure_selected()
    assert table.item(0, 3).text() == "Measuring…"
    assert "Measuring tiny" in manager.status_label.text()
    fake_probe.go.set()
    qtbot.waitUntil(lambda: table.item(0, 3).text().startswith("Suggestions at once"))
    assert "on this computer: Suggestions at once" in manager.status_label.text()
    assert "Reads 38 tokens a second and writes 6.3" in table.item(0, 3).toolTip()
    assert fake_probe.calls[0][0] == installed_store.folder.resolve() / TINY_FILE


def test_a_finished_download_is_measured(qtbot: QtBot, tmp_path: Path,
                                         installed_store: ModelStore, fake_probe: FakeProbe):
    probes = make_probes(tmp_path, [True])
    manager = ModelManager(installed_store, load_catalogue(catalogue_path()), 2048,
                           probes=probes)
    qtbot.addWidget(manager)
    fake_probe.go.set()
    with qtbot.waitSignal(probes.measured):
        manager.downloads.installed.emit(installed_store.installed()[0])
    assert manager.installed_table.item(0, 3).text().startswith("Suggestions at once")


def test_preferences_list_the_installed_models_and_measure_them(
        qtbot: QtBot, window, fake_bridge, fake_probe: FakeProbe):
    window.show_preferences()
    dialog = window.preferences_dialog
    qtbot.waitUntil(dialog.isVisible)
    panel = dialog.model_speeds
    assert isinstance(panel, ModelSpeedsPanel)
    dialog.tabs.setCurrentIndex(dialog.tabs.indexOf(panel.parentWidget()))
    assert panel.isVisible()
    names = [panel.table.item(row, 0).text() for row in range(panel.table.rowCount())]
    assert any(name.endswith(".gguf") for name in names)  # the embedded model
    panel.measure_selected()
    assert panel.status.text() == "Select a model to measure."
    panel.table.selectRow(0)
    fake_probe.go.set()
    with qtbot.waitSignal(window.models.probes.measured, timeout=5000):
        panel.measure_selected()
    assert panel.table.item(0, 1).text().startswith("Suggestions at once")
    dialog.reject()
