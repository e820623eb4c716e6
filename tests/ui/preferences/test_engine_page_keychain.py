"""Preferences → Engine reads the kept API key off the GUI thread: a keychain that is
slow, or waits for the writer to unlock it, never freezes the window."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from writer_app.core.api_keys import ApiKeys
from writer_app.core.settings import Settings
from writer_app.ui.preferences.engine_page import EnginePage

URL = "http://127.0.0.1:9/v1"


class LockedKeychain(ApiKeys):
    """Answers only once `unlocked` is set, and notes the threads that asked."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.unlocked = threading.Event()
        self.readers: list[threading.Thread] = []
        self.kept: dict[str, str] = {URL: "sk-kept"}

    def get(self, url: str) -> str:
        self.readers.append(threading.current_thread())
        self.unlocked.wait(30)
        return self.kept.get(url, "")

    def where(self) -> str:
        return "a test keychain"

    def set(self, url: str, key: str) -> str:
        self.kept[url] = key
        return self.where()


def test_opening_the_page_does_not_wait_for_the_keychain(qtbot: QtBot, tmp_path: Path) -> None:
    keys = LockedKeychain(tmp_path / "keys.json")
    started = time.perf_counter()
    page = EnginePage(Settings(engine="remote", remote_url=URL), keys)
    qtbot.addWidget(page)
    assert time.perf_counter() - started < 5  # the keychain still holds the key back
    assert page.api_key.placeholderText() == "reading the keychain…"
    keys.unlocked.set()
    qtbot.waitUntil(lambda: page.api_key.text() == "sk-kept", timeout=10_000)
    assert threading.main_thread() not in keys.readers
    assert page.api_key.toolTip() == "Kept in a test keychain, never in the settings file."
    settings = Settings(engine="remote", remote_url=URL)
    page.apply_to(settings)
    assert not page.key_changed  # the same key: nothing to connect again for


def test_what_the_writer_types_wins_over_a_late_keychain(qtbot: QtBot, tmp_path: Path) -> None:
    keys = LockedKeychain(tmp_path / "keys.json")
    page = EnginePage(Settings(engine="remote", remote_url=URL), keys)
    qtbot.addWidget(page)
    page.show()
    page.api_key.setFocus()
    qtbot.keyClicks(page.api_key, "sk-typed")
    keys.unlocked.set()
    qtbot.waitUntil(lambda: page.api_key.placeholderText() == "none", timeout=10_000)
    assert page.api_key.text() == "sk-typed"
    page.apply_to(Settings(engine="remote", remote_url=URL))
    assert page.key_changed
    assert keys.kept[URL] == "sk-typed"
