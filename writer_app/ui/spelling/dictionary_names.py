"""Dictionaries by the names writers know them: their language in that language."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from writer_app.core.spelling.dictionaries import Dictionary


def dictionary_label(dictionary: Dictionary) -> str:
    """Return "Deutsch (Deutschland)" for de_DE_frami; the file's name where Qt knows
    no such language."""
    locale = QLocale(dictionary.language)
    if locale.language() == QLocale.Language.C:
        return dictionary.name
    language = locale.nativeLanguageName() or QLocale.languageToString(locale.language())
    territory = locale.nativeTerritoryName()
    label = f"{language} ({territory})" if territory and "_" in dictionary.language else language
    variant = dictionary.name[len(dictionary.language):].strip("_-")
    return f"{label}, {variant}" if variant else label


def short_label(dictionary: Dictionary) -> str:
    """Return the status bar's few letters: "EN-US", "DE-DE"."""
    return dictionary.language.replace("_", "-").upper()
