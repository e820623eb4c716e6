"""The interface in the writer's language, through Qt's translation system.

Every string a writer sees is written as `tx("Context", "English text")` (or, for a
count, `self.tr("%n word(s)", "", n)` inside a class): `tx` is QCoreApplication.translate
under a short name that `pyside6-lupdate` is told about (`-tr-function-alias
translate+=tx`), so the extraction finds every string with its context written out,
never guessed. Texts with values use named fields filled after translation:
`tx("MainWindow", "Saved {name}").format(name=...)`, so a translation may move them.

The translations live in resources/translations: `local_writer_<language>.ts` (edited
with Qt Linguist or by hand) and the `.qm` that `pyside6-lrelease` builds from it. See
`packaging/update_translations.py` to add a language or refresh the files.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from writer_app.core.said import Said
from writer_app.resources import resource_path

tx = QCoreApplication.translate

# The languages the interface is translated into, by locale name, with their own
# names (a writer looks for their language written in it). "" follows the system.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
CATALOGUE = "local_writer"

_installed: list[QTranslator] = []


def interface_locale(choice: str) -> QLocale:
    """Return the locale of the interface: the writer's choice, or the system's (English
    where the system names none, as the C locale does)."""
    locale = QLocale(choice) if choice else QLocale.system()
    if locale.language() == QLocale.Language.C:
        return QLocale("en_US")
    return locale


def install_translations(app: QCoreApplication, choice: str = "") -> QLocale:
    """Load the app's and Qt's own translations for `choice` ("" for the system's
    language) and make that locale the default; return it. A language without a
    translation shows the English interface."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = interface_locale(choice)
    QLocale.setDefault(locale)
    folder = str(resource_path("translations"))
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in ((CATALOGUE, folder), ("qtbase", qt_folder)):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where):
            app.installTranslator(translator)
            _installed.append(translator)
    return locale


def translated_languages() -> dict[str, str]:
    """Return the languages offered in Preferences: "" (the system's) and each
    translation shipped, by its own name."""
    locale = interface_locale("")
    system = tx("Preferences", "System language ({name})").format(
        name=locale.nativeLanguageName() or locale.name())
    return {"": system, **LANGUAGES}


def say(message: object) -> str:
    """Return a message from the core, the engine or the hub (a Said, or an exception
    carrying one) in the interface's language; any other text as it is."""
    if isinstance(message, BaseException):
        message = message.args[0] if message.args and isinstance(message.args[0], Said) \
            else str(message)
    if not isinstance(message, Said):
        return str(message)
    translated = tx(message.context, message.template)
    values = {key: say(value) for key, value in message.values.items()}
    try:
        return translated.format(**values) if values else translated
    except (KeyError, IndexError, ValueError):
        return str(message)  # a translation that lost a field: English beats nothing
