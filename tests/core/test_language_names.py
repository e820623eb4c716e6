"""Languages named in the interface's language, through ICU."""

from __future__ import annotations

import pytest

from writer_app.core import language_names, word_breaks
from writer_app.core.language_names import language_name


def test_icu_is_here() -> None:
    assert word_breaks.backend().startswith("ICU ")


@pytest.mark.parametrize(("code", "in_language", "name"), [
    ("en_US", "zh_CN", "英语（美国）"),
    ("de_DE", "zh_CN", "德语（德国）"),
    ("de", "zh_CN", "德语"),
    ("en_US", "en_US", "English (United States)"),
    ("pt_BR", "en", "Portuguese (Brazil)"),
])
def test_a_language_is_named_in_another(code: str, in_language: str, name: str) -> None:
    assert language_name(code, in_language) == name


def test_an_unknown_code_has_no_name() -> None:
    assert language_name("xx_YY", "zh_CN") == ""
    assert language_name("", "zh_CN") == ""


def test_without_icu_there_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_names, "_display_name", None)  # not bound yet
    monkeypatch.setattr(language_names, "icu_function", lambda _name: None)
    assert language_name("en_US", "zh_CN") == ""
