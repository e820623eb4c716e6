"""How text that is painted but not written looks: ghost text, and a task's proposal."""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextCharFormat


def ghost_format(palette: QPalette) -> QTextCharFormat:
    """Ghost text: in the colour of a placeholder, quieter than the writer's text."""
    text_format = QTextCharFormat()
    text_format.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
    return text_format


def proposal_format(palette: QPalette) -> QTextCharFormat:
    """A proposal: the writer's text colour on a light wash of the selection colour."""
    text_format = QTextCharFormat()
    highlight = palette.color(QPalette.ColorRole.Highlight)
    highlight.setAlpha(90)
    text_format.setBackground(highlight)
    return text_format
