"""Take the README's screenshots of a Markdown draft with a spelling mistake, its
outline, and a real ghost-text suggestion from the embedded model, in the light and the
dark theme: the real window and the real engine.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshot_writing_desk.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_chinese import wait_until  # beside this script

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (
    "# The Ferry at Orrin\n\n## Chapter One\n\n"
    "The ferry left at noon, and *nobody* on the quay waved. Mara stood at the rail with "
    "her father's letter folded twice in her pokcet, the way he had **always** folded "
    "them.\n\n"
    "> The sea keeps what you give it, and returns what it chooses.\n\n"
    "She had read it so often that the paper was soft as cloth, and the words were no "
    "longer words but a shape she knew by heart. The gulls followd the wake until the\n")


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="writer-desk-"))
    os.environ["LOCAL_WRITER_HOME"] = str(home)
    app = QApplication(sys.argv)
    from writer_app.ui.i18n import install_translations

    install_translations(app, "en")  # "84 words", not the source text's "word(s)"
    from writer_app.app import app_paths
    from writer_app.core.settings import Settings
    from writer_app.ui.bridge.engine_bridge import EngineBridge
    from writer_app.ui.bridge.engine_service import EngineState
    from writer_app.ui.window.main_window import MainWindow

    draft = home / "the-ferry.md"
    draft.write_text(DRAFT, encoding="utf-8")
    for theme in ("light", "dark"):
        window = MainWindow(Settings(suggestions_enabled=False, theme=theme), app_paths(),
                            EngineBridge())
        window.documents.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        window.resize(1100, 620)
        window.set_theme(theme)
        window.show()
        window.documents.open_path(draft)
        window.outline.show()
        window.models.start_engine()
        wait_until(lambda w=window: w.bridge.state is EngineState.READY)
        cursor = window.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.deletePreviousChar()  # the last newline: write on at the end of the line
        window.editor.setTextCursor(cursor)
        window.suggestions.request_now()
        wait_until(lambda w=window: w.suggestions.suggestion is not None
                   and w.suggestions.suggestion.finished and w.editor.ghost_text() != "")
        wait_until(lambda w=window: not w.editor.decorations.pending())
        app.processEvents()
        out = ROOT / "resources" / "screenshots" / f"spelling-markdown-{theme}.png"
        window.grab().save(str(out))
        print(out, repr(window.editor.ghost_text()))
        # Focus mode, on the paragraph being written.
        window.editor.clear_ghost()
        window.outline.hide()
        window.focus.enter()
        wait_until(lambda w=window: w.isFullScreen() and not w.editor.decorations.pending())
        app.processEvents()
        out = ROOT / "resources" / "screenshots" / f"focus-mode-{theme}.png"
        window.grab().save(str(out))
        print(out)
        window.focus.leave()
        window.bridge.shutdown()
        window.close()


if __name__ == "__main__":
    main()
