"""Chinese, Japanese and Korean text is drawn in a serif CJK font of the writer's
language, not in whatever fallback the system picks (the setup installs Noto Serif CJK
on Linux)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextLayout
from pytestqt.qtbot import QtBot

from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.editor.writing_fonts import (
    CJK_WRITING_FONTS,
    LATIN_WRITING_FONTS,
    writing_fonts,
)


def families_drawing(editor: GhostTextEdit, text: str) -> set[str]:
    """Return the fonts Qt draws `text` with in the editor's font."""
    layout = QTextLayout(text, editor.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


SERIF_CJK = {font for fonts in CJK_WRITING_FONTS.values() for font in fonts}


@pytest.mark.parametrize(("language", "text"), [
    ("zh_CN", "老灯塔守护人爬上台阶，他看见了大海。"),
    ("ja_JP", "灯台守の老人は階段を上った。"),
    ("ko_KR", "등대지기는 계단을 올라갔다."),
    ("zh_TW", "老燈塔守護人爬上臺階。"),
])
def test_cjk_text_is_drawn_in_a_serif_cjk_font(qtbot: QtBot, language: str,
                                               text: str) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(language))
    try:
        editor = GhostTextEdit()
        qtbot.addWidget(editor)
        fonts = writing_fonts(language)
        assert fonts[:len(LATIN_WRITING_FONTS)] == LATIN_WRITING_FONTS
        key = language[:2] if language[:2] in ("ja", "ko") else language
        assert fonts[len(LATIN_WRITING_FONTS)] == CJK_WRITING_FONTS[key][0]
        drawn = families_drawing(editor, text)
        assert drawn
        assert drawn - {"DejaVu Serif"} <= SERIF_CJK, drawn  # punctuation: Latin font
    finally:
        QLocale.setDefault(previous)


def test_latin_text_keeps_its_reading_font(qtbot: QtBot) -> None:
    editor = GhostTextEdit()
    qtbot.addWidget(editor)
    editor.show()
    drawn = families_drawing(editor, "The old keeper 老人")
    assert drawn & SERIF_CJK
    assert drawn - SERIF_CJK <= {"DejaVu Serif", "Noto Serif", "Liberation Serif"}
    for fonts in CJK_WRITING_FONTS.values():
        assert set(fonts) <= set(writing_fonts("en"))
