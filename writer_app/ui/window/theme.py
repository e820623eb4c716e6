"""Light and dark palettes for writing, following the system unless the writer chooses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Warm paper and soft ink for long sessions; the dark theme avoids pure black and white.
_COLORS = {
    "light": {
        "window": "#f3f1ec", "base": "#fbfaf7", "text": "#1f1e1c", "ghost": "#9a968d",
        "highlight": "#c9dcf2", "highlighted_text": "#1f1e1c", "button": "#ebe8e1",
        "mid": "#d6d2c8",
    },
    "dark": {
        "window": "#1b1c1f", "base": "#222327", "text": "#dedad2", "ghost": "#7b7872",
        "highlight": "#3d5a80", "highlighted_text": "#f2efe8", "button": "#2c2d31",
        "mid": "#3a3b40",
    },
}


def effective_scheme(choice: str) -> str:
    """Return "light" or "dark" for a choice of "system", "light" or "dark"."""
    if choice in ("light", "dark"):
        return choice
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def build_palette(scheme: str) -> QPalette:
    colors = {name: QColor(value) for name, value in _COLORS[scheme].items()}
    palette = QPalette()
    role = QPalette.ColorRole
    for roles, color in (
        ((role.Window,), colors["window"]),
        ((role.Base, role.AlternateBase, role.ToolTipBase), colors["base"]),
        ((role.WindowText, role.Text, role.ButtonText, role.ToolTipText, role.BrightText),
         colors["text"]),
        ((role.Button,), colors["button"]),
        ((role.Mid, role.Midlight, role.Dark, role.Shadow), colors["mid"]),
        ((role.Highlight,), colors["highlight"]),
        ((role.HighlightedText,), colors["highlighted_text"]),
        ((role.PlaceholderText,), colors["ghost"]),
    ):
        for each in roles:
            palette.setColor(each, color)
    disabled = QColor(colors["ghost"])
    for each in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, each, disabled)
    return palette


def apply_theme(app: QApplication, choice: str) -> str:
    """Apply the palette for `choice` to the whole app; return the scheme applied."""
    scheme = effective_scheme(choice)
    app.setStyle("Fusion")
    app.setPalette(build_palette(scheme))
    return scheme
