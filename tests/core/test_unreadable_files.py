"""The app's own files (settings, the writing log, API keys, documents' languages) that
cannot be read are set aside before anything is written in their place: a settings file
with one stray comma used to be replaced by the defaults, and a damaged writing log by
today's words alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from writer_app.core.api_keys import ApiKeys
from writer_app.core.settings import Settings, load_settings, save_settings
from writer_app.core.spelling.spelling_service import DOCUMENT_LANGUAGES_FILE, SpellingService
from writer_app.core.unreadable_files import set_aside
from writer_app.core.writing_log import WordsWritten, WritingLog

DAMAGED = b'{"theme": "dark", "font_size": 14,,}'  # a hand edit gone wrong


def kept_aside(path: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(path.parent.glob(f"{path.name}.unreadable*"))]


def test_damaged_settings_are_kept_aside_before_the_defaults_are_saved(
        tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(DAMAGED)
    settings = load_settings(path)
    assert settings == Settings()
    save_settings(settings, path)
    assert kept_aside(path) == [DAMAGED]


def test_settings_that_are_not_utf8_are_kept_aside_too(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes('{"font_family": "Garamond Prémier"}'.encode("latin-1"))
    load_settings(path)
    assert len(kept_aside(path)) == 1


def test_a_damaged_writing_log_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "writing-log.json"
    path.write_bytes(b'{"2026-11-30": {"": {"typed": 812}}')  # cut short
    log = WritingLog(path)
    log.add(date(2026, 12, 1), "", WordsWritten(typed=5))
    assert log.save()
    assert kept_aside(path) == [b'{"2026-11-30": {"": {"typed": 812}}']


def test_a_damaged_key_file_is_kept_aside(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("writer_app.core.api_keys._keychain", lambda: None)
    path = tmp_path / "api-keys.json"
    path.write_bytes(b'{"https://a.example": "sk-1", ')
    keys = ApiKeys(path)
    keys.set("https://b.example", "sk-2")
    assert kept_aside(path) == [b'{"https://a.example": "sk-1", ']
    assert keys.get("https://b.example") == "sk-2"


def test_damaged_document_languages_are_kept_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / DOCUMENT_LANGUAGES_FILE
    path.write_bytes(b"[not json")
    service = SpellingService(tmp_path / "config", data)
    service.remember_language(tmp_path / "book.md", "en_US")
    assert kept_aside(path) == [b"[not json"]


def test_a_second_damaged_file_does_not_replace_the_first_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"one")
    first = set_aside(path)
    path.write_bytes(b"two")
    second = set_aside(path)
    assert first is not None
    assert second is not None
    assert first != second
    assert sorted(kept_aside(path)) == [b"one", b"two"]
    assert not path.exists()


def test_nothing_to_set_aside_when_there_is_no_file(tmp_path: Path) -> None:
    assert set_aside(tmp_path / "settings.json") is None
