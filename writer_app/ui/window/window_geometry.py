"""The window opens where the writer left it: its size and place, kept as Qt saves them.

Qt's restoreGeometry moves a window whose screen is gone (a laptop away from its
monitor) back onto one that is there."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget


def window_geometry(window: QWidget) -> str:
    """Return the window's size and place, as text for the settings file."""
    return bytes(window.saveGeometry().toBase64().data()).decode("ascii")


def restore_window_geometry(window: QWidget, saved: str) -> bool:
    """Put the window back as `saved` says; return False (leaving it as it is) when there
    is nothing saved or Qt cannot read it."""
    if not saved:
        return False
    return window.restoreGeometry(QByteArray.fromBase64(saved.encode("utf-8")))
