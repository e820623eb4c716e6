"""Markdown that looks like what it means, in `.md` files: headings larger and bold,
emphasis, strong, code in a fixed-width font, quotes, lists and links, with the marks
that make them dimmed (never hidden: what is on screen is what is in the file).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat

from writer_app.core.markdown_spans import Kind, line_spans
from writer_app.ui.text_positions import Decoration

# Heading sizes against the writing font, by level.
HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.2, 4: 1.1, 5: 1.05, 6: 1.0}
_COLORS = {
    "light": {"mark": "#a29d93", "link": "#2f6aa8", "code": "#5b4a3a"},
    "dark": {"mark": "#77746d", "link": "#7eb6f0", "code": "#d9c3a5"},
}


class MarkdownSource:
    """Format a line of Markdown by what it means; off for plain text files."""

    def __init__(self, base_font: QFont) -> None:
        self.enabled = False
        self._base_size = base_font.pointSizeF() if base_font.pointSizeF() > 0 else 13.0
        self._formats: dict[tuple[Kind, int], QTextCharFormat] = {}
        self.set_scheme("light")

    def set_scheme(self, scheme: str) -> None:
        """Take the colours of the "light" or "dark" theme."""
        colors = {name: QColor(value) for name, value in _COLORS.get(scheme, _COLORS["light"])
                  .items()}
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families()
        formats: dict[tuple[Kind, int], QTextCharFormat] = {}
        for level, scale in HEADING_SCALE.items():
            heading = QTextCharFormat()
            heading.setFontWeight(QFont.Weight.Bold)
            heading.setFontPointSize(self._base_size * scale)
            formats[(Kind.HEADING, level)] = heading
        mark = QTextCharFormat()
        mark.setForeground(colors["mark"])
        formats[(Kind.MARK, 0)] = mark
        strong = QTextCharFormat()
        strong.setFontWeight(QFont.Weight.Bold)
        formats[(Kind.STRONG, 0)] = strong
        emphasis = QTextCharFormat()
        emphasis.setFontItalic(True)
        formats[(Kind.EMPHASIS, 0)] = emphasis
        strike = QTextCharFormat()
        strike.setFontStrikeOut(True)
        formats[(Kind.STRIKE, 0)] = strike
        code = QTextCharFormat()
        code.setFontFamilies(fixed)
        code.setForeground(colors["code"])
        formats[(Kind.CODE, 0)] = code
        quote = QTextCharFormat()
        quote.setFontItalic(True)
        formats[(Kind.QUOTE, 0)] = quote
        list_mark = QTextCharFormat()
        list_mark.setFontWeight(QFont.Weight.Bold)
        list_mark.setForeground(colors["link"])
        formats[(Kind.LIST_MARK, 0)] = list_mark
        link = QTextCharFormat()
        link.setForeground(colors["link"])
        link.setFontUnderline(True)
        formats[(Kind.LINK, 0)] = link
        target = QTextCharFormat(mark)
        formats[(Kind.LINK_TARGET, 0)] = target
        self._formats = formats

    def formats(self, text: str, cursor: int, in_code: bool = False) -> list[Decoration]:
        if not self.enabled:
            return []
        return [Decoration(span.start, span.start + span.length,
                           self._formats[(span.kind, span.level)])
                for span in line_spans(text, in_code) if span.length > 0]
