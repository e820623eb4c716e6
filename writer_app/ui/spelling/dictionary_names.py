"""Dictionaries by the names writers know them: their language, named in the
interface's language ("英语（美国）" in Chinese, "English (United States)" in English)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from writer_app.core.language_names import language_name
from writer_app.core.spelling.dictionaries import Dictionary


def _language_words(code: str) -> str:
    """Name the language `code` in the interface's language; where ICU is missing, in
    its own (Qt knows no other); the code itself where no one knows it."""
    named = language_name(code, QLocale().name())
    if named:
        return named
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return ""
    language = locale.nativeLanguageName() or QLocale.languageToString(locale.language())
    territory = locale.nativeTerritoryName()
    return f"{language} ({territory})" if territory and "_" in code else language


def dictionary_label(dictionary: Dictionary) -> str:
    """Return "German (Germany), frami" for de_DE_frami; the file's name where no one
    knows such a language."""
    label = _language_words(dictionary.language)
    if not label:
        return dictionary.name
    variant = dictionary.name[len(dictionary.language):].strip("_-")
    return f"{label}, {variant}" if variant else label


def short_label(dictionary: Dictionary) -> str:
    """Return the status bar's name of a dictionary: its language ("英语（美国）"), not a
    code ("EN-US") that reads the same in every language."""
    return _language_words(dictionary.language) or dictionary.name
