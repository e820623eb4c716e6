"""Preferences → Engine: write with llama.cpp here, or with a model on a server that
speaks the OpenAI-compatible protocol (llama-server, vLLM, Ollama, LM Studio).

"Test connection" asks the server for its models on a worker thread, so a server that
is slow to answer never freezes the dialog; the kept API key is read on one too, since a
keychain may be slow or wait for the writer to unlock it.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from writer_app.core.api_keys import ApiKeys
from writer_app.core.settings import Settings
from writer_app.ui.bridge.background import failure_words, run_in_background
from writer_app.ui.i18n import say, tx

TEST_TIMEOUT_S = 10.0  # a server that takes longer to list its models is in trouble


def prompt_choices() -> tuple[tuple[str, str], ...]:
    return (("auto", tx("EnginePage", "Automatic (chat messages where the server has a chat "
                                      "template)")),
            ("chat", tx("EnginePage", "Chat messages (instruction-tuned models)")),
            ("raw", tx("EnginePage", "Raw prompts (base models)")))


class EnginePage(QWidget):
    """The Engine tab; `apply_to` writes the choices back, the API key to `keys`."""


    def __init__(self, settings: Settings, keys: ApiKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self._kept_key: str | None = None  # None until read from the keychain
        self._kept_for = settings.remote_url
        self.key_changed = False  # set by apply_to: the engine must connect again
        form = QFormLayout(self)
        self.local = QRadioButton(tx("EnginePage",
                                     "&Local: llama.cpp on this computer (nothing leaves it)"))
        self.remote = QRadioButton(tx("EnginePage",
                                      "&Remote: a server speaking the OpenAI-compatible protocol"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.remote)
        (self.remote if settings.engine == "remote" else self.local).setChecked(True)
        form.addRow(self.local)
        form.addRow(self.remote)
        self.url = QLineEdit(settings.remote_url)
        self.url.setPlaceholderText("http://workstation.local:8080")
        form.addRow(tx("EnginePage", "Server address:"), self.url)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.lineEdit().setPlaceholderText(tx("EnginePage", "the server's first model"))
        self.model.setEditText(settings.remote_model)
        form.addRow(tx("EnginePage", "Model:"), self.model)
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(tx("EnginePage",
                                           "reading the keychain…") if settings.remote_url
                                        else tx("EnginePage", "none"))
        self.api_key.setToolTip(tx("EnginePage", "Kept in the system keychain or a private "
                                                 "file, never in the settings file."))
        form.addRow(tx("EnginePage", "API key:"), self.api_key)
        url, keys = settings.remote_url, self._keys
        # The keychain may ask the system (and wait on it): never on the GUI thread.
        run_in_background(lambda: (url, keys.get(url) if url else "", say(keys.where())),
                          lambda read: self._on_key_read(*read),
                          lambda error: self.api_key.setToolTip(failure_words(error)),
                          owner=self, name="read-api-key")
        self.prompts = QComboBox()
        for value, label in prompt_choices():
            self.prompts.addItem(label, value)
        self.prompts.setCurrentIndex(max(0, self.prompts.findData(settings.remote_prompts)))
        form.addRow(tx("EnginePage", "Tasks send:"), self.prompts)
        row = QHBoxLayout()
        self.test_button = QPushButton(tx("EnginePage", "&Test Connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setWordWrap(True)
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        form.addRow(row)
        note = QLabel(tx("EnginePage", "With a remote engine, the text around the cursor and "
                                       "the text of each task go to this server, and only to "
                                       "it; the status bar says so while it is in use. Use an "
                                       "address you trust: http:// is not encrypted beyond "
                                       "your own network."))
        note.setWordWrap(True)
        form.addRow(note)
        self.local.toggled.connect(self._update_enabled)
        self._update_enabled()

    def _on_key_read(self, url: str, key: str, where: str) -> None:
        self._kept_key = key if url else None
        self.api_key.setPlaceholderText(tx("EnginePage", "none"))
        self.api_key.setToolTip(tx("EnginePage", "Kept in {where}, never in the settings "
                                                 "file.").format(where=where))
        if url and not self.api_key.isModified():  # the writer's own typing wins
            self.api_key.setText(key)

    def _update_enabled(self) -> None:
        remote = self.remote.isChecked()
        for widget in (self.url, self.model, self.api_key, self.prompts, self.test_button):
            widget.setEnabled(remote)

    @Slot()
    def test_connection(self) -> None:
        """Ask the server for its models off the GUI thread; the answer fills the list."""
        url = self.url.text().strip()
        if not url:
            self.result.setText(tx("EnginePage", "Type the server's address first."))
            return
        self.test_button.setEnabled(False)
        self.result.setText(tx("EnginePage", "Asking {url}…").format(url=url))
        api_key = self.api_key.text().strip()
        run_in_background(lambda: _ask(url, api_key), self._on_tested, self._on_test_failed,
                          owner=self, name="test-connection")

    def _on_test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(self.remote.isChecked())
        self.result.setText(failure_words(error))

    def _on_tested(self, answer: tuple[list[str], float]) -> None:
        self.test_button.setEnabled(self.remote.isChecked())
        models, seconds = answer
        chosen = self.model.currentText()
        self.model.clear()
        self.model.addItems(models)
        self.model.setEditText(chosen if chosen in models or not models else models[0])
        names = ", ".join(models[:5]) + (" …" if len(models) > 5 else "")
        self.result.setText(tx("EnginePage", "Connected: answered in {ms} ms, {models}: "
                                             "{names}.").format(
            ms=f"{seconds * 1000:.0f}", models=self.tr("%n model(s)", "", len(models)),
            names=names or tx("EnginePage", "none")))

    def apply_to(self, settings: Settings) -> None:
        """Write the choices into `settings` and the API key to the keychain."""
        settings.engine = "remote" if self.remote.isChecked() and self.url.text().strip() \
            else "local"
        settings.remote_url = self.url.text().strip()
        settings.remote_model = self.model.currentText().strip()
        settings.remote_prompts = str(self.prompts.currentData())
        url, typed = settings.remote_url, self.api_key.text().strip()
        if not url:
            return
        if url == self._kept_for and self._kept_key is not None:
            kept = self._kept_key
        elif url == self._kept_for and not self.api_key.isModified():
            return  # the kept key was never read, and nothing was typed: leave it
        else:
            kept = self._keys.get(url)  # another address: the writer pressed OK and waits
        if typed != kept:
            self.key_changed = True
            self._keys.set(settings.remote_url, typed)


def _ask(url: str, api_key: str) -> tuple[list[str], float]:
    """Return the server's models and how long it took to answer (off the GUI thread)."""
    # Imported here, off the GUI thread: the HTTP stack is not needed to start the app.
    from writer_app.remote.openai_client import OpenAIClient, RemoteSettings

    client = OpenAIClient(RemoteSettings(url, api_key=api_key), read_timeout_s=TEST_TIMEOUT_S)
    try:
        return client.list_models()
    finally:
        client.close()
