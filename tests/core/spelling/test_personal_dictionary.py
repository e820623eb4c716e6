"""The writer's word list is read strictly: a file that is not UTF-8 (an accented list
saved in Latin-1), or that cannot be read, is named as the problem and never rewritten,
so no word in it turns into U+FFFD."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.errors import SaveFailedError
from writer_app.core.spelling.personal_dictionary import PersonalDictionary
from writer_app.core.spelling.spelling_service import SpellingService

LATIN_1 = "Clémence\nJosé\nZoë\n".encode("latin-1")


def test_a_latin_1_list_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "personal.txt"
    path.write_bytes(LATIN_1)
    personal = PersonalDictionary(path)
    assert personal.problem is not None
    assert "is not UTF-8 text (line 1)" in personal.problem
    assert str(path) in personal.problem
    assert not any("\ufffd" in word for word in personal.words)
    with pytest.raises(SaveFailedError) as refused:
        personal.add("Quellbrook")
    assert str(refused.value) == personal.problem
    assert "Quellbrook" in personal  # known for this session, as the message says
    assert path.read_bytes() == LATIN_1  # not a byte changed


def test_the_line_of_the_first_bad_byte_is_named(tmp_path: Path) -> None:
    path = tmp_path / "personal.txt"
    path.write_bytes(b"Quellbrook\nZorvath\nJos\xe9\n")
    assert "(line 3)" in (PersonalDictionary(path).problem or "")


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "personal.txt"
    path.write_bytes("\ufeffClémence\r\nZoë\n".encode())  # as Notepad saves it
    personal = PersonalDictionary(path)
    assert personal.problem is None
    assert personal.words == {"Clémence", "Zoë"}
    personal.add("Quellbrook")
    assert path.read_text(encoding="utf-8") == "Clémence\nQuellbrook\nZoë\n"


def test_no_file_yet_is_no_problem(tmp_path: Path) -> None:
    personal = PersonalDictionary(tmp_path / "config" / "personal.txt")
    assert personal.problem is None
    personal.add("Quellbrook")
    assert (tmp_path / "config" / "personal.txt").read_text(encoding="utf-8") == "Quellbrook\n"


def test_a_file_that_cannot_be_read_is_not_replaced(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Refused by the system (file modes, which do not stop root; a lock on Windows):
    # told by the error read_bytes raises, on every platform and user.
    path = tmp_path / "personal.txt"
    path.write_text("Quellbrook\n", encoding="utf-8")
    read_bytes = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    personal = PersonalDictionary(path)
    assert personal.problem is not None
    assert "Permission denied" in personal.problem
    with pytest.raises(SaveFailedError):
        personal.add("Zorvath")
    assert "Zorvath" in personal  # known until the app quits
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "Quellbrook\n"


def test_a_folder_in_its_place_is_a_problem_not_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "personal.txt"
    path.mkdir()
    personal = PersonalDictionary(path)
    assert personal.problem is not None
    with pytest.raises(SaveFailedError):
        personal.add("Zorvath")
    assert path.is_dir()


def test_the_service_learns_the_word_for_the_session_though_it_cannot_keep_it(
        tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "personal-dictionary.txt").write_bytes(LATIN_1)
    service = SpellingService(tmp_path / "config", tmp_path / "data")
    checker = service.checker("en_US")
    assert checker is not None
    assert not checker.is_correct("Quellbrook")
    with pytest.raises(SaveFailedError):
        service.add_word("Quellbrook")
    assert checker.is_correct("Quellbrook")  # no red line under what the writer added


def test_a_config_folder_that_cannot_be_made_is_a_failed_save(tmp_path: Path) -> None:
    # The config folder links to a drive that is gone: no list yet, and no folder to make.
    (tmp_path / "config").symlink_to(tmp_path / "unplugged" / "config")
    personal = PersonalDictionary(tmp_path / "config" / "personal.txt")
    with pytest.raises(SaveFailedError):
        personal.add("Quellbrook")
    assert "Quellbrook" in personal
