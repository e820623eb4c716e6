"""`writer-app --self-test`: prove an installed app works, offline, without a display.

Run by the installer builds on the frozen app: it prepares the embedded model, loads it
in the engine process, generates a few tokens, opens and closes the main window
offscreen, and reads the interface's Chinese translation and Qt's own. Each step prints
one line; the exit status is 0 only when all pass.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

PROMPT = "The lighthouse keeper climbed the stairs and"


def _model_file() -> str:
    from writer_app.core.default_model import bundled_model_path, ensure_default_model
    from writer_app.paths import app_paths

    path = ensure_default_model(app_paths().data_dir)
    where = "in the app's bundle" if path == bundled_model_path() else "in the data folder"
    return f"{path.name}, {path.stat().st_size:,} bytes, {where}"


def _generation() -> str:
    from writer_app.engine.client.blocking_engine import BlockingEngine, EngineExitedError
    from writer_app.engine.protocol import Piece, Sampling
    from writer_app.paths import app_paths

    with BlockingEngine(timeout_s=300) as engine:
        try:
            loaded = engine.load(None, app_paths().data_dir)
            request_id = engine.start(PROMPT, Sampling(max_tokens=8, temperature=0.0))
            text = "".join(m.text for m in engine.stream(request_id) if isinstance(m, Piece))
        except EngineExitedError as exc:
            # What the engine printed last (a crash's stack, from faulthandler) says where.
            raise EngineExitedError(f"{exc}; it printed last:\n{engine.client.stderr_tail()}",
                                    exc.returncode) from exc
    if not text.strip():
        raise RuntimeError("the model wrote nothing")
    return f"{loaded.backend}, {loaded.build}, wrote {text!r}"


def _window() -> str:
    from PySide6.QtWidgets import QApplication

    from writer_app.app import app_paths, create_window
    from writer_app.ui.bridge.engine_bridge import EngineBridge

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = create_window(app_paths(), EngineBridge())
    window.show()
    app.processEvents()
    title = window.windowTitle()
    window.close()
    app.processEvents()
    return f"{title!r} on {QApplication.platformName()}"


def _translations() -> str:
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from writer_app.ui.i18n import install_translations, tx

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translations(app, "zh_CN")
    try:
        menu = tx("Menus", "&File")
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        button = cancel.buttons()[0].text()  # Qt's own translation
    finally:
        install_translations(app, "")
    if (menu, button) != ("文件(&F)", "取消"):
        raise RuntimeError(f"Simplified Chinese not found: {menu!r}, {button!r}")
    return f"Simplified Chinese: {menu!r}, Qt's {button!r}"


def _spelling() -> str:
    from writer_app.core.spelling.dictionaries import available_dictionaries
    from writer_app.core.spelling.personal_dictionary import PersonalDictionary
    from writer_app.core.spelling.spell_checker import SpellChecker
    from writer_app.paths import app_paths

    paths = app_paths()
    english = next((d for d in available_dictionaries(paths.data_dir) if d.name == "en_US"),
                   None)
    if english is None:
        raise RuntimeError("the English dictionary is missing")
    checker = SpellChecker(english, PersonalDictionary(paths.config_dir / "none.txt"))
    if not checker.is_correct("receive") or checker.is_correct("recieve"):
        raise RuntimeError("the English dictionary checks words wrongly")
    return f"{english.name}: 'recieve' → {checker.suggestions('recieve')[0]!r}"


def _export() -> str:
    from PySide6.QtWidgets import QApplication

    from writer_app.export.export_options import ExportFormat, ExportOptions
    from writer_app.export.exporter import export_bytes

    QApplication.instance() or QApplication(sys.argv[:1])
    text = "# Title\n\nSome *emphasis*.\n"
    sizes = []
    for to in (ExportFormat.DOCX, ExportFormat.ODT, ExportFormat.PDF):
        data = export_bytes(text, True, ExportOptions(format=to))
        if not data.startswith(b"PK" if to is not ExportFormat.PDF else b"%PDF"):
            raise RuntimeError(f"the {to.value} export is not a {to.value} file")
        sizes.append(f"{to.value} {len(data):,} bytes")
    return ", ".join(sizes)


STEPS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("embedded model", _model_file),
    ("generation", _generation),
    ("main window", _window),
    ("translations", _translations),
    ("spelling", _spelling),
    ("export", _export),
)


def run_self_test() -> int:
    """Run each step, print what it found, and return 0 if all passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    for name, step in STEPS:
        started = time.perf_counter()
        try:
            detail = step()
        except Exception as exc:  # a self-test reports every failure and goes on
            failed += 1
            print(f"self-test: {name}: FAILED: {type(exc).__name__}: {exc}", flush=True)
            continue
        print(f"self-test: {name}: ok ({time.perf_counter() - started:.1f} s): {detail}",
              flush=True)
    print(f"self-test: {'passed' if not failed else f'{failed} failed'}", flush=True)
    return 1 if failed else 0
