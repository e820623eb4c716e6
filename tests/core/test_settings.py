from __future__ import annotations

import json
from pathlib import Path

from writer_app.core.prose import SuggestionLength
from writer_app.core.settings import MAX_RECENT_FILES, Settings, load_settings, save_settings


def test_only_changed_settings_are_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(pause_ms=500, suggestion_length=SuggestionLength.WORDS)
    save_settings(settings, path)
    assert json.loads(path.read_text()) == {"pause_ms": 500, "suggestion_length": "words"}
    assert load_settings(path) == settings


def test_missing_or_broken_files_give_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == Settings()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert load_settings(broken) == Settings()


def test_bad_values_are_ignored_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"pause_ms": -3, "theme": "purple", "suggestion_length": "x",
                                "suggestions_enabled": False, "unknown": 1}))
    settings = load_settings(path)
    assert settings.pause_ms == 350
    assert settings.theme == "system"
    assert settings.suggestion_length is SuggestionLength.SENTENCE
    assert settings.suggestions_enabled is False


def test_recent_files_are_most_recent_first_and_bounded() -> None:
    settings = Settings()
    for n in range(MAX_RECENT_FILES + 3):
        settings.add_recent_file(Path(f"/doc{n}.md"))
    settings.add_recent_file(Path("/doc5.md"))
    assert settings.recent_files[0] == "/doc5.md"
    assert len(settings.recent_files) == MAX_RECENT_FILES
    assert settings.recent_files.count("/doc5.md") == 1


def test_task_sampling_round_trips_and_bad_values_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(task_sampling={"rewrite": {"temperature": 0.9, "max_tokens": 256}})
    save_settings(settings, path)
    assert load_settings(path) == settings
    path.write_text(json.dumps({"task_sampling": {"rewrite": {"temperature": 9}}}))
    assert load_settings(path).task_sampling == {}
    path.write_text(json.dumps({"task_sampling": {"poetry": {"temperature": 0.5}}}))
    assert load_settings(path).task_sampling == {}


def test_recent_answers_are_most_recent_first_without_repeats() -> None:
    settings = Settings()
    for language in ("French", "German", "French"):
        settings.add_recent_answer("language", language)
    settings.add_recent_answer("instruction", "Make it rhyme")
    assert settings.recent_languages == ["French", "German"]
    assert settings.recent_instructions == ["Make it rhyme"]


def test_language_and_count_unit_round_trip_and_bad_values_are_dropped(
        tmp_path: Path) -> None:
    from writer_app.core.text_counts import CountUnit

    path = tmp_path / "settings.json"
    save_settings(Settings(language="zh_CN", count_unit=CountUnit.CHARACTERS), path)
    loaded = load_settings(path)
    assert (loaded.language, loaded.count_unit) == ("zh_CN", CountUnit.CHARACTERS)
    path.write_text(json.dumps({"language": "../../etc", "count_unit": "pages"}))
    loaded = load_settings(path)
    assert (loaded.language, loaded.count_unit) == ("", CountUnit.AUTO)


def test_places_are_kept_for_recent_files_only_and_checked_when_read(tmp_path: Path) -> None:
    settings = Settings()
    for name in ("a.md", "b.md"):
        settings.add_recent_file(tmp_path / name)
        settings.remember_place(tmp_path / name, 10, 2)
    settings.recent_files = [str(tmp_path / "b.md")]
    settings.remember_place(tmp_path / "c.md", 5, 0)
    assert settings.document_places == {str(tmp_path / "b.md"): [10, 2],
                                        str(tmp_path / "c.md"): [5, 0]}
    path = tmp_path / "settings.json"
    save_settings(settings, path)
    assert load_settings(path).document_places == settings.document_places
    path.write_text('{"document_places": {"x.md": [1, -2]}, "pause_ms": 500}')
    loaded = load_settings(path)
    assert (loaded.document_places, loaded.pause_ms) == ({}, 500)
