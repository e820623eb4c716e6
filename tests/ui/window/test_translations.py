"""The interface in the writer's language: every string a writer sees goes through Qt's
translation system, every shipped translation has every string, the .qm files are built
from the .ts files, and the real window speaks Simplified Chinese when asked to."""

from __future__ import annotations

import ast
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import answer_dialogs
from writer_app.app import app_paths
from writer_app.core.settings import Settings
from writer_app.ui.i18n import LANGUAGES, install_translations
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
    r"^(?:[\s\d.,:;·…—–/()%+\-<>=]|<b>|</b>|Ctrl|Shift|Alt|Tab|Esc|Enter|Space|F\d+|"
    r"Local Writer|Gemma|GGUF|gguf|llama\.cpp|Hugging Face|Hub|GPU|CPU|CUDA|Metal|Vulkan|"
    r"API|MB|GB|ms|s|UTF-8|UTF-16|LF|CRLF|CR|BOM|Windows-1252|Markdown|http|https|"
    r"localhost|local|workstation|Top-p|Top-k|Fusion|qwen|instruct|Q\d_K_M|Q\d\w*|"
    r"ZH|EN|English|简体中文|[^\x00-\x7f])*$")


def tx_strings() -> set[tuple[str, str]]:
    """Every (context, source) the code passes to tx(), and self.tr() in its class."""
    found: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for node in ast.walk(cls):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "tr" and node.args
                        and isinstance(node.args[0], ast.Constant)):
                    found.add((cls.name, node.args[0].value))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tx", "said") and len(node.args) >= 2
                    and all(isinstance(a, ast.Constant) for a in node.args[:2])):
                found.add((node.args[0].value, node.args[1].value))
    return found


def ts_messages(path: Path) -> dict[tuple[str, str], list[str]]:
    """Return each message of a .ts file with its finished translations ([] if none)."""
    messages: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(path).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            forms = [f.text or "" for f in translation.findall("numerusform")] or [
                translation.text or ""]
            key = (name, message.findtext("source") or "")
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
        for (_context, source), forms in messages.items():
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
    for path in sorted((PACKAGE / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in SINKS:
                continue
            untranslated += [f"{path.name}:{node.lineno}: {ast.unparse(arg)[:60]}"
                             for arg in _text_arguments(node) if _is_prose(arg)]
    assert untranslated == []


def visible_texts(widget: QWidget) -> list[str]:
    """Return the texts a writer can read in `widget`, its children and its menus."""
    texts: list[str] = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        texts.append(child.toolTip())
    return texts


def menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts.append(action.text())
        if action.menu() is not None:
            texts += menu_texts(action.menu())  # type: ignore[arg-type]
    return texts


NAMES = re.compile(
    r"Local Writer|Gemma|GGUF|gguf|llama\.cpp|Hugging Face|Hub|GPU|CPU|CUDA|Metal|Vulkan|API|"
    r"UTF-8|Windows-1252|Markdown|https?://\S*|Top-p|Top-k|qwen instruct|Ctrl|Shift|Alt|Tab|"
    r"Esc|Enter|English|txt|markdown|text|Fusion|OpenAI|backups|sampling|[A-Z]\w*\.gguf|\(&\w\)|&\w")


def english_left(texts: list[str]) -> list[str]:
    """Return the texts that still hold English words once names are taken out (a
    language is named in its own words: the system's, in the language box)."""
    from writer_app.ui.i18n import interface_locale

    english = re.compile(r"[A-Za-z]{3,}")
    own_name = interface_locale("").nativeLanguageName()
    return sorted({t for t in texts
                   if english.search(NAMES.sub("", t.replace(own_name, "")))})


@pytest.fixture
def chinese(qapp: QApplication) -> object:
    install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def test_the_window_speaks_simplified_chinese(qtbot: QtBot, writer_home: Path,
                                              chinese: object) -> None:
    from tests.ui.fakes import FakeBridge

    window = MainWindow(Settings(suggestions_enabled=False), app_paths(),
                        FakeBridge())  # type: ignore[arg-type]
    answer_dialogs(window)
    qtbot.addWidget(window)
    window.show()
    window.tasks_menu.rebuild()
    texts: list[str] = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            texts += menu_texts(action.menu())  # type: ignore[arg-type]
    assert "文件(&F)" in texts
    assert "续写" in texts  # a shipped template's name
    window.editor.setPlainText("老灯塔守护人爬上台阶。")
    window.status.show_counts("老灯塔守护人爬上台阶。")
    qtbot.waitUntil(lambda: window.status.counts_label.text() == "11 字")
    texts += visible_texts(window)
    preferences = PreferencesDialog(Settings(), window.api_keys, window)
    qtbot.addWidget(preferences)
    texts += visible_texts(preferences)
    assert "界面语言：" in texts
    manager = window.models.show_model_manager()
    assert isinstance(manager, ModelManager)
    texts += visible_texts(manager)
    assert english_left(texts) == []


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
