"""Where the writer left each document: the cursor and the first paragraph on screen,
kept in the settings for the recent files and given back when the document opens."""

from __future__ import annotations

from pathlib import Path

from writer_app.core.settings import Settings
from writer_app.core.utf16_positions import index_at, position_at
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text


def remember_place(editor: GhostTextEdit, settings: Settings, path: Path) -> None:
    """Keep where the writer is in `path`'s text, as a character index (not a Qt
    position, which counts an emoji twice) and a paragraph number."""
    text = document_text(editor)
    cursor = index_at(text, editor.textCursor().position())
    settings.remember_place(path.resolve(), cursor, editor.firstVisibleBlock().blockNumber())


def restore_place(editor: GhostTextEdit, settings: Settings, path: Path) -> None:
    """Put the cursor and the page back where the writer left `path`, if known."""
    place = settings.document_places.get(str(path.resolve()))
    if place is None:
        return
    text = document_text(editor)
    cursor = editor.textCursor()
    cursor.setPosition(position_at(text, min(place[0], len(text))))
    editor.setTextCursor(cursor)
    editor.verticalScrollBar().setValue(place[1])
