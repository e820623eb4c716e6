"""The remote engine in the real window: ghost text and every task written by
llama-cpp-python's own server on 127.0.0.1 (the embedded model), failures said without
stopping the writer, and Preferences → Engine."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.llama_server import StubServer, free_port
from tests.ui.editor.test_writing_with_model import (
    MODEL_TIMEOUT_MS,
    TYPED,
    check_no_late_piece,
    make_window,
    slow_streaming_window,
    wait_for_final_ghost,
)
from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths
from writer_app.core.api_keys import KEYCHAIN, ApiKeys
from writer_app.core.prompt_templates import TaskKind
from writer_app.core.settings import Settings, load_settings
from writer_app.engine.protocol import RemoteTarget
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.preferences.preferences_dialog import PreferencesDialog
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
TEXT = ("The lighthouse stood at the edge of the world.\n\n"
        "The keeper, who had lived alone on the island for almost twenty years, finally "
        "rowed across to the village on the first calm morning of spring.\n")
TARGET = TEXT.split("\n\n")[1].strip()


def remote_window(qtbot: QtBot, url: str, **settings: object) -> MainWindow:
    window = make_window(qtbot, Settings(engine="remote", remote_url=url, **settings))  # type: ignore[arg-type]
    window.models.start_engine()
    return window


@pytest.fixture
def server_window(qtbot: QtBot, writer_home: Path, llama_server: str) -> Iterator[MainWindow]:
    window = remote_window(qtbot, llama_server)
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY, timeout=MODEL_TIMEOUT_MS)
    yield window
    window.bridge.shutdown()


@pytest.mark.model
def test_ghost_text_from_the_server_tab_and_one_undo(qtbot: QtBot,
                                                     server_window: MainWindow) -> None:
    window = server_window
    host = window.settings.remote_url.removeprefix("http://")
    assert window.status.destination_label.isVisible()
    assert window.status.destination_label.text() == f"⇅ Text goes to {host}"
    assert window.status.model_label.text() == "gemma-3-270m-q4_k_m.gguf · remote · Ready"
    qtbot.keyClicks(window.editor, TYPED)
    ghost = wait_for_final_ghost(qtbot, window)  # asked by the pause, as with a local model
    assert document_text(window.editor) == TYPED
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == TYPED + ghost
    window.suggestions.dismiss()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert document_text(window.editor) == TYPED


@pytest.mark.model
def test_every_task_through_the_server(qtbot: QtBot, server_window: MainWindow) -> None:
    window = server_window
    window.suggestions.enabled = False
    assert window.bridge.loaded is not None
    assert window.bridge.loaded.chat_template  # tasks send chat messages
    window.questions.ask_choice = lambda _t, question, _c: (  # type: ignore[method-assign]
        "French" if "language" in question.lower() else "Make it sound like a poem")
    # A base model rarely ends a chat turn: keep each reply short.
    window.tasks.sampling_overrides = {kind.value: {"max_tokens": 48} for kind in TaskKind}
    window.tasks_menu.rebuild()
    templates = sorted(window.tasks_menu.library.templates.values(), key=lambda t: t.id)
    assert len(templates) >= 13
    for template in templates:
        window.summary.show_text("")
        window.editor.setPlainText(TEXT)
        cursor = window.editor.textCursor()
        start = TEXT.index(TARGET)
        cursor.setPosition(start)
        cursor.setPosition(start + len(TARGET), cursor.MoveMode.KeepAnchor)
        window.editor.setTextCursor(cursor)
        window.tasks_menu.run(template)
        qtbot.waitUntil(lambda: window.tasks.state is TaskState.READY
                        or (window.tasks.state is TaskState.IDLE and bool(window.summary.text())),
                        timeout=MODEL_TIMEOUT_MS)
        if window.tasks.state is TaskState.READY:
            assert window.tasks.proposal.strip(), template.id
            assert document_text(window.editor) == TEXT  # proposed, not yet written
            qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
        else:
            assert window.summary.text().strip(), template.id
        assert document_text(window.editor) == TEXT, template.id


@pytest.mark.model
def test_raw_prompts_for_a_base_model_on_the_server(qtbot: QtBot, writer_home: Path,
                                                    llama_server: str) -> None:
    window = remote_window(qtbot, llama_server, remote_prompts="raw")
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY, timeout=MODEL_TIMEOUT_MS)
    assert window.bridge.loaded is not None
    assert not window.bridge.loaded.chat_template
    window.suggestions.enabled = False
    window.editor.setPlainText(TEXT)
    cursor = window.editor.textCursor()
    cursor.setPosition(TEXT.index(TARGET))
    cursor.setPosition(TEXT.index(TARGET) + len(TARGET), cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named("Shorten")
    assert template is not None
    window.tasks_menu.run(template)
    qtbot.waitUntil(lambda: window.tasks.state is TaskState.READY, timeout=MODEL_TIMEOUT_MS)
    proposal = window.tasks.proposal
    assert proposal.strip()
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == TEXT.replace(TARGET, proposal)
    window.bridge.shutdown()


def test_a_server_that_is_not_there_is_said_and_writing_goes_on(qtbot: QtBot,
                                                                 writer_home: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    window = remote_window(qtbot, url)
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.FAILED, timeout=30_000)
    assert "cannot reach the server" in window.notice.text()
    assert "Writing and saving go on" in window.notice.text()
    assert window.notice.action_button.text() == "Try Again"
    assert window.bridge.loaded is None  # no quiet switch to another engine
    qtbot.keyClicks(window.editor, "Still writing.")
    assert document_text(window.editor) == "Still writing."
    window.bridge.shutdown()


def test_a_failing_server_is_said_in_the_status_bar(qtbot: QtBot, writer_home: Path,
                                                    stub_server: StubServer) -> None:
    window = remote_window(qtbot, f"{stub_server.url}/ok", suggestions_enabled=False)
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY, timeout=30_000)
    qtbot.keyClicks(window.editor, TYPED)
    stub_server.mode = "503"
    with qtbot.waitSignal(window.bridge.request_failed, timeout=30_000):
        qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    assert "failed (503)" in window.status.currentMessage()
    qtbot.keyClicks(window.editor, " on")
    assert document_text(window.editor) == TYPED + " on"
    window.bridge.shutdown()


class MemoryKeychain(KeyringBackend):
    """Stands in for the system keychain, which this headless machine lacks."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805
        # keyring offers every subclass it knows when it picks a backend: never this one.
        raise RuntimeError("only where a test sets it")

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def keychain() -> Iterator[MemoryKeychain]:
    before = keyring.get_keyring()
    chain = MemoryKeychain()
    keyring.set_keyring(chain)
    yield chain
    keyring.set_keyring(before)


def test_preferences_engine_tests_the_connection_and_keeps_the_key_private(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge,
        stub_server: StubServer) -> None:
    url = f"{stub_server.url}/ok"
    dialog = PreferencesDialog(window.settings, window.api_keys, window)
    qtbot.addWidget(dialog)
    page = dialog.engine_page
    assert not page.url.isEnabled()  # Local is chosen until the writer says otherwise
    page.remote.setChecked(True)
    page.url.setText(f"{stub_server.url}/401")
    page.test_button.click()
    qtbot.waitUntil(lambda: "needs an API key" in page.result.text(), timeout=10_000)
    page.url.setText(url)
    page.api_key.setText("sk-secret")
    page.test_button.click()
    qtbot.waitUntil(lambda: page.result.text().startswith("Connected"), timeout=10_000)
    assert "1 model: stub-model" in page.result.text()
    assert page.model.currentText() == "stub-model"
    assert stub_server.requests[-1][:2] == ("GET", "/ok/v1/models")
    window.apply_preferences(dialog)
    settings = window.settings
    assert (settings.engine, settings.remote_url, settings.remote_model) == (
        "remote", url, "stub-model")
    keys_file = app_paths().api_keys_file
    # The key stays out of the editor's load request: the engine process reads it.
    assert fake_bridge.loads[-1].remote == RemoteTarget(url, "stub-model", "", "auto",
                                                        str(keys_file))
    loads = len(fake_bridge.loads)
    dialog = PreferencesDialog(window.settings, window.api_keys, window)
    qtbot.addWidget(dialog)
    # Read off the GUI thread: a keychain may be slow, or wait to be unlocked.
    qtbot.waitUntil(lambda: dialog.engine_page.api_key.text() == "sk-secret", timeout=10_000)
    dialog.engine_page.api_key.setText("sk-new")
    window.apply_preferences(dialog)
    assert len(fake_bridge.loads) == loads + 1  # a new key: the engine connects again
    assert window.status.destination_label.isVisible()
    assert json.loads(keys_file.read_text()) == {url: "sk-new"}
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    saved = app_paths().settings_file.read_text()
    assert "sk-" not in saved
    assert load_settings(app_paths().settings_file).remote_url == url
    # Back to Local: the text stays here again, and the status bar says nothing.
    dialog = PreferencesDialog(window.settings, window.api_keys, window)
    qtbot.addWidget(dialog)
    dialog.engine_page.local.setChecked(True)
    window.apply_preferences(dialog)
    assert fake_bridge.loads[-1].remote is None
    assert not window.status.destination_label.isVisible()


def test_the_key_goes_to_the_system_keychain_where_there_is_one(
        tmp_path: Path, keychain: MemoryKeychain) -> None:
    keys = ApiKeys(tmp_path / "api-keys.json")
    assert keys.where() == KEYCHAIN
    assert keys.set("http://gpu-box:8080", "sk-1") == KEYCHAIN
    assert keychain.passwords == {("Local Writer", "http://gpu-box:8080"): "sk-1"}
    assert keys.get("http://gpu-box:8080") == "sk-1"
    assert not (tmp_path / "api-keys.json").exists()
    keys.set("http://gpu-box:8080", "")
    assert keychain.passwords == {}


def test_choosing_a_local_model_leaves_the_remote_engine(window: MainWindow,
                                                         fake_bridge: FakeBridge) -> None:
    window.settings.engine, window.settings.remote_url = "remote", "http://gpu-box:8080"
    window.models.start_engine()
    assert fake_bridge.loads[-1].remote is not None
    assert window.status.destination_label.isVisible()
    window.models.use_model("/models/tiny.gguf")
    assert fake_bridge.loads[-1].remote is None
    assert fake_bridge.loads[-1].model_path == "/models/tiny.gguf"
    assert window.settings.engine == "local"
    assert not window.status.destination_label.isVisible()


@pytest.mark.model
def test_a_key_press_while_the_server_streams_leaves_no_late_piece(
        qtbot: QtBot, writer_home: Path, llama_server: str) -> None:
    window = slow_streaming_window(qtbot, Settings(engine="remote", remote_url=llama_server,
                                                   suggestions_enabled=False))
    check_no_late_piece(qtbot, window)
    window.bridge.shutdown()
