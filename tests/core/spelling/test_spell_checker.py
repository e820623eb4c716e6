"""Spell checking with the English dictionary that ships with the app, the writer's
own words, dictionaries they add, and guessing a text's language."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from writer_app.core.spelling.checkable_words import checkable_words
from writer_app.core.spelling.dictionaries import (
    DictionaryError,
    available_dictionaries,
    install_dictionaries,
)
from writer_app.core.spelling.language_guess import guess_language
from writer_app.core.spelling.personal_dictionary import PersonalDictionary
from writer_app.core.spelling.spell_checker import SpellChecker
from writer_app.core.spelling.spelling_service import SpellingService

# A tiny Hunspell dictionary of a made-up language, as LibreOffice ships real ones.
TOY_AFF = "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"
TOY_DIC = "3\nbrolt/S\nvinna\nquessa\n"


def words(paragraph: str) -> list[str]:
    return [word.text for word in checkable_words(paragraph)]


def english(tmp_path: Path) -> SpellChecker:
    bundled = [d for d in available_dictionaries(tmp_path) if d.name == "en_US"]
    assert bundled
    assert bundled[0].bundled
    return SpellChecker(bundled[0], PersonalDictionary(tmp_path / "personal.txt"))


def write_toy(folder: Path, name: str = "xx_XX") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.aff").write_text(TOY_AFF, encoding="utf-8")
    (folder / f"{name}.dic").write_text(TOY_DIC, encoding="utf-8")
    return folder / f"{name}.dic"


def test_urls_code_markup_numbers_and_abbreviations_are_not_checked() -> None:
    assert words("Teh cat at https://exmple.com/teh, mail a@exmple.com") == ["Teh", "cat", "at",
                                                                           "mail"]
    assert words("Run `pritn` and see [the lnk](http://x.org/pg) in 3rd mp3 NASA") == [
        "Run", "and", "see", "the", "lnk", "in"]
    assert words("## Heading with **bold** and _emphasis_") == ["Heading", "with", "bold",
                                                               "and", "emphasis"]
    assert words("Ελληνικό κείμενο, русский текст, नमस्ते") == ["Ελληνικό", "κείμενο",
                                                                "русский", "текст", "नमस्ते"]
    assert words("他看见了大海 and Tokyo") == ["and", "Tokyo"]


def test_words_are_found_alike_with_and_without_marks_urls_or_code() -> None:
    # The quick paths (no combining marks, nothing that could be a URL or code) must
    # find what the full rules find.
    assert [(w.start, w.text) for w in checkable_words("Teh café isn't closd")] == [
        (0, "Teh"), (4, "café"), (10, "isn't"), (16, "closd")]
    assert words("Visit WWW.exmple.com or Www.exmple.com, see <teh> and `teh`") == [
        "Visit", "or", "see", "and"]
    assert words("Ratio 3:4, see ftp://teh.org: sevn") == ["Ratio", "see", "sevn"]
    assert words("A plain sentence with nothing odd") == ["plain", "sentence", "with",
                                                           "nothing", "odd"]


def test_the_bundled_english_dictionary_checks_and_suggests(tmp_path: Path) -> None:
    checker = english(tmp_path)
    assert checker.is_correct("receive")
    assert checker.is_correct("don’t")
    assert not checker.is_correct("recieve")
    assert "receive" in checker.suggestions("recieve")[:3]
    assert all("'" not in s for s in checker.suggestions("dont’"))
    # Another script is not the English dictionary's to judge.
    assert checker.is_correct("κείμενο")
    assert not checker.knows("κείμενο")


def test_the_personal_dictionary_persists_and_is_plain_text(tmp_path: Path) -> None:
    checker = english(tmp_path)
    assert not checker.is_correct("Quellbrook")
    checker.add_to_personal("Quellbrook")
    assert checker.is_correct("Quellbrook")
    assert (tmp_path / "personal.txt").read_text(encoding="utf-8") == "Quellbrook\n"
    again = english(tmp_path)  # a later session
    assert again.is_correct("Quellbrook")


def test_a_dictionary_added_from_a_file_checks_its_language(tmp_path: Path) -> None:
    data = tmp_path / "data"
    added = install_dictionaries(write_toy(tmp_path / "download"), data)
    assert [d.name for d in added] == ["xx_XX"]
    assert "xx_XX" in [d.name for d in available_dictionaries(data)]
    toy = SpellChecker(added[0], PersonalDictionary(tmp_path / "personal.txt"))
    assert toy.is_correct("brolts")
    assert toy.is_correct("vinna")
    assert not toy.is_correct("brolx")


def test_dictionaries_install_from_a_folder_and_an_extension(tmp_path: Path) -> None:
    write_toy(tmp_path / "folder" / "nested", "yy_YY")
    assert [d.name for d in install_dictionaries(tmp_path / "folder", tmp_path / "d1")] == [
        "yy_YY"]
    write_toy(tmp_path / "ext", "zz_ZZ")
    oxt = tmp_path / "dict-zz.oxt"
    with zipfile.ZipFile(oxt, "w") as archive:
        for path in (tmp_path / "ext").iterdir():
            archive.write(path, f"dictionaries/{path.name}")
        archive.writestr("../../evil.dic", "x")  # flattened: never written outside
    assert [d.name for d in install_dictionaries(oxt, tmp_path / "d2")] == ["zz_ZZ"]
    assert not (tmp_path / "evil.dic").exists()


def test_what_is_not_a_dictionary_says_what_to_do(tmp_path: Path) -> None:
    lone = tmp_path / "lone.dic"
    lone.write_text("1\nword\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"lone\.aff"):
        install_dictionaries(lone, tmp_path / "data")
    note = tmp_path / "notes.txt"
    note.write_text("hello", encoding="utf-8")
    with pytest.raises(DictionaryError, match="not a dictionary"):
        install_dictionaries(note, tmp_path / "data")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DictionaryError, match="No dictionary"):
        install_dictionaries(tmp_path / "empty", tmp_path / "data")


def test_the_language_is_guessed_among_installed_dictionaries(tmp_path: Path) -> None:
    checker = english(tmp_path)
    install_dictionaries(write_toy(tmp_path / "toy"), tmp_path / "data")
    toy = SpellChecker(available_dictionaries(tmp_path / "data")[0],
                       PersonalDictionary(tmp_path / "p.txt"))
    candidates = [("en_US", checker.knows), ("xx_XX", toy.knows)]
    prose = ("The ferry left the harbour at noon, and nobody on the quay waved. "
             "She watched it go until the grey water closed behind it. ") * 3
    assert guess_language(prose, candidates) == "en_US"
    assert guess_language("brolt vinna quessa brolts " * 5, candidates) == "xx_XX"
    assert guess_language("Too short.", candidates) is None
    assert guess_language("他看见了大海。她笑了。" * 20, candidates) is None
    assert guess_language("Съешь же ещё этих мягких французских булок " * 4, candidates) is None


BRITISH = ("The colour of the harbour changed as the organisation's boats came in. She "
           "realised that her favourite neighbour had gone to the theatre in the centre "
           "of town, and the grey sky promised rain before the travellers arrived.")
AMERICAN = ("The color of the harbor changed as the organization's boats came in. She "
            "realized that her favorite neighbor had gone to the theater in the center "
            "of town, and the gray sky promised rain before the travelers arrived.")


def test_british_english_ships_and_the_guess_tells_it_from_american(tmp_path: Path) -> None:
    from writer_app.resources import resource_path

    service = SpellingService(tmp_path / "config", tmp_path / "data",
                              resource_path("dictionaries"))
    names = [d.name for d in service.dictionaries()]
    assert {"en_US", "en_GB"} <= set(names)
    assert service.guess(BRITISH) == "en_GB"
    assert service.guess(AMERICAN) == "en_US"
    british = service.checker("en_GB")
    assert british is not None
    assert british.knows("colour")
    assert not british.knows("color")
